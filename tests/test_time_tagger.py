"""The temporal tagger: behaviour table, dev-set and held-out value accuracy, offsets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from dyads.time import tag
from dyads.time.scoring import dyads_predictor, load_gold, score

DATA = Path(__file__).resolve().parent / "data"
CASES: list[dict[str, Any]] = yaml.safe_load((DATA / "time_cases.yaml").read_text(encoding="utf-8"))


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_tagger_behaviour_table(case: dict[str, Any]) -> None:
    got = [(t.text, t.type, t.value) for t in tag(case["text"], _date(case["date"]))]
    want = [tuple(e) for e in case["expect"]]
    if case.get("exact"):
        assert got == want
    else:
        for w in want:
            assert w in got, f"missing {w}; got {got}"


def test_offsets_index_the_text_exactly_as_given() -> None:
    text = "  Héllo —\r\nthe vote is on Feb. 12,\tnot 2/12 or last week. "
    for t in tag(text, dt.date(2024, 1, 31)):
        assert text[t.start : t.end] == t.text


def test_dev_set_value_accuracy_at_least_90_percent() -> None:
    rows = load_gold(DATA / "time_dev.jsonl")
    assert sum(len(r["timexes"]) for r in rows) >= 200
    sc = score(rows, dyads_predictor)
    for m in sc.misses:
        print("MISS", m)
    assert sc.as_dict()["value_accuracy"] >= 0.90


def test_heldout_set_value_accuracy_at_least_85_percent() -> None:
    sc = score(load_gold(DATA / "time_heldout.jsonl"), dyads_predictor)
    for m in sc.misses:
        print("MISS", m)
    assert sc.as_dict()["value_accuracy"] >= 0.85


def test_parse_based_tense_agrees_on_the_dev_set(nlp: Any) -> None:
    rows = load_gold(DATA / "time_dev.jsonl")[:80]

    def with_doc(text: str, pub: dt.date | None) -> list[tuple[int, int, str]]:
        return [(t.start, t.end, t.value) for t in tag(text, pub, nlp(text))]

    assert score(rows, with_doc).as_dict()["value_accuracy"] >= 0.90


def test_a_doc_of_another_text_is_ignored(nlp: Any) -> None:
    doc = nlp("Something else entirely.")
    assert [t.value for t in tag("He left on Friday.", dt.date(2024, 1, 31), doc)] == ["2024-01-26"]
