"""Titles without a name: the office holder the article has already named, and party people.

"Tony Blair met George W Bush in Washington. The prime minister said ...": "the prime
minister" names no country, and the one country its sentence names may well be another (here
the United States), so ``context.fill_countries`` made it USAGOV. The reader knows better: the
article has named a prime minister, Blair, one sentence before. This
pass gives a country-less title phrase ("the prime minister", "the chancellor", "the foreign
secretary") the country of the nearest earlier person in the article who held that office on
the article's date (``people.csv``, by role), before any other context is consulted.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from dyads.actors.lexicon import Lexicon, norm_key
from dyads.actors.model import Mention
from dyads.records import Actor

_DETS = {"the", "a", "an", "this", "that"}


def _role(doc: Doc, m: Mention) -> str | None:
    """The office a title phrase names ("the Prime Minister" -> "prime minister"), or None
    when the phrase is no singular title of one person."""
    words = [t for t in doc[m.start : m.end] if t.lower_ not in _DETS]
    if not words or doc[m.head].tag_ not in ("NN", "NNP"):
        return None
    return " ".join(t.lower_ for t in words)


def holders_of_titles(
    doc: Doc, mentions: list[Mention], lex: Lexicon, when: dt.date | None
) -> list[Mention]:
    """``mentions`` with country-less title phrases given the country of the holder the
    article named before them (see module docstring)."""
    people = [
        (m.start, a)
        for m in mentions
        if m.kind == "person"
        for a in m.actors[:1]
        if a.country and a.name
    ]
    if not people:
        return mentions
    out: list[Mention] = []
    for m in mentions:
        a = m.actors[0] if len(m.actors) == 1 else None
        role = _role(doc, m) if a and m.kind == "description" and a.country is None else None
        holder = None
        if a is not None and role is not None:
            for start, p in reversed(people):
                if start >= m.start:
                    continue
                held = lex.people.holder(str(p.country), role, when)
                if held is not None and held.name == p.name:
                    holder = p
                    break
        if a is None or holder is None:
            out.append(m)
            continue
        c = str(holder.country)
        actor = Actor(c + (a.sector or ""), c, a.sector, a.name, a.entity_text, a.start, a.end)
        out.append(Mention(m.start, m.end, m.head, (actor,), m.kind))
    return out


def party_people(
    doc: Doc, mentions: list[Mention], lex: Lexicon, when: dt.date | None
) -> list[Mention]:
    """Party phrases that name a person by his office in a party in opposition on the date are
    the opposition: "Liberal Democrat home affairs spokesman" (2005) is OPP, as the chunker
    already codes the same title before a name ("Labour spokesman George Foulkes", 1987). The
    party itself ("the Liberal Democrats") stays PTY."""
    out: list[Mention] = []
    for m in mentions:
        a = m.actors[0] if len(m.actors) == 1 else None
        if a is None or m.kind != "party" or a.sector != "PTY" or not a.country or not a.name:
            out.append(m)
            continue
        head = doc[m.head]
        # a person's title at the head ("spokesman"), not the party's own word ("Party")
        titled = any(
            e.kind == "sector" and e.sector and e.sector != "PTY"
            for e in lex.lookup(norm_key(head.text))
        )
        party = [e for e in lex.lookup(norm_key(a.name)) if e.org_kind == "party"]
        if not titled or not party or not party[0].in_opposition(when):
            out.append(m)
            continue
        c = str(a.country)
        actor = Actor(c + "OPP", c, "OPP", a.name, a.entity_text, a.start, a.end)
        out.append(Mention(m.start, m.end, m.head, (actor,), m.kind))
    return out
