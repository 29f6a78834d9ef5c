"""Change markers: Store.writes counts this object's commits; Store.events_version() moves with every write of
events or review edits by any Store on the database -- a re-extraction that reuses the deleted ids included."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from rasd.pipeline import Pipeline
from rasd.store import Store, ingest, reextract
from rasd.store.schema import EventRow


def test_writes_and_the_version_move_with_every_kind_of_write(store: Store, corpus40: Path,
                                                             pipeline: Pipeline) -> None:
    empty, writes = store.events_version(), store.writes
    ingest([corpus40], store, pipeline)
    filled = store.events_version()
    assert filled != empty and store.writes > writes
    store.events()  # reads commit nothing
    assert store.events_version() == filled
    writes = store.writes
    key = store.events(limit=1)[0]["event_key"]
    store.accept(key, "amal")
    reviewed = store.events_version()
    assert reviewed != filled and store.writes == writes + 1
    reextract(store, pipeline)
    assert store.events_version() not in (filled, reviewed)


def test_a_reextraction_reusing_the_ids_is_seen_by_another_store(tmp_path: Path, corpus40: Path,
                                                                pipeline: Pipeline) -> None:
    url = f"sqlite:///{tmp_path / 'rasd.sqlite'}"
    with Store.open(url) as writer, Store.open(url) as reader:
        ingest([corpus40], writer, pipeline, batch=100)  # one batch: all its events are the highest ids
        before = reader.events_version()
        with writer.engine.connect() as conn:
            ids = conn.execute(text(f"SELECT min(id), max(id) FROM {EventRow.__tablename__}")).one()
        reextract(writer, pipeline, batch=100)
        with writer.engine.connect() as conn:
            again = conn.execute(text(f"SELECT min(id), max(id) FROM {EventRow.__tablename__}")).one()
        assert again == ids  # SQLite gave the deleted ids out again: the maximum alone would not see it
        assert reader.events_version() != before and reader.writes == 0
