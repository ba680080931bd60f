"""Dependency-parse helpers: who is the subject of a trigger, what are its objects.

These walk spaCy's ClearNLP-style labels (nsubj, dobj, prep/pobj, xcomp, conj, relcl, agent).
They know nothing about actors or events, only about grammar.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SUBJ = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJ = frozenset({"nsubjpass", "csubjpass"})
RELATIVE = frozenset({"which", "who", "that", "whom", "whose"})
# Verbs whose object, not subject, performs the infinitive: "urged Iran to return".
OBJECT_CONTROL = frozenset(
    {
        "convince",
        "persuade",
        "urge",
        "ask",
        "force",
        "allow",
        "invite",
        "help",
        "encourage",
        "press",
        "call",
        "order",
        "tell",
        "pressure",
        "push",
        "compel",
        "permit",
        "enable",
        "request",
        "implore",
        "warn",
        "lead",
        "prompt",
        "instruct",
        "authorize",
        "lobby",
    }
)


# "accuse X of V-ing", "blame X for V-ing": the object is the agent of the gerund.
OBJECT_PREDICATES = frozenset(
    {
        "accuse",
        "blame",
        "charge",
        "suspect",
        "convict",
        "condemn",
        "criticize",
        "criticise",
        "thank",
        "praise",
        "punish",
        "sanction",
    }
)


def is_passive(verb: Token) -> bool:
    """Whether a verb is in the passive voice ("was attacked by")."""
    return any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in verb.children)


def children(tok: Token, *deps: str) -> list[Token]:
    """Children of ``tok`` with one of the given dependency labels."""
    return [c for c in tok.children if c.dep_ in deps]


def first_child(tok: Token, *deps: str) -> Token | None:
    """First child with one of the given labels, or None."""
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def preps(tok: Token) -> Iterator[tuple[str, Token]]:
    """(preposition lemma, object) pairs attached to ``tok``, through multiword preps too."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative"):
            p = c.lemma_.lower()
            for o in c.children:
                if o.dep_ in ("pobj", "pcomp"):
                    yield p, o
                elif o.dep_ == "prep":  # "on behalf of", "out of"
                    for oo in o.children:
                        if oo.dep_ == "pobj":
                            yield f"{p} {o.lemma_.lower()}", oo
        elif c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            yield "to", c


def prep_objects(tok: Token, prep: str) -> list[Token]:
    """Objects of preposition ``prep`` attached to ``tok``.

    An absolute "with" clause is no object: in "began talks, with EU diplomats shuttling
    between the sides" the diplomats are not the partner of the talks.
    """
    return [o for p, o in preps(tok) if p == prep and not (p == "with" and _absolute(o))]


def _absolute(o: Token) -> bool:
    if o.dep_ == "pcomp" and any(c.dep_ == "nsubj" for c in o.children):
        return True  # parsed as a clause: "with [diplomats shuttling]"
    return any(c.dep_ == "acl" and c.tag_ in ("VBG", "VBN") for c in o.children)


def has_prep(tok: Token, prep: str) -> bool:
    """Whether a preposition with this lemma is attached to ``tok``."""
    return any(c.dep_ in ("prep", "agent") and c.lemma_.lower() == prep for c in tok.children)


def complements(verb: Token) -> list[Token]:
    """Clausal complements of a verb: "refused [to rule out]", "barred X from [running]"."""
    out = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    for c in verb.children:
        if c.dep_ == "prep":
            out.extend(x for x in c.children if x.dep_ == "pcomp")
    return out


# Modals (and the infinitive marker) that make a that-clause an act to be done, not a fact.
_ACT_MARKS = frozenset(
    {"will", "would", "shall", "should", "must", "could", "can", "may", "might", "'ll", "'d",
     "wo", "ca", "to", "need", "ought"}
)  # fmt: skip


def opinion_clause(verb: Token) -> bool:
    """Whether ``verb`` has a that-clause stating what is so, with no modal and no subjunctive
    ("agreed the 1701 Act was discriminatory", "agree the time has come"), and no to-clause."""
    if any(c.dep_ == "xcomp" for c in verb.children):
        return False
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if not clauses:
        return False
    for c in clauses:
        auxes = [a for a in c.children if a.dep_ in ("aux", "auxpass")]
        if (c.tag_ == "VB" and not auxes) or any(a.tag_ == "VB" for a in auxes):
            return False  # a subjunctive is a demand: "agreed that sanctions be lifted"
        if any(a.dep_ in ("aux", "auxpass") and a.lower_ in _ACT_MARKS for a in c.children):
            return False
    return True


def misparsed_modifier(verb: Token) -> bool:
    """A finite verb the parser hung on the next noun as a modifier, keeping its subject:
    "al-Sisi pardoned jailed activist ..." parsed as "pardoned" modifying "activist"."""
    if verb.dep_ != "amod" or verb.pos_ != "VERB":
        return False
    if any(c.dep_ == "nsubj" for c in verb.children):
        return True
    # "Security forces tortured protesters", "Sisi hosted Jordan's King": the subject noun was
    # made a compound of the object, with the verb between them as its modifier
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    return (
        prev is not None
        and verb.tag_ in ("VBD", "VBN")
        and prev.pos_ in ("NOUN", "PROPN")
        and prev.dep_ in ("compound", "nmod")
        and prev.head.i > verb.i
    )


def misparsed_subject(verb: Token) -> Token | None:
    """The subject of a verb misparsed as a modifier (see :func:`misparsed_modifier`)."""
    if not misparsed_modifier(verb):
        return None
    subj = first_child(verb, "nsubj")
    return subj if subj is not None else verb.doc[verb.i - 1]


def direct_object(verb: Token) -> Token | None:
    """The direct object of a verb (in the passive: its surface subject).

    Coordinated verbs share a trailing object: in "detained and beat two journalists" the
    journalists are also the object of "detained".
    """
    if is_passive(verb):
        return first_child(verb, "nsubjpass")
    if misparsed_modifier(verb):
        return verb.head  # "Sisi pardoned jailed activist Alaa": the noun it was hung on
    obj = first_child(verb, "dobj", "obj")
    if obj is None and verb.lemma_ == "become":
        obj = first_child(verb, "attr")  # "became members of NATO"
    if obj is None:
        for c in verb.children:
            if c.dep_ != "ccomp" or c.i < verb.i or any(x.dep_ == "mark" for x in c.children):
                continue
            subj = first_child(c, "nsubj")
            if subj is None or subj.i < verb.i:
                continue
            if c.tag_ == "VBG" or (
                subj.left_edge.i == verb.i + 1 and first_child(c, "dobj", "obj") is None
            ):
                # "expel [American journalists working for ...]", "imposed [travel bans and
                # asset freezes] on ...": a noun phrase parsed as a clause is the object
                return subj
    if obj is None and verb.pos_ == "VERB":
        for c in verb.children:
            if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > verb.i:
                if first_child(c, "nsubj") is None:
                    return first_child(c, "dobj", "obj")
    return obj


def indirect_object(verb: Token) -> Token | None:
    """The indirect object ("gave Ukraine weapons")."""
    c = first_child(verb, "dative", "iobj")
    if c is not None and c.pos_ in ("PROPN", "NOUN", "PRON"):
        return c
    return None


def governing_verb(tok: Token) -> Token | None:
    """The verb that governs ``tok`` (itself when it is a verb), climbing over nouns/preps."""
    cur = tok
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def subject_tokens(verb: Token, _depth: int = 0) -> list[Token]:
    """Tokens that denote the agent of ``verb``.

    Handles the passive ("attacked by X"), control ("sought to convince", "urged X to"),
    coordination ("denied ... and called"), purpose clauses ("visit ... to meet"), relative
    clauses ("Turkey, which has sought ...") and participles ("the deal brokered by X").
    """
    if _depth > 6:
        return []
    if is_passive(verb):
        agents = [o for p, o in preps(verb) if p == "by"]
        return agents
    wrong = misparsed_subject(verb)
    if wrong is not None:
        return [wrong]
    subj = first_child(verb, *SUBJ)
    if subj is not None and subj.dep_ != "expl":
        if subj.lower_ in RELATIVE and verb.dep_ == "relcl":
            return [verb.head]
        return [subj]
    if verb.dep_ == "relcl":
        return [verb.head]
    if verb.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        noun = verb.head
        if noun.dep_ == "attr" and noun.head.lemma_ in ("be", "become"):
            # "Canada became the first country to withdraw": the copula's subject acts
            subj = first_child(noun.head, "nsubj")
            if subj is not None:
                return [subj]
        return [noun]  # headline style: "Kenyan president to visit Ethiopia"
    if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and verb.head.dep_ == "ROOT":
        return [verb.head]  # a finite verb misparsed as a modifier of the subject noun
    if verb.dep_ == "acl":
        # "the initiative brokered by X": the agent is in a by-phrase, handled above when
        # passive; an active participle ("troops attacking the city") modifies its subject.
        agents = [o for p, o in preps(verb) if p == "by"]
        return agents or ([verb.head] if verb.tag_ == "VBG" else [])
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ == "xcomp":
        if is_passive(head):
            # Raising: "Putin is scheduled to visit", "troops were ordered to withdraw".
            subj = first_child(head, "nsubjpass")
            return [subj] if subj is not None else []
        if head.lemma_.lower() in OBJECT_CONTROL:
            obj = first_child(head, "dobj", "obj")
            if obj is not None:
                return [obj]
        return subject_tokens(head, _depth + 1)
    if verb.dep_ in ("conj", "advcl", "ccomp") and head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "ccomp":
            return []  # a complement clause has its own subject; none means none
        prev = verb.doc[verb.i - 1] if verb.i > 0 else None
        if (
            verb.dep_ == "advcl"
            and verb.tag_ == "VBG"
            and prev is not None
            and prev.pos_ in ("NOUN", "PROPN")
        ):
            return [prev]  # "a vote demanding that ...": a reduced relative clause on the noun
        if (
            verb.dep_ == "advcl"
            and verb.tag_ != "VBG"  # "..., accusing it of ...": the main subject accuses
            and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        ):
            return []
        return subject_tokens(head, _depth + 1)
    if verb.dep_ in ("acomp", "oprd", "attr") and head.pos_ in ("VERB", "AUX"):
        return subject_tokens(head, _depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        gv = head.head
        if gv.lemma_.lower() in OBJECT_PREDICATES:
            # "accused Russia of shelling": the object did the shelling.
            obj = first_child(gv, "dobj", "obj", "nsubjpass")
            return [obj] if obj is not None else []
        if gv.pos_ in ("VERB", "AUX", "ADJ"):
            return subject_tokens(gv, _depth + 1)
    return []


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens coordinated with it ("Turkey and Ukraine")."""
    return [tok, *(c for c in tok.conjuncts if c.i != tok.i)]


def is_negated(tok: Token) -> bool:
    """A negation attached directly to ``tok`` ("did not", "never", "no talks")."""
    for c in tok.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ == "det" and c.lower_ in ("no",):
            return True
        if c.dep_ == "advmod" and c.lower_ in ("never",):
            return True
    return False


TEMPORAL_PREPS = frozenset(
    {"since", "after", "before", "following", "amid", "during", "until", "despite"}
)


def clause_chain(tok: Token) -> Iterator[Token]:
    """``tok`` and the words above it whose modality it shares.

    Modality and negation may sit on a governing verb: "is scheduled to visit", "did not
    agree to meet", "will travel ... to meet". The walk stops at a finite clause boundary and
    at temporal adjuncts: in "will be his first trip since the invasion" the invasion is not
    future.
    """
    cur = tok
    yield cur
    for _ in range(8):
        dep = cur.dep_
        head = cur.head
        if head.i == cur.i:
            return
        if dep == "prep" and cur.lower_ in TEMPORAL_PREPS:
            return
        purpose = dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        if dep in CHAIN_DEPS or purpose or (dep == "conj" and cur.pos_ in ("VERB", "AUX")):
            cur = head
            yield cur
        else:
            return


CHAIN_DEPS = frozenset(
    {
        "xcomp",
        "acomp",
        "oprd",
        "pcomp",
        "pobj",
        "prep",
        "dobj",
        "attr",
        "amod",
        "compound",
        "nsubj",
        "nsubjpass",
        "appos",
        "poss",
        "advmod",
    }
)


def lemma_forms(tok: Token) -> tuple[str, ...]:
    """The token's lemma, then crude stems of its surface form.

    The small English model mislemmatizes some inflected forms ("staged" -> "stag"); trying the
    stems of the surface form as well keeps such triggers and governors recognisable.
    """
    lemma = tok.lemma_.lower()
    low = tok.lower_
    forms = [lemma]
    if low != lemma:
        forms.append(low)
        for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("es", ""),
                             ("s", ""), ("ing", ""), ("ing", "e")):  # fmt: skip
            if low.endswith(suffix) and len(low) - len(suffix) >= 3:
                forms.append(low[: -len(suffix)] + repl)
    if low in IRREGULAR_PAST:
        forms.append(IRREGULAR_PAST[low])
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_:
        # "call - up", "test - fired": the tokenizer split a hyphenated word; the whole word is
        # tried first, being the more specific
        whole = [f"{doc[tok.i - 2].lower_}-{low}", f"{doc[tok.i - 2].lower_}-{lemma}"]
        forms = whole + forms
    return tuple(dict.fromkeys(forms))


# Irregular past forms, for when the tagger takes the verb for a noun ("A gunman shot ...").
IRREGULAR_PAST = {
    "shot": "shoot",
    "struck": "strike",
    "fought": "fight",
    "sought": "seek",
    "held": "hold",
    "met": "meet",
    "led": "lead",
    "sent": "send",
    "threw": "throw",
    "thrown": "throw",
    "beaten": "beat",
    "stole": "steal",
    "stolen": "steal",
    "froze": "freeze",
    "frozen": "freeze",
    "overthrew": "overthrow",
    "overthrown": "overthrow",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "shut": "shut",
    "cut": "cut",
    "hit": "hit",
    "bade": "bid",
    "forbade": "forbid",
    "forbidden": "forbid",
}


def verb_like_noun(tok: Token) -> bool:
    """A word the tagger took for a noun although it heads a clause: the sentence root with a
    subject of its own ("A gunman shot and wounded ...")."""
    return (
        tok.pos_ == "NOUN"
        and tok.dep_ == "ROOT"
        and any(c.dep_ == "nsubj" for c in tok.children)
        and tok.tag_ in ("NN", "VBD", "VBN")
    )
