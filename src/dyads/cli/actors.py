"""``dyads actors resolve``: resolve the actors in a text, or in every record of a JSONL file."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from dyads.cli.common import date_option, format_option
from dyads.errors import InputError
from dyads.output import write_rows

COLUMNS = ("id", "text", "code", "country", "sector", "name")


@click.group()
def actors() -> None:
    """Actor dictionaries and resolution."""


def _records(path: str, default_date: dt.date | None) -> Iterator[tuple[Any, str, dt.date | None]]:
    lines = (sys.stdin.read() if path == "-" else Path(path).read_text("utf-8")).splitlines()
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            text = rec["text"]
            when = dt.date.fromisoformat(rec["date"]) if rec.get("date") else default_date
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(
                path, f"bad record: {exc}", "each line needs {id, text, date?}", n
            ) from exc
        yield rec.get("id", n), text, when


@actors.command("resolve")
@click.argument("text", required=False)
@click.option(
    "--input",
    "input_path",
    default=None,
    help="JSONL file of {id, text, date?} records ('-' for stdin) instead of TEXT.",
)
@date_option("Date the text refers to (YYYY-MM-DD): roles follow it. Default: today's roles.")
@format_option()
def resolve(text: str | None, input_path: str | None, date: dt.date | None, fmt: str) -> None:
    """Resolve the actors in TEXT (or in each record of --input) to CAMEO-style codes."""
    from dyads.actors import ActorResolver
    from dyads.nlp import load_nlp

    if (text is None) == (input_path is None):
        raise click.UsageError("give either TEXT or --input FILE.jsonl")
    resolver = ActorResolver.default()
    nlp = load_nlp()
    try:
        items = [(None, text, date)] if text is not None else list(_records(str(input_path), date))
    except (InputError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc

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
