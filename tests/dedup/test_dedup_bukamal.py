"""Two reports of the Al-Bukamal fighting: the seed article (2017-11-12) and a second report (2017-11-13,
``samples/second-report-bukamal.txt``, written for this test) retelling four of its events in other words and
adding one of its own.  After extraction the shared events merge, each with both articles; nothing else does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from rasd.dedup import MergedEvent, MergeOptions, merge_events
from rasd.ingest import read_text
from rasd.output.records import records
from rasd.pipeline import default_pipeline

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "corpus" / "seed" / "000_cec7ceff3a92a6cc.txt"
SECOND = ROOT / "samples" / "second-report-bukamal.txt"
PUBLISHED = {"seed": dt.date(2017, 11, 12), "second": dt.date(2017, 11, 13)}
pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="needs ../shared")

SHARED = {  # sub-type → what both reports say
    "Non-violent transfer of territory": "the army and its allies enter Albu Kamal on Wednesday 8 November",
    "Non-state actor overtakes territory": "ISIS takes Albu Kamal back",
    "Air/drone strike": "air strikes on the town on Saturday 11 November kill civilians (32 / 35)",
    "Shelling/artillery/missile attack": "government forces shell the town",
}


@pytest.fixture(scope="module")
def recs() -> list[dict[str, Any]]:
    pipe = default_pipeline()
    out: list[dict[str, Any]] = []
    for doc_id, path in (("seed", SEED), ("second", SECOND)):
        art = read_text(path.read_text(encoding="utf-8"), id=doc_id, published=PUBLISHED[doc_id])
        out += records(pipe(art), pipe.gaz)
    return out


@pytest.fixture(scope="module")
def merged(recs: list[dict[str, Any]]) -> list[MergedEvent]:
    return merge_events(recs)


def test_the_second_report_is_read_as_five_events(recs: list[dict[str, Any]]) -> None:
    second = [r for r in recs if r["doc_id"] == "second"]
    assert sorted(r["sub_event_type"] for r in second) == sorted([*SHARED, "Remote explosive/landmine/IED"])
    assert len({r["sub_event_type"] for r in recs if r["doc_id"] == "seed"} & set(SHARED)) == len(SHARED)


def test_shared_events_merge_with_both_sources(merged: list[MergedEvent]) -> None:
    joint = [e for e in merged if len(e.members) > 1]
    assert sorted(e.value("sub_event_type") for e in joint) == sorted(SHARED)
    for e in joint:
        assert sorted(e.doc_ids) == ["second", "seed"], e.value("sub_event_type")
        assert e.value("location")["location"] == "Albu Kamal"
        assert all(lk.same and lk.place == "same gazetteer entry" for lk in e.links)


def test_the_new_event_stays_alone_and_nothing_else_merges(recs: list[dict[str, Any]],
                                                          merged: list[MergedEvent]) -> None:
    assert len(merged) == len(recs) - len(SHARED)
    ied = [e for e in merged if e.doc_ids == ["second"]]
    assert len(ied) == 1 and ied[0].value("sub_event_type") == "Remote explosive/landmine/IED"
    assert ied[0].value("location")["admin1"] == "Al Hasakah"
    # the seed's other strikes of the same days near the town (villages placed at its coordinates) stay apart
    strikes = [e for e in merged if e.value("sub_event_type") == "Air/drone strike"]
    assert len(strikes) >= 5 and sum(len(e.members) > 1 for e in strikes) == 1


def _by_type(merged: list[MergedEvent], sub: str) -> MergedEvent:
    return next(e for e in merged if len(e.members) > 1 and e.value("sub_event_type") == sub)


def test_merged_values(merged: list[MergedEvent]) -> None:
    entry = _by_type(merged, "Non-violent transfer of territory")
    assert entry.value("event_date") == "2017-11-08" and entry.value("actor1") == "Military Forces of Syria"
    assert "Hezbollah" in entry.value("assoc_actor_1")
    assert entry.value("control_change") == {"to": "Military Forces of Syria", "from": "Islamic State"}
    retake = _by_type(merged, "Non-state actor overtakes territory")
    assert retake.value("actor1") == "Islamic State" and retake.value("actor2") == "Military Forces of Syria"
    strike = _by_type(merged, "Air/drone strike")
    assert strike.value("event_date") == "2017-11-11"  # «أمس» in the seed, «يوم السبت» in the second report
    assert strike.value("actor2") == "Civilians (Syria)" and strike.value("actor1") == "Military Forces of Syria"
    # without publication dates the two figures of the Observatory are two reports: the lowest stands
    assert strike.value("fatalities") == 32
    assert "lowest credible toll" in strike.choices["fatalities"].reason
    assert "Syrian Observatory for Human Rights" in strike.sources


def test_a_later_report_of_the_same_source_revises_the_toll(recs: list[dict[str, Any]]) -> None:
    strike = _by_type(merge_events(recs, MergeOptions(published=PUBLISHED)), "Air/drone strike")
    assert strike.value("fatalities") == 35
    assert "revised by its report of 2017-11-13" in strike.choices["fatalities"].reason


def test_evidence_of_every_member_points_into_its_article(merged: list[MergedEvent]) -> None:
    texts = {"seed": SEED.read_text(encoding="utf-8"), "second": SECOND.read_text(encoding="utf-8")}
    for e in merged:
        for ev in e.record()["evidence"]:
            assert texts[ev["doc_id"]].replace("\r\n", "\n")[ev["start"]:ev["end"]] == ev["text"]
