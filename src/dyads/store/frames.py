"""The store's events as a data frame: the flat columns of ``v_events_flat``, typed.

``to_pandas(db)`` and ``to_polars(db)`` open the store read-only and return one row per event
with the columns of docs/EXPORTS.md (codes as strings, ``date_start``/``date_end`` as dates).
pandas and polars are optional: each function imports its library when called and says how
to install it when it is missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dyads.errors import DyadsError
from dyads.store.export_files import ORDER_BY

_SQL = f"SELECT * FROM v_events_flat ORDER BY {ORDER_BY['v_events_flat']}"


def _arrow_events(db: str | Path) -> Any:
    """The flat events as an Arrow table (DuckDB's types carried over)."""
    from dyads.store.duck import DuckDBStore, _arrow

    with DuckDBStore.open(db, read_only=True) as store:
        return _arrow(store.con, _SQL)


def _need(module: str) -> Any:
    try:
        return __import__(module)
    except ImportError as exc:
        raise DyadsError(f"{module} is not installed; pip install {module}") from exc


def to_pandas(db: str | Path) -> Any:
    """The store's events as a pandas DataFrame: strings for codes and names, ``datetime64``
    for dates, floats for coordinates and scores, nullable integers (``Int32``/``Int64``) for
    counts, offsets and GeoNames ids, so a gap does not turn an id into a float."""
    pd = _need("pandas")
    import pyarrow as pa

    nullable = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}
    return _arrow_events(db).to_pandas(date_as_object=False, types_mapper=nullable.get)


def to_polars(db: str | Path) -> Any:
    """The store's events as a polars DataFrame (String, Date, Int, Float columns)."""
    pl = _need("polars")
    return pl.from_arrow(_arrow_events(db))
