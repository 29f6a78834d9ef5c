"""ACLED's event taxonomy (``data/taxonomy.yaml``): event types, their disorder types and sub-event types.

>>> event_type_of("Air/drone strike")
'Explosions/Remote violence'
>>> disorder_type("Riots", "Civilians (Syria)")
'Political violence; Demonstrations'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from rasd.errors import DataFileError


@dataclass(frozen=True)
class Taxonomy:
    """Event types in ACLED's order, each with its disorder type and sub-event types."""

    disorder: dict[str, str]
    sub_event_types: dict[str, tuple[str, ...]]

    @property
    def parent(self) -> dict[str, str]:
        """Sub-event type → event type."""
        return {sub: et for et, subs in self.sub_event_types.items() for sub in subs}


@cache
def taxonomy() -> Taxonomy:
    """The packaged taxonomy, read once; DataFileError E301 when the file is malformed."""
    path = resources.files("rasd") / "data" / "taxonomy.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        types = data["event_types"]
        disorder = {str(et): str(v["disorder_type"]) for et, v in types.items()}
        subs = {str(et): tuple(str(s) for s in v["sub_event_types"]) for et, v in types.items()}
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise DataFileError("E301", path=str(path), detail=f"not a taxonomy: {exc}") from None
    return Taxonomy(disorder, subs)


def event_type_of(sub_event_type: str) -> str | None:
    """The event type a sub-event type belongs to (None for a name ACLED does not use)."""
    return taxonomy().parent.get(sub_event_type)


def disorder_type(event_type: str, actor2: str | None = None) -> str:
    """ACLED's disorder type of an event: riots against civilians are both political violence and
    demonstrations; '' for an unknown event type."""
    if event_type == "Riots" and actor2 and actor2.startswith("Civilians"):
        return "Political violence; Demonstrations"
    return taxonomy().disorder.get(event_type, "")
