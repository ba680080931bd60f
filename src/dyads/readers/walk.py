"""Walk many paths (files and directories, recursively) and stream the articles they hold.

Directories are walked in sorted order so that every run sees inputs in the same order, and a
directory reached twice through symbolic links is reported once as a loop instead of being read
forever. Hidden entries (``.git``, ``.DS_Store``) are not inputs and are passed over, and so
are the files named in ``exclude`` (the store being written and its write-ahead log). ``-``
among the paths reads standard input.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyads.errors import InputError
from dyads.readers.base import ReadResult, read_path, read_stdin
from dyads.readers.limits import path_error

Excluded = frozenset[str]


def excluded(paths: Iterable[Path | str]) -> Excluded:
    """The files :func:`walk_files` must pass over (whether they exist yet or not)."""
    return frozenset(os.path.realpath(p) for p in paths)


def walk_files(
    paths: Iterable[Path | str], exclude: Excluded = frozenset()
) -> Iterator[Path | InputError]:
    """Yield the files under ``paths`` (recursively, sorted), or errors for what can't be walked.

    Files in ``exclude`` (see :func:`excluded`) are passed over.
    """
    for p in paths:
        yield from _walk(Path(p), set(), exclude)


def _walk(
    path: Path, active: set[tuple[int, int]], exclude: Excluded
) -> Iterator[Path | InputError]:
    try:
        st = path.stat()  # follows links: a link to a directory is walked like the directory
    except OSError as exc:
        # The same words as read_path, so `dyads code` and `dyads ingest` agree.
        yield path_error(path, exc)
        return
    if not path.is_dir():
        if not exclude or os.path.realpath(path) not in exclude:
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
            yield from _walk(Path(entry.path), active, exclude)
    finally:
        active.discard(key)


def read_tree(
    paths: Iterable[Path | str], date: dt.date | None = None, exclude: Excluded = frozenset()
) -> Iterator[ReadResult]:
    """Stream the articles (or errors) of every file under ``paths`` (``-`` reads stdin once)."""
    stdin_read = False
    for p in paths:
        if str(p) == "-":
            if stdin_read:
                yield InputError("-", "standard input given twice", "give - once")
            else:
                stdin_read = True
                yield from read_stdin(date)
            continue
        for item in walk_files([p], exclude):
            if isinstance(item, InputError):
                yield item
            else:
                yield from read_path(item, date)
