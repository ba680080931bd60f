"""Names no dictionary knows: kept as actors with the country the article gives them.

An article names many people and bodies that no dictionary lists ("Jorge Marcano", "OPZZ",
"Dalenergo"). Dropping them loses the actor and every event it takes part in; coding them by
the dictionaries is impossible. What the article does say is where it is: a person named in a
story about Venezuela, with no other country in his sentence, is most likely Venezuelan. This
pass adds one mention per unknown name (spaCy's PERSON and ORG entities that no other mention
covers), with the name and no code; ``context.fill_countries`` then gives it the country of its
sentence or of the article, exactly as it does for sector-only groups, and
:func:`keep_coded` drops the ones that found none. A person is one actor through the article:
a bare surname takes the fullest name the article gives it ("Marcano" -> "Jorge Marcano").

What the name is comes from the article too: a title or apposition (cues.py: "Karim Haddad, an
intelligence chief"), a titled name it is coordinated with ("Revolutionary Guard members A and
B"), a corporate suffix (BUS); a person who found a country and no sector is a civilian
(:func:`keep_coded`).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from dyads.actors.cues import name_sector
from dyads.actors.lexicon import Lexicon
from dyads.actors.model import Mention
from dyads.actors.names import CORPORATE_SUFFIXES, surname_of
from dyads.records import Actor

# Capitalised non-actors spaCy often tags as organisations: statistics, indices, currencies.
_NOT_ACTORS = frozenset(
    {"gdp", "gnp", "cpi", "ppi", "pmi", "gmt", "dlrs", "dlr", "pct", "mln", "bln", "ecu",
     "libor", "sdr", "fob", "cif", "ltd", "inc", "co", "corp"}
)  # fmt: skip
_BODY_KINDS = {"company", "group", "igo", "ngo", "party", "institution"}
# Kinds of mentions that give a person a title ("Revolutionary Guard members Mohammed Shamsi").
_TITLED_KINDS = {"person", "institution"}
# Dependency relations of a name that acts or is acted on (not a modifier of another noun).
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "agent", "ROOT"}


def _candidate(ent: Span) -> bool:
    """A PERSON or ORG entity that could be an actor: capitalised, not a statistic, and an
    argument of its clause rather than a modifier ("the GNP figures")."""
    if ent.label_ not in ("PERSON", "ORG") or not ent.text[:1].isupper():
        return False
    if ent.text.lower().rstrip(".") in _NOT_ACTORS or not any(c.isalpha() for c in ent.text):
        return False
    return ent.root.dep_ in _ARGUMENT_DEPS


def _trim(doc: Doc, ent: Span) -> Span:
    """The entity without a leading determiner or a trailing possessive."""
    start, end = ent.start, ent.end
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and doc[end - 1].lower_ in ("'s", "'", "’s"):
        end -= 1
    return doc[start:end]


def unknown_names(doc: Doc, mentions: list[Mention], lex: Lexicon | None = None) -> list[Mention]:
    """One country-less mention per unknown PERSON/ORG name (see module docstring); with
    ``lex``, a sector from the title or apposition the article gives it (cues.py)."""
    covered = {t for m in mentions for t in range(m.start, m.end)}
    spans = [
        _trim(doc, ent)
        for ent in doc.ents
        if _candidate(ent) and not any(t in covered for t in range(ent.start, ent.end))
    ]
    spans = [s for s in spans if len(s)]
    # The fullest form of each person's surname: "Marcano" is "Jorge Marcano", and what its
    # title says he is holds for the bare surname ("Council of Economic Advisers chairman
    # Beryl Sprinkel ... Sprinkel indicated"), which spaCy often tags as an organisation.
    full: dict[str, Span] = {}
    for s in spans:
        if s.label_ == "PERSON" or s.root.ent_type_ == "PERSON":
            key = _surname(s)
            if len(s.text) > len(full.get(key, s[:0]).text):
                full[key] = s
    bodies = _known_bodies(doc, mentions)
    out: list[Mention] = []
    for s in spans:
        known = bodies.get(s.text)
        if known is not None:
            # "Quebecor" after "Quebecor Inc": the firm the article has named in full
            actors = tuple(
                replace(a, entity_text=s.text, start=s.start_char, end=s.end_char)
                for a in known.actors
            )
            out.append(Mention(s.start, s.end, s.root.i, actors, known.kind))
            continue
        person = s.root.ent_type_ == "PERSON"
        fuller = full.get(_surname(s))
        surname = fuller is not None and len(s) == 1 and len(fuller) > 1
        name = fuller.text if fuller is not None and (person or surname) else s.text
        # a firm's name says what it is: "Cable and Wireless Plc"
        sector = "BUS" if s[-1].text.rstrip(".").lower() in CORPORATE_SUFFIXES else None
        if sector is None and lex is not None:
            sector = name_sector(doc, s, lex)
        # The firm keeps its code without a country, as before; a sector read from the title
        # is only a reading until a country is found (no code: dropped without one).
        code = "BUS" if sector == "BUS" else ""
        actor = Actor(code, None, sector, name, s.text, s.start_char, s.end_char)
        actor = _as_conjunct(doc, s, mentions, actor)
        out.append(Mention(s.start, s.end, s.root.i, (actor,), "unknown"))
    return _share_titles(out, full)


def _surname(s: Span) -> str:
    return " ".join(t.text for t in surname_of(list(s)))


def _share_titles(out: list[Mention], full: dict[str, Span]) -> list[Mention]:
    """Bare surnames with no title of their own take the one the full name found."""
    titled = {
        m.start: m.actors[0]
        for m in out
        if m.kind == "unknown" and m.actors[0].sector and len(m.actors) == 1
    }
    shared: list[Mention] = []
    for m in out:
        a = m.actors[0]
        fuller = full.get(str(a.entity_text)) if m.end - m.start == 1 else None
        t = titled.get(fuller.start) if fuller is not None else None
        if m.kind == "unknown" and a.sector is None and t is not None:
            a = replace(a, code=t.code, country=t.country, sector=t.sector)
            m = Mention(m.start, m.end, m.head, (a,), m.kind)
        shared.append(m)
    return shared


def _as_conjunct(doc: Doc, s: Span, mentions: list[Mention], actor: Actor) -> Actor:
    """An unknown name coordinated with a titled one shares its title: "Revolutionary Guard
    members Mohammed Shamsi and Kamal Shamsi" are both IRNMIL."""
    if s.root.dep_ != "conj" or actor.sector is not None:
        return actor
    head = s.root.head.i
    other = next((m for m in mentions if m.start <= head < m.end and m.kind in _TITLED_KINDS), None)
    if other is None or len(other.actors) != 1 or not other.actors[0].country:
        return actor
    o = other.actors[0]
    if o.sector is None or other.start >= s.start:
        return actor
    if other.kind == "person" and doc[other.start].text in str(o.name).split():
        return actor  # "Tony Blair and Lisa Power": no title before the first name to share
    return Actor(o.code, o.country, o.sector, actor.name, actor.entity_text, actor.start, actor.end)


def _known_bodies(doc: Doc, mentions: list[Mention]) -> dict[str, Mention]:
    """Coded organisation mentions by their name as written, without a determiner or a
    corporate suffix: "Quebecor Inc" -> "Quebecor"."""
    out: dict[str, Mention] = {}
    for m in mentions:
        if m.kind not in _BODY_KINDS or len(m.actors) != 1 or not m.actors[0].code:
            continue
        toks = [t.text for t in doc[m.start : m.end]]
        if toks and toks[0].lower() in ("the", "a", "an"):
            toks = toks[1:]
        if len(toks) > 1 and toks[-1].rstrip(".").lower() in CORPORATE_SUFFIXES:
            toks = toks[:-1]
        if toks:
            out.setdefault(" ".join(toks), m)
    return out


def keep_coded(mentions: list[Mention], doc: Doc | None = None) -> list[Mention]:
    """``mentions`` without the unknown names that found no country. With ``doc``, an unknown
    person who found a country but whom nothing in the article gives a sector is a civilian
    (CVL): a name the news gives no title, party or office is most often a private person
    ("Lee Westwood", "Yigal Amir"); an unknown body stays sector-less."""
    out: list[Mention] = []
    for m in mentions:
        if not any(a.code for a in m.actors):
            continue
        a = m.actors[0]
        if (
            doc is not None
            and m.kind == "unknown"
            and a.country
            and a.sector is None
            and doc[m.head].ent_type_ == "PERSON"
        ):
            civ = Actor(a.country + "CVL", a.country, "CVL", a.name, a.entity_text, a.start, a.end)
            m = Mention(m.start, m.end, m.head, (civ,), m.kind, m.inferred)
        out.append(m)
    return out


# Person pronouns that open a sentence's clause as its subject ("He urged a limit"); not "his"
# ("his report": whose report is no party), and not objects ("granted him asylum").
_SUBJECTS = frozenset({"he", "she"})


def unknown_antecedents(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` plus the subject pronouns that begin speaking of an unknown person named
    in the sentence before ("Essential Guide author Dan Lewis said ... . He urged a limit").
    Coreference (coref.py) runs before unknown names exist and leaves such pronouns
    unresolved on purpose. Only a subject in the next sentence, and only when that person is
    the last one named: inside a sentence an unknown name's country is too often another
    actor's ("Police arrested Zorvan Quellik, hours after Mexico granted him asylum")."""
    covered = {t for m in mentions for t in range(m.start, m.end)}
    persons = sorted(
        (m for m in mentions if doc[m.head].ent_type_ == "PERSON" and len(m.actors) == 1),
        key=lambda m: m.start,
    )
    if not any(m.kind == "unknown" for m in persons):
        return mentions
    out = list(mentions)
    for tok in doc:
        if tok.i in covered or tok.lower_ not in _SUBJECTS or tok.pos_ != "PRON":
            continue
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        sent = tok.sent
        if sent.start == 0:
            continue
        previous = doc[sent.start - 1].sent
        before = [m for m in persons if m.end <= tok.i]
        if not before or any(m.start >= sent.start for m in before):
            continue  # a person named earlier in the pronoun's own sentence: coref's call
        ante = before[-1]
        if ante.kind != "unknown" or not ante.actors[0].country or ante.start < previous.start:
            continue
        a = ante.actors[0]
        actor = Actor(
            a.code, a.country, a.sector, a.name, tok.text, tok.idx, tok.idx + len(tok.text)
        )
        out.append(Mention(tok.i, tok.i + 1, tok.i, (actor,), "pronoun"))
    return out
