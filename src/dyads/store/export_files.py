"""Write the export views to files: JSON lines, TSV/CSV (every cell text) and Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any, TextIO

import duckdb

from dyads.errors import DyadsError
from dyads.store.view_plover import PLOVER_JSON_COLUMNS

# Export format -> the view it reads (docs/EXPORTS.md). ``csv`` and ``parquet`` of events are
# the flat view; the other formats are the layouts of other event-data projects.
EXPORT_VIEWS: dict[str, str] = {
    "plover-jsonl": "v_plover",
    "polecat-tsv": "v_polecat",
    "gdelt-tsv": "v_gdelt",
    "icews-tsv": "v_icews",
    "csv": "v_events_flat",
    "parquet": "v_events_flat",
}
# A stable row order, so two exports of one store are byte-identical.
ORDER_BY: dict[str, str] = {
    "v_plover": "id",
    "v_polecat": '"Event ID"',
    "v_gdelt": "SQLDATE, GLOBALEVENTID",
    "v_icews": '"Event Date", "Event ID"',
    "v_events_flat": "event_id",
}


def _cell(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def write_export(con: duckdb.DuckDBPyConnection, fmt: str, fh: TextIO, chunk: int = 2048) -> int:
    """Write the events in one of :data:`EXPORT_VIEWS`' text formats to ``fh``; returns rows.

    ``plover-jsonl`` writes one PLOVER JSON object per line (null fields left out); the TSV
    formats and ``csv`` write a header and one row per record, empty cells for missing
    values, every value as text (CAMEO ``057`` stays ``057``; dates ISO 8601).
    """
    view = EXPORT_VIEWS[fmt]
    cur = con.cursor()  # a cursor of its own: the caller may use the store meanwhile
    try:
        cur.execute(f"SELECT * FROM {view} ORDER BY {ORDER_BY[view]}")
        columns = [d[0] for d in cur.description or ()]
        writer = None
        if fmt.endswith("-tsv") or fmt == "csv":
            delimiter = "," if fmt == "csv" else "\t"
            writer = csv.writer(fh, delimiter=delimiter, lineterminator="\n")
            writer.writerow(columns)
        n = 0
        while rows := cur.fetchmany(chunk):
            for row in rows:
                if writer is not None:
                    writer.writerow(["" if v is None else _cell(v) for v in row])
                else:
                    obj = {
                        k: json.loads(v) if k in PLOVER_JSON_COLUMNS and isinstance(v, str) else v
                        for k, v in zip(columns, row, strict=True)
                        if v is not None
                    }
                    fh.write(json.dumps(obj, ensure_ascii=False, default=_cell) + "\n")
                n += 1
        return n
    finally:
        cur.close()


def write_parquet(con: duckdb.DuckDBPyConnection, fmt: str, path: Path) -> int:
    """Write the view of ``fmt`` to a Parquet file at ``path`` (typed columns); returns rows."""
    view = EXPORT_VIEWS[fmt]
    target = str(path).replace("'", "''")
    cur = con.cursor()
    try:
        cur.execute(
            f"COPY (SELECT * FROM {view} ORDER BY {ORDER_BY[view]}) TO '{target}' (FORMAT parquet)"
        )
        row = cur.execute(f"SELECT count(*) FROM {view}").fetchone()
    except duckdb.Error as exc:
        # DuckDB's IO errors (missing directory, no permission) are the user's to fix.
        raise DyadsError(f"{path}: cannot write Parquet: {exc}") from exc
    finally:
        cur.close()
    return int(row[0]) if row else 0
