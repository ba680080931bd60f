"""Shared fixtures: paths to ../shared and one spaCy pipeline per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "putin-turkey-visit.txt"
EXAMPLE_GOLD = SHARED / "examples" / "putin-turkey-visit.gold.json"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The project's spaCy pipeline, loaded once."""
    from dyads.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def example_text() -> str:
    """The shared example article (read from ../shared, never copied into the repo)."""
    if not EXAMPLE.exists():
        pytest.skip("../shared/examples is not beside the checkout")
    return EXAMPLE.read_text(encoding="utf-8")
