"""Reads shaped for the web page: every selected event as a light map point, events per day and type for the
timeline, the values the filter menus offer, and the fields a reviewer can edit.

A map wants all the events a filter selects at once, but only a dozen columns of each: ``/api/points`` reads
those columns (no JSON columns are decoded) for up to :data:`MAX_POINTS` events, and ``/api/timeline`` lets
the database count per day and type.  Both take the same filters as ``/api/events``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rasd.api.queries import extra_conditions
from rasd.api.review import API_EDITABLE, field_kind
from rasd.api.routes import FiltersDep, StoreDep, json_response
from rasd.store.query import conditions
from rasd.store.schema import EventRow
from rasd.taxonomy import taxonomy

MAX_POINTS = 50_000
# The columns of a map point, in the order of each item's list (``fields`` in the answer says so too).
POINT_COLUMNS = ("event_key", "latitude", "longitude", "event_date", "event_type", "sub_event_type",
                 "fatalities", "location", "location_ar", "actor1", "actor2", "status", "geo_precision",
                 "article_id")

router = APIRouter(prefix="/api")


@router.get("/points", tags=["events"], summary="Every selected event as a map point (light columns)",
            response_model=None, responses={200: {"description": "{total, unplaced, truncated, fields, items}",
                                                  "content": {"application/json": {"schema": {"type": "object"}}}}})
def get_points(store: StoreDep, filters: FiltersDep,
               limit: Annotated[int, Query(ge=1, le=MAX_POINTS)] = MAX_POINTS) -> Response:
    """``{total, truncated, fields, items}``: each item is a list of the values of ``fields`` (event key,
    coordinates, date, types, fatalities, place names, actors, status, precision, article id).  Events
    without coordinates are counted in ``total`` but not listed (``unplaced`` says how many)."""
    where = [*conditions(filters.where), *extra_conditions(filters.bbox, filters.q)]
    cols = [getattr(EventRow, c) for c in POINT_COLUMNS]
    with Session(store.engine) as s:
        total = s.scalar(select(func.count()).select_from(EventRow).where(*where)) or 0
        placed = [*where, EventRow.latitude.is_not(None), EventRow.longitude.is_not(None)]
        rows = s.execute(select(*cols).where(*placed).order_by(EventRow.event_date, EventRow.id)
                         .limit(limit + 1)).all()
        n_placed = s.scalar(select(func.count()).select_from(EventRow).where(*placed)) or 0
    items = [[r[0], r[1], r[2], r[3].isoformat() if r[3] else None, *r[4:]] for r in rows[:limit]]
    return json_response({"total": total, "unplaced": total - n_placed, "truncated": len(rows) > limit,
                          "fields": list(POINT_COLUMNS), "items": items})


@router.get("/timeline", tags=["events"], summary="Selected events per day and event type")
def get_timeline(store: StoreDep, filters: FiltersDep) -> dict[str, Any]:
    """``{total, undated, days}``: ``days`` lists ``{date, event_type, events, fatalities}`` in date order;
    events without a date are counted in ``undated``."""
    where = [*conditions(filters.where), *extra_conditions(filters.bbox, filters.q)]
    with Session(store.engine) as s:
        rows = s.execute(select(EventRow.event_date, EventRow.event_type, func.count(),
                                func.coalesce(func.sum(EventRow.fatalities), 0))
                         .where(*where).group_by(EventRow.event_date, EventRow.event_type)
                         .order_by(EventRow.event_date, EventRow.event_type)).all()
    days = [{"date": d.isoformat(), "event_type": t, "events": int(n), "fatalities": int(f or 0)}
            for d, t, n, f in rows if d is not None]
    undated = sum(int(n) for d, _, n, _ in rows if d is None)
    return {"total": sum(int(r[2]) for r in rows), "undated": undated, "days": days}


@router.get("/facets", tags=["meta"], summary="What the filters can choose from, and what a reviewer can edit")
def get_facets(store: StoreDep) -> dict[str, Any]:
    """Countries and first-level divisions with their event counts (most events first), ACLED's event types with
    their sub-types and event counts, the first and last event day, and ``editable``: each field a reviewer can
    change with its kind (str, int, float, date, list, control)."""
    with Session(store.engine) as s:
        countries = s.execute(select(EventRow.country, func.count()).where(EventRow.country.is_not(None))
                              .group_by(EventRow.country).order_by(func.count().desc(), EventRow.country)).all()
        admin1 = s.execute(select(EventRow.country, EventRow.admin1, func.count())
                           .where(EventRow.admin1.is_not(None)).group_by(EventRow.country, EventRow.admin1)
                           .order_by(func.count().desc(), EventRow.admin1)).all()
        types = s.execute(select(EventRow.event_type, EventRow.sub_event_type, func.count())
                          .group_by(EventRow.event_type, EventRow.sub_event_type)).all()
        first, last = s.execute(select(func.min(EventRow.event_date), func.max(EventRow.event_date))).one()
    # every type and sub-type of ACLED's taxonomy in the codebook's order (with 0 events where none are
    # stored), then any other stored name
    sub_types: dict[str, dict[str, int]] = {et: dict.fromkeys(subs, 0)
                                            for et, subs in taxonomy().sub_event_types.items()}
    for t, sub, n in types:
        sub_types.setdefault(t, {})[sub] = int(n)
    return {"countries": [{"name": c, "events": int(n)} for c, n in countries],
            "admin1": [{"country": c, "name": a, "events": int(n)} for c, a, n in admin1],
            "event_types": [{"name": t, "sub_event_types": [{"name": k, "events": v} for k, v in subs.items()]}
                            for t, subs in sub_types.items()],
            "first_date": first.isoformat() if first else None, "last_date": last.isoformat() if last else None,
            "editable": {f: field_kind(f) for f in API_EDITABLE}}
