"""Every `dyads` command line the README shows runs as written, in order, in a fresh directory
holding the bundled examples, with the virtual environment's `dyads` on PATH (as after
`make demo` and `source .venv/bin/activate`). Shell redirections work as in a terminal."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dyads.store.views import FLAT_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def readme_commands(text: str) -> list[tuple[str, list[str]]]:
    """The ``$ dyads ...`` lines of the README's code blocks, each with the output lines shown
    under it (up to the next command or the end of the block)."""
    out: list[tuple[str, list[str]]] = []
    for block in re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.S | re.M):
        current: list[str] | None = None
        for line in block.splitlines():
            if line.startswith("$ "):
                current = []
                out.append((line[2:].strip(), current))
            elif current is not None:
                current.append(line)
    return [(cmd, shown) for cmd, shown in out if cmd.startswith("dyads ")]


def _in_order(wanted: list[str], got: list[str]) -> bool:
    """Every item of ``wanted`` is in ``got``, in the same order."""
    rest = iter(got)
    return all(w in rest for w in wanted)


def test_the_readme_shows_the_store_commands() -> None:
    cmds = [c for c, _ in readme_commands(README)]
    assert any(c.startswith("dyads code ") for c in cmds)
    assert any(c.startswith("dyads ingest ") for c in cmds)
    assert any(c.startswith("dyads export ") for c in cmds)
    assert _in_order(["a", "c"], ["a", "b", "c"]) and not _in_order(["c", "a"], ["a", "b", "c"])


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "examples", root / "examples")
    return root


def test_every_readme_command_runs_as_written(workdir: Path) -> None:
    assert (BIN / "dyads").exists(), f"no dyads command in {BIN}"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    drift: list[str] = []
    for cmd, shown in readme_commands(README):
        res = subprocess.run(
            ["bash", "-c", cmd],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert res.returncode == 0, f"{cmd}\n{res.stderr}"
        printed = [ln.rstrip() for ln in res.stdout.splitlines()]
        if shown and ">" not in cmd:
            # The columns the README shows are printed, in that order (rows may change, and
            # columns may be added; a renamed or dropped column is drift).
            if not printed or not _in_order(shown[0].split(), printed[0].split()):
                drift.append(f"{cmd}\n  README: {shown[0]}\n  prints: {printed[:1]}")
        # A command writing a file (`> events.csv`) leaves a file with a header and rows.
        if m := re.search(r">\s*(\S+)\s*$", cmd):
            written = (workdir / m[1]).read_text(encoding="utf-8").splitlines()
            assert len(written) > 1, cmd
            if "export events" in cmd and "--format csv" in cmd:
                assert written[0].split(",") == list(FLAT_COLUMNS), cmd
    assert not drift, "the README shows other columns than the command prints:\n" + "\n".join(drift)
