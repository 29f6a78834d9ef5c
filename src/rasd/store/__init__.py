"""The store: articles, extraction runs, events and review edits in SQLite or PostgreSQL (SQLAlchemy 2 and
Alembic).  See :mod:`rasd.store.store` for the semantics of runs, batches and review edits, and
:mod:`rasd.store.engine` for URLs, SQLite settings and migrations.

>>> from rasd.store import Store, ingest                                    # doctest: +SKIP
>>> store = Store.open("rasd.sqlite")                                       # doctest: +SKIP
>>> ingest(["articles.jsonl"], store, Pipeline()).events                    # doctest: +SKIP
>>> store.events(country="Syria", date_from="2015-07-01")                   # doctest: +SKIP
"""

from __future__ import annotations

from rasd.store.engine import DEFAULT_PATH, default_url
from rasd.store.ingest import IngestReport, extract_batch, ingest, reextract, resume
from rasd.store.query import EventFilter, NearCopy, ReviewEdit
from rasd.store.store import Run, Store

__all__ = [
    "DEFAULT_PATH",
    "EventFilter",
    "IngestReport",
    "NearCopy",
    "ReviewEdit",
    "Run",
    "Store",
    "default_url",
    "extract_batch",
    "ingest",
    "reextract",
    "resume",
]
