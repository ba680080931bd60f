"""Event coding: trigger lexicon, argument extraction, modality, attribution, merging."""

from __future__ import annotations

from dyads.events.coder import Candidate, EventCoder
from dyads.events.lexicon import Lexicon, Rule, load_lexicon

__all__ = ["Candidate", "EventCoder", "Lexicon", "Rule", "load_lexicon"]
