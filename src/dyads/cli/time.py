"""``dyads time``: tag the time expressions of a text or of a JSONL file of articles."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from typing import Any

import click

from dyads.cli.common import CliError, date_option, format_option, warn
from dyads.errors import InputError
from dyads.output import write_rows
from dyads.readers.base import iter_jsonl

COLUMNS = ("article_id", "text", "start", "end", "type", "value")


def _rows(article_id: str, text: str, pub: dt.date | None) -> Iterator[dict[str, Any]]:
    from dyads.time import tag

    for t in tag(text, pub):
        yield {"article_id": article_id, "text": t.text, "start": t.start, "end": t.end,
               "type": t.type, "value": t.value}  # fmt: skip


def _jsonl_rows(path: str, pub: dt.date | None, counts: dict[str, int]) -> Iterator[dict[str, Any]]:
    stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    try:
        for item in iter_jsonl(stream, "<stdin>" if path == "-" else path, pub):
            if isinstance(item, InputError):
                counts["errors"] += 1
                warn(str(item))
                continue
            counts["read"] += 1
            yield from _rows(item.id, item.text, item.date)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


@click.command("time")
@click.argument("text", required=False)
@click.option(
    "--jsonl",
    "--input",
    "jsonl",
    type=str,
    default=None,
    metavar="FILE",
    help="JSONL of {id, text, date?} records, one per line ('-' reads stdin), instead of TEXT.",
)
@date_option("Publication date (YYYY-MM-DD); per-line dates in --jsonl take precedence.")
@format_option()
def time_cmd(text: str | None, jsonl: str | None, date: dt.date | None, fmt: str) -> None:
    """Find time expressions and normalise them to TIMEX3 values.

    Offsets are character offsets into the text exactly as given. Without a publication date,
    relative expressions keep X placeholders (XXXX-02-12).

    \b
    dyads time "Putin will visit Turkey on Feb. 12." --date 2024-01-31
    dyads time --jsonl articles.jsonl --format table
    """
    if (text is None) == (jsonl is None):
        raise click.UsageError("give either TEXT or --jsonl FILE (not both)")
    if jsonl is not None:
        counts = {"read": 0, "errors": 0}
        try:
            write_rows(_jsonl_rows(jsonl, date, counts), fmt, sys.stdout, COLUMNS)
        except OSError as exc:
            raise CliError(f"{jsonl}: cannot be read ({exc.strerror or exc})") from exc
        if counts["read"] == 0:
            fix = "fix the lines above" if counts["errors"] else 'write one {"id", "text"} per line'
            raise CliError(f"{jsonl}: no records could be read ({fix})")
        return
    assert text is not None
    write_rows(_rows("-", text, date), fmt, sys.stdout, COLUMNS)
