"""The response cache of the read routes: answers served again, dropped on a review through the API, on a write
by another process within the staleness bound, bounded by entries and bytes, and off when told; and the setting
that bounds the request threads."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import anyio.to_thread
import pytest
from api_helpers import Api
from fastapi.testclient import TestClient

from rasd import config
from rasd.api import create_app
from rasd.api.cache import CACHED_PATHS, CacheOptions, Entry, ResponseCache, query_key
from rasd.store import Store

HEADER = "x-rasd-cache"


@contextmanager
def _client(api: Api, options: CacheOptions) -> Iterator[TestClient]:
    """A client over the api's store with other cache options."""
    with TestClient(create_app(token_file=api.users, store=api.store, cache=options)) as client:
        yield client


def _other_store(api: Api) -> Store:
    """A second Store on the same file: what another process (rasd ingest, another worker) writes through."""
    return Store.open(api.store.engine.url)


def test_a_kept_answer_is_served_again(api: Api) -> None:
    for path in sorted(CACHED_PATHS):
        params = {"at": "2017-11-12"} if path == "/api/control" else {}
        first = api.client.get(path, params=params)
        again = api.client.get(path, params=params)
        assert first.status_code == again.status_code == 200, path
        assert (first.headers[HEADER], again.headers[HEADER]) == ("miss", "hit"), path
        assert again.content == first.content
        assert {k: v for k, v in again.headers.items() if k != HEADER} == \
            {k: v for k, v in first.headers.items() if k != HEADER}
    # the parameters' order does not matter; their values do
    assert api.client.get("/api/events?country=Syria&limit=3").headers[HEADER] == "miss"
    assert api.client.get("/api/events?limit=3&country=Syria").headers[HEADER] == "hit"
    assert api.client.get("/api/events?limit=4&country=Syria").headers[HEADER] == "miss"
    # errors and routes that are not listed are not kept
    assert api.client.get("/api/events?limit=0").status_code == 422
    assert api.client.get("/api/events?limit=0").headers[HEADER] == "miss"
    assert HEADER not in api.client.get("/api/health").headers
    stats = api.client.get("/api/health").json()["cache"]
    assert stats["entries"] == 7 and stats["hits"] == 6 and 0 < stats["bytes"] <= stats["max_bytes"]


def test_a_review_through_the_api_drops_the_kept_answers_at_once(api: Api) -> None:
    items = api.client.get("/api/events").json()["items"]
    assert api.client.get("/api/events").headers[HEADER] == "hit"
    timeline = api.client.get("/api/timeline").json()
    key = items[0]["event_key"]
    r = api.client.post(f"/api/events/{key}/review", json={"action": "edit", "field": "fatalities", "value": 77},
                        headers=api.auth())
    assert r.status_code == 200
    fresh = api.client.get("/api/events")
    assert fresh.headers[HEADER] == "miss"
    assert fresh.json()["items"][0]["fatalities"] == 77 and fresh.json()["items"][0]["edited"] == ["fatalities"]
    assert api.client.get("/api/timeline").json() != timeline  # the day's fatalities follow the edit


def test_a_write_by_another_process_shows_within_the_check_interval(api: Api) -> None:
    with _client(api, CacheOptions(version_check_seconds=3600)) as slow, \
            _client(api, CacheOptions(version_check_seconds=0.2)) as quick, _other_store(api) as other:
        key = slow.get("/api/events").json()["items"][0]["event_key"]
        quick.get("/api/events")
        other.reject(key, "omar")
        # an hour between checks: the kept answer is still served (the cache does keep answers) ...
        stale = slow.get("/api/events")
        assert stale.headers[HEADER] == "hit" and stale.json()["items"][0]["status"] == "machine"
        # ... 0.2 s between checks: a write by another process shows once they have passed
        time.sleep(0.25)
        fresh = quick.get("/api/events")
        assert fresh.headers[HEADER] == "miss" and fresh.json()["items"][0]["status"] == "rejected"


def test_checking_before_every_answer_sees_another_process_at_once(api: Api) -> None:
    with _client(api, CacheOptions(version_check_seconds=0)) as client, _other_store(api) as other:
        key = client.get("/api/events").json()["items"][0]["event_key"]
        assert client.get("/api/events").headers[HEADER] == "hit"
        other.accept(key, "omar")
        fresh = client.get("/api/events")
        assert fresh.headers[HEADER] == "miss" and fresh.json()["items"][0]["status"] == "accepted"


def test_cache_off(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASD_API_CACHE_ENTRIES", "0")
    config.reset()
    try:
        assert not CacheOptions.from_settings().enabled
        with TestClient(create_app(token_file=api.users, store=api.store)) as client, _other_store(api) as other:
            key = client.get("/api/events").json()["items"][0]["event_key"]
            other.reject(key, "omar")
            r = client.get("/api/events")
            assert HEADER not in r.headers and r.json()["items"][0]["status"] == "rejected"
            assert client.get("/api/health").json()["cache"] is None
    finally:
        monkeypatch.delenv("RASD_API_CACHE_ENTRIES")
        config.reset()


def test_the_cache_is_bounded_by_entries_and_bytes() -> None:
    def entry(size: int, version: int = 1) -> Entry:
        return Entry(version, 200, [], b"x" * size)

    cache = ResponseCache(entries=3, max_bytes=400)
    for k in "abcd":
        assert cache.put(k, entry(10))
    assert len(cache) == 3 and cache.get("a", 1) is None  # the least recently used went first
    assert cache.get("b", 1) is not None  # b is now the most recently used
    cache.put("e", entry(100))
    assert cache.get("c", 1) is None and len(cache) == 3
    assert not cache.put("big", entry(101))  # more than a quarter of the bytes: not kept
    cache.put("f", entry(100))
    cache.put("g", entry(100))
    cache.put("h", entry(100))
    assert cache.bytes <= 400 and len(cache) == 3
    assert cache.get("h", 2) is None and "h" not in [k for k in "fgh" if cache.get(k, 1)]  # another version
    assert cache.stats()["entries"] == 2


def test_query_key_is_starlettes_reading_sorted_by_name() -> None:
    assert query_key(b"q=%D8%B9%D8%AF%D9%86&country=Yemen") == (("country", "Yemen"), ("q", "عدن"))
    assert query_key(b"a=2&b=1&a=1") == (("a", "2"), ("a", "1"), ("b", "1"))  # the last a still wins
    assert query_key(b"q=&x") == (("q", ""), ("x", ""))


def test_the_threads_setting_bounds_the_thread_pool(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    async def tokens() -> float:
        return float(anyio.to_thread.current_default_thread_limiter().total_tokens)

    for value, expected in (("3", 3.0), ("0", 40.0)):  # 0: the server's default
        monkeypatch.setenv("RASD_API_THREADS", value)
        config.reset()
        try:
            with TestClient(create_app(token_file=api.users, store=api.store)) as client:
                assert client.portal is not None and client.portal.call(tokens) == expected
        finally:
            monkeypatch.delenv("RASD_API_THREADS")
            config.reset()
