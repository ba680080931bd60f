"""Sectors of names no dictionary knows, from the words the article puts beside them.

``unknowns.py`` keeps a PERSON or ORG name that no dictionary lists and gives it the country of
its context, but no sector: "French cameraman Gilles Jacquier" came out as FRA, "General Wissam
al-Hassan, an intelligence chief" as LBN. The article usually says what the actor is, in one of
two places this module reads:

- *a title before the name*, the nouns of its own noun phrase that lean on it ("cameraman",
  "General"): spaCy attaches them to the name as compounds (adjectives such as "public" in
  "public finance director" qualify the title and are not read);
- *an apposition*, the noun phrase set beside the name ("Lisa Power, head of policy at Aids
  charity ...", "Wissam al-Hassan, an intelligence chief linked to Hariri").

Each word (and each pair of adjacent words: "intelligence chief") is looked up among the
lexicon's sector words; only full-weight words count ("leader" and "official" are weak: a
"union leader" is no government), and the title wins over the apposition. The apposition is
read only up to its first clause ("... who said ..."), whose words describe something else.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dyads.actors.lexicon import Lexicon, norm_key

_TITLE_DEPS = {"compound", "amod", "nmod", "nn"}
_CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp"}
# The most words of an apposition read: its head and what qualifies it, not the whole sentence.
_MAX_APPOS = 10


def _sector_of(words: list[Token], lex: Lexicon) -> str | None:
    """The sector of the strongest full-weight sector word (or word pair) in ``words``; the
    first one on a tie (they are given nearest the name first)."""
    best: tuple[int, str] | None = None
    for k, tok in enumerate(words):
        texts = [tok.text]
        if k + 1 < len(words) and words[k + 1].i == tok.i + 1:
            texts.insert(0, f"{tok.text} {words[k + 1].text}")
        for text in texts:
            for e in lex.lookup(norm_key(text)):
                if e.kind == "sector" and e.sector and e.weight >= 2:
                    if best is None or e.weight > best[0]:
                        best = (e.weight, e.sector)
    return best[1] if best else None


def _title_words(doc: Doc, span: Span) -> list[Token]:
    """The words before the name that modify it, nearest first."""
    out: list[Token] = []
    inside = set(range(span.start, span.end))
    i = span.start - 1
    while i >= 0:
        tok = doc[i]
        if tok.is_punct or tok.dep_ not in _TITLE_DEPS or tok.head.i not in inside:
            break
        # nouns say what a person is; adjectives only qualify it ("public finance director")
        if tok.pos_ in ("NOUN", "PROPN"):
            out.append(tok)
        inside.add(i)
        i -= 1
    return sorted(out, key=lambda t: -t.i)


def _appos_words(span: Span) -> list[Token]:
    """The words of an apposition to the name, in text order, up to its first clause."""
    root = span.root
    heads = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    if not heads and root.dep_ == "appos" and root.head.i < span.start:
        heads = [root.head]
    if not heads:
        return []
    head = heads[0]
    skip = {t.i for c in head.children if c.dep_ in _CLAUSE_DEPS for t in c.subtree}
    words = [t for t in head.subtree if t.i not in skip and not (span.start <= t.i < span.end)]
    near = sorted(words, key=lambda t: (t.i != head.i, abs(t.i - head.i)))
    return sorted(near[:_MAX_APPOS], key=lambda t: t.i)


def name_sector(doc: Doc, span: Span, lex: Lexicon) -> str | None:
    """The sector the article gives an unknown name (see module docstring), or None."""
    return _sector_of(_title_words(doc, span), lex) or _sector_of(_appos_words(span), lex)
