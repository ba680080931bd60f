"""ActorResolver: the public entry point turning a parsed article into an ActorIndex."""

from __future__ import annotations

import datetime as dt
import functools

from spacy.tokens import Doc

from dyads.actors.acronyms import resolve_acronyms
from dyads.actors.chunker import base_mentions
from dyads.actors.coalitions import led_coalitions
from dyads.actors.context import fill_countries, share_heads
from dyads.actors.coref import name_descriptions, resolve_references
from dyads.actors.definites import resolve_definites
from dyads.actors.era import infer_era
from dyads.actors.group_refs import group_references
from dyads.actors.lexicon import Lexicon, load_lexicon
from dyads.actors.means import arm_nationalities, leaders_forces
from dyads.actors.model import ActorIndex
from dyads.actors.names import resolve_names
from dyads.actors.places import names_border
from dyads.actors.titles import holders_of_titles, party_people
from dyads.actors.unknowns import keep_coded, unknown_antecedents, unknown_names
from dyads.records import Actor


class ActorResolver:
    """Resolve actor mentions (names, titles, capitals, pronouns) to CAMEO-style codes."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> ActorResolver:
        """The resolver built from the bundled data (cached per process)."""
        return cls(load_lexicon())

    @classmethod
    def with_user_file(cls, path: str) -> ActorResolver:
        """The default resolver plus a user actors file (``--actors FILE.yaml``).

        Raises :class:`~dyads.errors.InputError` naming the file and line of a bad entry.
        """
        from dyads.actors.user import load_user_actors, with_user_actors

        base = load_lexicon()
        entries = load_user_actors(path, set(base.sector_codes))
        return cls(with_user_actors(base, entries))

    def annotate(self, doc: Doc, when: dt.date | None) -> ActorIndex:
        """All actor mentions of ``doc`` (a whole article), with codes as of date ``when``."""
        lex = self.lexicon
        if when is None:
            # an undated text: roles as of the time its office holders tell (era.py)
            when = infer_era(doc, lex)
        # party titles before names: an apposition then passes OPP on ("Mark Oaten, Liberal
        # Democrat home affairs spokesman")
        base = party_people(doc, base_mentions(doc, lex, when), lex, when)
        base = resolve_names(doc, base, lex, when)
        base = resolve_acronyms(doc, base)
        base, definites = resolve_definites(doc, base)
        base = base + definites
        # "the group" names the armed group before a pronoun copies it ("the group said its
        # fighters ...")
        base = group_references(doc, base)
        refs = resolve_references(doc, base, self.lexicon, when)
        # A reference may replace a country-less base phrase: "the two governments" (GOV).
        taken = {t for r in refs for t in range(r.start, r.end)}
        base = [m for m in base if not any(t in taken for t in range(m.start, m.end))]
        named = share_heads(doc, name_descriptions(doc, base + refs))
        # a country that only names a border is no clue to whose the actors near it are
        # (places.names_border)
        borders = [m for m in named if m.kind == "country" and names_border(doc[m.head])]
        named = arm_nationalities(
            doc, named, lex.weapons, lex.state_acts, lex.military_acts,
            (lex.air_means, lex.strike_acts),
        )  # fmt: skip
        named = leaders_forces(doc, named)
        named = holders_of_titles(doc, named, self.lexicon, when)
        clues = [m for m in named if m not in borders]
        named = named + unknown_names(doc, clues, self.lexicon)
        named = fill_countries(doc, named, lex.place_nouns, lex.cities, lex.weapons, borders)
        named = led_coalitions(doc, named, when, lex.cities)
        return ActorIndex(unknown_antecedents(doc, keep_coded(named, doc)), borders)

    def resolve_text(self, text: str, when: dt.date | None) -> list[Actor]:
        """Parse ``text`` as the pipeline does (:func:`dyads.nlp.parse`) and return its actors
        in order."""
        from dyads.nlp import load_nlp, parse

        return self.annotate(parse(load_nlp(), text), when).actors()
