"""Opt-in online fallback: place names the gazetteer cannot resolve, looked up in OpenStreetMap's Nominatim.

Nothing here is trusted silently.  :func:`suggest_places` turns each :class:`UnresolvedName` into at most one
:class:`Suggestion` (a gazetteer row with ``status=suggested`` and ``source=nominatim:<osm_type>/<osm_id>``),
and :func:`rasd.geo.suggestions.append_suggestions` adds those rows to an overrides TSV, where the loader
ignores them until a reviewer clears ``status`` (or sets it to ``ok``).  Coordinates always come from the
Nominatim result, never estimated.

Nominatim's usage policy is respected: at most one request per second against the public server (whatever
``min_delay_seconds`` says), an identifying User-Agent, and a disk cache (SQLite) of raw responses, empty ones
included, so a name is asked for once.  A failed lookup (timeout, HTTP error, unreadable JSON) is logged and not
cached; the run goes on with the next name.

geopy is an optional dependency (``pip install 'rasd[online]'``), imported only when a lookup is made.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rasd import config
from rasd.errors import RasdError
from rasd.geo.gazetteer import _HEADS, COLUMNS, Gazetteer
from rasd.text.normalize import normalize_key

log = logging.getLogger(__name__)

STATUS_SUGGESTED = "suggested"
SUGGESTION_COLUMNS = (*COLUMNS, "status", "source")
PUBLIC_HOST = "nominatim.openstreetmap.org"
PUBLIC_MIN_DELAY = 1.0  # seconds between requests to the public server, by its usage policy
DEFAULT_MAX_LOOKUPS = 200
DEFAULT_LIMIT = 10  # results asked for per name

# -- what counts as a place -----------------------------------------------------------------------------------

_SETTLEMENTS = frozenset({
    "city", "town", "village", "hamlet", "suburb", "neighbourhood", "quarter", "isolated_dwelling", "borough",
    "city_block", "farm",
})
_ADMIN_PLACES = frozenset({
    "state", "province", "region", "county", "district", "subdistrict", "municipality", "governorate",
})
_AERODROMES = frozenset({"aerodrome", "airport", "airfield", "heliport", "airstrip"})
_RELIEF = frozenset({
    "peak", "hill", "volcano", "valley", "ridge", "saddle", "mountain_range", "cliff", "plateau", "desert",
    "cape", "island", "islet",
})
_WATER_NATURAL = frozenset({"water", "spring", "bay", "wetland", "strait", "lake", "oasis"})
# Classes that are never suggested: businesses and services share names with the towns they are in.
_EXCLUDED_CLASSES = frozenset({
    "shop", "amenity", "office", "craft", "leisure", "tourism", "healthcare", "emergency", "club",
    "advertising", "power", "telecom", "public_transport", "highway_bus",
})
# Classes used only when a name gives nothing better.
_FALLBACK_CLASSES = frozenset({"highway", "railway"})

_ARABIC_RE = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")


# -- public types -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnresolvedName:
    """A place name seen in a corpus that the gazetteer did not resolve."""

    name: str  # as written (Arabic)
    key: str  # normalised (normalize_key)
    country: str | None = None  # ISO 3166 alpha-2 of the country the articles place it in, if known
    count: int = 1  # how often it was seen
    example: str = ""  # a short context


@dataclass(frozen=True, slots=True)
class SuggestOptions:
    """How to reach Nominatim and how hard to use it."""

    base_url: str = "https://nominatim.openstreetmap.org"  # scheme://host[:port][/path]
    user_agent: str = "rasd-gazetteer-suggestions"
    min_delay_seconds: float = 1.0  # raised to 1 s for the public server
    timeout_seconds: float = 10.0
    cache: Path | None = None  # SQLite file of raw responses; None: no disk cache
    max_lookups: int = DEFAULT_MAX_LOOKUPS  # network lookups per run (cache hits do not count)
    limit: int = DEFAULT_LIMIT

    @classmethod
    def from_settings(cls, **changes: Any) -> SuggestOptions:
        """Options from the ``geocoder`` section of :mod:`rasd.config`, with ``changes`` applied on top."""
        section: Mapping[str, Any] = config.get("geocoder")
        cache = config.path_setting("geocoder", "cache")
        base = cls()

        def value(key: str, default: Any) -> Any:
            v = section.get(key)
            return default if v is None or v == "" else v

        opts = cls(
            base_url=str(value("nominatim_url", base.base_url)),
            user_agent=str(value("user_agent", base.user_agent)),
            min_delay_seconds=float(value("min_delay_seconds", base.min_delay_seconds)),
            timeout_seconds=float(value("timeout_seconds", base.timeout_seconds)),
            cache=cache,
            max_lookups=int(value("max_lookups", base.max_lookups)),
        )
        return dataclasses.replace(opts, **changes) if changes else opts

    def effective_delay(self) -> float:
        """Seconds between two requests: the configured delay, at least 1 s for the public server."""
        if (urlsplit(self.base_url).hostname or "").lower() == PUBLIC_HOST:
            return max(self.min_delay_seconds, PUBLIC_MIN_DELAY)
        return max(self.min_delay_seconds, 0.0)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A Nominatim result proposed as a gazetteer row for one unresolved name."""

    name: UnresolvedName
    row: Mapping[str, str] = field(hash=False)  # SUGGESTION_COLUMNS → value
    osm_type: str  # node, way or relation
    osm_id: int
    category: str  # OSM class (place, boundary, aeroway, ...)
    place_type: str  # OSM type (town, administrative, aerodrome, ...)
    display_name: str
    importance: float

    @property
    def source(self) -> str:
        return f"nominatim:{self.osm_type}/{self.osm_id}"


# -- classification -----------------------------------------------------------------------------------------------


def _category(result: Mapping[str, Any]) -> str:
    return str(result.get("category") or result.get("class") or "")  # jsonv2 says category, json says class


def place_tier(category: str, kind: str) -> int | None:
    """How good an OSM class/type is as a place: 0 settlements and admin areas, 1 other named places
    (aerodromes, bases, water, relief), 2 roads and railways (used only when nothing else), None never."""
    if category == "place":
        if kind in _SETTLEMENTS or kind in _ADMIN_PLACES:
            return 0
        return 1
    if category == "boundary":
        return 0 if kind == "administrative" else 1
    if category in _EXCLUDED_CLASSES:
        return None
    if category in _FALLBACK_CLASSES:
        return 2
    if category == "aeroway":
        return 1 if kind in _AERODROMES else None
    if category in ("military", "waterway", "natural", "water", "historic", "building", "man_made", "barrier"):
        return 1
    if category == "landuse":
        return 1 if kind in ("military", "reservoir", "basin") else None
    return None


def feature_class(category: str, kind: str) -> str:
    """GeoNames-style feature class for an OSM class/type: P settlements, A admin areas, S sites (aerodromes,
    bases, buildings), H water, T relief, L otherwise."""
    if category == "place":
        if kind in _SETTLEMENTS:
            return "P"
        if kind in _ADMIN_PLACES:
            return "A"
        if kind in ("island", "islet"):
            return "T"
        return "L"
    if category == "boundary":
        return "A" if kind == "administrative" else "L"
    if category in ("aeroway", "military", "building", "man_made", "historic", "railway", "barrier"):
        return "S"
    if category == "landuse":
        return "S" if kind == "military" else ("H" if kind in ("reservoir", "basin") else "L")
    if category == "waterway":
        return "S" if kind in ("dam", "weir") else "H"
    if category == "water":
        return "H"
    if category == "natural":
        if kind in _WATER_NATURAL:
            return "H"
        if kind in _RELIEF:
            return "T"
        return "L"
    return "L"


def best_result(results: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The best place among Nominatim results: lowest :func:`place_tier`, then highest importance, then
    Nominatim's order; results without coordinates or OSM ids are skipped."""
    ranked: list[tuple[int, float, int, Mapping[str, Any]]] = []
    for i, r in enumerate(results):
        if not isinstance(r, Mapping) or not _has_coordinates(r) or not r.get("osm_type") or not r.get("osm_id"):
            continue
        tier = place_tier(_category(r), str(r.get("type") or ""))
        if tier is None:
            continue
        ranked.append((tier, -_importance(r), i, r))
    if not ranked:
        return None
    return min(ranked, key=lambda t: t[:3])[3]


def _has_coordinates(r: Mapping[str, Any]) -> bool:
    try:
        lat, lon = float(r["lat"]), float(r["lon"])
    except (KeyError, TypeError, ValueError):
        return False
    return -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0


def _importance(r: Mapping[str, Any]) -> float:
    try:
        return float(r.get("importance") or 0.0)
    except (TypeError, ValueError):
        return 0.0


# -- building rows --------------------------------------------------------------------------------------------------


def clean_cell(value: object) -> str:
    """A value safe for one TSV cell: no tabs or line breaks."""
    return " ".join(str(value).split()) if value is not None else ""


def _first(mapping: Mapping[str, Any], keys: Iterable[str]) -> str:
    for k in keys:
        v = mapping.get(k)
        if v:
            return clean_cell(v)
    return ""


def _is_arabic(text: str) -> bool:
    return bool(_ARABIC_RE.search(text))


def build_row(name: UnresolvedName, result: Mapping[str, Any], gazetteer: Gazetteer | None = None) -> dict[str, str]:
    """The overrides row (:data:`SUGGESTION_COLUMNS`) for ``name`` from one Nominatim result.

    Admin names come from the result's address, which is in Arabic when OSM has it (``accept-language`` ar,en):
    an Arabic admin1 goes to ``admin1_ar`` and a Latin one to ``admin1``; with a ``gazetteer``, the province and
    district rows it knows replace them with its own spellings in both languages.
    """
    address: Mapping[str, Any] = result.get("address") or {}
    names: Mapping[str, Any] = result.get("namedetails") or {}
    if not isinstance(address, Mapping):
        address = {}
    if not isinstance(names, Mapping):
        names = {}
    category, kind = _category(result), str(result.get("type") or "")
    country = clean_cell(address.get("country_code")).upper() or (name.country or "")
    name_ar = clean_cell(name.name)
    name_en = _first(names, ("name:en", "int_name")) or clean_cell(result.get("name")) or clean_cell(names.get("name"))
    # OSM's own Arabic names, when they are spelt differently from the name as written.
    seen = {normalize_key(name_ar)}
    arabic: list[str] = []
    for k in ("name:ar", "name"):
        v = clean_cell(names.get(k))
        for part in (p.strip() for p in v.split(";")):
            if part and _is_arabic(part) and normalize_key(part) not in seen:
                seen.add(normalize_key(part))
                arabic.append(part)
    admin1 = _first(address, ("state", "province", "governorate"))
    admin2 = _first(address, ("county", "district", "state_district"))
    row = dict.fromkeys(SUGGESTION_COLUMNS, "")
    row.update(
        name_en=name_en,
        name_ar=name_ar,
        arabic_names="|".join(arabic),
        lat=clean_cell(result["lat"]),
        lon=clean_cell(result["lon"]),
        country=country,
        feature=feature_class(category, kind),
        population="0",
        status=STATUS_SUGGESTED,
        source=f"nominatim:{clean_cell(result.get('osm_type'))}/{clean_cell(result.get('osm_id'))}",
    )
    for value, en, ar in ((admin1, "admin1", "admin1_ar"), (admin2, "admin2", "admin2_ar")):
        if value:
            row[ar if _is_arabic(value) else en] = value
    if gazetteer is not None and country:
        _fill_admin_names(row, gazetteer, country)
    return row


def _fill_admin_names(row: dict[str, str], gazetteer: Gazetteer, country: str) -> None:
    admin1 = row["admin1"] or row["admin1_ar"]
    if admin1:
        province = gazetteer.admin1_place(country, admin1)
        if province is not None:  # the gazetteer's own spellings, as its other rows have them
            row["admin1"] = province.admin1 or province.name_en
            row["admin1_ar"] = province.admin1_ar or province.name_ar
    admin2 = row["admin2"] or row["admin2_ar"]
    if admin2:
        districts = [d for d in gazetteer.district_by_name(admin2) if d.country == country]
        if len(districts) == 1:
            d = districts[0]
            row["admin2"] = d.admin2 or d.name_en
            row["admin2_ar"] = d.admin2_ar or d.name_ar


def query_for(name: str) -> str:
    """The text sent to Nominatim: the name without a generic head («بلدة هجين» → «هجين»)."""
    words = name.split()
    if len(words) > 1 and normalize_key(words[0]) in _HEADS:
        words = words[1:]
    return " ".join(words)


# -- the cache -----------------------------------------------------------------------------------------------------


class ResponseCache:
    """Raw Nominatim responses (JSON lists, empty ones included) keyed by (normalised query, country)."""

    def __init__(self, path: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path))
            with self._db:
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS responses (query TEXT NOT NULL, country TEXT NOT NULL, "
                    "response TEXT NOT NULL, fetched REAL NOT NULL, PRIMARY KEY (query, country))"
                )

    @staticmethod
    def key(query: str, country: str | None) -> tuple[str, str]:
        return normalize_key(query), (country or "").upper()

    def get(self, query: str, country: str | None) -> list[dict[str, Any]] | None:
        if self._db is None:
            return None
        row = self._db.execute(
            "SELECT response FROM responses WHERE query = ? AND country = ?", self.key(query, country)
        ).fetchone()
        if row is None:
            return None
        try:
            data = json.loads(row[0])
        except ValueError:
            return None
        return [r for r in data if isinstance(r, dict)] if isinstance(data, list) else None

    def put(self, query: str, country: str | None, response: list[dict[str, Any]]) -> None:
        if self._db is None:
            return
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?)",
                (*self.key(query, country), json.dumps(response, ensure_ascii=False), time.time()),
            )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


# -- talking to Nominatim ---------------------------------------------------------------------------------------


class _Throttle:
    """Spaces calls at least ``delay`` seconds apart on the monotonic clock."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._last: float | None = None

    def wait(self) -> None:
        if self._last is not None:
            remaining = self._last + self.delay - time.monotonic()
            if remaining > 0:
                time.sleep(remaining)
        self._last = time.monotonic()


def _require_geopy() -> Any:
    try:
        from geopy.geocoders import Nominatim
    except ImportError as exc:
        raise RasdError("E306") from exc
    return Nominatim


class _Client:
    """geopy's Nominatim geocoder behind the throttle; returns raw result dicts."""

    def __init__(self, opts: SuggestOptions) -> None:
        nominatim = _require_geopy()
        from geopy.adapters import URLLibAdapter

        url = urlsplit(opts.base_url.strip())
        if not url.scheme or not url.netloc:
            raise RasdError("E303", path="geocoder.nominatim_url", detail=f"not a URL: {opts.base_url!r}")
        kwargs: dict[str, Any] = {}
        if (url.hostname or "") in ("127.0.0.1", "localhost", "::1"):
            kwargs["proxies"] = {}  # a local server is never reached through a proxy
        self._geocoder = nominatim(
            domain=(url.netloc + url.path).rstrip("/"),
            scheme=url.scheme,
            user_agent=opts.user_agent,
            timeout=opts.timeout_seconds,
            adapter_factory=URLLibAdapter,
            **kwargs,
        )
        self._limit = max(1, opts.limit)
        self._throttle = _Throttle(opts.effective_delay())

    def search(self, query: str, country: str | None) -> list[dict[str, Any]]:
        self._throttle.wait()
        found = self._geocoder.geocode(
            query,
            exactly_one=False,
            limit=self._limit,
            addressdetails=True,
            namedetails=True,
            language="ar,en",
            country_codes=country.lower() if country else None,
        )
        if found is None:
            return []
        out: list[dict[str, Any]] = []
        for loc in found:
            raw = getattr(loc, "raw", None)
            if not isinstance(raw, dict):
                raise ValueError("a result is not a JSON object")
            out.append(raw)
        return out


def _lookup_errors() -> tuple[type[BaseException], ...]:
    from geopy.exc import GeopyError

    return (GeopyError, OSError, ValueError, TypeError, AttributeError, KeyError)


def _unique(names: Iterable[UnresolvedName]) -> Iterator[UnresolvedName]:
    seen: set[tuple[str, str]] = set()
    for n in names:
        k = ResponseCache.key(query_for(n.name), n.country)
        if k[0] and k not in seen:
            seen.add(k)
            yield n


def suggest_places(
    names: Iterable[UnresolvedName],
    opts: SuggestOptions | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    stats: dict[str, int] | None = None,
) -> list[Suggestion]:
    """Look each name up in Nominatim (restricted to its country) and suggest the best place result.

    Names are taken in the order given (put the most frequent first), once per (query, country).  Cached
    responses are used without a request; at most ``opts.max_lookups`` requests are made, the remaining
    names are left for the next run.  A failed lookup is logged and skipped, never cached.  ``stats``, if
    given, receives the counts ``requested``, ``cached``, ``failed``, ``not_found``, ``deferred`` and
    ``suggested``.  With a ``gazetteer``, admin names are completed in both languages from its rows.
    """
    opts = opts or SuggestOptions.from_settings()
    _require_geopy()
    errors = _lookup_errors()
    counts = dict.fromkeys(("requested", "cached", "failed", "not_found", "deferred", "suggested"), 0)
    out: list[Suggestion] = []
    client: _Client | None = None
    with closing(ResponseCache(opts.cache)) as cache:
        for name in _unique(names):
            query = query_for(name.name)
            results = cache.get(query, name.country)
            if results is not None:
                counts["cached"] += 1
            elif counts["requested"] >= opts.max_lookups:
                counts["deferred"] += 1
                continue
            else:
                client = client or _Client(opts)
                counts["requested"] += 1
                try:
                    results = client.search(query, name.country)
                except errors as exc:
                    counts["failed"] += 1
                    log.warning("nominatim lookup of %r (%s) failed: %s", query, name.country or "any country", exc)
                    continue
                cache.put(query, name.country, results)
            best = best_result(results)
            if best is None:
                counts["not_found"] += 1
                log.info("nominatim: no place for %r (%s)", query, name.country or "any country")
                continue
            row = build_row(name, best, gazetteer)
            out.append(
                Suggestion(
                    name=name,
                    row=row,
                    osm_type=str(best["osm_type"]),
                    osm_id=int(best["osm_id"]),
                    category=_category(best),
                    place_type=str(best.get("type") or ""),
                    display_name=clean_cell(best.get("display_name")),
                    importance=_importance(best),
                )
            )
    counts["suggested"] = len(out)
    if counts["deferred"]:
        log.info("nominatim: %d names left for the next run (max_lookups=%d)", counts["deferred"], opts.max_lookups)
    if stats is not None:
        stats.update(counts)
    return out
