"""WARC web archives (``.warc``, ``.warc.gz``): HTML responses through trafilatura.

The archive is streamed record by record, so a crawl of any size is read in bounded memory. A
truncated or corrupt archive yields the records before the damage and one error for the rest.

warcio is handed the *decompressed* stream through :class:`_Guard`, which counts every byte it
passes on: a header line over :data:`~dyads.readers.limits.MAX_WARC_HEADER_LINE`, a record over
:data:`~dyads.readers.limits.MAX_WARC_RECORD_BYTES` or an archive over
:data:`~dyads.readers.limits.MAX_WARC_BYTES` ends the archive with one error, so a gzip bomb
costs seconds and kilobytes, not gigabytes.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from dyads.errors import InputError
from dyads.readers.base import READERS, ReadResult, html_article, register_reader
from dyads.readers.limits import (
    MAX_WARC_BYTES,
    MAX_WARC_HEADER_LINE,
    MAX_WARC_PAGE_BYTES,
    MAX_WARC_RECORD_BYTES,
    fmt_bytes,
    open_regular,
)

# Kept for callers of the old name: one web page above this is skipped unread.
MAX_RECORD_BYTES = MAX_WARC_PAGE_BYTES
_FIX = "re-download the archive; the records before the damage were read"


class _TooBig(Exception):
    """A bound of the guarded stream was crossed; the message says which."""


class _Guard(io.RawIOBase):
    """A read-only stream that counts the bytes it passes on and enforces the WARC bounds.

    ``headers()`` and ``content()`` tell it what warcio is about to read: in header mode a run
    of bytes without a line break may not exceed the header-line bound.
    """

    def __init__(self, inner: IO[bytes]) -> None:
        super().__init__()
        self.inner = inner
        self.pos = 0
        self.mark = 0
        self.in_headers = True
        self.run = 0
        self.tail = b""
        self.failure: str | None = None
        self._read = getattr(inner, "read1", inner.read)

    def readable(self) -> bool:
        """Always readable."""
        return True

    def tell(self) -> int:
        """Bytes passed on so far (decompressed offsets, as warcio reports them)."""
        return self.pos

    def headers(self) -> None:
        """warcio is about to parse a record's headers."""
        self.in_headers = True
        self.run = 0
        self.mark = self.pos

    def content(self) -> None:
        """The caller is about to read a record's content."""
        self.in_headers = False

    def readinto(self, buffer: Any) -> int:
        """Fill ``buffer`` from the inner stream, checking every bound."""
        view = memoryview(buffer).cast("B")
        try:
            # read1: one underlying read, so the data before a truncation is passed on first.
            data = self._read(len(view))
        except (EOFError, OSError, ValueError) as exc:  # zlib/gzip report damage this way
            self.failure = exc.__class__.__name__
            raise
        n = len(data)
        view[:n] = data
        self.pos += n
        self.tail = (self.tail + data)[-128:]
        if self.in_headers:
            cut = data.rfind(b"\n")
            self.run = self.run + n if cut < 0 else n - cut - 1
            if self.run > MAX_WARC_HEADER_LINE:
                raise _TooBig(f"a header line is over {fmt_bytes(MAX_WARC_HEADER_LINE)}")
        if self.pos - self.mark > MAX_WARC_RECORD_BYTES:
            raise _TooBig(f"a record is over {fmt_bytes(MAX_WARC_RECORD_BYTES)} decompressed")
        if self.pos > MAX_WARC_BYTES:
            raise _TooBig(f"the archive is over {fmt_bytes(MAX_WARC_BYTES)} decompressed")
        return n


def _iterator_class() -> Any:
    """warcio's ArchiveIterator, minus its habit of writing damaged lines to stderr."""
    from warcio.archiveiterator import ArchiveIterator

    class QuietIterator(ArchiveIterator):
        def _consume_blanklines(self) -> tuple[bytes | None, int]:
            empty_size = 0
            first_line = True
            while True:
                line = self.reader.readline()
                if len(line) == 0:
                    return None, empty_size
                if not line.rstrip() or first_line:
                    empty_size += len(line)
                    if line.rstrip():
                        self.err_count += 1  # a Content-Length that does not match the record
                    first_line = False
                    continue
                return line, empty_size

    return QuietIterator


def read_warc(path: Path, date: dt.date | None) -> Iterator[ReadResult]:
    """Read the HTML responses of a WARC file (gzipped or not)."""
    from warcio.exceptions import ArchiveLoadFailed

    where = str(path)
    n = 0
    end = 0
    damaged = ""
    with open_regular(path) as fh:
        magic = fh.read(2)
        fh.seek(0)
        inner: IO[bytes] = gzip.GzipFile(fileobj=fh) if magic == b"\x1f\x8b" else fh  # type: ignore[assignment]
        guard = _Guard(inner)
        records = _iterator_class()(guard)
        it = iter(records)
        try:
            while True:
                guard.headers()
                try:
                    record = next(it)
                except StopIteration:
                    break
                guard.content()
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
        except _TooBig as exc:
            yield InputError(
                where,
                f"WARC reading stopped after {n} records: {exc}",
                "not a news crawl; the records before it were read",
            )
            return
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            damaged = exc.__class__.__name__
        except Exception as exc:  # noqa: BLE001 - warcio fails in many ways on damaged records
            damaged = f"record {n + 1} unreadable: {exc.__class__.__name__}"
        damaged = damaged or (guard.failure or "")
        size = guard.pos
        trailing = size - end
    # warcio stops quietly at a record cut off mid-way: compare where the last complete record
    # ended with the bytes read to tell a complete archive from a truncated one (an archive
    # may end with the blank lines that close its last record).
    padding = trailing <= 64 and not guard.tail[len(guard.tail) - trailing :].strip()
    if damaged or (trailing > 0 and not padding):
        yield InputError(
            where,
            f"WARC truncated or corrupt after {n} records"
            + (f" ({damaged})" if damaged else f" ({trailing} trailing bytes)"),
            _FIX,
        )


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
    raw = record.content_stream().read(MAX_WARC_PAGE_BYTES + 1)
    if len(raw) > MAX_WARC_PAGE_BYTES:
        return InputError(
            where, f"record {uri} is over {fmt_bytes(MAX_WARC_PAGE_BYTES)}", "not a news page", n
        )
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
