"""Build a gazetteer index (SQLite) from GeoNames dump files: the library side of ``rasd gazetteer build``.

The index holds the same rows as the embedded ``gazetteer.tsv.gz`` (columns :data:`COLUMNS`, all TEXT, keys
precomputed with :func:`place_keys`) for every place of the chosen countries and feature classes, not only
the towns of cities500, and a ``meta`` table (format version, :data:`KEYS_VERSION`, countries covered, source
files, build time, rasd version, row counts).  :meth:`Gazetteer.from_index` reads it; the ``gazetteer.index``
setting makes it the default gazetteer for the countries it covers.

Conventions (those of ``scripts/build_gazetteer.py``):

- ``feature`` is the GeoNames feature class.  Kept by default: P, A, S, H, T, L.  Features that no longer exist
  are skipped whatever the class: :data:`SKIPPED_CODES` (historical PPLH/ADM1H/ADM2H…, abandoned PPLQ/CMPQ…,
  destroyed PPLW).  Of class A only ADM1 and ADM2 are kept (the gazetteer has two admin levels; ADM3, ADMD
  and PCL* are skipped; countries come from ``countries.tsv``).
- An ADM1 becomes an A row with an empty admin2 whose lat/lon are its capital's (the most populous PPLA or
  PPLC of that admin1, else the ADM1's own point); an ADM2 an A row with admin2 set, at its seat's point (the
  most populous PPLA2 of that admin2, else a PPLA/PPLC in it, else its own point).  Admin rows carry
  population 0, as in the embedded file, so a town outranks the province named after it.  Admin English
  names come from ``admin1CodesASCII.txt``/``admin2Codes.txt`` (else from the ADM rows), Arabic names from
  the admin areas' own alternate names.
- Names.  Arabic: alternate names in :data:`ARABIC_LANGUAGES` in Arabic script (``ar`` first, its preferred
  name first; dialect codes after), else, when the alternate-names files give none for a place, the
  Arabic-script names of the geoname table's own ``alternatenames`` column.  ``name_ar`` is the first of
  them, ``arabic_names`` the rest.  Latin: GeoNames' name (ASCII-folded) is ``name_en``; ``latin_names`` are
  its ascii name, then ``en`` alternate names (preferred first), names without a language, then the
  column's Latin-script names, without repeats and at most :data:`MAX_NAMES`.  Historic names (isHistoric,
  or an end date) and pseudo-languages (link, post, iata, icao, faac, wkdt, unlc, abbr…) are left out.

Memory stays bounded whatever the input size: the files are streamed, kept rows are staged in a temporary
SQLite database next to the output (SQLite's page cache is capped at :data:`_CACHE_KIB`), and alternate names
are filtered by kept geonameid with :class:`_IdSet`, a bitmap of one bit per id up to the largest kept id
(GeoNames ids are below 14 million today: under 2 MB; ids above 2**27 go to a set bounded by the kept rows).
Python holds at once only a batch of rows, the admin areas of the covered countries (about 50,000 for the
whole world) and the rows of one place being assembled.  The index is written to a temporary file next to the
output and renamed over it at the end, so a failed build leaves any previous index untouched.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd import __version__
from rasd.errors import DataFileError
from rasd.geo.gazetteer import COLUMNS, KEYS_VERSION, place_keys
from rasd.geo.geonames import (
    GeoName,
    ReadStats,
    code_country,
    code_level,
    iter_admin_codes,
    iter_alternate_names,
    iter_geonames,
)
from rasd.geo.names import (
    MAX_NAMES,
    ascii_name,
    clean_arabic,
    column_names,
    fold,
    good_latin,
    latin_admin_core,
    strip_ar_head,
    unique,
)

FORMAT_VERSION = 1
FEATURE_CLASSES = frozenset("PASHTL")
# Historical (H), abandoned (Q) and destroyed (W) features.
SKIPPED_CODES = frozenset({
    "PPLH", "PPLQ", "PPLW", "PPLCH", "ADM1H", "ADM2H", "ADM3H", "ADM4H", "ADM5H", "ADMDH", "PCLH", "RGNH",
    "CMPQ", "MNQ", "RSTNQ", "RSTPQ", "STMQ", "WLLQ", "OILQ", "MFGQ", "AIRQ", "CNLQ", "RRQ",
})
ADMIN_CODES = {"ADM1": 1, "ADM2": 2}
CAPITAL_CODES = ("PPLC", "PPLA")
SEAT_CODES = frozenset({"PPLC", "PPLA", "PPLA2"})
# Arabic: Standard Arabic first, then the spoken varieties GeoNames/Wikidata tag (Egyptian, Levantine,
# Mesopotamian, Moroccan, Tunisian, Algerian, Gulf).
ARABIC_LANGUAGES = ("ar", "arz", "apc", "ajp", "acm", "ary", "aeb", "arq", "afb")
LATIN_LANGUAGES = ("en", "")
_BATCH = 5000
_CACHE_KIB = 32 * 1024

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildOptions:
    """What to build: GeoNames files in, one SQLite index out.

    ``geonames``: geoname-table files (``SY.zip``, ``allCountries.txt``…); ``alternate_names``: alternate-names
    files (``alternatenames/SY.zip``, ``alternateNamesV2.txt``), optional; ``admin1``/``admin2``: the admin code
    files, optional; ``countries``: ISO alpha-2 codes to keep (None: all); ``feature_classes``: GeoNames
    feature classes to keep."""

    geonames: Sequence[Path]
    output: Path
    alternate_names: Sequence[Path] = ()
    admin1: Path | None = None
    admin2: Path | None = None
    countries: frozenset[str] | None = None
    feature_classes: frozenset[str] = FEATURE_CLASSES

    def __post_init__(self) -> None:
        object.__setattr__(self, "geonames", tuple(Path(p) for p in self.geonames))
        object.__setattr__(self, "alternate_names", tuple(Path(p) for p in self.alternate_names))
        object.__setattr__(self, "output", Path(self.output).expanduser())
        if self.countries is not None:
            object.__setattr__(self, "countries", frozenset(c.strip().upper() for c in self.countries))
        object.__setattr__(self, "feature_classes", frozenset(c.upper() for c in self.feature_classes))


@dataclass
class BuildReport:
    """What a build read and wrote."""

    output: Path
    rows_read: int = 0  # data lines of the geoname files
    rows_kept: int = 0  # rows written to the index (places and admin areas)
    admin_rows: int = 0
    per_country: dict[str, int] = field(default_factory=dict)
    names_read: int = 0  # data lines of the alternate-names files
    names_added: int = 0  # alternate names kept for the index's rows
    malformed: int = 0  # malformed lines skipped, all files
    skipped_historical: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        countries = " ".join(f"{c} {n:,}" for c, n in sorted(self.per_country.items()))
        return "\n".join([
            f"wrote {self.output}: {self.rows_kept:,} rows ({self.admin_rows:,} admin areas) in {self.seconds:.1f} s",
            f"  per country: {countries or '-'}",
            f"  geoname lines read: {self.rows_read:,}; historical/abandoned skipped: {self.skipped_historical:,}",
            f"  alternate-name lines read: {self.names_read:,}; names added: {self.names_added:,}",
            f"  malformed lines skipped: {self.malformed:,}",
        ])


class _IdSet:
    """A set of geonameids as a bitmap (one bit per id up to the largest one added; ids from 2**27 on go to
    an ordinary set)."""

    LIMIT = 1 << 27

    def __init__(self) -> None:
        self._bits = bytearray()
        self._big: set[int] = set()

    def add(self, gid: int) -> None:
        if 0 <= gid < self.LIMIT:
            i = gid >> 3
            if i >= len(self._bits):
                self._bits.extend(bytes(max(i + 1 - len(self._bits), len(self._bits) // 2, 1024)))
            self._bits[i] |= 1 << (gid & 7)
        else:
            self._big.add(gid)

    def __contains__(self, gid: object) -> bool:
        if not isinstance(gid, int):
            return False
        if 0 <= gid < self.LIMIT:
            i = gid >> 3
            return i < len(self._bits) and bool(self._bits[i] & (1 << (gid & 7)))
        return gid in self._big


# -- names ---------------------------------------------------------------------------------------------------


# -- staging -------------------------------------------------------------------------------------------------

_STAGE_SCHEMA = """
CREATE TABLE place(gid INTEGER PRIMARY KEY, name TEXT, ascii TEXT, lat REAL, lon REAL, fclass TEXT,
                   country TEXT, a1 TEXT, a2 TEXT, pop INTEGER, col_ar TEXT, col_la TEXT);
CREATE TABLE adm(gid INTEGER PRIMARY KEY, code TEXT, name TEXT, ascii TEXT, lat REAL, lon REAL, col_ar TEXT,
                 col_la TEXT);
CREATE TABLE seat(gid INTEGER PRIMARY KEY, country TEXT, a1 TEXT, a2 TEXT, fcode TEXT, lat REAL, lon REAL,
                  pop INTEGER, name TEXT, col_ar TEXT);
CREATE TABLE admcode(code TEXT PRIMARY KEY, name TEXT, ascii TEXT, gid INTEGER);
CREATE TABLE alt(gid INTEGER, script TEXT, rank INTEGER, seq INTEGER, name TEXT);
"""


class _Batches:
    """Rows for several tables, inserted in batches of :data:`_BATCH`."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._rows: dict[str, list[tuple[Any, ...]]] = {}

    def add(self, sql: str, row: tuple[Any, ...]) -> None:
        rows = self._rows.setdefault(sql, [])
        rows.append(row)
        if len(rows) >= _BATCH:
            self._db.executemany(sql, rows)
            rows.clear()

    def flush(self) -> None:
        for sql, rows in self._rows.items():
            if rows:
                self._db.executemany(sql, rows)
                rows.clear()


_INSERT_PLACE = "INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
_INSERT_ADM = "INSERT OR REPLACE INTO adm VALUES (?,?,?,?,?,?,?,?)"
_INSERT_SEAT = "INSERT OR REPLACE INTO seat VALUES (?,?,?,?,?,?,?,?,?,?)"


def _stage_geonames(db: sqlite3.Connection, path: Path, opts: BuildOptions, kept: _IdSet,
                    report: BuildReport) -> None:
    stats = ReadStats()
    batches = _Batches(db)
    for g in iter_geonames(path, stats, opts.countries):
        code, cls = g.feature_code, g.feature_class
        if code in SKIPPED_CODES:
            report.skipped_historical += 1
            continue
        if cls == "A":
            level = ADMIN_CODES.get(code)
            if level is None or not g.admin1_code or (level == 2 and not g.admin2_code):
                continue
            admin_code = f"{g.country_code}.{g.admin1_code}" + (f".{g.admin2_code}" if level == 2 else "")
            batches.add(_INSERT_ADM, (g.geonameid, admin_code, g.name, g.asciiname, g.latitude, g.longitude,
                                      *column_names(g.alternatenames)))
            kept.add(g.geonameid)
            continue
        if cls == "P" and code in SEAT_CODES:
            batches.add(_INSERT_SEAT, (g.geonameid, g.country_code, g.admin1_code, g.admin2_code, code,
                                       g.latitude, g.longitude, g.population, g.name,
                                       column_names(g.alternatenames)[0]))
            kept.add(g.geonameid)  # for its Arabic name, which a province without one may borrow
        if cls in opts.feature_classes:
            batches.add(_INSERT_PLACE, _place_stage_row(g))
            kept.add(g.geonameid)
    batches.flush()
    db.commit()
    report.rows_read += stats.lines
    report.malformed += stats.malformed


def _place_stage_row(g: GeoName) -> tuple[Any, ...]:
    return (g.geonameid, g.name, g.asciiname, g.latitude, g.longitude, g.feature_class, g.country_code,
            g.admin1_code, g.admin2_code, g.population, *column_names(g.alternatenames))


def _stage_admin_codes(db: sqlite3.Connection, path: Path, countries: set[str], kept: _IdSet,
                       report: BuildReport) -> None:
    stats = ReadStats()
    rows = []
    for a in iter_admin_codes(path, stats, countries):
        rows.append((a.code, a.name, a.asciiname, a.geonameid))
        if a.geonameid is not None:
            kept.add(a.geonameid)
    db.executemany("INSERT OR REPLACE INTO admcode VALUES (?,?,?,?)", rows)
    db.commit()
    report.malformed += stats.malformed


def _stage_alternates(db: sqlite3.Connection, path: Path, kept: _IdSet, seq: Iterator[int],
                      report: BuildReport) -> None:
    stats = ReadStats()
    dialects = frozenset(ARABIC_LANGUAGES[1:])

    def rows() -> Iterator[tuple[Any, ...]]:
        for a in iter_alternate_names(path, stats, (*ARABIC_LANGUAGES, *LATIN_LANGUAGES), kept):
            if a.is_historic or a.to:
                continue
            lang = a.isolanguage
            ar = clean_arabic(a.name) if lang == "ar" or lang in dialects or lang == "" else ""
            if ar:
                rank = (0 if a.is_preferred else 1) if lang == "ar" else 2
                yield (a.geonameid, "ar", rank, next(seq), ar)
                continue
            la = good_latin(a.name) if lang in LATIN_LANGUAGES else ""
            if la:
                rank = (0 if a.is_preferred else 1) if lang == "en" else 2
                yield (a.geonameid, "la", rank, next(seq), la)

    before = db.execute("SELECT count(*) FROM alt").fetchone()[0]
    db.executemany("INSERT INTO alt VALUES (?,?,?,?,?)", rows())
    db.commit()
    report.names_added += db.execute("SELECT count(*) FROM alt").fetchone()[0] - before
    report.names_read += stats.lines
    report.malformed += stats.malformed


# -- assembling rows -----------------------------------------------------------------------------------------


@dataclass
class _Admin:
    code: str
    gid: int | None
    name_en: str
    name_ar: str
    arabic: list[str]
    latin: list[str]
    lat: float | None
    lon: float | None

    @property
    def country(self) -> str:
        return code_country(self.code)

    @property
    def level(self) -> int:
        return code_level(self.code)


def _alt_names(db: sqlite3.Connection, gid: int | None) -> tuple[list[str], list[str]]:
    if gid is None:
        return [], []
    ar: list[str] = []
    la: list[str] = []
    for script, name in db.execute("SELECT script, name FROM alt WHERE gid = ? ORDER BY rank, seq", (gid,)):
        (ar if script == "ar" else la).append(name)
    return ar, la


def _split(v: str | None) -> list[str]:
    return [x for x in (v or "").split("|") if x]


def _names(name: str, asciiname: str, alt_ar: list[str], alt_la: list[str], col_ar: str | None,
           col_la: str | None) -> tuple[str, list[str], list[str]]:
    """name_en, Arabic names (the first is name_ar) and Latin alternates of one place."""
    name_en = ascii_name(name)
    if not name_en.isascii():
        name_en = ascii_name(asciiname) or name_en
    arabic = unique(alt_ar or _split(col_ar))[:MAX_NAMES]
    en_fold = fold(name_en)
    latin = [n for n in unique([ascii_name(asciiname), *alt_la, *_split(col_la)], fold) if fold(n) != en_fold]
    return name_en, arabic, latin[:MAX_NAMES]


def _admins(db: sqlite3.Connection, countries: set[str]) -> dict[str, _Admin]:
    """The admin areas of the covered countries by code, with their names and capital or seat points."""
    own: dict[str, tuple[Any, ...]] = {}
    by_gid: dict[int, tuple[Any, ...]] = {}
    for row in db.execute("SELECT gid, code, name, ascii, lat, lon, col_ar, col_la FROM adm ORDER BY gid"):
        own.setdefault(row[1], row)
        by_gid[row[0]] = row
    files = {code: (name, ascii_, gid) for code, name, ascii_, gid in db.execute("SELECT * FROM admcode")}
    out: dict[str, _Admin] = {}
    for code in sorted(set(own) | set(files)):
        if code.split(".", 1)[0] not in countries:
            continue
        row = own.get(code)
        if code in files:
            fname, fascii, gid = files[code]
            row = by_gid.get(gid, row) if gid is not None else row
            if gid is None and row is not None:
                gid = row[0]
            display = ascii_name(fascii or fname)
        else:
            assert row is not None
            gid = row[0]
            display = ascii_name(row[3] or row[2])
        alt_ar, alt_la = _alt_names(db, gid)
        col_ar, col_la = (row[6], row[7]) if row is not None else ("", "")
        name_en = latin_admin_core(display)
        arabic = unique(alt_ar or _split(col_ar))
        name_ar = strip_ar_head(arabic[0]) if arabic else ""
        arabic = unique([n for n in arabic if n != name_ar])
        own_names = [ascii_name(row[3]), ascii_name(row[2])] if row is not None else []
        latin = [n for n in unique([display, *own_names, *alt_la, *_split(col_la)], fold)
                 if fold(n) != fold(name_en)][:MAX_NAMES]
        lat, lon = (row[4], row[5]) if row is not None else (None, None)
        out[code] = _Admin(code, gid, name_en, name_ar, arabic[:MAX_NAMES], latin, lat, lon)
    _place_admins(db, out)
    return out


_SEAT_SQL = "SELECT gid, lat, lon, name, col_ar FROM seat WHERE country = ? AND a1 = ? AND "


def _place_admins(db: sqlite3.Connection, admins: dict[str, _Admin]) -> None:
    """Move each admin area to its capital (ADM1) or seat (ADM2); one without an Arabic name borrows its
    capital's when they share the English name (Turkish provinces: «Gaziantep» / «غازي عنتاب»)."""
    for adm in admins.values():
        parts = adm.code.split(".")
        if adm.level == 1:
            queries = [_SEAT_SQL + "fcode IN ('PPLC', 'PPLA') ORDER BY pop DESC, gid LIMIT 1"]
        else:
            queries = [_SEAT_SQL + "a2 = ? AND fcode = 'PPLA2' ORDER BY pop DESC, gid LIMIT 1",
                       _SEAT_SQL + "a2 = ? AND fcode IN ('PPLC', 'PPLA') ORDER BY pop DESC, gid LIMIT 1"]
        for sql in queries:
            hit = db.execute(sql, parts).fetchone()
            if hit is not None:
                gid, adm.lat, adm.lon, seat_name, seat_col_ar = hit
                if not adm.name_ar and fold(ascii_name(seat_name)) == fold(adm.name_en):
                    seat_ar = _alt_names(db, gid)[0] or _split(seat_col_ar)
                    adm.name_ar = seat_ar[0] if seat_ar else ""
                break


def _cells(geonameid: int, name_en: str, arabic: list[str], latin: list[str], lat: float, lon: float,
           country: str, feature: str, population: int, a1: _Admin | None, a2: _Admin | None) -> tuple[str, ...]:
    cells = {
        "geonameid": str(geonameid), "name_en": name_en, "name_ar": arabic[0] if arabic else "",
        "arabic_names": "|".join(arabic[1:]), "latin_names": "|".join(latin),
        "lat": f"{lat:.5f}", "lon": f"{lon:.5f}", "country": country, "feature": feature,
        "population": str(population), "admin1_code": a1.code if a1 else "",
        "admin1": a1.name_en if a1 else "", "admin1_ar": a1.name_ar if a1 else "",
        "admin2": a2.name_en if a2 else "", "admin2_ar": a2.name_ar if a2 else "",
    }
    cells["keys"] = "|".join(place_keys(cells))
    return tuple(cells[c].replace("\t", " ").replace("\n", " ") for c in COLUMNS)


def _place_rows(db: sqlite3.Connection, admins: dict[str, _Admin], counts: Counter[str]) -> Iterator[tuple[str, ...]]:
    sql = ("SELECT p.gid, p.name, p.ascii, p.lat, p.lon, p.fclass, p.country, p.a1, p.a2, p.pop, p.col_ar, "
           "p.col_la, a.script, a.name FROM place p LEFT JOIN alt a ON a.gid = p.gid "
           "ORDER BY p.gid, a.rank, a.seq")
    for _, group in itertools.groupby(db.execute(sql), key=lambda r: r[0]):
        rows = list(group)
        gid, name, asciiname, lat, lon, fclass, country, a1, a2, pop, col_ar, col_la = rows[0][:12]
        alt_ar = [r[13] for r in rows if r[12] == "ar"]
        alt_la = [r[13] for r in rows if r[12] == "la"]
        name_en, arabic, latin = _names(name, asciiname, alt_ar, alt_la, col_ar, col_la)
        adm1 = admins.get(f"{country}.{a1}") if a1 else None
        adm2 = admins.get(f"{country}.{a1}.{a2}") if adm1 is not None and a2 else None
        counts[country] += 1
        yield _cells(gid, name_en, arabic, latin, lat, lon, country, fclass, pop, adm1, adm2)


def _admin_rows(admins: dict[str, _Admin], counts: Counter[str]) -> Iterator[tuple[str, ...]]:
    for adm in admins.values():
        parent = admins.get(adm.code.rsplit(".", 1)[0]) if adm.level == 2 else adm
        # An area with no point, or a district whose province is unknown, cannot be placed.
        if adm.gid is None or adm.lat is None or adm.lon is None or parent is None:
            continue
        arabic = [adm.name_ar, *adm.arabic] if adm.name_ar else adm.arabic
        counts[adm.country] += 1
        yield _cells(adm.gid, adm.name_en, arabic, adm.latin, adm.lat, adm.lon, adm.country, "A", 0, parent,
                     adm if adm.level == 2 else None)


# -- the build -----------------------------------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
    return db


def _check_inputs(opts: BuildOptions) -> list[Path]:
    files = [*opts.geonames, *opts.alternate_names, *(p for p in (opts.admin1, opts.admin2) if p is not None)]
    if not opts.geonames:
        raise DataFileError("E307", path="-", detail="no geoname table file given (e.g. SY.zip, allCountries.zip)")
    for p in files:
        if not p.is_file():
            raise DataFileError("E307", path=str(p), detail="no such file")
    return files


def build_index(opts: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build the SQLite index ``opts.output`` from GeoNames files; see the module docstring."""
    start = time.perf_counter()
    say = progress or (lambda _msg: None)
    files = _check_inputs(opts)
    out = opts.output
    out.parent.mkdir(parents=True, exist_ok=True)
    report = BuildReport(output=out)
    kept = _IdSet()
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}.") as tmp:
        stage = _connect(Path(tmp) / "stage.sqlite")
        try:
            stage.executescript(_STAGE_SCHEMA)
            for path in opts.geonames:
                say(f"reading {path}")
                _stage_geonames(stage, path, opts, kept, report)
            countries = {c for (c,) in stage.execute("SELECT country FROM place UNION SELECT substr(code, 1, 2) "
                                                     "FROM adm UNION SELECT country FROM seat")}
            for admin_path in (opts.admin1, opts.admin2):
                if admin_path is not None:
                    say(f"reading {admin_path}")
                    _stage_admin_codes(stage, admin_path, countries, kept, report)
            seq = itertools.count()
            for path in opts.alternate_names:
                say(f"reading {path}")
                _stage_alternates(stage, path, kept, seq, report)
            say("indexing")
            stage.execute("CREATE INDEX alt_gid ON alt(gid, rank, seq)")
            stage.execute("CREATE INDEX seat_admin ON seat(country, a1, a2)")
            admins = _admins(stage, countries)
            tmp_out = Path(tmp) / "index.sqlite"
            _write_index(stage, tmp_out, admins, opts, files, report)
        finally:
            stage.close()
        if report.rows_kept == 0:
            raise DataFileError("E307", path=", ".join(str(p) for p in opts.geonames),
                                detail="no rows left after the country and feature filters")
        os.replace(tmp_out, out)
    report.seconds = time.perf_counter() - start
    say(f"done in {report.seconds:.1f} s")
    return report


def _write_index(stage: sqlite3.Connection, path: Path, admins: dict[str, _Admin], opts: BuildOptions,
                 files: list[Path], report: BuildReport) -> None:
    db = _connect(path)
    try:
        db.execute(f"CREATE TABLE places ({', '.join(f'{c} TEXT' for c in COLUMNS)})")
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        insert = f"INSERT INTO places VALUES ({', '.join('?' for _ in COLUMNS)})"
        counts: Counter[str] = Counter()
        db.executemany(insert, _place_rows(stage, admins, counts))
        places = sum(counts.values())
        if "A" in opts.feature_classes:
            db.executemany(insert, _admin_rows(admins, counts))
        report.admin_rows = sum(counts.values()) - places
        report.rows_kept = sum(counts.values())
        report.per_country = dict(sorted(counts.items()))
        meta = {
            "format_version": str(FORMAT_VERSION),
            "keys_version": str(KEYS_VERSION),
            "countries": ",".join(sorted(counts)),
            "feature_classes": "".join(sorted(opts.feature_classes)),
            "sources": json.dumps([{"name": p.name, "size": p.stat().st_size} for p in files]),
            "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "rasd_version": __version__,
            "rows": str(report.rows_kept),
            "admin_rows": str(report.admin_rows),
            "rows_per_country": json.dumps(report.per_country),
            "source_licence": "GeoNames (https://www.geonames.org/), CC BY 4.0: attribution required",
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.commit()
    finally:
        db.close()
