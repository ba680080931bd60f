"""Event-place linking: which place mention of a sentence, if any, is where an event happened.

A conditional logit weighs the place mentions of the event's sentence against "no place".
Each (trigger, mention) pair scores a sum of weights over sparse binary features: the
dependency path between them, the preposition that governs the mention and the word it
attaches to, distance and order, the mention's NER label, first and last word and what the
gazetteer makes of it, how specific it is beside the sentence's other places and whether it
lies inside one of them, clause boundaries crossed (a "said in Ankara" above a reported
event), and whether the rule-based finder of :mod:`dyads.geo.locate` chose it. "No place"
scores its own features (:func:`none_features`: the trigger and how many places the sentence
offers). The best mention is the event's place when its odds against "no place" reach the
model's threshold; otherwise the sentence names no place for the event.

Weights: ``data/place_linker.json``, trained by ``scripts/train_place_linker.py`` on the
labelled wire sentences of ``../shared/corpus/event_locations.jsonl`` (train and dev splits of
``tests/data/geo_linker_split.json``); inference is sums of weights and a sigmoid.
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
from dyads.records import Location

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


_LEVEL = {"country": 0, "region": 0, "admin1": 1, "admin2": 2, "city": 3, "point": 4}


def _inside(inner: Location, outer: Location) -> bool:
    """True when the gazetteer says ``inner`` lies in ``outer``: a place in a country, or in
    a province or district by its admin names."""
    if inner.country is None or inner.country != outer.country:
        return False
    a = _LEVEL.get(inner.precision or "", -1)
    b = _LEVEL.get(outer.precision or "", -1)
    if a <= b or b < 0:
        return False
    if outer.precision == "country":
        return True
    if outer.precision == "admin1":
        return inner.admin1 is not None and inner.admin1 == outer.admin1
    if outer.precision == "admin2":
        return inner.admin2 is not None and inner.admin2 == outer.admin2
    return False


def _specificity(m: PlaceMention) -> int:
    """0 (country, region) .. 4 (landmark); 5 for a name the gazetteer does not know."""
    if m.location is None:
        return 5
    return _LEVEL.get(m.location.precision or "", 5)


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
    # The mention's last word: "Army", "Front", "Brigade" end actors; "Province",
    # "Airport", "Camp" places.
    feats.append(f"mlast={mention.text.split()[-1].lower()}")
    feats.append(f"mfirst={mention.text.split()[0].lower()}")
    feats.append(f"tlemma_mdep={t.lemma_.lower()}_{h.dep_}")
    if loc is not None:
        # Annotators name the most specific place of a chain ("Isna in Qena Province",
        # "Bethlehem in the West Bank"): does another mention lie inside this one, or this
        # one inside another?
        for other in placey:
            if other is mention or other.location is None:
                continue
            if _inside(other.location, loc):
                feats.append("holds_named_place")
            elif _inside(loc, other.location):
                feats.append("inside_named_place")
    if _placey(mention) and len(placey) > 1:
        # How specific the place is among the sentence's places (a name the gazetteer does
        # not know is most often a village or a neighbourhood).
        mine = _specificity(mention)
        finer = sum(_specificity(m) > mine for m in placey)
        coarser = sum(_specificity(m) < mine for m in placey)
        feats.append(f"finer_others={min(finer, 2)}_{min(coarser, 2)}")
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
    if own != h.i:
        feats.append(f"anchor={doc[own].lemma_.lower()}")  # "the town of X", "X province"
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
        if host.i == t.i:
            feats.append(f"tlemma_prep={t.lemma_.lower()}_{prep}")
        feats.append(f"prep_host={prep}_{host.pos_}")
        feats.append(f"prep_hlemma={prep}_{host.lemma_.lower()}")
        feats.append(f"prep_label_prec={prep}_{label}_{prec}")
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


def none_features(
    doc: Doc, trigger_i: int, mentions: Sequence[PlaceMention], rule: tuple[int, int] | None
) -> list[str]:
    """The features of the "no place" choice for the event at ``trigger_i``: what the trigger
    is and how many places its sentence offers. The model weighs them against each mention's
    pair features, so "none" wins where the sentence's places belong to other events."""
    t = doc[trigger_i]
    placey = [m for m in mentions if _placey(m)]
    feats = [
        "none",
        f"none_tlemma={t.lemma_.lower()}",
        f"none_tpos={t.pos_}",
        f"none_tdep={t.dep_}",
        f"none_np={min(len(placey), 4)}",
        f"none_n={min(len(mentions), 4)}",
        f"none_rule={rule is not None}",
    ]
    # A locative phrase on the trigger itself ("killed in ...") says the event has a place.
    for child in t.children:
        if child.dep_ == "prep":
            feats.append(f"none_tprep={child.lemma_.lower()}")
    return feats


@dataclass(frozen=True)
class PlaceLinker:
    """A trained conditional-logit model: one score per place mention of the sentence (its
    pair features) and one for "no place" (its none features); weights and the threshold on
    the best mention's odds against "no place"."""

    weights: dict[str, float]
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
                threshold=float(data["threshold"]),
                rule_fallback=bool(data.get("rule_fallback", False)),
            )
        except (OSError, KeyError, TypeError, ValueError) as exc:
            raise DataFileError(f"{path}: malformed place-linker model ({exc})") from exc

    def score(self, features: Sequence[str]) -> float:
        """The linear score of one choice (a mention's pair features or the none features)."""
        return sum(self.weights.get(f, 0.0) for f in features)

    def probability(self, features: Sequence[str], none: Sequence[str] = ()) -> float:
        """The odds of one mention against "no place", as a probability: the sigmoid of its
        score minus the none score."""
        z = self.score(features) - self.score(none)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def link(
        self,
        doc: Doc,
        trigger_i: int,
        mentions: Sequence[PlaceMention],
        rule: tuple[int, int] | None = None,
    ) -> tuple[PlaceMention | None, float]:
        """The event's place mention (None when the best one does not reach the threshold
        against "no place") and that best probability."""
        mentions = [m for m in mentions if not m.start <= trigger_i < m.end]
        # the trigger's own words ("the Baghdad bombing" is one mention) are no candidate
        if not mentions:
            return None, 0.0
        none = self.score(none_features(doc, trigger_i, mentions, rule))
        best: PlaceMention | None = None
        best_z = -math.inf
        for m in mentions:
            z = self.score(pair_features(doc, trigger_i, m, mentions, rule))
            if z > best_z:
                best, best_z = m, z
        p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, best_z - none))))
        if best is None or p < self.threshold:
            return None, p
        return best, p
