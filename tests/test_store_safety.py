"""The store is never harmed by an option, reused ids become versions, failures are isolated.

Store commands run with the hash coder; the lock test holds the store from a second process.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dyads.cli import main
from dyads.records import Article, Event
from dyads.store import DuckDBStore, StoreError
from dyads.store.synthetic_coder import HashCoder

FAKE = ["--coder", "dyads.store.synthetic_coder:HashCoder"]
GOOD = (
    "Kenya and Ethiopia sign border pact\n\n"
    "The foreign ministers of Kenya and Ethiopia signed a border security agreement in Nairobi "
    "on Tuesday, officials said.\n"
)


def run(*args: str, input: str | None = None) -> Result:
    """``dyads ARGS`` in-process."""
    return CliRunner().invoke(main, list(args), input=input)


def lines(res: Result) -> list[str]:
    """The ``dyads:`` lines on stderr, without the prefix."""
    return [ln[7:] for ln in res.stderr.splitlines() if ln.startswith("dyads: ")]


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A store holding one article."""
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert run("ingest", str(tmp_path / "good.txt"), "--db", str(db), *FAKE).exit_code == 0
    return db


@pytest.mark.parametrize("suffix", ["", ".wal"])
def test_export_out_equal_to_the_store_or_its_wal_is_refused(store: Path, suffix: str) -> None:
    target = Path(f"{store}{suffix}")
    before = store.read_bytes()
    res = run("export", "events", "--db", str(store), "--out", str(target))
    assert res.exit_code == 1
    assert lines(res) == [
        f"{target}: is the store {store} itself or its write-ahead log; writing there would "
        "destroy the store (give another --out)"
    ]
    assert store.read_bytes() == before


def test_export_all_into_the_store_directory_cannot_hit_the_store(store: Path) -> None:
    res = run("export", "all", "--db", str(store), "--out", str(store.parent), "--format", "csv")
    assert res.exit_code == 0, res.output
    assert json.loads(run("stats", "--db", str(store), "--format", "json").stdout)["articles"] == 1


@pytest.mark.parametrize("value", ["md:news", "s3://bucket/news.duckdb", "http://x.example/s.db"])
def test_uri_like_db_is_refused(tmp_path: Path, value: str) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    for args in (["ingest", str(tmp_path / "good.txt")], ["stats"], ["export", "events"]):
        res = run(*args, "--db", value, *(FAKE if args[0] == "ingest" else []))
        assert res.exit_code == 1
        assert lines(res) == [
            f"{value}: looks like a URI; the store is a local file (give a path such as "
            "news.duckdb)"
        ]


def test_sqlite_db_is_refused_without_loading_an_extension(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = db.read_bytes()
    for args in (["stats"], ["ingest", str(tmp_path / "x.txt"), *FAKE]):
        res = run(*args, "--db", str(db))
        assert lines(res) == [
            f"{db}: is a SQLite database, not a dyads store (give a store written by "
            "`dyads ingest`, or a new file name)"
        ]
    assert db.read_bytes() == before


def test_extension_autoload_and_autoinstall_are_off(tmp_path: Path) -> None:
    with DuckDBStore.open(tmp_path / "s.duckdb") as s:
        rows = dict(
            s.con.execute(
                "SELECT name, value FROM duckdb_settings() WHERE name IN "
                "('autoload_known_extensions', 'autoinstall_known_extensions')"
            ).fetchall()
        )
    assert rows == {"autoload_known_extensions": "false", "autoinstall_known_extensions": "false"}


def test_read_only_commands_work_on_a_read_only_store(store: Path) -> None:
    store.chmod(0o444)
    try:
        before = store.read_bytes()
        res = run("stats", "--db", str(store), "--format", "json")
        assert res.exit_code == 0 and json.loads(res.stdout)["articles"] == 1
        assert run("export", "articles", "--db", str(store)).exit_code == 0
        with DuckDBStore.open(store, read_only=True) as s:
            assert s.read_only and s.stats()["articles"] == 1
        assert store.read_bytes() == before
    finally:
        store.chmod(0o644)


HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("ready", flush=True)
time.sleep(60)
"""


def test_a_store_being_written_gives_the_lock_message(store: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        want = [f"another dyads process is writing {store}; wait for it or use another --db"]
        for args in (["stats"], ["export", "events"], ["ingest", str(store.parent / "good.txt")]):
            res = run(*args, "--db", str(store), *(FAKE if args[0] == "ingest" else []))
            assert res.exit_code == 1 and lines(res) == want, res.output
    finally:
        proc.kill()
        proc.wait(timeout=30)


def test_store_inside_the_input_folder_is_not_read_as_an_input(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    for _ in range(2):
        res = run("ingest", str(tmp_path), "--db", str(db), *FAKE)
        assert res.exit_code == 0, res.output
        assert len(lines(res)) == 1 and lines(res)[0].startswith("read 1 articles")


def test_ingest_reads_stdin(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    res = run("ingest", "-", "--db", str(db), *FAKE, input=json.dumps({"id": "s1", "text": GOOD}))
    assert res.exit_code == 0, res.output
    with DuckDBStore.open(db, read_only=True) as s:
        assert [r["path"] for r in s.rows("articles")] == ["<stdin>"]


def test_each_spelling_of_a_path_is_recorded_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "sub" / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "sub")
    db = tmp_path / "s.duckdb"
    spellings = ["sub/empty.txt", "./sub/empty.txt", "sub/../sub/empty.txt",
                 str(tmp_path / "sub" / "empty.txt"), "link/empty.txt"]  # fmt: skip
    for spelling in spellings:
        run("ingest", spelling, "sub/good.txt", "--db", str(db), *FAKE)
    with DuckDBStore.open(db, read_only=True) as s:
        skipped = list(s.rows("skipped"))
        (article,) = list(s.rows("articles"))
    assert [r["path"] for r in skipped] == [str((tmp_path / "sub" / "empty.txt").resolve())]
    assert article["path"] == str((tmp_path / "sub" / "good.txt").resolve())


def test_a_reused_id_with_other_text_is_a_new_version(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    first = tmp_path / "first.jsonl"
    first.write_text(
        "".join(json.dumps({"id": f"a{i}", "text": GOOD + f"Item {i}.\n"}) + "\n" for i in range(5))
    )
    assert run("ingest", str(first), "--db", str(db), *FAKE).exit_code == 0
    corrected = tmp_path / "corrected.jsonl"
    corrected.write_text(
        "".join(
            json.dumps({"id": f"a{i}", "text": GOOD + f"Item {i}, corrected with more detail.\n"})
            + "\n"
            for i in range(5)
        )
    )
    res = run("ingest", str(corrected), "--db", str(db), *FAKE)
    assert res.exit_code == 0, res.output
    notes = [ln for ln in lines(res) if "was stored before" in ln]
    assert len(notes) == 5
    assert notes[0].startswith(f"{corrected}: id 'a0' was stored before with different text; ")
    assert "5 new versions of stored ids" in lines(res)[-1]
    with DuckDBStore.open(db, read_only=True) as s:
        rows = list(s.rows("articles"))
    assert len(rows) == 10
    versions = {r["version_of"]: r["id"] for r in rows if r["version_of"]}
    assert sorted(versions) == [f"a{i}" for i in range(5)]
    assert all(v.startswith(k + "~") for k, v in versions.items())
    again = run("ingest", str(corrected), str(first), "--db", str(db), *FAKE)
    assert "0 coded, 10 already stored" in lines(again)[-1]


def test_a_reused_id_within_one_file_is_a_new_version(tmp_path: Path) -> None:
    p = tmp_path / "twice.jsonl"
    p.write_text(
        json.dumps({"id": "x", "text": GOOD})
        + "\n"
        + json.dumps({"id": "x", "text": GOOD + "More.\n"})
        + "\n"
    )
    res = run("ingest", str(p), "--db", str(tmp_path / "s.duckdb"), *FAKE)
    assert res.exit_code == 0 and sum("was stored before" in ln for ln in lines(res)) == 1


class BoomCoder(HashCoder):
    """Fails on articles that mention Chad; interrupts on articles that mention Ctrl-C."""

    def code(self, art: Article) -> list[Event]:
        if "Ctrl-C" in art.text:
            raise KeyboardInterrupt
        if "Chad" in art.text:
            raise ValueError("[E088] Text of length 1500000 exceeds maximum\nsecond line")
        return super().code(art)


def test_a_coder_crash_costs_one_article_and_is_not_retried_forever(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "chad.txt").write_text(GOOD.replace("Kenya", "Chad"), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    args = ["ingest", str(tmp_path), "--db", str(db), "--coder", "test_store_safety:BoomCoder"]
    res = run(*args)
    assert res.exit_code == 3
    (line,) = [ln for ln in lines(res) if "could not be coded" in ln]
    assert line.startswith(f"{tmp_path / 'chad.txt'}: article ")
    assert line.endswith(
        "could not be coded: ValueError: [E088] Text of length 1500000 exceeds maximum "
        "(recorded in `skipped`; `dyads ingest --retry-failed` tries it again)"
    )
    again = run(*args)
    assert again.exit_code == 3
    assert any("the coder failed on it in an earlier run" in ln for ln in lines(again))
    assert "1 failed in an earlier run (--retry-failed to retry)" in lines(again)[-1]
    fixed = run("ingest", str(tmp_path), "--db", str(db), *FAKE, "--retry-failed")
    assert fixed.exit_code == 0, fixed.output
    stats = json.loads(run("stats", "--db", str(db), "--format", "json").stdout)
    assert stats["articles"] == 2 and stats["skipped"] == 0


def test_code_isolates_a_coder_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dyads.pipeline import Coder

    real = Coder.default()

    class Boom:
        def code_batch(
            self, arts: Iterable[Article], batch_size: int = 32
        ) -> Iterator[tuple[Article, list[Event]]]:
            for art, evs in real.code_batch(arts, batch_size):
                if "Chad" in art.text:
                    raise OverflowError("date value out of range")
                yield art, evs

    monkeypatch.setattr(Coder, "default", classmethod(lambda cls: Boom()))
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD.replace("Kenya", "Chad"), encoding="utf-8")
    (tmp_path / "c.txt").write_text(GOOD.replace("Kenya", "Uganda"), encoding="utf-8")
    res = run("code", str(tmp_path), "--date", "2024-06-12")
    assert res.exit_code == 3
    (line,) = lines(res)
    assert line.startswith(f"{tmp_path / 'b.txt'}: article ")
    assert line.endswith("could not be coded: OverflowError: date value out of range "
                         "(the other inputs were coded; please report this)")  # fmt: skip
    coded = {json.loads(x)["article_id"] for x in res.stdout.splitlines()}
    assert len(coded) == 2


def test_ctrl_c_is_one_line_and_exit_130_and_keeps_committed_batches(tmp_path: Path) -> None:
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(GOOD.replace("Kenya", f"Kenya {i}"), encoding="utf-8")
    (tmp_path / "9.txt").write_text(GOOD + "Ctrl-C\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    res = run("ingest", str(tmp_path), "--db", str(db), "--batch-size", "2",
              "--coder", "test_store_safety:BoomCoder")  # fmt: skip
    assert res.exit_code == 130
    assert lines(res) == [
        "interrupted; what was already committed is kept (run the same command to resume)"
    ]
    with DuckDBStore.open(db, read_only=True) as s:
        assert s.stats()["articles"] == 4


def test_store_error_for_uri_from_the_library() -> None:
    with pytest.raises(StoreError, match="looks like a URI"):
        DuckDBStore.open("md:x")
    DuckDBStore.open(":memory:").close()


def test_no_time_spent_waiting(tmp_path: Path) -> None:
    # A read-only open of a missing file must fail at once, never create it.
    t = time.monotonic()
    res = run("stats", "--db", str(tmp_path / "none.duckdb"))
    assert res.exit_code == 1 and not (tmp_path / "none.duckdb").exists()
    assert time.monotonic() - t < 30
