"""Which way an underspecified date points: the tense of the clause that governs it.

"on Friday" in "the minister said on Friday" is the Friday before publication; in "the minister
will fly to Cairo on Friday" the one after. Two sources, in order of preference:

* the spaCy parse (when the caller passes the article's ``Doc``): the governing verb's tag and
  auxiliaries, and for an infinitive the verb it depends on ("scheduled to visit");
* a cheap text heuristic: the nearest tense marker in the same clause, scanning left from the
  expression, then right ("On Friday, the minister said ...").
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from dyads.time.calendar import Direction
from dyads.time.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Clause boundaries for the text heuristic: sentence ends, semicolons, colons, dashes, and
# subordinators that open a new clause with its own tense.
# Clause boundaries for the text heuristic: sentence ends (a period after a one-letter
# abbreviation such as "p.m." or "U.S." is not one), semicolons, colons, dashes, line breaks and
# subordinators that open a clause with its own tense.
_BOUNDARY = re.compile(
    r"(?<!\b[A-Za-z])[.!?]\s+(?=[A-Z\"\u201c'(])|[;:!?\n]|\s[-\u2013\u2014]\s"
    r"|\b(?:but|while|whereas|although)\b"
)
_WORD = re.compile(r"[A-Za-z']+")
# Lowercase "-ed" words that are not past tense verbs.
_NOT_PAST_ED = frozenset(
    [
        "need",
        "speed",
        "red",
        "bed",
        "feed",
        "seed",
        "breed",
        "creed",
        "greed",
        "weed",
        "deed",
        "indeed",
        "hundred",
        "proceed",
        "succeed",
        "exceed",
        "embed",
        "shed",
        "bled",
        "fled",
        "sled",
        "led",
        "wed",
        "naked",
        "wicked",
        "sacred",
        "kindred",
        "armed",
        "based",
        "related",
        "united",
        "alleged",
        "expected",
        "scheduled",
        "planned",
        "slated",
    ]
)
_WINDOW = 80  # characters of context examined on each side


# Future markers that are also common nouns count only before "to"/"for" ("plans to visit").
_NEEDS_TO = frozenset({"plan", "plans", "set", "due"})
_MODALS = frozenset({"could", "might", "may", "must", "should", "can"})
# Words after which a participle is passive or adjectival ("will be held", "stay closed"): the
# auxiliary before them decides the tense.
_BE = frozenset({"be", "been", "being", "stay", "remain", "get", "become", "seem", "keep"})
_PAST_AUX = frozenset({"was", "were"})


def _classify(words: list[str], i: int, lex: Lexicon) -> Direction:
    """Direction signalled by ``words[i]`` in its context, or None."""
    word = words[i]
    w = word.lower()
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    prev = words[i - 1].lower() if i > 0 else ""
    if word[0].isupper() and word in lex.months:
        return None  # "May" the month is not the modal
    prev2 = words[i - 2].lower() if i > 1 else ""
    if prev.endswith("ly") and prev2:
        prev = prev2  # skip one adverb: "will be formally proclaimed"
    if w in lex.future_markers:
        if w in _NEEDS_TO and nxt not in ("to", "for"):
            return None
        # "was scheduled to end on Friday": a plan made in the past, date near publication.
        return "near" if prev in _PAST_AUX else "future"
    if w in _MODALS:
        return "future" if nxt != "have" else "past"
    is_past = w in lex.past_markers or (
        len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST_ED and word[0].islower()
    )
    if is_past:
        # A participle after "be" ("will be held", "has been held"): the auxiliary decides.
        return None if prev in _BE else "past"
    if w in lex.present_markers:
        return "present"
    return None


def text_direction(text: str, start: int, end: int, lex: Lexicon) -> Direction:
    """Tense direction from the words around ``text[start:end]`` within its clause."""
    left = text[max(0, start - _WINDOW) : start]
    cut = 0
    for m in _BOUNDARY.finditer(left):
        cut = m.end()
    words = _WORD.findall(left[cut:])
    for i in range(len(words) - 1, -1, -1):
        d = _classify(words, i, lex)
        if d is not None:
            return d
    right = text[end : end + _WINDOW]
    stop = _BOUNDARY.search(right)
    if stop:
        right = right[: stop.start()]
    words = _WORD.findall(right)
    for i in range(len(words)):
        d = _classify(words, i, lex)
        if d is not None:
            return d
    return None


class DocTense:
    """Tense of the verb governing a character span, read from a parsed ``Doc``."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self._starts = [t.idx for t in doc]

    def token_at(self, char: int) -> Token | None:
        """The token containing character offset ``char``."""
        if not self._starts:
            return None
        i = bisect.bisect_right(self._starts, char) - 1
        return self.doc[max(i, 0)]

    def direction(self, start: int) -> Direction:
        """Direction for the expression starting at ``start``; None when the parse has no verb."""
        tok = self.token_at(start)
        if tok is None:
            return None
        if tok.dep_ == "pobj" and tok.head.lower_ == "for":
            return "future"  # "called a general strike for Jan. 24": a date set for an event
        verb = governing_verb(tok)
        return None if verb is None else self.verb_direction(verb)

    def verb_direction(self, verb: Token, depth: int = 0) -> Direction:
        """Tense direction of one verb token from its tag, auxiliaries and, for infinitives,
        the verb it complements."""
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        aux_lower = {a.lower_ for a in auxes}
        if aux_lower & {"will", "'ll", "shall", "wo", "would", "going"}:
            return "future"
        if (
            verb.lemma_.lower() in self.lex.future_governors
            and verb.tag_ == "VBN"
            and (aux_lower & {"is", "are", "am", "'s", "'re", "be"})
        ):
            return "future"  # "is scheduled (to visit)", "are expected"
        if aux_lower & {"has", "have", "had", "did", "was", "were", "'ve", "'d"}:
            return "past"
        if verb.tag_ == "VBD":
            return "past"
        if "to" in aux_lower or (verb.tag_ == "VB" and verb.dep_ in ("xcomp", "advcl")):
            head = verb.head
            if head.i == verb.i or depth > 3:
                return "future"
            if head.lemma_.lower() in self.lex.future_governors:
                return "future"
            # An infinitive of purpose or complement looks forward from its head's time.
            hd = self.verb_direction(head, depth + 1)
            return "future" if hd in (None, "present") else hd
        if (
            verb.tag_ in ("VBZ", "VBP")
            and not auxes
            and verb.dep_ == "ccomp"
            and verb.head.tag_ == "VBD"
            and not any(c.dep_ == "mark" for c in verb.children)
        ):
            # "declared diplomats persona non grata on Saturday": a bare present-tense clause
            # under a past verb with no "that" is most often a misparsed part of that verb
            return "past"
        if verb.tag_ in ("VBZ", "VBP") or aux_lower & {"is", "are", "am", "'s", "'re"}:
            return "present"
        if verb.tag_ == "VBN" and verb.dep_ in ("relcl", "acl", "advcl"):
            return "past"
        return None


def governing_verb(tok: Token) -> Token | None:
    """First verb on the head path from ``tok`` (the token itself excluded unless it is one)."""
    cur = tok
    for _ in range(40):
        if cur.pos_ in ("VERB", "AUX") and cur.tag_ not in ("MD",):
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None
