"""rasd.store.ingest: idempotent ingestion, skipped input with reasons, failed extractions, progress."""

from __future__ import annotations

from pathlib import Path

from store_helpers import snapshot

from rasd.errors import ExtractionError
from rasd.model import Article, Document
from rasd.pipeline import Pipeline
from rasd.store import Store, ingest, reextract, resume


class Failing:
    """The pipeline, failing on one article the way a broken stage does."""

    def __init__(self, pipeline: Pipeline, fail_id: str) -> None:
        self.pipeline, self.fail_id, self.gaz = pipeline, fail_id, pipeline.gaz

    def __call__(self, article: Article) -> Document:
        if article.id == self.fail_id:
            raise ExtractionError("E201", doc=article.id, stage="extract", detail="ValueError: boom")
        return self.pipeline(article)


def test_the_same_files_twice_give_the_same_rows(store: Store, corpus40: Path, pipeline: Pipeline) -> None:
    first = ingest([corpus40], store, pipeline, batch=16)
    assert (first.read, first.added, first.duplicates, first.extracted) == (40, 40, 0, 40)
    assert first.events == store.counts()["events"] > 50 and first.skipped == () and first.seconds > 0
    before = snapshot(store)
    second = ingest([corpus40, corpus40], store, pipeline, batch=16)
    assert (second.read, second.added, second.duplicates, second.extracted, second.events) == (80, 0, 80, 0, 0)
    assert second.run_id == first.run_id
    assert snapshot(store) == before
    assert [r.status for r in store.runs()] == ["finished"]


def test_new_articles_extend_the_run(store: Store, corpus40: Path, pipeline: Pipeline, tmp_path: Path) -> None:
    lines = corpus40.read_text(encoding="utf-8").splitlines(keepends=True)
    head, tail = tmp_path / "head.jsonl", tmp_path / "tail.jsonl"
    head.write_text("".join(lines[:10]), encoding="utf-8")
    tail.write_text("".join(lines[10:14]), encoding="utf-8")
    ingest([head], store, pipeline)
    seen: list[tuple[int, int]] = []
    report = ingest([head, tail], store, pipeline, batch=3, progress=lambda done, total: seen.append((done, total)))
    assert (report.added, report.duplicates, report.extracted) == (4, 10, 4)
    assert seen == [(3, 4), (4, 4)]
    assert len(store.runs()) == 1 and store.counts()["pending"] == 0


def test_bad_input_is_skipped_with_its_reason(store: Store, corpus40: Path, pipeline: Pipeline,
                                              tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    broken = tmp_path / "broken.jsonl"
    broken.write_text(corpus40.read_text(encoding="utf-8").splitlines()[0] + "\n{oops\n", encoding="utf-8")
    report = ingest([empty, tmp_path / "missing.txt", broken], store, pipeline)
    reasons = dict(report.skipped)
    assert reasons[str(empty)].startswith("[E102]")
    assert reasons[str(tmp_path / "missing.txt")].startswith("[E101]")
    assert reasons[f"{broken}#line-2"].startswith("[E106]")
    assert (report.read, report.added, report.extracted) == (1, 1, 1)


def test_failed_articles_are_recorded_not_retried(store: Store, corpus40: Path, pipeline: Pipeline) -> None:
    bad = f"{corpus40}#line-1"
    failing = Failing(pipeline, bad)
    report = ingest([corpus40], store, failing, batch=16)  # type: ignore[arg-type]
    assert report.skipped == ((bad, f"[E201] {bad}: stage extract failed: ValueError: boom — "
                               "the article was skipped; please report it with the text"),)
    counts = store.counts()
    assert (counts["extracted"], counts["failed"], counts["pending"]) == (39, 1, 0)
    assert resume(store, pipeline).extracted == 0  # a failure is final for its run
    again = reextract(store, pipeline, batch=16)  # a new run extracts it (with a working pipeline)
    assert again.extracted == 40 and again.run_id == report.run_id + 1
    assert store.counts()["failed"] == 0 and {r["run_id"] for r in store.events()} == {again.run_id}
    # a run that fails on an article leaves it the events of the run before
    kept = store.events(doc_id=bad)
    assert kept and reextract(store, failing, batch=16).run_id == again.run_id + 1  # type: ignore[arg-type]
    assert store.events(doc_id=bad) == kept
    assert {r["run_id"] for r in store.events() if r["doc_id"] != bad} == {again.run_id + 1}
