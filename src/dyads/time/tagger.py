"""The temporal tagger: find time expressions and normalise them to TIMEX3 values.

Every rule's pattern is run over the raw text; overlapping matches are settled longest-first
(ties go to the rule listed first); the survivors are normalised left to right, so that
"the next day" or "two days later" can count from the last date mentioned before them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyads.records import TimeExpr
from dyads.time.base import Ctx, Macros, Rule, day_value
from dyads.time.lexicon import Lexicon, load_lexicon
from dyads.time.rules_calendar import calendar_rules
from dyads.time.rules_relative import relative_rules
from dyads.time.tense import DocTense

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A clock time joined to a date by at most these characters takes that date ("3 p.m. on Friday",
# "Friday at 3 p.m.", "Feb. 12, 10:00 GMT").
_JOIN = re.compile(r"\s*(?:,|on|at|,\s*at)?\s*", re.IGNORECASE)
# End of a sentence (a period after a one-letter abbreviation such as "p.m." is not one).
_SENT_END = re.compile(r"(?<!\b[A-Za-z])[.!?]\s+(?=[A-Z])|\n")


_TOKEN = re.compile(r"[A-Za-z]+(?:'(?!s\b)[a-z]+)?|\d+")  # "Friday's" holds "Friday"
# Characters of context searched on each side of a trigger word: longer than any rule's
# material before or after its trigger ("the beginning of the ..." / "... and a half").
_BACK, _AHEAD = 48, 48
_WORD_END = re.compile(r"\W|\Z")
_YEAR_PREFIX = re.compile(r"(?:FY)?(\d{4})")
_APPOSITION = re.compile(r",\s*(?:on\s+|in\s+)?")


@dataclass(frozen=True)
class _Compiled:
    lex: Lexicon
    rules: tuple[Rule, ...]
    by_word: dict[str, tuple[int, ...]]  # literal trigger word -> rule indices
    by_class: dict[str, tuple[int, ...]]  # trigger class -> rule indices
    units: frozenset[str]
    full_days: frozenset[str]


@functools.lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    lex = load_lexicon()
    mac = Macros(lex)
    rules = tuple(calendar_rules(lex, mac) + relative_rules(lex, mac))
    by_word: dict[str, list[int]] = {}
    by_class: dict[str, list[int]] = {}
    for i, r in enumerate(rules):
        if not r.triggers:
            raise ValueError(f"time rule {r.name} has no trigger words")
        for t in r.triggers:
            (by_class if t.isupper() else by_word).setdefault(t, []).append(i)
    units = frozenset(list(lex.units) + [u + "s" for u in lex.units] + ["centuries"])
    days = [w for w in lex.weekdays if w.endswith("day")]
    return _Compiled(
        lex=lex,
        rules=rules,
        by_word={k: tuple(v) for k, v in by_word.items()},
        by_class={k: tuple(v) for k, v in by_class.items()},
        units=units,
        full_days=frozenset(days + [d + "s" for d in days]),
    )


def _rules() -> tuple[Lexicon, tuple[Rule, ...]]:
    c = _compiled()
    return c.lex, c.rules


def rule_names() -> list[str]:
    """Names of the rules in priority order (for documentation and tests)."""
    return [r.name for r in _compiled().rules]


def _trigger_positions(text: str, comp: _Compiled) -> dict[int, list[int]]:
    """Rule index -> character offsets of that rule's trigger words in ``text``."""
    lex = comp.lex
    hits: dict[int, list[int]] = {}
    for m in _TOKEN.finditer(text):
        w = m.group()
        low = w.lower()
        classes = []
        if w[0].isdigit():
            classes.append("DIGIT")
        else:
            if w in lex.months:
                classes.append("MON")
            if w in comp.full_days:
                classes.append("WD")
            if low in comp.units:
                classes.append("UNIT")
            if low in lex.parts_of_day:
                classes.append("POD")
            if low in lex.seasons:
                classes.append("SEASON")
        idx: tuple[int, ...] = comp.by_word.get(low, ())
        for c in classes:
            idx += comp.by_class.get(c, ())
        for i in idx:
            hits.setdefault(i, []).append(m.start())
    return hits


def _candidates(text: str, comp: _Compiled) -> list[tuple[int, int, int, re.Match[str]]]:
    """All rule matches, searched only in windows around each rule's trigger words."""
    out: list[tuple[int, int, int, re.Match[str]]] = []
    n = len(text)
    for prio, positions in _trigger_positions(text, comp).items():
        rule = comp.rules[prio]
        has_x = "x" in rule.pattern.groupindex
        seen: set[tuple[int, int]] = set()
        windows: list[list[int]] = []
        for p in positions:
            a, b = max(0, p - _BACK), min(n, p + _AHEAD)
            if windows and a <= windows[-1][1]:
                windows[-1][1] = b
            else:
                windows.append([a, b])
        for a, b in windows:
            # End windows at a word end: a pattern must not match half a word.
            b = _WORD_END.search(text, b).start()  # type: ignore[union-attr]
            for m in rule.pattern.finditer(text, a, b):
                s, e = m.span("x") if has_x and m.group("x") is not None else m.span()
                while e > s and text[e - 1] in " ,\n\t":
                    e -= 1
                if e > s and (s, e) not in seen:
                    seen.add((s, e))
                    out.append((s, e, prio, m))
    return out


def _select(
    cands: list[tuple[int, int, int, re.Match[str]]],
) -> list[tuple[int, int, int, re.Match[str]]]:
    """Longest match first; a tie goes to the higher-priority rule, then the earlier one."""
    chosen: list[tuple[int, int, int, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        if all(c[1] <= s or c[0] >= e for s, e in taken):
            chosen.append(c)
            taken.append((c[0], c[1]))
    chosen.sort(key=lambda c: c[0])
    return chosen


def _attach_clock_dates(text: str, exprs: list[TimeExpr], anchored: set[int]) -> list[TimeExpr]:
    """Give a clock time the day of a date expression instead of the anchor's: an adjacent one
    ("3 p.m. on Friday", "Friday at 3 p.m.") first, else the nearest one in the same sentence
    ("rallied yesterday after the data came out at 8:30 a.m.")."""
    out = list(exprs)
    for i in sorted(anchored):
        t = out[i]
        hm = t.value.split("T", 1)[1]
        best: TimeExpr | None = None
        for j in (i + 1, i - 1):
            if 0 <= j < len(out) and out[j].type == "DATE" and _has_day(out[j].value):
                o = out[j]
                gap = text[t.end : o.start] if j > i else text[o.end : t.start]
                if _JOIN.fullmatch(gap):
                    best = o
                    break
        if best is None:
            same = [o for o in out if o.type in ("DATE", "TIME") and o is not t
                    and _has_day(o.value) and not _SENT_END.search(
                        text, min(o.end, t.end), max(o.start, t.start))]  # fmt: skip
            if same:
                best = min(same, key=lambda o: (abs(o.start - t.start), o.start > t.start))
        if best is not None:
            out[i] = TimeExpr(t.start, t.end, t.text, "TIME", f"{best.value[:10]}T{hm}")
    return out


def _has_day(value: str) -> bool:
    return day_value(value) is not None or value.startswith("XXXX-XX-")


def tag(text: str, pub_date: dt.date | None, doc: Doc | None = None) -> list[TimeExpr]:
    """Find the time expressions of ``text`` and normalise them against ``pub_date``.

    ``doc`` (optional) is the spaCy parse of exactly ``text``; when given, the tense of the verb
    governing an expression decides whether "on Friday" or "Feb. 12" points back or forward.
    Without ``pub_date`` relative expressions get ``X`` placeholders ("XXXX-02-12").
    Offsets are character offsets into ``text``.
    """
    comp = _compiled()
    lex, rules = comp.lex, comp.rules
    tense = DocTense(doc, lex) if doc is not None and doc.text == text else None
    ctx = Ctx(text=text, anchor=pub_date, lex=lex, tense=tense, narrative=None)
    exprs: list[TimeExpr] = []
    anchored: set[int] = set()
    relative: set[int] = set()
    for s, e, prio, m in _select(_candidates(text, comp)):
        rule = rules[prio]
        res = rule.handler(m, ctx)
        if res is None:
            continue
        typ, value = res
        if rule.name.startswith(("clock", "oclock")):
            anchored.add(len(exprs))
        elif rule.name in ("ago", "narrative", "narrative_unit") and typ == "DATE":
            relative.add(len(exprs))
        exprs.append(TimeExpr(start=s, end=e, text=text[s:e], type=typ, value=value))  # type: ignore[arg-type]
        if typ in ("DATE", "TIME") and (d := day_value(value)) is not None:
            ctx.narrative = d
        if typ == "DATE" and (y := _YEAR_PREFIX.match(value)) is not None:
            ctx.narrative_year = int(y.group(1))
    exprs = _apposition(text, exprs, relative)
    return _attach_clock_dates(text, exprs, anchored) if anchored else exprs


def _apposition(text: str, exprs: list[TimeExpr], relative: set[int]) -> list[TimeExpr]:
    """A relative date restated by an absolute one takes its value ("four days later, on
    July 20, 1969")."""
    out = list(exprs)
    for i in sorted(relative):
        if i + 1 < len(out) and out[i + 1].type == "DATE" and day_value(out[i + 1].value):
            if _APPOSITION.fullmatch(text, out[i].end, out[i + 1].start):
                t = out[i]
                out[i] = TimeExpr(t.start, t.end, t.text, t.type, out[i + 1].value)
    return out
