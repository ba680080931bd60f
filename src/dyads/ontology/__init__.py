"""PLOVER 2.0 / CAMEO ontology: event types, modes, contexts, CAMEO codes, Goldstein, quads."""

from dyads.ontology.tables import CameoEntry, EntityField, Mode, Ontology, PloverType

__all__ = ["CameoEntry", "EntityField", "Mode", "Ontology", "PloverType"]
