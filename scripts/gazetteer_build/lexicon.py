"""What scripts/build_gazetteer.py reads besides GeoNames.

- ``scripts/data/gazetteer.yaml``: the countries covered in full, the head words of admin-area names, and the
  Arabic names of places abroad to add, keep or leave out (see the comments there);
- ``src/rasd/data/countries.tsv``: ACLED's name and region and the Arabic names of every country.  That file is
  the one source of those names and is edited by hand; the build only checks that it lists every country of
  GeoNames' countries.json and completes its ISO alpha-3 and numeric codes from GeoNames
  (:func:`complete_countries`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from rasd.text.normalize import normalize_key

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "rasd" / "data"
LISTS_YAML = ROOT / "scripts" / "data" / "gazetteer.yaml"
COUNTRIES_TSV = DATA / "countries.tsv"
COUNTRY_COLUMNS = ("iso2", "iso3", "iso_numeric", "name_en", "name_ar", "region")


def _load_lists(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        sys.exit(f"{path}: expected a mapping of lists")
    return data


_LISTS = _load_lists(LISTS_YAML)


def _words(key: str) -> list[str]:
    return [str(w) for w in _LISTS[key]]


COUNTRIES: list[str] = _words("countries")
# normalised, with the space that must follow them
AR_ADMIN_HEADS: tuple[str, ...] = tuple(normalize_key(w) + " " for w in _words("admin_heads_ar"))
LATIN_ADMIN_PREFIXES: list[str] = _words("admin_prefixes_latin")
LATIN_ADMIN_SUFFIXES: list[str] = _words("admin_suffixes_latin")
DIRECTIONS: frozenset[str] = frozenset(_words("directions"))
GENERIC_ADMIN2: frozenset[str] = frozenset(_words("generic_admin2"))
WORLD_EXTRA_ARABIC: dict[int, list[str]] = {
    int(gid): [str(n) for n in names] for gid, names in _LISTS["world_extra_arabic"].items()
}
WORLD_KEEP: frozenset[str] = frozenset(normalize_key(w) for w in _words("world_keep"))
WORLD_SKIP: frozenset[str] = frozenset(normalize_key(w) for w in _words("world_skip"))


@dataclass(frozen=True)
class Country:
    name_en: str  # ACLED's name
    region: str  # ACLED's region
    names_ar: tuple[str, ...]  # most common first


def _data_rows(lines: list[str], path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line index, cells) of each row of countries.tsv after the header; exits on a malformed file."""
    header = False
    for i, line in enumerate(lines):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if not header:
            if tuple(cells) != COUNTRY_COLUMNS:
                sys.exit(f"{path}:{i + 1}: expected the header {' '.join(COUNTRY_COLUMNS)}")
            header = True
            continue
        if len(cells) != len(COUNTRY_COLUMNS) or not all(cells[3:]) or not cells[0]:
            sys.exit(f"{path}:{i + 1}: a row needs iso2, name_en, name_ar and region ({len(cells)} cells)")
        yield i, cells


def read_countries(path: Path = COUNTRIES_TSV) -> dict[str, Country]:
    """The countries of ``path`` by ISO alpha-2 code, in the file's order."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    table: dict[str, Country] = {}
    for i, cells in _data_rows(lines, path):
        if cells[0] in table:
            sys.exit(f"{path}:{i + 1}: {cells[0]} is listed twice")
        table[cells[0]] = Country(cells[3], cells[5], tuple(cells[4].split("|")))
    return table


def complete_countries(info: dict[str, dict[str, Any]], path: Path = COUNTRIES_TSV) -> str:
    """The text of ``path`` with its ISO alpha-3 and numeric codes taken from GeoNames' countries.json
    (``info``); every other line as it stands.  Exits when the file lacks a country of GeoNames or lists one
    GeoNames does not know."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    seen: set[str] = set()
    for i, cells in _data_rows(lines, path):
        cc = cells[0]
        if cc not in info:
            sys.exit(f"{path}:{i + 1}: {cc} is not a country of GeoNames' countries.json")
        seen.add(cc)
        codes = [str(info[cc]["iso3"]), str(info[cc]["isonumeric"])]
        if cells[1:3] != codes:
            if any(cells[1:3]):
                print(f"{path.name}: {cc} ISO codes {'/'.join(cells[1:3])} -> {'/'.join(codes)} (GeoNames)")
            cells[1:3] = codes
            lines[i] = "\t".join(cells) + "\n"
    missing = sorted(set(info) - seen)
    if missing:
        sys.exit(f"countries.json has countries {path} lacks: {' '.join(missing)}")
    return "".join(lines)
