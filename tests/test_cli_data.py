"""The dataset commands through click's runner: ingest, status, export, control, run, monitor."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.cli import main
from rasd.export import EXPORT_COLUMNS

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[1] / "shared" / "corpus" / "seed" / "000_cec7ceff3a92a6cc.txt"
SECOND = HERE.parent / "samples" / "second-report-bukamal.txt"

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="needs ../shared")


@pytest.fixture()
def db(tmp_path: Path) -> str:
    url = str(tmp_path / "rasd.sqlite")
    res = CliRunner().invoke(main, ["ingest", str(SEED), str(SECOND), "--published", "2017-11-12", "--db", url])
    assert res.exit_code == 0, res.output
    assert "2 new" in res.stderr
    return url


def test_ingest_is_idempotent(db: str) -> None:
    res = CliRunner().invoke(main, ["ingest", str(SEED), "--db", db])
    assert res.exit_code == 0 and "0 new, 1 already stored" in res.stderr and "0 events" in res.stderr
    status = CliRunner().invoke(main, ["status", "--db", db])
    assert "articles: 2" in status.output


def test_a_bad_file_is_one_line_and_the_rest_goes_in(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    res = CliRunner().invoke(main, ["ingest", str(tmp_path / "empty.txt"), str(SEED), "--db",
                                    str(tmp_path / "x.sqlite")])
    assert res.exit_code == 0
    assert "E102" in res.stderr and "1 new" in res.stderr and "Traceback" not in res.output


def test_a_bad_database_url_is_a_clean_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["status", "--db", "nosuchdialect://x"])
    assert res.exit_code == 2 and "E511" in res.stderr


def test_export_acled_csv_has_acleds_columns_first(db: str) -> None:
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", "acled-csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert rows[0][:3] == ["event_id_cnty", "event_date", "year"] and len(rows) > 10


@pytest.mark.parametrize("fmt", ["geojson", "jsonl", "parquet"])
def test_export_formats_to_a_file(db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", fmt, "-o", str(out), "--country", "Syria"])
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 0 and "exported" in res.stderr


def test_merged_export_joins_the_two_reports(db: str) -> None:
    plain = CliRunner().invoke(main, ["export", "--db", db, "--format", "jsonl"]).stdout.splitlines()
    merged = [json.loads(x) for x in CliRunner().invoke(main, ["export", "--db", db, "--format", "jsonl",
                                                               "--merged"]).stdout.splitlines()]
    assert len(merged) < len(plain)
    both = [m for m in merged if m["n_reports"] == 2]
    assert both and all(len(set(m["doc_ids"])) == 2 for m in both)


def test_control_at_a_date(db: str) -> None:
    res = CliRunner().invoke(main, ["control", "--db", db, "--at", "2017-11-12", "--place", "البوكمال",
                                    "--format", "json"])
    assert res.exit_code == 0, res.output
    (holding,) = json.loads(res.stdout).values()
    assert holding["holder"] == "Islamic State" and len(holding["doc_ids"]) == 2


def test_run_on_two_workers_stores_the_same_events(db: str, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    other = str(tmp_path / "parallel.sqlite")
    res = CliRunner().invoke(main, ["run", str(SEED), str(SECOND), "--published", "2017-11-12", "--workers", "2",
                                    "--db", other])
    assert res.exit_code == 0, res.output

    def events(url: str) -> list[str]:
        out = CliRunner().invoke(main, ["export", "--db", url, "--format", "jsonl"]).stdout.splitlines()
        return sorted(json.dumps({k: v for k, v in json.loads(x).items() if k not in ("article_id", "run_id")},
                                 sort_keys=True) for x in out)

    assert events(other) == events(db)


def test_monitor_takes_new_articles_from_a_feed(tmp_path: Path) -> None:
    sys.path.insert(0, str(HERE / "ingest"))
    try:
        from _webserver import arabic_page, rss_feed, serve
    finally:
        sys.path.pop(0)
    with serve() as site:
        page = site.route("/a/1.html", arabic_page())
        feed = site.route("/rss.xml", rss_feed([(page, "غارات على ريف إدلب", "Sun, 12 Nov 2017 08:00:00 GMT",
                                                 "ملخص")]), content_type="application/rss+xml")
        feeds = tmp_path / "feeds.yaml"
        feeds.write_text(f"feeds:\n  - url: {feed}\n", encoding="utf-8")
        url = str(tmp_path / "m.sqlite")
        args = ["monitor", str(feeds), "--db", url, "--rounds", "1", "--per-host-delay", "0"]
        first = CliRunner().invoke(main, args)
        again = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "1 new" in first.stderr
    assert again.exit_code == 0 and "new" not in again.stderr  # nothing new the second time
    assert "articles: 1" in CliRunner().invoke(main, ["status", "--db", url]).output


def test_max_bytes_refuses_a_large_article_and_says_how_to_raise_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("قصفت قوات النظام مدينة البوكمال. " * 200, encoding="utf-8")
    url = str(tmp_path / "b.sqlite")
    small = CliRunner().invoke(main, ["ingest", str(big), "--db", url, "--max-bytes", "1000"])
    assert small.exit_code == 0 and "E105" in small.stderr and "0 new" in small.stderr
    ok = CliRunner().invoke(main, ["ingest", str(big), "--db", url, "--max-bytes", "1000000"])
    assert "1 new" in ok.stderr


def test_reextract_keeps_review_edits(db: str) -> None:
    from rasd.store import Store

    store = Store.open(db)
    try:
        event = store.events()[0]
        store.edit(event["event_key"], "fatalities", 9, "huda", "per SOHR")
    finally:
        store.close()
    res = CliRunner().invoke(main, ["reextract", "--db", db, "--quiet"])
    assert res.exit_code == 0, res.output
    assert res.stderr.startswith("rasd: run 2: extracted 2 ") and "0 review edits without their event" in res.stderr
    store = Store.open(db)
    try:
        again = next(e for e in store.events() if e["event_key"] == event["event_key"])
        assert again["fatalities"] == 9 and again["run_id"] == 2
    finally:
        store.close()
