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


def ingest_examples(folder: Path, wire: dict[str, object]) -> Path:
    """A store of the bundled example articles plus one JSONL ``wire`` record (made by the
    CLI, as a user would), in ``folder``; the export tests read it."""
    import json

    from click.testing import CliRunner

    from dyads.cli import main

    db = folder / "news.duckdb"
    jsonl = folder / "wire.jsonl"
    jsonl.write_text(json.dumps(wire) + "\n", encoding="utf-8")
    txt = sorted(str(p) for p in (ROOT / "examples").glob("*.txt"))
    res = CliRunner().invoke(main, ["ingest", *txt, str(jsonl), "--db", str(db)])
    assert res.exit_code == 0, res.output
    return db


def export_events(db: Path, fmt: str, out: Path) -> Path:
    """``dyads export events --format FMT --out OUT`` on ``db``; returns ``out``."""
    from click.testing import CliRunner

    from dyads.cli import main

    res = CliRunner().invoke(
        main, ["export", "events", "--db", str(db), "--format", fmt, "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    return out
