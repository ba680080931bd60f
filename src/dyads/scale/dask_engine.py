"""``dyads ingest --engine dask``: code partitions of the input on Dask workers, then load.

The client reads the inputs and cuts the stream into partitions of ``partition_size``
articles. Each partition is a Dask task (:func:`~dyads.scale.partition.code_partition`) that
writes one Parquet file named by a hash of its input; a few partitions per worker are in flight
at a time, so the client holds a bounded window of the input. As partitions finish, in input
order, the load step replays the same items through :func:`dyads.store.ingest` with a coder
that returns the events the workers computed. Everything the store decides (already stored,
new versions, near-duplicate copies, failures, transactions, clustering) is therefore decided
exactly as in a one-process run, and the store equals it.

A worker that dies has its task retried on another worker by Dask (``allowed-failures``); the
hash-named file makes a retried or repeated task a no-op once the file exists.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dyads.errors import DyadsError, InputError
from dyads.records import Article, Event
from dyads.scale.partition import Key, code_partition, partition_name, read_partition
from dyads.scale.partition import spec_fingerprint as fingerprint_of
from dyads.scale.pool import failure
from dyads.scale.spec import CoderSpec, coder_for
from dyads.store.base import Store
from dyads.store.coding import Coded, code_isolated
from dyads.store.gate import reject_reason
from dyads.store.ingest import IngestSummary, Note, ingest
from dyads.store.rows import text_hash

PARTITION_SIZE = 256
CONNECT_TIMEOUT_S = 20
# Partitions in flight per worker thread: one coding, one queued.
AHEAD = 2


def parts_dir_for(db: Path) -> Path:
    """Where the partition files of store ``db`` go by default: ``<db>.parts/`` beside it."""
    return db.with_name(db.name + ".parts")


@contextlib.contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a local cluster of ``workers``
    single-threaded processes started (and stopped) here."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise DyadsError(
            "--engine dask needs dask.distributed (pip install 'dask[distributed]')"
        ) from exc
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError, ValueError) as exc:
            raise DyadsError(
                f"{scheduler}: cannot reach a Dask scheduler there ({exc}); start one with "
                "`dask scheduler`, or leave out --scheduler for a local cluster"
            ) from exc
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=40,  # logging.ERROR: worker chatter is not the user's business
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _slots(client: Any) -> int:
    info = client.scheduler_info()
    return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))


class PrecomputedCoder:
    """The load step's coder: the workers' outcome for each article, by (id, text hash).

    An article with no precomputed outcome (a new version of a stored id is renamed before it
    is coded, and its id is part of its events' ids) is coded here, with the spec's coder.
    """

    def __init__(self, spec: CoderSpec) -> None:
        self.spec = spec
        self.outcomes: dict[Key, list[Event] | Exception] = {}
        self.coded_here = 0

    def code_isolated(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Coded]:
        """The outcome of each article, in order."""
        missing: list[Article] = []
        ready: dict[int, list[Event] | Exception] = {}
        arts = list(articles)
        for i, art in enumerate(arts):
            out = self.outcomes.pop((art.id, text_hash(art.text)), None)
            if out is None:
                missing.append(art)
            else:
                ready[i] = out
        local = iter(code_isolated(coder_for(self.spec), missing, batch_size)) if missing else None
        for i, art in enumerate(arts):
            if i in ready:
                yield art, ready[i]
            else:
                assert local is not None
                self.coded_here += 1
                yield next(local)

    def code_batch(
        self, articles: Iterable[Article], batch_size: int = 16
    ) -> Iterator[tuple[Article, list[Event]]]:
        """The ``BatchCoder`` interface (raises at the first failure)."""
        for art, result in self.code_isolated(articles, batch_size):
            if isinstance(result, Exception):
                raise result
            yield art, result


Item = Article | InputError


def _partitions(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    part: list[Item] = []
    n_articles = 0
    for item in items:
        part.append(item)
        if isinstance(item, Article):
            n_articles += 1
            if n_articles >= size:
                yield part
                part, n_articles = [], 0
    if part:
        yield part


class _Replay:
    """The item stream for the load step: submits partitions ahead, then hands back each
    partition's items once its file is loaded into the coder."""

    def __init__(
        self,
        client: Any,
        spec: CoderSpec,
        out_dir: Path,
        coder: PrecomputedCoder,
        partition_size: int,
        keep: int,
    ) -> None:
        self.client = client
        self.spec = spec
        self.out_dir = out_dir
        self.coder = coder
        self.partition_size = partition_size
        self.keep = keep  # partitions whose unused outcomes are kept (see ingest_dask)
        self.fingerprint = fingerprint_of(spec)
        self.files: list[str] = []

    def _submit(self, part: list[Item]) -> tuple[list[Item], Any]:
        # Articles the gate refuses are never coded (ingest skips them), so they are not sent.
        arts = [a for a in part if isinstance(a, Article) and reject_reason(a.text) is None]
        if not arts:
            return part, None
        name = partition_name(self.fingerprint, arts)
        fut = self.client.submit(
            code_partition, self.spec, arts, str(self.out_dir), name, key=f"dyads-{name}"
        )
        return part, fut

    def __call__(self, items: Iterable[Item]) -> Iterator[Item]:
        window: deque[tuple[list[Item], Any]] = deque()
        loaded: deque[list[Key]] = deque()
        ahead = AHEAD * _slots(self.client)
        for part in _partitions(items, self.partition_size):
            window.append(self._submit(part))
            if len(window) > ahead:
                yield from self._load(window.popleft(), loaded)
        while window:
            yield from self._load(window.popleft(), loaded)

    def _outcomes(self, part: list[Item], fut: Any) -> dict[Key, list[Event] | Exception]:
        try:
            path = fut.result()
        except Exception:  # noqa: BLE001 - KilledWorker, or the task failed its retries
            # Something in the partition killed every worker that tried it: code its articles
            # one task each, so the article at fault fails alone.
            return self._one_by_one([a for a in part if isinstance(a, Article)])
        finally:
            fut.release()
        self.files.append(path)
        return read_partition(path)

    def _one_by_one(self, arts: list[Article]) -> dict[Key, list[Event] | Exception]:
        out: dict[Key, list[Event] | Exception] = {}
        for art in arts:
            if reject_reason(art.text) is not None:
                continue
            name = partition_name(self.fingerprint, [art])
            fut = self.client.submit(
                code_partition, self.spec, [art], str(self.out_dir), name, key=f"dyads-{name}"
            )
            try:
                path = fut.result()
            except Exception:  # noqa: BLE001
                out[(art.id, text_hash(art.text))] = failure(
                    "WorkerDied", "every Dask worker that coded it died (out of memory?)"
                )
                continue
            finally:
                fut.release()
            self.files.append(path)
            out.update(read_partition(path))
        return out

    def _load(self, entry: tuple[list[Item], Any], loaded: deque[list[Key]]) -> Iterator[Item]:
        part, fut = entry
        if fut is not None:
            outcomes = self._outcomes(part, fut)
            self.coder.outcomes.update(outcomes)
            loaded.append(list(outcomes))
            # Outcomes nobody asked for (already stored, copies not coded) are dropped once
            # ingest has certainly flushed their batch; a late ask is coded here instead.
            while len(loaded) > self.keep:
                for key in loaded.popleft():
                    self.coder.outcomes.pop(key, None)
        yield from part


def ingest_dask(
    items: Iterable[Item],
    store: Store,
    spec: CoderSpec,
    out_dir: Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = PARTITION_SIZE,
    batch_size: int = 64,
    progress: bool | None = None,
    note: Note | None = None,
    retry_failed: bool = False,
) -> tuple[IngestSummary, list[str]]:
    """Ingest ``items`` into ``store``, coding on Dask; the summary and the partition files.

    ``out_dir`` must be reachable by every worker at the same path (a shared file system for
    a real cluster)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    coder = PrecomputedCoder(spec)
    # A batch holds under ``batch_size`` articles and ``4 * batch_size`` skipped inputs.
    keep = 5 * batch_size // max(1, partition_size) + 2
    kwargs: dict[str, Any] = {"progress": progress, "retry_failed": retry_failed}
    if note is not None:
        kwargs["note"] = note
    with dask_client(scheduler, workers) as client:
        replay = _Replay(client, spec, out_dir, coder, partition_size, keep)
        summary = ingest(replay(items), store, coder, batch_size, **kwargs)
    return summary, replay.files
