"""Files into the store: read articles, add the new ones, extract what the current run has not, in batches.

>>> report = ingest(["articles.jsonl"], Store.open(), Pipeline())     # doctest: +SKIP
>>> report.added, report.events, report.seconds                      # doctest: +SKIP

Every batch of extracted articles is committed on its own, so ingestion can be killed at any moment and run
again: the articles are already there (duplicates), the run is resumed, and only the batch that was being
extracted is done again.  The end state is the one an uninterrupted ingestion leaves.

Near-copies (the same wire story from several outlets with a new intro line or signature) are linked to the
stored original when they are added and not extracted (``near_copies``, a Jaccard threshold, 0.8 by default;
None turns detection off); see :mod:`rasd.store.store`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rasd.errors import ExtractionError, StoreError
from rasd.ingest import ReadResult, read_paths
from rasd.model import Article, Document
from rasd.store.store import Run, Store

if TYPE_CHECKING:
    from rasd.cluster import ClusterOptions
    from rasd.pipeline import Pipeline

# progress(articles extracted so far, articles the run had to extract when this call started)
Progress = Callable[[int, int], None]

DEFAULT_NEAR_COPIES = 0.8  # the Jaccard threshold of near-copy detection (rasd.ingest.nearcopy.NearCopyIndex)


@dataclass(frozen=True)
class IngestReport:
    """What an ingestion did.  ``skipped`` lists (source, reason) for every file, line or article that was not
    stored or could not be extracted; ``extracted`` counts the articles this call extracted (a resumed run's
    earlier batches are not counted again); ``near_copies`` counts the new articles linked to a stored original
    as near-copies (they are among ``added`` and are not extracted)."""

    read: int
    added: int
    duplicates: int
    extracted: int
    events: int
    seconds: float
    run_id: int
    skipped: tuple[tuple[str, str], ...] = field(default=())
    near_copies: int = 0


@dataclass
class _Tally:
    extracted: int = 0
    events: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)


def ingest(paths: Iterable[str | Path] | str | Path, store: Store, pipeline: Pipeline, batch: int = 200,
           progress: Progress | None = None, *, published: dt.date | None = None,
           cluster: ClusterOptions | None = None, extra: Iterable[Article] = (),
           near_copies: float | None = DEFAULT_NEAR_COPIES, max_bytes: int = 20_000_000) -> IngestReport:
    """Read the articles of ``paths`` (files, directories, JSON Lines; see :func:`rasd.ingest.read_paths`) and
    ``extra`` (articles read elsewhere, e.g. web pages), add the new ones to ``store``, and extract every article
    the current run (:meth:`Store.start_run`) has not extracted yet, ``batch`` articles per transaction.
    ``published`` dates files that carry no date.  With ``cluster``, dask workers extract and this process alone
    writes (:mod:`rasd.cluster`).  ``near_copies``: new articles whose estimated Jaccard similarity with a stored
    original reaches this threshold are linked to it instead of being extracted (None: no detection)."""
    if batch < 1:
        raise ValueError(f"batch must be positive, not {batch}")
    started = time.monotonic()
    tally = _Tally()
    read = added = duplicates = 0
    results = read_paths(paths, published=published, max_bytes=max_bytes)
    read_all = itertools.chain(_readable(results, store, tally), extra)
    linked_before = store.near_copies_linked
    for articles in _batches(read_all, batch):
        read += len(articles)
        a, d = store.add_articles(articles, near_copies=near_copies)
        added, duplicates = added + a, duplicates + d
    run = store.start_run()
    if cluster is None:
        _extract_pending(store, pipeline, run, batch, progress, tally)
    else:
        _extract_pending_parallel(store, pipeline, run, batch, progress, tally, cluster)
    store.finish_run(run)
    return IngestReport(read=read, added=added, duplicates=duplicates, extracted=tally.extracted,
                        events=tally.events, seconds=round(time.monotonic() - started, 3), run_id=run.id,
                        skipped=tuple(tally.skipped), near_copies=store.near_copies_linked - linked_before)


def reextract(store: Store, pipeline: Pipeline, batch: int = 200, progress: Progress | None = None) -> IngestReport:
    """Extract every stored article again in a new run: its events replace the previous run's article by
    article, and reviewers' edits are put back into the events that keep their key.  If it is interrupted,
    :func:`ingest` (with no paths) or :func:`resume` finishes it."""
    started = time.monotonic()
    tally = _Tally()
    run = store.start_run(new=True)
    _extract_pending(store, pipeline, run, batch, progress, tally)
    store.finish_run(run)
    return IngestReport(read=0, added=0, duplicates=0, extracted=tally.extracted, events=tally.events,
                        seconds=round(time.monotonic() - started, 3), run_id=run.id, skipped=tuple(tally.skipped))


def resume(store: Store, pipeline: Pipeline, batch: int = 200, progress: Progress | None = None) -> IngestReport:
    """Finish the current run: extract the stored articles it has not extracted yet."""
    return ingest((), store, pipeline, batch, progress)


def extract_batch(pipeline: Pipeline, articles: Iterable[Article]) -> tuple[list[Document], list[tuple[Article, str]]]:
    """Run the pipeline over a batch: the documents, and the articles a stage failed on with the error line."""
    from rasd.pipeline import batch_gc  # here, so that importing the store does not import the extractor

    docs: list[Document] = []
    failed: list[tuple[Article, str]] = []
    with batch_gc():
        for article in articles:
            try:
                docs.append(pipeline(article))
            except ExtractionError as exc:
                failed.append((article, str(exc)))
    return docs, failed


def _extract_pending(store: Store, pipeline: Pipeline, run: Run, batch: int, progress: Progress | None,
                     tally: _Tally) -> None:
    total = store.pending_count(run)
    for articles in store.iter_pending(run, batch):
        docs, failed = extract_batch(pipeline, articles)
        tally.events += store.store_documents(run, docs, failed, gaz=getattr(pipeline, "gaz", None))
        tally.extracted += len(articles)
        tally.skipped += [(article.id, error) for article, error in failed]
        if progress is not None:
            progress(tally.extracted, total)


def _extract_pending_parallel(store: Store, pipeline: Pipeline, run: Run, batch: int, progress: Progress | None,
                              tally: _Tally, cluster: ClusterOptions) -> None:
    """As :func:`_extract_pending`, with the extraction on dask workers; results are stored ``batch`` at a time
    as they come back, so a killed run resumes the same way."""
    from rasd.cluster import extract_parallel

    total = store.pending_count(run)
    docs: list[Document] = []
    failed: list[tuple[Article, str]] = []

    def flush() -> None:
        tally.events += store.store_documents(run, docs, failed, gaz=getattr(pipeline, "gaz", None))
        tally.extracted += len(docs) + len(failed)
        tally.skipped.extend((article.id, error) for article, error in failed)
        docs.clear()
        failed.clear()
        if progress is not None:
            progress(tally.extracted, total)

    pending = (article for page in store.iter_pending(run, batch) for article in page)
    for got in extract_parallel(pending, cluster):
        if got.document is None:
            failed.append((got.article, got.error or "extraction failed"))
        else:
            docs.append(got.document)
        if len(docs) + len(failed) >= batch:
            flush()
    flush()


def _readable(results: Iterable[ReadResult], store: Store, tally: _Tally) -> Iterator[Article]:
    """The articles read; read errors (and, on PostgreSQL, texts with NUL characters) go to ``skipped``."""
    for result in results:
        if result.article is None:
            tally.skipped.append((result.source, str(result.error)))
        elif store.dialect == "postgresql" and "\x00" in result.article.text:
            tally.skipped.append((result.source, str(StoreError("E517", path=result.source))))
        else:
            yield result.article


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
