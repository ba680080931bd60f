"""The seed article (../shared/examples/putin-turkey-visit.txt) against its hand-coded gold.

Issue 2 asked for 6 of the 12 required events; issue 4 asks for all 12 with the right actor,
recipient, type and modality, precision >= 0.9 and nothing from the must_not list; issue 5 asks
for the gold date, at the gold precision, on all 8 dated required events.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import EXAMPLE_GOLD
from dyads.evaluate import score_gold_file


@pytest.fixture(scope="module")
def scored(example_text: str) -> tuple[dict[str, Any], Any]:
    summary, docs = score_gold_file(EXAMPLE_GOLD)
    return summary, docs[0]


def _pairs(scored: tuple[dict[str, Any], Any]) -> dict[str, Any]:
    _, doc = scored
    events = {e.id: e for e in doc.events}
    return {g: events[e] for g, e in doc.pairs}


def _bare(source: str) -> str:
    words = source.lower().split()
    return " ".join(words[1:] if words and words[0] in ("a", "an", "the") else words)


def test_all_required_events_are_found_with_actor_recipient_and_type(scored: Any) -> None:
    summary, _ = scored
    missed = [m["gold"] for m in summary["missed_required"]]
    assert missed == [], f"missed {missed}"


def test_precision_is_at_least_090(scored: Any) -> None:
    summary, _ = scored
    assert summary["precision"] >= 0.9, summary


def test_no_event_from_must_not_sentences(scored: Any, example_text: str) -> None:
    summary, doc = scored
    assert summary["must_not_violations"] == []
    # Stricter than the scorer's trigger test: no mention may come from those sentences at all.
    gold = json.loads(EXAMPLE_GOLD.read_text(encoding="utf-8"))
    for m in gold["must_not"]:
        start = example_text.index(m["evidence"])
        for ev in doc.events:
            for info in ev.mentions:
                assert not (info.start <= start < info.end), (m["evidence"], ev.event)


def test_required_events_have_the_gold_modality(scored: Any) -> None:
    _, doc = scored
    pairs = _pairs(scored)
    wrong = [
        (g.id, g.modality, pairs[g.id].modality)
        for g in doc.gold
        if g.required and g.id in pairs and g.modality and pairs[g.id].modality != g.modality
    ]
    assert wrong == []


def test_dated_required_events_get_the_gold_date_at_gold_precision(scored: Any) -> None:
    _, doc = scored
    pairs = _pairs(scored)
    dated = [g for g in doc.gold if g.required and g.date]
    assert len(dated) == 8
    wrong = [
        (g.id, g.date, pairs[g.id].date)
        for g in dated
        if g.id in pairs and pairs[g.id].date != g.date
    ]
    assert wrong == []


def test_attribution_of_reported_events(scored: Any) -> None:
    _, doc = scored
    pairs = _pairs(scored)
    for g in doc.gold:
        want = g.raw.get("attributed_to")
        if g.required and want and g.id in pairs:
            got = pairs[g.id].attributed_to
            # "the Turkish official" in a later sentence is the same source as "a Turkish
            # official": compare without the determiner.
            assert {_bare(w) for w in want} <= {_bare(x) for x in got}, (g.id, want, got)
