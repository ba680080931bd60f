"""Hyphenated modifiers built on a country or organisation name: "Iran-backed", "Saudi-led".

The rule (CAMEO practice: code the group, not its backer or supplier):
- backer/supplier compounds ("Iran-backed militias", "Russian-installed officials", "U.S.-made
  missiles", "pro-Russian separatists", "anti-Western protesters") drop the named country: the
  phrase is coded from its head noun alone (``REB``, ``GOV``), and a country comes only from the
  place the group is in ("... separatists in Donetsk", see :func:`country_of_place_after`);
- leader/home compounds ("Saudi-led coalition", "US-led forces", "a Dubai-based company",
  "Russian-owned tanker") keep the country: the named state leads or owns the group
  ("Saudi-led coalition" -> SAU + MIL, "coalition" being a weak MIL word);
- dual nationalities ("British-Egyptian activist") take the first nationality.
Both work whether spaCy splits the compound ("Iran", "-", "backed") or not ("U.S.-made").
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from dyads.actors.lexicon import Entry, Lexicon, norm_key

if TYPE_CHECKING:
    from dyads.actors.matching import Unit
    from dyads.geo import Gazetteer

BACKER = frozenset(
    {
        "backed", "installed", "appointed", "allied", "aligned", "funded", "sponsored",
        "supported", "armed", "trained", "controlled", "linked", "affiliated", "leaning",
        "inspired", "friendly", "imposed", "made", "built", "supplied", "designed",
        "manufactured", "produced", "developed", "brokered", "mediated", "occupied", "held",
        "annexed", "proxy",
    }
)  # fmt: skip
HOME = frozenset(
    {"led", "based", "owned", "run", "flagged", "registered", "headquartered", "dominated"}
)
PREFIXES = frozenset({"pro", "anti", "non"})
_NAMED = {"country", "capital", "adj", "dem", "seat", "org", "person"}
_NATIONALITY = {"adj", "dem"}
_DASHES = {"-", "–", "‐"}


def apply_hyphens(units: list[Unit], doc: Doc, lex: Lexicon) -> list[Unit]:
    """Rewrite the units of one sentence for hyphenated modifiers (see module docstring)."""
    from dyads.actors.matching import Unit

    out: list[Unit] = []
    k = 0
    while k < len(units):
        u = units[k]
        nxt = units[k + 1] if k + 1 < len(units) else None
        third = units[k + 2] if k + 2 < len(units) else None
        # "Iran - backed": a name, a dash, a participle, written without spaces.
        if (
            u.kind in _NAMED
            and nxt is not None
            and third is not None
            and _is_dash(doc, nxt)
            and third.end - third.start == 1
            and not doc[u.end - 1].whitespace_
            and not doc[nxt.start].whitespace_
        ):
            word = doc[third.start].lower_
            if word in BACKER:
                out.append(Unit(u.start, third.end, "neutral", role="backer"))
                k += 3
                continue
            if word in HOME:
                out.extend([_as_country(u), Unit(nxt.start, third.end, "neutral", role="home")])
                k += 3
                continue
        # "British - Egyptian activist": a dual nationality is coded by its FIRST country (a
        # documented rule: one actor per person, and news usually puts first the nationality
        # that makes the story, e.g. a Briton detained abroad).
        if (
            u.kind in _NATIONALITY
            and nxt is not None
            and third is not None
            and _is_dash(doc, nxt)
            and third.kind in _NATIONALITY
            and not doc[u.end - 1].whitespace_
            and not doc[nxt.start].whitespace_
        ):
            out.append(Unit(u.start, third.end, u.kind, u.entries, u.role))
            k += 3
            continue
        # "pro - Russian", "anti - Western": the stance is not the actor.
        if (
            u.end - u.start == 1
            and doc[u.start].lower_ in PREFIXES
            and nxt is not None
            and third is not None
            and _is_dash(doc, nxt)
            and third.kind in _NAMED
        ):
            out.append(Unit(u.start, third.end, "neutral", role="backer"))
            k += 3
            continue
        if u.kind in ("other", "name") and u.end - u.start == 1:
            single = _single_token(doc, u.start, lex)
            if single is not None:
                out.append(single)
                k += 1
                continue
        out.append(u)
        k += 1
    return out


def _is_dash(doc: Doc, u: Unit) -> bool:
    return u.end - u.start == 1 and doc[u.start].text in _DASHES


def _single_token(doc: Doc, i: int, lex: Lexicon) -> Unit | None:
    """One token holding the whole compound: "U.S.-made", "pro-Turkish", "Kremlin-backed"."""
    from dyads.actors.matching import Unit

    text = doc[i].text
    if "-" not in text:
        return None
    left, _, right = text.rpartition("-")
    if left.lower() in PREFIXES and right[:1].isupper():
        if _named_entries(lex, right):
            return Unit(i, i + 1, "neutral", role="backer")
        return None
    if not left[:1].isupper():
        return None
    entries = _named_entries(lex, left)
    if not entries:
        return None
    if right.lower() in BACKER:
        return Unit(i, i + 1, "neutral", role="backer")
    if right.lower() in HOME:
        return _as_country(Unit(i, i + 1, entries[0].kind, entries, role="home"))
    if entries[0].kind in _NATIONALITY and any(
        e.kind in _NATIONALITY for e in _named_entries(lex, right)
    ):
        return Unit(i, i + 1, entries[0].kind, entries)  # "British-Egyptian": the first
    return None


def _as_country(u: Unit) -> Unit:
    """ "London-based": the capital names where the group is, not the government."""
    from dyads.actors.matching import Unit

    if u.kind != "capital":
        return u
    entries = tuple(Entry("country", country=e.country) for e in u.entries)
    return Unit(u.start, u.end, "country", entries, role=u.role)


def _named_entries(lex: Lexicon, text: str) -> tuple[Entry, ...]:
    return tuple(e for e in lex.lookup(norm_key(text)) if e.kind in _NAMED)


@functools.lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    from dyads.geo import Gazetteer

    return Gazetteer.default()


def country_of_place_after(doc: Doc, end: int, lex: Lexicon) -> str | None:
    """The country of a place right after a group phrase: "separatists in (eastern) Donetsk"."""
    countries, _ = places_after(doc, end, lex)
    return countries[0] if countries else None


def country_of_place_at(doc: Doc, i: int, lex: Lexicon | None = None) -> str | None:
    """The country of a place name starting at token ``i`` ("Xinjiang" -> CHN), if any."""
    from dyads.actors.lexicon import load_lexicon

    found = _one_place(doc, i, lex or load_lexicon())
    return found[0] if found else None


def capital_at(doc: Doc, k: int, lex: Lexicon) -> bool:
    """Whether a capital city's name starts at token ``k`` (a single-word lookup)."""
    if k >= len(doc):
        return False
    for stop in (k + 1, k + 2, k + 3):
        if stop > len(doc):
            break
        if any(e.kind == "capital" for e in lex.lookup(norm_key(doc[k:stop].text))):
            return True
    return False


def places_after(doc: Doc, end: int, lex: Lexicon) -> tuple[list[str], int]:
    """(countries, end token) of "in/from PLACE[, PLACE] [and PLACE]" starting at token ``end``.

    "police from Spain and Portugal" -> ESP, PRT. Countries and capitals come from the lexicon;
    other names from the GeoNames gazetteer of :mod:`dyads.geo` (loaded lazily, only when such a
    phrase occurs). Returns ``([], end)`` when no place follows.
    """
    if end >= len(doc) or doc[end].lower_ not in ("in", "from"):
        return [], end
    countries: list[str] = []
    k, last = end + 1, end
    while True:
        found = _one_place(doc, k, lex)
        if found is None:
            break
        country, k = found
        if country not in countries:
            countries.append(country)
        last = k
        # A list goes on after "," / "and" / ", and" with another place.
        while k < len(doc) and doc[k].lower_ in (",", "and"):
            k += 1
        if k == last:
            break
    return countries, last


def _one_place(doc: Doc, k: int, lex: Lexicon) -> tuple[str, int] | None:
    """(country, end token) of one place name starting at or just after token ``k``."""
    while k < len(doc) and (doc[k].lower_ == "the" or doc[k].pos_ == "ADJ" and doc[k].is_lower):
        k += 1
    if k >= len(doc) or not doc[k].text[:1].isupper():
        return None
    # The longest capitalised run: "South Sudan", "Nagorno - Karabakh".
    j = k
    while j < len(doc) and j - k < 4 and (doc[j].text[:1].isupper() or doc[j].text in _DASHES):
        j += 1
    for stop in range(j, k, -1):
        entries = lex.lookup(norm_key(doc[k:stop].text))
        if any(e.kind == "place" for e in entries):
            break  # "British Columbia" is a place of its own, not Britain: ask the gazetteer
        for e in entries:
            if e.kind in ("country", "capital", "adj") and e.country:
                return e.country, stop
    if doc[k].ent_type_ not in ("GPE", "LOC", "") or doc[k].pos_ != "PROPN":
        return None
    loc = _gazetteer().lookup(doc[k:j].text, primary_only=True)
    return (loc.country, j) if loc is not None and loc.country else None
