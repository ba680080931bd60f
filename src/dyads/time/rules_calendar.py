"""Rules for expressions that name the calendar: dates, months, years, decades, centuries,
quarters, fiscal years, seasons and fixed holidays ("Feb. 12", "12/02/2024", "March last year",
"last July", "the 1990s", "Q3 2023", "late 2023").

Numeric dates: ``a/b/yyyy`` is read as US month/day unless the first number cannot be a month
(then day/month); ``d.m.yyyy`` with dots is read European day/month. A bare ``a/b`` is only a
date after a preposition or weekday ("on 2/12"), where it is read month/day.
"""

from __future__ import annotations

import re

from dyads.time.base import Ctx, Handler, Macros, Result, Rule
from dyads.time.calendar import (
    fmt_day,
    fmt_month,
    resolve_last_month,
    resolve_month,
    resolve_month_day,
    resolve_season,
    safe_day,
)
from dyads.time.lexicon import Lexicon, alternation

_REL_N = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5,
    "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip
_QUARTER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "final": 4, "last": 4}  # fmt: skip
# Words before a bare number that make it a quantity, not a year ("more than 2000 people").
_QUANTITY_WORDS = frozenset(
    [
        "about",
        "some",
        "nearly",
        "around",
        "than",
        "least",
        "approximately",
        "almost",
        "roughly",
        "only",
        "just",
        "total",
        "over",
        "under",
        "estimated",
        "killed",
        "wounded",
    ]
)
_PLURAL = re.compile(r"[a-z]{2,}[^su]s")
_NOT_PLURAL = frozenset(
    [
        "was",
        "has",
        "its",
        "this",
        "his",
        "does",
        "goes",
        "gets",
        "makes",
        "sees",
        "remains",
        "marks",
    ]
)
_EARLY_YEAR_PREPS = frozenset(
    ["in", "since", "from", "until", "till", "by", "around", "circa", "before", "after", "of"]
)
_YEAR_DETERMINERS = frozenset(
    [
        "the",
        "in",
        "since",
        "of",
        "by",
        "until",
        "from",
        "its",
        "their",
        "his",
        "her",
        "a",
        "an",
        "'s",
    ]
)


def _year_from(m: re.Match[str], ctx: Ctx) -> int | None:
    """Year given by a ``year`` group, a ``rel`` (last/this/next year) group, or None."""
    y = m.groupdict().get("year")
    if y:
        return int(y)
    rel = m.groupdict().get("rel")
    if rel and ctx.anchor is not None:
        return ctx.anchor.year + _REL_N[rel.lower()]
    return None


def _month(m: re.Match[str], ctx: Ctx) -> int:
    return ctx.lex.months[m.group("mon").rstrip(".")]


def _month_day(m: re.Match[str], ctx: Ctx) -> Result:
    month, day = _month(m, ctx), int(m.group("day"))
    year = _year_from(m, ctx)
    if year is not None:
        d = safe_day(year, month, day)
        return None if d is None else ("DATE", fmt_day(d))
    if m.groupdict().get("rel") and ctx.anchor is None:
        return ("DATE", f"XXXX-{month:02d}-{day:02d}")
    v = resolve_month_day(month, day, ctx.anchor, ctx.direction(m.start(), m.end()))
    return None if v is None else ("DATE", v)


def _iso(m: re.Match[str], _ctx: Ctx) -> Result:
    d = safe_day(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if d is None:
        return None
    if m.group("hh"):
        return ("TIME", f"{fmt_day(d)}T{m.group('hh')}:{m.group('mm')}")
    return ("DATE", fmt_day(d))


def _numeric(m: re.Match[str], _ctx: Ctx) -> Result:
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if y < 100:
        y += 2000 if y < 50 else 1900
    if m.group("sep") == ".":
        day, month = a, b  # dotted dates are a European convention
    elif a > 12:
        day, month = a, b
    else:
        month, day = a, b  # US default for slashes
    d = safe_day(y, month, day)
    return None if d is None else ("DATE", fmt_day(d))


def _numeric_md(m: re.Match[str], ctx: Ctx) -> Result:
    month, day = int(m.group("a")), int(m.group("b"))
    if month > 12:
        return None
    v = resolve_month_day(month, day, ctx.anchor, ctx.direction(m.start(), m.end()))
    return None if v is None else ("DATE", v)


def _month_year(m: re.Match[str], ctx: Ctx) -> Result:
    year = _year_from(m, ctx)
    month = _month(m, ctx)
    if year is None:
        return ("DATE", f"XXXX-{month:02d}")
    return ("DATE", fmt_month(year, month))


def _rel_month(m: re.Match[str], ctx: Ctx) -> Result:
    n = _REL_N[m.group("rel").lower()]
    return ("DATE", resolve_last_month(_month(m, ctx), ctx.anchor, n))


def _bare_month(m: re.Match[str], ctx: Ctx) -> Result:
    if not (m.group("ctx") or m.group("mod")):
        return None  # "March" with no date context may be the verb or a name
    return ("DATE", resolve_month(_month(m, ctx), ctx.anchor, ctx.direction(m.start(), m.end())))


def _year(m: re.Match[str], ctx: Ctx) -> Result:
    return ("DATE", m.group("year"))


def _bare_year(m: re.Match[str], ctx: Ctx) -> Result:
    prev = ctx.prev_word(m.start())
    if prev in _QUANTITY_WORDS:
        return None
    nxt = ctx.next_word(m.end())
    if _PLURAL.fullmatch(nxt) and nxt not in _NOT_PLURAL and prev not in _YEAR_DETERMINERS:
        return None  # "2000 soldiers"
    year = int(m.group("year"))
    # Years before 1600 only after a preposition: "in 1163", not "1163 cases".
    if year < 1600 and prev not in _EARLY_YEAR_PREPS:
        return None
    return ("DATE", m.group("year"))


def _decade(m: re.Match[str], ctx: Ctx) -> Result:
    g = m.groupdict()
    if g.get("dec"):
        return ("DATE", g["dec"][:3])
    if g.get("yy"):
        tens = int(g["yy"][0])
    else:
        tens = _DECADE_WORDS[g["word"].lower()]
    # "the '20s" is the 2020s only once that decade has begun (relative to the anchor).
    cur = (ctx.anchor.year if ctx.anchor else 2000) % 100 // 10
    century = "20" if tens <= cur and (ctx.anchor is None or ctx.anchor.year >= 2000) else "19"
    return ("DATE", f"{century}{tens}")


def _century(m: re.Match[str], ctx: Ctx) -> Result:
    o = m.group("ord").lower()
    n = int(re.sub(r"\D", "", o)) if o[0].isdigit() else ctx.lex.ordinals.get(o)
    if not n:
        return None
    return ("DATE", f"{n - 1:02d}")


def _quarter(m: re.Match[str], ctx: Ctx) -> Result:
    g = m.groupdict()
    q = int(g["q"][1]) if g.get("q") else _QUARTER[g["ord"].lower()]
    year = _year_from(m, ctx)
    if year is None and g.get("yy"):
        year = 2000 + int(g["yy"])
    if year is None:
        if ctx.anchor is None:
            return ("DATE", f"XXXX-Q{q}")
        cur_q = (ctx.anchor.month - 1) // 3 + 1
        year = ctx.anchor.year
        # A past-tense "the third quarter" in January is last year's.
        if q > cur_q and ctx.direction(m.start(), m.end()) == "past":
            year -= 1
    return ("DATE", f"{year:04d}-Q{q}")


def _half(m: re.Match[str], ctx: Ctx) -> Result:
    h = 1 if m.group("ord").lower() in ("first", "1st") else 2
    year = _year_from(m, ctx)
    return ("DATE", f"{'XXXX' if year is None else f'{year:04d}'}-H{h}")


def _fiscal(m: re.Match[str], _ctx: Ctx) -> Result:
    y = m.group("fy")
    year = int(y) if len(y) == 4 else 2000 + int(y)
    return ("DATE", f"FY{year:04d}")


def _season(m: re.Match[str], ctx: Ctx) -> Result:
    code = ctx.lex.seasons[m.group("season").lower()]
    year = _year_from(m, ctx) if m.group("year") else None
    if year is not None:
        return ("DATE", f"{year:04d}-{code}")
    rel = (m.group("rel") or "").lower()
    word = m.group("season")
    if not rel:
        prev = ctx.prev_word(m.start())
        if prev not in ("in", "during", "over", "since", "until", "by", "through", "throughout"):
            return None
    if word[0].isupper() and rel in ("", "the") and not _sentence_start(ctx.text, m.start()):
        return None  # "the Arab Spring", "the Summer Games" are names
    if _MODIFIER_NOUN.match(ctx.text, m.end()) and rel in ("", "the"):
        return None  # "the summer recess": the season modifies a noun
    if word.lower() == "fall" and rel in ("", "the"):
        return None  # "fall" alone is usually the verb, "the fall of Kabul" an event
    n = _REL_N.get(rel)
    return ("DATE", resolve_season(code, ctx.anchor, ctx.direction(m.start(), m.end()), n))


_MODIFIER_NOUN = re.compile(
    r"\s+(?!of\b|and\b|or\b|to\b|in\b|on\b|at\b|when\b|with\b|as\b|is\b|was\b|will\b|has\b|had\b|for\b|by\b|that\b)[a-z]{3,}"
)


def _sentence_start(text: str, i: int) -> bool:
    """True when only a determiner separates ``i`` from the start of its sentence."""
    before = text[max(0, i - 6) : i]
    return (
        i == 0
        or re.search(r"(?:^|[.!?\n]\s*)(?:The\s+|This\s+|Last\s+|Next\s+)?\Z", before) is not None
    )


def _holiday(m: re.Match[str], ctx: Ctx) -> Result:
    month, day = ctx.lex.holidays[m.group("hol")]
    if m.group("year"):
        return ("DATE", f"{m.group('year')}-{month:02d}-{day:02d}")
    rel = (m.group("rel") or "").lower()
    # "last Christmas" is the latest one before the anchor, "next Christmas" the first after.
    direction = {"last": "past", "next": "future"}.get(rel) or ctx.direction(m.start(), m.end())
    v = resolve_month_day(month, day, ctx.anchor, direction)
    return None if v is None else ("DATE", v)


def calendar_rules(lex: Lexicon, mac: Macros) -> list[Rule]:
    """The calendar-name rules, in priority order (earlier wins a tie on length)."""
    rel = r"(?P<rel>(?i:last|this|next))"
    wdp = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    year_or_rel = rf"(?:,?\s+(?:of\s+)?{{YEAR}}|\s+{rel}\s+(?i:year))?"
    mod = r"(?:(?P<mod>(?i:early|mid|late|the end of|end of|the beginning of|the start of|the middle of))[\s-]+)"
    hol = alternation(lex.holidays)
    hol_words = " ".join(sorted({h.split()[0].lower() for h in lex.holidays}))
    specs: list[tuple[str, str, Handler, str]] = [
        (
            "iso",
            r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:T(?P<hh>\d{2}):(?P<mm>\d{2}))?\b",
            _iso,
            "DIGIT",
        ),
        (
            "numeric",
            r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)",
            _numeric,
            "DIGIT",
        ),
        (
            "numeric_md",
            r"(?:\b(?i:on|since|until|by|from|before|after|through)\s+|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)(?P<x>(?P<a>\d{1,2})/(?P<b>\d{1,2}))(?![\d/])",
            _numeric_md,
            "DIGIT",
        ),
        ("mon_day", wdp + r"{MON}\s+{DAY}" + year_or_rel, _month_day, "MON"),
        (
            "day_mon",
            wdp + r"(?:(?i:the)\s+)?{DAY}\s+(?:(?i:of)\s+)?{MON}" + year_or_rel,
            _month_day,
            "MON",
        ),
        ("mon_year", mod + r"?{MON},?\s+(?:(?i:of)\s+)?{YEAR}", _month_year, "MON"),
        ("mon_rel_year", r"{MON}\s+(?:(?i:of)\s+)?" + rel + r"\s+(?i:year)", _month_year, "MON"),
        ("rel_mon", r"(?P<rel>(?i:last|this|next|past))\s+{MON}", _rel_month, "MON"),
        (
            "bare_mon",
            r"(?:(?P<ctx>\b(?i:in|since|until|till|by|from|through|throughout|during|before|after|between|and|or|to|of))\s+(?:(?i:the)\s+)?)?(?P<x>"
            + mod
            + r"?{MON})(?!\s*\d)",
            _bare_month,
            "MON",
        ),
        (
            "year_mod",
            r"(?:(?i:the\s+)?(?i:early|mid|late|end|beginning|start|middle)(?:\s+of)?[\s-]+){YEAR}",
            _year,
            "DIGIT",
        ),
        (
            "decade",
            r"(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+)?(?:(?P<dec>(?:1[6-9]|20)\d0)'?s|'(?P<yy>\d0)s|(?P<word>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)))\b",
            _decade,
            "DIGIT twenties thirties forties fifties sixties seventies eighties nineties",
        ),
        (
            "century",
            r"(?:(?i:the)\s+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first))[\s-]+(?i:century)",
            _century,
            "century",
        ),
        (
            "quarter",
            r"(?:(?i:the)\s+)?(?P<ord>(?i:first|second|third|fourth|final|1st|2nd|3rd|4th))\s+(?i:quarter)(?:\s+(?:(?i:of)\s+)?(?:{YEAR}|"
            + rel
            + r"\s+(?i:year)))?",
            _quarter,
            "quarter",
        ),
        ("q", r"\b(?P<q>Q[1-4])(?:\s+{YEAR}|\s*'(?P<yy>\d\d))?\b", _quarter, "DIGIT"),
        (
            "half",
            r"(?:(?i:the)\s+)?(?P<ord>(?i:first|second|1st|2nd))\s+(?i:half)\s+(?i:of)\s+(?:{YEAR}|"
            + rel
            + r"\s+(?i:year))",
            _half,
            "half",
        ),
        (
            "fiscal",
            r"\b(?:FY\s?|(?i:fiscal)\s+(?:(?i:year)\s+)?)(?P<fy>20\d\d|\d\d)\b",
            _fiscal,
            "DIGIT",
        ),
        (
            "season",
            r"(?:(?P<rel>(?i:last|this|next|the|early|late|mid))[\s-]+)?{SEASON}(?:\s+(?:(?i:of)\s+)?{YEAR})?\b",
            _season,
            "SEASON",
        ),
        (
            "holiday",
            r"(?:" + rel + r"\s+)?(?P<hol>" + hol + r")(?:\s+{YEAR})?\b",
            _holiday,
            hol_words,
        ),
        (
            "bare_year",
            r"(?<![\d$£€.,/#-])(?<!\d )(?P<year>1\d\d\d|20\d\d)(?![\d%]|[.,]\d|-\d|'?s\b|\s*(?:percent|per cent))",
            _bare_year,
            "DIGIT",
        ),
    ]
    return [Rule(n, mac.expand(p), h, tuple(t.split())) for n, p, h, t in specs]
