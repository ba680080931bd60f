"""Learned argument roles: which actor mention of a sentence is an event's actor or recipient.

A three-way classifier (``NONE``, ``ACTOR``, ``RECIPIENT``) over (trigger, mention) pairs, with
the dependency path between them, their distance and order, the mention's kind and sector, the
preposition it hangs on, the event type, and what the hand-written argument rules chose as
features. Trained by ``scripts/train_roles.py`` on the real-news gold (train split); shipped as
``data/role_model.npz`` and ``data/role_model.json``; numpy inference. :func:`assign` lets it
overrule the rules' choice when it is confident (thresholds in ``data/learned.yaml``, tuned on
the real-news dev split).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml
from spacy.tokens import Token

from dyads.errors import DataFileError
from dyads.events.learned import TriggerModel, load_model

if TYPE_CHECKING:
    from dyads.actors import ActorIndex
    from dyads.actors.model import Mention
    from dyads.events.candidate import Candidate

NONE, ACTOR, RECIPIENT = "NONE", "ACTOR", "RECIPIENT"
MAX_PATH = 5


def _ancestors(tok: Token) -> list[Token]:
    out = [tok]
    while out[-1].head.i != out[-1].i and len(out) < 40:
        out.append(out[-1].head)
    return out


def dep_path(a: Token, b: Token) -> str:
    """The dependency path from ``a`` up to the lowest common head and down to ``b``."""
    up_a, up_b = _ancestors(a), _ancestors(b)
    ids_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in ids_b:
            ups = [x.dep_ for x in up_a[:n]]
            downs = [x.dep_ for x in reversed(up_b[: ids_b[t.i]])]
            if len(ups) + len(downs) > MAX_PATH:
                return "long"
            return "^".join(ups) + "|" + "v".join(downs)
    return "none"


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8+"


def mention_spans(c: Candidate, index: ActorIndex) -> dict[str, set[int]]:
    """Which mentions (by start token) the rules gave as actor or recipient."""
    out: dict[str, set[int]] = {ACTOR: set(), RECIPIENT: set()}
    doc = c.sentence.doc
    for role, actors in ((ACTOR, c.actors), (RECIPIENT, c.recipients)):
        for a in actors:
            if a.end <= a.start:
                continue
            span = doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is not None:
                m = index.at(span.root.i)
                if m is not None:
                    out[role].add(m.start)
    return out


def pair_features(
    trigger: Token, event: str, m: Mention, rule_roles: dict[str, set[int]]
) -> list[str]:
    """Features of one (trigger, mention) pair (the same at training and coding time)."""
    doc = trigger.doc
    head = doc[m.head]
    path = dep_path(trigger, head)
    side = "before" if m.end <= trigger.i else "after" if m.start > trigger.i else "inside"
    gap = trigger.i - m.end + 1 if side == "before" else m.start - trigger.i
    sector = next((a.sector for a in m.actors if a.sector), "-")
    prep = head.head.lower_ if head.dep_ == "pobj" else "-"
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children)
    rule = [r for r in (ACTOR, RECIPIENT) if m.start in rule_roles[r]] or ["none"]
    out = [
        "bias",
        f"kind={m.kind}",
        f"side={side}",
        f"gap={_bucket(gap)}",
        f"path={path}",
        f"type|path={event}|{path}",
        f"side|path={side}|{path}",
        f"dep={head.dep_}",
        f"prep={prep}",
        f"type|prep={event}|{prep}",
        f"sector={sector}",
        f"country={any(a.country for a in m.actors)}",
        f"type={event}",
        f"type|side={event}|{side}",
        f"passive|side={passive}|{side}",
        f"tpos={trigger.pos_}",
        f"tl|side={trigger.lemma_.lower()}|{side}",
    ]
    out += [f"rule={r}" for r in rule]
    out += [f"type|rule={event}|{r}" for r in rule]
    out += [f"path|rule={path}|{r}" for r in rule]
    return out


def candidates(trigger: Token, index: ActorIndex) -> list[Mention]:
    """The actor mentions of the trigger's sentence that can take a role (not news outlets)."""
    sent = trigger.sent
    return [m for m in index.in_range(sent.start, sent.end) if m.kind != "media" and m.actors]


@functools.lru_cache(maxsize=1)
def load_role_model() -> TriggerModel | None:
    """The shipped role model, or None when the package carries none."""
    return load_model("role_model")


@dataclass(frozen=True)
class RoleThresholds:
    """When the role model replaces the rules' actor or recipient."""

    actor: float  # take the model's actor when it is this sure and the rules' is doubtful
    recipient: float  # take (or add) the model's recipient when it is this sure
    keep: float  # a rule choice the model gives at least this probability is kept
    # the model's actor for a verb only the trigger model found, whose actor the rules could
    # not find; lower than ``actor``, which overrules a choice the rules did make (and serves
    # for such nouns)
    fallback: float


@functools.lru_cache(maxsize=1)
def load_role_thresholds() -> RoleThresholds:
    """Thresholds from ``data/learned.yaml`` (key ``roles``)."""
    path = resources.files("dyads.events") / "data" / "learned.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))["roles"]
        return RoleThresholds(
            float(raw["actor"]), float(raw["recipient"]), float(raw["keep"]), float(raw["fallback"])
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"cannot load roles from {path}: {exc}") from exc


def assign(c: Candidate, index: ActorIndex, model: TriggerModel, th: RoleThresholds) -> None:
    """Let the model choose the candidate's actor and recipient mentions where it is sure
    and the rules' choice is doubtful; records ``learned_actor`` / ``learned_recipient``."""
    mentions = candidates(c.trigger, index)
    if not mentions:
        return
    rule_roles = mention_spans(c, index)
    probs = model.proba([pair_features(c.trigger, c.event, m, rule_roles) for m in mentions])
    col = {k: i for i, k in enumerate(model.classes)}
    pa = {m.start: float(p[col[ACTOR]]) for m, p in zip(mentions, probs, strict=True)}
    pr = {m.start: float(p[col[RECIPIENT]]) for m, p in zip(mentions, probs, strict=True)}
    by_start = {m.start: m for m in mentions}
    best_a = max(pa, key=pa.__getitem__)
    rule_a = rule_roles[ACTOR]
    # The model picks one mention; several parties the rules found through coordination
    # ("Russia and Ukraine") are kept as they are.
    if (
        len(c.actors) < 2
        and best_a not in rule_a
        and pa[best_a] >= th.actor
        and all(pa.get(s, 0.0) < th.keep for s in rule_a)
    ):
        c.actors = list(by_start[best_a].actors)
        c.signals["learned_actor"] = True
    chosen_a = {s for s in pa if s == best_a} if c.signals.get("learned_actor") else rule_a
    c.scores["p_actor"] = max((pa.get(s, 0.0) for s in chosen_a), default=0.0)
    if c.rule.symmetric and len(c.actors) >= 2:
        return  # "China and Japan held talks": a joint act, every party an actor
    doc = c.trigger.doc
    # a capital named as where it happened ("near Riga's railway station", "in Tehran") is a
    # place, not a party: the model may not make it the recipient
    options = {
        s: p
        for s, p in pr.items()
        if s not in chosen_a and not _venue(doc[by_start[s].head], by_start[s].kind)
    }
    if not options:
        return
    best_r = max(options, key=options.__getitem__)
    rule_r = rule_roles[RECIPIENT]
    if (
        len(c.recipients) < 2
        and best_r not in rule_r
        and options[best_r] >= th.recipient
        and all(pr.get(s, 0.0) < th.keep for s in rule_r)
        and not (not c.recipients and c.victim is not None and not rule_r)
    ):
        own = {a.code for a in c.actors}
        new = [a for a in by_start[best_r].actors if a.code not in own]
        if new:
            c.recipients = new
            c.signals["learned_recipient"] = True
            rule_r = {best_r}
    c.scores["p_recipient"] = max((pr.get(s, 0.0) for s in rule_r), default=0.0)
    c.scores["p_no_recipient"] = 1.0 - max(options.values())


def _venue(head: Token, kind: str) -> bool:
    """Whether a capital's mention names a place: the owner of a place noun or the object of a
    locative preposition."""
    from dyads.events.phrases import LOCATIVE_PREPS

    if kind != "capital":
        return False
    if head.dep_ == "poss" and head.head.pos_ == "NOUN":
        return True
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS


def labels_for(m: Mention, gold_event: dict[str, Any], doc: Any) -> str:
    """Training label of a mention for a gold event: ACTOR or RECIPIENT if it overlaps one of
    the gold spans of that role (actor first), else NONE."""
    s, e = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)
    for role, key in ((ACTOR, "actor_spans"), (RECIPIENT, "recipient_spans")):
        for sp in gold_event.get(key) or []:
            if sp["start"] < e and s < sp["end"]:
                return role
    return NONE


def best_actor(
    trigger: Token, event: str, index: ActorIndex, model: TriggerModel, cut: float
) -> list[Any]:
    """The actors of the mention the model is surest is the actor (at probability ``cut`` or
    above), for an event whose actor the rules could not find; ``[]`` when none is sure
    enough."""
    mentions = candidates(trigger, index)
    if not mentions:
        return []
    empty: dict[str, set[int]] = {ACTOR: set(), RECIPIENT: set()}
    probs = model.proba([pair_features(trigger, event, m, empty) for m in mentions])
    k = model.classes.index(ACTOR)
    i = int(probs[:, k].argmax())
    return list(mentions[i].actors) if probs[i, k] >= cut else []
