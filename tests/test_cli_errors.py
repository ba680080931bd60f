"""The command line as a demanding user meets it: one-line errors, no tracebacks, one --format.

Store commands run with the hash coder (fast, no spaCy); `dyads code` runs the real coder once
per session (it is cached) on a two-sentence article.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from dyads.cli import main
from dyads.cli.common import DyadsGroup
from dyads.errors import InputError
from dyads.output import FORMATS
from dyads.store.synthetic import articles
from dyads.store.synthetic_files import write_corpus

FAKE = ["--coder", "dyads.store.synthetic_coder:HashCoder"]
ARTICLE = (
    "Kenya and Ethiopia sign border pact\n\n"
    "The foreign ministers of Kenya and Ethiopia signed a border security agreement in Nairobi "
    "on Tuesday, officials said.\n"
)


def _run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input)


def _one_line_error(res: Result, *needles: str) -> str:
    """The result failed with exactly one ``dyads:`` line on stderr, naming ``needles``."""
    assert res.exit_code != 0, res.output
    assert (
        "Traceback" not in res.output
        and res.exception is None
        or isinstance(res.exception, SystemExit)
    )
    lines = res.stderr.splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("dyads: ")
    for n in needles:
        assert n in lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("store")
    write_corpus(root / "corpus", articles(8, seed=3))
    db = root / "s.duckdb"
    res = _run("ingest", str(root / "corpus"), "--db", str(db), *FAKE)
    assert res.exit_code == 0, res.output
    return db


# -- usage errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["time", "Talks on Friday.", "--date", "2024-13-40"],
        ["actors", "resolve", "Ankara spoke.", "--date", "2024-13-40"],
        ["code", "x.txt", "--date", "2024-13-40"],
        ["ingest", "x.txt", "--date", "2024-13-40"],
    ],
)
def test_bad_date_is_a_one_line_usage_error(args: list[str]) -> None:
    res = _run(*args)
    assert res.exit_code == 2
    line = _one_line_error(res, "2024-13-40", "YYYY-MM-DD", "--help")
    assert args[0] in line


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["bogus"], "bogus"),
        (["--bogus"], "--bogus"),
        (["export", "bogus"], "'bogus' is not one of"),
        (["time"], "TEXT or --jsonl"),
        (["code", "x.txt", "--min-confidence", "2"], "--min-confidence"),
    ],
)
def test_usage_errors_are_one_line(args: list[str], needle: str) -> None:
    assert _run(*args).exit_code == 2
    _one_line_error(_run(*args), needle)


@pytest.mark.parametrize("args", [[], ["actors"]])
def test_a_group_alone_still_shows_its_help(args: list[str]) -> None:
    res = _run(*args)
    assert "Usage:" in res.output and "Commands:" in res.output


def test_command_list_in_help_is_not_cut_off() -> None:
    for args in ([], ["actors"]):
        listing = _run(*args, "--help").output.split("Commands:")[1]
        assert "..." not in listing


def test_every_record_printing_command_has_the_same_format_choices() -> None:
    actors = main.commands["actors"]
    assert isinstance(actors, click.Group)
    commands = {
        "code": main.commands["code"],
        "time": main.commands["time"],
        "stats": main.commands["stats"],
        "export": main.commands["export"],
        "actors resolve": actors.commands["resolve"],
    }
    for name, cmd in commands.items():
        (opt,) = [p for p in cmd.params if p.name == "fmt"]
        assert isinstance(opt.type, click.Choice)
        assert set(FORMATS) <= set(opt.type.choices), name
        # export picks parquet for `all`; for one table its default is jsonl like the rest.
        assert opt.default in ("jsonl", None), name
        date = [p for p in cmd.params if p.name == "date"]
        assert all(p.metavar == "YYYY-MM-DD" for p in date), name


def test_time_and_actors_take_both_input_spellings(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Talks resumed on Friday."}) + "\n")
    for cmd in (["time"], ["actors", "resolve"]):
        for flag in ("--jsonl", "--input"):
            res = _run(*cmd, flag, str(src))
            assert res.exit_code == 0, (cmd, flag, res.output)


# -- the error boundary ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "needle"),
    [
        (InputError("a.txt", "empty file", "add text"), "a.txt: empty file (add text)"),
        (FileNotFoundError(2, "No such file or directory", "out/x.csv"), "out/x.csv: No such"),
        (PermissionError(13, "Permission denied", "db.duckdb"), "db.duckdb: Permission denied"),
    ],
)
def test_user_errors_become_one_line_not_a_traceback(exc: Exception, needle: str) -> None:
    @click.group(cls=DyadsGroup)
    def grp() -> None:
        pass

    @grp.command()
    def boom() -> None:
        raise exc

    res = CliRunner().invoke(grp, ["boom"])
    assert res.exit_code == 1
    assert res.stderr.strip() == f"dyads: {needle}" or needle in res.stderr
    assert len(res.stderr.splitlines()) == 1


def test_duckdb_errors_become_one_line() -> None:
    import duckdb

    @click.group(cls=DyadsGroup)
    def grp() -> None:
        pass

    @grp.command()
    def boom() -> None:
        duckdb.connect(":memory:").execute("SELECT * FROM no_such_table")

    res = CliRunner().invoke(grp, ["boom"])
    assert res.exit_code == 1 and res.stderr.startswith("dyads: database error:")
    assert len(res.stderr.splitlines()) == 1


def test_a_bug_still_shows_its_traceback() -> None:
    @click.group(cls=DyadsGroup)
    def grp() -> None:
        pass

    @grp.command()
    def boom() -> None:
        raise ZeroDivisionError("bug")

    res = CliRunner().invoke(grp, ["boom"])
    assert isinstance(res.exception, ZeroDivisionError)


# -- dyads code -----------------------------------------------------------------------------


def test_code_reads_a_directory_recursively(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pact.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "top.jsonl").write_text(json.dumps({"id": "j1", "text": ARTICLE}) + "\n")
    res = _run("code", str(tmp_path), "--date", "2024-06-12")
    assert res.exit_code == 0, res.output
    ids = {json.loads(x)["article_id"] for x in res.stdout.splitlines()}
    assert "j1" in ids and len(ids) == 2
    assert res.stderr == ""


def test_code_on_an_empty_directory_says_so(tmp_path: Path) -> None:
    _one_line_error(_run("code", str(tmp_path)), "no articles found", str(tmp_path))


def test_code_without_paths_on_a_terminal_asks_for_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dyads.cli.code._stdin_is_terminal", lambda: True)
    res = _run("code")
    assert res.exit_code == 2
    _one_line_error(res, "PATH", "- to read stdin")


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("missing.txt", None, "missing.txt: no such file"),
        ("empty.txt", b"", "empty.txt: empty file"),
        ("bin.txt", b"\x00\x01" * 100, "bin.txt: looks like a binary file"),
        ("notes", b"hello", "notes: unknown file type (no suffix)"),
        ("bad.jsonl", b"{not json\n", "bad.jsonl:1: not valid JSON: "),
    ],
)
def test_code_each_unreadable_input_is_one_line_and_exit_1(
    tmp_path: Path, name: str, content: bytes | None, needle: str
) -> None:
    p = tmp_path / name
    if content is not None:
        p.write_bytes(content)
    res = _run("code", str(p), "--format", "table")
    assert res.exit_code == 1
    line = _one_line_error(res, needle)
    assert line.endswith(")"), "the line ends with the fix in parentheses"


def test_code_jsonl_with_some_bad_lines_codes_the_rest(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": "good", "text": ARTICLE, "date": "2024-06-12"}),
        "not json",
        json.dumps({"id": "x"}),
        json.dumps({"id": "y", "text": "Kenya spoke.", "date": "2024-13-40"}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = _run("code", str(p), "--format", "csv")
    assert res.exit_code == 3, "some lines were skipped: the partial exit code"
    errors = res.stderr.splitlines()
    assert [e.split(":")[2] for e in errors] == ["2", "3", "4"]
    assert all(e.startswith(f"dyads: {p}:") for e in errors)
    assert "good" in res.stdout


# -- store commands -------------------------------------------------------------------------


@pytest.mark.parametrize("cmd", [["stats"], ["export", "events"], ["export", "all", "--out", "x"]])
def test_missing_store_is_one_line_with_the_fix(tmp_path: Path, cmd: list[str]) -> None:
    db = tmp_path / "absent.duckdb"
    _one_line_error(_run(*cmd, "--db", str(db)), str(db), "no such store", "dyads ingest")


def test_store_that_is_not_a_duckdb_file_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "notes.duckdb"
    db.write_text("hello", encoding="utf-8")
    _one_line_error(_run("stats", "--db", str(db)), str(db), "not a dyads store")


def test_db_that_is_a_directory_is_one_line(tmp_path: Path) -> None:
    _one_line_error(_run("stats", "--db", str(tmp_path)), "is a directory")
    _one_line_error(_run("ingest", str(tmp_path), "--db", str(tmp_path)), "is a directory")


def test_ingest_into_a_missing_directory_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "no" / "s.duckdb"
    _one_line_error(_run("ingest", str(tmp_path), "--db", str(db)), "does not exist")


def test_ingest_reports_each_bad_input_and_fails_only_when_nothing_was_read(
    tmp_path: Path,
) -> None:
    write_corpus(tmp_path / "corpus", articles(3, seed=5))
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    bad = _run("ingest", str(tmp_path / "empty.txt"), str(tmp_path / "gone.txt"), "--db", db, *FAKE)
    assert bad.exit_code == 1
    lines = bad.stderr.splitlines()
    assert any("empty.txt: empty file" in x for x in lines)
    assert any("gone.txt: no such file" in x for x in lines)
    ok = _run("ingest", str(tmp_path / "corpus"), str(tmp_path / "empty.txt"), "--db", db, *FAKE)
    assert ok.exit_code == 3, ok.output  # some inputs skipped: the partial exit code
    assert sum("empty.txt" in x for x in ok.stderr.splitlines()) == 1


def test_ingest_of_an_empty_directory_says_so(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    res = _run("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "s.duckdb"), *FAKE)
    assert res.exit_code == 1 and "no articles found" in res.stderr


def test_stats_defaults_to_jsonl_like_every_other_command(store: Path) -> None:
    res = _run("stats", "--db", str(store))
    assert res.exit_code == 0
    (line,) = res.stdout.splitlines()
    assert json.loads(line)["articles"] == 8
    table = _run("stats", "--db", str(store), "--format", "table").stdout
    assert table.split()[:2] == ["what", "count"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_into_a_missing_directory_is_one_line(store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "no" / "such" / f"events.{fmt}"
    res = _run("export", "events", "--db", str(store), "--format", fmt, "--out", str(out))
    _one_line_error(res, str(out), "does not exist")
    assert not out.parent.exists()


def test_export_to_a_file_names_it(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    res = _run("export", "events", "--db", str(store), "--format", "csv", "--out", str(out))
    assert res.exit_code == 0
    assert res.stderr.strip().endswith(f"rows to {out}")


def test_export_all_defaults_to_parquet(store: Path, tmp_path: Path) -> None:
    res = _run("export", "all", "--db", str(store), "--out", str(tmp_path / "dump"))
    assert res.exit_code == 0, res.output
    assert pq.read_table(tmp_path / "dump" / "articles.parquet").num_rows == 8
    assert len(res.stderr.splitlines()) == 5


def test_export_all_writes_other_formats_one_file_per_table(store: Path, tmp_path: Path) -> None:
    res = _run("export", "all", "--db", str(store), "--format", "csv", "--out", str(tmp_path / "d"))
    assert res.exit_code == 0, res.output
    names = sorted(p.name for p in (tmp_path / "d").iterdir())
    assert names == sorted(
        f"{t}.csv" for t in ("articles", "mentions", "events", "actors", "skipped")
    )


def test_export_all_refuses_a_file_and_stdout(store: Path, tmp_path: Path) -> None:
    f = tmp_path / "f.parquet"
    f.write_bytes(b"")
    _one_line_error(_run("export", "all", "--db", str(store), "--out", str(f)), "directory")
    assert _run("export", "all", "--db", str(store)).exit_code == 2


def test_parquet_to_stdout_is_refused_in_one_line(store: Path) -> None:
    res = _run("export", "events", "--db", str(store), "--format", "parquet")
    assert res.exit_code == 2
    _one_line_error(res, "--out")


# -- time and actors ------------------------------------------------------------------------


@pytest.mark.parametrize("cmd", [["time"], ["actors", "resolve"]])
def test_missing_jsonl_input_is_one_line(tmp_path: Path, cmd: list[str]) -> None:
    p = tmp_path / "gone.jsonl"
    _one_line_error(_run(*cmd, "--input", str(p)), str(p), "cannot be read")


@pytest.mark.parametrize("cmd", [["time"], ["actors", "resolve"]])
def test_jsonl_bad_lines_are_skipped_and_all_bad_fails(tmp_path: Path, cmd: list[str]) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text('not json\n{"id": "a", "text": "Ankara spoke on Friday."}\n', encoding="utf-8")
    res = _run(*cmd, "--input", str(p))
    assert res.exit_code == 3, res.output  # a line skipped: the partial exit code
    assert res.stderr.splitlines() == [f"dyads: {p}:1: not valid JSON: Expecting value at "
                                       "column 1 (fix or drop the line)"]  # fmt: skip
    row = json.loads(res.stdout.splitlines()[0])
    assert row.get("article_id", row.get("id")) == "a"
    p.write_text("not json\n", encoding="utf-8")
    res = _run(*cmd, "--input", str(p))
    assert res.exit_code == 1
    assert res.stderr.splitlines()[-1].startswith(f"dyads: {p}: no records could be read")
