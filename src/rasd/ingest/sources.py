"""Everything `rasd ingest` accepts, as one stream of read results.

- text files, directories and JSON Lines: :func:`rasd.ingest.read_paths`;
- saved web pages (``.html``, ``.htm``): the main text by trafilatura (:func:`rasd.ingest.web.article_from_html`);
- saved feeds (``.rss``, ``.atom``, ``.xml``) and feed URLs: every entry's page is fetched (URLs only; for a saved
  feed, or a page that cannot be fetched, the entry's own text is the article);
- other http(s) URLs: the page (:func:`rasd.ingest.web.read_url`).

A URL is taken for a feed when its Content-Type says so or when it parses as RSS/Atom; nothing is guessed from
the address alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from rasd.errors import InputError
from rasd.ingest.feeds import FeedEntry, parse_feed
from rasd.ingest.readers import ReadResult, read_paths
from rasd.ingest.web import FetchError, article_from_html, fetch, outlet_from_url, read_url
from rasd.model import Article

HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml")


def read_sources(sources: Iterable[str | Path], published: dt.date | None = None, max_bytes: int = 20_000_000
                 ) -> Iterator[ReadResult]:
    """Read every source in order; a bad one gives a result with ``error`` set, never an exception."""
    plain: list[str | Path] = []
    for src in sources:
        text = str(src)
        if text.startswith(("http://", "https://")):
            yield from _flush(plain, published, max_bytes)
            yield from _read_url(text, published)
        elif text.lower().endswith(HTML_SUFFIXES):
            yield from _flush(plain, published, max_bytes)
            yield _read_html_file(Path(text), published)
        elif text.lower().endswith(FEED_SUFFIXES):
            yield from _flush(plain, published, max_bytes)
            yield from _read_feed_file(Path(text), published)
        else:
            plain.append(src)
    yield from _flush(plain, published, max_bytes)


def _flush(plain: list[str | Path], published: dt.date | None, max_bytes: int) -> Iterator[ReadResult]:
    if plain:
        yield from read_paths(list(plain), published=published, max_bytes=max_bytes)
        plain.clear()


def _read_html_file(path: Path, published: dt.date | None) -> ReadResult:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ReadResult(None, InputError("E109", path=str(path), detail=exc.strerror or str(exc)), (), str(path))
    res = article_from_html(data, None, published, id=str(path))
    return res


def _read_feed_file(path: Path, published: dt.date | None) -> Iterator[ReadResult]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ReadResult(None, InputError("E109", path=str(path), detail=exc.strerror or str(exc)), (), str(path))
        return
    feed = parse_feed(data, str(path))
    if feed.error is not None:
        yield ReadResult(None, feed.error, (), str(path))
        return
    for entry in feed.entries:
        yield _entry_article(entry, published)


def _read_url(url: str, published: dt.date | None) -> Iterator[ReadResult]:
    try:
        got = fetch(url)
    except FetchError as err:
        yield ReadResult(None, err, (), url)
        return
    ctype = (got.content_type or "").lower()
    feed = parse_feed(got.body, url, got.content_type) if ctype in _FEED_TYPES or "xml" in ctype else None
    if feed is None or feed.error is not None:
        if feed is not None and ctype in _FEED_TYPES:
            yield ReadResult(None, feed.error, (), url)
            return
        yield article_from_html(got.body, url, published, charset=got.charset)
        return
    for entry in feed.entries:
        page = read_url(entry.url, published=entry.published or published)
        yield page if page.article is not None else _entry_article(entry, published)


def _entry_article(entry: FeedEntry, published: dt.date | None) -> ReadResult:
    """A feed entry's own title and text as the article (when its page cannot be had)."""
    title = (entry.title or "").strip()
    body = (entry.summary or "").strip()
    if not body:
        return ReadResult(None, InputError("E125", path=entry.url, detail="the feed entry has no text"), (),
                          entry.url)
    text = f"{title}\n\n{body}" if title else body
    art = Article(entry.url, text, entry.published or published, entry.url, outlet_from_url(entry.url),
                  len(title) if title else None)
    return ReadResult(art, None, (), entry.url)
