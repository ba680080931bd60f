"""``dyads time``: tag the time expressions of a text or of a JSONL file of articles."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from typing import Any

import click

from dyads.cli.common import (
    CliError,
    check_read,
    date_option,
    format_option,
    jsonl_input_option,
    jsonl_records,
)
from dyads.output import write_rows

COLUMNS = ("article_id", "text", "start", "end", "type", "value")


def _rows(article_id: str, text: str, pub: dt.date | None) -> Iterator[dict[str, Any]]:
    from dyads.time import tag

    for t in tag(text, pub):
        yield {"article_id": article_id, "text": t.text, "start": t.start, "end": t.end,
               "type": t.type, "value": t.value}  # fmt: skip


@click.command("time")
@click.argument("text", required=False)
@jsonl_input_option()
@date_option("Publication date (YYYY-MM-DD); per-line dates in --jsonl take precedence.")
@format_option()
def time_cmd(text: str | None, input_path: str | None, date: dt.date | None, fmt: str) -> None:
    """Find time expressions and normalise them to TIMEX3 values.

    Offsets are character offsets into the text exactly as given. Without a publication date,
    relative expressions keep X placeholders (XXXX-02-12).

    \b
    dyads time "Putin will visit Turkey on Feb. 12." --date 2024-01-31
    dyads time --jsonl articles.jsonl --format table
    """
    if (text is None) == (input_path is None):
        raise click.UsageError("give either TEXT or --jsonl FILE (not both)")
    if input_path is not None:
        counts: dict[str, int] = {}
        records = jsonl_records(input_path, date, counts)
        rows = (row for rid, body, when in records for row in _rows(rid, body, when))
        try:
            write_rows(rows, fmt, sys.stdout, COLUMNS)
        except OSError as exc:
            raise CliError(f"{input_path}: cannot be read ({exc.strerror or exc})") from exc
        check_read(input_path, counts)
        return
    assert text is not None
    write_rows(_rows("-", text, date), fmt, sys.stdout, COLUMNS)
