"""The seed article's geography: every gold location within the gold tolerance, at the gold precision."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rasd.evaluate import load_gold, score_article
from rasd.extract_files import extract_article

SHARED = Path(__file__).resolve().parents[3] / "shared"
GOLD = SHARED / "gold" / "seed-000.json"

pytestmark = pytest.mark.skipif(not GOLD.is_file(), reason="needs ../shared")


@pytest.fixture(scope="module")
def pairs() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    gold = load_gold(GOLD)
    recs = extract_article(SHARED / gold.article, None, gold.published_for_checks)
    score = score_article(gold, recs, published_given=True)
    events = {e["id"]: e for e in json.loads(GOLD.read_text(encoding="utf-8"))["events"]}
    assert score.recall == 1.0, score.missed
    return [(events[m.gold_id], recs[m.prediction]) for m in score.matches]


def _accepted(value: int | list[int]) -> list[int]:
    return value if isinstance(value, list) else [value]


def test_every_gold_event_has_a_located_prediction(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    assert len(pairs) >= 14
    for _, rec in pairs:
        assert rec["latitude"] is not None and rec["longitude"] is not None
        assert rec["country"] == "Syria" and rec["iso"] == 760


def test_geo_precision_is_the_gold_precision(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    wrong = [(g["id"], g["location"]["geo_precision"], r["geo_precision"]) for g, r in pairs
             if r["geo_precision"] not in _accepted(g["location"]["geo_precision"])]
    assert not wrong


def test_admin_areas_and_geonameids_match_the_gold(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    for g, r in pairs:
        loc = g["location"]
        if loc.get("admin1"):
            assert r["admin1"] == loc["admin1"], g["id"]
            assert r["admin1_ar"] == "دير الزور"
        if loc.get("geonameid") and r["geo_precision"] == 1:
            assert r["geonameid"] == loc["geonameid"], g["id"]
        assert r["admin2"] and r["admin2_ar"], g["id"]


def test_unknown_villages_keep_their_arabic_name_and_anchor(
        pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    anchored = [(g, r) for g, r in pairs if "near" in g["location"]]
    assert anchored
    for g, r in anchored:
        assert r["location_ar"] and r["location_relation"], g["id"]
        assert r["geo_precision"] == 2 or r["geonameid"], g["id"]
