"""``dyads ingest``, ``dyads stats`` and ``dyads export``: the event store from the shell."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import sys
from pathlib import Path
from typing import Any

import click

from dyads.cli.common import date_option, warn
from dyads.output import FORMATS, write_rows

DB_HELP = "The store (a DuckDB file)."


def db_option(must_exist: bool = False) -> Any:
    """The ``--db PATH`` option every store command shares."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, exists=must_exist, path_type=Path),
        default=Path("dyads.duckdb"),
        show_default=True,
        help=DB_HELP,
    )


def load_coder(spec: str) -> Any:
    """Resolve ``module:attr.attr`` to a coder object (calling it when it is a factory)."""
    module_name, _, attr = spec.partition(":")
    obj: Any = importlib.import_module(module_name)
    for part in filter(None, attr.split(".")):
        obj = getattr(obj, part)
    # A class or a factory (``Coder.default``) is called; an object with code_batch is used as is.
    if isinstance(obj, type) or (not hasattr(obj, "code_batch") and callable(obj)):
        obj = obj()
    if not hasattr(obj, "code_batch"):
        raise click.UsageError(f"{spec} is not a coder (it has no code_batch method)")
    return obj


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option()
@date_option()
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100_000),
    default=64,
    show_default=True,
    help="Articles per transaction (and per parsing batch).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr (default: only when stderr is a terminal).",
)
@click.option(
    "--coder",
    "coder_spec",
    default="dyads.pipeline:Coder.default",
    hidden=True,
    help="module:attr of the coder (for tests and alternative coders).",
)
def ingest_cmd(
    paths: tuple[Path, ...],
    db: Path,
    date: dt.date | None,
    batch_size: int,
    progress: bool | None,
    coder_spec: str,
) -> None:
    """Code files and directories into the store: .txt, .html, .jsonl, RSS/Atom, WARC.

    Re-running adds nothing already stored; a killed run resumes where it stopped.
    """
    from dyads.readers import read_tree
    from dyads.store import DuckDBStore, StoreError, ingest

    coder = load_coder(coder_spec)
    try:
        with DuckDBStore.open(db) as store:
            summary = ingest(read_tree(paths, date), store, coder, batch_size, progress)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    warn(summary.line())


@click.command("stats")
@db_option(must_exist=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)
def stats_cmd(db: Path, fmt: str) -> None:
    """Print how many articles, mentions, events, actors and skipped inputs the store holds."""
    from dyads.store import DuckDBStore, StoreError

    try:
        with DuckDBStore.open(db) as store:
            counts = store.stats()
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt in ("json", "jsonl"):
        click.echo(json.dumps(counts, indent=2 if fmt == "json" else None))
        return
    rows = [{"what": k, "count": v} for k, v in counts.items()]
    write_rows(rows, fmt, sys.stdout, columns=["what", "count"])


@click.command("export")
@click.argument(
    "table", type=click.Choice(["articles", "mentions", "events", "actors", "skipped", "all"])
)
@db_option(must_exist=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*FORMATS, "parquet")),
    default="jsonl",
    show_default=True,
    help="Output format (parquet needs --out).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Output file (a directory for `all`); default stdout.",
)
def export_cmd(table: str, db: Path, fmt: str, out: Path | None) -> None:
    """Export a table of the store (or `all` tables as Parquet files into --out DIR)."""
    from dyads.store import DuckDBStore, StoreError

    try:
        with DuckDBStore.open(db) as store:
            if table == "all":
                if fmt != "parquet" or out is None:
                    raise click.UsageError(
                        "`export all` writes Parquet: use --format parquet --out DIR"
                    )
                for name, n in store.export_all(out).items():
                    warn(f"{name}: {n} rows -> {out / (name + '.parquet')}")
                return
            if fmt == "parquet":
                if out is None:
                    raise click.UsageError("--format parquet needs --out FILE")
                n = store.export_parquet(table, out)
            else:
                rows = (_plain(r) for r in store.rows(table))
                if out is None:
                    n = write_rows(rows, fmt, sys.stdout)
                else:
                    with out.open("w", encoding="utf-8", newline="") as fh:
                        n = write_rows(rows, fmt, fh)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    warn(f"exported {n} {table} rows")


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """JSON-ready values: dates as ISO strings, signatures as hex, the record as an object."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        if isinstance(v, (dt.date, dt.datetime)):
            v = v.isoformat()
        elif isinstance(v, bytes):
            v = v.hex()
        elif k == "record" and isinstance(v, str):
            v = json.loads(v)
        out[k] = v
    return out
