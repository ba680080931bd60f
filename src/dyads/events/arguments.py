"""Who did it and to whom: the actor and recipient of a trigger, from parse + actor index."""

from __future__ import annotations

from spacy.tokens import Token

from dyads.actors.hyphens import country_of_place_at
from dyads.events import syntax
from dyads.events.lexicon import Rule
from dyads.events.phrases import (
    LOCATIVE_PREPS,
    PARTICIPATION_PREPS,
    QUANTITY_HEADS,
    STATE_ORGANS,
    PhraseActors,
    doc_token,
    name_start,
    other_parties,
    phrase_heads,
    premodifiers,
)
from dyads.records import Actor

__all__ = ["Arguments", "other_parties"]


def _another_person(a: Actor, actors: list[Actor]) -> bool:
    """Whether ``a`` is a named person other than every actor ("Obama endorsed Biden": two
    former officials share the code USAELI but are two people)."""
    return a.name is not None and all(x.name is not None and x.name != a.name for x in actors)


# Events whose recipient may be a place's country ("arrived in Kharkiv", "deployed to Crimea").
PLACE_RECIPIENTS = frozenset({"AID", "MOBILIZE"})
# Verbal acts one organ of a state addresses to another (the legislature to the executive).
CROSS_ORGAN = frozenset({"SUPPORT", "ACCUSE", "REJECT", "REQUEST", "THREATEN"})
# Verbs linking a judged thing to its verdict: "the sale proved a fiasco", "remains illegal".
VERDICT_COPULAS = frozenset({"be", "remain", "seem", "prove", "become", "appear", "look"})


class Arguments(PhraseActors):
    """Find actors and recipients of triggers in one parsed article."""

    def agent(self, trigger: Token, rule: Rule) -> list[Actor]:
        """The actor of the event stated by ``trigger`` under ``rule``."""
        if rule.pos == "verb":
            if rule.swap:
                obj = syntax.direct_object(trigger)
                return self.actors_at(obj) if obj is not None else []
            found = self.subject_of(trigger)
            if not found and rule.event == "MOBILIZE" and syntax.is_passive(trigger):
                # "the army was deployed in Cairo": forces deployed with no agent named are
                # their own state's deployment
                moved = syntax.first_child(trigger, "nsubjpass")
                found = self.actors_at(moved, role=True) if moved is not None else []
            return found
        if rule.pos == "adj":
            return self._adjective_agent(trigger, rule.judged)
        return self._noun_agent(trigger, rule)

    def judged(self, adj: Token) -> Token | None:
        """The verb of judgement an adjective completes ("found him guilty"), if any."""
        head = adj.head
        if adj.dep_ in ("oprd", "ccomp", "xcomp", "acomp") and head.lemma_.lower() in (
            self.lexicon.judgement_verbs
        ):
            return head
        return None

    def reported_verdict(self, adj: Token) -> Token | None:
        """The speech verb whose reported clause has ``adj`` as its verdict, if any: the
        predicate ("Russia said the sanctions were illegal" -> said), a predicate noun ("said
        the sale proved a complete fiasco"), or a word qualifying one ("said Lord Scarman was
        one of the great advocates of his generation")."""
        cop = self.verdict_copula(adj)
        if (
            cop is not None
            and cop.dep_ == "ccomp"
            and cop.head.lemma_.lower() in self.lexicon.verdict_speech_verbs
            and syntax.first_child(cop, "nsubj") is not None
        ):
            return cop.head
        return None

    @staticmethod
    def verdict_copula(tok: Token) -> Token | None:
        """The copula whose predicate ``tok`` is or qualifies ("were illegal", "proved a
        fiasco", "was a humane judge", "was one of the great advocates"), if any."""
        if tok.dep_ == "amod" and tok.head.pos_ == "NOUN":
            noun = tok.head
            if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
                noun = noun.head.head  # "one of the great advocates"
            tok = noun
        if tok.dep_ not in ("acomp", "attr"):
            return None
        cop = tok.head
        return cop if cop.lemma_.lower() in VERDICT_COPULAS else None

    def _adjective_agent(self, adj: Token, verdict: bool = False) -> list[Actor]:
        speech = self.reported_verdict(adj) if verdict else None
        if speech is not None:  # "Russia said the sanctions were illegal"
            return self.subject_of(speech)
        head = adj.head
        judge = self.judged(adj)
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
        statement = self.lexicon.in_class(noun.lemma_.lower(), "statements")
        for p, o in syntax.preps(noun):
            if p == "by" or (p == "from" and statement):  # "a warning from Washington"
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
            if v.pos_ == "VERB" and noun.head.lower_ in ("in", "into", "on", "under", "to"):
                # "took part in talks", "went on strike", "placed X under arrest", "took to
                # the streets"
                return v
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
        if rule.judged:
            # "said the sale proved a fiasco", "called the plan a sham": the judge speaks
            speech = self.reported_verdict(noun) or self.judged(noun)
            return self.subject_of(speech) if speech is not None else []
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
            found = self.in_prep(noun, ("of",), role=True)
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
        if rule.judged and self.reported_verdict(trigger) is not None:
            # "Russia said the sanctions were illegal": the one judged is the clause's subject,
            # or its owner ("said Iran's plan was dangerous")
            cop = self.verdict_copula(trigger)
            judged = syntax.first_child(cop, "nsubj") if cop is not None else None
            found = self.actors_at(judged) if judged is not None else []
            if not found and judged is not None:
                found = self.owner(judged, frozenset(a.code for a in actors))
            return [a for a in found if a not in actors]
        if rule.pos == "adj" and self.judged(trigger) is not None:
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
        # Backing or criticising is addressed across the organs of one state too ("the U.S.
        # Senate backed President Reagan's strike"), so there only the state named as a whole
        # and the actors' own codes are excluded.
        own = [a for a in actors if a.sector is None] if rule.event in CROSS_ORGAN else actors
        exclude = frozenset(
            a.country for a in own if a.country and a.sector in STATE_ORGANS
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
                if not toks and obj is not None and obj.head.i != trigger.i:
                    # an object recovered from a misparsed clause: its verb holds the preps
                    toks = syntax.prep_objects(obj.head, p)
                if not toks and light is not None:  # "imposed sanctions on Russia"
                    toks = syntax.prep_objects(light, p)
                if not toks and rule.pos == "noun":
                    # "sanctions announced last week against Japanese chips": the noun's
                    # participle holds the phrase
                    toks = [
                        o
                        for a in trigger.children
                        if a.dep_ == "acl" and a.tag_ in ("VBN", "VBD")  # VBD: a misparse
                        for o in syntax.prep_objects(a, p)
                    ]
                owner = True
            for t in toks:
                found = [
                    a
                    for a in self.actors_at(t)
                    if a.code not in exclude or _another_person(a, actors)
                ]
                if not found and owner:
                    found = self.owner(t, exclude)
                if found:
                    return found
        if rule.mode == "visit" or (rule.event in PLACE_RECIPIENTS and rule.pos == "verb"):
            # "visited Xinjiang", "troops arrived in Kharkiv": a place names its country
            for t in self._place_slots(trigger, rule, obj):
                cc = country_of_place_at(t.doc, name_start(t))
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
