"""The dataset commands: ``rasd ingest | run | monitor | export | control | status``.

Each parses its arguments, builds one options object, calls one library function (:mod:`rasd.store`,
:mod:`rasd.cluster`, :mod:`rasd.ingest.monitor`, :mod:`rasd.export`, :mod:`rasd.dedup`, :mod:`rasd.control`) and
turns known errors into one clean line.  The database is ``--db`` (a SQLite path or a URL such as
``postgresql+psycopg://user@host/db``), else the ``db`` setting (``RASD_DB``), else
``~/.local/share/rasd/rasd.sqlite``.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from rasd.cli_util import parse_date as _date
from rasd.cli_util import warn as _warn
from rasd.errors import RasdError

_db_option = click.option("--db", default=None, help="Database: a SQLite path or a URL [setting db, RASD_DB].")






@contextmanager
def _clean_errors() -> Iterator[None]:
    """Known errors become one line and exit status 2; a closed pipe (``| head``) ends quietly."""
    try:
        yield
    except RasdError as exc:
        _warn(exc)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)


class _Progress:
    """A progress bar on standard error for ``progress(done, total)`` callbacks (hidden when not a terminal)."""

    def __init__(self, label: str, quiet: bool) -> None:
        self.label, self.quiet, self.shown = label, quiet, 0
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.quiet or not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _summary(report: Any) -> str:
    skipped = len(report.skipped)
    reasons: dict[str, int] = {}
    for _, reason in report.skipped:
        code = reason[1:5] if reason.startswith("[E") else "other"
        reasons[code] = reasons.get(code, 0) + 1
    why = ", ".join(f"{n} {c}" for c, n in sorted(reasons.items()))
    rate = report.extracted / report.seconds if report.seconds else 0.0
    near = getattr(report, "near_copies", 0)
    return (f"read {report.read} articles: {report.added} new, {report.duplicates} already stored, "
            f"{skipped} skipped{f' ({why})' if why else ''}; {near} near-copies linked; extracted {report.extracted} "
            f"({rate:.0f}/s), {report.events} events; {report.seconds:.1f} s")


WEB_SUFFIXES = (".html", ".htm", ".rss", ".atom", ".xml")


def _ingest(paths: tuple[str, ...], db: str | None, published: dt.date | None, batch: int, workers: int,
            scheduler: str | None, quiet: bool, near_copies: float | None, parallel: bool = False,
            max_bytes: int = 20_000_000) -> None:
    from rasd.cluster import ClusterOptions
    from rasd.ingest.sources import read_sources
    from rasd.pipeline import default_pipeline
    from rasd.store import Store
    from rasd.store.ingest import ingest

    # web pages, saved pages and feeds are read here; files, directories and JSON Lines by the store's ingest
    special = [p for p in paths if p.startswith(("http://", "https://")) or p.lower().endswith(WEB_SUFFIXES)]
    files = [p for p in paths if p not in special]
    # `rasd run` always goes through dask (one worker included); `rasd ingest` only when asked for workers
    use_cluster = parallel or workers > 1 or scheduler is not None
    cluster = ClusterOptions(workers=max(1, workers), scheduler=scheduler) if use_cluster else None
    progress = _Progress("extracting", quiet)
    with _clean_errors():
        store = Store.open(db)
        try:
            pages = []
            for res in read_sources(special, published=published, max_bytes=max_bytes):
                if res.article is None:
                    _warn(res.error)
                else:
                    pages.append(res.article)
            report = ingest(files, store, default_pipeline(), batch, progress, published=published,
                            cluster=cluster, extra=pages, near_copies=near_copies, max_bytes=max_bytes)
        finally:
            progress.close()
            store.close()
    for source, reason in report.skipped[:20]:
        _warn(f"skipped {source}: {reason}")
    _warn(_summary(report) + f" → {store.url}")


def _near_threshold(ctx: click.Context, param: click.Parameter, value: float) -> float:
    from rasd.ingest.nearcopy import NearCopyIndex

    try:
        NearCopyIndex(threshold=value)  # the LSH index needs at least two bands: up to about 0.98
    except ValueError as exc:
        raise click.BadParameter(f"{value}: {exc}") from None
    return value


_near_copies_option = click.option(
    "--near-copies", type=float, default=0.8, show_default=True, callback=_near_threshold,
    help="Link a new article this similar (estimated Jaccard) to a stored one as its near-copy, not extracted.")
_no_near_copies_option = click.option("--no-near-copies", is_flag=True, help="Do not look for near-copies.")


def _batch_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options `rasd ingest` and `rasd run` share (after their own)."""
    for option in reversed((
        click.option("--batch", default=200, show_default=True, help="Articles per transaction."),
        click.option("--quiet", is_flag=True, help="No progress bar."),
        click.option("--max-bytes", default=20_000_000, show_default=True, help="Refuse articles larger than this."),
        _near_copies_option,
        _no_near_copies_option,
    )):
        command = option(command)
    return command


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--published", callback=_date, help="Publication date for files and pages that carry none.")
@click.option("--workers", default=1, show_default=True, help="Extract on this many local worker processes (dask).")
@click.option("--scheduler", default=None, help="Extract on an existing dask cluster (tcp://HOST:8786).")
@_batch_options
def ingest_cmd(paths: tuple[str, ...], db: str | None, published: dt.date | None, batch: int, workers: int,
               scheduler: str | None, quiet: bool, max_bytes: int, near_copies: float, no_near_copies: bool) -> None:
    """Read articles (text files, directories, JSON Lines, saved web pages and feeds, web pages and RSS/Atom feeds
    by URL), store the new ones, extract and store their events.  Running it again stores nothing twice; after
    an interruption it finishes what was left.  A near-copy of a stored article (the same wire story with another
    intro or signature) is stored and linked to it, not extracted: it counts as one more source of its events."""
    _ingest(paths, db, published, batch, workers, scheduler, quiet, None if no_near_copies else near_copies,
            max_bytes=max_bytes)


@click.command("run")
@click.argument("corpus", nargs=-1, required=True)
@_db_option
@click.option("--workers", default=2, show_default=True, help="Local worker processes.")
@click.option("--scheduler", default=None, help="An existing dask scheduler (tcp://HOST:8786) instead.")
@click.option("--published", callback=_date, help="Publication date for files that carry none.")
@_batch_options
def run_cmd(corpus: tuple[str, ...], db: str | None, workers: int, scheduler: str | None, batch: int,
            published: dt.date | None, quiet: bool, max_bytes: int, near_copies: float, no_near_copies: bool
            ) -> None:
    """Process a corpus in parallel: dask workers extract, this process alone writes to the database."""
    _ingest(corpus, db, published, batch, workers, scheduler, quiet, None if no_near_copies else near_copies,
            parallel=True, max_bytes=max_bytes)


@click.command("export")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "geojson", "parquet", "jsonl"]), default="acled-csv",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write [default: standard output].")
@click.option("--from", "date_from", callback=_date, help="Events on or after this date.")
@click.option("--to", "date_to", callback=_date, help="Events on or before this date.")
@click.option("--country", multiple=True, help="Country (ACLED name, ISO code or Arabic name); repeatable.")
@click.option("--admin1", multiple=True, help="Province; repeatable.")
@click.option("--event-type", multiple=True, help="Event type or sub-type; repeatable.")
@click.option("--actor", multiple=True, help="Actor (actor1, actor2 or associated); repeatable.")
@click.option("--merged", is_flag=True, help="One row per event across articles, with all its sources.")
def export_cmd(db: str | None, fmt: str, output: Path | None, date_from: dt.date | None, date_to: dt.date | None,
               country: tuple[str, ...], admin1: tuple[str, ...], event_type: tuple[str, ...],
               actor: tuple[str, ...], merged: bool) -> None:
    """Write the stored events as ACLED CSV (ACLED's 31 columns first), GeoJSON, Parquet or JSON Lines."""
    from rasd.export.options import ExportOptions
    from rasd.export.writers import export as write_export
    from rasd.store import Store

    opts = ExportOptions(format=fmt, date_from=date_from, date_to=date_to, countries=country, admin1=admin1,
                         event_types=event_type, actors=actor, output=output)
    with _clean_errors():
        store = Store.open(db)
        try:
            records = _merged(store) if merged else store.iter_events(status=("machine", "accepted"))
            target: Any = output if output is not None else sys.stdout.buffer
            report = write_export(records, opts, target)
        finally:
            store.close()
    _warn(report.summary())


def _merged(store: Any) -> Iterator[dict[str, Any]]:
    from rasd.dedup import merge_events

    for m in merge_events(list(store.iter_events(status=("machine", "accepted")))):
        yield m.record()


@click.command("control")
@_db_option
@click.option("--at", "at", callback=_date, required=True, help="The date (YYYY-MM-DD).")
@click.option("--place", default=None, help="Only this place (English or Arabic name).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def control_cmd(db: str | None, at: dt.date, place: str | None, fmt: str) -> None:
    """Who holds which place on a date, from the stored capture, withdrawal and handover events, with the
    evidence; contradictory claims are shown as contested, not resolved."""
    from rasd.control import build_timeline, control_at
    from rasd.dedup import merge_events
    from rasd.store import Store

    with _clean_errors():
        store = Store.open(db)
        try:
            merged = [m.record() for m in merge_events(list(store.iter_events(status=("machine", "accepted"))))]
        finally:
            store.close()
        timeline = build_timeline(merged)
        holdings = control_at(timeline, at)
    keys = set(timeline.find(place)) if place else None
    rows = [(k, h) for k, h in sorted(holdings.items()) if keys is None or k in keys]
    if fmt == "json":
        click.echo(json.dumps({k: h.as_dict() for k, h in rows}, ensure_ascii=False, indent=1, default=str))
        return
    for _, h in rows:
        mark = "\tCONTESTED: " + "; ".join(h.reasons) if h.contested else ""
        where = f"{h.place.name} ({h.place.name_ar}, {h.place.admin1 or '?'}, {h.place.country or '?'})"
        click.echo(f"{where}\t{h.holder}\tsince {h.since}{mark}")
    if not rows:
        _warn(f"no place has a known holder on {at}")


@click.command("monitor")
@click.argument("feeds", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_db_option
@click.option("--interval", default=600, show_default=True, help="Seconds between polling rounds.")
@click.option("--rounds", type=int, default=None, help="Stop after this many rounds [default: run until stopped].")
@click.option("--seen", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File of URLs already taken [default: next to the feeds file].")
@click.option("--per-host-delay", default=1.0, show_default=True, help="Seconds between requests to one host.")
def monitor_cmd(feeds: Path, db: str | None, interval: int, rounds: int | None, seen: Path | None,
                per_host_delay: float) -> None:
    """Follow the feeds of FEEDS.yaml: fetch new articles, extract and store them, round after round."""
    from rasd.ingest.monitor import JsonSeenStore, Monitor
    from rasd.pipeline import default_pipeline
    from rasd.store import Store
    from rasd.store.ingest import ingest

    with _clean_errors():
        store = Store.open(db)
        pipe = default_pipeline()
        found: list[Any] = []
        monitor = Monitor(feeds, JsonSeenStore(seen or feeds.with_suffix(".seen.json")), found.append,
                          per_host_delay=per_host_delay)

        def one_round() -> None:
            monitor.poll_once()
            if found:
                report = ingest((), store, pipe, extra=list(found))
                found.clear()
                _warn(_summary(report))

        try:
            _rounds(one_round, interval, rounds)
        except KeyboardInterrupt:
            _warn("stopped")
        finally:
            store.close()


def _rounds(step: Callable[[], None], interval: int, rounds: int | None) -> None:
    import time

    n = 0
    while rounds is None or n < rounds:
        step()
        n += 1
        if rounds is None or n < rounds:
            time.sleep(interval)


@click.command("reextract")
@_db_option
@click.option("--batch", default=200, show_default=True, help="Articles per transaction.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def reextract_cmd(db: str | None, batch: int, quiet: bool) -> None:
    """Extract every stored article again (after a lexicon or gazetteer change): the events are replaced article
    by article and reviewers' edits are put back into the events that keep their key; edits whose event is gone
    are listed by /api/audit?orphaned=true."""
    from rasd.pipeline import default_pipeline
    from rasd.store import Store
    from rasd.store.ingest import reextract

    progress = _Progress("re-extracting", quiet)
    with _clean_errors():
        store = Store.open(db)
        try:
            report = reextract(store, default_pipeline(), batch, progress)
            orphaned = len(store.edits(orphaned=True))
        finally:
            progress.close()
            store.close()
    for source, reason in report.skipped[:20]:
        _warn(f"skipped {source}: {reason}")
    _warn(f"run {report.run_id}: " + _summary(report).split("; ", 2)[-1] + f"; {orphaned} review edits without "
          f"their event → {store.url}")


@click.command("status")
@_db_option
def status_cmd(db: str | None) -> None:
    """Rows per table and the state of the latest extraction run."""
    from rasd.store import Store

    with _clean_errors():
        store = Store.open(db)
        try:
            counts = store.counts()
        finally:
            store.close()
    click.echo(f"database: {store.url}")
    for k, v in counts.items():
        click.echo(f"  {k}: {v}")


COMMANDS = (ingest_cmd, run_cmd, reextract_cmd, export_cmd, control_cmd, monitor_cmd, status_cmd)
