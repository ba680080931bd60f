"""Frozen records that flow through the pipeline: articles in, events out.

Every record is immutable and JSON-serialisable through :func:`to_dict`. Ids are content
hashes (see :mod:`dyads.ids`) so that re-running a job never creates new ids for the same input.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Modality = Literal["asserted", "future", "negated", "hypothetical", "alleged"]
DateBasis = Literal["text", "publication", "unknown"]
MODALITIES: tuple[str, ...] = ("asserted", "future", "negated", "hypothetical", "alleged")


@dataclass(frozen=True)
class Article:
    """One input document. ``text`` is kept exactly as given: all offsets refer to it."""

    id: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None
    # Offset where the body starts: for .txt files the first line is the headline and is part
    # of ``text`` (so offsets stay valid); ``body_start`` tells where the headline ends.
    body_start: int = 0


@dataclass(frozen=True)
class Actor:
    """One resolved actor mention.

    ``code`` is CAMEO-style (``RUSGOV``, ``TUR``, ``IGOUNOICC``); ``country`` is ISO-3166
    alpha-3 or None for international actors; ``start``/``end`` are character offsets of
    ``entity_text`` in the article text (for a pronoun, the pronoun's own offsets).
    """

    code: str
    country: str | None
    sector: str | None
    name: str | None
    entity_text: str
    start: int
    end: int


@dataclass(frozen=True)
class Location:
    """Where an event took place, resolved offline from GeoNames data.

    ``text``/``start``/``end`` are the place mention as written and its character offsets in
    the article (None when no words name it, e.g. a visit placed in the host's country).
    ``admin1``/``admin2`` name the province and district the place lies in (a province's own
    ``admin1`` is its name); ``feature_class``/``feature_code`` are GeoNames' (``A``/``PCLI`` a
    country, ``A``/``ADM1`` a province, ``P``/``PPL`` a town, ``P``/``PPLC`` a capital);
    ``precision`` says what the point stands for: ``country``, ``admin1``, ``admin2``,
    ``city``, ``region`` (a region or sea spanning borders) or ``point`` (a landmark).
    """

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    precision: str | None = None


@dataclass(frozen=True)
class TextInfo:
    """The evidence sentence of one mention and its character offsets in the article text."""

    sentence: str
    sentence_index: int
    start: int
    end: int
    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None


@dataclass(frozen=True)
class TimeExpr:
    """A time expression found in text, normalised to a TIMEX3 value."""

    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str


@dataclass(frozen=True)
class Event:
    """One coded event: who did what to whom, when, where, according to whom."""

    id: str
    article_id: str
    event: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    quad_code: int
    goldstein: float
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    date: str | None
    date_text: str | None
    date_basis: DateBasis
    modality: Modality
    attributed_to: tuple[str, ...]
    location: Location | None
    text_info: TextInfo
    confidence: float
    mentions: tuple[TextInfo, ...] = field(default_factory=tuple)
    # which coder made the event: the dyads version and the learned models' versions with the
    # hash of the data they were trained on
    provenance: str | None = None
    # which step decided each field, as (field, step) pairs: "rule <lemma>", "trigger model",
    # "role model", "implied", "context" ... (printed by `dyads code --explain`)
    explain: tuple[tuple[str, str], ...] = ()


def to_dict(record: Any) -> Any:
    """Convert a record (or nested records, tuples, dates) into plain JSON-ready values."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(x) for x in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    if isinstance(record, (dt.date, dt.datetime)):
        return record.isoformat()
    return record
