"""Modality (asserted, future, negated, hypothetical, alleged) and attribution of a trigger."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml
from spacy.tokens import Token

from dyads.events.syntax import clause_chain, is_negated, preps


@dataclass(frozen=True)
class ModalityWords:
    """Cue words for modality and attribution (``data/modality.yaml``)."""

    future_aux: frozenset[str]
    future_governors: frozenset[str]
    hypothetical_modals: frozenset[str]
    ability_modals: frozenset[str]
    conditional_marks: frozenset[str]
    alleged_adverbs: frozenset[str]
    alleged_modifiers: frozenset[str]
    alleged_governors: frozenset[str]
    reporting_verbs: frozenset[str]
    attempt_governors: frozenset[str]
    request_governors: frozenset[str]
    negation_governors: frozenset[str]


@functools.lru_cache(maxsize=1)
def load_modality_words() -> ModalityWords:
    """Load the modality cue lists (cached)."""
    path = resources.files("dyads.events") / "data" / "modality.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return ModalityWords(**{k: frozenset(str(w).lower() for w in v) for k, v in data.items()})


@dataclass(frozen=True)
class Modality:
    """The modality of one trigger and whether it only expresses an ability ("can travel")."""

    value: str
    ability: bool = False
    requested: bool = False  # the content of a demand or call, not an event that happened


# Nouns whose to-infinitive names an act not (yet) done: "a plan to withdraw", "the way to".
ENVISAGING_NOUNS = frozenset(
    {
        "plan", "way", "proposal", "decision", "bid", "effort", "attempt", "push", "move",
        "chance", "opportunity", "right", "call", "demand", "offer", "readiness", "willingness",
        "threat", "pledge", "promise", "commitment", "deal", "agreement", "order", "request",
        "intention", "option", "ability", "need", "pressure", "campaign", "drive",
    }
)  # fmt: skip


def _has_to_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def modality_of(trigger: Token, headline: bool = False, local: bool = False) -> Modality:
    """Classify the modality of the event stated by ``trigger``.

    Order matters: a condition first ("if he did not step down"), then negation (a negated
    future is still not an event that happens), other hypotheticals, allegations, futures.
    ``headline`` turns a bare "to visit" (headline style) into a future. ``local`` takes negation
    from the trigger alone: "India has not condemned Russia's invasion" does not negate the
    invasion (conditions and futures of the clause still apply).
    """
    w = load_modality_words()
    chain = list(clause_chain(trigger))
    negated = False
    for i, tok in enumerate(chain[:1] if local else chain):
        # Negation on the trigger or on a verb it is the complement of ("did not agree to
        # meet"), but not across coordination ("has not imposed sanctions and has continued
        # to buy oil").
        if i > 0 and chain[i - 1].dep_ == "conj":
            break
        if is_negated(tok) and (i == 0 or tok.pos_ in ("VERB", "AUX", "ADJ")):
            negated = True
        if i > 0 and tok.lemma_.lower() in w.negation_governors and chain[i - 1].dep_ == "xcomp":
            negated = not negated  # "failed to apologise"; "did not fail to" cancels out
    reported = any(t.dep_ == "ccomp" and t.head.lemma_.lower() in w.reporting_verbs for t in chain)
    ability = False
    conditional = False
    hypothetical = False
    future = False
    alleged = False
    crossed_conj = False
    for k, tok in enumerate(chain):
        if k > 0 and chain[k - 1].dep_ == "conj":
            crossed_conj = True  # "accused Colombia of X, and ordered troops": a separate act
        for c in tok.children:
            low = c.lower_
            if c.dep_ in ("aux", "auxpass"):
                if low in w.future_aux:
                    future = True
                elif low == "would" and reported:
                    future = True  # "announced he would step down": the future in the past
                elif low in w.hypothetical_modals:
                    hypothetical = True
                elif low in w.ability_modals:
                    ability = True
            elif c.dep_ == "mark" and low in w.conditional_marks:
                hypothetical = conditional = True
            elif c.dep_ == "advmod" and low in w.alleged_adverbs:
                alleged = True
            elif (
                c.dep_ in ("amod", "compound") and low in w.alleged_modifiers and tok.pos_ == "NOUN"
            ):
                alleged = True
        lemma = tok.lemma_.lower()
        if tok.i != trigger.i and lemma in w.future_governors:
            # "plans to visit", "talks are set for Monday"; not the object of an active verb
            # ("rioters set fire to cars", "Hamas planned the attack")
            if not (k > 0 and chain[k - 1].dep_ in ("dobj", "obj")):
                future = True
        if tok.i != trigger.i and lemma in w.alleged_governors and not crossed_conj:
            # "claimed responsibility for the attack" owns the act; it alleges nothing
            if not any(
                c.dep_ == "dobj" and c.lemma_.lower() == "responsibility" for c in tok.children
            ):
                alleged = True
        # An advcl "if ..." attached higher up: the condition governs the whole clause.
        if tok.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in w.conditional_marks for c in tok.children
        ):
            hypothetical = conditional = True
    if headline and trigger.dep_ in ("ROOT", "acl") and _has_to_infinitive(trigger):
        future = True
    requested = _requested(trigger, w)
    if (
        not headline
        and _has_to_infinitive(trigger)
        and trigger.dep_ in ("acl", "relcl")
        and trigger.head.pos_ == "NOUN"
        and (
            any(c.dep_ == "mark" and c.lower_ == "for" for c in trigger.children)
            or trigger.head.lemma_.lower() in ENVISAGING_NOUNS
        )
    ):
        # "paving the way for troops to pull back", "a plan for Israel to withdraw": an act
        # that a noun envisages has not happened
        if trigger.head.lemma_.lower() in w.future_governors:
            future = True
        else:
            hypothetical = True
    if (
        trigger.head.i != trigger.i
        and trigger.dep_ in ("xcomp",)
        and trigger.head.lemma_ in ("be",)
    ):
        # "X is to visit": the "be to" future.
        future = future or _has_to_infinitive(trigger)
    if conditional:
        # "if he did not step down": the condition, not a denial
        return Modality("hypothetical", ability, requested)
    if negated:
        return Modality("negated", ability, requested)
    if hypothetical:
        return Modality("hypothetical", ability, requested)
    if alleged:
        return Modality("alleged", ability, requested)
    if future:
        return Modality("future", ability, requested)
    return Modality("asserted", ability, requested)


def _requested(trigger: Token, w: ModalityWords) -> bool:
    """Whether ``trigger`` is what someone demands or calls for ("demanding Moscow withdraw")."""
    cur = trigger
    for _ in range(4):
        purpose = cur.dep_ == "advcl" and _has_to_infinitive(cur)  # "do more to defend X"
        if (cur.dep_ not in ("ccomp", "xcomp") and not purpose) or cur.head.i == cur.i:
            return False
        head = cur.head
        if head.lemma_.lower() in w.request_governors and head.dep_ in (
            "acl",
            "relcl",
            "amod",
            "advcl",
            "pcomp",
        ):
            # Only when the demand itself is not coded (a participle modifying a noun): a
            # coded REQUEST absorbs its content instead.
            return True
        cur = head
    return False


def _span_text(tok: Token) -> str:
    """The text of the noun phrase headed by ``tok`` (without relative clauses)."""
    left = tok.left_edge.i
    right = tok.i
    for c in tok.rights:
        if c.dep_ in ("compound", "flat", "appos") or (c.dep_ == "prep" and c.lower_ == "of"):
            right = max(right, c.right_edge.i)
    doc = tok.doc
    return doc[left : right + 1].text.strip(" ,")


def attribution(trigger: Token) -> list[str]:
    """Who the text says reported or claimed the event: speakers and outlets, in text order.

    "according to X"; "X said (that) ..."; "..., X told Reuters"; "X has said ...".
    """
    w = load_modality_words()
    found: list[tuple[int, str]] = []

    def add(tok: Token) -> None:
        text = _span_text(tok)
        if text and all(text != t for _, t in found):
            found.append((tok.i, text))

    def according(tok: Token) -> None:
        for p, o in preps(tok):
            if p in ("according to", "accord to"):
                add(o)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                for cc in c.children:
                    for o in cc.children if cc.dep_ == "prep" else [cc]:
                        if o.dep_ == "pobj":
                            add(o)

    def reporting(verb: Token) -> None:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ not in ("it",):
            add(subj)
        for c in verb.children:
            if c.dep_ in ("dobj", "dative") and verb.lemma_.lower() in ("tell", "inform"):
                add(c)
            if c.dep_ == "dative":
                for o in c.children:
                    if o.dep_ == "pobj":
                        add(o)
        according(verb)

    cur = trigger
    for _ in range(10):
        according(cur)
        # Parenthetical reporting clause under the event verb: "X will visit, Y told Reuters".
        for c in cur.children:
            if c.lemma_.lower() not in w.reporting_verbs or c.i < trigger.i:
                continue
            if c.dep_ in ("parataxis", "ccomp", "advcl"):
                reporting(c)
            elif c.dep_ == "conj" and not any(x.dep_ == "ccomp" for x in c.children):
                # The parser often attaches a trailing "..., an official told Reuters" as a
                # conjunct of the reported verb; with no clause of its own it reports ours.
                reporting(c)
        head = cur.head
        if head.i == cur.i:
            break
        if cur.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in w.reporting_verbs:
            reporting(head)
            break
        cur = head
    found.sort()
    return [t for _, t in found]
