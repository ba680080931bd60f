"""Who did it and to whom: the actor and recipient of a trigger, from parse + actor index."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyads.actors.hyphens import country_of_place_at
from dyads.events import syntax
from dyads.events.lexicon import Lexicon, Rule
from dyads.records import Actor

if TYPE_CHECKING:
    from dyads.actors import ActorIndex, Mention

# Events whose recipient may be a place's country ("arrived in Kharkiv", "deployed to Crimea").
PLACE_RECIPIENTS = frozenset({"AID", "MOBILIZE"})
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


SPEAKER_PRONOUNS = frozenset({"they", "it", "we", "he", "she"})
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


class Arguments:
    """Find actors and recipients of triggers in one parsed article."""

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
            # "suspended its participation": the actor's own state, by any organ, is no owner
            return [
                a
                for a in found
                if a.code not in exclude and not (a.country in exclude and a.sector in STATE_ORGANS)
            ]

        if tok.lemma_.lower() in GENERIC_HEADS and any(
            c.dep_ == "det" and c.lower_ in INDEFINITE for c in tok.children
        ):
            return []  # "a NATO ally" belongs to no one in particular

        for c in tok.children:
            if c.dep_ == "poss":
                found = keep(self.actors_at(c))
                if found:
                    return found
        for t in premodifiers(tok):  # "U.S. basketball star Brittney Griner"
            m = self.mention(t)
            if m is not None and keep(list(m.actors)):
                return keep(list(m.actors))
        for p, o in syntax.preps(tok):
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
        for c in tok.children:  # "the peace plan unveiled by U.S. President Donald Trump"
            if c.dep_ == "acl":
                for p, o in syntax.preps(c):
                    if p == "by":
                        found = keep(self.actors_at(o))
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
        for p, o in syntax.preps(tok):
            if p in ROLE_PREPS:
                found = self.actors_at(o, role=True)
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

    def agent(self, trigger: Token, rule: Rule) -> list[Actor]:
        """The actor of the event stated by ``trigger`` under ``rule``."""
        if rule.pos == "verb":
            if rule.swap:
                obj = syntax.direct_object(trigger)
                return self.actors_at(obj) if obj is not None else []
            return self.subject_of(trigger)
        if rule.pos == "adj":
            return self._adjective_agent(trigger)
        return self._noun_agent(trigger, rule)

    def _judged(self, adj: Token) -> Token | None:
        """The verb of judgement an adjective completes ("found him guilty"), if any."""
        head = adj.head
        if adj.dep_ in ("oprd", "ccomp", "xcomp", "acomp") and head.lemma_.lower() in (
            self.lexicon.judgement_verbs
        ):
            return head
        return None

    def _adjective_agent(self, adj: Token) -> list[Actor]:
        head = adj.head
        judge = self._judged(adj)
        if adj.dep_ == "oprd" or judge is not None:  # "called the move outrageous"
            return self.subject_of(head)
        if (
            adj.dep_ == "amod"
            and head.dep_ in ("dobj", "obj")
            and head.head.lemma_.lower() in self.lexicon.judgement_verbs
        ):
            return self.subject_of(head.head)
        if adj.dep_ in ("acomp", "ROOT", "conj", "ccomp", "xcomp"):
            subj = syntax.first_child(adj, "nsubj") or (
                syntax.first_child(head, "nsubj") if head.i != adj.i else None
            )
            if subj is not None:
                return self.actors_at(subj, role=True)
            if adj.dep_ in ("acomp", "conj") and head.i != adj.i:
                return self.subject_of(head)
        return []

    def own_actor(self, noun: Token) -> list[Actor]:
        """Actors a nominal trigger names itself: possessor, nationality adjective, by-phrase."""
        for c in noun.children:
            if c.dep_ == "poss":
                found = self.actors_at(c, role=True)
                if found:
                    return found
        for t in premodifiers(noun):  # "Russian missile strike", "a U.S. drone attack"
            if self.mention(t):
                return self.actors_at(t)
        for p, o in syntax.preps(noun):
            if p == "by":
                found = self.actors_at(o, role=True)
                if found:
                    return found
        return []

    def governor(self, noun: Token) -> Token | None:
        """The verb a nominal trigger is the object of ("held talks", "took part in talks")."""
        if noun.dep_ in ("dobj", "obj", "attr", "nsubjpass"):
            return noun.head if noun.head.pos_ in ("VERB", "AUX") else None
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            v = noun.head.head
            if v.pos_ == "VERB" and noun.head.lower_ in ("in", "into", "on", "under"):
                return v  # "took part in talks", "went on strike", "placed X under arrest"
        if noun.dep_ == "conj":
            return self.governor(noun.head)
        if (
            noun.dep_ == "pobj"
            and noun.head.lower_ == "of"
            and noun.head.head.lower_ in QUANTITY_HEADS
        ):
            return self.governor(noun.head.head)
        return None

    def between(self, noun: Token) -> list[Actor]:
        """Parties named in a between-phrase ("a truce between Israel and Hamas")."""
        for p, o in syntax.preps(noun):
            if p == "between":
                found = self.actors_at(o)
                if len(found) >= 2:
                    return found
        return []

    def claimant(self, noun: Token) -> list[Actor]:
        """Who claimed an attack: "the bombing, which was claimed by X", "X claimed
        responsibility for the bombing" (the claimant is the attack's actor)."""
        # The relative clause may hang on the last noun of the phrase: "the attack on a concert
        # hall near Moscow, which was claimed by Islamic State".
        for t in noun.subtree:
            if t.dep_ not in ("relcl", "acl"):
                continue
            forms = set(syntax.lemma_forms(t))
            if "claim" in forms and (t.head.i == noun.i or t.head.i > noun.i):
                for p, o in syntax.preps(t):
                    if p == "by":
                        return self.actors_at(o)
            if "blame" in forms and t.head.i == noun.i:
                # "an attack the government blamed on al-Shabaab": the blamed is the attacker
                for p, o in syntax.preps(t):
                    if p == "on":
                        return self.actors_at(o)
        if noun.dep_ in ("dobj", "obj") and "blame" in syntax.lemma_forms(noun.head):
            for p, o in syntax.preps(noun.head):  # "Kyiv blamed the strike on Moscow"
                if p == "on":
                    found = self.actors_at(o)
                    if found:
                        return found
        if noun.dep_ == "pobj" and noun.head.lower_ == "for":
            resp = noun.head.head
            if resp.lemma_.lower() == "responsibility" and resp.head.pos_ == "VERB":
                if set(syntax.lemma_forms(resp.head)) & {"claim", "accept", "admit", "take"}:
                    return self.subject_of(resp.head)
        return []

    def _culprit(self, noun: Token) -> list[Actor]:
        """The one said to be behind an act: "X was behind the sabotage", "X may have been
        involved in the killing", "X was responsible for the attack"."""
        if noun.dep_ != "pobj":
            return []
        prep, pred = noun.head, noun.head.head
        word, lemma = prep.lower_, pred.lemma_.lower()
        if pred.dep_ == "acomp":  # "was responsible for", "was complicit in"
            pred = pred.head
        culprit = (
            (word == "behind" and lemma == "be")
            or (word == "in" and lemma in ("involve", "implicate", "complicit"))
            or (word == "for" and lemma in ("responsible", "blame"))
        )
        subj = syntax.first_child(pred, "nsubj", "nsubjpass") if culprit else None
        return self.actors_at(subj, role=True) if subj is not None else []

    def _noun_agent(self, noun: Token, rule: Rule) -> list[Actor]:
        found = self.own_actor(noun)
        if found:
            return found
        if rule.event == "ASSAULT":
            found = self.claimant(noun)
            if found:
                return found
        found = self._culprit(noun)
        if found:
            return found
        if rule.symmetric:
            # "a ceasefire between Israel and Hezbollah", "clashes between police and rebels"
            found = self.between(noun)
            if found:
                return found
        if rule.event == "CONSULT":
            # "a summit of EU leaders": the participants are named in the noun's of-phrase
            for p, o in syntax.preps(noun):
                if p == "of":
                    found = self.actors_at(o, role=True)
                    if found:
                        return found
        if (
            (rule.event == "CONSULT" or (rule.symmetric and rule.event == "COOPERATE"))
            and noun.dep_ == "pobj"
            and (
                noun.head.lower_ in PARTICIPATION_PREPS
                # "dismantled a network in a joint operation": the subject took part
                or (noun.head.lower_ == "in" and rule.event == "COOPERATE")
            )
        ):
            # "Following talks with X, Y said", "returned from a meeting with X", "during a
            # visit to Kinshasa": the subject of the clause took part.
            head = noun.head.head
            if head.pos_ in ("VERB", "AUX"):
                found = self.subject_of(head)
                if found:
                    return found
        gov = self.governor(noun)
        # Only a light verb lends its subject ("Russia launched an attack"); after "reported
        # an attack" or "discussed the attack" the subject is not the attacker.
        forms = set(syntax.lemma_forms(gov)) if gov is not None else set()
        if gov is not None and (
            forms & self.lexicon.light_verbs
            or (rule.governor is not None and forms & rule.governor)
        ):
            return self.subject_of(gov)
        return []

    # ---------------------------------------------------------- recipient
    def recipient(self, trigger: Token, rule: Rule, actors: list[Actor]) -> list[Actor]:
        """The recipient: the rule's slots in order, then the object's owner."""
        light = self.governor(trigger) if rule.pos == "noun" else None
        obj = syntax.direct_object(trigger) if rule.pos == "verb" else None
        if rule.pos == "adj" and self._judged(trigger) is not None:
            # "found former President Trump guilty": the one judged is the recipient
            judged = syntax.first_child(trigger, "nsubj") or syntax.direct_object(trigger.head)
            found = self.actors_at(judged) if judged is not None else []
            if not found and judged is not None:
                # "found U.S. journalist Evan Gershkovich guilty": an unlisted person's country
                found = self.owner(judged, frozenset(a.code for a in actors))
            return [a for a in found if a not in actors]
        if (
            rule.pos == "adj"
            and trigger.dep_ in ("oprd", "amod")
            and trigger.head.pos_ in ("VERB", "NOUN")
        ):
            verb = trigger.head if trigger.dep_ == "oprd" else trigger.head.head
            obj = syntax.direct_object(verb) if verb.pos_ == "VERB" else None  # "found X guilty"
            if obj is not None and obj.i == trigger.head.i and trigger.dep_ == "amod":
                obj = None  # "called the move outrageous": the move is no recipient
        if rule.swap:
            return self.subject_of(trigger)
        # A state does not act on itself; a rebel group or a union does act on its own country.
        exclude = frozenset(
            a.country for a in actors if a.country and a.sector in STATE_ORGANS
        ) | frozenset(a.code for a in actors)
        for slot in rule.recipient:
            toks: list[Token] = []
            owner = False
            if slot == "dobj":
                toks = [obj] if obj is not None else []
            elif slot == "iobj":
                o = syntax.indirect_object(trigger)
                toks = [o] if o is not None else []
            elif slot == "object_owner":
                toks, owner = ([obj] if obj is not None else []), True
            elif slot == "poss":
                toks = syntax.children(trigger, "poss")
            elif slot == "clause_subject":
                for c in trigger.children:
                    if c.dep_ in ("ccomp", "xcomp"):
                        toks.extend(syntax.children(c, "nsubj", "nsubjpass"))
            elif slot.startswith("prep:"):
                p = slot[5:]
                toks = syntax.prep_objects(trigger, p)
                if not toks and obj is not None:  # "normalise relations with Israel"
                    toks = [o for t in phrase_heads(obj) for o in syntax.prep_objects(t, p)]
                if not toks and light is not None:  # "imposed sanctions on Russia"
                    toks = syntax.prep_objects(light, p)
                owner = True
            for t in toks:
                found = [a for a in self.actors_at(t) if a.code not in exclude]
                if not found and owner:
                    found = self.owner(t, exclude)
                if found:
                    return found
        if rule.mode == "visit" or (rule.event in PLACE_RECIPIENTS and rule.pos == "verb"):
            # "visited Xinjiang", "troops arrived in Kharkiv": a place names its country
            for t in self._place_slots(trigger, rule, obj):
                cc = country_of_place_at(t.doc, _name_start(t))
                if cc and cc not in exclude:
                    return [Actor(cc, cc, None, None, t.text, t.idx, t.idx + len(t.text))]
        if rule.pos in ("verb", "adj") and obj is not None and rule.recipient:
            if rule.pos == "adj":
                found = [a for a in self.actors_at(obj) if a.code not in exclude]
                if found:
                    return found
            return other_parties(self.owner(obj, exclude), actors)
        return []

    def _place_slots(self, trigger: Token, rule: Rule, obj: Token | None) -> list[Token]:
        out: list[Token] = []
        for slot in rule.recipient:
            if slot == "dobj" and obj is not None:
                out.append(obj)
            elif slot.startswith("prep:") or slot in ("to", "in"):
                out.extend(syntax.prep_objects(trigger, slot.removeprefix("prep:")))
        return [t for t in out if t.pos_ == "PROPN" and t.ent_type_ in ("GPE", "LOC", "")]

    def content_recipient(self, trigger: Token, actors: list[Actor]) -> list[Actor]:
        """The first actor named inside the trigger's complement ("threatened to impose
        sanctions on the ICC", "offered to mediate between A and B", "refused to meet X",
        "demanded that Milei withdraw")."""
        fallback: list[Actor] = []
        for c in trigger.children:
            to_clause = c.dep_ == "advcl" and any(
                x.dep_ == "aux" and x.lower_ == "to" for x in c.children
            )
            if (
                c.dep_ not in ("xcomp", "ccomp", "acl")
                and not to_clause
                and not (c.dep_ == "prep" and trigger.pos_ == "ADJ")
            ):
                continue
            for t in c.subtree:
                if t.i == trigger.i or (
                    t.dep_ in syntax.SUBJ and t.head.i == c.i and c.dep_ in ("xcomp", "advcl")
                ):
                    continue  # the content clause's own subject ("help Pakistan rebuild" stays)
                m = self.mention(t)
                if m is None or m.kind == "pronoun" or _topic_of_noun(t):
                    continue
                if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPS and m.kind == "capital":
                    continue  # "at their summit in Geneva": a venue, not a party
                found = other_parties(self.actors_at(doc_token(t, m)), actors)
                if any(a.country or a.code.startswith(("IGO", "NGO", "IMG")) for a in found):
                    return found  # a named state or body
                fallback = fallback or found  # "migrants", "protesters": only if nothing better
        return fallback


TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})


# Nouns whose "on"/"over" phrase says what they are about ("data on ...", "talks over ...");
# for other nouns it may name the target ("sanctions on Syria", "an attack on Kyiv").
TOPIC_NOUNS = frozenset(
    {
        "data", "information", "intelligence", "report", "statement", "agreement", "deal",
        "accord", "law", "bill", "resolution", "dispute", "row", "comment", "remark", "position",
        "stance", "view", "decision", "ruling", "concern", "question", "talk", "negotiation",
        "meeting", "summit", "consultation", "dialogue", "discussion", "conference", "debate",
        "vote", "referendum", "study", "research", "cooperation", "framework", "treaty",
    }
)  # fmt: skip


def _topic_of_noun(tok: Token) -> bool:
    """Whether ``tok`` sits in a topic phrase of a noun ("data on North Korean launches",
    "talks about Ukraine"): what the content is about, not whom it is for."""
    for a in (tok, *tok.ancestors):
        if a.dep_ == "pobj" and a.head.head.pos_ == "NOUN":
            prep, noun = a.head.lower_, a.head.head
            if prep in ("about", "regarding", "concerning") or (
                prep in TOPIC_PREPS and {noun.lemma_.lower(), noun.lower_} & TOPIC_NOUNS
            ):
                return True
        if a.pos_ == "VERB":
            return False
    return False


def _name_start(tok: Token) -> int:
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
