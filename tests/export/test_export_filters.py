"""rasd.export.filter_records: each filter alone, filters combined, and streaming."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _export_records import record, sample_records

from rasd.export import ExportOptions, export, filter_records, read_csv

# The sample records' doc ids, in order: syria-0001 (2015-07-21, Aleppo, Armed clash), yemen-0002 (2015-03-26,
# Aden, Attack), iraq-0003 (no date, Anbar, Air/drone strike), syria-0004 (2015-12-31, Idlib, Peaceful protest),
# syria-0005 (2016-01-02, Deir ez Zor, Armed clash, Islamic State vs the Syrian army).
CASES: list[tuple[dict[str, Any], list[str]]] = [
    ({}, ["syria-0001", "yemen-0002", "iraq-0003", "syria-0004", "syria-0005"]),
    # dates: inclusive bounds; an event without a date never passes a bound
    ({"date_from": "2015-07-21"}, ["syria-0001", "syria-0004", "syria-0005"]),
    ({"date_to": "2015-07-21"}, ["syria-0001", "yemen-0002"]),
    ({"date_from": dt.date(2015, 7, 22), "date_to": dt.date(2015, 12, 31)}, ["syria-0004"]),
    ({"date_from": "2017-01-01"}, []),
    # countries: ACLED name, ISO codes, Arabic name, any case
    ({"countries": ("Syria",)}, ["syria-0001", "syria-0004", "syria-0005"]),
    ({"countries": ("SYR",)}, ["syria-0001", "syria-0004", "syria-0005"]),
    ({"countries": ("sy",)}, ["syria-0001", "syria-0004", "syria-0005"]),
    ({"countries": ("887",)}, ["yemen-0002"]),
    ({"countries": ("اليمن", "العراق")}, ["yemen-0002", "iraq-0003"]),
    ({"countries": "Iraq"}, ["iraq-0003"]),  # one string is one name
    ({"countries": ("Libya",)}, []),
    # admin1: English or Arabic, Arabic letters folded («ادلب» = «إدلب»)
    ({"admin1": ("aleppo",)}, ["syria-0001"]),
    ({"admin1": ("ادلب",)}, ["syria-0004"]),
    ({"admin1": ("Aden", "الأنبار")}, ["yemen-0002", "iraq-0003"]),
    # event types: a type or a sub-type
    ({"event_types": ("Battles",)}, ["syria-0001", "syria-0005"]),
    ({"event_types": ("air/drone strike",)}, ["iraq-0003"]),
    ({"event_types": ("Protests", "Attack")}, ["yemen-0002", "syria-0004"]),
    # actors: actor1, actor2 or an associated actor, whole names
    ({"actors": ("Hezbollah",)}, ["syria-0001"]),
    ({"actors": ("Civilians (Yemen)",)}, ["yemen-0002"]),
    ({"actors": ("Teachers (Syria)",)}, ["syria-0004"]),
    ({"actors": ("Military Forces of Syria (2000-2024)",)}, ["syria-0001", "syria-0005"]),
    ({"actors": ("Military Forces",)}, []),
    # combined: AND across filters
    ({"countries": ("Syria",), "event_types": ("Battles",)}, ["syria-0001", "syria-0005"]),
    ({"countries": ("Syria",), "event_types": ("Battles",), "date_from": "2016-01-01"}, ["syria-0005"]),
    ({"countries": ("Syria",), "actors": ("Islamic State (Syria)",), "admin1": ("Aleppo",)}, []),
    ({"countries": ("YEM", "IRQ"), "date_to": "2015-12-31", "event_types": ("Violence against civilians",)},
     ["yemen-0002"]),
    ({"admin1": ("Idlib",), "actors": ("Protesters (Syria)",), "event_types": ("Peaceful protest",),
      "date_from": "2015-12-01", "date_to": "2015-12-31", "countries": ("سوريا",)}, ["syria-0004"]),
]


@pytest.mark.parametrize(("filters", "expected"), CASES, ids=[str(f) for f, _ in CASES])
def test_filter(filters: dict[str, Any], expected: list[str]) -> None:
    opts = ExportOptions(**filters)
    assert [r["doc_id"] for r in filter_records(sample_records(), opts)] == expected


@pytest.mark.parametrize(("filters", "expected"), CASES[1::4], ids=[str(f) for f, _ in CASES[1::4]])
def test_export_applies_the_filters(tmp_path: Path, filters: dict[str, Any], expected: list[str]) -> None:
    path = tmp_path / "events.csv"
    report = export(sample_records(), ExportOptions(format="acled-csv", **filters), path)
    assert [r["doc_id"] for r in read_csv(path)] == expected
    assert report.count == len(expected) and report.seen == 5


def test_blank_filter_values_are_ignored() -> None:
    opts = ExportOptions(countries=("", "  "), actors=[])  # type: ignore[arg-type]
    assert not opts.has_filters
    assert len(list(filter_records(sample_records(), opts))) == 5


def test_records_without_the_filtered_fields() -> None:
    bare: dict[str, Any] = {"doc_id": "bare"}
    for filters in ({"date_from": "2015-01-01"}, {"countries": ("Syria",)}, {"admin1": ("Aleppo",)},
                    {"event_types": ("Battles",)}, {"actors": ("Hezbollah",)}):
        assert list(filter_records([bare], ExportOptions(**filters))) == [], filters  # type: ignore[arg-type]


def test_date_objects_in_records() -> None:
    rec = record(event_date=dt.date(2015, 7, 21))
    assert list(filter_records([rec], ExportOptions(date_from="2015-07-21", date_to="2015-07-21"))) == [rec]


def test_filtering_streams() -> None:
    """The filter pulls records one at a time: it works on an endless generator."""
    def endless() -> Iterator[dict[str, Any]]:
        for n in itertools.count():
            yield record(doc_id=f"doc-{n}", country="Syria" if n % 3 else "Iraq", iso=None)
    first = list(itertools.islice(filter_records(endless(), ExportOptions(countries=("Iraq",))), 4))
    assert [r["doc_id"] for r in first] == ["doc-0", "doc-3", "doc-6", "doc-9"]
