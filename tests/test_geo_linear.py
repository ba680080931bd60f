"""Locating an event costs the same however long its article is (issue 16): the place
mentions are indexed once per document, and each event reads only its own sentence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from spacy.language import Language

from dyads.geo import Gazetteer, doc_places, event_location
from dyads.nlp import load_nlp, parse

EVENT = "Gunmen killed five people in the town of Kaduna on Monday."
# Filler sentences name places (so the index has work to do) but no country, so the
# article's countries, and with them the event's tie-breaks, are the same at every length.
FILLER = "The mayor of Springfield met residents in Riverside and Oakland on Tuesday."


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _counting(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the gazetteer lookups made from now on."""
    calls = [0]
    lookup: Callable[..., Any] = gaz.lookup

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return lookup(*args, **kwargs)

    monkeypatch.setattr(gaz, "lookup", counted)
    return calls


def _locate_first_event(nlp: Language, fillers: int, monkeypatch: pytest.MonkeyPatch) -> Any:
    gaz = Gazetteer.default()
    doc = parse(nlp, " ".join([EVENT] + [FILLER] * fillers))
    doc_places(doc, gaz)  # the per-document index, built once
    calls = _counting(gaz, monkeypatch)
    trigger = next(t.i for t in doc if t.text == "killed")
    loc = event_location(doc, trigger, "ASSAULT", None, (), (), gaz)
    again = event_location(doc, trigger, "ASSAULT", None, (), (), gaz)
    monkeypatch.undo()
    assert again == loc
    return loc, calls[0], len(doc_places(doc, gaz).by_sentence)


def test_event_work_does_not_grow_with_article_length(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    short_loc, short_calls, short_sents = _locate_first_event(nlp, 2, monkeypatch)
    long_loc, long_calls, long_sents = _locate_first_event(nlp, 40, monkeypatch)
    assert long_sents > 10 * short_sents  # the long article really has more places
    assert short_loc is not None and short_loc.name == "Kaduna"
    assert long_loc == short_loc  # same answer at any length
    assert long_calls == short_calls  # and the same lookups: nothing rescans the article


def test_index_is_built_once_per_document(nlp: Language) -> None:
    gaz = Gazetteer.default()
    doc = parse(nlp, " ".join([EVENT] + [FILLER] * 3))
    first = doc_places(doc, gaz)
    trigger = next(t.i for t in doc if t.text == "killed")
    event_location(doc, trigger, "ASSAULT", None, (), (), gaz)
    assert doc_places(doc, gaz) is first
