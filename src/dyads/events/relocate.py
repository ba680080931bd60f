"""Where an event happened says whose its unnamed local actors are.

"Two US soldiers were killed when insurgents fired at their convoy near Kut": the actor
resolver gives the insurgents the one country the sentence names (USA), for want of a better
clue; the event's place (Kut, Iraq) is that clue. Only actors whose country was inferred from
context (``Mention.inferred``) and who act where they live (civilians, rebels, gunmen, police,
parties: not armies, which fight abroad, nor governments) move, and only to a named town or
province, not to a country named as a place ("outside the US embassy").
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from dyads.actors.lexicon import sovereign
from dyads.events.candidate import Candidate
from dyads.records import Actor, Location

if TYPE_CHECKING:
    from dyads.actors import ActorIndex

# Actors that act where they live: where an event happens says whose they are better than
# another country the sentence names ("two US soldiers were killed when insurgents fired at
# their convoy near Kut": Iraqi insurgents).
LOCAL_SECTORS = frozenset(
    {"CVL", "OPP", "LAB", "EDU", "AGR", "HRI", "REB", "PTY", "HLH", "BUS", "UAF", "CRM", "REL",
     "COP"}
)  # fmt: skip


def relocate(c: Candidate, location: Location | None, index: ActorIndex) -> bool:
    """Give the local actors whose country was only inferred from the sentence's other
    countries (not named) the country of the named place where the event happened. True
    when one changed."""
    if location is None or not location.country or location.text is None:
        return False
    if location.precision not in ("city", "admin2", "admin1", "point"):
        return False  # a country named as a place ("in the US embassy") is weaker evidence
    here = sovereign(location.country)
    changed = False

    def moved(actors: list[Actor]) -> list[Actor]:
        nonlocal changed
        out = []
        for a in actors:
            if (
                a.country
                and a.country != here
                and a.sector in LOCAL_SECTORS
                and a.code == a.country + a.sector
                and index.inferred(a)
            ):
                a = dataclasses.replace(a, code=here + a.sector, country=here)
                changed = True
            out.append(a)
        return out

    c.actors = moved(c.actors)
    c.recipients = moved(c.recipients)
    return changed
