"""Walk many paths (files and directories, recursively) and stream the articles they hold.

Directories are walked in sorted order so that every run sees inputs in the same order, and a
directory reached twice through symbolic links is reported once as a loop instead of being read
forever. Hidden entries (``.git``, ``.DS_Store``) are not inputs and are passed over.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyads.errors import InputError
from dyads.readers.base import ReadResult, read_path


def walk_files(paths: Iterable[Path | str]) -> Iterator[Path | InputError]:
    """Yield the files under ``paths`` (recursively, sorted), or errors for what can't be walked."""
    for p in paths:
        yield from _walk(Path(p), set())


def _walk(path: Path, active: set[tuple[int, int]]) -> Iterator[Path | InputError]:
    try:
        st = path.stat()  # follows links: a link to a directory is walked like the directory
    except OSError as exc:
        if path.is_symlink():
            yield InputError(str(path), "broken symbolic link", "remove it or fix its target")
        elif not os.path.lexists(path):
            # The same words as read_path, so `dyads code` and `dyads ingest` agree.
            yield InputError(str(path), "no such file", "check the path")
        else:
            yield InputError(str(path), f"cannot be read: {exc.strerror or exc}", "check the path")
        return
    if not path.is_dir():
        yield path
        return
    key = (st.st_dev, st.st_ino)
    if key in active:
        yield InputError(
            str(path), "symbolic link loop (directory already being walked)", "remove the link"
        )
        return
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(
            str(path), f"directory cannot be listed: {exc.strerror or exc}", "check permissions"
        )
        return
    active.add(key)
    try:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            yield from _walk(Path(entry.path), active)
    finally:
        active.discard(key)


def read_tree(paths: Iterable[Path | str], date: dt.date | None = None) -> Iterator[ReadResult]:
    """Stream the articles (or errors) of every file under ``paths``."""
    for item in walk_files(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_path(item, date)
