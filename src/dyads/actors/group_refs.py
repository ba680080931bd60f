"""Definite references to a named armed group: "the group", "the radical group", "the jihadist
organisation".

Wire copy names an armed group once and then calls it "the group" ("Boko Haram attacked the
town. The group later abducted 20 girls"), or names it late in the sentence that first refers
to it ("killed leaders of the radical group ..., besides hitting oil fields held by ISIS").
Read alone, "the group" is no actor and "the jihadist group" only a rebel sector, so the
group's events lost their actor or its name.

The rule: "the"/"this"/"that" + a singular group noun (``GROUP_NOUNS``) whose other modifiers
all describe an armed or radical group (``DESCRIPTIONS``) refers to the most recent named armed
group (a named actor coded REB, UAF or PRM, or an IMG code) of its own sentence or the three
before it; with none before, to the one named armed group later in its own sentence. A phrase
that itself names a group ("the Abu Sayyaf group") is left alone.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dyads.actors.model import Mention
from dyads.records import Actor

GROUP_NOUNS = frozenset(
    {"group", "organization", "organisation", "movement", "militia", "outfit", "faction"}
)
DESCRIPTIONS = frozenset(
    {
        "radical", "militant", "jihadist", "jihadi", "extremist", "terrorist", "terror",
        "armed", "rebel", "insurgent", "islamist", "hardline", "hard-line", "sunni", "shiite",
        "shia", "separatist", "islamic", "underground", "outlawed", "banned", "guerrilla",
        "guerilla", "militia", "-", "aforementioned", "same", "extremists", "ultra",
    }
)  # fmt: skip
_DETERMINERS = frozenset({"the", "this", "that"})
_ARMED_SECTORS = frozenset({"REB", "UAF", "PRM"})
# how many sentences back an antecedent may be
_WINDOW = 3


def _armed(m: Mention) -> bool:
    if len(m.actors) != 1 or m.kind == "pronoun":
        return False
    a = m.actors[0]
    return a.name is not None and (a.sector in _ARMED_SECTORS or a.code.startswith("IMG"))


def _reference(tok: Token) -> tuple[int, int] | None:
    """The span of "the [descriptions] GROUP" headed by ``tok``, if it is one."""
    # singular and lower case (the small tagger often calls "group" a proper noun after an
    # adjective it takes for a name: "The jihadist group")
    if tok.lower_ not in GROUP_NOUNS or tok.tag_ not in ("NN", "NNP") or not tok.text.islower():
        return None
    lefts = list(tok.lefts)
    if not lefts or lefts[0].lower_ not in _DETERMINERS or lefts[0].dep_ != "det":
        return None
    if any(t.lower_ not in DESCRIPTIONS for m in lefts[1:] for t in m.subtree):
        return None
    if any(c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children):
        return None  # "the group, Ansar al-Sharia, ..." names itself; "the group of experts"
    return lefts[0].i, tok.i + 1


def group_references(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with definite references to named armed groups resolved (see above)."""
    groups = sorted((m for m in mentions if _armed(m)), key=lambda m: m.start)
    if not groups:
        return mentions
    sent_no = {s.start: n for n, s in enumerate(doc.sents)}
    out = list(mentions)
    for tok in doc:
        span = _reference(tok)
        if span is None:
            continue
        start, end = span
        here = [k for k, m in enumerate(out) if m.start < end and start < m.end]
        if any(out[k].actors[0].name or out[k].actors[0].country for k in here):
            continue  # the phrase names a group itself, or is read already
        n = sent_no[tok.sent.start]
        before = [
            g for g in groups if g.end <= start and n - sent_no[doc[g.start].sent.start] <= _WINDOW
        ]
        later = {
            g.actors[0].name: g for g in groups if g.start >= end and doc[g.start].sent == tok.sent
        }
        ante = before[-1] if before else (next(iter(later.values())) if len(later) == 1 else None)
        if ante is None:
            continue
        phrase = doc[start:end]
        a = ante.actors[0]
        actor = Actor(
            a.code, a.country, a.sector, a.name, phrase.text, phrase.start_char, phrase.end_char
        )
        made = Mention(start, end, tok.i, (actor,), "pronoun")
        out = [m for k, m in enumerate(out) if k not in here] + [made]
    return sorted(out, key=lambda m: (m.start, m.end))
