"""The record of one event found in a sentence, before dates, places and ids are attached."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from dyads.events.lexicon import Rule
from dyads.records import Actor


@dataclass
class Candidate:
    """An event found in one sentence, before dates, places and ids are attached."""

    rule: Rule
    event: str
    cameo: str
    trigger: Token
    sentence: Span
    sentence_index: int
    actors: list[Actor]
    recipients: list[Actor]
    modality: str
    attributed_to: list[str]
    confidence: float
    signals: dict[str, bool] = field(default_factory=dict)
    reacts_to: Candidate | None = None
    victim: Token | None = None  # unnamed people as recipient ("59 people", "a driver")
    # the learned models' probabilities behind this candidate: p_type (its type at its
    # trigger), p_actor and p_recipient (of the chosen mentions); inputs of the confidence
    scores: dict[str, float] = field(default_factory=dict)
