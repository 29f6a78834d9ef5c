"""Shared helpers for the sentence-level behaviour tests (test_sentences*.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from rasd.model import Document, Event

# every ACLED sub-event type and its event type
TYPE_OF = {
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Chemical weapon": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Sexual violence": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Arrests": "Strategic developments",
    "Agreement": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}


def case(id: str, *values: Any, bug: str | None = None) -> Any:
    """One parameter set; ``bug`` marks it a strict xfail and says what rasd does instead."""
    marks = [pytest.mark.xfail(reason=bug, strict=True)] if bug else []
    return pytest.param(*values, id=id, marks=marks)


def summary(doc: Document) -> str:
    """The events of a document, one line each, for assertion messages."""
    rows = [f"{e.sub_event_type} | a1={e.actor1} assoc={e.assoc_actor_1} a2={e.actor2} | {e.location.name_ar} "
            f"p{e.location.geo_precision} {e.location.place and (e.location.place.country, e.location.place.admin1)}"
            f" | {e.date.date} tp{e.date.time_precision} | fat={e.fatalities}"
            for e in doc.events]
    return "\n".join(rows) or "(no events)"


def bare(name: str | None) -> str | None:
    """Scorers ignore a trailing parenthesis: "Islamic State (Libya)" compares equal to "Islamic State"."""
    return re.sub(r"\s*\([^()]*\)$", "", name) if name else name


def is_actor(actual: str | None, expected: str | tuple[str, ...]) -> bool:
    """Does ``actual`` match one of the expected names (exactly when the name has a parenthesis)?"""
    options = expected if isinstance(expected, tuple) else (expected,)
    return any(actual == o if "(" in o else bare(actual) == o for o in options)


def only(doc: Document) -> Event:
    assert len(doc.events) == 1, summary(doc)
    return doc.events[0]


def check_type(ev: Event, sub: str) -> None:
    assert (ev.event_type, ev.sub_event_type) == (TYPE_OF[sub], sub)


def check_actors(doc: Document, want: dict[str, Any]) -> None:
    """One event whose sub-type and actors are as ``want`` says (keys: sub, actor1, actor2, assoc_actor_1,
    sides — the two actors in either order — and not_actor1)."""
    ev = only(doc)
    if "sub" in want:
        check_type(ev, want["sub"])
    if "actor1" in want:
        assert is_actor(ev.actor1, want["actor1"]), summary(doc)
    if "actor2" in want:
        assert is_actor(ev.actor2, want["actor2"]), summary(doc)
    if "assoc_actor_1" in want:
        assert set(ev.assoc_actor_1) >= want["assoc_actor_1"], summary(doc)
    if "sides" in want:
        assert {bare(ev.actor1), bare(ev.actor2)} == want["sides"], summary(doc)
    if "not_actor1" in want:
        assert ev.actor1 != want["not_actor1"], summary(doc)
