"""Place names a corpus mentions that the gazetteer lacks, counted, so the frequent ones can be added.

``rasd gazetteer unresolved CORPUS`` runs the extractor over the articles and gathers every place mention whose
name the gazetteer does not have: names placed at an anchor (a nearby town, a sibling in a list, the province)
and names nothing placed.  Names the gazetteer has only elsewhere, and did not take here, are not listed.
Spellings of one name are grouped by their normalised key and the article's country; each group keeps its most
frequent spelling, how many articles use it, the place it was most often anchored to (a hint for whoever looks
up its coordinates) and a short example.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.geo.gazetteer import Gazetteer
from rasd.ingest import read_paths
from rasd.model import Document, Mention
from rasd.pipeline import Pipeline

_CONTEXT = 40  # characters of example on each side of the name


@dataclass
class UnresolvedPlace:
    """One name the gazetteer lacks, as found across a corpus."""

    key: str
    country: str | None
    count: int = 0
    articles: set[str] = field(default_factory=set)
    spellings: Counter[str] = field(default_factory=Counter)
    heads: Counter[str] = field(default_factory=Counter)  # the head nouns before it («قرية», «مطار»)
    anchors: Counter[str] = field(default_factory=Counter)  # "relation:place key" it was placed at
    example: str = ""

    @property
    def name(self) -> str:
        """The most frequent spelling."""
        return self.spellings.most_common(1)[0][0]

    def anchor_hint(self) -> str:
        return self.anchors.most_common(1)[0][0] if self.anchors else ""


@dataclass(frozen=True, slots=True)
class UnresolvedOptions:
    """What to read and what to keep."""

    paths: tuple[str, ...]
    min_count: int = 1
    top: int | None = None
    include_anchored: bool = True  # names placed at an anchor are unresolved too (the anchor is a fallback)


def collect(docs: Iterable[Document], into: dict[tuple[str, str | None], UnresolvedPlace] | None = None
            ) -> dict[tuple[str, str | None], UnresolvedPlace]:
    """Add the unresolved place mentions of ``docs`` to a tally keyed by (name key, country)."""
    out = into if into is not None else {}
    for doc in docs:
        country = doc.country
        code = None
        for m in doc.mentions:
            # a name the gazetteer has (a village abroad, «المائة») that was not taken here is not missing from it
            if m.kind != "place" or m.get("status") == "resolved" or m.get("gaz_key"):
                continue
            if code is None and country:
                code = _iso2(country)
            key = m.get("key") or m.text
            entry = out.setdefault((key, code), UnresolvedPlace(key, code))
            _add(entry, m, doc)
    return out


_ISO2: dict[str, str] = {}


def _iso2(country_name: str) -> str | None:
    if not _ISO2:
        _ISO2.update({c.name_en: c.iso2 for c in Gazetteer.default().countries()})
    return _ISO2.get(country_name)


def _add(entry: UnresolvedPlace, m: Mention, doc: Document) -> None:
    entry.count += 1
    entry.articles.add(doc.article.id)
    entry.spellings[m.text] += 1
    if m.get("head"):
        entry.heads[str(m.get("head"))] += 1
    if m.get("status") == "anchored":
        entry.anchors[f"{m.get('relation') or 'near'}:{m.get('place_name') or m.get('place_key')}"] += 1
    if not entry.example:
        raw = doc.article.text
        a, b = max(0, m.start - _CONTEXT), min(len(raw), m.end + _CONTEXT)
        entry.example = " ".join(raw[a:b].split())


def unresolved_places(opts: UnresolvedOptions, pipe: Pipeline | None = None,
                      warn: Callable[[str], None] | None = None) -> list[UnresolvedPlace]:
    """Read the corpus at ``opts.paths`` and list its unresolved place names, most frequent first."""
    pipe = pipe or Pipeline()

    def articles() -> Iterable[Document]:
        good = (r.article for r in read_paths(list(opts.paths)) if r.article is not None or _report(r, warn))
        return pipe.pipe(a for a in good if a is not None)

    tally = collect(articles())
    rows = [e for e in tally.values() if e.count >= opts.min_count
            and (opts.include_anchored or not e.anchors)]
    rows.sort(key=lambda e: (-e.count, -len(e.articles), e.key))
    return rows[: opts.top] if opts.top else rows


def _report(result: object, warn: Callable[[str], None] | None) -> bool:
    if warn is not None:
        warn(str(getattr(result, "error", "")))
    return False


def to_tsv(rows: Iterable[UnresolvedPlace]) -> str:
    """The list as tab-separated text (count, articles, name, key, country, heads, anchor, other spellings,
    example): easy to sort, filter and turn into override rows."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(["count", "articles", "name", "key", "country", "heads", "anchored_at", "spellings", "example"])
    for e in rows:
        w.writerow([e.count, len(e.articles), e.name, e.key, e.country or "",
                    "|".join(h for h, _ in e.heads.most_common()), e.anchor_hint(),
                    "|".join(s for s, _ in e.spellings.most_common() if s != e.name), e.example])
    return buf.getvalue()


def suggest(rows: Iterable[UnresolvedPlace], overrides: Path, opts: Any = None, gazetteer: Gazetteer | None = None
            ) -> tuple[int, dict[str, int]]:
    """Look the names up online (:mod:`rasd.geo.online`, opt-in) and append what it finds to ``overrides`` as
    rows with status ``suggested``, for a person to check; returns the rows written and the lookup counts.
    Names whose country is unknown are not looked up: the lookup is always restricted to one country."""
    from rasd.geo.online import UnresolvedName, suggest_places
    from rasd.geo.suggestions import append_suggestions

    names = [UnresolvedName(e.name, e.key, e.country, e.count, e.example) for e in rows if e.country]
    stats: dict[str, int] = {}
    found = suggest_places(names, opts, gazetteer=gazetteer, stats=stats)
    return append_suggestions(overrides, found), stats
