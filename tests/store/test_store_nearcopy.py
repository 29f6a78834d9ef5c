"""Near-copies in the store: linked to the earliest stored original, stored verbatim, not extracted, listed as
sources of the original's events; nothing linked twice; the 0001 -> 0002 migration keeps the rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from click.testing import CliRunner
from nearcopy_helpers import near_copy, stable_snapshot
from sqlalchemy import inspect, select, text
from store_helpers import corpus_lines

from rasd.cli import main
from rasd.ingest import read_paths
from rasd.model import Article
from rasd.pipeline import Pipeline
from rasd.store import Store, ingest, reextract
from rasd.store.engine import alembic_config, make_engine, resolve_url, upgrade
from rasd.store.schema import EventRow, EventSourceRow


@pytest.fixture(scope="module")
def lines() -> list[str]:
    """The corpus's first 40 lines (40 distinct articles, no two of them near-copies)."""
    return corpus_lines(40)


@pytest.fixture
def with_copies(tmp_path: Path, lines: list[str]) -> Path:
    """Eight originals (lines 1-8), three near-copies (line 9: of line 1, line 10: of line 3, line 11: of line 1
    again, also close to line 9) and an exact duplicate of line 4 (line 12)."""
    path = tmp_path / "copies.jsonl"
    path.write_text("".join([*lines[:8], near_copy(lines[0], 0), near_copy(lines[2], 1), near_copy(lines[0], 1),
                             lines[3]]), encoding="utf-8")
    return path


def _articles(path: Path) -> dict[str, Article]:
    return {r.article.id: r.article for r in read_paths(path) if r.article is not None}


def _sources(st: Store, article_id: int) -> list[tuple[int, int | None, int | None, str | None, str | None]]:
    """(event id, start, end, text, claim source) of the ``event_sources`` rows of one article."""
    with st.engine.connect() as conn:
        rows = conn.execute(select(EventSourceRow.event_id, EventSourceRow.start, EventSourceRow.end,
                                   EventSourceRow.text, EventSourceRow.claim_source)
                            .where(EventSourceRow.article_id == article_id).order_by(EventSourceRow.event_id))
        return [tuple(r) for r in rows]  # type: ignore[misc]


def _event_ids(st: Store, article_id: int) -> list[int]:
    with st.engine.connect() as conn:
        return list(conn.scalars(select(EventRow.id).where(EventRow.article_id == article_id).order_by(EventRow.id)))


def test_near_copies_are_linked_stored_verbatim_and_not_extracted(store: Store, pipeline: Pipeline,
                                                                  with_copies: Path) -> None:
    report = ingest([with_copies], store, pipeline, batch=4)
    assert (report.read, report.added, report.duplicates, report.near_copies, report.extracted) == (12, 11, 1, 3, 8)
    counts = store.counts()
    assert (counts["articles"], counts["near_copies"], counts["extracted"], counts["pending"]) == (11, 3, 8, 0)
    read = _articles(with_copies)
    line = f"{with_copies}#line-"
    links = store.near_copies()
    assert [(c.external_id, c.outlet) for c in links] == [(f"{line}9", "spa"), (f"{line}10", "dpa"),
                                                          (f"{line}11", "dpa")]
    first, second, third = links
    # the second copy of line 1 is linked to line 1 itself, not to the earlier copy it resembles even more
    assert first.original_id == third.original_id and first.original_id not in {c.article_id for c in links}
    assert [store.article(c.original_id).id for c in links] == [f"{line}1", f"{line}3", f"{line}1"]  # type: ignore[union-attr]
    assert all(0.8 <= c.score <= 1.0 for c in links)
    assert all(c.url and c.url.endswith(f"?via={c.outlet}") for c in links)
    for c in links:  # kept verbatim, nothing lost
        assert store.article(c.article_id) == read[c.external_id]
    # not extracted: no events of their own, never pending
    copies = {c.article_id for c in links}
    assert not copies & {r["article_id"] for r in store.events()}
    assert not copies & {a.id for a in store.pending(report.run_id)}
    # each copy is one more source of each of its original's events: no span, the original's claim source
    for c in links:
        own = _sources(store, c.original_id)
        assert own and [e for e, *_ in own] == _event_ids(store, c.original_id)
        assert _sources(store, c.article_id) == [(e, None, None, None, claim) for e, _, _, _, claim in own]
    # near_copies(article_id): the links of an original, or of a copy
    assert store.near_copies(first.original_id) == [first, third]
    assert store.near_copies(second.article_id) == [second]
    assert store.near_copies(store.events()[-1]["article_id"]) == []


def test_different_articles_on_one_topic_are_not_linked(store: Store, pipeline: Pipeline, tmp_path: Path,
                                                         lines: list[str]) -> None:
    corpus = tmp_path / "first40.jsonl"
    corpus.write_text("".join(lines), encoding="utf-8")  # 40 reports of the 2015 wars, several on Aden
    report = ingest([corpus], store, pipeline)
    assert (report.added, report.near_copies, report.extracted) == (40, 0, 40)
    one = "قصفت طائرات حربية مدينة إدلب صباح اليوم ما أدى إلى مقتل خمسة مدنيين وإصابة عشرة آخرين، بحسب مرصد محلي."
    other = "قتل خمسة مدنيين وجرح عشرة في غارات جوية استهدفت إدلب صباح الثلاثاء، وفق ناشطين معارضين في المدينة."
    store.add_articles([Article(id="one", text=one), Article(id="other", text=other)], near_copies=0.8)
    assert store.near_copies_linked == 0 and store.counts()["near_copies"] == 0
    # detection off: a copy is stored as an original, and is extracted
    copy = Article(id="copy", text=one + "\n\n(واس)")
    assert store.add_articles([copy], near_copies=None) == (1, 0)
    assert store.near_copies() == [] and copy in store.pending(store.start_run())


def test_the_same_files_again_link_nothing(store: Store, pipeline: Pipeline, with_copies: Path, tmp_path: Path,
                                           lines: list[str]) -> None:
    first = ingest([with_copies], store, pipeline)
    before = stable_snapshot(store)
    second = ingest([with_copies, with_copies], store, pipeline)
    assert (second.added, second.duplicates, second.near_copies, second.extracted) == (0, 24, 0, 0)
    assert stable_snapshot(store) == before
    # a store opened again rebuilds its index from the stored originals: still nothing twice
    reopened = Store(store.engine)
    assert ingest([with_copies], reopened, pipeline).near_copies == 0 and stable_snapshot(reopened) == before
    # ... and it links new copies to the stored originals (not to the stored copies)
    later = tmp_path / "later.jsonl"
    later.write_text(near_copy(lines[0], 2) + near_copy(lines[5], 2), encoding="utf-8")
    third = ingest([later], reopened, pipeline)
    assert (third.added, third.near_copies, third.extracted, third.events, third.run_id) == (2, 2, 0, 0, first.run_id)
    new = reopened.near_copies()[-2:]
    assert [(reopened.article(c.original_id).id, c.external_id) for c in new] == [  # type: ignore[union-attr]
        (f"{with_copies}#line-1", f"{later}#line-1"), (f"{with_copies}#line-6", f"{later}#line-2")]
    assert reopened.counts()["near_copies"] == 5


def test_a_copy_added_later_is_a_source_of_the_extracted_original(store: Store, pipeline: Pipeline,
                                                                  tmp_path: Path, lines: list[str]) -> None:
    originals, copies = tmp_path / "originals.jsonl", tmp_path / "copies.jsonl"
    originals.write_text("".join(lines[:6]), encoding="utf-8")
    copies.write_text(near_copy(lines[0], 0), encoding="utf-8")
    ingest([originals], store, pipeline)
    report = ingest([copies], store, pipeline)
    assert (report.added, report.near_copies, report.extracted, report.events) == (1, 1, 0, 0)
    [link] = store.near_copies()
    own = _sources(store, link.original_id)
    expected = [(e, None, None, None, claim) for e, _, _, _, claim in own]
    assert own and _sources(store, link.article_id) == expected
    # re-extraction rewrites the original's events, and lists the copy among their sources again
    again = reextract(store, pipeline)
    assert again.extracted == 6 and store.counts()["pending"] == 0
    own = _sources(store, link.original_id)
    assert _sources(store, link.article_id) == [(e, None, None, None, claim) for e, _, _, _, claim in own]


def test_the_0001_to_0002_migration_keeps_the_rows(db_url: str) -> None:
    engine = make_engine(resolve_url(db_url))
    try:
        upgrade(engine, "0001")
        stamp = "2025-01-01 00:00:00"
        with engine.begin() as conn:
            for i in (1, 2):
                conn.execute(text("INSERT INTO articles (id, external_id, text, content_hash, ingested_at) "
                                  "VALUES (:id, :ext, :text, :hash, :at)"),
                             {"id": i, "ext": f"a{i}", "text": f"نص {i}", "hash": f"{i:064d}", "at": stamp})
            conn.execute(text("INSERT INTO runs (id, started_at, rasd_version, data_version, status) "
                              "VALUES (1, :at, 'x', 'y', 'finished')"), {"at": stamp})
            conn.execute(text("INSERT INTO extractions (run_id, article_id, status, events, finished_at) "
                              "VALUES (1, 1, 'done', 1, :at), (1, 2, 'done', 0, :at)"), {"at": stamp})
            conn.execute(text("INSERT INTO events (id, event_key, article_id, run_id, seq, status, doc_id, event_type, "
                              "sub_event_type) VALUES (1, 'k1', 1, 1, 0, 'machine', 'a1', 'Battles', 'Armed clash')"))
            conn.execute(text("INSERT INTO event_sources (id, event_id, article_id) VALUES (1, 1, 1)"))
        upgrade(engine)
        st = Store(engine)
        counts = st.counts()
        assert (counts["articles"], counts["runs"], counts["events"], counts["extracted"], counts["near_copies"],
                counts["pending"]) == (2, 1, 1, 2, 0, 0)
        assert st.article(1) == Article(id="a1", text="نص 1") and st.events()[0]["event_key"] == "k1"
        with engine.begin() as conn:
            assert conn.execute(text("SELECT near_copy_of, near_copy_score FROM articles")).all() == [(None, None)] * 2
            # the new foreign key: deleting an original unlinks its copies; the old ones still cascade
            conn.execute(text("UPDATE articles SET near_copy_of = 1, near_copy_score = 0.9 WHERE id = 2"))
        assert [(c.article_id, c.original_id, c.score) for c in st.near_copies()] == [(2, 1, 0.9)]
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM articles WHERE id = 1"))
            assert conn.execute(text("SELECT id, near_copy_of FROM articles")).all() == [(2, None)]
            assert conn.execute(text("SELECT count(*) FROM events")).scalar() == 0
        # and back down: the columns go, the rows stay
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0001")
        assert "near_copy_of" not in {c["name"] for c in inspect(engine).get_columns("articles")}
        with engine.connect() as conn:
            assert conn.execute(text("SELECT id, external_id FROM articles")).all() == [(2, "a2")]
        upgrade(engine)
        assert Store(engine).counts()["articles"] == 1
    finally:
        engine.dispose()


def test_cli_links_near_copies_unless_told_not_to(with_copies: Path, tmp_path: Path) -> None:
    on = CliRunner().invoke(main, ["ingest", str(with_copies), "--db", str(tmp_path / "on.sqlite"), "--quiet"])
    assert on.exit_code == 0, on.output
    assert "11 new, 1 already stored, 0 skipped; 3 near-copies linked; extracted 8 " in on.stderr
    off = CliRunner().invoke(main, ["ingest", str(with_copies), "--db", str(tmp_path / "off.sqlite"), "--quiet",
                                    "--no-near-copies"])
    assert off.exit_code == 0 and "0 near-copies linked; extracted 11 " in off.stderr
    strict = CliRunner().invoke(main, ["ingest", str(with_copies), "--db", str(tmp_path / "strict.sqlite"),
                                       "--quiet", "--near-copies", "0.98"])
    assert strict.exit_code == 0 and "0 near-copies linked" in strict.stderr
    for bad in ("1.5", "0.999", "0"):  # outside (0, 1], or too close to 1 for the LSH bands
        res = CliRunner().invoke(main, ["ingest", str(with_copies), "--db", str(tmp_path / "bad.sqlite"),
                                        "--near-copies", bad])
        assert res.exit_code == 2 and "Invalid value for '--near-copies'" in res.output


def test_a_published_date_is_kept_for_copies(store: Store) -> None:
    body = "اشتباكات عنيفة بين القوات الحكومية والمسلحين في ريف المدينة الشمالي أسفرت عن سقوط قتلى من الطرفين " * 5
    original = Article(id="o", text=body, published=dt.date(2015, 7, 1), outlet="aawsat")
    copy = Article(id="c", text="خبر عاجل\n\n" + body + "\n(واس)", published=dt.date(2015, 7, 2), outlet="spa")
    assert store.add_articles([original, copy], near_copies=0.8) == (2, 0)
    [link] = store.near_copies()
    assert store.article(link.article_id) == copy and store.near_copies_linked == 1
