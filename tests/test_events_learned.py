"""The learned trigger and role models: shipped files, decisions, features."""

from __future__ import annotations

import pytest

from dyads.events.candidate import Candidate
from dyads.events.learned import (
    NONE,
    Thresholds,
    decide,
    features,
    load_model,
    load_thresholds,
)
from dyads.events.lexicon import Rule, load_lexicon
from dyads.events.roles import best_actor, dep_path, load_role_model, load_role_thresholds
from dyads.ontology import Ontology

TYPES = set(Ontology.default().types)


def test_shipped_models_load_with_their_provenance() -> None:
    for model in (load_model(), load_role_model()):
        assert model is not None
        assert model.weights.shape == (len(model.vocab), len(model.classes))
        assert model.meta["data_hash"] and model.meta["seed"]
        assert "+" in model.version
    trig = load_model()
    assert trig is not None and NONE in trig.classes and set(trig.classes) - {NONE} <= TYPES
    th = load_thresholds()
    assert 0 < th.add <= 1.01 and th.add_types <= TYPES
    roles = load_role_thresholds()
    assert roles.keep < 1
    # a verb only the model found takes the model's actor at lower odds than a rule's actor
    # is overruled
    assert 0 < roles.fallback <= roles.actor


def test_best_actor_takes_the_surest_mention_at_the_cut(nlp) -> None:  # type: ignore[no-untyped-def]
    from dyads.actors import ActorResolver

    doc = nlp("Israeli soldiers shot a Palestinian youth.")
    index = ActorResolver.default().annotate(doc, None)
    shot = next(t for t in doc if t.text == "shot")
    model = load_role_model()
    assert model is not None
    got = best_actor(shot, "ASSAULT", index, model, 0.0)
    assert [a.country for a in got] == ["ISR"]
    assert best_actor(shot, "ASSAULT", index, model, 1.01) == []


def _cand(nlp, text: str, word: str, event: str):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    rule = Rule(lemma=tok.lemma_, pos="verb", event=event, cameo="190")
    sent = next(iter(doc.sents))
    return Candidate(rule, event, "190", tok, sent, 0, [], [], "asserted", [], 0.5), tok


P = dict.fromkeys((NONE, *sorted(TYPES)), 0.0)


@pytest.mark.parametrize(
    ("probs", "expect"),
    [
        ({NONE: 0.97}, []),  # the model is sure the word states no event: dropped
        ({NONE: 0.5, "ASSAULT": 0.5}, ["ASSAULT"]),  # unsure: the rule stands
        ({NONE: 0.1, "COERCE": 0.9}, ["COERCE"]),  # sure of another type: retyped
    ],
)
def test_decide_drops_retypes_or_keeps_a_rule_candidate(nlp, probs, expect) -> None:  # type: ignore[no-untyped-def]
    c, tok = _cand(nlp, "Police captured the town.", "captured", "ASSAULT")
    th = Thresholds(drop=0.95, retype=0.8, add=0.6, add_types=frozenset(TYPES))
    out = decide(
        [c], {tok.i: {**P, **probs}}, th, lambda i, t: None, Ontology.default().default_cameo
    )
    assert [x.event for x in out] == expect
    if expect == ["COERCE"]:
        assert out[0].cameo == Ontology.default().default_cameo("COERCE")
        assert out[0].signals["learned_retype"]


def test_decide_adds_what_the_rules_missed_through_the_argument_finder(nlp) -> None:  # type: ignore[no-untyped-def]
    c, tok = _cand(nlp, "Rebels stormed the town after troops shelled it.", "stormed", "ASSAULT")
    other = next(t for t in tok.doc if t.text == "shelled")
    made: list[tuple[int, str]] = []

    def make(i: int, t: str):  # type: ignore[no-untyped-def]
        made.append((i, t))
        return _cand(nlp, "Troops shelled it.", "shelled", t)[0]

    th = Thresholds(drop=0.95, retype=0.8, add=0.6, add_types=frozenset({"ASSAULT"}))
    probs = {tok.i: {**P, "ASSAULT": 0.9}, other.i: {**P, "ASSAULT": 0.7}}
    out = decide([c], probs, th, make, Ontology.default().default_cameo)
    assert made == [(other.i, "ASSAULT")] and len(out) == 2 and out[1].signals["learned_add"]
    th_types = Thresholds(drop=0.95, retype=0.8, add=0.6, add_types=frozenset({"PROTEST"}))
    assert len(decide([c], probs, th_types, make, Ontology.default().default_cameo)) == 1
    # an object of the trigger restates its event: "imposed sanctions" is one sanction
    s, imposed = _cand(nlp, "China imposed sanctions on Japan.", "imposed", "SANCTION")
    obj = next(t for t in imposed.doc if t.text == "sanctions")
    probs2 = {imposed.i: {**P, "SANCTION": 0.9}, obj.i: {**P, "SANCTION": 0.9}}
    assert len(decide([s], probs2, th, make, Ontology.default().default_cameo)) == 1


def test_features_are_deterministic_and_carry_the_lexicon(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Iraq said its troops repelled an Iranian attack.")
    tok = next(t for t in doc if t.text == "attack")
    f = features(tok, load_lexicon())
    assert f == features(tok, load_lexicon())
    assert "l=attack" in f and any(x.startswith("lex=noun|ASSAULT") for x in f)


def test_dependency_paths_between_trigger_and_mention(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Israeli soldiers shot a Palestinian youth.")
    shot = next(t for t in doc if t.text == "shot")
    soldiers = next(t for t in doc if t.text == "soldiers")
    youth = next(t for t in doc if t.text == "youth")
    assert dep_path(shot, soldiers) == "|nsubj"
    assert dep_path(shot, youth) == "|dobj"
    assert dep_path(soldiers, shot) == "nsubj|"
