"""Coding-quality guards: F1 floors on the dev sets, and no invalid event on any event set.

The floors are data (``tests/data/quality_floors.yaml``): a change that costs more than the
tolerance on any guarded set fails here, and so does any event whose (type, mode, CAMEO) the
ontology rejects, on every sentence set, the seed article and the whole real-news gold.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import DATA, EXAMPLE_GOLD
from dyads import goldsets
from dyads.evaluate import score_gold_file, score_sentences
from dyads.ontology import Ontology
from dyads.pipeline import Coder
from dyads.records import Article

FLOORS = yaml.safe_load((DATA / "quality_floors.yaml").read_text(encoding="utf-8"))
SENTENCE_SETS = sorted(p.name for p in DATA.glob("events_*.jsonl"))


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.default()


def _f1(key: str, coder: Coder) -> float:
    if key == "seed":
        if not EXAMPLE_GOLD.exists():
            pytest.skip("../shared/examples is not beside the checkout")
        return float(score_gold_file(EXAMPLE_GOLD, coder)[0]["f1"])
    if key.startswith("realnews:"):
        _, kind, split = key.split(":")
        if not goldsets.corpus_dir().exists():
            pytest.skip("../shared/corpus is not beside the checkout")
        summaries, _ = goldsets.score(goldsets.load_docs(kind, split), coder)
        return float(summaries[split]["f1"])
    return float(score_sentences(DATA / key, coder)[0]["f1"])


@pytest.mark.slow
@pytest.mark.parametrize("key", sorted(FLOORS["floors"]))
def test_f1_stays_above_its_recorded_floor(key: str, coder: Coder) -> None:
    floor = float(FLOORS["floors"][key])
    got = _f1(key, coder)
    assert got >= floor - float(FLOORS["tolerance"]), (
        f"{key}: type+dyad F1 {got:.4f} fell below the recorded {floor:.4f} "
        f"(tolerance {FLOORS['tolerance']}); see `dyads eval` for what changed"
    )


def _sentence_articles(name: str) -> list[Article]:
    arts = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            d: dict[str, Any] = json.loads(line)
            date = dt.date.fromisoformat(d["doc_date"]) if d.get("doc_date") else None
            arts.append(Article(id=d["id"], text=d["text"], date=date))
    return arts


def _all_articles() -> list[Article]:
    arts = [a for name in SENTENCE_SETS for a in _sentence_articles(name)]
    if goldsets.corpus_dir().exists():
        arts += [goldsets.to_article(d) for d in goldsets.load_docs()]
    example = Path(str(EXAMPLE_GOLD).replace(".gold.json", ".txt"))
    if example.exists():
        from dyads.readers.base import text_article

        arts.append(
            text_article(example.read_text(encoding="utf-8"), str(example), dt.date(2024, 1, 31))
        )
    return arts


@pytest.mark.slow
def test_no_coded_event_is_invalid_on_any_event_set(coder: Coder) -> None:
    ont = Ontology.default()
    bad = []
    n = 0
    for art, events in coder.code_batch(_all_articles()):
        for ev in events:
            n += 1
            problems = ont.validate_event(ev.event, ev.mode, ev.cameo)
            if problems:
                bad.append(f"{art.id}: {ev.event}/{ev.mode} {ev.cameo}: {problems[0]}")
    assert n > 1000
    assert not bad, f"{len(bad)} invalid of {n}:\n" + "\n".join(bad[:20])
