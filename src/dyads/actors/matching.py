"""Pass one of phrase finding: longest-match lexicon lookup over a sentence.

Each token, or the longest token sequence whose normalised key is in the lexicon (one dict
lookup per candidate length), becomes a :class:`Unit`; unmatched tokens are classed as
determiners, possessives, "of", parentheses, unknown proper names or other words. Guards decide
whether a matched phrase is the actor reading here (capitalisation, names inside longer names,
ambiguous firm names, sector words in a non-actor sense). The chunker (pass two) joins units.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dyads.actors.hyphens import apply_hyphens
from dyads.actors.lexicon import Entry, Lexicon, exact_form, norm_key
from dyads.actors.public import person_context

PROPER = {"person", "media", "org", "seat", "country", "capital", "adj", "dem"}
DETS = {"the", "a", "an"}
# Entity types under which an ambiguous company name is a place or person, not the firm.
_NOT_FIRM = {"LOC", "GPE", "FAC", "PERSON", "NORP", "WORK_OF_ART", "PRODUCT"}


@dataclass
class Unit:
    """A token or matched token sequence inside a sentence."""

    start: int
    end: int
    kind: str  # an Entry kind, or det / poss / of / name / namedash / paren / other
    entries: tuple[Entry, ...] = ()
    role: str = ""  # "backer" / "home" for hyphenated modifiers (see hyphens.py)


def _has_upper(tokens: list[Token]) -> bool:
    return any(t.text[:1].isupper() for t in tokens)


def _accept(entry: Entry, tokens: list[Token]) -> bool:
    if entry.guarded and not person_context(tokens, entry.guarded > 1):
        return False
    if entry.exact is not None:
        return exact_form("".join(t.text for t in tokens)) == entry.exact
    if entry.kind == "place":
        return _has_upper(tokens)
    if entry.ambiguous:
        # "Amazon" the firm, not "the Amazon" basin; "Shell" the firm, not an artillery shell.
        first = tokens[0]
        prev = first.doc[first.i - 1].lower_ if first.i else ""
        return (
            _has_upper(tokens)
            and prev != "the"
            and first.ent_type_ not in _NOT_FIRM
            and (first.ent_type_ == "ORG" or first.pos_ == "PROPN")
        )
    if entry.kind in PROPER:
        # Proper names must be capitalised ("turkey" the bird is not Turkey), and a country or
        # capital inside a longer PERSON name ("George Washington") is not the state.
        if not _has_upper(tokens):
            return False
        if entry.kind in ("country", "capital"):
            first, last = tokens[0], tokens[-1]
            nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
            # spaCy often tags "Sri Lanka's" as a PERSON: a possessive ending does not make
            # the name longer.
            if first.ent_type_ == "PERSON" and (
                first.ent_iob_ == "I"
                or (nxt is not None and nxt.ent_iob_ == "I" and nxt.tag_ != "POS")
            ):
                return False
    return True


def match_units(lex: Lexicon, sent: Span) -> list[Unit]:
    """Longest-match lexicon lookup over one sentence, returning a unit per token/match."""
    doc = sent.doc
    units: list[Unit] = []
    keys = [norm_key(t.text) for t in sent]
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        best: Unit | None = None
        if not tok.is_space and not tok.is_punct or tok.text in ("(",):
            key = ""
            for j in range(i, min(sent.end, i + lex.max_tokens)):
                if doc[j].is_space:
                    break
                key += keys[j - sent.start]
                if key not in lex.prefixes:
                    break
                entries = lex.lookup(key)
                # A match never ends on a dash: "Russian-" of "Russian-installed" is "Russian".
                if entries and doc[j].text not in ("-", "–", "‐"):
                    toks = list(doc[i : j + 1])
                    ok = tuple(e for e in entries if _accept(e, toks))
                    if ok and ok[0].kind == "sector" and _blocked(lex, key, doc, i, j + 1):
                        ok = ()
                    if ok:
                        best = Unit(i, j + 1, ok[0].kind, ok)
        if best is None:
            best = Unit(i, i + 1, _plain_kind(tok))
        units.append(best)
        i = best.end
    return apply_hyphens(units, doc, lex)


def _blocked(lex: Lexicon, key: str, doc: Doc, start: int, end: int) -> bool:
    """A sector word in a non-actor sense: "state actors", "the west bank of the river"."""
    before = lex.not_after.get(key)
    if before and start > 0 and doc[start - 1].lower_ in before:
        return True
    after = lex.not_before.get(key)
    if after and end < len(doc) and doc[end].lower_ in after:
        return True  # "the Ambassador Bridge": the title is part of a place name
    if after and end < len(doc) and doc[end].lower_ == "of":
        return any(t.lower_ in after for t in doc[end + 1 : end + 5])
    return False


def _plain_kind(tok: Token) -> str:
    low = tok.lower_
    if low in DETS:
        return "det"
    if low in ("'s", "'", "’s"):
        return "poss"
    if low == "of":
        return "of"
    if tok.text == "(":
        return "paren"
    if (
        tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "GPE", "LOC")
    ):
        return "name"
    if tok.ent_type_ == "PERSON" and tok.ent_iob_ == "I" and tok.is_lower and tok.is_alpha:
        # the second syllable of a hyphenated East Asian given name: "Wang Chao-ming" (the
        # chunker joins it over the hyphen)
        if tok.doc[tok.i - 1].text in ("-", "‐"):
            return "name"
    return "other"
