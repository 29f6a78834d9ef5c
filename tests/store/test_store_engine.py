"""rasd.store.engine: URLs, SQLite settings, migrations from empty, agreement of migrations and ORM classes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from rasd.errors import StoreError
from rasd.store import DEFAULT_PATH, Store, default_url
from rasd.store.engine import alembic_config, current_revision, head_revision, make_engine, resolve_url, upgrade
from rasd.store.schema import Base

TABLES = {"articles", "runs", "extractions", "mentions", "events", "event_sources", "places", "actors",
          "control_changes", "review_edits", "alembic_version"}


def test_migrations_from_empty_reach_head_and_match_the_models(db_url: str) -> None:
    with Store.open(db_url) as st:
        assert set(inspect(st.engine).get_table_names()) == TABLES
        with st.engine.connect() as conn:
            assert current_revision(conn) == head_revision()
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == [], f"the migrations and rasd.store.schema disagree: {diff}"
        assert st.counts()["articles"] == 0


def test_opening_again_keeps_the_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    with Store.open(url) as st:
        st.add_articles([])
        st.start_run()
    with Store.open(url) as st:
        assert len(st.runs()) == 1


def test_downgrade_to_empty_and_up_again(db_url: str) -> None:
    with Store.open(db_url) as st:
        with st.engine.begin() as conn:
            command.downgrade(alembic_config(conn), "base")
        assert set(inspect(st.engine).get_table_names()) <= {"alembic_version"}
        upgrade(st.engine)
        assert set(inspect(st.engine).get_table_names()) == TABLES


def test_sqlite_file_runs_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dir" / "rasd.sqlite"  # parent directories are created
    with Store.open(path) as st, st.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert path.is_file()


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    with Store.open(url) as st, st.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match=r"\[E513\] database sqlite:///.*: schema revision '9999' is newer"):
        Store.open(url)


def test_urls() -> None:
    assert resolve_url("/tmp/x.sqlite").render_as_string() == "sqlite:////tmp/x.sqlite"
    assert resolve_url("postgresql://u:pw@h/db").drivername == "postgresql+psycopg"
    assert resolve_url("sqlite://").database is None
    with pytest.raises(StoreError, match=r"\[E511\].*unsupported"):
        resolve_url("mysql://u@h/db")
    with pytest.raises(StoreError, match=r"\[E511\]"):
        resolve_url("not a url://")


def test_default_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("RASD_DB", raising=False)
    assert default_url() == f"sqlite:///{DEFAULT_PATH.expanduser()}"
    monkeypatch.setenv("RASD_DB", f"sqlite:///{tmp_path / 'env.sqlite'}")
    assert default_url().endswith("env.sqlite")
    with Store.open() as st:
        assert st.url.endswith("env.sqlite") and st.dialect == "sqlite"


def test_a_file_that_is_no_database_is_one_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database, just some words of text\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match=r"\[E511\] database sqlite:///.*notes\.txt: file is not a database"):
        Store.open(junk)
    with pytest.raises(StoreError, match=r"\[E511\].*"):
        Store.open(junk / "under-a-file.sqlite")


def test_missing_postgresql_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreError, match=r"\[E512\].*pip install 'psycopg\[binary\]>=3'"):
        Store.open("postgresql://u@127.0.0.1:9/x")


def test_unreachable_postgresql_is_one_clear_error() -> None:
    with pytest.raises(StoreError, match=r"\[E511\] database postgresql\+psycopg://rasd:\*\*\*@127\.0\.0\.1:9/x"):
        Store.open("postgresql://rasd:secret@127.0.0.1:9/x?connect_timeout=2")


def test_the_0003_read_indexes_come_and_go_and_keep_the_rows(db_url: str) -> None:
    engine = make_engine(resolve_url(db_url))
    try:
        upgrade(engine, "0002")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO articles (id, external_id, text, content_hash, ingested_at) "
                              "VALUES (1, 'a1', 'نص', :hash, '2025-01-01 00:00:00')"), {"hash": "1" * 64})
            conn.execute(text("INSERT INTO runs (id, started_at, rasd_version, data_version, status) "
                              "VALUES (1, '2025-01-01 00:00:00', 'x', 'y', 'finished')"))
            conn.execute(text("INSERT INTO events (id, event_key, article_id, run_id, seq, status, doc_id, event_type, "
                              "sub_event_type) VALUES (1, 'k1', 1, 1, 0, 'machine', 'a1', 'Battles', 'Armed clash')"))
        upgrade(engine)
        names = {i["name"] for i in inspect(engine).get_indexes("events")}
        assert "ix_events_article_id_seq" in names
        assert "ix_extractions_finished_at" in {i["name"] for i in inspect(engine).get_indexes("extractions")}
        assert Store(engine).events()[0]["event_key"] == "k1"
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0002")
        assert "ix_events_article_id_seq" not in {i["name"] for i in inspect(engine).get_indexes("events")}
        with engine.connect() as conn:
            assert conn.execute(text("SELECT event_key FROM events")).scalars().all() == ["k1"]
    finally:
        engine.dispose()
