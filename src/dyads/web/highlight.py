"""Code one pasted or uploaded article and mark its events in the text.

The text is cut into segments, each either plain or marked with the events it states (the
trigger word when known, else the sentence); the template escapes every segment, so nothing
the user typed reaches the page as markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from dyads.errors import InputError
from dyads.readers.base import html_article, text_article
from dyads.records import Article, Event, to_dict

MAX_ARTICLE_CHARS = 200_000


class ArticleCoder(Protocol):
    """What the paste page needs from a coder (``dyads.pipeline.Coder`` or a test stand-in)."""

    def code(self, article: Article) -> list[Event]:
        """The events of one article."""
        ...


@dataclass(frozen=True)
class Segment:
    """A run of the article text; ``events`` holds the numbers (1-based) of events marked."""

    text: str
    events: tuple[int, ...] = ()


def make_article(
    text: str | None, raw: bytes | None, filename: str | None, date: dt.date | None
) -> Article:
    """The article from pasted text, or from an uploaded .txt/.html file's bytes.

    Raises :class:`InputError` for an empty or unreadable input.
    """
    where = f"<upload {filename}>" if filename else "<pasted text>"
    if raw is not None and filename and filename.lower().endswith((".html", ".htm")):
        return html_article(raw, where, date)
    if raw is not None:
        text = raw.decode("utf-8", errors="replace")
    text = (text or "").replace("\r\n", "\n")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(
            where, f"longer than {MAX_ARTICLE_CHARS} characters", "paste one article at a time"
        )
    return text_article(text, where, date)


def event_rows(events: list[Event]) -> list[dict[str, Any]]:
    """Each event as its JSON record (the ``dyads code`` output), numbered from 1."""
    return [{"n": i, **to_dict(ev)} for i, ev in enumerate(events, start=1)]


def _span(ev: Event) -> tuple[int, int]:
    ti = ev.text_info
    if ti.trigger_start is not None and ti.trigger_end is not None:
        return ti.trigger_start, ti.trigger_end
    return ti.start, ti.end


def segments(text: str, events: list[Event]) -> list[Segment]:
    """``text`` cut at every event span; overlapping spans merge into one marked segment."""
    spans = sorted(
        (max(0, s), min(len(text), e), i)
        for i, ev in enumerate(events, start=1)
        for s, e in [_span(ev)]
        if 0 <= s < e
    )
    merged: list[tuple[int, int, list[int]]] = []
    for start, end, n in spans:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), [*last[2], n])
        else:
            merged.append((start, end, [n]))
    out: list[Segment] = []
    pos = 0
    for start, end, numbers in merged:
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], tuple(sorted(set(numbers)))))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out
