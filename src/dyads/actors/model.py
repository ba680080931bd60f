"""Mentions and the per-document index the event coder queries."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from dyads.records import Actor

# Mention.kind values. "media" mentions are news outlets (attribution only, never a dyad side).
MENTION_KINDS: tuple[str, ...] = (
    "country",  # a country name, adjective or demonym: "Turkey", "Turkish", "Turks"
    "capital",  # a capital acting for the state: "Ankara", "Moscow"
    "institution",  # a seat-of-government metonym or national body: "the Kremlin", "the Knesset"
    "description",  # country/sector phrase: "a Turkish official", "Ukrainian troops"
    "person",  # a named person, known or titled: "Russian President Vladimir Putin"
    "igo",
    "ngo",
    "group",  # armed groups and movements: "Hamas", "the Taliban"
    "party",
    "media",
    "pronoun",  # "him", "it", "its", "the two", "both nations"
    "reference",  # definite references resolved through an antecedent: "his counterpart"
    "company",  # a firm: "Gazprom", "Boeing" (country + BUS, see data/companies.yaml)
    "unknown",  # a name no dictionary knows, with the country of its context (unknowns.py)
)


@dataclass(frozen=True)
class Mention:
    """One actor mention in a Doc: tokens ``start``..``end`` (exclusive), resolved actors."""

    start: int
    end: int
    head: int
    actors: tuple[Actor, ...]
    kind: str


class ActorIndex:
    """All mentions of one document, sorted by position, with token-level lookup."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions: list[Mention] = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.mentions]
        self._by_token: dict[int, Mention] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self._by_token.setdefault(i, m)

    def at(self, token_i: int) -> Mention | None:
        """The mention containing token ``token_i``, or None."""
        return self._by_token.get(token_i)

    def in_range(self, start: int, end: int) -> list[Mention]:
        """Mentions lying entirely within tokens ``start``..``end`` (exclusive)."""
        # mentions are sorted by start: only those starting inside the range can lie in it
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end, lo)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def actors(self) -> list[Actor]:
        """Every resolved actor, in document order."""
        return [a for m in self.mentions for a in m.actors]

    def __len__(self) -> int:
        return len(self.mentions)
