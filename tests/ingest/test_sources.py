"""Everything `rasd ingest` accepts: files, saved pages and feeds, page and feed URLs."""

from __future__ import annotations

from pathlib import Path

from _webserver import arabic_page, rss_feed, serve

from rasd.ingest.sources import read_sources


def test_saved_pages_feeds_and_text_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("قصفت قوات النظام مدينة البوكمال.", encoding="utf-8")
    (tmp_path / "p.html").write_text(arabic_page(), encoding="utf-8")
    (tmp_path / "f.rss").write_text(rss_feed([("http://example.org/1", "عنوان الخبر", "Sun, 12 Nov 2017 08:00:00 GMT",
                                               "<p>قصفت الطائرات بلدة الحسرات.</p>")]), encoding="utf-8")
    got = list(read_sources([tmp_path / "a.txt", tmp_path / "p.html", tmp_path / "f.rss"]))
    assert [r.error for r in got] == [None, None, None]
    texts = [r.article.text for r in got if r.article is not None]
    assert texts[0].startswith("قصفت قوات النظام")
    assert "الرئيسية" not in texts[1]  # the page's navigation is not the article
    assert texts[2] == "عنوان الخبر\n\nقصفت الطائرات بلدة الحسرات."
    assert got[2].article is not None and str(got[2].article.published) == "2017-11-12"


def test_a_feed_url_gives_its_entries_pages_and_a_page_url_its_page() -> None:
    with serve() as site:
        page = site.route("/a/1.html", arabic_page())
        feed = site.route("/rss.xml", rss_feed([(page, "غارات", "Sun, 12 Nov 2017 08:00:00 GMT", "ملخص")]),
                          content_type="application/rss+xml")
        broken = site.route("/gone.html", "not here", status=404)
        got = list(read_sources([feed, page, broken]))
    assert [r.article.url if r.article else None for r in got[:2]] == [page, page]
    assert got[2].article is None and got[2].error is not None and "E121" in str(got[2].error)
