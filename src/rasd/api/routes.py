"""The read routes of the API (open to everyone): events, one event, articles, control, exports, the audit log,
health.  The write route and the application factory are in :mod:`rasd.api.app`.
"""

from __future__ import annotations

import datetime as dt
import math
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Annotated, Any, BinaryIO, Literal, cast

import orjson
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response, StreamingResponse

import rasd
from rasd.api.queries import BBox, EventQuery, article_detail, event_detail, event_page, iter_records, review_dict
from rasd.errors import RasdError
from rasd.export import SUFFIXES, ExportOptions, export
from rasd.store import EventFilter, Store

MAX_LIMIT = 1000
MAX_OFFSET = 10**9
MEDIA_TYPES = {"acled-csv": "text/csv; charset=utf-8", "geojson": "application/geo+json",
               "parquet": "application/vnd.apache.parquet", "jsonl": "application/x-ndjson"}
ExportFormat = Literal["acled-csv", "geojson", "parquet", "jsonl"]
Status = Literal["machine", "accepted", "rejected"]
_CHUNK = 64 * 1024

router = APIRouter(prefix="/api")


async def get_store(request: Request) -> Store:
    """The application's store (opened by :func:`rasd.api.app.create_app`).  A coroutine, like
    :func:`event_filters`, because it does no I/O: FastAPI would send a plain function to the thread pool."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


def parse_bbox(text: str | None) -> BBox | None:
    """``minLon,minLat,maxLon,maxLat`` as a :class:`BBox`; RasdError E704 when it is not four numbers in range
    with min ≤ max."""
    if text is None or not text.strip():
        return None
    parts = text.split(",")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise RasdError("E704", value=text, detail="bbox must be four numbers: minLon,minLat,maxLon,maxLat")
    box = BBox(*values)
    if not (-180 <= box.min_lon <= box.max_lon <= 180 and -90 <= box.min_lat <= box.max_lat <= 90):
        raise RasdError("E704", value=text, detail="bbox needs -180 ≤ minLon ≤ maxLon ≤ 180 and "
                                                   "-90 ≤ minLat ≤ maxLat ≤ 90")
    return box


@dataclass(frozen=True)
class Filters:
    """The event filters every listing and export takes."""

    where: EventFilter
    bbox: BBox | None
    q: str | None


async def event_filters(
    date_from: Annotated[dt.date | None, Query(description="events on or after this day (YYYY-MM-DD)")] = None,
    date_to: Annotated[dt.date | None, Query(description="events on or before this day (YYYY-MM-DD)")] = None,
    country: Annotated[str | None, Query(max_length=200, description="ACLED country name, e.g. Syria")] = None,
    admin1: Annotated[str | None, Query(max_length=200, description="first-level division, e.g. Idlib")] = None,
    event_type: Annotated[str | None, Query(max_length=200, description="ACLED event type")] = None,
    sub_event_type: Annotated[str | None, Query(max_length=200, description="ACLED sub-event type")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="actor1, actor2 or an associated actor")] = None,
    status: Annotated[Status | None, Query(description="review status")] = None,
    bbox: Annotated[str | None, Query(max_length=200, description="minLon,minLat,maxLon,maxLat (degrees)",
                                      examples=["35.5,32.0,42.5,37.5"])] = None,
    q: Annotated[str | None, Query(max_length=200,
                                   description="text in location, location_ar, notes or the actors")] = None,
) -> Filters:
    """The filters of a request (dates and status are checked by FastAPI, the box here)."""
    if date_from and date_to and date_from > date_to:
        raise RasdError("E704", value=f"{date_from}..{date_to}", detail="date_from is after date_to")
    where = EventFilter(date_from=date_from, date_to=date_to, country=country, admin1=admin1,
                        event_type=event_type, sub_event_type=sub_event_type, actor=actor, status=status)
    return Filters(where, parse_bbox(bbox), q or None)


FiltersDep = Annotated[Filters, Depends(event_filters)]


@router.get("/health", tags=["meta"], summary="Is the API up, and is its database reachable")
def health(store: StoreDep, request: Request) -> dict[str, Any]:
    """``status`` ok, the rasd version, the store's row counts, and the response cache's entries, bytes, hits
    and misses in this process (None without a cache; :mod:`rasd.api.cache`)."""
    cache = getattr(request.app.state, "cache", None)
    return {"status": "ok", "version": rasd.__version__, "counts": store.counts(),
            "cache": cache.stats() if cache is not None else None}


def json_response(data: Any) -> Response:
    """``data`` as a JSON answer, encoded by orjson.  For the big listings: FastAPI's own path (checking the
    value against the return type, then encoding) took a sixth of the time of a page of 100 events."""
    return Response(orjson.dumps(data), media_type="application/json")


@router.get("/events", tags=["events"], summary="Events, filtered and paged", response_model=None,
            responses={200: {"description": "{total, limit, offset, items}: the records of the page",
                             "content": {"application/json": {"schema": {"type": "object"}}}}})
def list_events(store: StoreDep, filters: FiltersDep,
                limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
                offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> Response:
    """The events the filters select, in article and document order: ``{total, limit, offset, items}``."""
    total, items = event_page(store, EventQuery(filters.where, filters.bbox, filters.q, limit, offset))
    return json_response({"total": total, "limit": limit, "offset": offset, "items": items})


@router.get("/events/{event_key}", tags=["events"], summary="One event with its sources and review history",
            responses={404: {"description": "no event with this key"}})
def get_event(store: StoreDep, event_key: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    """The event's record, ``sources`` (the articles reporting it), ``evidence``, ``candidates`` and
    ``review`` (its edits, oldest first)."""
    found = event_detail(store, event_key)
    if found is None:
        raise HTTPException(404, f"no event with key {event_key!r}")
    return found


@router.get("/articles/{article_id}", tags=["articles"], summary="An article's text and the spans to highlight",
            responses={404: {"description": "no article with this id"}})
def get_article(store: StoreDep, article_id: Annotated[int, Path(ge=1, le=2**62)]) -> dict[str, Any]:
    """The verbatim text (not escaped: the client escapes it), its events, and ``spans``: every event's evidence
    as ``{event_key, field, start, end, text}`` with ``text == article.text[start:end]``."""
    found = article_detail(store, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return found


@router.get("/control", tags=["control"], summary="Who holds which place on a day")
def get_control(store: StoreDep, at: Annotated[dt.date, Query(description="the day (YYYY-MM-DD)")],
                place: Annotated[str | None, Query(max_length=200, description="only this place")] = None,
                ) -> dict[str, Any]:
    """Holdings from the stored (not rejected) events merged across articles (:mod:`rasd.dedup`) then
    :func:`rasd.control.control_at`; contradictory claims are flagged ``contested`` with ``reasons``."""
    from rasd.control import build_timeline, control_at
    from rasd.dedup import merge_events

    merged = [m.record() for m in merge_events(list(store.iter_events(status=("machine", "accepted"))))]
    timeline = build_timeline(merged)
    holdings = control_at(timeline, at)
    keys = set(timeline.find(place)) if place else None
    items = [h.as_dict() for k, h in sorted(holdings.items()) if keys is None or k in keys]
    return {"at": at.isoformat(), "total": len(items), "contested": sum(1 for h in items if h["contested"]),
            "holdings": items}


def _chunks(fh: IO[bytes]) -> Iterator[bytes]:
    try:
        while chunk := fh.read(_CHUNK):
            yield chunk
    finally:
        fh.close()


@router.get("/export", tags=["export"], summary="The filtered events as a file",
            response_class=StreamingResponse,
            responses={200: {"content": {m.split(";")[0]: {} for m in MEDIA_TYPES.values()},
                             "description": "the file"},
                       501: {"description": "the Parquet export needs pyarrow on the server"}})
def get_export(store: StoreDep, filters: FiltersDep,
               format: Annotated[ExportFormat, Query(description="the file format")] = "acled-csv",
               ) -> StreamingResponse:
    """The events the filters select in ``format``: ACLED CSV, GeoJSON, Parquet or JSON Lines.  The file is
    written to a temporary file (in memory up to 8 MB) and streamed from there."""
    spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (closed by _chunks)
    try:
        export(iter_records(store, filters.where, filters.bbox, filters.q), ExportOptions(format=format),
               cast(BinaryIO, spool))
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    name = "rasd-events" + SUFFIXES[format]
    return StreamingResponse(_chunks(spool), media_type=MEDIA_TYPES[format],
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/audit", tags=["review"], summary="The review log: who changed what, when")
def get_audit(store: StoreDep,
              event_key: Annotated[str | None, Query(max_length=200, description="only this event")] = None,
              orphaned: Annotated[bool | None, Query(description="true: only edits whose event is gone")] = None,
              limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
              offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> dict[str, Any]:
    """Review edits, oldest first (open to read, like the events they change): ``{total, limit, offset,
    items}``, each with event_key, field, before, after, who, at, note and ``applied``."""
    edits = store.edits(event_key, orphaned)
    return {"total": len(edits), "limit": limit, "offset": offset,
            "items": [review_dict(e) for e in edits[offset:offset + limit]]}
