"""``rasd gazetteer …``: build a GeoNames index, look names up, list the names a corpus uses that the gazetteer
lacks (and, opt-in, ask OpenStreetMap's Nominatim about them), score the geocoder on labelled mentions."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import click

from rasd import config
from rasd.cli_util import warn as _warn
from rasd.errors import RasdError


@click.group("gazetteer")
def gazetteer_group() -> None:
    """Build, query and extend the gazetteer: a fuller GeoNames index, unresolved names, overrides."""


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


@gazetteer_group.command("lookup", short_help="Show the entries a place name resolves to.")
@click.argument("names", nargs=-1, required=True)
@click.option("--country", default=None, help="Only entries of this country (ISO 3166 alpha-2).")
def gazetteer_lookup_cmd(names: tuple[str, ...], country: str | None) -> None:
    """Print the gazetteer entries each NAME (Arabic or Latin) matches, most populous first."""
    from rasd.geo.gazetteer import Gazetteer

    try:
        gaz = Gazetteer.default()
    except RasdError as exc:
        _warn(str(exc))
        sys.exit(2)
    for name in names:
        hits = [p for p in gaz.lookup_name(name) if not country or p.country == country.upper()]
        click.echo(f"{name}: {len(hits)} entr{'y' if len(hits) == 1 else 'ies'}")
        for p in hits:
            click.echo(f"  {p.geonameid or '-'}\t{p.feature}\t{p.name_en} / {p.name_ar}\t{p.country}\t"
                       f"{p.admin1 or ''} / {p.admin2 or ''}\t{p.lat:.5f},{p.lon:.5f}\tpop {p.population}")


@gazetteer_group.command("unresolved", short_help="List the place names of a corpus the gazetteer lacks.")
@click.argument("paths", nargs=-1, required=True)
@click.option("--min-count", default=1, show_default=True, help="Only names seen at least this often.")
@click.option("--top", type=int, default=None, help="Only the N most frequent names.")
@click.option("--unplaced-only", is_flag=True,
              help="Only names nothing placed (leave out those placed at a nearby town, sibling or province).")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Where to write the list (tab-separated) [default: standard output].")
@click.option("--suggest", is_flag=True,
              help="Opt-in, needs the internet: look the names up in Nominatim (within their article's country, "
                   "rate-limited, cached) and append the results to the overrides file with status «suggested».")
@click.option("--overrides", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The overrides file suggestions go to [default: the gazetteer.overrides setting].")
@click.option("--nominatim-url", default=None, help="Nominatim server [default: the geocoder.nominatim_url setting].")
@click.option("--max-lookups", type=int, default=None, help="At most this many requests in this run.")
def gazetteer_unresolved_cmd(paths: tuple[str, ...], min_count: int, top: int | None, unplaced_only: bool,
                             output: Any, suggest: bool, overrides: Path | None, nominatim_url: str | None,
                             max_lookups: int | None) -> None:
    """Count, across the articles in PATHS, the place names that resolved to no gazetteer entry, most frequent
    first, with the place each was anchored to: the list to add to gazetteer-overrides.tsv."""
    from rasd.geo.unresolved import UnresolvedOptions, to_tsv, unresolved_places

    opts = UnresolvedOptions(tuple(paths), min_count=min_count, top=top, include_anchored=not unplaced_only)
    target = overrides or config.path_setting("gazetteer", "overrides")
    if suggest and target is None:
        raise click.UsageError("--suggest needs an overrides file: --overrides FILE, or the gazetteer.overrides "
                               "setting (RASD_GAZETTEER_OVERRIDES)")
    try:
        rows = unresolved_places(opts, warn=_warn)
        output.write(to_tsv(rows))
        if suggest and target is not None:
            from rasd.geo.online import SuggestOptions
            from rasd.geo.unresolved import suggest as suggest_rows

            changes = {k: v for k, v in (("base_url", nominatim_url), ("max_lookups", max_lookups)) if v}
            written, stats = suggest_rows(rows, target, SuggestOptions.from_settings(**changes))
            _warn(f"{written} suggestions written to {target} (status «suggested»: check each, then clear its "
                  f"status to use it); lookups: " + ", ".join(f"{k} {v}" for k, v in sorted(stats.items())))
    except RasdError as exc:
        _warn(str(exc))
        sys.exit(2)


@gazetteer_group.command("evaluate", short_help="Score the geocoder on hand-labelled place mentions.")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--shared-dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The shared/ folder the gold's article paths are relative to.")
def gazetteer_evaluate_cmd(gold: tuple[Path, ...], shared_dir: Path) -> None:
    """Score the configured gazetteer and geocoder on GOLD files (JSON Lines of labelled place mentions, see
    tests/gold/geo/): found, coverage, disambiguation, accuracy and abstention, overall and per country."""
    from rasd.geo.scoring import load_gold_mentions, report, score_geocoding

    try:
        click.echo(report(score_geocoding(load_gold_mentions(gold), shared_dir)))
    except RasdError as exc:
        _warn(str(exc))
        sys.exit(2)


