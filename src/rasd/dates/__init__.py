"""Date expressions in Arabic news, resolved to ACLED event dates (``event_date``, ``time_precision``)."""

from rasd.dates.resolve import KINDS, DateMention, default_date, find_dates, resolve

__all__ = ["KINDS", "DateMention", "default_date", "find_dates", "resolve"]
