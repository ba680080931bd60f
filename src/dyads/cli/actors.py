"""``dyads actors resolve``: resolve the actors in a text, or in every record of a JSONL file."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
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


def actors_option() -> Any:
    """``--actors FILE.yaml``: a user actors file adding or overriding entries."""
    return click.option(
        "--actors",
        "actors_file",
        type=click.Path(dir_okay=False),
        default=None,
        envvar="DYADS_ACTORS",
        help="User actors file (YAML) adding or overriding actor entries; see docs/ACTORS.md. "
        "Default: $DYADS_ACTORS.",
    )


def user_coder(actors_file: str | None) -> Any:
    """A Coder using ``actors_file`` on top of the bundled actors (the default coder if None)."""
    from dyads.pipeline import Coder

    if actors_file is None:
        return Coder.default()
    from dyads.actors import ActorResolver

    return Coder(actors=ActorResolver.with_user_file(actors_file))


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
@actors_option()
def resolve(
    text: str | None,
    input_path: str | None,
    date: dt.date | None,
    fmt: str,
    actors_file: str | None = None,
) -> None:
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

    resolver = ActorResolver.with_user_file(actors_file) if actors_file else ActorResolver.default()
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


@actors.command("unresolved", short_help="The most frequent unresolved actor names in a store.")
@click.option(
    "--db",
    "db",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("dyads.duckdb"),
    show_default=True,
    metavar="FILE",
    help="The store, a DuckDB file written by `dyads ingest`.",
)
@click.option("--top", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.option(
    "--limit",
    type=click.IntRange(1, 10_000_000),
    default=20_000,
    show_default=True,
    help="Read at most this many distinct evidence sentences.",
)
@actors_option()
@format_option()
def unresolved(db: Path, top: int, limit: int, actors_file: str | None, fmt: str) -> None:
    """List the names in the store's evidence sentences that no actor code covers.

    Names spaCy reads as people, organisations or nationalities, with no country or
    international code, most frequent first, each with one example sentence. Add the ones
    that matter to a user actors file (--actors FILE.yaml on code and ingest).

    \b
    dyads actors unresolved --db news.duckdb --top 20 --format table
    """

    from dyads.actors import ActorResolver
    from dyads.actors.unresolved import unresolved_names

    if not db.exists():
        raise click.UsageError(
            f"{db}: no such store (create it with `dyads ingest PATH... --db {db}`)"
        )
    from dyads.store import DuckDBStore

    # through the store: its path checks, and a wait while an ingest holds the file
    with DuckDBStore.open(db, read_only=True) as store:
        rows = store.con.execute(
            "SELECT m.sentence, any_value(a.date) FROM mentions m "
            "LEFT JOIN articles a ON a.id = m.article_id GROUP BY m.sentence LIMIT ?",
            [limit],
        ).fetchall()
    resolver = ActorResolver.with_user_file(actors_file) if actors_file else None
    found = unresolved_names(((s, d) for s, d in rows if s), resolver, top)
    write_rows(
        ({"name": u.name, "count": u.count, "example": u.example} for u in found),
        fmt,
        sys.stdout,
        columns=("name", "count", "example"),
    )
