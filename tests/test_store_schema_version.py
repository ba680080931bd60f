"""Store versions: what a store records about who wrote it, the one-line refusal of a newer
store, and an older store read as it is or upgraded with its place columns filled."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from dyads import __version__
from dyads.cli import main
from dyads.records import Actor, Article, Event, Location, TextInfo
from dyads.store import SCHEMA_VERSION, DuckDBStore
from dyads.store.base import Batch
from dyads.store.rows import article_row, mention_row
from dyads.store.schema import LOCATION_COLUMNS, MIGRATIONS

# Written for this test.
TEXT = "Ministers met in Springfield on Monday to talk about the harbour."


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _event() -> Event:
    start = TEXT.index("Springfield")
    return Event(
        id="ev-1",
        article_id="art-1",
        event="CONSULT",
        mode=None,
        context=(),
        cameo="040",
        quad_code=1,
        goldstein=1.0,
        actor=(Actor("USAGOV", "USA", "GOV", None, "Ministers", 0, 9),),
        recipient=(),
        date="2024-W17",
        date_text=None,
        date_basis="text",
        modality="asserted",
        attributed_to=(),
        location=Location(
            name="Springfield",
            country="USA",
            lat=39.8,
            lon=-89.64,
            geonameid=4250542,
            text="Springfield",
            start=start,
            end=start + len("Springfield"),
            admin1="Illinois",
            admin2="Sangamon County",
            feature_class="P",
            feature_code="PPLA",
            precision="city",
        ),
        text_info=TextInfo(TEXT, 0, 0, len(TEXT), "met", 10, 13),
        confidence=0.9,
        provenance="dyads 0.0.9; triggers test",
    )


def _old_store(path: Path) -> None:
    """A store at schema version 2 holding one clustered event, as dyads wrote it then."""
    art = Article(id="art-1", text=TEXT, date=dt.date(2024, 4, 25), source="Example Wire")
    with DuckDBStore.open(path, migrations=MIGRATIONS[:2]) as store:
        mention = mention_row(_event(), art, store.rules)
        for col, _, _ in LOCATION_COLUMNS:
            del mention[col]
        del mention["coder"]
        now = dt.datetime(2024, 4, 25, 12, 0)
        batch = Batch(articles=[article_row(art, b"", None, None, True, 1, now)])
        batch.mentions.append(mention)
        store.write_batch(batch)
        store.cluster_pending()
        assert store.schema_version() == 2


def test_a_store_records_its_schema_and_the_dyads_that_wrote_it(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    DuckDBStore.open(db).close()
    con = duckdb.connect(str(db), read_only=True)
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    con.close()
    assert meta == {"schema_version": str(SCHEMA_VERSION), "dyads_version": __version__}


@pytest.mark.parametrize(
    "args",
    [
        ["stats"],
        ["export", "events", "--format", "csv"],
        ["ingest", "-", "--coder", "dyads.store.synthetic_coder:HashCoder"],
    ],
)
def test_a_newer_store_is_refused_in_one_line_with_the_fix(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "s.duckdb"
    DuckDBStore.open(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.execute("UPDATE meta SET value = '9.9.0' WHERE key = 'dyads_version'")
    con.close()
    res = _run(*args, "--db", str(db))
    assert res.exit_code != 0
    lines = res.stderr.splitlines()
    assert len(lines) == 1, res.stderr
    line = lines[0]
    assert line.startswith("dyads: ") and "schema version 99" in line
    assert "written by dyads 9.9.0" in line and f"({SCHEMA_VERSION})" in line
    assert "upgrade dyads to 9.9.0 or later" in line


def test_an_older_store_exports_the_current_columns_without_upgrading(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    _old_store(db)
    out = tmp_path / "events.csv"
    res = _run("export", "events", "--db", str(db), "--format", "csv", "--out", str(out))
    assert res.exit_code == 0, res.output
    with out.open(encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["place_text"] == "Springfield" and row["admin2"] == "Sangamon County"
    assert row["feature_code"] == "PPLA" and row["place_precision"] == "city"
    assert (row["date"], row["date_precision"]) == ("2024-W17", "week")
    assert (row["date_start"], row["date_end"]) == ("2024-04-22", "2024-04-28")
    assert row["coder_version"] == "dyads 0.0.9"
    with DuckDBStore.open(db, read_only=True) as s:
        assert s.schema_version() == 2  # read, not upgraded


def test_upgrading_an_older_store_fills_the_place_columns(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    _old_store(db)
    with DuckDBStore.open(db) as s:
        assert s.schema_version() == SCHEMA_VERSION
        cols = ", ".join(c for c, _, _ in LOCATION_COLUMNS)
        row = s.con.execute(f"SELECT {cols}, coder FROM mentions").fetchone()
        (stored,) = s.con.execute("SELECT record FROM mentions").fetchall()
        record = json.loads(stored[0])
    loc = record["location"]
    assert row == (
        "Springfield",
        loc["start"],
        loc["end"],
        "Illinois",
        "Sangamon County",
        "P",
        "PPLA",
        "city",
        "dyads 0.0.9; triggers test",
    )
