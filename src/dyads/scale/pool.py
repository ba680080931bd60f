"""Code articles on a pool of worker processes, each loading the coder once.

Articles are sent in chunks (one chunk is one spaCy batch); results come back in input order,
so the output equals a one-process run. A few chunks per worker are in flight at a time, so
memory stays bounded however long the input. One article that fails costs itself only: the
worker codes its chunk with :func:`~dyads.store.coding.code_isolated`; and when a worker dies
(killed, or out of memory on one article) the chunks it had are coded again one article at a
time, so the article that kills a worker is reported as failed and the others are kept.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from dyads.readers.base import one_line
from dyads.records import Article, Event
from dyads.scale.spec import CoderSpec, coder_for
from dyads.store.coding import Coded, code_isolated

# Articles per task and per spaCy batch: 16 measured best on real news (docs/SCALE.md); bigger
# batches only cost memory.
CHUNK = 16
# Chunks in flight per worker: one being coded, one waiting, so a worker never idles.
IN_FLIGHT = 2


class CodingFailed(Exception):
    """An exception raised in a worker, rebuilt in the parent under the same class name (so the
    one-line reason in messages and the ``skipped`` table matches a one-process run)."""


_FAILURE_TYPES: dict[str, type[CodingFailed]] = {}


def failure(kind: str, message: str) -> CodingFailed:
    """An exception whose ``one_line`` is ``kind: message``."""
    cls = _FAILURE_TYPES.get(kind)
    if cls is None:
        cls = _FAILURE_TYPES[kind] = type(kind, (CodingFailed,), {})
    return cls(message)


def as_failure(line: str) -> CodingFailed:
    """Rebuild the exception of a one-line reason ``Type: message``."""
    kind, _, message = line.partition(": ")
    return failure(kind if kind.isidentifier() else "CodingFailed", message)


# What a worker sends back for one article: its events, or the one-line reason it failed.
Outcome = list[Event] | str


def _watch_parent(parent: int) -> None:
    # A parent killed with SIGKILL cannot stop its workers, and an idle worker waits for work
    # forever: each worker leaves (freeing its ~600 MB) once its parent is gone.
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _init_worker(spec: CoderSpec, parent: int) -> None:
    # Ctrl-C goes to the whole process group; the parent decides what happens, so workers
    # ignore it rather than die mid-chunk and break the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    coder_for(spec)  # load now, in parallel with the other workers


def code_chunk(spec: CoderSpec, articles: list[Article], batch_size: int) -> list[Outcome]:
    """Code ``articles`` in this process with the coder of ``spec``: one outcome each."""
    coder = coder_for(spec)
    return [
        one_line(result) if isinstance(result, Exception) else result
        for _art, result in code_isolated(coder, articles, batch_size)
    ]


@dataclass
class _Task:
    articles: list[Article]
    future: Future[list[Outcome]]


class PoolCoder:
    """A coder running on ``workers`` processes; use as a context manager (or call
    :meth:`close`). ``code_isolated`` is what ``dyads code`` and ``dyads ingest`` call."""

    def __init__(self, spec: CoderSpec, workers: int, chunk: int = CHUNK) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.spec = spec
        self.workers = workers
        self.chunk = chunk
        self.restarts = 0
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> PoolCoder:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: the parent may hold DuckDB and tqdm threads, which fork copies
            # in whatever state they are in.
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(self.spec, os.getpid()),
            )
        return self._pool

    def close(self) -> None:
        """Stop the workers (at once: nothing they hold is needed after a run)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        procs = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            if p.is_alive():
                p.terminate()
        for p in procs:
            p.join(timeout=10)

    def _restart(self) -> None:
        self.restarts += 1
        self.close()

    def _submit(self, articles: list[Article], batch_size: int) -> _Task:
        try:
            fut = self._executor().submit(code_chunk, self.spec, articles, batch_size)
        except BrokenProcessPool as exc:
            # A worker died since the last result was read: the pool refuses new work at
            # once. The chunk gets a failed future, so that it is coded again with everything
            # else in flight when its turn comes (``_collect``), not lost with an error here.
            fut = Future[list[Outcome]]()
            fut.set_exception(exc)
        return _Task(articles, fut)

    def code_isolated(
        self, articles: Iterable[Article], batch_size: int | None = None
    ) -> Iterator[Coded]:
        """(article, events) or (article, exception) for each article, in input order."""
        size = batch_size or self.chunk
        pending: deque[_Task] = deque()
        chunk: list[Article] = []
        for art in articles:
            chunk.append(art)
            if len(chunk) >= size:
                pending.append(self._submit(chunk, size))
                chunk = []
                while len(pending) >= IN_FLIGHT * self.workers:
                    yield from self._collect(pending, size)
        if chunk:
            pending.append(self._submit(chunk, size))
        while pending:
            yield from self._collect(pending, size)

    def _collect(self, pending: deque[_Task], size: int) -> Iterator[Coded]:
        task = pending.popleft()
        try:
            outcomes = task.future.result()
        except BrokenProcessPool:
            # A worker died. Its chunk is not known for sure, so everything in flight is coded
            # again one article at a time on a fresh pool: an article that kills a worker
            # again is reported alone; the rest are coded as usual.
            lost = [a for t in (task, *pending) for a in t.articles]
            pending.clear()
            self._restart()
            yield from self._one_by_one(lost)
            return
        for art, out in zip(task.articles, outcomes, strict=True):
            yield art, (as_failure(out) if isinstance(out, str) else out)

    def _one_by_one(self, articles: list[Article]) -> Iterator[Coded]:
        for art in articles:
            yield art, self._alone(art)

    def _alone(self, art: Article) -> list[Event] | Exception:
        # Two tries: a worker killed from outside is not the article's fault.
        for _try in range(2):
            try:
                (out,) = self._submit([art], 1).future.result()
            except BrokenProcessPool:
                self._restart()
                continue
            return as_failure(out) if isinstance(out, str) else out
        return failure(
            "WorkerDied", "the worker process coding it died twice (out of memory? try --workers 1)"
        )

    def code_batch(
        self, articles: Iterable[Article], batch_size: int = CHUNK
    ) -> Iterator[tuple[Article, list[Event]]]:
        """The ``BatchCoder`` interface: like ``code_isolated``, raising at the first failure."""
        for art, result in self.code_isolated(articles, batch_size):
            if isinstance(result, Exception):
                raise result
            yield art, result


def code_with(coder: Any, articles: Iterable[Article], batch_size: int) -> Iterator[Coded]:
    """``coder.code_isolated`` when the coder has it (a pool), else :func:`code_isolated`."""
    own = getattr(coder, "code_isolated", None)
    if own is not None:
        result: Iterator[Coded] = own(articles, batch_size)
        return result
    return code_isolated(coder, articles, batch_size)
