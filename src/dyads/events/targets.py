"""Whom an attack or a seizure is aimed at when the clause names no one.

Runs after the recipients pass has looked for another party in the sentence. Three cases:

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

Every recipient made here is marked implied, so the event's confidence drops.
"""

from __future__ import annotations

from dyads.actors.lexicon import sovereign
from dyads.events.candidate import Candidate
from dyads.events.domestic import NON_STATE
from dyads.records import Actor, Location

# Sectors that act for the state itself ("None" is a state named as a whole: "Israel
# captured the area").
STATE_SECTORS = frozenset({None, "GOV", "MIL", "COP", "SPY"})


def located_target(c: Candidate, location: Location | None) -> None:
    """An attack that names no target falls on the country where it happened.

    "Two car bombs exploded in Mogadishu, ... in an attack the government blamed on
    al-Shabaab": the people of Somalia. Marked implied, so confidence drops. A state striking
    abroad hits that state ("strikes in Syria" -> SYR); at home, its own population.
    """
    if c.recipients or location is None or not location.country:
        return
    if c.event == "COERCE":
        _coerced_abroad(c, location)
        return
    if c.event != "ASSAULT":
        return
    if c.rule.symmetric and len(c.actors) >= 2:
        return  # "Indian and Chinese soldiers fought": each side is the other's target
    cc = sovereign(location.country)
    own = {a.country for a in c.actors if a.country}
    if own and cc not in own and not all(a.sector in NON_STATE for a in c.actors):
        target = Actor(cc, cc, None, None, "", c.trigger.idx, c.trigger.idx)
    else:
        target = Actor(cc + "CVL", cc, "CVL", None, "", c.trigger.idx, c.trigger.idx)
    c.recipients = [target]
    c.signals["implied_recipient"] = True
    c.signals["no_recipient"] = False


def _coerced_abroad(c: Candidate, location: Location) -> None:
    """A state's forces seizing, arresting or blockading in another state's territory act
    against that state ("captured by Israeli troops in the southern town of Shiheen" ->
    LBN); at home the act has no implied target (see the module docstring)."""
    cc = sovereign(location.country) if location.country else None
    own = {a.country for a in c.actors if a.country}
    if cc is None or not own or cc in own or any(a.sector in NON_STATE for a in c.actors):
        return
    c.recipients = [Actor(cc, cc, None, None, "", c.trigger.idx, c.trigger.idx)]
    c.signals["implied_recipient"] = True
    c.signals["no_recipient"] = False


def home_front(c: Candidate) -> None:
    """A state's forces attacking or seizing at home with no target named act against their
    own country's opponents (see the module docstring). Only asserted acts: a threatened
    offensive names its target when it has one."""
    if c.recipients or c.event not in ("ASSAULT", "COERCE") or c.modality != "asserted":
        return
    if c.rule.symmetric and len(c.actors) >= 2:
        return
    own = {a.country for a in c.actors if a.country}
    if len(own) != 1 or any(a.sector not in STATE_SECTORS for a in c.actors):
        return
    cc = own.pop()
    c.recipients = [Actor(cc, cc, None, None, "", c.trigger.idx, c.trigger.idx)]
    c.signals["implied_recipient"] = True
    c.signals["no_recipient"] = False
