"""``dyads export``: store tables, or events in the formats other event-data tools read."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from dyads.cli.common import CliError, check_parent_dir, warn
from dyads.cli.store import db_option
from dyads.output import FORMATS, write_rows

TABLE_NAMES = ("articles", "mentions", "events", "actors", "skipped")
SUFFIX = {"jsonl": ".jsonl", "json": ".json", "csv": ".csv", "table": ".txt", "parquet": ".parquet"}
# Formats other event-data tools read (events only), from the store's views: docs/EXPORTS.md.
EVENT_FORMATS = ("plover-jsonl", "polecat-tsv", "gdelt-tsv", "icews-tsv")
# `export events` in these formats writes the flat view (one row per event, plain typed
# columns); `export all` still dumps the raw tables, for backups and store comparisons.
FLAT_FORMATS = ("csv", "parquet")


@click.command(
    "export",
    short_help="Export store tables, or events as flat CSV/Parquet, PLOVER, POLECAT, GDELT.",
)
@click.argument("table", type=click.Choice([*TABLE_NAMES, "all"]), metavar="TABLE")
@db_option(must_exist=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*FORMATS, "parquet", *EVENT_FORMATS)),
    default=None,
    help="Output format: jsonl (one JSON object per line), json (one array), csv, table "
    "(aligned columns) or parquet (needs --out); `events` as csv or parquet is one flat row per "
    "event (codes as text, ISO dates, place and actor parts as columns); for `events` also "
    "plover-jsonl, polecat-tsv, gdelt-tsv or icews-tsv (docs/EXPORTS.md).  "
    "[default: jsonl; parquet for `all`]",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    metavar="PATH",
    help="Output file (a directory for `all`, created if missing); default stdout.",
)
def export_cmd(table: str, db: Path, fmt: str | None, out: Path | None) -> None:
    """Export TABLE of the store, or `all` tables as one file each into --out DIR.

    \b
    dyads export events --db news.duckdb --format csv --out events.csv   (flat columns)
    dyads export all --db news.duckdb --out dump/     (raw tables: dump/events.parquet, ...)
    dyads export events --db news.duckdb --format gdelt-tsv --out events.tsv
    """
    from dyads.store import DuckDBStore

    if fmt in EVENT_FORMATS and table != "events":
        raise click.UsageError(f"--format {fmt} exports events only: `dyads export events`")
    if table == "all":
        fmt = fmt or "parquet"
        if out is None:
            raise click.UsageError("`export all` writes one file per table: give --out DIR")
        if out.exists() and not out.is_dir():
            raise CliError(f"{out}: is a file; `export all` needs a directory (--out DIR)")
        check_parent_dir(out, what="directory")
        for name in TABLE_NAMES:
            _refuse_store_target(out / (name + SUFFIX[fmt]), db)
    else:
        fmt = fmt or "jsonl"
        if fmt == "parquet" and out is None:
            raise click.UsageError("--format parquet needs --out FILE")
        if out is not None:
            check_parent_dir(out)
            _refuse_store_target(out, db)
    with DuckDBStore.open(db, read_only=True) as store:
        if table == "all":
            assert out is not None
            out.mkdir(exist_ok=True)
            for name in TABLE_NAMES:
                target = out / (name + SUFFIX[fmt])
                n = _export_one(store, name, fmt, target)
                warn(f"exported {n} {name} rows to {target}")
            return
        if table == "events" and fmt in FLAT_FORMATS:
            n = _export_events(store, fmt, out)
        else:
            n = _export_one(store, table, fmt, out)
    warn(f"exported {n} {table} rows" + (f" to {out}" if out is not None else ""))


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def _refuse_store_target(out: Path, db: Path) -> None:
    """Refuse to write an export over the store or its write-ahead log."""
    from dyads.store.duck import wal_path

    for target in (db, wal_path(db)):
        if _same_file(out, target):
            raise CliError(
                f"{out}: is the store {db} itself or its write-ahead log; writing there would "
                "destroy the store (give another --out)"
            )


def _export_one(store: Any, table: str, fmt: str, out: Path | None) -> int:
    """Write one table in ``fmt`` to ``out`` (stdout when None); returns the row count."""
    if fmt == "parquet":
        assert out is not None
        return int(store.export_parquet(table, out))
    if fmt in EVENT_FORMATS:
        return _export_events(store, fmt, out)
    rows = (_plain(r) for r in store.rows(table))
    if out is None:
        return write_rows(rows, fmt, sys.stdout)
    with out.open("w", encoding="utf-8", newline="") as fh:
        return write_rows(rows, fmt, fh)


def _export_events(store: Any, fmt: str, out: Path | None) -> int:
    """Write the events from the export view of ``fmt`` (docs/EXPORTS.md); returns the rows."""
    from dyads.store.views import write_export, write_parquet

    if fmt == "parquet":
        assert out is not None
        return write_parquet(store.con, fmt, out)
    if out is None:
        return write_export(store.con, fmt, sys.stdout)
    with out.open("w", encoding="utf-8", newline="") as fh:
        return write_export(store.con, fmt, fh)


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
