"""Reading a store while ``dyads ingest`` writes it.

DuckDB lets one process write a database file and nothing else open it meanwhile (a whole-file
``fcntl`` lock). So that ``stats``, ``export`` and queries work during an ingest, the writer
holds DuckDB's lock only while readers do not need it, and a read-only open that meets the lock
of a running dyads writer retries for a bounded time (:func:`reader_wait`, ``DYADS_LOCK_WAIT``
seconds, default 30). Readers only ever see committed transactions, so never part of a batch.

How a waiting reader gets in: on each try it touches ``<store>.lock`` (its mtime is the
signal), and the writer, which checks the mtime between articles and before coding a batch,
closes its connection (DuckDB checkpoints it) and stays away for :data:`GAP_S`. Without
readers the writer keeps the connection (reopening costs about 0.1 s, a checkpoint), except
that it lets go before coding a batch when the previous one took :data:`LONG_CODING_S` or more,
and after :data:`MAX_HOLD_S` of continuous use, for readers that cannot touch the file.

Because the writer lets go of DuckDB's lock between batches, two writers could otherwise take
turns and interleave (one's reads stale by the other's writes): every writable open of a file
store also takes an exclusive ``flock`` on ``<store>.lock`` for its whole life. The kernel
drops it when the process dies (``kill -9`` included), so it never goes stale. Readers use it
to tell "a dyads ingest between batches" (worth waiting for) from a foreign holder (reported at
once, as before). Where ``fcntl`` is missing (Windows) the writer keeps the connection open
for its whole life, as DuckDB alone allows.
"""

from __future__ import annotations

import contextlib
import os
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import duckdb

from dyads.store.versions import StoreError, open_error

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no sharing, DuckDB's own lock only
    fcntl = None  # type: ignore[assignment]

LOCK_WAIT_ENV = "DYADS_LOCK_WAIT"
# How long a reader waits for a dyads writer to let go between batches. A batch commits in
# well under a second; 30 s also covers a checkpoint of a large store.
DEFAULT_READER_WAIT = 30.0
# How long the writer waits for readers to close the store before it gives up on a batch (the
# batch in hand is lost, not anything committed; a rerun resumes), as a multiple of a reader's
# wait (300 s by default): an export of a large store may hold it for a while.
WRITER_WAIT_FACTOR = 10.0
# A released writer stays away this long, so a waiting reader (retrying every BACKOFF_MAX_S at
# most) gets in before the writer's next open.
GAP_S = 0.1
BACKOFF_MAX_S = 0.02
# Coding a batch this long is worth releasing the store for even unasked: the reopen (about
# 0.1 s) is then under 1%, and a reader arriving meanwhile need not wait for the whole batch.
LONG_CODING_S = 10.0
# The longest the writer holds the connection in a row when no reader signals (a reader that
# cannot touch the lock file, e.g. another user's).
MAX_HOLD_S = 20.0
# The writer says once that it waits for readers, after this long.
NOTE_AFTER_S = 2.0
Note = Callable[[str], None]


def lock_path(path: str | Path) -> Path:
    """The file whose ``flock`` marks a running dyads writer of the store at ``path``."""
    return Path(f"{path}.lock")


def reader_wait() -> float:
    """Seconds a read-only open waits for a running ingest (``DYADS_LOCK_WAIT``, default 30)."""
    raw = os.environ.get(LOCK_WAIT_ENV, "").strip()
    if not raw:
        return DEFAULT_READER_WAIT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also refuses NaN
        raise StoreError(f"{LOCK_WAIT_ENV}={raw!r}: give a number of seconds (0 or more)")
    return value


def _is_lock_error(exc: duckdb.Error) -> bool:
    return "lock" in str(exc).lower()


def writer_active(path: str | Path) -> bool:
    """Whether a dyads process has the store at ``path`` open for writing."""
    if fcntl is None:
        return False
    try:
        # Read-only and never created: a reader must work in a directory it cannot write.
        fd = os.open(lock_path(path), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # also drops the shared lock just taken
    return False


# ``struct flock`` as each kernel lays it out (F_GETLK is the one call that says whether the
# holder of DuckDB's lock reads or writes); elsewhere the kind is unknown.
_FLOCK = {"linux": ("hhqqi4x", 0), "darwin": ("qqihh", 3)}


def held_kind(path: str | Path) -> str | None:
    """``"read"`` or ``"write"``: the lock another process holds on the DuckDB file (or None)."""
    layout = _FLOCK.get(sys.platform)
    if fcntl is None or layout is None:
        return None
    fmt, type_at = layout
    fields: list[Any] = [0] * len(struct.unpack(fmt, bytes(struct.calcsize(fmt))))
    # "Could I write-lock the whole file?" (whence SEEK_SET, start 0, length 0: all zeros).
    fields[type_at] = fcntl.F_WRLCK
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        answer = struct.unpack(fmt, fcntl.fcntl(fd, fcntl.F_GETLK, struct.pack(fmt, *fields)))
    except OSError:
        return None
    finally:
        os.close(fd)
    kind = answer[type_at]
    return "read" if kind == fcntl.F_RDLCK else "write" if kind == fcntl.F_WRLCK else None


def connect(
    path: str, read_only: bool, config: Mapping[str, Any], wait: float, note: Note | None = None
) -> duckdb.DuckDBPyConnection:
    """Open ``path``, waiting up to ``wait`` seconds while the lock is held by someone it is
    worth waiting for: a dyads writer between batches (for a reader), readers (for a writer).

    A lock held by anything else (another program writing the file) is reported at once.
    """
    start = time.monotonic()
    delay = 0.002
    noted = False
    while True:
        try:
            return duckdb.connect(path, read_only=read_only, config=dict(config))
        except duckdb.Error as exc:
            waited = time.monotonic() - start
            worth = (
                writer_active(path) if read_only else held_kind(path) != "write"
            ) and _is_lock_error(exc)
            if worth and waited >= wait and not read_only:
                raise StoreError(
                    f"{path}: other processes kept the store open for reading for {waited:.0f} "
                    "s; close them and rerun (committed batches are kept)"
                ) from exc
            if not worth or waited >= wait:
                raise open_error(path, exc, waited if worth else 0.0) from exc
            if read_only:
                _signal(path)
            if note is not None and not noted and waited >= NOTE_AFTER_S:
                noted = True
                note(f"{path}: waiting for readers to close the store (up to {wait:.0f} s)")
        # Short sleeps: the writer's gaps between batches may be brief.
        time.sleep(min(delay, max(0.0, wait - waited)))
        delay = min(delay * 2, BACKOFF_MAX_S)


def _signal(path: str | Path) -> None:
    """Tell the writer that a reader waits: touch the lock file (best effort)."""
    with contextlib.suppress(OSError):
        os.utime(lock_path(path))


def _mark(path: str | Path) -> int:
    """The lock file's mtime (0 when it cannot be read)."""
    try:
        return os.stat(lock_path(path)).st_mtime_ns
    except OSError:
        return 0


class WriterLock:
    """The exclusive ``flock`` on ``<store>.lock`` a writable store holds for its life.

    Shared within one process (as DuckDB shares one database between connections of a
    process), counted, and dropped when the last holder releases it.
    """

    _held: dict[str, tuple[int, int]] = {}  # real path -> (descriptor, holders)

    def __init__(self, path: str) -> None:
        self.path = path
        self.key = os.path.realpath(lock_path(path))
        self.active = False

    def acquire(self) -> bool:
        """Take the lock; False where it cannot be had at all (no ``fcntl``, an unwritable
        directory): the writer then keeps DuckDB's lock for its life instead."""
        if fcntl is None:
            return False
        fd, holders = self._held.get(self.key, (-1, 0))
        if holders == 0:
            try:
                fd = os.open(self.key, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:
                return False
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise StoreError(
                    f"another dyads process is writing {self.path}; wait for it or use another --db"
                ) from None
            except OSError:  # a file system without flock
                os.close(fd)
                return False
        self._held[self.key] = (fd, holders + 1)
        self.active = True
        return True

    def release(self) -> None:
        """Drop this holder's share of the lock."""
        if not self.active:
            return
        self.active = False
        fd, holders = self._held[self.key]
        if holders > 1:
            self._held[self.key] = (fd, holders - 1)
            return
        del self._held[self.key]
        os.close(fd)  # closing the descriptor releases the flock


class Lease:
    """A store's DuckDB connection: opened on use, released when readers need it.

    ``get()`` returns the open connection, (re)opening it when needed (with ``setup`` run on
    each new connection). ``release()`` closes it where readers can use the gap (a file store
    whose writer lock is held, or any read-only store); ``breathe()`` does so only when a
    reader asked or after :data:`MAX_HOLD_S`; ``pause(long)`` before a step that does not use
    the store (coding), also when the step is expected to be long. Never call them inside a
    transaction.
    """

    def __init__(
        self,
        path: str,
        read_only: bool,
        config: Mapping[str, Any],
        setup: Callable[[duckdb.DuckDBPyConnection], None],
        note: Note | None = None,
    ) -> None:
        self.path = path
        self.read_only = read_only
        self.config = dict(config)
        self.setup = setup
        self.note = note
        self.wait = reader_wait() * (1.0 if read_only else WRITER_WAIT_FACTOR)
        self.lock = WriterLock(path)
        file_store = path != ":memory:"
        # A writer shares only when its writer lock keeps other writers out between batches.
        self.shared = file_store and (read_only or self.lock.acquire())
        self._con: duckdb.DuckDBPyConnection | None = None
        self._opened = 0.0
        self._mark = 0
        self._back_at = 0.0  # monotonic time before which a released writer stays away
        self._guard = threading.Lock()  # reading() is used from many threads at once
        self._users = 0

    def get(self) -> duckdb.DuckDBPyConnection:
        """The open connection (opened now if the last one was released)."""
        if self._con is not None:
            return self._con
        wait = self._back_at - time.monotonic()
        if wait > 0:
            time.sleep(wait)  # the gap a waiting reader was promised
        con = connect(self.path, self.read_only, self.config, self.wait, self.note)
        try:
            self.setup(con)
        except BaseException:
            con.close()
            raise
        self._con = con
        self._opened = time.monotonic()
        self._mark = _mark(self.path) if self.shared and not self.read_only else 0
        return con

    def release(self) -> None:
        """Close the connection (DuckDB checkpoints it) so readers can open the store."""
        if self._con is None or not self.shared:
            return
        self._con.close()
        self._con = None
        self._back_at = time.monotonic() + GAP_S

    def wanted(self) -> bool:
        """Whether a reader has asked for the store since the connection was opened."""
        return self._mark != 0 and _mark(self.path) != self._mark

    def breathe(self) -> None:
        """Release the connection if a reader asked for it, or after :data:`MAX_HOLD_S`."""
        if self._con is not None and (
            self.wanted() or time.monotonic() - self._opened >= MAX_HOLD_S
        ):
            self.release()

    def pause(self, long: bool) -> None:
        """Before a step that does not use the store: release if it is ``long`` (readers
        may come meanwhile) or if :meth:`breathe` would."""
        if long:
            self.release()
        else:
            self.breathe()

    @contextlib.contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection for one use by a long-lived reader (a web request, in any thread):
        when the last use ends while a dyads writer waits, it is released, so a server that
        stays up does not hold the store from ``dyads ingest``; the next use reopens it."""
        with self._guard:
            con = self.get()
            self._users += 1
        try:
            yield con
        finally:
            with self._guard:
                self._users -= 1
                if self._users == 0 and writer_active(self.path):
                    self.release()

    def close(self) -> None:
        """Close the connection for good and drop the writer lock."""
        if self._con is not None:
            self._con.close()
            self._con = None
        self.lock.release()
