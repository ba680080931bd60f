"""The offline gazetteer: data files, load cost, and the documented ambiguity rule."""

from __future__ import annotations

import pytest

from dyads.geo import Gazetteer, Lexicon, normalize
from dyads.geo.gazetteer import _read_regions, _read_table


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def test_table_has_countries_provinces_districts_and_towns() -> None:
    table = _read_table()
    gaz = Gazetteer([], table=table)
    rows = [gaz._row(i) for i in range(len(table))]
    kinds = {p.kind for p in rows}
    assert kinds == {"country", "admin1", "admin2", "city"}
    assert sum(p.kind == "country" for p in rows) > 240
    # the 50 US states and DC from GeoNames, the world's provinces and states from pycountry
    assert sum(p.kind == "admin1" and p.country == "USA" for p in rows) == 51
    admin1 = [p for p in rows if p.kind == "admin1" and p.country != "USA"]
    assert len(admin1) > 2000
    assert len({p.country for p in admin1}) > 150
    # most have coordinates; none has a geonameid (pycountry has none)
    assert sum(p.lat is not None for p in admin1) > 0.5 * len(admin1)
    assert all(p.geonameid is None for p in admin1)
    assert sum(p.kind == "admin2" for p in rows) > 10000
    towns = [p for p in rows if p.kind == "city"]
    # towns down to 1,000 people, most with their province named
    assert len(towns) > 120000
    assert sum(p.population < 15000 for p in towns) > 80000
    assert sum(p.admin1 is not None for p in towns) > 0.95 * len(towns)
    assert sum(p.capital for p in towns) > 230
    for place in towns:
        assert place.country and len(place.country) == 3
        assert place.lat is not None and -90 <= place.lat <= 90
        assert place.major or place.population < 15000
    # every row answers to its own name
    for i in range(0, len(table), 997):
        assert (i, True) in table.postings(normalize(rows[i].name))


def test_default_loads_in_bounded_memory() -> None:
    import tracemalloc

    tracemalloc.start()
    try:
        gaz = Gazetteer(_read_regions(), table=_read_table())
        gaz.lookup("Deir Ezzor", minor=True)  # builds the loose-spelling index too
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 150e6, peak


def test_regions_file_is_well_formed() -> None:
    regions = _read_regions()
    assert len(regions) >= 50
    for place, _ in regions:
        assert place.lat is not None and place.lon is not None
        assert place.country is None or len(place.country) == 3


def test_lexicon_loads_with_string_words() -> None:
    lex = Lexicon.default()
    assert "on" in lex.locative_preps and "off" in lex.locative_preps
    assert lex.demonyms["Turkish"] == "TUR"
    assert "ASSAULT" in lex.recipient_territory


def test_default_is_cached() -> None:
    # Load time is measured outside the unit tests (docs/GEO.md): a timed test fails on a
    # busy machine, not on slow code.
    Gazetteer.default.cache_clear()
    first = Gazetteer.default()
    assert Gazetteer.default() is first


@pytest.mark.parametrize(
    ("name", "prefer", "within", "expected_name", "expected_country"),
    [
        # countries and their news names
        ("Turkey", (), (), "Turkey", "TUR"),
        ("Türkiye", (), (), "Turkey", "TUR"),
        ("the U.S.", (), (), "United States", "USA"),
        ("Britain", (), (), "United Kingdom", "GBR"),
        ("the Netherlands", (), (), "The Netherlands", "NLD"),
        ("Congo", (), (), "Democratic Republic of the Congo", "COD"),
        ("Mexico", (), (), "Mexico", "MEX"),
        # accents, alternate spellings
        ("Kiev", (), (), "Kyiv", "UKR"),
        ("Bogota", (), (), "Bogotá", "COL"),
        ("Hodeidah", (), (), "Al Ḩudaydah", "YEM"),
        # population decides, the story's countries tip close calls only
        ("Paris", (), (), "Paris", "FRA"),
        ("Paris", ("USA",), (), "Paris", "FRA"),
        ("Paris", (), ("USA",), "Paris", "USA"),
        ("Geneva", ("USA", "RUS"), (), "Geneva", "CHE"),
        ("Tripoli", (), (), "Tripoli", "LBY"),
        ("Tripoli", (), ("LBN",), "Tripoli", "LBN"),
        ("Odessa", (), (), "Odesa", "UKR"),
        # a primary name beats another place's alternate name
        ("Pokrovsk", (), (), "Pokrovsk", "UKR"),
        ("New Delhi", (), (), "New Delhi", "IND"),
        # a capital under its own name beats a bigger city once called so (Chattogram)
        ("Islamabad", (), (), "Islamabad", "PAK"),
        # Georgia: the country, unless the story is about the US only
        ("Georgia", (), (), "Georgia", "GEO"),
        ("Georgia", ("USA",), (), "Georgia", "USA"),
        ("Georgia", ("USA", "GEO"), (), "Georgia", "GEO"),
        # Washington and New York are the cities, not the states
        ("Washington", ("USA",), (), "Washington", "USA"),
        ("New York", (), (), "New York City", "USA"),
        # ... a province named after its great city is the city, unless the text says "state"
        ("Lagos", (), (), "Lagos", "NGA"),
        ("New York state", (), (), "New York", "USA"),
        ("Quebec", (), (), "Quebec", "CAN"),
        # curated regions, seas, landmarks
        ("the Black Sea", (), (), "Black Sea", None),
        ("Gaza Strip", (), (), "Gaza Strip", "PSE"),
        ("Donbass", (), (), "Donbas", "UKR"),
        ("the Kremlin", (), (), "Kremlin", "RUS"),
        # "<city> region" is the area around a city
        ("Donetsk region", (), (), "Donetsk region", "UKR"),
        # provinces, states and regions of the world (pycountry + subdivisions.yaml)
        ("British Columbia", (), (), "British Columbia", "CAN"),
        ("Ontario", (), (), "Ontario", "CAN"),  # not Ontario, California
        ("Quebec", (), (), "Quebec", "CAN"),
        ("Bavaria", (), (), "Bavaria", "DEU"),
        ("Bayern", (), (), "Bavaria", "DEU"),
        ("North Rhine-Westphalia", (), (), "North Rhine-Westphalia", "DEU"),
        ("Lombardy", (), (), "Lombardy", "ITA"),
        ("Flanders", (), (), "Flanders", "BEL"),
        ("Khyber Pakhtunkhwa", (), (), "Khyber Pakhtunkhwa", "PAK"),
        ("Sindh", (), (), "Sindh", "PAK"),
        ("Xinjiang", (), (), "Xinjiang", "CHN"),
        ("Guangdong", (), (), "Guangdong", "CHN"),
        ("Inner Mongolia", (), (), "Inner Mongolia", "CHN"),
        ("Tigray", (), (), "Tigray", "ETH"),
        ("Oromia", (), (), "Oromia", "ETH"),
        ("Zaporizhzhia", (), (), "Zaporizhzhya", "UKR"),
        ("Zaporizhzhia Oblast", (), (), "Zaporizhzhia Oblast", "UKR"),
        ("North Darfur", (), (), "North Darfur", "SDN"),
        ("Borno", (), (), "Borno", "NGA"),
        ("Jammu and Kashmir", (), (), "Jammu and Kashmir", "IND"),
        ("Azad Kashmir", (), (), "Azad Jammu and Kashmir", "PAK"),
        ("Kashmir", (), (), "Kashmir", None),
        ("Sinaloa", (), (), "Sinaloa", "MEX"),
        ("Michoacan", (), (), "Michoacán", "MEX"),
        ("Minas Gerais", (), (), "Minas Gerais", "BRA"),
        ("New South Wales", (), (), "New South Wales", "AUS"),
        # Punjab: Pakistan's (five times India's), unless the story is about India
        ("Punjab", (), (), "Punjab", "PAK"),
        ("Punjab", ("IND",), (), "Punjab", "IND"),
        ("Punjab", (), ("IND",), "Punjab", "IND"),
        # big cities still beat their own province or state
        ("São Paulo", (), (), "São Paulo", "BRA"),
        ("Sao Paulo", ("BRA",), (), "São Paulo", "BRA"),
        ("Rio de Janeiro", (), (), "Rio de Janeiro", "BRA"),
        ("Aleppo", ("SYR",), (), "Aleppo", "SYR"),
        ("Kharkiv", (), (), "Kharkiv", "UKR"),
        ("Lagos", (), (), "Lagos", "NGA"),
        ("Quebec City", (), (), "Québec", "CAN"),
        # "Victoria" is as before: Hong Kong's old name, unless the story is about Australia
        ("Victoria", (), (), "Victoria", "HKG"),
        ("Victoria", ("AUS",), (), "Victoria", "AUS"),
        # countries still beat same-named subdivisions
        ("Mexico", (), (), "Mexico", "MEX"),
        ("Mexico", ("MEX",), (), "Mexico", "MEX"),
        ("Niger", ("NGA",), (), "Niger", "NER"),
        ("Luxembourg", ("BEL",), (), "Luxembourg", "LUX"),
        # "<name> state/province/region": the subdivision, under the name as written
        ("Shan state", (), (), "Shan State", "MMR"),
        ("Punjab province", (), (), "Punjab province", "PAK"),
        ("Idlib province", (), (), "Idlib province", "SYR"),
        ("Kursk region", (), (), "Kursk region", "RUS"),
    ],
)
def test_lookup_resolves_ambiguity_by_documented_rule(
    gaz: Gazetteer,
    name: str,
    prefer: tuple[str, ...],
    within: tuple[str, ...],
    expected_name: str,
    expected_country: str | None,
) -> None:
    loc = gaz.lookup(name, prefer, within)
    assert loc is not None
    assert (loc.name, loc.country) == (expected_name, expected_country)


def test_area_names_take_the_subdivisions_coordinates(gaz: Gazetteer) -> None:
    city = gaz.lookup("Donetsk")
    oblast = gaz.lookup("Donetsk Oblast")
    area = gaz.lookup("Donetsk region")
    assert city is not None and oblast is not None and area is not None
    assert city.geonameid is not None and city.name == "Donetsk"
    assert (area.lat, area.lon, area.geonameid) == (oblast.lat, oblast.lon, None)
    assert (area.lat, area.lon) != (city.lat, city.lon)
    # a subdivision is a place of its own for place_of; an area name is not
    place = gaz.place_of(oblast)
    assert place is not None and place.kind == "admin1"
    assert gaz.place_of(area) is None


@pytest.mark.parametrize(
    "name", ["UN", "EU", "NATO", "IMO", "Reuters", "Tuesday", "Northern", "North-West", "Unity"]
)
def test_non_places_and_acronyms_do_not_resolve(gaz: Gazetteer, name: str) -> None:
    assert gaz.lookup(name) is None


def test_region_names_carry_no_geonameid_but_cities_do(gaz: Gazetteer) -> None:
    city = gaz.lookup("Kharkiv")
    assert city is not None and city.geonameid == 706483
    area = gaz.lookup("Kharkiv region")
    assert area is not None and area.geonameid is None and area.country == "UKR"


def test_capital_and_country_helpers(gaz: Gazetteer) -> None:
    cap = gaz.capital("TUR")
    assert cap is not None and cap.name == "Ankara"
    country = gaz.country("EGY")
    assert country is not None and country.name == "Egypt" and country.lat is not None
    assert gaz.country("XXX") is None


def test_loose_spellings_resolve_only_names_marked_as_places(gaz: Gazetteer) -> None:
    """Spaces, dashes and a leading Arabic article are looser than the exact key; a trailing
    "city" names the town. Only lookups of names the text marks as places (minor=True)."""
    for name, country in (("Deir Ezzor", "SYR"), ("Mahmudiyah", "IRQ"), ("Farah city", "AFG")):
        loc = gaz.lookup(name, minor=True)
        assert loc is not None and loc.country == country and loc.precision == "city"
    assert gaz.lookup("Deir Ezzor") is None
    assert gaz.lookup("Mahmudiyah", primary_only=True) is None
    assert gaz.lookup("Zzyzxq city", minor=True) is None


def test_ap_state_abbreviations_of_datelines(gaz: Gazetteer) -> None:
    """Wire datelines abbreviate US states AP style ("Ogdensburg, N.Y."): aliases.yaml lists
    them, so "Pa." is Pennsylvania, not Pa in Burkina Faso."""
    for abbr, state in (("N.Y.", "New York"), ("Calif.", "California"), ("Pa.", "Pennsylvania")):
        loc = gaz.lookup(abbr)
        assert loc is not None and (loc.name, loc.country, loc.precision) == (
            state,
            "USA",
            "admin1",
        )
