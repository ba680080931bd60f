"""Cross-article event deduplication: mentions of one real-world event become one event.

A mention is one coded report (a :class:`~dyads.records.Event` in one article). Mentions are
first put in *blocks* that can only ever merge within themselves: the same type family, the same
actor and recipient country sets (either order for symmetric families) and the same modality
group. Inside a block, mentions are clustered greedily in a canonical order (most precisely dated
first, then by date, then by id), each joining the closest compatible cluster:

- its date interval overlaps the cluster seed's interval widened by ``window_days``;
- vague dates (wider than ``max_span_days``) only join clusters dated identically;
- the location country and the mode agree whenever both are known.

Because the order is canonical and a block is always re-clustered from all its mentions, the
result depends only on the set of mentions, never on ingest order, batch size or resumption.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from dyads.errors import DataFileError
from dyads.ids import content_id
from dyads.records import Actor

# Precision ranks: lower is more precise and seeds clusters first.
DAY, WEEK, MONTH, REPORT, VAGUE, UNDATED = 0, 1, 2, 3, 4, 5


@dataclass(frozen=True)
class Family:
    """PLOVER types that may describe the same happening, and whether sides may swap."""

    name: str
    types: tuple[str, ...]
    symmetric: bool


@dataclass(frozen=True)
class DedupRules:
    """Tunable thresholds of event deduplication (defaults in ``data/dedup.yaml``)."""

    window_days: int = 2
    max_span_days: int = 31
    undated_lookback_days: int = 7
    require_same_location: bool = True
    require_same_mode: bool = True
    families: tuple[Family, ...] = ()
    modality_groups: tuple[tuple[str, str], ...] = ()

    @classmethod
    def default(cls) -> DedupRules:
        """The rules in ``data/dedup.yaml``."""
        return _default_rules()

    def family(self, event: str) -> Family:
        """The family of a PLOVER type (a one-type directed family when not listed)."""
        for fam in self.families:
            if event in fam.types:
                return fam
        return Family(event, (event,), False)

    def modality_group(self, modality: str) -> str:
        """The modality group (``pos``, ``neg``, ``hyp``); unknown modalities stand alone."""
        return dict(self.modality_groups).get(modality, modality)


@functools.lru_cache(maxsize=1)
def _default_rules() -> DedupRules:
    path = resources.files("dyads.store") / "data" / "dedup.yaml"
    try:
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        families = tuple(
            Family(str(f["name"]), tuple(str(t) for t in f["types"]), bool(f["symmetric"]))
            for f in data.get("families", [])
        )
        groups = tuple((str(k), str(v)) for k, v in data.get("modality_groups", {}).items())
        return DedupRules(
            window_days=int(data["window_days"]),
            max_span_days=int(data["max_span_days"]),
            undated_lookback_days=int(data["undated_lookback_days"]),
            require_same_location=bool(data["require_same_location"]),
            require_same_mode=bool(data["require_same_mode"]),
            families=families,
            modality_groups=groups,
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"{path}: cannot load the dedup rules: {exc}") from exc


_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def date_interval(
    value: str | None, report_date: dt.date | None, rules: DedupRules
) -> tuple[dt.date | None, dt.date | None, int]:
    """The interval a TIMEX-style date value covers, and its precision rank.

    ``YYYY-MM-DD``, ``YYYY-Www``, ``YYYY-MM``, ``YYYY-Qn`` and ``YYYY`` are understood; anything
    else (or nothing) falls back to the week before ``report_date``, or to undated.
    """
    v = (value or "").strip()
    try:
        if len(v) >= 10 and v[4] == "-" and v[7] == "-":
            d = dt.date.fromisoformat(v[:10])
            return d, d, DAY
        if m := _WEEK.match(v):
            start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + dt.timedelta(days=6), WEEK
        if m := _QUARTER.match(v):
            q = int(m[2])
            start = dt.date(int(m[1]), 3 * q - 2, 1)
            end = dt.date(int(m[1]) + q // 4, (3 * q) % 12 + 1, 1) - dt.timedelta(days=1)
            return start, end, VAGUE
        if len(v) == 7 and v[4] == "-":
            start = dt.date(int(v[:4]), int(v[5:7]), 1)
            nxt = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return start, nxt - dt.timedelta(days=1), MONTH
        if len(v) == 4 and v.isdigit():
            return dt.date(int(v), 1, 1), dt.date(int(v), 12, 31), VAGUE
    except ValueError:
        pass
    if report_date is not None:
        return report_date - dt.timedelta(days=rules.undated_lookback_days), report_date, REPORT
    return None, None, UNDATED


def actor_keys(actors: Iterable[Actor]) -> tuple[str, ...]:
    """The sorted set of country codes of ``actors`` (the full code for international actors)."""
    return tuple(sorted({a.country or a.code for a in actors}))


def block_key(
    event: str,
    actors: Sequence[str],
    recipients: Sequence[str],
    modality: str,
    rules: DedupRules,
) -> str:
    """The block of a mention: mentions in different blocks never merge."""
    fam = rules.family(event)
    a = "+".join(actors) or "-"
    r = "+".join(recipients) or "-"
    if fam.symmetric and r < a:
        a, r = r, a
    return f"{fam.name}|{a}|{r}|{rules.modality_group(modality)}"


@dataclass(frozen=True)
class MentionKey:
    """What clustering needs to know about one mention."""

    id: str
    article_id: str
    source_group: str  # root of the article's near-duplicate group (itself when unique)
    block: str
    event: str
    actor: str
    recipient: str
    modality: str
    date: str | None
    date_min: dt.date | None
    date_max: dt.date | None
    precision: int
    report_date: dt.date | None = None
    mode: str | None = None
    cameo: str | None = None
    quad_code: int | None = None
    goldstein: float | None = None
    location_country: str | None = None
    location_name: str | None = None


@dataclass
class _Cluster:
    seed: MentionKey
    members: list[MentionKey] = field(default_factory=list)
    location: str | None = None
    mode: str | None = None


def _compatible(c: _Cluster, m: MentionKey, rules: DedupRules) -> bool:
    s = c.seed
    if s.date_min is None or m.date_min is None or s.date_max is None or m.date_max is None:
        return False
    if s.precision == VAGUE or m.precision == VAGUE:
        if (s.date_min, s.date_max) != (m.date_min, m.date_max):
            return False
    else:
        w = dt.timedelta(days=rules.window_days)
        if m.date_min > s.date_max + w or m.date_max < s.date_min - w:
            return False
    if (
        rules.require_same_location
        and c.location
        and m.location_country
        and c.location != m.location_country
    ):
        return False
    return not (rules.require_same_mode and c.mode and m.mode and c.mode != m.mode)


def _distance(c: _Cluster, m: MentionKey) -> int:
    assert c.seed.date_min and c.seed.date_max and m.date_min and m.date_max
    a = c.seed.date_min.toordinal() + c.seed.date_max.toordinal()
    b = m.date_min.toordinal() + m.date_max.toordinal()
    return abs(a - b)


def cluster_block(mentions: Sequence[MentionKey], rules: DedupRules) -> list[list[MentionKey]]:
    """Cluster the mentions of one block; clusters and members come in canonical order."""
    order = sorted(mentions, key=lambda m: (m.precision, m.date_min or dt.date.max, m.id))
    clusters: list[_Cluster] = []
    # Precise seeds indexed by start date, so that a mention only looks at clusters near it in
    # time; vague seeds (a year, a quarter) only ever match an identical interval.
    starts: list[tuple[int, int]] = []
    vague: dict[tuple[dt.date, dt.date], list[int]] = {}
    reach = rules.window_days + rules.max_span_days + 1
    for m in order:
        best: _Cluster | None = None
        best_score: tuple[int, int, str] | None = None
        if m.date_min is not None and m.date_max is not None:
            if m.precision == VAGUE:
                near = vague.get((m.date_min, m.date_max), [])
            else:
                lo = bisect.bisect_left(starts, (m.date_min.toordinal() - reach, -1))
                hi = bisect.bisect_right(starts, (m.date_max.toordinal() + reach, len(clusters)))
                near = [ci for _, ci in starts[lo:hi]]
            for ci in near:
                c = clusters[ci]
                if _compatible(c, m, rules):
                    score = (_distance(c, m), -len(c.members), c.seed.id)
                    if best_score is None or score < best_score:
                        best, best_score = c, score
        if best is None:
            best = _Cluster(seed=m)
            clusters.append(best)
            if m.date_min is not None and m.date_max is not None:
                if m.precision == VAGUE:
                    vague.setdefault((m.date_min, m.date_max), []).append(len(clusters) - 1)
                else:
                    bisect.insort(starts, (m.date_min.toordinal(), len(clusters) - 1))
        best.members.append(m)
        best.location = best.location or m.location_country
        best.mode = best.mode or m.mode
    groups = [sorted(c.members, key=lambda x: x.id) for c in clusters]
    return sorted(groups, key=lambda g: g[0].id)


def cluster_mentions(
    mentions: Iterable[MentionKey], rules: DedupRules | None = None
) -> list[list[MentionKey]]:
    """Cluster mentions of any blocks: a list of clusters, each a list of mentions."""
    rules = rules or DedupRules.default()
    blocks: dict[str, list[MentionKey]] = {}
    for m in mentions:
        blocks.setdefault(m.block, []).append(m)
    out: list[list[MentionKey]] = []
    for key in sorted(blocks):
        out.extend(cluster_block(blocks[key], rules))
    return out


def _most_common(values: Iterable[Any]) -> Any:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    # Ties go to the smallest value so that the choice never depends on order.
    return min(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]


def event_id(members: Sequence[MentionKey]) -> str:
    """Stable id of a cluster: a hash of its block and its smallest mention id."""
    first = min(m.id for m in members)
    return "v" + content_id(members[0].block, first)


def summarize(members: Sequence[MentionKey]) -> dict[str, Any]:
    """The event row of one cluster (a plain dict with the ``events`` table's columns)."""
    best_precision = min(m.precision for m in members)
    precise = [m for m in members if m.precision == best_precision]
    dated = [m for m in members if m.precision < VAGUE and m.date_min and m.date_max]
    counts = Counter(m.date for m in precise if m.date)
    date = min(counts, key=lambda d: (-counts[d], d)) if counts else None
    orientation = _most_common((m.actor, m.recipient) for m in members)
    cameo = _most_common(m.cameo for m in members)
    coded = next((m for m in sorted(members, key=lambda x: x.id) if m.cameo == cameo), members[0])
    modalities = {m.modality for m in members}
    location_country = _most_common(m.location_country for m in members)
    reports = [m.report_date for m in members if m.report_date]
    return {
        "id": event_id(members),
        "block_key": members[0].block,
        "event": _most_common(m.event for m in members),
        "mode": _most_common(m.mode for m in members),
        "cameo": cameo,
        "quad_code": coded.quad_code,
        "goldstein": coded.goldstein,
        "actor": orientation[0],
        "recipient": orientation[1],
        # An event reported both as planned and as done has happened.
        "modality": "asserted" if "asserted" in modalities else _most_common(modalities),
        "date": date,
        "date_min": min((m.date_min for m in dated), default=None),  # type: ignore[type-var]
        "date_max": max((m.date_max for m in dated), default=None),  # type: ignore[type-var]
        "location_country": location_country,
        "location_name": _most_common(
            m.location_name for m in members if m.location_country == location_country
        ),
        "n_mentions": len(members),
        "n_articles": len({m.article_id for m in members}),
        "n_sources": len({m.source_group for m in members}),
        "first_report": min(reports, default=None),
        "last_report": max(reports, default=None),
        "mention_ids": [m.id for m in members],
    }
