"""The store's tables as typed SQLAlchemy 2 ORM classes.

The schema itself is created and changed only by the Alembic migrations in ``rasd/store/migrations`` (a test
checks that the migrations and these classes agree).  Tables:

- ``articles``: each article once, verbatim, keyed by the SHA-256 of its text (``content_hash``); a near-copy
  (the same wire story with another intro line or signature) points at its stored original (``near_copy_of``,
  with the estimated Jaccard similarity in ``near_copy_score``) and is not extracted;
- ``runs``: extraction runs, with the rasd version and a hash of the lexicon and gazetteer files;
- ``extractions``: which article each run has extracted (done or failed) -- the ledger that makes runs resumable;
- ``mentions``: every lexicon or pattern match of the current extraction of an article;
- ``events``: the current machine events of each article, one column per record field (JSON for lists), a
  stable ``event_key`` and a review ``status``;
- ``event_sources``: event <-> article, with the trigger span and who reported it (a near-copy of the event's
  article is listed too, with no span);
- ``places``, ``actors``: reference tables filled from the events;
- ``control_changes``: who took a place from whom, and when;
- ``review_edits``: reviewers' changes, keyed by ``event_key``; re-extraction never deletes them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Fixed constraint names, so that migrations can name what they alter on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# JSON on SQLite, JSONB on PostgreSQL.
Json = JSON().with_variant(JSONB(), "postgresql")



class UTCDateTime(TypeDecorator[dt.datetime]):
    """A moment in UTC: stored with its time zone on PostgreSQL, as naive UTC on SQLite; always read back
    as an aware UTC datetime (naive values given are taken as UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        value = (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


STATUSES = ("machine", "accepted", "rejected")
RUN_STATUSES = ("running", "finished", "abandoned")


class Base(DeclarativeBase):
    """The declarative base of the store's tables."""

    metadata = MetaData(naming_convention=NAMING)


class ArticleRow(Base):
    """An article as it came in: ``text`` verbatim (every offset points into it)."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(Text, index=True)  # Article.id: the record's id or path#line-N
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    title_end: Mapped[int | None] = mapped_column(Integer)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    text: Mapped[str] = mapped_column(Text)
    encoding_note: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    ingested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # the stored original this article nearly copies (None: an original), and their estimated Jaccard similarity
    near_copy_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"), index=True)
    near_copy_score: Mapped[float | None] = mapped_column(Double)


class RunRow(Base):
    """One extraction run: a rasd version and data files applied to the store's articles."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    rasd_version: Mapped[str] = mapped_column(String(40))
    data_version: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="running")


class ExtractionRow(Base):
    """An article extracted by a run: ``status`` done or failed (with the error)."""

    __tablename__ = "extractions"

    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
                                            index=True)
    status: Mapped[str] = mapped_column(String(20))
    events: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    # indexed (revision 0003): its maximum moves with every batch written (rasd.store.Store.events_version)
    finished_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)


class MentionRow(Base):
    """A lexicon or pattern match: ``text == article.text[start:end]``."""

    __tablename__ = "mentions"
    __table_args__ = (Index("ix_mentions_kind_label", "kind", "label"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(Text)
    data: Mapped[Any] = mapped_column(Json, nullable=True)


class PlaceRow(Base):
    """A gazetteer entry some event was placed at (its anchor for precision 2 and 3)."""

    __tablename__ = "places"

    geonameid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name_en: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str] = mapped_column(String(200))
    country_code: Mapped[str] = mapped_column(String(2))
    iso: Mapped[int | None] = mapped_column(Integer)
    admin1: Mapped[str | None] = mapped_column(String(200))
    admin1_ar: Mapped[str | None] = mapped_column(String(200))
    admin2: Mapped[str | None] = mapped_column(String(200))
    admin2_ar: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float] = mapped_column(Double)
    longitude: Mapped[float] = mapped_column(Double)
    feature: Mapped[str] = mapped_column(String(10))
    population: Mapped[int] = mapped_column(BigInteger, default=0)


class ActorRow(Base):
    """A canonical actor name with its ACLED inter code (None for associated actors seen only as such)."""

    __tablename__ = "actors"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    inter: Mapped[int | None] = mapped_column(Integer)


class EventRow(Base):
    """A machine event of an article, with its record's fields as columns (lists and objects as JSON)."""

    __tablename__ = "events"
    # the order every listing and export pages in (revision 0003)
    __table_args__ = (Index("ix_events_article_id_seq", "article_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_key: Mapped[str] = mapped_column(String(40), unique=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # the event's position in its document
    status: Mapped[str] = mapped_column(String(20), default="machine", index=True)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.geonameid"), index=True)
    # the record's fields, in record order
    doc_id: Mapped[str] = mapped_column(Text)
    event_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    disorder_type: Mapped[str | None] = mapped_column(String(60))
    event_type: Mapped[str] = mapped_column(String(60), index=True)
    sub_event_type: Mapped[str] = mapped_column(String(60))
    actor1: Mapped[str | None] = mapped_column(String(200), index=True)
    assoc_actor_1: Mapped[Any] = mapped_column(Json, nullable=True)
    inter1: Mapped[int | None] = mapped_column(Integer)
    actor2: Mapped[str | None] = mapped_column(String(200), index=True)
    assoc_actor_2: Mapped[Any] = mapped_column(Json, nullable=True)
    inter2: Mapped[int | None] = mapped_column(Integer)
    interaction: Mapped[int | None] = mapped_column(Integer)
    civilian_targeting: Mapped[str | None] = mapped_column(String(40))
    iso: Mapped[int | None] = mapped_column(Integer)
    region: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(100), index=True)
    admin1: Mapped[str | None] = mapped_column(String(200), index=True)
    admin2: Mapped[str | None] = mapped_column(String(200))
    admin3: Mapped[str | None] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Double)
    longitude: Mapped[float | None] = mapped_column(Double)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(Text)
    source_scale: Mapped[str | None] = mapped_column(String(60))
    notes: Mapped[str | None] = mapped_column(Text)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    tags: Mapped[str | None] = mapped_column(Text)
    timestamp: Mapped[int | None] = mapped_column(BigInteger)
    location_ar: Mapped[str | None] = mapped_column(String(200))
    admin1_ar: Mapped[str | None] = mapped_column(String(200))
    admin2_ar: Mapped[str | None] = mapped_column(String(200))
    geonameid: Mapped[int | None] = mapped_column(Integer)
    date_expression: Mapped[str | None] = mapped_column(Text)
    claim_source: Mapped[str | None] = mapped_column(Text)
    fatalities_note: Mapped[str | None] = mapped_column(Text)
    location_relation: Mapped[str | None] = mapped_column(String(40))
    candidates: Mapped[Any] = mapped_column(Json, nullable=True)
    control_change: Mapped[Any] = mapped_column(Json, nullable=True)
    zone: Mapped[str | None] = mapped_column(String(20))
    evidence: Mapped[Any] = mapped_column(Json, nullable=True)

    sources: Mapped[list[EventSourceRow]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True)
    control_changes: Mapped[list[ControlChangeRow]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True)


class EventSourceRow(Base):
    """An article reporting an event: the trigger span in it and who the article says reported it."""

    __tablename__ = "event_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    claim_source: Mapped[str | None] = mapped_column(Text)
    claim_start: Mapped[int | None] = mapped_column(Integer)
    claim_end: Mapped[int | None] = mapped_column(Integer)

    event: Mapped[EventRow] = relationship(back_populates="sources")


class ControlChangeRow(Base):
    """A change of control an event reports: the place, who took it (``actor_to``), from whom, when."""

    __tablename__ = "control_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.geonameid"), index=True)
    location: Mapped[str | None] = mapped_column(String(200))
    actor_to: Mapped[str | None] = mapped_column(String(200))
    actor_from: Mapped[str | None] = mapped_column(String(200))
    event_date: Mapped[dt.date | None] = mapped_column(Date)

    event: Mapped[EventRow] = relationship(back_populates="control_changes")


class ReviewEditRow(Base):
    """A reviewer's change to one field of an event (``field == "status"`` accepts or rejects it)."""

    __tablename__ = "review_edits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_key: Mapped[str] = mapped_column(String(40), index=True)
    field: Mapped[str] = mapped_column(String(40))
    before: Mapped[Any] = mapped_column(Json, nullable=True)
    after: Mapped[Any] = mapped_column(Json, nullable=True)
    who: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)
