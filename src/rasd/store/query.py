"""Reading the store: event filters, event records, counts, and the review edits' bookkeeping.

The functions take an open SQLAlchemy ``Session``; :class:`rasd.store.Store` wraps them in transactions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, exists, func, or_, select, tuple_
from sqlalchemy.orm import Session

from rasd.errors import StoreError
from rasd.store.rows import column_values, dumps, record_of, to_column
from rasd.store.schema import (
    STATUSES,
    ActorRow,
    ArticleRow,
    ControlChangeRow,
    EventRow,
    ExtractionRow,
    MentionRow,
    PlaceRow,
    ReviewEditRow,
    RunRow,
)


@dataclass(frozen=True)
class EventFilter:
    """Which events :meth:`Store.events` returns; every field left None matches everything.

    ``date_from``/``date_to`` bound ``event_date`` (inclusive; events without a date are left out when either
    is set); ``country``, ``admin1``, ``event_type`` and ``sub_event_type`` must equal the record's value;
    ``actor`` matches ``actor1``, ``actor2`` or an associated actor; ``status`` is one status or several.
    """

    date_from: dt.date | str | None = None
    date_to: dt.date | str | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    status: str | tuple[str, ...] | None = None
    doc_id: str | None = None


@dataclass(frozen=True)
class ReviewEdit:
    """A reviewer's change to one field of an event; ``applied`` is False while no event has the key."""

    id: int
    event_key: str
    field: str
    before: Any
    after: Any
    who: str
    at: dt.datetime
    note: str | None
    applied: bool


@dataclass(frozen=True)
class NearCopy:
    """A stored near-copy (``article_id``) of an original (``original_id``), with their estimated Jaccard
    similarity and the copy's external id, URL and outlet."""

    article_id: int
    original_id: int
    score: float
    external_id: str
    url: str | None
    outlet: str | None


# Fields every returned record carries besides the extracted ones.
STORE_KEYS = ("event_key", "status", "article_id", "run_id", "edited")
_EVENTS = EventRow.__table__  # listings select its columns, not ORM objects (see read_values)


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def conditions(where: EventFilter) -> list[ColumnElement[bool]]:
    """The SQL conditions of a filter."""
    out: list[ColumnElement[bool]] = []
    if where.date_from is not None:
        out.append(EventRow.event_date >= to_column("event_date", where.date_from))
    if where.date_to is not None:
        out.append(EventRow.event_date <= to_column("event_date", where.date_to))
    for name in ("country", "admin1", "event_type", "sub_event_type", "doc_id"):
        value = getattr(where, name)
        if value is not None:
            out.append(getattr(EventRow, name) == value)
    if where.actor is not None:
        # the JSON lists hold the name as a JSON string; its text is found in the list's text on both backends
        pattern = "%" + _like_escape(dumps(where.actor)) + "%"
        out.append(or_(EventRow.actor1 == where.actor, EventRow.actor2 == where.actor,
                       cast(EventRow.assoc_actor_1, String).like(pattern, escape="\\"),
                       cast(EventRow.assoc_actor_2, String).like(pattern, escape="\\")))
    if where.status is not None:
        wanted = (where.status,) if isinstance(where.status, str) else tuple(where.status)
        unknown = [s for s in wanted if s not in STATUSES]
        if unknown:
            raise StoreError("E514", value=unknown[0], detail=f"not a status (one of {', '.join(STATUSES)})")
        out.append(EventRow.status.in_(wanted))
    return out


def event_rows(where: EventFilter, limit: int | None = None, offset: int = 0,
               after: tuple[int, int] | None = None) -> Select[Any]:
    """The query of the events a filter selects, in article and document order (``after``: past this
    (article_id, seq) position): every column of each, as plain rows (see :func:`read_values`)."""
    return page_query(conditions(where), limit, offset, after)


def page_query(conds: Sequence[ColumnElement[bool]], limit: int | None = None, offset: int = 0,
               after: tuple[int, int] | None = None) -> Select[Any]:
    """The query of the events meeting ``conds`` (the store's :func:`conditions`, the API's), in article and
    document order -- the order of ``ix_events_article_id_seq`` -- from ``offset`` or past ``after``."""
    query = select(_EVENTS).where(*conds).order_by(_EVENTS.c.article_id, _EVENTS.c.seq)
    if after is not None:
        query = query.where(tuple_(_EVENTS.c.article_id, _EVENTS.c.seq) > tuple_(*after))
    if offset:
        query = query.offset(offset)
    return query.limit(limit) if limit is not None else query


def read_values(session: Session, query: Select[Any]) -> list[dict[str, Any]]:
    """The rows of a query of ``events`` columns (:func:`page_query`) as column name -> value dicts.

    Plain rows (no ORM objects, no identity map) are read about twice as fast as ORM rows; a dict made by
    ``zip`` is several times faster to read by name than the row's own ``_mapping``."""
    result = session.execute(query)
    keys = tuple(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result]


def records(session: Session, where: EventFilter, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Event records (the extractor's fields, reviewed values in place) plus :data:`STORE_KEYS`."""
    return value_records(session, read_values(session, event_rows(where, limit, offset)))


def record_pages(session_factory: Callable[[], Session], where: EventFilter, size: int) -> Iterator[dict[str, Any]]:
    """The records of :func:`records`, read ``size`` at a time, each page in its own short transaction."""
    return condition_pages(session_factory, conditions(where), size)


def condition_pages(session_factory: Callable[[], Session], conds: Sequence[ColumnElement[bool]],
                    size: int) -> Iterator[dict[str, Any]]:
    """The records of the events meeting ``conds`` in article and document order, read ``size`` at a time
    (keyset paging: each page starts past the last one's (article_id, seq), in its own short transaction)."""
    after: tuple[int, int] | None = None
    while True:
        with session_factory() as session:
            values = read_values(session, page_query(conds, size, after=after))
            page = value_records(session, values)
        if not values:
            return
        after = (values[-1]["article_id"], values[-1]["seq"])
        yield from page


def row_records(session: Session, rows: Sequence[EventRow]) -> list[dict[str, Any]]:
    """The records of ``events`` ORM rows, with the store's keys and the fields reviewers edited."""
    return value_records(session, [column_values(row) for row in rows])


def value_records(session: Session, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The records of ``events`` rows given as column name -> value mappings (:func:`read_values`,
    :func:`rasd.store.rows.column_values`), with the store's keys and the fields reviewers edited."""
    edited: dict[str, set[str]] = {}
    for chunk in _chunks([r["event_key"] for r in rows], 500):
        for key, name in session.execute(select(ReviewEditRow.event_key, ReviewEditRow.field)
                                         .where(ReviewEditRow.event_key.in_(chunk))):
            edited.setdefault(key, set()).add(name)
    out = []
    for row in rows:
        rec = record_of(row)
        rec.update(event_key=row["event_key"], status=row["status"], article_id=row["article_id"],
                   run_id=row["run_id"], edited=sorted(edited.get(row["event_key"], ())))
        out.append(rec)
    return out


def near_copies(session: Session, article_id: int | None = None) -> list[NearCopy]:
    """The near-copy links, by copy id: all, or those where ``article_id`` is the copy or the original."""
    query = select(ArticleRow.id, ArticleRow.near_copy_of, ArticleRow.near_copy_score, ArticleRow.external_id,
                   ArticleRow.url, ArticleRow.outlet).where(ArticleRow.near_copy_of.is_not(None))
    if article_id is not None:
        query = query.where(or_(ArticleRow.id == article_id, ArticleRow.near_copy_of == article_id))
    return [NearCopy(copy, original, float(score or 0.0), external_id, url, outlet)
            for copy, original, score, external_id, url, outlet in session.execute(query.order_by(ArticleRow.id))
            if original is not None]


def counts(session: Session) -> dict[str, int]:
    """Rows per table, events per status, near-copies linked (``near_copies``; they are never extracted), and
    the latest run's extracted, failed and pending articles."""
    out: dict[str, int] = {}
    for name, table in (("articles", ArticleRow), ("runs", RunRow), ("events", EventRow), ("mentions", MentionRow),
                        ("places", PlaceRow), ("actors", ActorRow), ("control_changes", ControlChangeRow),
                        ("review_edits", ReviewEditRow)):
        out[name] = session.scalar(select(func.count()).select_from(table)) or 0
    by_status = {k: n for k, n in session.execute(select(EventRow.status, func.count()).group_by(EventRow.status))}
    out.update({status: by_status.get(status, 0) for status in STATUSES})
    latest = session.scalar(select(func.max(RunRow.id)))
    done = {k: n for k, n in session.execute(select(ExtractionRow.status, func.count())
                                             .where(ExtractionRow.run_id == latest).group_by(ExtractionRow.status))}
    out["extracted"] = done.get("done", 0)
    out["failed"] = done.get("failed", 0)
    out["near_copies"] = session.scalar(select(func.count()).select_from(ArticleRow)
                                        .where(ArticleRow.near_copy_of.is_not(None))) or 0
    done_in_latest = exists().where(ExtractionRow.run_id == latest, ExtractionRow.article_id == ArticleRow.id)
    out["pending"] = session.scalar(select(func.count()).select_from(ArticleRow)
                                    .where(ArticleRow.near_copy_of.is_(None), ~done_in_latest)) or 0
    return out


def apply_edits(session: Session, events: Sequence[EventRow]) -> None:
    """Put the reviewers' latest value of each edited field into freshly extracted events (same key)."""
    by_key = {e.event_key: e for e in events}
    for chunk in _chunks(list(by_key), 500):
        for edit in session.scalars(select(ReviewEditRow).where(ReviewEditRow.event_key.in_(chunk))
                                    .order_by(ReviewEditRow.id)):
            setattr(by_key[edit.event_key], edit.field, to_column(edit.field, edit.after))


def review_edits(session: Session, event_key: str | None = None, orphaned: bool | None = None) -> list[ReviewEdit]:
    """Review edits, oldest first: of one event, or all; ``orphaned`` True keeps only those whose event is
    gone (the key no longer extracted), False only those applied to an event."""
    query = select(ReviewEditRow, EventRow.id).outerjoin(EventRow, EventRow.event_key == ReviewEditRow.event_key)
    if event_key is not None:
        query = query.where(ReviewEditRow.event_key == event_key)
    if orphaned is not None:
        query = query.where(EventRow.id.is_(None) if orphaned else EventRow.id.is_not(None))
    return [review_edit(row, event_id is not None)
            for row, event_id in session.execute(query.order_by(ReviewEditRow.id))]


def review_edit(row: ReviewEditRow, applied: bool) -> ReviewEdit:
    """The frozen view of a ``review_edits`` row."""
    return ReviewEdit(id=row.id, event_key=row.event_key, field=row.field, before=row.before, after=row.after,
                      who=row.who, at=row.at, note=row.note, applied=applied)


def _chunks(items: Sequence[Any] | Iterable[Any], size: int) -> Iterable[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
