"""Review edits: stored with before/after, applied to the event, and kept across re-extraction."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from rasd.errors import StoreError
from rasd.ingest import read_paths
from rasd.model import Document
from rasd.pipeline import Pipeline
from rasd.store import Store, ingest, reextract


@pytest.fixture(scope="module")
def docs(corpus40: Path, pipeline: Pipeline) -> list[Document]:
    return list(pipeline.pipe(r.article for r in read_paths(corpus40) if r.article is not None))


def test_edits_survive_reextraction(store: Store, corpus40: Path, pipeline: Pipeline) -> None:
    ingest([corpus40], store, pipeline)
    first, second, third = store.events(limit=3)
    edit = store.edit(first["event_key"], "location", "Somewhere", "amal", note="checked the map")
    assert (edit.before, edit.after, edit.who, edit.applied) == (first["location"], "Somewhere", "amal", True)
    store.edit(first["event_key"], "event_date", "2015-07-01", "amal")
    store.edit(first["event_key"], "assoc_actor_1", ["Tribal Militia"], "amal")
    store.accept(first["event_key"], "amal")
    store.reject(second["event_key"], "omar")
    store.edit(third["event_key"], "fatalities", 3, "omar")
    machine = {r["event_key"]: r for r in store.events()}

    report = reextract(store, pipeline)
    after = {r["event_key"]: r for r in store.events()}
    assert after.keys() == machine.keys() and report.run_id == 2
    got = after[first["event_key"]]
    assert (got["location"], got["event_date"], got["assoc_actor_1"], got["status"]) == (
        "Somewhere", "2015-07-01", ["Tribal Militia"], "accepted")
    assert got["edited"] == ["assoc_actor_1", "event_date", "location", "status"]
    assert after[second["event_key"]]["status"] == "rejected"
    assert after[third["event_key"]]["fatalities"] == 3
    assert {r["run_id"] for r in after.values()} == {2}
    assert len(store.edits()) == 6 and store.edits(orphaned=True) == []
    # the filters see the reviewed values
    assert [r["event_key"] for r in store.events(status="accepted")] == [first["event_key"]]
    assert first["event_key"] in [r["event_key"] for r in store.events(actor="Tribal Militia")]


def test_edits_of_events_no_longer_extracted_stay_visible(store: Store, docs: list[Document]) -> None:
    doc = next(d for d in docs if len(d.events) >= 2)
    run = store.start_run()
    store.store_documents(run, [doc])
    key = store.events()[0]["event_key"]
    store.reject(key, "amal", note="not an event")
    # a new run whose extraction no longer finds that event
    store.store_documents(store.start_run(new=True), [dataclasses.replace(doc, events=doc.events[1:])])
    assert key not in [r["event_key"] for r in store.events()]
    [orphan] = store.edits(orphaned=True)
    assert (orphan.event_key, orphan.after, orphan.applied, orphan.note) == (key, "rejected", False, "not an event")
    # found again later: the edit applies again
    store.store_documents(store.start_run(new=True), [doc])
    assert store.events()[0]["status"] == "rejected" and store.edits(orphaned=True) == []


def test_bad_edits_are_refused(store: Store, docs: list[Document]) -> None:
    store.store_documents(store.start_run(), docs[:3])
    key = store.events()[0]["event_key"]
    with pytest.raises(StoreError, match=r"\[E515\]"):
        store.edit("nope", "location", "X", "amal")
    with pytest.raises(StoreError, match=r"\[E514\] 'evidence'"):
        store.edit(key, "evidence", [], "amal")
    with pytest.raises(StoreError, match=r"\[E514\] 'yesterday': not a valid event_date"):
        store.edit(key, "event_date", "yesterday", "amal")
    with pytest.raises(StoreError, match=r"\[E514\] 'maybe'"):
        store.edit(key, "status", "maybe", "amal")
    for bad in (2.5, True, "many"):
        with pytest.raises(StoreError, match=r"\[E514\].*not a valid fatalities"):
            store.edit(key, "fatalities", bad, "amal")
    assert store.edits() == []
