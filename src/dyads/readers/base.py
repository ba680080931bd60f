"""Dispatch by file type, and the plain-text, HTML and JSONL readers."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from dyads.errors import InputError
from dyads.ids import article_id_for
from dyads.records import Article

ReadResult = Article | InputError
Reader = Callable[[Path, dt.date | None], Iterator[ReadResult]]

# Files above this size are refused rather than read into memory: news articles are small,
# and a huge file is almost always a mistake (a dump that should be split into JSONL).
MAX_TEXT_BYTES = 20 * 1024 * 1024
MIN_HTML_WORDS = 5
_NAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\D|$)")


def parse_date(value: object, where: str, line: int | None = None) -> dt.date | None:
    """Parse a ``YYYY-MM-DD`` (or full ISO timestamp) publication date; None stays None."""
    if value is None or value == "":
        return None
    s = str(value).strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError as exc:
        raise InputError(where, f"bad date {s!r}", "use YYYY-MM-DD", line=line) from exc


def _decode(raw: bytes, path: str) -> str:
    if b"\x00" in raw[:8192]:
        raise InputError(path, "looks like a binary file, not text", "pass .txt, .html or .jsonl")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old news archives are often Windows-1252; decoding must not lose the article.
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise InputError(
                path, "text is not UTF-8 or Windows-1252", "re-encode as UTF-8"
            ) from exc


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise InputError(
            str(path),
            f"file is {size // (1024 * 1024)} MB, over the {MAX_TEXT_BYTES // (1024 * 1024)} MB limit",
            "split it into one article per line of a .jsonl file",
        )
    return path.read_bytes()


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
    return Article(
        id=art_id or article_id_for(text),
        text=text,
        title=title,
        date=date,
        path=where,
        body_start=body_start,
    )


def date_from_name(path: Path) -> dt.date | None:
    """A publication date at the start of a file name (``2024-03-14-talks.txt``), if any."""
    m = _NAME_DATE.match(path.name)
    if not m:
        return None
    try:
        return dt.date.fromisoformat(m.group(1))
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
            page_date = dt.date.fromisoformat(str(data["date"])[:10])
        except ValueError:
            page_date = None
    page_date = page_date or date
    page_url = url or data.get("url") or None
    return Article(
        id=article_id_for(text, page_url),
        text=text,
        title=title,
        date=page_date,
        url=page_url,
        source=data.get("sitename") or data.get("hostname") or None,
        path=where,
        body_start=len(title) + 2 if title else 0,
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
    title = obj.get("title")
    art_date = parse_date(obj.get("date"), where, line) or date
    url = obj.get("url")
    raw_id = obj.get("id")
    return Article(
        id=str(raw_id) if raw_id not in (None, "") else article_id_for(text, url),
        text=text,
        title=str(title) if title else None,
        date=art_date,
        url=str(url) if url else None,
        source=str(obj["source"]) if obj.get("source") else None,
        path=where,
    )


def iter_jsonl(stream: IO[bytes], where: str, date: dt.date | None) -> Iterator[ReadResult]:
    """Read a JSONL stream line by line (bounded memory); bad lines become errors."""
    for n, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield InputError(
                where, f"not valid JSON: {exc.msg} at column {exc.colno}", "fix or drop the line", n
            )
            continue
        except UnicodeDecodeError:
            yield InputError(where, "line is not UTF-8 text", "re-encode the file as UTF-8", n)
            continue
        try:
            yield jsonl_article(obj, where, n, date)
        except InputError as err:
            yield err


def read_jsonl(path: Path, date: dt.date | None) -> Iterator[ReadResult]:
    """Read a ``.jsonl`` file: one article per line."""
    with path.open("rb") as fh:
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
    if not p.exists():
        yield InputError(str(p), "no such file", "check the path")
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


def read_paths(paths: Iterable[Path | str], date: dt.date | None = None) -> Iterator[ReadResult]:
    """Read several files in order."""
    for p in paths:
        yield from read_path(p, date)


def read_stdin(date: dt.date | None = None) -> Iterator[ReadResult]:
    """Read standard input: JSONL when every non-empty line is a JSON object, else one text."""
    data = sys.stdin.buffer.read()
    stripped = data.lstrip()
    if stripped.startswith(b"{"):
        import io

        yield from iter_jsonl(io.BytesIO(data), "<stdin>", date)
        return
    try:
        yield text_article(_decode(data, "<stdin>"), "<stdin>", date)
    except InputError as err:
        yield err
