"""Event-place linking: which place mention of a sentence, if any, is where an event happened.

A logistic model scores each (trigger, place mention) pair of a sentence from sparse binary
features: the dependency path between them, the preposition that governs the mention and what
it attaches to, distance and order, how many mentions the sentence has, the mention's NER label
and what the gazetteer makes of it, clause boundaries crossed (a "said in Ankara" above a
reported event), and whether the rule-based finder of :mod:`dyads.geo.locate` chose the mention.
The best-scoring mention is the event's place when its probability reaches the model's
threshold; otherwise the sentence names no place for the event.

Weights: ``data/place_linker.json``, trained by ``scripts/train_place_linker.py`` on the
labelled wire sentences of ``../shared/corpus/event_locations.jsonl`` (train split of
``tests/data/geo_linker_split.json``); inference is a sum of weights and a sigmoid.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Token

from dyads.errors import DataFileError
from dyads.geo.lexicon import Lexicon
from dyads.geo.mentions import PlaceMention

_SAY = frozenset({"say", "tell", "report", "announce", "state", "add", "claim", "quote"})
_CLAUSE_DEPS = frozenset(
    {"ccomp", "advcl", "relcl", "acl", "conj", "xcomp", "parataxis", "pcomp", "csubj"}
)
_MAX_PATH = 3


_ADJ_ENDINGS = ("an", "ans", "ese", "ish", "ic", "ist", "ists", "ite", "ites", "is")


def _placey(m: PlaceMention) -> bool:
    """A mention NER calls a place or the gazetteer knows."""
    return m.trusted or m.location is not None


def _anchor(doc: Doc, m: PlaceMention) -> int:
    """The token a mention's place hangs on: its head, or the place noun it names
    ("[Karradah] neighborhood", "the town of [Bartaa]")."""
    h = doc[m.head]
    if h.dep_ in ("compound", "appos", "amod", "poss") and h.head.pos_ in ("NOUN", "PROPN"):
        return h.head.i
    if h.dep_ == "pobj" and h.head.lemma_ == "of" and h.head.head.pos_ == "NOUN":
        return h.head.head.i
    return h.i


def _bucket(d: int) -> str:
    a = abs(d)
    size = "0" if a <= 1 else "2" if a <= 3 else "4" if a <= 6 else "7" if a <= 12 else "13"
    return ("-" if d < 0 else "+") + size


def _path(trigger: Token, head: Token) -> tuple[list[str], list[str], Token | None]:
    """Dependency labels from the trigger up to the lowest common ancestor, from that
    ancestor down to the mention's head, and the ancestor itself."""
    up_chain = [trigger, *trigger.ancestors]
    pos = {t.i: k for k, t in enumerate(up_chain)}
    down_chain = [head]
    node = head
    while node.i not in pos:
        if node.head.i == node.i:
            return [], [], None
        node = node.head
        down_chain.append(node)
    top = node
    k = pos[top.i]
    up = [t.dep_ for t in up_chain[:k]]
    down = [t.dep_ for t in reversed(down_chain[:-1])]
    return up, down, top


def pair_features(
    doc: Doc,
    trigger_i: int,
    mention: PlaceMention,
    mentions: Sequence[PlaceMention],
    rule: tuple[int, int] | None,
) -> list[str]:
    """The binary features of one (trigger, mention) pair. ``rule`` is the character span the
    rule-based finder chose for the event (None when it chose none)."""
    t = doc[trigger_i]
    h = doc[mention.head]
    up, down, top = _path(t, h)
    label = mention.label
    if label == "NORP":
        # "Syrian" is a people; "Aleppo" tagged NORP is a town
        word = mention.text.split()[-1]
        demonyms = Lexicon.default().demonyms
        adj = word in demonyms or word[:-1] in demonyms or word.endswith(_ADJ_ENDINGS)
        label = "NORP_adj" if adj else "NORP_name"
    feats = [
        f"tpos={t.pos_}",
        f"tlemma={t.lemma_.lower()}",
        f"tdep={t.dep_}",
        f"label={label}",
        f"dist={_bucket(mention.start - t.i)}",
    ]
    loc = mention.location
    prec = loc.precision if loc is not None else "none"
    feats.append(f"prec={prec}")
    feats.append(f"label_prec={label}_{prec}")
    placey = [m for m in mentions if _placey(m)]
    if _placey(mention):
        prank = sorted(placey, key=lambda m: abs(m.start - t.i)).index(mention)
        feats.append(f"prank={min(prank, 3)}")
        feats.append(f"np={min(len(placey), 4)}")
        feats.append(f"prank_np={min(prank, 2)}_{min(len(placey), 3)}")
        feats.append(f"prank_label={min(prank, 2)}_{label}")
        if h.dep_ == "pobj":
            feats.append(f"prank_prep={min(prank, 2)}_{h.head.lemma_.lower()}")
        first = min(placey, key=lambda m: m.start)
        if first is mention:
            feats.append("first_place")
    anchors = {_anchor(doc, m): m for m in placey if m is not mention}
    node = h
    for _ in range(4):
        if node.head.i == node.i:
            break
        node = node.head
        if node.i in anchors:
            feats.append("inside_other_place")  # "Karradah neighborhood in [Baghdad]"
            break
    own = _anchor(doc, mention)
    for other in placey:
        if other is mention:
            continue
        node = doc[other.head]
        for _ in range(4):
            if node.head.i == node.i:
                break
            node = node.head
            if node.i == own:
                feats.append("holds_other_place")  # "[Karradah] neighborhood in Baghdad"
                break
    if top is None:
        feats.append("nopath")
    else:
        feats.append(f"up={min(len(up), 4)}")
        feats.append(f"down={min(len(down), 5)}")
        feats.append(f"updown={min(len(up), 3)}_{min(len(down), 4)}")
        if len(up) <= _MAX_PATH and len(down) <= _MAX_PATH:
            feats.append(f"path={'^'.join(up)}|{'>'.join(down)}")
        feats.append(f"down_path={'>'.join(down[:2])}")
        if top.lemma_.lower() in _SAY and top.i != t.i:
            feats.append("top_say")
        for dep in set(up) & _CLAUSE_DEPS:
            feats.append(f"up_cross={dep}")
        for dep in set(down) & _CLAUSE_DEPS:
            feats.append(f"down_cross={dep}")
    feats.append(f"mdep={h.dep_}")
    if h.dep_ == "pobj":
        prep = h.head.lemma_.lower()
        host = h.head.head
        feats.append(f"prep={prep}")
        feats.append(f"prep_on_t={prep}_{host.i == t.i}")
        feats.append(f"prep_host={prep}_{host.pos_}")
        feats.append(f"prep_up={prep}_{min(len(up), 2)}")
        feats.append(f"tpos_prep={t.pos_}_{prep}")
    elif h.dep_ in ("compound", "amod", "poss", "nmod"):
        feats.append(f"mod_of={h.dep_}_{h.head.pos_}")
        if h.head.i == t.i:
            feats.append(f"mod_of_t={h.dep_}")
    if t.left_edge.i <= h.i <= t.right_edge.i:
        feats.append("in_t_subtree")
    sent = t.sent
    if mention.start == sent.start or (
        mention.start == sent.start + 1 and doc[sent.start].is_punct
    ):
        feats.append("sent_initial")
    ranked = sorted(mentions, key=lambda m: abs(m.start - t.i))
    rank = next(k for k, m in enumerate(ranked) if m is mention)
    feats.append(f"rank={min(rank, 3)}")
    feats.append(f"n={min(len(mentions), 4)}")
    if rule is None:
        feats.append("rule_none")
    elif mention.start_char < rule[1] and rule[0] < mention.end_char:
        feats.append("rule_this")
    else:
        feats.append("rule_other")
    return feats


@dataclass(frozen=True)
class PlaceLinker:
    """A trained pairwise model: feature weights, bias and decision threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float
    rule_fallback: bool = False  # take the rules' named place when no mention is linked

    @classmethod
    @functools.cache
    def default(cls) -> PlaceLinker:
        """The bundled model, ``data/place_linker.json`` (loaded once per process)."""
        path = resources.files("dyads.geo").joinpath("data", "place_linker.json")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                weights={str(k): float(v) for k, v in data["weights"].items()},
                bias=float(data["bias"]),
                threshold=float(data["threshold"]),
                rule_fallback=bool(data.get("rule_fallback", False)),
            )
        except (OSError, KeyError, TypeError, ValueError) as exc:
            raise DataFileError(f"{path}: malformed place-linker model ({exc})") from exc

    def probability(self, features: Sequence[str]) -> float:
        """P(the mention is the event's place) for one pair's features."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def link(
        self,
        doc: Doc,
        trigger_i: int,
        mentions: Sequence[PlaceMention],
        rule: tuple[int, int] | None = None,
    ) -> tuple[PlaceMention | None, float]:
        """The event's place mention (None when no mention reaches the threshold) and the
        best probability found."""
        best: PlaceMention | None = None
        best_p = 0.0
        for m in mentions:
            if m.start <= trigger_i < m.end:
                continue  # the trigger's own words ("the Baghdad bombing" is one mention)
            p = self.probability(pair_features(doc, trigger_i, m, mentions, rule))
            if p > best_p:
                best, best_p = m, p
        if best is None or best_p < self.threshold:
            return None, best_p
        return best, best_p
