"""Readers: every bad input gives one clear line naming the file, and the batch goes on."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dyads.errors import InputError
from dyads.readers import read_path, read_paths
from dyads.records import Article


def _one(path: Path, date: dt.date | None = None) -> Article | InputError:
    results = list(read_path(path, date))
    assert len(results) == 1
    return results[0]


def test_txt_first_nonempty_line_is_headline_and_offsets_refer_to_text(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    text = "\n\nTalks resume in Geneva\n\nDelegations from two countries met on Monday.\n"
    p.write_text(text, encoding="utf-8")
    art = _one(p, dt.date(2024, 5, 2))
    assert isinstance(art, Article)
    assert art.title == "Talks resume in Geneva"
    assert art.text == text  # processed exactly as given
    assert text[: art.body_start].strip() == "Talks resume in Geneva"
    assert art.date == dt.date(2024, 5, 2)


def test_same_text_gives_same_article_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Head\n\nBody text here.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Head\n\nBody text here.", encoding="utf-8")
    a, b = list(read_paths([tmp_path / "a.txt", tmp_path / "b.txt"]))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.id == b.id


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("binary.txt", b"\x00\x01\x02PNG\x00" * 50, "binary"),
        ("binary.html", b"\x89PNG\x00\x00\x00" * 50, "binary"),
        ("page.xyz", b"hello", "unknown file type"),
    ],
)
def test_bad_files_give_one_line_error_naming_the_file(
    tmp_path: Path, name: str, content: bytes, needle: str
) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    err = _one(p)
    assert isinstance(err, InputError)
    msg = str(err)
    assert "\n" not in msg
    assert name in msg
    assert needle in msg


def test_missing_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    err = _one(tmp_path / "nope.txt")
    assert isinstance(err, InputError) and "no such file" in str(err)


def test_broken_html_is_reported_and_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "broken.html").write_text(
        '<html><body><div><p>unclosed <b>tags</p><div class="x', encoding="utf-8"
    )
    (tmp_path / "ok.txt").write_text("Headline\n\nThe minister met the envoy.", encoding="utf-8")
    results = list(read_paths([tmp_path / "broken.html", tmp_path / "ok.txt"]))
    assert isinstance(results[0], InputError)
    assert "broken.html" in str(results[0])
    assert isinstance(results[1], Article)


def test_html_main_text_and_title(tmp_path: Path) -> None:
    body = " ".join(["The foreign ministers of Kenya and Ethiopia met in Nairobi on Tuesday."] * 8)
    html = f"<html><head><title>Ministers meet</title></head><body><article><h1>Ministers meet</h1><p>{body}</p><p>{body}</p></article></body></html>"
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    art = _one(tmp_path / "page.html")
    assert isinstance(art, Article)
    assert "Nairobi" in art.text


def test_jsonl_bad_lines_are_reported_with_line_numbers(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "Headline\n\nBody.", "date": "2024-01-02"}),
        "{not json",
        json.dumps({"id": "a3", "title": "no text"}),
        json.dumps({"id": "a4", "text": "Second good article.", "date": "bad-date"}),
        json.dumps({"text": "Third good article."}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_path(p))
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Article", "InputError", "InputError", "InputError", "Article"]
    assert "batch.jsonl:2" in str(results[1])
    assert "batch.jsonl:3" in str(results[2]) and "text" in str(results[2])
    assert "batch.jsonl:4" in str(results[3]) and "YYYY-MM-DD" in str(results[3])
    first = results[0]
    assert isinstance(first, Article)
    assert first.id == "a1" and first.date == dt.date(2024, 1, 2)
    last = results[4]
    assert isinstance(last, Article) and last.id.startswith("a")


def test_txt_date_comes_from_file_name_then_option(tmp_path: Path) -> None:
    # --date is for inputs that have no date of their own, as the README and --help say.
    p = tmp_path / "2024-03-14-ceasefire.txt"
    p.write_text("Head\n\nBody.", encoding="utf-8")
    art = _one(p)
    assert isinstance(art, Article) and art.date == dt.date(2024, 3, 14)
    art2 = _one(p, dt.date(2020, 1, 1))
    assert isinstance(art2, Article) and art2.date == dt.date(2024, 3, 14)
    undated = tmp_path / "ceasefire.txt"
    undated.write_text("Head\n\nBody.", encoding="utf-8")
    art4 = _one(undated, dt.date(2020, 1, 1))
    assert isinstance(art4, Article) and art4.date == dt.date(2020, 1, 1)
    q = tmp_path / "9999-99-99-x.txt"
    q.write_text("Head\n\nBody.", encoding="utf-8")
    art3 = _one(q)
    assert isinstance(art3, Article) and art3.date is None


def test_paragraph_parsing_keeps_text_offsets_and_sentences_whole() -> None:
    from dyads.nlp import load_nlp, paragraphs, parse

    text = "Talks resume\n\nKenya and Ethiopia signed a pact. They met later.\n\nPhoto: X\n"
    assert "".join(paragraphs(text)) == text
    doc = parse(load_nlp(), text)
    assert doc.text == text
    sents = [s.text.strip() for s in doc.sents]
    assert "Kenya and Ethiopia signed a pact." in sents  # not cut after the headline
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)


def test_jsonl_syntax_error_says_what_and_where(tmp_path: Path) -> None:
    p = tmp_path / "b.jsonl"
    p.write_bytes(b'{"id": "a", "text": "x",}\n{"id": "b", "text": "\xff"}\n')
    first, second = list(read_path(p))
    assert isinstance(first, InputError) and first.line == 1
    assert "not valid JSON: " in str(first) and "column" in str(first)
    assert "Error)" not in str(first), "Python exception class names mean nothing to a user"
    assert isinstance(second, InputError) and "UTF-8" in str(second) and second.line == 2


def test_file_without_suffix_is_named_as_such(tmp_path: Path) -> None:
    p = tmp_path / "README"
    p.write_text("notes", encoding="utf-8")
    err = _one(p)
    assert isinstance(err, InputError) and "no suffix" in str(err) and "''" not in str(err)


def test_html_date_comes_from_page_then_option(tmp_path: Path) -> None:
    body = " ".join(["The council approved the budget after a long debate."] * 4)
    page = (
        '<html><head><title>Budget passes</title><meta name="date" content="2024-06-01">'
        f"</head><body><article><h1>Budget passes</h1><p>{body}</p></article></body></html>"
    )
    (tmp_path / "dated.html").write_text(page, encoding="utf-8")
    art = _one(tmp_path / "dated.html", dt.date(2020, 1, 1))
    assert isinstance(art, Article) and art.date == dt.date(2024, 6, 1)
    undated = page.replace('<meta name="date" content="2024-06-01">', "")
    (tmp_path / "undated.html").write_text(undated, encoding="utf-8")
    art2 = _one(tmp_path / "undated.html", dt.date(2020, 1, 1))
    assert isinstance(art2, Article) and art2.date == dt.date(2020, 1, 1)
