"""When two event records from different articles are the same event: the pairwise rules of the merger.

Every rule works on a :class:`RecordView`, the few fields of an event record the rules need, computed once per
record.  :func:`compare` applies the rules in a fixed order and returns a :class:`Link` that says either why the
two are the same event (distance, day gap, how the actors and sub-types relate) or the first rule that failed.

The rules, and why:

- **Sub-types** must be equal or in :data:`COMPATIBLE_SUBTYPES`: reports of one event disagree on details that
  ACLED's sub-types encode (a car bomb told as a suicide attack or not; a battle told as a clash by one outlet and
  as the capture it ended in by another), never on the weapon's carrier (shelling vs air strike) or on who was
  hit (a clash vs an attack on civilians, which are different event types anyway).
- **Dates**: two day-precise reports must give the same day, except that a date read from «أمس», «اليوم» or
  «قبل يومين» is one day loose (papers are dated the day after they are written, feeds carry crawl dates), unless
  both such dates were resolved against the same publication day.  Week- and month-precise dates stand for a
  window (ACLED codes the middle of the week or month; rasd dates an undated report at its publication day with
  precision 2, so its window is the week before publication) and need only overlap.
- **Places**: within 5 km when both are precise (geo precision 1), 25 km when one is near a place (2), the same
  admin1 when one knows only the province (3).  Two places that are each named — a gazetteer entry or a village
  the gazetteer lacks — and differ are different places whatever their coordinates: villages the gazetteer lacks
  share the coordinates of the town they are placed at.
- **Actors** must not contradict: each side is the actor and its associated actors, with «Unidentified …»
  groups counted as missing; the two reports' sides must overlap or one be missing, and no actor may act in one
  report and be the target in the other — except in a clash or riot, whose sides a report may tell either way.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasd.dates import find_dates
from rasd.geo.names import fold, strip_ar_head
from rasd.text.normalize import normalize_key

EARTH_KM = 6371.0088
TERRITORY = ("Government regains territory", "Non-state actor overtakes territory",
             "Non-violent transfer of territory")
# Sub-types a report of the same event may give instead of each other (unordered pairs).
COMPATIBLE_SUBTYPES: frozenset[frozenset[str]] = frozenset(frozenset(p) for p in (
    ("Armed clash", "Government regains territory"),
    ("Armed clash", "Non-state actor overtakes territory"),
    ("Government regains territory", "Non-violent transfer of territory"),
    ("Non-state actor overtakes territory", "Non-violent transfer of territory"),
    ("Suicide bomb", "Remote explosive/landmine/IED"),
    ("Chemical weapon", "Air/drone strike"),
    ("Chemical weapon", "Shelling/artillery/missile attack"),
    ("Peaceful protest", "Protest with intervention"),
    ("Protest with intervention", "Excessive force against protesters"),
    ("Violent demonstration", "Mob violence"),
))
# Sub-types whose two sides a report may name in either order.
SYMMETRIC_SUBTYPES = frozenset({"Armed clash", "Violent demonstration", "Mob violence"})
# Date kinds resolved by counting days from the publication date (one day loose, see the module text).
RELATIVE_KINDS = frozenset({"relative_day", "ago"})
_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_SETTLEMENT_HEADS = frozenset(normalize_key(w) for w in ("مدينة", "بلدة", "قرية", "مخيم", "حي", "ضاحية"))


@dataclass(frozen=True, slots=True)
class MergeOptions:
    """Settings of the merger.

    ``radius_km``: the largest distance for geo precision 1 and 2; ``admin1_fallback_km``: the distance used at
    precision 3 when a record lacks its admin1; ``relative_slack_days``: how loose a date read from «أمس» is;
    ``published``: publication dates by ``doc_id`` (a record's own ``published`` key wins), used by the date
    slack and by the fatality revisions; ``block_days``: the width of a date bucket of the blocking index.
    """

    radius_km: tuple[float, float] = (5.0, 25.0)
    admin1_fallback_km: float = 50.0
    relative_slack_days: int = 1
    published: Mapping[str, dt.date] | None = None
    block_days: int = 7

    @property
    def search_km(self) -> float:
        """How far around a record the blocking index must look to find every possible partner."""
        return max(*self.radius_km, self.admin1_fallback_km)


@dataclass(frozen=True, slots=True)
class RecordView:
    """What the rules need of one record, computed once (dates as ordinals, names folded, sides as sets)."""

    doc_id: str
    event_type: str
    sub_event_type: str
    family: str
    country: str | None
    day: int | None  # ordinal of event_date
    precision: int | None  # time precision
    window: tuple[int, int] | None  # first and last possible day (ordinals), slack included
    relative: bool
    published: int | None
    lat: float | None
    lon: float | None
    geo_precision: int
    admin1: str | None
    geonameid: int | None
    names: frozenset[str]  # folded forms of the place's names
    named: bool  # the record pins a named place (a gazetteer entry, or a village the gazetteer lacks)
    side1: frozenset[str]
    side2: frozenset[str]


@dataclass(frozen=True, slots=True)
class Link:
    """The pairwise evidence between a record and a member of a merged event (or the rule that refused them).

    ``reason`` is "same event" or the first rule that failed; ``score`` ranks candidate events (lower is closer).
    """

    same: bool
    reason: str
    member: int = -1  # index, in the merged event, of the member compared with
    distance_km: float | None = None
    day_gap: int | None = None
    dates: str = ""
    place: str = ""
    actors: str = ""
    sub_types: str = ""
    swapped: bool = False
    score: float = math.inf
    direct_ok: bool = False  # the actors agree told the same way round
    swap_ok: bool = False  # the actors agree with the sides swapped (clashes and riots only)

    def as_dict(self) -> dict[str, Any]:
        """The link as a plain dict (for JSON output and reviewers)."""
        return {"same": self.same, "reason": self.reason, "member": self.member,
                "distance_km": None if self.distance_km is None else round(self.distance_km, 2),
                "day_gap": self.day_gap, "dates": self.dates, "place": self.place, "actors": self.actors,
                "sub_types": self.sub_types, "swapped": self.swapped}


@lru_cache(maxsize=256)
def partners(sub_event_type: str) -> tuple[str, ...]:
    """The sub-types a report of the same event may give instead of ``sub_event_type``, itself first."""
    others = sorted(x for pair in COMPATIBLE_SUBTYPES if sub_event_type in pair for x in pair - {sub_event_type})
    return (sub_event_type, *others)


def family(sub_event_type: str, event_type: str) -> str:
    """The blocking family: the event type, except that a non-violent transfer of territory (a Strategic
    development) goes with the Battles, whose captures a report of the same change of hands may give instead."""
    return "Battles" if sub_event_type == "Non-violent transfer of territory" else event_type


def canonical_actor(name: str | None) -> str | None:
    """An actor name for comparison: no trailing parenthesis (scorers ignore it), «Unidentified …» as missing."""
    if not name:
        return None
    base = _PAREN.sub("", name).strip()
    return None if not base or base.startswith("Unidentified") else base


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


@lru_cache(maxsize=4096)
def is_relative(expression: str | None) -> bool:
    """True when a date expression counts days from the publication date («أمس», «فجر اليوم», «قبل يومين»)."""
    if not expression:
        return False
    return any(m.kind in RELATIVE_KINDS for m in find_dates(expression))


@lru_cache(maxsize=65536)
def place_key(name: str) -> str:
    """A place name folded for comparison: «مدينة البو كمال» and «البوكمال» give the same key."""
    if _ARABIC.search(name):
        words = normalize_key(strip_ar_head(name)).split()
        if len(words) > 1 and words[0] in _SETTLEMENT_HEADS:
            words = words[1:]
        key = "".join(words)
        return key[2:] if key.startswith("ال") and len(key) > 4 else key
    return fold(name).replace(" ", "")


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def date_window(day: dt.date, precision: int | None, expression: str | None) -> tuple[int, int]:
    """The days (as ordinals) a dated record may stand for, before any slack.

    1: the day; 2: the week around the date, or the week up to it when the date is the publication day of an
    undated report (no expression); 3: the calendar month."""
    o = day.toordinal()
    if precision == 2:
        return (o - 6, o) if not expression else (o - 3, o + 3)
    if precision == 3:
        first = day.replace(day=1)
        nxt = (first + dt.timedelta(days=32)).replace(day=1)
        return first.toordinal(), nxt.toordinal() - 1
    return o, o


def view(record: Mapping[str, Any], opts: MergeOptions) -> RecordView:
    """The :class:`RecordView` of an event record dict (see :func:`rasd.output.records.event_record`)."""
    doc_id = str(record.get("doc_id") or "")
    day = _date(record.get("event_date"))
    precision = record.get("time_precision")
    expression = record.get("date_expression")
    relative = precision == 1 and is_relative(expression)
    window = None
    if day is not None:
        lo, hi = date_window(day, precision, expression)
        slack = opts.relative_slack_days if relative else 0
        window = (lo - slack, hi + slack)
    pub = _date(record.get("published")) or (opts.published or {}).get(doc_id)
    gp = record.get("geo_precision") or 3
    location, location_ar = record.get("location") or "", record.get("location_ar") or ""
    names = frozenset(place_key(n) for n in (location, location_ar) if n) - {""}
    # A village the gazetteer lacks keeps its Arabic name as ``location``; a place "near" a town carries the
    # town's English name and pins nothing of its own.
    named = gp == 1 or (gp == 2 and bool(_ARABIC.search(location)))
    sides = []
    for k in ("1", "2"):
        names_k = [canonical_actor(record.get(f"actor{k}"))]
        names_k += [canonical_actor(a) for a in record.get(f"assoc_actor_{k}") or ()]
        sides.append(frozenset(n for n in names_k if n))
    event_type, sub = str(record.get("event_type") or ""), str(record.get("sub_event_type") or "")
    lat, lon = record.get("latitude"), record.get("longitude")
    return RecordView(
        doc_id=doc_id, event_type=event_type, sub_event_type=sub, family=family(sub, event_type),
        country=record.get("country") or None, day=day.toordinal() if day else None, precision=precision,
        window=window, relative=relative, published=pub.toordinal() if pub else None,
        lat=float(lat) if lat is not None else None, lon=float(lon) if lon is not None else None,
        geo_precision=int(gp), admin1=record.get("admin1") or None, geonameid=record.get("geonameid"),
        names=names, named=named, side1=sides[0], side2=sides[1])


def subtypes(a: RecordView, b: RecordView) -> str | None:
    """How the sub-types relate ("same sub-type", "compatible: X ~ Y"), or None when they exclude each other."""
    if a.family != b.family:
        return None
    if a.sub_event_type == b.sub_event_type:
        return "same sub-type"
    if frozenset((a.sub_event_type, b.sub_event_type)) in COMPATIBLE_SUBTYPES:
        return f"compatible: {a.sub_event_type} ~ {b.sub_event_type}"
    return None


def dates(a: RecordView, b: RecordView) -> tuple[int | None, str]:
    """The day gap between two records and how it was judged; gap None when the dates exclude each other."""
    if a.window is None or b.window is None:
        return None, "an undated record is never merged"
    if a.precision == 1 and b.precision == 1 and a.day is not None and b.day is not None:
        gap = abs(a.day - b.day)
        if gap == 0:
            return 0, "same day"
        same_pub = a.relative and b.relative and a.published is not None and a.published == b.published
        if (a.relative or b.relative) and not same_pub and gap <= max(a.window[1] - a.day, b.window[1] - b.day):
            return gap, f"{gap} day apart, a relative date («أمس») read against another publication day"
        return None, f"different days ({gap} apart)"
    gap = max(0, a.window[0] - b.window[1], b.window[0] - a.window[1])
    if gap:
        return None, f"date windows {gap} days apart"
    return (abs(a.day - b.day) if a.day is not None and b.day is not None else 0), "overlapping date windows"


def places(a: RecordView, b: RecordView, opts: MergeOptions) -> tuple[float | None, str | None]:
    """The distance between two records and how the places relate; None for the relation when they differ."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        if a.lat is None and b.lat is None and a.names & b.names:
            return None, "same place name, no coordinates"
        return None, None
    km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return km, "same gazetteer entry"
    if a.named and b.named and not a.names & b.names:
        return km, None  # two named places (the caller reports the names)
    p = max(a.geo_precision, b.geo_precision)
    if p >= 3:
        if a.admin1 and b.admin1:
            return km, "same admin1 (province-level report)" if a.admin1 == b.admin1 else None
        return km, f"within {opts.admin1_fallback_km:g} km (province-level report)" \
            if km <= opts.admin1_fallback_km else None
    limit = opts.radius_km[p - 1]
    if km > limit:
        return km, None
    return km, ("same place name" if a.names & b.names else f"within {limit:g} km (geo precision {p})")


def _side_ok(x: frozenset[str], y: frozenset[str]) -> bool:
    return not x or not y or bool(x & y)


def actors(a: RecordView, b: RecordView) -> tuple[str | None, str | None]:
    """How the actors relate told the same way round, and told with the sides swapped; None where they contradict.

    Swapping is considered only for clashes and riots, and only when an actor is named on opposite sides (two
    reports naming different actor1s and no actor2 are not a clash told both ways); an actor on both sides of
    one comparison never agrees."""
    direct = None
    if _side_ok(a.side1, b.side1) and _side_ok(a.side2, b.side2) and not (a.side1 & b.side2 or a.side2 & b.side1):
        named = [k for k, (x, y) in enumerate(((a.side1, b.side1), (a.side2, b.side2))) if x and y]
        direct = ("both sides agree" if len(named) == 2 else
                  f"actor{named[0] + 1} agrees, the other side missing in one report" if named else
                  "no side named by both reports")
    swapped = None
    symmetric = a.sub_event_type in SYMMETRIC_SUBTYPES and b.sub_event_type in SYMMETRIC_SUBTYPES
    if symmetric and _side_ok(a.side1, b.side2) and _side_ok(a.side2, b.side1) and \
            (a.side1 & b.side2 or a.side2 & b.side1) and not (a.side1 & b.side1 or a.side2 & b.side2):
        swapped = "sides swapped (a clash told from the other side)"
    return direct, swapped


def _describe_sides(v: RecordView) -> str:
    return f"{'/'.join(sorted(v.side1)) or '?'} vs {'/'.join(sorted(v.side2)) or '?'}"


def compare(a: RecordView, b: RecordView, opts: MergeOptions, member: int = -1) -> Link:
    """Whether two records report the same event, with the evidence; rules in order, the first failure wins.

    ``member`` is copied into the link (the index of ``b`` in its merged event)."""
    if a.doc_id and a.doc_id == b.doc_id:
        return Link(False, "same article: its events were already merged by the extractor")
    if a.country != b.country:
        return Link(False, f"different countries ({a.country} vs {b.country})")
    sub = subtypes(a, b)
    if sub is None:
        return Link(False, f"incompatible sub-types ({a.sub_event_type} vs {b.sub_event_type})")
    gap, how_dates = dates(a, b)
    if gap is None:
        return Link(False, how_dates, sub_types=sub)
    km, how_place = places(a, b, opts)
    if how_place is None:
        if km is not None and a.named and b.named and not a.names & b.names:
            reason = f"different named places ({'/'.join(sorted(a.names))} vs {'/'.join(sorted(b.names))})"
        else:
            reason = "too far apart" if km is not None else "no coordinates"
        return Link(False, reason, distance_km=km, day_gap=gap, dates=how_dates, sub_types=sub)
    direct, swapped = actors(a, b)
    how_actors = direct or swapped
    if how_actors is None:
        return Link(False, f"contradictory actors ({_describe_sides(a)} / {_describe_sides(b)})",
                    distance_km=km, day_gap=gap, dates=how_dates, place=how_place, sub_types=sub)
    limit = opts.radius_km[min(max(a.geo_precision, b.geo_precision), 2) - 1]
    score = gap + (km or 0.0) / limit + (0.0 if sub == "same sub-type" else 0.5) + \
        (0.0 if how_actors == "both sides agree" else 0.25) + (0.0 if a.names & b.names else 0.25) + \
        0.1 * abs(a.geo_precision - b.geo_precision) + 0.1 * abs((a.precision or 3) - (b.precision or 3))
    return Link(True, "same event", member=member, distance_km=km, day_gap=gap, dates=how_dates, place=how_place,
                actors=how_actors, sub_types=sub, swapped=direct is None, score=score,
                direct_ok=direct is not None, swap_ok=swapped is not None)
