"""Shared pieces of the rule modules: the evaluation context, the rule record and regex macros."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dyads.time.calendar import Direction
from dyads.time.lexicon import Lexicon, alternation
from dyads.time.tense import DocTense, text_direction

# (TIMEX3 type, value) or None when the match turns out not to be a time expression.
Result = tuple[str, str] | None


@dataclass
class Ctx:
    """What a rule handler may consult: the text, the anchor, the tense, the narrative date."""

    text: str
    anchor: dt.date | None
    lex: Lexicon
    tense: DocTense | None = None
    # Last day-precision date mentioned so far: "the next day", "two days later" count from it.
    narrative: dt.date | None = None
    # Last year mentioned at any precision ("in fiscal 2023 ... the previous year").
    narrative_year: int | None = None
    _dirs: dict[int, Direction] = field(default_factory=dict)

    def direction(self, start: int, end: int) -> Direction:
        """Tense direction of the clause holding ``text[start:end]`` (parse first, then text)."""
        if start not in self._dirs:
            d = self.tense.direction(start) if self.tense is not None else None
            if d is None:
                d = text_direction(self.text, start, end, self.lex)
            self._dirs[start] = d
        return self._dirs[start]

    def prev_word(self, start: int) -> str:
        """The word just before ``start`` (lower case, "" at the start of text)."""
        m = _PREV_WORD.search(self.text, max(0, start - 40), start)
        return m.group(1).lower() if m else ""

    def next_word(self, end: int) -> str:
        """The word just after ``end`` as written."""
        m = _NEXT_WORD.match(self.text, end)
        return m.group(1) if m else ""


_PREV_WORD = re.compile(r"([A-Za-z$£€%']+)[\s,]*\Z")
_NEXT_WORD = re.compile(r"[\s,]*([A-Za-z%]+)")

Handler = Callable[[re.Match[str], Ctx], Result]


@dataclass(frozen=True)
class Rule:
    """A named pattern and the handler that turns a match into a TIMEX3 (type, value).

    The expression's span is the named group ``x`` when the pattern has one (context words such
    as a preceding preposition stay outside it), else the whole match.
    """

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    # Words one of which every match contains: classes MON, WD, DIGIT, UNIT, POD, SEASON or
    # literal lower-case words. The tagger runs the pattern only around these (for speed).
    triggers: tuple[str, ...] = ()


class Macros:
    """Regex fragments built from the lexicon, substituted into rule patterns as ``{NAME}``."""

    def __init__(self, lex: Lexicon) -> None:
        full_days = [w for w in lex.weekdays if w.endswith("day")]
        # A month name that is a prefix of another of the same month is its abbreviation.
        abbrevs = [w for w in lex.months if any(o != w and o.startswith(w) for o in lex.months)]
        full_months = [w for w in lex.months if w not in abbrevs]
        nums = [w for w in lex.numbers if not w[0].isdigit()]
        tens = [
            w for w, v in lex.numbers.items() if v is not None and 20 <= v <= 90 and v % 10 == 0
        ]
        ones = [
            w
            for w, v in lex.numbers.items()
            if v is not None and v < 10 and " " not in w and w not in ("a", "an", "single")
        ]
        units = list(lex.units)
        self.values: dict[str, str] = {
            # Months: capitalised, whole word; only an abbreviation takes a period ("Feb.").
            "MON": rf"(?P<mon>(?:{alternation(full_months)})\b|(?:{alternation(abbrevs)})\b\.?)",
            "WD": rf"(?P<wd>{alternation(full_days)})\b",
            "DAY": r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])",
            "YEAR": r"(?P<year>1[6-9]\d\d|20\d\d)(?![\d%])",
            "NUM": rf"(?P<num>\d+|(?i:{alternation(tens)})[\s-](?i:{alternation(ones)})\b"
            rf"|(?i:{alternation(nums)}))",
            "UNIT": rf"(?P<unit>(?i:{alternation(units)}))",
            "POD": rf"(?P<pod>(?i:{alternation(lex.parts_of_day)}))",
            "SEASON": rf"(?P<season>(?i:{alternation(lex.seasons)}))",
        }

    def expand(self, pattern: str) -> re.Pattern[str]:
        """Compile ``pattern`` after replacing each ``{NAME}`` macro."""
        out = pattern
        for k, v in self.values.items():
            out = out.replace("{" + k + "}", v)
        return re.compile(out)


def unit_of(word: str, lex: Lexicon) -> tuple[str, int]:
    """TIMEX3 unit and multiplier of a unit word (plural or singular, any case)."""
    w = word.lower()
    if w not in lex.units and w.endswith("s"):
        w = w[:-1]
    return lex.units[w]


def duration_value(n: int | None, unit: str, mult: int) -> str:
    """``P3D``, ``PT48H``, ``P10Y`` (a decade), ``PXY`` (unspecified count)."""
    if unit.startswith("T"):
        return f"PT{'X' if n is None else n * mult}{unit[1:]}"
    if n is None:
        # Unspecified decades/centuries keep their own TIMEX3 units.
        return {10: "PXDE", 100: "PXCE"}.get(mult, f"PX{unit}")
    return f"P{n * mult}{unit}"


def day_value(value: str) -> dt.date | None:
    """The date of a day-precision value, else None."""
    if len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit():
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
