"""rasd.store.rows: content hashes, event keys, the data version, JSON values."""

from __future__ import annotations

import datetime as dt
import shutil
from importlib import resources
from pathlib import Path

import pytest

from rasd.store.rows import content_hash, data_version, event_key, jsonable, to_column, unique_keys

RECORD = {"sub_event_type": "Air/drone strike",
          "evidence": [{"field": "trigger", "start": 10, "end": 15, "text": "غارات"},
                       {"field": "location", "start": 30, "end": 35, "text": "إدلب"},
                       {"field": "actor1", "start": 20, "end": 28, "text": "الطيران"}]}


def test_content_hash_is_sha256_of_the_text() -> None:
    assert content_hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert content_hash("قصف") != content_hash("قصف ")


def test_event_key_follows_what_and_where_only() -> None:
    key = event_key("h" * 64, RECORD)
    assert len(key) == 32 and key == event_key("h" * 64, dict(RECORD))
    other_actor = {**RECORD, "evidence": [*RECORD["evidence"][:2], {"field": "actor1", "start": 40, "end": 44}]}
    assert event_key("h" * 64, other_actor) == key  # a better actor reading keeps the event
    assert event_key("h" * 64, {**RECORD, "sub_event_type": "Shelling/artillery/missile attack"}) != key
    moved = {**RECORD, "evidence": [{**RECORD["evidence"][0], "start": 11}, *RECORD["evidence"][1:]]}
    assert event_key("h" * 64, moved) != key
    assert event_key("g" * 64, RECORD) != key
    assert event_key("h" * 64, {"sub_event_type": "Attack", "evidence": [{"field": "date", "start": 1, "end": 3}]})


def test_unique_keys() -> None:
    assert unique_keys(["a", "b", "a", "a"]) == ["a", "b", "a-2", "a-3"]


def test_data_version_follows_the_data_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    packaged = data_version()
    assert len(packaged) == 64 and data_version() == packaged
    src = Path(str(resources.files("rasd") / "data" / "outlets.tsv"))
    shutil.copy(src, tmp_path / "outlets.tsv")
    monkeypatch.setenv("RASD_DATA_DIR", str(tmp_path))
    assert data_version() == packaged  # the same content
    with (tmp_path / "outlets.tsv").open("a", encoding="utf-8") as fh:
        fh.write("example\tExample News\tNational\n")
    assert data_version() != packaged


def test_json_values_and_columns() -> None:
    assert jsonable({"a": (1, 2.5, dt.date(2015, 7, 1)), 3: {None}, "n": float("nan")}) == {
        "a": [1, 2.5, "2015-07-01"], "3": [None], "n": None}
    assert to_column("event_date", "2015-07-01") == dt.date(2015, 7, 1)
    assert to_column("event_date", dt.datetime(2015, 7, 1, 12)) == dt.date(2015, 7, 1)
    assert to_column("event_date", "") is None
    assert to_column("fatalities", "3") == 3 and to_column("latitude", "36.5") == 36.5
    assert to_column("location", 12) == "12" and to_column("assoc_actor_1", ("A",)) == ["A"]
