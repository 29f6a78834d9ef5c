"""The eval gate: gold-set scores must not fall below the floors recorded in tests/gold/floors.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.evaluate import CorpusScore, load_gold, score_article, score_corpus
from rasd.extract_files import extract_article

HERE = Path(__file__).parent
SHARED = HERE.parent.parent / "shared"
FLOORS = json.loads((HERE / "gold" / "floors.json").read_text(encoding="utf-8"))
DEV = sorted((HERE / "gold" / "dev").glob("*.json"))

pytestmark = pytest.mark.skipif(not (SHARED / "gold" / "seed-000.json").is_file(), reason="needs ../shared")


def _score(paths: list[Path], published_given: bool) -> tuple[CorpusScore, list[list[dict[str, object]]]]:
    scores, preds = [], []
    for p in paths:
        gold = load_gold(p)
        rel, _, line = gold.article.partition("#line-")
        recs = extract_article(SHARED / rel, int(line) if line else None,
                               gold.published_for_checks if published_given else None)
        preds.append(recs)
        scores.append(score_article(gold, recs, published_given))
    return score_corpus(scores), preds


def test_seed_article_meets_the_floor() -> None:
    score, _ = _score([SHARED / "gold" / "seed-000.json"], published_given=True)
    assert score.f1 >= FLOORS["seed"]["f1"], score
    for name, tally in score.fields.items():
        assert tally.accuracy >= FLOORS["seed"]["field_min"], (name, tally)
    assert score.violations == 0
    assert score.duplicates == 0


def test_seed_without_publication_date_invents_no_date() -> None:
    _, preds = _score([SHARED / "gold" / "seed-000.json"], published_given=False)
    assert preds[0], "the seed article gives events"
    assert all(r["event_date"] is None for r in preds[0])
    # the words are kept
    assert {r["date_expression"] for r in preds[0]} >= {"أمس", "الأربعاء الماضي", "فجر أمس"}


def test_dev_gold_set_meets_the_floor() -> None:
    assert len(DEV) >= 30
    score, _ = _score(DEV, published_given=True)
    floor = FLOORS["dev"]
    assert score.f1 >= floor["f1"], f"dev F1 {score.f1:.3f} < floor {floor['f1']}"
    assert score.precision >= floor["precision"]
    assert score.recall >= floor["recall"]


def test_dev_gold_articles_cover_four_wars() -> None:
    countries = {p.name.split("-")[0] for p in DEV}
    assert {"syria", "iraq", "yemen", "libya"} <= countries
