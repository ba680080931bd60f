"""Place mentions, the learned event-place linker, and the location record they produce."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dyads.geo import Gazetteer, PlaceLinker, doc_places, event_location
from dyads.geo.linker import none_features, pair_features
from dyads.nlp import load_nlp, parse
from dyads.records import Actor, Location

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _actor(country: str) -> Actor:
    return Actor(
        code=country, country=country, sector=None, name=None, entity_text=country, start=0, end=0
    )


def _locate(
    nlp: Language,
    text: str,
    trigger: str,
    event: str = "ASSAULT",
    actors: Sequence[Actor] = (),
    recipients: Sequence[Actor] = (),
) -> tuple[Doc, Location | None]:
    doc = parse(nlp, text)
    i = next(t.i for t in doc if t.text == trigger)
    return doc, event_location(doc, i, event, None, actors, recipients)


def test_model_file_loads_and_is_small() -> None:
    model = PlaceLinker.default()
    assert 0.0 < model.threshold < 1.0
    assert 100 < len(model.weights) < 40000
    assert PlaceLinker.default() is model
    path = Path(__file__).parents[1] / "src" / "dyads" / "geo" / "data" / "place_linker.json"
    assert path.stat().st_size < 1_000_000
    # the odds of a mention are weighed against "no place"
    none = model.weights["none"]
    assert model.probability([], ["none"]) == pytest.approx(1 / (1 + 2.718281828**none), 1e-6)


def test_no_place_competes_with_every_mention(nlp: Language) -> None:
    doc = parse(nlp, "Gunmen killed five people in Kaduna.")
    model = PlaceLinker.default()
    assert model.link(doc, 1, []) == (None, 0.0)
    mentions = doc_places(doc).in_sentence(doc[0])
    chosen, p = model.link(doc, 1, mentions)
    assert chosen is not None and chosen.text == "Kaduna" and p >= model.threshold
    never = PlaceLinker(model.weights, 1.0)  # a threshold no odds reach
    assert never.link(doc, 1, mentions)[0] is None
    feats = none_features(doc, 1, mentions, None)
    assert "none" in feats and "none_tprep=in" in feats


def test_split_is_fixed_and_holds_the_manifest_test_sentences() -> None:
    split = json.loads((DATA / "geo_linker_split.json").read_text(encoding="utf-8"))
    test, dev = set(split["test"]), set(split["dev"])
    assert not test & dev
    assert len(test) >= 1000 and len(dev) >= 500
    manifest = json.loads((DATA / "realnews" / "manifest.json").read_text(encoding="utf-8"))
    held = {k for k, v in manifest["splits"]["sentences"].items() if v == "test"}
    assert held <= test


def test_mentions_are_found_once_per_document(nlp: Language) -> None:
    doc = parse(nlp, "A car bomb exploded in the Karradah district of Baghdad on Sunday.")
    places = doc_places(doc)
    assert doc_places(doc) is places  # cached on the doc: one pass per article
    texts = [m.text for m in places.in_sentence(doc[0])]
    assert any("Baghdad" in t for t in texts)
    assert not any(t == "Sunday" for t in texts)  # calendar words are no places
    baghdad = next(m for m in places.in_sentence(doc[0]) if m.text == "Baghdad")
    assert baghdad.location is not None and baghdad.location.country == "IRQ"
    assert doc.text[baghdad.start_char : baghdad.end_char] == "Baghdad"


def test_linked_place_keeps_text_offsets_and_admin_levels(nlp: Language) -> None:
    text = "Shelling hit a trolleybus in Donetsk on Thursday, an official in Moscow said."
    doc, loc = _locate(nlp, text, "hit")
    assert loc is not None
    assert loc.text == "Donetsk" and loc.start is not None and loc.end is not None
    assert text[loc.start : loc.end] == "Donetsk"
    assert loc.country == "UKR" and loc.precision == "city"
    assert loc.feature_class == "P" and loc.admin1


def test_country_level_place_says_so(nlp: Language) -> None:
    _, loc = _locate(nlp, "Rebels attacked an army post in Mali on Tuesday.", "attacked")
    assert loc is not None and loc.country == "MLI"
    assert loc.precision == "country" and loc.feature_code == "PCLI"


def test_default_place_has_no_text(nlp: Language) -> None:
    _, loc = _locate(
        nlp,
        "The prime minister will visit next week.",
        "visit",
        event="CONSULT",
        actors=[_actor("JPN")],
        recipients=[_actor("IDN")],
    )
    assert loc is not None and loc.country == "IDN"
    assert loc.text is None and loc.start is None and loc.precision == "country"


def test_sentence_without_place_gives_none(nlp: Language) -> None:
    _, loc = _locate(nlp, "At least 22 militants were killed in the clashes.", "killed", "FIGHT")
    assert loc is None


def test_province_and_small_town_resolution() -> None:
    gaz = Gazetteer.default()
    idlib = gaz.lookup("Idlib province")
    assert idlib is not None and idlib.country == "SYR" and idlib.precision == "admin1"
    kyiv = gaz.lookup("Kiev")
    assert kyiv is not None and kyiv.feature_code == "PPLC" and kyiv.admin1
    # towns under 15,000 answer only when the text marks the name as a place
    assert gaz.lookup("Unity") is None
    unity = gaz.lookup("Unity", minor=True)
    assert unity is not None and unity.precision == "city"


def test_location_record_stays_backward_compatible() -> None:
    loc = Location(name="Tokyo", country="JPN", lat=35.6895, lon=139.6917, geonameid=1850147)
    assert loc.text is None and loc.precision is None


def test_pair_features_name_the_preposition(nlp: Language) -> None:
    doc = parse(nlp, "Gunmen killed five people in Kaduna.")
    places = doc_places(doc)
    mentions = places.in_sentence(doc[0])
    kaduna = next(m for m in mentions if m.text == "Kaduna")
    feats = pair_features(doc, 1, kaduna, mentions, None)
    assert "prep=in" in feats and "rule_none" in feats


def test_hand_checked_resolution_sample_is_well_formed() -> None:
    """The 200 linked places read by hand (docs/GEO.md): ids and offsets only, no text."""
    lines = (DATA / "geo_resolution_sample.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line]
    assert len(rows) == 200
    split = json.loads((DATA / "geo_linker_split.json").read_text(encoding="utf-8"))
    held_out = set(split["test"]) | set(split["dev"])
    for row in rows:
        assert set(row) == {
            "id",
            "start",
            "end",
            "geonameid",
            "name",
            "country",
            "admin1",
            "precision",
            "verdict",
        }
        assert row["id"].startswith("wire-") and row["id"] not in held_out
        assert 0 <= row["start"] < row["end"]
        assert row["verdict"] in ("right", "wrong", "unresolved")
        assert (row["verdict"] == "unresolved") == (row["precision"] is None)


def _check_sample(name: str, split: str) -> list[dict[str, object]]:
    """Rows of a hand-checked sample: 200 distinct places of ``split``, each with a verdict
    (a wrong one with its reason); ids and offsets only."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line]
    assert len(rows) == 200
    assert len({(r["id"], r["start"], r["end"]) for r in rows}) == 200
    ids = set(json.loads((DATA / "geo_linker_split.json").read_text(encoding="utf-8"))[split])
    for row in rows:
        assert row["id"] in ids
        assert 0 <= row["start"] < row["end"]
        assert row["verdict"] in ("right", "wrong", "unresolved")
        assert (row["verdict"] == "unresolved") == (row["precision"] is None)
        assert row["verdict"] != "wrong" or row.get("note")  # every wrong one says why
    return rows


def test_fresh_dev_resolution_sample_is_well_formed() -> None:
    """The second hand-checked sample (docs/GEO.md): 200 places the final linker links right
    on dev sentences, drawn after the resolver was last changed."""
    _check_sample("geo_resolution_dev_sample.jsonl", "dev")


@pytest.mark.parametrize(
    "name", ["geo_resolution_test_sample.jsonl", "geo_resolution_test_sample2.jsonl"]
)
def test_test_split_resolution_samples_are_well_formed(name: str) -> None:
    """The hand-checked samples of the linker's *test* split (docs/GEO.md), drawn by
    scripts/geo_resolution_sample.py (seeds 29 and 31, the second excluding the first's rows)
    and read once."""
    rows = _check_sample(name, "test")
    if name.endswith("2.jsonl"):
        first = _check_sample("geo_resolution_test_sample.jsonl", "test")
        assert not {(r["id"], r["start"]) for r in first} & {(r["id"], r["start"]) for r in rows}
