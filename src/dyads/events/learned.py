"""A learned trigger model: which word states an event, and of which PLOVER type.

A multinomial logistic regression over sparse features of a token and its place in the parse
(word, lemma, part of speech, dependency, head, the words and entity types of its arguments,
the trigger lexicon's opinion of the lemma). Trained by ``scripts/train_triggers.py`` on the
real-news gold (train split) and shipped as ``data/trigger_model.npz`` with its metadata in
``data/trigger_model.json``; inference is numpy only (no training library at run time).

The model does not write events. The coder asks it, for every word of a sentence, for the
probability of each type (and of ``NONE``); :func:`decide` turns those probabilities and the
rule candidates into decisions (keep, drop, retype, add) with thresholds from
``data/learned.yaml``, tuned on the real-news dev split.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import yaml
from spacy.tokens import Span, Token

from dyads.errors import DataFileError
from dyads.events import syntax
from dyads.events.lexicon import Lexicon

NONE = "NONE"
ARG_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "obj", "agent", "prep", "compound", "amod", "neg",
     "auxpass", "aux", "poss", "xcomp", "ccomp", "prt", "advmod", "acomp", "attr"}
)  # fmt: skip
CANDIDATE_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ", "AUX"})


def is_candidate(tok: Token) -> bool:
    """Words the model is asked about: content words that can state an event."""
    return tok.pos_ in CANDIDATE_POS and tok.is_alpha and len(tok.text) > 1


def _ent(tok: Token) -> str:
    """The entity type of a word or of the nearest named word in its phrase."""
    if tok.ent_type_:
        return tok.ent_type_
    for t in tok.subtree:
        if t.ent_type_:
            return t.ent_type_
    return "-"


def features(tok: Token, lexicon: Lexicon) -> list[str]:
    """The sparse features of one word (the same function at training and coding time)."""
    lemma = tok.lemma_.lower()
    head = tok.head
    out = [
        "bias",
        f"w={tok.lower_}",
        f"l={lemma}",
        f"p={tok.pos_}",
        f"t={tok.tag_}",
        f"d={tok.dep_}",
        f"l|d={lemma}|{tok.dep_}",
        f"l|p={lemma}|{tok.pos_}",
        f"h={head.lemma_.lower()}",
        f"hp={head.pos_}",
        f"l|h={lemma}|{head.lemma_.lower()}",
        f"d|hp={tok.dep_}|{head.pos_}",
        f"ent={tok.ent_type_ or '-'}",
    ]
    if tok.is_upper and len(tok.text) > 2:
        out.append("upper")
    for c in tok.children:
        if c.dep_ not in ARG_DEPS:
            continue
        cl = c.lemma_.lower()
        out.append(f"c={c.dep_}")
        out.append(f"c={c.dep_}|{cl}")
        if c.dep_ == "prep":
            objs = [o for o in c.children if o.dep_ == "pobj"]
            if objs:
                out.append(f"c=prep|{cl}|{objs[0].lemma_.lower()}")
                out.append(f"c=prep|{cl}|ent={_ent(objs[0])}")
        elif c.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "agent", "poss"):
            out.append(f"c={c.dep_}|ent={_ent(c)}")
            out.append(f"l|c={lemma}|{c.dep_}|ent={_ent(c)}")
    seen = set()
    for pos in ("verb", "noun", "adj"):
        for form in syntax.lemma_forms(tok)[:2]:
            for rule in lexicon.rules(pos, form):
                if rule.complement_modal is not None or rule.opinion_clause:
                    # "say" states a demand only with "must", "agree" no event only with a
                    # that-clause of fact: no opinion of the word itself
                    continue
                key = rule.event or "BLOCK"
                if (pos, key) not in seen:
                    seen.add((pos, key))
                    out.append(f"lex={pos}|{key}")
    return out


@dataclass(frozen=True)
class TriggerModel:
    """Weights, vocabulary and classes of a trained sparse linear model (the trigger model,
    and the role model of :mod:`dyads.events.roles`)."""

    classes: tuple[str, ...]
    vocab: dict[str, int]
    weights: np.ndarray  # (n_features, n_classes)
    bias: np.ndarray  # (n_classes,)
    meta: dict[str, Any]

    def proba(self, feats: list[list[str]]) -> np.ndarray:
        """Class probabilities for each feature list (rows sum to 1)."""
        scores = np.tile(self.bias, (len(feats), 1))
        for i, fs in enumerate(feats):
            idx = [self.vocab[f] for f in fs if f in self.vocab]
            if idx:
                scores[i] += self.weights[idx].sum(axis=0)
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        out: np.ndarray = e / e.sum(axis=1, keepdims=True)
        return out

    def sentence(self, sent: Span, lexicon: Lexicon) -> dict[int, dict[str, float]]:
        """``token index -> {type: probability}`` for the candidate words of a sentence."""
        toks = [t for t in sent if is_candidate(t)]
        if not toks:
            return {}
        p = self.proba([features(t, lexicon) for t in toks])
        return {
            t.i: dict(zip(self.classes, map(float, row), strict=True))
            for t, row in zip(toks, p, strict=True)
        }

    @property
    def version(self) -> str:
        """Model version and training-data hash, for the provenance of every event."""
        return f"{self.meta.get('version', '?')}+{self.meta.get('data_hash', '?')[:12]}"


def save_model(model: TriggerModel, stem: Any) -> None:
    """Write ``stem.npz`` (weights) and ``stem.json`` (classes, vocabulary, metadata)."""
    np.savez_compressed(f"{stem}.npz", weights=model.weights.astype(np.float32), bias=model.bias)
    vocab = sorted(model.vocab, key=model.vocab.__getitem__)
    meta = {"classes": list(model.classes), "vocab": vocab, **model.meta}
    with open(f"{stem}.json", "w", encoding="utf-8") as fh:
        json.dump(meta, fh, ensure_ascii=False)


@functools.lru_cache(maxsize=4)
def load_model(name: str = "trigger_model") -> TriggerModel | None:
    """A shipped sparse linear model (``data/NAME.npz`` + ``.json``; the trigger model by
    default), or None when the package carries none."""
    base = resources.files("dyads.events") / "data"
    jpath, npath = base / f"{name}.json", base / f"{name}.npz"
    if not (jpath.is_file() and npath.is_file()):
        return None
    try:
        meta = json.loads(jpath.read_text(encoding="utf-8"))
        with npath.open("rb") as fh:
            arrays = np.load(fh)
            weights, bias = arrays["weights"].astype(np.float64), arrays["bias"]
    except (OSError, ValueError, KeyError) as exc:
        raise DataFileError(f"cannot load the trigger model {npath}: {exc}") from exc
    vocab = {f: i for i, f in enumerate(meta.pop("vocab"))}
    classes = tuple(meta.pop("classes"))
    if weights.shape != (len(vocab), len(classes)):
        raise DataFileError(f"{npath}: weights do not fit the vocabulary; run make train")
    return TriggerModel(classes, vocab, weights, bias, meta)


@dataclass(frozen=True)
class Thresholds:
    """When the model overrules the rules (tuned on the real-news dev split)."""

    drop: float  # drop a rule candidate whose word the model calls NONE with this probability
    retype: float  # give a rule candidate the model's type when it is this sure of it
    add: float  # add an event the rules missed when the model is this sure of its type
    add_types: frozenset[str]  # types the model may add


@functools.lru_cache(maxsize=1)
def load_thresholds() -> Thresholds:
    """The decision thresholds (``data/learned.yaml``)."""
    path = resources.files("dyads.events") / "data" / "learned.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Thresholds(
            drop=float(raw["drop"]),
            retype=float(raw["retype"]),
            add=float(raw["add"]),
            add_types=frozenset(raw.get("add_types") or ()),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"cannot load {path}: {exc}") from exc


# A word hanging on a trigger as its object or complement restates the trigger's event ("imposed
# sanctions", "ordered the mobilisation"); as its subject it does when of the same type ("the
# attack killed five"); so does a coordinated word of the same type ("shot and killed").
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd", "compound", "amod", "acomp", "xcomp"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "conj", "appos"})


def _restates(i: int, event: str, found: list[Any]) -> bool:
    """Whether word ``i`` only restates a candidate already found (see OBJECT_DEPS)."""
    for c in found:
        t = c.trigger
        w = t.doc[i]
        for child, head in ((w, t), (t, w)):
            if child.head.i != head.i or child.i == head.i:
                continue
            if child.dep_ in OBJECT_DEPS:
                return True
            if child.dep_ in SUBJECT_DEPS and c.event == event:
                return True
    return False


def best(p: dict[str, float]) -> tuple[str, float]:
    """The most probable event type (never NONE) and its probability."""
    t = max((k for k in p if k != NONE), key=p.__getitem__)
    return t, p[t]


def decide(
    found: list[Any],
    probs: dict[int, dict[str, float]],
    th: Thresholds,
    make: Any,
    default_cameo: Any,
    quad: Any = lambda t: 0,
) -> list[Any]:
    """The model's say over one sentence's rule candidates.

    A candidate whose word the model calls no event (``NONE`` at ``th.drop`` or above) is
    dropped; one whose type the model is sure is another (``th.retype``) takes that type and
    its default CAMEO code; a word the rules left alone that the model is sure states an event
    (``th.add``, a type in ``th.add_types``) becomes a candidate through ``make(index, type)``,
    which finds its actor and recipient as the rules would (None when it has no actor). Every
    change is recorded in the candidate's ``signals``.
    """
    out = []
    triggers = {c.trigger.i for c in found}
    for c in found:
        p = probs.get(c.trigger.i)
        if p is None:
            out.append(c)
            continue
        if p[NONE] >= th.drop:
            continue
        t, pt = best(p)
        # retype only when the model both prefers another type and doubts the rule's own, and
        # only within the rule's quad class: the rules rarely mistake cooperation for conflict
        # or words for deeds, the model fixes the finer distinction (ASSAULT or COERCE)
        if (
            t != c.event
            and pt >= th.retype
            and p.get(c.event, 0.0) < 1.0 - th.retype
            and quad(t) == quad(c.event)
        ):
            c.event, c.cameo = t, default_cameo(t)
            c.signals["learned_retype"] = True
        c.scores["p_type"] = p.get(c.event, 0.0)
        c.scores["p_event"] = 1.0 - p[NONE]
        out.append(c)
    for i, p in sorted(probs.items()):
        if i in triggers:
            continue
        t, pt = best(p)
        if pt >= th.add and t in th.add_types and not _restates(i, t, found):
            cand = make(i, t)
            if cand is not None:
                cand.signals["learned_add"] = True
                cand.scores["p_type"] = pt
                cand.scores["p_event"] = 1.0 - p[NONE]
                out.append(cand)
    return out
