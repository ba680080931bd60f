"""The PLOVER/CAMEO tables load, are internally consistent and keep the documented decisions."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml

from dyads.ontology import Ontology
from dyads.records import Actor

CASES: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent / "data" / "ontology_cases.yaml").read_text(encoding="utf-8")
)
PLOVER_16 = list(CASES["quads"])


@pytest.fixture(scope="module")
def ont() -> Ontology:
    return Ontology.default()


def test_default_is_cached(ont: Ontology) -> None:
    assert Ontology.default() is ont


def test_exactly_the_16_types(ont: Ontology) -> None:
    assert sorted(ont.types) == sorted(PLOVER_16)


@pytest.mark.parametrize(("name", "quad"), CASES["quads"].items())
def test_every_type_has_its_quad_code(ont: Ontology, name: str, quad: int) -> None:
    assert ont.types[name].quad_code == quad
    assert ont.quad_code(name) == quad


def test_sanction_is_material_conflict(ont: Ontology) -> None:  # decision 1
    assert ont.quad_code("SANCTION") == 4
    assert all(ont.cameo(c).quad_code == 4 for c in ("16", "160", "163", "166"))


def test_no_code_maps_to_fight_and_cameo_20_is_assault(ont: Ontology) -> None:  # decision 2
    assert "FIGHT" not in ont.types
    assert {e.plover for e in ont.cameo_entries.values() if e.code.startswith("20")} == {"ASSAULT"}


def test_accuse_score_is_negative_like_its_modes(ont: Ontology) -> None:  # decision 3
    accuse = ont.types["ACCUSE"]
    assert accuse.score == -3.0
    assert all(m.score < 0 for m in accuse.modes.values())


def test_scores_in_range_and_signs_follow_quads(ont: Ontology) -> None:
    for t in ont.types.values():
        for score in [t.score, *(m.score for m in t.modes.values())]:
            assert -10 <= score <= 10
        if t.quad_code in (1, 2):
            assert t.score > 0, t.name
        if t.quad_code == 4:
            assert t.score < 0, t.name


def test_entity_fields_use_data_field_names_with_aliases(ont: Ontology) -> None:  # decision 4
    assert ont.canonical_entity_field("country_name") == "code"
    assert ont.canonical_entity_field("sector_code") == "sector"
    assert ont.canonical_entity_field("raw_text") == "entity_text"
    assert ont.canonical_entity_field("entity_text") == "entity_text"
    with pytest.raises(KeyError):
        ont.canonical_entity_field("source")
    actor_fields = {f.name for f in dataclasses.fields(Actor)}
    for f in ont.entity_fields.values():
        assert f.actor_field is None or f.actor_field in actor_fields


def test_37_contexts_load(ont: Ontology) -> None:
    assert len(ont.contexts) == 37
    assert {"military", "diplomatic", "trafficking", "pro_democracy"} <= set(ont.contexts)
    assert all(desc for desc in ont.contexts.values())


def test_every_cameo_code_maps_to_a_type_with_valid_mode_and_contexts(ont: Ontology) -> None:
    assert len(ont.cameo_entries) >= 290
    for e in ont.cameo_entries.values():
        assert e.plover in ont.types, e
        assert e.mode is None or e.mode in ont.types[e.plover].modes, e
        assert set(e.contexts) <= set(ont.contexts), e
        assert e.quad_code == ont.types[e.plover].quad_code
        assert e.name


def test_goldstein_in_range_for_all(ont: Ontology) -> None:
    for code in [*ont.cameo_entries, *ont.dropped]:
        assert -10.0 <= ont.goldstein(code) <= 10.0


def test_codes_are_strings_with_leading_zeros(ont: Ontology) -> None:
    assert ont.cameo("015").code == "015"
    assert ont.cameo("0214").code == "0214"
    assert all(isinstance(c, str) and c.isdigit() and 2 <= len(c) <= 4 for c in ont.cameo_entries)
    with pytest.raises(KeyError):
        ont.cameo("214")


@pytest.mark.parametrize(("code", "expected"), CASES["cameo"].items())
def test_cameo_entries(ont: Ontology, code: str, expected: list[Any] | None) -> None:
    if expected is None:
        with pytest.raises(KeyError, match="dropped"):
            ont.cameo(code)
        assert code in ont.dropped
        return
    plover, mode, goldstein = expected
    e = ont.cameo(code)
    assert (e.plover, e.mode, e.goldstein) == (plover, mode, goldstein)
    assert ont.goldstein(code) == goldstein
    assert ont.quad_code(code) == CASES["quads"][plover]


def test_default_cameo_exists_for_every_type_and_mode(ont: Ontology) -> None:
    for t in ont.types.values():
        for mode in [None, *t.modes]:
            code = ont.default_cameo(t.name, mode)
            assert code in ont.cameo_entries, (t.name, mode)
            assert ont.validate_event(t.name, mode, code) == [], (t.name, mode, code)
            if (t.name, mode) != ("RETREAT", "resign"):  # decision 10: the one exception
                assert ont.cameo(code).plover == t.name, (t.name, mode, code)


def test_default_cameo_rejects_unknown_type_or_mode(ont: Ontology) -> None:
    with pytest.raises(KeyError):
        ont.default_cameo("FIGHT")
    with pytest.raises(KeyError):
        ont.default_cameo("CONSULT", "telepathy")


@pytest.mark.parametrize(("plover", "mode", "cameo", "n_problems"), CASES["validate"])
def test_validate_event(
    ont: Ontology, plover: str, mode: str | None, cameo: str, n_problems: int
) -> None:
    assert len(ont.validate_event(plover, mode, cameo)) == n_problems


def test_mode_score_falls_back_to_type_score(ont: Ontology) -> None:
    assert ont.score("CONSULT", "visit") == 4.0
    assert ont.score("PROTEST", "vandalize") == ont.score("PROTEST") == -5.0
    assert ont.score("AGREE") == 2.5
