"""Articles from the web: fetch a page over HTTP and keep its main text with trafilatura.

``fetch`` downloads one address with urllib (a User-Agent, a size cap, conditional-GET validators) and raises
``FetchError`` -- an ``InputError`` with a code -- when it cannot: E121 an HTTP error status, E122 a network
failure or timeout, E123 a body over ``max_bytes``.  A ``304 Not Modified`` answer is not an error: it comes
back as a ``FetchResult`` with ``not_modified`` set and no body.

``article_from_html`` turns a page into an ``Article`` the way ``read_record`` turns a JSON record into one:
``text`` is ``title + "\\n\\n" + body`` with one paragraph per line pair, ``title_end`` marks the headline.
Navigation, footers, related-article lists and share buttons are left out by trafilatura.  The publication
date is the page's own (its metadata, ``<time>`` elements or the address, read by htmldate with the free-text
search turned off), never guessed from the article's words; ``published`` only fills a missing one.  The
outlet is the host of the address (``aawsat.com`` becomes ``aawsat`` when ``outlets.tsv`` knows that slug).

``read_url`` does both and never raises for a bad page: like ``read_paths`` it returns a ``ReadResult`` whose
``error`` says what went wrong (E121-E125).
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import email.utils
import json
import logging
import re
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message
from functools import lru_cache
from html.parser import HTMLParser
from http.client import HTTPException
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from trafilatura.settings import Document as TrafilaturaDocument

from rasd.errors import DataFileError, InputError, note
from rasd.ingest.readers import ReadResult, _binary_kind, _clean, _clearly_arabic
from rasd.lexicon.loader import iter_tsv
from rasd.model import Article

log = logging.getLogger(__name__)

USER_AGENT = "rasd/0.1 (Arabic conflict-news monitor; Python urllib)"
DEFAULT_TIMEOUT = 20.0  # seconds, per request
DEFAULT_MAX_BYTES = 5_000_000  # one news page is rarely over 1 MB
ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHUNK = 1 << 16
_HTML_RE = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|article|main|div|p|h1|title|meta)\b", re.IGNORECASE)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")
MIN_BODY_CHARS = 40  # less main text than this (not counting spaces) is no article: a menu, a caption, an error
# <meta> names and properties that carry the publication date (lower case)
_DATE_METAS = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "publish_date", "published_time", "date", "dc.date", "dc.date.issued",
    "dcterms.date", "dcterms.issued", "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
    "original-publish-date", "release_date", "created", "citation_publication_date",
)
_TAG_RE = re.compile(r"<[^>]*>")
_SCRIPT_RE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_ISO_DATE_RE = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})")
_BASIC_DATE_RE = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})(?:T|$)")
_URL_DATE_RE = re.compile(r"/((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?:/|[_-]|\.|$)")


class FetchError(InputError):
    """A download that failed: ``status`` is the HTTP status (None for network failures and oversize bodies)."""

    def __init__(self, code: str, *, status: int | None = None, **fields: Any) -> None:
        super().__init__(code, **fields)
        self.status = status

    @property
    def transient(self) -> bool:
        """True when trying again later may work: network failures, timeouts, 5xx, 408 and 429."""
        return self.code == "E122" or (self.status is not None and (self.status >= 500 or self.status in (408, 429)))


@dataclass(frozen=True)
class FetchResult:
    """One HTTP answer.  ``url`` is the final address after redirects; ``body`` is empty for a 304."""

    url: str
    status: int
    body: bytes
    content_type: str | None = None  # the media type alone, lower case: "text/html"
    charset: str | None = None  # from the Content-Type header
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """True for a ``304 Not Modified`` answer to a conditional GET."""
        return self.status == 304


def fetch(
    url: str,
    opener: urllib.request.OpenerDirector | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = ACCEPT_HTML,
    user_agent: str = USER_AGENT,
) -> FetchResult:
    """GET ``url`` (http or https only); ``etag``/``last_modified`` make it a conditional GET.

    The body is refused from its Content-Length when that is over ``max_bytes``, and reading stops one byte
    past the cap otherwise (E123).  gzip and deflate bodies are decompressed, under the same cap.  Raises
    ``FetchError``: E121 for an HTTP error status, E122 for a network failure, timeout or unsupported scheme.
    """
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError("E122", path=url, detail=f"unsupported address scheme {scheme or 'none'!r}")
    headers = {"User-Agent": user_agent, "Accept": accept, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    opener = opener or urllib.request.build_opener()
    try:
        response = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as err:
        with err:
            if err.code == 304:
                return FetchResult(url, 304, b"", etag=err.headers.get("ETag") or etag,
                                   last_modified=err.headers.get("Last-Modified") or last_modified)
            raise FetchError("E121", status=err.code, path=url, detail=f"{err.code} {err.reason}") from None
    except (urllib.error.URLError, OSError, HTTPException, ValueError) as err:
        raise FetchError("E122", path=url, detail=_reason(err)) from None
    with response:
        info: Message = response.headers
        try:
            body = _read_body(response, info, url, max_bytes)
        except (OSError, HTTPException, zlib.error) as err:
            raise FetchError("E122", path=url, detail=_reason(err)) from None
        raw_type = info.get("Content-Type")
        return FetchResult(
            url=response.geturl() or url,
            status=response.status or 200,
            body=body,
            content_type=info.get_content_type() if raw_type else None,
            charset=info.get_content_charset() if raw_type else None,
            etag=info.get("ETag"),
            last_modified=info.get("Last-Modified"),
        )


def article_from_html(
    html: str | bytes,
    url: str | None,
    published: dt.date | None = None,
    *,
    charset: str | None = None,
    id: str | None = None,
) -> ReadResult:
    """Make an ``Article`` of a page's main text, or a ``ReadResult`` with a coded error.

    Bytes are decoded by ``decode_html``: a byte-order mark, UTF-8 when they are valid UTF-8, then
    ``charset`` (the one the server named) or the page's ``<meta charset>``, then cp1256 when that reads as
    Arabic.  ``id`` defaults to ``url``.  Errors: E102 empty, E124 binary or not HTML, E125 no main text (or
    under ``MIN_BODY_CHARS`` of it).
    """
    label = id or url or "<html>"
    notes: tuple[str, ...] = ()
    if isinstance(html, bytes):
        if not html.strip():
            return _fail("E102", label, path=label)
        kind = _binary_kind(html[:8192], None)
        if kind:
            return _fail("E124", label, path=label, detail=kind)
        text, notes = decode_html(html, charset, label)
    else:
        text = html
    if not text.strip():
        return _fail("E102", label, path=label)
    if not _HTML_RE.search(text[:100_000].encode("utf-8", errors="replace")):
        return _fail("E124", label, path=label, detail="no HTML markup")
    try:
        doc = trafilatura.bare_extraction(text, url=url, with_metadata=True, include_comments=False)
    except Exception as err:  # trafilatura and lxml raise many kinds on broken markup
        log.debug("trafilatura failed on %s", label, exc_info=True)
        return _fail("E125", label, path=label, detail=f"the extractor failed: {type(err).__name__}")
    if not isinstance(doc, TrafilaturaDocument) or not (doc.text or "").strip():
        return _fail("E125", label, path=label, detail="no main text")
    title = _one_line(doc.title or "")
    paragraphs = [p for p in (_one_line(line) for line in _clean(doc.text or "").split("\n")) if p]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the page's <h1> restating the title
    body = "\n\n".join(paragraphs)
    if sum(not ch.isspace() for ch in body) < MIN_BODY_CHARS:
        return _fail("E125", label, path=label, detail="only a headline" if not body else "too little text")
    article = Article(
        id=label,
        text=f"{title}\n\n{body}" if title else body,
        published=page_date(text, url) or published,
        url=url,
        outlet=outlet_from_url(url) if url else None,
        title_end=len(title) if title else None,
        encoding_note=_encoding_of(notes),
    )
    return ReadResult(article, None, notes, label)


def read_url(
    url: str,
    opener: urllib.request.OpenerDirector | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    published: dt.date | None = None,
) -> ReadResult:
    """Fetch ``url`` and make an ``Article`` of it; never raises for a bad page or a failed download.

    A body whose Content-Type is not HTML (a PDF, an image, JSON, plain text) is refused (E124).  The id and
    ``url`` of the article are the address as given, not where redirects ended.
    """
    try:
        result = fetch(url, opener, timeout, max_bytes)
    except FetchError as err:
        return ReadResult(None, err, (), url)
    if result.content_type is not None and result.content_type not in HTML_TYPES:
        return _fail("E124", url, path=url, detail=f"Content-Type is {result.content_type}")
    return article_from_html(result.body, url, published, charset=result.charset)


def decode_html(data: bytes, charset: str | None = None, label: str = "<html>") -> tuple[str, tuple[str, ...]]:
    """Decode a page: a byte-order mark, then UTF-8, then the server's ``charset`` or ``<meta charset>``.

    Bytes that are valid UTF-8 are read as UTF-8 whatever the page declares (a wrong declaration is common;
    valid UTF-8 by chance is not).  Otherwise a declared charset is used when the bytes decode with it, then
    cp1256 when that reads as Arabic (note W101), then UTF-8 with replacement characters (note W102).
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _clean(data.decode(codec, errors="replace")), ()
    try:
        return _clean(data.decode("utf-8")), ()
    except UnicodeDecodeError:
        pass
    declared = [charset] if charset else []
    meta = _META_CHARSET_RE.search(data[:8192])
    if meta:
        declared.append(meta.group(1).decode("ascii"))
    for name in declared:
        try:
            if codecs.lookup(name).name.startswith(("utf-8", "utf-16", "utf-32")):
                continue  # not valid UTF-8, and a UTF-16 page would start with a byte-order mark
            return _clean(data.decode(name)), ()
        except (LookupError, UnicodeDecodeError):
            continue
    arabic = data.decode("cp1256", errors="replace")
    if _clearly_arabic(_TAG_RE.sub(" ", _SCRIPT_RE.sub(" ", arabic))):  # judge the words, not the markup
        return _clean(arabic), (note("W101", path=label),)
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    return _clean(replaced), (note("W102", path=label, detail=f"{bad} invalid UTF-8 sequences replaced"),)


def page_date(html: str, url: str | None = None) -> dt.date | None:
    """The publication date a page states about itself, or None; never a date from the article's words.

    In order: JSON-LD ``datePublished``; ``<meta>`` tags such as ``article:published_time``, ``pubdate`` or
    ``dc.date``; ``<time>`` elements marked ``itemprop="datePublished"`` or ``pubdate``; a ``/YYYY/MM/DD/``
    date in the address.  A timestamp's date is taken as written (``2015-07-21T01:30+03:00`` is 21 July).
    Dates before 1990 or after tomorrow are ignored.
    """
    reader = _DateMarkup()
    try:
        reader.feed(html[:2_000_000])
        reader.close()
    except Exception:  # html.parser is lenient; this is only a safety net
        log.debug("date markup reader failed", exc_info=True)
    candidates = [*reader.json_ld, *(v for k in _DATE_METAS for v in reader.metas.get(k, ())), *reader.times]
    for value in candidates:
        found = _parse_stamp(value)
        if found:
            return found
    match = _URL_DATE_RE.search(urlsplit(url).path) if url else None
    if match:
        try:
            return _plausible(dt.date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            return None
    return None


def outlet_from_url(url: str) -> str | None:
    """The outlet of an address: its host without ``www.``, or the ``outlets.tsv`` slug its name matches.

    ``http://aawsat.com/home/...`` → ``aawsat``; ``https://www.al-madina.com/...`` → ``almadina``;
    ``https://sana.sy/...`` → ``sana.sy`` (not a known slug).
    """
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host:
        return None
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix):]
            break
    name = host.split(".", 1)[0].replace("-", "")
    return name if name in _known_slugs() else host


# --- helpers ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _known_slugs() -> frozenset[str]:
    try:
        return frozenset(row["slug"].strip().lower() for row in iter_tsv("outlets.tsv") if row.get("slug"))
    except (DataFileError, KeyError):
        return frozenset()


def _fail(code: str, label: str, **fields: Any) -> ReadResult:
    return ReadResult(None, InputError(code, **fields), (), label)


def _read_body(response: Any, info: Message, url: str, max_bytes: int) -> bytes:
    length = info.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise FetchError("E123", path=url, limit=max_bytes, detail=f"Content-Length {int(length)}")
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes and (chunk := response.read(min(_CHUNK, max_bytes + 1 - size))):
        chunks.append(chunk)
        size += len(chunk)
    if size > max_bytes:
        raise FetchError("E123", path=url, limit=max_bytes, detail=f"stopped reading at {size} bytes")
    body = b"".join(chunks)
    encoding = (info.get("Content-Encoding") or "").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
        inflater = zlib.decompressobj(wbits)
        body = inflater.decompress(body, max_bytes + 1)
        if len(body) > max_bytes:
            raise FetchError("E123", path=url, limit=max_bytes, detail="decompressed")
    return body


def _reason(err: BaseException) -> str:
    if isinstance(err, urllib.error.URLError) and not isinstance(err.reason, str):
        err = err.reason if isinstance(err.reason, BaseException) else err
    if isinstance(err, TimeoutError):
        return "timed out"
    text = str(getattr(err, "reason", "") or err) or type(err).__name__
    return text if len(text) < 200 else text[:197] + "..."


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _DateMarkup(HTMLParser):
    """Collects what a page says about its own date: meta tags, JSON-LD and marked ``<time>`` elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.metas: dict[str, list[str]] = {}
        self.json_ld: list[str] = []
        self.times: list[str] = []
        self._in_json = False
        self._json_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta" and values.get("content"):
            for key in ("property", "name", "itemprop", "http-equiv"):
                if values.get(key):
                    self.metas.setdefault(values[key].strip().lower(), []).append(values["content"])
        elif tag == "script" and values.get("type", "").strip().lower() == "application/ld+json":
            self._in_json, self._json_text = True, []
        elif tag == "time" and values.get("datetime") and (
                values.get("itemprop", "").lower() == "datepublished" or "pubdate" in values):
            self.times.append(values["datetime"])

    def handle_data(self, data: str) -> None:
        if self._in_json:
            self._json_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_json:
            self._in_json = False
            with contextlib.suppress(ValueError, RecursionError):
                self.json_ld.extend(_json_dates(json.loads("".join(self._json_text))))


def _json_dates(node: Any, depth: int = 0) -> list[str]:
    """Every ``datePublished`` string in a JSON-LD value (objects, lists and ``@graph`` nested)."""
    if depth > 20:
        return []
    if isinstance(node, list):
        return [d for item in node for d in _json_dates(item, depth + 1)]
    if not isinstance(node, dict):
        return []
    found = [node["datePublished"]] if isinstance(node.get("datePublished"), str) else []
    nested = (value for value in node.values() if isinstance(value, dict | list))
    return found + [d for value in nested for d in _json_dates(value, depth + 1)]


def _parse_stamp(value: str) -> dt.date | None:
    """The date part of an ISO 8601 or RFC 2822 timestamp, as written (no time-zone conversion)."""
    text = value.strip()
    match = _ISO_DATE_RE.match(text) or _BASIC_DATE_RE.match(text)
    try:
        if match:
            return _plausible(dt.date(int(match[1]), int(match[2]), int(match[3])))
        stamp = email.utils.parsedate_to_datetime(text)
    except (ValueError, TypeError, IndexError):
        return None
    return _plausible(stamp.date())


def _plausible(day: dt.date) -> dt.date | None:
    return day if dt.date(1990, 1, 1) <= day <= dt.date.today() + dt.timedelta(days=1) else None


def _encoding_of(notes: tuple[str, ...]) -> str | None:
    if any(n.startswith("[W101]") for n in notes):
        return "cp1256"
    if any(n.startswith("[W102]") for n in notes):
        return "utf-8 (replaced)"
    return None
