"""The pairwise rules of the cross-article merger, one hand-made pair of records per case."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from rasd.dedup import MergeOptions, compare, view
from rasd.dedup.rules import canonical_actor, haversine_km, is_relative, place_key

# Albu Kamal and points at known distances from it (1° of latitude is about 111 km).
BK = (34.45226, 40.91854)


def rec(**kw: Any) -> dict[str, Any]:
    """An event record with the fields the merger reads; keyword arguments override the defaults."""
    base: dict[str, Any] = {
        "doc_id": "a", "event_date": "2017-11-11", "time_precision": 1, "date_expression": None,
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Syria", "assoc_actor_1": [], "actor2": "Civilians (Syria)",
        "assoc_actor_2": [], "country": "Syria", "admin1": "Deir ez-Zor", "location": "Albu Kamal",
        "location_ar": "البوكمال", "latitude": BK[0], "longitude": BK[1], "geo_precision": 1, "geonameid": 174448,
        "fatalities": 0, "fatalities_note": None, "source": "", "claim_source": None, "evidence": [],
    }
    base.update(kw)
    return base


def north(km: float) -> float:
    return BK[0] + km / 111.2


def village(name: str, **kw: Any) -> dict[str, Any]:
    """A village the gazetteer lacks, placed at Albu Kamal with precision 2 (as the extractor does)."""
    return rec(location=name, location_ar=name, geo_precision=2, geonameid=None, location_relation="near", **kw)


def judge(a: dict[str, Any], b: dict[str, Any], opts: MergeOptions | None = None) -> tuple[bool, str]:
    o = opts or MergeOptions()
    link = compare(view(a, o), view(b, o), o)
    back = compare(view(b, o), view(a, o), o)
    assert link.same == back.same, "the rules must be symmetric"
    return link.same, link.reason


STRIKE = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}
SHELL = {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"}
CLASH = {"event_type": "Battles", "sub_event_type": "Armed clash", "actor2": "Islamic State"}
ATTACK = {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
REGAIN = {"event_type": "Battles", "sub_event_type": "Government regains territory", "actor2": "Islamic State"}
OVERTAKE = {"event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory",
            "actor1": "Islamic State", "actor2": "Military Forces of Syria"}
TRANSFER = {"event_type": "Strategic developments", "sub_event_type": "Non-violent transfer of territory",
            "actor2": "Islamic State"}
SUICIDE = {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb"}
IED = {"event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED"}


@pytest.mark.parametrize(("a", "b", "same"), [
    (STRIKE, STRIKE, True),
    (STRIKE, SHELL, False),  # the carrier of the weapon is not a detail
    (CLASH, ATTACK, False),  # a fight is not an attack on civilians
    (SUICIDE, IED, True),  # whether the car-bomb driver died is often told both ways
    (CLASH, REGAIN, True),  # the battle and the capture it ended in
    (REGAIN, TRANSFER, True),  # taken by fighting or after a withdrawal: accounts differ
    (REGAIN, {**OVERTAKE, "actor1": "Military Forces of Syria", "actor2": "Islamic State"}, False),
    (REGAIN, OVERTAKE, False),  # who took it from whom: contradictory, left to rasd.control
])
def test_sub_type_compatibility(a: dict[str, Any], b: dict[str, Any], same: bool) -> None:
    assert judge(rec(**a), rec(doc_id="b", **b))[0] is same


@pytest.mark.parametrize(("a", "b", "same", "why"), [
    ({}, {}, True, "same day"),
    ({}, {"event_date": "2017-11-12"}, False, "different days"),
    # «أمس» in a paper of the 13th is the 12th; the other report's explicit 11th may be the same day
    ({}, {"event_date": "2017-11-12", "date_expression": "أمس"}, True, "relative"),
    ({}, {"event_date": "2017-11-13", "date_expression": "أمس"}, False, "different days"),
    # both read «أمس» against the same publication day: they really name different days
    ({"date_expression": "أمس", "published": "2017-11-12"},
     {"event_date": "2017-11-12", "date_expression": "اليوم", "published": "2017-11-12"}, False, "different days"),
    ({"date_expression": "أمس", "published": "2017-11-12"},
     {"event_date": "2017-11-12", "date_expression": "أمس", "published": "2017-11-13"}, True, "relative"),
    # a weekday is not loose: it names the same weekday whatever the publication lag
    ({}, {"event_date": "2017-11-12", "date_expression": "يوم السبت"}, False, "different days"),
    # an undated report at its publication day (precision 2) stands for the week before it
    ({}, {"event_date": "2017-11-15", "time_precision": 2}, True, "overlapping"),
    ({}, {"event_date": "2017-11-19", "time_precision": 2}, False, "windows"),
    ({}, {"event_date": "2017-11-10", "time_precision": 2}, False, "windows"),
    ({"time_precision": 2, "event_date": "2017-11-05"}, {"event_date": "2017-11-10", "time_precision": 2}, True,
     "overlapping"),
    ({}, {"event_date": "2017-11-15", "time_precision": 3}, True, "overlapping"),
    ({}, {"event_date": "2017-12-15", "time_precision": 3}, False, "windows"),
    ({}, {"event_date": None, "time_precision": None}, False, "undated"),
])
def test_dates(a: dict[str, Any], b: dict[str, Any], same: bool, why: str) -> None:
    ok, reason = judge(rec(**a), rec(doc_id="b", **b))
    assert ok is same
    if not same:
        assert why in reason


@pytest.mark.parametrize(("a", "b", "same"), [
    (rec(), rec(latitude=north(3), geonameid=None, location="Al-Hamdan", location_ar="الحمدان"), False),
    (rec(), rec(latitude=north(3), geonameid=None, location="Albu Kamal", location_ar="أبو كمال"), True),
    (rec(), rec(latitude=north(3), geo_precision=2, geonameid=None, location_relation="near"), True),
    (rec(), rec(latitude=north(8), geonameid=None), False),  # precise reports 8 km apart
    (rec(), rec(latitude=north(20), geo_precision=2, geonameid=None), True),
    (rec(), rec(latitude=north(30), geo_precision=2, geonameid=None), False),
    (rec(), rec(latitude=north(120), geo_precision=3, geonameid=None, location="Deir ez-Zor"), True),
    (rec(), rec(latitude=north(120), geo_precision=3, geonameid=None, admin1="Al Hasakah"), False),
    # two villages the gazetteer lacks, both placed at Albu Kamal: same coordinates, different places
    (village("السكرية"), village("بساتين السفافنة"), False),
    (village("السكرية"), village("سكرية"), True),
    (village("السكرية"), rec(), False),  # a village near the town and the town itself: two places
    (rec(latitude=None, longitude=None, geonameid=None), rec(latitude=None, longitude=None, geonameid=None), True),
    (rec(), rec(latitude=None, longitude=None, geonameid=None), False),
])
def test_places(a: dict[str, Any], b: dict[str, Any], same: bool) -> None:
    b["doc_id"] = "b"
    assert judge(a, b)[0] is same


@pytest.mark.parametrize(("a", "b", "same", "how"), [
    ({}, {}, True, "both sides agree"),
    ({}, {"actor1": None}, True, "missing"),
    ({}, {"actor1": "Unidentified Armed Group (Syria)"}, True, "missing"),
    ({}, {"actor1": "Military Forces of Russia"}, False, "contradictory"),
    ({"assoc_actor_1": ["Military Forces of Russia"]}, {"actor1": "Military Forces of Russia"}, True, "agree"),
    ({"actor2": "Islamic State (Syria)"}, {"actor2": "Islamic State"}, True, "both sides agree"),
    ({"actor2": "Islamic State"}, {"actor2": "Civilians (Syria)"}, False, "contradictory"),
    # the same clash told from either side
    ({**CLASH}, {**CLASH, "actor1": "Islamic State", "actor2": "Military Forces of Syria"}, True, "swapped"),
    ({**CLASH}, {**CLASH, "actor1": "Islamic State", "actor2": None}, True, "swapped"),
    # different actor1s and no actor2: not evidence of a clash told both ways
    ({**CLASH, "actor2": None}, {**CLASH, "actor1": "Hezbollah", "actor2": None}, False, "contradictory"),
    # one-sided violence cannot be swapped: the attacker of one report is the victim of the other
    ({**ATTACK, "actor2": "Islamic State"}, {**ATTACK, "actor1": "Islamic State", "actor2": "Military Forces of Syria"},
     False, "contradictory"),
])
def test_actors(a: dict[str, Any], b: dict[str, Any], same: bool, how: str) -> None:
    o = MergeOptions()
    link = compare(view(rec(**a), o), view(rec(doc_id="b", **b), o), o)
    assert link.same is same
    assert how in (link.actors if same else link.reason)


def test_same_article_and_other_country_never_merge() -> None:
    assert judge(rec(), rec())[1].startswith("same article")
    assert "different countries" in judge(rec(), rec(doc_id="b", country="Iraq"))[1]


def test_link_carries_the_evidence() -> None:
    o = MergeOptions()
    link = compare(view(rec(), o), view(rec(doc_id="b", latitude=north(2), geonameid=None, location_ar="البوكمال"),
                                          o), o)
    assert link.same and link.day_gap == 0 and link.distance_km == pytest.approx(2.0, abs=0.05)
    d = link.as_dict()
    assert d["place"] == "same place name" and d["dates"] == "same day" and d["sub_types"] == "same sub-type"


def test_options_change_the_radius() -> None:
    b = rec(doc_id="b", latitude=north(8), geonameid=None, location="Albu Kamal")
    assert not judge(rec(), b)[0]
    assert judge(rec(), b, MergeOptions(radius_km=(10.0, 25.0)))[0]


def test_published_from_options() -> None:
    a = rec(date_expression="أمس")
    b = rec(doc_id="b", event_date="2017-11-12", date_expression="أمس")
    same_day = MergeOptions(published={"a": dt.date(2017, 11, 12), "b": dt.date(2017, 11, 12)})
    assert judge(a, b)[0] and not judge(a, b, same_day)[0]


def test_helpers() -> None:
    assert haversine_km(*BK, north(10), BK[1]) == pytest.approx(10.0, rel=0.01)
    assert is_relative("فجر أمس") and is_relative("قبل يومين") and not is_relative("الأربعاء الماضي")
    assert not is_relative(None) and not is_relative("12/11/2017")
    assert place_key("مدينة البو كمال") == place_key("البوكمال") == place_key("بوكمال")
    assert place_key("Albu Kamal") == place_key("albu-kamal")
    assert canonical_actor("Islamic State (Syria)") == "Islamic State"
    assert canonical_actor("Unidentified Armed Group (Iraq)") is None and canonical_actor(None) is None
