"""Helpers of the near-copy tests: synthetic near-copies of corpus records and an id-independent snapshot."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from store_helpers import snapshot

from rasd.store import Store
from rasd.store.schema import ArticleRow

# (new headline, signature, outlet) of the synthetic copies: the same body, another first line and a signature
VARIANTS = (
    ("عاجل: تطورات ميدانية جديدة في الساعات الأخيرة", "(واس)", "spa"),
    ("مصادر: ما جرى اليوم بحسب شهود عيان", "— خدمة وكالة الأنباء الألمانية", "dpa"),
    ("تقرير خاص عن آخر المستجدات", "المصدر: وكالات", "agencies"),
)


def near_copy(line: str, variant: int) -> str:
    """A JSON Lines record republishing ``line``'s story: another headline, an outlet signature, another URL."""
    record = json.loads(line)
    title, signature, outlet = VARIANTS[variant]
    record.update(title=title, content=f"{record['content']}\n\n{signature}", source=outlet,
                  url=f"{record['url']}?via={outlet}")
    return json.dumps(record, ensure_ascii=False) + "\n"


def stable_snapshot(st: Store) -> dict[str, Any]:
    """:func:`store_helpers.snapshot` plus the near-copy links, with article ids replaced by the articles'
    external ids (a transaction killed on PostgreSQL consumes sequence values, so the ids may differ)."""
    with st.engine.connect() as conn:
        ext: dict[int, str] = {i: e for i, e in conn.execute(select(ArticleRow.id, ArticleRow.external_id))}
    snap = snapshot(st)
    snap["mentions"] = sorted(((ext[m[0]], *m[1:]) for m in snap["mentions"]), key=repr)
    snap["ledger"] = sorted(((run, ext[a], status, n) for run, a, status, n in snap["ledger"]), key=repr)
    snap["sources"] = sorted(((key, ext[a], *rest) for key, a, *rest in snap["sources"]), key=repr)
    snap["events"] = [{**e, "article_id": ext[e["article_id"]]} for e in snap["events"]]
    snap["links"] = [(ext[c.article_id], ext[c.original_id], c.score, c.external_id, c.url, c.outlet)
                     for c in st.near_copies()]
    return snap
