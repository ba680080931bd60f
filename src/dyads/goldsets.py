"""The real-news gold sets: a manifest of corpus ids with fixed splits, and offsets-only gold.

The texts belong to their publishers and stay in ``../shared/corpus`` (or ``$DYADS_CORPUS``);
the repository holds only ids, offsets and codes (``tests/data/realnews/``). This module joins
the two at run time and turns each gold record into the document form the scorer reads
(``evaluate.score_document``): the text, its publication date, and events whose evidence is
given as character spans.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyads.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
REALNEWS_DIR = ROOT / "tests" / "data" / "realnews"
MANIFEST = REALNEWS_DIR / "manifest.json"
SPLITS = ("train", "dev", "test")


def corpus_dir() -> Path:
    """Where the corpus lives: ``$DYADS_CORPUS``, else ``../shared/corpus`` beside the repo."""
    env = os.environ.get("DYADS_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def load_manifest(path: Path = MANIFEST) -> dict[str, Any]:
    """The manifest: splits per record id and the annotation chunks."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"cannot read the gold manifest: {exc}", None) from exc
    return data


@functools.cache
def _corpus_file(name: str) -> dict[str, tuple[str, str | None]]:
    path = corpus_dir() / name
    if not path.exists():
        raise InputError(
            str(path),
            "corpus file not found",
            "put ../shared/corpus beside the repo or set DYADS_CORPUS",
        )
    out: dict[str, tuple[str, str | None]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                out[str(d["id"])] = (str(d["text"]), d.get("date"))
    return out


def corpus_texts(kind: str) -> dict[str, tuple[str, str | None]]:
    """``id -> (text, publication date)`` for ``sentences`` or ``articles``."""
    if kind == "sentences":
        return _corpus_file("news_sentences.jsonl")
    merged: dict[str, tuple[str, str | None]] = {}
    merged.update(_corpus_file("reuters1987.jsonl"))
    merged.update(_corpus_file("bbc2005_politics.jsonl"))
    return merged


@dataclass(frozen=True)
class GoldDoc:
    """One annotated record joined with its text: what the scorer needs."""

    id: str
    kind: str  # "sentences" or "articles"
    split: str
    text: str
    doc_date: str | None
    gold: dict[str, Any]  # events with evidence spans, must_not spans (scorer's document form)
    annotator: str
    chunk: str


def headline_end(text: str) -> int:
    """End of the first line (an article's headline), for ``also_stated_in: headline``."""
    i = text.find("\n")
    return len(text) if i < 0 else i


def _records(gold_dir: Path, pass_: int) -> Iterator[dict[str, Any]]:
    for path in sorted(gold_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                if int(rec.get("pass", 1)) == pass_:
                    yield rec


def load_docs(
    kind: str | None = None,
    split: str | None = None,
    pass_: int = 1,
    gold_dir: Path | None = None,
    manifest: dict[str, Any] | None = None,
) -> list[GoldDoc]:
    """Gold documents, filtered by kind (sentences/articles) and split; first pass by default
    (the adjudicated annotation; pass 2 is the independent second annotation of a sample).
    The training-only ``silver`` records come only when asked for by ``split="silver"``."""
    m = manifest or load_manifest()
    gdir = gold_dir or REALNEWS_DIR / "gold"
    kinds = {c["chunk"]: c["kind"] for c in m["chunks"]}
    docs = []
    for rec in _records(gdir, pass_):
        k = kinds.get(rec["chunk"], "sentences")
        sp = m["splits"][k].get(rec["id"])
        if (kind and k != kind) or (split and sp != split) or (not split and sp == "silver"):
            continue
        text, date = corpus_texts(k)[rec["id"]]
        docs.append(
            GoldDoc(
                id=rec["id"],
                kind=k,
                split=str(sp),
                text=text,
                doc_date=rec.get("doc_date") or date,
                gold=rec,
                annotator=str(rec.get("annotator", "")),
                chunk=str(rec["chunk"]),
            )
        )
    return docs


def to_article(doc: GoldDoc) -> Any:
    """The article the coder sees: a sentence as it is; an article with its first line as the
    headline (the corpus texts begin with it), dated by its publication date."""
    import datetime as dt

    from dyads.readers.base import text_article
    from dyads.records import Article

    date = dt.date.fromisoformat(doc.doc_date) if doc.doc_date else None
    if doc.kind == "sentences":
        return Article(id=doc.id, text=doc.text, date=date)
    return text_article(doc.text, doc.id, date, art_id=doc.id)


def score(docs: list[GoldDoc], coder: Any = None) -> tuple[dict[str, dict[str, Any]], list[Any]]:
    """Score the coder on gold documents: one summary per split (and ``all``), and the
    per-document scores (for error listings)."""
    from dyads.evaluate import score_document, summarize

    if coder is None:
        from dyads.pipeline import Coder

        coder = Coder.default()
    arts = [to_article(d) for d in docs]
    scores = []
    for d, art, (_, events) in zip(docs, arts, coder.code_batch(arts), strict=True):
        s = score_document(d.id, d.text, art.body_start, d.gold, events, f"{d.chunk}:{d.id}")
        scores.append((d, s))
    out: dict[str, dict[str, Any]] = {}
    for sp in (*SPLITS, "all"):
        chosen = [s for d, s in scores if sp in ("all", d.split)]
        if chosen:
            out[sp] = summarize(chosen)
    return out, [s for _, s in scores]
