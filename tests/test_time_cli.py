"""`dyads time` on a text and on JSONL, with exact offsets."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dyads.cli import main


def test_time_command_tags_a_text() -> None:
    res = CliRunner().invoke(main, ["time", "Putin will visit on Feb. 12.", "--date", "2024-01-31"])
    assert res.exit_code == 0, res.output
    row = json.loads(res.output.splitlines()[0])
    assert row == {"article_id": "-", "text": "Feb. 12", "start": 20, "end": 27, "type": "DATE",
                   "value": "2024-02-12"}  # fmt: skip


def test_time_command_reads_jsonl_with_per_line_dates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "a.jsonl"
    lines = [{"id": "a", "text": "Talks resumed last week.", "date": "2023-06-15"},
             {"id": "b", "text": "He left on Friday."}]  # fmt: skip
    p.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["time", "--jsonl", str(p)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in res.output.splitlines()]
    assert [(r["article_id"], r["value"]) for r in rows] == [("a", "2023-W23"), ("b", "XXXX-WXX-5")]
    assert lines[0]["text"][rows[0]["start"] : rows[0]["end"]] == "last week"


def test_time_command_needs_text_or_jsonl() -> None:
    res = CliRunner().invoke(main, ["time"])
    assert res.exit_code == 2
