"""What to export and how: :class:`ExportOptions`, the streaming filter :func:`filter_records`, and the
:class:`ExportReport` an export returns.

Filters combine with AND; the values of one filter combine with OR.  Names match case-insensitively and with
Arabic letters folded (hamza forms, diacritics), whole names only:

- ``date_from`` / ``date_to``: inclusive bounds on ``event_date``; an event without a date never passes a bound;
- ``countries``: ACLED name («Syria»), ISO 3166 alpha-3 («SYR»), alpha-2 («SY»), numeric («760») or Arabic
  name («سوريا»), matched against the record's ``country`` and numeric ``iso``;
- ``admin1``: the English or Arabic first-level division («Aleppo», «حلب»);
- ``event_types``: an event type («Battles») or a sub-event type («Armed clash»);
- ``actors``: ``actor1``, ``actor2`` or one of the associated actors («Ansar Allah»).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from rasd.errors import InputError
from rasd.export.columns import ExportError, country_table
from rasd.text.normalize import normalize_key

FORMATS = ("acled-csv", "geojson", "parquet", "jsonl")
SUFFIXES = {"acled-csv": ".csv", "geojson": ".geojson", "parquet": ".parquet", "jsonl": ".jsonl"}

# Where output goes: a path, a text or binary stream, or None for standard output.
Output = str | Path | TextIO | BinaryIO | None


@dataclass(frozen=True)
class ExportOptions:
    """The format, the filters and the destination of an export.

    Dates may be given as ``date`` objects or ``YYYY-MM-DD`` text (InputError E110 otherwise); a single string
    for a filter of names is one name.  ``output`` (a path or a stream; ``None`` is standard output) is used when
    :func:`~rasd.export.export` is given no ``out``.  ``bom`` starts CSV files with a UTF-8 byte order mark
    for Excel (off by default, as in ACLED's own exports).  ``batch_size`` is the number of rows in a Parquet
    row group (and so the number of records held in memory); ``compression`` is Parquet's codec.
    """

    format: str = "jsonl"
    date_from: dt.date | str | None = None
    date_to: dt.date | str | None = None
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    output: Output = None
    bom: bool = False
    batch_size: int = 10_000
    compression: str = "zstd"

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ExportError("E503", value=self.format)
        for name in ("date_from", "date_to"):
            object.__setattr__(self, name, _as_date(getattr(self, name)))
        for name in ("countries", "admin1", "event_types", "actors"):
            value = getattr(self, name)
            values = (value,) if isinstance(value, str) else tuple(value or ())
            object.__setattr__(self, name, tuple(v for v in values if v and v.strip()))
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be positive, not {self.batch_size}")

    @property
    def has_filters(self) -> bool:
        """True when any filter is set."""
        return any((self.date_from, self.date_to, self.countries, self.admin1, self.event_types, self.actors))


@dataclass
class ExportReport:
    """What an export did: ``count`` events written out of ``seen`` read (the rest filtered out or, for GeoJSON,
    ``without_coordinates``), in ``seconds``; ``path`` is the file written, if any."""

    format: str
    count: int = 0
    seen: int = 0
    without_coordinates: int = 0
    seconds: float = 0.0
    path: str | None = None
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the user, e.g. ``exported 4200 of 4200 events as parquet in 0.41 s``."""
        line = f"exported {self.count} of {self.seen} events as {self.format} in {self.seconds:.2f} s"
        if self.without_coordinates:
            line += f" ({self.without_coordinates} without coordinates left out)"
        return line + (f" to {self.path}" if self.path else "")


def _as_date(value: dt.date | str | None) -> dt.date | None:
    """A filter bound as a date; text must be ``YYYY-MM-DD`` (InputError E110)."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise InputError("E110", value=value) from None


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A name as the filters compare it: folded Arabic letters, lower case, single spaces."""
    return normalize_key(name).casefold()


def _country_keys(names: Iterable[str]) -> frozenset[str]:
    """The keys of the ACLED names of the countries a filter names (names rasd does not know are kept)."""
    table = country_table()
    keys = set()
    for name in names:
        found = table.get(name.strip().casefold())
        keys.add(name_key(found[1]) if found else name_key(name))
    return frozenset(keys)


class RecordFilter:
    """The filters of an :class:`ExportOptions` as a predicate on event records."""

    def __init__(self, opts: ExportOptions) -> None:
        self.date_from = opts.date_from.isoformat() if isinstance(opts.date_from, dt.date) else None
        self.date_to = opts.date_to.isoformat() if isinstance(opts.date_to, dt.date) else None
        self.countries = _country_keys(opts.countries)
        self.admin1 = frozenset(name_key(v) for v in opts.admin1)
        self.event_types = frozenset(name_key(v) for v in opts.event_types)
        self.actors = frozenset(name_key(v) for v in opts.actors)

    def __call__(self, rec: Mapping[str, Any]) -> bool:
        """True when the record passes every filter that is set."""
        if (self.date_from or self.date_to) and not self._date_ok(rec.get("event_date")):
            return False
        if self.countries and not self._country_ok(rec):
            return False
        if self.admin1 and not _any_in(self.admin1, rec.get("admin1"), rec.get("admin1_ar")):
            return False
        if self.event_types and not _any_in(self.event_types, rec.get("event_type"), rec.get("sub_event_type")):
            return False
        return not self.actors or _any_in(self.actors, rec.get("actor1"), rec.get("actor2"),
                                          *(rec.get("assoc_actor_1") or ()), *(rec.get("assoc_actor_2") or ()))

    def _date_ok(self, value: Any) -> bool:
        if value is None or value == "":
            return False
        day = value.isoformat() if isinstance(value, dt.date) else str(value)[:10]
        return (self.date_from is None or day >= self.date_from) and (self.date_to is None or day <= self.date_to)

    def _country_ok(self, rec: Mapping[str, Any]) -> bool:
        iso = rec.get("iso")
        if iso is not None:
            found = country_table().get(str(iso).casefold())
            if found is not None and name_key(found[1]) in self.countries:
                return True
        return _any_in(self.countries, rec.get("country"))


def _any_in(keys: frozenset[str], *values: Any) -> bool:
    """True when one of the values, as a name key, is one of ``keys``."""
    return any(isinstance(v, str) and v and name_key(v) in keys for v in values)


def filter_records(records: Iterable[Mapping[str, Any]], opts: ExportOptions) -> Iterator[Mapping[str, Any]]:
    """The records that pass the filters of ``opts``, lazily (one at a time, in order)."""
    if not opts.has_filters:
        yield from records
        return
    keep = RecordFilter(opts)
    for rec in records:
        if keep(rec):
            yield rec
