"""Type rewrites are data (events/data/rewrites.yaml): valid, all used, and applied whole."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dyads.errors import DataFileError
from dyads.events.rewrites import _parse, load_rewrites
from dyads.ontology import Ontology
from dyads.pipeline import code_text

SRC = Path(__file__).resolve().parents[1] / "src" / "dyads" / "events"


def test_every_rewrite_is_a_valid_type_mode_and_code() -> None:
    ont = Ontology.default()
    for rw in load_rewrites().values():
        assert ont.validate_event(rw.event, rw.mode, rw.cameo) == [], rw.name


def test_the_code_names_only_rewrites_the_file_defines_and_uses_them_all() -> None:
    used = set()
    for p in SRC.glob("*.py"):
        used |= set(re.findall(r'(?:rewrite|apply)\("([a-z_]+)"', p.read_text(encoding="utf-8")))
    assert used == set(load_rewrites())


def test_an_inconsistent_rewrite_is_refused_at_load() -> None:
    with pytest.raises(DataFileError, match="not PROTEST"):
        _parse({"bad": {"from": "ASSAULT", "event": "PROTEST", "mode": None, "cameo": "190"}})


@pytest.mark.parametrize(
    ("text", "event", "mode", "cameo"),
    [
        ("Protesters torched cars in central Paris on Saturday.", "PROTEST", "riot", "145"),
        ("Farmers blocked roads across Belgium on Monday.", "PROTEST", "obstruct", "144"),
    ],
)
def test_a_rewrite_changes_type_mode_and_code_together(
    text: str, event: str, mode: str, cameo: str
) -> None:
    events = code_text("Headline\n\n" + text, date=dt.date(2024, 3, 5))
    hits = [e for e in events if e.event == event]
    assert hits and (hits[0].mode, hits[0].cameo) == (mode, cameo)
