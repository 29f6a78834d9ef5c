"""Helpers of the store tests: backend URLs, corpus slices and a snapshot of everything a run leaves."""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from rasd.store import Store
from rasd.store.schema import (
    ActorRow,
    ControlChangeRow,
    EventRow,
    EventSourceRow,
    ExtractionRow,
    MentionRow,
    PlaceRow,
)

SHARED = Path(__file__).resolve().parents[3] / "shared"  # ../shared beside the project
CORPUS = SHARED / "corpus" / "saudinewsnet-conflict-2015" / "articles.jsonl"
PG_ENV = "RASD_TEST_PG_URL"
BACKENDS = ("memory", "file", "postgresql")


def pg_database(admin_url: str) -> Iterator[str]:
    """A fresh PostgreSQL database on the server of ``admin_url``, dropped afterwards."""
    admin = make_url(admin_url)
    name = f"rasd_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def backend_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database of one backend (skipping PostgreSQL without ``RASD_TEST_PG_URL``)."""
    if backend == "memory":
        yield "sqlite://"
    elif backend == "file":
        yield f"sqlite:///{tmp_path / 'rasd.sqlite'}"
    else:
        admin = os.environ.get(PG_ENV)
        if not admin:
            pytest.skip(f"PostgreSQL store tests need {PG_ENV}=postgresql+psycopg://USER@HOST:PORT/DB "
                        "(a role that may create databases); .ci/run starts a throwaway server and sets it")
        yield from pg_database(admin)


def corpus_lines(n: int) -> list[str]:
    """The first ``n`` lines of the SaudiNewsNet corpus (the test is skipped without ../shared)."""
    if not CORPUS.is_file():
        pytest.skip(f"corpus not found: {CORPUS}")
    with CORPUS.open(encoding="utf-8") as fh:
        return list(itertools.islice(fh, n))


def snapshot(st: Store) -> dict[str, Any]:
    """Everything a run leaves, without surrogate ids: events, mentions, ledger, reference tables."""
    joined = EventRow.id == EventSourceRow.event_id
    queries = {
        "mentions": select(MentionRow.article_id, MentionRow.run_id, MentionRow.kind, MentionRow.start,
                           MentionRow.end, MentionRow.label),
        "ledger": select(ExtractionRow.run_id, ExtractionRow.article_id, ExtractionRow.status, ExtractionRow.events),
        "places": select(PlaceRow.geonameid, PlaceRow.name_en),
        "actors": select(ActorRow.name, ActorRow.inter),
        "sources": select(EventRow.event_key, EventSourceRow.article_id, EventSourceRow.start, EventSourceRow.end,
                          EventSourceRow.claim_source).join(EventRow, joined),
        "control_changes": select(EventRow.event_key, ControlChangeRow.place_id, ControlChangeRow.actor_to,
                                  ControlChangeRow.actor_from, ControlChangeRow.event_date)
        .join(EventRow, EventRow.id == ControlChangeRow.event_id),
    }
    with st.engine.connect() as conn:
        out: dict[str, Any] = {name: sorted((tuple(r) for r in conn.execute(q)), key=repr)
                               for name, q in queries.items()}
    out["events"] = st.events()
    return out
