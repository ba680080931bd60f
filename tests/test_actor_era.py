"""Dating an undated text by the office holders it names (``dyads.actors.era``).

The sentences are written for these tests (no corpus text)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dyads.actors import ActorResolver
from dyads.actors.era import infer_era
from dyads.actors.lexicon import load_lexicon

# Michael Howard led the Conservatives in opposition from 2003-11-06 to 2005-12-06, while Tony
# Blair was prime minister (1997-2007): a text naming both in those roles is from those years.
TWO_LEADERS = (
    "Prime Minister Tony Blair and Michael Howard traded barbs over school funding. "
    "Mr Howard said the plans would fail."
)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver.default()


def test_two_office_holders_date_the_text(nlp: Any) -> None:
    when = infer_era(nlp(TWO_LEADERS), load_lexicon())
    assert when is not None
    assert dt.date(2003, 11, 6) <= when <= dt.date(2005, 12, 6)


@pytest.mark.parametrize(
    "text",
    [
        # one person alone spans a whole career
        "Tony Blair visited a school in Sedgefield.",
        # nobody the tables know
        "Jane Quibble and Tom Quibble opened a bakery.",
    ],
)
def test_too_few_clues_give_no_date(nlp: Any, text: str) -> None:
    assert infer_era(nlp(text), load_lexicon()) is None


def test_undated_text_takes_the_roles_of_its_era(resolver: ActorResolver, nlp: Any) -> None:
    codes = {a.entity_text: a.code for a in resolver.annotate(nlp(TWO_LEADERS), None).actors()}
    # not the roles the tables hold last (Blair long out of office, Howard out of politics)
    assert codes["Mr Howard"] == "GBROPP"


def test_a_given_date_is_kept(resolver: ActorResolver, nlp: Any) -> None:
    text = "Tony Blair and Michael Howard traded barbs over school funding."
    codes = {
        a.entity_text: a.code for a in resolver.annotate(nlp(text), dt.date(1995, 1, 1)).actors()
    }
    assert codes["Tony Blair"] == "GBROPP"  # leader of the opposition in 1995
