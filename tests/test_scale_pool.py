"""`--workers N`: a process pool gives exactly the one-process output (real worker processes)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dyads.cli import main
from dyads.records import to_dict
from dyads.scale import CoderSpec, PoolCoder
from dyads.store import DuckDBStore, ingest
from dyads.store.coding import code_isolated
from dyads.store.synthetic_files import write_corpus

sys.path.insert(0, str(Path(__file__).parent))
from test_scale_coders import KILL_FLAG, TrapCoder, trapped_articles  # noqa: E402

ROOT = Path(__file__).parents[1]
TRAP = "test_scale_coders:TrapCoder"
VOLATILE = {"ingested_at", "skipped_at"}

pytestmark = pytest.mark.slow


def snapshot(db: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table of a store, without the columns that record when."""
    with DuckDBStore.open(db) as store:
        return {
            t: [{k: v for k, v in r.items() if k not in VOLATILE} for r in store.rows(t)]
            for t in ("articles", "mentions", "events", "actors", "skipped")
        }


def outcome(result: Any) -> Any:
    return f"failed: {result}" if isinstance(result, Exception) else [to_dict(e) for e in result]


def test_code_with_two_workers_prints_what_one_prints() -> None:
    runner = CliRunner()
    args = ["code", str(ROOT / "examples"), "--explain"]
    one = runner.invoke(main, [*args, "--workers", "1"])
    two = runner.invoke(main, [*args, "--workers", "2"])
    assert one.exit_code == 0, one.output
    assert two.exit_code == 0, two.output
    assert two.stdout == one.stdout and one.stdout.count("\n") > 50


def test_pool_survives_a_failing_article_and_a_killed_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    arts = trapped_articles(40)
    serial = [(a.id, outcome(r)) for a, r in code_isolated(TrapCoder(), arts[:4] + arts[5:])]
    monkeypatch.setenv(KILL_FLAG, str(tmp_path / "killed"))
    with PoolCoder(CoderSpec(TRAP), workers=2, chunk=4) as pool:
        pooled = [(a.id, outcome(r)) for a, r in pool.code_isolated(arts)]
        assert pool.restarts >= 1  # the worker did die
    assert (tmp_path / "killed").exists()
    # The killed worker's article was coded again; the boom article failed alone, with the
    # same reason as in one process.
    kill_id = arts[4].id
    assert [p for p in pooled if p[0] != kill_id] == serial
    assert next(o for i, o in pooled if i == kill_id) == outcome(TrapCoder().code(arts[4]))
    assert sum(str(o).startswith("failed: boom") for _i, o in pooled) == 1


def test_a_pool_broken_between_reads_refuses_no_chunk() -> None:
    """A worker may die while chunks are still being handed out: the executor then refuses
    new work at once (BrokenProcessPool from ``submit``). That chunk is coded again with the
    rest, not lost with an error (it failed a clean-clone run when the timing fell so)."""
    from concurrent.futures.process import BrokenProcessPool

    arts = [a for a in trapped_articles(12) if "KILLTHEWORKER" not in a.text]
    serial = [(a.id, outcome(r)) for a, r in code_isolated(TrapCoder(), arts)]

    class Breaking(PoolCoder):
        refused = 0

        def _executor(self) -> Any:
            real = super()._executor()
            outer = self

            class Refusing:
                def submit(self, *args: Any) -> Any:
                    if outer.refused == 0 and outer.restarts == 0 and args[2][0] is arts[4]:
                        outer.refused += 1
                        raise BrokenProcessPool("a worker died")
                    return real.submit(*args)

            return Refusing()

    with Breaking(CoderSpec(TRAP), workers=2, chunk=4) as pool:
        pooled = [(a.id, outcome(r)) for a, r in pool.code_isolated(arts)]
        assert pool.refused == 1 and pool.restarts == 1
    assert pooled == serial


def test_ingest_with_two_workers_equals_one(tmp_path: Path) -> None:
    arts = [a for a in trapped_articles(60) if "KILLTHEWORKER" not in a.text]
    write_corpus(tmp_path / "in", arts)
    runner = CliRunner()
    dbs = []
    for n in ("1", "2"):
        db = tmp_path / f"w{n}.duckdb"
        args = ["ingest", str(tmp_path / "in"), "--db", str(db), "--workers", n, "--coder", TRAP]
        res = runner.invoke(main, args)
        assert res.exit_code == 3, res.output  # the boom article is skipped, the rest stored
        dbs.append(db)
    assert snapshot(dbs[0]) == snapshot(dbs[1])
    assert snapshot(dbs[0])["mentions"]


def test_pool_as_an_ingest_coder_is_idempotent(tmp_path: Path) -> None:
    arts = [a for a in trapped_articles(30) if "KILLTHEWORKER" not in a.text]
    db = tmp_path / "s.duckdb"
    with PoolCoder(CoderSpec(TRAP), workers=2) as pool, DuckDBStore.open(db) as store:
        first = ingest(arts, store, pool, batch_size=8)
        before = store.stats()
        again = ingest(arts, store, pool, batch_size=8)
        assert store.stats() == before
    assert first.coded > 20 and first.n_skipped == 1
    assert again.coded == 0 and again.mentions == 0 and again.failed_before == 1
    assert os.environ.get(KILL_FLAG) is None
