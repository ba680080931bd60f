"""Mistakes once made on real wire sentences and articles (cases in data/realwire_cases.yaml;
the text is read from ../shared/corpus at run time)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from dyads.pipeline import Coder
from dyads.records import Article

DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DEFAULT_FILE = "news_sentences.jsonl"  # a case may name another corpus file ("file")
CASES: list[dict[str, Any]] = yaml.safe_load(
    (DATA / "realwire_cases.yaml").read_text(encoding="utf-8")
)["cases"]


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    if not CORPUS.exists():
        pytest.skip("needs ../shared/corpus beside the checkout")
    out: dict[str, str] = {}
    for name in {c.get("file", DEFAULT_FILE) for c in CASES}:
        want = {c["id"] for c in CASES if c.get("file", DEFAULT_FILE) == name}
        with (CORPUS / name).open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["id"] in want:
                    out[rec["id"]] = rec["text"]
    return out


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.default()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_real_wire_case(case: dict[str, Any], texts: dict[str, str], coder: Coder) -> None:
    events = coder.code(Article(id=case["id"], text=texts[case["id"]], date=None))
    coded = [
        (
            e.event,
            frozenset(a.code[:3] for a in e.actor),
            frozenset(a.code[:3] for a in e.recipient),
        )
        for e in events
    ]
    for kind, actors, recipients in case.get("events", []):
        assert (kind, frozenset(actors), frozenset(recipients)) in coded, coded
    countries = {a.country for e in events for a in (*e.actor, *e.recipient)}
    assert not countries & set(case.get("must_not_mention", [])), coded
    assert events, "the sentence states an event"
