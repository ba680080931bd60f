"""What a store records about the versions that wrote it, and the one-line errors for a store
this dyads cannot open: another schema, another DuckDB storage format, a lock."""

from __future__ import annotations

import duckdb

from dyads import __version__
from dyads.errors import DyadsError


class StoreError(DyadsError):
    """The store cannot be opened or is from a newer version of dyads."""


def read_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """A value of the store's ``meta`` table, or None (no such key, or no meta table)."""
    try:
        # fetchall, not fetchone: DuckDB 2 refuses to register data on a connection holding
        # a result not read to its end.
        rows = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchall()
    except duckdb.CatalogException:
        return None  # no meta table: not a dyads store (or a new one)
    return str(rows[0][0]) if rows else None


def write_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    """Set a value of the store's ``meta`` table."""
    con.execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def newer_error(path: str, current: int, latest: int, written_by: str | None) -> StoreError:
    """The one-line error for a store of a newer schema than this dyads knows, with the fix."""
    return StoreError(
        f"{path}: store schema version {current}"
        + (f" (written by dyads {written_by})" if written_by else "")
        + f" is newer than dyads {__version__} understands ({latest}); upgrade dyads"
        + (f" to {written_by} or later" if written_by else "")
        + ", or export the store with the dyads that wrote it"
    )


def open_error(path: str, exc: duckdb.Error, waited: float = 0.0) -> StoreError:
    """The one-line error for a store DuckDB could not open (``waited``: seconds spent waiting
    for a dyads process that held the lock, named so the user knows the wait can be longer)."""
    text = str(exc)
    if "lock" in text.lower():
        after = f" (waited {waited:.1f} s; DYADS_LOCK_WAIT=SECONDS waits longer)" if waited else ""
        return StoreError(
            f"another dyads process is writing {path}; wait for it or use another --db{after}"
        )
    if "version number" in text.lower():
        # The file's storage format is from another DuckDB release than the one installed.
        return StoreError(
            f"{path}: written by another DuckDB release than this one ({duckdb.__version__}); "
            "install the DuckDB dyads pins (pip install -e .) or export it with the dyads "
            "that wrote it"
        )
    first = text.splitlines()[0] if text else exc.__class__.__name__
    return StoreError(f"{path}: cannot open the store: {first}")
