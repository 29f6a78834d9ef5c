"""rasd (رصد): Arabic conflict news to structured, geolocated ACLED-style events.

>>> import rasd
>>> doc = rasd.extract(text, published="2017-11-12")   # doctest: +SKIP
>>> [(e.sub_event_type, e.location.name_en) for e in doc.events]   # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from rasd.model import Document

__all__ = ["__version__", "extract"]


def extract(text: str, published: dt.date | str | None = None, *, id: str = "<text>",
            title: str | None = None, outlet: str | None = None) -> Document:
    """Extract the events of one Arabic article; see :func:`rasd.pipeline.extract`.

    ``published`` (a date or ``YYYY-MM-DD``) resolves relative dates; without it event dates stay empty and
    their words are kept.  The returned :class:`~rasd.model.Document` holds the events with their evidence.
    """
    from rasd.pipeline import extract as _extract  # imported on first use: lexicons load lazily

    return _extract(text, published, id=id, title=title, outlet=outlet)
