"""Event dates: the governing time expression, publication fallback, the reaction rule."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from dyads.time import event_date, tag
from dyads.time.event_dates import event_value

# Gold event id -> (trigger word, occurrence of that word after the start of the evidence).
TRIGGERS = {
    "E1": "visit", "E2": "invasion", "E3": "issued", "E5": "denied",
    "E10": "withdrew", "E14": "signed", "E16": "travel", "E17": "upgraded",
}  # fmt: skip


def _token(doc: Any, text: str, anchor: str, word: str) -> int:
    ci = text.index(word, text.index(anchor))
    return int(next(t.i for t in doc if t.idx == ci))


@pytest.fixture(scope="module")
def example(nlp: Any, example_text: str) -> tuple[Any, list[Any], dict[str, Any]]:
    from conftest import EXAMPLE_GOLD

    gold = json.loads(EXAMPLE_GOLD.read_text(encoding="utf-8"))
    doc = nlp(example_text)
    return doc, tag(example_text, dt.date(2024, 1, 31), doc), gold


def test_all_dated_required_example_events_get_the_gold_date(example: Any) -> None:
    doc, timexes, gold = example
    text = doc.text
    dated = [e for e in gold["events"] if e["required"] and e.get("date")]
    assert len(dated) == 8
    for e in dated:
        i = _token(doc, text, e["evidence"], TRIGGERS[e["id"]])
        date, date_text, basis = event_date(doc, i, timexes, dt.date(2024, 1, 31), text.index("\n"))
        assert (e["id"], date, basis) == (e["id"], e["date"], "text"), date_text


@pytest.mark.parametrize(
    ("anchor", "word", "expected"),
    [
        ("a Turkish official told", "told", "2024-01-31"),  # its own date, not the visit's
        ("Erdoğan will travel", "said", None),  # Feb. 14 governs "travel", not "said"
        ("It has provided", "provided", None),
        ("Moscow has said it was", "said", None),
        ("Russia denied", "called", "2023-03"),  # coordinated with the reaction verb
        ("by appointing", "appointing", "2023"),
        ("Vladimir Putin is scheduled", "scheduled", "2024-02-12"),
    ],
)
def test_example_dates_stay_in_their_clause(
    example: Any, anchor: str, word: str, expected: str | None
) -> None:
    doc, timexes, _ = example
    date, _text, basis = event_date(doc, _token(doc, doc.text, anchor, word), timexes,
                                    dt.date(2024, 1, 31), doc.text.index("\n"))  # fmt: skip
    if expected is None:
        assert (date, basis) == ("2024-01-31", "publication")
    else:
        assert (date, basis) == (expected, "text")


CASES = [
    # (text, trigger word, pub date, expected date, expected basis)
    ("Police arrested the mayor on Monday and charged him with fraud.", "charged",
     dt.date(2023, 6, 15), "2023-06-12", "text"),
    ("The two sides held talks in Geneva on March 3.", "talks", dt.date(2023, 6, 15),
     "2023-03-03", "text"),
    ("Rebels attacked the base, the army said on Tuesday.", "attacked", dt.date(2023, 6, 15),
     "2023-06-15", "publication"),
    ("The government sent troops to the border.", "sent", None, None, "unknown"),
    ("The summit will take place in Paris on July 9.", "summit", dt.date(2024, 7, 6),
     "2024-07-09", "text"),
    ("Talks resumed last week in Doha.", "resumed", dt.date(2024, 1, 31), "2024-W04", "text"),
    ("The army has fought the rebels for years.", "fought", dt.date(2024, 1, 31), "2024-01-31",
     "publication"),
    # the participle reporting a nominal's own act dates it
    ("Despite EU sanctions announced last week against Iran, oil sales rose.", "sanctions",
     dt.date(2024, 1, 31), "2024-W04", "text"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "word", "pub", "date", "basis"), CASES)
def test_event_date_cases(nlp: Any, text: str, word: str, pub: dt.date | None, date: str | None,
                          basis: str) -> None:  # fmt: skip
    doc = nlp(text)
    i = next(t.i for t in doc if t.text == word)
    got = event_date(doc, i, tag(text, pub, doc), pub)
    assert (got[0], got[2]) == (date, basis)


def test_reaction_rule_never_applies_to_other_verbs(nlp: Any) -> None:
    text = "The court issued a warrant in March. Russia built a new base."
    doc = nlp(text)
    i = next(t.i for t in doc if t.text == "built")
    assert event_date(doc, i, tag(text, dt.date(2023, 6, 1), doc), dt.date(2023, 6, 1))[2] == (
        "publication"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-12", "2024-02-12"), ("2023-03", "2023-03"), ("2023", "2023"),
        ("2024-01-31T15:00", "2024-01-31"), ("2024-01-30TEV", "2024-01-30"),
        ("2024-W04", "2024-W04"), ("2024-W05", "2024-W05"), ("2024-W35-WE", "2024-W35"),
        ("2024-W04-WE", "2024-W04"),
        ("2023-Q3", "2023"), ("2023-SU", "2023"), ("FY2024", "2024"), ("199", None),
        ("PAST_REF", None), ("XXXX-02-12", None), ("P1Y", None),
    ],
)  # fmt: skip
def test_event_value_keeps_the_stated_precision(value: str, expected: str | None) -> None:
    assert event_value(value) == expected
