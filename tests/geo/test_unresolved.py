"""Listing the place names a corpus uses that the gazetteer lacks."""

from __future__ import annotations

import json
from pathlib import Path

from rasd.geo.unresolved import UnresolvedOptions, collect, to_tsv, unresolved_places
from rasd.pipeline import Pipeline

ARTICLES = [
    "قصفت قوات النظام قرية الحسرات قرب مدينة البوكمال أمس.",
    "سيطر تنظيم داعش على قرية الحسرات شرق البوكمال بعد اشتباكات.",
    "اشتباكات في بلدة البصيرة بريف دير الزور الشرقي.",
]


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"a{i}", "text": t}, ensure_ascii=False)
                              for i, t in enumerate(ARTICLES)) + "\n", encoding="utf-8")
    return path


def test_unknown_villages_are_counted_across_articles(tmp_path: Path) -> None:
    rows = unresolved_places(UnresolvedOptions((str(_corpus(tmp_path)),)), Pipeline())
    assert rows, "the unknown village is listed"
    top = rows[0]
    assert top.name == "الحسرات"
    assert top.count == 2 and len(top.articles) == 2
    assert top.country == "SY"
    assert top.anchor_hint().endswith("Albu Kamal")  # where it was placed, a hint for whoever adds it
    assert "settlement" in top.heads
    # known places are not listed
    assert not any(r.name in ("البوكمال", "البصيرة", "دير الزور") for r in rows)


def test_min_count_and_top_limit_the_list(tmp_path: Path) -> None:
    corpus = str(_corpus(tmp_path))
    assert all(r.count >= 2 for r in unresolved_places(UnresolvedOptions((corpus,), min_count=2), Pipeline()))
    assert len(unresolved_places(UnresolvedOptions((corpus,), top=1), Pipeline())) == 1


def test_tsv_has_a_header_and_one_line_per_name(tmp_path: Path) -> None:
    pipe = Pipeline()
    from rasd.model import Article

    tally = collect(pipe.pipe([Article("x", t) for t in ARTICLES]))
    text = to_tsv(sorted(tally.values(), key=lambda e: -e.count))
    lines = text.splitlines()
    assert lines[0].split("\t")[:5] == ["count", "articles", "name", "key", "country"]
    assert len(lines) == 1 + len(tally)
    assert lines[1].split("\t")[2] == "الحسرات"
