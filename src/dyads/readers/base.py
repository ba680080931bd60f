"""Dispatch by file type, and the plain-text, HTML and JSONL readers."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from dyads.errors import InputError
from dyads.ids import article_id_for
from dyads.readers.limits import (
    MAX_FILE_BYTES,
    MAX_JSONL_RECORD_BYTES,
    MAX_STDIN_BYTES,
    check_article,
    date_in_range,
    date_range_text,
    fmt_bytes,
    open_regular,
    path_error,
    read_bounded,
    sane_date,
)
from dyads.records import Article

ReadResult = Article | InputError
Reader = Callable[[Path, dt.date | None], Iterator[ReadResult]]

# Files above this size are refused rather than read into memory: news articles are small,
# and a huge file is almost always a mistake (a dump that should be split into JSONL).
MAX_TEXT_BYTES = MAX_FILE_BYTES
MIN_HTML_WORDS = 5
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\D|$)")


def parse_date(value: object, where: str, line: int | None = None) -> dt.date | None:
    """Parse a ``YYYY-MM-DD`` (or full ISO timestamp) publication date; None stays None."""
    if value is None or value == "":
        return None
    s = str(value).strip()
    try:
        d = dt.date.fromisoformat(s[:10])
    except ValueError as exc:
        raise InputError(where, f"bad date {s[:40]!r}", "use YYYY-MM-DD", line=line) from exc
    if not date_in_range(d):
        raise InputError(
            where,
            f"date {s[:40]!r} is outside {date_range_text()}",
            "give the real publication date, or leave it out",
            line=line,
        )
    return d


def _decode(raw: bytes, path: str) -> str:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError as exc:
                name = codec.upper()
                raise InputError(
                    path, f"text starts as {name} but is not valid {name}", "re-encode as UTF-8"
                ) from exc
    if b"\x00" in raw:
        if _looks_utf16(raw):
            raise InputError(
                path, "looks like UTF-16 text without a byte-order mark", "re-encode as UTF-8"
            )
        raise InputError(path, "looks like a binary file, not text", "pass .txt, .html or .jsonl")
    # Old news archives are often Windows-1252, and pasted-together files mix the two: valid
    # UTF-8 stays UTF-8, and each byte that is not is read as Windows-1252.
    return raw.decode("utf-8-sig", errors=_MIXED)


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


_MIXED = "dyads-cp1252-fallback"
codecs.register_error(_MIXED, _cp1252_fallback)


def _looks_utf16(raw: bytes) -> bool:
    """Whether ``raw`` is probably UTF-16 without a BOM: ASCII letters with NULs between."""
    head = raw[:4096]
    half = len(head) // 2
    if half == 0:
        return False
    even, odd = head[0::2], head[1::2]
    text = odd if even.count(0) > odd.count(0) else even
    zeros = sorted((even.count(0), odd.count(0)))
    printable = sum(1 for b in text if b in (9, 10, 13) or 32 <= b < 127 or b >= 160)
    return zeros[1] >= 0.4 * half and zeros[0] <= 0.05 * half and printable >= 0.9 * len(text)


def _read_bytes(path: Path) -> bytes:
    """The bytes of a regular file, at most :data:`~dyads.readers.limits.MAX_FILE_BYTES`."""
    return read_bounded(path, MAX_TEXT_BYTES)


def text_article(text: str, where: str, date: dt.date | None, art_id: str | None = None) -> Article:
    """Build an article from plain text: the first non-empty line is the headline."""
    if not text.strip():
        raise InputError(where, "empty file", "give it a headline line and the article text")
    title = None
    body_start = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            title = line.strip()
            body_start += len(line)
            break
        body_start += len(line)
    return check_article(
        Article(
            id=art_id or article_id_for(text),
            text=text,
            title=title,
            date=date,
            path=where,
            body_start=body_start,
        ),
        where,
    )


def date_from_name(path: Path) -> dt.date | None:
    """A publication date at the start of a file name (``2024-03-14-talks.txt``), if any."""
    m = _NAME_DATE.match(path.name)
    if not m:
        return None
    try:
        return sane_date(dt.date.fromisoformat(m.group(1)))
    except ValueError:
        return None


def read_txt(path: Path, date: dt.date | None) -> Iterator[ReadResult]:
    """Read a ``.txt`` article: first non-empty line is the headline.

    A ``YYYY-MM-DD`` prefix of the file name gives the date; ``date`` (``--date``) is the
    fallback for files without one, as for every other reader.
    """
    try:
        text = _decode(_read_bytes(path), str(path))
        yield text_article(text, str(path), date_from_name(path) or date)
    except InputError as err:
        yield err


def read_html(path: Path, date: dt.date | None) -> Iterator[ReadResult]:
    """Read an HTML page: main text and metadata through trafilatura."""
    try:
        raw = _read_bytes(path)
        if b"\x00" in raw[:8192]:
            raise InputError(
                str(path), "looks like a binary file, not HTML", "pass a saved web page"
            )
        yield html_article(raw, str(path), date)
    except InputError as err:
        yield err


def html_article(
    raw: bytes | str, where: str, date: dt.date | None, url: str | None = None
) -> Article:
    """Extract the main text, title, date and URL of an HTML page (bytes or str)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            raw, url=url, with_metadata=True, include_comments=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises many types on broken markup
        raise InputError(
            where, f"HTML could not be parsed: {exc}", "check the file is a web page"
        ) from exc
    if doc is None:
        raise InputError(
            where, "no article text found in the HTML", "check the page has a main text"
        )
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (data.get("text") or "").strip()
    # A handful of words recovered from markup debris is not an article.
    if len(body.split()) < MIN_HTML_WORDS:
        raise InputError(
            where, "no article text found in the HTML", "check the page has a main text"
        )
    title = (data.get("title") or "").strip() or None
    text = f"{title}\n\n{body}" if title else body
    # The page's own date wins; ``date`` is the fallback for pages without one.
    page_date = None
    if data.get("date"):
        try:
            page_date = sane_date(dt.date.fromisoformat(str(data["date"])[:10]))
        except ValueError:
            page_date = None
    page_date = page_date or date
    page_url = url or data.get("url") or None
    return check_article(
        Article(
            id=article_id_for(text, page_url),
            text=text,
            title=title,
            date=page_date,
            url=page_url,
            source=data.get("sitename") or data.get("hostname") or None,
            path=where,
            body_start=len(title) + 2 if title else 0,
        ),
        where,
    )


def jsonl_article(obj: object, where: str, line: int, date: dt.date | None) -> Article:
    """Build an article from one decoded JSONL object (``id``, ``text``, optional metadata)."""
    if not isinstance(obj, dict):
        raise InputError(
            where, "line is not a JSON object", 'write one {"text": ...} per line', line
        )
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, 'no "text" field', 'every line needs a non-empty "text"', line)
    for key in ("id", "title", "url", "source", "date"):
        value = obj.get(key)
        if isinstance(value, (bool, list, dict)):
            raise InputError(
                where,
                f'"{key}" is {type(value).__name__}, not a string',
                f'give "{key}" as a string or leave it out',
                line,
            )
    title = obj.get("title")
    art_date = parse_date(obj.get("date"), where, line) or date
    url = obj.get("url")
    raw_id = obj.get("id")
    return check_article(
        Article(
            id=str(raw_id) if raw_id not in (None, "") else article_id_for(text, url),
            text=text,
            title=str(title) if title else None,
            date=art_date,
            url=str(url) if url else None,
            source=str(obj["source"]) if obj.get("source") else None,
            path=where,
        ),
        where,
        line,
    )


def bounded_lines(
    stream: IO[bytes], limit: int = MAX_JSONL_RECORD_BYTES, first: Iterable[bytes] = ()
) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each line of ``stream``; None for a line over ``limit`` bytes.

    A line over the limit is skipped without holding it in memory. ``first`` are lines already
    taken from the stream (by a caller that peeked at it).
    """
    n = 0
    for raw in first:
        n += 1
        yield n, raw
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        n += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while True:  # drain the rest of the long line in bounded pieces
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield n, None
            continue
        yield n, raw


def iter_jsonl(
    stream: IO[bytes], where: str, date: dt.date | None, first: Iterable[bytes] = ()
) -> Iterator[ReadResult]:
    """Read a JSONL stream line by line (bounded memory); bad lines become errors."""
    for n, raw in bounded_lines(stream, MAX_JSONL_RECORD_BYTES, first):
        if raw is None:
            yield InputError(
                where,
                f"line is over the {fmt_bytes(MAX_JSONL_RECORD_BYTES)} limit for one record",
                "split the article or drop the line",
                n,
            )
            continue
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw.rstrip(b"\r\n"))
        except json.JSONDecodeError as exc:
            yield InputError(
                where, f"not valid JSON: {exc.msg} at column {exc.colno}", "fix or drop the line", n
            )
            continue
        except UnicodeDecodeError:
            yield InputError(where, "line is not UTF-8 text", "re-encode the file as UTF-8", n)
            continue
        except RecursionError:
            yield InputError(where, "JSON nested too deeply", "fix or drop the line", n)
            continue
        try:
            yield jsonl_article(obj, where, n, date)
        except InputError as err:
            yield err


def read_jsonl(path: Path, date: dt.date | None) -> Iterator[ReadResult]:
    """Read a ``.jsonl`` file: one article per line."""
    with open_regular(path) as fh:
        yield from iter_jsonl(fh, str(path), date)


READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
}


def register_reader(suffix: str, reader: Reader) -> None:
    """Register a reader for a file suffix (used by the feed and WARC readers)."""
    READERS[suffix.lower()] = reader


def read_path(path: Path | str, date: dt.date | None = None) -> Iterator[ReadResult]:
    """Read one file, dispatching on its suffix; errors are yielded, never raised."""
    p = Path(path)
    try:
        p.stat()
    except OSError as exc:
        yield path_error(p, exc)
        return
    if p.is_dir():
        yield InputError(str(p), "is a directory", "use read_tree() to read the files inside it")
        return
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        kind = f"unknown file type {p.suffix!r}" if p.suffix else "unknown file type (no suffix)"
        yield InputError(str(p), kind, f"rename it to one of {known}")
        return
    try:
        yield from reader(p, date)
    except InputError as err:
        yield err
    except OSError as exc:
        yield InputError(str(p), f"could not be read: {exc.strerror or exc}", "check permissions")
    except Exception as exc:  # noqa: BLE001 - a parser choking on hostile markup costs this file only
        yield InputError(
            str(p),
            f"could not be read: {one_line(exc)}",
            "check the file; report it as a dyads bug if it looks fine",
        )


def read_paths(paths: Iterable[Path | str], date: dt.date | None = None) -> Iterator[ReadResult]:
    """Read several files in order."""
    for p in paths:
        yield from read_path(p, date)


def read_stdin(
    date: dt.date | None = None, stream: IO[bytes] | None = None
) -> Iterator[ReadResult]:
    """Read standard input: JSONL when the first non-empty line is a JSON object, else one text.

    JSONL is streamed line by line; a text is read up to
    :data:`~dyads.readers.limits.MAX_STDIN_BYTES`.
    """
    src = stream if stream is not None else sys.stdin.buffer
    first: list[bytes] = []
    line = b""
    while not line.strip():
        line = src.readline(MAX_JSONL_RECORD_BYTES + 1)
        if not line:
            break
        first.append(line)
    if line.lstrip().startswith(b"{"):
        yield from iter_jsonl(src, "<stdin>", date, first)
        return
    head = b"".join(first)
    data = head + src.read(max(0, MAX_STDIN_BYTES + 1 - len(head)))
    try:
        if len(data) > MAX_STDIN_BYTES:
            raise InputError(
                "<stdin>",
                f"input is over the {fmt_bytes(MAX_STDIN_BYTES)} limit",
                "give one article per line of JSONL instead",
            )
        yield text_article(_decode(data, "<stdin>"), "<stdin>", date)
    except InputError as err:
        yield err


def one_line(exc: BaseException, width: int = 200) -> str:
    """``Type: first line of the message``, cut to ``width`` characters."""
    text = str(exc).strip().splitlines()
    msg = f"{exc.__class__.__name__}: {text[0]}" if text else exc.__class__.__name__
    return msg if len(msg) <= width else msg[: width - 1] + "…"
