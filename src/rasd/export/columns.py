"""The export columns: their order and types, stable event ids, and the cell encodings of CSV and Parquet.

Every export has the same columns: ACLED's 31 in ACLED's order (:data:`~rasd.output.records.ACLED_COLUMNS`),
then rasd's own (:data:`EXTRA_COLUMNS`).  :data:`COLUMN_KINDS` gives each column's type, from which both the
CSV cell encoding and the Parquet schema are derived, and the readers (:func:`read_csv`, :func:`read_parquet`)
turn an export back into event records.

CSV cells follow ACLED: associated actors are joined with ``"; "``, empty values are empty cells.  Nested values
(``candidates``, ``control_change``, ``evidence``) are compact JSON.  A CSV cell cannot tell an empty string
from a missing value: both read back as ``None``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import importlib
import json
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

from rasd.errors import RasdError
from rasd.lexicon.loader import iter_tsv
from rasd.output.records import ACLED_COLUMNS, RASD_COLUMNS, csv_row

# rasd's columns after ACLED's: those of rasd.output.records.RASD_COLUMNS, then the rest of an event record.
EXTRA_COLUMNS: tuple[str, ...] = (
    *RASD_COLUMNS, "fatalities_note", "location_relation", "candidates", "control_change", "zone", "evidence",
)
EXPORT_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS

# Column types: str, date (ISO text in records), int32, int64, float, str_list (assoc actors), json (nested).
COLUMN_KINDS: dict[str, str] = {
    "event_id_cnty": "str", "event_date": "date", "year": "int32", "time_precision": "int32",
    "disorder_type": "str", "event_type": "str", "sub_event_type": "str", "actor1": "str",
    "assoc_actor_1": "str_list", "inter1": "int32", "actor2": "str", "assoc_actor_2": "str_list",
    "inter2": "int32", "interaction": "int32", "civilian_targeting": "str", "iso": "int32", "region": "str",
    "country": "str", "admin1": "str", "admin2": "str", "admin3": "str", "location": "str",
    "latitude": "float", "longitude": "float", "geo_precision": "int32", "source": "str", "source_scale": "str",
    "notes": "str", "fatalities": "int32", "tags": "str", "timestamp": "int64",
    "doc_id": "str", "location_ar": "str", "admin1_ar": "str", "admin2_ar": "str", "geonameid": "int64",
    "date_expression": "str", "claim_source": "str", "fatalities_note": "str", "location_relation": "str",
    "candidates": "json", "control_change": "json", "zone": "str", "evidence": "json",
}
JSON_COLUMNS: tuple[str, ...] = tuple(c for c in EXPORT_COLUMNS if COLUMN_KINDS[c] == "json")
LIST_SEPARATOR = "; "  # ACLED's separator of associated actors
ID_DIGITS = 12  # event_id_cnty = ISO3 + 12 digits of a hash of doc_id and evidence
UNKNOWN_COUNTRY = "XXX"  # ISO 3166's user-assigned code, for events without a known country

assert set(COLUMN_KINDS) == set(EXPORT_COLUMNS), "every export column needs a kind"


class ExportError(RasdError):
    """An export cannot be written: a missing optional package, a bad option, a value of the wrong type."""


def pyarrow_modules() -> tuple[ModuleType, ModuleType]:
    """``pyarrow`` and ``pyarrow.parquet``, imported on first use; :class:`ExportError` E501 when missing."""
    try:
        return importlib.import_module("pyarrow"), importlib.import_module("pyarrow.parquet")
    except ImportError as exc:
        raise ExportError("E501") from exc


# --- countries and event ids ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def country_table() -> dict[str, tuple[str, str]]:
    """Every way of naming a country (ACLED name, ISO alpha-2, alpha-3, numeric code, Arabic names), casefolded,
    mapped to ``(ISO3, ACLED name)``; read once from the data file ``countries.tsv``."""
    table: dict[str, tuple[str, str]] = {}
    for row in iter_tsv("countries.tsv"):
        value = (row["iso3"], row["name_en"])
        keys = [row["iso2"], row["iso3"], row["iso_numeric"], row["name_en"], *row["name_ar"].split("|")]
        for key in keys:
            if key.strip():
                table.setdefault(key.strip().casefold(), value)
    return table


def country_of(rec: Mapping[str, Any]) -> tuple[str, str] | None:
    """``(ISO3, ACLED name)`` of a record's country, from its numeric ``iso`` or else its ``country`` name."""
    table = country_table()
    for key in (rec.get("iso"), rec.get("country")):
        if key is not None and key != "":
            found = table.get(str(key).strip().casefold())
            if found is not None:
                return found
    return None


def event_id(rec: Mapping[str, Any]) -> str:
    """ACLED's ``event_id_cnty`` for a record: its own when it has one, else a stable id.

    The stable id is ACLED-shaped (ISO3 code and a number, e.g. ``SYR402617728113``): the number is
    :data:`ID_DIGITS` digits of a BLAKE2 hash of ``doc_id`` and the evidence spans (field, start, end), so the
    same event of the same article gets the same id in every export and every format, whatever the filters.
    An event without evidence is hashed on its date, types, actors and place instead.
    """
    own = rec.get("event_id_cnty")
    if own:
        return str(own)
    found = country_of(rec)
    code = found[0] if found else UNKNOWN_COUNTRY
    spans = sorted(
        (str(e.get("field", "")), int(e.get("start") or 0), int(e.get("end") or 0))
        for e in rec.get("evidence") or () if isinstance(e, Mapping)
    )
    basis: list[Any] = [rec.get("doc_id"), spans] if spans else [
        rec.get(k) for k in ("doc_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location")]
    digest = hashlib.blake2b(json.dumps(basis, ensure_ascii=False, default=str).encode("utf-8"), digest_size=8)
    return f"{code}{int.from_bytes(digest.digest(), 'big') % 10 ** ID_DIGITS:0{ID_DIGITS}d}"


def with_event_id(rec: Mapping[str, Any]) -> dict[str, Any]:
    """The record with ``event_id_cnty`` first (filled by :func:`event_id` when missing), then its own keys."""
    out: dict[str, Any] = {"event_id_cnty": event_id(rec)}
    out.update((k, v) for k, v in rec.items() if k != "event_id_cnty")
    return out


# --- CSV --------------------------------------------------------------------------------------------------

def compact_json(value: Any) -> str:
    """JSON without spaces and with Arabic as it is (not ``\\u`` escapes)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def csv_cells(rec: Mapping[str, Any]) -> dict[str, Any]:
    """The CSV row of a record (with its ``event_id_cnty``): :func:`rasd.output.records.csv_row` for ACLED's
    and rasd's basic columns, then the remaining columns, nested ones as compact JSON."""
    row = csv_row(dict(rec))
    for col in EXTRA_COLUMNS[len(RASD_COLUMNS):]:
        value = rec.get(col)
        if value is None:
            row[col] = ""
        elif COLUMN_KINDS[col] == "json":
            row[col] = compact_json(value)
        else:
            row[col] = value
    return row


def csv_value(column: str, text: str) -> Any:
    """A CSV cell read back as the record's value: numbers as numbers, lists as lists, JSON parsed,
    empty cells as ``None`` (``[]`` for the associated actors)."""
    kind = COLUMN_KINDS.get(column, "str")
    if kind == "str_list":
        return text.split(LIST_SEPARATOR) if text else []
    if text == "":
        return None
    if kind in ("int32", "int64"):
        return int(text)
    if kind == "float":
        return float(text)
    if kind == "json":
        return json.loads(text)
    return text


def read_csv(source: str | Path | TextIO) -> Iterator[dict[str, Any]]:
    """The event records of a CSV export (a path, or a text stream opened with ``newline=""``), one at a time.
    A byte order mark is skipped; columns rasd does not know are kept as text."""
    if isinstance(source, str | Path):
        with open(source, encoding="utf-8-sig", newline="") as fh:
            yield from read_csv(fh)
        return
    reader = csv.DictReader(source)
    if reader.fieldnames:
        reader.fieldnames = [name.lstrip("\ufeff") for name in reader.fieldnames]
    for row in reader:
        yield {col: csv_value(col, text or "") for col, text in row.items()}


# --- Parquet ----------------------------------------------------------------------------------------------

def parquet_schema() -> Any:
    """The explicit Arrow schema of a Parquet export: dates as date32, ints, float64 coordinates, lists of
    strings for associated actors, JSON text for nested values (named in the schema metadata)."""
    pa, _ = pyarrow_modules()
    types = {"str": pa.string(), "date": pa.date32(), "int32": pa.int32(), "int64": pa.int64(),
             "float": pa.float64(), "str_list": pa.list_(pa.string()), "json": pa.string()}
    fields = [pa.field(c, types[COLUMN_KINDS[c]], nullable=True,
                       metadata={"rasd.encoding": "json"} if COLUMN_KINDS[c] == "json" else None)
              for c in EXPORT_COLUMNS]
    return pa.schema(fields, metadata={"rasd.json_columns": ",".join(JSON_COLUMNS),
                                       "rasd.first_rasd_column": EXTRA_COLUMNS[0]})


def _arrow_value(kind: str, value: Any) -> Any:
    """A record's value as pyarrow takes it for a column of this kind."""
    if value is None:
        return None
    if kind == "date":
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    if kind == "json":
        return compact_json(value)
    if kind == "str_list":
        return [str(v) for v in value]
    if kind == "str":
        return str(value)
    return value


def arrow_table(batch: list[dict[str, Any]], schema: Any) -> Any:
    """A ``pyarrow.Table`` of a batch of records (with their ids), column by column; a value that does not fit
    its column raises :class:`ExportError` E502 naming the event."""
    pa, _ = pyarrow_modules()
    arrays = []
    for col in EXPORT_COLUMNS:
        kind, typ = COLUMN_KINDS[col], schema.field(col).type
        try:
            values = [_arrow_value(kind, r.get(col)) for r in batch]
            arrays.append(pa.array(values, type=typ))
        except (ValueError, TypeError, pa.ArrowException) as exc:
            raise _bad_value(batch, col, kind, typ) from exc
    return pa.Table.from_arrays(arrays, schema=schema)


def _bad_value(batch: list[dict[str, Any]], col: str, kind: str, typ: Any) -> ExportError:
    """The error naming the first event of the batch whose ``col`` does not convert."""
    pa, _ = pyarrow_modules()
    for r in batch:
        try:
            pa.array([_arrow_value(kind, r.get(col))], type=typ)
        except (ValueError, TypeError, pa.ArrowException) as exc:
            return ExportError("E502", doc=r.get("doc_id"), detail=f"{col} = {r.get(col)!r} is not {typ} ({exc})")
    return ExportError("E502", doc="?", detail=f"column {col} does not convert to {typ}")


def arrow_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row read from a Parquet export as an event record: ISO dates, parsed JSON."""
    out = dict(row)
    for col, value in row.items():
        kind = COLUMN_KINDS.get(col)
        if value is None:
            continue
        if kind == "date" and isinstance(value, dt.date):
            out[col] = value.isoformat()
        elif kind == "json":
            out[col] = json.loads(value)
    return out


def read_parquet(source: str | Path | Any, batch_size: int = 10_000) -> Iterator[dict[str, Any]]:
    """The event records of a Parquet export (a path or a binary file), one row group batch at a time."""
    _, pq = pyarrow_modules()
    pf = pq.ParquetFile(source)
    for batch in pf.iter_batches(batch_size=batch_size):
        for row in batch.to_pylist():
            yield arrow_row(row)


def batches(recs: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """Consecutive lists of at most ``size`` records."""
    batch: list[dict[str, Any]] = []
    for r in recs:
        batch.append(r)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
