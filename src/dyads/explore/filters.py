"""One set of event filters, shared by every query, the CLI options and the web app's URL.

A :class:`Filters` turns into a SQL ``WHERE`` clause over the store's ``events`` table (alias
``e``) with bound parameters, never with user text pasted into SQL. Filters that the ``events``
table cannot answer alone (a full actor code such as ``RUSGOV``, a sector, the confidence, the
sentence text) become semi-joins on ``mentions``: an event matches when any of its mentions does.

Participants in ``events.actor``/``events.recipient`` are country keys joined with ``+``
(``DEU+ITA``; the full code for international actors such as ``IGOUNO``; ``-`` for none).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from dyads.errors import DyadsError

# The day an event is counted on: its own date interval's start, else its first report.
EVENT_DAY = "coalesce(e.date_min, e.first_report)"
# Country keys and CAMEO-style codes: letters and digits only.
_CODE = re.compile(r"^[A-Za-z0-9]{2,12}$")
MAX_TEXT = 200


class FilterError(DyadsError):
    """A filter value that cannot be used (a bad date, quad class or number)."""


@dataclass(frozen=True)
class Filters:
    """Which events to keep. Every field is optional; list fields match any of their values.

    ``actor``/``recipient`` take country keys (``RUS``) or full codes (``RUSGOV``);
    ``country`` matches either side; ``place`` matches the location's country or name.
    """

    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    mode: tuple[str, ...] = ()
    quad: tuple[int, ...] = ()
    modality: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    place: str | None = None
    min_confidence: float | None = None
    text: str | None = None

    def is_empty(self) -> bool:
        """True when no filter is set."""
        return self == Filters()

    def needs_mentions(self) -> bool:
        """Whether a filter reads the mentions table (slower than the events table alone)."""
        codes = [c for c in (*self.actor, *self.recipient) if not is_key(c)]
        return bool(codes or self.sector or self.min_confidence is not None or self.text)

    def with_(self, **changes: Any) -> Filters:
        """A copy with some fields changed (used to build links from one view to another)."""
        return replace(self, **changes)

    def to_params(self) -> dict[str, str]:
        """The URL query parameters (and CLI option values) that give back these filters."""
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or value == ():
                continue
            if isinstance(value, tuple):
                out[f.name] = ",".join(str(v) for v in value)
            elif isinstance(value, dt.date):
                out[f.name] = value.isoformat()
            else:
                out[f.name] = str(value)
        return out

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Filters:
        """Filters from URL query parameters or CLI options (unknown keys are ignored).

        Raises :class:`FilterError` with a message that names the bad parameter.
        """
        kw: dict[str, Any] = {}
        for name in ("actor", "recipient", "country", "sector"):
            kw[name] = _codes(name, params.get(name))
        for name in ("type", "mode", "modality"):
            kw[name] = _words(name, params.get(name))
        kw["quad"] = _quads(params.get("quad"))
        kw["date_from"] = _date("date_from", params.get("date_from"))
        kw["date_to"] = _date("date_to", params.get("date_to"))
        kw["place"] = _text("place", params.get("place"))
        kw["text"] = _text("text", params.get("text"))
        kw["min_confidence"] = _confidence(params.get("min_confidence"))
        if kw["date_from"] and kw["date_to"] and kw["date_from"] > kw["date_to"]:
            raise FilterError("date_from is after date_to (swap them)")
        return cls(**kw)

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition over ``events e`` and its parameters (``TRUE`` when empty)."""
        conds: list[str] = []
        params: list[Any] = []
        for side, values in (("actor", self.actor), ("recipient", self.recipient)):
            if values:
                cond, ps = _side_condition(side, values)
                conds.append(cond)
                params += ps
        if self.country:
            conds.append(
                "(len(list_intersect(string_split(e.actor, '+'), ?::VARCHAR[])) > 0 "
                "OR len(list_intersect(string_split(e.recipient, '+'), ?::VARCHAR[])) > 0)"
            )
            params += [list(self.country), list(self.country)]
        if self.sector:
            # Each side unnested and hash-joined on its own: list functions per row, or one
            # unnest of both lists concatenated, are slower (measured on 2M mentions).
            sector_codes = "(SELECT code FROM actors WHERE sector IN (SELECT unnest(?::VARCHAR[])))"
            conds.append(
                "e.id IN (SELECT event_id FROM (SELECT event_id, unnest(actor_codes) AS code "
                f"FROM mentions) WHERE code IN {sector_codes} "
                "UNION ALL SELECT event_id FROM (SELECT event_id, unnest(recipient_codes) AS code "
                f"FROM mentions) WHERE code IN {sector_codes})"
            )
            params += [list(self.sector), list(self.sector)]
        for column, values in (("event", self.type), ("mode", self.mode)):
            if values:
                conds.append(f"e.{column} IN (SELECT unnest(?::VARCHAR[]))")
                params.append(list(values))
        if self.modality:
            conds.append("e.modality IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(self.modality))
        if self.quad:
            conds.append("e.quad_code IN (SELECT unnest(?::INTEGER[]))")
            params.append(list(self.quad))
        if self.date_from:
            conds.append(f"{EVENT_DAY} >= ?")
            params.append(self.date_from)
        if self.date_to:
            conds.append(f"{EVENT_DAY} <= ?")
            params.append(self.date_to)
        if self.place:
            conds.append("(e.location_country = upper(?) OR contains(lower(e.location_name), ?))")
            params += [self.place, self.place.lower()]
        if self.min_confidence is not None:
            conds.append("e.id IN (SELECT event_id FROM mentions WHERE confidence >= ?)")
            params.append(self.min_confidence)
        if self.text:
            conds.append(
                "e.id IN (SELECT event_id FROM mentions WHERE contains(lower(sentence), ?))"
            )
            params.append(self.text.lower())
        return (" AND ".join(conds) or "TRUE"), params


def is_key(code: str) -> bool:
    """Whether ``code`` is a participant key of the events table: a country (``RUS``) or an
    international actor (``IGOUNO``), rather than a code with a sector (``RUSGOV``)."""
    return len(code) == 3 or code.startswith(("IGO", "NGO", "MNC"))


def _side_condition(side: str, values: tuple[str, ...]) -> tuple[str, list[Any]]:
    """Keys match the events table (fast); full codes any mention's codes on that side."""
    keys = [v for v in values if is_key(v)]
    codes = [v for v in values if not is_key(v)]
    parts: list[str] = []
    params: list[Any] = []
    if keys:
        parts.append(f"len(list_intersect(string_split(e.{side}, '+'), ?::VARCHAR[])) > 0")
        params.append(keys)
    if codes:
        # One list_contains per code: list_has_any/list_intersect are far slower on mentions.
        tests = " OR ".join(f"list_contains({side}_codes, ?)" for _ in codes)
        parts.append(f"e.id IN (SELECT event_id FROM mentions WHERE {tests})")
        params += codes
    return "(" + " OR ".join(parts) + ")", params


def _split(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    out: list[str] = []
    for item in items:
        out += [p.strip() for p in str(item).split(",") if p.strip()]
    return out


def _codes(name: str, value: Any) -> tuple[str, ...]:
    out = []
    for code in _split(value):
        if not _CODE.match(code):
            raise FilterError(f"{name}: {code[:40]!r} is not an actor code (letters/digits: RUS)")
        out.append(code.upper())
    return tuple(out)


def _words(name: str, value: Any) -> tuple[str, ...]:
    out = []
    for word in _split(value):
        if not re.match(r"^[A-Za-z_-]{1,40}$", word):
            raise FilterError(f"{name}: {word[:40]!r} is not a name (e.g. CONSULT, asserted)")
        out.append(word.upper() if name == "type" else word.lower())
    return tuple(out)


def _quads(value: Any) -> tuple[int, ...]:
    out = []
    for item in _split(value):
        if item not in ("1", "2", "3", "4"):
            raise FilterError(f"quad: {item[:40]!r} is not a quad class (1, 2, 3 or 4)")
        out.append(int(item))
    return tuple(out)


def _date(name: str, value: Any) -> dt.date | None:
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 12, 31) if name == "date_to" else dt.date(int(text), 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            start = dt.date.fromisoformat(text + "-01")
            if name == "date_to":
                nxt = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                return nxt - dt.timedelta(days=1)
            return start
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise FilterError(
            f"{name}: {text[:40]!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from exc


def _text(name: str, value: Any) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise FilterError(f"{name}: longer than {MAX_TEXT} characters")
    return text


def _confidence(value: Any) -> float | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        number = float(value)
    except ValueError as exc:
        raise FilterError(f"min_confidence: {str(value)[:40]!r} is not a number (0 to 1)") from exc
    if not 0.0 <= number <= 1.0:
        raise FilterError(f"min_confidence: {number} is outside 0 to 1")
    return number
