"""The temporal tagger's data files load, validate and reject malformed input."""

from __future__ import annotations

from typing import Any

import pytest

from dyads.errors import DataFileError
from dyads.time.lexicon import _parse, load_lexicon, load_reaction_lemmas
from dyads.time.tagger import rule_names


def test_lexicon_loads_with_calendar_facts() -> None:
    lex = load_lexicon()
    assert lex.months["Sept"] == 9 and lex.weekdays["Sunday"] == 7
    assert lex.units["decade"] == ("Y", 10)
    assert lex.number("twenty-four") == 24 and lex.number("several") is None
    assert "will" in lex.future_markers and "said" in lex.past_markers


def test_number_compounds_are_tens_plus_units_only() -> None:
    with pytest.raises(KeyError):
        load_lexicon().number("a three")


def test_missing_keys_are_a_data_file_error() -> None:
    with pytest.raises(DataFileError, match="missing keys"):
        _parse({"months": {}}, "x.yaml")


def test_out_of_range_month_is_a_data_file_error() -> None:
    raw: dict[str, Any] = {
        k: {}
        for k in (
            "months",
            "weekdays",
            "numbers",
            "ordinals",
            "units",
            "parts_of_day",
            "clock_words",
            "seasons",
            "holidays",
            "fuzzy",
            "frequencies",
        )
    }
    raw.update(
        {k: [] for k in ("future_markers", "present_markers", "past_markers", "future_governors")}
    )
    raw["months"] = {"Smarch": 13}
    with pytest.raises(DataFileError, match="out-of-range"):
        _parse(raw, "x.yaml")


def test_reaction_lemmas_load() -> None:
    assert {"deny", "condemn", "welcome"} <= load_reaction_lemmas()


def test_every_rule_has_a_unique_name() -> None:
    names = rule_names()
    assert len(names) == len(set(names)) > 30
