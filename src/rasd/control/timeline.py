"""Who holds a place when: per-place timelines of control changes, and the holder on a given day.

:func:`build_timeline` reads the control changes of event records (single reports, or merged events from
:mod:`rasd.dedup`, which is the better input: one change per real event) and orders them per place by date.
Walking each place's changes in order, it keeps every claim and flags, never resolves, what does not fit:

- **conflicting claims** — a new holder claimed within ``window_days`` (widened by the date precision) of
  another holder's claim, unless the later report says it took the place *from* that holder (a handover told as
  such is a change, not a contradiction: Albu Kamal went from ISIS to the army and back within a week);
- **wrong previous holder** — a report says the place was taken from an actor the timeline does not have
  holding it, or an actor withdraws from a place it did not hold;
- repeated claims by the current holder, or by one of its allies (the associated actors of its capture: the army
  «with Hezbollah»), are folded into its change as confirmations when close in time, and noted (not flagged)
  when later: the loss in between went unreported.

:func:`control_at` gives, for each place with a change on or before a day, the :class:`Holding`: holder, since
when, the evidence, and ``contested`` when the change it rests on was flagged or a later change dated only by
week or month may already have happened on that day.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from rasd.control.changes import ControlChange, ControlEvidence, PlaceRef, change_of, is_control_record, same_actor
from rasd.dedup.rules import place_key

DEFAULT_WINDOW_DAYS = 3


@dataclass(frozen=True, slots=True)
class Holding:
    """Who held a place on a day, since when, on what evidence, and whether that is contested (``reasons``)."""

    holder: str | None  # None: the last holder withdrew and no one was reported taking over
    since: dt.date
    evidence: tuple[ControlEvidence, ...]
    contested: bool
    place: PlaceRef
    previous: str | None = None
    since_precision: int = 1
    reasons: tuple[str, ...] = ()
    change: ControlChange | None = None

    def as_dict(self) -> dict[str, Any]:
        """The holding as plain data (for JSON output)."""
        return {"place": self.place.key, "location": self.place.name, "location_ar": self.place.name_ar,
                "latitude": self.place.latitude, "longitude": self.place.longitude, "admin1": self.place.admin1,
                "country": self.place.country, "holder": self.holder, "since": self.since.isoformat(),
                "since_precision": self.since_precision, "previous": self.previous, "contested": self.contested,
                "reasons": list(self.reasons),
                "doc_ids": list(self.change.doc_ids) if self.change else [],
                "evidence": [{"doc_id": e.doc_id, "field": e.field, "start": e.start, "end": e.end, "text": e.text}
                             for e in self.evidence]}


@dataclass(frozen=True)
class Timeline:
    """Control changes per place (key → changes in date order), the places, and the records left out."""

    changes: Mapping[str, tuple[ControlChange, ...]]
    places: Mapping[str, PlaceRef]
    skipped: tuple[tuple[str, str], ...] = ()  # (doc_id, why) for territorial records with no usable change
    window_days: int = DEFAULT_WINDOW_DAYS
    _names: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def __getitem__(self, key: str) -> tuple[ControlChange, ...]:
        return self.changes[key]

    def __len__(self) -> int:
        return len(self.changes)

    def find(self, name: str) -> list[str]:
        """The place keys whose English or Arabic name matches ``name`` (folded: «البو كمال» finds «البوكمال»)."""
        return list(self._names.get(place_key(name), ()))

    def conflicts(self) -> list[ControlChange]:
        """Every flagged change, by place and date."""
        return [c for key in sorted(self.changes) for c in self.changes[key] if c.conflicts]

    def as_dict(self) -> dict[str, Any]:
        """The timeline as plain data."""
        return {key: [c.as_dict() for c in chs] for key, chs in sorted(self.changes.items())}


def _order(c: ControlChange) -> tuple[dt.date, int, str, tuple[str, ...]]:
    return c.date, c.time_precision, c.holder or "", c.doc_ids


def _span(c: ControlChange) -> tuple[dt.date, dt.date]:
    return c.window or (c.date, c.date)


def _close(a: ControlChange, b: ControlChange, days: int) -> int | None:
    """Days between two changes' date windows when within ``days`` of each other, else None."""
    (a0, a1), (b0, b1) = _span(a), _span(b)
    gap = max(0, (b0 - a1).days, (a0 - b1).days)
    return gap if gap <= days else None


def _held_by(actor: str | None, holder: str | None, allies: tuple[str, ...]) -> bool:
    return any(same_actor(actor, h) for h in (holder, *allies))


def _docs(c: ControlChange) -> str:
    return ", ".join(c.doc_ids) or "?"


def _fold(into: ControlChange, extra: ControlChange) -> ControlChange:
    """A confirmation folded into the change it confirms: more documents and evidence, more allies."""
    return replace(into, doc_ids=tuple(dict.fromkeys(into.doc_ids + extra.doc_ids)),
                   evidence=tuple(dict.fromkeys(into.evidence + extra.evidence)),
                   allies=tuple(dict.fromkeys(into.allies + extra.allies)),
                   previous=into.previous or extra.previous,
                   notes=(*into.notes, f"confirmed by {_docs(extra)} ({extra.date})"))


def _walk(changes: list[ControlChange], days: int) -> list[ControlChange]:
    """One place's changes in order, with confirmations folded and contradictions flagged."""
    out: list[ControlChange] = []
    holder: str | None = None
    allies: tuple[str, ...] = ()
    for x in sorted(changes, key=_order):
        cur = out[-1] if out else None
        if cur is not None and x.holder is not None and (_held_by(x.holder, holder, allies) or
                                                          _held_by(holder, None, x.allies)):
            if _close(cur, x, days) is not None:
                out[-1] = _fold(cur, x)
                allies = out[-1].allies
                continue
            x = replace(x, notes=(*x.notes, f"already held by {holder} since {cur.date} ({_docs(cur)}): "
                                             "no loss reported in between"))
            out.append(x)
            continue
        conflicts: list[str] = []
        if x.previous is not None and holder is not None and not _held_by(x.previous, holder, allies):
            assert cur is not None
            if x.kind == "withdrawal":
                conflicts.append(f"withdrawal by {x.previous}, who did not hold it: {holder} did "
                                 f"(since {cur.date}, {_docs(cur)})")
            else:
                conflicts.append(f"reported as taken from {x.previous}, but {holder} held it "
                                 f"(since {cur.date}, {_docs(cur)})")
        elif x.previous is not None and holder is None and cur is not None and cur.kind == "withdrawal" and \
                not same_actor(x.previous, cur.previous):
            conflicts.append(f"reported as taken from {x.previous}, but {cur.previous} had withdrawn ({cur.date})")
        handed_over = x.previous is not None and _held_by(x.previous, holder, allies)
        if cur is not None and holder is not None and x.holder is not None and not handed_over:
            gap = _close(cur, x, days)
            if gap is not None:
                conflicts.append(f"{x.holder} claimed {gap} day(s) after {holder}'s claim ({_docs(cur)}), "
                                 f"without saying it took the place from {holder}")
                out[-1] = replace(cur, conflicts=(*cur.conflicts, f"{x.holder} claimed it {gap} day(s) later "
                                                                  f"({_docs(x)})"))
        out.append(replace(x, conflicts=(*x.conflicts, *conflicts)))
        holder, allies = x.holder, x.allies
    return out


def build_timeline(records: Iterable[Mapping[str, Any]], window_days: int = DEFAULT_WINDOW_DAYS) -> Timeline:
    """Per-place control timelines from event records (other records are ignored).

    ``window_days``: how close in time two claims by different holders must be to count as contradictory."""
    by_place: dict[str, list[ControlChange]] = defaultdict(list)
    places: dict[str, PlaceRef] = {}
    skipped: list[tuple[str, str]] = []
    for r in records:
        if not is_control_record(r):
            continue
        c = change_of(r)
        if c is None:
            why = "no date" if not r.get("event_date") else "no place" if not (
                r.get("location") or r.get("location_ar")) else "no actor"
            skipped.append((str(r.get("doc_id") or ""), why))
            continue
        by_place[c.place.key].append(c)
        places.setdefault(c.place.key, c.place)
    changes = {key: tuple(_walk(chs, window_days)) for key, chs in sorted(by_place.items())}
    names: dict[str, list[str]] = defaultdict(list)
    for key, p in places.items():
        for n in {place_key(str(n)) for n in (p.name, p.name_ar) if n}:
            names[n].append(key)
    return Timeline(changes, places, tuple(skipped), window_days,
                    {n: tuple(sorted(ks)) for n, ks in names.items()})


def holding_at(changes: tuple[ControlChange, ...], date: dt.date) -> Holding | None:
    """The holding on ``date`` from one place's ordered changes; None when no change is dated on or before it."""
    k = bisect.bisect_right([c.date for c in changes], date)
    if k == 0:
        return None
    last = changes[k - 1]
    reasons = list(last.conflicts)
    for later in changes[k:]:
        if _span(later)[0] <= date and not same_actor(later.holder, last.holder):
            reasons.append(f"a change to {later.holder or 'no holder'} dated {later.date} (time precision "
                           f"{later.time_precision}, {_docs(later)}) may already have happened")
    return Holding(holder=last.holder, since=last.date, evidence=last.evidence, contested=bool(reasons),
                   place=last.place, previous=last.previous, since_precision=last.time_precision,
                   reasons=tuple(reasons), change=last)


def control_at(timeline: Timeline, date: dt.date | str) -> dict[str, Holding]:
    """Who held each place of the timeline on ``date`` (a date or ``YYYY-MM-DD``), by place key.

    Places with no change dated on or before ``date`` are left out: the timeline knows nothing about them."""
    day = dt.date.fromisoformat(date) if isinstance(date, str) else date
    out: dict[str, Holding] = {}
    for key, chs in timeline.changes.items():
        h = holding_at(chs, day)
        if h is not None:
            out[key] = h
    return out
