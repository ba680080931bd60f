"""A nationality before a weapon is that state's armed forces; before a proposal, its government.

"Russian bombs", "attacking Syrian rockets", "Israeli airstrikes", "a US drone strike", "with
Russian air support": the country word is the actor, and what acts is its military, yet the
chunker reads it as the bare country (RUS), because the noun after it is no actor word. The
weapons listed in ``data/sectors.yaml`` (``weapons``) are those only armed forces use; vehicles
that are civilian as often as not ("Russian aircraft") are not among them and stay mere nouns.
Likewise "a South Korean proposal", "the Japanese offer" (``state_acts``) are the government's.

:func:`strikes_with_weapons` is also what ``context.py`` uses to tell a state that strikes from the
air from the state whose "government troops" a sentence speaks of.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dyads.actors.model import Mention
from dyads.records import Actor

_MODIFIER_DEPS = ("amod", "compound", "nmod", "nummod")
# The most words between a country word and its weapon noun: "Russian long-range cruise
# missiles", "U.S. and British warplanes".
_MAX_GAP = 5


def _modified_noun(doc: Doc, m: Mention) -> Token | None:
    """The noun a one-country mention modifies, across coordination ("U.S. and British
    warplanes" -> warplanes), if it is close enough after it."""
    if m.kind != "country" or len(m.actors) != 1:
        return None
    tok = doc[m.end - 1]
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    if tok.dep_ not in _MODIFIER_DEPS:
        return None
    noun = tok.head
    if noun.i <= tok.i or noun.i - tok.i > _MAX_GAP:
        return None
    return noun


def weapon_modifier(doc: Doc, m: Mention, weapons: frozenset[str]) -> bool:
    """Whether country mention ``m`` modifies a noun of ``weapons`` (across coordination)."""
    noun = _modified_noun(doc, m)
    if noun is None:
        return False
    pair = f"{doc[noun.i - 1].lower_} {noun.lower_}"
    return noun.lower_ in weapons or pair in weapons


def strikes_with_weapons(doc: Doc, m: Mention, weapons: frozenset[str]) -> bool:
    """Whether ``m`` names a state only by its weapons: a country word before a weapon
    ("Israeli [airstrikes]") or a phrase whose head is one ("Israeli airstrikes")."""
    head = doc[m.head]
    pair = f"{doc[m.head - 1].lower_} {head.lower_}" if m.head > 0 else ""
    return weapon_modifier(doc, m, weapons) or head.lower_ in weapons or pair in weapons


def armed_people(doc: Doc, m: Mention, military_acts: frozenset[str]) -> bool:
    """Whether ``m`` is a people named as a plural noun ("the Israelis", "Germans") that is
    the subject of what armies do ("have captured", "were patrolling")."""
    if m.kind != "country" or len(m.actors) != 1:
        return False
    head = doc[m.head]
    if head.tag_ not in ("NNS", "NNPS") or head.dep_ != "nsubj":
        return False
    return head.head.lemma_.lower() in military_acts


def striking_aircraft(doc: Doc, m: Mention, aircraft: frozenset[str], acts: frozenset[str]) -> bool:
    """Whether country mention ``m`` modifies aircraft that do what armies do ("Israeli
    aircraft bombed targets in Lebanon", "Turkish jets struck PKK positions"): an airliner
    does not bomb, so the aircraft are the state's military."""
    noun = _modified_noun(doc, m)
    return (
        noun is not None
        and noun.lower_ in aircraft
        and noun.dep_ == "nsubj"
        and noun.head.lemma_.lower() in acts
    )


def arm_nationalities(
    doc: Doc,
    mentions: list[Mention],
    weapons: frozenset[str],
    acts: frozenset[str] = frozenset(),
    military_acts: frozenset[str] = frozenset(),
    air: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> list[Mention]:
    """``mentions`` with bare country words before weapons, and peoples named as the doers of
    what armies do (``military_acts``: "the Israelis captured ..."), made the country's
    military, and those before what only governments put forward (``acts``: "a South Korean
    proposal") its government."""
    out: list[Mention] = []
    aircraft, air_acts = air[0], military_acts | air[1]
    for m in mentions:
        a = m.actors[0] if m.actors else None
        sector = None
        if a is not None and a.sector is None and a.country:
            if (
                weapon_modifier(doc, m, weapons)
                or armed_people(doc, m, military_acts)
                or striking_aircraft(doc, m, aircraft, air_acts)
            ):
                sector = "MIL"
            elif weapon_modifier(doc, m, acts):
                sector = "GOV"
        out.append(m if a is None or sector is None else _as_sector(m, a, sector))
    return out


def _as_sector(m: Mention, a: Actor, sector: str) -> Mention:
    """``m`` with its one actor ``a`` made the ``sector`` of a's country."""
    actor = Actor(str(a.country) + sector, a.country, sector, a.name, a.entity_text, a.start, a.end)
    return Mention(m.start, m.end, m.head, (actor,), m.kind)


# The armed forces a state leader commands: "Saleh's forces", "Assad's troops".
_FORCE_NOUNS = frozenset({"force", "forces", "troop", "troops", "army", "soldier", "soldiers"})
_COMMANDERS = frozenset({"GOV", "ELI", "MIL"})


def leaders_forces(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with a state leader's forces ("Saleh's forces", "Assad's troops") made the
    military of the leader's country: the troops act, not the man (a rebel leader's fighters
    keep his code)."""
    out: list[Mention] = []
    for m in mentions:
        head = doc[m.head]
        if (
            m.kind == "person"
            and len(m.actors) == 1
            and head.lower_ in _FORCE_NOUNS
            and any(c.dep_ == "poss" for c in head.children)
            and m.actors[0].country
            and m.actors[0].sector in _COMMANDERS
        ):
            out.append(_as_sector(m, m.actors[0], "MIL"))
        else:
            out.append(m)
    return out
