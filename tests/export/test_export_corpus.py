"""The events of the 2,000-article corpus exported in all four formats: every format holds every event."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _export_records import as_csv_reads_it, complete

from rasd.export import EXPORT_COLUMNS, ExportOptions, export, read_csv, read_parquet
from rasd.export.columns import with_event_id
from rasd.ingest import read_paths
from rasd.output.records import records
from rasd.pipeline import default_pipeline

CORPUS = Path(__file__).parents[3] / "shared" / "corpus" / "saudinewsnet-conflict-2015" / "articles.jsonl"

pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def corpus_records() -> list[dict[str, Any]]:
    if not CORPUS.is_file():
        pytest.skip(f"needs the shared corpus: {CORPUS}")
    pipe = default_pipeline()
    articles = (res.article for res in read_paths([CORPUS]) if res.article is not None)
    return [r for doc in pipe.pipe(articles) for r in records(doc, pipe.gaz)]


@pytest.mark.slow
def test_corpus_export_in_every_format(tmp_path: Path, corpus_records: list[dict[str, Any]]) -> None:
    recs = corpus_records
    n = len(recs)
    assert n > 1000
    # An event record has exactly the export columns (event_id_cnty is the exports' own): nothing is dropped.
    assert {"event_id_cnty", *recs[0]} == set(EXPORT_COLUMNS)

    reports = {fmt: export(recs, ExportOptions(format=fmt), tmp_path / f"events.{fmt}")
               for fmt in ("acled-csv", "geojson", "parquet", "jsonl")}
    for fmt, report in reports.items():
        assert report.seen == n, fmt
        assert report.count + report.without_coordinates == n, fmt

    expected = [with_event_id(r) for r in recs]
    ids = [r["event_id_cnty"] for r in expected]
    assert len(set(ids)) == n  # stable ids are unique over the corpus

    assert list(read_csv(tmp_path / "events.acled-csv")) == [as_csv_reads_it(r) for r in expected]
    assert list(read_parquet(tmp_path / "events.parquet")) == [complete(r) for r in expected]
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == expected
    features = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))["features"]
    with_coordinates = [r for r in expected if r["latitude"] is not None and r["longitude"] is not None]
    assert len(features) == reports["geojson"].count == len(with_coordinates)
    assert [f["id"] for f in features] == [r["event_id_cnty"] for r in with_coordinates]
    assert all(f["geometry"]["type"] == "Point" for f in features)
    assert all(f["geometry"]["coordinates"] == [r["longitude"], r["latitude"]]
               for f, r in zip(features, with_coordinates, strict=True))

    # The same events filtered: a subset, with the same ids.
    syria = export(recs, ExportOptions(format="acled-csv", countries=("Syria",)), tmp_path / "syria.csv")
    back = list(read_csv(tmp_path / "syria.csv"))
    assert syria.count == len(back) == sum(r["country"] == "Syria" for r in recs) > 0
    assert {r["event_id_cnty"] for r in back} <= set(ids)
