"""Write rows in the formats every command shares: jsonl (default), json, csv, table."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

FORMATS: tuple[str, ...] = ("jsonl", "json", "csv", "table")


def _flat(value: Any) -> str:
    """Render a nested value for a csv/table cell."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ";".join(_flat(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_rows(
    rows: Iterable[dict[str, Any]],
    fmt: str,
    out: IO[str],
    columns: Sequence[str] | None = None,
    cell: Callable[[str, Any], str] | None = None,
    max_width: int = 60,
) -> int:
    """Write ``rows`` to ``out`` in ``fmt`` and return how many were written.

    ``columns`` picks and orders the csv/table columns (default: keys of the first row);
    ``cell`` renders one cell for csv/table (default: nested values joined with ``;``).
    jsonl streams; json, csv and table need the rows in memory only for table widths.
    """
    render = cell or (lambda _k, v: _flat(v))
    n = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "json":
        out.write("[")
        for row in rows:
            out.write(("," if n else "") + "\n  " + json.dumps(row, ensure_ascii=False))
            n += 1
        out.write("\n]\n" if n else "]\n")
        return n
    if fmt == "csv":
        writer: Any = None
        for row in rows:
            if writer is None:
                cols = list(columns or row.keys())
                writer = csv.writer(out)
                writer.writerow(cols)
            writer.writerow([render(c, row.get(c)) for c in cols])
            n += 1
        if writer is None and columns:
            csv.writer(out).writerow(list(columns))
        return n
    if fmt == "table":
        materialised = list(rows)
        cols = list(columns or (materialised[0].keys() if materialised else []))
        if not cols:
            return 0  # no rows and no known columns: an empty header would only be noise
        cells = [[render(c, r.get(c)).replace("\n", " ") for c in cols] for r in materialised]
        cells = [[v if len(v) <= max_width else v[: max_width - 1] + "…" for v in r] for r in cells]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
        line = "  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True))
        out.write(line.rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        for r in cells:
            out.write("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() + "\n")
        return len(materialised)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
