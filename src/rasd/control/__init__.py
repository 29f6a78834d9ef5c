"""Territorial control: per-place timelines of captures, withdrawals and handovers, and who held what when.

``build_timeline(records)`` reads the control changes of event records (best after :func:`rasd.dedup.merge_events`:
``[m.record() for m in merged]``); ``control_at(timeline, date)`` gives a :class:`Holding` per place.
Contradictory claims are kept and flagged (``ControlChange.conflicts``, ``Holding.contested``), never resolved.
"""

from rasd.control.changes import ControlChange, ControlEvidence, PlaceRef, change_of, is_control_record
from rasd.control.timeline import DEFAULT_WINDOW_DAYS, Holding, Timeline, build_timeline, control_at, holding_at

__all__ = ["DEFAULT_WINDOW_DAYS", "ControlChange", "ControlEvidence", "Holding", "PlaceRef", "Timeline",
           "build_timeline", "change_of", "control_at", "holding_at", "is_control_record"]
