"""``dyads ingest``, ``dyads stats`` and ``dyads export``: the event store from the shell."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from dyads.cli.actors import actors_option, user_coder
from dyads.cli.common import (
    CliError,
    check_parent_dir,
    date_option,
    exit_status,
    format_option,
    warn,
)
from dyads.errors import DyadsError, InputError
from dyads.output import FORMATS, write_rows
from dyads.readers.base import ReadResult

DEFAULT_DB = Path("dyads.duckdb")
TABLE_NAMES = ("articles", "mentions", "events", "actors", "skipped")
SUFFIX = {"jsonl": ".jsonl", "json": ".json", "csv": ".csv", "table": ".txt", "parquet": ".parquet"}
# Formats other event-data tools read (events only), from the store's views: docs/EXPORTS.md.
EVENT_FORMATS = ("plover-jsonl", "polecat-tsv", "gdelt-tsv")


def _local(value: str) -> None:
    """Refuse URI-like values (``md:``, ``s3://``) and files that are not DuckDB stores."""
    from dyads.store.duck import check_store_path

    try:
        check_store_path(value)
    except DyadsError as exc:
        raise CliError(str(exc)) from exc


def _existing_store(_ctx: click.Context, _param: click.Parameter, raw: str) -> Path:
    # A one-line error that says how to make the store, rather than click's generic one.
    _local(raw)
    value = Path(raw)
    if value.is_dir():
        raise CliError(f"{value}: is a directory, not a store (give the .duckdb file)")
    if not value.exists():
        raise CliError(
            f"{value}: no such store (create it with `dyads ingest PATH... --db {value}`)"
        )
    return value


def _new_store(_ctx: click.Context, _param: click.Parameter, raw: str) -> Path:
    _local(raw)
    value = Path(raw)
    if value.is_dir():
        raise CliError(f"{value}: is a directory, not a store (give a .duckdb file name)")
    check_parent_dir(value)
    return value


def db_option(must_exist: bool = False) -> Any:
    """The ``--db FILE`` option every store command shares."""
    return click.option(
        "--db",
        "db",
        type=click.Path(path_type=str),  # kept as typed, so that ``s3://`` is seen as a URI
        default=str(DEFAULT_DB),
        show_default=True,
        metavar="FILE",
        callback=_existing_store if must_exist else _new_store,
        help="The store, a DuckDB file"
        + (" written by `dyads ingest`." if must_exist else " (created if missing)."),
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


@click.command("ingest", short_help="Code files and directories into the store.")
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
    "--retry-failed",
    is_flag=True,
    default=False,
    help="Code again the articles the coder failed on in earlier runs (by default they are "
    "counted and passed over).",
)
@click.option(
    "--coder",
    "coder_spec",
    default="dyads.pipeline:Coder.default",
    hidden=True,
    help="module:attr of the coder (for tests and alternative coders).",
)
@actors_option()
def ingest_cmd(
    paths: tuple[Path, ...],
    db: Path,
    date: dt.date | None,
    batch_size: int,
    progress: bool | None,
    retry_failed: bool,
    coder_spec: str,
    actors_file: str | None = None,
) -> None:
    """Code files and directories (or - for stdin) into the store: .txt, .html, .jsonl,
    RSS/Atom, WARC.

    Directories are read recursively (the store itself and its .wal are passed over).
    Re-running adds nothing already stored; a killed run resumes where it stopped; an id seen
    before with different text is stored as a new version. A bad input is reported on stderr
    in one line, recorded in the `skipped` table, and the run goes on. Exit code: 0 all read,
    1 nothing read, 3 some inputs skipped (see docs/LIMITS.md).

    \b
    dyads ingest examples/ --db news.duckdb
    """
    from dyads.readers import read_tree
    from dyads.readers.walk import excluded
    from dyads.store import DuckDBStore, ingest
    from dyads.store.duck import wal_path

    coder = load_coder(coder_spec) if actors_file is None else user_coder(actors_file)
    with DuckDBStore.open(db) as store:
        skip = excluded([db, wal_path(db)])
        items = _reported(read_tree(paths, date, skip))
        summary = ingest(
            items, store, coder, batch_size, progress, note=warn, retry_failed=retry_failed
        )
    warn(summary.line())
    if summary.read == 0 and not summary.skipped:
        where = " ".join(str(p) for p in paths)
        warn(f"no articles found in {where} (give .txt, .html, .jsonl, RSS or WARC)")
    status = exit_status(summary.read, summary.n_skipped + summary.failed_before)
    if status:
        raise SystemExit(status)


def _reported(items: Iterable[ReadResult]) -> Iterator[ReadResult]:
    """Pass ``items`` through, printing each bad input's one line on stderr as it goes by."""
    for item in items:
        if isinstance(item, InputError):
            warn(str(item))
        yield item


@click.command("stats", short_help="Count what the store holds.")
@db_option(must_exist=True)
@format_option()
def stats_cmd(db: Path, fmt: str) -> None:
    """Print how many articles, mentions, events, actors and skipped inputs the store holds.

    json and jsonl print one object of counts; csv and table print one row per count.
    """
    from dyads.store import DuckDBStore

    with DuckDBStore.open(db, read_only=True) as store:
        counts = store.stats()
    if fmt in ("json", "jsonl"):
        click.echo(json.dumps(counts, indent=2 if fmt == "json" else None))
        return
    rows = [{"what": k, "count": v} for k, v in counts.items()]
    write_rows(rows, fmt, sys.stdout, columns=["what", "count"])


@click.command("export", short_help="Export store tables, or events as PLOVER, POLECAT or GDELT.")
@click.argument("table", type=click.Choice([*TABLE_NAMES, "all"]), metavar="TABLE")
@db_option(must_exist=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*FORMATS, "parquet", *EVENT_FORMATS)),
    default=None,
    help="Output format: jsonl (one JSON object per line), json (one array), csv, table "
    "(aligned columns) or parquet (needs --out); for `events` also plover-jsonl, polecat-tsv "
    "or gdelt-tsv (docs/EXPORTS.md).  [default: jsonl; parquet for `all`]",
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
    dyads export events --db news.duckdb --format csv --out events.csv
    dyads export all --db news.duckdb --out dump/     (dump/events.parquet, ...)
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
        from dyads.store.views import write_export

        if out is None:
            return write_export(store.con, fmt, sys.stdout)
        with out.open("w", encoding="utf-8", newline="") as fh:
            return write_export(store.con, fmt, fh)
    rows = (_plain(r) for r in store.rows(table))
    if out is None:
        return write_rows(rows, fmt, sys.stdout)
    with out.open("w", encoding="utf-8", newline="") as fh:
        return write_rows(rows, fmt, fh)


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
