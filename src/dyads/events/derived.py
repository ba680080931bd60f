"""Events that one stated event implies: the threat in a conditional, the cooperation in a
joint act.

"The party said it would move to impeach him if he did not step down": the conditional act
is hypothetical, but saying it is a threat that happened (PLOVER manual: code the THREATEN,
and list the act itself as hypothetical). "Brazilian police and Paraguayan prosecutors
jointly seized cocaine": the seizure is one event, and the joint operation of two states is a
second one (COOPERATE).
"""

from __future__ import annotations

import dataclasses

from dyads.events.candidate import Candidate
from dyads.events.rewrites import rewrite

# Harmful acts whose conditional announcement is a threat.
HARM = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
CONDITION_MARKS = frozenset({"if", "unless"})
JOINT_ADVERBS = frozenset({"jointly", "together"})


def derived_events(cands: list[Candidate]) -> list[Candidate]:
    """``cands`` plus the threats and joint operations they imply."""
    out = list(cands)
    for c in cands:
        threat = _conditional_threat(c)
        if threat is not None:
            out.append(threat)
        joint = _joint_operation(c)
        if joint is not None:
            out.append(joint)
    return out


def _conditional_threat(c: Candidate) -> Candidate | None:
    if c.event not in HARM or c.modality not in ("hypothetical", "future"):
        return None
    t = c.trigger
    has_condition = any(
        ch.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in ch.children)
        for ch in t.children
    )
    if not has_condition:
        return None
    c.modality = "hypothetical"  # "would strike ... if": the strike itself is conditional
    rule, event, cameo = rewrite("conditional_threat", c.rule)
    return dataclasses.replace(
        c,
        rule=rule,
        event=event,
        cameo=cameo,
        modality="asserted",
        recipients=list(c.recipients),
        signals={**c.signals, "derived": True, "not_asserted": False},
    )


def _joint_operation(c: Candidate) -> Candidate | None:
    if c.event in ("COOPERATE", "CONSULT", "AGREE") or c.modality != "asserted":
        return None
    countries = {a.country for a in c.actors if a.country}
    if len(countries) < 2:
        return None
    if not any(ch.dep_ == "advmod" and ch.lower_ in JOINT_ADVERBS for ch in c.trigger.children):
        return None
    rule, event, cameo = rewrite("joint_operation", c.rule)
    return dataclasses.replace(
        c,
        rule=dataclasses.replace(rule, symmetric=True),
        event=event,
        cameo=cameo,
        recipients=[],
        signals={**c.signals, "derived": True},
    )
