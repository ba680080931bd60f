"""`dyads code` and `dyads eval` from the command line: contract, formats, bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyads.cli import main

ARTICLE = (
    "Kenya and Ethiopia sign border security pact\n\n"
    "The foreign ministers of Kenya and Ethiopia signed a border security agreement in Nairobi "
    "on Tuesday, officials said.\n\n"
    "Ethiopian troops attacked rebel positions near the border last week, according to the army.\n"
)
CONTRACT_KEYS = {
    "id",
    "article_id",
    "event",
    "mode",
    "context",
    "cameo",
    "quad_code",
    "goldstein",
    "actor",
    "recipient",
    "date",
    "date_text",
    "date_basis",
    "modality",
    "attributed_to",
    "location",
    "text_info",
    "confidence",
}
ACTOR_KEYS = {"code", "country", "sector", "name", "entity_text", "start", "end"}


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    p = tmp_path / "pact.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def _run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), input=input)


def test_jsonl_output_follows_the_contract(article: Path) -> None:
    res = _run("code", str(article), "--date", "2024-06-12")
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows, "expected at least one event"
    for row in rows:
        assert set(row) >= CONTRACT_KEYS
        assert isinstance(row["cameo"], str) and 1 <= row["quad_code"] <= 4
        for a in row["actor"] + row["recipient"]:
            assert set(a) >= ACTOR_KEYS
            assert ARTICLE[a["start"] : a["end"]] == a["entity_text"]
        ti = row["text_info"]
        assert ARTICLE[ti["start"] : ti["end"]].strip() == ti["sentence"]
        assert 0.0 <= row["confidence"] <= 1.0


def test_ids_are_stable_across_runs(article: Path) -> None:
    a = _run("code", str(article), "--date", "2024-06-12").stdout
    b = _run("code", str(article), "--date", "2024-06-12").stdout
    assert [json.loads(x)["id"] for x in a.splitlines()] == [
        json.loads(x)["id"] for x in b.splitlines()
    ]


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_every_format_prints_the_same_events(article: Path, fmt: str) -> None:
    n = len(_run("code", str(article), "--date", "2024-06-12").stdout.splitlines())
    res = _run("code", str(article), "--date", "2024-06-12", "--format", fmt)
    assert res.exit_code == 0
    if fmt == "json":
        assert len(json.loads(res.stdout)) == n
    elif fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(res.stdout)))) == n
    else:
        assert len(res.stdout.splitlines()) == n + 2


def test_stdin_accepts_text(article: Path) -> None:
    res = _run("code", "-", "--date", "2024-06-12", input=article.read_text(encoding="utf-8"))
    assert res.exit_code == 0 and res.stdout.strip()


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path: Path, article: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01" * 100)
    (tmp_path / "bad.jsonl").write_text('{"id": 1}\nnot json\n', encoding="utf-8")
    res = _run(
        "code",
        str(tmp_path / "empty.txt"),
        str(tmp_path / "bin.txt"),
        str(tmp_path / "bad.jsonl"),
        str(article),
    )
    assert res.exit_code == 3, "some inputs were skipped: the partial exit code"
    errors = [line for line in res.stderr.splitlines() if line.startswith("dyads:")]
    assert len(errors) == 4
    assert any("empty.txt" in e for e in errors) and any("bad.jsonl:2" in e for e in errors)
    assert res.stdout.strip()


def test_exit_code_is_nonzero_only_when_nothing_could_be_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    res = _run("code", str(tmp_path / "empty.txt"))
    assert res.exit_code != 0
    assert "empty.txt" in res.stderr


def test_relative_dates_stay_unresolved_without_a_publication_date(tmp_path: Path) -> None:
    p = tmp_path / "undated.txt"
    p.write_text(
        "Clash\n\nEthiopian troops attacked Eritrean positions last week.\n", encoding="utf-8"
    )
    rows = [json.loads(x) for x in _run("code", str(p)).stdout.splitlines()]
    assert rows
    for r in rows:
        assert r["date_basis"] in ("unknown", "text")
        if r["date_basis"] == "unknown":
            assert r["date"] is None


def test_explain_shows_which_step_decided_each_field(article: Path) -> None:
    plain = [json.loads(x) for x in _run("code", str(article)).stdout.splitlines()]
    assert plain and all("explain" not in r for r in plain)
    res = _run("code", str(article), "--explain")
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert len(rows) == len(plain)
    for r in rows:
        assert set(r["explain"]) == {
            "event",
            "actor",
            "recipient",
            "date",
            "modality",
            "place",
            "confidence",
        }
        assert r["explain"]["event"].startswith(("rule ", "trigger model"))
        assert r["explain"]["place"] == (
            "place linker" if r["location"] is not None else "no place linked"
        )
    table = _run("code", str(article), "--explain", "--format", "table").stdout
    assert "explain" in table.splitlines()[0] and "event: " in table
