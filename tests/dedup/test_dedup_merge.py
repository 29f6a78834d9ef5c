"""The merger over hand-made records: linkage, the chosen values and their reasons, streaming, order, blocking."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from rasd.dedup import EventMerger, MergedEvent, MergeOptions, merge_events

BK = (34.45226, 40.91854)


def rec(doc: str, **kw: Any) -> dict[str, Any]:
    """An air strike on Albu Kamal on 2017-11-11 reported by article ``doc``; keywords override."""
    base: dict[str, Any] = {
        "doc_id": doc, "event_date": "2017-11-11", "time_precision": 1, "date_expression": None,
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Syria", "assoc_actor_1": [], "inter1": 1, "actor2": "Civilians (Syria)",
        "assoc_actor_2": [], "inter2": 7, "country": "Syria", "admin1": "Deir ez-Zor", "location": "Albu Kamal",
        "location_ar": "البوكمال", "latitude": BK[0], "longitude": BK[1], "geo_precision": 1, "geonameid": 174448,
        "fatalities": 0, "fatalities_note": None, "source": "", "claim_source": None, "control_change": None,
        "evidence": [{"field": "trigger", "start": 0, "end": 5, "text": "غارات"}],
    }
    base.update(kw)
    return base


def only(events: list[MergedEvent], n_members: int) -> list[MergedEvent]:
    return [e for e in events if len(e.members) == n_members]


def test_three_reports_become_one_with_all_sources() -> None:
    evs = merge_events([rec("a", source="SOHR"), rec("b", source="Al Bayan"), rec("c", source="SANA")])
    assert len(evs) == 1
    ev = evs[0]
    assert sorted(ev.doc_ids) == ["a", "b", "c"] and sorted(ev.sources) == ["Al Bayan", "SANA", "SOHR"]
    assert ev.choices["sub_event_type"].reason == "3 of 3 reports"
    assert len(ev.links) == 2 and all(lk.same and lk.day_gap == 0 for lk in ev.links)
    r = ev.record()
    assert r["merged_id"] == ev.id and r["n_reports"] == 3 and sorted(r["doc_ids"]) == ["a", "b", "c"]
    assert {e["doc_id"] for e in r["evidence"]} == {"a", "b", "c"}
    assert set(r["reasons"]) >= {"fatalities", "location", "event_date", "actor1", "source"}


def test_complete_linkage_a_vague_report_does_not_chain_two_days() -> None:
    # a week-precise report fits both the strike of the 9th and that of the 11th; it joins one, and the two
    # day-precise strikes stay apart
    recs = [rec("a", event_date="2017-11-09"), rec("b"), rec("c", event_date="2017-11-11", time_precision=2)]
    evs = merge_events(recs)
    assert sorted(len(e.members) for e in evs) == [1, 2]
    pair = only(evs, 2)[0]
    assert {m["doc_id"] for m in pair.members} == {"b", "c"}  # the closer one (same day)


def test_two_events_of_one_article_never_share_a_merged_event() -> None:
    # the extractor keeps two strikes of one article apart; a report of another article cannot glue them
    a1, a2 = rec("a", location="السكرية", location_ar="السكرية", geo_precision=2, geonameid=None), \
        rec("a", location="Albu Kamal", time_precision=2)
    evs = merge_events([a1, a2, rec("b", time_precision=2)])
    assert all(len({m["doc_id"] for m in e.members}) == len(e.members) for e in evs)
    assert len(evs) == 2


def test_most_precise_location_and_date_win() -> None:
    vague = rec("a", location="Deir ez-Zor", location_ar="دير الزور", geo_precision=3, geonameid=None,
                latitude=35.33, longitude=40.14, time_precision=2)
    ev = merge_events([vague, rec("b")])[0]
    assert ev.value("location")["location"] == "Albu Kamal" and ev.value("event_date") == "2017-11-11"
    assert ev.choices["location"].reason.startswith("most precise location (geo precision 1)")
    assert ev.choices["event_date"].reason.startswith("most precise date (time precision 1)")


def test_explicit_date_preferred_to_a_relative_one() -> None:
    recs = [rec("a", event_date="2017-11-10", date_expression="أمس"), rec("b", date_expression="يوم السبت")]
    ev = merge_events(recs)[0]
    assert ev.value("event_date") == "2017-11-11"
    assert "explicit date preferred" in ev.choices["event_date"].reason


@pytest.mark.parametrize(("figures", "published", "expected", "why"), [
    # several sources: the lowest credible figure
    ([(32, "SOHR", None), (35, "Opposition sources", None)], None, 32, "lowest credible toll"),
    # a number beats ACLED's no-number default
    ([(10, "SOHR", "deaths reported with no number: ACLED's default"), (4, "SANA", None)], None, 4, "4 (SANA)"),
    ([(10, "SOHR", "deaths reported with no number: ACLED's default"),
      (3, "SANA", "deaths reported with no number: ACLED's default")], None, 3, "no number"),
    # a figure nobody stands behind is set aside when a named source gives one
    ([(2, "", None), (7, "SOHR", None)], None, 7, "no named source set aside"),
    ([(2, "", None), (7, "", None)], None, 2, "lowest credible toll"),
    # the same source revises its own figure in a later report; another source's figure does not revise it
    ([(32, "SOHR", None), (35, "SOHR", None)], ["2017-11-12", "2017-11-13"], 35, "revised by its report"),
    ([(35, "SOHR", None), (32, "SOHR", None)], ["2017-11-12", "2017-11-13"], 32, "revised by its report"),
    ([(32, "SOHR", None), (35, "SANA", None)], ["2017-11-12", "2017-11-13"], 32, "lowest credible toll"),
    ([(32, "SOHR", None), (35, "SOHR", None)], None, 32, "lowest credible toll"),  # no dates: no revision
    ([(0, "SOHR", None), (0, "SANA", "7 killed across 2 places; the toll is not split")], None, 0, "no report"),
])
def test_fatalities(figures: list[tuple[int, str, str | None]], published: list[str] | None, expected: int,
                    why: str) -> None:
    recs = [rec(f"d{k}", fatalities=n, source=src, fatalities_note=note) for k, (n, src, note) in enumerate(figures)]
    if published:
        for r, p in zip(recs, published, strict=True):
            r["published"] = p
    ev = merge_events(recs)[0]
    assert len(ev.members) == len(figures)
    assert ev.value("fatalities") == expected and ev.record()["fatalities"] == expected
    assert why in ev.choices["fatalities"].reason


def test_publication_dates_from_options() -> None:
    recs = [rec("a", fatalities=32, source="SOHR"), rec("b", fatalities=35, source="SOHR")]
    opts = MergeOptions(published={"a": dt.date(2017, 11, 12), "b": dt.date(2017, 11, 13)})
    assert merge_events(recs, opts)[0].value("fatalities") == 35


def test_votes_and_the_union_of_associated_actors() -> None:
    recs = [rec("a", assoc_actor_1=["Military Forces of Russia"]), rec("b", assoc_actor_1=["Hezbollah"]),
            rec("c", actor1=None)]
    ev = merge_events(recs)[0]
    assert ev.value("actor1") == "Military Forces of Syria" and ev.choices["actor1"].reason == "2 of 3 reports"
    assert ev.value("assoc_actor_1") == ["Military Forces of Russia", "Hezbollah"]
    assert ev.record()["interaction"] == 17


def test_a_clash_told_from_the_other_side_is_turned_round() -> None:
    clash = {"event_type": "Battles", "sub_event_type": "Armed clash", "inter2": 2}
    recs = [rec("a", **clash, actor2="Islamic State"),
            rec("b", **clash, actor2="Islamic State"),
            rec("c", **{**clash, "actor1": "Islamic State", "inter1": 2, "actor2": "Military Forces of Syria",
                        "inter2": 1})]
    ev = merge_events(recs)[0]
    assert len(ev.members) == 3 and ev.swapped.count(True) == 1
    assert ev.value("actor1") == "Military Forces of Syria" and ev.value("actor2") == "Islamic State"
    assert "3 of 3 reports" in ev.choices["actor1"].reason and "sides aligned" in ev.choices["actor1"].reason
    assert any(lk.swapped and "swapped" in lk.actors for lk in ev.links)


def test_streaming_ids() -> None:
    m = EventMerger()
    first = m.add(rec("a"))
    assert m.add(rec("b")) == first  # joined
    other = m.add(rec("c", event_date="2017-11-20"))
    assert other != first and len(m) == 2 and m.n_records == 3
    assert [x["doc_id"] for x in m.get(first).members] == ["a", "b"]
    assert m.get(first).explain()["links"][0]["joined"] == 1
    # the id depends on the founding record, not on what was added before it
    m2 = EventMerger()
    assert m2.add(rec("c", event_date="2017-11-20")) == other


def test_order_does_not_matter_beyond_each_article() -> None:
    rng = random.Random(7)
    recs = []
    for k in range(40):
        day = f"2017-11-{1 + k % 10:02d}"
        recs.append(rec(f"d{k % 13}", event_date=day, time_precision=1 + k % 2, latitude=BK[0] + (k % 3) * 0.01,
                        geonameid=None if k % 3 else 174448, location="Albu Kamal" if k % 3 == 0 else f"x{k % 3}",
                        fatalities=k % 5))
    base = [(e.id, e.doc_ids, e.value("fatalities")) for e in merge_events(recs)]
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in recs:
        by_doc.setdefault(r["doc_id"], []).append(r)
    for _ in range(5):  # articles in any order, each article's records in its own order
        docs = list(by_doc)
        rng.shuffle(docs)
        interleaved = [r for d in docs for r in by_doc[d]]
        assert [(e.id, e.doc_ids, e.value("fatalities")) for e in merge_events(interleaved)] == base


def test_blocking_keeps_comparisons_local() -> None:
    # 600 reports over 60 weeks and 10 towns far apart: each is compared only with its own week and town
    m = EventMerger()
    start = dt.date(2017, 1, 2)
    for k in range(600):
        week, town = divmod(k, 10)
        m.add(rec(f"d{k}", event_date=(start + dt.timedelta(days=7 * (week % 60))).isoformat(),
                  latitude=30.0 + town, geonameid=1000 + town, location=f"town{town}", location_ar=f"بلدة{town}"))
    assert len(m) == 600  # different weeks and towns: nothing merges
    assert m.comparisons == 0
    for k in range(100):  # now the same towns and weeks again: each finds exactly its twin
        m.add(rec(f"e{k}", event_date=(start + dt.timedelta(days=7 * (k // 10))).isoformat(),
                  latitude=30.0 + k % 10, geonameid=1000 + k % 10, location=f"town{k % 10}",
                  location_ar=f"بلدة{k % 10}"))
    assert len(m) == 600 and m.comparisons == 100


def test_output_order_is_by_date_then_place() -> None:
    recs = [rec("a", event_date="2017-11-12"), rec("b", event_date="2017-11-10"),
            rec("c", event_date="2017-11-10", location="Al Mayadin", location_ar="الميادين", geonameid=170592,
                latitude=35.02, longitude=40.45)]
    evs = merge_events(recs)
    assert [(e.value("event_date"), e.value("location")["location"]) for e in evs] == [
        ("2017-11-10", "Al Mayadin"), ("2017-11-10", "Albu Kamal"), ("2017-11-12", "Albu Kamal")]
