"""Place mentions of one parsed article, found and resolved once per document.

A *place mention* is a name the text may use for a place: every named entity that is not a
number, date or quantity (the small spaCy model calls many towns PERSON or ORG: "in Khan
Younis", "the Al Thawra District"), and every run of proper nouns outside an entity. A name
followed by an administrative word takes it in ("Idlib province", "Deir Ezzor Governorate").
Each mention is resolved with the gazetteer once, preferring the countries the article names
and, first of all, a country named right next to it ("the Syrian city of Aleppo", "Paris,
Texas"); the linker (:mod:`dyads.geo.linker`) decides which mention, if any, is an event's
place. Names NER calls a place (GPE, LOC, FAC) may resolve to towns of 1,000+ and districts;
other names only to major places (see :mod:`dyads.geo.gazetteer`).

:func:`doc_places` builds the index once per ``Doc`` (cached in ``doc.user_data``), so locating
every event of an article costs time linear in its length, not events x article length.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dyads.geo import containers
from dyads.geo.containers import Container
from dyads.geo.gazetteer import ADMIN_SUFFIXES, Gazetteer, bare_name, normalize
from dyads.geo.lexicon import Lexicon
from dyads.records import Location

TRUSTED_LABELS = frozenset({"GPE", "LOC", "FAC"})
_CACHE_KEY = "dyads.geo.places"
_ADMIN_WORDS = frozenset(ADMIN_SUFFIXES) | {"governorate", "municipality", "subdistrict"}
_LEADING = frozenset({"the", "a", "an"})
# Proper nouns outside entities that are dates, not places.
# fmt: off
_CALENDAR = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
})
# fmt: on


@dataclass(frozen=True)
class PlaceMention:
    """One name in the text that may stand for a place."""

    start: int  # token index (inclusive)
    end: int  # token index (exclusive)
    head: int  # token index of the name's syntactic head
    start_char: int
    end_char: int
    text: str
    label: str  # NER label, or "PROPN" for a proper-noun run outside any entity
    location: Location | None  # resolved with the article's context (None: not in gazetteer)
    within: frozenset[str] = frozenset()  # countries named right next to it
    # the larger place the words around it put it in (dyads.geo.containers); used to place a
    # name the gazetteer does not know, never by the linker's features
    container: Container | None = None
    # the administrative noun the text gives the name ("the province of Kirkuk", "the Aleppo
    # countryside" -> "province"): the name is then the division, not its capital city
    division: str | None = None

    @property
    def trusted(self) -> bool:
        """True when NER calls the name a place."""
        return self.label in TRUSTED_LABELS


@dataclass
class DocPlaces:
    """Every place mention of a document, by sentence, and the countries the article names."""

    by_sentence: dict[int, list[PlaceMention]] = field(default_factory=dict)
    countries: tuple[str, ...] = ()
    sent_start: list[int] = field(default_factory=list)  # token -> its sentence's first token
    ents_by_sentence: dict[int, list[Span]] = field(default_factory=dict)
    # per-sentence facts the rule finder computes once (countries the sentence names)
    named_by_sentence: dict[int, dict[int, str]] = field(default_factory=dict)

    def in_sentence(self, token: Token) -> list[PlaceMention]:
        """The mentions of the sentence that contains ``token``, in text order."""
        return self.by_sentence.get(self.sent_start[token.i], [])

    def ents(self, token: Token) -> list[Span]:
        """The named entities of the sentence that contains ``token``."""
        return self.ents_by_sentence.get(self.sent_start[token.i], [])


def doc_places(doc: Doc, gaz: Gazetteer | None = None) -> DocPlaces:
    """The place mentions of ``doc`` (computed once per document and gazetteer)."""
    if gaz is None:
        gaz = Gazetteer.default()
    cached = doc.user_data.get(_CACHE_KEY)
    if cached is not None and cached[0] is gaz:
        return cached[1]
    places = _build(doc, gaz, Lexicon.default())
    doc.user_data[_CACHE_KEY] = (gaz, places)
    return places


def _spans(doc: Doc, lex: Lexicon) -> list[tuple[int, int, str]]:
    """(start, end, label) of each candidate name, in text order, not overlapping."""
    out: list[tuple[int, int, str]] = []
    taken = [False] * len(doc)
    for ent in doc.ents:
        if ent.label_ in lex.not_place_labels:
            continue
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in _LEADING:
            start += 1
        if end < len(doc) and doc[end].lower_ in _ADMIN_WORDS:
            end += 1  # "Idlib province"
        if start >= end:
            continue
        out.append((start, end, ent.label_))
        for i in range(ent.start, end):
            taken[i] = True
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if taken[i] or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.lower_ in _CALENDAR:
            i += 1
            continue
        j = i + 1
        while (
            j < n
            and not taken[j]
            and doc[j].pos_ == "PROPN"
            and doc[j].text[:1].isupper()
            and doc[j].lower_ not in _CALENDAR
        ):
            j += 1
        if j < n and not taken[j] and doc[j].lower_ in _ADMIN_WORDS:
            j += 1
        out.append((i, j, "PROPN"))
        i = j
    out.sort()
    return out


def _head(doc: Doc, start: int, end: int) -> int:
    """The token of ``doc[start:end]`` whose head lies outside it (else the last)."""
    for i in range(start, end):
        h = doc[i].head.i
        if h < start or h >= end or h == i:
            return i
    return end - 1


def _within(doc: Doc, start: int, end: int, head: int, lex: Lexicon, gaz: Gazetteer) -> set[str]:
    """Countries named right next to a name: an adjective on it or on the noun it names
    ("the Syrian city of Aleppo"), or a country after a comma ("Paris, Texas")."""
    found: set[str] = set()
    node = doc[head]
    for _ in range(3):
        for child in node.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.text in lex.demonyms:
                found.add(lex.demonyms[child.text])
        if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ == "of":
            # "city of Aleppo" -> "city"; not "the US embassy in Brussels", where the
            # adjective is on the building, not on the place
            node = node.head.head
        elif node.dep_ in ("appos", "compound") and node.head is not node:
            node = node.head
        else:
            break
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].pos_ == "PROPN":
        j = end + 1
        while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and j - end < 3:
            j += 1
        loc = gaz.lookup(doc[end + 1 : j + 1].text)
        if loc is not None and loc.country and loc.precision in ("country", "admin1"):
            found.add(loc.country)
    return found


# Nouns that make a name a province or a district when they govern it ("the province of
# Kirkuk", "the provinces of Ghazni and Paktika") or follow it ("the northern Aleppo
# countryside": the rural governorate); the value is the suffix the gazetteer reads.
_DIVISION_BEFORE = {
    "province": "province", "provinces": "province", "governorate": "governorate",
    "governorates": "governorate", "district": "district", "districts": "district",
    "county": "county", "prefecture": "prefecture", "oblast": "oblast",
}  # fmt: skip
_DIVISION_AFTER = {"countryside": "province"}


def _division(doc: Doc, start: int, end: int) -> str | None:
    """The administrative noun that governs or follows the name at ``doc[start:end]``."""
    if end < len(doc) and doc[end].lower_ in _DIVISION_AFTER:
        return _DIVISION_AFTER[doc[end].lower_]
    i = start - 1
    while i >= 0 and doc[i].is_space:  # "the province of  Pattani" (wire copy's double space)
        i -= 1
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in _DIVISION_BEFORE:
        return _DIVISION_BEFORE[doc[i - 1].lower_]
    # "the provinces of Ghazni and Paktika": the second name of the pair
    if i >= 0 and doc[i].lower_ in ("and", ","):
        j = i - 1
        while j >= 0 and doc[j].pos_ == "PROPN":
            j -= 1
        if j >= 1 and doc[j].lower_ == "of" and doc[j - 1].lower_ in _DIVISION_BEFORE:
            return _DIVISION_BEFORE[doc[j - 1].lower_]
    return None


def _clean(span: Span) -> str:
    return bare_name(span.text)


def resolve_name(
    gaz: Gazetteer,
    text: str,
    trusted: bool,
    prefer: tuple[str, ...],
    within: frozenset[str],
) -> Location | None:
    """Resolve a mention's text. Trusted names (GPE/LOC/FAC) may be towns of 1,000+ or
    districts; other names must be major places and, unless a country or curated region, lie
    in the story's countries ("Hamas" is not Hamm, "Hassan" not Hassan, India)."""
    if trusted:
        return gaz.lookup(text, prefer, within, minor=True)
    story = set(within) | set(prefer)
    loc = gaz.lookup(text, prefer, within or story, primary_only=True)
    if loc is None:
        return None
    if loc.country in story or loc.precision in ("country", "region", "point"):
        return loc
    return None


def _build(doc: Doc, gaz: Gazetteer, lex: Lexicon) -> DocPlaces:
    sent_start = [0] * len(doc)
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            sent_start[i] = sent.start
    spans = _spans(doc, lex)
    # Pass 1: the countries the article names, most named first.
    counts: Counter[str] = Counter()
    for start, end, label in spans:
        if label in TRUSTED_LABELS:
            loc = gaz.lookup(_clean(doc[start:end]))
            if loc is not None and loc.country and loc.precision == "country":
                counts[loc.country] += 1
        elif label == "NORP":
            # "the Syrian army": a people's country is the story's too
            iso3 = lex.demonyms.get(doc[end - 1].text) or lex.demonyms.get(doc[end - 1].text[:-1])
            if iso3:
                counts[iso3] += 1
    countries = tuple(c for c, _ in counts.most_common())
    # Pass 2: each name resolved in that context.
    out = DocPlaces(countries=countries, sent_start=sent_start)
    for ent in doc.ents:
        out.ents_by_sentence.setdefault(sent_start[ent.start], []).append(ent)
    for start, end, label in spans:
        head = _head(doc, start, end)
        span = doc[start:end]
        text = _clean(span)
        within = frozenset(_within(doc, start, end, head, lex, gaz))
        trusted = label in TRUSTED_LABELS
        loc = resolve_name(gaz, text, trusted, countries, within)
        if loc is None and trusted and len(span) > 1:
            # "the Zaporizhzhia nuclear plant" (FAC) -> Zaporizhzhia
            # One word of a longer name must be a place in the story's countries ("Wadi
            # Barada" is not Wādi, India; "the Al-Bab Plateau" not Plateau State, Nigeria).
            story = set(countries) | within
            for tok in (doc[head], *[t for t in span if t.pos_ == "PROPN" and t.i != head]):
                if tok.text[:1].isupper():
                    loc = gaz.lookup(tok.text, countries, within, primary_only=True)
                    if loc is not None and (loc.country in story or loc.precision == "country"):
                        break
                    loc = None
        mention = PlaceMention(
            division=_division(doc, start, end),
            start=start,
            end=end,
            head=head,
            start_char=span.start_char,
            end_char=span.end_char,
            text=span.text,
            label=label,
            location=loc,
            within=within,
        )
        out.by_sentence.setdefault(sent_start[start], []).append(mention)
    for key, ms in out.by_sentence.items():
        found = containers.find(doc, ms, gaz, lex, countries)
        if found:
            out.by_sentence[key] = [
                dataclasses.replace(m, container=found.get(m.start)) for m in ms
            ]
    return out


__all__ = ["DocPlaces", "PlaceMention", "doc_places", "normalize", "resolve_name"]
