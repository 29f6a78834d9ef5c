"""rasd.ingest.web: pages to Articles with trafilatura, and fetching over HTTP from a local server."""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Iterator

import pytest
from _webserver import BOILERPLATE, HEADLINE, PARAGRAPHS, Site, arabic_page, direct_opener, free_port, serve

from rasd.errors import InputError
from rasd.ingest.web import USER_AGENT, FetchError, article_from_html, fetch, outlet_from_url, page_date, read_url


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serve() as s:
        yield s


def code_of(error: InputError | None) -> str | None:
    return error.code if error else None


def published_of(page: str, given: dt.date | None = None) -> dt.date | None:
    article = article_from_html(page, "https://x.org/news/5", given).article
    assert article is not None
    return article.published


# --- pages to articles ------------------------------------------------------------------------------------


def test_arabic_page_keeps_the_article_and_drops_the_boilerplate() -> None:
    result = article_from_html(arabic_page().encode("utf-8"), "https://www.example-news.com/syria/123.html")
    assert result.ok and result.error is None
    article = result.article
    assert article is not None
    assert article.text == HEADLINE + "\n\n" + "\n\n".join(PARAGRAPHS)  # RTL text, diacritics and «» intact
    assert article.title_end == len(HEADLINE) and article.text[: article.title_end] == HEADLINE
    for junk in BOILERPLATE:
        assert junk not in article.text, junk
    assert "وكالة الرصد الإخبارية" not in article.text  # the site name in <title> is not part of the headline
    assert article.published == dt.date(2017, 11, 12)  # from article:published_time, as written (+03:00)
    assert article.url == article.id == "https://www.example-news.com/syria/123.html"
    assert article.outlet == "example-news.com"
    assert article.encoding_note is None


def test_str_and_bytes_give_the_same_article() -> None:
    page = arabic_page()
    assert article_from_html(page, "http://x.org/a").article == article_from_html(page.encode(), "http://x.org/a").article


def test_date_comes_from_the_page_metadata_never_from_its_words() -> None:
    page = arabic_page(published=None, paragraphs=(PARAGRAPHS[0] + " وكان ذلك في 2017-11-10 أو 10/11/2017.",
                                                  *PARAGRAPHS[1:]))
    assert published_of(page) is None
    given = dt.date(2017, 11, 13)
    assert published_of(page, given) == given
    # a page date wins over the given one (published only fills a missing date)
    assert published_of(arabic_page(published="2017-11-12T23:30:00-05:00"), given) == dt.date(2017, 11, 12)


@pytest.mark.parametrize(("extra", "url", "expected"), [
    ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
     '"datePublished": "2015-07-21T01:30:00+03:00"}]}</script>', "https://x.org/a", dt.date(2015, 7, 21)),
    ('<time itemprop="datePublished" datetime="2016-02-03">3 شباط</time>', "https://x.org/a", dt.date(2016, 2, 3)),
    ('<meta name="pubdate" content="20140506T120000Z">', "https://x.org/a", dt.date(2014, 5, 6)),
    ('<meta name="date" content="Tue, 21 Jul 2015 02:51:40 +0300">', "https://x.org/a", dt.date(2015, 7, 21)),
    ("", "https://x.org/2016/03/04/news.html", dt.date(2016, 3, 4)),
    ("", "https://x.org/news/4.html", None),
    ('<meta name="date" content="3020-01-01">', "https://x.org/a", None),  # implausible: ignored
    ('<time datetime="2013-01-01">in a list of other stories</time>', "https://x.org/a", None),  # not marked
])
def test_page_date(extra: str, url: str, expected: dt.date | None) -> None:
    assert page_date(f"<html><head>{extra}</head><body><p>نص</p></body></html>", url) == expected


def test_cp1256_page_is_decoded() -> None:
    page = arabic_page(charset="windows-1256").encode("cp1256", errors="ignore")
    result = article_from_html(page, "http://x.org/a")
    assert result.article is not None and result.article.text.startswith(HEADLINE)
    # without any declaration, clearly-Arabic cp1256 is still recognised, with a note
    bare = page.replace(b'<meta charset="windows-1256">', b"")
    result = article_from_html(bare, "http://x.org/a")
    assert result.article is not None and result.article.text.startswith(HEADLINE)
    assert result.article.encoding_note == "cp1256" and result.notes[0].startswith("[W101]")


@pytest.mark.parametrize(("page", "code"), [
    (b"", "E102"),
    (b"   \n", "E102"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "E124"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E124"),
    ("قصفت طائرات حربية مدينة حلب صباح اليوم.".encode(), "E124"),  # plain text, no markup
    (b'{"title": "x", "content": "y"}', "E124"),
    (b"<html><body><nav><a href='/'>home</a></nav></body></html>", "E125"),
    (f"<html><body><h1>{HEADLINE}</h1></body></html>".encode(), "E125"),  # a headline alone
])
def test_bad_pages_get_a_coded_error(page: bytes, code: str) -> None:
    result = article_from_html(page, "http://x.org/bad")
    assert result.article is None and code_of(result.error) == code
    assert str(result.error).startswith(f"[{code}] http://x.org/bad")


@pytest.mark.parametrize(("url", "outlet"), [
    ("http://aawsat.com/home/article/410411", "aawsat"),
    ("https://www.al-madina.com/article/1", "almadina"),
    ("https://www.alriyadh.com/1", "alriyadh"),
    ("https://m.sana.sy/?p=1", "sana.sy"),
    ("https://www.bbc.com/arabic/1", "bbc.com"),
    ("not a url", None),
])
def test_outlet_from_url(url: str, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


# --- fetching ---------------------------------------------------------------------------------------------


def test_fetch_sends_a_user_agent_and_returns_the_validators(site: Site) -> None:
    url = site.route("/fetch/page.html", arabic_page(), etag='"v1"', last_modified="Sun, 12 Nov 2017 08:00:00 GMT")
    result = fetch(url, direct_opener(), timeout=5)
    assert result.status == 200 and not result.not_modified
    assert result.content_type == "text/html" and result.charset == "utf-8"
    assert result.etag == '"v1"' and result.last_modified == "Sun, 12 Nov 2017 08:00:00 GMT"
    assert result.body == arabic_page().encode()
    assert site.hits("/fetch/page.html")[-1].headers["user-agent"] == USER_AGENT
    again = fetch(url, direct_opener(), timeout=5, etag=result.etag)
    assert again.not_modified and again.body == b"" and again.etag == '"v1"'
    assert site.hits("/fetch/page.html")[-1].headers["if-none-match"] == '"v1"'


def test_read_url_makes_an_article(site: Site) -> None:
    url = site.route("/news/2017/idlib.html", arabic_page())
    result = read_url(url, direct_opener(), timeout=5)
    assert result.article is not None
    assert result.article.text.startswith(HEADLINE + "\n\n" + PARAGRAPHS[0])
    assert result.article.outlet == "127.0.0.1" and result.article.url == url


def test_charset_from_the_header_and_gzip(site: Site) -> None:
    # cp1256 bytes, declared only in the Content-Type header; gzip-compressed on the wire
    page = arabic_page(charset="x-unknown").encode("cp1256", errors="ignore")
    url = site.route("/cp1256.html", gzip.compress(page), content_type="text/html; charset=windows-1256",
                     headers={"Content-Encoding": "gzip"})
    result = read_url(url, direct_opener(), timeout=5)
    assert result.article is not None and result.article.text.startswith(HEADLINE)
    assert result.notes == ()  # declared, not guessed


@pytest.mark.parametrize(("status", "transient"), [(500, True), (503, True), (404, False), (403, False)])
def test_http_errors(site: Site, status: int, transient: bool) -> None:
    url = site.route(f"/status/{status}", "<html><body>error</body></html>", status=status)
    with pytest.raises(FetchError) as caught:
        fetch(url, direct_opener(), timeout=5)
    assert caught.value.code == "E121" and caught.value.status == status
    assert caught.value.transient is transient
    assert str(status) in str(caught.value)
    result = read_url(url, direct_opener(), timeout=5)  # never raises
    assert result.article is None and code_of(result.error) == "E121"


def test_size_cap(site: Site) -> None:
    big = "<html><body>" + "<p>" + "ن" * 20_000 + "</p></body></html>"
    with_length = site.route("/big.html", big)
    without_length = site.route("/big-chunked.html", big, length=False)
    for url in (with_length, without_length):
        with pytest.raises(FetchError) as caught:
            fetch(url, direct_opener(), timeout=5, max_bytes=10_000)
        assert caught.value.code == "E123"
    with pytest.raises(FetchError, match="Content-Length 40033"):
        fetch(with_length, direct_opener(), timeout=5, max_bytes=10_000)
    assert fetch(with_length, direct_opener(), timeout=5, max_bytes=100_000).body == big.encode()


def test_slow_host_times_out(site: Site) -> None:
    url = site.route("/slow.html", arabic_page(), delay=0.5)
    with pytest.raises(FetchError) as caught:
        fetch(url, direct_opener(), timeout=0.15)
    assert caught.value.code == "E122" and caught.value.transient
    assert "timed out" in str(caught.value)


def test_host_down_and_bad_addresses() -> None:
    with pytest.raises(FetchError) as caught:
        fetch(f"http://127.0.0.1:{free_port()}/x.html", direct_opener(), timeout=2)
    assert caught.value.code == "E122" and caught.value.transient
    for url in ("file:///etc/passwd", "ftp://example.org/a", "no-scheme"):
        result = read_url(url, direct_opener(), timeout=2)
        assert code_of(result.error) == "E122" and "scheme" in str(result.error)


@pytest.mark.parametrize(("path", "body", "content_type"), [
    ("/report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
    ("/photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
    ("/api/item.json", b'{"title": "x"}', "application/json"),
    ("/octets", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", None),  # no Content-Type: sniffed
])
def test_non_html_urls(site: Site, path: str, body: bytes, content_type: str | None) -> None:
    url = site.route(path, body, content_type=content_type)
    result = read_url(url, direct_opener(), timeout=5)
    assert result.article is None and code_of(result.error) == "E124"
