"""WARC web archives (``.warc``, ``.warc.gz``): HTML responses through trafilatura.

The archive is streamed record by record, so a crawl of any size is read in bounded memory. A
truncated or corrupt archive yields the records before the damage and one error for the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dyads.errors import InputError
from dyads.readers.base import READERS, ReadResult, html_article, register_reader

# One web page above this is not a news article (a video, a dump): it is skipped unread.
MAX_RECORD_BYTES = 5 * 1024 * 1024


def read_warc(path: Path, date: dt.date | None) -> Iterator[ReadResult]:
    """Read the HTML responses of a WARC file (gzipped or not)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    where = str(path)
    n = 0
    end = 0
    size = path.stat().st_size
    damaged = ""
    with path.open("rb") as fh:
        records = ArchiveIterator(fh)
        try:
            for record in records:
                n += 1
                result = _record_article(record, where, n, date)
                # A record cut off by truncation is shorter than its declared length, or lost
                # its headers (WARC requires Content-Length on every record).
                while record.raw_stream.read(1 << 16):
                    pass
                declared = record.rec_headers.get_header("Content-Length")
                if not declared or getattr(record.raw_stream, "limit", 0) > 0:
                    damaged = "record cut off"
                    n -= 1
                    break
                # Offsets are read after the record is consumed (warcio reads to its end).
                end = records.get_record_offset() + records.get_record_length()
                if result is not None:
                    yield result
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            # zlib and gzip report damage as EOFError / OSError; warcio as ArchiveLoadFailed.
            damaged = exc.__class__.__name__
    # warcio stops quietly at a record cut off mid-way: compare where the last complete record
    # ended with the file size to tell a complete archive from a truncated one.
    if damaged or (end < size and not _only_padding(path, end, size)):
        yield InputError(
            where,
            f"WARC truncated or corrupt after {n} records"
            + (f" ({damaged})" if damaged else f" ({size - end} trailing bytes)"),
            "re-download the archive; the records before the damage were read",
        )


def _only_padding(path: Path, end: int, size: int) -> bool:
    # An uncompressed WARC ends with the blank lines that close its last record.
    if size - end > 64:
        return False
    with path.open("rb") as fh:
        fh.seek(end)
        return not fh.read().strip()


def _record_article(record: Any, where: str, n: int, date: dt.date | None) -> ReadResult | None:
    """The article of one WARC record, an error, or None for records that are not pages."""
    if record.rec_type != "response":
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    http = record.http_headers
    ctype = (http.get_header("Content-Type") if http else None) or ""
    status = http.get_statuscode() if http else None
    if "html" not in ctype.lower() or (status and not str(status).startswith("2")):
        return None
    raw = record.content_stream().read(MAX_RECORD_BYTES + 1)
    if len(raw) > MAX_RECORD_BYTES:
        return InputError(where, f"record {uri} is over 5 MB", "not a news page", line=n)
    try:
        return html_article(raw, f"{where}#{uri}" if uri else where, date, url=uri)
    except InputError as err:
        return InputError(where, err.problem, err.fix, line=n)


def read_gz(path: Path, date: dt.date | None) -> Iterator[ReadResult]:
    """``.gz`` files: only gzipped WARCs are understood."""
    if path.name.lower().endswith(".warc.gz"):
        yield from read_warc(path, date)
        return
    yield InputError(str(path), "unknown compressed file type", "only .warc.gz is read compressed")


register_reader(".warc", read_warc)
if ".gz" not in READERS:
    register_reader(".gz", read_gz)
