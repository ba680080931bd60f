"""`dyads export events --format plover-jsonl|polecat-tsv|gdelt-tsv` on the bundled examples.

The files are read as their users would read them: JSON lines, and TSV with the csv module
(every cell as text, so a CAMEO code that lost its leading zero would show).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from conftest import export_events, ingest_examples
from dyads.cli import main
from dyads.ontology import Ontology
from dyads.store import DuckDBStore
from dyads.store.views import GDELT_COLUMNS, POLECAT_COLUMNS, VIEWS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
URL = "https://example.org/news/turkey-greece"
WIRE = {
    "id": "wire-1",
    "date": "2024-05-02",
    "url": URL,
    "source": "Example Wire",
    "title": "Turkish and Greek ministers meet in Athens",
    "text": "Turkish and Greek ministers meet in Athens\n\nTurkish Foreign Minister Hakan Fidan "
    "met Greek Foreign Minister Giorgos Gerapetritis in Athens on Thursday to discuss maritime "
    "disputes, officials said.",
}
# GDELT 2.0 event table (codebook V2.0, 61 fields), spelled out independently of dyads.
GDELT_61 = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    + " ".join(
        f"Actor{n}{f}"
        for n in (1, 2)
        for f in [
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        ]
    )
    + " IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions "
    "NumSources NumArticles AvgTone "
    + " ".join(
        f"{g}Geo_{f}"
        for g in ("Actor1", "Actor2", "Action")
        for f in [
            "Type",
            "FullName",
            "CountryCode",
            "ADM1Code",
            "ADM2Code",
            "Lat",
            "Long",
            "FeatureID",
        ]
    )
    + " DATEADDED SOURCEURL"
).split()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_examples(tmp_path_factory.mktemp("exports"), WIRE)


def _export(db: Path, fmt: str, out: Path) -> Path:
    return export_events(db, fmt, out)


def _tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def _plover(db: Path, tmp_path: Path) -> list[dict[str, Any]]:
    out = _export(db, "plover-jsonl", tmp_path / "events.jsonl")
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_plover_jsonl_has_the_manual_fields(store: Path, tmp_path: Path) -> None:
    rows = _plover(store, tmp_path)
    assert rows and len({r["id"] for r in rows}) == len(rows)
    ont = Ontology.default()
    for r in rows:
        assert {"id", "date", "actor", "event", "coder", "coded_date", "text_info"} <= set(r)
        dt.date.fromisoformat(r["date"])
        dt.date.fromisoformat(r["coded_date"])
        assert isinstance(r["event"], list) and r["event"][0] in ont.types
        assert isinstance(r["mode"], list) and isinstance(r["context"], list)
        assert r["coder"].startswith("dyads ")
        for ent in r["actor"] + r.get("recipient", []):
            assert {"code", "country", "sector", "name", "entity_text"} <= set(ent)
        assert r["event_scale"] == ont.score(r["event"][0], (r["mode"] or [None])[0])
        assert isinstance(r["cameo"], str) and len(r["cameo"]) >= 2
    # The known row: Turkey's foreign minister meets Greece's, in Athens, from the wire article.
    (known,) = [
        r
        for r in rows
        if [a["code"] for a in r["actor"]] == ["TURGOV"]
        and [a["code"] for a in r.get("recipient", [])] == ["GRCGOV"]
    ]
    assert known["event"] == ["CONSULT"] and known["cameo"] == "040"
    assert known["date"] == "2024-05-02" and known["quad_code"] == 1
    assert known["actor"][0]["country"] == "TUR" and known["actor"][0]["sector"] == "GOV"
    loc = known["event_loc"]
    assert loc["resolved_place"] == "Athens" and loc["country_code"] == "GRC"
    assert isinstance(loc["lat"], float) and isinstance(loc["geonameid"], int)
    assert known["cite_info"]["url"] == URL and known["cite_info"]["publication"] == "Example Wire"
    assert "Athens" in known["event_text"][0]


def test_polecat_tsv_columns_and_known_row(store: Path, tmp_path: Path) -> None:
    header, rows = _tsv(_export(store, "polecat-tsv", tmp_path / "polecat.tsv"))
    assert header == list(POLECAT_COLUMNS)
    assert header[:7] == [
        "Event ID",
        "Event Date",
        "Event Type",
        "Event Mode",
        "Intensity",
        "Quad Code",
        "Contexts",
    ]
    plover = {r["id"]: r for r in _plover(store, tmp_path)}
    assert {r["Event ID"] for r in rows} == set(plover)
    for r in rows:
        dt.date.fromisoformat(r["Event Date"])
        dt.date.fromisoformat(r["Publication Date"])
        assert float(r["Intensity"]) == plover[r["Event ID"]]["event_scale"]
        assert r["Quad Code"] in {"1", "2", "3", "4"}
        assert r["Version"].startswith("dyads ")
    (known,) = [r for r in rows if r["Actor Country"] == "TUR" and r["Recipient Country"] == "GRC"]
    assert known["Event Type"] == "CONSULT" and known["Event Date"] == "2024-05-02"
    assert known["Primary Actor Sector"] == "GOV" and known["Primary Recipient Sector"] == "GOV"
    assert known["Placename"] == "Athens" and known["Country"] == "GRC"
    assert float(known["Latitude"]) == pytest.approx(37.98, abs=0.1)
    assert known["Source"] == "Example Wire" and known["Language"] == "en"


def test_gdelt_tsv_61_columns_codes_and_known_row(store: Path, tmp_path: Path) -> None:
    header, rows = _tsv(_export(store, "gdelt-tsv", tmp_path / "gdelt.tsv"))
    assert header == GDELT_61 == list(GDELT_COLUMNS) and len(header) == 61
    ids = {r["id"] for r in _plover(store, tmp_path)}
    assert {r["GLOBALEVENTID"].rsplit("-", 1)[0] for r in rows} == ids
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows)
    root_quad = {**dict.fromkeys(range(1, 6), "1"), **dict.fromkeys(range(6, 9), "2")}
    root_quad |= {**dict.fromkeys(range(9, 14), "3"), **dict.fromkeys(range(14, 21), "4")}
    for r in rows:
        dt.datetime.strptime(r["SQLDATE"], "%Y%m%d")
        dt.datetime.strptime(r["DATEADDED"], "%Y%m%d%H%M%S")
        assert r["MonthYear"] == r["SQLDATE"][:6] and r["Year"] == r["SQLDATE"][:4]
        code = r["EventCode"]
        assert len(code) >= 2 and code.isdigit()
        assert r["EventBaseCode"] == code[:3] and r["EventRootCode"] == code[:2]
        assert r["QuadClass"] == root_quad[int(code[:2])]
    # CAMEO roots 01-09 keep their leading zero in every code column.
    assert any(r["EventCode"].startswith("0") and len(r["EventRootCode"]) == 2 for r in rows)
    (known,) = [r for r in rows if r["Actor1Code"] == "TURGOV" and r["Actor2Code"] == "GRCGOV"]
    assert known["SQLDATE"] == "20240502" and known["EventCode"] == "040"
    assert known["EventRootCode"] == "04" and known["QuadClass"] == "1"
    assert known["Actor1CountryCode"] == "TUR" and known["Actor1Type1Code"] == "GOV"
    assert known["ActionGeo_Type"] == "4" and known["ActionGeo_FullName"].startswith("Athens")
    assert known["SOURCEURL"] == URL and known["NumSources"] == "1"
    assert known["AvgTone"] == "" and known["IsRootEvent"] == ""


def test_views_are_stored_and_queryable_with_duckdb(store: Path) -> None:
    con = duckdb.connect(str(store), read_only=True)
    try:
        names = {
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_type = 'VIEW'"
            ).fetchall()
        }
        assert set(VIEWS) <= names
        row = con.execute("SELECT count(*) FROM v_plover").fetchone()
        assert row is not None and row[0] > 0
    finally:
        con.close()


def test_a_store_without_views_gets_them_when_read(tmp_path: Path, store: Path) -> None:
    db = tmp_path / "old.duckdb"
    db.write_bytes(store.read_bytes())
    con = duckdb.connect(str(db))
    for name in reversed(VIEWS):
        con.execute(f"DROP VIEW {name}")
    con.close()
    with DuckDBStore.open(db, read_only=True) as s:
        row = s.con.execute("SELECT count(*) FROM v_gdelt").fetchone()
        assert row is not None and row[0] > 0


def test_event_formats_are_for_events_only(store: Path) -> None:
    res = CliRunner().invoke(
        main, ["export", "actors", "--db", str(store), "--format", "gdelt-tsv"]
    )
    assert res.exit_code == 2 and "events only" in res.output
