"""Whom an attack, a seizure or a deployment is aimed at when the clause names no one.

Runs after the recipients pass has looked for another party in the sentence. Three cases of
force:

- a state striking abroad hits that state ("strikes in Syria" by Turkey -> SYR), and forces
  seizing or arresting in another state's territory act against it;
- an attack at a place with no state behind it falls on the people there ("two car bombs
  exploded in Mogadishu" -> SOMCVL);
- a state's own forces attacking or taking ground at home, with no target named, act against
  a domestic opponent: the recipient is their own country. The real-news annotators code it
  so ("the Syrian Arab Army ... targeting the final rebel pocket" -> SYR, "Philippine troops
  captured Malik's two camps" -> PHL), reading the opponent as strongly implied
  (docs/annotation/GUIDELINES.md section 3). On the real-news dev split this raised sentence
  F1 from 0.586 to 0.601; rebels, gunmen and protesters are left alone, since their target at
  home is not one thing (the government, a town, a crowd).

A fourth: forces deployed or patrolling in another state's territory are aimed at that state
("UN peacekeepers patrol Liberia" -> LBR), as the annotators code foreign patrols; at home a
deployment has none (train sentences 0.673 -> 0.677, dev unchanged).

A fifth case is domestic politics: in a story about one country (several sentences, most
of the country mentions that country's), a party, minister or group of that country that
accuses, rejects, demands, warns, backs or meets with no one named addresses its own country
("the Tories say he is surrendering a key veto", "Labour has already branded the proposal
unworkable"): GBR -> GBR, as the annotators code it. On the real-news dev articles this raised
F1 from 0.583 to 0.664 (train articles 0.512 -> 0.539; meetings were added later and moved dev
only); single sentences are no story and are left alone.

Every recipient made here is marked implied, so the event's confidence drops. One is taken
away: a promise to the actor's own public at large ("giving power back to the people") names
no party (:func:`public_promise`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from dyads.actors.lexicon import sovereign
from dyads.events.candidate import Candidate
from dyads.events.domestic import NON_STATE, at_trigger, country_counts, imply
from dyads.records import Location

if TYPE_CHECKING:
    from dyads.actors import ActorIndex

# Sectors that act for the state itself ("None" is a state named as a whole: "Israel
# captured the area").
STATE_SECTORS = frozenset({None, "GOV", "MIL", "COP", "SPY"})


def located_target(c: Candidate, location: Location | None) -> None:
    """An attack that names no target falls on the country where it happened; a seizure or a
    deployment in another state's territory is aimed at that state.

    "Two car bombs exploded in Mogadishu, ... in an attack the government blamed on
    al-Shabaab": the people of Somalia. Marked implied, so confidence drops. A state striking
    abroad hits that state ("strikes in Syria" -> SYR); at home, its own population.
    """
    if c.recipients or location is None or not location.country:
        return
    if c.event == "COERCE":
        _coerced_abroad(c, location)
        return
    if c.event == "MOBILIZE":
        _deployed_abroad(c, location)
        return
    if c.event != "ASSAULT":
        return
    if c.rule.symmetric and len(c.actors) >= 2:
        return  # "Indian and Chinese soldiers fought": each side is the other's target
    cc = sovereign(location.country)
    own = {a.country for a in c.actors if a.country}
    abroad = bool(own) and cc not in own and not all(a.sector in NON_STATE for a in c.actors)
    imply(c, at_trigger(c, cc, None if abroad else "CVL"))


def _host_abroad(c: Candidate, location: Location, igo: bool = False) -> str | None:
    """The state whose territory the actors act in, when it is none of theirs (an IGO's
    forces, with ``igo``, act abroad wherever they are)."""
    cc = sovereign(location.country) if location.country else None
    own = {a.country for a in c.actors if a.country}
    led_by_igo = igo and any(a.country is None and a.code.startswith("IGO") for a in c.actors)
    if cc is None or not (own or led_by_igo) or cc in own:
        return None
    return cc


def _coerced_abroad(c: Candidate, location: Location) -> None:
    """A state's forces seizing, arresting or blockading in another state's territory act
    against that state ("captured by Israeli troops in the southern town of Shiheen" ->
    LBN); at home the act has no implied target (see the module docstring)."""
    cc = _host_abroad(c, location)
    if cc is None or any(a.sector in NON_STATE for a in c.actors):
        return
    imply(c, at_trigger(c, cc))


PATROLS = frozenset({"patrol", "police", "guard"})


def _deployed_abroad(c: Candidate, location: Location) -> None:
    """Forces deployed or patrolling in another state's territory are aimed at that state
    ("UN peacekeepers patrol Liberia" -> LBR, "jets patrol the no-fly zone over northern
    Iraq" -> IRQ); at home a deployment has no target (PLOVER MOBILIZE)."""
    if c.modality != "asserted" or not (
        c.rule.mode == "troops" or c.trigger.lemma_.lower() in PATROLS
    ):
        return  # a weapons test or an alert is no deployment on another's soil
    cc = _host_abroad(c, location, igo=True)
    if cc is None:
        return
    if any(a.sector not in STATE_SECTORS for a in c.actors if not a.code.startswith("IGO")):
        return  # a group's or a crowd's moves are no state's deployment
    imply(c, at_trigger(c, cc))


# CAMEO 196: violate a ceasefire (an agreement between parties, never with one's own country)
CEASEFIRE_VIOLATION = "196"


def home_front(c: Candidate) -> None:
    """A state's forces attacking or seizing at home with no target named act against their
    own country's opponents (see the module docstring). Only asserted acts: a threatened
    offensive names its target when it has one."""
    if c.recipients or c.event not in ("ASSAULT", "COERCE") or c.modality != "asserted":
        return
    if c.rule.symmetric and len(c.actors) >= 2:
        return
    if c.cameo == CEASEFIRE_VIOLATION:
        return  # "Russia violated the ceasefire": the truce is with another party, unnamed
    own = {a.country for a in c.actors if a.country}
    if len(own) != 1 or any(a.sector not in STATE_SECTORS for a in c.actors):
        return
    cc = own.pop()
    imply(c, at_trigger(c, cc))


# Verbal acts and meetings that, in domestic politics, address the country itself when no one
# is named ("the President meets political leaders to discuss how to form a government").
HOME_ADDRESSED = frozenset({"ACCUSE", "REJECT", "REQUEST", "SUPPORT", "THREATEN", "CONSULT"})
# A story is about one country when it has at least this many sentences and that country has
# at least this share of the country mentions (news media and border mentions not counted).
STORY_SENTENCES = 3
STORY_SHARE = 0.6


def story_country(doc: Doc, index: ActorIndex) -> str | None:
    """The one country a multi-sentence story is about, if there is one (see above)."""
    if sum(1 for _ in doc.sents) < STORY_SENTENCES:
        return None
    counts = country_counts(index)
    if not counts:
        return None
    top, n = counts.most_common(1)[0]
    return top if n / sum(counts.values()) >= STORY_SHARE else None


def home_politics(c: Candidate, story: str | None) -> None:
    """An asserted verbal act of a story's own country with no addressee named addresses
    that country (see the module docstring)."""
    if story is None or c.recipients or c.event not in HOME_ADDRESSED:
        return
    if c.modality != "asserted" or {a.country for a in c.actors if a.country} != {story}:
        return
    imply(c, at_trigger(c, story))


def public_promise(c: Candidate) -> None:
    """A promise to the actor's own public at large names no party: "Howard promises to focus
    on ... giving power back to the people", "Blair has promised that aid will not be taken
    from Africa" (AGREE with no recipient, as the annotators code it). Unnamed civilians of
    the actor's own country, or of none, are dropped from an AGREE's recipients; a named
    group or another country's people stay ("pledged aid to Syrian refugees")."""
    if c.event != "AGREE" or not c.recipients:
        return
    own = {a.country for a in c.actors if a.country}
    c.recipients = [
        r
        for r in c.recipients
        if not (r.sector == "CVL" and r.name is None and (r.country is None or r.country in own))
    ]
