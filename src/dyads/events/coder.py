"""The event coder: trigger words + dependency parse + resolved actors -> candidate events.

One sentence at a time, every token that the lexicon knows is tried as a trigger. A rule fires
when its constraints hold (object class, particle, preposition, modifier, governor); the actor
comes from the grammatical subject (through passives, control verbs, coordination, relative
clauses), the recipient from the rule's slots (:mod:`dyads.events.arguments`). Events without a
political actor are dropped: precision over volume, since rule coders are known to
over-generate. The content of a speech act ("urged X to release", "threatened to impose
sanctions") is not a second event: it gives the speech act its recipient.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from dyads import __version__
from dyads.events import learned as learned_model
from dyads.events import roles, syntax
from dyads.events.arguments import Arguments
from dyads.events.candidate import Candidate
from dyads.events.checks import (
    _a_verdict,
    _leaves_a_body,
    _light,
    _lynch_mob,
    _ordered,
    _own_clause,
    _protest_setting,
    _reciprocal,
    _same_state,
    _verbal_attack,
    _victims,
    family_crime,
    lone_person,
    not_news,
)
from dyads.events.derived import derived_events
from dyads.events.discourse import absorb_content, link_reactions
from dyads.events.lexicon import Lexicon, Rule, load_lexicon
from dyads.events.modality import attribution, modality_of
from dyads.events.rewrites import rewrite
from dyads.ontology import Ontology

if TYPE_CHECKING:
    from dyads.actors import ActorIndex

EXERCISES = frozenset({"exercise", "drill", "maneuver", "manoeuvre", "game", "wargame"})
CIVILIAN_SECTORS = frozenset({"CVL", "OPP", "LAB", "EDU", "AGR", "HRI"})
PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their"})


def _coarse_pos(tok: Token) -> str | None:
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
        return "verb"
    if syntax.verb_like_noun(tok):
        return "verb"
    if tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.tag_ in ("NN", "NNS")):
        return "noun"
    if tok.pos_ == "ADJ":
        return "adj"
    return None


class EventCoder:
    """Code events in a parsed article, given its resolved actors."""

    def __init__(self, lexicon: Lexicon | None = None, learned: bool = True) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.model = learned_model.load_model() if learned else None
        self.thresholds = learned_model.load_thresholds() if self.model else None
        self.roles = roles.load_role_model() if learned else None
        self.role_thresholds = roles.load_role_thresholds() if self.roles else None
        parts = [f"dyads {__version__}"]
        if self.model is not None:
            parts.append(f"triggers {self.model.version}")
        if self.roles is not None:
            parts.append(f"roles {self.roles.version}")
        self.provenance = "; ".join(parts)
        # the recipient slots a type's rules use most, for events only the model found
        slots: dict[tuple[str, str], Counter[tuple[str, ...]]] = {}
        for r in self.lexicon.all_rules():
            slots.setdefault((str(r.event), r.pos), Counter())[r.recipient] += 1
        self._slots = {k: v.most_common(1)[0][0] for k, v in slots.items()}

    # --------------------------------------------------------------- matching
    def _rule_holds(self, rule: Rule, trigger: Token, args: Arguments) -> bool:
        if rule.particle is not None and not any(
            c.dep_ in ("prt", "prep", "advmod") and c.lower_ == rule.particle
            for c in trigger.children
        ):
            return False
        if rule.prep is not None and not syntax.has_prep(trigger, rule.prep):
            obj = syntax.direct_object(trigger) if rule.pos == "verb" else None
            if rule.prep == "of" and obj is not None and syntax.has_prep(obj, rule.prep):
                pass  # "stripped 94 opponents of their citizenship": the prep hangs on the object
            elif not (rule.pos == "adj" and any(c.dep_ == "xcomp" for c in trigger.children)):
                return False
        if rule.pos == "verb":
            obj = syntax.direct_object(trigger)
            olemma = obj.lemma_.lower() if obj is not None else None
            olemmas = {olemma} if olemma is not None else set()
            if obj is not None and olemma in self.lexicon.classes.get("quantity", frozenset()):
                # "tonnes of emergency supplies", "a batch of artillery shells", "$5 billion
                # in aid": the measured thing counts as the object too
                inner = [o for p, o in syntax.preps(obj) if p in ("of", "in")]
                if inner:
                    olemma = inner[0].lemma_.lower()
                    olemmas.add(olemma)
            if rule.object is not None and not olemmas & rule.object:
                return False
            if olemma is not None and olemma in rule.object_not:
                return False
            if (rule.object_required or rule.object_actor) and obj is None:
                return False
            if rule.object_absent and (
                obj is not None or any(c.dep_ == "ccomp" for c in trigger.children)
            ):
                return False  # "demonstrated that ...", "demonstrated his support": showed
            if rule.object_proper and (obj is None or obj.pos_ != "PROPN"):
                return False
            if rule.adverb is not None and not any(
                c.dep_ == "advmod" and c.lemma_.lower() in rule.adverb for c in trigger.children
            ):
                return False
            if rule.complement is not None and not any(
                c.lemma_.lower() in rule.complement for c in syntax.complements(trigger)
            ):
                return False
            if rule.complement_modal is not None and not any(
                a.dep_ == "aux" and a.lower_ in rule.complement_modal
                for c in trigger.children
                if c.dep_ == "ccomp"
                for a in c.children
            ):
                return False
            if rule.complement_absent and any(
                c.dep_ in ("xcomp", "ccomp") for c in trigger.children
            ):
                return False
            if rule.opinion_clause and not syntax.opinion_clause(trigger):
                return False
            if rule.complement_own and not all(
                _own_clause(c) for c in trigger.children if c.dep_ == "ccomp"
            ):
                return False
            # "Police captured Qadeer": a person no dictionary knows is a person too
            person = rule.object_person and obj is not None and lone_person(obj)
            if (
                (rule.object_actor or rule.object_person)
                and not person
                and (
                    obj is None
                    or not (
                        args.actors_at(obj)
                        # "barred U.S. linguist Noam Chomsky": an unlisted person of a named country
                        or (obj.ent_type_ == "PERSON" and rule.object_actor and args.owner(obj))
                    )
                )
            ):
                return False
            if rule.object_person and not person and obj is not None and obj.ent_type_ != "PERSON":
                return False
            if rule.subject is not None:
                subj = syntax.subject_tokens(trigger)
                if not subj or not self._heads(subj[0]) & rule.subject:
                    return False
        if rule.judged and not _a_verdict(trigger, args, self.lexicon):
            return False
        if rule.governor is not None:
            gov = args.governor(trigger) if rule.pos == "noun" else None
            if gov is None or not set(syntax.lemma_forms(gov)) & rule.governor:
                return False
        if rule.modifier is not None or rule.modifier_not:
            # any word of the pre-modifiers: "joint military exercises", "arrest warrant"
            mods = {t.lemma_.lower() for c in trigger.lefts for t in c.subtree}
            if rule.modifier is not None and not mods & rule.modifier:
                return False
            if mods & rule.modifier_not:
                return False
        return True

    def _heads(self, tok: Token) -> set[str]:
        """A noun's lemma and, for a quantity ("a first batch of helicopters"), the counted
        noun's lemma."""
        out = {tok.lemma_.lower()}
        if tok.lemma_.lower() in self.lexicon.classes.get("quantity", frozenset()):
            out.update(o.lemma_.lower() for p, o in syntax.preps(tok) if p == "of")
        return out

    def _match(self, trigger: Token, args: Arguments) -> Rule | None:
        pos = _coarse_pos(trigger)
        if pos is None:
            return None
        for form in syntax.lemma_forms(trigger):
            rules = self.lexicon.rules(pos, form)
            for rule in rules:
                if self._rule_holds(rule, trigger, args):
                    return rule
            if rules:
                return None  # the word is known; its rules do not hold here
        return None

    # ----------------------------------------------------------------- coding
    def code_sentence(
        self, sent: Span, sentence_index: int, args: Arguments, headline: bool = False
    ) -> list[Candidate]:
        """Code every event stated in one sentence."""
        found: list[Candidate] = []
        fired_verbs: set[int] = set()
        pending_nouns: list[tuple[Token, Rule]] = []
        blocked: set[int] = set()  # words whose sense here states no event
        for tok in sent:
            rule = self._match(tok, args)
            if rule is None:
                continue
            if rule.event is None and rule.negated is None:  # a blocking rule: no event
                blocked.add(tok.i)
                if rule.pos == "verb":
                    fired_verbs.add(tok.i)
                continue
            if rule.pos == "noun":
                pending_nouns.append((tok, rule))
                continue
            cand = self._candidate(tok, rule, sent, sentence_index, args, headline)
            if cand is not None:
                found.append(cand)
                fired_verbs.add(tok.i)
        for tok, rule in pending_nouns:
            gov = args.governor(tok)
            # A noun that is the content of a trigger verb ("rejected the talks", "signed an
            # agreement", "visit ... for a meeting") is not a second event, unless it names its
            # own actor ("condemned Russia's invasion").
            if tok.dep_ == "pobj" and tok.head.dep_ == "agent" and tok.head.head.i in fired_verbs:
                continue  # "was hit by army airstrikes": the agent noun restates the verb's event
            under_fired = (gov is not None and gov.i in fired_verbs) or (
                tok.dep_ == "pobj"
                and tok.head.head.i in fired_verbs
                and tok.head.head.pos_ == "VERB"
                # "agreed at their summit": the summit is where the act happened, an event too
                and not (rule.event == "CONSULT" and tok.head.lower_ in ("at", "during"))
                # "arrested him in a joint operation": the joint operation is an event too
                and not (rule.event == "COOPERATE" and tok.head.lower_ == "in")
            )
            if under_fired:
                own = (
                    args.own_actor(tok)
                    or (args.between(tok) if rule.symmetric else [])
                    or (args.claimant(tok) if rule.event == "ASSAULT" else [])
                )
                verb_actors = {
                    a.country
                    for c in found
                    if c.trigger.i == (gov.i if gov else -1)
                    for a in c.actors
                }
                # "lifted its suspension": the suspension is the lifter's own, not a new event
                own_object = tok.dep_ in ("dobj", "obj") and {a.country for a in own} <= verb_actors
                # "imposed an internet blackout and a curfew": a second object of another kind
                # is a second act of the verb's actor.
                second = tok.dep_ == "conj" and any(
                    c.trigger.i == (gov.i if gov else -1)
                    and (c.event, c.rule.mode) != (rule.event, rule.mode)
                    for c in found
                )
                if (not own or own_object) and not second:
                    continue
            cand = self._candidate(tok, rule, sent, sentence_index, args, headline)
            if cand is not None:
                found.append(cand)
        if self.model is not None and self.thresholds is not None:
            # the model does not add an event where a rule said the sense states none
            # ("captured the gold medal", "released a statement")
            probs = self.model.sentence(sent, self.lexicon)
            found = learned_model.decide(
                found,
                {i: p for i, p in probs.items() if i not in blocked},
                self.thresholds,
                lambda i, t: self._learned_candidate(
                    sent.doc[i], t, sent, sentence_index, args, headline
                ),
                Ontology.default().default_cameo,
                Ontology.default().quad_code,
            )
        found = derived_events(absorb_content(found, args))
        if self.roles is not None and self.role_thresholds is not None:
            # after the discourse steps: a speech act's content has given it its recipient
            for c in found:
                roles.assign(c, args.index, self.roles, self.role_thresholds)
        return found

    def _learned_candidate(
        self,
        tok: Token,
        event: str,
        sent: Span,
        sentence_index: int,
        args: Arguments,
        headline: bool,
    ) -> Candidate | None:
        """An event the model found where no rule fired: the rules' argument finders, with
        the recipient slots the type's rules use most."""
        pos = _coarse_pos(tok) or "verb"
        rule = Rule(
            lemma=tok.lemma_.lower(),
            pos=pos,
            event=event,
            cameo=Ontology.default().default_cameo(event),
            recipient=self._slots.get((event, pos), ("dobj",) if pos == "verb" else ()),
            note="found by the learned trigger model",
        )
        return self._candidate(tok, rule, sent, sentence_index, args, headline, learned=True)

    def _candidate(
        self,
        tok: Token,
        rule: Rule,
        sent: Span,
        sentence_index: int,
        args: Arguments,
        headline: bool,
        learned: bool = False,
    ) -> Candidate | None:
        if rule.pos == "noun" and tok.dep_ in ("compound", "amod"):
            return None  # "missile strikes": the head noun states the event
        if (
            tok.dep_ == "advcl"
            and tok.tag_ == "VBG"
            and self.lexicon.in_class(tok.head.lemma_.lower(), "accident_verbs")
        ):
            return None  # "the Concorde crashed into a hotel, killing 113": an accident's toll
        if rule.pos == "verb" and tok.dep_ == "amod" and not syntax.misparsed_modifier(tok):
            return None  # "the occupied territories", "armed men": a state, not an event
        if (
            rule.pos == "verb"
            and rule.complement_not
            and any(
                c.dep_ == "xcomp" and c.lemma_.lower() in rule.complement_not for c in tok.children
            )
        ):
            return None  # "declined to comment"
        # A nominal event with an actor of its own is not qualified by the clause around it:
        # "India has not condemned Russia's invasion" (the invasion happened).
        local = (
            rule.pos == "noun" and bool(args.own_actor(tok)) and not _light(tok, args, self.lexicon)
        )
        mod = modality_of(tok, headline=headline, local=local)
        if mod.ability and mod.value == "asserted":
            return None  # "X can travel to Y": a capability, not an event
        if mod.requested:
            return None  # "a resolution demanding Russia withdraw": the withdrawal is not an event
        event, cameo = rule.event, rule.cameo
        modality = mod.value
        refusal = False
        if modality == "negated" and rule.negated is not None:
            event, cameo = rule.negated
            modality = "asserted"
            refusal = True
        elif modality == "negated" and learned and event == "REJECT":
            # the model reads a negated act as a refusal ("Israel will not attend"): the
            # refusal is asserted, its negation is what it says
            modality = "asserted"
            refusal = True
        if event is None:
            return None  # a sense that is an event only when refused ("will not serve under")
        if event == "ASSAULT" and family_crime(tok, self.lexicon):
            return None  # "murdered by her mother": a private crime, no political event
        actors = args.agent(tok, rule)
        if not actors and learned and self.roles is not None and self.role_thresholds:
            # an event only the model found: the role model may name its actor; a verb's
            # actor is in its clause, where the model is right at lower odds than for a noun
            # ("the invasion", "the deportation" in a sentence about the ICC are not the
            # ICC's), whose actor is often in another sentence
            th = self.role_thresholds
            cut = th.fallback if rule.pos == "verb" else th.actor
            actors = roles.best_actor(tok, event, args.index, self.roles, cut)
        if not actors:
            return None
        if event == "PROTEST":
            # "Hundreds of thousands of Ukrainians rallied": the people, not the state
            actors = [
                dataclasses.replace(a, code=a.code + "CVL", sector="CVL")
                if a.country and a.code == a.country
                else a
                for a in actors
            ]
        recipients = [r for r in args.recipient(tok, rule, actors) if not _same_state(r, actors)]
        if rule.complement_modal is not None:
            # "said Britain must change direction", "said citizens should be in charge": a
            # speaker's programme for their own country or people, not a demand on a party
            own = {a.country for a in actors if a.country}
            recipients = [
                r for r in recipients if r.sector not in (None, "CVL") or r.country not in own
            ]
        if event == "MOBILIZE":
            # "rebels massed near the Myanmar town of Maungdaw": a place in the actor's own
            # country is where forces gather, not whom they face
            own = {a.country for a in actors if a.country}
            recipients = [r for r in recipients if r.country not in own]
        victim = None
        # (a retreat has victims only as the people it frees: "the resignation of Prime
        # Minister Craxi" names who resigned)
        if (
            not recipients
            and event not in ("CONSULT", "AGREE", "SUPPORT", "MOBILIZE", "PROTEST")
            and (event != "RETREAT" or rule.mode == "release")
        ):
            victim = _victims(tok, rule, self.lexicon)
        # "Biden and Putin spoke"; "Kiev and the rebels blamed each other"
        joint = (rule.symmetric or _reciprocal(tok)) and len(actors) >= 2
        # (a refusal to attend needs no host named: "will not attend")
        if rule.needs_recipient and not recipients and victim is None and not joint and not refusal:
            return None
        applied: list[str] = []  # type rewrites (data/rewrites.yaml) this event went through
        if (
            event == "RETREAT"
            and rule.mode == "withdraw"
            and (
                (recipients and all(r.code.startswith("IGO") for r in recipients))
                or _leaves_a_body(tok, self.lexicon)
            )
        ):
            # Leaving an organisation is a reduction of relations (SANCTION withdraw); RETREAT
            # withdraw is for troops leaving territory.
            rule, event, cameo = rewrite("leaving_a_body", rule)
            applied.append("leaving_a_body")
        if (
            event == "COERCE"
            and rule.mode == "arrest"
            and rule.pos == "noun"
            and _ordered(tok, args)
            and recipients
            and all(r.country and r.country not in {a.country for a in actors} for r in recipients)
        ):
            # "a judge ordered the arrest of former Iranian President Rafsanjani": an arrest
            # ordered for someone abroad is a threat of arrest (PLOVER THREATEN arrest)
            rule, event, cameo = rewrite("arrest_abroad", rule)
            applied.append("arrest_abroad")
        if (
            event == "MOBILIZE"
            and rule.lemma in EXERCISES
            and len({a.country for a in actors if a.country}) >= 2
        ):
            # "Warships from India, the US and Japan began naval exercises": joint drills
            rule, event, cameo = rewrite("joint_exercise", rule)
            applied.append("joint_exercise")
        if (
            event == "ASSAULT"
            and all(a.sector in CIVILIAN_SECTORS for a in actors)
            and not _lynch_mob(tok, args)
            and _protest_setting(tok, actors, self.lexicon)
        ):
            # Violence by protesters and crowds ("rioters torched cars", "protesters stormed
            # the residence") is a riot: PLOVER PROTEST, mode riot.
            rule, event, cameo = rewrite("crowd_violence", rule)
            applied.append("crowd_violence")
        elif (
            event == "COERCE"
            and rule.mode in ("restrict", "seize")
            and all(a.sector in CIVILIAN_SECTORS for a in actors)
            and not _lynch_mob(tok, args)
            and _protest_setting(tok, actors, self.lexicon, violent=False)
        ):
            # "Farmers blocked roads", "demonstrators seized city hall": obstruction and
            # occupation as protest (PROTEST obstruct, CAMEO 144).
            rule, event, cameo = rewrite("crowd_obstruction", rule)
            applied.append("crowd_obstruction")
        if (
            event == "ASSAULT"
            and rule.lemma == "attack"
            and _verbal_attack(tok, actors, args, self.lexicon)
        ):
            # "The Tories attacked the government's plans": criticism, not force
            rule, event, cameo = rewrite("verbal_attack", rule)
            applied.append("verbal_attack")
        signals = {
            "pronoun_actor": any(a.entity_text.lower() in PRONOUNS for a in actors),
            "no_recipient": not recipients,
            "noun_trigger": rule.pos == "noun",
            "adj_trigger": rule.pos == "adj",
            "headline": headline,
            "deep": tok.dep_ not in ("ROOT", "conj", "xcomp", "ccomp"),
            # long sentences are where the small parser attaches words wrongly
            "long_sentence": len(sent) > 40,
            "not_asserted": modality != "asserted",
            "reciprocal": joint and not recipients,
            **{f"rewrite_{name}": True for name in applied},
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
            victim=victim,
        )

    def code_doc(self, doc: Doc, index: ActorIndex, body_start: int = 0) -> list[Candidate]:
        """Code all sentences of an article; the sentences before ``body_start`` are headline."""
        args = Arguments(self.lexicon, index)
        out: list[Candidate] = []
        for i, sent in enumerate(doc.sents):
            if not sent.text.strip() or not_news(sent, self.lexicon):
                continue
            out.extend(self.code_sentence(sent, i, args, headline=sent.start_char < body_start))
        link_reactions(out, self.lexicon)
        return out
