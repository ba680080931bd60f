"""The draft of one event: found in a sentence, then completed by the passes of
:mod:`dyads.events.passes` (place, countries, recipients, confidence, date, checks) before it
becomes a frozen :class:`~dyads.records.Event`."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from dyads.events.lexicon import Rule
from dyads.records import Actor, Location


@dataclass
class Candidate:
    """An event draft: found in one sentence, completed field by field by the passes.

    Each field has one owner pass (see :data:`dyads.events.passes.PASSES`); a pass that sets a
    field records why in ``decided`` (``dyads code --explain`` prints it).
    """

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
    # set by the later passes: where (place), when (dates), and which pass decided what
    location: Location | None = None
    date: str | None = None
    date_text: str | None = None
    date_basis: str = "unknown"
    decided: dict[str, str] = field(default_factory=dict)


# The name the passes use: an event being built, not yet a record.
EventDraft = Candidate
