"""Countries from context for actors the text names by sector only, and sectors from the
nouns that country words modify.

A country word modifying a group noun across other modifiers or coordination is that
country's part of the group: "Japanese electronics [firms]" (JPNBUS), "the French, West
German and Belgian [traders]", "U.S. and Iraqi [troops]": the country word takes the
sector of the noun (:func:`share_heads`), and the noun, when one country modifies it, takes
that country.

"Government troops", "protesters", "Finance minister Jaime Ongpin", "assailants": the phrase
says what the actor is but not whose. An actor with a sector and no country takes, in order:

0. the town its own name begins with ("the Lahore police", "Aleppo university"; not for forces
   and people posted abroad, nor a person's given name);
1. the country of a coordinated phrase that has one ("Chinese students and [scholars]");
   then, except for forces often abroad, the one country of where the group is or acts
   ("demonstrators marched in New York", "students rallied at a university in Cairo"):
   the guidelines' rule that a local actor takes the country where the event happens;
2. the one country the sentence names (its other mentions; news media not counted);
3. where it names none, the one country of the towns it names ("police in Samarra": places.py),
   except for people often posted abroad;
4. the article's main country (named more often than any other) when the sentence names no
   country or names it among others.

International codes (IGO, NGO, IMG, multinationals), news media and refugees never take a
country this way: they are often foreign to the place they are reported in; nor do place
nouns that the public agent lists read as civilians ("the village": data/sectors.yaml
``place_nouns``). The filled actor
keeps its own sector; its code becomes country + sector.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from dyads.actors.means import strikes_with_weapons
from dyads.actors.model import POSTED_ABROAD, Mention
from dyads.actors.places import (
    capitalised,
    city_country,
    leading_city,
    locative_places,
    sentence_cities,
)
from dyads.records import Actor

_INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC")
_NEVER = {"MED", "REF"}


def _needs(a: Actor) -> bool:
    # A sector-only group, or an unknown name (no code, or only the sector its title gave it:
    # unknowns.py). A named journalist is of his own country ("French cameraman Gilles
    # Jacquier"); only unnamed media and refugees are so often foreign that they take none.
    unknown = a.name is not None and a.code in ("", a.sector or "")
    return (
        a.country is None
        and (a.sector is not None or a.code == "")
        and (a.sector not in _NEVER or unknown)
        and not a.code.startswith(_INTERNATIONAL)
    )


def main_country(mentions: list[Mention]) -> str | None:
    """The country most mentioned, if it is mentioned more often than any other."""
    counts = Counter(
        a.country for m in mentions if m.kind != "media" for a in m.actors if a.country
    )
    top = counts.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def fill_countries(
    doc: Doc,
    mentions: list[Mention],
    places: frozenset[str],
    cities: dict[str, str] | None = None,
    weapons: frozenset[str] = frozenset(),
    borders: list[Mention] | None = None,
) -> list[Mention]:
    """``mentions`` with sector-only actors given a country from context (see module doc).
    ``borders``: mentions of countries that only name a border, which are no such context.

        ``places``: lower-case place nouns read as civilians ("the village"); they are left as
        they are. ``cities``: city-name key -> country (``Lexicon.cities``); ``weapons``: weapon nouns
    (``Lexicon.weapons``), which mark a state striking another one's territory."""
    todo = [
        m for m in mentions if any(_needs(a) for a in m.actors) and doc[m.head].lower_ not in places
    ]
    if not todo:
        return mentions
    skip = {id(m) for m in borders or []}
    home = main_country([m for m in mentions if id(m) not in skip])
    sent_start = {m.start: doc[m.start].sent.start for m in mentions}
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        if id(m) not in skip:
            by_sent.setdefault(sent_start[m.start], []).append(m)
    by_head = {m.head: m for m in mentions if id(m) not in skip}
    covered = {t for m in mentions for t in range(m.start, m.end)}
    towns = {
        start: sentence_cities(doc, doc[start].sent, covered, cities or {}) for start in by_sent
    }
    # A person is of one country throughout: the country found where the article names him
    # most fully (the titled mention) holds for his bare surname elsewhere.
    people: dict[str, str | None] = {}
    # (so is a body no dictionary knows: "OPZZ" is of one country wherever it is named)
    named = [m for m in todo if m.actors[0].name and m.kind in ("person", "unknown")]
    for m in sorted(named, key=lambda m: -len(m.actors[0].entity_text)):
        people.setdefault(
            str(m.actors[0].name),
            _country(
                doc, m, by_head, by_sent, sent_start, home, towns, weapons, cities or {}, places
            ),
        )
    done: dict[int, Mention] = {}
    wanted = {id(m) for m in todo}
    # A pronoun copied its antecedent before the antecedent had a country ("the president
    # said. He said ..." -> GOV): it takes the country its antecedent gets here, not one
    # from its own sentence ("the formula he agreed upon ... in Reykjavik" is no Icelander).
    filled: dict[tuple[str, str | None], str] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if id(m) not in wanted:
            done[id(m)] = m
            continue
        name = m.actors[0].name
        key = (m.actors[0].code, name)
        country: str | None
        if m.kind == "pronoun" and key in filled:
            country = filled[key]
        elif name in people and m.kind in ("person", "unknown"):
            country = people[name]
        else:
            country = _country(
                doc, m, by_head, by_sent, sent_start, home, towns, weapons, cities or {}, places
            )
        if country is None:
            done[id(m)] = m
            continue
        if m.kind != "pronoun":
            filled[key] = country
        actors = tuple(
            Actor(
                country + (a.sector or ""), country, a.sector, a.name, a.entity_text, a.start, a.end
            )
            if _needs(a)
            else a
            for a in m.actors
        )
        done[id(m)] = Mention(m.start, m.end, m.head, actors, m.kind, inferred=True)
    return [done[id(m)] for m in mentions]


def share_heads(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Country words take the sector of the group noun they modify (see module docstring)."""
    by_head = {m.head: m for m in mentions}
    new: dict[int, Mention] = {}
    groups: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.kind != "country" or len(m.actors) != 1 or m.actors[0].sector is not None:
            continue
        tok = doc[m.end - 1]
        while tok.dep_ == "conj" and tok.head.i < tok.i:
            tok = tok.head  # "the French, West German and Belgian traders"
        if tok.dep_ not in ("amod", "compound", "nmod", "nummod"):
            continue
        noun = tok.head
        d = by_head.get(noun.i)
        if (
            d is None
            or noun.i <= tok.i
            or noun.i - tok.i > 6  # "Russian, Nordic and Polish peacekeepers"
            or d.kind != "description"
            or len(d.actors) != 1
            or d.actors[0].sector is None
        ):
            continue
        a, sector = m.actors[0], d.actors[0].sector
        actor = Actor(
            str(a.country) + sector, a.country, sector, a.name, a.entity_text, a.start, a.end
        )
        new[id(m)] = Mention(m.start, m.end, m.head, (actor,), m.kind)
        if d.actors[0].country is None:
            groups.setdefault(id(d), []).append(m)
    for m in mentions:
        countries = {x.actors[0].country for x in groups.get(id(m), [])}
        if len(countries) == 1:
            c = countries.pop()
            a = m.actors[0]
            actor = Actor(
                str(c) + str(a.sector), c, a.sector, a.name, a.entity_text, a.start, a.end
            )
            new[id(m)] = Mention(m.start, m.end, m.head, (actor,), m.kind)
    return [new.get(id(m), m) for m in mentions] if new else mentions


def _country(
    doc: Doc,
    m: Mention,
    by_head: dict[int, Mention],
    by_sent: dict[int, list[Mention]],
    sent_start: dict[int, int],
    home: str | None,
    towns: dict[int, set[str]],
    weapons: frozenset[str],
    cities: dict[str, str],
    places: frozenset[str],
) -> str | None:
    """The country of ``m`` by the rules of the module docstring, or None."""
    country = _own_town(doc, m, cities)
    if country is not None:
        return country
    country = _conjunct_country(doc, m, by_head) or _part_of_country(doc, m, by_head)
    if country is not None:
        return country
    others = [o for o in by_sent[sent_start[m.start]] if o is not m and o.kind != "media"]
    # The other side of the same verb is not a state body's own country: "Russia accused the
    # government of lying" says nothing of whose government ("police fired on protesters" are
    # still the police's compatriots).
    barred: set[str | None] = set()
    if m.actors[0].sector in _STATE_SECTORS:
        barred = {a.country for o in others if _co_arguments(doc, m, o) for a in o.actors}
    else:
        # Guidelines, section 3: never the attacker's nationality for unnamed victims. A
        # force that strikes the group ("killed in Russian airstrikes", "Israeli aircraft
        # bombed ..., killing two militants", "a US strike against jihadist rebels") says
        # nothing of whose the group is.
        barred = {a.country for o in others if _strikes_at(doc, o, m, weapons) for a in o.actors}
    own = any(t.lower_ in ("government", "pro-government") for t in doc[m.start : m.end])
    if doc[m.head].lemma_.lower() in POSTED_ABROAD and not own:
        # "Diplomats in Vienna", "withdraw troops from Syria": people often posted abroad take
        # no country from where they are, only from who sends them ("Washington will withdraw
        # troops").
        others = [o for o in others if not _is_venue(doc, o)]
        here = {a.country for o in others for a in o.actors if a.country} - barred
        return next(iter(here)) if len(here) == 1 else None
    where = _locative_country(doc, m, by_head, cities, places)
    if where is not None and where not in barred and m.actors[0].sector not in _FORCES:
        # Guidelines, section 3: a local actor with no stated nationality takes the country
        # where the event happens ("demonstrators marched in New York, demanding the
        # withdrawal of troops from Iraq" are American, not Iraqi).
        return where
    here = {a.country for o in others for a in o.actors if a.country} - barred
    if own and len(here) > 1:
        # "Israeli airstrikes pounded Army positions ... militants attacking government troops":
        # a state named only by the weapons it strikes with is the foreign one; the government
        # whose troops they are is the other.
        home_states = {
            a.country for o in others if not strikes_with_weapons(doc, o, weapons) for a in o.actors
        }
        here &= home_states
    if len(here) == 1:
        return next(iter(here))
    local = towns.get(sent_start[m.start], set()) - barred
    if not here and len(local) == 1:
        return next(iter(local))
    if home is not None and home not in barred and (not here or home in here):
        return home
    return None


_SUBJ = ("nsubj", "nsubjpass", "agent")
_STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}
# Heads of phrases for people often posted in another state (as in chunker.py).
_VENUE_PREPS = {"in", "at", "from", "to", "near", "inside", "outside", "into", "across"}


# Armed forces: they often act outside their own country ("troops patrolled in Kabul"), so
# where they act does not say whose they are; and they are who strikes a group (_strikes_at).
_FORCES = {"MIL", "SPY"}
_PLACE_KINDS = ("country", "capital")


def _locative_country(
    doc: Doc,
    m: Mention,
    by_head: dict[int, Mention],
    cities: dict[str, str],
    places: frozenset[str],
) -> str | None:
    """The one country of the places where ``m`` is or acts: locative phrases on its own
    noun or on the verb it is the subject of (see :func:`places.locative_places`). A place is
    a named country or capital, a city of the table, or a place noun with its country
    ("in Spanish cities"); any other mention ("outside the US embassy") says nothing of the
    group's own country."""
    head = doc[m.head]
    hosts = [head]
    head = _group_head(head)
    if head.dep_ in ("nsubj", "nsubjpass"):
        hosts.append(head.head)
    # "students arrested in Cairo" (and a clause the parser hangs on its subject the same way)
    hosts.extend(c for c in head.children if c.dep_ == "acl" and c.pos_ == "VERB")
    found: set[str] = set()
    for host in hosts:
        for tok in locative_places(host):
            o = by_head.get(tok.i)
            if o is not None:
                if o.kind in _PLACE_KINDS or tok.lower_ in places:
                    found.update(a.country for a in o.actors if a.country)
                continue
            c = city_country(tok, cities)
            if c is not None:
                found.add(c)
    return next(iter(found)) if len(found) == 1 else None


def _own_town(doc: Doc, m: Mention, cities: dict[str, str]) -> str | None:
    """The country of the town a body's own name begins with: "the Lahore police", "Karachi
    police", "Aleppo university" (a capital is read so already: "Kabul police"). Not for
    forces and people often posted abroad ("the Kandahar garrison", "Baghdad embassy staff")."""
    head = doc[m.head]
    if head.lemma_.lower() in POSTED_ABROAD or m.actors[0].sector in _FORCES:
        return None
    if m.kind in ("person", "unknown") and head.text[:1].isupper():
        return None  # a person's given name is no town ("Paul Joyal", "David Rogers")
    # the names before the head, in the phrase or (a town the chunker left out) its
    # compound modifiers: "Mosul police", "Aleppo university"
    first = min([m.start, *(t.left_edge.i for t in head.lefts if t.dep_ in ("compound", "amod"))])
    lead = [t for t in doc[first : m.head] if t.lower_ != "the"]
    run = []
    for t in lead:
        # the small model tags a lone town as a noun or an adjective ("Aleppo university")
        if t.pos_ not in ("PROPN", "NOUN", "ADJ") or not capitalised(t):
            break
        run.append(t)
    # the name must lead the phrase ("the Lahore police", not "police Sub-Lt")
    return leading_city(run, cities)


def _group_head(tok: Token) -> Token:
    """The noun a group is counted or gathered by: "thousands of [demonstrators]", "a group
    of [rebels]" (the clause's argument is that noun, not the group's own)."""
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        tok = tok.head.head
    return tok


_AIMED = {"against", "on", "at"}


def _strikes_at(doc: Doc, o: Mention, m: Mention, weapons: frozenset[str]) -> bool:
    """Whether ``o`` is an armed force or weapon acting on ``m``: a state named by its weapons
    anywhere in the sentence, or a military that is the subject of the clause (or of the
    clause it heads: "bombed ..., killing two militants") whose object is ``m``, directly or
    through what it carried out ("a strike against rebels")."""
    if strikes_with_weapons(doc, o, weapons):
        return True
    if not any(a.sector in _FORCES for a in o.actors) or _is_venue(doc, o):
        return False
    ov, o_subj = _clause_verb(doc, o)
    head = doc[o.head]
    if o.kind == "country" and head.dep_ in ("amod", "compound") and head.head.pos_ == "NOUN":
        # "Israeli aircraft bombed ...": the country word stands for its noun's phrase
        ov, o_subj = head.head.head.i, head.head.dep_ in _SUBJ
    if not o_subj:
        return False
    tok = _group_head(doc[m.head])
    if tok.dep_ == "pobj" and tok.head.lower_ in _AIMED and tok.head.head.pos_ == "NOUN":
        tok = tok.head.head  # "carried out a strike against rebels": the strike's verb
    if tok.dep_ in ("nsubj", "nsubjpass", "agent") or tok.head.pos_ not in ("VERB", "AUX"):
        return False
    verb = tok.head
    for _ in range(3):
        if verb.i == ov:
            return True
        if verb.dep_ not in ("advcl", "xcomp", "conj") or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
        ):
            return False
        verb = verb.head
    return False


def _is_venue(doc: Doc, m: Mention) -> bool:
    """A place named as where something is: "in Vienna", "from Syria"."""
    tok = doc[m.head]
    return tok.dep_ == "pobj" and tok.head.lower_ in _VENUE_PREPS


def _clause_verb(doc: Doc, m: Mention) -> tuple[int, bool]:
    """(the verb ``m`` is an argument of, whether ``m`` is its subject)."""
    tok = doc[m.head]
    if tok.dep_ == "pobj":
        tok = tok.head
    if tok.dep_ == "agent":  # "was accused by Russia"
        return tok.head.i, True
    return tok.head.i, tok.dep_ in _SUBJ


def _co_arguments(doc: Doc, m: Mention, o: Mention) -> bool:
    """``m`` and ``o`` are subject and object of one verb. A place named as where it happened
    is neither ("Haddad was killed in Beirut": Beirut is no party to the killing)."""
    if _is_venue(doc, m) or _is_venue(doc, o):
        return False
    mv, m_subj = _clause_verb(doc, m)
    ov, o_subj = _clause_verb(doc, o)
    return mv == ov and m_subj != o_subj


def _part_of_country(doc: Doc, m: Mention, by_head: dict[int, Mention]) -> str | None:
    """The country of the unit a state body is named as part of: "the Syrian army's 42nd
    Armoured Brigade of the Republican Guard" (the guard is Syria's, whatever else the
    sentence names)."""
    head = doc[m.head]
    if m.actors[0].sector not in _STATE_SECTORS:
        return None
    owners = [c.i for c in head.children if c.dep_ == "poss"]  # "the Army's brigade"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i != head.head.i:
        owners.append(head.head.head.i)  # "the brigade of the Republican Guard"
    for i in owners:
        whole = by_head.get(i)
        if whole is not None and len(whole.actors) == 1:
            a = whole.actors[0]
            if a.country and a.sector == m.actors[0].sector:
                return a.country
    return None


def _conjunct_country(doc: Doc, m: Mention, by_head: dict[int, Mention]) -> str | None:
    """The country of a phrase coordinated with ``m``: "Chinese students and scholars"."""
    head = doc[m.head]
    linked = [head.head] if head.dep_ == "conj" else []
    linked += [c for c in head.children if c.dep_ == "conj"]
    for tok in linked:
        other = by_head.get(tok.i)
        if other is not None and other.kind == m.kind and len(other.actors) == 1:
            c = other.actors[0].country
            if c and other.actors[0].sector == m.actors[0].sector or c and m.kind == "description":
                return c
    return None
