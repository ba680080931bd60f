"""Gazetteer and event locations: where did an event happen?"""

from dyads.geo.gazetteer import Gazetteer, Place, normalize
from dyads.geo.lexicon import Lexicon
from dyads.geo.linker import PlaceLinker
from dyads.geo.mentions import PlaceMention, doc_places
from dyads.geo.place import event_location

__all__ = [
    "Gazetteer",
    "Lexicon",
    "Place",
    "PlaceLinker",
    "PlaceMention",
    "doc_places",
    "event_location",
    "normalize",
]
