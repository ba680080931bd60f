"""The README documents what the code does: every command, every output field, both set-ups."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from dyads.cli import main
from dyads.records import Event

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "dyads") -> list[str]:
    out = []
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, f"{prefix} {name}"))
        else:
            out.append(f"{prefix} {name}")
    return out


def test_every_cli_command_is_in_the_readme_table() -> None:
    missing = [c for c in _commands(main) if f"`{c}" not in README]
    assert missing == []


def test_every_event_field_is_documented() -> None:
    missing = [f.name for f in dataclasses.fields(Event) if f"`{f.name}`" not in README]
    assert missing == []


def test_readme_states_the_two_setup_commands() -> None:
    assert "make demo" in README and "make test" in README
