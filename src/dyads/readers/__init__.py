"""Readers turn files into :class:`~dyads.records.Article` records.

Each reader yields ``Article`` or :class:`~dyads.errors.InputError` items, so one bad input never
stops a batch: the caller reports the error and moves on.
"""

from __future__ import annotations

# Imported for their side effect: they register the .rss/.atom/.xml and .warc/.warc.gz readers.
from dyads.readers import feeds as feeds
from dyads.readers import warc as warc
from dyads.readers.base import ReadResult, read_path, read_paths, read_stdin
from dyads.readers.walk import read_tree, walk_files

__all__ = ["ReadResult", "read_path", "read_paths", "read_stdin", "read_tree", "walk_files"]
