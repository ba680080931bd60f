"""An offline gazetteer: place names -> GeoNames places, with a documented ambiguity rule.

Data: ``data/gazetteer.npz`` (see :mod:`dyads.geo.table`; built by
``scripts/build_gazetteer.py``): countries; first-level subdivisions (US states from GeoNames,
every other country's provinces, states and regions from pycountry's ISO 3166-2 table with the
English names of ``data/subdivisions.yaml``); second-level divisions (districts, counties) named
in GeoNames' admin2 column; GeoNames towns of 1,000+ people with their admin1/admin2 names;
plus ``data/regions.yaml`` (regions, seas and landmark venues). Lookups are O(1) dictionary
hits on a normalised key; a place becomes a Python object only when a lookup returns it. A
subdivision's population is the summed population of its towns (a lower bound, on one scale
with towns). Towns under 15,000 ("minor" places) answer only to their primary name, and only
lookups of names NER calls a place reach them: ``primary_only`` and acronym lookups (used for
words NER does not call a place) see the major places only, as before towns of 1,000+ came in.

Ambiguity rule (``Gazetteer.lookup``), applied to all places sharing the normalised name:

1. A curated region/sea/landmark wins (they are listed precisely because news means them).
2. Otherwise each candidate scores ``log10(population)``, plus 3 for a country (so "Mexico"
   is the country, not a city whose alternate name is Mexico, nor the State of Mexico), minus
   1 for a first-level subdivision (a tenfold handicap: "Washington", "São Paulo" and "Rio de
   Janeiro" are the cities, but "Ontario", ninety times the size of Ontario, California, is
   the Canadian province, and "Punjab" is Pakistan's, five times the size of India's), plus 0.7
   when the name is the place's primary name rather than an alternate (so "Pokrovsk" is the
   Ukrainian town, not a Russian city once called so; a national capital under its own name
   gets 1 more, so "Islamabad" is not Chattogram, once called so; and "Victoria", an alternate name of
   Hong Kong, stays Hong Kong rather than the Australian state), plus 0.5 when its country is in
   ``prefer_countries`` (the countries of the event's actors: a threefold population handicap,
   which keeps Geneva, Athens and Paris European in stories about the US, and makes Victoria
   the state in a story about Australia). Highest score wins.
   ``within_countries`` is the stronger signal of a country named next to the place ("Tripoli,
   Lebanon", "the Lebanese city of Tripoli"): candidates there are taken first.
3. When the winner is a country or subdivision whose country is not preferred, a same-named
   subdivision of a preferred country takes its place: over another country's subdivision
   ("Punjab" in a story about India is India's), and, for US states only, over a country
   ("Georgia" in a story about the US alone is the state; "Niger" stays the country in a story
   about Nigeria, where "Niger State" names the state).
4. When the winner matched on an alternate name and a same-country place of the same kind
   matches on its primary name, the primary-name place wins ("New Delhi" is not "Delhi").

Names ending in an administrative word ("Donetsk region", "Idlib province", "Shan state")
resolve under the name as written, without a geonameid when the area is not itself a
subdivision with one: to the subdivision of that name ("Shan", "Punjab"), or, for a city's
name, to the same-country subdivision that also answers to it ("Donetsk" is also Donetsk
Oblast's name), else to the city's coordinates and country, since the area is not the city.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any, NamedTuple

import numpy as np
import yaml

from dyads.errors import DataFileError
from dyads.geo.table import Table, read_table
from dyads.records import Location

KINDS = ("country", "admin1", "admin2", "city", "region", "sea", "landmark")
_TABLE_KINDS = ("country", "admin1", "admin2", "city")  # table kind codes C, A, D, P
# kind -> (GeoNames feature class, feature code, precision)
FEATURES = {
    "country": ("A", "PCLI", "country"),
    "admin1": ("A", "ADM1", "admin1"),
    "admin2": ("A", "ADM2", "admin2"),
    "city": ("P", "PPL", "city"),
    "region": ("L", "RGN", "region"),
    "sea": ("H", "SEA", "region"),
    "landmark": ("S", None, "point"),
}
CURATED_KINDS = frozenset({"region", "sea", "landmark"})
# Words after a name that turn a city name into "the area around it".
ADMIN_SUFFIXES = (
    "region",
    "province",
    "oblast",
    "governorate",
    "state",
    "district",
    "prefecture",
    "county",
    "area",
)
_ADMIN2_SUFFIXES = frozenset({"district", "county", "area"})
# The C loader when PyYAML has it: regions.yaml is parsed on every process start.
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DASHES = re.compile(r"[-\u2010-\u2015_/]")
_SPACES = re.compile(r"\s+")


# Population above which a city, rather than its namesake province, is what a bare name means.
GREAT_CITY = 1_000_000


class Place(NamedTuple):
    """One gazetteer entry, made on demand from the table's columns."""

    kind: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    admin1: str | None = None
    admin2: str | None = None
    capital: bool = False
    major: bool = True

    def location(self, name: str | None = None) -> Location:
        """This place as a :class:`~dyads.records.Location` (optionally under another name)."""
        fclass, fcode, precision = FEATURES[self.kind]
        if self.capital:
            fcode = "PPLC"
        return Location(
            name=name or self.name,
            country=self.country,
            lat=self.lat,
            lon=self.lon,
            geonameid=self.geonameid,
            admin1=self.admin1,
            admin2=self.admin2,
            feature_class=fclass,
            feature_code=fcode,
            precision=precision,
        )


def fold(text: str) -> str:
    """Remove accents ('Bogotá' -> 'Bogota'), so spellings with and without them meet."""
    if text.isascii():
        return text
    norm = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in norm if not unicodedata.combining(ch))


def bare_name(text: str) -> str:
    """A place name as written without a trailing possessive ("Syria's" -> "Syria")."""
    if text.endswith(("'s", "\u2019s")):
        text = text[:-2]
    return text.strip()


def normalize(text: str) -> str:
    """The lookup key of a place name: accent-free, lower case, no dots, dashes as spaces.

    A leading "the" is dropped ("the Netherlands", "the Black Sea").
    """
    key = fold(text).replace("\u2019", "'").replace("\u2018", "'").lower().replace(".", "")
    key = _SPACES.sub(" ", _DASHES.sub(" ", key)).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


# Arabic articles transliterated before a name ("Al-Shadadi", "ad-Dirrah", "Ash Shaddadi").
_ARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "es", "et", "ez", "ul"}
)
_NO_COUNTRY = frozenset({"", None})
# Words after a town's name that name the town itself ("Farah city").
_TOWN_WORDS = ("city", "town", "village")


def compact(key: str) -> str:
    """A looser key for spellings that differ only in spaces, dashes or a leading Arabic
    article: "Deir Ezzor" / "Deir ez-Zor", "Luang Nam Tha" / "Luang Namtha", "Mahmudiyah" /
    "Al Mahmudiyah". Used only when the exact key finds nothing."""
    head, _, rest = key.partition(" ")
    if head in _ARTICLES and rest:
        key = rest
    return key.replace(" ", "").replace("'", "")


class Gazetteer:
    """Name -> place index. Build with :meth:`default` (cached) or from rows for tests."""

    def __init__(
        self,
        places: Iterable[tuple[Place, Sequence[str]]],
        capitals: dict[str, int] | None = None,
        table: Table | None = None,
    ) -> None:
        """Index places by name. Each item is a place and its lookup keys, already
        :func:`normalize`d, the first being the key of its primary name. ``capitals`` maps a
        country's ISO alpha-3 code to its capital's geonameid. ``table`` is the bundled
        columnar table, whose places join those given."""
        # key -> list of (place, matched on primary name?)
        self._index: dict[str, list[tuple[Place, bool]]] = {}
        self._by_country: dict[str, Place] = {}
        self._by_id: dict[int, Place] = {}
        self._capitals = dict(capitals or {})
        self._table = table
        self._rows: dict[int, Place] = {}
        self._size: int | None = None
        self._compact: dict[str, list[str]] | None = None  # built on the first loose lookup
        index = self._index
        if table is not None:
            for i in np.flatnonzero(table.kind == 0):
                place = self._row(int(i))
                self._by_country[place.country or ""] = place
                if table.capital[i] >= 0:
                    self._capitals[place.country or ""] = int(table.capital[i])
            for i in np.flatnonzero((table.kind == 3) & (table.capital >= 0)):
                place = self._row(int(i))
                self._by_id[place.geonameid or 0] = place
        for place, keys in places:
            if not keys:
                continue
            index.setdefault(keys[0], []).append((place, True))
            for key in keys[1:]:
                index.setdefault(key, []).append((place, False))
            if place.kind == "country" and place.country:
                self._by_country[place.country] = place
            elif place.kind == "city" and place.geonameid is not None:
                self._by_id[place.geonameid] = place
        self._capital_ids = frozenset(self._capitals.values())

    @classmethod
    @functools.cache
    def default(cls) -> Gazetteer:
        """The bundled gazetteer (GeoNames table + curated regions); loaded once per process."""
        return cls(_read_regions(), table=_read_table())

    def __len__(self) -> int:
        """The number of distinct lookup keys."""
        if self._size is None:
            extra = set(self._index)
            if self._table is not None:
                extra -= self._table.key_index.keys()
                self._size = len(self._table.key_index) + len(extra)
            else:
                self._size = len(extra)
        return self._size

    def __bool__(self) -> bool:
        return True

    def _row(self, i: int) -> Place:
        """The table's row ``i`` as a Place (cached)."""
        place = self._rows.get(i)
        if place is None:
            t = self._table
            assert t is not None
            lat = float(t.lat[i])
            lon = float(t.lon[i])
            gid = int(t.gid[i])
            place = Place(
                kind=_TABLE_KINDS[int(t.kind[i])],
                name=t.strings[int(t.name[i])],
                country=t.string(int(t.country[i])),
                lat=None if math.isnan(lat) else lat,
                lon=None if math.isnan(lon) else lon,
                geonameid=None if gid < 0 else gid,
                population=int(t.pop[i]),
                admin1=t.string(int(t.admin1[i])),
                admin2=t.string(int(t.admin2[i])),
                capital=bool(t.kind[i] == 3 and t.capital[i] >= 0),
                major=bool(t.major[i]),
            )
            self._rows[i] = place
        return place

    def _bucket(self, key: str) -> list[tuple[Place, bool]]:
        """Every (place, matched on its primary name?) answering to normalised ``key``."""
        out = list(self._index.get(key, ()))
        if self._table is not None:
            out += [(self._row(i), primary) for i, primary in self._table.postings(key)]
        return out

    def candidates(self, name: str) -> list[Place]:
        """Every place whose primary or alternate name normalises to ``name``'s key."""
        return [p for p, _ in self._bucket(normalize(name))]

    def country(self, iso3: str) -> Location | None:
        """The country with ISO-3166 alpha-3 code ``iso3`` as a Location, if known."""
        place = self._by_country.get(iso3)
        return place.location() if place else None

    def capital(self, iso3: str) -> Location | None:
        """The capital city of the country with ISO-3166 alpha-3 code ``iso3``, if known."""
        gid = self._capitals.get(iso3)
        place = self._by_id.get(gid) if gid is not None else None
        return place.location() if place else None

    def lookup(
        self,
        name: str,
        prefer_countries: Iterable[str] = (),
        within_countries: Iterable[str] = (),
        primary_only: bool = False,
        minor: bool = False,
    ) -> Location | None:
        """Resolve a place name to a Location, or None if the name is not a known place.

        ``prefer_countries`` are ISO alpha-3 codes of countries the story is about;
        ``within_countries`` those named right next to the place. See the module docstring for
        how they break ties. ``primary_only`` accepts a city only under its primary GeoNames
        name (for words NER does not call a place). An all-capitals name ("UN", "EU") is an
        acronym and matches only countries, US states and curated places, whose aliases list
        the acronyms that are place names ("US", "UAE", "DRC", "D.C.").
        ``minor`` lets towns under 15,000 and districts answer too (for names the text marks
        as places: "Unity" is no place unless a sentence says "in Unity").
        """
        # Set operations in C: an article may name a hundred countries, and every name in it
        # is looked up with them.
        prefer = frozenset(prefer_countries).difference(_NO_COUNTRY)
        within = frozenset(within_countries).difference(_NO_COUNTRY)
        strict = primary_only or name.replace(".", "").isupper()
        acronym = name.replace(".", "").isupper()
        found = self._best(normalize(name), prefer, within, strict, acronym, not minor or strict)
        if found is not None:
            return found.location()
        # "Donetsk region", "Idlib province", "Shan state", "Olpe district": a subdivision,
        # or the area named after a town.
        key = normalize(name)
        for suffix in ADMIN_SUFFIXES:
            if not key.endswith(" " + suffix):
                continue
            base_key = key[: -len(suffix) - 1]
            # Only a place's own name makes an area name ("Shan state" is not Shancheng).
            base = self._best(base_key, prefer, within, True, False, major_only=False)
            if base is None or base.kind not in ("city", "admin1", "admin2"):
                continue
            want = "admin2" if suffix in _ADMIN2_SUFFIXES else "admin1"
            area = base
            if base.kind == "city":
                divisions = [
                    p
                    for p, _ in self._bucket(base_key)
                    if p.kind in ("admin1", "admin2") and p.country == base.country
                ]
                area = max(divisions, key=lambda p: (p.kind == want, p.population), default=base)
            if area.kind != "city" and area.lat is not None:
                return area.location(name.strip())
            # The area around a town (or a province with no coordinates of its own).
            fcode = "ADM2" if want == "admin2" else "ADM1"
            return Location(
                name=name.strip(),
                country=area.country,
                lat=area.lat if area.lat is not None else base.lat,
                lon=area.lon if area.lon is not None else base.lon,
                geonameid=area.geonameid if area.kind == "admin1" else None,
                admin1=area.admin1 or base.admin1,
                admin2=area.admin2 if want == "admin2" else None,
                feature_class="A",
                feature_code=fcode,
                precision=want,
            )
        if minor and not strict:
            return self._loose(key, prefer, within)
        return None

    def _loose(self, key: str, prefer: frozenset[str], within: frozenset[str]) -> Location | None:
        """A name the text marks as a place, under a looser spelling (:func:`compact`) or
        without a trailing "city"/"town"/"village" ("Farah city"): only for names NER calls
        a place, and only after the exact spelling found nothing."""
        for word in _TOWN_WORDS:
            if key.endswith(" " + word):
                base = self._best(key[: -len(word) - 1], prefer, within, major_only=False)
                if base is not None and base.kind == "city":
                    return base.location()
        if self._compact is None:
            # Only keys with a space or an apostrophe change when compacted; a compact
            # query is also tried as a key of its own.
            loose: dict[str, list[str]] = {}
            keys = list(self._index)
            if self._table is not None:
                keys += self._table.key_index.keys()
            for k in keys:
                if " " in k or "'" in k:
                    loose.setdefault(compact(k), []).append(k)
            self._compact = loose
        short = compact(key)
        found: list[Place] = []
        for k in [short, *self._compact.get(short, ())]:
            if k == key:
                continue
            best = self._best(k, prefer, within, major_only=False)
            if best is not None:
                found.append(best)
        if not found:
            return None
        if within:
            found = [p for p in found if p.country in within] or found
        return max(
            found,
            key=lambda p: (p.kind in CURATED_KINDS, p.country in prefer, p.population),
        ).location()

    def place_of(self, loc: Location) -> Place | None:
        """The gazetteer place a Location returned by :meth:`lookup` stands for, or None for
        an area name ("Donetsk region") or a Location made elsewhere."""
        for place in self.candidates(loc.name):
            if (
                place.name == loc.name
                and place.country == loc.country
                and place.geonameid == loc.geonameid
                and place.lat == loc.lat
                and place.lon == loc.lon
            ):
                return place
        return None

    def _best(
        self,
        key: str,
        prefer: frozenset[str],
        within: frozenset[str],
        primary_only: bool = False,
        acronym: bool = False,
        major_only: bool | None = None,
    ) -> Place | None:
        """The best place for ``key`` under the ambiguity rule (module docstring).
        ``major_only`` (default: same as ``primary_only``) leaves out towns under 15,000 and
        districts."""
        bucket = self._bucket(key)
        if major_only is None:
            major_only = primary_only
        if major_only and bucket:
            bucket = [(p, pr) for p, pr in bucket if p.major]
        if acronym and bucket:
            # Of the subdivisions only US states, for "D.C.": "IMO" is not Imo State.
            bucket = [
                (p, pr)
                for p, pr in bucket
                if p.kind not in ("city", "admin2") and (p.kind != "admin1" or p.country == "USA")
            ]
        elif primary_only and bucket:
            bucket = [(p, pr) for p, pr in bucket if pr or p.kind != "city"]
        if not bucket:
            return None
        if within:
            inside = [item for item in bucket if item[0].country in within]
            bucket = inside or bucket
        curated = [p for p, _ in bucket if p.kind in CURATED_KINDS]
        if curated:
            return curated[0]

        capital_ids = self._capital_ids

        def score(item: tuple[Place, bool]) -> float:
            place, primary = item
            s = math.log10(max(place.population, 1))
            if place.kind == "country":
                s += 3.0
            elif place.kind == "admin1":
                s -= 1.0
            elif place.kind == "admin2":
                s -= 1.5  # a district under a town's name is rarer still in the news
            if primary:
                s += 0.7
                if place.geonameid is not None and place.geonameid in capital_ids:
                    s += 1.0  # "Islamabad" is the capital, not an old name of Chattogram
            if place.country in prefer:
                s += 0.5
            return s

        ranked = sorted(bucket, key=score, reverse=True)
        best, best_primary = ranked[0]
        if best.kind == "admin1":
            # "New York", "Lagos", "Kano": a province named after its great city is, in the
            # news, the city unless the text says "state" or "province" (a suffix lookup)
            for place, _ in ranked:
                if (
                    place.kind == "city"
                    and place.country == best.country
                    and place.population >= GREAT_CITY
                    and place.admin1 == best.admin1
                ):
                    return place
        if best.kind in ("country", "admin1") and best.country not in prefer:
            for place, _ in ranked:
                if (
                    place.kind == "admin1"
                    and place.country in prefer
                    and (best.kind == "admin1" or place.country == "USA")
                ):
                    return place
        if not best_primary:
            for place, primary in ranked:
                if primary and place.country == best.country and place.kind == best.kind:
                    return place
        return best


def _data_text(name: str) -> Any:
    return resources.files("dyads.geo").joinpath("data", name)


def _read_table() -> Table:
    """The bundled columnar table, ``data/gazetteer.npz``."""
    path = _data_text("gazetteer.npz")
    try:
        return read_table(path.read_bytes())
    except (OSError, KeyError, ValueError, EOFError) as exc:
        raise DataFileError(f"{path}: cannot read gazetteer table ({exc})") from exc


def _read_regions() -> list[tuple[Place, Sequence[str]]]:
    """Curated regions, seas and landmarks from regions.yaml."""
    path = _data_text("regions.yaml")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader)
        out: list[tuple[Place, Sequence[str]]] = []
        for entry in data["regions"]:
            if entry["kind"] not in CURATED_KINDS:
                raise ValueError(f"unknown kind {entry['kind']!r} for {entry['name']!r}")
            place = Place(
                kind=entry["kind"],
                name=entry["name"],
                country=entry.get("country"),
                lat=float(entry["lat"]),
                lon=float(entry["lon"]),
                geonameid=entry.get("geonameid"),
                population=0,
            )
            keys = [normalize(entry["name"])]
            keys += [normalize(a) for a in entry.get("aliases") or []]
            out.append((place, keys))
    except (OSError, KeyError, TypeError, ValueError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: malformed regions file ({exc})") from exc
    return out
