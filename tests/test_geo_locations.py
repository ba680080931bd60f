"""Event locations: the dev set of our own sentences and the example article."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dyads.geo import Gazetteer, event_location, normalize
from dyads.nlp import load_nlp
from dyads.records import Actor, Location

DEV = Path(__file__).parent / "data" / "geo_dev.jsonl"
SHARED = Path(__file__).parents[1] / ".." / "shared" / "examples"
MIN_ACCURACY = 0.85


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


def _actor(country: str) -> Actor:
    return Actor(
        code=country, country=country, sector=None, name=None, entity_text=country, start=0, end=0
    )


def _trigger(doc: Doc, word: str, start_char: int = 0) -> int:
    for tok in doc:
        if tok.idx >= start_char and tok.text == word:
            return tok.i
    raise AssertionError(f"trigger {word!r} not found after offset {start_char}")


def _matches(pred: Location | None, gold: dict[str, Any] | None) -> bool:
    """Same place: both None, or same country and the same name (directly or via the
    gazetteer, so "Tulkarm" matches GeoNames' "Ţūlkarm")."""
    if gold is None or pred is None:
        return gold is None and pred is None
    if pred.country != gold["country"]:
        return False
    if normalize(pred.name) == normalize(gold["name"]):
        return True
    country = [gold["country"]] if gold["country"] else []
    resolved = Gazetteer.default().lookup(gold["name"], country, country)
    return resolved is not None and resolved.name == pred.name


def _dev_cases() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]


def test_dev_set_is_large_and_varied() -> None:
    cases = _dev_cases()
    assert len(cases) >= 60
    assert sum(c["location"] is None for c in cases) >= 10
    assert len({c["event"] for c in cases}) >= 8


def test_dev_set_location_accuracy(nlp: Language) -> None:
    """Event locations on our own dev sentences reach the issue's 85% bar."""
    cases = _dev_cases()
    docs = list(nlp.pipe(c["text"] for c in cases))
    misses: list[str] = []
    for case, doc in zip(cases, docs, strict=True):
        pred = event_location(
            doc,
            _trigger(doc, case["trigger"]),
            case["event"],
            case["mode"],
            [_actor(c) for c in case["actors"]],
            [_actor(c) for c in case["recipients"]],
        )
        if not _matches(pred, case["location"]):
            got = None if pred is None else f"{pred.name} ({pred.country})"
            misses.append(f"{case['id']}: gold {case['location']} got {got} | {case['text']}")
    accuracy = 1 - len(misses) / len(cases)
    print(f"\ngeo dev accuracy: {accuracy:.3f} ({len(cases) - len(misses)}/{len(cases)})")
    for miss in misses:
        print("  miss", miss)
    assert accuracy >= MIN_ACCURACY


@pytest.fixture(scope="module")
def article(nlp: Language) -> Doc:
    path = SHARED / "putin-turkey-visit.txt"
    if not path.exists():
        pytest.skip("../shared/examples is not beside the checkout")
    return nlp(path.read_text(encoding="utf-8"))


def _locate(
    doc: Doc,
    phrase: str,
    word: str,
    event: str,
    mode: str | None,
    actors: list[str],
    recipients: list[str],
) -> Location | None:
    start = doc.text.index(phrase)
    return event_location(
        doc,
        _trigger(doc, word, start),
        event,
        mode,
        [_actor(c) for c in actors],
        [_actor(c) for c in recipients],
    )


@pytest.mark.parametrize(
    ("phrase", "word", "event", "mode", "actors", "recipients", "country"),
    [
        # headline and E1: a visit takes place in the host country
        ("Putin to visit Turkey", "visit", "CONSULT", "visit", ["RUS"], ["TUR"], "TUR"),
        ("is scheduled to visit Turkey", "visit", "CONSULT", "visit", ["RUS"], ["TUR"], "TUR"),
        ("will visit Turkey on Feb. 12", "visit", "CONSULT", "visit", ["RUS"], ["TUR"], "TUR"),
        # E16: travel to the destination
        ("will travel to Egypt", "travel", "CONSULT", "visit", ["TUR"], ["EGY"], "EGY"),
        # E2: an invasion happens on the invaded country's territory
        (
            "since Russia's invasion of Ukraine",
            "invasion",
            "ASSAULT",
            None,
            ["RUS"],
            ["UKR"],
            "UKR",
        ),
        (
            "since Moscow's invasion of Ukraine",
            "invasion",
            "ASSAULT",
            None,
            ["RUS"],
            ["UKR"],
            "UKR",
        ),
        pytest.param(
            "full-scale invasion",
            "invasion",
            "ASSAULT",
            None,
            ["RUS"],
            ["UKR"],
            "UKR",
            # A known miss of the learned linker (docs/GEO.md): it links the Black Sea of a
            # relative clause on "Turkey" (odds 0.61 against "no place"). Left failing rather
            # than tuned away on one sentence; strict, so a fix shows.
            marks=pytest.mark.xfail(strict=True, reason="linker takes the relative clause's place"),
        ),
    ],
)
def test_example_article_locations(
    article: Doc,
    phrase: str,
    word: str,
    event: str,
    mode: str | None,
    actors: list[str],
    recipients: list[str],
    country: str,
) -> None:
    loc = _locate(article, phrase, word, event, mode, actors, recipients)
    assert loc is not None and loc.country == country


@pytest.mark.parametrize(
    ("phrase", "word", "event", "actors", "recipients"),
    [
        # capitals used as actors are not places
        ("Moscow has said it was not interested", "said", "REJECT", ["RUS"], []),
        ("Russia denied the charge", "denied", "REJECT", ["RUS"], ["UKR"]),
        ("It has provided military support to Kyiv", "provided", "AID", ["TUR"], ["UKR"]),
        ("Turkey and Ukraine signed an accord", "signed", "AGREE", ["TUR"], ["UKR"]),
    ],
)
def test_example_article_no_location(
    article: Doc, phrase: str, word: str, event: str, actors: list[str], recipients: list[str]
) -> None:
    assert _locate(article, phrase, word, event, None, actors, recipients) is None
