"""rasd.store.Store: articles, runs, pending articles, stored documents and the event filters, on every backend."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rasd.errors import StoreError
from rasd.ingest import read_paths
from rasd.model import Article, Document
from rasd.output.records import records
from rasd.pipeline import Pipeline
from rasd.store import EventFilter, Store
from rasd.store.rows import RECORD_FIELDS, content_hash
from rasd.store.schema import ControlChangeRow, EventSourceRow, MentionRow


@pytest.fixture(scope="module")
def docs(corpus40: Path, pipeline: Pipeline) -> list[Document]:
    """The corpus's first 40 articles, extracted."""
    articles = [r.article for r in read_paths(corpus40) if r.article is not None]
    return list(pipeline.pipe(articles))


def _article(text: str, i: int = 0) -> Article:
    return Article(id=f"a{i}", text=text, published=dt.date(2015, 7, 1), url=f"http://x/{i}", outlet="aawsat",
                   title_end=3)


def test_add_articles_is_idempotent_by_content(store: Store) -> None:
    arts = [_article("نص أول", 1), _article("نص ثان", 2), _article("نص أول", 3)]
    assert store.add_articles(arts) == (2, 1)
    assert store.add_articles(arts) == (0, 3)
    assert store.counts()["articles"] == 2


def test_articles_come_back_verbatim(store: Store) -> None:
    text = "عنوان\n\nقصف  على «إدلب»\u200f أمس\n"
    store.add_articles([_article(text, 7)])
    run = store.start_run()
    [back] = store.pending(run)
    assert back == _article(text, 7)
    assert store.article(1) == back and store.article(99) is None


def test_runs_resume_extend_and_start_anew(store: Store) -> None:
    store.add_articles([_article("واحد", 1), _article("اثنان", 2), _article("ثلاثة", 3)])
    run = store.start_run()
    assert [a.id for a in store.pending(run)] == ["a1", "a2", "a3"]
    store.store_documents(run, [Document(_article("واحد", 1))])
    assert store.pending_count(run) == 2
    assert [[a.id for a in b] for b in store.iter_pending(run, 1)] == [["a2"], ["a3"]]
    assert store.start_run() == run  # interrupted: resumed
    store.finish_run(run)
    again = store.start_run()  # same versions: the finished run is extended to new articles
    assert again.id == run.id and again.status == "running"
    fresh = store.start_run(new=True)
    assert fresh.id == run.id + 1 and store.pending_count(fresh) == 3
    assert [r.status for r in store.runs()] == ["abandoned", "running"]
    assert store.finish_run(fresh).status == "finished"
    with pytest.raises(StoreError, match=r"\[E516\]"):
        store.pending(42)


def test_stored_events_are_the_records(store: Store, docs: list[Document], pipeline: Pipeline) -> None:
    run = store.start_run()
    written = store.store_documents(run, docs, gaz=pipeline.gaz)
    expected = [r for d in docs for r in records(d, pipeline.gaz)]
    assert written == len(expected) > 50
    got = store.events()
    assert [{k: r[k] for k in RECORD_FIELDS} for r in got] == [{k: r[k] for k in RECORD_FIELDS} for r in expected]
    assert {r["status"] for r in got} == {"machine"} and all(r["edited"] == [] for r in got)
    assert len({r["event_key"] for r in got}) == len(got)
    counts = store.counts()
    assert counts["articles"] == len(docs) and counts["extracted"] == len(docs) and counts["pending"] == 0
    assert counts["mentions"] == sum(len(d.mentions) for d in docs)
    assert counts["places"] > 10 and counts["actors"] > 10
    assert counts["control_changes"] == sum(1 for d in docs for e in d.events if e.control_change)
    with store.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(EventSourceRow)) == len(expected)
        assert conn.scalar(select(func.count()).select_from(ControlChangeRow).where(
            ControlChangeRow.actor_to.is_(None))) == 0
        # every mention's text is the article's text at its offsets
        texts = {content_hash(d.text): d.text for d in docs}
        for row in conn.execute(select(MentionRow.start, MentionRow.end, MentionRow.text).limit(200)):
            assert any(t[row.start:row.end] == row.text for t in texts.values())


def test_storing_again_replaces_and_failures_are_recorded(store: Store, docs: list[Document]) -> None:
    run = store.start_run()
    store.store_documents(run, docs[:5])
    before = store.events()
    store.store_documents(run, docs[:5] + docs[:2])  # the same batch again (a retried batch): nothing doubles
    assert store.events() == before
    bad = docs[5].article
    store.store_documents(run, [], failed=[(bad, "[E201] boom")])
    counts = store.counts()
    assert counts["failed"] == 1 and counts["extracted"] == 5 and bad not in store.pending(run)


def test_filters(store: Store, docs: list[Document], pipeline: Pipeline) -> None:
    store.store_documents(store.start_run(), docs, gaz=pipeline.gaz)
    every = store.events()

    def keys(rows: list[dict[str, object]]) -> list[object]:
        return [r["event_key"] for r in rows]

    def expect(pred: object) -> list[object]:
        return [r["event_key"] for r in every if pred(r)]  # type: ignore[operator]

    dated = [r for r in every if r["event_date"]]
    day = sorted(r["event_date"] for r in dated)[len(dated) // 2]
    assert keys(store.events(date_from=day, date_to=day)) == expect(lambda r: r["event_date"] == day)
    assert keys(store.events(date_from=dt.date.fromisoformat(day))) == expect(
        lambda r: r["event_date"] and r["event_date"] >= day)
    assert keys(store.events(country="Yemen")) == expect(lambda r: r["country"] == "Yemen") != []
    admin1 = next(r["admin1"] for r in every if r["admin1"])
    assert keys(store.events(admin1=admin1)) == expect(lambda r: r["admin1"] == admin1) != []
    assert keys(store.events(event_type="Battles")) == expect(lambda r: r["event_type"] == "Battles") != []
    for actor in ("Ansar Allah", "Popular Resistance", "Coalition: Saudi-led"):
        assert keys(store.events(actor=actor)) == expect(
            lambda r, a=actor: a in (r["actor1"], r["actor2"], *r["assoc_actor_1"], *r["assoc_actor_2"]))
    assert any(r["assoc_actor_1"] or r["assoc_actor_2"] for r in every)
    assert store.events(actor="100%_") == []  # LIKE wildcards are matched literally
    both = EventFilter(country="Yemen", event_type="Battles", actor="Ansar Allah")
    assert keys(store.events(both)) == expect(
        lambda r: r["country"] == "Yemen" and r["event_type"] == "Battles"
        and "Ansar Allah" in (r["actor1"], r["actor2"], *r["assoc_actor_1"], *r["assoc_actor_2"]))
    assert keys(store.events(limit=3, offset=2)) == keys(every)[2:5]
    assert list(store.iter_events(batch=7)) == every
    assert list(store.iter_events(country="Yemen", batch=2)) == store.events(country="Yemen")
    assert len(store.events(status=("machine", "accepted"))) == len(every)
    with pytest.raises(StoreError, match=r"\[E514\]"):
        store.events(status="maybe")
