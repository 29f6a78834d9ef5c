"""Exports of event records: ACLED CSV, GeoJSON, Parquet (needs pyarrow: ``pip install 'rasd[parquet]'``) and
JSON Lines, with filters on date, country, admin1, event type and actor.

    from rasd.export import ExportOptions, export
    report = export(recs, ExportOptions(format="acled-csv", countries=("Syria",)), "events.csv")

Functions take any iterable of event record dicts (:func:`rasd.output.records.records`) and stream them.
"""

from __future__ import annotations

from rasd.export.columns import (
    COLUMN_KINDS,
    EXPORT_COLUMNS,
    EXTRA_COLUMNS,
    ExportError,
    event_id,
    parquet_schema,
    read_csv,
    read_parquet,
)
from rasd.export.options import FORMATS, SUFFIXES, ExportOptions, ExportReport, RecordFilter, filter_records
from rasd.export.writers import export, geojson_feature

__all__ = [
    "COLUMN_KINDS",
    "EXPORT_COLUMNS",
    "EXTRA_COLUMNS",
    "FORMATS",
    "SUFFIXES",
    "ExportError",
    "ExportOptions",
    "ExportReport",
    "RecordFilter",
    "event_id",
    "export",
    "filter_records",
    "geojson_feature",
    "parquet_schema",
    "read_csv",
    "read_parquet",
]
