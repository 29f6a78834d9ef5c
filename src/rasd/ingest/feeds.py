"""RSS 2.0 and Atom feeds: parse them with feedparser, poll them with conditional GETs.

``parse_feed`` turns a feed document into ``FeedEntry`` items (address, title, date, plain-text summary,
guid).  ``poll_feed`` downloads a feed with ``rasd.ingest.web.fetch``, sending the ETag and Last-Modified of
the previous poll so an unchanged feed costs a ``304 Not Modified`` and yields no entries, and returns the
state to send next time.

Neither raises for a bad feed: a feed that is down (E121, E122), too big (E123) or not a feed at all (E126)
comes back as a ``FeedResult`` with ``error`` set and the previous state kept, so a caller polling many
feeds goes on with the others.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import logging
import re
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import feedparser  # type: ignore[import-untyped]

from rasd.errors import InputError
from rasd.ingest.web import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, FetchError, fetch

log = logging.getLogger(__name__)

ACCEPT_FEED = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
_ISO_DATE_RE = re.compile(r"\s*((?:19|20)\d{2})-(\d{2})-(\d{2})")
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"})


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed.  ``summary`` is plain text (the full ``content:encoded`` when the feed has it)."""

    url: str
    title: str | None = None
    published: dt.date | None = None
    summary: str | None = None
    guid: str | None = None


@dataclass(frozen=True)
class FeedState:
    """What to send on the next poll of a feed: its ``ETag`` and ``Last-Modified`` validators."""

    etag: str | None = None
    last_modified: str | None = None

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready form (keys with no value left out)."""
        return {k: v for k, v in (("etag", self.etag), ("last_modified", self.last_modified)) if v}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeedState:
        """The inverse of ``to_dict``; unknown keys and non-string values are ignored."""
        etag, modified = data.get("etag"), data.get("last_modified")
        return cls(etag if isinstance(etag, str) else None, modified if isinstance(modified, str) else None)


@dataclass(frozen=True)
class FeedResult:
    """One poll or parse of a feed.

    ``entries`` is empty when the feed was not modified (``not_modified``) or could not be read (``error``).
    ``state`` is what to send on the next poll: the new validators, or the old ones after a failure.
    """

    url: str
    entries: tuple[FeedEntry, ...] = ()
    state: FeedState = field(default_factory=FeedState)
    error: InputError | None = None
    not_modified: bool = False
    title: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the feed was read, or was unchanged."""
        return self.error is None


def parse_feed(data: bytes | str, url: str = "<feed>", content_type: str | None = None) -> FeedResult:
    """Parse an RSS or Atom document; relative links are resolved against ``url``.

    Garbage (an HTML page, random bytes, an empty body) gives E126.  A feed that is not well-formed but
    still yields entries is kept, with a note.  Entries without any link are dropped, with a note.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if not raw.strip():
        return FeedResult(url, error=InputError("E126", path=url, detail="empty body"))
    headers = {"content-location": url} if url.startswith(("http://", "https://")) else {}
    if content_type:
        headers["content-type"] = content_type
    try:
        # A stream, never a string: feedparser would treat a string as an address or a file name.
        parsed = feedparser.parse(io.BytesIO(raw), response_headers=headers)
    except Exception as err:  # feedparser is lenient, but its sanitiser and date parsers have raised before
        return FeedResult(url, error=InputError("E126", path=url, detail=f"parser failed: {type(err).__name__}"))
    version = parsed.get("version") or ""
    items = parsed.get("entries") or []
    problem = parsed.get("bozo_exception")
    if isinstance(problem, _HARMLESS):
        problem = None  # a missing or odd Content-Type, or an encoding declaration overridden: not the feed's fault
    if not version and not items:
        detail = f"not well-formed XML: {_short(str(problem))}" if problem else "no RSS or Atom elements"
        return FeedResult(url, error=InputError("E126", path=url, detail=detail))
    notes: list[str] = []
    if problem is not None:
        notes.append(f"{url}: feed is not well-formed ({_short(str(problem))}); read what could be read")
    entries: list[FeedEntry] = []
    dropped = 0
    for item in items:
        entry = _entry(item)
        if entry is None:
            dropped += 1
        else:
            entries.append(entry)
    if dropped:
        notes.append(f"{url}: {dropped} entr{'y' if dropped == 1 else 'ies'} without a link left out")
    title = _text_of(parsed.get("feed", {}).get("title")) or None
    return FeedResult(url, tuple(entries), FeedState(), None, False, title, tuple(notes))


def poll_feed(
    url: str,
    state: FeedState | None = None,
    opener: urllib.request.OpenerDirector | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FeedResult:
    """Fetch and parse a feed with a conditional GET; never raises for a feed that is down or broken.

    A ``304 Not Modified`` gives no entries and ``not_modified``; the returned ``state`` carries the
    validators of this answer (or ``state`` itself when the server sent none, or the poll failed).
    """
    state = state or FeedState()
    try:
        answer = fetch(url, opener, timeout, max_bytes, etag=state.etag, last_modified=state.last_modified,
                       accept=ACCEPT_FEED)
    except FetchError as err:
        log.debug("feed %s: %s", url, err)
        return FeedResult(url, state=state, error=err)
    if answer.not_modified:
        return FeedResult(url, state=FeedState(answer.etag or state.etag, answer.last_modified or state.last_modified),
                          not_modified=True)
    mime = answer.content_type
    header = f"{mime}; charset={answer.charset}" if mime and answer.charset else mime
    result = parse_feed(answer.body, answer.url or url, header)
    if result.error is not None:  # keep the old validators, so a fixed feed is fetched in full next time
        return FeedResult(url, state=state, error=result.error)
    new_state = FeedState(answer.etag, answer.last_modified)
    return FeedResult(url, result.entries, new_state, None, False, result.title, result.notes)


# --- entries ---------------------------------------------------------------------------------------------


def _entry(item: Any) -> FeedEntry | None:
    guid = _text_of(item.get("id")) or None
    link = _text_of(item.get("link"))
    if not link:
        links = item.get("links") or []
        link = next((_text_of(x.get("href")) for x in links if _text_of(x.get("href"))), "")
    if not link:
        return None
    contents = item.get("content") or []
    full = max((_html_to_text(_text_of(c.get("value"))) for c in contents), key=len, default="")
    summary = _html_to_text(_text_of(item.get("summary")))
    return FeedEntry(
        url=link.strip(),
        title=" ".join(_html_to_text(_text_of(item.get("title"))).split()) or None,
        published=_entry_date(item),
        summary=(full if len(full) > len(summary) else summary) or None,
        guid=guid,
    )


def _entry_date(item: Any) -> dt.date | None:
    """The entry's date as the feed wrote it (a +03:00 timestamp keeps its local day), else feedparser's UTC one."""
    for key in ("published", "updated", "created"):
        raw = _text_of(item.get(key))
        if not raw:
            continue
        match = _ISO_DATE_RE.match(raw)
        try:
            if match:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            return email.utils.parsedate_to_datetime(raw).date()
        except (ValueError, TypeError, IndexError):
            pass
        parsed = item.get(f"{key}_parsed")
        if parsed:
            try:
                return dt.date(parsed[0], parsed[1], parsed[2])
            except (ValueError, TypeError, IndexError):
                pass
    return None


class _TextOnly(HTMLParser):
    """Plain text of an HTML fragment: block elements become paragraph breaks, scripts and styles vanish."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _html_to_text(fragment: str) -> str:
    """Paragraphs of an HTML fragment, one per line pair, with runs of white space inside each collapsed."""
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        lines = fragment.split("\n")
    else:
        reader = _TextOnly()
        reader.feed(fragment)
        reader.close()
        lines = "".join(reader.parts).split("\n")
    return "\n\n".join(p for p in (" ".join(line.split()) for line in lines) if p)


def _text_of(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
