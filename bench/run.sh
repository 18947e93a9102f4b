#!/usr/bin/env bash
# Benchmarks `flashpoint build` against `hugo` on generated corpora: full builds, a
# rebuild with nothing changed and a rebuild after a one-word edit of one story, for each
# search mode.
#
#   bench/run.sh                           # sizes 1000 10000 50000, search modes full and off
#   SIZES="1000 10000" bench/run.sh        # choose the sizes
#   SEARCH_MODES="summaries" bench/run.sh  # choose the search modes (full, summaries, off)
#
# Environment knobs: SIZES, SEARCH_MODES (default "full off"), RUNS (hyperfine runs,
# default 5), WARMUP (default 1), TIME_RUNS (/usr/bin/time runs per command, default 3),
# SEED (default 42), WORKDIR (default: a fresh folder on /dev/shm when available, else $TMPDIR).
#
# Needs only apt (for hyperfine, hugo and time, installed when missing) and cargo.
# Logs and JSON exports stay in WORKDIR, never in the repository.
set -euo pipefail

SIZES=${SIZES:-"1000 10000 50000"}
SEARCH_MODES=${SEARCH_MODES:-"full off"}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
TIME_RUNS=${TIME_RUNS:-3}
SEED=${SEED:-42}
# Places in the corpus (0: none); with more, every event names one to three of them.
PLACES=${PLACES:-0}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { printf '[bench] %s\n' "$*" >&2; }
trap 'log "failed (status $?) at line $LINENO: $BASH_COMMAND"' ERR

for mode in $SEARCH_MODES; do
    case "$mode" in
        full | summaries | off) ;;
        *)
            echo "SEARCH_MODES: unknown search mode '$mode' (full, summaries or off)" >&2
            exit 2
            ;;
    esac
done

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
# Copies, so that another cargo build into the same target folder cannot swap the binary
# in the middle of the measurements.
mkdir -p "$WORKDIR/bin"
cp "$target_dir/release/flashpoint" "$target_dir/release/examples/gen_corpus" "$WORKDIR/bin/"
flashpoint="$WORKDIR/bin/flashpoint"
gen="$WORKDIR/bin/gen_corpus"

hugo_version=$(hugo version 2>/dev/null | head -1)
log "hugo: $hugo_version"
log "hyperfine: $(hyperfine --version)"
log "flashpoint: $(cd "$repo" && git describe --always --dirty 2>/dev/null || echo unknown)," \
    "binary sha256 $(sha256sum "$flashpoint" | cut -c1-12)"
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

# Runs a command TIME_RUNS times under /usr/bin/time -v, each run after the shell command
# PREPARE (untimed; "" for none); prints "wall cpu peak_mb" medians.
measure() {
    local name=$1 prepare=$2
    shift 2
    local files=()
    for i in $(seq 1 "$TIME_RUNS"); do
        local f="$WORKDIR/logs/$name.time.$i"
        if [ -n "$prepare" ]; then
            bash -c "$prepare" >>"$WORKDIR/logs/$name.prepare.log" 2>&1
        fi
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

# Medians (s) of the named commands in a hyperfine JSON export, in the order given.
hyperfine_medians() {
    local json=$1
    shift
    python3 - "$json" "$@" <<'EOF'
import json, statistics, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
print(" ".join(f'{statistics.median(results[n]["times"]):.3f}' for n in sys.argv[2:]))
EOF
}

# Runs a command once, untimed; prints its log and stops if it fails.
run_once() {
    local name=$1
    shift
    "$@" >"$WORKDIR/logs/$name.log" 2>&1 || {
        cat "$WORKDIR/logs/$name.log" >&2
        exit 1
    }
}

# The edited story gets this sentence at its end; each edit swaps its last word between
# "alpha" and "beta", so every timed edit run changes one word of the story's body.
marker="Benchmark edit marker alpha."
toggle_sed="s/edit marker alpha/edit marker swap/;s/edit marker beta/edit marker alpha/;s/edit marker swap/edit marker beta/"

results="$WORKDIR/results.tsv"
: >"$results"

for size in $SIZES; do
    read -r actors events <<<"$(corpus_shape "$size")"
    site="$WORKDIR/s$size/flashpoint"
    hsite="$WORKDIR/s$size/hugo"
    hout="$WORKDIR/s$size/out-hugo"
    log "size $size: generating ($actors actors, $events events)"
    "$gen" --stories "$size" --actors "$actors" --events "$events" --seed "$SEED" \
        --places "$PLACES" --out "$site" --hugo "$hsite" 2>>"$WORKDIR/logs/gen.log"
    story=$(find "$site/content/stories" -name '*.md' | LC_ALL=C sort | awk 'NR == 1')
    slug=$(basename "$story" .md)
    printf '\n%s\n' "$marker" >>"$story"

    log "size $size: flashpoint check"
    if ! "$flashpoint" check --root "$site" >"$WORKDIR/logs/check-$size.log" 2>&1; then
        tail -n 40 "$WORKDIR/logs/check-$size.log" >&2
        log "flashpoint check failed on the $size corpus (log: $WORKDIR/logs/check-$size.log)"
        exit 1
    fi
    tail -n 1 "$WORKDIR/logs/check-$size.log" >&2

    # --- hugo: full builds into an empty destination (it has no incremental CLI build)
    hugo_cmd="hugo --source $hsite --destination $hout --quiet"
    hugo_prepare="rm -rf $hout"
    # shellcheck disable=SC2086
    run_once "hugo-first-$size" $hugo_cmd
    hugo_pages=$(find "$hout" -name '*.html' | wc -l)
    log "size $size: hugo writes $hugo_pages HTML files; hyperfine ($WARMUP warmup, $RUNS runs)"
    hyperfine --warmup "$WARMUP" --runs "$RUNS" --style basic \
        --export-json "$WORKDIR/hyperfine-$size-hugo.json" \
        --prepare "$hugo_prepare" -n hugo "$hugo_cmd" \
        >"$WORKDIR/logs/hyperfine-$size-hugo.log" 2>&1 \
        || { cat "$WORKDIR/logs/hyperfine-$size-hugo.log" >&2; exit 1; }
    hugo_wall=$(hyperfine_medians "$WORKDIR/hyperfine-$size-hugo.json" hugo)
    log "size $size: hugo under /usr/bin/time -v ($TIME_RUNS runs)"
    # shellcheck disable=SC2086
    read -r _ hugo_cpu hugo_peak <<<"$(measure "hugo-$size" "$hugo_prepare" $hugo_cmd)"
    rm -rf "$hout"

    for mode in $SEARCH_MODES; do
        sed -i '/^search:/d' "$site/site.yaml"
        echo "search: $mode" >>"$site/site.yaml"
        # Full builds start from nothing: their prepare step removes the folder holding the
        # output and anything beside it (the build cache). Rebuilds go to a folder of their
        # own, where the previous output and its cache stay.
        full_dir="$WORKDIR/s$size/fp-$mode-full"
        inc_dir="$WORKDIR/s$size/fp-$mode-incremental"
        rm -rf "$full_dir" "$inc_dir"
        full_cmd="$flashpoint build --root $site --output $full_dir/public"
        full_prepare="rm -rf $full_dir"
        inc_cmd="$flashpoint build --root $site --output $inc_dir/public"
        edit_prepare="sed -i '$toggle_sed' $story"

        # Untimed: a full build (errors surface early, pages are counted), a first build
        # into the rebuild folder, and one edit that must reach the story's page.
        # shellcheck disable=SC2086
        run_once "fp-first-$size-$mode" $full_cmd
        fp_pages=$(find "$full_dir/public" -name '*.html' | wc -l)
        # shellcheck disable=SC2086
        run_once "fp-incremental-first-$size-$mode" $inc_cmd
        bash -c "$edit_prepare"
        word=$(grep -o 'edit marker [a-z]*' "$story")
        # shellcheck disable=SC2086
        run_once "fp-edit-check-$size-$mode" $inc_cmd
        if ! grep -q "$word" "$inc_dir/public/stories/$slug/index.html"; then
            log "size $size, search $mode: the edit ($word) did not reach stories/$slug/index.html"
            exit 1
        fi
        beside=$(find "$inc_dir" -mindepth 1 -maxdepth 1 ! -name public -printf '%f ')
        log "size $size, search $mode: flashpoint writes $fp_pages HTML files;" \
            "beside the output: ${beside:-nothing (no build cache)}"

        log "size $size, search $mode: hyperfine ($WARMUP warmup, $RUNS runs each: full, no-change, edit)"
        hyperfine --warmup "$WARMUP" --runs "$RUNS" --style basic \
            --export-json "$WORKDIR/hyperfine-$size-$mode.json" \
            --prepare "$full_prepare" -n full "$full_cmd" \
            --prepare "true" -n no-change "$inc_cmd" \
            --prepare "$edit_prepare" -n edit "$inc_cmd" \
            >"$WORKDIR/logs/hyperfine-$size-$mode.log" 2>&1 \
            || { cat "$WORKDIR/logs/hyperfine-$size-$mode.log" >&2; exit 1; }
        read -r full_wall nochange_wall edit_wall <<<"$(hyperfine_medians \
            "$WORKDIR/hyperfine-$size-$mode.json" full no-change edit)"

        log "size $size, search $mode: /usr/bin/time -v ($TIME_RUNS runs each)"
        # shellcheck disable=SC2086
        read -r _ full_cpu full_peak <<<"$(measure "fp-full-$size-$mode" "$full_prepare" $full_cmd)"
        # The last edit was built: the rebuild folder's output and cache match the site.
        # shellcheck disable=SC2086
        read -r _ nochange_cpu nochange_peak <<<"$(measure "fp-nochange-$size-$mode" "" $inc_cmd)"
        # shellcheck disable=SC2086
        read -r _ edit_cpu edit_peak <<<"$(measure "fp-edit-$size-$mode" "$edit_prepare" $inc_cmd)"

        for row in "full $full_wall $full_cpu $full_peak" \
            "no-change $nochange_wall $nochange_cpu $nochange_peak" \
            "edit $edit_wall $edit_cpu $edit_peak"; do
            read -r build wall cpu peak <<<"$row"
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$mode" "$build" \
                "$wall" "$cpu" "$peak" "$hugo_wall" "$hugo_cpu" "$hugo_peak" "$fp_pages" \
                "$hugo_pages" >>"$results"
        done
        rm -rf "$full_dir" "$inc_dir"
    done
done

echo
echo "flashpoint vs hugo — $(nproc) CPUs, $hugo_version"
echo "medians: wall from hyperfine ($RUNS runs, $WARMUP warmup); CPU (user+sys) and peak RSS from /usr/bin/time -v ($TIME_RUNS runs)"
echo "build: full = from nothing (no previous output, no cache); no-change = again into the same"
echo "output, its cache beside it; edit = the same after one word of one story changed."
echo "hugo columns: Hugo's full build (it has no incremental CLI build); fp/hugo = fp wall / hugo wall."
python3 - "$results" <<'EOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
head = ["stories", "search", "build", "fp wall s", "fp CPU s", "fp peak MB", "hugo wall s",
        "hugo CPU s", "hugo peak MB", "fp/hugo wall", "fp pages", "hugo pages"]
table = []
full_wall = {}
for size, mode, build, fw, fc, fm, hw, hc, hm, fpp, hp in rows:
    if build == "full":
        full_wall[(mode, int(size))] = float(fw)
    table.append([size, mode, build, fw, fc, fm, hw, hc, hm, f"{float(fw) / float(hw):.2f}", fpp, hp])
widths = [max(len(r[i]) for r in [head] + table) for i in range(len(head))]
def fmt(r):
    cells = [c.ljust(w) if i in (1, 2) else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))]
    return "| " + " | ".join(cells) + " |"
print(fmt(head))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in table:
    print(fmt(r))
for mode in dict.fromkeys(r[1] for r in rows):
    if (mode, 10000) in full_wall and (mode, 50000) in full_wall:
        ratio = full_wall[(mode, 50000)] / full_wall[(mode, 10000)]
        print(f"flashpoint 50k/10k full-build wall time ratio, search {mode}: {ratio:.2f} (5x the stories)")
EOF
echo "logs and JSON exports: $WORKDIR"
