"""Writing event records as ACLED CSV, GeoJSON, Parquet or JSON Lines: :func:`export`.

Every writer streams: records are read, filtered and written one at a time (Parquet: one row group of
``batch_size`` records at a time), so memory stays bounded however many events there are.  Every format carries
``event_id_cnty``, the record's own or a stable id (:func:`rasd.export.columns.event_id`), so one event has the
same id in all four.

A file is written beside its destination (``NAME.part``) and renamed when complete, so a failed export never
leaves a truncated file under the final name.  Streams are written to directly and left open.
"""

from __future__ import annotations

import csv
import io
import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TextIO, cast

from rasd.export.columns import (
    EXPORT_COLUMNS,
    arrow_table,
    batches,
    compact_json,
    csv_cells,
    parquet_schema,
    pyarrow_modules,
    with_event_id,
)
from rasd.export.options import ExportOptions, ExportReport, Output, filter_records
from rasd.output.records import write_jsonl

GEOMETRY_FIELDS = frozenset({"latitude", "longitude"})

# A writer takes the records (ids filled), the stream and the options; it returns how many it left out.
Writer = Callable[[Iterable[dict[str, Any]], Any, ExportOptions], int]


def write_acled_csv(recs: Iterable[dict[str, Any]], out: TextIO, opts: ExportOptions) -> int:
    """ACLED's 31 columns in ACLED's order, then rasd's (:data:`~rasd.export.columns.EXPORT_COLUMNS`); UTF-8,
    a byte order mark only when ``opts.bom``."""
    if opts.bom:
        out.write("\ufeff")
    w = csv.DictWriter(out, fieldnames=list(EXPORT_COLUMNS), extrasaction="ignore")
    w.writeheader()
    for r in recs:
        w.writerow(csv_cells(r))
    return 0


def coordinates(rec: Mapping[str, Any]) -> tuple[float, float] | None:
    """``(longitude, latitude)`` of a record, GeoJSON's order, or None when either is missing, not a finite
    number or out of range."""
    lat, lon = rec.get("latitude"), rec.get("longitude")
    if isinstance(lat, bool) or isinstance(lon, bool) or not isinstance(lat, int | float) or \
            not isinstance(lon, int | float):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return float(lon), float(lat)


def geojson_feature(rec: Mapping[str, Any]) -> dict[str, Any] | None:
    """The GeoJSON Feature of a record (with its id): a Point ``[lon, lat]``, the id as the feature's ``id``,
    the record without its coordinates as ``properties``; None for an event without coordinates."""
    point = coordinates(rec)
    if point is None:
        return None
    return {"type": "Feature", "id": rec.get("event_id_cnty"),
            "geometry": {"type": "Point", "coordinates": list(point)},
            "properties": {k: v for k, v in rec.items() if k not in GEOMETRY_FIELDS}}


def write_geojson(recs: Iterable[dict[str, Any]], out: TextIO, opts: ExportOptions) -> int:
    """A FeatureCollection of Points, one Feature per line; events without coordinates are left out and
    counted (the return value)."""
    out.write('{"type":"FeatureCollection","features":[')
    written = left_out = 0
    for r in recs:
        feature = geojson_feature(r)
        if feature is None:
            left_out += 1
            continue
        out.write(("\n" if written == 0 else ",\n") + compact_json(feature))
        written += 1
    out.write("\n]}\n")
    return left_out


def write_parquet(recs: Iterable[dict[str, Any]], out: BinaryIO, opts: ExportOptions) -> int:
    """Parquet with the explicit schema of :func:`~rasd.export.columns.parquet_schema`, one row group per
    ``opts.batch_size`` records.  Needs pyarrow (ExportError E501)."""
    _, pq = pyarrow_modules()
    schema = parquet_schema()
    writer = pq.ParquetWriter(out, schema, compression=opts.compression)
    try:
        for batch in batches(recs, opts.batch_size):
            writer.write_table(arrow_table(batch, schema), row_group_size=len(batch))
    finally:
        writer.close()
    return 0


def write_jsonl_export(recs: Iterable[dict[str, Any]], out: TextIO, opts: ExportOptions) -> int:
    """JSON Lines, one record per line (:func:`rasd.output.records.write_jsonl`), ``event_id_cnty`` first."""
    write_jsonl(recs, out)
    return 0


WRITERS: dict[str, Writer] = {
    "acled-csv": write_acled_csv,
    "geojson": write_geojson,
    "parquet": write_parquet,
    "jsonl": write_jsonl_export,
}


def export(records: Iterable[Mapping[str, Any]], opts: ExportOptions, out: Output = None) -> ExportReport:
    """Filter ``records`` by ``opts`` and write them in ``opts.format`` to ``out`` (else ``opts.output``, else
    standard output): a path, or a text or binary stream.  Returns the :class:`ExportReport`.

    Parquet needs pyarrow (ExportError E501) and a binary destination (a text stream's ``buffer`` is used); a
    value that does not fit its Parquet column raises ExportError E502.
    """
    start = time.perf_counter()
    report = ExportReport(format=opts.format)
    target = out if out is not None else opts.output
    if opts.format == "parquet":
        pyarrow_modules()  # fail before opening anything

    def counted() -> Iterator[Mapping[str, Any]]:
        for rec in records:
            report.seen += 1
            yield rec

    def identified() -> Iterator[dict[str, Any]]:
        for rec in filter_records(counted(), opts):
            report.count += 1
            yield with_event_id(rec)

    binary = opts.format == "parquet"
    with _destination(target, binary) as (stream, path):
        left_out = WRITERS[opts.format](identified(), stream, opts)
    report.count -= left_out
    report.without_coordinates = left_out if opts.format == "geojson" else 0
    report.path = path
    report.seconds = time.perf_counter() - start
    return report


def _is_binary(stream: Any) -> bool:
    """True for a byte stream (a file opened with ``b``, ``BytesIO``, ``sys.stdout.buffer``)."""
    if isinstance(stream, io.TextIOBase):
        return False
    return isinstance(stream, io.RawIOBase | io.BufferedIOBase) or "b" in getattr(stream, "mode", "")


@contextmanager
def _destination(target: Output, binary: bool) -> Iterator[tuple[Any, str | None]]:
    """The stream to write to and the file's path (None for a stream), for a text or binary format."""
    if target is None:
        target = sys.stdout
    if isinstance(target, str | Path):
        path = Path(target)
        part = path.with_name(path.name + ".part")
        try:
            with open(part, "wb") if binary else open(part, "w", encoding="utf-8", newline="") as fh:
                yield fh, str(path)
            os.replace(part, path)
        finally:
            part.unlink(missing_ok=True)
        return
    if binary == _is_binary(target):
        yield target, None
    elif binary:
        buffer = getattr(target, "buffer", None)
        if buffer is None:
            raise TypeError("Parquet is binary: give a path or a binary stream, not a text stream")
        target.flush()
        yield buffer, None
        buffer.flush()
    else:
        wrapper = io.TextIOWrapper(cast(BinaryIO, target), encoding="utf-8", newline="", write_through=True)
        try:
            yield wrapper, None
            wrapper.flush()
        finally:
            wrapper.detach()  # leave the caller's byte stream open

