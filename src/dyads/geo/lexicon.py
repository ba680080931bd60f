"""The word lists that tell dyads.geo.locate which phrases name an event's place.

Data: ``data/locate.yaml`` (prepositions, motion/visit verbs, place and venue nouns, the
recipient-territory table) and ``data/demonyms.yaml`` (country adjectives).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from dyads.errors import DataFileError


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``data/locate.yaml`` plus country adjectives from demonyms.yaml."""

    locative_preps: frozenset[str]
    directional_preps: frozenset[str]
    visit_lemmas: frozenset[str]
    visit_core: frozenset[str]
    host_lemmas: frozenset[str]
    support_verbs: frozenset[str]
    raising_verbs: frozenset[str]
    place_nouns: frozenset[str]
    country_nouns: frozenset[str]
    venue_nouns: frozenset[str]
    not_place_labels: frozenset[str]
    place_labels: frozenset[str]
    carrier_preps: frozenset[str]
    object_venue_nouns: frozenset[str]
    symmetric_lemmas: frozenset[str]
    recipient_territory: dict[str, frozenset[str]]
    object_place_events: frozenset[str]
    demonyms: dict[str, str]
    container_nouns: frozenset[str] = frozenset()
    direction_words: frozenset[str] = frozenset()

    @classmethod
    @functools.cache
    def default(cls) -> Lexicon:
        """The bundled lexicon, loaded once per process."""
        data = _load_yaml("locate.yaml")
        demonyms = _load_yaml("demonyms.yaml")
        # YAML reads a bare on/off/yes/no as a boolean: every word must come back a string.
        for key, value in data.items():
            if isinstance(value, list) and not all(isinstance(w, str) for w in value):
                raise DataFileError(f"dyads/geo/data/locate.yaml: {key}: quote every word")
        try:
            words = {
                key: frozenset(str(w).lower() for w in data[key])
                for key in (
                    "locative_preps",
                    "directional_preps",
                    "visit_lemmas",
                    "visit_core",
                    "host_lemmas",
                    "support_verbs",
                    "raising_verbs",
                    "place_nouns",
                    "country_nouns",
                    "venue_nouns",
                    "carrier_preps",
                    "object_venue_nouns",
                    "symmetric_lemmas",
                    "object_place_events",
                    "container_nouns",
                    "direction_words",
                )
            }
            territory = {
                str(ev): frozenset(str(m) for m in modes)
                for ev, modes in data["recipient_territory"].items()
            }
            labels = frozenset(str(x) for x in data["not_place_labels"])
            place_labels = frozenset(str(x) for x in data["place_labels"])
            adjectives = {str(adj): str(iso3) for iso3, adjs in demonyms.items() for adj in adjs}
        except (KeyError, TypeError, AttributeError) as exc:
            raise DataFileError(f"dyads/geo/data/locate.yaml: malformed ({exc})") from exc
        return cls(
            recipient_territory=territory,
            not_place_labels=labels,
            place_labels=place_labels,
            demonyms=adjectives,
            object_place_events=frozenset(e.upper() for e in words.pop("object_place_events")),
            **words,
        )


def _load_yaml(name: str) -> Any:
    path = resources.files("dyads.geo").joinpath("data", name)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: cannot read ({exc})") from exc
