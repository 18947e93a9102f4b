"""Prints bench/run.sh's tables: per size, the medians of each command, then every ratio
and figure issue #15 sets a target for, with the target and PASS or FAIL.

    python3 bench/report.py RESULTS.tsv EXTRAS.tsv [zola] [pagefind] [serve] [search]

RESULTS.tsv holds "size row round wall cpu peak_mb" lines (one per timed build), EXTRAS.tsv
"size kind json" lines (kind: serve, search-flashpoint or search-pagefind). The words after
them say which tools and scripts run.sh had; a missing one is reported as not measured.
"""

import json
import statistics
import sys
from collections import defaultdict

ROWS = [
    ("fp-off", "flashpoint, `search: off`"),
    ("fp-full", "flashpoint, `search: full`"),
    ("zola", "Zola"),
    ("zola-index", "Zola, `build_search_index = true`"),
    ("hugo", "Hugo"),
    ("hugo-pagefind", "Hugo + Pagefind CLI"),
    ("fp-nochange", "flashpoint no-change rebuild (`search: full`, cache)"),
    ("fp-edit", "flashpoint one-word edit rebuild (`search: full`, cache)"),
]

# Wall-time ratios: (numerator, denominator, label, target).
RATIOS = [
    ("fp-off", "zola", "`search: off` / Zola", 0.35),
    ("fp-full", "zola-index", "`search: full` / Zola with its index", 0.30),
    ("fp-full", "hugo-pagefind", "`search: full` / Hugo + Pagefind", 0.30),
    ("fp-full", "zola", "`search: full` / Zola without an index", 0.90),
]

# Where each missing figure would come from.
SOURCES = {
    "zola": "not measured: ZOLA not set",
    "pagefind": "not measured: no Pagefind CLI (npm ci --ignore-scripts)",
    "serve": "not measured: bench/serve-latency.mjs missing",
    "search": "not measured: bench/search-cost.mjs missing",
}


def main():
    results_path, extras_path, *have = sys.argv[1:]
    have = {h for h in have if h}
    times = defaultdict(lambda: defaultdict(list))
    sizes = []
    for line in open(results_path):
        if not line.strip():
            continue
        size, row, _round, wall, cpu, peak = line.rstrip("\n").split("\t")
        size = int(size)
        if size not in sizes:
            sizes.append(size)
        times[size][row].append((float(wall), float(cpu), float(peak)))
    extras = defaultdict(dict)
    for line in open(extras_path):
        if not line.strip():
            continue
        size, kind, text = line.rstrip("\n").split("\t", 2)
        try:
            extras[int(size)][kind] = json.loads(text)
        except json.JSONDecodeError:
            extras[int(size)][kind] = {"error": f"not JSON: {text[:80]!r}"}

    tally = defaultdict(int)

    def verdict(value, target):
        ok = value <= target
        tally["PASS" if ok else "FAIL"] += 1
        return "PASS" if ok else "FAIL"

    def absent(why):
        tally["not measured"] += 1
        return why

    for size in sizes:
        medians = {
            row: tuple(statistics.median(v[i] for v in runs) for i in range(3))
            for row, runs in times[size].items()
        }
        rounds = max(len(r) for r in times[size].values())
        print(f"\n### {size:,} stories ({rounds} round{'s' if rounds != 1 else ''})\n")
        table(
            ["command", "wall s", "CPU s", "peak MB"],
            [
                [label, f"{m[0]:.2f}", f"{m[1]:.1f}", f"{m[2]:,.0f}"]
                for row, label in ROWS
                if (m := medians.get(row))
            ],
        )

        print()
        lines = []
        for num, den, label, target in RATIOS:
            if num in medians and den in medians:
                ratio = medians[num][0] / medians[den][0]
                lines.append([label, f"{ratio:.2f}×", f"≤ {target:.2f}×", verdict(ratio, target)])
            else:
                why = SOURCES["zola"] if den.startswith("zola") else SOURCES["pagefind"]
                lines.append([label, "–", f"≤ {target:.2f}×", absent(why)])
        if "fp-full" in medians and "fp-nochange" in medians:
            ratio = medians["fp-nochange"][0] / medians["fp-full"][0]
            lines.append(["no-change rebuild / `search: full`", f"{ratio:.2f}×", "–", "info"])
        if "fp-full" in medians:
            peak = medians["fp-full"][2]
            if size >= 50000:
                lines.append(["peak MB, `search: full`", f"{peak:,.0f}", "≤ 500 at 50,000", verdict(peak, 500)])
            else:
                lines.append(["peak MB, `search: full`", f"{peak:,.0f}", "≤ 500 at 50,000", "info"])
        table(["ratio (wall time)", "value", "target", "verdict"], lines)

        print()
        serve = extras[size].get("serve")
        body_target = 100 if size >= 50000 else 50
        serve_rows = [
            ("cached_start_ms", "serve: first page from the build cache", 2000),
            ("body_edit_ms", "serve: one-story body edit served, median", body_target),
            ("title_edit_ms", "serve: title edit served, median", 250),
            ("search_update_ms", "serve: that story's search shard updated, median", 1000),
        ]
        lines = []
        if serve is None or "error" in serve:
            why = serve["error"] if serve else SOURCES["serve"] if "serve" not in have else "not measured: the script failed (see logs)"
            for _key, label, target in serve_rows:
                lines.append([label, "–", f"≤ {target:,} ms", absent(why)])
        else:
            if "initial_ms" in serve:
                lines.append(["serve: initial start", f"{serve['initial_ms']:,.0f} ms", "–", "info"])
            for key, label, target in serve_rows:
                value = serve.get(key)
                if isinstance(value, list):
                    # A search update not seen within the script's limit is null.
                    value = [v for v in value if v is not None]
                if isinstance(value, list) and value:
                    shown = f"{statistics.median(value):,.0f} ms ({min(value):,.0f}–{max(value):,.0f})"
                    value = statistics.median(value)
                elif isinstance(value, (int, float)):
                    shown = f"{value:,.0f} ms"
                else:
                    lines.append([label, "–", f"≤ {target:,} ms", absent(f"no {key} in the script's output")])
                    continue
                lines.append([label, shown, f"≤ {target:,} ms", verdict(value, target)])
            if serve.get("peak_rss_mb") is not None:
                lines.append(["serve: peak memory (RSS) over the saves", f"{serve['peak_rss_mb']:,.0f} MB", "–", "info"])
        table(["serve (`flashpoint serve`, 7 saves)", "value", "target", "verdict"], lines)

        print()
        fp = extras[size].get("search-flashpoint")
        pf = extras[size].get("search-pagefind")
        search_rows = [
            ("requests", "requests", lambda v: f"{v:,.0f}", 15),
            ("bytes", "KB transferred", lambda v: f"{v / 1000:,.0f}", 250 * 1000),
            ("first_result_ms", "first result, loopback ms", lambda v: f"{v:,.0f}", None),
            ("first_result_fast3g_ms", "first result, Fast 3G ms", lambda v: f"{v:,.0f}", 3000),
        ]
        lines = []
        for key, label, show, target in search_rows:
            shown_target = "–" if target is None else (
                "≤ 250" if key == "bytes" else f"≤ {target:,}"
            )
            pf_shown = show(pf[key]) if pf and isinstance(pf.get(key), (int, float)) else "–"
            if fp is None or "error" in fp or not isinstance(fp.get(key), (int, float)):
                why = (
                    SOURCES["search"] if "search" not in have
                    else f"not measured: {fp['error'] if fp and 'error' in fp else 'the script failed or gave no ' + key}"
                )
                lines.append([label, "–", pf_shown, shown_target, absent(why) if target else "info"])
                continue
            value = fp[key]
            mark = "info" if target is None else verdict(value, target)
            lines.append([label, show(value), pf_shown, shown_target, mark])
        table(
            ["readers' first search", "flashpoint", "Hugo + Pagefind", "target (flashpoint)", "verdict"],
            lines,
        )

    print(
        f"\ntargets: {tally['PASS']} PASS, {tally['FAIL']} FAIL, {tally['not measured']} not measured"
    )


def table(head, rows):
    widths = [max(len(str(r[i])) for r in [head] + rows) for i in range(len(head))]

    def fmt(r):
        cells = [
            str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths))
        ]
        return "| " + " | ".join(cells) + " |"

    print(fmt(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(fmt(r))


if __name__ == "__main__":
    main()
