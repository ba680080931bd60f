"""Find actor noun phrases in a Doc and resolve each to country, sector, code and name.

Two passes per sentence. First, lexicon matching (matching.py): at each token the longest token
sequence whose normalised key is in the lexicon (one dict lookup per candidate length). Second,
chunking (here):
adjacent matches, neutral modifiers ("senior", "acting"), a leading determiner, a possessive
"'s" before a title, "of" between a title and a country ("the President of Russia"), unknown
proper names after a title, and a trailing "(ABBR)" are joined into one phrase, which is then
interpreted: person > organisation > country, with the sector chosen by word weights (see
data/sectors.yaml). A title before a known person's name is the text's own word and wins over
the dictionary's role for the date ("Treasury Secretary James Baker"); a given name that is not
the known person's makes the name unknown ("Gennady Gerasimov").
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span

from dyads.actors.hyphens import capital_at, places_after
from dyads.actors.lexicon import Lexicon, norm_key
from dyads.actors.matching import DETS as _DETS
from dyads.actors.matching import PROPER as _PROPER
from dyads.actors.matching import Unit, match_units
from dyads.actors.model import ARMED_SECTORS, POSTED_ABROAD, Mention
from dyads.actors.names import HONORIFICS
from dyads.actors.people import nicknames
from dyads.records import Actor

# Groups that news names indefinitely but that are particular actors: "a mob beat a man".
_SPECIFIC_INDEFINITES = {"mob", "crowd", "gang", "militia", "suicide bomber", "bomber"}
# Last words of the names of bodies: a sector word before them ("Local Government
# Association") titles no person.
_ORG_HEADS = {
    "association", "authority", "federation", "council", "commission", "committee", "office",
    "agency", "board", "bureau", "institute", "center", "centre", "union", "league", "service",
    "department", "organisation", "organization", "society", "foundation", "confederation",
    "directorate", "administration", "corporation", "group", "front", "movement", "alliance",
}  # fmt: skip
_PLACE_KINDS = {"country", "capital", "seat", "adj", "dem"}
_STATE_SECTORS = {"GOV", "LEG", "MIL", "JUD", "COP", "SPY"}
_NON_STATE_PREFIXES = ("IGO", "NGO", "IMG", "MNC")
# Non-state groups that take the country of the place they are in ("militants in Mali").
# Police, unions, farmers, teachers, doctors and clergy "in X" are also X's own.
# People often posted in another state's capital: "diplomats in Beijing" are mostly foreign.
_LOCAL_SECTORS = {
    "REB",
    "INS",
    "UAF",
    "OPP",
    "CVL",
    "CRM",
    "COP",
    "LAB",
    "AGR",
    "EDU",
    "HLH",
    "REL",
}


def _is_matched(u: Unit) -> bool:
    return u.kind in _PROPER or u.kind in ("sector", "neutral")


def chunk_units(units: list[Unit], doc: Doc) -> list[list[Unit]]:
    """Group units into candidate actor phrases (see module docstring)."""
    chunks: list[list[Unit]] = []
    k = 0
    while k < len(units):
        u = units[k]
        if not (_is_matched(u) or u.kind in ("det", "name")):
            k += 1
            continue
        chunk = [u]
        k += 1
        while k < len(units):
            v = units[k]
            nxt = units[k + 1] if k + 1 < len(units) else None
            if _is_matched(v) or v.kind == "name":
                chunk.append(v)
            elif chunk[-1].kind == "name" and nxt is not None and _name_dash(v, nxt, doc):
                # "Alaa Abd El-Fattah": a hyphen inside a name
                chunk.extend([Unit(v.start, v.end, "namedash"), nxt])
                k += 1
            elif (
                v.kind == "poss"
                and nxt is not None
                and nxt.kind in ("sector", "person", "neutral", "seat", "org")
            ):
                chunk.append(v)
            elif (
                v.kind == "of"
                and chunk[-1].kind == "sector"
                and chunk[-1].entries[0].weight >= 2
                and nxt is not None
                and (nxt.kind in _PLACE_KINDS or nxt.kind == "org" or nxt.kind == "det")
            ):
                chunk.append(v)
            elif v.kind == "det" and chunk[-1].kind == "of":
                chunk.append(v)
            elif v.kind == "paren" and _paren_abbrev(units, k, doc):
                close = units[k + 2]
                chunk.extend([v, units[k + 1], close])
                k += 3
                break
            else:
                break
            k += 1
        chunks.extend(_split_and_trim(chunk))
    return chunks


def _name_dash(v: Unit, nxt: Unit, doc: Doc) -> bool:
    """A dash written tight between two name parts: "El-Fattah", "Zaghari-Ratcliffe"."""
    return (
        v.end - v.start == 1
        and doc[v.start].text in ("-", "‐")
        and nxt.kind == "name"
        and not doc[v.start - 1].whitespace_
        and not doc[v.start].whitespace_
    )


def _name_text(chunk: list[Unit], doc: Doc) -> str:
    """The text of the unknown-name units of a phrase, hyphenated parts kept together."""
    text = ""
    for u in chunk:
        if u.kind == "namedash":
            text += "-"
        elif u.kind == "name":
            part = doc[u.start : u.end].text
            text += part if not text or text.endswith("-") else " " + part
    return text


def _paren_abbrev(units: list[Unit], k: int, doc: Doc) -> bool:
    """A parenthesised abbreviation right after an organisation: "Court (ICC)"."""
    if k + 2 >= len(units) or doc[units[k + 2].start].text != ")":
        return False
    inner = doc[units[k + 1].start : units[k + 1].end].text
    return inner.isupper() and len(inner) <= 8


def _split_and_trim(chunk: list[Unit]) -> list[list[Unit]]:
    # A chunk holding two proper names of different kinds back to back ("Turkey Ukraine")
    # is rare; a known person after a country adjective is the normal case, so no split.
    while chunk and chunk[-1].kind in ("det", "poss", "of", "neutral", "paren"):
        if chunk[-1].kind == "paren":
            break
        chunk = chunk[:-1]
    # Trailing unknown names stay only when they follow a title: "President Kassym Tokayev".
    n = len(chunk)
    while n and chunk[n - 1].kind in ("name", "namedash"):
        n -= 1
    if n < len(chunk) and not (n and chunk[n - 1].kind in ("sector", "person")):
        chunk = chunk[:n]
    while chunk and chunk[-1].kind in ("det", "poss", "of", "neutral"):
        chunk = chunk[:-1]
    if not any(u.kind in _PROPER or u.kind == "sector" for u in chunk):
        return []
    return [chunk]


def _modifier_of_next(chunk: list[Unit], doc: Doc) -> bool:
    """True when the phrase only modifies a following non-actor noun ("military support")."""
    end = chunk[-1].end
    if end >= len(doc) or chunk[-1].kind == "paren":
        return False
    nxt = doc[end]
    last = doc[end - 1]
    return nxt.pos_ in ("NOUN", "PROPN") and (
        last.head.i == nxt.i or last.dep_ in ("compound", "amod")
    )


def _plural_officials(doc: Doc, u: Unit) -> bool:
    """Plural "officials" ("officials said", "the officials told Reuters") are the state's
    officials of the story, a source news names by their office alone; "an official" is not."""
    return u.kind == "sector" and u.end - u.start == 1 and doc[u.start].lower_ == "officials"


def _state_body_modifier(chunk: list[Unit], doc: Doc) -> bool:
    """A country word and then a full-weight state-body word: "Philippine government"."""
    last = chunk[-1]
    return (
        any(u.kind in ("country", "adj", "dem") for u in chunk[:-1])
        and last.kind == "sector"
        and last.entries[0].weight >= 2
        and last.entries[0].sector in _STATE_SECTORS
        # a noun names the body; an adjective only the kind of thing: "military support"
        and doc[last.end - 1].pos_ in ("NOUN", "PROPN")
    )


def _military_means(chunk: list[Unit], doc: Doc, lex: Lexicon) -> bool:
    """The phrase ends in a full-weight MIL word and a military vehicle noun follows."""
    last = chunk[-1]
    return (
        last.kind == "sector"
        and last.entries[0].sector == "MIL"
        and last.entries[0].weight >= 2
        and doc[last.end].lower_ in lex.military_means
    )


def _held_place(chunk: list[Unit], doc: Doc, lex: Lexicon) -> bool:
    """The phrase ends in a full-weight armed or state-body word and one of the places such
    a body holds follows: "rebel positions", "militant hideouts", "army posts"."""
    last = chunk[-1]
    return (
        last.kind == "sector"
        and last.entries[0].sector in ARMED_SECTORS
        and last.entries[0].weight >= 2
        and doc[last.end].lower_ in lex.held_places
    )


def interpret(chunk: list[Unit], doc: Doc, lex: Lexicon, when: dt.date | None) -> Mention | None:
    """Resolve one phrase to a Mention (None when it names no actor)."""
    if _modifier_of_next(chunk, doc) and _military_means(chunk, doc, lex):
        # "army aircraft", "military helicopters": the force acting through its vehicles.
        after = chunk[-1].end
        chunk = [*chunk, Unit(after, after + 1, "means")]
    elif _modifier_of_next(chunk, doc) and _held_place(chunk, doc, lex):
        # "shelled rebel positions": the rebels are named by what they hold; the phrase is
        # theirs (the place noun stays outside it, so it is no civilian target of its own)
        pass
    elif _modifier_of_next(chunk, doc):
        # Only proper names survive as modifiers ("Russian invasion" -> RUS); a capital that
        # starts a longer proper name is a name, not the state ("the Rome Statute",
        # "the Minsk Agreement").
        nxt = doc[chunk[-1].end]
        keep = {"person", "media", "org", "country", "adj", "dem", "seat"}
        if not nxt.text[:1].isupper():
            keep.add("capital")
        if _state_body_modifier(chunk, doc):
            # "Philippine government revenue", "U.S. Treasury policies": the body is named,
            # only its thing follows; the phrase is the body's (PHLGOV), not the bare country.
            keep.add("sector")
        chunk = [u for u in chunk if u.kind in keep]
        if not chunk:
            return None
    start = chunk[0].start
    end = chunk[-1].end
    if doc[start].lower_ in _DETS and end - start == 1:
        return None
    span = doc[start:end]
    head = span.root.i
    kinds = [u.kind for u in chunk]
    eli = any(u.kind == "sector" and u.entries[0].sector == "ELI" for u in chunk)
    person_u = next((u for u in chunk if u.kind == "person"), None)
    if person_u is not None and _another_person(chunk, person_u, doc, lex, when):
        # "Gennady Gerasimov" is not the Valery Gerasimov of the dictionary: an unknown name,
        # kept only after a title ("Soviet spokesman Gennady Gerasimov").
        chunk = [Unit(u.start, u.end, "name") if u is person_u else u for u in chunk]
        trimmed = _split_and_trim(chunk)
        if not trimmed:
            return None
        chunk, person_u = trimmed[0], None
        kinds = [u.kind for u in chunk]
    org_u = next((u for u in chunk if u.kind in ("org", "media")), None)
    place_u = next((u for u in chunk if u.kind in _PLACE_KINDS), None)
    sector = _sector(chunk)
    # A full-weight title word: "Labour MP" is LEG, "BNP leader" stays the party's.
    title_sector = _sector([u for u in chunk if u.kind == "sector" and u.entries[0].weight >= 2])
    name: str | None = None
    country: str | None = None
    code: str | None = None
    if person_u is not None:
        person = lex.people.pick(person_u.entries[0].person_ids, when)
        role, in_office = person.role_at(when)
        name = person.name
        started = person.first_start()
        text_title = _sector(chunk[: chunk.index(person_u)])
        if (
            role.country.startswith(_NON_STATE_PREFIXES)
            and not in_office
            and place_u
            and text_title
        ):
            # The text's own country and title win over a past international role: "British
            # Foreign Secretary Sir Geoffrey Howe", known to the dictionary only as the EC's
            # council president of 1986.
            country, sector = place_u.entries[0].country, text_title
        elif role.country.startswith(_NON_STATE_PREFIXES):
            code, country, sector = role.country, None, None
            if not in_office:
                # a former holder is an elite of his own country ("Lord Kinnock", once an EU
                # commissioner, before that Labour's leader)
                code, sector = None, "ELI"
                country = place_u.entries[0].country if place_u else person.home()
        else:
            country = role.country
            if place_u is not None and sector is not None:
                # The article's own title wins: "Soviet Premier ...", "British Foreign
                # Secretary Sir Geoffrey Howe" whatever the dictionary's dates say.
                country = place_u.entries[0].country or country
            # A title before the name ("Treasury Secretary James Baker", whom the dictionary
            # knows only as an elite) says what he is on this date; a noun after the name is
            # his group, not his title ("the Houthi forces").
            # A weak title ("leader", "spokesman") says less than the dictionary's role, but
            # a party in opposition makes its titled people the opposition.
            titles = chunk[: chunk.index(person_u)]
            before = _sector([u for u in titles if u.kind != "sector" or u.entries[0].weight >= 2])
            if before is None and org_u is not None and org_u.entries[0].in_opposition(when):
                before = "OPP" if any(u.kind == "sector" for u in titles) else None
            if before == "PTY" and in_office and role.sector == "OPP":
                before = "OPP"  # "Party leader Michael Howard" leads the opposition (2005)
            if before is not None:
                sector = "ELI" if eli else before
            elif in_office:
                sector = "ELI" if eli else role.sector
            elif eli or when is None or started is None or when >= started:
                sector = "ELI"  # out of office; before the first known role: the country only
        kind = "person"
    elif org_u is not None:
        e = org_u.entries[0]
        code = e.code_at(when)
        if e.org_kind == "company":
            country, sector = e.country, e.sector
        elif code and not code.startswith(_NON_STATE_PREFIXES) and len(code) >= 3 and code != "MED":
            country, sector = code[:3], (code[3:6] or None)
        else:
            country, sector = None, e.sector
        name = e.name
        kind = "media" if e.kind == "media" else (e.org_kind or "igo")
        if "name" in kinds and any(u.kind == "sector" for u in chunk):
            # "BNP leader Nick Griffin", "Labour MP Bob Laxton": a person of the organisation
            name, kind = _name_text(chunk, doc), "person"
            if country is not None and title_sector is not None:
                code, sector = None, title_sector
            elif country is not None and e.in_opposition(when):
                # "Tory leader Michael Howard", "Labour spokesman George Foulkes" (1987): the
                # titled people of a party in opposition on the date are the opposition.
                code, sector = None, "OPP"
        elif e.org_kind == "party" and country and title_sector in ("GOV", "LEG", "OPP"):
            code, sector = None, title_sector  # "a Labour government", "Tory MPs"
    elif place_u is not None:
        country = place_u.entries[0].country
        amb = lex.ambiguous.get(norm_key(doc[place_u.start : place_u.end].text))
        if amb is not None and place_u.kind == "country":
            country = amb.choose(doc.text)  # "Congo" with Brazzaville cues, "Georgia" in Atlanta
        if eli and sector in _STATE_SECTORS:
            sector = "ELI"
        titled = any(u.kind == "sector" for u in chunk)
        if titled and "name" in kinds:
            name = _name_text(chunk, doc)
        kind = {
            "capital": "capital",
            "seat": "institution",
        }.get(place_u.kind, "description" if titled else "country")
    else:
        # A bare sector word is an actor only when it is a definite or plural group noun of
        # full weight ("the army", "protesters"); "a party", "officials", "counterpart" are not.
        # A backer compound makes a weak word specific: "Russian-installed officials".
        strong = [
            u
            for u in chunk
            if (u.kind == "sector" and u.entries[0].weight >= 2)
            or u.role == "backer"
            or _plural_officials(doc, u)
        ]
        # Unidentified attackers are named indefinitely by nature ("a gunman", "a suicide
        # bomber"); for them "a" does not make the word generic.
        # Nor does it for a post or base ("an army checkpoint", "a police station"): one
        # particular body holds it.
        held = doc[end - 1].lower_ in lex.held_places or (
            end < len(doc) and doc[end].lower_ in lex.held_places
        )
        indefinite = (
            doc[start].lower_ in ("a", "an")
            and sector != "UAF"
            and doc[end - 1].lemma_.lower() not in _SPECIFIC_INDEFINITES
            and not held
        )
        # An origin or location list makes even a weak or indefinite word specific: "officials
        # from Russia and Ukraine", "a delegation from Iran", "women in Kabul".
        places, place_end = _group_places(doc, start, end, sector, lex)
        if sector is None or not places and (not strong or indefinite):
            return None
        if eli and sector in _STATE_SECTORS:
            sector = "ELI"
        if "name" in kinds:
            name = _name_text(chunk, doc)
        kind = "person" if name else "description"
        if name and doc[end - 1].lower_ in _ORG_HEADS:
            # "the Local Government Association", "the Police Federation": a body's name, not
            # a titled person's
            name, kind = doc[start + (doc[start].lower_ in _DETS) : end].text, "institution"
        title = lex.unique_titles.get(norm_key(doc[end - 1].text))
        if title is not None and not name:
            # "the Pope", "the pontiff": a one-holder office names its holder.
            country, office = title
            holder = lex.people.holder(country, office, when)
            if holder is not None:
                name = holder.name
                r, _ = holder.role_at(when)
                sector = r.sector or sector
            kind = "person"
        elif places:
            return _per_country(doc[start:place_end], head, places, sector, name, kind)
    if code is None:
        code = (country or "") + (sector or "")
    if not code:
        return None
    actor = Actor(
        code=code,
        country=country,
        sector=sector,
        name=name,
        entity_text=span.text,
        start=span.start_char,
        end=span.end_char,
    )
    return Mention(start=start, end=end, head=head, actors=(actor,), kind=kind)


def _another_person(
    chunk: list[Unit], person_u: Unit, doc: Doc, lex: Lexicon, when: dt.date | None
) -> bool:
    """A given name before a known surname that is not the known person's: "Gennady
    Gerasimov" against the dictionary's Valery Gerasimov. Initials never disagree."""
    pos = chunk.index(person_u)
    given = [u for u in chunk[:pos] if u.kind == "name"]
    if not given or chunk[pos - 1].kind != "name" or person_u.end - person_u.start > 1:
        return False
    person = lex.people.pick(person_u.entries[0].person_ids, when)
    known = {norm_key(w.strip(".")) for n in (person.name, *person.aliases) for w in n.split()}
    known |= {nick for w in known for nick in nicknames().get(w, ())}  # "Dick" Darman is Richard
    for u in given:
        for tok in doc[u.start : u.end]:
            word = norm_key(tok.text.strip("."))
            if len(word) > 2 and word not in known and tok.lower_ not in HONORIFICS:
                return True
    return False


def _group_places(
    doc: Doc, start: int, end: int, sector: str | None, lex: Lexicon
) -> tuple[list[str], int]:
    """Countries of "from PLACE(S)" / "in PLACE(S)" right after a country-less group phrase.

    "from" gives any group its origin when it attaches to the group noun ("police from Spain
    and Portugal"; not "withdraw troops from Syria", where "from" hangs off the verb). "in"
    only for groups that belong where they are (``_LOCAL_SECTORS``: "women in Kabul"); not for
    diplomats, troops or journalists, who are often foreigners there.
    """
    if sector is None or end >= len(doc):
        return [], end
    prep = doc[end]
    if (
        prep.lower_ == "from"
        and start <= prep.head.i < end
        # "women in Kabul", but not "talks with the opposition in Mexico City", where the
        # place hangs on the talks
        or (prep.lower_ == "in" and sector in _LOCAL_SECTORS and start <= prep.head.i < end)
    ):
        return places_after(doc, end, lex)
    if (
        prep.lower_ == "in"
        and sector in _STATE_SECTORS
        and doc[end - 1].lemma_.lower() not in POSTED_ABROAD
        and capital_at(doc, end + 1, lex)
    ):
        # "the interior minister in Kiev", "officials in Chisinau": a seat of government
        # names the state the officials serve
        return places_after(doc, end, lex)
    return [], end


def _per_country(
    span: Span, head: int, countries: list[str], sector: str, name: str | None, kind: str
) -> Mention:
    """One mention over the group and its places, one actor per country, all of one sector."""
    actors = tuple(
        Actor(c + sector, c, sector, name, span.text, span.start_char, span.end_char)
        for c in countries
    )
    return Mention(start=span.start, end=span.end, head=head, actors=actors, kind=kind)


def _sector(chunk: list[Unit]) -> str | None:
    """Pick the phrase's sector: highest weight wins, the last (head) word breaks ties."""
    best: tuple[int, int, str | None] = (0, -1, None)
    for pos, u in enumerate(chunk):
        if u.kind == "sector":
            e = u.entries[0]
            if e.sector == "ELI" or e.sector is None and e.weight <= 1:
                continue
            weight = e.weight
        elif u.kind == "seat":
            weight, e = 2, u.entries[0]
        elif u.kind == "capital":
            weight, e = 1, u.entries[0]
        else:
            continue
        if (weight, pos) >= best[:2]:
            best = (weight, pos, e.sector)
    return best[2]


def base_mentions(doc: Doc, lex: Lexicon, when: dt.date | None) -> list[Mention]:
    """All lexicon-based actor mentions of a Doc, one per phrase."""
    out: list[Mention] = []
    for sent in doc.sents:
        units = match_units(lex, sent)
        found: list[Mention] = []
        for chunk in chunk_units(units, doc):
            m = interpret(chunk, doc, lex, when)
            if m is not None:
                found.append(m)
        # A group phrase that took in its places ("police from Spain and Portugal") covers the
        # place names: they are its origin, not actors of their own.
        out.extend(
            m
            for m in found
            if not any(o is not m and o.start <= m.start and m.end <= o.end for o in found)
        )
    return out
