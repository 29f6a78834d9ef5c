"""Browser-test fixtures: a real ``rasd serve`` process over a SQLite store filled with the seed article and a
hostile article, a reviewer's token, and headless Chromium from Debian driven by Playwright.

The browser is the system's ``chromium`` (``RASD_CHROMIUM`` names another binary); Playwright's own browser
download is never used.  Without Chromium or Playwright the browser tests are skipped, unless
``RASD_REQUIRE_BROWSER=1`` (set by ``.ci/run``), which turns the skip into a failure.  Screenshots go to
``RASD_ARTIFACTS`` (default ``out/test-artifacts``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import Server

from rasd.api import add_user
from rasd.pipeline import default_pipeline
from rasd.store import Store, ingest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "corpus" / "seed" / "000_cec7ceff3a92a6cc.txt"
PUBLISHED = dt.date(2017, 11, 12)
ARTIFACTS = Path(os.environ.get("RASD_ARTIFACTS", ROOT / "out" / "test-artifacts"))
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-default-apps", "--disable-extensions"]

# An article whose every field carries markup: if any of it were parsed as HTML, an element with an id
# starting "injected" would appear or window.__pwned would be set.
HOSTILE = {
    "id": "hostile-1",
    "title": '<img src="x" id="injected-title" onerror="window.__pwned=1"> قصف على البوكمال',
    "content": ('<script>window.__pwned = 2</script> قصفت قوات النظام السوري مدينة البوكمال أمس '
                '<b id="injected-body" onclick="window.__pwned=3">بالمدفعية</b> وقال ناشطون إن القصف '
                'لم يسفر عن إصابات. "><svg id="injected-svg" onload="window.__pwned=4">'),
    "published": "2017-11-14",
    "url": "javascript:window.__pwned=5",
    "source": '<i id="injected-outlet">outlet</i>',
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_up(url: str, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"rasd serve exited with {process.returncode}: {process.stderr.read()!r}"
                               if process.stderr else "rasd serve exited")
        try:
            with urllib.request.urlopen(url + "/api/health", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("rasd serve did not answer in time")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``rasd serve`` (a child process, as a user starts it) over a store of the seed article and the hostile
    one."""
    if not SEED.is_file():
        pytest.skip(f"seed article not found: {SEED}")
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "rasd.sqlite"
    hostile = tmp / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    store = Store.open(f"sqlite:///{db}")
    try:
        ingest([SEED, hostile], store, default_pipeline(), published=PUBLISHED)
    finally:
        store.close()
    users = tmp / "users.json"
    token = add_user("huda", users)
    port = _free_port()
    command = [sys.executable, "-c", "from rasd.cli import main; main()", "serve", "--db", str(db),
               "--port", str(port), "--users", str(users)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_up(url, process)
        yield Server(url, token, "huda")
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def _chromium() -> str | None:
    named = os.environ.get("RASD_CHROMIUM")
    if named:
        return named
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium under Playwright (skipped, or failed under RASD_REQUIRE_BROWSER=1, when
    either is missing)."""
    required = os.environ.get("RASD_REQUIRE_BROWSER") == "1"
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if executable is None or sync_playwright is None:
        reason = "Chromium not found (apt install chromium)" if executable is None else "playwright not installed"
        if required:
            pytest.fail(reason + " and RASD_REQUIRE_BROWSER=1")
        pytest.skip(reason)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


class PageErrors(list[str]):
    """Script errors and failed requests a page reported."""


@pytest.fixture
def page(browser: Any, server: Server, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser context and page (empty localStorage); a screenshot of the page is saved when the test
    ends, and the page's script errors are attached as ``page.errors``."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ar")
    pg = context.new_page()
    errors = PageErrors()
    pg.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    pg.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    pg.errors = errors
    pg.set_default_timeout(15_000)
    yield pg
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()
