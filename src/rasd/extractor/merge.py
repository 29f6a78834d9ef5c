"""One event per location, day, type and actors: restatements within an article become one event.

A headline and its body, or a lead and a later paragraph, often report the same event.  Two events merge when
they share the sub-event type, the place (same name and coordinates), dates that do not contradict (one undated
is compatible) and an actor1 that does not contradict (one empty is compatible).  The merged event keeps the
fullest fields, the largest reported toll (a restatement usually drops the toll rather than lowering it), and
every evidence span.  Events marked weak (a capture with no actor, say) survive only by merging into a stronger
report."""

from __future__ import annotations

from dataclasses import replace

from rasd.model import Event
from rasd.text.normalize import normalize_key, strip_article


def _place_key(ev: Event) -> tuple[str, float | None, float | None]:
    name = strip_article(normalize_key(ev.location.name_ar or ev.location.name_en or ""))
    return name, ev.location.lat, ev.location.lon


def _same_place(a: Event, b: Event) -> bool:
    ka, kb = _place_key(a), _place_key(b)
    return bool(ka[0]) and ka[0] == kb[0] and ka[1:] == kb[1:]


def _compatible(x: str | None, y: str | None) -> bool:
    return not x or not y or x == y


def _dates_ok(a: Event, b: Event) -> bool:
    """Dates that do not contradict: equal, or either unknown (undated, or unresolved without a publication
    date: «أمس» and «فجر أمس» may be the same day)."""
    if not a.date.expression or not b.date.expression or a.date.date is None or b.date.date is None:
        return True
    return a.date.date == b.date.date


def same_event(a: Event, b: Event) -> bool:
    """Could ``a`` and ``b`` be two reports of one event?"""
    # actor2 is not compared: restatements name the side hit differently («المدنيين», «الأهالي», the town)
    return (a.sub_event_type == b.sub_event_type and _same_place(a, b) and _dates_ok(a, b)
            and _compatible(a.actor1, b.actor1))


def combine(a: Event, b: Event) -> Event:
    """Merge ``b`` into ``a``: ``a``'s fields win where both have one, except the toll and the date."""
    date = a.date if a.date.expression else (b.date if b.date.expression else a.date)
    fatalities, note = a.fatalities, a.fatalities_note
    a_default = bool(a.fatalities_note and a.fatalities_note.startswith(_DEFAULT_NOTE))
    b_default = bool(b.fatalities_note and b.fatalities_note.startswith(_DEFAULT_NOTE))
    if (b.fatalities > a.fatalities and not (b_default and a.fatalities)) or (a_default and b.fatalities
                                                                              and not b_default):
        # the largest reported toll, but a number the text gives beats ACLED's default for "deaths, no number"
        fatalities, note = b.fatalities, b.fatalities_note
    ev = {(e.field, e.start, e.end): e for e in (*a.evidence, *b.evidence)}
    return replace(
        a,
        actor1=a.actor1 or b.actor1, inter1=a.inter1 if a.actor1 else b.inter1,
        assoc_actor_1=tuple(dict.fromkeys(a.assoc_actor_1 + b.assoc_actor_1)),
        actor2=a.actor2 or b.actor2, inter2=a.inter2 if a.actor2 else b.inter2,
        assoc_actor_2=tuple(dict.fromkeys(a.assoc_actor_2 + b.assoc_actor_2)),
        date=date, fatalities=fatalities, fatalities_note=note,
        claim_sources=tuple(dict.fromkeys(a.claim_sources + b.claim_sources)),
        claim_source_text=a.claim_source_text or b.claim_source_text,
        evidence=tuple(sorted(ev.values(), key=lambda e: e.start)),
        control_change=a.control_change or b.control_change,
        location=a.location if a.location.geo_precision <= b.location.geo_precision else b.location,
    )


def _rank(ev: Event, weak: bool) -> tuple[int, int, int]:
    """Which report leads a merge: a strong body report with the most fields."""
    filled = sum(1 for v in (ev.actor1, ev.actor2, ev.date.expression, ev.claim_sources) if v)
    return (0 if weak else 1, 1 if ev.zone == "body" else 0, filled)


_DEFAULT_NOTE = "deaths reported with no number"
_SOFT_ZONES = ("headline", "subheadline", "caption")
# A headline often names the region of an event the body places exactly («غارات على ريف إدلب» over a body
# report from معرة النعمان): it restates that event when the two places are this close.
HEADLINE_RADIUS_KM = 60.0


def _near(a: Event, b: Event) -> bool:
    pa, pb = a.location.place, b.location.place
    if pa is None or pb is None:
        return False
    if pa.admin1 and pa.admin1 == pb.admin1 and a.location.geo_precision > 1:
        return True
    from rasd.geo.resolve import km  # local import: geo depends on extract for PlacePhrase

    return km(pa, pb) <= HEADLINE_RADIUS_KM


def _fold_headlines(events: list[Event], weak: list[bool]) -> tuple[list[Event], list[bool]]:
    """Fold headline and caption events into the body event they summarise; keep the rest if placed exactly."""
    body = [k for k, e in enumerate(events) if e.zone not in _SOFT_ZONES]
    out_e = [events[k] for k in body]
    out_w = [weak[k] for k in body]
    for k, e in enumerate(events):
        if e.zone not in _SOFT_ZONES:
            continue
        for j, b in enumerate(out_e):
            allied = e.actor1 in b.assoc_actor_1 or b.actor1 in e.assoc_actor_1
            if same_event(b, e) or (b.event_type == e.event_type and (_compatible(b.actor1, e.actor1) or allied)
                                    and _dates_ok(b, e) and (_near(b, e) or 0 < e.fatalities == b.fatalities)):
                # the body's place stands: a headline names a region («اشتباكات في دير الزور») the body places
                out_e[j] = replace(combine(b, e), location=b.location)
                break
        else:
            if e.location.geo_precision == 1 or not body:
                out_e.append(e)
                out_w.append(weak[k])
    return out_e, out_w


def merge_events(events: list[Event]) -> list[Event]:
    """Merge restatements; drop those that found no full report to join.  Order: first report first."""
    weak = [e.restatement for e in events]
    events, weak = _fold_headlines(events, weak)
    order = sorted(range(len(events)), key=lambda i: _rank(events[i], weak[i]), reverse=True)
    groups: list[list[int]] = []
    for i in order:
        for g in groups:
            if same_event(events[g[0]], events[i]):
                g.append(i)
                break
        else:
            groups.append([i])
    out: list[tuple[int, Event]] = []
    for g in groups:
        if all(weak[i] for i in g):
            continue
        ev = events[g[0]]
        for i in g[1:]:
            ev = combine(ev, events[i])
        ev = replace(ev, restatement=False)
        out.append((min(events[i].evidence[0].start if events[i].evidence else 0 for i in g), ev))
    _link_control(out)
    return [ev for _, ev in sorted(out, key=lambda t: t[0])]


def _link_control(out: list[tuple[int, Event]]) -> None:
    """A place captured by two actors changed hands between them: each capture's actor2 is the other."""
    caps = [k for k, (_, ev) in enumerate(out) if ev.control_change and ev.actor1]
    for k in caps:
        ev = out[k][1]
        if ev.actor2:
            continue
        for j in caps:
            other = out[j][1]
            if j != k and _same_place(ev, other) and other.actor1 and other.actor1 != ev.actor1:
                out[k] = (out[k][0], replace(ev, actor2=other.actor1, inter2=other.inter1,
                                             control_change=(("to", ev.actor1 or ""), ("from", other.actor1))))
                break
