"""rasd.taxonomy: ACLED's 6 event types and 25 sub-event types, read from data/taxonomy.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.taxonomy import disorder_type, event_type_of, taxonomy

NOTES = Path(__file__).resolve().parents[2] / "shared" / "ACLED-NOTES.md"


def test_six_types_twenty_five_sub_types() -> None:
    tax = taxonomy()
    assert len(tax.sub_event_types) == 6
    assert sum(len(s) for s in tax.sub_event_types.values()) == 25 == len(tax.parent)


@pytest.mark.skipif(not NOTES.is_file(), reason="needs ../shared")
def test_matches_the_coding_notes_table() -> None:
    rows = [line.split("|")[1:3] for line in NOTES.read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and not line.startswith(("| event_type", "|---"))][:25]
    assert {(s.strip(), e.strip()) for e, s in rows} == set(taxonomy().parent.items())


@pytest.mark.parametrize(("sub", "parent"), [("Air/drone strike", "Explosions/Remote violence"),
                                             ("Armed clash", "Battles"), ("Other", "Strategic developments"),
                                             ("Mob violence", "Riots"), ("air/drone strike", None), ("", None)])
def test_event_type_of(sub: str, parent: str | None) -> None:
    assert event_type_of(sub) == parent


@pytest.mark.parametrize(("event_type", "actor2", "expected"), [
    ("Battles", None, "Political violence"), ("Protests", None, "Demonstrations"),
    ("Riots", "Civilians (Syria)", "Political violence; Demonstrations"), ("Riots", "Police Forces", "Demonstrations"),
    ("Strategic developments", None, "Strategic developments"), ("Nonsense", None, "")])
def test_disorder_type(event_type: str, actor2: str | None, expected: str) -> None:
    assert disorder_type(event_type, actor2) == expected
