"""Calendar arithmetic and TIMEX3 value formatting against an anchor (publication) date.

Directions: ``"past"``, ``"future"``, ``"present"``, ``"near"`` (a past plan: "was scheduled to
end on Friday" -> the nearest such day) or ``None`` (unknown), decided by the tense of the
governing verb. Every resolver accepts ``anchor=None`` and then returns a value with ``X``
placeholders ("XXXX-02-12"), never today's date.

Arithmetic never overflows: a value that would fall outside the calendar (year 1 to 9999, as
with a publication date of 9999-12-31 and "next week") is returned as the placeholder the same
expression gets without an anchor. Readers refuse publication dates outside 1800-2199 anyway
(docs/LIMITS.md); this keeps the library safe for any ``datetime.date``.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt

Direction = str | None


def fmt_day(d: dt.date) -> str:
    """``YYYY-MM-DD``."""
    return d.isoformat()


def fmt_month(year: int, month: int) -> str:
    """``YYYY-MM``."""
    return f"{year:04d}-{month:02d}"


def fmt_week(d: dt.date) -> str:
    """ISO week of ``d``: ``YYYY-Www``."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) shifted by ``n`` months."""
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _year_ok(year: int) -> bool:
    return dt.MINYEAR <= year <= dt.MAXYEAR


def plus_days(anchor: dt.date, days: int) -> dt.date | None:
    """``anchor`` shifted by ``days``, or None past either end of the calendar."""
    try:
        return anchor + dt.timedelta(days=days)
    except OverflowError:
        return None


def safe_day(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the day does not exist in that month (or that year)."""
    if not _year_ok(year) or not 1 <= month <= 12:
        return None
    if day < 1 or day > _cal.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


_UNKNOWN = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "half": "XXXX-HX",
    "decade": "XXX",
    "century": "XX",
}


def shift(anchor: dt.date | None, unit: str, n: int) -> str:
    """Value of the calendar unit ``n`` steps from the anchor's ("last week" is n=-1).

    ``unit`` is one of day, week, weekend, month, quarter, half, year, decade, century.
    """
    unknown = _UNKNOWN.get(unit, "XXXX")
    if anchor is None:
        return unknown
    if unit in ("day", "week", "weekend"):
        d = plus_days(anchor, n * (1 if unit == "day" else 7))
        if d is None:
            return unknown
        if unit == "day":
            return fmt_day(d)
        v = fmt_week(d)
        return v + "-WE" if unit == "weekend" else v
    if unit == "month":
        y, m = add_months(anchor.year, anchor.month, n)
        return fmt_month(y, m) if _year_ok(y) else unknown
    if unit == "quarter":
        q = (anchor.year * 4 + (anchor.month - 1) // 3) + n
        return f"{q // 4:04d}-Q{q % 4 + 1}" if _year_ok(q // 4) else unknown
    if unit == "half":
        h = (anchor.year * 2 + (anchor.month - 1) // 6) + n
        return f"{h // 2:04d}-H{h % 2 + 1}" if _year_ok(h // 2) else unknown
    if unit == "decade":
        dec = anchor.year // 10 + n
        return f"{dec:03d}" if 0 <= dec <= 999 else unknown
    if unit == "century":
        cent = anchor.year // 100 + n
        return f"{cent:02d}" if 0 <= cent <= 99 else unknown
    return f"{anchor.year + n:04d}" if _year_ok(anchor.year + n) else unknown


def _pick(cands: list[dt.date], anchor: dt.date, direction: Direction) -> dt.date:
    """Choose among candidate dates by tense: past -> latest <= anchor, future -> earliest >=
    anchor, otherwise the nearest (ties go to the earlier one: news mostly reports the past)."""
    if direction == "past":
        past = [c for c in cands if c <= anchor]
        if past:
            return max(past)
    elif direction == "future":
        fut = [c for c in cands if c >= anchor]
        if fut:
            return min(fut)
    return min(cands, key=lambda c: (abs((c - anchor).days), c))


def resolve_month_day(
    month: int, day: int, anchor: dt.date | None, direction: Direction
) -> str | None:
    """A month and day without a year ("Feb. 12"): the nearest such date in the tense's
    direction. None when the day cannot exist in that month."""
    if anchor is None:
        if safe_day(2000, month, day) is None:  # 2000 is a leap year: allows Feb 29
            return None
        return f"XXXX-{month:02d}-{day:02d}"
    cands = [
        d
        for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (d := safe_day(y, month, day)) is not None
    ]
    if not cands:
        return None
    return fmt_day(_pick(cands, anchor, direction))


def resolve_month(month: int, anchor: dt.date | None, direction: Direction) -> str:
    """A month without a year ("in March"), by tense; unknown tense picks the nearest."""
    if anchor is None:
        return f"XXXX-{month:02d}"
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    cands = [dt.date(y, month, 15) for y in years if _year_ok(y)]
    ref = dt.date(anchor.year, anchor.month, 15)
    best = _pick(cands, ref, direction)
    return fmt_month(best.year, best.month)


def resolve_last_month(month: int, anchor: dt.date | None, n: int) -> str:
    """ "last July" (n=-1): the most recent July before the current month; "next July" (n=1)
    the first after it; "this July" (n=0) is July of the anchor's year."""
    if anchor is None:
        return f"XXXX-{month:02d}"
    if n == 0:
        return fmt_month(anchor.year, month)
    if n < 0:
        year = anchor.year if month < anchor.month else anchor.year - 1
    else:
        year = anchor.year if month > anchor.month else anchor.year + 1
    return fmt_month(year, month) if _year_ok(year) else f"XXXX-{month:02d}"


def resolve_weekday(weekday: int, anchor: dt.date | None, direction: Direction, n: int = 0) -> str:
    """A weekday name (ISO 1-7). ``n=-1`` "last Friday" is the latest one strictly before the
    anchor, ``n=1`` "next Friday" the first strictly after; otherwise the tense decides (past and
    unknown look back, present and future look forward; the anchor's own weekday is the anchor).
    """
    if anchor is None:
        return f"XXXX-WXX-{weekday}"
    delta = weekday - anchor.isoweekday()
    back = delta if delta < 0 else delta - 7
    ahead = delta if delta > 0 else delta + 7
    if n < 0:
        days = back
    elif n > 0:
        days = ahead
    elif delta == 0:
        days = 0
    elif direction == "near":
        days = ahead if ahead < -back else back
    elif direction in ("future", "present"):
        days = ahead
    else:
        days = back
    d = plus_days(anchor, days)
    return fmt_day(d) if d is not None else f"XXXX-WXX-{weekday}"


def resolve_season(code: str, anchor: dt.date | None, direction: Direction, n: int | None) -> str:
    """A season: "last summer" (n=-1) is the latest one already over, "next summer" (n=1) the
    first not yet begun, "this summer" (n=0) the one containing the anchor or else the one
    starting in the anchor's year; a bare "the summer" (n=None) follows the tense. Winter is
    named by the year it starts in (TIMEX3 "2023-WI" runs Dec 2023 - Feb 2024)."""
    if anchor is None:
        return f"XXXX-{code}"
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    now = (anchor.year, anchor.month)
    spans = []
    for y in (anchor.year - 2, anchor.year - 1, anchor.year, anchor.year + 1):
        spans.append((y, (y, start_month), add_months(y, start_month, 2)))
    containing = [y for y, s0, e0 in spans if s0 <= now <= e0]
    if n == -1:
        return f"{max(y for y, _s, e0 in spans if e0 < now):04d}-{code}"
    if n == 1:
        return f"{min(y for y, s0, _e in spans if s0 > now):04d}-{code}"
    if n is None and direction == "past":
        return f"{max(y for y, s0, _e in spans if s0 <= now):04d}-{code}"
    if n is None and direction in ("future", "present"):
        return f"{min(y for y, _s, e0 in spans if e0 >= now):04d}-{code}"
    return f"{(containing[0] if containing else anchor.year):04d}-{code}"
