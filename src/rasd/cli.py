"""The ``rasd`` command: thin wrappers that parse arguments, call one library function and report errors."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import Any

import click

from rasd import __version__
from rasd.errors import RasdError
from rasd.lexicon.loader import set_data_dir


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"[E110] {value!r} is not a date — use YYYY-MM-DD, e.g. 2017-11-12") from None


@click.group()
@click.version_option(__version__, prog_name="rasd")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), envvar="RASD_DATA_DIR",
              help="Directory whose lexicon and gazetteer files override the packaged ones.")
def main(data_dir: Path | None) -> None:
    """rasd (رصد): Arabic conflict news to ACLED-style events."""
    if data_dir is not None:
        set_data_dir(data_dir)


@main.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for files that carry none.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl", show_default=True)
@click.option("--encoding", default=None, help="Force the text encoding of the input files (e.g. cp1256).")
@click.option("--max-bytes", default=20_000_000, show_default=True, help="Refuse articles larger than this.")
def extract_cmd(paths: tuple[str, ...], published: dt.date | None, fmt: str, encoding: str | None,
                max_bytes: int) -> None:
    """Extract the events of articles (text files, directories, JSON Lines) and print one record per event."""
    from rasd.extract_files import ExtractOptions, extract_paths

    opts = ExtractOptions(published=published, fmt=fmt, encoding=encoding, max_bytes=max_bytes)
    try:
        failures = extract_paths(list(paths), opts, sys.stdout, _warn)
    except RasdError as exc:
        _warn(str(exc))
        sys.exit(2)
    if failures:
        sys.exit(1)


@main.command("evaluate")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--published-given", is_flag=True, help="Pass the gold's assumed publication date and score dates.")
@click.option("--shared-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The shared/ folder the gold paths are relative to (default: found from the gold file).")
@click.option("--min-f1", type=float, default=0.0, help="Exit non-zero when event F1 is below this.")
@click.option("--quiet", is_flag=True, help="Print the overall scores only.")
def evaluate_cmd(gold: tuple[Path, ...], published_given: bool, shared_dir: Path | None, min_f1: float,
                 quiet: bool) -> None:
    """Score rasd against gold files and print precision, recall, F1 and per-field accuracy."""
    from rasd.extract_files import evaluate_gold

    try:
        report, f1 = evaluate_gold(list(gold), published_given, shared_dir, quiet)
    except RasdError as exc:
        _warn(str(exc))
        sys.exit(2)
    click.echo(report)
    if f1 < min_f1:
        _warn(f"event F1 {f1:.3f} is below the floor {min_f1:.3f}")
        sys.exit(1)


@main.group("gazetteer")
def gazetteer_group() -> None:
    """Build and maintain the gazetteer: a fuller GeoNames index, overrides."""


def _xdg(var: str, default: str, *parts: str) -> Path:
    return Path(os.environ.get(var) or default).expanduser().joinpath(*parts)


def _countries(ctx: click.Context, param: click.Parameter, value: str | None) -> frozenset[str] | None:
    if not value:
        return None
    codes = [c.strip().upper() for c in value.replace(" ", ",").split(",") if c.strip()]
    bad = [c for c in codes if not re.fullmatch(r"[A-Z]{2}", c)]
    if bad:
        raise click.BadParameter(f"not ISO 3166 alpha-2 codes: {', '.join(bad)} (use e.g. SY,IQ)")
    return frozenset(codes)


@gazetteer_group.command("build", short_help="Build a gazetteer index from GeoNames dump files.")
@click.argument("inputs", nargs=-1, metavar="[GEONAMES_FILE|COUNTRY]...")
@click.option("--alternate-names", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="alternatenames/SY.zip or alternateNamesV2.zip (repeatable).")
@click.option("--admin1", type=click.Path(dir_okay=False, path_type=Path), help="admin1CodesASCII.txt")
@click.option("--admin2", type=click.Path(dir_okay=False, path_type=Path), help="admin2Codes.txt")
@click.option("--countries", callback=_countries, help="Keep only these countries: SY,IQ,YE.")
@click.option("--features", default="PASHTL", show_default=True, help="GeoNames feature classes to keep.")
@click.option("--download", is_flag=True,
              help="First fetch the GeoNames files of the countries given as arguments (SY IQ) or with --countries.")
@click.option("--dest", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory for downloaded files [default: ~/.cache/rasd/geonames].")
@click.option("--base-url", default="https://download.geonames.org/export/dump/", show_default=True,
              help="GeoNames dump server, for a mirror.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The index to write [default: ~/.local/share/rasd/gazetteer.sqlite].")
@click.option("--quiet", is_flag=True, help="Print the report only, no progress.")
def gazetteer_build_cmd(inputs: tuple[str, ...], alternate_names: tuple[Path, ...], admin1: Path | None,
                        admin2: Path | None, countries: frozenset[str] | None, features: str, download: bool,
                        dest: Path | None, base_url: str, output: Path | None, quiet: bool) -> None:
    """Build a gazetteer index from GeoNames dump files (SY.zip, allCountries.zip…), or download them first
    (--download SY IQ).  rasd uses the index once gazetteer.index (RASD_GAZETTEER_INDEX) names it."""
    from rasd.geo.build import BuildOptions, build_index
    from rasd.geo.download import download as fetch
    from rasd.geo.download import dump_paths

    features = features.upper()
    if not features or not set(features) <= set("ADHLPRSTUV"):
        raise click.BadParameter(f"{features!r}: use GeoNames feature classes, e.g. PASHTL", param_hint="--features")
    # With --download, two-letter arguments that are not files are countries to fetch.
    fetch_ccs = [a.upper() for a in inputs if download and re.fullmatch(r"[A-Za-z]{2}", a) and not Path(a).exists()]
    files = [Path(a) for a in inputs if a.upper() not in fetch_ccs]
    alternates = list(alternate_names)
    progress = None if quiet else _warn
    try:
        if download:
            fetch_ccs = fetch_ccs or sorted(countries or ())
            if not fetch_ccs:
                raise click.UsageError("--download needs countries: `--download SY IQ` or `--countries SY,IQ`")
            dest = dest or _xdg("XDG_CACHE_HOME", "~/.cache", "rasd", "geonames")
            fetch(fetch_ccs, dest, base_url=base_url, progress=progress)
            got = dump_paths(fetch_ccs, dest)
            files += got.geonames
            alternates += got.alternate_names
            admin1, admin2 = admin1 or got.admin1, admin2 or got.admin2
        if not files:
            raise click.UsageError("give GeoNames files (SY.zip, allCountries.zip) or --download SY IQ")
        out = output or _xdg("XDG_DATA_HOME", "~/.local/share", "rasd", "gazetteer.sqlite")
        opts = BuildOptions(geonames=files, output=out, alternate_names=alternates, admin1=admin1, admin2=admin2,
                            countries=countries, feature_classes=frozenset(features))
        report = build_index(opts, progress)
    except RasdError as exc:
        _warn(str(exc))
        sys.exit(2)
    click.echo(report.summary())
    click.echo(f"To use it: export RASD_GAZETTEER_INDEX={report.output}  "
               f"(or set gazetteer.index: {report.output} in ~/.config/rasd/config.yaml)")


def _warn(message: Any) -> None:
    click.echo(f"rasd: {message}", err=True)


if __name__ == "__main__":
    main()
