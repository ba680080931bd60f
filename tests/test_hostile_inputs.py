"""Hostile and unusual inputs, generated here: each gives its exact one-line message, the other
inputs of the same run are coded, and the store stays consistent (and unchanged by a rerun).

Every case runs through `dyads ingest` (hash coder: fast) and `dyads code` (the real coder,
cached per session). A FIFO or a device link must not hang: every run is under an alarm.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import signal
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from dyads.cli import main
from dyads.readers.limits import MAX_ARTICLE_CHARS, MAX_JSONL_RECORD_BYTES
from dyads.store import DuckDBStore
from dyads.store.synthetic import articles
from dyads.store.synthetic_files import write_warc

FAKE = ["--coder", "dyads.store.synthetic_coder:HashCoder"]
GOOD = (
    "Kenya and Ethiopia sign border pact\n\n"
    "The foreign ministers of Kenya and Ethiopia signed a border security agreement in Nairobi "
    "on Tuesday, officials said.\n"
)
LIMIT = f"{MAX_ARTICLE_CHARS:,}-character limit (split it into several articles)"
RANGE = "1800-01-01 to 2199-12-31 (give the real publication date, or leave it out)"


@contextlib.contextmanager
def alarm(seconds: float) -> Iterator[None]:
    """Fail (instead of hanging) when the block runs longer than ``seconds``."""

    def _raise(_sig: int, _frame: Any) -> None:
        raise TimeoutError(f"hung for {seconds} s")

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run(*args: str, input: str | None = None, seconds: float = 120) -> Result:
    """Run ``dyads ARGS`` in-process, under an alarm."""
    with alarm(seconds):
        return CliRunner().invoke(main, list(args), input=input)


def dyads_lines(res: Result) -> list[str]:
    """The ``dyads:`` lines on stderr, without the prefix."""
    return [ln[len("dyads: ") :] for ln in res.stderr.splitlines() if ln.startswith("dyads: ")]


def consistent(db: Path) -> dict[str, int]:
    """Check the store's invariants; return its counts."""
    with DuckDBStore.open(db, read_only=True) as store:
        con = store.con

        def one(sql: str) -> int:
            row = con.execute(sql).fetchone()
            return int(row[0]) if row else 0

        assert (
            one("SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)")
            == 0
        )
        assert one("SELECT count(*) FROM mentions WHERE event_id IS NULL") == 0
        assert (
            one("SELECT count(*) FROM mentions WHERE event_id NOT IN (SELECT id FROM events)") == 0
        )
        assert one("SELECT coalesce(sum(n_mentions), 0) FROM events") == one(
            "SELECT count(*) FROM mentions"
        )
        assert one("SELECT count(*) - count(DISTINCT id) FROM articles") == 0
        return store.stats()


# -- the cases: (name, make(dir) -> (input path, expected line or None when it reads fine)) ----

Made = tuple[Path, str | None]


def _w(p: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    p.write_bytes(data)
    return p


def _jsonl(p: Path, *records: Any) -> Path:
    return _w(p, "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records))


def _empty(d: Path) -> Made:
    p = _w(d / "empty.txt", b"")
    return p, f"{p}: empty file (give it a headline line and the article text)"


def _whitespace(d: Path) -> Made:
    p = _w(d / "blank.txt", " \n\t\n \r\n")
    return p, f"{p}: empty file (give it a headline line and the article text)"


def _binary(d: Path) -> Made:
    p = _w(d / "image.txt", bytes(range(256)) * 64)
    return p, f"{p}: looks like a binary file, not text (pass .txt, .html or .jsonl)"


def _utf16_bom(d: Path) -> Made:
    return _w(d / "utf16.txt", GOOD.replace("Kenya", "Uganda").encode("utf-16")), None


def _utf16_no_bom(d: Path) -> Made:
    p = _w(d / "utf16le.txt", GOOD.encode("utf-16-le"))
    return p, f"{p}: looks like UTF-16 text without a byte-order mark (re-encode as UTF-8)"


def _mixed_encodings(d: Path) -> Made:
    body = GOOD.replace("Kenya", "Somalia").encode("utf-8") + b"\x93Caf\xe9\x94 caf\xc3\xa9.\n"
    return _w(d / "mixed.txt", body), None


def _nul_late(d: Path) -> Made:
    p = _w(d / "nul.txt", GOOD + "x" * 10_000 + "\x00" + "more text\n")
    return p, f"{p}: looks like a binary file, not text (pass .txt, .html or .jsonl)"


def _nul_jsonl(d: Path) -> Made:
    p = _jsonl(d / "nul.jsonl", {"id": "n1", "text": "Headline\n\nNUL \u0000 inside."})
    return p, f"{p}:1: text contains NUL characters (remove them; is it a binary file?)"


def _no_punctuation(d: Path) -> Made:
    p = _w(d / "nopunct.txt", "word " * 209_716)
    return p, f"{p}: article is 1,048,580 characters, over the {LIMIT}"


def _huge_paragraph(d: Path) -> Made:
    p = _w(d / "paragraph.txt", "Headline\n\n" + "Kenya spoke. " * 80_000)
    return p, f"{p}: article is 1,040,010 characters, over the {LIMIT}"


def _long_jsonl_text(d: Path) -> Made:
    p = _jsonl(d / "long.jsonl", {"id": "l1", "text": "Talks. " * 40_000})
    return p, f"{p}:1: article is 280,000 characters, over the {LIMIT}"


def _jsonl_record_over_limit(d: Path) -> Made:
    p = _jsonl(d / "huge.jsonl", {"id": "h1", "text": "x" * (MAX_JSONL_RECORD_BYTES + 10)})
    return (
        p,
        f"{p}:1: line is over the 8 MB limit for one record (split the article or drop the line)",
    )


def _file_over_limit(d: Path) -> Made:
    p = d / "dump.txt"
    with p.open("wb") as fh:  # sparse: nothing is written to disk
        fh.truncate(21 * 1024 * 1024)
    return (
        p,
        f"{p}: file is over the 20 MB limit (split it into one article per line of a .jsonl file)",
    )


def _deep_html(d: Path) -> Made:
    p = _w(d / "deep.html", "<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000)
    return p, f"{p}: no article text found in the HTML (check the page has a main text)"


def _html_binary(d: Path) -> Made:
    p = _w(d / "page.html", b"\x00\x01\x02" * 1000)
    return p, f"{p}: looks like a binary file, not HTML (pass a saved web page)"


def _broken_xml(d: Path) -> Made:
    p = _w(d / "broken.rss", "<rss><channel><title>T</title></chan")
    return p, f"{p}: not a readable RSS/Atom feed (SAXParseException) (check the XML)"


def _entity_expansion(d: Path) -> Made:
    ents = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE r [{ents}]><rss version="2.0"><channel><title>T'
        "</title><item><title>Bomb</title><description>&j;</description></item></channel></rss>"
    )
    p = _w(d / "laughs.rss", feed)
    return p, f"{p}: feed XML is malformed (SAXParseException); 1 entries recovered (check the XML)"


def _warc_truncated(d: Path) -> Made:
    write_warc(d / "full.warc.gz", list(articles(3, seed=4)))
    data = (d / "full.warc.gz").read_bytes()
    (d / "full.warc.gz").unlink()
    p = _w(d / "cut.warc.gz", data[: len(data) // 2])
    return p, None  # checked by its own test: the message names how many records were read


def _gzip_bomb(d: Path) -> Made:
    z = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip wrapper
    chunk = b"\x00" * (1 << 20)
    with (d / "bomb.warc.gz").open("wb") as fh:
        for _ in range(256):  # 256 MB of zeros in about 250 KB
            fh.write(z.compress(chunk))
        fh.write(z.flush())
    p = d / "bomb.warc.gz"
    return p, (
        f"{p}: WARC reading stopped after 0 records: a header line is over 64 KB "
        "(not a news crawl; the records before it were read)"
    )


def _warc_record_bomb(d: Path) -> Made:
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.example/\r\n"
        b"Content-Length: 99999999999\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    )
    with gzip.open(d / "big.warc.gz", "wb", compresslevel=1) as fh:
        fh.write(head)
        line = b"<p>" + b"a" * 1000 + b"</p>\n"
        for _ in range(70_000):  # 70 MB of markup
            fh.write(line)
    p = d / "big.warc.gz"
    return p, (
        f"{p}: WARC reading stopped after 1 records: a record is over 64 MB decompressed "
        "(not a news crawl; the records before it were read)"
    )


def _fifo(d: Path) -> Made:
    p = d / "pipe.txt"
    os.mkfifo(p)
    return p, f"{p}: is a named pipe (FIFO), not a file (give regular files only)"


def _device_link(d: Path) -> Made:
    p = d / "zero.txt"
    p.symlink_to("/dev/zero")
    return p, f"{p}: is a device, not a file (give regular files only)"


def _symlink_loop(d: Path) -> Made:
    (d / "a.txt").symlink_to(d / "b.txt")
    (d / "b.txt").symlink_to(d / "a.txt")
    p = d / "a.txt"
    return p, f"{p}: symbolic link loop (remove the link or fix its target)"


def _broken_link(d: Path) -> Made:
    p = d / "gone.txt"
    p.symlink_to(d / "nowhere.txt")
    return p, f"{p}: broken symbolic link (remove it or fix its target)"


def _missing(d: Path) -> Made:
    p = d / "absent.txt"
    return p, f"{p}: no such file (check the path)"


def _french(d: Path) -> Made:
    text = "Les ministres se sont réunis\n\n" + (
        "Les ministres de la France et de l'Allemagne se sont réunis à Paris mardi pour "
        "discuter de la sécurité des frontières et de la coopération économique. " * 3
    )
    p = _jsonl(d / "fr.jsonl", {"id": "fr1", "text": text})
    return p, f"{p}: article 'fr1' skipped: not English (few English function words)"


def _chinese(d: Path) -> Made:
    p = _jsonl(
        d / "zh.jsonl",
        {"id": "zh1", "text": "外交部长会晤\n\n两国外交部长周二在北京签署了边境协议。"},
    )
    return p, f"{p}: article 'zh1' skipped: not English (mostly non-Latin script)"


def _date_far_future(d: Path) -> Made:
    p = _jsonl(d / "future.jsonl", {"id": "f1", "text": GOOD, "date": "9999-12-31"})
    return p, f"{p}:1: date '9999-12-31' is outside {RANGE}"


def _date_year_one(d: Path) -> Made:
    p = _jsonl(d / "past.jsonl", {"id": "p1", "text": GOOD, "date": "0001-01-01T00:00:00Z"})
    return p, f"{p}:1: date '0001-01-01T00:00:00Z' is outside {RANGE}"


def _date_in_file_name(d: Path) -> Made:
    text = "Talks\n\nUganda and Rwanda will meet on Friday and sign a deal in March.\n"
    return _w(d / "9999-12-31-talks.txt", text), None  # the name's date is ignored


def _bad_text_field(d: Path) -> Made:
    p = _jsonl(d / "notext.jsonl", {"id": "t1", "text": 5})
    return p, f'{p}:1: no "text" field (every line needs a non-empty "text")'


def _bad_title_field(d: Path) -> Made:
    p = _jsonl(d / "title.jsonl", {"id": "t2", "text": GOOD, "title": ["a", "b"]})
    return p, f'{p}:1: "title" is list, not a string (give "title" as a string or leave it out)'


def _bad_date_field(d: Path) -> Made:
    p = _jsonl(d / "date.jsonl", {"id": "t3", "text": GOOD, "date": "yesterday"})
    return p, f"{p}:1: bad date 'yesterday' (use YYYY-MM-DD)"


def _not_an_object(d: Path) -> Made:
    p = _jsonl(d / "array.jsonl", "[1, 2, 3]")
    return p, f'{p}:1: line is not a JSON object (write one {{"text": ...}} per line)'


def _deep_json(d: Path) -> Made:
    p = _jsonl(d / "deep.jsonl", "[" * 100_000 + "]" * 100_000)
    return p, f"{p}:1: JSON nested too deeply (fix or drop the line)"


def _invalid_json(d: Path) -> Made:
    p = _jsonl(d / "invalid.jsonl", '{"id": "x", "text": ')
    return p, f"{p}:1: not valid JSON: Expecting value at column 21 (fix or drop the line)"


def _unknown_gz(d: Path) -> Made:
    p = _w(d / "notes.txt.gz", gzip.compress(b"hello"))
    return p, f"{p}: unknown compressed file type (only .warc.gz is read compressed)"


def _feed_without_text(d: Path) -> Made:
    feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Only a title</title></item></channel></rss>'
    p = _w(d / "titles.rss", feed)
    return p, f"{p}:1: feed entry has no text (the feed carries titles only)"


def _newline_in_name(d: Path) -> Made:
    p = _w(d / "two\nlines.txt", b"")
    return p, f"{d}/two\\nlines.txt: empty file (give it a headline line and the article text)"


CASES: dict[str, Callable[[Path], Made]] = {
    f.__name__.lstrip("_"): f
    for f in (
        _empty, _whitespace, _binary, _utf16_bom, _utf16_no_bom, _mixed_encodings, _nul_late,
        _nul_jsonl, _no_punctuation, _huge_paragraph, _long_jsonl_text, _jsonl_record_over_limit,
        _file_over_limit, _deep_html, _html_binary, _broken_xml, _entity_expansion,
        _warc_truncated, _gzip_bomb, _warc_record_bomb, _fifo, _device_link, _symlink_loop,
        _broken_link, _missing, _french, _chinese, _date_far_future, _date_year_one,
        _date_in_file_name, _bad_text_field, _bad_title_field, _bad_date_field, _not_an_object,
        _deep_json, _invalid_json, _unknown_gz, _feed_without_text, _newline_in_name,
    )
}  # fmt: skip


def _setup(tmp_path: Path, case: str) -> tuple[Path, Path, str | None]:
    good = _w(tmp_path / "good.txt", GOOD)
    hostile_dir = tmp_path / "in"
    hostile_dir.mkdir()
    path, expected = CASES[case](hostile_dir)
    return good, path, expected


@pytest.mark.parametrize("case", sorted(CASES))
def test_ingest_hostile_input(tmp_path: Path, case: str) -> None:
    good, path, expected = _setup(tmp_path, case)
    db = tmp_path / "s.duckdb"
    res = run("ingest", str(good), str(path), "--db", str(db), *FAKE)
    lines = dyads_lines(res)
    assert "Traceback" not in res.output
    if expected is not None:
        assert expected in lines, res.stderr
        assert res.exit_code == 3, res.output
    elif case != "warc_truncated":
        assert res.exit_code == 0, res.output
        assert len(lines) == 1 and lines[0].startswith("read "), res.stderr
    stats = consistent(db)
    assert stats["articles"] >= 1 and stats["events"] >= 1, "the good article was coded"
    with DuckDBStore.open(db, read_only=True) as store:
        paths = {r["path"] for r in store.rows("articles")}
    assert str(good.resolve()) in paths
    # Rerunning adds nothing: the store is unchanged.
    again = run("ingest", str(good), str(path), "--db", str(db), *FAKE)
    assert again.exit_code == res.exit_code
    assert consistent(db) == stats


@pytest.mark.parametrize("case", sorted(CASES))
def test_code_hostile_input(tmp_path: Path, case: str) -> None:
    good, path, expected = _setup(tmp_path, case)
    res = run("code", str(good), str(path), "--date", "2024-06-12")
    assert "Traceback" not in res.output
    lines = dyads_lines(res)
    rows = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert rows, "the good article was coded"
    if expected is not None and "skipped: not English" in expected:
        return  # the language gate belongs to the store; `code` codes what it is given
    if expected is not None:
        assert lines == [expected], res.stderr
        assert res.exit_code == 3
    elif case != "warc_truncated":
        assert lines == [] and res.exit_code == 0, res.stderr


def test_truncated_warc_names_the_records_read(tmp_path: Path) -> None:
    _good, path, _ = _setup(tmp_path, "warc_truncated")
    res = run("ingest", str(path), "--db", str(tmp_path / "s.duckdb"), *FAKE)
    (line,) = [ln for ln in dyads_lines(res) if ln.startswith(str(path))]
    assert line.startswith(f"{path}: WARC truncated or corrupt after ")
    assert line.endswith("(re-download the archive; the records before the damage were read)")


def test_ten_thousand_tiny_files(tmp_path: Path) -> None:
    d = tmp_path / "many"
    d.mkdir()
    for i in range(10_000):
        (d / f"{i:05d}.txt").write_text(f"Item {i}\n\nA short note number {i}.\n")
    (d / "00000.txt").write_text("")
    db = tmp_path / "s.duckdb"
    res = run("ingest", str(d), "--db", str(db), *FAKE, "--batch-size", "500", seconds=300)
    assert (
        dyads_lines(res)[0]
        == f"{d / '00000.txt'}: empty file (give it a headline line and the article text)"
    )
    assert res.exit_code == 3
    assert consistent(db)["articles"] == 9_999


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = _w(tmp_path / "good.txt", GOOD)
    secret = _w(tmp_path / "secret.txt", GOOD.replace("Kenya", "Chad"))
    secret.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for a user
        real_open = os.open

        def deny(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if str(path) == str(secret):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", deny)
    res = run("ingest", str(good), str(secret), "--db", str(tmp_path / "s.duckdb"), *FAKE)
    assert f"{secret}: cannot be read: Permission denied (check permissions)" in dyads_lines(res)
    assert res.exit_code == 3 and consistent(tmp_path / "s.duckdb")["articles"] == 1


def test_directory_symlink_loop(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    _w(d / "good.txt", GOOD)
    (d / "loop").symlink_to(d)
    res = run("ingest", str(d), "--db", str(tmp_path / "s.duckdb"), *FAKE)
    assert (
        f"{d / 'loop'}: symbolic link loop (directory already being walked) (remove the link)"
        in dyads_lines(res)
    )
    assert consistent(tmp_path / "s.duckdb")["articles"] == 1


def test_extreme_fallback_date_is_a_usage_error(tmp_path: Path) -> None:
    res = run("code", str(_w(tmp_path / "good.txt", GOOD)), "--date", "9999-12-31")
    assert res.exit_code == 2
    assert "'9999-12-31' is outside 1800-01-01 to 2199-12-31" in res.stderr


@pytest.mark.parametrize("anchor", ["0001-01-01", "0001-01-05", "9999-12-25", "9999-12-31"])
def test_calendar_arithmetic_at_the_ends_of_the_calendar(anchor: str) -> None:
    import datetime as dt

    from dyads.time import calendar as cal

    day = dt.date.fromisoformat(anchor)
    for unit in ("day", "week", "weekend", "month", "quarter", "half", "year", "decade"):
        for n in (-1, 0, 1):
            assert isinstance(cal.shift(day, unit, n), str)
    for direction in ("past", "future", "near", None):
        assert cal.resolve_weekday(5, day, direction)
        assert cal.resolve_month(3, day, direction)
        cal.resolve_month_day(2, 29, day, direction)
        for n2 in (-1, 0, 1, None):
            assert cal.resolve_season("WI", day, direction, n2)
    assert cal.resolve_last_month(7, day, 1) and cal.resolve_last_month(7, day, -1)
    assert cal.shift(dt.date(9999, 12, 31), "day", 1) == "XXXX-XX-XX"
