"""Feed, WARC and directory-walk readers: articles out, damage reported, never raised."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest

from dyads.errors import InputError
from dyads.readers import read_path, read_tree, walk_files
from dyads.readers.feeds import html_to_text
from dyads.records import Article
from dyads.store.synthetic import articles
from dyads.store.synthetic_files import write_warc

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Coastal Herald</title>
<item><title>Port workers end strike</title><link>https://herald.example/port-strike</link>
<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate>
<description>&lt;p&gt;Dock workers in the northern port returned to work on Tuesday after the
union accepted a new wage offer.&lt;/p&gt;&lt;p&gt;The strike had halted exports for a week.&lt;/p&gt;</description></item>
<item><title>Headline only</title><link>https://herald.example/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Times</title>
<entry><title>Council approves budget</title><link href="https://valley.example/budget"/>
<updated>2024-06-01T18:00:00Z</updated>
<content type="html">&lt;p&gt;The city council approved next year's budget on Saturday.&lt;/p&gt;</content>
</entry></feed>"""


def _articles(items: list[Article | InputError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def test_rss_items_become_articles_with_title_date_url_and_plain_text(tmp_path: Path) -> None:
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    items = list(read_path(tmp_path / "news.rss"))
    arts = _articles(items)
    assert len(arts) == 1
    a = arts[0]
    assert a.title == "Port workers end strike" and a.date == dt.date(2024, 3, 5)
    assert a.url == "https://herald.example/port-strike" and a.source == "Coastal Herald"
    assert a.text.startswith("Port workers end strike\n\nDock workers") and "<p>" not in a.text
    assert a.text[a.body_start :].startswith("Dock workers")
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1 and errors[0].line == 2 and "no text" in errors[0].problem


def test_atom_entries_are_read_from_their_content(tmp_path: Path) -> None:
    (tmp_path / "feed.atom").write_text(ATOM, encoding="utf-8")
    (a,) = _articles(list(read_path(tmp_path / "feed.atom")))
    assert a.date == dt.date(2024, 6, 1) and "approved next year's budget" in a.text


def test_broken_feed_xml_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "broken.xml").write_bytes(b"<?xml version='1.0'?><rss><chan")
    items = list(read_path(tmp_path / "broken.xml"))
    assert len(items) == 1 and isinstance(items[0], InputError)


def test_html_to_text_keeps_paragraphs() -> None:
    assert html_to_text("<p>One  two.</p><p>Three<br>four</p>") == "One two.\n\nThree\n\nfour"


def test_warc_html_responses_are_read_and_truncation_reported(tmp_path: Path) -> None:
    arts = list(articles(5, seed=2))
    write_warc(tmp_path / "crawl.warc.gz", arts)
    got = _articles(list(read_path(tmp_path / "crawl.warc.gz")))
    assert [a.url for a in got] == [a.url for a in arts]
    data = (tmp_path / "crawl.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) // 2])
    items = list(read_path(tmp_path / "cut.warc.gz"))
    assert 0 < len(_articles(items)) < 5
    assert isinstance(items[-1], InputError) and "truncated" in items[-1].problem


def test_uncompressed_warc_and_non_html_records(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "mixed.warc"
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(
                "https://x.example/logo.png",
                "response",
                payload=io.BytesIO(b"\x89PNG"),
                http_headers=headers,
            )
        )
    assert list(read_path(path)) == []
    (tmp_path / "notes.gz").write_bytes(b"\x1f\x8b")
    (err,) = list(read_path(tmp_path / "notes.gz"))
    assert isinstance(err, InputError) and "compressed" in err.problem


def test_walk_is_sorted_recursive_and_skips_hidden_entries(tmp_path: Path) -> None:
    for name in ("b/2.txt", "a/1.txt", "a/z/3.txt", ".git/config.txt", "a/.DS_Store"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    files = [
        p.relative_to(tmp_path).as_posix() for p in walk_files([tmp_path]) if isinstance(p, Path)
    ]
    assert files == ["a/1.txt", "a/z/3.txt", "b/2.txt"]


def test_symlink_loops_and_broken_links_are_reported_once(tmp_path: Path) -> None:
    (tmp_path / "d" / "e").mkdir(parents=True)
    (tmp_path / "d" / "e" / "a.txt").write_text("Headline\n\nBody text.\n")
    os.symlink("../..", tmp_path / "d" / "e" / "up")
    os.symlink("missing.txt", tmp_path / "d" / "dangling.txt")
    items = list(walk_files([tmp_path / "d"]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert sorted(e.problem.split(" (")[0] for e in errors) == [
        "broken symbolic link",
        "symbolic link loop",
    ]
    assert [p.name for p in items if isinstance(p, Path)] == ["a.txt"]


def test_read_tree_streams_articles_and_errors_together(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Headline\n\nSome body text here.\n")
    (tmp_path / "two.pdf").write_bytes(b"%PDF")
    items = list(read_tree([tmp_path, tmp_path / "absent.txt"]))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError"]


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_cut_anywhere_is_reported_as_truncated(tmp_path: Path, gz: bool) -> None:
    name = "crawl.warc.gz" if gz else "crawl.warc"
    write_warc(tmp_path / name, list(articles(4, seed=6)))
    data = (tmp_path / name).read_bytes()
    for frac in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95, 0.99):
        cut = tmp_path / ("cut-" + name)
        cut.write_bytes(data[: int(len(data) * frac)])
        items = list(read_path(cut))
        assert len(_articles(items)) < 4, frac
        assert isinstance(items[-1], InputError) and "truncated" in items[-1].problem, frac


def test_feed_entry_dates_win_over_the_fallback_date(tmp_path: Path) -> None:
    # A feed spans many days: one --date for all entries would be wrong; it only fills gaps.
    (tmp_path / "feed.atom").write_text(ATOM, encoding="utf-8")
    (a,) = _articles(list(read_path(tmp_path / "feed.atom", dt.date(2020, 1, 1))))
    assert a.date == dt.date(2024, 6, 1)


def test_walking_a_missing_path_says_no_such_file(tmp_path: Path) -> None:
    (err,) = list(walk_files([tmp_path / "absent.txt"]))
    assert isinstance(err, InputError) and "no such file" in str(err)
