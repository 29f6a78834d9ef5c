"""``rasd users`` and ``rasd serve`` (a real uvicorn process on a free port of 127.0.0.1)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rasd.cli import main

SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed" / "000_cec7ceff3a92a6cc.txt"


def test_users_add_list_disable(tmp_path: Path) -> None:
    users = str(tmp_path / "users.json")
    res = CliRunner().invoke(main, ["users", "add", "mona", "--users", users])
    assert res.exit_code == 0 and len(res.stdout.strip()) >= 32 and "not be shown again" in res.stderr
    assert CliRunner().invoke(main, ["users", "disable", "mona", "--users", users]).exit_code == 0
    listed = CliRunner().invoke(main, ["users", "list", "--users", users]).stdout
    assert listed.startswith("mona\tdisabled")
    assert res.stdout.strip() not in Path(users).read_text(encoding="utf-8")  # only a hash is kept
    bad = CliRunner().invoke(main, ["users", "disable", "nobody", "--users", users])
    assert bad.exit_code == 2 and "E703" in bad.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _first_answer(url: str, proc: subprocess.Popen[str], seconds: float) -> Any:
    """The JSON answer of ``url`` once the server process starts answering (it raises when the process exits
    or the time is up)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return json.loads(r.read())
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise
            time.sleep(0.3)


@pytest.mark.skipif(not SEED.is_file(), reason="needs ../shared")
def test_serve_answers_on_its_port(tmp_path: Path) -> None:
    db = str(tmp_path / "rasd.sqlite")
    assert CliRunner().invoke(main, ["ingest", str(SEED), "--published", "2017-11-12", "--db", db]).exit_code == 0
    port = _free_port()
    env = {**os.environ, "RASD_USERS": str(tmp_path / "users.json")}
    proc = subprocess.Popen([sys.executable, "-m", "rasd.cli", "serve", "--db", db, "--port", str(port)],
                            env=env, stderr=subprocess.PIPE, text=True)
    try:
        body = _first_answer(f"http://127.0.0.1:{port}/api/events?limit=2", proc, 30)
        assert body["total"] >= 14 and len(body["items"]) == 2
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
            page = r.read().decode("utf-8")
            assert "script-src 'self'" in r.headers["Content-Security-Policy"]
        assert '<script type="module" src="/static/js/main.js">' in page
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert f"serving the page at http://127.0.0.1:{port}/" in err


def test_serve_on_a_taken_port_says_so(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        res = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "r.sqlite"), "--port", str(port)])
    assert res.exit_code == 2
    assert "[E706] cannot listen on 127.0.0.1:" in res.stderr and "--port" in res.stderr


def test_serve_on_an_unknown_host_says_so(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "r.sqlite"), "--host", "no such host!"])
    assert res.exit_code == 2 and "[E706]" in res.stderr


def _children(pid: int) -> set[int]:
    """The ids of a process's children (Linux /proc; empty elsewhere)."""
    out: set[int] = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


@pytest.mark.skipif(not SEED.is_file(), reason="needs ../shared")
def test_serve_with_two_workers_answers_and_stops_them(tmp_path: Path) -> None:
    db = str(tmp_path / "rasd.sqlite")
    assert CliRunner().invoke(main, ["ingest", str(SEED), "--published", "2017-11-12", "--db", db]).exit_code == 0
    port = _free_port()
    env = {**os.environ, "RASD_USERS": str(tmp_path / "users.json")}
    proc = subprocess.Popen([sys.executable, "-m", "rasd.cli", "serve", "--db", db, "--port", str(port),
                             "--workers", "2"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        body = _first_answer(f"http://127.0.0.1:{port}/api/events?limit=2", proc, 60)
        assert body["total"] >= 14 and len(body["items"]) == 2
        for _ in range(6):  # whichever worker answers, it reads the same database
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events?limit=2", timeout=5) as r:
                assert json.loads(r.read()) == body
        workers = _children(proc.pid)
        assert len(workers) >= 2
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert f"serving the page at http://127.0.0.1:{port}/" in err and "2 processes" in err
    deadline = time.monotonic() + 10  # the workers and multiprocessing's resource tracker end soon after
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if _running(pid)]


def _running(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_worker_processes_get_the_worker_thread_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rasd import config
    from rasd.cli_api import worker_environment

    config.reset()
    monkeypatch.setenv("RASD_API_WORKER_THREADS", "2")
    try:
        env = worker_environment(str(tmp_path / "w.sqlite"), tmp_path / "users.json")
    finally:
        config.reset()
    assert env["RASD_API_THREADS"] == "2" and env["RASD_SERVE_DB"].endswith("w.sqlite")
    assert env["RASD_USERS"] == str((tmp_path / "users.json").resolve())
