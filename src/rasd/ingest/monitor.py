"""Watch news feeds: poll them, fetch every new entry's page, hand each article to a sink.

A feeds file (YAML) lists the feeds::

    feeds:
      - url: https://www.example.com/rss/syria.xml
        name: Example, Syria desk        # optional, for the logs
        interval: 10m                    # optional: seconds, or 30s / 10m / 2h; default: run()'s interval

``Monitor.poll_once()`` is one round: every feed is polled (a conditional GET), every entry whose address
was not seen before has its page fetched -- at most one request per host every ``per_host_delay`` seconds --
and made into an ``Article`` with ``rasd.ingest.web``; when the page cannot be had, the entry's own summary
in the feed is the article instead.  The sink gets each article, then the address is recorded in the seen
store.  A feed that is down or is garbage is logged and skipped; so is a page that fails with no summary to
fall back on.  A transient failure (a timeout, a 5xx, an exception in the sink) is tried again in the next
rounds, up to ``max_attempts`` tries in all; a permanent one (a 404, a PDF) is recorded as seen at once.

``run(interval, rounds)`` repeats rounds, polling each feed when its own interval has passed.  The clock and
the sleep function are injectable, so tests run rounds without waiting.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import re
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml

from rasd.errors import InputError
from rasd.ingest.feeds import FeedEntry, FeedState, poll_feed
from rasd.ingest.readers import read_text
from rasd.ingest.web import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, FetchError, outlet_from_url, read_url
from rasd.model import Article

log = logging.getLogger(__name__)

DEFAULT_INTERVAL = 600.0  # seconds between polls of a feed with no interval of its own
_DURATION_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*$")
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid)$", re.IGNORECASE)


@dataclass(frozen=True)
class FeedConfig:
    """One feed to watch; ``interval`` (seconds) overrides the monitor's."""

    url: str
    name: str | None = None
    interval: float | None = None


def load_feeds(path: str | Path) -> list[FeedConfig]:
    """Read a feeds file (see the module docstring); raises ``InputError`` (E127) naming what is wrong."""
    label = str(path)
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError("E127", path=label, detail=err.strerror or str(err)) from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise InputError("E127", path=label, detail=f"not valid YAML: {' '.join(str(err).split())}") from None
    items = data.get("feeds") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise InputError("E127", path=label, detail="expected a mapping with a 'feeds' list")
    feeds: list[FeedConfig] = []
    seen: set[str] = set()
    for number, item in enumerate(items, 1):
        where = f"feed {number}"
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict):
            raise InputError("E127", path=label, detail=f"{where}: expected a mapping with a url")
        url = item.get("url")
        if not isinstance(url, str) or urlsplit(url.strip()).scheme not in ("http", "https"):
            raise InputError("E127", path=label, detail=f"{where}: url must be an http(s) address, not {url!r}")
        url = url.strip()
        if url in seen:
            raise InputError("E127", path=label, detail=f"{where}: {url} is listed twice")
        seen.add(url)
        name = item.get("name")
        interval = item.get("interval")
        try:
            seconds = parse_interval(interval) if interval is not None else None
        except ValueError as err:
            raise InputError("E127", path=label, detail=f"{where}: {err}") from None
        feeds.append(FeedConfig(url, str(name) if name is not None else None, seconds))
    return feeds


def parse_interval(value: object) -> float:
    """Seconds from a number or a string such as ``90``, ``30s``, ``10m`` or ``2h``; ValueError if not positive."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    else:
        match = _DURATION_RE.match(str(value))
        if not match:
            raise ValueError(f"interval must be seconds or like 30s, 10m, 2h, not {value!r}")
        seconds = float(match[1]) * {"": 1, "s": 1, "m": 60, "h": 3600}[match[2]]
    if seconds <= 0:
        raise ValueError(f"interval must be positive, not {value!r}")
    return seconds


def canonical_url(url: str) -> str:
    """The address used to recognise an article seen before: no fragment, no tracking parameters, host lower case."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _TRACKING_PARAMS.match(k)])
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


# --- seen stores -----------------------------------------------------------------------------------------


class SeenStore(Protocol):
    """Where the monitor records the addresses it has handled."""

    def has(self, url: str) -> bool: ...

    def add(self, url: str) -> None: ...


@runtime_checkable
class Flushable(Protocol):
    """A store that buffers writes; the monitor flushes it at the end of every round."""

    def flush(self) -> None: ...


class MemorySeenStore:
    """Seen addresses in memory (lost when the process ends)."""

    def __init__(self, urls: Iterable[str] = ()) -> None:
        self._urls: set[str] = set(urls)

    def has(self, url: str) -> bool:
        """True when ``url`` was added before."""
        return url in self._urls

    def add(self, url: str) -> None:
        """Record ``url``."""
        self._urls.add(url)

    def __len__(self) -> int:
        return len(self._urls)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._urls))


class JsonSeenStore(MemorySeenStore):
    """Seen addresses in a JSON file (``{"version": 1, "urls": [...]}``), written atomically on ``flush()``.

    A missing file is an empty store; an unreadable or malformed one raises ``InputError`` (E128) rather
    than being overwritten.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        super().__init__(self._load())
        self._dirty = False

    def add(self, url: str) -> None:
        """Record ``url``; it reaches the file on the next ``flush()``."""
        if not self.has(url):
            super().add(url)
            self._dirty = True

    def flush(self) -> None:
        """Write the file if anything was added since the last write (a temporary file, then a rename)."""
        if not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"version": 1, "urls": list(self)}, fh, ensure_ascii=False, indent=0)
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        self._dirty = False

    def _load(self) -> list[str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except OSError as err:
            raise InputError("E128", path=str(self.path), detail=err.strerror or str(err)) from None
        except (ValueError, UnicodeDecodeError) as err:
            raise InputError("E128", path=str(self.path), detail=f"not valid JSON ({err})") from None
        urls = data.get("urls") if isinstance(data, dict) else None
        if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
            raise InputError("E128", path=str(self.path), detail="expected an object with a 'urls' list of strings")
        return urls


# --- the monitor -----------------------------------------------------------------------------------------


@dataclass
class RoundReport:
    """What one round (or several, added up) did."""

    feeds_polled: int = 0
    feeds_unchanged: int = 0  # answered 304 Not Modified
    feeds_failed: int = 0
    entries_new: int = 0  # entries whose address had not been seen
    articles: int = 0  # articles handed to the sink
    from_summary: int = 0  # of those, made from the feed's summary because the page failed
    pages_failed: int = 0  # new entries with neither a page nor a summary, or that the sink refused
    retries: int = 0  # entries tried again after a transient failure in an earlier round
    errors: list[str] = field(default_factory=list)

    def __iadd__(self, other: RoundReport) -> RoundReport:
        for f in dataclasses.fields(self):
            if f.name != "errors":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        self.errors.extend(other.errors)
        return self


class HostThrottle:
    """At most one request per host every ``delay`` seconds, counted from the end of the previous request."""

    def __init__(self, delay: float, clock: Callable[[], float], sleep: Callable[[float], None]) -> None:
        self.delay = delay
        self.clock = clock
        self.sleep = sleep
        self._last: dict[str, float] = {}

    @contextlib.contextmanager
    def slot(self, url: str) -> Iterator[None]:
        """Wait for ``url``'s host to be free, then hold it for the request made inside the ``with`` block."""
        host = (urlsplit(url).hostname or "").lower()
        last = self._last.get(host)
        if last is not None:
            wait = last + self.delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        try:
            yield
        finally:
            self._last[host] = self.clock()


class Monitor:
    """Polls feeds, fetches new pages, hands articles to ``sink``; see the module docstring."""

    def __init__(
        self,
        feeds: Sequence[FeedConfig] | str | Path,
        seen: SeenStore,
        sink: Callable[[Article], None],
        per_host_delay: float = 1.0,
        *,
        opener: urllib.request.OpenerDirector | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        fetch_pages: bool = True,
        max_attempts: int = 3,
    ) -> None:
        self.feeds = load_feeds(feeds) if isinstance(feeds, str | Path) else list(feeds)
        self.seen = seen
        self.sink = sink
        self.opener = opener or urllib.request.build_opener()
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.clock = clock
        self.sleep = sleep
        self.fetch_pages = fetch_pages  # False: articles are made from the feeds' summaries only
        self.max_attempts = max_attempts  # tries of an entry whose page failed transiently or the sink refused
        self.throttle = HostThrottle(per_host_delay, clock, sleep)
        self.states: dict[str, FeedState] = {}  # validators for each feed's next conditional GET
        self._next_due: dict[str, float] = {}
        self._retry: dict[str, tuple[FeedEntry, int]] = {}  # seen-key -> (entry, failed tries so far)

    def poll_once(self, feeds: Sequence[FeedConfig] | None = None) -> RoundReport:
        """One round over ``feeds`` (all of them by default), then the entries waiting for a retry."""
        report = RoundReport()
        pending = list(self._retry.items())  # failures of earlier rounds, not of this one
        try:
            for feed in self.feeds if feeds is None else feeds:
                self._poll_feed(feed, report)
            for key, (entry, failures) in pending:
                report.retries += 1
                self._handle_entry(entry, key, report, failures)
        finally:
            if isinstance(self.seen, Flushable):
                self.seen.flush()
        return report

    def run(self, interval: float = DEFAULT_INTERVAL, rounds: int | None = None) -> RoundReport:
        """Poll every feed when its interval has passed, ``rounds`` times (forever when None); returns the totals.

        The first round polls every feed; later rounds poll the feeds that are due, after sleeping until the
        first one is.  Stop a run that has no ``rounds`` with KeyboardInterrupt.
        """
        if interval <= 0:
            raise ValueError(f"interval must be positive, not {interval}")
        total = RoundReport()
        done = 0
        while rounds is None or done < rounds:
            if done:
                first_due = min((self._next_due.get(f.url, 0.0) for f in self.feeds), default=self.clock() + interval)
                wait = first_due - self.clock()
                if wait > 0:
                    self.sleep(wait)
            now = self.clock()
            due = [f for f in self.feeds if self._next_due.get(f.url, 0.0) <= now]
            for feed in due:
                self._next_due[feed.url] = now + (feed.interval or interval)
            total += self.poll_once(due)
            done += 1
        return total

    def export_states(self) -> dict[str, dict[str, str]]:
        """The feeds' conditional-GET validators as JSON-ready data, to keep across restarts."""
        return {url: state.to_dict() for url, state in self.states.items() if state.to_dict()}

    def restore_states(self, data: dict[str, Any]) -> None:
        """Take back validators saved by ``export_states`` (entries that are not objects are ignored)."""
        for url, value in data.items():
            if isinstance(url, str) and isinstance(value, dict):
                self.states[url] = FeedState.from_dict(value)

    # --- one feed, one entry ---

    def _poll_feed(self, feed: FeedConfig, report: RoundReport) -> None:
        label = feed.name or feed.url
        with self.throttle.slot(feed.url):
            result = poll_feed(feed.url, self.states.get(feed.url), self.opener, self.timeout, self.max_bytes)
        report.feeds_polled += 1
        self.states[feed.url] = result.state
        if result.error is not None:
            report.feeds_failed += 1
            report.errors.append(str(result.error))
            log.warning("feed %s skipped: %s", label, result.error)
            return
        if result.not_modified:
            report.feeds_unchanged += 1
            log.debug("feed %s: not modified", label)
            return
        for text in result.notes:
            log.info("%s", text)
        for entry in result.entries:
            key = canonical_url(entry.url)
            if key in self._retry or self.seen.has(key):
                continue  # entries waiting for a retry are tried after the feeds
            report.entries_new += 1
            self._handle_entry(entry, key, report)

    def _handle_entry(self, entry: FeedEntry, key: str, report: RoundReport, failures: int = 0) -> None:
        article, error, from_summary = self._article_for(entry)
        if article is None:
            report.pages_failed += 1
            report.errors.append(str(error))
            log.warning("entry %s skipped: %s", entry.url, error)
            self._failed(entry, key, failures, retry=isinstance(error, FetchError) and error.transient)
            return
        try:
            self.sink(article)
        except Exception as err:  # the sink's failure must not stop the other feeds
            report.pages_failed += 1
            report.errors.append(f"{entry.url}: the sink failed: {type(err).__name__}: {err}")
            log.exception("sink failed on %s", entry.url)
            self._failed(entry, key, failures, retry=True)
            return
        self._retry.pop(key, None)
        self.seen.add(key)
        report.articles += 1
        report.from_summary += from_summary

    def _failed(self, entry: FeedEntry, key: str, failures: int, retry: bool) -> None:
        """Queue a transient failure for the next round; give up (mark it seen) when permanent or tried enough."""
        if retry and failures + 1 < self.max_attempts:
            self._retry[key] = (entry, failures + 1)
            return
        if retry:
            log.warning("entry %s given up after %d tries", entry.url, failures + 1)
        self._retry.pop(key, None)
        self.seen.add(key)

    def _article_for(self, entry: FeedEntry) -> tuple[Article | None, InputError | None, bool]:
        """The entry's page as an article, else its summary as one; (article, page error, from summary)."""
        error: InputError | None = None
        if self.fetch_pages:
            with self.throttle.slot(entry.url):
                result = read_url(entry.url, self.opener, self.timeout, self.max_bytes, published=entry.published)
            if result.article is not None:
                return result.article, None, False
            error = result.error
            log.info("page %s failed (%s); using the feed's summary", entry.url, error)
        if entry.summary and entry.summary.strip():
            try:
                article = read_text(entry.summary, id=entry.url, published=entry.published, title=entry.title)
            except InputError as err:
                return None, error or err, False
            return dataclasses.replace(article, url=entry.url, outlet=outlet_from_url(entry.url)), None, True
        return None, error or InputError("E125", path=entry.url, detail="no page fetched and no summary"), False
