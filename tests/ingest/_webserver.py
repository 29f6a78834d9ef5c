"""A local web site for the ingest tests: an http.server on 127.0.0.1 serving canned pages and feeds.

Routes are set per test (``site.route("/a.html", body, ...)``); every request is recorded with its headers so
tests can check what the client sent (User-Agent, If-None-Match).  Pages and feeds below are written for these
tests: an Arabic news page with navigation, share buttons, related links and a footer, an RSS 2.0 feed and an
Atom feed.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow host)
    etag: str | None = None  # answer 304 when the client sends it back
    last_modified: str | None = None
    length: bool = True  # send Content-Length


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float  # the site's clock when the request came in (a test's fake clock, if it set one)


class Site:
    """The routes and the request log of one local server."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self.clock: Callable[[], float] = time.monotonic

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, body: bytes | str = b"", status: int = 200,
              content_type: str | None = "text/html; charset=utf-8", *, headers: dict[str, str] | None = None,
              delay: float = 0.0, etag: str | None = None, last_modified: str | None = None,
              length: bool = True) -> str:
        """Serve ``body`` at ``path``; returns the full address."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        all_headers = dict(headers or {})
        if content_type:
            all_headers.setdefault("Content-Type", content_type)
        self.routes[path] = Route(data, status, all_headers, delay, etag, last_modified, length)
        return self.url(path)

    def hits(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.path == path]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        site = self.server.site
        with site.lock:
            site.requests.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}, site.clock()))
        route = site.routes.get(self.path)
        if route is None:
            self._answer(404, b"<html><body><h1>404</h1></body></html>", {"Content-Type": "text/html"})
            return
        if route.delay:
            time.sleep(route.delay)
        validators = {}
        if route.etag:
            validators["ETag"] = route.etag
        if route.last_modified:
            validators["Last-Modified"] = route.last_modified
        if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified):
            self._answer(304, b"", validators)
            return
        self._answer(route.status, route.body, {**route.headers, **validators}, route.length)

    def _answer(self, status: int, body: bytes, headers: dict[str, str], length: bool = True) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if length and status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if status != 304:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client stopped reading
                self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    site: Site


@contextmanager
def serve() -> Iterator[Site]:
    """Run a server on a free port of 127.0.0.1 for the duration of the ``with`` block."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = Site(f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.site
    finally:
        server.shutdown()
        server.server_close()


def direct_opener() -> urllib.request.OpenerDirector:
    """An opener that ignores proxy settings of the environment (the server is local)."""
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


# --- pages and feeds written for the tests ---------------------------------------------------------------

HEADLINE = "مقتل 12 مدنياً في غارات جوية على ريف إدلب الجنوبي"
PARAGRAPHS = (
    "قُتل 12 مدنياً على الأقل، بينهم أربعة أطفال، وأصيب آخرون بجروح صباح اليوم الأحد، جراء غارات جوية "
    "استهدفت بلدة معرة النعمان في ريف إدلب الجنوبي، بحسب ما أفاد «المرصد السوري لحقوق الإنسان».",
    "وقال المرصد إن الطائرات الحربية شنّت ثلاث غارات على الأحياء السكنية في البلدة، ما أدى إلى دمار واسع "
    "في الأبنية وخروج مستشفى ميداني عن الخدمة، فيما عملت فرق الدفاع المدني على انتشال الضحايا من تحت الأنقاض.",
    "وأضاف أن حصيلة القتلى مرشحة للارتفاع بسبب وجود جرحى في حالات خطرة، مشيراً إلى أن المنطقة تشهد "
    "تصعيداً عسكرياً منذ مطلع الشهر الجاري، وأن الغارات تزامنت مع قصف مدفعي على قرى مجاورة.",
)
BOILERPLATE = ("الرئيسية", "اتصل بنا", "شارك على فيسبوك", "أرسل عبر واتساب", "أخبار ذات صلة",
               "ارتفاع أسعار النفط في الأسواق العالمية", "جميع الحقوق محفوظة", "سياسة الخصوصية", "اشترك في النشرة")


def arabic_page(headline: str = HEADLINE, paragraphs: tuple[str, ...] = PARAGRAPHS,
                published: str | None = "2017-11-12T09:30:00+03:00", charset: str = "utf-8") -> str:
    """A right-to-left Arabic news page with navigation, share buttons, related links and a footer."""
    meta_date = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="{charset}">
<title>{headline} | وكالة الرصد الإخبارية</title>
<meta property="og:title" content="{headline}">
{meta_date}
<meta property="og:site_name" content="وكالة الرصد الإخبارية">
</head>
<body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/syria">سوريا</a></li>
<li><a href="/iraq">العراق</a></li><li><a href="/contact">اتصل بنا</a></li></ul></nav></header>
<main><article>
<h1>{headline}</h1>
<div class="byline">إدلب - وكالة الرصد</div>
{body}
<div class="share-buttons"><a href="#">شارك على فيسبوك</a> <a href="#">تويتر</a> <a href="#">أرسل عبر واتساب</a></div>
</article>
<aside class="related"><h3>أخبار ذات صلة</h3><ul>
<li><a href="/a/1">اجتماع لوزراء الخارجية العرب في القاهرة</a></li>
<li><a href="/a/2">ارتفاع أسعار النفط في الأسواق العالمية</a></li></ul></aside>
</main>
<footer><p>جميع الحقوق محفوظة © 2017 وكالة الرصد الإخبارية</p><a href="/privacy">سياسة الخصوصية</a>
<form><label>اشترك في النشرة</label><input type="email"></form></footer>
</body></html>
"""


def rss_feed(items: list[tuple[str, str, str, str]], title: str = "وكالة الرصد - سوريا") -> str:
    """An RSS 2.0 feed; items are (link, title, pubDate, HTML description)."""
    parts = []
    for i, (link, head, date, description) in enumerate(items):
        escaped = description.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        parts.append(f"<item><title>{head}</title><link>{link}</link><guid isPermaLink=\"false\">id-{i}</guid>"
                     f"<pubDate>{date}</pubDate><description>{escaped}</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.org/</link><description>أخبار</description>{''.join(parts)}</channel></rss>")


def atom_feed(entries: list[tuple[str, str, str, str]], title: str = "وكالة الرصد - العراق") -> str:
    """An Atom 1.0 feed; entries are (link, title, published ISO timestamp, summary text)."""
    parts = [f"<entry><title>{head}</title><link rel=\"alternate\" href=\"{link}\"/><id>urn:rasd:{i}</id>"
             f"<published>{date}</published><updated>{date}</updated><summary>{summary}</summary></entry>"
             for i, (link, head, date, summary) in enumerate(entries)]
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{title}</title><id>urn:rasd:feed</id><updated>2017-11-12T00:00:00Z</updated>"
            f"{''.join(parts)}</feed>")
