"""Merge mentions of one event inside an article ("Putin to visit Turkey" in the headline and
"Putin will visit Turkey on Feb. 12" in the body) into one event with several mentions."""

from __future__ import annotations

import dataclasses

from dyads.records import Actor, Event

INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC")


def actor_key(a: Actor) -> str:
    """Who an actor is, for merging: its country, or for an international body the body
    itself (``IGOUNO`` and ``IGONAT`` are two actors, not one ``IGO``), else its whole code."""
    if a.country:
        return a.country
    if a.code.startswith(INTERNATIONAL):
        return a.code[:6]
    return a.code


def _countries(actors: tuple[Actor, ...]) -> frozenset[str]:
    return frozenset(actor_key(a) for a in actors)


def _dates_compatible(a: Event, b: Event) -> bool:
    if a.date_basis != "text" or b.date_basis != "text":
        return True
    if a.date is None or b.date is None:
        return True
    return a.date.startswith(b.date) or b.date.startswith(a.date)


def _lemma(ev: Event) -> str:
    word = (ev.text_info.trigger or "").lower()
    return word[:5]  # a crude stem: "visit"/"visits"/"visited", "invasion"/"invaded" differ


def _same_report(a: Event, b: Event) -> bool:
    """Two mentions restate one event when they use the same word, or name the same date
    in different sentences (one sentence stating two acts of one type on one day, "unions
    called off their protest after the government repealed the laws", states two events)."""
    if _lemma(a) == _lemma(b):
        return True
    if a.text_info.sentence_index == b.text_info.sentence_index:
        # One sentence naming two different acts states two events, even between the same
        # parties on the same day ("will travel to Berlin ... and will meet Kohl in Bonn").
        return False
    return a.date_basis == "text" and b.date_basis == "text" and a.date == b.date


def same_event(a: Event, b: Event) -> bool:
    """Whether two mentions in one article report the same event.

    Same PLOVER type, mode (when both have one) and modality, the same actor countries, recipients equal or one of them
    unstated, and dates that do not contradict each other (a mention dated only by the
    publication date contradicts nothing).
    """
    if a.event != b.event or a.modality != b.modality:
        return False
    if a.mode and b.mode and a.mode != b.mode:
        return False  # "an internet blackout and a curfew": two measures, not one
    if _countries(a.actor) != _countries(b.actor):
        return False
    if not _same_report(a, b):
        return False
    ra, rb = _countries(a.recipient), _countries(b.recipient)
    if ra != rb and (ra and rb or a.text_info.trigger != b.text_info.trigger):
        # An unstated recipient only merges with a repeat of the same word ("the invasion").
        return False
    return _dates_compatible(a, b)


def _richer(xs: tuple[Actor, ...], ys: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """Union by country, keeping the more specific code (RUSGOV over RUS) for each country."""
    best: dict[str, Actor] = {}
    for a in (*xs, *ys):
        key = actor_key(a)
        cur = best.get(key)
        if cur is None or (len(a.code) > len(cur.code)) or (cur.name is None and a.name):
            best[key] = a
    return tuple(best.values())


def _combine(a: Event, b: Event) -> Event:
    dated = a if a.date_basis == "text" else b if b.date_basis == "text" else a
    if (
        a.date_basis == "text"
        and b.date_basis == "text"
        and b.date
        and a.date
        and len(b.date) > len(a.date)
    ):
        dated = b
    attributed = tuple(dict.fromkeys((*a.attributed_to, *b.attributed_to)))
    mentions = tuple(
        sorted({*a.mentions, *b.mentions}, key=lambda m: (m.start, m.trigger_start or 0))
    )
    return dataclasses.replace(
        a,
        actor=_richer(a.actor, b.actor),
        recipient=_richer(a.recipient, b.recipient),
        date=dated.date,
        date_text=dated.date_text,
        date_basis=dated.date_basis,
        location=a.location or b.location,
        attributed_to=attributed,
        confidence=round(1 - (1 - a.confidence) * (1 - b.confidence), 3),
        mentions=mentions,
    )


def merge_events(events: list[Event]) -> list[Event]:
    """Merge duplicate mentions within one article; order follows the first mention."""
    out: list[Event] = []
    for ev in events:
        for i, kept in enumerate(out):
            if same_event(kept, ev):
                out[i] = _combine(kept, ev)
                break
        else:
            out.append(ev)
    return out
