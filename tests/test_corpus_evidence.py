"""Over all 2,000 corpus articles: no article fails, and every evidence span is the raw text it claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.ingest import read_paths
from rasd.output.records import records
from rasd.pipeline import default_pipeline

CORPUS = Path(__file__).parents[2] / "shared" / "corpus" / "saudinewsnet-conflict-2015" / "articles.jsonl"


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_file(), reason="needs ../shared")
def test_evidence_spans_over_the_whole_corpus() -> None:
    pipe = default_pipeline()
    n_docs = n_events = 0
    for res in read_paths([CORPUS]):
        assert res.article is not None, res.error
        doc = pipe(res.article)
        n_docs += 1
        for r in records(doc, pipe.gaz):
            n_events += 1
            for e in r["evidence"]:
                assert doc.text[e["start"]:e["end"]] == e["text"], (doc.article.id, e)
            assert r["event_type"] and r["sub_event_type"]
            assert r["latitude"] is not None and r["geo_precision"] in (1, 2, 3)
    assert n_docs == 2000
    assert n_events > 1000
