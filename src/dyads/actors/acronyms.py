"""Acronyms an article defines: "the National Economic Development Authority (NEDA)".

News names an organisation in full once, with its acronym in brackets, and by the acronym
alone afterwards ("NEDA said GNP had grown"). Dictionaries cannot know every agency's
acronym, but the article has just said what it stands for: every later bare use of the
acronym (and any earlier one, as in headlines) is the same actor as the full name.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from dyads.actors.model import Mention

# Kinds of mention whose acronym stands for the same actor; other kinds (people: "(R)" is a
# party tag) only where the acronym spells the phrase's initials.
_KINDS = {"igo", "ngo", "group", "party", "company", "institution", "description", "capital"}


def _acronym(text: str) -> bool:
    """An all-capital token of two to six letters ("NEDA", "TSE", "OPZZ")."""
    letters = text.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _spells(acr: str, phrase: str) -> bool:
    """The acronym is made of the phrase's initials, in order ("NEDA": National Economic
    Development Authority): an organisation's name, even where it was read as a person's."""
    initials = [w[0] for w in phrase.split() if w[:1].isupper() and w not in ("The", "A", "An")]
    letters = acr.replace(".", "").replace("-", "")
    k = 0
    for ch in initials:
        if k < len(letters) and ch == letters[k]:
            k += 1
    return k == len(letters) and bool(initials) and initials[0] == letters[0]


def _defined(doc: Doc, m: Mention) -> str | None:
    """The acronym in brackets at the end of ("... Authority (NEDA)") or right after
    mention ``m``."""
    for k in (m.end - 2, m.end + 1):  # the acronym's token, inside or after the mention
        if 0 < k < len(doc) - 1 and doc[k - 1].text == "(" and doc[k + 1].text == ")":
            return doc[k].text if _acronym(doc[k].text) else None
    return None


def resolve_acronyms(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` plus one mention per bare use of an acronym the article defines.

    A use already inside a mention is left alone; so is an acronym defined twice with
    different readings (the article is then no guide).
    """
    defs: dict[str, Mention] = {}
    clash: set[str] = set()
    for m in mentions:
        if not m.actors or m.actors[0].code is None:
            continue
        acr = _defined(doc, m)
        if acr is None or m.kind not in _KINDS and not _spells(acr, doc[m.start : m.end].text):
            continue
        if acr in defs and defs[acr].actors[0].code != m.actors[0].code:
            clash.add(acr)
        defs.setdefault(acr, m)
    defs = {k: v for k, v in defs.items() if k not in clash}
    if not defs:
        return mentions
    covered = {i for m in mentions for i in range(m.start, m.end)}
    added: list[Mention] = []
    for tok in doc:
        src = defs.get(tok.text)
        if src is None or tok.i in covered:
            continue
        actors = tuple(
            replace(a, entity_text=tok.text, start=tok.idx, end=tok.idx + len(tok.text))
            for a in src.actors
        )
        added.append(Mention(tok.i, tok.i + 1, tok.i, actors, src.kind))
    return mentions + added
