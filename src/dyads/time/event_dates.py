"""Event dates: pick the time expression that governs one event's trigger.

An expression governs a trigger when the parse attaches it to the trigger's own clause:

* walking up from the expression's head word ("on Feb. 12" -> "visit"), the first verb reached
  belongs to the trigger's *event head set*, or the walk passes through the trigger itself (a
  nominal trigger: "invasion of Ukraine in February 2022");
* the event head set is the trigger plus the verbs it is chained to by ``xcomp`` ("is scheduled
  to visit"), a means clause ("upgraded ties by appointing ambassadors last year"), and for a
  nominal trigger the verb whose subject or object it is ("held talks on Monday");
* a time phrase right after a nominal trigger's phrase dates it, whatever the parser attached
  it to ("since Russia's invasion of Ukraine in February 2022");
* a relative or "when" clause takes the date it modifies ("since March last year when the
  court issued a warrant" -> "issued" is dated March last year);
* a verb coordinated with a dated verb shares its date ("police arrested him on Monday and
  charged him") unless it has a date of its own.

A date in another clause of the same sentence is never taken ("X, an official told Reuters on
Jan. 31" dates the telling, not X). One documented exception crosses sentences: a *reaction*
verb (deny, reject, condemn, ...; data/event_dates.yaml) with no date in its own sentence takes
the last date of the sentence just before it ("... issued a warrant in March. Russia denied the
charge"), because a reaction is reported with the act it reacts to.

Dates keep the precision the text gives (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``); times are cut to
their day; weeks (and weekends) stay ISO weeks (``2024-W05``); quarters, halves,
seasons and fiscal years become their year. Durations, sets, decades, centuries and fuzzy
references (``PAST_REF``) are not event dates.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from dyads.records import TimeExpr
from dyads.time.lexicon import load_reaction_lemmas

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_YEARISH = re.compile(r"(?:FY)?(\d{4})(?:-(?:Q[1-4]|H[12]|SP|SU|FA|WI))?")
_SUBJ_OBJ = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd"})
_MAX_WALK = 40
_TIME_PREPS = frozenset({"in", "on", "during", "last", "this", "since", "from"})


def event_value(value: str) -> str | None:
    """The event-date form of a TIMEX3 value, or None when it is not a calendar date."""
    v = value.split("T", 1)[0] if "T" in value[:11] and value[:4].isdigit() else value
    if _DAY.fullmatch(v) or _MONTH.fullmatch(v) or re.fullmatch(r"\d{4}", v):
        return v
    if m := _WEEK.fullmatch(v):
        year, week = int(m.group(1)), int(m.group(2))
        try:
            dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            return None
        return f"{year:04d}-W{week:02d}"  # ISO 8601 week precision ("last week")
    if m := _YEARISH.fullmatch(v):
        return m.group(1)
    return None


def _spans(doc: Doc, timexes: list[TimeExpr]) -> list[tuple[TimeExpr, str, Span]]:
    out = []
    for t in timexes:
        if t.type not in ("DATE", "TIME"):
            continue
        val = event_value(t.value)
        if val is None:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((t, val, span))
    return out


def _is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.tag_ != "MD"


def _walk(span: Span) -> tuple[list[Token], Token | None]:
    """Tokens from the expression's head upwards, and the first verb reached (or None)."""
    path: list[Token] = []
    cur = span.root
    for _ in range(_MAX_WALK):
        if cur.head.i == cur.i:
            return path, None
        cur = cur.head
        if span.start <= cur.i < span.end:
            continue
        if _is_verb(cur):
            return path, cur
        path.append(cur)
    return path, None


def _head_set(trigger: Token) -> set[int]:
    """Token indices that share the trigger's event time (see module docstring)."""
    heads = {trigger.i}
    cur = trigger
    while cur.dep_ == "xcomp" and cur.head is not cur:  # "scheduled to visit" upwards
        cur = cur.head
        heads.add(cur.i)
    stack = [trigger]
    while stack:  # ... and downwards, plus "by doing" means clauses
        tok = stack.pop()
        for c in tok.children:
            if c.dep_ == "xcomp" and _is_verb(c):
                heads.add(c.i)
                stack.append(c)
            elif c.dep_ == "prep" and c.lower_ == "by":
                for g in c.children:
                    if g.dep_ == "pcomp" and _is_verb(g):
                        heads.add(g.i)
    if trigger.dep_ == "pcomp" and trigger.head.lower_ == "by":
        heads.add(trigger.head.head.i)
    if not _is_verb(trigger) and trigger.dep_ in _SUBJ_OBJ and _is_verb(trigger.head):
        heads.add(trigger.head.i)  # "held talks on Monday", "the visit is set for Feb. 12"
    if not _is_verb(trigger):
        # "sanctions announced last week", "the strike carried out on Monday": the participle
        # that reports the nominal's own act dates it
        heads.update(
            c.i
            for c in trigger.children
            if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD") and _is_verb(c)
        )
    return heads


def _governing(
    trigger: Token, cands: list[tuple[TimeExpr, str, Span]]
) -> tuple[TimeExpr, str] | None:
    heads = _head_set(trigger)
    found: list[tuple[int, TimeExpr, str]] = []
    for t, val, span in cands:
        owner = span.root.head
        if span.root.dep_ == "poss" and owner.i != trigger.i and owner.head.i != trigger.i:
            continue  # "Friday's attack" dates the attack (or the act done to it), not others
        path, verb = _walk(span)
        on_path = any(p.i in heads for p in path)
        if on_path or (verb is not None and verb.i in heads):
            found.append((min(abs(span.start - trigger.i), abs(span.end - 1 - trigger.i)), t, val))
    if found:
        _, t, val = min(found, key=lambda f: f[0])
        return t, val
    # A time phrase right after an event nominal's phrase dates the nominal, whatever the parser
    # attached it to ("since Russia's invasion of Ukraine in February 2022" -> the invasion).
    if not _is_verb(trigger) and trigger.pos_ in ("NOUN", "PROPN"):
        last = max(t.i for t in trigger.subtree)
        for t, val, span in cands:
            if span.start >= last + 1 and span.start <= last + 2:
                between = trigger.doc[last + 1 : span.start]
                if all(b.lower_ in _TIME_PREPS for b in between):
                    return t, val
    # A relative/"when" clause is dated by the expression it modifies.
    for h in sorted(heads):
        tok = trigger.doc[h]
        when = any(c.lower_ in ("when", "where") and c.dep_ == "advmod" for c in tok.children)
        for t, val, span in cands:
            if tok.dep_ in ("relcl", "acl", "advcl") and span.start <= tok.head.i < span.end:
                return t, val
            if when and _just_before(span, tok):
                return t, val
    return None


def _just_before(span: Span, verb: Token) -> bool:
    """The expression ends right before the clause of ``verb`` begins ("March, when ...")."""
    first = min(t.i for t in verb.subtree)
    gap = verb.doc[span.end : first]
    return len(gap) <= 1 and all(t.is_punct for t in gap)


def event_date(
    doc: Doc,
    trigger_i: int,
    timexes: list[TimeExpr],
    pub_date: dt.date | None,
    headline_end: int = 0,
    reactions: bool = True,
) -> tuple[str | None, str | None, str]:
    """Date of the event whose trigger is token ``trigger_i`` of ``doc``.

    ``reactions=False`` turns off the cross-sentence reaction rule, for callers that know which
    earlier event a reaction answers (the event coder links "denied the charge" to the charge).

    ``timexes`` are the article's expressions from :func:`dyads.time.tag` (offsets into
    ``doc.text``); ``headline_end`` is the character offset where the headline ends
    (``Article.body_start``): a reaction verb never takes a date across that line. Returns
    ``(date, date_text, date_basis)``: the governing expression's date at the precision the text
    gives and its text with basis ``"text"``; else the publication date with basis
    ``"publication"``; else ``(None, None, "unknown")``.
    """
    trigger = doc[trigger_i]
    sent = trigger.sent
    cands = _spans(doc, [t for t in timexes if sent.start_char <= t.start < sent.end_char])
    hit = _governing(trigger, cands)
    if hit is None and trigger.dep_ == "conj" and _is_verb(trigger.head):
        hit = _governing(trigger.head, [c for c in cands if c[2].end <= trigger.i])
    if hit is None and not cands and reactions:
        hit = _reaction_date(doc, trigger, timexes, headline_end)
    if hit is not None:
        t, val = hit
        return val, t.text, "text"
    if pub_date is not None:
        return pub_date.isoformat(), None, "publication"
    return None, None, "unknown"


def _reaction_date(
    doc: Doc, trigger: Token, timexes: list[TimeExpr], headline_end: int
) -> tuple[TimeExpr, str] | None:
    """A past reaction verb (or a verb coordinated with one: "denied the charge and called the
    move outrageous") takes the last date of the sentence before its own."""
    if trigger.lemma_.lower() not in load_reaction_lemmas():
        if trigger.dep_ != "conj" or trigger.head.lemma_.lower() not in load_reaction_lemmas():
            return None
        trigger = trigger.head
    if trigger.tag_ != "VBD" and not any(c.lower_ in ("has", "have") for c in trigger.children):
        return None
    sent = trigger.sent
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    if (prev.start_char < headline_end) != (sent.start_char < headline_end):
        return None  # never across the headline/body line
    cands = _spans(doc, [t for t in timexes if prev.start_char <= t.start < prev.end_char])
    if not cands:
        return None
    t, val, _span = cands[-1]
    return t, val
