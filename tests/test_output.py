"""Every command shares the same output formats."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dyads.output import FORMATS, write_rows

ROWS = [{"a": 1, "b": ["X", "Y"], "c": None}, {"a": 2, "b": [], "c": "z"}]


def test_jsonl_is_one_object_per_line() -> None:
    out = io.StringIO()
    assert write_rows(ROWS, "jsonl", out) == 2
    assert [json.loads(line) for line in out.getvalue().splitlines()] == ROWS


def test_json_is_one_array() -> None:
    out = io.StringIO()
    write_rows(ROWS, "json", out)
    assert json.loads(out.getvalue()) == ROWS
    empty = io.StringIO()
    write_rows([], "json", empty)
    assert json.loads(empty.getvalue()) == []


def test_csv_joins_lists_and_keeps_column_order() -> None:
    out = io.StringIO()
    write_rows(ROWS, "csv", out, columns=["b", "a"])
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows == [["b", "a"], ["X;Y", "1"], ["", "2"]]


def test_table_aligns_columns() -> None:
    out = io.StringIO()
    write_rows(ROWS, "table", out, columns=["a", "c"])
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["a", "c"]
    assert len(lines) == 4


def test_unknown_format_is_refused() -> None:
    assert "xml" not in FORMATS
    with pytest.raises(ValueError, match="unknown format"):
        write_rows(ROWS, "xml", io.StringIO())


def test_empty_table_without_columns_prints_nothing() -> None:
    out = io.StringIO()
    assert write_rows([], "table", out) == 0
    assert out.getvalue() == ""
