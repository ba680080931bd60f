"""The hand-coded event sets stay well-formed (types, modalities, evidence inside the text)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_event_dev_and_heldout_sets_validate() -> None:
    spec = importlib.util.spec_from_file_location(
        "validate", ROOT / "scripts" / "validate_event_devset.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    files = [
        str(ROOT / "tests" / "data" / n)
        for n in (
            "events_dev.jsonl",
            "events_heldout.jsonl",
            "events_cameo_style.jsonl",
            "events_heldout2.jsonl",
            "events_dev2.jsonl",
            "events_dev3.jsonl",
        )
    ]
    assert mod.main(files) == 0
