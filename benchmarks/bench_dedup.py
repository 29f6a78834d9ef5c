"""Cross-article merging benchmark: merge_events and the control timeline over the 2,000-article corpus.

Run by hand, never as a timed test::

    .venv/bin/python benchmarks/bench_dedup.py [CORPUS] [--repeat 3] [--copies 50]

Extracts every event of the corpus once (not timed), then times ``merge_events`` (best of ``--repeat``) and
``build_timeline`` over the merged events, and prints the number of merged events, their sizes and the pairwise
comparisons made.  ``--copies K`` also merges K copies of the corpus's events, each copy's dates moved 40 weeks
further on (so copies never meet) and its article ids renamed: a check that time grows with the number of
records, not with its square, towards the millions of records a store will hold.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rasd.control import build_timeline
from rasd.dedup import EventMerger, merge_events
from rasd.ingest import read_paths
from rasd.output.records import records
from rasd.pipeline import Pipeline

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "saudinewsnet-conflict-2015" / "articles.jsonl"


def extract_all(corpus: Path) -> list[dict[str, Any]]:
    """Every event record of the corpus, with the article's publication date as ``published``."""
    pipe = Pipeline()
    out: list[dict[str, Any]] = []
    for doc in pipe.pipe(r.article for r in read_paths([corpus]) if r.article is not None):
        pub = doc.article.published.isoformat() if doc.article.published else None
        out.extend({**r, "published": pub} for r in records(doc, pipe.gaz))
    return out


def shifted(recs: list[dict[str, Any]], copy: int) -> list[dict[str, Any]]:
    """A copy of the records 40 weeks × ``copy`` later, with renamed articles."""
    days = dt.timedelta(weeks=40 * copy)
    out = []
    for r in recs:
        s = dict(r, doc_id=f"{r['doc_id']}~{copy}")
        for k in ("event_date", "published"):
            if r.get(k):
                s[k] = (dt.date.fromisoformat(r[k]) + days).isoformat()
        out.append(s)
    return out


def timed_merge(recs: list[Mapping[str, Any]], repeat: int) -> tuple[float, int, int]:
    """Best time of ``merge_events``, the number of merged events and of pairwise comparisons."""
    best, n = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        n = len(merge_events(recs))
        best = min(best, time.perf_counter() - start)
    merger = EventMerger()
    merger.add_all(recs)
    return best, n, merger.comparisons


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--copies", type=int, default=0, help="also merge this many shifted copies of the events")
    args = ap.parse_args()
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    recs = extract_all(args.corpus)
    print(f"extraction (not timed below): {len(recs)} event records in {time.perf_counter() - t0:.1f} s")
    secs, n, comparisons = timed_merge(recs, args.repeat)
    merged = merge_events(recs)
    sizes = Counter(len(e.members) for e in merged)
    multi = sum(1 for e in merged if len(e.members) > 1)
    print(f"merge_events: {len(recs)} records -> {n} merged events in {secs:.2f} s (best of {args.repeat}); "
          f"{multi} events with 2+ reports, largest {max(sizes)}; {comparisons} pairwise comparisons "
          f"({comparisons / max(len(recs), 1):.1f} per record)")
    print("reports per event: " + ", ".join(f"{k}: {v}" for k, v in sorted(sizes.items())))
    start = time.perf_counter()
    tl = build_timeline(m.record() for m in merged)
    changes = sum(len(c) for c in tl.changes.values())
    print(f"build_timeline: {len(tl)} places, {changes} changes, {len(tl.conflicts())} flagged, "
          f"{len(tl.skipped)} skipped, in {time.perf_counter() - start:.2f} s (record() of every event included)")
    if args.copies:
        big: list[Mapping[str, Any]] = [r for k in range(args.copies) for r in shifted(recs, k)]
        secs, n, comparisons = timed_merge(big, 1)
        print(f"scale: {len(big)} records ({args.copies} copies) -> {n} merged events in {secs:.1f} s = "
              f"{len(big) / secs:,.0f} records/s; {comparisons / len(big):.1f} comparisons per record")
    return 0


if __name__ == "__main__":
    sys.exit(main())
