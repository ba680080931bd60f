"""Which actors a phrase denotes: mentions, owners, role nouns and grammatical subjects.

The building block of argument finding (:mod:`dyads.events.arguments`): given a token of the
parse and the article's actor index, say which political actors the phrase it heads names
("Chinese and Russian warships", "the head of Argentina's labour federation", "its prosecutor"),
whom a non-actor phrase belongs to ("Russia's proposal", "sanctions on Russia"), and who the
subject of a verb is (through passives, control verbs, coordination and relative clauses).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyads.events import syntax
from dyads.events.lexicon import Lexicon
from dyads.records import Actor

if TYPE_CHECKING:
    from dyads.actors import ActorIndex, Mention

# Kinds of mention that are not political actors (used for attribution only).
NON_ACTOR_KINDS = frozenset({"media", "document", "place"})
SUBJECTS = syntax.SUBJ | syntax.PASSIVE_SUBJ | {"agent"}
INDEFINITE = frozenset({"a", "an", "some", "any", "another", "several", "many"})
# "a NATO ally", "an EU member": an indefinite role noun names no one in particular.
GENERIC_HEADS = frozenset(
    {"ally", "member", "partner", "neighbour", "neighbor", "country", "nation"}
)
# Organs of a state: as a recipient of its own state's act they are no one else.
STATE_ORGANS = frozenset({None, "GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "around"})
VENUE_PREPS = frozenset({"in", "at", "inside", "outside", "near"})
PARTICIPATION_PREPS = frozenset(
    {"after", "following", "during", "before", "from", "at", "for", "since", "ahead", "amid"}
)
OWNER_PREPS = (
    "of",
    "on",
    "against",
    "by",
    "for",
    "to",
    "with",
    "from",
    "between",
    "across",
    "in",
    "throughout",
    "into",
    "near",
    "inside",
    "as",
)
# A quantity noun passes its "of" phrase on: "a package of sanctions", "30% of the stations".
QUANTITY_HEADS = frozenset(
    {
        "package",
        "round",
        "day",
        "days",
        "week",
        "weeks",
        "night",
        "nights",
        "set",
        "wave",
        "series",
        "raft",
        "batch",
        "string",
        "spate",
        "barrage",
        "volley",
        "salvo",
        "%",
        "percent",
        "part",
        "most",
        "some",
        "dozen",
        "dozens",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "number",
        "group",
        "convoy",
        "shipment",
    }
)
# Role nouns whose "of" phrase names the actor: "the head of X", "representatives of X".
ROLE_PREPS = ("of", "for", "from", "in")


SPEAKER_PRONOUNS = frozenset({"they", "it", "we", "i", "he", "she"})
REPORTING_LEMMAS = frozenset({"say", "tell", "announce", "state", "add", "confirm", "insist"})


def _reporting_subject(pronoun: Token) -> Token | None:
    """The subject of the reporting verb whose complement clause ``pronoun`` is the subject of."""
    clause = pronoun.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in REPORTING_LEMMAS:
        return None
    return next((c for c in clause.head.children if c.dep_ == "nsubj"), None)


def unique(actors: Iterable[Actor]) -> list[Actor]:
    """Actors in order, each code once."""
    seen: set[str] = set()
    out: list[Actor] = []
    for a in actors:
        if a.code not in seen:
            seen.add(a.code)
            out.append(a)
    return out


class PhraseActors:
    """Find the actors that phrases of one parsed article denote."""

    def __init__(self, lexicon: Lexicon, index: ActorIndex) -> None:
        self.lexicon = lexicon
        self.index = index

    # ----------------------------------------------------------- mentions
    def mention(self, tok: Token) -> Mention | None:
        """The political-actor mention covering ``tok``, if any."""
        m = self.index.at(tok.i)
        if m is not None and m.kind == "media" and m.actors and tok.dep_ not in SUBJECTS:
            # An outlet or its staff is a party when acted on ("detained Wall Street Journal
            # reporter X", "suspended the broadcaster France 24"); as a subject it is a source.
            return m
        if m is None or m.kind in NON_ACTOR_KINDS or not m.actors:
            return None
        if m.kind == "capital" and tok.dep_ == "pobj" and tok.head.lower_ in VENUE_PREPS:
            return None  # "talks in Vienna": the capital is where, not who
        return m

    def _listed_owners(self, tok: Token, m: Mention) -> list[Actor]:
        """ "The foreign ministers of Australia, India and Japan": every listed country, each
        with the role's sector."""
        out: list[Actor] = []
        sector = next((a.sector for a in m.actors if a.sector), None)
        for p, o in syntax.preps(tok):
            if p != "of":
                continue
            for conj in o.conjuncts:
                other = self.mention(conj)
                if other is None or other is m:
                    continue
                for a in other.actors:
                    if a.country and sector and a.sector is None:
                        a = dataclasses.replace(a, code=a.country + sector, sector=sector)
                    out.append(a)
        return out

    def _owned(self, tok: Token, m: Mention) -> list[Actor]:
        """A sector with no country takes its possessor's code: "its prosecutor" after the ICC,
        "the union's leaders"."""
        if all(
            a.country is None and not a.code.startswith(("IGO", "NGO", "IMG")) for a in m.actors
        ):
            for c in tok.children:
                if c.dep_ == "poss":
                    owner = self.mention(c)
                    if owner is not None and owner is not m:
                        return list(owner.actors)
        return list(m.actors)

    def _generic(self, tok: Token, m: Mention) -> bool:
        if tok.pos_ == "PROPN" or m.kind in ("pronoun", "person", "country", "capital", "igo"):
            return False
        if tok.lemma_.lower() not in GENERIC_HEADS:
            return False
        return any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in tok.children)

    def actors_at(self, tok: Token, *, owner: bool = False, role: bool = False) -> list[Actor]:
        """Actors denoted by the phrase headed by ``tok``, with conjuncts and appositives.

        ``owner``: a non-actor phrase yields its possessor ("its territorial integrity",
        "Russia's proposal", "sanctions on Russia"). ``role``: a role noun yields the body it
        belongs to ("the head of Argentina's labour federation", "fighters of the RSF").
        """
        out: list[Actor] = []
        for t in syntax.conjuncts(tok):
            if t.lower_ in syntax.RELATIVE and t.dep_ in syntax.SUBJ | syntax.PASSIVE_SUBJ:
                if t.head.dep_ == "relcl":
                    t = t.head.head
            elif t.lower_ == "whose" and t.head.head.dep_ == "relcl":
                t = t.head.head.head  # "French troops, whose aircraft have been bombing"
            m = self.mention(t)
            if m is None:
                for ap in syntax.children(t, "appos"):
                    m = self.mention(ap)
                    if m is not None:
                        break
            if m is not None:
                if not self._generic(t, m):
                    out.extend(self._owned(t, m))
                    out.extend(self._listed_owners(t, m))
                    # "Chinese and Russian warships": the other modifier is a second actor
                    for pm in premodifiers(t):
                        other = self.mention(pm)
                        if other is not None and other is not m and other.kind != "pronoun":
                            out.extend(other.actors)
                continue
            if owner:
                out.extend(self.owner(t))
            elif role:
                out.extend(self._role_owner(t))
        return unique(out)

    def owner(
        self, tok: Token, exclude: frozenset[str] = frozenset(), depth: int = 0
    ) -> list[Actor]:
        """The actor a non-actor phrase belongs to or concerns.

        ``exclude`` holds codes not wanted (the event's own actor as a bare country: in
        "regrets for Belgium's colonial rule in Congo" the recipient is Congo, not Belgium).
        """

        def keep(found: list[Actor]) -> list[Actor]:
            # "suspended its participation": the actor's own state, by any organ, is no owner;
            # nor is a country that only names a border ("a patrol in a district bordering
            # Pakistan")
            return [
                a
                for a in found
                if a.code not in exclude
                and not (a.country in exclude and a.sector in STATE_ORGANS)
                and not self.index.border_actor(a)
            ]

        if tok.lemma_.lower() in GENERIC_HEADS and any(
            c.dep_ == "det" and c.lower_ in INDEFINITE for c in tok.children
        ):
            return []  # "a NATO ally" belongs to no one in particular

        for c in tok.children:
            if c.dep_ == "poss":
                found = keep(self.actors_at(c))
                if found:
                    return _people(found) if self.lexicon.in_class(tok.lemma_, "victims") else found
        for t in premodifiers(tok):  # "U.S. basketball star Brittney Griner"
            m = self.mention(t)
            if m is not None and keep(list(m.actors)):
                return keep(list(m.actors))
        # The agent of an act named by a noun is the one it belongs to, before whom it is
        # done to: "protested against the bombing on Yugoslavia by NATO", "plans by Berlusconi".
        for p, o in sorted(syntax.preps(tok), key=lambda po: po[0] != "by"):
            if p in OWNER_PREPS:
                found = keep(self.actors_at(o))
                if not found and depth < 2:
                    found = self.owner(o, exclude, depth + 1)
                if found:
                    return found
        for c in tok.children:  # "positions they seized inside Armenia's border"
            if c.dep_ == "relcl" and depth < 2:
                for p, o in syntax.preps(c):
                    if p in LOCATIVE_PREPS:
                        found = keep(self.actors_at(o)) or self.owner(o, exclude, depth + 1)
                        if found:
                            return found
        for c in tok.children:  # "a deal to repay Britain and the Netherlands"
            if c.dep_ == "acl" and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children):
                obj = syntax.first_child(c, "dobj", "dative")
                found = keep(self.actors_at(obj)) if obj is not None else []
                for p, o in syntax.preps(c):  # "a plan to hand security to Afghan forces"
                    if not found and p in ("to", "with", "against", "on"):
                        found = keep(self.actors_at(o))
                if found:
                    return found
        for c in tok.children:  # "the peace plan unveiled by U.S. President Donald Trump"
            if c.dep_ == "acl":
                found = keep(self.in_prep(c, ("by",)))
                if found:
                    return found
        if tok.pos_ == "VERB" and depth < 2:  # "objections to Finland and Sweden joining NATO"
            for c in tok.children:
                if c.dep_ in ("nsubj", "dobj"):
                    found = keep(self.actors_at(c)) or self.owner(c, exclude, depth + 1)
                    if found:
                        return found
        return []

    def _role_owner(self, tok: Token) -> list[Actor]:
        if tok.pos_ not in ("NOUN", "PROPN") or self.lexicon.in_class(
            tok.lemma_.lower(), "non_agents"
        ):
            return []  # "the Indian Ocean tsunami killed": no actor
        for c in tok.children:
            if c.dep_ == "poss":
                found = self.actors_at(c)
                if found:
                    return found
        found = []  # "Russian strikes", "Iranian and U.S. delegations"
        for t in premodifiers(tok):
            if self.mention(t):
                found.extend(self.actors_at(t))
        if found:
            return unique(found)
        found = self.in_prep(tok, ROLE_PREPS, role=True)
        if found:
            return found
        for c in tok.children:  # "a missile fired by a U.S. drone"
            if c.dep_ == "acl":
                found = self.in_prep(c, ("by",), role=True)
                if found:
                    return found
        return []

    def in_prep(self, tok: Token, preps: Iterable[str], *, role: bool = False) -> list[Actor]:
        """Actors of the first phrase under one of ``preps`` attached to ``tok`` that names any."""
        wanted = frozenset(preps)
        for p, o in syntax.preps(tok):
            if p in wanted:
                found = self.actors_at(o, role=role)
                if found:
                    return found
        return []

    # -------------------------------------------------------------- agent
    def subject_of(self, verb: Token) -> list[Actor]:
        """Actors of the grammatical subject of ``verb`` (see :func:`syntax.subject_tokens`)."""
        # "the treaty banning landmines": a participle's noun is its subject only if it is an
        # actor itself, not through its modifiers.
        role = verb.dep_ != "acl" or self.lexicon.in_class(verb.head.lemma_.lower(), "documents")
        for s in syntax.subject_tokens(verb):
            if s.lower_ in ("each", "both") and verb.dep_ in ("advcl", "conj") and not s.n_rights:
                # "Israel and Hezbollah traded fire, each accusing the other": the sides
                return self.subject_of(verb.head)
            found = self.actors_at(s, role=role)
            if found:
                return found
            if s.lower_ in SPEAKER_PRONOUNS and self.mention(s) is None:
                # "Indonesian police said they were investigating ...": an unresolved pronoun
                # in reported speech is the speaker.
                speaker = _reporting_subject(s)
                if speaker is not None:
                    return self.actors_at(speaker, role=True)
        return []


def _people(found: list[Actor]) -> list[Actor]:
    """ "The country's Aboriginal people": the people of a state, not the state."""
    return [
        dataclasses.replace(a, code=a.code + "CVL", sector="CVL")
        if a.country and a.code == a.country
        else a
        for a in found
    ]


def name_start(tok: Token) -> int:
    """The first token of the proper name headed by ``tok`` ("Nagorno - Karabakh")."""
    i = tok.i
    while i > 0 and tok.doc[i - 1].dep_ == "compound" and tok.doc[i - 1].head.i == tok.i:
        i -= 1
    return i


def doc_token(tok: Token, m: Mention) -> Token:
    """The head token of a mention (so that conjuncts of the head are followed)."""
    return tok.doc[m.head]


def other_parties(found: Iterable[Actor], actors: Iterable[Actor]) -> list[Actor]:
    """Drop from ``found`` the actor itself and its own state's organs.

    "Venezuela's attorney general threatened to arrest opposition leaders" keeps VENOPP;
    "Britain would be ready to put troops in Ukraine" drops Britain's own troops.
    """
    own = {a.code for a in actors}
    own_countries = {a.country for a in actors if a.country}
    out = []
    for a in found:
        if a.code in own:
            continue
        if (
            a.country is None
            and a.sector in STATE_ORGANS
            and not a.code.startswith(("IGO", "NGO", "IMG", "MNC"))
        ):
            continue  # a state organ with no country ("troops"): most likely the actor's own
        if a.country in own_countries and a.sector in STATE_ORGANS:
            continue
        out.append(a)
    return out


def premodifiers(tok: Token) -> list[Token]:
    """Modifier words before a noun, nearest first ("U.S. basketball star Brittney Griner")."""
    mods = ("amod", "compound", "nmod")
    out = [t for c in tok.lefts if c.dep_ in mods for t in c.subtree]
    # "Ukrainian and Russian delegations": the second modifier is a conjunct of the first
    return [
        t
        for t in sorted(out, key=lambda t: -t.i)
        if t.dep_ in mods or (t.dep_ == "conj" and t.head.dep_ in mods)
    ]


def phrase_heads(tok: Token) -> list[Token]:
    """A noun, its conjuncts and the nouns of its of-phrases ("a batch of shells to Ukraine")."""
    out = [tok]
    for t in list(out):
        out.extend(c for c in t.conjuncts if c.i != t.i)
    for t in list(out):
        for p, o in syntax.preps(t):
            if p == "of":
                out.append(o)
                out.extend(c for c in o.conjuncts if c.i != o.i)
    return out
