"""Stand-in coders for the scale tests (imported by worker processes by name), and the quick
tests of the scale package that need no worker process."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyads.records import Article, Event
from dyads.scale import choose_workers
from dyads.scale.plan import SMALL_INPUT
from dyads.scale.pool import as_failure
from dyads.scale.records_io import events_from_json, events_to_json
from dyads.store.coding import code_isolated
from dyads.store.synthetic import articles
from dyads.store.synthetic_coder import HashCoder

# A worker that codes an article containing KILL_MARK dies (os._exit) unless the file named by
# this variable exists; it creates the file first, so it dies once per test.
KILL_FLAG = "DYADS_TEST_KILL_FLAG"
KILL_MARK = "KILLTHEWORKER"
BOOM_MARK = "BOOMARTICLE"
POISON_MARK = "POISONTHEWORKER"  # kills every process that codes it


class TrapCoder(HashCoder):
    """HashCoder that fails on BOOM_MARK articles and kills its process once on KILL_MARK."""

    def code_batch(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[tuple[Article, list[Event]]]:
        """Code each article, springing the traps."""
        for art in articles:
            if BOOM_MARK in art.text:
                raise ValueError("boom: a trap article")
            if POISON_MARK in art.text and os.environ.get(KILL_FLAG):
                os._exit(1)
            flag = os.environ.get(KILL_FLAG)
            if KILL_MARK in art.text and flag and not Path(flag).exists():
                Path(flag).touch()
                os._exit(1)
            yield art, self.code(art)


def trapped_articles(n: int, seed: int = 3, poison: bool = False) -> list[Article]:
    """``n`` synthetic articles; the 5th carries the kill mark (or with ``poison`` the poison
    mark), the 9th the boom mark."""
    arts = list(articles(n, seed=seed))
    for i, mark in ((4, POISON_MARK if poison else KILL_MARK), (8, BOOM_MARK)):
        a = arts[i]
        arts[i] = Article(**{**a.__dict__, "text": a.text + f"\nA closing line: {mark}.\n"})
    return arts


def test_events_round_trip_through_json() -> None:
    arts = list(articles(20, seed=5))
    for _art, events in HashCoder().code_batch(arts):
        assert events_from_json(events_to_json(events)) == events


def test_real_events_round_trip_through_json() -> None:
    from dyads.pipeline import Coder
    from dyads.readers import read_path

    root = Path(__file__).parents[1] / "examples"
    arts = [a for p in sorted(root.glob("*.txt")) for a in read_path(p)][:2]
    for _art, events in Coder.default().code_batch(arts):
        assert events and events_from_json(events_to_json(events)) == events


def test_a_failure_keeps_its_one_line_reason() -> None:
    from dyads.readers.base import one_line

    exc = as_failure("ValueError: boom: a trap article")
    assert one_line(exc) == "ValueError: boom: a trap article"


def test_trap_coder_fails_on_boom_only() -> None:
    arts = trapped_articles(10)
    out = [r for _a, r in code_isolated(TrapCoder(), [a for a in arts if KILL_MARK not in a.text])]
    assert sum(isinstance(r, Exception) for r in out) == 1


def test_auto_workers_stay_in_process_for_small_inputs() -> None:
    n, items = choose_workers(None, range(SMALL_INPUT))
    assert n == 1 and list(items) == list(range(SMALL_INPUT))
    n, items = choose_workers(3, range(5))
    assert n == 3 and list(items) == list(range(5))
    _n, items = choose_workers(None, range(SMALL_INPUT + 10))
    assert list(items) == list(range(SMALL_INPUT + 10))  # read ahead, nothing lost
