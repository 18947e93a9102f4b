#!/usr/bin/env bash
# Times `flashpoint build` beside Zola (with and without its search index), Hugo and
# Hugo + the Pagefind CLI on equivalent generated corpora, round by round with the tools
# interleaved, then prints the ratios issue #15 sets targets for, serve's latencies and
# readers' search cost, each with its target and PASS or FAIL.
#
#   ZOLA=/path/to/zola bench/run.sh            # sizes 10000 and 50000, 3 rounds
#   ZOLA=... QUICK=1 bench/run.sh              # a 1000-story smoke run
#   ZOLA=... SIZES=10000 ROUNDS=5 bench/run.sh
#
# Environment: SIZES (default "10000 50000"; QUICK=1 makes it 1000), ROUNDS (default 3),
# ZOLA (a zola binary; see bench/README.md for building one; without it Zola's rows are
# skipped), REQUIRE_ALL=1 (stop instead of skipping anything that cannot be measured:
# Zola, Pagefind, the serve and search-cost scripts), SEED (default 42), PLACES (default 0),
# SEARCH_WORD (the query of the search-cost runs, default the generator's probe word),
# SERVE_TIMEOUT (seconds for the serve script per size, default 2400),
# SERVE_SCRIPT and SEARCH_SCRIPT (default bench/serve-latency.mjs and bench/search-cost.mjs),
# FLASHPOINT and GEN_CORPUS (prebuilt binaries to measure instead of this checkout's release
# build, which cargo makes when they are unset), WORKDIR (default: a fresh folder on /dev/shm when available, else $TMPDIR).
#
# Needs apt (hugo and GNU time are installed when missing), cargo, and for Pagefind and the
# browser scripts node, with `npm ci --ignore-scripts` run at the repository root.
# Logs, corpora and outputs stay in WORKDIR, never in the repository.
set -euo pipefail

QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then
    SIZES=${SIZES:-1000}
else
    SIZES=${SIZES:-"10000 50000"}
fi
ROUNDS=${ROUNDS:-3}
SEED=${SEED:-42}
PLACES=${PLACES:-0}
REQUIRE_ALL=${REQUIRE_ALL:-0}
# The generator puts this word into two stories in every thousand (SEARCH_PROBE_WORD).
SEARCH_WORD=${SEARCH_WORD:-saltmarsh}
# Seconds the serve latency script may take per size (two starts, 14 saves).
SERVE_TIMEOUT=${SERVE_TIMEOUT:-2400}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SERVE_SCRIPT=${SERVE_SCRIPT:-$repo/bench/serve-latency.mjs}
SEARCH_SCRIPT=${SEARCH_SCRIPT:-$repo/bench/search-cost.mjs}

log() { printf '[bench] %s\n' "$*" >&2; }
trap 'log "failed (status $?) at line $LINENO: $BASH_COMMAND"' ERR

# Says why something cannot be measured; stops when REQUIRE_ALL=1.
missing() {
    if [ "$REQUIRE_ALL" = 1 ]; then
        log "REQUIRE_ALL=1: $*"
        exit 2
    fi
    log "skipping: $*"
}

# --- tools -----------------------------------------------------------------
need_apt=()
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

zola=""
if [ -n "${ZOLA:-}" ]; then
    [ -x "$ZOLA" ] || { log "ZOLA=$ZOLA is not an executable file"; exit 2; }
    zola=$ZOLA
else
    missing "ZOLA is not set: no Zola rows (build one as bench/README.md says, then ZOLA=/path/to/zola)"
fi

pagefind="$repo/node_modules/.bin/pagefind"
if [ ! -x "$pagefind" ] && command -v npm >/dev/null 2>&1; then
    log "installing the npm packages from the lock file (npm ci --ignore-scripts)"
    (cd "$repo" && npm ci --ignore-scripts >/dev/null 2>&1) || true
fi
if [ ! -x "$pagefind" ] || ! "$pagefind" --version >/dev/null 2>&1; then
    missing "no Pagefind CLI at $pagefind (run npm ci --ignore-scripts at the repository root)"
    pagefind=""
fi

have_node=0
command -v node >/dev/null 2>&1 && have_node=1

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
if [ -z "${FLASHPOINT:-}" ] || [ -z "${GEN_CORPUS:-}" ]; then
    log "building flashpoint and the corpus generator (release)"
    # One invocation: the library is compiled once, with the features both targets need.
    (cd "$repo" && cargo build --release --quiet --bin flashpoint --example gen_corpus) \
        >"$WORKDIR/logs/cargo.log" 2>&1 || { cat "$WORKDIR/logs/cargo.log" >&2; exit 1; }
    target_dir=$(cd "$repo" && cargo metadata --format-version 1 --no-deps 2>/dev/null \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])' \
        || echo "$repo/target")
fi
# Copies, so that another cargo build into the same target folder cannot swap the binary
# in the middle of the measurements.
mkdir -p "$WORKDIR/bin"
cp "${FLASHPOINT:-$target_dir/release/flashpoint}" "$WORKDIR/bin/flashpoint"
cp "${GEN_CORPUS:-$target_dir/release/examples/gen_corpus}" "$WORKDIR/bin/gen_corpus"
flashpoint="$WORKDIR/bin/flashpoint"
gen="$WORKDIR/bin/gen_corpus"

hugo_version=$(hugo version 2>/dev/null | head -1 | awk '{print $1, $2}')
zola_version=${zola:+$("$zola" --version 2>/dev/null | head -1)}
pagefind_version=${pagefind:+$("$pagefind" --version 2>/dev/null | head -1)}
fp_source=${FLASHPOINT:-$(cd "$repo" && git describe --always --dirty 2>/dev/null || echo unknown)}
log "flashpoint: $fp_source, binary sha256 $(sha256sum "$flashpoint" | cut -c1-12)"
log "hugo: $hugo_version; zola: ${zola_version:-none}; pagefind: ${pagefind_version:-none}"
log "cpus: $(nproc), $(uname -srm); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

corpus_shape() { # size -> "actors events"
    case "$1" in
        1000) echo "100 2000" ;;
        10000 | 50000) echo "500 20000" ;;
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

# Runs one command under /usr/bin/time -v after the untimed shell command PREPARE ("" for
# none) and appends "size row round wall cpu peak_mb" to the results. The row is stopped
# on failure, with its log.
results="$WORKDIR/results.tsv"
: >"$results"
timed() {
    local size=$1 row=$2 round=$3 prepare=$4
    shift 4
    local f="$WORKDIR/logs/$size-$row-$round"
    [ -z "$prepare" ] || bash -c "$prepare" >"$f.prepare.log" 2>&1
    /usr/bin/time -v -o "$f.time" "$@" >"$f.log" 2>&1 || {
        tail -n 40 "$f.log" >&2
        log "size $size, $row, round $round failed: $*"
        exit 1
    }
    python3 - "$f.time" "$size" "$row" "$round" >>"$results" <<'EOF'
import re, sys
t = open(sys.argv[1]).read()
def num(pattern):
    return re.search(pattern, t).group(1)
wall = 0.0
for part in num(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)").split(":"):
    wall = wall * 60 + float(part)
cpu = float(num(r"User time \(seconds\): ([\d.]+)")) + float(num(r"System time \(seconds\): ([\d.]+)"))
peak = int(num(r"Maximum resident set size \(kbytes\): (\d+)")) / 1024
print(f"{sys.argv[2]}\t{sys.argv[3]}\t{sys.argv[4]}\t{wall:.3f}\t{cpu:.3f}\t{peak:.1f}")
EOF
}

# Runs a command once, untimed; prints its log and stops if it fails.
run_once() {
    local name=$1
    shift
    "$@" >"$WORKDIR/logs/$name.log" 2>&1 || {
        tail -n 40 "$WORKDIR/logs/$name.log" >&2
        log "failed: $* (log: $WORKDIR/logs/$name.log)"
        exit 1
    }
}

html_count() { find "$1" -name '*.html' | wc -l; }

# Counts an output's HTML files into logs/SIZE-ROW.html, then removes the output: at 50,000
# stories each output is about 2 GB, and all eight of a round beside the corpora would fill
# /dev/shm (which is memory). Only the outputs the search-cost runs read are kept.
count_and_remove() { # size row dir
    html_count "$3" >"$WORKDIR/logs/$1-$2.html"
    rm -rf "$3"
}

# The edited story of the edit rebuild gets this sentence; each edit swaps its last word
# between "alpha" and "beta", so every timed edit changes one word of the story's body.
marker="Benchmark edit marker alpha."
toggle_sed="s/edit marker alpha/edit marker swap/;s/edit marker beta/edit marker alpha/;s/edit marker swap/edit marker beta/"

# JSON lines of the serve and search-cost scripts, one file per size.
extras="$WORKDIR/extras.tsv"
: >"$extras"

for size in $SIZES; do
    read -r actors events <<<"$(corpus_shape "$size")"
    dir="$WORKDIR/s$size"
    site_off="$dir/fp-off"
    site_full="$dir/fp-full"
    hsite="$dir/hugo"
    zsite="$dir/zola"
    log "size $size: generating ($actors actors, $events events) for flashpoint, Hugo and Zola"
    "$gen" --stories "$size" --actors "$actors" --events "$events" --seed "$SEED" \
        --places "$PLACES" --out "$site_full" --hugo "$hsite" --zola "$zsite" \
        2>>"$WORKDIR/logs/gen.log"
    sed -i '/^search:/d' "$site_full/site.yaml"
    echo "search: full" >>"$site_full/site.yaml"
    rm -rf "$site_off"
    cp -r "$site_full" "$site_off"
    sed -i 's/^search: full$/search: off/' "$site_off/site.yaml"

    log "size $size: flashpoint check"
    run_once "check-$size" "$flashpoint" check --root "$site_full"
    tail -n 1 "$WORKDIR/logs/check-$size.log" >&2

    # The no-change and edit rebuilds go to a folder of their own (a copy of the full
    # site, so the edits leave the other sites alone), built once untimed; the edit must
    # reach the story's page.
    site_inc="$dir/fp-incremental-site"
    inc_dir="$dir/fp-incremental"
    rm -rf "$site_inc" "$inc_dir"
    cp -r "$site_full" "$site_inc"
    story=$(find "$site_inc/content/stories" -name '*.md' | LC_ALL=C sort | awk 'NR == 1')
    slug=$(basename "$story" .md)
    printf '\n%s\n' "$marker" >>"$story"
    inc_cmd=("$flashpoint" build --root "$site_inc" --output "$inc_dir/public")
    run_once "fp-incremental-first-$size" "${inc_cmd[@]}"
    sed -i "$toggle_sed" "$story"
    word=$(grep -o 'edit marker [a-z]*' "$story")
    run_once "fp-edit-check-$size" "${inc_cmd[@]}"
    grep -q "$word" "$inc_dir/public/stories/$slug/index.html" || {
        log "size $size: the edit ($word) did not reach stories/$slug/index.html"
        exit 1
    }

    # Every full build starts from nothing: its output folder and anything beside it (the
    # build cache) are removed first, untimed.
    out_off="$dir/out-fp-off"
    out_full="$dir/out-fp-full"
    out_zola="$dir/out-zola"
    out_zola_index="$dir/out-zola-index"
    out_hugo="$dir/out-hugo"
    out_hugo_pf="$dir/out-hugo-pagefind"
    for round in $(seq 1 "$ROUNDS"); do
        log "size $size: round $round of $ROUNDS (load average $(cut -d' ' -f1 /proc/loadavg))"
        timed "$size" fp-off "$round" "rm -rf $out_off" \
            "$flashpoint" build --root "$site_off" --output "$out_off/public"
        count_and_remove "$size" fp-off "$out_off"
        timed "$size" fp-full "$round" "rm -rf $out_full" \
            "$flashpoint" build --root "$site_full" --output "$out_full/public"
        if [ -n "$zola" ]; then
            timed "$size" zola "$round" "rm -rf $out_zola" \
                "$zola" --root "$zsite" build --output-dir "$out_zola" --force
            count_and_remove "$size" zola "$out_zola"
            timed "$size" zola-index "$round" "rm -rf $out_zola_index" \
                "$zola" --root "$zsite" --config "$zsite/config-search.toml" build \
                --output-dir "$out_zola_index" --force
            [ -n "$(find "$out_zola_index" -maxdepth 1 -name 'search_index.*')" ] || {
                log "size $size: Zola with build_search_index wrote no search_index.*"
                exit 1
            }
            rm -rf "$out_zola_index"
        fi
        timed "$size" hugo "$round" "rm -rf $out_hugo" \
            hugo --source "$hsite" --destination "$out_hugo" --quiet
        count_and_remove "$size" hugo "$out_hugo"
        if [ -n "$pagefind" ]; then
            # One command, as a newsroom's CI runs it: peak RSS is the larger of the two.
            timed "$size" hugo-pagefind "$round" "rm -rf $out_hugo_pf" \
                bash -c 'hugo --source "$1" --destination "$2" --quiet && "$3" --site "$2"' \
                _ "$hsite" "$out_hugo_pf" "$pagefind"
        fi
        timed "$size" fp-nochange "$round" "" "${inc_cmd[@]}"
        timed "$size" fp-edit "$round" "sed -i '$toggle_sed' $story" "${inc_cmd[@]}"
    done

    # What each tool wrote (the last round's outputs), and that the probe word is there.
    log "size $size: HTML files: flashpoint off $(cat "$WORKDIR/logs/$size-fp-off.html"), full $(html_count "$out_full")," \
        "hugo $(cat "$WORKDIR/logs/$size-hugo.html")${zola:+, zola $(cat "$WORKDIR/logs/$size-zola.html")}"
    grep -rlq "$SEARCH_WORD" "$out_full/public/stories" || {
        log "size $size: no story page of the flashpoint build holds the search word $SEARCH_WORD"
        exit 1
    }
    [ -z "$pagefind" ] || [ -f "$out_hugo_pf/pagefind/pagefind-ui.js" ] || {
        log "size $size: Pagefind wrote no pagefind/pagefind-ui.js"
        exit 1
    }

    # What follows reads only the incremental site and the two outputs searched: the rest
    # goes before serve adds its snapshot (about 1.8 GB at 50,000 stories) to /dev/shm.
    rm -rf "$site_off" "$hsite" "$zsite" "$inc_dir"

    # --- serve latency and readers' search cost (scripts written beside this one)
    if [ "$have_node" = 1 ] && [ -f "$SERVE_SCRIPT" ]; then
        log "size $size: serve latency (7 saves of each kind)"
        # Each wait in the script is bounded (the first build: 15 minutes); this bounds
        # the whole, sized for 50,000 stories on a busy 2-core machine.
        if FLASHPOINT_SERVE_PROFILE=1 timeout --signal=INT --kill-after=30 "$SERVE_TIMEOUT" \
            node "$SERVE_SCRIPT" --bin "$flashpoint" --site "$site_inc" --runs 7 \
            --log "$WORKDIR/logs/serve-$size.log" \
            >"$WORKDIR/logs/serve-latency-$size.log" 2>"$WORKDIR/logs/serve-latency-$size.err"; then
            printf '%s\tserve\t%s\n' "$size" "$(grep '^{' "$WORKDIR/logs/serve-latency-$size.log" | tail -n 1)" >>"$extras"
        else
            tail -n 20 "$WORKDIR/logs/serve-latency-$size.err" >&2
            missing "bench/serve-latency.mjs failed at $size stories"
        fi
    else
        missing "not measured: $SERVE_SCRIPT or node missing"
    fi
    if [ "$have_node" = 1 ] && [ -f "$SEARCH_SCRIPT" ]; then
        log "size $size: readers' search cost (query: $SEARCH_WORD)"
        for kind in flashpoint pagefind; do
            root=$out_full/public
            if [ "$kind" = pagefind ]; then
                [ -n "$pagefind" ] || continue
                root=$out_hugo_pf
            fi
            if node "$SEARCH_SCRIPT" --root "$root" --kind "$kind" \
                --query "$SEARCH_WORD" --path /search/ \
                >"$WORKDIR/logs/search-cost-$size-$kind.log" 2>"$WORKDIR/logs/search-cost-$size-$kind.err"; then
                printf '%s\tsearch-%s\t%s\n' "$size" "$kind" \
                    "$(grep '^{' "$WORKDIR/logs/search-cost-$size-$kind.log" | tail -n 1)" >>"$extras"
            else
                tail -n 20 "$WORKDIR/logs/search-cost-$size-$kind.err" >&2
                missing "bench/search-cost.mjs --kind $kind failed at $size stories"
            fi
        done
    else
        missing "not measured: $SEARCH_SCRIPT or node missing"
    fi

    # Outputs and corpora of this size are no longer needed: tmpfs is memory.
    rm -rf "$dir"
done

echo
echo "flashpoint vs Zola, Hugo and Hugo + Pagefind: $(nproc) CPUs, $(uname -srm)"
echo "flashpoint $fp_source; $hugo_version;" \
    "${zola_version:-zola not measured}; pagefind ${pagefind_version:-not measured}"
echo "medians of $ROUNDS interleaved rounds from /usr/bin/time -v (wall; CPU = user + sys; peak RSS);" \
    "output on $(df --output=fstype "$WORKDIR" | tail -n 1 | tr -d ' ')"
python3 "$repo/bench/report.py" "$results" "$extras" \
    "${zola:+zola}" "${pagefind:+pagefind}" \
    "$([ -f "$SERVE_SCRIPT" ] && echo serve)" \
    "$([ -f "$SEARCH_SCRIPT" ] && echo search)"
echo "logs: $WORKDIR/logs"
