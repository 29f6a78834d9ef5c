"""``rasd gazetteer lookup | unresolved | evaluate`` through click's runner (``build`` is in tests/geo)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.cli import main

SHARED = Path(__file__).resolve().parents[2] / "shared"


def test_lookup_lists_entries_with_ids_admin_areas_and_coordinates() -> None:
    res = CliRunner().invoke(main, ["gazetteer", "lookup", "البو كمال", "Albu Kamal", "--country", "SY"])
    assert res.exit_code == 0, res.output
    assert res.output.count("174448\tP\tAlbu Kamal") == 2  # the Arabic and the Latin spelling
    assert "Deir ez-Zor / Abu Kamal" in res.output and "34.45226,40.91854" in res.output


def test_lookup_of_an_unknown_name_says_so() -> None:
    res = CliRunner().invoke(main, ["gazetteer", "lookup", "قرية لا وجود لها"])
    assert res.exit_code == 0 and "0 entries" in res.output


def test_unresolved_writes_a_tsv_file(tmp_path: Path) -> None:
    corpus = tmp_path / "a.txt"
    corpus.write_text("قصفت قوات النظام بلدة الحسرات قرب مدينة البوكمال.", encoding="utf-8")
    out = tmp_path / "u.tsv"
    res = CliRunner().invoke(main, ["gazetteer", "unresolved", str(corpus), "-o", str(out)])
    assert res.exit_code == 0, res.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("count\tarticles\tname")
    assert lines[1].split("\t")[:3] == ["1", "1", "الحسرات"]


def test_unresolved_reports_a_bad_file_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_text("قصفت قوات النظام بلدة الحسرات قرب مدينة البوكمال.", encoding="utf-8")
    res = CliRunner().invoke(main, ["gazetteer", "unresolved", str(tmp_path)])
    assert res.exit_code == 0
    assert "E102" in res.stderr and "الحسرات" in res.stdout


@pytest.mark.skipif(not (SHARED / "corpus" / "seed").is_dir(), reason="needs ../shared")
def test_evaluate_scores_a_gold_file(tmp_path: Path) -> None:
    text = (SHARED / "corpus" / "seed" / "000_cec7ceff3a92a6cc.txt").read_text(encoding="utf-8")
    i = text.index("البصيرة")
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"article": "corpus/seed/000_cec7ceff3a92a6cc.txt", "start": i, "end": i + 7,
                                "text": "البصيرة", "gold": "in", "geonameid": 173927, "country": "SY",
                                "kind": "town"}, ensure_ascii=False) + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["gazetteer", "evaluate", str(gold), "--shared-dir", str(SHARED)])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[1].split()[:3] == ["all", "1", "1"]
