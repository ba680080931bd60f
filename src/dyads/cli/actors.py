"""``dyads actors resolve``: resolve the actors in a text, or in every record of a JSONL file."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from typing import Any

import click

from dyads.cli.common import (
    DyadsGroup,
    check_read,
    date_option,
    format_option,
    jsonl_input_option,
    jsonl_records,
)
from dyads.output import write_rows

COLUMNS = ("id", "text", "code", "country", "sector", "name")


@click.group(cls=DyadsGroup)
def actors() -> None:
    """Resolve actor mentions to CAMEO-style codes (RUSGOV, TUR, IGOUNO)."""


@actors.command("resolve", short_help="Resolve the actors in TEXT or a JSONL file to codes.")
@click.argument("text", required=False)
@jsonl_input_option()
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
    items: list[tuple[str | None, str, dt.date | None]]
    if text is not None:
        items = [(None, text, date)]
    else:
        counts: dict[str, int] = {}
        items = list(jsonl_records(str(input_path), date, counts))
        check_read(str(input_path), counts)
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
