"""Writes through the API: reviewers accept, reject or edit events, each change kept in the store's audit log
(``review_edits``: who, when, the value before and after, a note).

Values are checked here before the store sees them, more strictly than :func:`rasd.store.rows.to_column`, so
that an edit can never leave a record the exports, merges or control timelines cannot read: text fields take
text, numbers must be in range (precisions 1-3, latitude ±90, longitude ±180, counts ≥ 0), associated actors
are a list of names, ``control_change`` (what the control timeline reads) is ``{"from": actor, "to": actor}``
with either key optional.  Types follow ACLED's taxonomy (:mod:`rasd.taxonomy`): a sub-event type must be one of
the 25 and brings its event type and disorder type with it (each change its own audit entry); an event type
alone is accepted only when the event's sub-event type belongs to it.  A value that fails raises
:class:`rasd.errors.RasdError` E705 (HTTP 422).
"""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import BaseModel, Field

from rasd.api.queries import event_detail
from rasd.errors import RasdError, StoreError
from rasd.store import ReviewEdit, Store
from rasd.store.rows import EDITABLE, to_column
from rasd.store.schema import EventRow
from rasd.taxonomy import disorder_type, event_type_of, taxonomy

API_EDITABLE = tuple(sorted(EDITABLE))  # every field the store lets a reviewer change
CONTROL_KEYS = ("from", "to")
LIST_FIELDS = frozenset({"assoc_actor_1", "assoc_actor_2"})
# (lowest, highest) of the whole-number fields; others: 0 .. 2**31 - 1.
INT_RANGES = {"year": (1, 9999), "time_precision": (1, 3), "geo_precision": (1, 3), "timestamp": (0, 2**53)}
FLOAT_RANGES = {"latitude": (-90.0, 90.0), "longitude": (-180.0, 180.0)}
MAX_TEXT = 10_000


class ReviewRequest(BaseModel):
    """A reviewer's decision on an event: accept it, reject it, or change one field to ``value``."""

    action: Literal["accept", "reject", "edit"] = Field(description="accept | reject | edit")
    field: str | None = Field(default=None, max_length=64,
                              description="the field to change (edit only); one of " + ", ".join(API_EDITABLE))
    value: Any = Field(default=None, description="the new value (edit only); null clears the field")
    note: str | None = Field(default=None, max_length=2000, description="why (kept in the audit log)")


def field_kind(field: str) -> str:
    """What a field holds: ``str``, ``int``, ``float``, ``date``, ``list`` (of names), ``control`` (from/to
    actors) or ``object``."""
    if field == "control_change":
        return "control"
    if field in LIST_FIELDS:
        return "list"
    try:
        return str(EventRow.__table__.columns[field].type.python_type.__name__)
    except (KeyError, NotImplementedError):
        return "object"


def _bad(field: str, value: Any, detail: str) -> RasdError:
    shown = value if not isinstance(value, str) or len(value) <= 80 else value[:80] + "…"
    return RasdError("E705", value=shown, detail=f"not a valid {field}: {detail}")


def checked_value(field: str, value: Any) -> Any:
    """``value`` as the store will keep it for ``field``; RasdError E705 (or StoreError E514) when it is not
    acceptable."""
    if field not in EDITABLE:
        raise RasdError("E705", value=field, detail="not a field a reviewer can edit; one of "
                        + ", ".join(API_EDITABLE))
    if value is None:
        return None
    kind = field_kind(field)
    if kind == "str":
        if not isinstance(value, str):
            raise _bad(field, value, "expected text")
        if len(value) > MAX_TEXT:
            raise _bad(field, value, f"longer than {MAX_TEXT} characters")
        return value
    if kind == "control":
        if not isinstance(value, dict) or not value or set(value) - set(CONTROL_KEYS) or \
                not all(isinstance(v, str) and 0 < len(v) <= 500 for v in value.values()):
            raise _bad(field, value, 'expected {"from": actor, "to": actor} (either may be left out)')
        return {k: value[k] for k in CONTROL_KEYS if k in value}
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) and len(v) <= 500 for v in value) \
                or len(value) > 50:
            raise _bad(field, value, "expected a list of names")
        return value
    if isinstance(value, bool | list | dict):
        raise _bad(field, value, f"expected a {kind}")
    converted = to_column(field, value)  # StoreError E514 when it is not a number or date
    if kind == "int":
        low, high = INT_RANGES.get(field, (0, 2**31 - 1))
        if not low <= converted <= high:
            raise _bad(field, value, f"expected a whole number from {low} to {high}")
    elif kind == "float":
        low_f, high_f = FLOAT_RANGES.get(field, (-math.inf, math.inf))
        if not math.isfinite(converted) or not low_f <= converted <= high_f:
            raise _bad(field, value, f"expected a number from {low_f} to {high_f}")
    return converted.isoformat() if kind == "date" else converted


def apply_review(store: Store, event_key: str, request: ReviewRequest, who: str) -> ReviewEdit:
    """Carry out a review request under the name ``who``; returns the audit log entry.  StoreError E515 for an
    unknown event, E705/E514 for a bad field or value."""
    if request.action == "accept":
        return store.accept(event_key, who, request.note)
    if request.action == "reject":
        return store.reject(event_key, who, request.note)
    if not request.field:
        raise RasdError("E705", value=None, detail="an edit needs a field (and a value)")
    if request.field == "status":
        if request.value not in ("machine", "accepted", "rejected"):
            raise _bad("status", request.value, "one of machine, accepted, rejected")
        return store.edit(event_key, "status", request.value, who, request.note)
    if request.field in ("event_type", "sub_event_type", "disorder_type"):
        return _edit_type(store, event_key, request, who)
    return store.edit(event_key, request.field, checked_value(request.field, request.value), who, request.note)


def _edit_type(store: Store, event_key: str, request: ReviewRequest, who: str) -> ReviewEdit:
    """Type edits keep the record inside ACLED's taxonomy: a new sub-event type also sets the event type and the
    disorder type (as separate audit entries, so each can be seen and undone); an event type or disorder type
    that contradicts the sub-event type is refused."""
    tax = taxonomy()
    current = event_detail(store, event_key)
    if current is None:
        raise StoreError("E515", value=event_key)
    field, value = request.field or "", request.value
    if field == "sub_event_type":
        parent = event_type_of(value) if isinstance(value, str) else None
        if parent is None:
            raise _bad(field, value, "one of ACLED's sub-event types: " + ", ".join(tax.parent))
        edit = store.edit(event_key, field, value, who, request.note)
        follow = f"follows the sub-event type {value!r}"
        if current.get("event_type") != parent:
            store.edit(event_key, "event_type", parent, who, follow)
        disorder = disorder_type(parent, current.get("actor2"))
        if current.get("disorder_type") != disorder:
            store.edit(event_key, "disorder_type", disorder, who, follow)
        return edit
    if field == "event_type":
        if value not in tax.sub_event_types:
            raise _bad(field, value, "one of ACLED's event types: " + ", ".join(tax.sub_event_types))
        if event_type_of(str(current.get("sub_event_type"))) != value:
            raise _bad(field, value, f"the sub-event type {current.get('sub_event_type')!r} is not of this type; "
                                     "change the sub-event type instead (it sets the event type)")
        return store.edit(event_key, field, value, who, request.note)
    allowed = {disorder_type(str(current.get("event_type")), current.get("actor2")),
               tax.disorder.get(str(current.get("event_type")), "")}
    if value not in allowed:
        raise _bad(field, value, "follows the event type: " + " or ".join(sorted(a for a in allowed if a)))
    return store.edit(event_key, field, value, who, request.note)
