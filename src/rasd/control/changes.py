"""Reading a change of territorial control out of one event record: where, when, who took over, from whom.

A record is a control change when its sub-type is one of ACLED's three territorial ones ("Government regains
territory", "Non-state actor overtakes territory", "Non-violent transfer of territory") or it carries a
``control_change`` (``{"to": actor, "from": actor}``, either key optional).  The record may be a single report or
a merged event (:meth:`rasd.dedup.MergedEvent.record`), whose evidence entries carry their own ``doc_id``.

Three kinds of change:

- **capture** — the actor takes the place (``to``, else actor1); the previous holder is ``from``, else actor2;
- **withdrawal** — the trigger is a withdrawal word («انسحب», «الانسحاب») and no capture word is among the
  triggers: actor1 *leaves*, so it is the previous holder, and the new holder is actor2 if one is named, else
  nobody (the extractor writes the withdrawing actor as ``to``; that is read here as leaving, not taking);
- **handover** — «سلّم المدينة»: actor1 hands the place to actor2 («تسلّم», receiving, is a capture by actor1).

Places are keyed by GeoNames id (``gn:174448``) when the record is pinned to a gazetteer entry, else by the
folded name, precision and coordinates (``بريهة|2|35.233,40.317``), so a village placed at its anchor town is
not confused with the town, and a province-level claim (precision 3) is not a claim on its capital.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rasd.dedup.rules import TERRITORY, date_window, place_key
from rasd.text.normalize import normalize_key

_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
# Stems of trigger words, normalised (ة→ه, أ→ا), found anywhere in the first word of a trigger so that
# «سيطرت», «تسيطر», «السيطره», «يستعيد» and «الاستيلاء» all count: the extractor's capture and withdraw classes.
_WITHDRAW = ("نسحب", "نسحاب")
_RECEIVE = ("تسلم", "ستلم")
_HAND_OVER = ("سلم", "تسليم")
_CAPTURE = ("سيطر", "ستعاد", "ستعيد", "ستول", "ستيلا", "حرر", "تحرير", "نتزع", "نتزاع", "بسط", "حكم", "طرد",
            "دحر", "جتاح", "دخل", "دخول")
EVIDENCE_FIELDS = ("trigger", "location", "actor1", "actor2", "date", "claim_source")


@dataclass(frozen=True, slots=True)
class ControlEvidence:
    """A span of an article that supports a change: ``text == article(doc_id)[start:end]``."""

    doc_id: str
    field: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """The place a timeline is about, as the records name it."""

    key: str
    name: str | None
    name_ar: str | None
    latitude: float | None
    longitude: float | None
    admin1: str | None
    country: str | None
    geo_precision: int | None


@dataclass(frozen=True, slots=True)
class ControlChange:
    """One claimed change of hands: ``holder`` took ``place`` from ``previous`` on ``date``.

    ``holder`` is None for a withdrawal with no one named as taking over; ``allies`` are the holder's associated
    actors (a capture by the army «with Hezbollah»), so a later report naming an ally as the one who lost the
    place is not a contradiction.  ``conflicts`` are contradictions found when the timeline was built (a holding
    resting on such a change is contested); ``notes`` are remarks that are not contradictions.
    """

    place: PlaceRef
    date: dt.date
    time_precision: int
    holder: str | None
    previous: str | None
    kind: str  # capture, withdrawal or handover
    sub_event_type: str
    doc_ids: tuple[str, ...]
    evidence: tuple[ControlEvidence, ...]
    allies: tuple[str, ...] = ()
    merged_id: str | None = None
    window: tuple[dt.date, dt.date] | None = None  # the days it may have happened on (from the precision)
    conflicts: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The change as plain data."""
        return {"place": self.place.key, "location": self.place.name, "date": self.date.isoformat(),
                "time_precision": self.time_precision, "holder": self.holder, "previous": self.previous,
                "kind": self.kind, "sub_event_type": self.sub_event_type, "doc_ids": list(self.doc_ids),
                "allies": list(self.allies), "merged_id": self.merged_id, "conflicts": list(self.conflicts),
                "notes": list(self.notes),
                "evidence": [{"doc_id": e.doc_id, "field": e.field, "start": e.start, "end": e.end, "text": e.text}
                             for e in self.evidence]}


def same_actor(a: str | None, b: str | None) -> bool:
    """Two actor names are the same actor when they agree without a trailing parenthesis («(Syria)»)."""
    return bool(a) and bool(b) and _PAREN.sub("", a or "") == _PAREN.sub("", b or "")


def is_control_record(record: Mapping[str, Any]) -> bool:
    """True when the record is about territory changing hands."""
    return record.get("sub_event_type") in TERRITORY or bool(record.get("control_change"))


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def place_of(record: Mapping[str, Any]) -> PlaceRef | None:
    """The place of a record as a timeline key; None when the record has no place at all."""
    name, name_ar = record.get("location"), record.get("location_ar")
    lat, lon = record.get("latitude"), record.get("longitude")
    gp, gid = record.get("geo_precision"), record.get("geonameid")
    if gid is not None and gp == 1:
        key = f"gn:{gid}"
    elif name or name_ar:
        where = f"{float(lat):.3f},{float(lon):.3f}" if lat is not None and lon is not None else "?"
        key = f"{place_key(str(name_ar or name))}|{gp or '?'}|{where}"
    else:
        return None
    return PlaceRef(key, name, name_ar, lat, lon, record.get("admin1"), record.get("country"), gp)


def _trigger_words(record: Mapping[str, Any]) -> list[str]:
    return [normalize_key(str(e.get("text") or "")) for e in record.get("evidence") or ()
            if e.get("field") == "trigger"]


def _kind(record: Mapping[str, Any]) -> str:
    """capture, withdrawal or handover, from the record's trigger words (capture when they say nothing)."""
    words = [w.split()[0] for w in _trigger_words(record) if w.split()]
    if any(stem in w for w in words for stem in _CAPTURE + _RECEIVE):
        return "capture"
    if any(stem in w for w in words for stem in _WITHDRAW):
        return "withdrawal"
    if any(w.removeprefix("و").removeprefix("ال").startswith(_HAND_OVER) for w in words):
        return "handover"
    return "capture"


def _evidence(record: Mapping[str, Any]) -> tuple[ControlEvidence, ...]:
    doc = str(record.get("doc_id") or "")
    out = [ControlEvidence(str(e.get("doc_id") or doc), str(e.get("field")), int(e.get("start") or 0),
                           int(e.get("end") or 0), str(e.get("text") or ""))
           for e in record.get("evidence") or () if e.get("field") in EVIDENCE_FIELDS]
    return tuple(sorted(set(out), key=lambda e: (e.doc_id, e.start, e.end, e.field)))


def change_of(record: Mapping[str, Any]) -> ControlChange | None:
    """The control change a record reports, or None (not territorial, undated, unplaced, or no actor at all)."""
    if not is_control_record(record):
        return None
    date, place = _date(record.get("event_date")), place_of(record)
    if date is None or place is None:
        return None
    cc = record.get("control_change") or {}
    actor1, actor2 = record.get("actor1"), record.get("actor2")
    kind = _kind(record)
    allies: tuple[str, ...] = ()
    if kind in ("withdrawal", "handover"):
        previous, holder = actor1 or cc.get("to"), actor2 if not same_actor(actor2, actor1) else None
    else:
        holder, previous = cc.get("to") or actor1, cc.get("from") or actor2
        if same_actor(holder, actor1):
            allies = tuple(record.get("assoc_actor_1") or ())
    if same_actor(holder, previous):
        previous = None
    if holder is None and previous is None:
        return None
    docs = record.get("doc_ids") or [record.get("doc_id")]
    precision = int(record.get("time_precision") or 3)
    lo, hi = date_window(date, precision, record.get("date_expression"))
    return ControlChange(
        place=place, date=date, time_precision=precision, holder=holder,
        previous=previous, kind=kind, sub_event_type=str(record.get("sub_event_type") or ""),
        doc_ids=tuple(str(d) for d in docs if d), evidence=_evidence(record), allies=allies,
        merged_id=record.get("merged_id"), window=(dt.date.fromordinal(lo), dt.date.fromordinal(hi)))
