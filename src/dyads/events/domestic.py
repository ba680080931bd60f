"""Give unnamed domestic actors their country from context.

"Police arrested protesters in Tbilisi": the resolver knows the sectors (COP, CVLOPP) but not
the country; the event's place, or the one country the sentence (or the article) talks about,
supplies it. Unnamed victims ("killed 59 people") become civilians of that country.

A recipient is coded only where the text makes it clear (PLOVER 2.0: "recipient ... if this is
clear"; a group "may mobilize with no specific entity stated"; docs/annotation/GUIDELINES.md:
"a protest with no target" has none). So a protest or a deployment that names no target gets no
recipient (an earlier version implied the protesters' own government, and the deployers' own
people; on the real-news dev split that convention cost 0.03 F1), and a place of the actor's own
country that is attacked or taken ("shelled the city", "captured the area") is where the event
happened, not whom it was aimed at here (the targets pass, ``events.targets``, decides
what such an attack is aimed at when no one is named).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Span

from dyads.actors.lexicon import sovereign
from dyads.actors.model import DIPLOMATS
from dyads.actors.places import BORDER_NOUNS, names_border
from dyads.events import syntax
from dyads.events.candidate import Candidate
from dyads.events.lexicon import Lexicon
from dyads.records import Actor, Location

if TYPE_CHECKING:
    from dyads.actors import ActorIndex

# Codes that are international by nature and never take a country.
INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC")
# Verbal acts, which a state does not address to itself ("ministers quit his government" is
# a material act within one state, and keeps its recipient).
VERBAL_TYPES = frozenset(
    {"REQUEST", "ACCUSE", "THREATEN", "SUPPORT", "REJECT", "AGREE", "CONSULT", "CONCEDE"}
)
DOMESTIC_COERCE = frozenset({"curfew", "martial-law", "censor", "withhold"})


def needs_country(a: Actor) -> bool:
    """A sector-only actor ("police" -> COP) that should take the context's country."""
    return a.country is None and not a.code.startswith(INTERNATIONAL) and len(a.code) <= 6


def context_country(
    c: Candidate, location: Location | None, index: ActorIndex, article_country: str | None
) -> str | None:
    """The country an event's unnamed domestic actors belong to."""
    if location is not None and location.country:
        return sovereign(location.country)  # riots in New Caledonia are France's
    sent = c.sentence
    doc = sent.doc
    in_sentence = [
        (m.start, a.country)
        for m in index.context(sent.start, sent.end)
        for a in m.actors
        # envoys and diplomats are often abroad: "the army killed two rebels as Norwegian
        # envoys met Sri Lanka's president" says nothing of whose army it is
        if a.country and doc[m.head].lemma_.lower() not in DIPLOMATS
    ]
    countries = {cc for _, cc in in_sentence}
    if len(countries) == 1:
        return countries.pop()
    # "The US eased sanctions on Venezuela's oil sector after the government and opposition
    # agreed": an unnamed "government" is that of the country named last before it.
    before = [cc for start, cc in in_sentence if start < c.trigger.i]
    if before:
        return before[-1]
    # "Villagers blocked the road to Kyrgyzstan's Kumtor mine": the country the event itself
    # names, else the article's
    own = {a.country for a in (*c.recipients, *c.actors) if a.country}
    if len(own) == 1:
        return own.pop()
    if article_country or in_sentence:
        return article_country or in_sentence[0][1]
    return _place_country(sent, index)


def _place_country(sent: Span, index: ActorIndex) -> str | None:
    """The country of the first named place in a sentence that names no state: "a curfew in
    parts of Ahmedabad" is India's. The small parser's NER often calls a place an
    organisation or a person ("in Ranage district of Narathiwat", "Tamaulipas state
    officials"): such a name counts too when it is no actor and sits where places do (the
    object of a preposition, an owner, a modifier). Last, the town a body's name begins
    with."""
    from dyads.geo import Gazetteer

    gaz = Gazetteer.default()
    loose = []
    for ent in sent.ents:
        if names_border(ent.root):
            continue  # "at the border with Turkey" is not Turkey
        if ent.label_ in ("GPE", "LOC"):
            loc = gaz.lookup(ent.text, primary_only=True)
            if loc is not None and loc.country:
                return sovereign(loc.country)
        elif (
            ent.label_ in ("ORG", "PERSON", "FAC")
            and ent.root.dep_ in ("pobj", "poss", "compound")
            and not index.in_range(ent.start, ent.end)
        ):
            loose.append(ent)
    for ent in loose:
        loc = gaz.lookup(ent.text, primary_only=True)
        if loc is not None and loc.country:
            return sovereign(loc.country)
    for ent in sent.ents:
        # a body named after its town: "Aleppo university", "the Mapusa Municipal Council",
        # "Raqqa Rebels Brigade" (the town is the leading part of the name)
        if ent.label_ not in ("ORG", "FAC", "GPE", "LOC") or len(ent) < 2 or names_border(ent.root):
            continue
        for n in range(len(ent) - 1, 0, -1):
            part = ent[:n]
            if part[-1].pos_ != "PROPN" or ent[n].pos_ not in ("PROPN", "NOUN"):
                continue
            loc = gaz.lookup(part.text, primary_only=True)
            if loc is not None and loc.country:
                return sovereign(loc.country)
    return None


def country_counts(index: ActorIndex) -> Counter[str]:
    """How often the article names each country (news media and border mentions not counted)."""
    return Counter(
        a.country
        for m in index.mentions
        if m.kind != "media" and not index.names_border(m)
        for a in m.actors
        if a.country
    )


def dominant_country(index: ActorIndex) -> str | None:
    """The country most mentioned in the article, if it has a clear majority of mentions."""
    counts = country_counts(index)
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [("", 0)]
    second = rest[0][1] if rest else 0
    return top if n > second else None


def at_trigger(c: Candidate, country: str, sector: str | None = None) -> Actor:
    """A country (at ``sector``) the text does not name, placed at the event's trigger."""
    t = c.trigger
    return Actor(country + (sector or ""), country, sector, None, "", t.idx, t.idx)


def imply(c: Candidate, target: Actor) -> None:
    """Make ``target`` the draft's implied recipient (marked so that confidence drops)."""
    c.recipients = [target]
    c.signals["implied_recipient"] = True
    c.signals["no_recipient"] = False


def _fill(actors: Iterable[Actor], country: str) -> list[Actor]:
    out = []
    for a in actors:
        if needs_country(a):
            a = dataclasses.replace(a, code=country + a.code, country=country)
        out.append(a)
    return out


def apply_domestic(
    c: Candidate,
    location: Location | None,
    index: ActorIndex,
    article_country: str | None,
    lexicon: Lexicon,
) -> None:
    """Fill countries of sector-only actors, unnamed victims and domestic protest targets."""
    needs = any(needs_country(a) for a in (*c.actors, *c.recipients))
    implied = (
        c.event in ("PROTEST", "COERCE", "MOBILIZE", "CONCEDE")
        or c.rule.domestic
        or c.signals.get("domestic_content")
    )
    if not needs and c.victim is None and not (implied and not c.recipients):
        return
    country = context_country(c, location, index, article_country)
    if country is None:
        # Without a country in context, an unnamed victim is taken to share the actor's.
        actor_countries = {a.country for a in c.actors if a.country}
        country = actor_countries.pop() if len(actor_countries) == 1 else None
    if country is None:
        return
    if needs:
        c.signals["context_country"] = True  # a country inferred, not named
    c.actors = _fill(c.actors, country)
    if (
        c.event in ("ASSAULT", "COERCE")
        and (location is None or not location.country)
        and country in {a.country for a in c.actors}
    ):
        # "Al-Shabab killed 15 farmers in northern Kenya": with no place linked, unnamed
        # victims belong to the country the sentence names as a place, not to the attacker's
        # (docs/annotation/GUIDELINES.md: never the attacker's nationality by default)
        own = {a.country for a in c.actors if a.country}
        country = _nearest_other_country(c, index, own, kinds=("country",)) or country
    if c.event in ("AID", "AGREE") and any(needs_country(r) for r in c.recipients):
        # "offered to send food to civilians trapped by the fighting in Sudan": help goes
        # abroad, so unnamed beneficiaries belong to another country the sentence names
        own = {a.country for a in c.actors if a.country}
        abroad = _nearest_other_country(c, index, own)
        if abroad is not None:
            c.recipients = _fill(c.recipients, abroad)
    selves = {(a.code, a.name) for a in c.actors}
    self_codes = {a.code for a in c.actors}
    # "urged Latin American governments to ...": a country-less group filled with the actor's
    # own country would be the actor itself; it names no one ("Obama endorsed Biden", two
    # people of one code, stays)
    c.recipients = [
        r
        for r in _fill(c.recipients, country)
        if ((r.code, r.name) not in selves and not (r.name is None and r.code in self_codes))
        or c.event not in VERBAL_TYPES
    ]
    own_place = (
        c.victim is not None
        and lexicon.in_class(c.victim.lemma_.lower(), "targets")
        and country in {a.country for a in c.actors}
    )
    if not c.recipients and c.victim is not None and not own_place:
        v = c.victim
        c.recipients = [
            Actor(country + "CVL", country, "CVL", None, v.text, v.idx, v.idx + len(v.text))
        ]
        c.signals["implied_recipient"] = True
    elif (
        not c.recipients
        and c.victim is None
        and (
            c.rule.domestic
            or c.signals.get("domestic_content")
            or (c.event == "COERCE" and c.rule.mode in DOMESTIC_COERCE)
            or (c.event == "ASSAULT" and c.rule.mode == "crowd-control")
        )
    ):
        # A curfew, martial law or an internet shutdown falls on the actor's own population;
        # tear gas and water cannon are used on the country's own crowds.
        _to_own(c, "CVL")
    elif (
        not c.recipients
        and c.event == "CONCEDE"
        and all(a.sector in NON_STATE for a in c.actors)
        and not _other_party_in(c, index)
    ):
        # A union or rebels calling off a strike or an offensive, in a sentence naming no
        # other state, concede to their own government.
        own = {a.country for a in c.actors if a.country}
        if own:
            cc = sorted(own)[0]
            c.recipients = [at_trigger(c, cc, "GOV")]
            c.signals["implied_recipient"] = True


# Verbal and material conflict is always aimed at someone; when the clause does not say whom,
# the other party named nearest in the sentence is the best guess ("..., though Washington has
# urged restraint" in a sentence about Israel's threat to Iran). Marked as implied, so its
# confidence drops. Not for REJECT or SANCTION: "Moscow withdrew" names no one on purpose.
IMPLIED_TYPES = frozenset({"REQUEST", "THREATEN", "ACCUSE", "ASSAULT", "COERCE", "PROTEST"})
NON_STATE = frozenset({"CVL", "OPP", "LAB", "EDU", "AGR", "HRI", "REB", "PTY", "HLH", "BUS"})


def _nearest_other_country(
    c: Candidate, index: ActorIndex, own: set[str], kinds: tuple[str, ...] | None = None
) -> str | None:
    """The country named nearest the trigger in its sentence that is not one of ``own``
    (only by mentions of the given ``kinds``, if any: "country" for places named)."""
    best: tuple[int, str] | None = None
    for m in index.context(c.sentence.start, c.sentence.end):
        if m.kind == "pronoun" or (kinds is not None and m.kind not in kinds):
            continue
        for a in m.actors:
            if a.country and a.country not in own:
                d = abs(m.head - c.trigger.i)
                if best is None or d < best[0]:
                    best = (d, a.country)
    return best[1] if best else None


def _to_own(c: Candidate, sector: str) -> None:
    """Make the actor's own country (at ``sector``) the implied recipient, if it has one."""
    own = {a.country for a in c.actors if a.country}
    if len(own) == 1:
        cc = own.pop()
        c.recipients = [at_trigger(c, cc, sector)]
        c.signals["implied_recipient"] = True


def _other_party_in(c: Candidate, index: ActorIndex) -> bool:
    own = {a.country for a in c.actors if a.country}
    return any(
        a.country and a.country not in own
        for m in index.context(c.sentence.start, c.sentence.end)
        if m.kind != "pronoun"
        for a in m.actors
    )


APPEAL_OBJECTS = frozenset(
    {"aid", "assistance", "help", "funding", "fund", "money", "million", "billion", "donation",
     "relief", "support", "contribution"}
)  # fmt: skip


BORDER_WORDS = BORDER_NOUNS | {"line"}  # "to the front line"


def _to_the_border(c: Candidate) -> bool:
    """A deployment "to the frontier" faces the other state the sentence names."""
    if c.event != "MOBILIZE":
        return False
    # the prepositions of the verb, or of the forces it moves ("massed troops along its
    # border with Syria")
    hosts = [c.trigger, *(o for o in c.trigger.children if o.dep_ == "dobj")]
    return any(
        p.lower_ in ("to", "along", "near", "on", "toward", "towards")
        and any(o.lemma_.lower() in BORDER_WORDS for o in p.children)
        for h in hosts
        for p in h.children
        if p.dep_ == "prep"
    )


def _asks_for_aid(c: Candidate) -> bool:
    t = c.trigger
    return any(
        p.lower_ == "for" and any(o.lemma_.lower() in APPEAL_OBJECTS for o in p.children)
        for p in t.children
        if p.dep_ == "prep"
    )


def imply_recipient(
    c: Candidate, index: ActorIndex, lexicon: Lexicon, home: str | None = None
) -> None:
    """Give a conflict event with no stated recipient the nearest other party in its sentence."""
    if c.recipients or c.signals.get("reciprocal"):
        return  # "X and Y blamed each other": each side is the other's recipient
    if home is not None and _domestic_policy(c, index, lexicon, home):
        return
    if c.modality != "asserted":
        return
    if c.event not in IMPLIED_TYPES and not _to_the_border(c):
        if c.event in DOMESTIC_ONLY:
            _imply_domestic(c, index, lexicon)
        return
    if c.event == "REQUEST" and (c.rule.mode == "assist" or _asks_for_aid(c)):
        return  # "the UN appealed for $460 million in aid": an appeal to donors at large
    own = {a.country for a in c.actors if a.country} | {a.code for a in c.actors}
    sent = c.sentence
    best: tuple[int, Actor] | None = None
    doc = c.trigger.doc
    mentions = index.in_range(sent.start, sent.end)
    if not _to_the_border(c):
        # a country that only qualifies a place is no party ("killed two militants near the
        # Turkish border", "a district bordering Pakistan"); the other side of a border a
        # state shares is still named as a state ("Turkey, which shares a border with
        # Ukraine"), and troops sent to a border face it
        mentions = [
            m for m in mentions if not (index.names_border(m) and doc[m.head].dep_ != "pobj")
        ]
    for m in mentions:
        if m.kind in ("media", "pronoun") or m.start <= c.trigger.i < m.end:
            continue
        for a in m.actors:
            if not a.country or a.country in own or a.code in own:
                continue
            # A demand or warning is addressed to the party that acts elsewhere in the sentence
            # ("Israel could strike Iran ..., though Washington urged restraint" -> Israel);
            # force is aimed at the nearest party named.
            subject = c.event in ("REQUEST", "THREATEN") and doc[m.head].dep_ in (
                "nsubj",
                "nsubjpass",
            )
            rank = abs(m.head - c.trigger.i) - (1000 if subject else 0)
            if best is None or rank < best[0]:
                best = (rank, a)
    if best is None:
        # A union, party or rebel group that threatens or demands with no target named is
        # addressing its own government ("the Labour Congress warned it could shut down the
        # country").
        groups = {a.country for a in c.actors if a.country and a.sector in NON_STATE}
        if len(groups) == 1 and c.event in ("REQUEST", "THREATEN", "ACCUSE"):
            cc = groups.pop()
            best = (0, at_trigger(c, cc, "GOV"))
    if best is not None:
        imply(c, best[1])
    elif c.event not in NO_DOMESTIC_TARGET:
        _imply_domestic(c, index, lexicon)


# A protest or a deployment with no target named has none (see the module docstring), even
# inside one country.
NO_DOMESTIC_TARGET = frozenset({"PROTEST", "MOBILIZE"})


# Acts that name no one on purpose when the other side is foreign ("Moscow withdrew"), but
# that inside one country answer the other side of a domestic conflict.
DOMESTIC_ONLY = frozenset({"REJECT", "CONCEDE", "AGREE"})


def _imply_domestic(c: Candidate, index: ActorIndex, lexicon: Lexicon) -> None:
    """The other side of a domestic conflict, in a sentence that names no other state: a
    rebel ceasefire is towards the government, a ruler rejecting calls to go answers the
    protesters in the same sentence."""
    if _other_party_in(c, index):
        return
    own = {a.country for a in c.actors if a.country}
    if len(own) != 1:
        return
    cc = next(iter(own))
    t = c.trigger
    if all(a.sector in NON_STATE for a in c.actors):
        if c.event == "AGREE":
            # a party's or a group's promise with no one named is made to the public (the
            # voters, its members), not to the government: "the opposition leader promises
            # to lower taxes"; a deal with the government names it
            return
        target = at_trigger(c, cc, "GOV")
    else:
        groups = [
            (abs(m.head - t.i), a)
            for m in index.in_range(c.sentence.start, c.sentence.end)
            if m.kind not in ("media", "pronoun") and not m.start <= t.i < m.end
            for a in m.actors
            if a.country in (cc, None)
            and a.sector in NON_STATE
            # "shelled the city": an unnamed place is where it happened, not the other side
            and not (a.name is None and lexicon.in_class(t.doc[m.head].lemma_.lower(), "targets"))
        ]
        if not groups:
            return
        _, a = min(groups, key=lambda g: g[0])
        target = Actor(cc + (a.sector or ""), cc, a.sector, a.name, a.entity_text, a.start, a.end)
    imply(c, target)


# Verbal acts on a measure: "Tories welcomed the report", "the peers backed the control
# orders", "the government refused to back the bill".
POLICY_TYPES = frozenset({"SUPPORT", "REJECT", "ACCUSE"})


def _domestic_policy(c: Candidate, index: ActorIndex, lexicon: Lexicon, home: str) -> bool:
    """In a story about one country, backing, rejecting or criticising a measure, report or
    plan that the sentence gives no owner is addressed to that country's government, when
    the actor is not the government itself: the measures of domestic politics are the
    state's. Marked implied, so confidence drops."""
    if c.event not in POLICY_TYPES:
        return False
    own = {a.country for a in c.actors if a.country}
    if own != {home}:
        return False
    obj = syntax.direct_object(c.trigger) if c.trigger.pos_ in ("VERB", "AUX") else None
    if obj is None or obj.pos_ != "NOUN":
        return False
    lemma = obj.lemma_.lower()
    if not (lexicon.in_class(lemma, "statement") or lexicon.in_class(lemma, "documents")):
        return False
    if any(ch.dep_ == "poss" for ch in obj.children) or index.in_range(obj.i, obj.i + 1):
        return False  # an owner the rules already weighed, or an actor itself
    if any(a.sector in ("GOV", None) for a in c.actors):
        return False  # the government's own measures, or a state acting as a whole
    imply(c, at_trigger(c, home, "GOV"))
    return True
