#!/usr/bin/env python3
"""Markdown table of medians from bench/compare.sh results, ratios against cwebp.

  bench/compare-summary.py RESULTS_TSV...
  BASE=optimizr-lossy bench/compare-summary.py RESULTS_TSV...   (ratios against another tool of the runs)

speed vs cwebp = cwebp's median wall / the tool's (above 1: faster than cwebp); CPU and bytes ratios =
tool / cwebp (below 1: less). RSS columns are the medians of each run's peak. "per round" is the median over
rounds of cwebp's wall / the tool's wall in the same round: the machine's speed drifts over a session, and
a round's tools run back to back."""
import csv, os, statistics, sys

ORDER = ["optimizr-lossy", "optimizr-w3", "optimizr-auto", "cwebp", "vips", "imagemagick"]


def main():
    rows = []
    for path in sys.argv[1:]:
        with open(path) as f:
            rows += list(csv.DictReader(f, delimiter="\t"))
    for corpus in dict.fromkeys(r["corpus"] for r in rows):
        runs = [r for r in rows if r["corpus"] == corpus]
        med = {}
        # The known tools in ORDER, then any others (flag variants such as optimizr-w3:-Xmx384m) as they come.
        for tool in ORDER + [t for t in dict.fromkeys(r["tool"] for r in runs) if t not in ORDER]:
            rs = [r for r in runs if r["tool"] == tool]
            if rs:
                m = lambda k: statistics.median(float(r[k]) for r in rs)
                med[tool] = dict(n=len(rs), wall=m("wall_s"), cpu=m("cpu_s"), rss=m("peak_rss_mb"),
                                 tree=m("peak_tree_rss_mb"), outputs=m("outputs"), bytes=m("output_bytes"),
                                 walls=" / ".join(r["wall_s"] for r in rs), cpus=" / ".join(r["cpu_s"] for r in rs), w=rs[0]["workers"],
                                 fails=sum(r["rc"] != "0" for r in rs),
                                 rounds={r["round"]: float(r["wall_s"]) for r in rs})
        name = os.environ.get("BASE", "cwebp")
        base = med.get(name)
        print(f"\n**{corpus}** ({runs[0]['date'][:10]}, {next(iter(med.values()))['w']}-wide)\n")
        print(f"| tool | runs | wall s (median; all runs) | speed vs {name} | per round | CPU s (median; all runs) | CPU vs {name} "
              "| peak RSS MB, largest process | peak RSS MB, process tree | outputs | output bytes | bytes vs " + name + " |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for tool, s in med.items():
            sp = f"{base['wall'] / s['wall']:.2f}×" if base else "–"
            paired = [base["rounds"][k] / w for k, w in s["rounds"].items() if base and k in base["rounds"]]
            pr = f"{statistics.median(paired):.2f}×" if paired else "–"
            cp = f"{s['cpu'] / base['cpu']:.2f}" if base else "–"
            bp = f"{s['bytes'] / base['bytes']:.3f}" if base and base["bytes"] else "–"
            rc = f" (rc≠0 in {s['fails']})" if s["fails"] else ""
            print(f"| {tool}{rc} | {s['n']} | {s['wall']:.2f} ({s['walls']}) | {sp} | {pr} | {s['cpu']:.1f} ({s['cpus']}) | {cp} | {s['rss']:.0f} "
                  f"| {s['tree']:.0f} | {s['outputs']:.0f} | {s['bytes']:,.0f} | {bp} |")


if __name__ == "__main__":
    main()
