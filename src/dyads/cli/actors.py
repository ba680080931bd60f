"""``dyads actors resolve``: resolve the actors in a text, or in every record of a JSONL file."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from typing import Any

import click

from dyads.cli.common import CliError, DyadsGroup, date_option, format_option, warn
from dyads.errors import InputError
from dyads.output import write_rows
from dyads.readers.base import iter_jsonl

COLUMNS = ("id", "text", "code", "country", "sector", "name")


@click.group(cls=DyadsGroup)
def actors() -> None:
    """Resolve actor mentions to CAMEO-style codes (RUSGOV, TUR, IGOUNO)."""


def _records(path: str, default_date: dt.date | None) -> list[tuple[Any, str, dt.date | None]]:
    """The records of a JSONL file ('-' for stdin); a bad line is reported and skipped."""
    out: list[tuple[Any, str, dt.date | None]] = []
    errors = 0
    try:
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise CliError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    try:
        for item in iter_jsonl(stream, "<stdin>" if path == "-" else path, default_date):
            if isinstance(item, InputError):
                errors += 1
                warn(str(item))
                continue
            out.append((item.id, item.text, item.date))
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if not out:
        fix = "fix the lines above" if errors else 'write one {"id", "text", "date"?} per line'
        raise CliError(f"{path}: no records could be read ({fix})")
    return out


@actors.command("resolve", short_help="Resolve the actors in TEXT or a JSONL file to codes.")
@click.argument("text", required=False)
@click.option(
    "--input",
    "--jsonl",
    "input_path",
    default=None,
    metavar="FILE",
    help="JSONL of {id, text, date?} records, one per line ('-' reads stdin), instead of TEXT.",
)
@date_option(
    "Date the text refers to (YYYY-MM-DD): office holders are resolved as of that day; "
    "per-record dates in --input take precedence. Default: today's roles."
)
@format_option()
def resolve(text: str | None, input_path: str | None, date: dt.date | None, fmt: str) -> None:
    """Resolve the actors in TEXT (or in each record of --input) to CAMEO-style codes.

    \b
    dyads actors resolve "President Erdogan met Vladimir Putin in Ankara." --format table
    dyads actors resolve "Trump spoke." --date 2018-05-01
    dyads actors resolve --input articles.jsonl --format csv
    """
    if (text is None) == (input_path is None):
        raise click.UsageError("give either TEXT or --input FILE.jsonl (not both)")
    items = [(None, text, date)] if text is not None else _records(str(input_path), date)
    from dyads.actors import ActorResolver
    from dyads.nlp import load_nlp

    resolver = ActorResolver.default()
    nlp = load_nlp()

    def rows() -> Iterator[dict[str, Any]]:
        for rec_id, body, when in items:
            for a in resolver.annotate(nlp(body), when).actors():
                yield {
                    "id": rec_id,
                    "text": a.entity_text,
                    "code": a.code,
                    "country": a.country,
                    "sector": a.sector,
                    "name": a.name,
                }

    write_rows(rows(), fmt, sys.stdout, columns=COLUMNS)
