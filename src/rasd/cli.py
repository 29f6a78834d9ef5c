"""The ``rasd`` command: thin wrappers that parse arguments, call one library function and report errors."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from rasd import __version__, config
from rasd.cli_util import parse_date as _date
from rasd.cli_util import warn as _warn
from rasd.errors import RasdError
from rasd.lexicon.loader import set_data_dir


@click.group()
@click.version_option(__version__, prog_name="rasd")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), envvar="RASD_CONFIG",
              help="Settings file (YAML) overriding the packaged defaults [default: ~/.config/rasd/config.yaml].")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), envvar="RASD_DATA_DIR",
              help="Directory whose lexicon and gazetteer files override the packaged ones.")
@click.option("--gazetteer-index", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A gazetteer index built by `rasd gazetteer build` [setting gazetteer.index].")
def main(config_file: Path | None, data_dir: Path | None, gazetteer_index: Path | None) -> None:
    """rasd (رصد): Arabic conflict news to ACLED-style events."""
    config.configure(config_file, data_dir=str(data_dir) if data_dir else None,
                     gazetteer={"index": str(gazetteer_index) if gazetteer_index else None})
    try:
        configured = config.path_setting("data_dir")
    except RasdError as exc:
        raise click.UsageError(str(exc)) from None
    if configured is not None:
        set_data_dir(configured)


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




def _register() -> None:
    from rasd.cli_api import COMMANDS as API_COMMANDS
    from rasd.cli_data import COMMANDS
    from rasd.cli_gazetteer import gazetteer_group

    main.add_command(gazetteer_group)
    for command in (*COMMANDS, *API_COMMANDS):
        main.add_command(command)


_register()

if __name__ == "__main__":
    main()
