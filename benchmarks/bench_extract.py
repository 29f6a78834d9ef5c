"""Extraction benchmark: articles per second and peak memory over the 2,000-article corpus, in one process.

Run by hand (``make bench``), never as a timed test.  Prints start-up time (lexicons and gazetteer), reading
time, extraction throughput (best of ``--repeat`` runs) and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from rasd.ingest import read_paths
from rasd.output.records import records
from rasd.pipeline import Pipeline

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "saudinewsnet-conflict-2015" / "articles.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    pipe = Pipeline()
    t1 = time.perf_counter()
    articles = [r.article for r in read_paths([args.corpus]) if r.article is not None]
    t2 = time.perf_counter()
    pipe(articles[0])  # build the union trie outside the timed loop
    t3 = time.perf_counter()
    best = float("inf")
    events = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        events = 0
        for art in articles:
            events += len(records(pipe(art), pipe.gaz))
        best = min(best, time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {args.corpus} ({len(articles)} articles)")
    print(f"start-up: lexicons+gazetteer {t1 - t0:.2f} s, first article (matcher build) {t3 - t2:.2f} s")
    print(f"reading: {t2 - t1:.2f} s")
    print(f"extraction: {best:.2f} s for {len(articles)} articles = {len(articles) / best:.0f} articles/s "
          f"(best of {args.repeat}), {events} events")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
