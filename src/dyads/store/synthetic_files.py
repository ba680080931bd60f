"""Write synthetic articles to disk in every input format ingest reads.

Used by the ingest tests and the benchmark to exercise the whole read path: plain text, JSONL,
HTML pages, an RSS feed and a gzipped WARC crawl, all from the seeded synthetic stream.
"""

from __future__ import annotations

import email.utils
import html
import io
import json
from collections.abc import Iterable
from pathlib import Path

from dyads.records import Article


def _paragraphs(art: Article) -> list[str]:
    return [p for p in art.text[art.body_start :].split("\n\n") if p.strip()]


def html_page(art: Article) -> str:
    """A simple news page for ``art`` (title, dateline, paragraphs, some boilerplate)."""
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(art))
    title = html.escape(art.title or "")
    date = art.date.isoformat() if art.date else ""
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f'<title>{title}</title><meta property="article:published_time" content="{date}">'
        f'</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f'<article><h1>{title}</h1><time datetime="{date}">{date}</time>\n{paras}\n</article>'
        "<footer>All rights reserved.</footer></body></html>"
    )


def rss_feed(arts: Iterable[Article], title: str = "World news") -> str:
    """An RSS 2.0 feed with one item per article (HTML descriptions)."""
    items = []
    for art in arts:
        body = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(art))
        pub = (
            email.utils.format_datetime(
                __import__("datetime").datetime(art.date.year, art.date.month, art.date.day, 12)
            )
            if art.date
            else ""
        )
        items.append(
            f"<item><title>{html.escape(art.title or '')}</title><link>{html.escape(art.url or '')}</link>"
            f"<pubDate>{pub}</pubDate><description>{html.escape(body)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><link>https://news.example/</link>"
        + "".join(items)
        + "</channel></rss>"
    )


def write_warc(path: Path, arts: Iterable[Article]) -> None:
    """A gzipped WARC with one HTML response record per article."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=str(path).endswith(".gz"))
        for art in arts:
            payload = html_page(art).encode("utf-8")
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            rec = writer.create_warc_record(
                art.url or "https://news.example/",
                "response",
                payload=io.BytesIO(payload),
                http_headers=headers,
            )
            writer.write_record(rec)


def write_corpus(directory: Path, arts: Iterable[Article]) -> dict[str, int]:
    """Spread ``arts`` over .txt, .jsonl, .html, .rss and .warc.gz files; returns counts by format.

    Formats rotate article by article so every format carries a share of the corpus; text files
    go into dated subfolders to exercise the recursive walk.
    """
    directory.mkdir(parents=True, exist_ok=True)
    buckets: dict[str, list[Article]] = {"txt": [], "jsonl": [], "html": [], "rss": [], "warc": []}
    order = ["txt", "jsonl", "html", "rss", "warc"]
    for i, art in enumerate(arts):
        buckets[order[i % len(order)]].append(art)
    for art in buckets["txt"]:
        sub = directory / "text" / (art.date.isoformat()[:7] if art.date else "undated")
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{art.id}.txt").write_text(art.text, encoding="utf-8")
    with (directory / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for art in buckets["jsonl"]:
            row = {
                "text": art.text,
                "title": art.title,
                "url": art.url,
                "source": art.source,
                "date": art.date.isoformat() if art.date else None,
            }
            fh.write(json.dumps(row) + "\n")
    pages = directory / "pages"
    pages.mkdir(exist_ok=True)
    for art in buckets["html"]:
        (pages / f"{art.id}.html").write_text(html_page(art), encoding="utf-8")
    (directory / "feed.rss").write_text(rss_feed(buckets["rss"]), encoding="utf-8")
    write_warc(directory / "crawl.warc.gz", buckets["warc"])
    return {k: len(v) for k, v in buckets.items()}
