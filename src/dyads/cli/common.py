"""Options and helpers shared by every command."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click

from dyads.output import FORMATS

F = TypeVar("F", bound=Callable[..., Any])


def format_option(default: str = "jsonl") -> Callable[[F], F]:
    """The ``--format`` option every record-printing command shares."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=default,
        show_default=True,
        help="Output format.",
    )


def parse_date_option(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> dt.date | None:
    """Click callback turning ``--date YYYY-MM-DD`` into a date with a one-line error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from exc


def date_option(
    help_text: str = "Publication date (YYYY-MM-DD) for inputs that lack one.",
) -> Callable[[F], F]:
    """The ``--date`` option."""
    return click.option("--date", "date", callback=parse_date_option, default=None, help=help_text)


def warn(message: str) -> None:
    """Print a one-line message on stderr."""
    click.echo(f"dyads: {message}", err=True)
