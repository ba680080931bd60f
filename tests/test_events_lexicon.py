"""The trigger lexicon and PLOVER rule tables load and agree with the ontology."""

from __future__ import annotations

import pytest

from dyads.errors import DataFileError
from dyads.events.lexicon import PLOVER_TYPES, load_lexicon, parse_lexicon
from dyads.events.plover import apply_future_rules
from dyads.ontology import Ontology


def test_lexicon_covers_all_sixteen_plover_types() -> None:
    assert {r.event for r in load_lexicon().all_rules()} == set(PLOVER_TYPES)


def test_every_trigger_cameo_code_exists_in_the_ontology() -> None:
    ont = Ontology.default()
    bad = []
    for r in load_lexicon().all_rules():
        try:
            ont.cameo(r.cameo)
        except KeyError:
            bad.append((r.lemma, r.cameo))
    assert bad == []


def test_trigger_type_agrees_with_its_cameo_code_unless_a_note_says_why() -> None:
    ont = Ontology.default()
    bad = [
        (r.lemma, r.event, r.cameo, ont.cameo(r.cameo).plover)
        for r in load_lexicon().all_rules()
        if not r.note and ont.cameo(r.cameo).plover != r.event
    ]
    assert bad == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"verbs": {"hit": [{"event": "FIGHT", "cameo": "190"}]}}, "not a PLOVER type"),
        ({"verbs": {"hit": [{"event": "ASSAULT", "cameo": "19x"}]}}, "digit string"),
        ({"verbs": {"hit": [{"event": "ASSAULT", "cameo": "190", "objekt": "x"}]}}, "unknown keys"),
        (
            {"verbs": {"hit": [{"event": "ASSAULT", "cameo": "190", "object": "@nope"}]}},
            "unknown class",
        ),
    ],
)
def test_malformed_lexicon_entries_are_rejected_with_a_clear_message(
    data: dict, message: str
) -> None:
    with pytest.raises(DataFileError, match=message):
        parse_lexicon(data)


@pytest.mark.parametrize(
    ("event", "mode", "cameo", "modality", "expected"),
    [
        ("CONSULT", "visit", "042", "future", ("AGREE", "036")),
        ("AID", "military", "072", "future", ("AGREE", "0332")),
        ("SUPPORT", None, "057", "future", ("AGREE", "030")),
        ("RETREAT", "withdraw", "0872", "future", ("CONCEDE", "080")),
        ("ASSAULT", None, "190", "future", ("ASSAULT", "190")),
        ("CONSULT", "visit", "042", "asserted", ("CONSULT", "042")),
    ],
)
def test_future_cooperation_is_agree_and_future_retreat_is_concede(
    event: str, mode: str | None, cameo: str, modality: str, expected: tuple[str, str]
) -> None:
    assert apply_future_rules(event, mode, cameo, modality) == expected


def test_duplicate_lemmas_in_the_lexicon_file_are_an_error() -> None:
    import yaml

    from dyads.events.lexicon import _UniqueKeyLoader

    with pytest.raises(DataFileError, match="duplicate key 'hit'"):
        yaml.load("verbs:\n  hit: []\n  hit: []\n", Loader=_UniqueKeyLoader)  # noqa: S506


def test_a_rule_may_state_an_event_only_when_negated_or_with_a_modal_clause() -> None:
    lex = parse_lexicon(
        {
            "verbs": {
                "serve": [
                    {"prep": "under", "event": None, "negated": {"event": "REJECT", "cameo": "120"}}
                ],
                "say": [{"complement_modal": ["must"], "event": "REQUEST", "cameo": "100"}],
            }
        }
    )
    (serve,) = lex.rules("verb", "serve")
    assert serve.event is None and serve.negated == ("REJECT", "120")
    (say,) = lex.rules("verb", "say")
    assert say.complement_modal == frozenset({"must"})
    # a rule that states an event only when negated is not among those that state one outright
    assert lex.all_rules() == [say]
