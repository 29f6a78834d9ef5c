"""The analyst's web page: a map, a timeline, the control map and the review panel, served by the API.

The page is plain HTML, CSS and JavaScript modules in ``static/`` (no build step of their own); the map
library (Leaflet with marker clustering) and the offline basemap (country and province borders) are copied
there from npm packages by ``web/build.mjs`` (``make web``), so the page needs no internet.  Article text is
untrusted: the scripts only ever put it into the page as text nodes, and the page is served with a
Content-Security-Policy that allows no inline or foreign script, as a second line of defence.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp

STATIC_DIR = Path(__file__).parent / "static"
# What the page may load and run: its own files only; inline style attributes are allowed because Leaflet's
# cluster icons set them; data: images for Leaflet's default icons.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def assets_built(static_dir: Path = STATIC_DIR) -> bool:
    """True when the map library and the basemap have been copied in by ``make web``."""
    return (static_dir / "vendor" / "leaflet" / "leaflet.js").is_file() and \
        (static_dir / "basemap" / "countries.geojson").is_file()


class _SecurityHeaders:
    """Adds the page's security headers to every response (ASGI middleware, so streaming stays streaming)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):  # type: ignore[no-untyped-def]
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                         (b"content-security-policy", CSP.encode()), (b"x-frame-options", b"DENY")]
                headers += [(k, v) for k, v in extra if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def mount_web(app: FastAPI, static_dir: Path = STATIC_DIR) -> None:
    """Serve the page at ``/`` and its files under ``/static`` from ``app``."""

    async def index(request: Request) -> Response:
        return FileResponse(static_dir / "index.html", media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-cache"})

    async def favicon(request: Request) -> Response:
        # browsers ask for it on every page of the origin, the API's JSON pages included: no content, no 404
        return Response(status_code=204)

    app.add_api_route("/", index, methods=["GET", "HEAD"], include_in_schema=False)
    app.add_api_route("/favicon.ico", favicon, methods=["GET"], include_in_schema=False)
    app.mount("/static", StaticFiles(directory=static_dir), name="static")
    app.add_middleware(_SecurityHeaders)
