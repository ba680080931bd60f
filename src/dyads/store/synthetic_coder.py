"""A fast, deterministic stand-in coder over the synthetic world, for store tests and benchmarks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from dyads.ids import content_id
from dyads.records import Actor, Article, Event, Location, TextInfo
from dyads.store.synthetic import Country, Kind, load_world


class HashCoder:
    """A fast, deterministic stand-in coder for store tests and store-only benchmarks.

    Every body line of an article yields one event whose fields are drawn from a hash of the
    line, so identical lines in different articles give identical events (as syndicated copies
    would). It measures the store, not coding quality.
    """

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.world = load_world()

    def code_batch(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[tuple[Article, list[Event]]]:
        """Code each article (sleeping ``delay`` seconds per article to simulate work)."""
        import time

        for art in articles:
            if self.delay:
                time.sleep(self.delay)
            yield art, self.code(art)

    def code(self, art: Article) -> list[Event]:
        """Events of one article."""
        out: list[Event] = []
        kinds, countries = self.world.kinds, self.world.countries
        pos = 0
        for i, line in enumerate(art.text.split("\n")):
            start, pos = pos, pos + len(line) + 1
            if i == 0 or len(line) < 40:
                continue
            h = int(content_id(line)[:12], 16)
            kind = kinds[h % len(kinds)]
            a = countries[(h >> 8) % len(countries)]
            b = countries[(h >> 16) % len(countries)]
            if a == b:
                continue
            date = (art.date - dt.timedelta(days=(h >> 24) % 3)).isoformat() if art.date else None
            out.append(_event(art, kind, a, b, date, line, start, i))
        return out


def _actor(c: Country, start: int) -> Actor:
    return Actor(
        code=c.code + "GOV",
        country=c.code,
        sector="GOV",
        name=None,
        entity_text=c.name,
        start=start,
        end=start + len(c.name),
    )


def _event(
    art: Article,
    kind: Kind,
    a: Country,
    b: Country,
    date: str | None,
    line: str,
    start: int,
    i: int,
) -> Event:
    loc = Location(b.capital, b.code, None, None, None) if kind.place != "none" else None
    return Event(
        id="e" + content_id(art.id, start, kind.event),
        article_id=art.id,
        event=kind.event,
        mode=kind.mode,
        context=(),
        cameo=kind.cameo,
        quad_code=1,
        goldstein=0.0,
        actor=(_actor(a, start),),
        recipient=(_actor(b, start),),
        date=date,
        date_text=None,
        date_basis="publication" if date else "unknown",
        modality="asserted",
        attributed_to=(),
        location=loc,
        text_info=TextInfo(sentence=line, sentence_index=i, start=start, end=start + len(line)),
        confidence=0.5,
    )
