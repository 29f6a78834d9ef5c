"""rasd.ingest.feeds: RSS and Atom parsing, conditional polling, and feeds that are down or garbage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from _webserver import Site, atom_feed, direct_opener, free_port, rss_feed, serve

from rasd.ingest.feeds import FeedState, parse_feed, poll_feed

RSS_ITEMS = [
    ("/news/1.html", "مقتل 12 مدنياً في غارات على إدلب", "Sun, 12 Nov 2017 01:30:00 +0300",
     "<p>قتل 12 مدنياً <b>على الأقل</b> في غارات جوية.</p><p>وقال المرصد إن الحصيلة مرشحة للارتفاع.</p>"),
    ("http://other.example/2.html", "اشتباكات في ريف حلب", "Sat, 11 Nov 2017 18:00:00 GMT", "اشتباكات عنيفة"),
]
ATOM_ENTRIES = [
    ("http://example.org/iraq/7", "تفجير سيارة مفخخة في بغداد", "2017-11-12T00:30:00+03:00", "قتل خمسة أشخاص"),
    ("/iraq/8", "غارات للتحالف على الموصل", "2017-11-10T12:00:00Z", ""),
]


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serve() as s:
        yield s


def test_rss_entries() -> None:
    result = parse_feed(rss_feed(RSS_ITEMS).encode(), "http://example.org/rss.xml")
    assert result.ok and result.title == "وكالة الرصد - سوريا"
    first, second = result.entries
    assert first.url == "http://example.org/news/1.html"  # relative link resolved against the feed's address
    assert first.title == "مقتل 12 مدنياً في غارات على إدلب"
    assert first.published == dt.date(2017, 11, 12)  # the day as written (+03:00), not the UTC day
    assert first.summary == "قتل 12 مدنياً على الأقل في غارات جوية.\n\nوقال المرصد إن الحصيلة مرشحة للارتفاع."
    assert first.guid == "id-0"
    assert second.url == "http://other.example/2.html" and second.published == dt.date(2017, 11, 11)


def test_atom_entries() -> None:
    result = parse_feed(atom_feed(ATOM_ENTRIES), "http://example.org/atom.xml")
    assert result.ok and result.title == "وكالة الرصد - العراق" and len(result.entries) == 2
    first, second = result.entries
    assert (first.url, first.title, first.published, first.summary, first.guid) == (
        "http://example.org/iraq/7", "تفجير سيارة مفخخة في بغداد", dt.date(2017, 11, 12), "قتل خمسة أشخاص",
        "urn:rasd:0")
    assert second.url == "http://example.org/iraq/8" and second.summary is None


def test_full_content_is_preferred_to_the_description() -> None:
    feed = rss_feed(RSS_ITEMS[:1]).replace(
        "</description>", "</description><content:encoded><![CDATA[<p>النص الكامل للخبر، وهو أطول بكثير من "
        "الملخص القصير الذي يرد في الوصف.</p><p>فقرة ثانية.</p><p>فقرة ثالثة.</p>]]></content:encoded>"
    ).replace('<rss version="2.0">', '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">')
    entry = parse_feed(feed, "http://example.org/rss.xml").entries[0]
    assert entry.summary is not None and entry.summary.startswith("النص الكامل للخبر")
    assert entry.summary.endswith("فقرة ثانية.\n\nفقرة ثالثة.")


def test_entries_without_a_link_are_dropped_with_a_note() -> None:
    feed = rss_feed(RSS_ITEMS).replace("<link>/news/1.html</link>", "")
    result = parse_feed(feed, "http://example.org/rss.xml")
    assert [e.url for e in result.entries] == ["http://other.example/2.html"]
    assert any("without a link" in n for n in result.notes)


@pytest.mark.parametrize("body", [
    b"",
    b"<html><head><title>Not found</title></head><body><p>this is a web page</p></body></html>",
    b"\x00\x01\x02 garbage \xff\xfe",
    b'{"items": []}',
    "لا شيء هنا".encode(),
])
def test_garbage_is_an_error_not_an_exception(body: bytes) -> None:
    result = parse_feed(body, "http://example.org/feed")
    assert not result.ok and result.entries == ()
    assert result.error is not None and result.error.code == "E126"


def test_broken_xml_with_entries_is_read_with_a_note() -> None:
    feed = rss_feed(RSS_ITEMS).replace("</channel></rss>", "<item><title>cut off")
    result = parse_feed(feed, "http://example.org/rss.xml")
    assert result.ok and len(result.entries) == 2
    assert any("not well-formed" in n for n in result.notes)


def test_feed_state_round_trip() -> None:
    state = FeedState('"abc"', "Sun, 12 Nov 2017 08:00:00 GMT")
    assert FeedState.from_dict(state.to_dict()) == state
    assert FeedState().to_dict() == {} and FeedState.from_dict({"etag": 3}) == FeedState()


# --- polling ----------------------------------------------------------------------------------------------


def test_poll_rss_then_304_with_etag(site: Site) -> None:
    url = site.route("/rss.xml", rss_feed(RSS_ITEMS), content_type="application/rss+xml; charset=utf-8",
                     etag='"rss-1"')
    first = poll_feed(url, None, direct_opener(), timeout=5)
    assert first.ok and not first.not_modified and len(first.entries) == 2
    assert first.entries[0].url == site.url("/news/1.html")
    assert first.state == FeedState('"rss-1"', None)
    second = poll_feed(url, first.state, direct_opener(), timeout=5)
    assert second.ok and second.not_modified and second.entries == ()
    assert second.state == first.state
    assert site.hits("/rss.xml")[-1].headers["if-none-match"] == '"rss-1"'
    assert "application/rss+xml" in site.hits("/rss.xml")[-1].headers["accept"]


def test_poll_atom_then_304_with_last_modified(site: Site) -> None:
    stamp = "Sun, 12 Nov 2017 08:00:00 GMT"
    url = site.route("/atom.xml", atom_feed(ATOM_ENTRIES), content_type="application/atom+xml", last_modified=stamp)
    first = poll_feed(url, FeedState(), direct_opener(), timeout=5)
    assert first.ok and len(first.entries) == 2 and first.state == FeedState(None, stamp)
    second = poll_feed(url, first.state, direct_opener(), timeout=5)
    assert second.not_modified and second.entries == () and second.state == first.state
    assert site.hits("/atom.xml")[-1].headers["if-modified-since"] == stamp


def test_a_changed_feed_is_fetched_in_full(site: Site) -> None:
    url = site.route("/changing.xml", rss_feed(RSS_ITEMS[:1]), etag='"v1"')
    first = poll_feed(url, None, direct_opener(), timeout=5)
    site.route("/changing.xml", rss_feed(RSS_ITEMS), etag='"v2"')
    second = poll_feed(url, first.state, direct_opener(), timeout=5)
    assert not second.not_modified and len(second.entries) == 2 and second.state.etag == '"v2"'


def test_500_and_down_feeds_keep_their_state(site: Site) -> None:
    state = FeedState('"old"', "Sat, 11 Nov 2017 08:00:00 GMT")
    url = site.route("/broken.xml", "<html><body>Internal Server Error</body></html>", status=500)
    result = poll_feed(url, state, direct_opener(), timeout=5)
    assert not result.ok and result.error is not None and result.error.code == "E121"
    assert result.state == state and result.entries == ()
    down = poll_feed(f"http://127.0.0.1:{free_port()}/feed.xml", state, direct_opener(), timeout=2)
    assert down.error is not None and down.error.code == "E122" and down.state == state


def test_garbage_feed_over_http(site: Site) -> None:
    url = site.route("/garbage.xml", b"\x89PNG\r\n\x1a\n\x00\x00 not a feed", content_type="application/xml",
                     etag='"g"')
    result = poll_feed(url, None, direct_opener(), timeout=5)
    assert result.error is not None and result.error.code == "E126"
    assert result.state == FeedState()  # validators of a garbage answer are not kept
