"""How many worker processes to use: all usable cores, but none for small inputs.

Starting a worker costs a model load (about 500 MB and several seconds), so ``auto`` only
starts a pool when the input holds more than :data:`SMALL_INPUT` items; the first items are
read ahead to find out, and handed on unchanged.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

# Below this many inputs a pool's start-up (one model load per worker) costs more than it saves.
SMALL_INPUT = 48


def usable_cores() -> int:
    """CPU cores this process may run on (the affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS and Windows have no affinity call
        return max(1, os.cpu_count() or 1)


def choose_workers(requested: int | None, items: Iterable[T]) -> tuple[int, Iterator[T]]:
    """``(workers, items)``: ``requested`` when given, else all usable cores for inputs of more
    than :data:`SMALL_INPUT` items and 1 otherwise; ``items`` comes back unchanged."""
    it = iter(items)
    if requested is not None:
        return requested, it
    cores = usable_cores()
    if cores == 1:
        return 1, it
    head = list(itertools.islice(it, SMALL_INPUT + 1))
    workers = cores if len(head) > SMALL_INPUT else 1
    return workers, itertools.chain(head, it)
