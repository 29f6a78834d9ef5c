"""Merging the event records of many articles: one :class:`MergedEvent` per real event, with all its reports.

:class:`EventMerger` takes records one at a time (``add`` returns the id of the merged event the record joined or
founded), so a store can call it as articles arrive; :func:`merge_events` runs it over a batch in a fixed order
and returns the merged events in a fixed order.

Scaling: a record is compared only with records of its *blocks* — same country, a sub-type compatible with its
own (see :data:`~rasd.dedup.rules.COMPATIBLE_SUBTYPES`) and an overlapping date bucket (``block_days`` wide; a
record is filed under every bucket its date window touches) — and, within a block, only with records in the
grid cells within ``search_km`` of it, or in its admin1 when one of the two knows only the province.  Work per
record is bounded by the reports of one region in one week, not by the size of the collection.

Linkage is complete: a record joins a merged event only when it is compatible with *every* member (so a vague
report cannot chain two different precise events together), never two members from the same article (the
extractor has already merged an article's restatements), and, of several candidate events, the closest
(:attr:`~rasd.dedup.rules.Link.score`, ties to the older event).  The result depends on the order of arrival;
:func:`merge_events` feeds the most precise reports first, so vaguer reports join the events they fit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import product
from typing import Any

from rasd.dedup.consensus import Choice, choose_all
from rasd.dedup.rules import Link, MergeOptions, RecordView, compare, partners, view
from rasd.taxonomy import disorder_type

CELL_DEG = 0.5  # grid cell of the spatial blocking, in degrees
KM_PER_DEG = 111.32


@dataclass(frozen=True)
class MergedEvent:
    """One event and the reports that told it.

    ``members`` are the member records in the order they joined; ``links[i]`` is the evidence that joined
    ``members[i + 1]`` (``link.member`` is the earlier member it matched best; it was checked against all);
    ``swapped[i]`` says member ``i`` told a clash with its sides the other way round; ``choices`` holds the
    chosen value of each field with its reason.
    """

    id: str
    members: tuple[Mapping[str, Any], ...]
    links: tuple[Link, ...]
    swapped: tuple[bool, ...]
    choices: Mapping[str, Choice]

    @property
    def doc_ids(self) -> list[str]:
        """The articles that reported the event, in member order, without repeats."""
        return list(dict.fromkeys(str(m.get("doc_id") or "") for m in self.members))

    @property
    def sources(self) -> list[str]:
        """Every source (claim sources and outlets) of every report, without repeats."""
        return [s for s in str(self.choices["source"].value or "").split("; ") if s]

    def value(self, name: str) -> Any:
        """The chosen value of a field (``location`` is a dict of the location columns)."""
        return self.choices[name].value

    def record(self) -> dict[str, Any]:
        """The merged event as an event record: chosen values in the usual columns, plus ``merged_id``,
        ``doc_ids``, ``n_reports``, ``reasons`` (field → why) and every member's evidence tagged with its
        ``doc_id``."""
        c = self.choices
        base = dict(self.members[0])
        sub = c["sub_event_type"]
        base["sub_event_type"] = sub.value
        base["event_type"] = self.members[sub.members[0]].get("event_type") if sub.members else base["event_type"]
        for k in ("actor1", "inter1", "assoc_actor_1", "actor2", "inter2", "assoc_actor_2"):
            base[k] = c[k].value
        codes = sorted(x for x in (base["inter1"], base["inter2"]) if x)
        base["interaction"] = (codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)) if codes else None
        base.update(c["location"].value)
        date = c["event_date"]
        if date.members:
            dm = self.members[date.members[0]]
            base.update(event_date=dm.get("event_date"), time_precision=dm.get("time_precision"),
                        date_expression=dm.get("date_expression"))
            base["year"] = int(str(dm.get("event_date"))[:4]) if dm.get("event_date") else None
        fat = c["fatalities"]
        base["fatalities"] = fat.value
        base["fatalities_note"] = self.members[fat.members[0]].get("fatalities_note") if fat.members else None
        base["control_change"] = c["control_change"].value
        base["source"] = c["source"].value
        base["claim_source"] = "; ".join(dict.fromkeys(str(m["claim_source"]) for m in self.members
                                                       if m.get("claim_source"))) or None
        base["disorder_type"] = disorder_type(str(base.get("event_type") or ""), base["actor2"])
        civ = str(base["actor2"] or "").startswith("Civilians") and base.get("event_type") in (
            "Violence against civilians", "Explosions/Remote violence")
        base["civilian_targeting"] = "Civilian targeting" if civ else ""
        base["notes"] = self.summary()
        for k in ("candidates", "published"):
            base.pop(k, None)
        base.update(merged_id=self.id, doc_id=self.doc_ids[0], doc_ids=self.doc_ids, n_reports=len(self.members),
                    reasons={k: ch.reason for k, ch in c.items()},
                    evidence=[{**e, "doc_id": m.get("doc_id")} for m in self.members for e in m.get("evidence") or ()])
        return base

    def summary(self) -> str:
        """A one-sentence English description of the merged event (its ``notes``)."""
        loc = self.value("location") or {}
        date = self.value("event_date")
        who = self.value("actor1") or "an unidentified actor"
        what = str(self.value("sub_event_type") or "event").lower()
        target = f" against {self.value('actor2')}" if self.value("actor2") else ""
        toll = f"; {self.value('fatalities')} reported killed ({self.choices['fatalities'].reason})" \
            if self.value("fatalities") else ""
        n = len(self.members)
        return (f"{'On ' + str(date) if date else 'On an unreported date'}, {who}: {what}{target} in "
                f"{loc.get('location') or loc.get('location_ar') or 'an unknown place'}{toll}; reported by {n} "
                f"article{'s' if n != 1 else ''}.")

    def explain(self) -> dict[str, Any]:
        """Why these reports are one event and how each value was chosen, as plain data."""
        return {"id": self.id, "doc_ids": self.doc_ids, "choices": {k: c.as_dict() for k, c in self.choices.items()},
                "links": [dict(lk.as_dict(), joined=i + 1) for i, lk in enumerate(self.links)],
                "swapped": list(self.swapped)}


@dataclass
class _Group:
    id: str
    seq: int
    members: list[int]
    links: list[Link] = field(default_factory=list)
    swapped: list[bool] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    cache: MergedEvent | None = None


@dataclass
class _Block:
    cells: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    by_admin1: dict[str, list[int]] = field(default_factory=dict)
    province: dict[str, list[int]] = field(default_factory=dict)  # records placed only at province level
    unplaced: list[int] = field(default_factory=list)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG)


class EventMerger:
    """Incremental cross-article merging: ``add`` each event record, read the :class:`MergedEvent` s back."""

    def __init__(self, opts: MergeOptions | None = None) -> None:
        self.opts = opts or MergeOptions()
        self._records: list[Mapping[str, Any]] = []
        self._views: list[RecordView] = []
        self._group_of: list[int] = []
        self._groups: list[_Group] = []
        self._by_id: dict[str, int] = {}
        self._blocks: dict[tuple[str | None, str, int], _Block] = {}
        self._per_doc: Counter[str] = Counter()
        self.comparisons = 0  # pairwise comparisons made so far (for measurements)

    def __len__(self) -> int:
        return len(self._groups)

    @property
    def n_records(self) -> int:
        """How many records have been added."""
        return len(self._records)

    def add(self, record: Mapping[str, Any]) -> str:
        """File one event record; returns the id of the merged event it joined, or of the new one it founded."""
        idx = len(self._records)
        v = view(record, self.opts)
        self._per_doc[v.doc_id] += 1
        self._records.append(record)
        self._views.append(v)
        best: tuple[float, int, int, bool, Link] | None = None
        for g in self._candidates(v):
            joined = self._fit(v, self._groups[g])
            if joined is not None and (best is None or (joined[0], self._groups[g].seq) < (best[0], best[1])):
                best = (joined[0], self._groups[g].seq, g, joined[1], joined[2])
        if best is None:
            g = self._found(record, v, idx)
        else:
            _, _, g, swapped, link = best
            grp = self._groups[g]
            grp.members.append(idx)
            grp.links.append(link)
            grp.swapped.append(swapped)
            grp.docs.add(v.doc_id)
            grp.cache = None
        self._group_of.append(g)
        self._file(v, idx)
        return self._groups[g].id

    def add_all(self, records: Iterable[Mapping[str, Any]]) -> list[str]:
        """``add`` each record in turn; the merged ids, one per record."""
        return [self.add(r) for r in records]

    def get(self, merged_id: str) -> MergedEvent:
        """The merged event with this id (KeyError if unknown)."""
        return self._event(self._groups[self._by_id[merged_id]])

    def events(self) -> list[MergedEvent]:
        """Every merged event, ordered by date, country, admin1, place, sub-type and id."""
        evs = [self._event(g) for g in self._groups]

        def key(e: MergedEvent) -> tuple[str, str, str, str, str, str]:
            loc = e.value("location") or {}
            return (str(e.value("event_date") or "9999"), str(loc.get("country") or ""), str(loc.get("admin1") or ""),
                    str(loc.get("location") or ""), str(e.value("sub_event_type") or ""), e.id)
        return sorted(evs, key=key)

    # -- internals ---------------------------------------------------------------------------------------------

    def _found(self, record: Mapping[str, Any], v: RecordView, idx: int) -> int:
        raw = "\x1f".join((v.doc_id, str(self._per_doc[v.doc_id]), v.sub_event_type,
                           str(record.get("event_date")), str(record.get("location"))))
        mid = "ev-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]
        while mid in self._by_id:  # the same record added twice: still a distinct id
            mid = "ev-" + hashlib.sha1((mid + raw).encode("utf-8")).hexdigest()[:12]
        g = len(self._groups)
        self._groups.append(_Group(mid, g, [idx], swapped=[False], docs={v.doc_id}))
        self._by_id[mid] = g
        return g

    def _buckets(self, v: RecordView) -> range:
        assert v.window is not None
        return range(v.window[0] // self.opts.block_days, v.window[1] // self.opts.block_days + 1)

    def _file(self, v: RecordView, idx: int) -> None:
        if v.window is None:
            return  # never merged (see rules.dates), so never looked up
        for b in self._buckets(v):
            block = self._blocks.setdefault((v.country, v.sub_event_type, b), _Block())
            if v.lat is None or v.lon is None:
                block.unplaced.append(idx)
                continue
            block.cells.setdefault(_cell(v.lat, v.lon), []).append(idx)
            if v.admin1:
                block.by_admin1.setdefault(v.admin1, []).append(idx)
                if v.geo_precision >= 3:
                    block.province.setdefault(v.admin1, []).append(idx)

    def _candidates(self, v: RecordView) -> list[int]:
        """The groups holding a record of ``v``'s blocks that could be near enough to compare."""
        if v.window is None:
            return []
        found: set[int] = set()
        for sub, b in product(partners(v.sub_event_type), self._buckets(v)):
            block = self._blocks.get((v.country, sub, b))
            if block is None:
                continue
            if v.lat is None or v.lon is None:
                found.update(block.unplaced)
                continue
            ci, cj = _cell(v.lat, v.lon)
            reach = self.opts.search_km
            di = math.ceil(reach / (KM_PER_DEG * CELL_DEG))
            dj = math.ceil(reach / (KM_PER_DEG * CELL_DEG * max(math.cos(math.radians(v.lat)), 0.05)))
            for i in range(ci - di, ci + di + 1):
                for j in range(cj - dj, cj + dj + 1):
                    found.update(block.cells.get((i, j), ()))
            if v.admin1:
                found.update(block.by_admin1.get(v.admin1, ()) if v.geo_precision >= 3
                             else block.province.get(v.admin1, ()))
        return sorted({self._group_of[i] for i in found})

    def _fit(self, v: RecordView, grp: _Group) -> tuple[float, bool, Link] | None:
        """Complete linkage: (score, swapped, best link) when ``v`` fits every member of ``grp``, else None."""
        if v.doc_id in grp.docs:
            return None
        links = []
        for k, i in enumerate(grp.members):
            self.comparisons += 1
            link = compare(v, self._views[i], self.opts, k)
            if not link.same:
                return None
            links.append(link)
        # One orientation relative to the founding member must suit every member (clashes only can swap).
        best = min(links, key=lambda lk: (lk.score, lk.member))
        preferred = best.swapped != grp.swapped[best.member]
        for flip in (preferred, not preferred):
            if all((lk.swap_ok if flip != grp.swapped[lk.member] else lk.direct_ok) for lk in links):
                return best.score, flip, replace(best, swapped=flip != grp.swapped[best.member])
        return None

    def _event(self, grp: _Group) -> MergedEvent:
        if grp.cache is None:
            members = tuple(self._records[i] for i in grp.members)
            views = [self._views[i] for i in grp.members]
            published = [dt.date.fromordinal(w.published) if w.published else None for w in views]
            choices = choose_all(members, grp.swapped, [w.relative for w in views], published)
            grp.cache = MergedEvent(grp.id, members, tuple(grp.links), tuple(grp.swapped), choices)
        return grp.cache


def _order_key(record: Mapping[str, Any], ordinal: int) -> tuple[int, int, str, str, int]:
    return (record.get("time_precision") or 9, record.get("geo_precision") or 9, str(record.get("event_date") or "~"),
            str(record.get("doc_id") or ""), ordinal)


def merge_events(records: Iterable[Mapping[str, Any]], opts: MergeOptions | None = None) -> list[MergedEvent]:
    """Merge the event records of many articles into events, each with all its reports.

    Records are fed most precise first (time precision, then geo precision), then by date, article and their
    order within the article, so the result does not depend on the order of ``records`` beyond the order of each
    article's own records.  Returns the merged events ordered as :meth:`EventMerger.events`."""
    recs = list(records)
    per_doc: Counter[str] = Counter()
    keyed = []
    for r in recs:
        doc = str(r.get("doc_id") or "")
        per_doc[doc] += 1
        keyed.append((_order_key(r, per_doc[doc]), r))
    merger = EventMerger(opts)
    for _, r in sorted(keyed, key=lambda t: t[0]):
        merger.add(r)
    return merger.events()
