"""The geocoding gate: scores on the hand-labelled place mentions must not fall below the recorded floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.errors import GoldFormatError
from rasd.geo.scoring import GeoScore, load_gold_mentions, report, score_geocoding

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
GOLD = sorted((HERE.parent / "gold" / "geo").glob("*.jsonl"))
FLOORS = json.loads((HERE.parent / "gold" / "floors.json").read_text(encoding="utf-8"))["geo"]

needs_shared = pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="needs ../shared")


@pytest.fixture(scope="module")
def score() -> GeoScore:
    return score_geocoding(load_gold_mentions(GOLD), SHARED)


def test_the_gold_set_is_large_and_covers_four_wars() -> None:
    mentions = load_gold_mentions(GOLD)
    assert len(mentions) >= 200
    countries = {m.country for m in mentions}
    assert {"SY", "IQ", "YE", "LY"} <= countries
    assert sum(m.gold == "absent" for m in mentions) >= 50  # names the gazetteer lacks are labelled too
    assert len({m.article for m in mentions}) >= 30


@needs_shared
@pytest.mark.parametrize("metric", ["found", "coverage", "disambiguation", "accuracy", "abstention"])
def test_geocoding_meets_the_floor(score: GeoScore, metric: str) -> None:
    assert getattr(score, metric) >= FLOORS[metric], report(score)


@needs_shared
def test_resolved_places_are_close_to_the_labelled_ones(score: GeoScore) -> None:
    # a province row and its capital share coordinates: wrong rows should at least be the same point
    assert score.within_10km >= 0.97, report(score)


def test_bad_gold_lines_are_refused_with_their_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"article": "x", "start": 0, "end": 1, "text": "x", "gold": "in"}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"bad\.jsonl:1"):
        load_gold_mentions([bad])


@needs_shared
def test_a_misplaced_span_is_reported(tmp_path: Path) -> None:
    line = json.dumps({"article": "corpus/seed/000_cec7ceff3a92a6cc.txt", "start": 0, "end": 3, "text": "حلب",
                       "gold": "in", "geonameid": 170063}, ensure_ascii=False)
    (tmp_path / "g.jsonl").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="is not at 0:3"):
        score_geocoding(load_gold_mentions([tmp_path / "g.jsonl"]), SHARED)
