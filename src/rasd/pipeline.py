"""The pipeline: named stages that take and return a Document, streamed over many articles by ``pipe``.

Stages declare what they need and what they add.  Each runs under an error handler: an article that breaks a
stage is logged and skipped (``on_error="skip"``) or re-raised (``"raise"``), never the whole batch.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache

from rasd.errors import ExtractionError
from rasd.extractor.annotate import union_matcher
from rasd.extractor.core import extract_events
from rasd.extractor.merge import merge_events
from rasd.geo.gazetteer import Gazetteer
from rasd.lexicon.compiled import Lexicons, lexicons
from rasd.model import Article, Document
from rasd.text.normalize import normalize
from rasd.text.segment import sentences, zones

log = logging.getLogger("rasd")


@dataclass(frozen=True)
class Stage:
    """A named step: ``fn(doc) -> doc``; ``needs``/``adds`` name Document fields, for checks and docs."""

    name: str
    fn: Callable[[Document], Document]
    needs: tuple[str, ...]
    adds: tuple[str, ...]

    def __call__(self, doc: Document) -> Document:
        return self.fn(doc)


def _segment(doc: Document) -> Document:
    zs = zones(doc.article.text, doc.article.title_end)
    norm = normalize(doc.article.text)
    return replace(doc, zones=tuple(zs), sentences=tuple(sentences(doc.article.text, zs)), normalized=norm)


def _extract(lex: Lexicons, gaz: Gazetteer) -> Callable[[Document], Document]:
    def run(doc: Document) -> Document:
        norm = doc.normalized or normalize(doc.article.text)
        return extract_events(doc, lex, gaz, norm)
    return run


def _merge(doc: Document) -> Document:
    """One event per place, day, type and actors: restatements within the article become one event."""
    return replace(doc, events=tuple(merge_events(list(doc.events))))


class Pipeline:
    """The extraction pipeline with its compiled lexicons and gazetteer (build once, reuse)."""

    def __init__(self, lex: Lexicons | None = None, gaz: Gazetteer | None = None) -> None:
        self.lex = lex or lexicons()
        self.gaz = gaz or Gazetteer.default()
        self.stages: list[Stage] = [
            Stage("segment", _segment, ("article",), ("zones", "sentences", "normalized")),
            Stage("extract", _extract(self.lex, self.gaz), ("sentences", "normalized"),
                  ("mentions", "events", "country")),
            Stage("merge", _merge, ("events",), ("events",)),
        ]
        # Build the shared matcher now, then move the ~1 million long-lived objects of the lexicons, gazetteer
        # and matcher out of the cyclic collector's sight: they never form garbage, and rescanning them on every
        # collection costs about a tenth of the extraction time.
        union_matcher(self.gaz, self.lex)
        gc.freeze()

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, article: Article) -> Document:
        doc = Document(article)
        for stage in self.stages:
            try:
                doc = stage(doc)
            except Exception as exc:  # one bad article must not stop a batch: wrap and re-raise with context
                raise ExtractionError("E201", doc=article.id, stage=stage.name,
                                      detail=f"{type(exc).__name__}: {exc}") from exc
        return doc

    def pipe(self, articles: Iterable[Article], on_error: str = "skip") -> Iterator[Document]:
        """Process a stream of articles; failures are logged and skipped unless ``on_error="raise"``.

        While the stream runs, young objects are collected less often (:func:`batch_gc`)."""
        with batch_gc():
            for art in articles:
                try:
                    yield self(art)
                except ExtractionError as exc:
                    if on_error == "raise":
                        raise
                    log.error("%s", exc)


@contextmanager
def batch_gc(gen0: int = 50_000) -> Iterator[None]:
    """Raise the cyclic collector's first threshold for a batch of articles, and restore it after.

    An article allocates tens of thousands of short-lived containers (tokens, tags, matches) that die with it;
    collecting every 700 allocations rescans the survivors again and again (about 7% of the run)."""
    old = gc.get_threshold()
    gc.set_threshold(max(gen0, old[0]), old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    return Pipeline()


def extract(text: str, published: dt.date | str | None = None, *, id: str = "<text>",
            title: str | None = None, outlet: str | None = None) -> Document:
    """Extract the events of one Arabic article.

    ``published`` (a date or ``YYYY-MM-DD``) resolves relative dates; without it, event dates stay empty and
    their words are kept in ``date_expression``.  Returns the :class:`~rasd.model.Document`; its ``events`` are
    the ACLED-style events.
    """
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    text = text.replace("\r\n", "\n")
    title_end = None
    if title:
        text = title + "\n\n" + text
        title_end = len(title)
    return default_pipeline()(Article(id, text, published, None, outlet, title_end))
