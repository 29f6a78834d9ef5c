"""The command line through click's runner: output formats, bad input, evaluation."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.cli import main
from rasd.output.records import ACLED_COLUMNS

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "samples" / "sample-idlib.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_extract_sample_jsonl(runner: CliRunner) -> None:
    res = runner.invoke(main, ["extract", str(SAMPLE), "--published", "2019-05-20"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert recs
    text = SAMPLE.read_text(encoding="utf-8")
    for r in recs:
        assert r["doc_id"] == str(SAMPLE)
        assert r["event_date"] and r["event_type"]
        assert isinstance(r["assoc_actor_1"], list)
        for e in r["evidence"]:
            assert text[e["start"]:e["end"]] == e["text"]
    strike = [r for r in recs if r["sub_event_type"] == "Air/drone strike"]
    assert strike and strike[0]["actor1"] == "Military Forces of Russia" and strike[0]["fatalities"] == 5
    assert strike[0]["event_date"] == "2019-05-19"
    assert "Syrian Observatory for Human Rights" in strike[0]["source"]
    # «قرية الزكاة», a village GeoNames lacks (and a common word), is placed at Hama with precision 2
    capture = [r for r in recs if r["sub_event_type"] == "Non-state actor overtakes territory"]
    assert capture and capture[0]["location_ar"] == "الزكاة" and capture[0]["geo_precision"] == 2
    assert capture[0]["actor2"] == "Military Forces of Syria"
    # «تعتزم شن هجوم» is an intention: no event at Al-Lataminah
    assert not any(r["location_ar"] == "اللطامنة" for r in recs)


def test_extract_without_date_keeps_the_words(runner: CliRunner) -> None:
    res = runner.invoke(main, ["extract", str(SAMPLE)])
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert recs and all(r["event_date"] is None for r in recs)
    assert any(r["date_expression"] == "فجر أمس" for r in recs)


def test_extract_csv_has_acled_columns_first(runner: CliRunner) -> None:
    res = runner.invoke(main, ["extract", str(SAMPLE), "--published", "2019-05-20", "--format", "csv"])
    assert res.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert rows
    assert list(rows[0])[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert all(";" not in r["assoc_actor_1"] or "; " in r["assoc_actor_1"] for r in rows)


def test_extract_table(runner: CliRunner) -> None:
    res = runner.invoke(main, ["extract", str(SAMPLE), "--published", "2019-05-20", "--format", "table"])
    assert res.exit_code == 0 and "Maarrat an Numan" in res.stdout


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", b"", "E102"),
        ("blank.txt", b"   \n\n ", "E102"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "E103"),
        ("nul.txt", b"abc\x00\x00\x00def" * 20, "E103"),
    ],
)
def test_bad_input_gets_one_line_and_the_batch_goes_on(runner: CliRunner, tmp_path: Path, name: str,
                                                        content: bytes, code: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    res = runner.invoke(main, ["extract", str(bad), str(SAMPLE), "--published", "2019-05-20"])
    assert res.exit_code == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and code in lines[0] and name in lines[0]
    assert "Traceback" not in res.output
    assert res.stdout.strip(), "the good file is still processed"


def test_cp1256_file_is_decoded_and_said(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "win.txt"
    f.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("cp1256"))
    res = runner.invoke(main, ["extract", str(f), "--published", "2019-05-20"])
    assert res.exit_code == 0
    assert "W101" in res.stderr and "cp1256" in res.stderr
    assert res.stdout.strip()


def test_oversized_article_is_refused_with_a_size_message(runner: CliRunner, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, sparse: refused from its size, never read
    res = runner.invoke(main, ["extract", str(big)])
    assert res.exit_code == 1
    assert "E105" in res.stderr and "big.txt" in res.stderr


def test_invalid_json_line_names_the_line(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    good = {"id": "x1", "title": "عنوان", "content": SAMPLE.read_text(encoding="utf-8"), "published": "2019-05-20"}
    f.write_text(json.dumps(good, ensure_ascii=False) + "\n{not json\n" + json.dumps(
        {**good, "id": None}, ensure_ascii=False) + "\n", encoding="utf-8")
    res = runner.invoke(main, ["extract", str(f)])
    assert res.exit_code == 1
    assert "line 2" in res.stderr and "E106" in res.stderr
    ids = {json.loads(line)["doc_id"] for line in res.stdout.splitlines()}
    assert ids == {"x1", f"{f}#line-3"}


def test_bad_published_flag(runner: CliRunner) -> None:
    res = runner.invoke(main, ["extract", str(SAMPLE), "--published", "12/11/2017"])
    assert res.exit_code == 2 and "E110" in res.output


@pytest.mark.skipif(not (SHARED / "gold" / "seed-000.json").is_file(), reason="needs ../shared")
def test_evaluate_command(runner: CliRunner) -> None:
    res = runner.invoke(main, ["evaluate", str(SHARED / "gold" / "seed-000.json"), "--published-given",
                               "--min-f1", "0.85"])
    assert res.exit_code == 0, res.output
    assert "events F1=" in res.stdout and "field actor1" in res.stdout


def test_library_entry_point() -> None:
    import rasd

    doc = rasd.extract(SAMPLE.read_text(encoding="utf-8"), published="2019-05-20")
    assert doc.events and all(e.evidence for e in doc.events)
    undated = rasd.extract(SAMPLE.read_text(encoding="utf-8"))
    assert all(e.date.date is None for e in undated.events)
