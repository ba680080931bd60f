"""``dyads ingest`` and ``dyads stats``: the event store from the shell (export: cli/export.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
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
from dyads.output import write_rows
from dyads.readers.base import ReadResult

DEFAULT_DB = Path("dyads.duckdb")


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
    from dyads.scale.spec import resolve_coder

    try:
        return resolve_coder(spec)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


def workers_option(what: str) -> Any:
    """The ``--workers N`` option of ``code`` and ``ingest``."""
    return click.option(
        "--workers",
        type=click.IntRange(1, 1024),
        default=None,
        metavar="N",
        help=f"Worker processes that {what}, each loading the model once (about 600 MB "
        "each). Default: all cores, or 1 for inputs of a few dozen articles.",
    )


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
@workers_option("code articles (with --engine dask: workers of the local cluster)")
@click.option(
    "--engine",
    type=click.Choice(("local", "dask")),
    default="local",
    show_default=True,
    help="local: this machine's processes; dask: partitions coded on a Dask cluster "
    "(docs/SCALE.md).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="With --engine dask: the scheduler of a running cluster (tcp://host:8786); without "
    "it a local cluster is started for the run.",
)
@click.option(
    "--parts",
    "parts_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="With --engine dask: where each partition's Parquet file goes (default: DB.parts/ "
    "beside the store); every worker must see it at this path.",
)
@click.option(
    "--partition-size",
    type=click.IntRange(1, 1_000_000),
    default=256,
    show_default=True,
    help="With --engine dask: articles per partition (one Dask task, one Parquet file).",
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
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    parts_dir: Path | None = None,
    partition_size: int = 256,
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
    from dyads.scale import CoderSpec, PoolCoder, choose_workers, usable_cores
    from dyads.store import DuckDBStore, ingest
    from dyads.store.duck import wal_path
    from dyads.store.sharing import lock_path

    if engine == "local" and (scheduler or parts_dir):
        raise click.UsageError("--scheduler and --parts go with --engine dask")
    spec = CoderSpec(coder_spec, actors_file)
    try:
        spec.check()
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    with contextlib.ExitStack() as stack:
        store = stack.enter_context(DuckDBStore.open(db, note=warn))
        skip = excluded([db, wal_path(db), lock_path(db)])
        items: Iterator[ReadResult] = _reported(read_tree(paths, date, skip))
        if engine == "dask":
            from dyads.scale.dask_engine import ingest_dask, parts_dir_for

            try:
                summary, _files = ingest_dask(
                    items,
                    store,
                    spec,
                    parts_dir or parts_dir_for(Path(db)),
                    scheduler=scheduler,
                    workers=workers or usable_cores(),
                    partition_size=partition_size,
                    batch_size=batch_size,
                    progress=progress,
                    note=warn,
                    retry_failed=retry_failed,
                )
            except DyadsError as exc:  # no dask installed, or no scheduler at --scheduler
                raise CliError(str(exc)) from exc
        else:
            n, items = choose_workers(workers, items)
            # More than one worker: the parent never loads the model, the workers do.
            coder = (
                stack.enter_context(PoolCoder(spec, n))
                if n > 1
                else (load_coder(coder_spec) if actors_file is None else user_coder(actors_file))
            )
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
