"""Across articles: the same event reported by several articles becomes one :class:`MergedEvent`.

``merge_events(records)`` merges a batch of event record dicts (as :func:`rasd.output.records.records` makes
them); :class:`EventMerger` does the same one record at a time for a store.  The pairwise rules are in
:mod:`rasd.dedup.rules`, the choice of each merged field in :mod:`rasd.dedup.consensus`.
"""

from rasd.dedup.consensus import Choice
from rasd.dedup.merger import EventMerger, MergedEvent, merge_events
from rasd.dedup.rules import COMPATIBLE_SUBTYPES, Link, MergeOptions, compare, view

__all__ = ["COMPATIBLE_SUBTYPES", "Choice", "EventMerger", "Link", "MergeOptions", "MergedEvent", "compare",
           "merge_events", "view"]
