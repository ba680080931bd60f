"""People within one article: a person named once with a title keeps it for every mention.

News names a person in full with a title once ("Iran's Oil Minister Gholamreza Aqazadeh") and
then by surname ("Aqazadeh", "Mr Aqazadeh", "Aqazadeh's"). This pass, run on the phrase
mentions of the chunker, works in three steps:

1. *Apposition*: an unknown name next to a description that gives it a country or sector is
   that actor ("Gennady Gerasimov, chief of the Soviet Foreign Ministry's ...", "the Kenyan
   foreign minister, Raychelle Omamo", "Quebecor Inc, one of Canada's largest publishing
   companies").
2. *Anchors*: every person mention with a name and a code (titled phrases, dictionary people,
   appositions) is remembered by its surname and full name as written in the text. Any other
   mention of that surname takes the anchor's actor: the nearest anchor before it, else the
   first after it (headlines use surnames before the body names the person). The article wins
   over the dictionaries: a bare surname they read as someone else ("Darman", "Fernandez")
   takes the article's own person.
3. *Honorifics without an anchor*: "Mr Blair" with no fuller mention in the article is the one
   person of that surname the dictionaries have in office on the article's date, if there is
   exactly one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from spacy.tokens import Doc, Span, Token

from dyads.actors.lexicon import Lexicon, norm_key
from dyads.actors.model import Mention
from dyads.actors.people import nicknames
from dyads.records import Actor

# Words before a surname that say a person is meant; they join the mention's span.
HONORIFICS = frozenset(
    {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "lord", "lady", "dame",
     "baroness", "baron", "prof", "prof.", "professor"}
)  # fmt: skip
# Last words of firm names ("Quebecor Inc", "Cable and Wireless Plc"), lower case, no dot.
CORPORATE_SUFFIXES = frozenset(
    {"inc", "corp", "co", "plc", "ltd", "llc", "ag", "sa", "s.a", "nv", "n.v", "gmbh", "spa",
     "bhd", "pty", "kk", "ab", "asa", "oyj", "corporation", "incorporated", "limited"}
)  # fmt: skip
# Titles of British peers: members of the House of Lords (LEG) unless the article or the
# dictionaries say more.
_PEERS = frozenset({"lord", "baroness", "baron"})
# Honorifics followed by the given name ("Sir Ian", "Dame Stella").
_KNIGHTS = frozenset({"sir", "dame"})
# Mention kinds a surname mention may replace (a person the dictionaries misread).
_REPLACEABLE = {"person"}
_STOP_TEXT = {",", ";", ".", "(", ")", "said", "says", "told", ":", "--", "—"}
_APPOS_KINDS = {"description", "institution", "igo", "ngo", "group", "party", "company", "media"}


def _is_name_token(tok: Token, lex: Lexicon) -> bool:
    """A capitalised word that is part of a person's name, not a title or a place."""
    text = tok.text
    if not text[:1].isupper() or not any(c.isalpha() for c in text):
        return False
    if tok.lower_ in HONORIFICS or tok.ent_type_ in ("GPE", "NORP", "DATE", "ORG"):
        return tok.ent_type_ == "ORG" and tok.pos_ == "PROPN" and _unknown(tok, lex)
    return tok.pos_ == "PROPN" and _unknown(tok, lex)


def _unknown(tok: Token, lex: Lexicon) -> bool:
    """The word alone is no sector, neutral, place or organisation word of the lexicon."""
    return not any(
        e.kind in ("sector", "neutral", "country", "adj", "dem", "capital", "seat", "org", "media")
        for e in lex.lookup(norm_key(tok.text))
    )


def _name_tokens(doc: Doc, m: Mention, lex: Lexicon) -> list[Token]:
    """The trailing name words of a person mention: "Minister Gholamreza Aqazadeh" ->
    [Gholamreza, Aqazadeh]; "Mr Sayeed's" -> [Sayeed]."""
    end = m.end
    while end > m.start and doc[end - 1].lower_ in ("'s", "'", "’s"):
        end -= 1
    out: list[Token] = []
    i = end - 1
    while i >= m.start:
        tok = doc[i]
        if tok.text in ("-", "‐") and out and i > m.start:
            out.insert(0, tok)
        elif not out and _syllable(doc, tok, m.start):
            out.insert(0, tok)
        elif tok.text[:1].isupper() and tok.lower_ not in HONORIFICS and _unknown(tok, lex):
            out.insert(0, tok)
        elif out and tok.text[:1].isupper() and tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN":
            out.insert(0, tok)  # a first name that is also a word: "Jack Straw"
        else:
            break
        i -= 1
    while out and out[0].text in ("-", "‐"):
        out.pop(0)
    return out


def _syllable(doc: Doc, tok: Token, start: int) -> bool:
    """The lower-case second syllable of a hyphenated East Asian given name ("Chao-ming")."""
    return (
        tok.is_lower
        and tok.is_alpha
        and tok.i - 2 >= start
        and doc[tok.i - 1].text in ("-", "‐")
        and doc[tok.i - 2].text[:1].isupper()
    )


def surname_of(tokens: list[Token]) -> list[Token]:
    """The surname of a name written as ``tokens``: the last word ("Jorge Marcano"), a
    hyphenated last name ("Abu-Bakr"), or the first word of an East Asian name whose given
    name is hyphenated ("Wang Chao-ming", "Kim Dae-jung": the family name comes first)."""
    if (
        len(tokens) == 4
        and tokens[2].text in ("-", "‐")
        and tokens[3].is_lower
        and tokens[0].text[:1].isupper()
    ):
        return tokens[:1]
    if len(tokens) >= 3 and tokens[-2].text in ("-", "‐"):
        return tokens[-3:]
    return tokens[-1:]


def _key(tokens: list[Token]) -> str:
    return norm_key("".join(t.text for t in tokens))


@dataclasses.dataclass
class _Anchor:
    """A person named in the article with a code."""

    start: int
    actor: Actor
    surname: str
    full: str
    given: str = ""


def _anchors(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[_Anchor]:
    out: list[_Anchor] = []
    for m in mentions:
        if m.kind not in ("person", "description") or len(m.actors) != 1:
            continue
        a = m.actors[0]
        if m.kind == "description" and a.name is None:
            continue  # "Colombian Defense Minister Diego Molano" is a description with a name
        if not (a.country or a.sector or a.code):
            continue
        toks = _name_tokens(doc, m, lex)
        titled = (
            any(doc[i].lower_ not in HONORIFICS for i in range(m.start, toks[0].i))
            if toks
            else False
        )
        if not toks or (len(toks) == 1 and not titled):
            continue  # a bare surname is no anchor: the dictionary may have read it wrongly
        given = _key(toks[:1]) if len(toks) >= 2 else ""
        out.append(_Anchor(m.start, a, _key(surname_of(toks)), _key(toks), given))
    return out


def _with_span(a: Actor, span: Span, name: str | None) -> Actor:
    return Actor(
        a.code, a.country, a.sector, name or a.name, span.text, span.start_char, span.end_char
    )


def _name_runs(doc: Doc, lex: Lexicon) -> list[tuple[int, int]]:
    """Maximal runs of name words (hyphens inside kept): candidate person names."""
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(doc)
    while i < n:
        if not _is_name_token(doc[i], lex):
            i += 1
            continue
        j = i + 1
        while j < n:
            if _is_name_token(doc[j], lex) and doc[j].sent.start == doc[i].sent.start:
                j += 1
            elif (
                doc[j].text in ("-", "‐")
                and j + 1 < n
                and not doc[j - 1].whitespace_
                and not doc[j].whitespace_
                and _is_name_token(doc[j + 1], lex)
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _appositive(doc: Doc, start: int, end: int, by_start: dict[int, Mention]) -> Mention | None:
    """The description in apposition to the name at ``start:end`` (after or before it)."""
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("from", "of"):
        # "David Rogers, from the Local Government Association"
        # (a body with a sector only will take its country from context, and its member too)
        m = by_start.get(end + 2)
        if m is not None and m.kind in _APPOS_KINDS and len(m.actors) == 1 and m.actors[0].code:
            return m
    if end < len(doc) and doc[end].text == ",":
        head = doc[start:end].root
        appos = [c for c in head.children if c.dep_ == "appos" and c.i > end]
        if appos:
            lo, hi = end + 1, appos[0].right_edge.i + 1
            for k in range(lo, hi):
                m = by_start.get(k)
                if (
                    m is not None
                    and m.kind in _APPOS_KINDS
                    and _gives_actor(m, _own_body(doc, m, appos[0]))
                ):
                    return m
                if doc[k].text in _STOP_TEXT and k > lo:
                    break
    if start >= 2 and doc[start - 1].text == ",":
        # "the Kenyan foreign minister, Raychelle Omamo": the description right before
        for m in by_start.values():
            if m.end == start - 1 and m.kind == "description" and _gives_actor(m):
                if doc[m.start].lower_ in ("the", "a", "an") or doc[m.start - 1].tag_ == "POS":
                    h = doc[m.head]
                    if h.tag_ in ("NN", "NNP") and doc[start:end].root.head.i in (m.head, start):
                        return m
    return None


def _companies(doc: Doc, covered: dict[int, Mention], taken: set[tuple[int, int]]) -> list[Mention]:
    """Organisation names ending in a corporate suffix ("Quebecor Inc", "James Capel and Co.")
    are firms: sector BUS; a country comes from apposition or context, if at all."""
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ != "ORG" or len(ent) < 2:
            continue
        if ent[-1].text.rstrip(".").lower() not in CORPORATE_SUFFIXES:
            continue
        if any(t in covered for t in range(ent.start, ent.end)):
            continue
        if any(s <= ent.start < e for s, e in taken):
            continue
        actor = Actor("BUS", None, "BUS", ent.text, ent.text, ent.start_char, ent.end_char)
        out.append(Mention(ent.start, ent.end, ent.root.i, (actor,), "company"))
    return out


def _surnames_read_as_places(
    doc: Doc, lex: Lexicon, anchors: list[_Anchor], covered: dict[int, Mention]
) -> list[tuple[int, int]]:
    """Lone words the entity recogniser calls a place that are the surname of a person the
    article has named ("U.S. Trade Representative Clayton Yeutter ... Yeutter said", the last
    one tagged GPE): no place word of the lexicon and no city of the town table."""
    surnames = {a.surname for a in anchors}
    out: list[tuple[int, int]] = []
    for tok in doc:
        if tok.ent_type_ not in ("GPE", "LOC") or tok.i in covered or tok.pos_ != "PROPN":
            continue
        if tok.ent_iob_ != "B" or (tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I"):
            continue  # only a one-word name
        key = _key([tok])
        if key in surnames and _unknown(tok, lex) and norm_key(tok.text) not in lex.cities:
            out.append((tok.i, tok.i + 1))
    return out


def _gives_actor(m: Mention, sector_only: bool = False) -> bool:
    """Whether ``m`` codes the person it describes; ``sector_only``: a sector without a country
    is enough (the apposition's own noun or the body it is head of, see ``_own_body``)."""
    if len(m.actors) != 1:
        return False
    a = m.actors[0]
    # A body's own name is no obstacle ("the EC delegation"); another person's is.
    named_person = a.name is not None and m.kind in ("person", "description")
    if named_person:
        return False
    # A body or role that gives a sector is enough without a country ("Mark Quibble, leader of
    # the PCS union", "a farmer"): the person takes the country from context as the body does.
    # Civilians say nothing ("a resident").
    return bool(a.country or a.code.startswith(("IGO", "NGO", "IMG"))) or (
        sector_only and a.sector is not None and a.sector != "CVL"
    )


def _own_body(doc: Doc, m: Mention, appos: Token) -> bool:
    """``m`` is the apposition's own noun or the body it is of, for or at ("leader of the PCS
    union"), not a party named further in ("an intelligence chief linked to the president")."""
    head = doc[m.head]
    if head.i == appos.i:
        return True
    return (
        head.dep_ == "pobj"
        and head.head.lower_ in ("of", "for", "at")
        and head.head.head.i == appos.i
    )


def resolve_names(
    doc: Doc, base: list[Mention], lex: Lexicon, when: dt.date | None
) -> list[Mention]:
    """``base`` with appositions, article-internal surname mentions and honorific surnames
    resolved (see module docstring)."""
    mentions = sorted(base, key=lambda m: m.start)
    covered: dict[int, Mention] = {}
    for m in mentions:
        for t in range(m.start, m.end):
            covered.setdefault(t, m)
    by_start = {m.start: m for m in mentions}
    runs = _name_runs(doc, lex)
    added: list[Mention] = []
    # 1. apposition
    for start, end in runs:
        if any(t in covered for t in range(start, end)):
            continue
        d = _appositive(doc, start, end, by_start)
        if d is None:
            continue
        span = doc[start:end]
        a = d.actors[0]
        person = any(t.ent_type_ == "PERSON" for t in span)
        kind = "person" if person else ("company" if a.sector == "BUS" else "group")
        name = span.text
        added.append(Mention(start, end, span.root.i, (_with_span(a, span, name),), kind))
    added.extend(_companies(doc, covered, {(m.start, m.end) for m in added}))
    for m in added:
        for t in range(m.start, m.end):
            covered[t] = m
    mentions = sorted(mentions + added, key=lambda m: m.start)
    # 2. anchors
    anchors = _anchors(doc, mentions, lex)
    if not anchors and not runs:
        return mentions
    # Surnames of people the article names in full: "Mr Howard" is that Michael Howard, never
    # the one person of that surname the dictionaries have in office (John Howard).
    named = {_key([doc[e - 1]]) for s, e in runs if e - s >= 2}
    runs = sorted(runs + _surnames_read_as_places(doc, lex, anchors, covered))
    replaced: set[int] = set()
    resolved: list[Mention] = []
    for start, end in runs:
        made = _resolve_run(doc, start, end, anchors, covered, lex, when, named)
        if made is None:
            continue
        replaced.update(id(covered[t]) for t in range(made.start, made.end) if t in covered)
        for t in range(made.start, made.end):
            covered[t] = made
        resolved.append(made)
    return [m for m in mentions if id(m) not in replaced] + resolved


def _resolve_run(
    doc: Doc,
    start: int,
    end: int,
    anchors: list[_Anchor],
    covered: dict[int, Mention],
    lex: Lexicon,
    when: dt.date | None,
    named: set[str],
) -> Mention | None:
    """A mention for the name run ``start:end`` from an anchor or an honorific, or None."""
    inside = {id(covered[t]): covered[t] for t in range(start, end) if t in covered}
    if any(m.kind not in _REPLACEABLE for m in inside.values()):
        return None
    lo = start
    honorific = lo > 0 and doc[lo - 1].lower_ in HONORIFICS
    if honorific:
        lo -= 1
    existing = list(inside.values())
    if existing:
        ex = existing[0]
        if len(existing) > 1 or ex.start < lo or ex.end > end + 1:
            return None  # part of a longer titled phrase: it is an anchor itself
        lo = min(lo, ex.start)
    toks = list(doc[start:end])
    full, surname = _key(toks), _key(toks[-1:])
    # "Dick Darman" after "Deputy Treasury Secretary Richard Darman": one person
    fulls = {full} | {norm_key(formal) + _key(toks[1:]) for formal in _formal(toks[0].lower_)}
    cands = [a for a in anchors if a.full in fulls] or [
        a for a in anchors if a.surname == surname and len(toks) == 1
    ]
    if not cands and honorific and len(toks) == 1 and doc[lo].lower_ in _KNIGHTS:
        # a knight or dame is "Sir Ian" after "Police Commissioner Sir Ian Blair": the given
        # name, not the surname (British usage)
        cands = [a for a in anchors if a.given == surname]
    cands = [a for a in cands if not (lo <= a.start < end)]
    span = doc[lo:end]
    if cands:
        before = [a for a in cands if a.start < start]
        anchor = before[-1] if before else cands[0]
        if existing and existing[0].actors[0] == anchor.actor:
            return None
        return Mention(lo, end, span.root.i, (_with_span(anchor.actor, span, None),), "person")
    if honorific and not existing and len(toks) == 1 and surname not in named:
        person = lex.people.sole_in_office(surname, when)
        if person is not None:
            role, _ = person.role_at(when)
            if role.country.startswith(("IGO", "NGO", "IMG")):
                code, country, sector = role.country, None, None
            else:
                code, country, sector = (
                    role.country + (role.sector or ""),
                    role.country,
                    role.sector,
                )
            actor = Actor(
                code, country, sector, person.name, span.text, span.start_char, span.end_char
            )
            return Mention(lo, end, span.root.i, (actor,), "person")
        if doc[lo].lower_ in _PEERS:
            # "Lord Faulkner of Worcester": a peer no dictionary knows sits in the Lords.
            actor = Actor(
                "GBRLEG", "GBR", "LEG", span.text, span.text, span.start_char, span.end_char
            )
            return Mention(lo, end, span.root.i, (actor,), "person")
    return None


def _formal(given: str) -> list[str]:
    """The formal given names of which ``given`` is a short form ("dick" -> ["richard"])."""
    return [formal for formal, short in nicknames().items() if given in short]
