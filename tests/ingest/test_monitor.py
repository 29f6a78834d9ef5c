"""rasd.ingest.monitor: feeds files, seen stores, polling rounds, per-host rate limits with an injected clock."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from _webserver import HEADLINE, PARAGRAPHS, Site, arabic_page, atom_feed, direct_opener, free_port, rss_feed, serve

from rasd.errors import InputError
from rasd.ingest.feeds import FeedState
from rasd.ingest.monitor import (
    FeedConfig,
    JsonSeenStore,
    MemorySeenStore,
    Monitor,
    canonical_url,
    load_feeds,
    parse_interval,
)
from rasd.model import Article

DATE = "Sun, 12 Nov 2017 09:00:00 +0300"


class FakeClock:
    """A monotonic clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as s:
        yield s


def monitor(feeds: list[FeedConfig], clock: FakeClock, sink: list[Article] | None = None, **options: object) -> Monitor:
    got = sink if sink is not None else []
    return Monitor(feeds, MemorySeenStore(), got.append, opener=direct_opener(), timeout=5, clock=clock,
                   sleep=clock.sleep, **options)  # type: ignore[arg-type]


# --- feeds files and small parts --------------------------------------------------------------------------


def test_load_feeds(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text("feeds:\n"
                    "  - url: https://example.org/rss.xml\n    name: مثال\n    interval: 10m\n"
                    "  - url: http://example.org/atom\n    interval: 90\n"
                    "  - https://example.net/feed\n", encoding="utf-8")
    assert load_feeds(path) == [FeedConfig("https://example.org/rss.xml", "مثال", 600.0),
                                FeedConfig("http://example.org/atom", None, 90.0),
                                FeedConfig("https://example.net/feed", None, None)]


@pytest.mark.parametrize(("text", "problem"), [
    (None, "No such file"),
    ("feeds: [unclosed", "not valid YAML"),
    ("- https://example.org/rss", "'feeds' list"),
    ("feeds:\n  - name: no url\n", "feed 1: url must be"),
    ("feeds:\n  - url: ftp://example.org/rss\n", "feed 1: url must be"),
    ("feeds:\n  - url: https://a.org/r\n  - url: https://a.org/r\n", "feed 2: https://a.org/r is listed twice"),
    ("feeds:\n  - url: https://a.org/r\n    interval: soon\n", "feed 1: interval must be"),
    ("feeds:\n  - url: https://a.org/r\n    interval: -5\n", "feed 1: interval must be positive"),
])
def test_bad_feeds_files(tmp_path: Path, text: str | None, problem: str) -> None:
    path = tmp_path / "feeds.yaml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_feeds(path)
    assert caught.value.code == "E127" and problem in str(caught.value)


def test_parse_interval() -> None:
    assert [parse_interval(v) for v in (90, 2.5, "30s", "10m", "2h", "45")] == [90, 2.5, 30, 600, 7200, 45]
    for bad in (0, "0m", "ten", True):
        with pytest.raises(ValueError):
            parse_interval(bad)


def test_canonical_url() -> None:
    assert canonical_url("HTTPS://Example.ORG/a/b?id=5&utm_source=rss&fbclid=x#comments") == "https://example.org/a/b?id=5"
    assert canonical_url("http://example.org") == "http://example.org/"


def test_seen_stores(tmp_path: Path) -> None:
    memory = MemorySeenStore(["http://a/1"])
    memory.add("http://a/2")
    assert memory.has("http://a/1") and memory.has("http://a/2") and not memory.has("http://a/3")
    path = tmp_path / "state" / "seen.json"
    store = JsonSeenStore(path)  # a missing file is an empty store
    assert len(store) == 0
    store.add("https://example.org/خبر/1")
    store.flush()
    assert json.loads(path.read_text(encoding="utf-8")) == {"version": 1, "urls": ["https://example.org/خبر/1"]}
    again = JsonSeenStore(path)
    assert again.has("https://example.org/خبر/1") and not again.has("https://example.org/2")
    assert [p.name for p in path.parent.iterdir()] == ["seen.json"]  # no temporary file left behind


@pytest.mark.parametrize("content", ["{not json", '{"urls": "x"}', "[1, 2]", '{"urls": [1]}'])
def test_bad_seen_file_is_an_error_not_overwritten(tmp_path: Path, content: str) -> None:
    path = tmp_path / "seen.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        JsonSeenStore(path)
    assert caught.value.code == "E128"
    assert path.read_text(encoding="utf-8") == content


# --- rounds -----------------------------------------------------------------------------------------------


def test_one_round_end_to_end(site: Site, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    site.route("/m/good.html", arabic_page())
    site.route("/m/file.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", content_type="application/pdf")
    site.route("/m/flaky.html", "<html><body>busy</body></html>", status=503)
    rss = rss_feed([
        ("/m/good.html", HEADLINE, DATE, "ملخص قصير"),
        ("/m/missing.html", "اشتباكات في ريف حلب", DATE, "<p>اندلعت اشتباكات عنيفة في ريف حلب الشمالي.</p>"),
        ("/m/file.pdf", "تقرير", DATE, ""),
        ("/m/flaky.html", "خبر عاجل", DATE, ""),
    ])
    feeds = [
        FeedConfig(site.route("/m/rss.xml", rss, content_type="application/rss+xml", etag='"r1"'), "rss"),
        FeedConfig(site.route("/m/atom.xml", atom_feed([(site.url("/m/good.html?utm_source=x#top"), HEADLINE,
                                                         "2017-11-12T09:00:00+03:00", "")]),
                              content_type="application/atom+xml", etag='"a1"'), "atom"),
        FeedConfig(site.route("/m/garbage.xml", b"<html><body>not a feed</body></html>"), "garbage"),
        FeedConfig(site.route("/m/error.xml", "oops", status=500), "error"),
    ]
    got: list[Article] = []
    seen = JsonSeenStore(tmp_path / "seen.json")
    mon = Monitor(feeds, seen, got.append, per_host_delay=0, opener=direct_opener(), timeout=5)
    with caplog.at_level(logging.WARNING, logger="rasd.ingest.monitor"):
        report = mon.poll_once()
    assert (report.feeds_polled, report.feeds_failed, report.entries_new) == (4, 2, 4)
    assert (report.articles, report.from_summary, report.pages_failed) == (2, 1, 2)
    assert "feed garbage skipped: [E126]" in caplog.text and "feed error skipped: [E121]" in caplog.text

    page, summary = got
    assert page.text.startswith(HEADLINE + "\n\n" + PARAGRAPHS[0]) and page.published == dt.date(2017, 11, 12)
    assert page.url == site.url("/m/good.html") and page.outlet == "127.0.0.1"
    # the 404 page: the feed's own summary stands in, dated by the feed
    assert summary.text == "اشتباكات في ريف حلب\n\nاندلعت اشتباكات عنيفة في ريف حلب الشمالي."
    assert summary.title_end == len("اشتباكات في ريف حلب") and summary.published == dt.date(2017, 11, 12)
    assert summary.url == summary.id == site.url("/m/missing.html")
    # the PDF (permanent) is recorded as seen; the 503 page (transient) waits for a retry
    saved = json.loads((tmp_path / "seen.json").read_text(encoding="utf-8"))["urls"]
    assert sorted(saved) == sorted(site.url(p) for p in ("/m/good.html", "/m/missing.html", "/m/file.pdf"))
    assert len(site.hits("/m/good.html")) == 1  # the Atom feed's copy (tracking parameter, fragment) was skipped

    # next round: both feeds answer 304; the flaky page now works and is delivered from the retry queue
    site.route("/m/flaky.html", arabic_page(headline="خبر عاجل من ريف إدلب"))
    report = mon.poll_once()
    assert (report.feeds_unchanged, report.entries_new, report.retries, report.articles) == (2, 0, 1, 1)
    assert got[-1].text.startswith("خبر عاجل من ريف إدلب")
    assert mon.poll_once().articles == 0 and len(site.hits("/m/flaky.html")) == 2


def test_transient_failures_are_given_up_after_max_attempts(site: Site) -> None:
    site.route("/t/down.html", "busy", status=503)
    feeds = [FeedConfig(site.route("/t/rss.xml", rss_feed([("/t/down.html", "عاجل", DATE, "")]), etag='"t"'))]
    mon = monitor(feeds, FakeClock(), per_host_delay=0, max_attempts=2)
    mon.poll_once()
    assert not mon.seen.has(site.url("/t/down.html"))
    assert mon.poll_once().retries == 1 and mon.seen.has(site.url("/t/down.html"))
    assert mon.poll_once().retries == 0 and len(site.hits("/t/down.html")) == 2


def test_a_failing_sink_does_not_stop_the_round_and_is_retried(site: Site) -> None:
    site.route("/s/1.html", arabic_page())
    site.route("/s/2.html", arabic_page(headline="اشتباكات في حلب"))
    feeds = [FeedConfig(site.route("/s/rss.xml", rss_feed([("/s/1.html", "أ", DATE, ""), ("/s/2.html", "ب", DATE, "")]),
                                   etag='"s"'))]
    got: list[Article] = []
    calls = {"n": 0}

    def sink(article: Article) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("disk full")
        got.append(article)

    mon = Monitor(feeds, MemorySeenStore(), sink, per_host_delay=0, opener=direct_opener(), timeout=5)
    report = mon.poll_once()
    assert report.articles == 1 and report.pages_failed == 1
    assert "the sink failed: OSError: disk full" in report.errors[0]
    assert mon.poll_once().articles == 1
    assert sorted(a.url or "" for a in got) == [site.url("/s/1.html"), site.url("/s/2.html")]


def test_summaries_only(site: Site) -> None:
    feeds = [FeedConfig(site.route("/o/rss.xml", rss_feed([("/o/1.html", "عنوان", DATE, "نص الملخص هنا")])))]
    got: list[Article] = []
    report = monitor(feeds, FakeClock(), got, fetch_pages=False).poll_once()
    assert report.from_summary == 1 and got[0].text == "عنوان\n\nنص الملخص هنا"
    assert site.hits("/o/1.html") == []


def test_per_host_rate_limit_with_an_injected_clock(site: Site) -> None:
    clock = FakeClock()
    site.clock = clock
    port = site.base.rsplit(":", 1)[1]
    other_host = f"http://localhost:{port}"  # the same server under another host name
    for name in ("a", "b", "c"):
        site.route(f"/r/{name}.html", arabic_page())
    items = [(site.url("/r/a.html"), "أ", DATE, ""), (f"{other_host}/r/b.html", "ب", DATE, ""),
             (site.url("/r/c.html"), "ج", DATE, "")]
    feeds = [FeedConfig(site.route("/r/rss.xml", rss_feed(items)))]
    got: list[Article] = []
    report = monitor(feeds, clock, got, per_host_delay=2.0).poll_once()
    assert report.articles == 3
    stamps = {r.path: r.at - 1000.0 for r in site.requests}
    # 127.0.0.1: the feed at 0, a.html two seconds later, c.html two more; localhost is not held up
    assert stamps == {"/r/rss.xml": 0.0, "/r/a.html": 2.0, "/r/b.html": 2.0, "/r/c.html": 4.0}
    assert clock.sleeps == [2.0, 2.0]


def test_run_polls_each_feed_on_its_own_interval(site: Site) -> None:
    clock = FakeClock()
    fast = FeedConfig(site.route("/i/fast.xml", rss_feed([])), "fast", 60)
    slow = FeedConfig(site.route("/i/slow.xml", rss_feed([])), "slow", 180)
    default = FeedConfig(site.route("/i/default.xml", rss_feed([])), "default")
    mon = monitor([fast, slow, default], clock, per_host_delay=0)
    total = mon.run(interval=120, rounds=4)
    assert clock.sleeps == [60.0, 60.0, 60.0]  # rounds at 0, 60, 120, 180
    assert [len(site.hits(p)) for p in ("/i/fast.xml", "/i/slow.xml", "/i/default.xml")] == [4, 2, 2]
    assert total.feeds_polled == 8 and total.feeds_failed == 0
    with pytest.raises(ValueError):
        mon.run(interval=0, rounds=1)


def test_feeds_down_are_skipped_and_states_survive_a_restart(site: Site, tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    up = site.route("/d/rss.xml", rss_feed([]), etag='"d1"')
    path.write_text(f"feeds:\n  - url: http://127.0.0.1:{free_port()}/rss.xml\n    name: down\n  - url: {up}\n",
                    encoding="utf-8")
    mon = Monitor(path, MemorySeenStore(), lambda a: None, per_host_delay=0, opener=direct_opener(), timeout=2)
    report = mon.poll_once()
    assert report.feeds_failed == 1 and "[E122]" in report.errors[0]
    saved = mon.export_states()
    assert saved == {up: {"etag": '"d1"'}}
    fresh = Monitor(path, MemorySeenStore(), lambda a: None, per_host_delay=0, opener=direct_opener(), timeout=2)
    fresh.restore_states(json.loads(json.dumps(saved)))
    assert fresh.states[up] == FeedState('"d1"')
    assert fresh.poll_once().feeds_unchanged == 1
