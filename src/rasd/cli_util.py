"""Small pieces every ``rasd`` command module shares: the warning line and the date option's parser."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click


def warn(message: Any) -> None:
    """One line on standard error, prefixed with the program's name."""
    click.echo(f"rasd: {message}", err=True)


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """A click callback for YYYY-MM-DD options (None stays None)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"[E110] {value!r} is not a date — use YYYY-MM-DD, e.g. 2017-11-12") from None
