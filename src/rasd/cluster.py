"""Parallel extraction: workers extract, the caller writes.

``rasd run CORPUS --workers N`` and ``--scheduler tcp://HOST:8786`` take the same path: a dask.distributed
``Client`` — on a ``LocalCluster`` of N worker processes started here, or on an existing cluster — receives
batches of articles; each worker extracts them with its own :func:`rasd.pipeline.default_pipeline` (built once
per worker process) and sends back the extracted documents.  Results
come back as they finish, at most ``max_in_flight`` batches ahead of the consumer, so memory stays bounded
whatever the corpus size; the caller — one writer, e.g. a store — receives them in a single thread.

Reading stays in the calling process (it is cheap next to extraction), and an article that breaks the
pipeline comes back with its error instead of stopping the run.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rasd.errors import RasdError
from rasd.model import Article, Document


class ClusterError(RasdError):
    """The cluster cannot be used (package missing, scheduler unreachable)."""


@dataclass(frozen=True)
class ClusterOptions:
    """Where and how to run: ``workers`` local processes, or an existing ``scheduler`` address."""

    workers: int = 2
    scheduler: str | None = None  # tcp://host:8786: use that cluster instead of starting one
    batch: int = 50  # articles per task
    max_in_flight: int = 0  # batches submitted ahead of the consumer (0: 4 per worker)
    threads_per_worker: int = 1  # extraction is pure Python: threads would only contend for the GIL


@dataclass(frozen=True)
class Extracted:
    """What a worker sends back for one article: its document, or the error that stopped it."""

    article: Article
    document: Document | None
    error: str | None = None

    def records(self) -> list[dict[str, Any]]:
        """The document's event records (computed where they are needed, with the local gazetteer)."""
        if self.document is None:
            return []
        from rasd.output.records import records
        from rasd.pipeline import default_pipeline

        return records(self.document, default_pipeline().gaz)


def extract_batch(articles: list[Article]) -> list[Extracted]:
    """Extract a batch in this process (the task each worker runs)."""
    from rasd.pipeline import batch_gc, default_pipeline

    pipe = default_pipeline()
    out: list[Extracted] = []
    with batch_gc():
        for art in articles:
            try:
                out.append(Extracted(art, pipe(art)))
            except RasdError as exc:
                out.append(Extracted(art, None, str(exc)))
    return out


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _client(opts: ClusterOptions) -> tuple[Any, Any]:
    """A dask.distributed client (and the LocalCluster it owns, if one was started)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # an optional dependency: rasd[cluster]
        raise ClusterError("E601") from exc
    if opts.scheduler:
        try:
            return Client(opts.scheduler, timeout="10s"), None
        except OSError as exc:
            raise ClusterError("E602", address=opts.scheduler, detail=str(exc)) from exc
    cluster = LocalCluster(n_workers=max(1, opts.workers), threads_per_worker=opts.threads_per_worker,
                           processes=True, dashboard_address=None, silence_logs=40)
    return Client(cluster), cluster


def extract_parallel(articles: Iterable[Article], opts: ClusterOptions) -> Iterator[Extracted]:
    """Extract ``articles`` on a dask cluster, yielding results as batches finish (not in input order)."""
    from distributed import as_completed

    client, cluster = _client(opts)
    try:
        workers = len(client.scheduler_info().get("workers", {})) or max(1, opts.workers)
        ahead = opts.max_in_flight or 4 * workers
        batches = _batches(articles, max(1, opts.batch))
        pending = as_completed([client.submit(extract_batch, b, pure=False) for b in itertools.islice(batches, ahead)])
        for future in pending:
            yield from future.result()
            future.release()
            nxt = next(batches, None)
            if nxt is not None:
                pending.add(client.submit(extract_batch, nxt, pure=False))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def default_workers() -> int:
    """One worker per core (the CLI's default for --workers)."""
    return max(1, os.cpu_count() or 1)
