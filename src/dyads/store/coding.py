"""Code articles so that one failing article costs itself only.

``code_isolated`` hands the coder whole batches (fast: spaCy parses them together); when a batch
raises, the articles it had not yet yielded are coded one at a time, and each that still fails
comes back with its exception instead of events. Used by ``dyads ingest`` and ``dyads code``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from dyads.records import Article, Event


class BatchCoder(Protocol):
    """What ingest needs from a coder (``dyads.pipeline.Coder`` has it)."""

    def code_batch(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[tuple[Article, list[Event]]]:
        """Code articles, yielding each with its events in input order."""
        ...


Coded = tuple[Article, list[Event] | Exception]


def code_isolated(
    coder: BatchCoder, articles: Iterable[Article], batch_size: int = 32
) -> Iterator[Coded]:
    """(article, events) for each article in order, or (article, exception) where coding failed."""
    chunk: list[Article] = []
    for art in articles:
        chunk.append(art)
        if len(chunk) >= batch_size:
            yield from _code_chunk(coder, chunk, batch_size)
            chunk = []
    if chunk:
        yield from _code_chunk(coder, chunk, batch_size)


def _code_chunk(coder: BatchCoder, arts: list[Article], batch_size: int) -> Iterator[Coded]:
    done = 0
    try:
        for art, evs in coder.code_batch(arts, batch_size):
            done += 1
            yield art, evs
        if done == len(arts):
            return
    except Exception:  # noqa: BLE001 - one bad article must not sink its batch
        pass
    for art in arts[done:]:
        try:
            results = list(coder.code_batch([art], 1))
            if len(results) != 1:
                raise RuntimeError(f"the coder gave {len(results)} results for one article")
            yield art, results[0][1]
        except Exception as exc:  # noqa: BLE001
            yield art, exc
