"""The values of a merged event, each chosen from its member reports with the reason for the choice.

- **Sub-type, actors, control change**: the value most reports give ("2 of 3 reports"); ties go to the more
  specific sub-type (a capture over the clash it ended), then to the earliest member.  A clash told with its
  sides swapped is turned round first.  Associated actors are the union over the reports.
- **Place**: the most precise location (lowest geo precision), then the one most reports give.
- **Date**: the most precise date, then one not read from «أمس» (an explicit date beats a relative one), then
  the one most reports give, then the earliest.
- **Fatalities** (ACLED: "the most conservative credible figure, revised when better reports arrive"):
  figures with a number beat ACLED's no-number defaults (10/3), which beat nothing; a source that gives a new
  figure in a later report (by publication date) revises its own earlier figure; figures of a named source (a
  monitor, an agency, an outlet) beat figures nobody stands behind; of what is left, the lowest.  Taking the
  lowest figure across sources is ACLED's conservatism; letting a source revise itself is its "revised when better
  reports arrive" — a later report of the same source is the better report, another source's higher count is not.
- **Sources**: every member's, in order, without repeats.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# More specific first: the tie-break between sub-types given by equally many reports.
SPECIFICITY = ("Government regains territory", "Non-state actor overtakes territory",
               "Non-violent transfer of territory", "Suicide bomb", "Chemical weapon",
               "Excessive force against protesters", "Protest with intervention", "Mob violence")
LOCATION_FIELDS = ("country", "iso", "region", "admin1", "admin2", "admin3", "location", "location_ar",
                   "admin1_ar", "admin2_ar", "latitude", "longitude", "geo_precision", "geonameid",
                   "location_relation")
NO_NUMBER = "no number"  # the marker in ``fatalities_note`` of ACLED's default figures


@dataclass(frozen=True, slots=True)
class Choice:
    """The value chosen for one field of a merged event, why, and which members (by index) support it."""

    field: str
    value: Any
    reason: str
    members: tuple[int, ...]

    def as_dict(self) -> dict[str, Any]:
        """The choice as a plain dict."""
        return {"field": self.field, "value": self.value, "reason": self.reason, "members": list(self.members)}


def _count(n: int, total: int) -> str:
    return f"{n} of {total} report{'s' if total != 1 else ''}"


def _vote(field: str, values: Sequence[Hashable | None], rank: Callable[[Any], Any] = lambda v: 0,
          what: str = "") -> Choice:
    """The most frequent non-empty value; ties by ``rank`` (lower first), then by first appearance."""
    given = [(k, v) for k, v in enumerate(values) if v not in (None, "")]
    if not given:
        return Choice(field, None, "no report gives it", ())
    tally = Counter(v for _, v in given)
    first = {v: k for k, v in reversed(given)}
    best = min(tally, key=lambda v: (-tally[v], rank(v), first[v]))
    support = tuple(k for k, v in given if v == best)
    reason = _count(len(support), len(values))
    if len(tally) > 1:
        reason += f" ({what or 'others'}: " + ", ".join(f"{v} ×{n}" for v, n in tally.items() if v != best) + ")"
    return Choice(field, best, reason, support)


def _specificity(sub: Any) -> int:
    return SPECIFICITY.index(sub) if sub in SPECIFICITY else len(SPECIFICITY)


def choose_sub_type(members: Sequence[Mapping[str, Any]]) -> Choice:
    """The sub-event type most reports give, ties to the more specific one."""
    return _vote("sub_event_type", [m.get("sub_event_type") for m in members], _specificity, "also")


def oriented(member: Mapping[str, Any], swapped: bool) -> dict[str, Any]:
    """The member's actor fields, turned round when its report told the clash from the other side."""
    keys = ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2")
    vals = {k: member.get(k) for k in keys}
    if swapped:
        vals = {k: member.get(k.replace("1", "#").replace("2", "1").replace("#", "2")) for k in keys}
    return vals


def choose_actors(members: Sequence[Mapping[str, Any]], swapped: Sequence[bool]) -> list[Choice]:
    """actor1 and actor2 by vote (named actors before «Unidentified …»), their inter codes and associated actors."""
    rows = [oriented(m, s) for m, s in zip(members, swapped, strict=True)]
    out: list[Choice] = []
    for k in ("1", "2"):
        names = [r[f"actor{k}"] for r in rows]
        choice = _vote(f"actor{k}", names, lambda v: 1 if str(v).startswith("Unidentified") else 0, "also")
        if any(swapped):
            choice = Choice(choice.field, choice.value, choice.reason + "; sides aligned across reports",
                            choice.members)
        out.append(choice)
        inter = next((rows[i][f"inter{k}"] for i in choice.members), None)
        out.append(Choice(f"inter{k}", inter, f"with actor{k}", choice.members[:1]))
        assoc: dict[str, int] = {}
        for i, r in enumerate(rows):
            for a in r[f"assoc_actor_{k}"] or ():
                if a != choice.value:
                    assoc.setdefault(a, i)
        out.append(Choice(f"assoc_actor_{k}", list(assoc), "union over the reports", tuple(sorted(set(
            assoc.values())))))
    return out


def choose_location(members: Sequence[Mapping[str, Any]]) -> Choice:
    """The most precise location; among equally precise ones, the one most reports give."""
    best = min((m.get("geo_precision") or 9) for m in members)
    keys = [(m.get("geonameid") or m.get("location") or m.get("location_ar"))
            if (m.get("geo_precision") or 9) == best else None for m in members]
    vote = _vote("location", keys, what="also")
    pick = vote.members[0] if vote.members else 0
    value = {k: members[pick].get(k) for k in LOCATION_FIELDS}
    reason = f"most precise location (geo precision {best if best < 9 else '?'}), {vote.reason}"
    return Choice("location", value, reason, vote.members or (0,))


def choose_date(members: Sequence[Mapping[str, Any]], relative: Sequence[bool]) -> Choice:
    """The most precise date; then an explicit date over a relative one; then by vote; then the earliest."""
    best = min((m.get("time_precision") or 9) for m in members)
    pool = [k for k, m in enumerate(members) if (m.get("time_precision") or 9) == best and m.get("event_date")]
    if not pool:
        return Choice("event_date", None, "no report gives a date", ())
    explicit = [k for k in pool if not relative[k]] or pool
    dates = [members[k].get("event_date") if k in explicit else None for k in range(len(members))]
    vote = _vote("event_date", dates, lambda v: str(v), "also")
    support = tuple(k for k in pool if members[k].get("event_date") == vote.value)
    reason = f"most precise date (time precision {best}), {_count(len(support), len(members))}"
    others = Counter(members[k].get("event_date") for k in pool if k not in support)
    if others:
        reason += " (also: " + ", ".join(f"{v} ×{n}" for v, n in others.items()) + ")"
    if len(explicit) < len(pool):
        reason += "; an explicit date preferred to one read from a relative word"
    return Choice("event_date", vote.value, reason, support)


def source_key(member: Mapping[str, Any]) -> str | None:
    """Who stands behind a report's figures: its first claim source, else its outlet; None when nobody."""
    src = str(member.get("source") or "")
    return src.split("; ")[0] or None


def choose_fatalities(members: Sequence[Mapping[str, Any]], published: Sequence[dt.date | None]) -> Choice:
    """ACLED's most conservative credible figure over the reports (see the module text for the rule)."""
    numbered = [k for k, m in enumerate(members)
                if (m.get("fatalities") or 0) > 0 and NO_NUMBER not in str(m.get("fatalities_note") or "")]
    if not numbered:
        defaults = [k for k, m in enumerate(members) if (m.get("fatalities") or 0) > 0]
        if not defaults:
            return Choice("fatalities", 0, "no report gives deaths", ())
        k = min(defaults, key=lambda i: (members[i]["fatalities"], i))
        return Choice("fatalities", members[k]["fatalities"],
                      "deaths reported with no number: ACLED's default, the lowest of "
                      f"{_count(len(defaults), len(members))}", (k,))
    notes: list[str] = []
    latest: dict[str, dt.date] = {}
    for k in numbered:
        key, pub = source_key(members[k]), published[k]
        if key is not None and pub is not None and (key not in latest or pub > latest[key]):
            latest[key] = pub
    current = []
    for k in numbered:
        key, pub = source_key(members[k]), published[k]
        if key is not None and pub is not None and pub < latest[key]:
            notes.append(f"{members[k]['fatalities']} from {key} ({pub}) revised by its report of {latest[key]}")
        else:
            current.append(k)
    named = [k for k in current if source_key(members[k]) is not None]
    if named and len(named) < len(current):
        notes.append(f"{len(current) - len(named)} figure(s) with no named source set aside")
    pool = named or current
    k = min(pool, key=lambda i: (members[i]["fatalities"], i))
    figures = ", ".join(f"{members[i]['fatalities']} ({source_key(members[i]) or 'unattributed'})" for i in pool)
    reason = "lowest credible toll" if len(pool) > 1 else "the only credible toll"
    reason += f": {figures}"
    if notes:
        reason += "; " + "; ".join(notes)
    return Choice("fatalities", members[k]["fatalities"], reason, (k,))


def choose_control(members: Sequence[Mapping[str, Any]]) -> Choice:
    """The control change most reports give (as ``{"to": …, "from": …}``)."""
    keys = [tuple(sorted((m.get("control_change") or {}).items())) or None for m in members]
    vote = _vote("control_change", keys, what="also")
    return Choice("control_change", dict(vote.value) if vote.value else None, vote.reason, vote.members)


def union_sources(members: Sequence[Mapping[str, Any]]) -> Choice:
    """Every report's sources, in member order, without repeats."""
    seen: dict[str, int] = {}
    for k, m in enumerate(members):
        for s in str(m.get("source") or "").split("; "):
            if s:
                seen.setdefault(s, k)
    return Choice("source", "; ".join(seen), f"union of {_count(len(members), len(members))}",
                  tuple(range(len(members))))


def choose_all(members: Sequence[Mapping[str, Any]], swapped: Sequence[bool], relative: Sequence[bool],
               published: Sequence[dt.date | None]) -> dict[str, Choice]:
    """Every chosen field of a merged event, keyed by field name."""
    choices = [choose_sub_type(members), *choose_actors(members, swapped), choose_location(members),
               choose_date(members, relative), choose_fatalities(members, published),
               choose_control(members), union_sources(members)]
    return {c.field: c for c in choices}
