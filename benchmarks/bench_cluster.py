"""Parallel extraction benchmark: articles per second on a dask LocalCluster of 1, 2, … worker processes.

Run by hand: ``.venv/bin/python benchmarks/bench_cluster.py [CORPUS] --workers 1 2``.  Prints, for each worker
count, the wall time over the corpus (cluster start-up excluded, then included) and the speed-up over one worker.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rasd.cluster import ClusterOptions, extract_parallel
from rasd.ingest import read_paths

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "saudinewsnet-conflict-2015" / "articles.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch", type=int, default=50)
    args = ap.parse_args()
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    articles = [r.article for r in read_paths([args.corpus]) if r.article is not None]
    base = None
    for n in args.workers:
        t0 = time.perf_counter()
        first = None
        events = 0
        for got in extract_parallel(articles, ClusterOptions(workers=n, batch=args.batch)):
            if first is None:
                first = time.perf_counter()
            events += len(got.document.events) if got.document else 0
        total = time.perf_counter() - t0
        base = base or total
        print(f"{n} worker(s): {len(articles)} articles in {total:.1f} s = {len(articles) / total:.0f} articles/s "
              f"(start-up and first batch {((first or t0) - t0):.1f} s), {events} events, "
              f"speed-up {base / total:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
