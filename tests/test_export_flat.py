"""`dyads export events --format csv|parquet|icews-tsv` and the place fields of every export.

The flat files are loaded as their users would: pandas and polars, with the typed reads that
docs/EXPORTS.md gives (run from the document itself, so the documented line cannot rot).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

from conftest import export_events, ingest_examples
from dyads.ontology import Ontology
from dyads.store import DuckDBStore
from dyads.store.frames import to_pandas, to_polars
from dyads.store.views import FLAT_COLUMNS, FLAT_SCHEMA, GDELT_COLUMNS, ICEWS_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EXPORTS_DOC = (ROOT / "docs" / "EXPORTS.md").read_text(encoding="utf-8")
URL = "https://example.org/news/athens-talks"
# Written for this test: two ministers meet in a named city, so the known row has a place.
TEXT = (
    "Turkish and Greek ministers meet in Athens\n\n"
    "Turkish Foreign Minister Hakan Fidan met Greek Foreign Minister Giorgos Gerapetritis in "
    "Athens on Thursday to discuss maritime disputes, officials said."
)
WIRE = {
    "id": "wire-athens",
    "date": "2024-05-02",
    "url": URL,
    "source": "Example Wire",
    "title": "Turkish and Greek ministers meet in Athens",
    "text": TEXT,
}
DATE_COLUMNS = ["date_start", "date_end", "first_report", "last_report", "publication_date"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_examples(tmp_path_factory.mktemp("flat"), WIRE)


def _export(db: Path, fmt: str, out: Path) -> Path:
    return export_events(db, fmt, out)


def _doc_read(lang: str, path: Path) -> Any:
    """Run docs/EXPORTS.md's typed read for ``lang`` (pandas or polars) on ``path``."""
    blocks = re.findall(r"```python\n(.*?)```", EXPORTS_DOC, flags=re.S)
    (code,) = [b for b in blocks if f"import {lang}" in b]
    assert code.count('"events.csv"') == 1
    scope: dict[str, Any] = {}
    exec(code.replace('"events.csv"', repr(str(path))), scope)
    return scope["df"]


def _known(rows: list[dict[str, Any]]) -> dict[str, Any]:
    (row,) = [r for r in rows if r["actor_code"] == "TURGOV" and r["recipient_code"] == "GRCGOV"]
    return row


def _check_known_row(row: dict[str, Any]) -> None:
    """The wire article's meeting, whatever the reader (values already typed)."""
    assert row["event"] == "CONSULT" and row["cameo"] == "040"
    assert row["cameo_base"] == "040" and row["cameo_root"] == "04"
    assert row["quad_class"] == 1 and row["quad_code"] == 1
    assert row["intensity"] == Ontology.default().score("CONSULT", row["mode"] or None)
    assert row["actor_country"] == "TUR" and row["actor_sector"] == "GOV"
    assert row["recipient_country"] == "GRC" and row["recipient_sector"] == "GOV"
    assert row["date"] == "2024-05-02" and row["date_precision"] == "day"
    assert row["place_name"] == "Athens" and row["place_text"] == "Athens"
    assert TEXT[row["place_start"] : row["place_end"]] == "Athens"
    assert row["place_country"] == "GRC" and row["feature_class"] == "P"
    assert row["place_precision"] == "city" and row["admin1"]
    assert abs(row["lat"] - 37.98) < 0.1 and abs(row["lon"] - 23.73) < 0.1
    assert row["geonameid"] == 264371
    assert row["source_url"] == URL and row["sources"] == "Example Wire"
    assert row["n_sources"] == 1 and row["coder_version"].startswith("dyads ")
    assert row["coder"].startswith(row["coder_version"])


def test_csv_has_the_flat_columns_and_keeps_codes_as_text(store: Path, tmp_path: Path) -> None:
    out = _export(store, "csv", tmp_path / "events.csv")
    with out.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert list(reader.fieldnames or []) == list(FLAT_COLUMNS)
    assert rows and len({r["event_id"] for r in rows}) == len(rows)
    # Every code cell as written: CAMEO roots 01-09 keep their zero.
    assert any(r["cameo"].startswith("0") for r in rows)
    for r in rows:
        assert r["cameo_root"] == r["cameo"][:2] and len(r["cameo_root"]) == 2
        start = dt.date.fromisoformat(r["date_start"])
        assert start <= dt.date.fromisoformat(r["date_end"])
    # A week date (the Sudan article) still has a real interval: Monday to Sunday.
    (week,) = {(r["date"], r["date_start"], r["date_end"]) for r in rows if "-W" in r["date"]}
    monday = dt.date.fromisocalendar(int(week[0][:4]), int(week[0][6:]), 1)
    assert week[1:] == (monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat())


def test_csv_loads_typed_in_pandas_with_the_documented_line(store: Path, tmp_path: Path) -> None:
    df = _doc_read("pandas", _export(store, "csv", tmp_path / "events.csv"))
    assert list(df.columns) == list(FLAT_COLUMNS)
    for col in ("date", "cameo", "cameo_base", "cameo_root", "actor_code", "event_id"):
        assert pd.api.types.is_string_dtype(df[col]), col
    for col in (*DATE_COLUMNS, "coded_at"):
        assert pd.api.types.is_datetime64_any_dtype(df[col]), col
    for col in ("lat", "lon", "goldstein", "intensity"):
        assert pd.api.types.is_float_dtype(df[col]), col
    for col in ("quad_class", "quad_code", "n_mentions", "n_sources"):
        assert pd.api.types.is_integer_dtype(df[col]), col
    assert pd.to_datetime(df["date_start"]).notna().all()
    assert df["cameo"].str.len().min() >= 2
    row = {
        k: (v.date() if k in DATE_COLUMNS else v) for k, v in _known(df.to_dict("records")).items()
    }
    row["geonameid"] = int(row["geonameid"])  # float in pandas: the column has gaps
    row["place_start"], row["place_end"] = int(row["place_start"]), int(row["place_end"])
    _check_known_row(row)


def test_csv_loads_typed_in_polars_with_the_documented_line(store: Path, tmp_path: Path) -> None:
    df = _doc_read("polars", _export(store, "csv", tmp_path / "events.csv"))
    schema = dict(df.schema)
    for col in ("date", "cameo", "cameo_base", "cameo_root", "actor_code"):
        assert schema[col] == pl.String, col
    for col in DATE_COLUMNS:
        assert schema[col] == pl.Date, col
    assert schema["lat"] == pl.Float64 and schema["quad_class"] == pl.Int64
    _check_known_row(_known(df.to_dicts()))


def test_parquet_is_typed_and_matches_the_csv(store: Path, tmp_path: Path) -> None:
    path = _export(store, "parquet", tmp_path / "events.parquet")
    schema = pq.read_schema(path)
    assert schema.names == list(FLAT_COLUMNS)
    arrow = {"VARCHAR": "string", "DATE": "date32[day]", "DOUBLE": "double"}
    arrow |= {"INTEGER": "int32", "BIGINT": "int64", "TIMESTAMP": "timestamp[us]"}
    assert {n: str(schema.field(n).type) for n in schema.names} == {
        n: arrow[t] for n, t in FLAT_SCHEMA
    }
    frame = pl.read_parquet(path)
    _check_known_row(_known(frame.to_dicts()))
    typed = _doc_read("polars", _export(store, "csv", tmp_path / "events.csv"))
    assert frame.height == typed.height
    assert frame["cameo"].to_list() == typed["cameo"].to_list()
    assert frame["date_start"].to_list() == typed["date_start"].to_list()
    pdf = pd.read_parquet(path)
    assert pd.api.types.is_string_dtype(pdf["cameo"]) and pdf["cameo"].str.startswith("0").any()


def test_the_store_loads_as_typed_data_frames(store: Path, tmp_path: Path) -> None:
    df = to_pandas(store)
    assert list(df.columns) == list(FLAT_COLUMNS)
    assert pd.api.types.is_string_dtype(df["cameo"]) and df["cameo"].str.startswith("0").any()
    for col in DATE_COLUMNS:
        assert pd.api.types.is_datetime64_any_dtype(df[col]), col
    assert str(df["geonameid"].dtype) == "Int64" and str(df["quad_class"].dtype) == "Int32"
    row = {
        k: (v.date() if k in DATE_COLUMNS else v) for k, v in _known(df.to_dict("records")).items()
    }
    _check_known_row(row)
    frame = to_polars(store)
    parquet = pl.read_parquet(_export(store, "parquet", tmp_path / "events.parquet"))
    assert frame.schema == parquet.schema and frame.equals(parquet)


def test_icews_tsv_has_icews_columns_one_row_per_pair(store: Path, tmp_path: Path) -> None:
    out = _export(store, "icews-tsv", tmp_path / "events.tsv")
    with out.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        rows = list(reader)
    assert list(reader.fieldnames or []) == list(ICEWS_COLUMNS)
    gdelt = _export(store, "gdelt-tsv", tmp_path / "gdelt.tsv")
    assert len(rows) == len(gdelt.read_text(encoding="utf-8").splitlines()) - 1
    (known,) = [r for r in rows if r["Source Country"] == "TUR" and r["Target Country"] == "GRC"]
    ont = Ontology.default()
    assert known["CAMEO Code"] == "040" and known["Event Text"] == ont.cameo("040").name
    assert float(known["Intensity"]) == ont.goldstein("040")
    assert known["Event Date"] == "2024-05-02" and known["Story ID"] == "wire-athens"
    assert known["City"] == "Athens" and known["Country"] == "GRC" and known["Province"]
    assert known["Sentence Number"] == "2" and known["Publisher"] == "Example Wire"
    assert known["Source Sectors"] == "GOV" and known["Target Sectors"] == "GOV"


def test_every_export_carries_the_place_parts(store: Path, tmp_path: Path) -> None:
    plover = [
        json.loads(line)
        for line in _export(store, "plover-jsonl", tmp_path / "p.jsonl").read_text().splitlines()
    ]
    (p,) = [r for r in plover if [a["code"] for a in r["actor"]] == ["TURGOV"]]
    loc = p["event_loc"]
    assert loc["extracted_place"] == "Athens" and TEXT[loc["start"] : loc["end"]] == "Athens"
    assert loc["feature_class"] == "P" and loc["precision"] == "city" and loc["resolution"] == 4
    assert loc["province"] and loc["city"] == "Athens" and p["date_precision"] == "day"
    with _export(store, "polecat-tsv", tmp_path / "p.tsv").open(encoding="utf-8") as fh:
        polecat = list(csv.DictReader(fh, delimiter="\t"))
    (c,) = [r for r in polecat if r["Actor Country"] == "TUR" and r["Recipient Country"] == "GRC"]
    assert c["Raw Placename"] == "Athens" and c["City"] == "Athens" and c["Province"]
    assert c["Feature Type"].startswith("PPL") and c["GeoNames ID"] == "264371"
    with _export(store, "gdelt-tsv", tmp_path / "g.tsv").open(encoding="utf-8") as fh:
        gdelt = list(csv.DictReader(fh, delimiter="\t"))
    assert list(gdelt[0]) == list(GDELT_COLUMNS)
    (g,) = [r for r in gdelt if r["Actor1Code"] == "TURGOV" and r["Actor2Code"] == "GRCGOV"]
    assert g["ActionGeo_Type"] == "4" and g["ActionGeo_FullName"] == f"Athens, {c['Province']}, GRC"


def test_the_store_keeps_each_mentions_place_parts_as_columns(store: Path) -> None:
    with DuckDBStore.open(store, read_only=True) as s:
        rows = s.con.execute(
            "SELECT record, location_text, location_start, location_end, location_admin1, "
            "location_admin2, location_feature_class, location_feature_code, "
            "location_precision, coder FROM mentions ORDER BY id"
        ).fetchall()
    placed = 0
    for record, *cols, coder in rows:
        loc = json.loads(record)["location"] or {}
        fields = ("text", "start", "end", "admin1", "admin2", "feature_class", "feature_code")
        assert cols == [loc.get(f) for f in (*fields, "precision")]
        assert coder == json.loads(record)["provenance"] and coder.startswith("dyads ")
        placed += loc.get("text") is not None
    assert placed > 0
