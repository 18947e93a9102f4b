#!/usr/bin/env bash
# Benchmarks `flashpoint build` against `hugo` on generated corpora.
#
#   bench/run.sh                      # sizes 1000 10000 50000
#   SIZES="1000 10000" bench/run.sh   # choose the sizes
#
# Environment knobs: SIZES, RUNS (hyperfine runs, default 5), WARMUP (default 1),
# TIME_RUNS (/usr/bin/time runs per tool, default 3), SEED (default 42),
# WORKDIR (default: a fresh folder on /dev/shm when available, else $TMPDIR).
#
# Needs only apt (for hyperfine, hugo and time, installed when missing) and cargo.
# Logs and JSON exports stay in WORKDIR, never in the repository.
set -euo pipefail

SIZES=${SIZES:-"1000 10000 50000"}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
TIME_RUNS=${TIME_RUNS:-3}
SEED=${SEED:-42}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { printf '[bench] %s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------
need_apt=()
command -v hyperfine >/dev/null 2>&1 || need_apt+=(hyperfine)
command -v hugo >/dev/null 2>&1 || need_apt+=(hugo)
[ -x /usr/bin/time ] || need_apt+=(time)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
    log "installing ${need_apt[*]} with apt-get"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# --- work folder (tmpfs when available) -------------------------------------
if [ -z "${WORKDIR:-}" ]; then
    if [ -d /dev/shm ] && [ -w /dev/shm ]; then
        WORKDIR=$(mktemp -d /dev/shm/flashpoint-bench.XXXXXX)
    else
        WORKDIR=$(mktemp -d "${TMPDIR:-/tmp}/flashpoint-bench.XXXXXX")
    fi
fi
mkdir -p "$WORKDIR/logs"
log "work folder: $WORKDIR"

# --- build -----------------------------------------------------------------
log "building flashpoint and the corpus generator (release)"
(cd "$repo" && cargo build --release --quiet && cargo build --release --quiet --example gen_corpus) \
    >"$WORKDIR/logs/cargo.log" 2>&1 || { cat "$WORKDIR/logs/cargo.log" >&2; exit 1; }
target_dir=$(cd "$repo" && cargo metadata --format-version 1 --no-deps 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])' \
    || echo "$repo/target")
flashpoint="$target_dir/release/flashpoint"
gen="$target_dir/release/examples/gen_corpus"

hugo_version=$(hugo version 2>/dev/null | head -1)
log "hugo: $hugo_version"
log "hyperfine: $(hyperfine --version)"
log "cpus: $(nproc), $(uname -srm)"

corpus_shape() { # size -> "actors events"
    case "$1" in
        1000) echo "100 2000" ;;
        10000) echo "500 20000" ;;
        50000) echo "500 20000" ;;
        *)
            local events=$(($1 * 2))
            [ "$events" -gt 20000 ] && events=20000
            local actors=$(($1 / 10))
            [ "$actors" -gt 500 ] && actors=500
            [ "$actors" -lt 10 ] && actors=10
            echo "$actors $events"
            ;;
    esac
}

# Runs a command TIME_RUNS times under /usr/bin/time -v; prints "wall cpu peak_mb" medians.
measure() {
    local name=$1
    shift
    local files=()
    for i in $(seq 1 "$TIME_RUNS"); do
        local f="$WORKDIR/logs/$name.time.$i"
        /usr/bin/time -v -o "$f" "$@" >"$WORKDIR/logs/$name.out.$i" 2>&1 || {
            echo "command failed: $*" >&2
            cat "$WORKDIR/logs/$name.out.$i" >&2
            exit 1
        }
        files+=("$f")
    done
    python3 - "${files[@]}" <<'EOF'
import re, statistics, sys

def seconds(text):
    parts = [float(p) for p in text.split(":")]
    total = 0.0
    for p in parts:
        total = total * 60 + p
    return total

walls, cpus, peaks = [], [], []
for path in sys.argv[1:]:
    t = open(path).read()
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", t).group(1))
    sys_ = float(re.search(r"System time \(seconds\): ([\d.]+)", t).group(1))
    wall = seconds(re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", t).group(1))
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
    walls.append(wall); cpus.append(user + sys_); peaks.append(peak / 1024)
print(f"{statistics.median(walls):.3f} {statistics.median(cpus):.3f} {statistics.median(peaks):.1f}")
EOF
}

results="$WORKDIR/results.tsv"
: >"$results"

for size in $SIZES; do
    read -r actors events <<<"$(corpus_shape "$size")"
    site="$WORKDIR/s$size/flashpoint"
    hsite="$WORKDIR/s$size/hugo"
    out="$WORKDIR/s$size/out-flashpoint"
    hout="$WORKDIR/s$size/out-hugo"
    log "size $size: generating ($actors actors, $events events)"
    "$gen" --stories "$size" --actors "$actors" --events "$events" --seed "$SEED" \
        --out "$site" --hugo "$hsite" 2>>"$WORKDIR/logs/gen.log"

    log "size $size: flashpoint check"
    if ! "$flashpoint" check --root "$site" >"$WORKDIR/logs/check-$size.log" 2>&1; then
        tail -n 40 "$WORKDIR/logs/check-$size.log" >&2
        log "flashpoint check failed on the $size corpus (log: $WORKDIR/logs/check-$size.log)"
        exit 1
    fi
    tail -n 1 "$WORKDIR/logs/check-$size.log" >&2

    fp_cmd="$flashpoint build --root $site --output $out"
    hugo_cmd="hugo --source $hsite --destination $hout --quiet"
    # One untimed build each so the outputs (and page counts) exist and errors surface early.
    $fp_cmd >"$WORKDIR/logs/fp-first-$size.log" 2>&1 || { cat "$WORKDIR/logs/fp-first-$size.log" >&2; exit 1; }
    $hugo_cmd >"$WORKDIR/logs/hugo-first-$size.log" 2>&1 || { cat "$WORKDIR/logs/hugo-first-$size.log" >&2; exit 1; }
    fp_pages=$(find "$out" -name '*.html' | wc -l)
    hugo_pages=$(find "$hout" -name '*.html' | wc -l)
    log "size $size: flashpoint writes $fp_pages HTML files, hugo $hugo_pages"

    log "size $size: hyperfine ($WARMUP warmup, $RUNS runs)"
    hyperfine --warmup "$WARMUP" --runs "$RUNS" --style basic \
        --export-json "$WORKDIR/hyperfine-$size.json" \
        -n flashpoint "$fp_cmd" -n hugo "$hugo_cmd" >"$WORKDIR/logs/hyperfine-$size.log" 2>&1 \
        || { cat "$WORKDIR/logs/hyperfine-$size.log" >&2; exit 1; }
    read -r fp_wall hugo_wall <<<"$(python3 - "$WORKDIR/hyperfine-$size.json" <<'EOF'
import json, statistics, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
print(" ".join(f'{statistics.median(results[n]["times"]):.3f}' for n in ("flashpoint", "hugo")))
EOF
)"

    log "size $size: /usr/bin/time -v ($TIME_RUNS runs each)"
    # shellcheck disable=SC2086
    read -r _ fp_cpu fp_peak <<<"$(measure "fp-$size" $fp_cmd)"
    # shellcheck disable=SC2086
    read -r _ hugo_cpu hugo_peak <<<"$(measure "hugo-$size" $hugo_cmd)"

    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$fp_wall" "$fp_cpu" "$fp_peak" \
        "$hugo_wall" "$hugo_cpu" "$hugo_peak" "$fp_pages" "$hugo_pages" >>"$results"
    rm -rf "$out" "$hout"
done

echo
echo "flashpoint vs hugo — $(nproc) CPUs, $hugo_version"
echo "medians: wall from hyperfine ($RUNS runs, $WARMUP warmup); CPU (user+sys) and peak RSS from /usr/bin/time -v ($TIME_RUNS runs)"
python3 - "$results" <<'EOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
head = ["stories", "fp wall s", "fp CPU s", "fp peak MB", "hugo wall s", "hugo CPU s",
        "hugo peak MB", "fp/hugo wall", "fp pages", "hugo pages"]
table = []
fp_by_size = {}
for size, fw, fc, fm, hw, hc, hm, fpp, hp in rows:
    fp_by_size[int(size)] = float(fw)
    table.append([size, fw, fc, fm, hw, hc, hm, f"{float(fw) / float(hw):.2f}", fpp, hp])
widths = [max(len(r[i]) for r in [head] + table) for i in range(len(head))]
fmt = lambda r: "| " + " | ".join(c.rjust(w) for c, w in zip(r, widths)) + " |"
print(fmt(head))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in table:
    print(fmt(r))
if 10000 in fp_by_size and 50000 in fp_by_size:
    print(f"flashpoint 50k/10k wall time ratio: {fp_by_size[50000] / fp_by_size[10000]:.2f} (5x the stories)")
EOF
echo "logs and JSON exports: $WORKDIR"
