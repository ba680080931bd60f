"""The bundled example articles are well formed and examples/articles.jsonl mirrors the .txt files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TXT = sorted(EXAMPLES.glob("*.txt"))


def test_six_examples_with_jsonl_mirror() -> None:
    assert len(TXT) == 6
    rows = [json.loads(line) for line in (EXAMPLES / "articles.jsonl").read_text().splitlines()]
    assert {r["id"] for r in rows} == {p.stem for p in TXT}
    for r in rows:
        text = (EXAMPLES / f"{r['id']}.txt").read_text(encoding="utf-8")
        assert r["text"] == text
        assert r["title"] == text.split("\n", 1)[0]
        assert r["date"] == r["id"][:10]
        assert set(r) == {"id", "date", "title", "text", "source"}


@pytest.mark.parametrize("path", TXT, ids=[p.stem for p in TXT])
def test_example_is_dated_headline_blank_line_paragraphs(path: Path) -> None:
    dt.date.fromisoformat(path.name[:10])
    text = path.read_text(encoding="utf-8")
    headline, blank, *paragraphs = text.split("\n")
    assert headline and blank == ""
    assert 200 <= len(text.split()) <= 450
    assert len([p for p in text.split("\n\n")[1:] if p.strip()]) >= 4
