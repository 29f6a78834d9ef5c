"""Streaming readers for the GeoNames dump files (https://download.geonames.org/export/dump/, CC BY 4.0).

Each reader is a generator over one file, given as the ``.txt`` or as the ``.zip`` GeoNames serves it
(``SY.zip`` holds ``SY.txt`` and ``readme.txt``; ``alternatenames/SY.zip`` holds ``SY.txt``;
``alternateNamesV2.zip`` holds ``alternateNamesV2.txt`` and ``iso-languagecodes.txt``).  Files are read line
by line in binary and only the lines a caller keeps are decoded, so memory stays constant whatever the file's
size (``allCountries.txt`` is 1.5 GB).  Lines starting with ``#`` and blank lines are skipped; lines with the
wrong number of columns or a non-numeric id or coordinate are counted in :class:`ReadStats` and skipped.

Formats (tab-separated, UTF-8):

- the geoname table (``allCountries.txt``, ``SY.txt``): 19 columns, see :class:`GeoName`;
- ``alternateNamesV2.txt`` (10 columns; the older ``alternateNames.txt`` has the first 8): see
  :class:`AlternateName`;
- ``admin1CodesASCII.txt`` and ``admin2Codes.txt``: code (``SY.07``, ``SY.07.174447``), name, ascii name,
  geonameid: see :class:`AdminCode`.
"""

from __future__ import annotations

import zipfile
from collections.abc import Collection, Container, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NamedTuple

from rasd.errors import DataFileError

GEONAME_COLUMNS = 19
# Members of GeoNames zips that are documentation, not data.
_NOT_DATA = frozenset({"readme.txt", "iso-languagecodes.txt"})


@dataclass
class ReadStats:
    """Counts for one or more files read: data lines seen (comments and blank lines excluded), lines kept
    by the reader's filters, and malformed lines skipped."""

    lines: int = 0
    kept: int = 0
    malformed: int = 0

    def add(self, other: ReadStats) -> None:
        self.lines += other.lines
        self.kept += other.kept
        self.malformed += other.malformed


class GeoName(NamedTuple):
    """One row of the geoname table."""

    geonameid: int
    name: str
    asciiname: str
    alternatenames: str  # comma-separated, as in the file
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country_code: str
    cc2: str
    admin1_code: str  # "07": the country's own code, without the "SY." prefix
    admin2_code: str
    admin3_code: str
    admin4_code: str
    population: int
    elevation: str
    dem: str
    timezone: str
    modification_date: str

    def alternate_name_list(self) -> list[str]:
        return [n for n in self.alternatenames.split(",") if n]


class AlternateName(NamedTuple):
    """One row of ``alternateNamesV2.txt`` (``from_``/``to`` are empty for the 8-column older format)."""

    alternate_name_id: int
    geonameid: int
    isolanguage: str  # ISO 639 code, or a pseudo-code: link, post, iata, icao, faac, wkdt, unlc, abbr...
    name: str
    is_preferred: bool
    is_short: bool
    is_colloquial: bool
    is_historic: bool
    from_: str
    to: str


class AdminCode(NamedTuple):
    """One row of ``admin1CodesASCII.txt`` or ``admin2Codes.txt``."""

    code: str  # "SY.07" or "SY.07.174447"
    name: str
    asciiname: str
    geonameid: int | None

    @property
    def country(self) -> str:
        return code_country(self.code)

    @property
    def level(self) -> int:
        return code_level(self.code)


def code_country(code: str) -> str:
    """The country of an admin code: «SY» for «SY.07» and «SY.07.174447»."""
    return code.split(".", 1)[0]


def code_level(code: str) -> int:
    """The admin level of an admin code: 1 for «SY.07», 2 for «SY.07.174447»."""
    return code.count(".")


def _data_member(zf: zipfile.ZipFile, path: Path) -> str:
    """The data file inside a GeoNames zip: ``<stem>.txt`` if present, else the largest non-readme text."""
    infos = [i for i in zf.infolist() if not i.is_dir()]
    for info in infos:
        if info.filename.rsplit("/", 1)[-1] == f"{path.stem}.txt":
            return info.filename
    data = [i for i in infos if i.filename.rsplit("/", 1)[-1].lower() not in _NOT_DATA]
    if not data:
        raise DataFileError("E307", path=str(path), detail="the zip holds no data file")
    return max(data, key=lambda i: i.file_size).filename


@contextmanager
def open_dump(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary stream of a dump file's lines, from the ``.txt`` itself or from inside a ``.zip``."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as zf, zf.open(_data_member(zf, path)) as member:
                yield member
        else:
            with open(path, "rb", buffering=1 << 20) as fh:
                yield fh
    except (OSError, zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as exc:
        raise DataFileError("E307", path=str(path), detail=str(exc) or type(exc).__name__) from exc


def _lines(stream: IO[bytes], stats: ReadStats) -> Iterator[list[bytes]]:
    """Tab-split data lines (without their line ending), counting them; comments and blanks skipped."""
    for raw in stream:
        line = raw.rstrip(b"\r\n")
        if not line or line.startswith(b"#"):
            continue
        stats.lines += 1
        yield line.split(b"\t")


def _text(b: bytes) -> str:
    return b.decode("utf-8", "replace")


def _int(b: bytes) -> int:
    return int(b) if b else 0


def iter_geonames(
    path: str | Path, stats: ReadStats | None = None, countries: Collection[str] | None = None
) -> Iterator[GeoName]:
    """Rows of a geoname table file, optionally only those of ``countries`` (ISO alpha-2 codes).

    Rows filtered out by country are checked for their column count only."""
    stats = stats if stats is not None else ReadStats()
    wanted = {c.upper().encode("ascii") for c in countries} if countries is not None else None
    with open_dump(path) as stream:
        for f in _lines(stream, stats):
            if len(f) != GEONAME_COLUMNS:
                stats.malformed += 1
                continue
            if wanted is not None and f[8] not in wanted:
                continue
            try:
                row = GeoName(
                    int(f[0]), _text(f[1]), _text(f[2]), _text(f[3]), float(f[4]), float(f[5]), _text(f[6]),
                    _text(f[7]), _text(f[8]), _text(f[9]), _text(f[10]), _text(f[11]), _text(f[12]),
                    _text(f[13]), _int(f[14]), _text(f[15]), _text(f[16]), _text(f[17]), _text(f[18]),
                )
            except ValueError:
                stats.malformed += 1
                continue
            stats.kept += 1
            yield row


def iter_alternate_names(
    path: str | Path,
    stats: ReadStats | None = None,
    languages: Collection[str] | None = None,
    geonameids: Container[int] | None = None,
) -> Iterator[AlternateName]:
    """Rows of an alternate-names file, optionally only those in ``languages`` (``""`` for names without a
    language) and for ids in ``geonameids`` (any container: a set, or the build's bitmap)."""
    stats = stats if stats is not None else ReadStats()
    langs = {lang.encode("ascii") for lang in languages} if languages is not None else None
    with open_dump(path) as stream:
        for f in _lines(stream, stats):
            n = len(f)
            if n < 8 or n > 10:
                stats.malformed += 1
                continue
            if langs is not None and f[2] not in langs:
                continue
            try:
                gid = int(f[1])
                if geonameids is not None and gid not in geonameids:
                    continue
                row = AlternateName(
                    int(f[0]), gid, _text(f[2]), _text(f[3]), f[4] == b"1", f[5] == b"1", f[6] == b"1",
                    f[7] == b"1", _text(f[8]) if n > 8 else "", _text(f[9]) if n > 9 else "",
                )
            except ValueError:
                stats.malformed += 1
                continue
            stats.kept += 1
            yield row


def iter_admin_codes(
    path: str | Path, stats: ReadStats | None = None, countries: Collection[str] | None = None
) -> Iterator[AdminCode]:
    """Rows of ``admin1CodesASCII.txt`` or ``admin2Codes.txt`` (the same format), optionally only those of
    ``countries``.  A code must be ``CC.X`` or ``CC.X.Y``; the geonameid may be empty."""
    stats = stats if stats is not None else ReadStats()
    wanted = {c.upper() for c in countries} if countries is not None else None
    with open_dump(path) as stream:
        for f in _lines(stream, stats):
            if len(f) != 4:
                stats.malformed += 1
                continue
            code = _text(f[0]).strip()
            parts = code.split(".")
            if len(parts) not in (2, 3) or not all(parts) or len(parts[0]) != 2:
                stats.malformed += 1
                continue
            if wanted is not None and parts[0] not in wanted:
                continue
            try:
                gid = int(f[3]) if f[3].strip() else None
            except ValueError:
                stats.malformed += 1
                continue
            stats.kept += 1
            yield AdminCode(code, _text(f[1]), _text(f[2]), gid)
