"""The API's reads of the store that :class:`rasd.store.Store` has no method for: a page of events with a
bounding box and a text search and its total, one event by key with its sources, an article with the evidence
spans of its events.

The filters of :class:`rasd.store.EventFilter` are applied by :func:`rasd.store.query.conditions`, so the API
selects exactly what ``Store.events`` would; ``bbox`` and ``q`` add conditions on the ``events`` columns.
Records are built as the store builds them (:func:`rasd.store.query.value_records`: the record of
:func:`rasd.store.rows.record_of` plus ``event_key``, ``status``, ``article_id``, ``run_id`` and ``edited``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, String, cast, func, or_, select
from sqlalchemy.orm import Session

from rasd.store import EventFilter, Store
from rasd.store.query import condition_pages, conditions, page_query, read_values, row_records, value_records
from rasd.store.schema import ArticleRow, EventRow, EventSourceRow

# Columns the text search ``q`` looks in.
SEARCH_COLUMNS = ("location", "location_ar", "notes", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


@dataclass(frozen=True)
class BBox:
    """A bounding box in degrees: west, south, east, north (``minLon,minLat,maxLon,maxLat``)."""

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


@dataclass(frozen=True)
class EventQuery:
    """What ``GET /api/events`` asks for: the store's filter, a box, a text, and the page."""

    where: EventFilter
    bbox: BBox | None = None
    q: str | None = None
    limit: int = 100
    offset: int = 0


def _like(value: str) -> str:
    """A LIKE pattern finding ``value`` anywhere, its wildcards escaped (escape character ``\\``)."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def extra_conditions(bbox: BBox | None, q: str | None) -> list[ColumnElement[bool]]:
    """The SQL conditions of a bounding box (events without coordinates are left out) and of a text search
    (case-insensitive substring of any of :data:`SEARCH_COLUMNS`)."""
    out: list[ColumnElement[bool]] = []
    if bbox is not None:
        out += [EventRow.longitude >= bbox.min_lon, EventRow.longitude <= bbox.max_lon,
                EventRow.latitude >= bbox.min_lat, EventRow.latitude <= bbox.max_lat]
    if q:
        pattern = _like(q)
        out.append(or_(*(func.lower(cast(getattr(EventRow, c), String)).like(pattern, escape="\\")
                         for c in SEARCH_COLUMNS)))
    return out


def event_page(store: Store, query: EventQuery) -> tuple[int, list[dict[str, Any]]]:
    """The total number of events the query selects and the records of its page, in article and document
    order.  Raises ``StoreError`` E514 for an unknown status."""
    where = [*conditions(query.where), *extra_conditions(query.bbox, query.q)]
    with Session(store.engine) as s:
        total = s.scalar(select(func.count()).select_from(EventRow).where(*where)) or 0
        values = read_values(s, page_query(where, query.limit, query.offset))
        return total, value_records(s, values)


def event_detail(store: Store, event_key: str) -> dict[str, Any] | None:
    """One event's record with its ``sources`` (every article reporting it: id, external id, URL, outlet,
    publication date, the trigger span and claim source, ``near_copy`` for linked near-copies) and
    ``review`` (its review history, oldest first); None for an unknown key."""
    with Session(store.engine) as s:
        row = s.scalars(select(EventRow).where(EventRow.event_key == event_key)).first()
        if row is None:
            return None
        rec = row_records(s, [row])[0]
        found = s.execute(select(EventSourceRow, ArticleRow)
                          .join(ArticleRow, ArticleRow.id == EventSourceRow.article_id)
                          .where(EventSourceRow.event_id == row.id).order_by(EventSourceRow.id)).all()
        sources = [{"article_id": a.id, "external_id": a.external_id, "url": a.url, "outlet": a.outlet,
                    "published": a.published.isoformat() if a.published else None,
                    "near_copy": a.near_copy_of is not None, "start": src.start, "end": src.end,
                    "text": src.text, "claim_source": src.claim_source}
                   for src, a in found]
        if not any(src["article_id"] == row.article_id for src in sources):
            article = s.get(ArticleRow, row.article_id)
            if article is not None:
                sources.insert(0, {"article_id": article.id, "external_id": article.external_id,
                                   "url": article.url, "outlet": article.outlet,
                                   "published": article.published.isoformat() if article.published else None,
                                   "near_copy": False, "start": None, "end": None, "text": None,
                                   "claim_source": rec.get("claim_source")})
    rec["sources"] = sources
    rec["review"] = [review_dict(e) for e in store.edits(event_key)]
    return rec


def review_dict(edit: Any) -> dict[str, Any]:
    """A :class:`rasd.store.ReviewEdit` as JSON data."""
    return {"id": edit.id, "event_key": edit.event_key, "field": edit.field, "before": edit.before,
            "after": edit.after, "who": edit.who, "at": edit.at.isoformat(), "note": edit.note,
            "applied": edit.applied}


def article_detail(store: Store, article_id: int) -> dict[str, Any] | None:
    """An article's text and metadata with ``spans``: the evidence of every event extracted from it (event
    key, field, start, end, text; offsets into ``text``), ordered by position; None for an unknown id.
    Nothing is escaped: the client escapes the text it shows."""
    with Session(store.engine) as s:
        article = s.get(ArticleRow, article_id)
        if article is None:
            return None
        rows = s.scalars(select(EventRow).where(EventRow.article_id == article_id).order_by(EventRow.seq)).all()
        events = [{"event_key": r.event_key, "event_type": r.event_type, "sub_event_type": r.sub_event_type,
                   "status": r.status} for r in rows]
        spans = [{"event_key": r.event_key, "field": e.get("field"), "start": e.get("start"), "end": e.get("end"),
                  "text": e.get("text")}
                 for r in rows for e in (r.evidence or ()) if isinstance(e, dict)]
        out = {"article_id": article.id, "external_id": article.external_id, "url": article.url,
               "outlet": article.outlet, "title_end": article.title_end,
               "published": article.published.isoformat() if article.published else None,
               "near_copy_of": article.near_copy_of, "text": article.text}
    spans.sort(key=lambda sp: (sp["start"] if isinstance(sp["start"], int) else -1, str(sp["field"])))
    out["events"] = events
    out["spans"] = spans
    return out


def iter_records(store: Store, where: EventFilter, bbox: BBox | None = None, q: str | None = None,
                 batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every record the filters select, read ``batch`` at a time (each page in its own short session), in
    article and document order: what an export writes."""
    return condition_pages(lambda: Session(store.engine), [*conditions(where), *extra_conditions(bbox, q)], batch)
