"""Load the temporal tagger's word lists from ``data/lexicon.yaml``.

The lexicon holds facts about English calendar words (month and weekday names, number words,
units, seasons, fixed holidays, fuzzy references, tense markers). The rules in
:mod:`dyads.time.rules` are built from it, so adding a word is a data change, not a code change.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from dyads.errors import DataFileError

_REQUIRED = (
    "months",
    "weekdays",
    "numbers",
    "ordinals",
    "units",
    "parts_of_day",
    "clock_words",
    "seasons",
    "holidays",
    "fuzzy",
    "frequencies",
    "future_markers",
    "present_markers",
    "past_markers",
    "future_governors",
)


@dataclass(frozen=True)
class Lexicon:
    """Calendar vocabulary; all mappings are keyed as written in the data file."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int | None]  # None = unspecified count ("several")
    ordinals: dict[str, int]
    units: dict[str, tuple[str, int]]
    parts_of_day: dict[str, str]
    clock_words: dict[str, str]
    seasons: dict[str, str]
    holidays: dict[str, tuple[int, int]]
    fuzzy: dict[str, str]
    frequencies: dict[str, str]
    future_markers: frozenset[str]
    present_markers: frozenset[str]
    past_markers: frozenset[str]
    future_governors: frozenset[str]

    def number(self, word: str) -> int | None:
        """Value of a digit string or number word; None for unspecified ("several")."""
        w = word.strip().lower()
        if w.isdigit():
            return int(w)
        # "twenty-four", "twenty four": tens plus units only
        parts = re.split(r"[-\s]+", w)
        if len(parts) == 2 and parts[0] in self.numbers and parts[1] in self.numbers:
            a, b = self.numbers[parts[0]], self.numbers[parts[1]]
            if a is not None and b is not None and a % 10 == 0 and 20 <= a <= 90 and b < 10:
                return a + b
        if w not in self.numbers:
            raise KeyError(word)
        return self.numbers[w]


def alternation(words: Any, escape: bool = True) -> str:
    """Regex alternation of ``words``, longest first so that "Sept" wins over "Sep"."""
    items = sorted({str(w) for w in words}, key=lambda s: (-len(s), s))
    return "|".join(re.escape(w) if escape else w for w in items)


def _parse(raw: Any, where: str) -> Lexicon:
    if not isinstance(raw, dict):
        raise DataFileError(f"{where}: expected a mapping at top level")
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise DataFileError(f"{where}: missing keys {', '.join(missing)}")
    try:
        numbers = {str(k): (None if v == "X" else int(v)) for k, v in raw["numbers"].items()}
        units = {str(k): (str(v[0]), int(v[1])) for k, v in raw["units"].items()}
        holidays = {str(k): (int(v[0]), int(v[1])) for k, v in raw["holidays"].items()}
        lex = Lexicon(
            months={str(k): int(v) for k, v in raw["months"].items()},
            weekdays={str(k): int(v) for k, v in raw["weekdays"].items()},
            numbers=numbers,
            ordinals={str(k): int(v) for k, v in raw["ordinals"].items()},
            units=units,
            parts_of_day={str(k): str(v) for k, v in raw["parts_of_day"].items()},
            clock_words={str(k): str(v) for k, v in raw["clock_words"].items()},
            seasons={str(k): str(v) for k, v in raw["seasons"].items()},
            holidays=holidays,
            fuzzy={str(k): str(v) for k, v in raw["fuzzy"].items()},
            frequencies={str(k): str(v) for k, v in raw["frequencies"].items()},
            future_markers=frozenset(str(w) for w in raw["future_markers"]),
            present_markers=frozenset(str(w) for w in raw["present_markers"]),
            past_markers=frozenset(str(w) for w in raw["past_markers"]),
            future_governors=frozenset(str(w) for w in raw["future_governors"]),
        )
    except (TypeError, ValueError, IndexError, AttributeError) as exc:
        raise DataFileError(f"{where}: malformed entry ({exc})") from exc
    bad_months = [k for k, v in lex.months.items() if not 1 <= v <= 12]
    bad_days = [k for k, v in lex.weekdays.items() if not 1 <= v <= 7]
    if bad_months or bad_days:
        raise DataFileError(f"{where}: out-of-range month/weekday {bad_months + bad_days}")
    return lex


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load and validate the bundled lexicon (cached per process)."""
    path = resources.files("dyads.time") / "data" / "lexicon.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: cannot be read ({exc})") from exc
    return _parse(raw, str(path))


@functools.lru_cache(maxsize=1)
def load_reaction_lemmas() -> frozenset[str]:
    """Lemmas of reaction verbs used by :func:`dyads.time.event_date` (cached)."""
    path = resources.files("dyads.time") / "data" / "event_dates.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: cannot be read ({exc})") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("reaction_lemmas"), list):
        raise DataFileError(f"{path}: needs a list 'reaction_lemmas'")
    return frozenset(str(w).lower() for w in raw["reaction_lemmas"])
