"""Property tests over the readers: whatever the bytes, a reader yields articles within the
bounds or one-line errors naming the file, and never raises."""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyads.errors import InputError
from dyads.readers import read_path, read_stdin
from dyads.readers.limits import MAX_ARTICLE_CHARS, MAX_DATE, MIN_DATE
from dyads.records import Article

SUFFIXES = [".txt", ".html", ".jsonl", ".rss", ".xml", ".warc", ".warc.gz"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(items: list[Article | InputError], where: str) -> None:
    """The invariants every reader keeps."""
    for item in items:
        if isinstance(item, InputError):
            msg = str(item)
            assert "\n" not in msg and "\r" not in msg, msg
            assert item.path.startswith(where) or where.startswith(item.path), msg
            continue
        assert isinstance(item, Article)
        assert item.text.strip() and "\x00" not in item.text
        assert len(item.text) <= MAX_ARTICLE_CHARS
        assert item.date is None or MIN_DATE <= item.date <= MAX_DATE
        assert 0 <= item.body_start <= len(item.text)
        assert isinstance(item.id, str) and item.id


def read_bytes_as(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / f"input{suffix}"
        p.write_bytes(data)
        check(list(read_path(p)), str(p))


@SETTINGS
@given(st.binary(max_size=4096), st.sampled_from(SUFFIXES))
def test_any_bytes_in_any_reader(data: bytes, suffix: str) -> None:
    read_bytes_as(data, suffix)


@SETTINGS
@given(st.text(max_size=2000), st.sampled_from(SUFFIXES))
def test_any_text_in_any_reader(text: str, suffix: str) -> None:
    read_bytes_as(text.encode("utf-8", "surrogatepass"), suffix)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=200),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=10,
)
DATES = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": JSON_VALUES,
        "text": st.text(max_size=500) | JSON_VALUES,
        "date": DATES | JSON_VALUES,
        "title": JSON_VALUES,
        "url": JSON_VALUES,
        "source": JSON_VALUES,
    },
)


@SETTINGS
@given(st.lists(RECORDS | JSON_VALUES, min_size=1, max_size=8))
def test_jsonl_records_of_any_shape(records: list[object]) -> None:
    body = "".join(json.dumps(r, allow_nan=True) + "\n" for r in records)
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "records.jsonl"
        p.write_text(body, encoding="utf-8")
        items = list(read_path(p))
    check(items, str(p))
    assert len(items) == len(records), "one article or one error per line"
    for n, item in enumerate(items, start=1):
        if isinstance(item, InputError):
            assert item.line == n


@SETTINGS
@given(st.text(min_size=1, max_size=2000).filter(lambda t: t.strip() and "\x00" not in t))
def test_a_txt_file_keeps_its_text_exactly(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "a.txt"
        p.write_bytes(text.encode("utf-8", "surrogatepass"))
        items = list(read_path(p))
    if text[:1] == "\ufeff" or any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return  # a BOM is dropped; lone surrogates are not UTF-8
    (art,) = items
    assert isinstance(art, Article) and art.text == text


@SETTINGS
@given(st.binary(max_size=4096))
def test_stdin_of_any_bytes(data: bytes) -> None:
    check(list(read_stdin(stream=io.BytesIO(data))), "<stdin>")
