"""Parallel extraction on a dask LocalCluster of two worker processes (the path `rasd run` takes)."""

from __future__ import annotations

import pytest

from rasd.cluster import ClusterError, ClusterOptions, extract_batch, extract_parallel
from rasd.model import Article
from rasd.output.records import records
from rasd.pipeline import default_pipeline

pytest.importorskip("distributed")

TEXTS = [
    "قصفت قوات النظام مدينة البوكمال بالمدفعية أمس.",
    "سيطر تنظيم داعش على بلدة البصيرة بريف دير الزور الشرقي.",
    "شن الطيران الروسي غارات على مدينة معرة النعمان في ريف إدلب.",
    "اندلعت اشتباكات بين الجيش السوداني وقوات الدعم السريع في ولاية الجزيرة.",
    "",  # an article that is empty after reading: extracted to nothing, not an error
]


def _articles(n: int) -> list[Article]:
    return [Article(f"a{i}", TEXTS[i % len(TEXTS)]) for i in range(n)]


def test_a_batch_in_process_gives_the_same_records_as_the_pipeline() -> None:
    arts = _articles(5)
    pipe = default_pipeline()
    got = extract_batch(arts)
    assert [g.article.id for g in got] == [a.id for a in arts]
    for g, a in zip(got, arts, strict=True):
        assert g.error is None
        assert g.records() == records(pipe(a), pipe.gaz)


def test_two_workers_extract_every_article_once_with_the_same_results() -> None:
    arts = _articles(23)
    expected = {e.article.id: e.records() for e in extract_batch(arts)}
    got = list(extract_parallel(arts, ClusterOptions(workers=2, batch=4, max_in_flight=3)))
    assert sorted(g.article.id for g in got) == sorted(expected)
    for g in got:
        assert g.error is None
        assert g.records() == expected[g.article.id]


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    with pytest.raises(ClusterError, match="E602"):
        list(extract_parallel(_articles(2), ClusterOptions(scheduler="tcp://127.0.0.1:9")))
