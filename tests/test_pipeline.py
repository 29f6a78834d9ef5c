"""The pipeline's stages, the batch error handler and the merge stage."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from dataclasses import replace

import pytest

from rasd.model import Article, Document
from rasd.pipeline import Pipeline, Stage, default_pipeline

TEXT = ("سيطرة قسد على البصيرة\n\n"
        "سيطرت «قوات سوريا الديمقراطية» على مدينة البصيرة في ريف دير الزور الشرقي، أمس.\n\n"
        "وأكد المصدر أن القوات بعد السيطرة على مدينة البصيرة ستتقدم باتجاه بلدة هجين.")


def test_stages_declare_what_they_need_and_add() -> None:
    pipe = default_pipeline()
    assert pipe.stage_names == ["segment", "extract", "merge"]
    produced = {"article"}
    for stage in pipe.stages:
        assert set(stage.needs) <= produced, stage.name
        produced |= set(stage.adds)


def test_merge_stage_joins_restatements_and_drops_lone_ones() -> None:
    pipe = default_pipeline()
    doc = Document(Article("t", TEXT, dt.date(2017, 11, 12)))
    for stage in pipe.stages[:2]:
        doc = stage(doc)
    captures = [e for e in doc.events if e.sub_event_type.endswith("overtakes territory")]
    assert len(captures) >= 2  # headline, lead and the «بعد السيطرة» reference
    assert any(e.restatement for e in captures)
    merged = pipe.stages[2](doc)
    [ev] = [e for e in merged.events if e.sub_event_type.endswith("overtakes territory")]
    assert not ev.restatement and ev.actor1 == "SDF: Syrian Democratic Forces"
    assert ev.date.date == dt.date(2017, 11, 11)
    assert len({e.start for e in ev.evidence if e.field == "trigger"}) >= 2


def test_a_failing_article_is_logged_and_skipped(caplog: pytest.LogCaptureFixture) -> None:
    base = default_pipeline()
    pipe = Pipeline(base.lex, base.gaz)

    def boom(doc: Document) -> Document:
        if "انفجار" in doc.text:
            raise RuntimeError("broken stage")
        return doc

    pipe.stages.insert(1, Stage("boom", boom, ("article",), ()))
    arts = [Article("bad", "عنوان\n\nانفجار"), Article("good", TEXT, dt.date(2017, 11, 12))]
    with caplog.at_level(logging.ERROR, logger="rasd"):
        docs = list(pipe.pipe(arts))
    assert [d.article.id for d in docs] == ["good"]
    assert "E201" in caplog.text and "bad" in caplog.text and "boom" in caplog.text
    with pytest.raises(Exception, match="E201"):
        list(pipe.pipe(arts, on_error="raise"))


def test_documents_are_not_mutated() -> None:
    doc = default_pipeline()(Article("t", TEXT, dt.date(2017, 11, 12)))
    again = replace(doc)
    assert again == doc and doc.article.text == TEXT


def test_batch_gc_raises_the_young_threshold_and_restores_it() -> None:
    import gc

    from rasd.pipeline import batch_gc

    before = gc.get_threshold()
    with batch_gc(gen0=123_456):
        assert gc.get_threshold()[0] == 123_456
    assert gc.get_threshold() == before
    with contextlib.suppress(RuntimeError), batch_gc(gen0=123_456):
        raise RuntimeError("a failing batch")
    assert gc.get_threshold() == before
