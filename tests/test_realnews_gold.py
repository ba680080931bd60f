"""The real-news gold: manifest, splits and every annotation checked against the corpus text.

The texts are read from ../shared/corpus at run time (they are never copied into the repo).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from dyads import goldsets
from dyads.evaluate import score_document
from dyads.ontology import Ontology
from dyads.records import MODALITIES, Actor, Event, TextInfo

MANIFEST = goldsets.load_manifest()
CODE = re.compile(r"^([A-Z]{3})+$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")

needs_corpus = pytest.mark.skipif(
    not goldsets.corpus_dir().exists(), reason="../shared/corpus is not beside the checkout"
)


def test_manifest_sample_sizes_and_splits() -> None:
    for kind, minimum in (("sentences", 2000), ("articles", 60)):
        # the gold (train/dev/test); "silver" records are extra training data, never scored
        splits = {k: v for k, v in MANIFEST["splits"][kind].items() if v != "silver"}
        assert len(splits) >= minimum
        counts = Counter(splits.values())
        assert set(counts) == {"train", "dev", "test"}
        assert counts["test"] / len(splits) >= 0.25
        assert set(MANIFEST["splits"][kind].values()) <= {"train", "dev", "test", "silver"}


def test_chunks_cover_the_sample_once_and_second_passes_repeat_first_passes() -> None:
    first: Counter[str] = Counter()
    owner: dict[str, str] = {}
    for c in MANIFEST["chunks"]:
        if c["pass"] == 1:
            first.update(c["ids"])
            owner.update({i: c["annotator"] for i in c["ids"]})
    sample = set(MANIFEST["splits"]["sentences"]) | set(MANIFEST["splits"]["articles"])
    assert set(first) == sample and max(first.values()) == 1
    second = [c for c in MANIFEST["chunks"] if c["pass"] == 2]
    gold_sentences = [i for i, sp in MANIFEST["splits"]["sentences"].items() if sp != "silver"]
    doubled = sum(len(c["ids"]) for c in second if c["kind"] == "sentences")
    assert doubled >= 0.1 * len(gold_sentences)
    for c in second:
        # independent: never the annotator of the first pass
        assert all(owner[i] != c["annotator"] for i in c["ids"])


@needs_corpus
def test_every_annotation_fits_its_text_and_the_ontology() -> None:
    ont = Ontology.default()
    docs = goldsets.load_docs(pass_=1) + goldsets.load_docs(pass_=2)
    assert docs
    for d in docs:
        n = len(d.text)
        for ev in d.gold["events"]:
            where = f"{d.chunk}:{d.id}:{ev['id']}"
            t = ev["trigger"]
            assert 0 <= t["start"] < t["end"] <= n and d.text[t["start"] : t["end"]] == t["text"], (
                where
            )
            e = ev["evidence"]
            assert e["start"] <= t["start"] and t["end"] <= e["end"], where
            assert ev["event"] and all(x in ont.types for x in ev["event"]), where
            if ev["mode"]:
                assert any(ev["mode"] in ont.types[x].modes for x in ev["event"]), where
            assert all(c in ont.cameo_entries for c in ev["cameo"]), where
            assert ev["modality"] in MODALITIES, where
            assert ev["date"] is None or DATE.match(ev["date"]), where
            for role in ("actor", "recipient"):
                assert all(len(k) == 3 for k in ev[role]), where
                for s in ev[f"{role}_spans"]:
                    assert CODE.match(s["code"]) and 0 <= s["start"] < s["end"] <= n, where
        for m in d.gold["must_not"]:
            assert 0 <= m["start"] < m["end"] <= n


def _event(start: int, end: int, kind: str, actor: str, recipient: str | None) -> Event:
    def act(code: str) -> Actor:
        return Actor(code, code[:3], None, None, code, start, end)

    info = TextInfo("s", 0, start, end, "x", start + 12, start + 13)
    return Event(
        id=f"e{start}{kind}",
        article_id="a",
        event=kind,
        mode=None,
        context=(),
        cameo="010",
        quad_code=1,
        goldstein=0.0,
        actor=(act(actor),),
        recipient=(act(recipient),) if recipient else (),
        date=None,
        date_text=None,
        date_basis="unknown",
        modality="asserted",
        attributed_to=(),
        location=None,
        text_info=info,
        confidence=0.5,
        mentions=(info,),
    )


@pytest.mark.parametrize(
    ("event", "hit"),
    [
        (_event(10, 40, "ASSAULT", "IRQMIL", "IRNMIL"), True),  # in the evidence span
        (_event(50, 90, "ASSAULT", "IRQMIL", "IRNMIL"), False),  # another sentence
        (_event(10, 40, "ASSAULT", "IRNMIL", "IRQMIL"), False),  # roles swapped
        (_event(10, 40, "COERCE", "IRQMIL", "IRNMIL"), False),  # another type
    ],
)
def test_offset_evidence_is_matched_like_a_quoted_phrase(event: Event, hit: bool) -> None:
    gold = {
        "events": [
            {
                "id": "E1",
                "required": True,
                "evidence": {"start": 5, "end": 45},
                "event": ["ASSAULT"],
                "actor": ["IRQ"],
                "recipient": ["IRN"],
                "actor_spans": [{"start": 5, "end": 9, "code": "IRQMIL"}],
            }
        ],
        "must_not": [{"start": 60, "end": 70, "why": "a state"}],
    }
    s = score_document("d", "x" * 100, 0, gold, [event], "test")
    assert (s.hits == 1) is hit
    assert bool(s.must_not_violations) is (event.text_info.start == 50)
