"""dyads.explore: filters, event lists, facets, timelines, dyads, partners and the network,
checked against counts recomputed in Python from the store's own rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dyads.explore import (
    Explorer,
    FilterError,
    Filters,
    count_events,
    dyad,
    facets,
    get_event,
    list_events,
    network,
    search,
    timeline,
    top_partners,
)
from dyads.explore.synthetic import fake_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("explore") / "gen.duckdb"
    counts = fake_store(path, 3000, seed=5)
    assert counts["events"] == 3000
    return path


@pytest.fixture(scope="module")
def rows(store: Path) -> list[dict[str, Any]]:
    """Every event with its mentions' codes, confidences and sentences, read plainly."""
    con = duckdb.connect(str(store), read_only=True)
    try:
        events = con.execute(
            "SELECT id, event, quad_code, goldstein, actor, recipient, modality, "
            "coalesce(date_min, first_report) AS day, location_country FROM events"
        ).fetchall()
        mentions = con.execute(
            "SELECT event_id, actor_codes, recipient_codes, confidence, sentence FROM mentions"
        ).fetchall()
        sectors = dict(con.execute("SELECT code, sector FROM actors").fetchall())
    finally:
        con.close()
    by_event: dict[str, list[Any]] = {}
    for m in mentions:
        by_event.setdefault(m[0], []).append(m)
    keys = ("id", "event", "quad", "goldstein", "actor", "recipient", "modality", "day", "place")
    out = []
    for e in events:
        row = dict(zip(keys, e, strict=True))
        ms = by_event.get(row["id"], [])
        row["actor_codes"] = {c for m in ms for c in m[1]}
        row["recipient_codes"] = {c for m in ms for c in m[2]}
        row["sectors"] = {sectors.get(c) for c in row["actor_codes"] | row["recipient_codes"]}
        row["max_conf"] = max((m[3] for m in ms), default=None)
        row["sentences"] = [m[4] for m in ms]
        out.append(row)
    return out


def _keys(value: str) -> set[str]:
    return set(value.split("+")) - {"-"}


def _count(store: Path, params: dict[str, str]) -> int:
    with Explorer(store) as x, x.cursor() as con:
        return count_events(con, Filters.from_params(params))


def test_each_filter_keeps_exactly_the_matching_events(
    store: Path, rows: list[dict[str, Any]]
) -> None:
    checks = {
        "actor=RUS": ({"actor": "RUS"}, lambda r: "RUS" in _keys(r["actor"])),
        "actor=RUSGOV": ({"actor": "RUSGOV"}, lambda r: "RUSGOV" in r["actor_codes"]),
        "recipient=UKR,USA": (
            {"recipient": "ukr, USA"},
            lambda r: bool({"UKR", "USA"} & _keys(r["recipient"])),
        ),
        "country=TUR": (
            {"country": "TUR"},
            lambda r: "TUR" in _keys(r["actor"]) | _keys(r["recipient"]),
        ),
        "sector=MIL": ({"sector": "MIL"}, lambda r: "MIL" in r["sectors"]),
        "type": ({"type": "assault,consult"}, lambda r: r["event"] in ("ASSAULT", "CONSULT")),
        "quad=3,4": ({"quad": "3,4"}, lambda r: r["quad"] in (3, 4)),
        "modality": ({"modality": "future"}, lambda r: r["modality"] == "future"),
        "dates": (
            {"date_from": "2024-02", "date_to": "2024"},
            lambda r: dt.date(2024, 2, 1) <= r["day"] <= dt.date(2024, 12, 31),
        ),
        "place": ({"place": "irn"}, lambda r: r["place"] == "IRN"),
        "confidence": (
            {"min_confidence": "0.8"},
            lambda r: r["max_conf"] is not None and r["max_conf"] >= 0.8,
        ),
        "text": (
            {"text": "sentence 12"},
            lambda r: any("sentence 12" in s.lower() for s in r["sentences"]),
        ),
    }
    for name, (params, keep) in checks.items():
        expected = sum(1 for r in rows if keep(r))
        assert 0 < expected < len(rows), name  # the check must actually cut
        assert _count(store, params) == expected, name
    combined = {"country": "RUS", "quad": "4", "date_from": "2024-01-01"}
    expected = sum(
        1
        for r in rows
        if "RUS" in _keys(r["actor"]) | _keys(r["recipient"])
        and r["quad"] == 4
        and r["day"] >= dt.date(2024, 1, 1)
    )
    assert _count(store, combined) == expected


def test_bad_filter_values_give_one_clear_error() -> None:
    bad = {
        "quad": "5",
        "date_from": "2024-13-01",
        "min_confidence": "high",
        "actor": "RUS'; DROP TABLE events; --",
        "type": "<script>",
        "text": "x" * 500,
    }
    for name, value in bad.items():
        with pytest.raises(FilterError, match=name):
            Filters.from_params({name: value})
    with pytest.raises(FilterError, match="after"):
        Filters.from_params({"date_from": "2024-05-01", "date_to": "2024-04-01"})
    f = Filters.from_params({"actor": "rus", "quad": "1,2", "date_to": "2024-02"})
    assert f.to_params() == {"actor": "RUS", "quad": "1,2", "date_to": "2024-02-29"}
    assert Filters.from_params(f.to_params()) == f


def test_list_is_newest_first_with_the_surest_mention(
    store: Path, rows: list[dict[str, Any]]
) -> None:
    with Explorer(store) as x, x.cursor() as con:
        page = list_events(con, Filters.from_params({"actor": "IRN"}), limit=20)
        more = list_events(con, Filters.from_params({"actor": "IRN"}), limit=20, offset=20)
    assert len(page) == 20 and not {e["id"] for e in page} & {e["id"] for e in more}
    days = [e["day"] for e in page + more]
    assert days == sorted(days, reverse=True)
    by_id = {r["id"]: r for r in rows}
    for e in page:
        assert "IRN" in _keys(e["actor"])
        assert e["confidence"] == pytest.approx(by_id[e["id"]]["max_conf"], abs=1e-4)
        assert e["sentence"] in by_id[e["id"]]["sentences"]


def test_facets_count_the_matching_events(store: Path, rows: list[dict[str, Any]]) -> None:
    with Explorer(store) as x, x.cursor() as con:
        got = facets(con, Filters.from_params({"quad": "4"}), top=50)
    quad4 = [r for r in rows if r["quad"] == 4]
    assert {f["value"]: f["n"] for f in got["event"]} == Counter(r["event"] for r in quad4)
    assert got["quad_code"] == [{"value": "4", "n": len(quad4)}]
    actors = Counter(k for r in quad4 for k in _keys(r["actor"]))
    assert {f["value"]: f["n"] for f in got["actor"]} == dict(actors)


def test_timeline_counts_and_means_per_month(store: Path, rows: list[dict[str, Any]]) -> None:
    with Explorer(store) as x, x.cursor() as con:
        got = timeline(con, Filters.from_params({"country": "CHN"}), "month", by_quad=True)
        overall = timeline(con, Filters(), "year", by_quad=False)
    chn = [r for r in rows if "CHN" in _keys(r["actor"]) | _keys(r["recipient"])]
    cells = Counter((r["day"].replace(day=1).isoformat(), r["quad"]) for r in chn)
    assert {(g["period"], g["quad_code"]): g["n"] for g in got} == dict(cells)
    first = got[0]
    members = [
        r
        for r in chn
        if (r["day"].replace(day=1).isoformat(), r["quad"]) == (first["period"], first["quad_code"])
    ]
    mean = sum(r["goldstein"] for r in members) / len(members)
    assert first["goldstein"] == pytest.approx(mean, abs=1e-3)
    assert first["intensity"] is not None
    assert sum(g["n"] for g in overall) == len(rows)
    assert all(g["quad_code"] is None for g in overall)
    with pytest.raises(FilterError, match="interval"):
        timeline(con, Filters(), "fortnight")


def test_dyad_partners_and_network_agree_with_the_rows(
    store: Path, rows: list[dict[str, Any]]
) -> None:
    with Explorer(store) as x, x.cursor() as con:
        d = dyad(con, "rus", "ukr")
        partners = top_partners(con, "RUS", top=100)
        net = network(con, Filters.from_params({"quad": "1"}), max_edges=5000)
        small = network(con, Filters(), max_edges=3, min_n=2)
    ab = [r for r in rows if "RUS" in _keys(r["actor"]) and "UKR" in _keys(r["recipient"])]
    ba = [r for r in rows if "UKR" in _keys(r["actor"]) and "RUS" in _keys(r["recipient"])]
    assert d["a_to_b"]["n"] == len(ab) > 0 and d["b_to_a"]["n"] == len(ba) > 0
    assert sum(t["n"] for t in d["a_to_b"]["timeline"]) == len(ab)
    assert d["a_to_b"]["quad_4"] == sum(1 for r in ab if r["quad"] == 4)
    ukr = next(p for p in partners if p["partner"] == "UKR")
    assert (ukr["n_out"], ukr["n_in"]) == (len(ab), len(ba))
    assert all(p["partner"] != "RUS" for p in partners)
    edges = Counter(
        (a, b)
        for r in rows
        if r["quad"] == 1
        for a in _keys(r["actor"])
        for b in _keys(r["recipient"])
        if a != b
    )
    assert {(e["source"], e["target"]): e["n"] for e in net["edges"]} == dict(edges)
    assert len(small["edges"]) == 3 and all(e["n"] >= 2 for e in small["edges"])
    assert {n["id"] for n in small["nodes"]} == {
        k for e in small["edges"] for k in (e["source"], e["target"])
    }


def test_one_event_has_all_its_mentions(store: Path, rows: list[dict[str, Any]]) -> None:
    multi = next(r for r in rows if len(r["sentences"]) == 3)
    with Explorer(store) as x, x.cursor() as con:
        event = get_event(con, multi["id"])
        assert get_event(con, "no-such-event") is None
    assert event is not None and len(event["mentions"]) == 3
    assert sorted(m["sentence"] for m in event["mentions"]) == sorted(multi["sentences"])
    confs = [m["confidence"] for m in event["mentions"]]
    assert confs == sorted(confs, reverse=True)
    assert all(m["title"] and m["title"].startswith("Generated article") for m in event["mentions"])


def test_search_gives_the_same_as_its_parts(store: Path) -> None:
    for params in ({"text": "sentence 2", "quad": "1,2"}, {"country": "IRN"}):
        filters = Filters.from_params(params)
        with Explorer(store) as x, x.cursor() as con:
            found = search(con, filters, limit=15, offset=5)
            assert found["total"] == count_events(con, filters) > 20
            assert found["events"] == list_events(con, filters, 15, 5)
            assert found["facets"] == facets(con, filters)
            assert "explore_match" not in {r[0] for r in con.execute("SHOW TABLES").fetchall()}
