"""The larger place a place mention lies in, read from the words around it.

Wire copy names villages, districts and neighbourhoods that no offline gazetteer holds, but it
almost always says where they are: "Muuri village in Lower Shabelle", "the Sayid Karam
district of Paktia", "Buram locality, South Darfur", "the Harare township of Highfield",
"Karradah neighbourhood in central Baghdad", "Dura, south of Baghdad". A *container* is that
larger place, resolved; :func:`fit` uses it to place a mention the gazetteer does not know at
the container's level (a village in Lower Shabelle: Somalia, Lower Shabelle, precision
``admin1``), and to reject a namesake in another country or province ("the Al-Bab Plateau of
east Aleppo" is not Plateau State, Nigeria).

Only linear patterns are read (the small parser often attaches "in Y" to the verb rather than
to the place before it):

- ``X [noun] in|inside|on [the noun of] Y``, ``X noun of Y`` (a place noun before "of": "Gulf of Guinea" and
  "Bank of England" say nothing about containment), ``X [noun], Y`` when Y is a province or a
  country (and not the next item of a list) -- the place lies in Y;
- ``Y's X`` and ``Y noun of X`` ("the East Darfur cities of Muhajeriya") -- the same;
- ``X, near Y``, ``X, south of Y`` -- only Y's country is known.

A container the gazetteer does not know passes on its own container ("Kirikiri Town, in Apapa
area of Lagos State"), and the items of a list share the container of the last one ("Soran and
Maharda in the province of Hama").
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from dyads.geo.gazetteer import Gazetteer, bare_name
from dyads.geo.lexicon import Lexicon
from dyads.records import Location

if TYPE_CHECKING:
    from dyads.geo.mentions import PlaceMention

INSIDE = "in"
NEAR = "near"
_INSIDE_PREPS = frozenset({"in", "inside", "on", "within"})
_NEAR_PREPS = frozenset({"near", "outside", "from"})
_USABLE = frozenset({"country", "admin1", "admin2", "city"})
# How far (km) a place read as lying in a container may be from the container's point: a
# district's or a city's neighbourhood is close to it, a province's town within its extent.
_RADIUS_KM = {"city": 60.0, "admin2": 120.0, "admin1": 400.0}
_MAX_DEPTH = 3


@dataclass(frozen=True)
class Container:
    """The larger place a mention lies in (``relation`` ``in``) or lies near (``near``: only
    its country is known); ``comma`` when read from "X, Y" alone, which is weaker."""

    location: Location
    relation: str
    comma: bool = False


def find(
    doc: Doc,
    mentions: Sequence[PlaceMention],
    gaz: Gazetteer,
    lex: Lexicon,
    prefer: Sequence[str],
) -> dict[int, Container]:
    """Containers of the mentions of one sentence, keyed by the mention's first token."""
    by_start = {m.start: m for m in mentions}
    by_end = {m.end: m for m in mentions}
    memo: dict[int, Container | None] = {}

    def resolved(m: PlaceMention) -> Location | None:
        loc = m.location
        if loc is None:
            loc = gaz.lookup(bare_name(m.text), prefer)
        if loc is None or loc.precision not in _USABLE:
            return None
        return loc

    def of(m: PlaceMention, depth: int) -> Container | None:
        if m.start in memo:
            return memo[m.start]
        memo[m.start] = None  # guards a cycle
        found = _direct(doc, m, by_start, by_end, lex)
        result: Container | None = None
        if found is not None:
            outer, relation, comma = found
            loc = resolved(outer)
            if loc is not None and comma and loc.precision not in ("admin1", "country"):
                loc = None  # "Aleppo, Homs": two places of a list
            if loc is not None:
                result = Container(loc, relation, comma)
            elif depth < _MAX_DEPTH and not comma:
                inner = of(outer, depth + 1)
                if inner is not None:
                    rel = NEAR if NEAR in (relation, inner.relation) else INSIDE
                    result = Container(inner.location, rel, inner.comma)
        memo[m.start] = result
        return result

    out = {}
    for m in mentions:
        c = of(m, 1)
        if c is not None:
            out[m.start] = c
    # "the settlements of Soran and Maharda in the province of Hama": every item of a list
    # lies where its last item does (from the last item back, so a list of three chains)
    for m in sorted(mentions, key=lambda m: -m.start):
        if m.start in out or m.end + 1 >= len(doc) or doc[m.end].lower_ not in ("and", ","):
            continue
        nxt = by_start.get(m.end + 1)
        c = out.get(nxt.start) if nxt is not None else None
        if c is not None and c.relation == INSIDE and not c.comma:
            out[m.start] = c
    return out


def _direct(
    doc: Doc,
    m: PlaceMention,
    by_start: dict[int, PlaceMention],
    by_end: dict[int, PlaceMention],
    lex: Lexicon,
) -> tuple[PlaceMention, str, bool] | None:
    """The mention next to ``m`` that names the place ``m`` lies in, with the relation."""
    n = len(doc)
    nouned = doc[m.end - 1].lower_ in lex.container_nouns
    i = m.end
    if i < n and doc[i].lower_ in lex.container_nouns:
        nouned = True
        i += 1
    comma = False
    if i < n and doc[i].text == ",":
        comma = True
        i += 1
    relation = INSIDE
    word = doc[i].lower_ if i < n else ""
    if word in _INSIDE_PREPS or (word == "of" and nouned):
        comma = False
        i += 1
    elif word in _NEAR_PREPS and comma:
        relation, comma = NEAR, False
        i += 1
    elif comma and i + 1 < n and word in lex.direction_words and doc[i + 1].lower_ == "of":
        relation, comma = NEAR, False  # "Dura, south of Baghdad"
        i += 2
    elif not comma:
        i = -1
    while 0 <= i < n and i not in by_start and doc[i].lower_ in lex.direction_words:
        i += 1  # "in central Baghdad"; but "South Darfur" is a name
    if (
        word in _INSIDE_PREPS
        and 0 <= i < n - 2
        and i not in by_start
        and doc[i].lower_ in lex.container_nouns
        and doc[i + 1].lower_ == "of"
    ):
        i += 2  # "in the province of Hama"
    outer = by_start.get(i) if i >= 0 else None
    if outer is not None and comma:
        after = doc[outer.end].lower_ if outer.end < n else ""
        if after in ("and", "or", "&") or (after == "," and _listed(doc, outer.end, by_start)):
            outer = None  # "Aleppo, Idlib and Hama"
    if outer is not None:
        return outer, relation, comma
    # Before the name: "the East Darfur cities of Muhajeriya", "Baghdad's Karradah district"
    j = m.start - 1
    if j >= 1 and doc[j].lower_ == "of" and doc[j - 1].lower_ in lex.container_nouns:
        before = by_end.get(j - 1)
        if before is None and j >= 2 and doc[j - 2].text in ("'s", "\u2019s"):
            before = by_end.get(j - 2)  # "Aleppo's district of Salah al-Din"
        if before is not None:
            return before, INSIDE, False
    if j >= 0 and doc[j].text in ("'s", "\u2019s"):
        before = by_end.get(j)
        if before is not None:
            return before, INSIDE, False
    return None


def _listed(doc: Doc, i: int, by_start: dict[int, PlaceMention]) -> bool:
    """True when token ``i`` (a comma) is followed by another place: the items of a list."""
    return i + 1 < len(doc) and (i + 1) in by_start


def _km(a: Location, b: Location) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def consistent(loc: Location, c: Container) -> bool:
    """True when ``loc`` can lie in (or near) the container."""
    outer = c.location
    if loc.country != outer.country or loc.precision == "country":
        return loc.precision == "country" and c.relation == NEAR and loc.country == outer.country
    if c.relation == NEAR or outer.precision == "country":
        return True
    km = _km(loc, outer)
    if km is not None:
        return km <= _RADIUS_KM.get(outer.precision or "", 400.0)
    return not (loc.admin1 and outer.admin1) or loc.admin1 == outer.admin1


def placed(text: str, c: Container, gaz: Gazetteer) -> Location:
    """A place the gazetteer does not know, located at its container's level: its name as
    written, the container's country (and province, district or town when it lies in one),
    the container's point, and a precision saying how coarse that point is."""
    outer = c.location
    admin1: str | None
    admin2: str | None
    precision: str | None
    if c.relation == NEAR or outer.precision == "country":
        # only the country is known: the country's own point
        country = gaz.country(outer.country) if outer.country else None
        base, admin1, admin2, precision = country or outer, None, None, "country"
    else:
        base, admin1, precision = outer, outer.admin1, outer.precision
        admin2 = outer.admin2 if outer.precision in ("admin2", "city") else None
    return Location(
        name=text,
        country=outer.country,
        lat=base.lat,
        lon=base.lon,
        geonameid=None,
        admin1=admin1,
        admin2=admin2,
        precision=precision,
    )


def fit(loc: Location | None, text: str, c: Container | None, gaz: Gazetteer) -> Location | None:
    """``loc`` (the name's own resolution, or None) checked against its container: kept when
    it lies there, else the name's namesake inside the container's country, else the name
    placed at the container's level. A container read from "X, Y" alone only places a name
    the gazetteer does not know."""
    if c is None:
        return loc
    if loc is not None and (c.comma or consistent(loc, c)):
        if (
            loc.admin1 is None
            and c.relation == INSIDE
            and c.location.precision in ("admin1", "admin2", "city")
            and loc.country == c.location.country
        ):
            # "Buram locality, South Darfur": a town the table gives no province takes its
            # container's
            loc = dataclasses.replace(loc, admin1=c.location.admin1)
        return loc
    cc = c.location.country
    if cc:
        alt = gaz.lookup(text, [cc], [cc], minor=True)
        if alt is not None and alt.precision != "country" and consistent(alt, c):
            return alt
    return placed(text, c, gaz)


__all__ = ["Container", "consistent", "find", "fit", "placed"]
