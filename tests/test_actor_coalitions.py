"""Military coalitions named without their leader (``dyads.actors.coalitions``).

The sentences are written for these tests (no corpus text)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dyads.actors import ActorResolver
from dyads.actors.coalitions import campaign_for, load_campaigns
from test_actor_context import found


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver.default()


def _date(when: str | None) -> dt.date | None:
    return dt.date.fromisoformat(when) if when else None


@pytest.mark.parametrize(
    ("text", "when", "mention", "code"),
    [
        # a possessor of strikes, a compound of a force or a strike, the subject of a strike
        ("The coalition's airstrikes destroyed three ISIS depots near Raqqa.", "2016-05-02",
         "The coalition", "USAMIL"),
        ("A coalition drone hit an ISIS convoy outside Mosul.", "2017-02-10",
         "A coalition drone", "USAMIL"),
        ("The coalition bombed Houthi positions around Sanaa.", "2016-08-01",
         "The coalition", "SAUMIL"),
        # the campaign is the one of the article's date: Kuwait in 1991, Iraq in 2004
        ("Coalition forces shelled Iraqi trenches north of Kuwait City.", "1991-02-20",
         "Coalition forces", "USAMIL"),
        ("Coalition forces raided a house in Falluja.", "2004-06-01",
         "Coalition forces", "USAMIL"),
        # undated copy takes the latest campaign of the place
        ("Coalition warplanes struck targets near Raqqa.", None,
         "Coalition warplanes", "USAMIL"),
        # a coalition with a side or members named keeps its own reading
        ("The militia took two villages from opposition coalition forces near Kabul.",
         "1996-10-01", "opposition coalition forces", "AFGMIL"),
        ("The Saudi-led coalition bombed a bridge near Hodeidah.", "2018-03-01",
         "The Saudi-led coalition", "SAUMIL"),
        # no campaign in that country at that date: the place's own forces, as before
        ("Coalition forces patrolled the streets of Baghdad.", "1985-01-01",
         "Coalition forces", "IRQMIL"),
    ],
)  # fmt: skip
def test_military_coalitions(
    resolver: ActorResolver, nlp: Any, text: str, when: str | None, mention: str, code: str
) -> None:
    assert found(resolver, nlp, text, _date(when)).get(mention) == code


def test_a_political_coalition_is_no_force(resolver: ActorResolver, nlp: Any) -> None:
    text = "The ruling coalition in Baghdad approved the budget."
    codes = found(resolver, nlp, text, dt.date(2016, 1, 1))
    assert not any(code.endswith("MIL") for code in codes.values())


def test_campaign_data_loads_and_picks_by_date() -> None:
    campaigns = load_campaigns()
    assert campaigns and all(len(c.leader) == 3 and c.countries for c in campaigns)
    iraq_2004 = campaign_for(["IRQ"], dt.date(2004, 1, 1))
    assert iraq_2004 is not None and iraq_2004.end is not None
    assert campaign_for(["IRQ"], dt.date(1985, 1, 1)) is None
    latest = campaign_for(["IRQ"], None)
    assert latest is not None and latest.start.year == 2014
    # the first place with a campaign decides
    yemen = campaign_for(["FRA", "YEM"], dt.date(2016, 1, 1))
    assert yemen is not None and yemen.leader == "SAU"
