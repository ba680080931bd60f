"""Confidence: a logistic model of how likely a coded event is right (fitted on the dev split)."""

from __future__ import annotations

from dyads.events.candidate import Candidate
from dyads.events.confidence import ConfidenceModel, features, load_model
from dyads.events.lexicon import Rule


def _cand(nlp, **scores: float) -> Candidate:  # type: ignore[no-untyped-def]
    doc = nlp("Rebels attacked the town.")
    tok = doc[1]
    rule = Rule(lemma="attack", pos="verb", event="ASSAULT", cameo="190")
    c = Candidate(rule, "ASSAULT", "190", tok, doc[:], 0, [], [], "asserted", [], 0.0)
    c.scores.update(scores)
    return c


def test_the_shipped_model_scores_within_bounds_and_is_continuous(nlp) -> None:  # type: ignore[no-untyped-def]
    m = load_model()
    assert "bias" in m.weights
    sure = m.score(features(_cand(nlp, p_type=0.95, p_event=0.97, p_actor=0.9)))
    unsure = m.score(features(_cand(nlp, p_type=0.55, p_event=0.6, p_actor=0.4)))
    assert 0.0 < unsure < 1.0 and 0.0 < sure < 1.0
    # a surer model means a surer event; and the score is not a handful of bins
    assert sure > unsure
    assert len({m.score(features(_cand(nlp, p_type=p / 20))) for p in range(10, 20)}) > 5


def test_features_name_signals_and_missing_scores(nlp) -> None:  # type: ignore[no-untyped-def]
    c = _cand(nlp, p_type=0.8)
    c.signals["implied_recipient"] = True
    f = features(c)
    assert f["signal=implied_recipient"] == 1.0 and f["p_type"] == 0.8
    assert f["no_p_actor"] == 1.0 and f["pos=verb"] == 1.0


def test_a_logistic_score_follows_its_weights() -> None:
    m = ConfidenceModel({"bias": 0.0, "signal=x": -2.0})
    assert m.score({"bias": 1.0}) == 0.5
    assert m.score({"bias": 1.0, "signal=x": 1.0}) < 0.5
