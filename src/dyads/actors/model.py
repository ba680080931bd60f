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

# People often posted in another state: their country says nothing of whose the unnamed actors
# around them are ("the army killed two rebels as Norwegian envoys met Sri Lanka's president").
DIPLOMATS = frozenset({"diplomat", "envoy", "ambassador", "attache", "consul", "emissary"})
# ... and, with troops and correspondents, nothing of where they are from ("diplomats in Vienna").
POSTED_ABROAD = DIPLOMATS | {"correspondent", "troop"}
# Sectors that bear arms: armies, rebels, police, paramilitaries, gangs.
ARMED_SECTORS = frozenset({"MIL", "REB", "INS", "COP", "UAF", "SPY", "PRM", "CRM"})


@dataclass(frozen=True)
class Mention:
    """One actor mention in a Doc: tokens ``start``..``end`` (exclusive), resolved actors."""

    start: int
    end: int
    head: int
    actors: tuple[Actor, ...]
    kind: str
    # True when the country was inferred from the sentence or article around the mention
    # (context.fill_countries), not named in it: a later, surer clue may replace it
    inferred: bool = False


class ActorIndex:
    """All mentions of one document, sorted by position, with token-level lookup."""

    def __init__(self, mentions: list[Mention], borders: list[Mention] | None = None) -> None:
        self.mentions: list[Mention] = sorted(mentions, key=lambda m: (m.start, m.end))
        # Countries that only name a border ("along its border with Pakistan"): no actors of
        # the sentence, but the state a deployment to the border faces (places.names_border).
        # They stay mentions (a rule may read "closed its border with Syria"), but no country
        # is inferred from them.
        self.borders: list[Mention] = sorted(borders or [], key=lambda m: (m.start, m.end))
        self._border_spans = {(m.start, m.end) for m in self.borders}
        self._border_actors = {(a.start, a.end) for m in self.borders for a in m.actors}
        self._starts = [m.start for m in self.mentions]
        self._by_token: dict[int, Mention] = {}
        self._by_char: dict[int, list[Mention]] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self._by_token.setdefault(i, m)
            for a in m.actors:
                if a.start is not None:
                    self._by_char.setdefault(a.start, []).append(m)

    def at(self, token_i: int) -> Mention | None:
        """The mention containing token ``token_i``, or None."""
        return self._by_token.get(token_i)

    def in_range(self, start: int, end: int) -> list[Mention]:
        """Mentions lying entirely within tokens ``start``..``end`` (exclusive)."""
        # mentions are sorted by start: only those starting inside the range can lie in it
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end, lo)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def names_border(self, m: Mention) -> bool:
        """Whether mention ``m`` only names a border's other side (see ``borders``)."""
        return (m.start, m.end) in self._border_spans

    def border_actor(self, actor: Actor) -> bool:
        """Whether ``actor`` is the country of a mention that only names a border."""
        return (actor.start, actor.end) in self._border_actors

    def context(self, start: int, end: int) -> list[Mention]:
        """The mentions within tokens ``start``..``end`` that say whose the unnamed actors
        around them are: all but news media and countries that only name a border."""
        return [
            m
            for m in self.in_range(start, end)
            if m.kind != "media" and (m.start, m.end) not in self._border_spans
        ]

    def inferred(self, actor: Actor) -> bool:
        """Whether ``actor`` (of one of this index's mentions) has a country inferred from
        context rather than named."""
        return any(m.inferred for m in self.in_range_chars(actor.start, actor.end))

    def in_range_chars(self, start: int | None, end: int | None) -> list[Mention]:
        """Mentions whose actors span exactly the characters ``start``..``end``."""
        if start is None or end is None:
            return []
        return [m for m in self._by_char.get(start, []) if any(a.end == end for a in m.actors)]

    def actors(self) -> list[Actor]:
        """Every resolved actor, in document order."""
        return [a for m in self.mentions for a in m.actors]

    def __len__(self) -> int:
        return len(self.mentions)
