"""Calendar arithmetic and TIMEX3 value formatting against an anchor (publication) date.

Directions: ``"past"``, ``"future"``, ``"present"``, ``"near"`` (a past plan: "was scheduled to
end on Friday" -> the nearest such day) or ``None`` (unknown), decided by the tense of the
governing verb. Every resolver accepts ``anchor=None`` and then returns a value with ``X``
placeholders ("XXXX-02-12"), never today's date.
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


def safe_day(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the day does not exist in that month."""
    if not 1 <= month <= 12 or day < 1 or day > _cal.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def shift(anchor: dt.date | None, unit: str, n: int) -> str:
    """Value of the calendar unit ``n`` steps from the anchor's ("last week" is n=-1).

    ``unit`` is one of day, week, weekend, month, quarter, half, year, decade, century.
    """
    if anchor is None:
        return {
            "day": "XXXX-XX-XX",
            "week": "XXXX-WXX",
            "weekend": "XXXX-WXX-WE",
            "month": "XXXX-XX",
            "quarter": "XXXX-QX",
            "half": "XXXX-HX",
            "decade": "XXX",
            "century": "XX",
        }.get(unit, "XXXX")
    if unit == "day":
        return fmt_day(anchor + dt.timedelta(days=n))
    if unit in ("week", "weekend"):
        v = fmt_week(anchor + dt.timedelta(weeks=n))
        return v + "-WE" if unit == "weekend" else v
    if unit == "month":
        return fmt_month(*add_months(anchor.year, anchor.month, n))
    if unit == "quarter":
        q = (anchor.year * 4 + (anchor.month - 1) // 3) + n
        return f"{q // 4:04d}-Q{q % 4 + 1}"
    if unit == "half":
        h = (anchor.year * 2 + (anchor.month - 1) // 6) + n
        return f"{h // 2:04d}-H{h % 2 + 1}"
    if unit == "decade":
        return f"{anchor.year // 10 + n:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + n:02d}"
    return f"{anchor.year + n:04d}"


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
    cands = [dt.date(y, month, 15) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
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
    return fmt_month(year, month)


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
        return fmt_day(anchor + dt.timedelta(days=back))
    if n > 0:
        return fmt_day(anchor + dt.timedelta(days=ahead))
    if delta == 0:
        return fmt_day(anchor)
    if direction == "near":
        return fmt_day(anchor + dt.timedelta(days=ahead if ahead < -back else back))
    if direction in ("future", "present"):
        return fmt_day(anchor + dt.timedelta(days=ahead))
    return fmt_day(anchor + dt.timedelta(days=back))


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
