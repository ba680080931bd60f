"""Every bound dyads puts on its inputs, in one place (documented in docs/LIMITS.md).

Readers never trust a size the file system reports: they count the bytes they actually read
(decompressed bytes for ``.warc.gz``), open only regular files, and never block on a FIFO or a
device. An input over a bound becomes one :class:`~dyads.errors.InputError`; the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from dyads.errors import InputError
from dyads.records import Article

MB = 1024 * 1024

#: Bytes read from one ``.txt``/``.html``/RSS file (read whole); larger files are refused.
MAX_FILE_BYTES = 20 * MB
#: Bytes of one JSONL line (one record); a longer line is skipped, the lines after it are read.
MAX_JSONL_RECORD_BYTES = 8 * MB
#: Bytes read from standard input when it holds one text (JSONL on stdin is read line by line).
MAX_STDIN_BYTES = MAX_FILE_BYTES
#: Characters of article text coded. Longer articles are skipped with the reason: coding time
#: grows faster than linearly with length, and no news article is this long.
MAX_ARTICLE_CHARS = 200_000
#: Decompressed bytes of one WARC record (headers and content); a larger one ends the archive.
MAX_WARC_RECORD_BYTES = 64 * MB
#: Bytes of one WARC or HTTP header line (a gzip bomb of zeros is one endless "line").
MAX_WARC_HEADER_LINE = 64 * 1024
#: Decompressed bytes of one WARC file in all.
MAX_WARC_BYTES = 4 * 1024 * MB
#: HTML content of one WARC response record; a larger page is skipped unread.
MAX_WARC_PAGE_BYTES = 5 * MB
#: Publication dates outside this range are refused (JSONL ``date``, ``--date``) or ignored
#: (dates found in file names, HTML metadata and feeds): date arithmetic near the calendar's
#: ends overflows, and no news report is dated there.
MIN_DATE = dt.date(1800, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)


def fmt_bytes(n: int) -> str:
    """``20 MB``, ``64 KB``, ``512 bytes``: sizes as the messages give them."""
    if n >= MB and n % MB == 0:
        return f"{n // MB} MB"
    if n >= MB:
        return f"{n / MB:.1f} MB"
    if n >= 1024:
        return f"{n // 1024} KB"
    return f"{n} bytes"


def date_in_range(d: dt.date | None) -> bool:
    """Whether ``d`` (None counts) lies within :data:`MIN_DATE` .. :data:`MAX_DATE`."""
    return d is None or MIN_DATE <= d <= MAX_DATE


def sane_date(d: dt.date | None) -> dt.date | None:
    """``d`` when it lies in the sane range, else None (for dates found, not given)."""
    return d if date_in_range(d) else None


def date_range_text() -> str:
    """The sane range as the messages give it."""
    return f"{MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def open_regular(path: Path) -> BinaryIO:
    """Open ``path`` for binary reading if (and only if) it is a regular file.

    The file is opened non-blocking and checked on the open descriptor, so a FIFO never hangs
    the reader and a link to ``/dev/zero`` is refused before a byte is read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(
            str(path), f"cannot be read: {exc.strerror or exc}", "check permissions"
        ) from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(str(path), f"is {_kind(mode)}, not a file", "give regular files only")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path``, refused (never read past) above ``limit``."""
    with open_regular(path) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            str(path),
            f"file is over the {fmt_bytes(limit)} limit",
            "split it into one article per line of a .jsonl file",
        )
    return data


def path_error(path: Path, exc: OSError) -> InputError:
    """The one-line error for a path that cannot even be looked at (``stat`` failed)."""
    if exc.errno == errno.ELOOP:
        return InputError(str(path), "symbolic link loop", "remove the link or fix its target")
    if path.is_symlink():
        return InputError(str(path), "broken symbolic link", "remove it or fix its target")
    if not os.path.lexists(path):
        return InputError(str(path), "no such file", "check the path")
    return InputError(str(path), f"cannot be read: {exc.strerror or exc}", "check the path")


def check_article(article: Article, where: str, line: int | None = None) -> Article:
    """``article`` when its text can be coded and stored, else an InputError.

    The text must be within :data:`MAX_ARTICLE_CHARS` and hold no NUL character (which no
    text has, and which the store and the parser do not take).
    """
    n = len(article.text)
    if "\x00" in article.text:
        raise InputError(
            where, "text contains NUL characters", "remove them; is it a binary file?", line=line
        )
    if n > MAX_ARTICLE_CHARS:
        raise InputError(
            where,
            f"article is {n:,} characters, over the {MAX_ARTICLE_CHARS:,}-character limit",
            "split it into several articles",
            line=line,
        )
    return article
