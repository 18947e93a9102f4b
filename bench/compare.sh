#!/usr/bin/env bash
# Compares two flashpoint binaries on one generated corpus, round by round (A, B, A, B, …)
# so that machine noise hits both alike, and prints the median wall time, CPU time and peak
# memory of each with the ratio B/A. Used to show that a change (a refactor, say) is no
# slower than the commit before it.
#
#   bench/compare.sh BASELINE_BINARY [CANDIDATE_BINARY]
#
# CANDIDATE_BINARY defaults to this checkout's release build (built when missing).
# Environment: SIZE (stories, default 10000), SEARCH (full | summaries | off, default full),
# ROUNDS (default 5), SEED (default 42), WORKDIR (default: a fresh folder on /dev/shm).
# Each round times a full build (fresh output, --no-cache) and a no-change rebuild (cache).
set -euo pipefail

baseline=${1:?usage: bench/compare.sh BASELINE_BINARY [CANDIDATE_BINARY]}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZE=${SIZE:-10000}
SEARCH=${SEARCH:-full}
ROUNDS=${ROUNDS:-5}
SEED=${SEED:-42}
if [ -z "${WORKDIR:-}" ]; then
    base=/dev/shm
    [ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
    WORKDIR=$(mktemp -d "$base/flashpoint-compare.XXXXXX")
fi
log() { printf '[compare] %s\n' "$*" >&2; }

(cd "$repo" && cargo build --release --quiet && cargo build --release --quiet --example gen_corpus)
mkdir -p "$WORKDIR/bin"
cp "$baseline" "$WORKDIR/bin/a"
cp "${2:-$repo/target/release/flashpoint}" "$WORKDIR/bin/b"
cp "$repo/target/release/examples/gen_corpus" "$WORKDIR/bin/gen"

actors=$((SIZE / 10)); [ "$actors" -gt 500 ] && actors=500; [ "$actors" -lt 10 ] && actors=10
events=$((SIZE * 2)); [ "$events" -gt 20000 ] && events=20000
site="$WORKDIR/site"
log "generating $SIZE stories, $actors actors, $events events in $WORKDIR"
"$WORKDIR/bin/gen" --stories "$SIZE" --actors "$actors" --events "$events" --seed "$SEED" \
    --out "$site" 2>/dev/null
sed -i "s/^search: .*//" "$site/site.yaml"
printf 'search: %s\n' "$SEARCH" >>"$site/site.yaml"

python3 - "$WORKDIR" "$site" "$ROUNDS" <<'EOF'
import os, shutil, statistics, subprocess, sys, time

workdir, site, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
binaries = {"a": os.path.join(workdir, "bin", "a"), "b": os.path.join(workdir, "bin", "b")}

def run(binary, output, *extra):
    started = time.perf_counter()
    proc = subprocess.Popen([binary, "build", "--root", site, "--output", output, *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        sys.exit(f"{binary} failed: {proc.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024

results = {(name, kind): [] for name in binaries for kind in ("full", "no-change")}
for round_ in range(rounds):
    for name, binary in binaries.items():
        out_parent = os.path.join(workdir, f"out-{name}")
        shutil.rmtree(out_parent, ignore_errors=True)
        os.makedirs(out_parent)
        output = os.path.join(out_parent, "public")
        results[(name, "full")].append(run(binary, output))
        results[(name, "no-change")].append(run(binary, output))
    print(f"[compare] round {round_ + 1} of {rounds} done", file=sys.stderr)

print(f"{'build':<10} {'binary':<10} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}")
for kind in ("full", "no-change"):
    medians = {}
    for name in binaries:
        rows = results[(name, kind)]
        medians[name] = [statistics.median(r[i] for r in rows) for i in range(3)]
        label = "baseline" if name == "a" else "candidate"
        wall, cpu, peak = medians[name]
        print(f"{kind:<10} {label:<10} {wall:>8.2f} {cpu:>8.2f} {peak:>8.0f}")
    ratio = medians["b"][0] / medians["a"][0]
    print(f"{kind:<10} {'ratio b/a':<10} {ratio:>8.2f}")
EOF
