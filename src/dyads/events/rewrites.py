"""Type rewrites as data: a named condition turns an event into another type, mode and CAMEO.

The conditions stay in code (they read the parse); what each rewrite produces lives in
``data/rewrites.yaml``, where type, mode and CAMEO change together and are checked against the
ontology when the file loads, so no rewrite can make an invalid event.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from dyads.errors import DataFileError
from dyads.ontology import Ontology

if TYPE_CHECKING:
    from dyads.events.candidate import Candidate
    from dyads.events.lexicon import Rule


@dataclass(frozen=True)
class Rewrite:
    """What a named rewrite makes of an event."""

    name: str
    source: str  # "TYPE", "TYPE/mode" or "*"
    event: str
    mode: str | None
    cameo: str
    why: str


def _parse(data: object) -> dict[str, Rewrite]:
    if not isinstance(data, dict):
        raise DataFileError("rewrites.yaml: expected a mapping of named rewrites")
    ont = Ontology.default()
    out = {}
    for name, raw in data.items():
        try:
            rw = Rewrite(
                str(name),
                str(raw["from"]),
                str(raw["event"]),
                raw.get("mode"),
                str(raw["cameo"]),
                str(raw.get("why", "")),
            )
        except (KeyError, TypeError) as exc:
            raise DataFileError(f"rewrites.yaml: {name}: needs from, event, cameo") from exc
        problems = ont.validate_event(rw.event, rw.mode, rw.cameo)
        if problems:
            raise DataFileError(f"rewrites.yaml: {name}: {'; '.join(problems)}")
        out[rw.name] = rw
    return out


@functools.lru_cache(maxsize=1)
def load_rewrites() -> dict[str, Rewrite]:
    """The bundled rewrites, validated (cached)."""
    path = resources.files("dyads.events") / "data" / "rewrites.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot load {path}: {exc}") from exc
    return _parse(data)


def rewrite(name: str, rule: Rule) -> tuple[Rule, str, str]:
    """The rule (with the new type, mode and CAMEO), type and CAMEO after rewrite ``name``."""
    rw = load_rewrites()[name]
    new = dataclasses.replace(rule, event=rw.event, mode=rw.mode, cameo=rw.cameo)
    return new, rw.event, rw.cameo


def apply(name: str, c: Candidate) -> None:
    """Rewrite a candidate in place (type, mode through its rule, CAMEO)."""
    c.rule, c.event, c.cameo = rewrite(name, c.rule)
    c.signals[f"rewrite_{name}"] = True
