"""The event coder on sentence shapes, with actors from an in-memory index (grammar only)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from dyads.events.coder import EventCoder
from dyads.events.plover import apply_future_rules
from dyads.records import Actor

CASES = yaml.safe_load(
    (Path(__file__).parent / "data" / "coder_shapes.yaml").read_text(encoding="utf-8")
)


@dataclass(frozen=True)
class FakeMention:
    start: int
    end: int
    head: int
    actors: tuple[Actor, ...]
    kind: str


class FakeIndex:
    """Token text -> actor code, one token per mention (an in-memory actor index)."""

    def __init__(self, doc: Any, table: dict[str, Any]) -> None:
        self.mentions = []
        for t in doc:
            spec = table.get(t.text)
            if spec is None:
                continue
            code, kind = (
                (spec, "country") if isinstance(spec, str) else (spec["code"], spec["kind"])
            )
            actor = Actor(
                code,
                code[:3] if kind != "media" else None,
                code[3:] or None,
                None,
                t.text,
                t.idx,
                t.idx + len(t.text),
            )
            self.mentions.append(FakeMention(t.i, t.i + 1, t.i, (actor,), kind))
        self._at = {m.start: m for m in self.mentions}

    def at(self, i: int) -> FakeMention | None:
        return self._at.get(i)

    def in_range(self, start: int, end: int) -> list[FakeMention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def border_actor(self, actor: Actor) -> bool:
        return False


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["text"][:40])
def test_sentence_shape(case: dict[str, Any], coder: EventCoder, nlp: Any) -> None:
    doc = nlp(case["text"])
    index = FakeIndex(doc, CASES["actors"])
    got = []
    for c in coder.code_doc(doc, index):  # type: ignore[arg-type]
        event, _ = apply_future_rules(c.event, c.rule.mode, c.cameo, c.modality)
        got.append(
            [
                event,
                sorted(a.code for a in c.actors),
                sorted(a.code for a in c.recipients),
                c.modality,
            ]
        )
    expected = [[e[0], sorted(e[1]), sorted(e[2]), e[3]] for e in case["events"]]
    assert sorted(got) == sorted(expected)


def test_a_protest_against_someone_stays_a_protest_when_the_parser_adds_an_object(
    coder: EventCoder, nlp: Any
) -> None:
    # A hand-built parse of the parser's real mistake on long lists: "Protesters protested
    # against Egypt, its plan" with "plan" taken as the verb's direct object. The against-phrase
    # says it is a demonstration (PROTEST), not a transitive "protested the plan" (ACCUSE).
    from spacy.tokens import Doc

    words = ["Protesters", "protested", "against", "Egypt", ",", "its", "plan", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[True, True, True, False, True, True, False, False],
        heads=[1, 1, 1, 2, 1, 6, 1, 1],
        deps=["nsubj", "ROOT", "prep", "pobj", "punct", "poss", "dobj", "punct"],
        pos=["NOUN", "VERB", "ADP", "PROPN", "PUNCT", "PRON", "NOUN", "PUNCT"],
        tags=["NNS", "VBD", "IN", "NNP", ",", "PRP$", "NN", "."],
        lemmas=["protester", "protest", "against", "Egypt", ",", "its", "plan", "."],
    )
    index = FakeIndex(doc, CASES["actors"])
    got = [(c.event, [a.code for a in c.recipients]) for c in coder.code_doc(doc, index)]  # type: ignore[arg-type]
    assert ("PROTEST", ["EGY"]) in got and all(e != "ACCUSE" for e, _ in got)
