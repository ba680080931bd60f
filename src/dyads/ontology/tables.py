"""The PLOVER / CAMEO ontology tables: event types, modes, contexts, CAMEO codes, scores.

The tables are data files in ``data/`` (``plover_types.yaml``, ``contexts.yaml``, ``cameo.csv``,
``cameo_dropped.csv``, ``entity_fields.yaml``); ``data/README.md`` records every decision taken
where the PLOVER manual contradicts itself. ``Ontology.default()`` loads them once per process.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dyads.errors import DataFileError

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Mode:
    """One mode (the "how") of a PLOVER event type."""

    name: str
    description: str
    score: float
    default_cameo: str


@dataclass(frozen=True)
class PloverType:
    """One of the 16 PLOVER event types."""

    name: str
    description: str
    quad_code: int
    score: float
    requires_recipient: bool
    default_cameo: str
    modes: dict[str, Mode]


@dataclass(frozen=True)
class CameoEntry:
    """One CAMEO event code and its PLOVER reading. ``quad_code`` is the PLOVER type's quad."""

    code: str
    name: str
    plover: str
    mode: str | None
    contexts: tuple[str, ...]
    goldstein: float
    quad_code: int


@dataclass(frozen=True)
class EntityField:
    """A PLOVER actor/recipient field: canonical name, dyads ``Actor`` field, accepted aliases."""

    name: str
    actor_field: str | None
    description: str
    aliases: tuple[str, ...]


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: cannot read ({exc})") from exc


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            # dtype stays str: CAMEO codes keep their leading zeros ("010", "0214").
            return list(csv.DictReader(fh))
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read ({exc})") from exc


def _load_types(path: Path) -> dict[str, PloverType]:
    raw = _read_yaml(path)
    types: dict[str, PloverType] = {}
    try:
        for name, t in raw["types"].items():
            modes = {
                m: Mode(m, str(v["description"]), float(v["score"]), str(v["default_cameo"]))
                for m, v in (t.get("modes") or {}).items()
            }
            types[name] = PloverType(
                name=name,
                description=str(t["description"]),
                quad_code=int(t["quad_code"]),
                score=float(t["score"]),
                requires_recipient=bool(t["requires_recipient"]),
                default_cameo=str(t["default_cameo"]),
                modes=modes,
            )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataFileError(f"{path}: malformed type table ({exc!r})") from exc
    return types


def _load_cameo(path: Path, types: dict[str, PloverType]) -> dict[str, CameoEntry]:
    entries: dict[str, CameoEntry] = {}
    for n, row in enumerate(_read_csv(path), start=2):
        try:
            plover = row["plover"]
            entries[row["code"]] = CameoEntry(
                code=row["code"],
                name=row["name"],
                plover=plover,
                mode=row["mode"] or None,
                contexts=tuple(c for c in row["contexts"].split(";") if c),
                goldstein=float(row["goldstein"]),
                quad_code=types[plover].quad_code,
            )
        except (KeyError, ValueError) as exc:
            raise DataFileError(f"{path}:{n}: malformed CAMEO row ({exc!r})") from exc
    return entries


def _load_entity_fields(path: Path) -> dict[str, EntityField]:
    raw = _read_yaml(path)
    try:
        return {
            name: EntityField(
                name=name,
                actor_field=v.get("actor_field"),
                description=str(v["description"]),
                aliases=tuple(v.get("aliases") or ()),
            )
            for name, v in raw.items()
        }
    except (KeyError, AttributeError) as exc:
        raise DataFileError(f"{path}: malformed entity field table ({exc!r})") from exc


class Ontology:
    """PLOVER types, modes and contexts with the CAMEO code table and Goldstein values."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.types: dict[str, PloverType] = _load_types(data_dir / "plover_types.yaml")
        raw_quads = _read_yaml(data_dir / "plover_types.yaml").get("quad_classes", {})
        self.quad_classes: dict[int, str] = {int(k): str(v) for k, v in raw_quads.items()}
        contexts = _read_yaml(data_dir / "contexts.yaml")
        if not isinstance(contexts, dict):
            raise DataFileError(f"{data_dir / 'contexts.yaml'}: expected a mapping")
        self.contexts: dict[str, str] = {str(k): str(v) for k, v in contexts.items()}
        self.cameo_entries: dict[str, CameoEntry] = _load_cameo(data_dir / "cameo.csv", self.types)
        self.dropped: dict[str, CameoEntry] = {
            r["code"]: CameoEntry(r["code"], r["name"], "", None, (), float(r["goldstein"]), 0)
            for r in _read_csv(data_dir / "cameo_dropped.csv")
        }
        self.entity_fields: dict[str, EntityField] = _load_entity_fields(
            data_dir / "entity_fields.yaml"
        )
        # A 2-digit cue code is consistent with every type its sub-codes map to ("08" is both
        # CONCEDE and RETREAT, "17" is COERCE and ASSAULT).
        self._cue_types: dict[str, set[str]] = {}
        for e in self.cameo_entries.values():
            self._cue_types.setdefault(e.code[:2], set()).add(e.plover)

    @classmethod
    @functools.cache
    def default(cls) -> Ontology:
        """The bundled tables, loaded once per process."""
        return cls()

    def cameo(self, code: str) -> CameoEntry:
        """The CAMEO entry for ``code`` (string, leading zero kept); KeyError if unknown."""
        try:
            return self.cameo_entries[code]
        except KeyError:
            why = (
                "dropped by PLOVER (a comment, not an event)" if code in self.dropped else "unknown"
            )
            raise KeyError(f"CAMEO code {code!r}: {why}") from None

    def default_cameo(self, plover_type: str, mode: str | None = None) -> str:
        """The CAMEO code to report for a PLOVER type (and mode); KeyError if either is unknown."""
        t = self._type(plover_type)
        if mode is None:
            return t.default_cameo
        if mode not in t.modes:
            raise KeyError(f"{plover_type} has no mode {mode!r}")
        return t.modes[mode].default_cameo

    def goldstein(self, cameo: str) -> float:
        """Goldstein value of a CAMEO code (dropped 01 codes included)."""
        if cameo in self.dropped:
            return self.dropped[cameo].goldstein
        return self.cameo(cameo).goldstein

    def quad_code(self, plover_type_or_cameo: str) -> int:
        """Quad class (1-4) of a PLOVER type name or of a CAMEO code (through its PLOVER type)."""
        if plover_type_or_cameo in self.types:
            return self.types[plover_type_or_cameo].quad_code
        return self.cameo(plover_type_or_cameo).quad_code

    def score(self, plover_type: str, mode: str | None = None) -> float:
        """PLOVER conflict/cooperation score of a type, or of type + mode when given."""
        t = self._type(plover_type)
        if mode is not None and mode in t.modes:
            return t.modes[mode].score
        return t.score

    def canonical_entity_field(self, name: str) -> str:
        """Canonical PLOVER entity field for ``name`` (itself or an alias); KeyError if unknown."""
        if name in self.entity_fields:
            return name
        for f in self.entity_fields.values():
            if name in f.aliases:
                return f.name
        raise KeyError(f"unknown PLOVER entity field {name!r}")

    def validate_event(self, plover: str, mode: str | None, cameo: str) -> list[str]:
        """Problems with a (type, mode, CAMEO) triple; ``[]`` when it is consistent."""
        if plover not in self.types:
            return [f"unknown PLOVER type {plover!r}"]
        t = self.types[plover]
        problems: list[str] = []
        if mode is not None and mode not in t.modes:
            problems.append(f"{plover} has no mode {mode!r}")
        if cameo not in self.cameo_entries:
            why = "dropped by PLOVER" if cameo in self.dropped else "unknown"
            return [*problems, f"CAMEO code {cameo!r} is {why}"]
        entry = self.cameo_entries[cameo]
        # The documented default for (type, mode) is consistent by definition (RETREAT/resign).
        is_default = cameo == t.default_cameo or (
            mode in t.modes and cameo == t.modes[mode].default_cameo
        )
        allowed = self._cue_types[cameo] if len(cameo) == 2 else {entry.plover}
        if plover not in allowed and not is_default:
            problems.append(f"CAMEO {cameo} ({entry.name}) is {entry.plover}, not {plover}")
        elif mode and entry.mode and entry.mode != mode and not is_default:
            problems.append(f"CAMEO {cameo} ({entry.name}) has mode {entry.mode}, not {mode}")
        return problems

    def repair(self, plover: str, mode: str | None, cameo: str) -> tuple[str | None, str]:
        """A consistent ``(mode, cameo)`` for a decided PLOVER type.

        The type is the coder's decision and is kept; a mode the type does not have is dropped
        (or taken from the CAMEO code when that code belongs to the type), and a CAMEO code of
        another type or mode gives way to the type's (and mode's) default code. A consistent
        triple is returned unchanged.
        """
        if not self.validate_event(plover, mode, cameo):
            return mode, cameo
        t = self._type(plover)
        if mode is not None and mode not in t.modes:
            entry = self.cameo_entries.get(cameo)
            own = entry is not None and entry.plover == plover and entry.mode in t.modes
            mode = entry.mode if own and entry is not None else None
            if not self.validate_event(plover, mode, cameo):
                return mode, cameo
        fallback = self.default_cameo(plover, mode)
        if not self.validate_event(plover, mode, fallback):
            return mode, fallback
        return None, self.default_cameo(plover)

    def _type(self, name: str) -> PloverType:
        try:
            return self.types[name]
        except KeyError:
            raise KeyError(f"unknown PLOVER type {name!r}") from None
