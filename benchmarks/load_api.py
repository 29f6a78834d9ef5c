"""Load test of ``GET /api/events`` on loopback with wrk: requests per second and p50/p90/p99 latency.

Run by hand, never in CI (it needs Debian's ``wrk`` and takes a minute)::

    .venv/bin/python benchmarks/load_api.py              # 30 s at 200 req/s, p99 target 100 ms
    .venv/bin/python benchmarks/load_api.py --max        # also an unpaced run: the maximum throughput
    .venv/bin/python benchmarks/load_api.py --distinct   # thousands of different queries: the uncached cost
    .venv/bin/python benchmarks/load_api.py --workers 2  # rasd serve --workers 2

The 2,000-article corpus is ingested once into ``out/bench-api.sqlite`` (reused; ``--rebuild`` to redo it,
``--db`` for another SQLite file).  ``rasd serve`` is started on a free loopback port and stopped at the end.

Two sets of queries, both built from the database:

- the default mix: 17 event queries an analyst's page repeats (first page, deeper pages, country, dates, event
  type, a box around Syria, Arabic and Latin text, actor); after the first round the server's response cache
  (:mod:`rasd.api.cache`) answers them, so this measures repeated views;
- ``--distinct``: about 7,000 different queries (pages at every few offsets, alone and per country and event
  type; every date window of 1-14 days; boxes of three sizes around every place; actors; place names), shuffled
  and walked in order, each wrk thread from its own part of the list.  A run of 30 s sends fewer requests than
  there are queries, and the cache keeps 256 answers, so nearly every request is computed: the uncached cost.

Each run reports the cache's hits and misses as the ``X-Rasd-Cache`` headers of the answers counted them, and
the server's CPU time (all its processes) per request.

Debian's wrk is wrk 4, which has no constant-rate mode (wrk2's ``-R``).  The rate is approximated with wrk's
Lua ``delay()`` hook: each wrk thread hands out send slots ``threads / rate`` seconds apart and a connection
waits for its slot (LuaJIT's ffi reads the monotonic clock; without ffi each connection waits a fixed
``connections / rate`` seconds, which undershoots the rate by the latency).  wrk measures latency from the
moment a request is sent, not from its slot, so when the server falls behind the queueing delay is not
counted (coordinated omission): check that the achieved rate is the target before trusting the percentiles.

Exits 1 when the paced run's p99 is at or over ``--p99-ms``, its rate is under 90 % of ``--rate``, or any
run saw a non-2xx response or a socket error; 2 when wrk or the corpus is missing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet-conflict-2015" / "articles.jsonl"
RASD = Path(sys.executable).with_name("rasd")
SYRIA_BBOX = (35.5, 32.0, 42.5, 37.5)
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4, "h": 3.6e6}

LUA = """
local paths = {%(paths)s}
local counter = 0
local interval = %(interval).6f -- ms between send slots of this thread (0: unpaced)
local nxt = nil
local threads = {}
hits, misses = 0, 0 -- globals: done() reads them from each thread
local ok, ffi = pcall(require, "ffi")
if ok then
  pcall(ffi.cdef, "typedef struct { long tv_sec; long tv_nsec; } rasd_ts; int clock_gettime(int, rasd_ts *);")
end
local ts = ok and ffi.new("rasd_ts") or nil
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end
function setup(thread)
  -- each thread walks the list from its own part of it, so that threads do not repeat each other's queries
  thread:set("first", #threads * math.floor(#paths / %(threads)d))
  table.insert(threads, thread)
end
function init(args) counter = first or 0 end
function request()
  counter = counter %% #paths + 1
  return wrk.format("GET", paths[counter])
end
function response(status, headers, body)
  local cached = headers["x-rasd-cache"] or headers["X-Rasd-Cache"]
  if cached == "hit" then hits = hits + 1 elseif cached == "miss" then misses = misses + 1 end
end
function done(summary, latency, requests)
  local h, m = 0, 0
  for _, t in ipairs(threads) do h = h + t:get("hits"); m = m + t:get("misses") end
  io.write(string.format("cache hits %%d misses %%d\\n", h, m))
end
%(delay)s
"""
DELAY = """function delay()
  if not ts then return %(fixed)d end
  local now = now_ms()
  if not nxt then nxt = now end
  local slot = nxt
  nxt = nxt + interval
  if slot <= now then return 0 end
  return math.floor(slot - now + 0.5)
end"""


def query_paths(db: Path) -> list[str]:
    """A realistic mix of /api/events requests whose filters select events of this database."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        def top(column: str, n: int) -> list[str]:
            sql = (f"SELECT {column} FROM events WHERE {column} IS NOT NULL AND {column} != '' "
                   f"GROUP BY {column} ORDER BY count(*) DESC LIMIT ?")
            return [str(v) for (v,) in con.execute(sql, (n,))]

        total = con.execute("SELECT count(*) FROM events").fetchone()[0]
        dates = [d for (d,) in con.execute("SELECT event_date FROM events WHERE event_date IS NOT NULL "
                                           "ORDER BY event_date")]
        if not total or not dates:
            raise SystemExit(f"no dated events in {db}")
        mid = dt.date.fromisoformat(dates[len(dates) // 2])
        week = (mid - dt.timedelta(days=3)).isoformat(), (mid + dt.timedelta(days=3)).isoformat()
        latin = next(x for x in top("location", 20) if x.isascii())
        queries: list[dict[str, object]] = [{}, {}, {}, {"offset": 100}, {"offset": 1000}, {"offset": total // 2}]
        queries += [{"country": c} for c in top("country", 3)]
        queries += [{"date_from": week[0], "date_to": week[1]}]
        queries += [{"event_type": t} for t in top("event_type", 2)]
        queries += [{"bbox": ",".join(map(str, SYRIA_BBOX))}, {"q": top("location_ar", 1)[0]}, {"q": latin}]
        queries += [{"actor": top("actor1", 1)[0]},
                    {"country": top("country", 2)[1], "event_type": "Battles", "limit": 20}]
    finally:
        con.close()
    return ["/api/events" + (f"?{urlencode(q)}" if q else "") for q in queries]


def distinct_paths(db: Path, seed: int = 0) -> list[str]:
    """About 7,000 different /api/events queries, each selecting events of this database, shuffled: pages at
    many offsets (alone, per country, per event type), every date window of 1 to 14 days, boxes of three sizes
    around every place, the commonest actors and place names with a few pages each."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        def counted(column: str, n: int) -> list[tuple[str, int]]:
            sql = (f"SELECT {column}, count(*) FROM events WHERE {column} IS NOT NULL AND {column} != '' "
                   f"GROUP BY {column} ORDER BY count(*) DESC LIMIT ?")
            return [(str(v), int(c)) for v, c in con.execute(sql, (n,))]

        total = con.execute("SELECT count(*) FROM events").fetchone()[0]
        days = [dt.date.fromisoformat(d) for (d,) in con.execute(
            "SELECT DISTINCT event_date FROM events WHERE event_date IS NOT NULL ORDER BY event_date")]
        places = con.execute("SELECT DISTINCT round(longitude, 2), round(latitude, 2) FROM events "
                             "WHERE longitude IS NOT NULL AND latitude IS NOT NULL").fetchall()
        queries: list[dict[str, object]] = [{"offset": o} for o in range(0, total, 2)]
        queries += [{"offset": o, "limit": 20} for o in range(1, total, 4)]
        for column in ("country", "event_type"):
            queries += [{column: v, "offset": o} for v, n in counted(column, 5) for o in range(0, n, 3)]
        queries += [{"date_from": start.isoformat(), "date_to": (start + dt.timedelta(days=span - 1)).isoformat()}
                    for start in days for span in range(1, 15)]
        queries += [{"bbox": f"{lon - r:.2f},{lat - r:.2f},{lon + r:.2f},{lat + r:.2f}"}
                    for lon, lat in places for r in (0.25, 1.0, 3.0)]
        queries += [{"actor": a, "offset": o} for a, n in counted("actor1", 20) for o in range(0, min(n, 500), 50)]
        queries += [{"q": name} for column in ("location", "location_ar") for name, _ in counted(column, 100)]
    finally:
        con.close()
    paths = sorted({"/api/events?" + urlencode(q) for q in queries})
    random.Random(seed).shuffle(paths)
    return paths


def get_json(url: str, timeout: float = 10.0) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        data: dict[str, object] = json.load(resp)
        return data


def start_server(db: Path, log: Path, workers: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as fh:
        more = ["--workers", str(workers)] if workers != 1 else []
        proc = subprocess.Popen([str(RASD), "serve", "--db", str(db), "--port", str(port), *more], stdout=fh, stderr=fh)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"rasd serve exited ({proc.returncode}):\n{log.read_text(errors='replace')}")
        try:
            get_json(base + "/api/health", timeout=1)
            return proc, base
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("rasd serve did not answer /api/health within 60 s")


def cpu_seconds(pid: int) -> float:
    """User+system CPU time of a process and its descendants (``rasd serve --workers``' processes; Linux
    /proc, 0 elsewhere)."""
    stats: dict[int, tuple[int, float]] = {}  # pid -> (parent, CPU seconds)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # ppid; utime, stime in clock ticks (USER_HZ = 100)
        stats[int(stat.parent.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / 100)
    tree, grew = {pid}, True
    while grew:
        more = {p for p, (parent, _) in stats.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(cpu for p, (_, cpu) in stats.items() if p in tree)


def run_wrk(base: str, paths: list[str], args: argparse.Namespace, rate: float, tmp: Path) -> dict[str, float]:
    """One wrk run (paced at ``rate`` req/s, or unpaced for 0); its figures, parsed from wrk's report."""
    interval = 1000 * args.threads / rate if rate else 0.0
    delay = DELAY % {"fixed": round(1000 * args.connections / rate)} if rate else ""
    lua = tmp / ("paced.lua" if rate else "max.lua")
    lua.write_text(LUA % {"paths": ", ".join(json.dumps(p) for p in paths), "interval": interval, "delay": delay,
                          "threads": args.threads})
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency",
           "-s", str(lua), base + "/"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    if args.verbose:
        print(out)
    found = {"rps": re.search(r"Requests/sec:\s+([\d.]+)", out), "requests": re.search(r"(\d+) requests in", out),
             "non2xx": re.search(r"Non-2xx or 3xx responses: (\d+)", out)}
    res = {k: float(m.group(1)) if m else 0.0 for k, m in found.items()}
    for pct in (50, 90, 99):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s|m|h)\s*$", out, re.M)
        res[f"p{pct}"] = float(m.group(1)) * _UNITS[m.group(2)] if m else float("nan")
    cache = re.search(r"cache hits (\d+) misses (\d+)", out)
    res["hits"], res["misses"] = (float(cache.group(1)), float(cache.group(2))) if cache else (0.0, 0.0)
    errs = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    res["socket_errors"] = float(sum(int(g) for g in errs.groups())) if errs else 0.0
    return res


def report(name: str, res: dict[str, float], cpu: float, duration: int) -> None:
    print(f"{name}: {res['rps']:.1f} req/s ({res['requests']:.0f} requests), latency p50 {res['p50']:.1f} ms, "
          f"p90 {res['p90']:.1f} ms, p99 {res['p99']:.1f} ms; non-2xx {res['non2xx']:.0f}, socket errors "
          f"{res['socket_errors']:.0f}; server CPU {cpu:.1f} s = {cpu / duration:.0%} of a core, "
          f"{1000 * cpu / max(res['requests'], 1):.1f} ms per request; cache hits {res['hits']:.0f}, misses "
          f"{res['misses']:.0f} ({res['hits'] / max(res['hits'] + res['misses'], 1):.0%} hits)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--db", type=Path, default=ROOT / "out" / "bench-api.sqlite", help="SQLite file (cache)")
    ap.add_argument("--rebuild", action="store_true", help="ingest the corpus again into --db")
    ap.add_argument("--duration", type=int, default=30, help="seconds per wrk run")
    ap.add_argument("--rate", type=float, default=200.0, help="target requests per second of the paced run")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--p99-ms", type=float, default=100.0, help="p99 latency target of the paced run")
    ap.add_argument("--max", action="store_true", help="also an unpaced run: maximum throughput")
    ap.add_argument("--distinct", action="store_true",
                    help="thousands of different queries that the response cache cannot answer")
    ap.add_argument("--workers", type=int, default=1, help="rasd serve --workers")
    ap.add_argument("-v", "--verbose", action="store_true", help="print wrk's own output")
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        print("wrk not found (apt-get install wrk)", file=sys.stderr)
        return 2
    if args.rebuild or not args.db.is_file():
        if not args.corpus.is_file():
            print(f"corpus not found: {args.corpus}", file=sys.stderr)
            return 2
        args.db.parent.mkdir(parents=True, exist_ok=True)
        args.db.unlink(missing_ok=True)
        t = time.perf_counter()
        subprocess.run([str(RASD), "ingest", str(args.corpus), "--db", str(args.db), "--quiet"], check=True)
        print(f"ingested {args.corpus.name} into {args.db} in {time.perf_counter() - t:.1f} s")
    paths = distinct_paths(args.db) if args.distinct else query_paths(args.db)
    load = os.getloadavg()
    failed = False
    with tempfile.TemporaryDirectory(prefix="rasd-load-") as tmpdir:
        tmp = Path(tmpdir)
        proc, base = start_server(args.db, tmp / "server.log", args.workers)
        try:
            counts = get_json(base + "/api/health")["counts"]
            print(f"server {base} (pid {proc.pid}, {args.workers} worker(s)), database {args.db}: "
                  f"{json.dumps(counts)}")
            if args.distinct:
                print(f"{len(paths)} distinct queries, e.g. {paths[0]}")
            # warm-up, and every query must select events (--distinct: a sample, left out of the runs' lists)
            for path in (paths[-20:] if args.distinct else paths):
                t = time.perf_counter()
                total = get_json(base + path)["total"]
                print(f"  {total!s:>5} events, {1000 * (time.perf_counter() - t):6.1f} ms  {path}")
                failed |= not total
            runs = [("paced", args.rate)] + ([("unpaced (--max)", 0.0)] if args.max else [])
            for name, rate in runs:
                cpu0 = cpu_seconds(proc.pid)
                res = run_wrk(base, paths[:-20] if args.distinct else paths, args, rate, tmp)
                report(name, res, cpu_seconds(proc.pid) - cpu0, args.duration)
                misses = ["non-2xx responses or socket errors"] if res["non2xx"] or res["socket_errors"] else []
                if rate and res["p99"] >= args.p99_ms:
                    misses.append(f"p99 {res['p99']:.0f} ms >= {args.p99_ms:g} ms")
                if rate and res["rps"] < 0.9 * rate:
                    misses.append(f"{res['rps']:.0f} req/s < 90 % of {rate:g} (server saturated)")
                for miss in misses:
                    print(f"  FAIL: {miss}")
                failed |= bool(misses)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    print(f"{args.connections} connections, {args.threads} wrk threads, {args.duration} s per run, "
          f"{os.cpu_count()} CPUs shared by wrk and the server, load average before: {load[0]:.2f}; "
          f"result: {'FAIL' if failed else 'ok'}")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # the server was stopped by main's finally
        print("interrupted", file=sys.stderr)
        sys.exit(130)
