"""Definite references to a named armed group (``dyads.actors.group_refs``).

The sentences are written for these tests (no corpus text)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dyads.actors import ActorResolver
from test_actor_context import found

WHEN = dt.date(2016, 1, 1)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver.default()


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        # the group named before, in an earlier sentence
        ("Boko Haram raided a market town. The group later abducted 20 girls.",
         "The group", "NGAREB"),
        # a description of the kind of group, which the tagger reads as a name
        ("The Islamic State claimed the bombing. The jihadist group said ten soldiers died.",
         "The jihadist group", "IMGISI"),
        # named only later in the same sentence
        ("Drones killed two commanders of the radical group near Mosul, besides hitting "
         "depots held by ISIS.", "the radical group", "IMGISI"),
    ],
)  # fmt: skip
def test_the_group_is_the_armed_group_named(
    resolver: ActorResolver, nlp: Any, text: str, mention: str, code: str
) -> None:
    assert found(resolver, nlp, text, WHEN).get(mention) == code


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a group of people, not the armed group
        ("Hamas won the vote. The group of experts met in Geneva.", "The group"),
        # too far back: four sentences between
        (
            "Boko Haram raided a town. Rain fell. Markets closed. Schools shut. Roads flooded. "
            "The group met in Abuja.",
            "The group",
        ),
    ],
)
def test_other_groups_are_left_alone(
    resolver: ActorResolver, nlp: Any, text: str, absent: str
) -> None:
    assert absent not in found(resolver, nlp, text, WHEN)


def test_a_named_group_keeps_its_own_name(resolver: ActorResolver, nlp: Any) -> None:
    got = found(
        resolver, nlp, "Hamas fired rockets. The Abu Sayyaf group kidnapped two tourists.", WHEN
    )
    assert got["The Abu Sayyaf group"] == "PHLREB"


def test_a_pronoun_of_the_group_is_the_group(resolver: ActorResolver, nlp: Any) -> None:
    text = "The Islamic State claimed the bombing. The jihadist group said its fighters fled."
    assert found(resolver, nlp, text, WHEN).get("its") == "IMGISI"
