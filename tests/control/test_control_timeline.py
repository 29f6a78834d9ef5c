"""Control timelines from hand-made records: changes, holdings, and contradictions kept and flagged."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from rasd.control import build_timeline, change_of, control_at, is_control_record

ARMY, ISIS, SDF = "Military Forces of Syria", "Islamic State", "SDF: Syrian Democratic Forces"
KEY = "gn:174448"


def cap(doc: str, date: str, to: str | None, frm: str | None = None, *, precision: int = 1,
        trigger: str = "سيطرت", sub: str | None = None, **kw: Any) -> dict[str, Any]:
    """A record of ``to`` taking Albu Kamal from ``frm`` (as the extractor writes it)."""
    state = to in (ARMY,)
    r: dict[str, Any] = {
        "doc_id": doc, "event_date": date, "time_precision": precision, "date_expression": None,
        "event_type": "Battles",
        "sub_event_type": sub or ("Government regains territory" if state else "Non-state actor overtakes territory"),
        "actor1": to, "assoc_actor_1": [], "actor2": frm, "assoc_actor_2": [],
        "control_change": ({"to": to} | ({"from": frm} if frm else {})) if to else None,
        "country": "Syria", "admin1": "Deir ez-Zor", "location": "Albu Kamal", "location_ar": "البوكمال",
        "latitude": 34.45226, "longitude": 40.91854, "geo_precision": 1, "geonameid": 174448,
        "evidence": [{"field": "trigger", "start": 10, "end": 10 + len(trigger), "text": trigger},
                     {"field": "location", "start": 30, "end": 38, "text": "البوكمال"},
                     {"field": "fatalities", "start": 50, "end": 55, "text": "مقتل"}],
    }
    r.update(kw)
    return r


def withdraw(doc: str, date: str, who: str, **kw: Any) -> dict[str, Any]:
    """«انسحبت X من البوكمال»: the extractor writes the withdrawing actor as actor1 and as control «to»."""
    return cap(doc, date, who, trigger="انسحبت", event_type="Strategic developments",
               sub="Non-violent transfer of territory", **kw)


def test_what_counts_as_a_change() -> None:
    assert is_control_record(cap("a", "2017-11-08", ARMY))
    assert is_control_record({"sub_event_type": "Armed clash", "control_change": {"to": ARMY}})
    assert not is_control_record({"sub_event_type": "Armed clash", "control_change": None})
    c = change_of(cap("a", "2017-11-08", ARMY, ISIS))
    assert c is not None and (c.holder, c.previous, c.kind, c.place.key) == (ARMY, ISIS, "capture", KEY)
    assert {e.field for e in c.evidence} == {"trigger", "location"} and c.doc_ids == ("a",)
    assert change_of(cap("a", "", ARMY)) is None  # undated
    assert change_of(cap("a", "2017-11-08", None)) is None  # nobody named


@pytest.mark.parametrize(("record", "holder", "previous", "kind"), [
    (cap("a", "2017-11-08", ARMY, ISIS), ARMY, ISIS, "capture"),
    (cap("a", "2017-11-08", ARMY, control_change=None), ARMY, None, "capture"),  # from the sub-type
    (cap("a", "2017-11-08", ARMY, trigger="يستعيد"), ARMY, None, "capture"),
    (withdraw("a", "2017-11-08", ISIS), None, ISIS, "withdrawal"),  # ISIS leaves: it is the previous holder
    (withdraw("a", "2017-11-08", ISIS, actor2=ARMY), ARMY, ISIS, "withdrawal"),
    # «سيطرت … بعد انسحاب»: a capture after a withdrawal is a capture
    (cap("a", "2017-11-08", ARMY, ISIS, evidence=[{"field": "trigger", "start": 0, "end": 5, "text": "سيطرت"},
                                                  {"field": "trigger", "start": 9, "end": 15, "text": "انسحاب"}]),
     ARMY, ISIS, "capture"),
    (cap("a", "2017-11-08", ISIS, trigger="سلمت المدينة", actor2=SDF, control_change=None), SDF, ISIS, "handover"),
    (cap("a", "2017-11-08", SDF, trigger="تسلمت المدينة", control_change=None), SDF, None, "capture"),
])
def test_reading_a_change(record: dict[str, Any], holder: str | None, previous: str | None, kind: str) -> None:
    c = change_of(record)
    assert c is not None and (c.holder, c.previous, c.kind) == (holder, previous, kind)


def test_places_are_keyed_by_gazetteer_entry_else_name_and_coordinates() -> None:
    village = cap("a", "2017-11-08", SDF, location="بريهة", location_ar="بريهة", geo_precision=2, geonameid=None,
                  latitude=35.23349, longitude=40.3166)
    tl = build_timeline([cap("a", "2017-11-08", ARMY), village])
    assert sorted(tl.changes) == [KEY, "بريهه|2|35.233,40.317"]
    assert tl.find("البو كمال") == [KEY] and tl.find("Albu Kamal") == [KEY] and tl.find("بريهة")


def test_a_handover_chain_is_consistent() -> None:
    tl = build_timeline([cap("a", "2017-11-08", ARMY, ISIS), cap("b", "2017-11-10", ISIS, ARMY),
                         cap("c", "2017-11-19", ARMY, ISIS)])
    assert [c.holder for c in tl[KEY]] == [ARMY, ISIS, ARMY]
    assert not tl.conflicts()
    at = control_at(tl, "2017-11-12")[KEY]
    assert (at.holder, at.since, at.previous, at.contested) == (ISIS, dt.date(2017, 11, 10), ARMY, False)
    assert control_at(tl, dt.date(2017, 11, 19))[KEY].holder == ARMY
    assert control_at(tl, "2017-11-07") == {}  # nothing known before the first change


def test_two_holders_claimed_within_days_are_both_kept_and_flagged() -> None:
    tl = build_timeline([cap("a", "2017-11-08", ARMY), cap("b", "2017-11-09", ISIS)])
    first, second = tl[KEY]
    assert (first.holder, second.holder) == (ARMY, ISIS)
    assert first.conflicts and second.conflicts and "without saying it took the place from" in second.conflicts[0]
    h = control_at(tl, "2017-11-10")[KEY]
    assert h.holder == ISIS and h.contested and h.reasons == second.conflicts
    assert control_at(tl, "2017-11-08")[KEY].contested  # the army's claim is flagged too
    # far apart in time, the same two claims are a change of hands nobody described: not flagged
    assert not build_timeline([cap("a", "2017-11-01", ARMY), cap("b", "2017-11-20", ISIS)]).conflicts()


def test_taken_from_an_actor_who_did_not_hold_it() -> None:
    tl = build_timeline([cap("a", "2017-11-01", ARMY), cap("b", "2017-11-20", ISIS, SDF)])
    assert "reported as taken from SDF" in tl[KEY][1].conflicts[0]


def test_withdrawal_by_an_actor_who_did_not_hold_it() -> None:
    tl = build_timeline([cap("a", "2017-11-01", ARMY), withdraw("b", "2017-11-20", ISIS)])
    flagged = tl[KEY][1]
    assert flagged.kind == "withdrawal" and "withdrawal by Islamic State, who did not hold it" in flagged.conflicts[0]
    h = control_at(tl, "2017-11-21")[KEY]
    assert h.holder is None and h.previous == ISIS and h.contested


def test_withdrawal_then_entry() -> None:
    tl = build_timeline([cap("a", "2017-11-01", ISIS), withdraw("b", "2017-11-08", ISIS),
                         cap("c", "2017-11-08", ARMY)])
    assert [c.kind for c in tl[KEY]] == ["capture", "withdrawal", "capture"] and not tl.conflicts()
    assert control_at(tl, "2017-11-08")[KEY].holder == ARMY


def test_confirmations_fold_and_allies_confirm() -> None:
    tl = build_timeline([cap("a", "2017-11-08", ARMY, assoc_actor_1=["Hezbollah"]),
                         cap("b", "2017-11-09", ARMY), cap("c", "2017-11-09", "Hezbollah")])
    (only,) = tl[KEY]
    assert sorted(only.doc_ids) == ["a", "b", "c"] and len(only.notes) == 2 and not only.conflicts
    late = build_timeline([cap("a", "2017-11-01", ARMY), cap("b", "2017-11-25", ARMY)])[KEY]
    assert len(late) == 2 and "no loss reported in between" in late[1].notes[0] and not late[1].conflicts


def test_a_change_dated_only_by_week_may_already_have_happened() -> None:
    tl = build_timeline([cap("a", "2017-11-08", ARMY, ISIS), cap("b", "2017-11-14", ISIS, ARMY, precision=2)])
    h = control_at(tl, "2017-11-10")[KEY]
    assert h.holder == ARMY and h.contested and "may already have happened" in h.reasons[0]
    assert not control_at(tl, "2017-11-07")


def test_undated_and_unplaced_records_are_reported_as_skipped() -> None:
    unplaced = cap("b", "2017-11-08", ARMY, location=None, location_ar=None, geonameid=None)
    tl = build_timeline([cap("a", "", ARMY), unplaced,
                         cap("c", "2017-11-08", None, sub="Government regains territory"),
                         {"doc_id": "d", "sub_event_type": "Armed clash"}])
    assert len(tl) == 0 and sorted(tl.skipped) == [("a", "no date"), ("b", "no place"), ("c", "no actor")]


def test_plain_data() -> None:
    tl = build_timeline([cap("a", "2017-11-08", ARMY, ISIS)])
    d = tl.as_dict()[KEY][0]
    assert d["holder"] == ARMY and d["date"] == "2017-11-08" and d["evidence"][0]["doc_id"] == "a"
    h = control_at(tl, "2017-11-09")[KEY].as_dict()
    assert h["holder"] == ARMY and h["since"] == "2017-11-08" and h["doc_ids"] == ["a"] and not h["contested"]
