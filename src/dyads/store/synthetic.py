"""A synthetic multi-source news corpus with known truth, for deduplication and ingest.

Underlying events (who did what to whom, when, where) are drawn at random; several outlets
report each one with paraphrases, on different publication dates, sometimes ahead of time
("will visit"), with the detail a real coder would lose (a day off, only the month, no place).
Distractors that must *not* merge are planted on purpose: a follow-up round of talks a week
later, a retaliation in the other direction, a different action by the same pair on the same day.

Everything is seeded and streamed, so a benchmark can draw 50k articles in constant memory.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from dyads.errors import DataFileError
from dyads.ids import article_id_for, content_id
from dyads.records import Article
from dyads.store.cluster import (
    DedupRules,
    MentionKey,
    block_key,
    date_interval,
)

MONTHS = "January February March April May June July August September October November December"


@dataclass(frozen=True)
class Country:
    """A country of the synthetic world."""

    code: str
    name: str
    adj: str
    capital: str
    city: str


@dataclass(frozen=True)
class Kind:
    """A kind of event with its coding and its sentence templates."""

    name: str
    event: str
    mode: str | None
    cameo: str
    symmetric: bool
    place: str
    headline: tuple[str, ...]
    past: tuple[str, ...]
    future: tuple[str, ...]


@dataclass(frozen=True)
class World:
    """The data of ``data/synthetic.yaml``."""

    countries: tuple[Country, ...]
    venues: tuple[tuple[str, str], ...]
    actor_phrases: tuple[str, ...]
    outlets: tuple[str, ...]
    kinds: tuple[Kind, ...]
    filler: tuple[str, ...]
    footer: str
    update: str


@functools.lru_cache(maxsize=1)
def load_world() -> World:
    """Load ``data/synthetic.yaml``."""
    path = resources.files("dyads.store") / "data" / "synthetic.yaml"
    try:
        d: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        return World(
            countries=tuple(Country(*map(str, c)) for c in d["countries"]),
            venues=tuple((str(v[0]), str(v[1])) for v in d["venues"]),
            actor_phrases=tuple(d["actor_phrases"]),
            outlets=tuple(d["outlets"]),
            kinds=tuple(
                Kind(
                    name=k,
                    event=v["event"],
                    mode=v.get("mode"),
                    cameo=str(v["cameo"]),
                    symmetric=bool(v["symmetric"]),
                    place=v["place"],
                    headline=tuple(v["headline"]),
                    past=tuple(v["past"]),
                    future=tuple(v.get("future") or ()),
                )
                for k, v in d["kinds"].items()
            ),
            filler=tuple(d["filler"]),
            footer=str(d["syndication_footer"]),
            update=str(d["update_paragraph"]),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"{path}: cannot load the synthetic world: {exc}") from exc


@dataclass(frozen=True)
class TruthEvent:
    """One real-world event of the synthetic world."""

    id: str
    kind: Kind
    actor: Country
    recipient: Country
    date: dt.date
    location_country: str | None
    location_name: str | None


@dataclass(frozen=True)
class MentionSpec:
    """How one article reports one truth event (with the detail a coder would get)."""

    truth: TruthEvent
    event: str
    mode: str | None
    modality: str
    date: str | None
    location: bool
    swapped: bool
    sentence: str
    headline: bool = False


@dataclass(frozen=True)
class Report:
    """One article: its outlet, date, mentions, and what it copies or updates."""

    id: str
    outlet: str
    pub_date: dt.date
    mentions: tuple[MentionSpec, ...]
    filler: tuple[str, ...]
    copy_of: str | None = None  # a syndicated copy of another report (not new evidence)
    update_of: str | None = None  # an updated version of another report
    extra: tuple[str, ...] = field(default_factory=tuple)


def _when(d: dt.date) -> str:
    return f"on {MONTHS.split()[d.month - 1]} {d.day}"


class _Generator:
    def __init__(self, seed: int, start: dt.date, days: int) -> None:
        self.rng = random.Random(seed)
        self.world = load_world()
        self.start = start
        self.days = days
        self.n = 0
        self.last_by_pair: dict[tuple[str, str], TruthEvent] = {}

    def event(
        self,
        kind: Kind | None = None,
        pair: tuple[Country, Country] | None = None,
        date: dt.date | None = None,
    ) -> TruthEvent:
        rng, w = self.rng, self.world
        kind = kind or rng.choice(w.kinds)
        a, b = pair or tuple(rng.sample(w.countries, 2))
        date = date or self.start + dt.timedelta(days=rng.randrange(self.days))
        loc: tuple[str | None, str | None] = (None, None)
        if kind.place == "recipient_capital":
            loc = (b.code, b.capital)
        elif kind.place == "recipient_city":
            loc = (b.code, rng.choice((b.capital, b.city)))
        elif kind.place == "venue":
            loc = rng.choice(w.venues)
        self.n += 1
        return TruthEvent(f"T{self.n}", kind, a, b, date, loc[0], loc[1])

    def events(self) -> Iterator[TruthEvent]:
        """The stream of truth events, each sometimes followed by a planted distractor."""
        rng = self.rng
        by_name = {k.name: k for k in self.world.kinds}
        while True:
            ev = self.event()
            yield ev
            r = rng.random()
            pair = (ev.actor, ev.recipient)
            if r < 0.15:  # a follow-up of the same kind a week or so later
                yield self.event(ev.kind, pair, ev.date + dt.timedelta(days=rng.randint(5, 12)))
            elif r < 0.25 and not ev.kind.symmetric:  # retaliation in the other direction
                back = (ev.recipient, ev.actor)
                yield self.event(ev.kind, back, ev.date + dt.timedelta(days=rng.randint(0, 1)))
            elif r < 0.32:  # another action by the same pair on the same day
                other = {"visit": "sign", "accuse": "threaten", "sanction": "threaten"}
                kind = by_name.get(other.get(ev.kind.name, "accuse"), ev.kind)
                if kind is not ev.kind:
                    yield self.event(kind, pair, ev.date)

    def sentence(self, ev: TruthEvent, future: bool, swapped: bool, headline: bool) -> str:
        rng, w = self.rng, self.world
        a, b = (ev.recipient, ev.actor) if swapped else (ev.actor, ev.recipient)

        def phrase(c: Country) -> str:
            p = rng.choice(w.actor_phrases)
            return p.format(adj=c.adj, name=c.name, capital=c.capital)

        pool = ev.kind.headline if headline else (ev.kind.future if future else ev.kind.past)
        text = rng.choice(pool).format(
            A=phrase(a) if not headline else a.name,
            B=phrase(b) if not headline else b.name,
            A_adj=a.adj,
            A_name=a.name,
            B_name=b.name,
            B_cap=b.capital,
            city=ev.location_name or b.capital,
            when=_when(ev.date),
        )
        return text[0].upper() + text[1:]

    def mention(
        self, ev: TruthEvent, pub: dt.date, headline: bool = False, background: bool = False
    ) -> MentionSpec:
        rng = self.rng
        future = pub < ev.date and bool(ev.kind.future)
        swapped = ev.kind.symmetric and rng.random() < 0.4
        r = rng.random()
        if background or r < 0.1:
            date: str | None = ev.date.isoformat()[:7]  # only the month
        elif r < 0.2:
            date = (ev.date + dt.timedelta(days=rng.choice((-1, 1)))).isoformat()
        elif r < 0.3:
            date = None  # the coder found no date: the publication date stands in
        else:
            date = ev.date.isoformat()
        event, mode = ev.kind.event, ev.kind.mode
        if event == "CONSULT" and rng.random() < 0.1:
            event, mode = "AGREE", None  # "agreed to meet": the other reading of a visit
        elif rng.random() < 0.2:
            mode = None
        return MentionSpec(
            truth=ev,
            event=event,
            mode=mode,
            modality="future" if future else "asserted",
            date=date,
            location=ev.location_country is not None and rng.random() < 0.6,
            swapped=swapped,
            sentence=self.sentence(ev, future, swapped, headline),
            headline=headline,
        )

    def reports(self) -> Iterator[Report]:
        rng, w = self.rng, self.world
        for ev in self.events():
            n_reports = rng.choices((1, 2, 3, 4, 5), weights=(30, 25, 20, 15, 10))[0]
            outlets = rng.sample(w.outlets, n_reports)
            prior = self.last_by_pair.get((ev.actor.code, ev.recipient.code))
            for outlet in outlets:
                if ev.kind.future and rng.random() < 0.25:
                    pub = ev.date - dt.timedelta(days=rng.randint(1, 10))
                else:
                    pub = ev.date + dt.timedelta(days=rng.choice((0, 0, 1, 1, 2)))
                specs = [self.mention(ev, pub)]
                if rng.random() < 0.3:
                    specs.insert(0, self.mention(ev, pub, headline=True))
                if prior is not None and prior.date < pub and rng.random() < 0.3:
                    specs.append(self.mention(prior, pub, background=True))
                filler = tuple(
                    f.format(
                        A_name=ev.actor.name,
                        B_name=ev.recipient.name,
                        A_cap=ev.actor.capital,
                        B_cap=ev.recipient.capital,
                    )
                    for f in rng.sample(w.filler, rng.randint(3, 6))
                )
                rid = content_id("report", ev.id, outlet)
                rep = Report(rid, outlet, pub, tuple(specs), filler)
                yield rep
                if rng.random() < 0.15:
                    other = rng.choice([o for o in w.outlets if o != outlet])
                    yield Report(
                        content_id("copy", rid, other),
                        other,
                        pub,
                        rep.mentions,
                        filler,
                        copy_of=rid,
                    )
                elif rng.random() < 0.05:
                    yield Report(
                        content_id("update", rid),
                        outlet,
                        pub + dt.timedelta(days=1),
                        rep.mentions,
                        filler,
                        update_of=rid,
                        extra=(w.update,),
                    )
            self.last_by_pair[(ev.actor.code, ev.recipient.code)] = ev


def reports(
    seed: int = 7, start: dt.date = dt.date(2024, 1, 1), days: int = 365
) -> Iterator[Report]:
    """An endless, seeded stream of reports (take as many as needed)."""
    return _Generator(seed, start, days).reports()


def render(rep: Report) -> tuple[Article, list[tuple[int, int, MentionSpec]]]:
    """The article text of a report, and the character span of each mention's sentence."""
    w = load_world()
    lines: list[str] = []
    spans: list[tuple[int, int, MentionSpec]] = []
    pos = 0

    def add(line: str, spec: MentionSpec | None) -> None:
        nonlocal pos
        if spec is not None:
            spans.append((pos, pos + len(line), spec))
        lines.append(line)
        pos += len(line) + 2

    head = next((m for m in rep.mentions if m.headline), None)
    # Without a headline mention the first report sentence doubles as the headline.
    add(head.sentence if head else rep.mentions[0].sentence.rstrip("."), head or rep.mentions[0])
    for m in rep.mentions:
        if not m.headline:
            add(m.sentence, m)
    for f in (*rep.filler, *rep.extra):
        add(f, None)
    if rep.copy_of:
        add(w.footer.format(outlet=rep.outlet), None)
    text = "\n\n".join(lines) + "\n"
    url = f"https://news.example/{rep.outlet.lower().replace(' ', '-')}/{rep.id}"
    art = Article(
        id=article_id_for(text, url),
        text=text,
        title=lines[0],
        date=rep.pub_date,
        url=url,
        source=rep.outlet,
        body_start=len(lines[0]) + 2,
    )
    return art, spans


def mention_records(
    reps: Iterable[Report], rules: DedupRules | None = None
) -> list[tuple[MentionKey, str]]:
    """The mentions a faithful coder would produce, as clustering input, with their truth ids.

    Syndicated copies are left out (ingest does not code them); updated versions are kept and
    share their original's source group.
    """
    rules = rules or DedupRules.default()
    out: list[tuple[MentionKey, str]] = []
    for rep in reps:
        if rep.copy_of:
            continue
        group = rep.update_of or rep.id
        for i, m in enumerate(rep.mentions):
            ev = m.truth
            a, b = (ev.recipient, ev.actor) if m.swapped else (ev.actor, ev.recipient)
            dmin, dmax, prec = date_interval(m.date, rep.pub_date, rules)
            out.append(
                (
                    MentionKey(
                        id=content_id(rep.id, i),
                        article_id=rep.id,
                        source_group=group,
                        block=block_key(m.event, (a.code,), (b.code,), m.modality, rules),
                        event=m.event,
                        actor=a.code,
                        recipient=b.code,
                        modality=m.modality,
                        date=m.date,
                        date_min=dmin,
                        date_max=dmax,
                        precision=prec,
                        report_date=rep.pub_date,
                        mode=m.mode,
                        cameo=ev.kind.cameo,
                        location_country=ev.location_country if m.location else None,
                        location_name=ev.location_name if m.location else None,
                    ),
                    ev.id,
                )
            )
    return out


def bcubed(pred: dict[str, str], truth: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering ``pred`` (item -> cluster) vs ``truth``."""
    items = [i for i in pred if i in truth]
    if not items:
        return 0.0, 0.0, 0.0
    by_pred: dict[str, set[str]] = {}
    by_true: dict[str, set[str]] = {}
    for i in items:
        by_pred.setdefault(pred[i], set()).add(i)
        by_true.setdefault(truth[i], set()).add(i)
    p = r = 0.0
    for i in items:
        same_pred = by_pred[pred[i]]
        same_true = by_true[truth[i]]
        both = len(same_pred & same_true)
        p += both / len(same_pred)
        r += both / len(same_true)
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def exact_clusters(pred: dict[str, str], truth: dict[str, str]) -> tuple[int, int]:
    """How many true clusters are reproduced exactly, out of how many."""
    by_pred: dict[str, frozenset[str]] = {}
    by_true: dict[str, set[str]] = {}
    for i, c in pred.items():
        if i in truth:
            by_pred[c] = by_pred.get(c, frozenset()) | {i}
            by_true.setdefault(truth[i], set()).add(i)
    predicted = set(by_pred.values())
    return sum(1 for s in by_true.values() if frozenset(s) in predicted), len(by_true)


def take(it: Iterator[Report], n: int) -> list[Report]:
    """The first ``n`` reports of a stream."""
    return [next(it) for _ in range(n)]


def articles(n: int, seed: int = 7) -> Iterator[Article]:
    """``n`` rendered articles of the seeded stream (streamed, constant memory)."""
    it = reports(seed)
    for _ in range(n):
        yield render(next(it))[0]


__all__: Sequence[str] = (
    "MentionSpec",
    "Report",
    "TruthEvent",
    "articles",
    "bcubed",
    "exact_clusters",
    "load_world",
    "mention_records",
    "render",
    "reports",
    "take",
)
