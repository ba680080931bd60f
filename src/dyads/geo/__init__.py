"""Gazetteer and event locations: where did an event happen?"""

from dyads.geo.gazetteer import Gazetteer, Place, normalize
from dyads.geo.lexicon import Lexicon
from dyads.geo.locate import event_location

__all__ = ["Gazetteer", "Lexicon", "Place", "event_location", "normalize"]
