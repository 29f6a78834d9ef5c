"""The store: articles, extraction runs, their mentions and events, and reviewers' edits, in SQLite or PostgreSQL.

>>> store = Store.open("sqlite:///rasd.sqlite")          # doctest: +SKIP
>>> store.add_articles(articles)                        # doctest: +SKIP
(120, 3)
>>> run = store.start_run()                             # doctest: +SKIP
>>> for batch in store.iter_pending(run, 200):          # doctest: +SKIP
...     docs, failed = extract_batch(pipeline, batch)   # rasd.store.ingest: documents, (article, error) pairs
...     store.store_documents(run, docs, failed, gaz=pipeline.gaz)
>>> store.finish_run(run)                               # doctest: +SKIP

Runs.  A run is one rasd version with one set of data files applied to the store's articles.  ``start_run()``
continues the latest run when it was made by the same versions -- an interrupted run is resumed, a finished one
is extended to the articles added since -- and otherwise starts a new run, which re-extracts every article;
``start_run(new=True)`` always starts one (a re-extraction).  ``pending(run)`` are the articles the run has not
extracted yet, in the order they were added.

Writes.  ``store_documents`` writes a batch of documents in one transaction: their mentions and events
replace whatever an earlier run (or an earlier try of this one) stored for the same articles, and the run's
ledger (``extractions``) records each article as done, or failed with its error (a failed article keeps its
earlier events and is not retried in that run).  A process killed at any point loses at most the batch
it had not committed; ``pending`` gives those articles again, and the end state is that of an uninterrupted run.

Review.  ``edit`` (and ``accept``/``reject``) change a field of an event and keep the change in
``review_edits`` under the event's ``event_key``.  Re-extraction deletes machine events, never edits: an event
extracted again with the same key gets the reviewed values back; edits whose key is no longer extracted stay
listed by ``edits(orphaned=True)``.  One writer at a time per database.

Change markers.  Readers that keep answers (the API's response cache, :mod:`rasd.api.cache`) need to know
when the events may have changed.  ``writes`` counts the write transactions this object has committed (exact
and free to read); ``events_version()`` asks the database, in one cheap query, for a value that changes
whenever any process wrote events or review edits through a ``Store``: the highest event id, the highest
review edit id and the latest ``extractions.finished_at``.  Events are deleted only by ``store_documents``,
which rewrites the ledger rows of the same articles in the same transaction (so a re-extraction that reuses
the deleted ids, as SQLite does for the highest ones, still moves ``finished_at``); fields change only by
``edit``, which adds a review edit.  Rows changed by hand with SQL are not noticed.

Near-copies.  ``add_articles(articles, near_copies=0.8)`` also looks for near-copies: the same wire story
republished with a new intro line or an outlet's signature (:class:`rasd.ingest.nearcopy.NearCopyIndex`,
MinHash LSH over character shingles).  A new article whose estimated Jaccard similarity with a stored original
reaches the threshold is stored verbatim like any other, with ``near_copy_of`` set to the earliest (lowest id)
such original -- never to another copy -- and ``near_copy_score`` to their similarity.  A near-copy is not
extracted (``pending`` leaves it out); instead it is listed as one more source of its original's events: an
``event_sources`` row with the copy's article id, no span (its offsets differ) and the original's claim
source, written when the copy is linked and again whenever the original's events are (re)written, so exports
and merges can count the outlets that reported an event.  ``near_copies()`` lists the links, ``counts()``
counts them.  Only articles added with detection on are linked; those stored before stay originals.

The index is kept in memory: built lazily, on the first add with detection on that brings a new article, from
the stored originals in id order (2,000 articles take about 2 s), and brought up to date with articles stored
since (by this or another process) before each later add.  Adding the same articles again links nothing (they
are duplicates), and after a kill the rebuilt index equals the one an uninterrupted run had, so the links are
the same.  For very large stores, persisting the index (``NearCopyIndex.to_state()``) beside the articles is
the next step.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, delete, event, exists, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

import rasd
from rasd.errors import StoreError
from rasd.model import Article, Document
from rasd.output.records import records as document_records
from rasd.store import query
from rasd.store.engine import make_engine, resolve_url, shown, upgrade
from rasd.store.query import EventFilter, NearCopy, ReviewEdit
from rasd.store.rows import (
    EDITABLE,
    actor_values,
    article_values,
    content_hash,
    control_values,
    data_version,
    document_events,
    event_values,
    from_column,
    jsonable,
    mention_values,
    place_values,
    row_article,
    source_values,
    to_column,
)
from rasd.store.schema import (
    STATUSES,
    ActorRow,
    ArticleRow,
    ControlChangeRow,
    EventRow,
    EventSourceRow,
    ExtractionRow,
    MentionRow,
    PlaceRow,
    ReviewEditRow,
    RunRow,
)

if TYPE_CHECKING:
    from rasd.geo.gazetteer import Gazetteer
    from rasd.ingest.nearcopy import NearCopyIndex

_CHUNK = 500  # rows per IN (...) list or per transaction of add_articles


@dataclass(frozen=True)
class Run:
    """An extraction run: when, by which rasd and data version, and whether it is running or finished."""

    id: int
    started_at: dt.datetime
    finished_at: dt.datetime | None
    rasd_version: str
    data_version: str
    status: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _run(row: RunRow) -> Run:
    return Run(row.id, row.started_at, row.finished_at, row.rasd_version, row.data_version, row.status)


def _run_id(run: Run | int) -> int:
    return run.id if isinstance(run, Run) else int(run)


def _copy_source(event_id: int | None, article_id: int, claim_source: str | None) -> dict[str, Any]:
    """The ``event_sources`` values of a near-copy reporting its original's event: no span, the original's
    claim source (``event_id`` None: set by the ORM relationship)."""
    values: dict[str, Any] = {"article_id": article_id, "start": None, "end": None, "text": None,
                              "claim_source": claim_source, "claim_start": None, "claim_end": None}
    if event_id is not None:
        values["event_id"] = event_id
    return values


def _slices(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


class Store:
    """A database of articles, runs, events and review edits (see the module docstring)."""

    def __init__(self, engine: Engine) -> None:
        """Wrap an engine whose database is already migrated; use :meth:`open`."""
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._near: NearCopyIndex | None = None  # the stored originals, built lazily (see the module docstring)
        self._near_upto = 0  # the articles with ids up to this one are indexed (originals) or linked (copies)
        self.near_copies_linked = 0  # near-copies this object has linked since the store was opened
        self.writes = 0  # write transactions this object has committed (see "Change markers" above)
        self._writes_lock = threading.Lock()  # commits may come from several threads (the API's)
        event.listen(self._sessions, "after_commit", self._committed)

    def _committed(self, session: Session) -> None:
        """Count a committed write transaction (SQLAlchemy calls this after the database's COMMIT)."""
        with self._writes_lock:
            self.writes += 1

    @classmethod
    def open(cls, url: str | Path | None = None, *, migrate: bool = True) -> Store:
        """Open (creating it if needed) the database at ``url`` and upgrade its schema to this rasd's.

        ``url``: ``sqlite:///PATH``, ``sqlite://`` (in memory), ``postgresql+psycopg://USER:PW@HOST/DB``, or a
        path; None uses :func:`rasd.store.engine.default_url`.  Raises ``StoreError`` (E511-E513)."""
        engine = make_engine(resolve_url(url))
        if migrate:
            try:
                upgrade(engine)
            except StoreError:
                engine.dispose()
                raise
        return cls(engine)

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return shown(self.engine.url)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def close(self) -> None:
        """Close the database's connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # --- articles -------------------------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article], near_copies: float | None = None) -> tuple[int, int]:
        """Add articles not stored yet (by the SHA-256 of their text); returns (added, duplicates).

        ``near_copies``: a Jaccard threshold in (0, 1] -- a new article that nearly copies a stored original is
        linked to it and will not be extracted (see the module docstring; :attr:`near_copies_linked` counts
        the links made); None adds every new article as an original.  Idempotent: adding the same articles
        again adds and links nothing.  Commits every 500 articles.  On PostgreSQL a text with NUL characters
        raises ``StoreError`` E517 (:func:`rasd.store.ingest.ingest` skips them); a threshold the LSH index
        cannot use (outside (0, 1], or above about 0.98 with its 128 permutations) raises ValueError."""
        index = self._near_index(near_copies) if near_copies is not None else None
        added = duplicates = 0
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) == _CHUNK:
                a, d = self._add_batch(batch, index)
                added, duplicates, batch = added + a, duplicates + d, []
        if batch:
            a, d = self._add_batch(batch, index)
            added, duplicates = added + a, duplicates + d
        return added, duplicates

    def _add_batch(self, articles: Sequence[Article], index: NearCopyIndex | None) -> tuple[int, int]:
        upto, links = self._near_upto, list[tuple[int, int, float]]()
        try:
            with self._sessions.begin() as s:
                _, new = self._article_ids(s, articles)
                if index is not None and new:
                    upto, links = self._scan_near(s, index, new)
                    self._link(s, links)
        except BaseException:
            if index is not None:  # the index may hold articles the rollback took away: rebuild it next time
                self._near, self._near_upto = None, 0
            raise
        if index is not None and new:
            self._near_upto = upto
            self.near_copies_linked += len(links)
        return len(new), len(articles) - len(new)

    def _near_index(self, threshold: float) -> NearCopyIndex:
        """The near-copy index for ``threshold`` (a new, empty one when there is none yet or another threshold
        was used; :meth:`_scan_near` fills it)."""
        from rasd.ingest.nearcopy import NearCopyIndex  # here: datasketch is loaded only when it is used

        if self._near is None or self._near.threshold != threshold:
            self._near, self._near_upto = NearCopyIndex(threshold=threshold), 0
        return self._near

    def _scan_near(self, s: Session, index: NearCopyIndex, new: set[int]) -> tuple[int, list[tuple[int, int, float]]]:
        """Go through the articles stored after ``_near_upto``, in id order: index the originals, except that
        each article of ``new`` (just inserted) is first matched against the index -- if it nearly copies an
        indexed original, it is not indexed but linked to the earliest such original.  Returns the last id
        seen and the links (copy id, original id, score)."""
        upto = self._near_upto
        links: list[tuple[int, int, float]] = []
        while True:
            rows = s.execute(select(ArticleRow.id, ArticleRow.text, ArticleRow.near_copy_of)
                             .where(ArticleRow.id > upto).order_by(ArticleRow.id).limit(_CHUNK)).all()
            if not rows:
                return upto, links
            for article_id, text, copy_of in rows:
                upto = article_id
                if copy_of is not None:
                    continue
                if article_id not in new:
                    index.add(str(article_id), text)
                    continue
                found = index.add_matches(str(article_id), text)
                if found:
                    index.remove(str(article_id))  # copies are not indexed: later copies link to the original
                    first = min(found, key=lambda m: int(m.id))
                    links.append((article_id, int(first.id), first.jaccard))

    def _link(self, s: Session, links: list[tuple[int, int, float]]) -> None:
        """Record near-copy links (copy id, original id, score) and list each copy as a source of the events
        its original has already."""
        if not links:
            return
        s.execute(update(ArticleRow), [{"id": copy, "near_copy_of": original, "near_copy_score": score}
                                       for copy, original, score in links])
        copies: dict[int, list[int]] = {}
        for copy, original, _ in links:
            copies.setdefault(original, []).append(copy)
        rows: list[dict[str, Any]] = []
        for chunk in _slices(sorted(copies)):
            found = s.execute(select(EventSourceRow.event_id, EventRow.article_id, EventSourceRow.claim_source)
                              .join(EventRow, EventRow.id == EventSourceRow.event_id)
                              .where(EventRow.article_id.in_(chunk), EventSourceRow.article_id == EventRow.article_id)
                              .order_by(EventSourceRow.id))
            rows += [_copy_source(event_id, copy, claim) for event_id, original, claim in found
                     for copy in copies[original]]
        if rows:
            s.execute(insert(EventSourceRow), rows)

    def _copies_of(self, s: Session, originals: Sequence[int]) -> dict[int, list[int]]:
        """Original id -> the ids of its near-copies, for the given originals."""
        out: dict[int, list[int]] = {}
        for chunk in _slices(sorted(originals)):
            for copy, original in s.execute(select(ArticleRow.id, ArticleRow.near_copy_of)
                                            .where(ArticleRow.near_copy_of.in_(chunk)).order_by(ArticleRow.id)):
                if original is not None:
                    out.setdefault(original, []).append(copy)
        return out

    def near_copies(self, article_id: int | None = None) -> list[NearCopy]:
        """The near-copy links, by copy id: all of them, or those of one article (as the copy or the original)."""
        with self._sessions() as s:
            return query.near_copies(s, article_id)

    def _article_ids(self, s: Session, articles: Iterable[Article]) -> tuple[dict[str, int], set[int]]:
        """Content hash -> article id, inserting the articles not stored yet; and the ids of those inserted."""
        wanted: dict[str, Article] = {}
        for article in articles:
            if self.dialect == "postgresql" and "\x00" in article.text:
                raise StoreError("E517", path=article.id)
            wanted.setdefault(content_hash(article.text), article)
        ids = self._known(s, list(wanted))
        missing = [h for h in wanted if h not in ids]
        if missing:
            now = _now()
            self._insert_ignore(s, ArticleRow, [article_values(wanted[h], h, now) for h in missing],
                                ["content_hash"])
            ids.update(self._known(s, missing))
        return ids, {ids[h] for h in missing}

    def _known(self, s: Session, hashes: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for chunk in _slices(hashes):
            out.update((h, i) for h, i in s.execute(select(ArticleRow.content_hash, ArticleRow.id)
                                                    .where(ArticleRow.content_hash.in_(chunk))))
        return out

    def article(self, article_id: int) -> Article | None:
        """The stored article with this row id (``article_id`` of an event record), or None."""
        with self._sessions() as s:
            row = s.get(ArticleRow, article_id)
            return row_article(row) if row is not None else None

    # --- runs -----------------------------------------------------------------------------------------------

    def start_run(self, new: bool = False) -> Run:
        """The run to extract into: the latest one if it was made by this rasd and data version (resumed or
        extended) unless ``new``; otherwise a new run (unfinished older runs are marked abandoned)."""
        version, data = rasd.__version__, data_version()
        with self._sessions.begin() as s:
            latest = s.scalars(select(RunRow).order_by(RunRow.id.desc()).limit(1)).first()
            if not new and latest is not None and latest.status != "abandoned" \
                    and (latest.rasd_version, latest.data_version) == (version, data):
                latest.status, latest.finished_at = "running", None
                return _run(latest)
            s.execute(update(RunRow).where(RunRow.status == "running").values(status="abandoned"))
            row = RunRow(started_at=_now(), rasd_version=version, data_version=data, status="running")
            s.add(row)
            s.flush()
            return _run(row)

    def finish_run(self, run: Run | int) -> Run:
        """Mark a run finished (articles added later can still extend it, see :meth:`start_run`)."""
        with self._sessions.begin() as s:
            row = self._run_row(s, _run_id(run))
            row.status, row.finished_at = "finished", _now()
            return _run(row)

    def runs(self) -> list[Run]:
        """All runs, oldest first."""
        with self._sessions() as s:
            return [_run(r) for r in s.scalars(select(RunRow).order_by(RunRow.id))]

    def _run_row(self, s: Session, run_id: int) -> RunRow:
        row = s.get(RunRow, run_id)
        if row is None:
            raise StoreError("E516", value=run_id, detail="no such run")
        return row

    def pending(self, run: Run | int, limit: int | None = None) -> list[Article]:
        """Articles the run has not extracted (done or failed) yet, in the order they were added; near-copies
        are never pending (their originals are extracted)."""
        with self._sessions() as s:
            return [a for _, a in self._pending(s, _run_id(run), 0, limit)]

    def pending_count(self, run: Run | int) -> int:
        """How many articles :meth:`pending` would give."""
        run_id = _run_id(run)
        with self._sessions() as s:
            self._run_row(s, run_id)
            done = exists().where(ExtractionRow.run_id == run_id, ExtractionRow.article_id == ArticleRow.id)
            return s.scalar(select(func.count()).select_from(ArticleRow)
                            .where(~done, ArticleRow.near_copy_of.is_(None))) or 0

    def iter_pending(self, run: Run | int, batch: int = 200) -> Iterator[list[Article]]:
        """:meth:`pending` in batches, each read when the previous one has been handed out (store it before
        asking for the next)."""
        after = 0
        while True:
            with self._sessions() as s:
                page = self._pending(s, _run_id(run), after, batch)
            if not page:
                return
            after = page[-1][0]
            yield [a for _, a in page]

    def _pending(self, s: Session, run_id: int, after: int, limit: int | None) -> list[tuple[int, Article]]:
        self._run_row(s, run_id)
        done = exists().where(ExtractionRow.run_id == run_id, ExtractionRow.article_id == ArticleRow.id)
        q = (select(ArticleRow).where(~done, ArticleRow.id > after, ArticleRow.near_copy_of.is_(None))
             .order_by(ArticleRow.id))
        rows = s.scalars(q.limit(limit) if limit is not None else q).all()
        return [(r.id, row_article(r)) for r in rows]

    # --- extraction results ---------------------------------------------------------------------------------

    def store_documents(self, run: Run | int, docs: Iterable[Document],
                        failed: Iterable[tuple[Article, str]] = (), gaz: Gazetteer | None = None) -> int:
        """Write a batch of extracted documents (and articles that failed, with their error) in one transaction.

        Their mentions and events replace those stored before for the same articles (a failed article keeps its
        earlier events); reviewed fields are put back into events with the same key; places, actors and control
        changes are filled in; the near-copies of the articles are listed as sources of their events; articles
        not in the store yet are added (as originals).  ``gaz`` gives records their country
        names and regions.  Returns the number of events written."""
        run_id = _run_id(run)
        failures = list(failed)
        unique: dict[str, Document] = {}  # one document per text: a batch may repeat an article
        for doc in docs:
            unique.setdefault(content_hash(doc.article.text), doc)
        if not unique and not failures:
            return 0
        with self._sessions.begin() as s:
            self._run_row(s, run_id)
            ids, _ = self._article_ids(s, [d.article for d in unique.values()] + [a for a, _ in failures])
            # a failed article keeps the events an earlier run found in it
            for chunk in _slices(sorted(ids[h] for h in unique)):
                s.execute(delete(EventRow).where(EventRow.article_id.in_(chunk)),
                          execution_options={"synchronize_session": False})
                s.execute(delete(MentionRow).where(MentionRow.article_id.in_(chunk)),
                          execution_options={"synchronize_session": False})
            events: list[EventRow] = []
            mentions: list[dict[str, Any]] = []
            places: dict[int, dict[str, Any]] = {}
            actors: dict[str, int | None] = {}
            ledger: dict[int, dict[str, Any]] = {}
            copies = self._copies_of(s, [ids[h] for h in unique])
            for digest, doc in unique.items():
                article_id = ids[digest]
                mentions += [mention_values(m, article_id, run_id) for m in doc.mentions]
                found = document_events(doc, document_records(doc, gaz))
                for seq, (ev, record, key) in enumerate(found):
                    place = place_values(ev)
                    if place is not None:
                        places.setdefault(place["geonameid"], place)
                    for actor in actor_values(ev):
                        actors[actor["name"]] = actors.get(actor["name"]) or actor["inter"]
                    row = EventRow(event_key=key, article_id=article_id, run_id=run_id, seq=seq, status="machine",
                                   place_id=place["geonameid"] if place else None, **event_values(record))
                    source = source_values(ev, article_id)
                    row.sources.append(EventSourceRow(**source))
                    row.sources += [EventSourceRow(**_copy_source(None, copy, source["claim_source"]))
                                    for copy in copies.get(article_id, ())]
                    change = control_values(ev)
                    if change is not None:
                        row.control_changes.append(ControlChangeRow(**change))
                    events.append(row)
                ledger[article_id] = {"status": "done", "events": len(found), "error": None}
            for article, error in failures:
                ledger.setdefault(ids[content_hash(article.text)], {"status": "failed", "events": 0, "error": error})
            if mentions:
                s.execute(insert(MentionRow), mentions)
            self._insert_ignore(s, PlaceRow, [places[k] for k in sorted(places)], ["geonameid"])
            self._upsert_actors(s, actors)
            s.add_all(events)
            s.flush()
            query.apply_edits(s, events)
            self._record_extractions(s, run_id, ledger)
        return len(events)

    def _insert_ignore(self, s: Session, table: type[Any], rows: list[dict[str, Any]], keys: list[str]) -> None:
        if rows:
            upsert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
            s.execute(upsert(table).on_conflict_do_nothing(index_elements=keys), rows)

    def _upsert_actors(self, s: Session, actors: dict[str, int | None]) -> None:
        if not actors:
            return
        upsert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
        stmt = upsert(ActorRow)
        stmt = stmt.on_conflict_do_update(index_elements=["name"],
                                          set_={"inter": func.coalesce(ActorRow.inter, stmt.excluded.inter)})
        s.execute(stmt, [{"name": name, "inter": actors[name]} for name in sorted(actors)])

    def _record_extractions(self, s: Session, run_id: int, ledger: dict[int, dict[str, Any]]) -> None:
        upsert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
        stmt = upsert(ExtractionRow)
        stmt = stmt.on_conflict_do_update(
            index_elements=["run_id", "article_id"],
            set_={c: stmt.excluded[c] for c in ("status", "events", "error", "finished_at")})
        now = _now()
        s.execute(stmt, [{"run_id": run_id, "article_id": a, "finished_at": now, **ledger[a]} for a in sorted(ledger)])

    # --- reading --------------------------------------------------------------------------------------------

    def events(self, where: EventFilter | None = None, *, limit: int | None = None, offset: int = 0,
               **filters: Any) -> list[dict[str, Any]]:
        """Event records (as :func:`rasd.output.records.records` made them, with reviewed values in place),
        each with ``event_key``, ``status``, ``article_id``, ``run_id`` and ``edited`` (the reviewed fields).

        Filter with an :class:`EventFilter` or its fields as keywords: ``events(country="Syria",
        date_from="2015-07-01")``."""
        where = where or EventFilter(**filters)
        with self._sessions() as s:
            return query.records(s, where, limit, offset)

    def iter_events(self, where: EventFilter | None = None, *, batch: int = 1000,
                    **filters: Any) -> Iterator[dict[str, Any]]:
        """The records of :meth:`events`, read ``batch`` at a time (for exports of large stores)."""
        return query.record_pages(self._sessions, where or EventFilter(**filters), batch)

    def events_version(self) -> tuple[Any, ...]:
        """A value that changes whenever events or review edits were written, by this or another process (see
        "Change markers" in the module docstring): one query of three maxima, each read from an index, so its
        cost does not grow with the store (0.2 ms on SQLite, most of it SQLAlchemy's)."""
        marker = select(select(func.max(EventRow.id)).scalar_subquery(),
                        select(func.max(ReviewEditRow.id)).scalar_subquery(),
                        select(func.max(ExtractionRow.finished_at)).scalar_subquery())
        with self.engine.connect() as conn:
            return tuple(conn.execute(marker).one())

    def counts(self) -> dict[str, int]:
        """Rows per table, events per status, near-copies linked, and the latest run's extracted, failed and
        pending articles."""
        with self._sessions() as s:
            return query.counts(s)

    # --- review ---------------------------------------------------------------------------------------------

    def edit(self, event_key: str, field: str, value: Any, who: str, note: str | None = None) -> ReviewEdit:
        """Change one field of an event and remember the change (it outlives re-extraction)."""
        if field not in EDITABLE:
            raise StoreError("E514", value=field, detail="not a field a reviewer can edit")
        if field == "status" and value not in STATUSES:
            raise StoreError("E514", value=value, detail=f"not a status (one of {', '.join(STATUSES)})")
        new = to_column(field, value)
        with self._sessions.begin() as s:
            row = s.scalars(select(EventRow).where(EventRow.event_key == event_key)).first()
            if row is None:
                raise StoreError("E515", value=event_key)
            before = jsonable(from_column(field, getattr(row, field)))
            setattr(row, field, new)
            edit = ReviewEditRow(event_key=event_key, field=field, before=before,
                                 after=jsonable(from_column(field, new)), who=who, at=_now(), note=note)
            s.add(edit)
            s.flush()
            return query.review_edit(edit, applied=True)

    def accept(self, event_key: str, who: str, note: str | None = None) -> ReviewEdit:
        """Mark an event accepted by a reviewer."""
        return self.edit(event_key, "status", "accepted", who, note)

    def reject(self, event_key: str, who: str, note: str | None = None) -> ReviewEdit:
        """Mark an event rejected by a reviewer (it stays in the store, with status ``rejected``)."""
        return self.edit(event_key, "status", "rejected", who, note)

    def edits(self, event_key: str | None = None, orphaned: bool | None = None) -> list[ReviewEdit]:
        """Review edits, oldest first; ``orphaned=True``: those whose event is no longer extracted."""
        with self._sessions() as s:
            return query.review_edits(s, event_key, orphaned)
