"""The event coder: trigger words + dependency parse + resolved actors -> candidate events.

One sentence at a time, every token that the lexicon knows is tried as a trigger. A rule fires
when its constraints hold (object class, particle, preposition, modifier); the actor comes from
the grammatical subject (through passives, control verbs, coordination, relative clauses), the
recipient from the rule's slots. Events without a political actor are dropped: precision over
volume, since rule coders are known to over-generate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

if TYPE_CHECKING:
    from dyads.actors import ActorIndex, Mention
from dyads.events import syntax
from dyads.events.lexicon import Lexicon, Rule, load_lexicon
from dyads.events.modality import attribution, modality_of
from dyads.records import Actor

# Kinds of mention that are not political actors (used for attribution only).
NON_ACTOR_KINDS = frozenset({"media", "document", "place"})
INDEFINITE = frozenset({"a", "an", "some", "any", "another", "several", "many"})
ANAPHORIC_DET = frozenset({"the", "this", "that", "these", "those", "such"})


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


def _coarse_pos(tok: Token) -> str | None:
    if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
        return "verb"
    if tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.tag_ in ("NN", "NNS")):
        return "noun"
    if tok.pos_ == "ADJ":
        return "adj"
    return None


class EventCoder:
    """Code events in a parsed article, given its resolved actors."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()

    # ----------------------------------------------------------------- actors
    def _mention(self, tok: Token, index: ActorIndex) -> Mention | None:
        m = index.at(tok.i)
        if m is not None and m.kind not in NON_ACTOR_KINDS and m.actors:
            return m
        return None

    def actors_at(self, tok: Token, index: ActorIndex, *, owner: bool = False) -> list[Actor]:
        """Actors denoted by the phrase headed by ``tok``, with its conjuncts and appositives.

        With ``owner``, a non-actor phrase yields its possessor ("its territorial integrity",
        "Russia's proposal", "the sovereignty of Ukraine", "sanctions on Russia").
        """
        out: list[Actor] = []
        for t in syntax.conjuncts(tok):
            if t.lower_ in syntax.RELATIVE and t.dep_ in syntax.SUBJ | syntax.PASSIVE_SUBJ:
                rel = t.head
                if rel.dep_ == "relcl":
                    t = rel.head
            m = self._mention(t, index)
            if m is None:
                for ap in syntax.children(t, "appos"):
                    m = self._mention(ap, index)
                    if m is not None:
                        break
            if m is None and owner:
                out.extend(self._owner(t, index))
                continue
            if m is None:
                continue
            if self._generic(t, m):
                continue
            out.extend(m.actors)
        return _unique(out)

    def _generic(self, tok: Token, m: Mention) -> bool:
        """'a NATO ally', 'some officials': indefinite common nouns name no specific actor."""
        if tok.pos_ == "PROPN" or m.kind in ("pronoun", "person", "country", "capital", "igo"):
            return False
        return any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in tok.children)

    def _owner(self, tok: Token, index: ActorIndex) -> list[Actor]:
        if any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in tok.children):
            return []
        for c in tok.children:
            if c.dep_ == "poss":
                found = self.actors_at(c, index)
                if found:
                    return found
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod"):
                m = self._mention(c, index)
                if m is not None:
                    return list(m.actors)
        for p, o in syntax.preps(tok):
            if p in ("of", "on", "against", "by", "for", "to", "with", "from"):
                found = self.actors_at(o, index)
                if found:
                    return found
        return []

    # --------------------------------------------------------------- matching
    def _object_lemma(self, trigger: Token) -> Token | None:
        return syntax.direct_object(trigger) if trigger.pos_ in ("VERB", "AUX") else None

    def _rule_holds(self, rule: Rule, trigger: Token) -> bool:
        if rule.particle is not None and not any(
            c.dep_ == "prt" and c.lower_ == rule.particle for c in trigger.children
        ):
            return False
        if rule.prep is not None and not syntax.has_prep(trigger, rule.prep):
            # "call for" may also attach "for" to the object: "called on X for ..."
            if not (rule.pos == "adj" and any(c.dep_ == "xcomp" for c in trigger.children)):
                return False
        if rule.pos == "verb":
            obj = self._object_lemma(trigger)
            olemma = obj.lemma_.lower() if obj is not None else None
            if rule.object is not None and (olemma is None or olemma not in rule.object):
                return False
            if olemma is not None and olemma in rule.object_not:
                return False
            if rule.object_required and obj is None:
                return False
        if rule.governor is not None:
            gov = self._governor(trigger) if rule.pos == "noun" else None
            if gov is None or gov.lemma_.lower() not in rule.governor:
                return False
        if rule.modifier is not None:
            mods = {
                c.lemma_.lower() for c in trigger.children if c.dep_ in ("amod", "compound", "nmod")
            }
            if not mods & rule.modifier:
                return False
        return True

    def _match(self, trigger: Token) -> Rule | None:
        pos = _coarse_pos(trigger)
        if pos is None:
            return None
        for rule in self.lexicon.rules(pos, trigger.lemma_.lower()):
            if self._rule_holds(rule, trigger):
                return rule
        return None

    # ---------------------------------------------------------------- slots
    def _agent(self, trigger: Token, rule: Rule, index: ActorIndex) -> list[Actor]:
        if rule.pos == "verb":
            for s in syntax.subject_tokens(trigger):
                found = self.actors_at(s, index)
                if found:
                    return found
            return []
        if rule.pos == "adj":
            head = trigger.head
            if trigger.dep_ == "oprd":  # "called the move outrageous"
                return self._subject_of_verb(head, index)
            if (
                trigger.dep_ == "amod"
                and head.dep_ in ("dobj", "obj")
                and head.head.lemma_.lower() in self.lexicon.judgement_verbs
            ):
                return self._subject_of_verb(head.head, index)
            if trigger.dep_ in ("acomp", "ROOT", "conj", "ccomp", "xcomp"):
                subj = syntax.first_child(trigger, "nsubj") or (
                    syntax.first_child(head, "nsubj") if head is not trigger else None
                )
                if subj is not None:
                    return self.actors_at(subj, index)
            return []
        # Nouns: possessor, nationality adjective or compound, by-phrase, then the governor.
        for c in trigger.children:
            if c.dep_ == "poss":
                found = self.actors_at(c, index)
                if found:
                    return found
        for c in trigger.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < trigger.i:
                m = self._mention(c, index)
                if m is not None:
                    return list(m.actors)
        for p, o in syntax.preps(trigger):
            if p == "by":
                found = self.actors_at(o, index)
                if found:
                    return found
        gov = self._governor(trigger)
        # Only a light verb lends its subject ("Russia launched an attack"); after "reported
        # an attack" or "discussed the attack" the subject is not the attacker.
        if gov is not None and (
            gov.lemma_.lower() in self.lexicon.light_verbs
            or (rule.governor is not None and gov.lemma_.lower() in rule.governor)
        ):
            return self._subject_of_verb(gov, index)
        return []

    def _own_actor(self, noun: Token, index: ActorIndex) -> bool:
        """Whether a nominal trigger names its own actor (possessor, nationality adjective)."""
        for c in noun.children:
            if c.dep_ == "poss" and self.actors_at(c, index):
                return True
            if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i and self._mention(c, index):
                return True
        return False

    def _subject_of_verb(self, verb: Token, index: ActorIndex) -> list[Actor]:
        for s in syntax.subject_tokens(verb):
            found = self.actors_at(s, index)
            if found:
                return found
        return []

    def _governor(self, noun: Token) -> Token | None:
        """The verb a nominal trigger is the object of ("held talks", "took part in talks")."""
        if noun.dep_ in ("dobj", "obj", "attr", "nsubjpass"):
            return noun.head if noun.head.pos_ in ("VERB", "AUX") else None
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            v = noun.head.head
            if v.pos_ in ("VERB",) and noun.head.lower_ in ("in", "into", "on"):
                return v
        if noun.dep_ == "conj":
            return self._governor(noun.head)
        return None

    def _recipient(self, trigger: Token, rule: Rule, index: ActorIndex) -> list[Actor]:
        light = self._governor(trigger) if rule.pos == "noun" else None
        for slot in rule.recipient:
            toks: list[Token] = []
            owner = False
            if slot == "dobj":
                o = syntax.direct_object(trigger)
                toks = [o] if o is not None else []
            elif slot == "iobj":
                o = syntax.indirect_object(trigger)
                toks = [o] if o is not None else []
            elif slot == "object_owner":
                o = syntax.direct_object(trigger) if rule.pos == "verb" else None
                toks, owner = ([o] if o is not None else []), True
            elif slot == "poss":
                toks = syntax.children(trigger, "poss")
            elif slot.startswith("prep:"):
                p = slot[5:]
                toks = syntax.prep_objects(trigger, p)
                if not toks and light is not None:
                    toks = syntax.prep_objects(light, p)
                owner = True
            for t in toks:
                found = self.actors_at(t, index, owner=owner)
                if found:
                    return found
        return []

    # ----------------------------------------------------------------- coding
    def code_sentence(
        self, sent: Span, sentence_index: int, index: ActorIndex, headline: bool = False
    ) -> list[Candidate]:
        """Code every event stated in one sentence."""
        found: list[Candidate] = []
        fired_verbs: set[int] = set()
        pending_nouns: list[tuple[Token, Rule]] = []
        for tok in sent:
            rule = self._match(tok)
            if rule is None:
                continue
            if rule.event is None:  # a blocking rule: this sense states no event
                if rule.pos == "verb":
                    fired_verbs.add(tok.i)
                continue
            if rule.pos == "noun":
                pending_nouns.append((tok, rule))
                continue
            cand = self._candidate(tok, rule, sent, sentence_index, index, headline)
            if cand is not None:
                found.append(cand)
                fired_verbs.add(tok.i)
        for tok, rule in pending_nouns:
            gov = self._governor(tok)
            # A noun that is the content of a trigger verb ("rejected the talks", "signed an
            # agreement", "visit ... for a meeting") is not a second event, unless it names its
            # own actor ("condemned Russia's invasion").
            under_fired = (gov is not None and gov.i in fired_verbs) or (
                tok.dep_ == "pobj"
                and tok.head.head.i in fired_verbs
                and tok.head.head.pos_ == "VERB"
            )
            if under_fired and not self._own_actor(tok, index):
                continue
            cand = self._candidate(tok, rule, sent, sentence_index, index, headline)
            if cand is not None:
                found.append(cand)
        return found

    def _candidate(
        self,
        tok: Token,
        rule: Rule,
        sent: Span,
        sentence_index: int,
        index: ActorIndex,
        headline: bool,
    ) -> Candidate | None:
        mod = modality_of(tok, headline=headline)
        if mod.ability and mod.value == "asserted":
            return None  # "X can travel to Y": a capability, not an event
        event, cameo = rule.event, rule.cameo
        assert event is not None
        modality = mod.value
        if modality == "negated" and rule.negated is not None:
            event, cameo = rule.negated
            modality = "asserted"
        actors = self._agent(tok, rule, index)
        if not actors:
            return None
        recipients = [r for r in self._recipient(tok, rule, index) if r not in actors]
        actor_countries = {a.code[:3] for a in actors}
        recipients = [
            r for r in recipients if r.code[:3] not in actor_countries or r.code != actors[0].code
        ]
        if rule.needs_recipient and not recipients:
            return None
        signals = {
            "pronoun_actor": any(_is_pronoun(a) for a in actors),
            "no_recipient": not recipients,
            "noun_trigger": rule.pos == "noun",
            "adj_trigger": rule.pos == "adj",
            "headline": headline,
            "deep": tok.dep_ not in ("ROOT", "conj", "xcomp", "ccomp"),
        }
        return Candidate(
            rule=rule,
            event=event,
            cameo=cameo,
            trigger=tok,
            sentence=sent,
            sentence_index=sentence_index,
            actors=actors,
            recipients=recipients,
            modality=modality,
            attributed_to=attribution(tok),
            confidence=0.0,
            signals=signals,
        )

    def code_doc(self, doc: Doc, index: ActorIndex, body_start: int = 0) -> list[Candidate]:
        """Code all sentences of an article; the sentences before ``body_start`` are headline."""
        out: list[Candidate] = []
        for i, sent in enumerate(doc.sents):
            if not sent.text.strip():
                continue
            out.extend(self.code_sentence(sent, i, index, headline=sent.start_char < body_start))
        link_reactions(out, self.lexicon)
        return out


def _is_pronoun(a: Actor) -> bool:
    return a.entity_text.lower() in {
        "he",
        "she",
        "it",
        "they",
        "him",
        "her",
        "them",
        "his",
        "its",
        "their",
        "hers",
    }


def _unique(actors: Iterable[Actor]) -> list[Actor]:
    seen: set[str] = set()
    out: list[Actor] = []
    for a in actors:
        if a.code not in seen:
            seen.add(a.code)
            out.append(a)
    return out


def link_reactions(cands: list[Candidate], lexicon: Lexicon) -> None:
    """Give reaction events ("denied the charge", "called the move outrageous") a recipient.

    When a reaction trigger has no recipient and its object is an anaphoric statement noun
    ("the charge", "the move", "these allegations"), it answers the latest earlier event in the
    previous two sentences by another actor: that actor is the recipient.
    """
    for k, c in enumerate(cands):
        if not c.rule.reaction or c.recipients:
            continue
        if not _anaphoric_object(c.trigger, lexicon):
            continue
        own = {a.code[:3] for a in c.actors}
        for prev in reversed(cands[:k]):
            if c.sentence_index - prev.sentence_index > 2:
                break
            if prev.sentence_index == c.sentence_index and prev.rule.reaction:
                continue
            theirs = [a for a in prev.actors if a.code[:3] not in own]
            if theirs:
                c.recipients = theirs
                c.reacts_to = prev
                c.signals["reaction_link"] = True
                break


def _anaphoric_object(trigger: Token, lexicon: Lexicon) -> bool:
    if trigger.dep_ == "oprd":
        obj = syntax.first_child(trigger.head, "dobj")
    elif trigger.dep_ == "amod":
        obj = trigger.head
    else:
        obj = syntax.direct_object(trigger)
    if obj is None:
        return False
    if not lexicon.in_class(obj.lemma_.lower(), "statement"):
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DET for c in obj.children)
