"""`dyads ingest --engine dask`: a real local Dask cluster of 2 worker processes (no mocks)
gives exactly the store of a one-process run, survives a worker killed mid-run, and a repeated
run adds nothing."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

distributed = pytest.importorskip("distributed")

from dyads.scale import CoderSpec  # noqa: E402
from dyads.scale.dask_engine import ingest_dask  # noqa: E402
from dyads.store import DuckDBStore, ingest  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from test_scale_coders import KILL_FLAG, KILL_MARK, TrapCoder, trapped_articles  # noqa: E402
from test_scale_pool import TRAP, snapshot  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A local cluster of 2 single-threaded worker processes (started once for this module)."""
    flag = tmp_path_factory.mktemp("flag") / "killed"
    os.environ[KILL_FLAG] = str(flag)  # workers inherit it: the first KILL article kills one
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as lc:
        yield lc.scheduler_address, flag
    os.environ.pop(KILL_FLAG, None)


def serial_store(tmp_path: Path, arts: list[Any]) -> Path:
    db = tmp_path / "serial.duckdb"
    with DuckDBStore.open(db) as store:
        ingest(arts, store, TrapCoder(), batch_size=16)
    return db


def dask_store(tmp_path: Path, arts: list[Any], scheduler: str) -> tuple[Path, Any, list[str]]:
    db = tmp_path / "dask.duckdb"
    with DuckDBStore.open(db) as store:
        summary, files = ingest_dask(
            arts,
            store,
            CoderSpec(TRAP),
            tmp_path / "parts",
            scheduler=scheduler,
            partition_size=8,
            batch_size=16,
        )
    return db, summary, files


def test_dask_equals_serial_even_with_a_worker_killed(
    tmp_path: Path, cluster: tuple[str, Path]
) -> None:
    scheduler, flag = cluster
    arts = trapped_articles(80)
    flag.touch()  # the serial run must not kill the test process
    serial = serial_store(tmp_path, arts)
    flag.unlink()
    db, summary, files = dask_store(tmp_path, arts, scheduler)
    assert flag.exists(), "a worker should have died on the KILL article"
    assert snapshot(db) == snapshot(serial)
    assert summary.n_skipped == 1  # the boom article, recorded as in the serial run
    # One Parquet file per partition, named by its hash; no partial file left behind.
    parts = sorted(p.name for p in (tmp_path / "parts").iterdir() if p.suffix == ".parquet")
    assert len(parts) == len(set(files)) == 10
    assert any(KILL_MARK in a.text for a in arts)


def test_a_repeated_run_adds_nothing(tmp_path: Path, cluster: tuple[str, Path]) -> None:
    scheduler, flag = cluster
    flag.touch()
    arts = trapped_articles(40, seed=11)
    db, first, _ = dask_store(tmp_path, arts, scheduler)
    before = snapshot(db)
    mtimes = {p: p.stat().st_mtime_ns for p in (tmp_path / "parts").iterdir()}
    db, again, _ = dask_store(tmp_path, arts, scheduler)
    assert first.coded > 30 and again.coded == 0 and again.mentions == 0
    assert snapshot(db) == before
    # The partitions were found by name, not coded or written again.
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "parts").iterdir()} == mtimes


def test_ingest_cli_with_the_dask_engine(tmp_path: Path, cluster: tuple[str, Path]) -> None:
    from click.testing import CliRunner

    from dyads.cli import main
    from dyads.store.synthetic_files import write_corpus

    scheduler, flag = cluster
    flag.touch()
    arts = [a for a in trapped_articles(30, seed=2) if KILL_MARK not in a.text]
    write_corpus(tmp_path / "in", arts)
    runner = CliRunner()
    base = ["ingest", str(tmp_path / "in"), "--coder", TRAP]
    one = runner.invoke(main, [*base, "--db", str(tmp_path / "one.duckdb"), "--workers", "1"])
    dask = runner.invoke(
        main,
        [*base, "--db", str(tmp_path / "d.duckdb"), "--engine", "dask", "--scheduler", scheduler],
    )
    assert one.exit_code == dask.exit_code == 3, dask.output  # the boom article is skipped
    assert snapshot(tmp_path / "d.duckdb") == snapshot(tmp_path / "one.duckdb")
    assert list((tmp_path / "d.duckdb.parts").glob("part-*.parquet"))
    bad = runner.invoke(main, [*base, "--db", str(tmp_path / "x.duckdb"), "--scheduler", "x"])
    assert bad.exit_code == 2 and "--engine dask" in bad.output


def test_an_article_that_kills_every_worker_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dask

    monkeypatch.setenv(KILL_FLAG, str(tmp_path / "unused"))
    arts = trapped_articles(24, seed=2, poison=True)  # seed 2: both traps are coded serially
    # No retries, so that the test does not wait for four deaths per task.
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as lc,
    ):
        db, summary, _files = dask_store(tmp_path, arts, lc.scheduler_address)
    assert summary.n_skipped == 2  # the poison article and the boom article; the rest stored
    assert summary.coded == len(arts) - 2 - summary.copies_not_coded
    with DuckDBStore.open(db) as store:
        reasons = [r["reason"] for r in store.rows("skipped")]
    assert any("WorkerDied" in r for r in reasons), reasons
