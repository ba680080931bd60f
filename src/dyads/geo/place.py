"""Where did an event happen? Mentions, rules and the learned linker, put together.

For the event triggered at token ``trigger_i``:

1. The place mentions of its sentence come from the per-document index of
   :mod:`dyads.geo.mentions` (built once per article).
2. The rule-based finder of :mod:`dyads.geo.locate` reads the trigger's own phrases; the
   mention it chose is one feature of the linker.
3. The learned linker (:mod:`dyads.geo.linker`) picks the mention that is the event's place,
   or none. A picked mention is resolved again with the event's own countries first (the
   event's actors break ties before the article's countries), and keeps its text and offsets.
   A name after a directional preposition ("support to Kyiv") is a recipient or topic, not a
   candidate, unless the event moves somewhere or acts on a place (as in the rules).
4. With no mention picked, a place the rules read without a name ("the Turkish capital",
   "Ukrainian territory") is taken; else, when the model says so, the rules' named place;
   else the default of rule 3 (a visit happens in the host's country, a strike on a country
   in that country), a country-level location with no text; else None.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Doc

from dyads.geo import containers
from dyads.geo.gazetteer import GREAT_CITY, Gazetteer, bare_name, normalize
from dyads.geo.lexicon import Lexicon
from dyads.geo.linker import PlaceLinker
from dyads.geo.locate import RuleResult, rule_location
from dyads.geo.mentions import PlaceMention, doc_places, resolve_name
from dyads.records import Actor, Location


def _countries(actors: Sequence[Actor]) -> list[str]:
    return list(dict.fromkeys(a.country for a in actors if a.country))


def mention_location(
    mention: PlaceMention, gaz: Gazetteer, prefer: Sequence[str], rules: RuleResult | None = None
) -> Location:
    """The Location of a linked mention, with its text and offsets: the rules' reading when
    they chose the same words, else the name resolved with ``prefer`` first, else the name
    alone (no coordinates) when the gazetteer does not know it."""
    named = rules.named if rules is not None else None
    if (
        named is not None
        and named.start is not None
        and named.end is not None
        and mention.start_char < named.end
        and named.start < mention.end_char
    ):
        return _contained(named, mention, gaz, prefer)
    text = bare_name(mention.text)
    loc = resolve_name(gaz, text, mention.trusted, tuple(prefer), mention.within)
    loc = loc or mention.location
    if loc is None and not mention.trusted:
        # The linker took a name NER did not call a place ("Aleppo" tagged PERSON) for the
        # event's place: a major place under any of its names, wherever the story is.
        loc = gaz.lookup(text, prefer, mention.within)
    if loc is None:
        # ... or a town of 1,000+ in the story's countries ("the town of Kupres").
        story = set(prefer) | mention.within
        town = gaz.lookup(text, prefer, mention.within or story, minor=True)
        if town is not None and (not story or town.country in story):
            loc = town
    loc = _checked(loc, text, mention, prefer, gaz)
    if loc is None:
        loc = Location(name=text, country=None, lat=None, lon=None, geonameid=None)
    return dataclasses.replace(
        loc, text=mention.text, start=mention.start_char, end=mention.end_char
    )


def _contained(
    named: Location, mention: PlaceMention, gaz: Gazetteer, prefer: Sequence[str]
) -> Location:
    """The rules' reading of a mention, checked as the linker's reading is: against the
    division the text calls it and the place it lies in."""
    own = named if named.precision is not None else None
    text = bare_name((named.text or mention.text).strip())
    fitted = _checked(own, text, mention, prefer, gaz)
    if fitted is own:
        return named
    if fitted is None:
        # the checks found the rules' reading a namesake abroad: the name, unresolved
        fitted = Location(name=text, country=None, lat=None, lon=None, geonameid=None)
    return dataclasses.replace(fitted, text=named.text, start=named.start, end=named.end)


def _checked(
    loc: Location | None,
    text: str,
    mention: PlaceMention,
    prefer: Sequence[str],
    gaz: Gazetteer,
) -> Location | None:
    """A reading of ``mention`` checked against what the words around it say: no small town
    abroad, the division the text calls it, the larger place it lies in."""
    loc = _story_namesake(loc, text, prefer, mention, gaz)
    loc = _not_foreign_village(loc, prefer, mention, gaz)
    loc = _as_division(loc, text, mention.division, prefer, gaz)
    return containers.fit(loc, text, mention.container, gaz)


def _not_foreign_village(
    loc: Location | None, prefer: Sequence[str], mention: PlaceMention, gaz: Gazetteer
) -> Location | None:
    """None for a small town (not a major place) outside every country the story and the
    event name: "Al-Rai" in a Syrian story is not Rai, France, nor "Ukum" in a Nigerian one
    Ukum, Mexico. A name the gazetteer does not know is better than a namesake abroad."""
    if loc is None or loc.precision != "city" or not prefer or loc.country in prefer:
        return loc
    if loc.country in mention.within:
        return loc
    place = gaz.place_of(loc)
    if place is None or place.major:
        return loc
    return None


def _story_namesake(
    loc: Location | None, text: str, prefer: Sequence[str], mention: PlaceMention, gaz: Gazetteer
) -> Location | None:
    """A town read abroad while a town of that name lies in the story's countries is the
    story's town: "the southern town of Carmen" in a sentence about Philippine rebels is
    Carmen in the Philippines, not Ciudad del Carmen, Mexico. A reading that matched only part
    of the name ("the Al-Fijah Springs" as Springs, South Africa) is dropped. Capitals and
    great cities keep their reading ("Paris"); so does a name no story town has ("Palmyra"
    in a story of Russian air raids is Tadmur, Syria)."""
    if loc is None or loc.precision != "city" or not prefer:
        return loc
    if loc.country in prefer or loc.country in mention.within:
        return loc
    place = gaz.place_of(loc)
    if place is None or place.capital or place.population >= GREAT_CITY:
        return loc
    story = frozenset(prefer)
    named = gaz.candidates(text)
    if not named and _read_in_part(text, loc.name):
        return None
    if not any(p.kind == "city" and p.country in story for p in named):
        return loc
    home = gaz.lookup(text, prefer, story, minor=True)
    return home if home is not None and home.country in story else loc


def _read_in_part(text: str, name: str) -> bool:
    """Whether the place ``name`` is only part of the name ``text``, which the gazetteer does
    not know as a whole ("the Al-Fijah Springs" read as Springs, "the Abu Zindin village" as
    Abu): its words are a run of the text's, and the text has other words than container
    nouns ("Aleppo City" is Aleppo)."""
    words, own = normalize(text).split(), normalize(name).split()
    n = len(own)
    if not own or not any(words[i : i + n] == own for i in range(len(words) - n + 1)):
        return False
    generic = Lexicon.default().container_nouns | {"the"}
    return any(w not in generic for w in words if w not in own)


def _as_division(
    loc: Location | None, text: str, division: str | None, prefer: Sequence[str], gaz: Gazetteer
) -> Location | None:
    """A name the text calls a province or district ("the province of Kirkuk", "the Aleppo
    countryside") as that division rather than its namesake capital, when the gazetteer has
    the division in the same country."""
    if division is None or (loc is not None and loc.precision in ("admin1", "admin2", "country")):
        return loc
    area = gaz.lookup(f"{text} {division}", tuple(prefer))
    want = ("admin2",) if division in ("district", "county") else ("admin1", "admin2")
    if area is None or area.precision not in want:
        return loc
    if loc is not None and loc.country != area.country:
        return loc
    if loc is None and area.country not in prefer:
        return loc  # "Aleppo's district of Salah al-Din" is not Iraq's Salahuddin province
    return area


def _placeable(
    doc: Doc, trigger_i: int, mentions: Sequence[PlaceMention], event: str, mode: str | None
) -> list[PlaceMention]:
    """Mentions that may be the event's place. After a directional preposition a name is a
    recipient or topic ("military support to Kyiv", "talks on Gaza") unless the event moves
    somewhere or acts on a place (a visit, a strike): the rules' reading of rule 1."""
    lex = Lexicon.default()
    event = (event or "").upper()
    motion = mode == "visit" or doc[trigger_i].lemma_.lower() in lex.visit_lemmas
    acts_on_place = event in lex.object_place_events or event in lex.recipient_territory
    if motion:
        return list(mentions)
    out = []
    for m in mentions:
        head = doc[m.head]
        if head.dep_ == "pobj":
            prep = head.head.lemma_.lower()
            # "to X" places only a movement; "into/on/over X" also a strike or a deployment
            if prep == "to" or (prep in lex.directional_preps and not acts_on_place):
                continue
        out.append(m)
    return out


def event_location(
    doc: Doc,
    trigger_i: int,
    event: str,
    mode: str | None,
    actors: Sequence[Actor],
    recipients: Sequence[Actor],
    gazetteer: Gazetteer | None = None,
    linker: PlaceLinker | None = None,
    nearby: Sequence[str] = (),
) -> Location | None:
    """The place where the event triggered at token ``trigger_i`` happened, or None.

    ``event`` is the PLOVER type, ``mode`` its PLOVER mode; ``actors``/``recipients`` are the
    event's resolved actors (their ISO alpha-3 countries break name ties and give defaults);
    ``nearby`` the countries of the sentence's other actors, which break ties after them.
    See the module docstring for the steps.
    """
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    model = linker if linker is not None else PlaceLinker.default()
    places = doc_places(doc, gaz)
    rules = rule_location(doc, trigger_i, event, mode, actors, recipients, gaz, places)
    named = rules.named
    span = None
    if named is not None and named.start is not None and named.end is not None:
        span = (named.start, named.end)
    mentions = _placeable(doc, trigger_i, places.in_sentence(doc[trigger_i]), event, mode)
    chosen, _ = model.link(doc, trigger_i, mentions, span)
    if chosen is not None:
        prefer = [*_countries(actors), *_countries(recipients), *nearby, *places.countries]
        return mention_location(chosen, gaz, list(dict.fromkeys(prefer)), rules)
    if named is not None and (named.start is None or model.rule_fallback):
        return named
    return rules.default
