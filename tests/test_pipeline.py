"""Article-level behaviour of the coder: context countries, reactions, merging, dropping."""

from __future__ import annotations

import datetime as dt

import pytest

from dyads.pipeline import Coder
from dyads.readers.base import text_article
from dyads.records import Article, Event


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.default()


def _code(coder: Coder, text: str, date: dt.date | None = dt.date(2024, 5, 10)) -> list[Event]:
    if "\n" in text:  # headline, blank line, body: read it as a .txt article
        return coder.code(text_article(text, "<test>", date))
    return coder.code(Article(id="t", text=text, date=date))


def _summary(events: list[Event]) -> list[tuple[str, list[str], list[str]]]:
    return [(e.event, [a.code for a in e.actor], [a.code for a in e.recipient]) for e in events]


def test_unnamed_police_and_protesters_take_the_country_of_the_place(coder: Coder) -> None:
    events = _code(coder, "Police arrested dozens of protesters in Tbilisi on Thursday.")
    assert _summary(events) == [("COERCE", ["GEOCOP"], ["GEOCVL"])]
    assert events[0].location is not None and events[0].location.country == "GEO"


def test_aid_without_a_beneficiary_is_not_coded(coder: Coder) -> None:
    assert _code(coder, "The United Nations delivered aid on Monday.") == []
    assert [e.event for e in _code(coder, "Japan delivered aid to Turkey on Monday.")] == ["AID"]


def test_a_denial_answers_the_accusation_before_it_and_takes_its_date(coder: Coder) -> None:
    text = (
        "Headline\n\nEthiopia accused Eritrea on Monday of shelling border villages. "
        "Eritrea denied the accusation."
    )
    events = _code(coder, text)
    denial = [e for e in events if e.event == "REJECT"]
    assert denial and [a.code[:3] for a in denial[0].recipient] == ["ETH"]
    assert denial[0].date == "2024-05-06" and denial[0].date_basis == "text"


def test_the_same_event_in_headline_and_body_is_one_event_with_two_mentions(coder: Coder) -> None:
    text = (
        "Kenyan president to visit Ethiopia\n\n"
        "Kenyan President William Ruto will visit Ethiopia on May 20, his office said."
    )
    events = _code(coder, text)
    # a future visit is AGREE (CAMEO 036, "express intent to meet"); AGREE has no modes
    visits = [e for e in events if e.event == "AGREE" and e.cameo == "036"]
    assert len(visits) == 1
    assert len(visits[0].mentions) == 2
    assert visits[0].date == "2024-05-20" and visits[0].modality == "future"


def test_without_a_publication_date_relative_dates_stay_unresolved(coder: Coder) -> None:
    events = _code(coder, "Headline\n\nSudan's army shelled Omdurman last week.", date=None)
    assert events and all(e.date is None and e.date_basis == "unknown" for e in events)


def test_unstated_target_of_a_demand_is_the_other_party_in_the_sentence(coder: Coder) -> None:
    events = _code(coder, "After an Israeli air strike on Monday, Washington urged restraint.")
    requests = [e for e in events if e.event == "REQUEST"]
    assert requests and [a.country for a in requests[0].recipient] == ["ISR"]
    # an implied recipient is less certain than a stated one
    stated = _code(coder, "Washington urged Israel to show restraint on Monday.")
    assert requests[0].confidence < [e for e in stated if e.event == "REQUEST"][0].confidence


def test_two_international_bodies_doing_the_same_thing_stay_two_events(coder: Coder) -> None:
    # the in-article merge keys actors by who they are, not by their first three letters
    events = _code(
        coder,
        "Headline\n\nThe United Nations condemned Russia on Monday. NATO also condemned Russia "
        "on Monday.",
    )
    accusers = sorted(a.code for e in events if e.event == "ACCUSE" for a in e.actor)
    assert accusers == ["IGONAT", "IGOUNO"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Government troops captured the rebel stronghold of Tamra in November 1998.", "1998-11"),
        ("In 2003 Malian soldiers attacked a convoy near the border with Niger.", "2003"),
    ],
)
def test_a_sentence_date_needs_no_publication_date(coder: Coder, text: str, date: str) -> None:
    # Without a publication date relative expressions stay unresolved, but an absolute date
    # the sentence states is the event's (wire sentences often come undated).
    events = _code(coder, text, date=None)
    assert events and all(e.date == date and e.date_basis == "text" for e in events)


def test_without_any_date_the_event_date_stays_unknown(coder: Coder) -> None:
    events = _code(coder, "Malian soldiers attacked a convoy near the border on Monday.", date=None)
    assert events and all(e.date is None and e.date_basis == "unknown" for e in events)


def test_a_planned_act_takes_the_one_date_its_sentence_gives(coder: Coder) -> None:
    events = _code(
        coder,
        "Japan's prime minister will make a week-long visit to Brazil from April 29.",
        date=dt.date(1987, 3, 27),
    )
    # (a planned visit is coded as PLOVER's future rules say: an AGREE to meet)
    assert events and all(e.date == "1987-04-29" and e.modality == "future" for e in events)
