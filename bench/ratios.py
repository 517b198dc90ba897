#!/usr/bin/env python3
"""Liner / best-peer ratios from one results directory of the peer harness.

  python3 bench/ratios.py ~/.cache/liner-peers/results/medium

Reads RESULTS_DIR/*.json (one per peer, as written by ../shared/peers/bench/*), and prints a
markdown table: per query, Liner's median and p99 and the best other peer's, and the ratios
(<= 1.0 means Liner is at least as fast); then import throughput against Kùzu and the best peer.
"""
import glob
import json
import os
import sys

QUERIES = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7"]


def load(rdir):
    res = {}
    for f in sorted(glob.glob(os.path.join(rdir, "*.json"))):
        with open(f) as fh:
            d = json.load(fh)
        if "peer" in d:
            res[d["peer"]] = d
    return res


def best(res, q, key):
    vals = [(d["queries"][q][key], p) for p, d in res.items()
            if p != "liner" and q in d.get("queries", {}) and d["queries"][q].get(key) is not None]
    return min(vals) if vals else (None, None)


def fmt(x):
    return "-" if x is None else (f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 100 else f"{x:.0f}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    res = load(sys.argv[1])
    if "liner" not in res:
        sys.exit(f"no liner.json in {sys.argv[1]}")
    lq = res["liner"]["queries"]
    print(f"### Liner / best peer ({os.path.basename(os.path.abspath(sys.argv[1]))})\n")
    print("| query | liner med | best peer med | ratio med | liner p99 | best peer p99 | ratio p99 |")
    print("|---|---|---|---|---|---|---|")
    for q in QUERIES:
        if q not in lq:
            continue
        row = [q]
        for key in ("median_ms", "p99_ms"):
            b, who = best(res, q, key)
            mine = lq[q][key]
            row += [fmt(mine), f"{fmt(b)} ({who})" if who else "-",
                    f"{mine / b:.2f}" if b else "-"]
        print("| " + " | ".join(row) + " |")
    li = res["liner"]["import"]
    print(f"\nimport: liner {li['edges_per_s']:,} edges/s ({li['seconds']} s, "
          f"{li['disk_bytes'] / 2**20:.1f} MiB on disk)")
    for p, d in res.items():
        if p != "liner" and d.get("import", {}).get("edges_per_s"):
            print(f"  vs {p}: {li['edges_per_s'] / d['import']['edges_per_s']:.2f}x")


if __name__ == "__main__":
    main()
