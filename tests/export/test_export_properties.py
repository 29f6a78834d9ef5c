"""Random event records survive the CSV and Parquet round trips (hypothesis, capped at 50 examples)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from _export_records import as_csv_reads_it, complete
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.export import COLUMN_KINDS, EXPORT_COLUMNS, ExportOptions, export, read_csv, read_parquet
from rasd.export.columns import with_event_id

pytest.importorskip("pyarrow")

# Any text UTF-8 can carry, Arabic included, except NUL (which no CSV consumer handles).
ARABIC = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيًٌٍَُِّْ٠١٢٣٤٥٦٧٨٩،؛؟ـ"
TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00") | st.sampled_from(ARABIC), max_size=30)
# ACLED joins associated actors with "; ": a name cannot contain ";" or be empty.
NAME = st.text(st.characters(codec="utf-8", exclude_characters="\x00;") | st.sampled_from(ARABIC),
               min_size=1, max_size=20)
INT32 = st.integers(-(2**31), 2**31 - 1)
INT64 = st.integers(-(2**63), 2**63 - 1)
SPAN = st.fixed_dictionaries({"field": TEXT, "start": st.integers(0, 10**6), "end": st.integers(0, 10**6),
                              "text": TEXT})
JSON_VALUE = st.lists(SPAN, max_size=3) | st.dictionaries(TEXT, TEXT | INT32, max_size=3)

KIND_STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "str": st.none() | TEXT,
    "date": st.none() | st.dates().map(lambda d: d.isoformat()),
    "int32": st.none() | INT32,
    "int64": st.none() | INT64,
    "float": st.none() | st.floats(allow_nan=False, allow_infinity=False),
    "str_list": st.lists(NAME, max_size=3),
    "json": st.none() | JSON_VALUE,
}
RECORD = st.fixed_dictionaries({col: KIND_STRATEGIES[COLUMN_KINDS[col]] for col in EXPORT_COLUMNS})
RECORDS = st.lists(RECORD, min_size=1, max_size=5)

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(RECORDS)
def test_random_records_survive_csv(recs: list[dict[str, Any]]) -> None:
    out = io.BytesIO()
    report = export(recs, ExportOptions(format="acled-csv"), out)
    assert report.count == len(recs)
    back = list(read_csv(io.TextIOWrapper(io.BytesIO(out.getvalue()), encoding="utf-8", newline="")))
    assert back == [as_csv_reads_it(with_event_id(r)) for r in recs]


@SETTINGS
@given(RECORDS, st.integers(1, 4))
def test_random_records_survive_parquet(recs: list[dict[str, Any]], batch_size: int) -> None:
    out = io.BytesIO()
    report = export(recs, ExportOptions(format="parquet", batch_size=batch_size), out)
    assert report.count == len(recs)
    assert list(read_parquet(io.BytesIO(out.getvalue()))) == [complete(with_event_id(r)) for r in recs]
