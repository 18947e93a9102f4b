#!/usr/bin/env bash
# Load time of one huge story, with and without links: `flashpoint check` on a site whose
# only large file is a story of SIZE_MB megabytes holding LINKS `[[links]]`, and on the
# same story with the links written as plain words. Loading must stay proportional to the
# file's size, so the ratio should be close to 1 (issue #10: 30.6 s against 28 ms at
# 20 MB with 17k links, before positions came from a line index).
#
#   bench/hostile-load.sh                      # 50 MB, 40,000 links, release build
#   SIZE_MB=20 LINKS=17000 bench/hostile-load.sh
#   PROFILE=debug bench/hostile-load.sh        # use the debug binary (slower overall)
#
# Environment knobs: SIZE_MB (default 50), LINKS (default 40000), PROFILE (release or
# debug, default release), WORKDIR (default: a fresh folder on /dev/shm when available).
set -euo pipefail

SIZE_MB=${SIZE_MB:-50}
LINKS=${LINKS:-40000}
PROFILE=${PROFILE:-release}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
case "$PROFILE" in
    release) cargo build --release --quiet --manifest-path "$repo/Cargo.toml" ;;
    debug) cargo build --quiet --manifest-path "$repo/Cargo.toml" ;;
    *) echo "PROFILE: release or debug, not '$PROFILE'" >&2; exit 2 ;;
esac
bin="$repo/target/$PROFILE/flashpoint"

base=${WORKDIR:-$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}" )}
work=$(mktemp -d "$base/flashpoint-hostile-load.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Writes the story: LINKS paragraphs of equal length, each naming an actor, filling
# SIZE_MB megabytes; $2 is how the actor is named (a link or a plain word).
make_story() {
    local out=$1 name=$2
    python3 - "$out" "$SIZE_MB" "$LINKS" "$name" <<'PY'
import sys
out, size_mb, links, name = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
paragraph_len = size_mb * 1024 * 1024 // links
filler = "word " * (paragraph_len // 5)
with open(out, "w") as f:
    f.write('---\ntitle: "Huge"\ndate: 2020-01-02\nsummary: "A huge story."\n---\n')
    for i in range(links):
        f.write(f"Paragraph {i} names {name} and goes on: {filler[:paragraph_len - 40]}\n\n")
PY
}

time_check() {
    local site=$1
    local start end
    start=$(date +%s.%N)
    "$bin" check --root "$site" >/dev/null 2>&1 || { echo "check failed in $site" >&2; "$bin" check --root "$site" | tail -5 >&2; exit 1; }
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}

for variant in links plain; do
    cp -r "$repo/tests/sites/basic" "$work/$variant"
    cp -r "$repo/themes" "$work/$variant/themes"
    name=$([ "$variant" = links ] && echo "[[alpha]]" || echo "alpha")
    make_story "$work/$variant/content/stories/huge.md" "$name"
done

size=$(stat -c %s "$work/links/content/stories/huge.md")
with_links=$(time_check "$work/links")
without_links=$(time_check "$work/plain")
printf 'story: %d bytes, %d links (%s build)\n' "$size" "$LINKS" "$PROFILE"
printf 'flashpoint check with links:    %6.2f s\n' "$with_links"
printf 'flashpoint check without links: %6.2f s\n' "$without_links"
printf 'ratio: %.2f\n' "$(echo "$with_links / $without_links" | bc -l)"
