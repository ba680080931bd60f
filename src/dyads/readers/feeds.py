"""RSS and Atom feeds (``.rss``, ``.atom``, ``.xml``): one article per entry, via feedparser.

A feed entry usually carries an HTML summary or full content; the markup is stripped and the
entry title becomes the headline, so the article looks like any other to the coder.
"""

from __future__ import annotations

import calendar
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dyads.errors import InputError
from dyads.ids import article_id_for
from dyads.readers.base import ReadResult, _read_bytes, register_reader
from dyads.readers.limits import check_article, sane_date
from dyads.records import Article


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment, with block elements as paragraph breaks."""
    if "<" not in markup:
        return markup.strip()
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ParserError, ValueError):
        return markup.strip()
    for el in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        el.tail = "\n\n" + (el.tail or "")
    lines = [" ".join(line.split()) for line in root.text_content().split("\n")]
    paras: list[str] = []
    for line in lines:
        if line:
            paras.append(line)
    return "\n\n".join(paras)


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if isinstance(t, time.struct_time):
            try:
                return sane_date(dt.datetime.fromtimestamp(calendar.timegm(t), dt.UTC).date())
            except (OverflowError, ValueError, OSError):
                return None
    return None


def entry_article(
    entry: Any, where: str, n: int, date: dt.date | None, source: str | None
) -> Article:
    """Build an article from one feed entry (``n`` is its 1-based position in the feed)."""
    body = ""
    for c in entry.get("content") or []:
        if c.get("value"):
            body = html_to_text(c["value"])
            break
    if not body:
        body = html_to_text(entry.get("summary") or entry.get("description") or "")
    title = " ".join((entry.get("title") or "").split()) or None
    if not body.strip():
        raise InputError(where, "feed entry has no text", "the feed carries titles only", line=n)
    text = f"{title}\n\n{body}" if title else body
    url = entry.get("link") or None
    article = Article(
        id=article_id_for(text, url),
        text=text,
        title=title,
        date=_entry_date(entry) or date,  # the entry's own date wins; --date is the fallback
        url=url,
        source=source,
        path=where,
        body_start=len(title) + 2 if title else 0,
    )
    return check_article(article, where, n)


def read_feed(path: Path, date: dt.date | None) -> Iterator[ReadResult]:
    """Read an RSS/Atom file; malformed XML is reported, and any entries recovered are kept."""
    import feedparser

    try:
        raw = _read_bytes(path)
    except InputError as err:
        yield err
        return
    parsed = feedparser.parse(raw)
    where = str(path)
    entries = parsed.get("entries") or []
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        kind = exc.__class__.__name__ if exc else "error"
        if not entries:
            yield InputError(where, f"not a readable RSS/Atom feed ({kind})", "check the XML")
            return
        # feedparser's lenient parser often recovers entries from broken XML: keep them, but
        # say the file was damaged.
        if "CharacterEncoding" not in kind:
            yield InputError(
                where,
                f"feed XML is malformed ({kind}); {len(entries)} entries recovered",
                "check the XML",
            )
    feed = parsed.get("feed") or {}
    source = feed.get("title") or None
    for n, entry in enumerate(entries, start=1):
        try:
            yield entry_article(entry, where, n, date, source)
        except InputError as err:
            yield err


for _suffix in (".rss", ".atom", ".xml"):
    register_reader(_suffix, read_feed)
