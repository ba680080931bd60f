"""Hard-wrapped wire copy is parsed as paragraphs, not as one sentence per line; apostrophes
lost to a bad encoding are put back."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dyads import goldsets
from dyads.nlp import parse, unwrap


def _reuters(art_id: str) -> str:
    path = goldsets.corpus_dir() / "reuters1987.jsonl"
    if not path.exists():
        pytest.skip("../shared/corpus is not beside the checkout")
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        if d["id"] == art_id:
            return str(d["text"])
    raise AssertionError(art_id)


@pytest.mark.parametrize(
    "text",
    [
        "Talks resume\nKenya and Ethiopia signed a border pact on Tuesday.",  # headline, one line
        "Headline\n\nFirst paragraph, one long line.\n\nSecond paragraph.",
        "a\nb\nc\nd\ne",  # short lines: a list, not wrapped copy
    ],
)
def test_texts_that_are_not_hard_wrapped_are_unchanged(text: str) -> None:
    assert unwrap(text) == text


def test_real_reuters_copy_keeps_its_sentences_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    text = _reuters("reuters-20828")
    flat = unwrap(text)
    assert len(flat) == len(text)
    # the headline and the indented paragraphs still break
    assert flat.split("\n")[0] == text.split("\n")[0]
    assert flat.count("\n    ") == text.count("\n    ")
    sents = [s for s in parse(nlp, text).sents if s.text.strip()]
    first = next(s for s in sents if "Senate on Tuesday" in s.text)
    assert "volatile region" in first.text  # four wrapped lines, one sentence
    # offsets still point into the original text
    original = text[first.start_char : first.end_char]
    assert original.split() == first.text.split() and len(original) == len(first.text)


def test_a_short_reuters_story_is_unwrapped_too() -> None:
    # twelve lines, a third of them paragraph ends: the lines that run on decide
    text = _reuters("reuters-20459")
    flat = unwrap(text)
    assert flat != text and len(flat) == len(text)
    assert "Union have provisionally agreed" in flat
    assert flat.split("\n")[0] == text.split("\n")[0]


def test_one_paragraph_per_line_is_not_wire_copy() -> None:
    text = (
        "Headline\n\nThe minister arrived in the capital on Monday for talks.\n"
        "She met the president and the foreign minister.\n"
        "Both sides said the meeting went well."
    )
    assert unwrap(text) == text


def test_mend_puts_back_apostrophes_lost_to_encoding() -> None:
    """Some wire copy lost its curly apostrophes to a bad encoding, one space per byte
    ("the country   s infrastructure"): they are put back at the same length, so offsets hold."""
    from dyads.nlp import mend

    for bad, good in [
        ("the country   s infrastructure", "the country's   infrastructure"),
        ("they don   t refrain", "they don't   refrain"),
        ("a gap   between words", "a gap   between words"),
    ]:
        assert mend(bad) == good and len(mend(bad)) == len(bad)


def test_parse_reads_a_mended_possessive(nlp: Any) -> None:
    doc = parse(nlp, "The coalition   s airstrikes killed dozens of fighters.")
    assert any(t.tag_ == "POS" for t in doc)
