"""rasd.export: the four formats read back as what was written — columns, types, Arabic text, ids."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from _export_records import as_csv_reads_it, complete, record, sample_records

from rasd.errors import InputError
from rasd.export import (
    EXPORT_COLUMNS,
    EXTRA_COLUMNS,
    FORMATS,
    ExportError,
    ExportOptions,
    event_id,
    export,
    read_csv,
    read_parquet,
)
from rasd.export.columns import with_event_id
from rasd.output.records import ACLED_COLUMNS, RASD_COLUMNS

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def _with_ids(recs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [with_event_id(r) for r in recs]


# --- columns ----------------------------------------------------------------------------------------------

def test_columns_are_acleds_31_in_order_then_rasds() -> None:
    assert len(ACLED_COLUMNS) == 31
    assert EXPORT_COLUMNS[:31] == ACLED_COLUMNS
    assert EXPORT_COLUMNS[31:] == EXTRA_COLUMNS
    assert EXTRA_COLUMNS[:len(RASD_COLUMNS)] == RASD_COLUMNS
    assert len(set(EXPORT_COLUMNS)) == len(EXPORT_COLUMNS)


def test_csv_header_is_the_export_columns(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    export(sample_records(), ExportOptions(format="acled-csv"), path)
    with path.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[:31] == list(ACLED_COLUMNS)
    assert header == list(EXPORT_COLUMNS)


def test_parquet_schema_is_the_export_columns(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    export(sample_records(), ExportOptions(format="parquet"), path)
    schema = pq.read_schema(path)
    assert schema.names == list(EXPORT_COLUMNS)
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("fatalities").type == pa.int32()
    assert schema.field("geonameid").type == pa.int64()
    assert schema.field("latitude").type == pa.float64()
    assert schema.field("assoc_actor_1").type == pa.list_(pa.string())
    assert schema.field("evidence").type == pa.string()
    assert schema.metadata[b"rasd.json_columns"] == b"candidates,control_change,evidence"


# --- round trips ------------------------------------------------------------------------------------------

def test_csv_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    report = export(sample_records(), ExportOptions(format="acled-csv"), path)
    assert report.count == report.seen == 5 and report.path == str(path)
    assert list(read_csv(path)) == [as_csv_reads_it(r) for r in _with_ids(sample_records())]


def test_csv_cells_follow_acled(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    export(sample_records(), ExportOptions(format="acled-csv"), path)
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # UTF-8 without a byte order mark, as ACLED's own exports
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["assoc_actor_1"] == "Hezbollah; NDF: National Defence Forces"
    assert rows[3]["assoc_actor_2"] == "Students (Syria); Teachers (Syria)"
    assert rows[0]["admin3"] == "" and rows[0]["timestamp"] == ""
    assert rows[0]["latitude"] == "36.20124" and rows[0]["iso"] == "760"
    assert rows[0]["evidence"] == ('[{"field":"trigger","start":10,"end":20,"text":"اشتباكات عنيفة"},'
                                   '{"field":"location","start":30,"end":33,"text":"حلب"}]')
    assert rows[3]["control_change"] == '{"to":"جيش الفتح"}'
    assert rows[1]["notes"] == 'Said "three killed", in Aden,\nthen more.'


def test_csv_byte_order_mark_on_request(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    export(sample_records(), ExportOptions(format="acled-csv", bom=True), path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfevent_id_cnty,")
    assert len(list(read_csv(path))) == 5  # the reader skips it


def test_geojson_points_in_lon_lat_order(tmp_path: Path) -> None:
    path = tmp_path / "events.geojson"
    report = export(sample_records(), ExportOptions(format="geojson"), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    features = data["features"]
    assert report.seen == 5 and report.count == len(features) == 4 and report.without_coordinates == 1
    assert "without coordinates" in report.summary()
    assert all(f["type"] == "Feature" and f["geometry"]["type"] == "Point" for f in features)
    expected = [r for r in _with_ids(sample_records()) if r["latitude"] is not None]
    for feature, rec in zip(features, expected, strict=True):
        assert feature["geometry"]["coordinates"] == [rec["longitude"], rec["latitude"]]
        assert feature["id"] == rec["event_id_cnty"]
        props = feature["properties"]
        assert "latitude" not in props and "longitude" not in props
        assert props == {k: v for k, v in rec.items() if k not in ("latitude", "longitude")}
    aleppo = features[0]["geometry"]["coordinates"]
    assert aleppo == [37.16117, 36.20124]  # Aleppo: longitude 37.2° E first, then latitude 36.2° N


def test_parquet_round_trip_each_column_type(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    export(sample_records(), ExportOptions(format="parquet", batch_size=2), path)
    assert pq.ParquetFile(path).metadata.num_row_groups == 3  # 5 records in row groups of 2
    table = pq.read_table(path)
    expected = [complete(r) for r in _with_ids(sample_records())]
    assert table.column("event_date").to_pylist() == [
        dt.date.fromisoformat(r["event_date"]) if r["event_date"] else None for r in expected]
    for col in ("year", "fatalities", "geonameid", "latitude", "assoc_actor_1", "assoc_actor_2", "location_ar"):
        assert table.column(col).to_pylist() == [r[col] for r in expected], col
    assert [json.loads(v) if v else None for v in table.column("evidence").to_pylist()] == \
        [r["evidence"] for r in expected]
    assert list(read_parquet(path)) == expected


def test_jsonl_is_write_jsonl_with_ids(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    export(sample_records(), ExportOptions(format="jsonl"), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == _with_ids(sample_records())
    assert "حلب" in lines[0] and "\\u" not in lines[0]
    assert next(iter(json.loads(lines[0]))) == "event_id_cnty"


@pytest.mark.parametrize("fmt", FORMATS)
def test_arabic_text_intact(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"events.{fmt}"
    export(sample_records(), ExportOptions(format=fmt), path)
    if fmt == "acled-csv":
        back = list(read_csv(path))
    elif fmt == "parquet":
        back = list(read_parquet(path))
    elif fmt == "geojson":
        back = [f["properties"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]]
    else:
        back = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    by_doc = {r["doc_id"]: r for r in back}
    assert by_doc["syria-0001"]["admin2_ar"] == "جبل سمعان"
    assert by_doc["syria-0001"]["evidence"][0]["text"] == "اشتباكات عنيفة"
    assert by_doc["syria-0004"]["location_ar"] == "إدلب"
    assert by_doc["syria-0004"]["control_change"] == {"to": "جيش الفتح"}


# --- ids --------------------------------------------------------------------------------------------------

def test_event_ids_are_acled_shaped_stable_and_kept() -> None:
    ids = [event_id(r) for r in sample_records()]
    assert re.fullmatch(r"SYR\d{12}", ids[0]) and re.fullmatch(r"YEM\d{12}", ids[1])
    assert re.fullmatch(r"IRQ\d{12}", ids[2])
    assert ids[4] == "SYR12345"  # a record's own id is kept
    assert len(set(ids)) == 5
    assert [event_id(r) for r in sample_records()] == ids
    shuffled = record(evidence=list(reversed(record()["evidence"])), notes="another summary", fatalities=13)
    assert event_id(shuffled) == ids[0]  # the same spans of the same article: the same event
    assert event_id(record(doc_id="syria-0099")) != ids[0]
    assert event_id(record(iso=None, country="Atlantis"))[:3] == "XXX"
    assert event_id(record(iso=None, country="Lebanon"))[:3] == "LBN"


def test_ids_do_not_depend_on_filters_or_format(tmp_path: Path) -> None:
    export(sample_records(), ExportOptions(format="acled-csv"), tmp_path / "all.csv")
    export(sample_records(), ExportOptions(format="parquet", countries=("Yemen",)), tmp_path / "ye.parquet")
    all_ids = {r["doc_id"]: r["event_id_cnty"] for r in read_csv(tmp_path / "all.csv")}
    (yemen,) = read_parquet(tmp_path / "ye.parquet")
    assert yemen["event_id_cnty"] == all_ids["yemen-0002"]


# --- destinations and errors ------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_streams_text_and_binary(fmt: str) -> None:
    binary = io.BytesIO()
    report = export(sample_records(), ExportOptions(format=fmt), binary)
    assert report.path is None and not binary.closed and binary.getvalue()
    if fmt != "parquet":
        text = io.StringIO(newline="")
        export(sample_records(), ExportOptions(format=fmt), text)
        assert text.getvalue().encode("utf-8") == binary.getvalue()
    else:
        assert pq.read_table(io.BytesIO(binary.getvalue())).num_rows == 5
        wrapped = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # a text stream with a buffer
        export(sample_records(), ExportOptions(format=fmt, output=wrapped))
        assert wrapped.buffer.getvalue()[:4] == b"PAR1"
        with pytest.raises(TypeError):
            export(sample_records(), ExportOptions(format=fmt), io.StringIO())


def test_standard_output_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    report = export(sample_records(), ExportOptions(format="jsonl"))
    assert report.count == 5 and len(capsys.readouterr().out.splitlines()) == 5


def test_missing_pyarrow_is_e501(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ExportError, match=r"^\[E501\] .*pyarrow.*rasd\[parquet\]"):
        export(sample_records(), ExportOptions(format="parquet"), tmp_path / "x.parquet")
    assert not list(tmp_path.iterdir())


def test_bad_value_is_e502_and_leaves_no_file(tmp_path: Path) -> None:
    recs = [*sample_records(), record(doc_id="bad-0006", fatalities="many")]
    with pytest.raises(ExportError, match=r"^\[E502\] bad-0006: .*fatalities"):
        export(recs, ExportOptions(format="parquet"), tmp_path / "x.parquet")
    with pytest.raises(ExportError, match=r"^\[E502\] bad-0007: .*event_date"):
        export([record(doc_id="bad-0007", event_date="21/07/2015")], ExportOptions(format="parquet"), io.BytesIO())
    assert not list(tmp_path.iterdir())  # neither x.parquet nor x.parquet.part


def test_bad_options() -> None:
    with pytest.raises(ExportError, match=r"^\[E503\] 'xlsx'"):
        ExportOptions(format="xlsx")
    with pytest.raises(InputError, match=r"^\[E110\]"):
        ExportOptions(date_from="2015-13-01")
    with pytest.raises(ValueError):
        ExportOptions(batch_size=0)
