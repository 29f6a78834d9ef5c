"""An in-process cache of the answers of the API's GET read routes, dropped whenever the data may have changed.

Analysts look at the same views again and again (the first page of events, the map points and timeline of a
country, the facets, who held what on a day); each is a few milliseconds of SQL, JSON decoding and encoding
-- ``/api/control`` merges every event first, hundreds of milliseconds -- but only a copy of bytes when it is
kept.  :class:`CacheMiddleware` keeps the complete answers (status 200) of :data:`CACHED_PATHS` in a
least-recently-used map bounded by entries and by bytes, keyed by the path and the query parameters
(:func:`query_key`: sorted by name, so ``?a=1&b=2`` and ``?b=2&a=1`` are one entry), and serves them again
without entering FastAPI.  Answers say ``X-Rasd-Cache: hit`` or ``miss``.

Every entry carries the data version it was computed under (:class:`DataVersion`), and is served only while
the version is the same:

- writes through this application (review edits, ``POST /api/events/{key}/review``) and any other write
  through the same :class:`rasd.store.Store` object change :attr:`rasd.store.Store.writes` when they commit:
  the next request sees a new version at once;
- writes by other processes (``rasd ingest`` or ``rasd run`` while ``rasd serve`` runs, another ``rasd serve
  --workers`` process taking a review) change :meth:`rasd.store.Store.events_version`, which is asked at most
  every ``version_check_seconds`` (setting ``api.version_check_seconds``, default 1 s; 0 asks before every
  answer, about 0.2 ms on SQLite): such a write is served at most that long after it was committed.

A version is read before the answer is computed, so an answer computed while a write commits is kept under the
older version and never served as the newer one.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from urllib.parse import parse_qsl

import anyio
import anyio.to_thread
from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rasd import config
from rasd.store import Store

# The routes whose answers are kept: reads of the events only (what :class:`DataVersion` watches).
CACHED_PATHS = frozenset({"/api/events", "/api/points", "/api/timeline", "/api/facets", "/api/control"})
HEADER = b"x-rasd-cache"


@dataclass(frozen=True)
class CacheOptions:
    """How many answers (``entries``) and bytes (``max_bytes``) to keep, and how often to ask the database
    whether another process changed it (``version_check_seconds``; 0: before every answer).  No cache when
    either bound is 0."""

    entries: int = 256
    max_bytes: int = 64 * 2**20
    version_check_seconds: float = 1.0

    @property
    def enabled(self) -> bool:
        """Whether answers are kept at all."""
        return self.entries > 0 and self.max_bytes > 0

    @classmethod
    def from_settings(cls) -> CacheOptions:
        """The options of the ``api`` settings (:mod:`rasd.config`: ``cache_entries``, ``cache_megabytes``,
        ``version_check_seconds``; environment ``RASD_API_CACHE_ENTRIES`` and so on)."""
        return cls(entries=max(0, int(config.get("api", "cache_entries"))),
                   max_bytes=max(0, int(float(config.get("api", "cache_megabytes")) * 2**20)),
                   version_check_seconds=max(0.0, float(config.get("api", "version_check_seconds"))))


@dataclass(frozen=True)
class Entry:
    """A kept answer: the data version it was computed under, its status, headers and body."""

    version: Hashable
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


def query_key(query_string: bytes) -> tuple[tuple[str, str], ...]:
    """The query parameters as the application reads them (Starlette's decoding), sorted by name; the order
    of a repeated parameter is kept, since the application reads the last one."""
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    return tuple(sorted(pairs, key=lambda kv: kv[0]))


class ResponseCache:
    """A least-recently-used map of answers bounded by entries and by total body bytes.  An answer larger than
    a quarter of the byte budget is not kept, so that one huge answer cannot push out all the others.

    Used from the event loop's thread only (the middleware), so it takes no lock."""

    def __init__(self, entries: int, max_bytes: int) -> None:
        """An empty cache of at most ``entries`` answers and ``max_bytes`` bytes of bodies."""
        self.max_entries = entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, Entry] = OrderedDict()
        self.bytes = 0
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable, version: Hashable) -> Entry | None:
        """The answer kept for ``key`` if it was computed under ``version`` (an older one is dropped)."""
        entry = self._items.get(key)
        if entry is not None and entry.version == version:
            self._items.move_to_end(key)
            self.hits += 1
            return entry
        if entry is not None:
            self._drop(key)
        self.misses += 1
        return None

    def put(self, key: Hashable, entry: Entry) -> bool:
        """Keep an answer (evicting the least recently used ones to make room); False when it is too big."""
        if len(entry.body) > self.max_bytes // 4:
            return False
        if key in self._items:
            self._drop(key)
        self._items[key] = entry
        self.bytes += len(entry.body)
        while len(self._items) > self.max_entries or self.bytes > self.max_bytes:
            self._drop(next(iter(self._items)))
        return True

    def clear(self) -> None:
        """Forget every answer."""
        self._items.clear()
        self.bytes = 0

    def stats(self) -> dict[str, int]:
        """Entries and bytes kept, their bounds, and the hits and misses so far."""
        return {"entries": len(self._items), "bytes": self.bytes, "max_entries": self.max_entries,
                "max_bytes": self.max_bytes, "hits": self.hits, "misses": self.misses}

    def _drop(self, key: Hashable) -> None:
        self.bytes -= len(self._items.pop(key).body)


class DataVersion:
    """The version of the store's data an answer is computed under: this process's committed writes
    (:attr:`rasd.store.Store.writes`, read every time) and the database's change marker
    (:meth:`rasd.store.Store.events_version`, read at most every ``interval`` seconds)."""

    def __init__(self, store: Store, interval: float) -> None:
        """Watch ``store``, asking its database at most every ``interval`` seconds (0: every time)."""
        self.store = store
        self.interval = interval
        self._marker: Hashable = None
        self._asked: float | None = None  # monotonic time the last question was asked (before its answer came)
        self._lock = threading.Lock()  # one question at a time; who comes meanwhile waits for its answer
        # its own thread: a question never queues behind the requests that fill the server's thread pool
        self._limiter = anyio.CapacityLimiter(1)

    def _due(self) -> bool:
        return self._asked is None or time.monotonic() - self._asked >= self.interval

    def _ask(self) -> None:
        with self._lock:
            if not self._due():  # asked by another request while this one waited
                return
            asked = time.monotonic()
            self._marker = self.store.events_version()
            # the time asked, not answered: a write committed before it is in the marker, so no answer is
            # served more than ``interval`` after a write it does not show
            self._asked = asked

    async def current(self) -> Hashable:
        """The version now (asking the database in a worker thread when it is due)."""
        writes = self.store.writes  # before the marker: a write committing meanwhile changes the next version
        if self._due():
            await anyio.to_thread.run_sync(self._ask, limiter=self._limiter)
        return writes, self._marker


class CacheMiddleware:
    """ASGI middleware serving kept answers of :data:`CACHED_PATHS` and keeping new ones (see the module
    docstring)."""

    def __init__(self, app: ASGIApp, cache: ResponseCache, version: DataVersion) -> None:
        """Wrap ``app`` with ``cache``, its entries checked against ``version``."""
        self.app = app
        self.cache = cache
        self.version = version

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] not in CACHED_PATHS:
            await self.app(scope, receive, send)
            return
        key = (scope["path"], query_key(scope.get("query_string", b"")))
        version = await self.version.current()
        entry = self.cache.get(key, version)
        if entry is not None:
            await send({"type": "http.response.start", "status": entry.status,
                        "headers": [*entry.headers, (HEADER, b"hit")]})
            await send({"type": "http.response.body", "body": entry.body})
            return
        await self.app(scope, receive, _Recorder(send, self.cache, key, version))


class _Recorder:
    """The ``send`` of an answer not kept yet: passes every message on, and keeps a copy of a complete 200
    answer (as long as it stays within the cache's size limit)."""

    def __init__(self, send: Send, cache: ResponseCache, key: Hashable, version: Hashable) -> None:
        self.send = send
        self.cache = cache
        self.key = key
        self.version = version
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.chunks: list[bytes] = []
        self.size = 0

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = list(message.get("headers", []))
            message = {**message, "headers": [*self.headers, (HEADER, b"miss")]}
        elif message["type"] == "http.response.body" and self.status == 200:
            body: bytes = message.get("body", b"")
            self.size += len(body)
            if self.size <= self.cache.max_bytes // 4:
                self.chunks.append(body)
                if not message.get("more_body", False):
                    self.cache.put(self.key, Entry(self.version, self.status, self.headers, b"".join(self.chunks)))
            else:
                self.chunks.clear()  # too big to keep: stop copying
        await self.send(message)


def install(app: FastAPI, store: Store, options: CacheOptions) -> ResponseCache | None:
    """Put the response cache in front of a FastAPI application's routes (nothing when ``options`` turn it
    off); returns the cache (also ``app.state.cache``, None without one)."""
    cache = ResponseCache(options.entries, options.max_bytes) if options.enabled else None
    app.state.cache = cache
    if cache is not None:
        app.add_middleware(CacheMiddleware, cache=cache, version=DataVersion(store, options.version_check_seconds))
    return cache
