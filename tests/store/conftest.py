"""Store fixtures: every store test runs on in-memory SQLite, a SQLite file, and PostgreSQL when
``RASD_TEST_PG_URL`` names a database whose role may create databases (each test gets a fresh one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import BACKENDS, backend_url, corpus_lines

from rasd.geo.gazetteer import Gazetteer
from rasd.lexicon.compiled import Lexicons
from rasd.pipeline import Pipeline
from rasd.store import Store


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend in turn."""
    yield from backend_url(request.param, tmp_path)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A migrated, empty store on each backend in turn."""
    st = Store.open(db_url)
    try:
        yield st
    finally:
        st.close()


@pytest.fixture(scope="session")
def pipeline(lex: Lexicons, gazetteer: Gazetteer) -> Pipeline:
    """The extraction pipeline, built once."""
    return Pipeline(lex, gazetteer)


@pytest.fixture(scope="session")
def corpus40(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSON Lines file with the corpus's first 40 articles."""
    path = tmp_path_factory.mktemp("corpus") / "first40.jsonl"
    path.write_text("".join(corpus_lines(40)), encoding="utf-8")
    return path
