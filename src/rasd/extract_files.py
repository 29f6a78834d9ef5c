"""Library functions behind the CLI: extract files to a stream of records, evaluate against gold files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TextIO

from rasd.evaluate import Record, evaluate_files, format_report
from rasd.ingest import read_paths, read_record
from rasd.output.records import format_table, records, write_csv, write_jsonl
from rasd.pipeline import Pipeline, batch_gc, default_pipeline


@dataclass(frozen=True)
class ExtractOptions:
    published: dt.date | None = None
    fmt: str = "jsonl"
    encoding: str | None = None
    max_bytes: int = 20_000_000


def extract_paths(paths: list[str], opts: ExtractOptions, out: TextIO, warn: Callable[[str], None]) -> int:
    """Extract every article under ``paths`` and write records to ``out``; returns the number of failures.

    Bad input (empty, binary, undecodable, too large, invalid JSON on a line) is reported through ``warn``
    with its code and the batch goes on.
    """
    with batch_gc():
        failures, table = _extract_all(default_pipeline(), paths, opts, out, warn)
    if opts.fmt == "table":
        out.write(format_table(table))
    return failures


def _extract_all(pipe: Pipeline, paths: list[str], opts: ExtractOptions, out: TextIO, warn: Callable[[str], None]
                 ) -> tuple[int, list[dict[str, Any]]]:
    failures = 0
    first_csv = True
    table: list[dict[str, Any]] = []
    for res in read_paths(paths, published=opts.published, max_bytes=opts.max_bytes, encoding=opts.encoding):
        for n in res.notes:
            warn(n)
        if res.error is not None or res.article is None:
            warn(str(res.error))
            failures += 1
            continue
        try:
            doc = pipe(res.article)
        except Exception as exc:  # reported per article; the batch goes on
            warn(str(exc))
            failures += 1
            continue
        recs = records(doc, pipe.gaz)
        if opts.fmt == "jsonl":
            write_jsonl(recs, out)
        elif opts.fmt == "csv":
            write_csv(recs, out, header=first_csv)
            first_csv = False
        else:
            table.extend(recs)
        out.flush()
    return failures, table


def _find_shared(gold: Path) -> Path:
    """The ``shared/`` folder a gold file's article paths are relative to."""
    for parent in gold.resolve().parents:
        if (parent / "corpus").is_dir():
            return parent
        if (parent / "shared" / "corpus").is_dir():
            return parent / "shared"
    return Path("../shared")


def extract_article(path: Path, line: int | None, published: dt.date | None) -> list[dict[str, Any]]:
    """Event records for one article file, or one JSON Lines record (``line`` counted from 1).

    ``published`` overrides the article's own date (the gold files' assumed date), or dates a file with none.
    """
    pipe = default_pipeline()
    if line is None:
        results = list(read_paths([path], published=published))
    else:
        res = read_record(path, line)
        if res.article is not None and published is not None:
            res = replace(res, article=replace(res.article, published=published))
        results = [res]
    out: list[dict[str, Any]] = []
    for res in results:
        if res.article is not None:
            out.extend(records(pipe(res.article), pipe.gaz))
    return out


def evaluate_gold(gold: Sequence[Path], published_given: bool, shared_dir: Path | None,
                  quiet: bool = False) -> tuple[str, float]:
    """Score rasd on gold files; returns the report text and the overall event F1."""
    shared = shared_dir or _find_shared(gold[0])

    def fn(path: Path, line: int | None, published: dt.date | None) -> Sequence[Record]:
        return extract_article(path, line, published)

    corpus = evaluate_files(gold, fn, published_given, shared)
    report = format_report(corpus)
    if quiet:
        report = report[report.rfind("overall"):]
    return report, corpus.f1
