"""Readers turn files into :class:`~dyads.records.Article` records.

Each reader yields ``Article`` or :class:`~dyads.errors.InputError` items, so one bad input never
stops a batch: the caller reports the error and moves on.
"""

from __future__ import annotations

from dyads.readers.base import ReadResult, read_path, read_paths, read_stdin

__all__ = ["ReadResult", "read_path", "read_paths", "read_stdin"]
