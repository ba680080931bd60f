"""Context inference in the whole pipeline: countries of unnamed groups, dependencies, places
and implied targets (cases in data/coder_context.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from dyads.pipeline import Coder
from dyads.records import Article, Event

CASES = yaml.safe_load(
    (Path(__file__).parent / "data" / "coder_context.yaml").read_text(encoding="utf-8")
)["cases"]


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.default()


def _key(actors: Any) -> frozenset[str]:
    return frozenset(a.code[:3] for a in actors)


def _summary(events: list[Event]) -> list[tuple[str, list[str], list[str]]]:
    return [
        (e.event, sorted(a.code for a in e.actor), sorted(a.code for a in e.recipient))
        for e in events
    ]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"][:40])
def test_context_inference(case: dict[str, Any], coder: Coder) -> None:
    art = Article(id="t", text=case["text"], date=dt.date.fromisoformat(str(case["date"])))
    events = coder.code(art)
    for kind, actors, recipients in case["events"]:
        want = (kind, frozenset(actors), frozenset(recipients))
        assert any((e.event, _key(e.actor), _key(e.recipient)) == want for e in events), (
            f"missing {want} in {_summary(events)}"
        )
    for kind in case.get("absent", []):
        assert all(e.event != kind for e in events), _summary(events)
    for kind, n in case.get("counts", {}).items():
        # one sentence naming two acts of one type states two events (the in-article merge
        # keeps them apart)
        assert sum(e.event == kind for e in events) == n, _summary(events)
    for code in case.get("must_not_mention", []):
        assert all(code not in _key((*e.actor, *e.recipient)) for e in events), _summary(events)
    if "place" in case:
        name, country = case["place"]
        assert any(
            e.location is not None and (e.location.name, e.location.country) == (name, country)
            for e in events
        ), [e.location for e in events]
