"""`dyads events|timeline|dyad|network` on a store built by `dyads ingest`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyads.cli import main
from dyads.store.synthetic import articles
from dyads.store.synthetic_files import write_corpus

FAKE = ["--coder", "dyads.store.synthetic_coder:HashCoder"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("explore-cli")
    write_corpus(root / "corpus", articles(40, seed=3))
    path = str(root / "s.duckdb")
    res = CliRunner().invoke(main, ["ingest", str(root / "corpus"), "--db", path, *FAKE])
    assert res.exit_code == 0, res.output
    return path


def _run(*args: str) -> str:
    res = CliRunner().invoke(main, list(args))
    assert res.exit_code == 0, res.output
    return res.stdout


def test_events_in_every_format_with_filters(db: str) -> None:
    everything = [
        json.loads(line) for line in _run("events", "--db", db, "--limit", "1000").splitlines()
    ]
    total = json.loads(_run("events", "--db", db, "--count", "--format", "json"))[0]["count"]
    assert len(everything) == total > 10
    actor = everything[0]["actor"].split("+")[0]
    mine = json.loads(_run("events", "--db", db, "--actor", actor, "--format", "json"))
    assert mine and all(actor in e["actor"].split("+") for e in mine)
    assert len(mine) == sum(1 for e in everything if actor in e["actor"].split("+"))
    table = _run("events", "--db", db, "--actor", actor, "--format", "table", "--limit", "3")
    assert table.splitlines()[0].split()[:3] == ["id", "day", "event"]
    rows = list(csv.DictReader(io.StringIO(_run("events", "--db", db, "--format", "csv"))))
    assert len(rows) == min(50, total) and rows[0]["id"].startswith("v")
    day = everything[0]["day"]
    same_day = json.loads(
        _run("events", "--db", db, "--from", day, "--to", day, "--format", "json")
    )
    assert {e["day"] for e in same_day} == {day}


def test_timeline_table_and_charts(db: str, tmp_path: Path) -> None:
    out = json.loads(_run("timeline", "--db", db, "--interval", "day", "--format", "json"))
    events = json.loads(_run("events", "--db", db, "--limit", "1000", "--format", "json"))
    dated = [e for e in events if e["day"]]
    assert len(dated) > 0 and sum(r["n"] for r in out) == len(dated)  # undated are left out
    png, svg = tmp_path / "t.png", tmp_path / "t.svg"
    res = CliRunner().invoke(main, ["timeline", "--db", db, "--plot", str(png)])
    assert res.exit_code == 0 and "chart written" in res.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    _run("timeline", "--db", db, "--overall", "--plot", str(svg))
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    bad = CliRunner().invoke(main, ["timeline", "--db", db, "--plot", str(tmp_path / "t.gif")])
    assert bad.exit_code == 1 and ".png or .svg" in bad.stderr and not (tmp_path / "t.gif").exists()


def test_dyad_partners_and_network(db: str) -> None:
    edges = json.loads(_run("network", "--db", db, "--format", "json"))
    top = edges["edges"][0]
    assert top["n"] == max(e["n"] for e in edges["edges"])
    both = json.loads(_run("dyad", top["source"], top["target"], "--db", db, "--format", "json"))
    assert both["a_to_b"]["n"] == top["n"]
    flat = list(
        csv.DictReader(
            io.StringIO(_run("dyad", top["source"], top["target"], "--db", db, "--format", "csv"))
        )
    )
    assert {r["direction"] for r in flat} <= {
        f"{top['source']}->{top['target']}",
        f"{top['target']}->{top['source']}",
    }
    partners = json.loads(_run("dyad", top["source"], "--db", db, "--format", "json"))
    assert partners[0]["n"] >= partners[-1]["n"]
    assert any(p["partner"] == top["target"] and p["n_out"] == top["n"] for p in partners)
    table = _run("network", "--db", db, "--format", "table", "--max-edges", "2")
    assert len(table.splitlines()) == 4


def test_bad_options_fail_in_one_line(db: str, tmp_path: Path) -> None:
    for args in (
        ["events", "--db", db, "--quad", "9"],
        ["events", "--db", db, "--from", "yesterday"],
        ["dyad", "R;S", "--db", db],
        ["events", "--db", str(tmp_path / "missing.duckdb")],
    ):
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 1, args
        assert res.stderr.startswith("dyads: ") and len(res.stderr.strip().splitlines()) == 1
