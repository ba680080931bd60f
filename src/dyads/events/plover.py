"""PLOVER rules that depend on modality: future cooperation is AGREE, future retreat CONCEDE."""

from __future__ import annotations

import functools
from importlib import resources

import yaml

Table = dict[str, dict[str, str]]


@functools.lru_cache(maxsize=1)
def _rules() -> tuple[Table, Table]:
    path = resources.files("dyads.events") / "data" / "plover_rules.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["future_to_agree"], data["future_to_concede"]


@functools.lru_cache(maxsize=1)
def needs_recipient() -> frozenset[str]:
    """Types whose events are dropped when no recipient is found (see plover_rules.yaml)."""
    data = yaml.safe_load(
        (resources.files("dyads.events") / "data" / "plover_rules.yaml").read_text(encoding="utf-8")
    )
    return frozenset(data["drop_without_recipient"])


def apply_future_rules(event: str, mode: str | None, cameo: str, modality: str) -> tuple[str, str]:
    """Return the (type, CAMEO) to report for an event with this modality.

    ``mode`` is the PLOVER mode or, for AID (which has no modes), its main context.

    >>> apply_future_rules("CONSULT", "visit", "042", "future")
    ('AGREE', '036')
    >>> apply_future_rules("AID", "military", "072", "future")
    ('AGREE', '0332')
    >>> apply_future_rules("ASSAULT", None, "190", "future")
    ('ASSAULT', '190')
    """
    if modality != "future":
        return event, cameo
    to_agree, to_concede = _rules()
    for table, new_type in ((to_agree, "AGREE"), (to_concede, "CONCEDE")):
        codes = table.get(event)
        if codes:
            return new_type, codes.get(mode or "*", codes["*"])
    return event, cameo
