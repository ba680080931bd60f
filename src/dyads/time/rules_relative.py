"""Rules for deictic and relative expressions, weekdays, durations, clock times, sets and fuzzy
references ("yesterday", "last week", "three days ago", "on Tuesday", "earlier this month",
"the past two weeks", "3 p.m.", "every Monday", "recently").
"""

from __future__ import annotations

import datetime as dt
import re

from dyads.time.base import Ctx, Handler, Macros, Result, Rule, duration_value, unit_of
from dyads.time.calendar import add_months, fmt_day, resolve_weekday, safe_day, shift
from dyads.time.lexicon import Lexicon, alternation

_N = {"last": -1, "past": -1, "previous": -1, "preceding": -1, "this": 0, "current": 0, "the": 0,
      "next": 1, "coming": 1, "following": 1}  # fmt: skip
# TIMEX3 unit letter + multiplier -> the calendar unit a date at that granularity is named in.
_GRAIN = {("D", 1): "day", ("W", 1): "week", ("W", 2): "week", ("M", 1): "month",
          ("Y", 1): "year", ("Y", 10): "decade", ("Y", 100): "century"}  # fmt: skip
_HOUR_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip


def _day(ctx: Ctx, d: dt.date | None) -> str:
    return "XXXX-XX-XX" if d is None else fmt_day(d)


def _plus_days(d: dt.date | None, n: int) -> dt.date | None:
    return None if d is None else d + dt.timedelta(days=n)


def _pod(ctx: Ctx, m: re.Match[str]) -> str | None:
    p = m.groupdict().get("pod")
    return ctx.lex.parts_of_day[p.lower()] if p else None


def _deictic(m: re.Match[str], ctx: Ctx) -> Result:
    w = m.group("w").lower()
    if w == "today" and m.group("w")[0] == "T" and ctx.prev_word(m.start())[:1].isalpha():
        prev = ctx.text[max(0, m.start() - 30) : m.start()].split()
        if prev and prev[-1][:1].isupper() and not prev[-1].endswith("."):
            return None  # "USA Today", "Russia Today" are names
    d = _plus_days(ctx.anchor, {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w])
    pod = "NI" if w == "tonight" else _pod(ctx, m)
    if pod:
        return ("TIME", f"{_day(ctx, d)}T{pod}")
    return ("DATE", _day(ctx, d))


def _this_pod(m: re.Match[str], ctx: Ctx) -> Result:
    # "last night" is yesterday's night; "this morning" today's.
    n = -1 if m.group("rel").lower() == "last" else 0
    return ("TIME", f"{_day(ctx, _plus_days(ctx.anchor, n))}T{_pod(ctx, m)}")


def _rel_unit(m: re.Match[str], ctx: Ctx) -> Result:
    rel, u = m.group("rel").lower(), m.group("u").lower()
    if u.endswith("s") and u != "days":
        code, mult = unit_of(u, ctx.lex)
        return ("DURATION", duration_value(None, code, mult))
    if u == "days":
        return ("DURATION", "PXD")
    if m.group("the") and rel in ("past", "last", "next", "coming"):
        code, mult = unit_of(u, ctx.lex)
        return ("DURATION", duration_value(1, code, mult))  # "the past year" is a span
    if u in ("day", "fortnight"):
        return None
    return ("DATE", shift(ctx.anchor, u, _N[rel]))


def _pos_mod(m: re.Match[str], ctx: Ctx) -> Result:
    mod, u = m.group("mod").lower(), m.group("u").lower()
    n = _N[m.group("rel").lower()]
    if "half" in mod and u == "year":
        year = shift(ctx.anchor, "year", n)
        return ("DATE", f"{year}-H{1 if 'first' in mod else 2}")
    return ("DATE", shift(ctx.anchor, u, n))


def _in_the(m: re.Match[str], ctx: Ctx) -> Result:
    return ("DATE", shift(ctx.anchor, m.group("u").lower(), 0))


def _ago(m: re.Match[str], ctx: Ctx) -> Result:
    d = m.group("dir").lower()
    sign = -1 if d in ("ago", "earlier", "before") else 1
    base = ctx.anchor if d in ("ago", "from now", "hence") else (ctx.narrative or ctx.anchor)
    try:
        n = ctx.lex.number(m.group("num"))
    except KeyError:
        return None
    code, mult = unit_of(m.group("unit"), ctx.lex)
    if ctx.next_word(m.end()).lower() == "than":
        return ("DURATION", duration_value(n, code, mult))  # "a day later than planned"
    if n is None:
        return ("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if code.startswith("T"):
        return ("DATE", _day(ctx, base))  # "two hours ago" is today at day precision
    grain = _GRAIN.get((code, mult))
    if grain is None or base is None:
        return ("DATE", shift(None, grain or "year", 0))
    steps = sign * n * (2 if (code, mult) == ("W", 2) else 1)
    return ("DATE", shift(base, grain, steps))


def _narrative(m: re.Match[str], ctx: Ctx) -> Result:
    g = m.groupdict()
    base = ctx.narrative or ctx.anchor
    if g.get("rel") and g["u"].lower() == "year" and ctx.narrative_year is not None:
        # "fiscal 2023 ... the previous year": count from the last year mentioned.
        return ("DATE", f"{ctx.narrative_year + _N[g['rel'].lower()]:04d}")
    if g.get("rel"):
        n, u = _N[g["rel"].lower()], g["u"].lower()
    elif g.get("ba"):
        n, u = (-1 if g["ba"].lower() == "before" else 1), g["u2"].lower()
    else:
        n, u = 0, "day"
    if u in ctx.lex.parts_of_day:
        return ("TIME", f"{_day(ctx, _plus_days(base, n))}T{ctx.lex.parts_of_day[u]}")
    return ("DATE", shift(base, u, n))


def _weekday(m: re.Match[str], ctx: Ctx) -> Result:
    wd = ctx.lex.weekdays[m.group("wd")]
    rel = (m.group("rel") or "").lower()
    n = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    direction = "future" if rel == "this" else ctx.direction(m.start(), m.end())
    if rel == "this" and direction == "past":
        direction = "past"
    value = resolve_weekday(wd, ctx.anchor, direction, n)
    pod = _pod(ctx, m)
    return ("TIME", f"{value}T{pod}") if pod else ("DATE", value)


def _weekend(m: re.Match[str], ctx: Ctx) -> Result:
    rel = (m.group("rel") or "the").lower()
    if rel not in ("the", "all"):
        return ("DATE", shift(ctx.anchor, "weekend", _N[rel]))
    direction = ctx.direction(m.start(), m.end())
    in_weekend = ctx.anchor is not None and ctx.anchor.isoweekday() >= 6
    if direction in ("future", "present"):
        n = 1 if ctx.anchor is not None and ctx.anchor.isoweekday() == 7 else 0
    else:
        n = 0 if in_weekend else -1
    return ("DATE", shift(ctx.anchor, "weekend", n))


def _nth(m: re.Match[str], ctx: Ctx) -> Result:
    day = int(m.group("day"))
    if ctx.anchor is None:
        return ("DATE", f"XXXX-XX-{day:02d}")
    a = ctx.anchor
    cands = [d for k in (-1, 0, 1) if (d := safe_day(*add_months(a.year, a.month, k), day))]
    direction = ctx.direction(m.start(), m.end())
    if direction == "past":
        cands = [d for d in cands if d <= a] or cands
    elif direction in ("future", "present"):
        cands = [d for d in cands if d >= a] or cands
    return ("DATE", fmt_day(min(cands, key=lambda d: abs((d - a).days))))


def _duration(m: re.Match[str], ctx: Ctx) -> Result:
    word = m.group("num")
    unit_word = m.group("unit")
    if word.lower() in ("a", "an") and unit_word.lower() == "second":
        return None  # "a second round"
    if re.match(r"-?\s*(?:old|year-old)\b", ctx.text[m.end() : m.end() + 10]):
        return None  # ages are not durations
    try:
        n = ctx.lex.number(word)
    except KeyError:
        return None
    code, mult = unit_of(unit_word, ctx.lex)
    if m.group("half") and n is not None:
        # "a year and a half" -> months, "two days and a half" -> hours
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("TH", 24), "TH": ("TM", 60)}
        if code in smaller:
            c2, k = smaller[code]
            return ("DURATION", duration_value(n * mult * k + k // 2, c2, 1))
    return ("DURATION", duration_value(n, code, mult))


def _vague_duration(m: re.Match[str], ctx: Ctx) -> Result:
    code, mult = unit_of(m.group("u"), ctx.lex)
    return ("DURATION", duration_value(None, code, mult))


def _half_unit(m: re.Match[str], ctx: Ctx) -> Result:
    code, mult = unit_of(m.group("u"), ctx.lex)
    half = {"TH": "PT30M", "D": "PT12H", "W": "P3.5D", "M": "P15D"}
    if code == "Y":
        return ("DURATION", "P6M" if mult == 1 else f"P{mult // 2}Y")
    return ("DURATION", half.get(code, f"P0.5{code}"))


def _clock(m: re.Match[str], ctx: Ctx) -> Result:
    g = m.groupdict()
    if g.get("cw"):
        hm = ctx.lex.clock_words[g["cw"].lower()]
    else:
        h_raw = g["h"]
        h = int(h_raw) if h_raw.isdigit() else _HOUR_WORDS[h_raw.lower()]
        ap = (g.get("ap") or "").lower().replace(".", "")
        if ap == "pm" and h < 12:
            h += 12
        elif ap == "am" and h == 12:
            h = 0
        if h > 24:
            return None
        hm = f"{h:02d}:{g.get('mi') or '00'}"
    return ("TIME", f"{_day(ctx, ctx.anchor)}T{hm}")


def _every(m: re.Match[str], ctx: Ctx) -> Result:
    g = m.groupdict()
    if g.get("wd"):
        return ("SET", f"XXXX-WXX-{ctx.lex.weekdays[g['wd']]}")
    if g.get("mon"):
        return ("SET", f"XXXX-{ctx.lex.months[g['mon'].rstrip('.')]:02d}")
    if g.get("season"):
        return ("SET", f"XXXX-{ctx.lex.seasons[g['season'].lower()]}")
    if g.get("pod"):
        return ("SET", f"XXXX-XX-XXT{_pod(ctx, m)}")
    n = 2 if g.get("other") else 1
    if g.get("num"):
        try:
            n = ctx.lex.number(g["num"]) or 1
        except KeyError:
            return None
    code, mult = unit_of(g["unit"], ctx.lex)
    return ("SET", duration_value(n, code, mult))


def _times_per(m: re.Match[str], ctx: Ctx) -> Result:
    code, mult = unit_of(m.group("unit"), ctx.lex)
    return ("SET", duration_value(1, code, mult))


def _plural_weekday(m: re.Match[str], ctx: Ctx) -> Result:
    return ("SET", f"XXXX-WXX-{ctx.lex.weekdays[m.group('pwd')[:-1]]}")


def _frequency(m: re.Match[str], ctx: Ctx) -> Result:
    return ("SET", ctx.lex.frequencies[m.group("f")])


def _fuzzy(m: re.Match[str], ctx: Ctx) -> Result:
    f = m.group("f").lower()
    if f == "soon" and ctx.prev_word(m.start()) == "as":
        return None  # "as soon as"
    if f == "now" and ctx.text[m.end() : m.end() + 1] == "-":
        return None  # "now-defunct"
    return ("DATE", ctx.lex.fuzzy[f])


def relative_rules(lex: Lexicon, mac: Macros) -> list[Rule]:
    """The relative, duration, clock, set and fuzzy rules, in priority order."""
    units_pl = r"(?i:week|month|year|weekend|quarter|decade|century|fortnight|day|weeks|months|years|decades|days)"
    plural_days = alternation([w + "s" for w in lex.weekdays if w.endswith("day")])
    tz = r"(?:\s*(?P<tz>GMT|UTC|[ECMP][SD]?T|BST|CES?T|MSK|(?i:local time)))?"
    fuzzy_words = " ".join(sorted({f.split()[-1] for f in lex.fuzzy}))
    specs: list[tuple[str, str, Handler, str]] = [
        (
            "deictic",
            r"\b(?P<w>(?i:today|tonight|yesterday|tomorrow))\b(?:\s+{POD}\b)?",
            _deictic,
            "today tonight yesterday tomorrow",
        ),
        ("this_pod", r"\b(?P<rel>(?i:last|this))\s+{POD}\b", _this_pod, "POD"),
        (
            "narrative",
            r"\b(?i:the)\s+(?:(?P<rel>(?i:next|following|previous|preceding))\s+(?P<u>(?i:day|morning|evening|night))|(?P<u2>(?i:day|night))\s+(?P<ba>(?i:before|after))|(?i:same)\s+(?i:day))\b",
            _narrative,
            "day night morning evening",
        ),
        (
            "narrative_unit",
            r"\b(?i:the)\s+(?P<rel>(?i:following|preceding|previous))\s+(?P<u>(?i:week|month|year))\b",
            _narrative,
            "UNIT",
        ),
        (
            "pos_mod",
            r"\b(?P<mod>(?i:earlier|later|early|late|mid|the end of|end of|the beginning of|the start of|the middle of|the rest of|the remainder of|the first half of|the second half of))[\s-]+(?P<rel>(?i:last|this|next|the))\s+(?P<u>(?i:week|month|year|decade|century|quarter))\b",
            _pos_mod,
            "UNIT quarter weekend",
        ),
        (
            "in_the",
            r"\b(?i:earlier|later)\s+(?i:in|on)\s+the\s+(?P<u>(?i:day|week|month|year))\b",
            _in_the,
            "UNIT",
        ),
        (
            "rel_unit",
            r"(?:\b(?P<the>(?i:the))\s+)?\b(?P<rel>(?i:last|next|this|past|previous|coming|current))\s+(?P<u>"
            + units_pl
            + r")\b",
            _rel_unit,
            "UNIT quarter weekend",
        ),
        (
            "ago",
            r"\b{NUM}[\s-]+{UNIT}s?\s+(?P<dir>(?i:ago|earlier|later|from now|hence))\b",
            _ago,
            "ago earlier later now hence",
        ),
        (
            "weekday",
            r"(?:\b(?P<rel>(?i:last|next|this|coming|past|early|late))\s+)?{WD}(?:\s+{POD}\b)?",
            _weekday,
            "WD",
        ),
        (
            "weekend",
            r"\b(?P<rel>(?i:last|next|this|past|coming|the|all))\s+(?i:weekend)\b",
            _weekend,
            "weekend",
        ),
        (
            "nth",
            r"\b(?i:on)\s+(?P<x>(?i:the)\s+(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\b(?!\s+(?i:of|century|anniversary|day|time|round|floor|place|consecutive|straight|year|annual|edition|session|amendment|minute|hour|birthday))",
            _nth,
            "DIGIT",
        ),
        (
            "every",
            r"\b(?i:every|each)\s+(?:(?P<other>(?i:other))\s+)?(?:{WD}|{MON}|{SEASON}\b|{POD}\b|(?:{NUM}\s+)?{UNIT}s?\b)",
            _every,
            "every each",
        ),
        (
            "times_per",
            r"\b(?:(?i:once|twice|thrice)|\d+\s+(?i:times)|(?i:one|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+(?i:times))\s+(?i:a|an|per|every|each)\s+{UNIT}\b",
            _times_per,
            "UNIT",
        ),
        ("plural_wd", r"\b(?P<pwd>" + plural_days + r")\b", _plural_weekday, "WD"),
        (
            "duration",
            r"(?:\b(?i:the)\s+)?(?:\b(?i:past|last|next|coming|previous|first|final)\s+)?\b{NUM}[\s-]+{UNIT}s?\b(?P<half>\s+(?i:and\s+a\s+half))?",
            _duration,
            "UNIT",
        ),
        (
            "vague_duration",
            r"\b(?i:for|over|in|during|within|after|take|takes|took|taken|taking|last|lasts|lasted|spent|spend|wait|waited)\s+(?P<x>(?:(?i:the)\s+)?(?:(?i:past|last|next|coming|recent)\s+)?(?P<u>(?i:years|months|weeks|days|hours|decades|centuries|minutes)))\b",
            _vague_duration,
            "UNIT",
        ),
        (
            "recent_units",
            r"\b(?P<x>(?i:recent)\s+(?P<u>(?i:years|months|weeks|days|decades)))\b",
            _vague_duration,
            "UNIT",
        ),
        (
            "half_unit",
            r"\b(?i:half)\s+(?i:an?)\s+(?P<u>(?i:hour|day|week|month|year|decade|century))\b",
            _half_unit,
            "half",
        ),
        (
            "clock_ap",
            r"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|am\b|pm\b))"
            + tz,
            _clock,
            "DIGIT",
        ),
        (
            "clock_24",
            r"(?<![\d:.,$])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])" + tz,
            _clock,
            "DIGIT",
        ),
        (
            "clock_mil",
            r"(?<![\d,.$])(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s+(?P<tz>GMT|UTC)\b",
            _clock,
            "DIGIT",
        ),
        ("clock_word", r"\b(?P<cw>(?i:noon|midday|midnight))\b", _clock, "noon midday midnight"),
        (
            "oclock",
            r"\b(?P<h>1[0-2]|[1-9]|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s+(?i:o'clock)",
            _clock,
            "o'clock",
        ),
        (
            "frequency",
            r"\b(?P<f>" + alternation(lex.frequencies) + r")\b",
            _frequency,
            " ".join(lex.frequencies),
        ),
        ("fuzzy", r"\b(?P<f>(?i:" + alternation(lex.fuzzy) + r"))\b", _fuzzy, fuzzy_words),
    ]
    return [Rule(n, mac.expand(p), h, tuple(t.split())) for n, p, h, t in specs]
