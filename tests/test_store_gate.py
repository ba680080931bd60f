"""The ingest gate: non-English and garbled texts are skipped with a reason, English passes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from dyads.store.gate import english_function_words, reject_reason

CASES = yaml.safe_load((Path(__file__).parent / "data" / "store_language_cases.yaml").read_text())
ROOT = Path(__file__).parents[1]


@pytest.mark.parametrize("case", CASES, ids=[c["lang"] for c in CASES])
def test_gate_rejects_non_english_and_garbled_text(case: dict[str, Any]) -> None:
    reason = reject_reason(case["text"])
    if case["expect"] is None:
        assert reason is None
    else:
        assert reason is not None and reason.startswith(case["expect"])


def test_gate_passes_the_bundled_english_examples() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    shared = ROOT / ".." / "shared" / "examples" / "putin-turkey-visit.txt"
    if shared.exists():  # the publisher's article is read from ../shared, never copied
        texts.append(shared.read_text(encoding="utf-8"))
    assert texts and all(reject_reason(t) is None for t in texts)


def test_function_word_list_loads() -> None:
    words = english_function_words()
    assert "the" in words and "in" not in words  # "in" is also German/Dutch/Italian
