"""Confidence: a calibrated, monotone map from evidence strength to expected precision."""

from __future__ import annotations

from dyads.events.confidence import load_model


def test_calibration_table_is_monotone_and_within_bounds() -> None:
    m = load_model()
    assert list(m.bounds) == sorted(m.bounds)
    assert list(m.values) == sorted(m.values)
    assert all(0.0 <= v <= 1.0 for v in m.values)


def test_weaker_evidence_never_scores_higher() -> None:
    m = load_model()
    strong = m.calibrate(m.raw("verb", {}))
    weak = m.calibrate(m.raw("verb", {"pronoun_actor": True, "no_recipient": True}))
    assert weak <= strong
    assert m.calibrate(m.raw("noun", {})) <= strong
