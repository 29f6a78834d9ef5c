"""Extraction benchmark: articles per second and peak memory over the 2,000-article corpus, in one process.

Run by hand (``make bench``), never as a timed test.  Prints start-up time (lexicons and gazetteer), reading
time, extraction throughput (best of ``--repeat`` runs) and the process's peak resident memory.  With
``--geo-share``, one more pass times the geocoding functions (place phrases, the article's country, resolution
and the choice of an event's places) and prints their share of the extraction time.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import rasd.extractor.core as core
from rasd.ingest import read_paths
from rasd.output.records import records
from rasd.pipeline import Pipeline

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "saudinewsnet-conflict-2015" / "articles.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--geo-share", action="store_true", help="also time the geocoding functions (one more pass)")
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
        for doc in pipe.pipe(articles):  # the batch path (what `rasd extract` and the stores use)
            events += len(records(doc, pipe.gaz))
        best = min(best, time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {args.corpus} ({len(articles)} articles)")
    print(f"start-up: lexicons+gazetteer {t1 - t0:.2f} s, first article (matcher build) {t3 - t2:.2f} s")
    print(f"reading: {t2 - t1:.2f} s")
    print(f"extraction: {best:.2f} s for {len(articles)} articles = {len(articles) / best:.0f} articles/s "
          f"(best of {args.repeat}), {events} events")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    if args.geo_share:
        spent = _time_geocoding(pipe, articles)
        for name, secs in spent.items():
            print(f"  {name}: {secs:.2f} s")
        print(f"geocoding: {sum(spent.values()):.2f} s of {best:.2f} s = {sum(spent.values()) / best:.1%} of extraction"
              " (timer overhead included; gazetteer keys in the shared trie not counted)")
    return 0


_GEO_FUNCTIONS = ("find_places", "_document_country", "_resolve_places", "_locations")


def _time_geocoding(pipe: Pipeline, articles: list[Any]) -> dict[str, float]:
    """One pass with the geocoding functions of the extractor wrapped in timers."""
    spent = dict.fromkeys(_GEO_FUNCTIONS, 0.0)

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*a: Any, **k: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[name] += time.perf_counter() - t
        return wrapper

    originals = {name: getattr(core, name) for name in _GEO_FUNCTIONS}
    try:
        for name, fn in originals.items():
            setattr(core, name, timed(name, fn))
        for doc in pipe.pipe(articles):
            records(doc, pipe.gaz)
    finally:
        for name, fn in originals.items():
            setattr(core, name, fn)
    return spent


if __name__ == "__main__":
    raise SystemExit(main())
