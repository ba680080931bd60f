"""Article -> events: parse, resolve actors, code events, resolve time and place, merge.

The :class:`Coder` owns the loaded resources (spaCy pipeline, actor dictionaries, lexicons,
gazetteer) so they load once per process; ``code_batch`` streams articles through
``nlp.pipe`` for speed.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from dyads.actors import ActorIndex, ActorResolver
from dyads.events.candidate import Candidate
from dyads.events.coder import EventCoder
from dyads.events.confidence import confidence
from dyads.events.domestic import apply_domestic, dominant_country, imply_recipient, located_target
from dyads.events.merge import merge_events
from dyads.events.plover import apply_future_rules, needs_recipient
from dyads.events.sentence_date import sole_sentence_date
from dyads.geo import event_location
from dyads.ids import content_id
from dyads.nlp import load_nlp, parse, parse_many
from dyads.ontology import Ontology
from dyads.records import Article, Event, TextInfo, TimeExpr
from dyads.time import event_date, tag


class Coder:
    """Codes articles into PLOVER events. Create once, reuse for many articles."""

    def __init__(
        self,
        nlp: Language | None = None,
        actors: ActorResolver | None = None,
        events: EventCoder | None = None,
        ontology: Ontology | None = None,
    ) -> None:
        self.nlp = nlp or load_nlp()
        self.actors = actors or ActorResolver.default()
        self.events = events or EventCoder()
        self.ontology = ontology or Ontology.default()

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> Coder:
        """A process-wide coder with the bundled resources."""
        return cls()

    def code(self, article: Article) -> list[Event]:
        """Code one article."""
        return self.code_doc(article, parse(self.nlp, article.text))

    def code_batch(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[tuple[Article, list[Event]]]:
        """Code many articles, parsing them in batches; yields each article with its events."""
        buffer: list[Article] = []
        for art in articles:
            buffer.append(art)
            if len(buffer) >= batch_size:
                yield from self._flush(buffer, batch_size)
                buffer = []
        if buffer:
            yield from self._flush(buffer, batch_size)

    def _flush(self, arts: list[Article], batch_size: int) -> Iterator[tuple[Article, list[Event]]]:
        docs = parse_many(self.nlp, (a.text for a in arts), batch_size=batch_size)
        for art, doc in zip(arts, docs, strict=True):
            yield art, self.code_doc(art, doc)

    def code_doc(self, article: Article, doc: Doc) -> list[Event]:
        """Code an article whose text has already been parsed into ``doc``."""
        index = self.actors.annotate(doc, article.date)
        cands = self.events.code_doc(doc, index, body_start=article.body_start)
        if not cands:
            return []
        timexes = tag(article.text, article.date, doc)
        home = dominant_country(index)
        events = [self._event(article, doc, c, timexes, index, home) for c in cands]
        # Reactions ("denied the charge") without a date of their own happen when the event
        # they answer does: inherit it.
        by_cand = dict(zip((id(c) for c in cands), events, strict=True))
        for c, ev in zip(cands, events, strict=True):
            if c.reacts_to is not None and ev.date_basis != "text":
                src = by_cand[id(c.reacts_to)]
                if src.date_basis == "text":
                    by_cand[id(c)] = _with_date(ev, src.date, src.date_text)
        events = [by_cand[id(c)] for c in cands if self._complete(by_cand[id(c)])]
        return merge_events(events)

    def _complete(self, ev: Event) -> bool:
        """Material cooperation needs a partner or beneficiary (PLOVER: "Requires recipient:
        Yes"); without one, and without several joint actors, the record says too little."""
        if ev.event not in needs_recipient() or ev.recipient:
            return True
        return len(ev.actor) >= 2

    def _event(
        self,
        article: Article,
        doc: Doc,
        c: Candidate,
        timexes: list[TimeExpr],
        index: ActorIndex,
        home: str | None,
    ) -> Event:
        mode = c.rule.mode
        kind = mode or (c.rule.context[0] if c.rule.context else None)
        event, cameo = apply_future_rules(c.event, kind, c.cameo, c.modality)
        date, date_text, basis = event_date(
            doc,
            c.trigger.i,
            timexes,
            article.date,
            headline_end=article.body_start,
            reactions=False,
        )
        if basis == "publication" and c.modality != "future":
            sole = sole_sentence_date(doc, c.sentence, timexes)
            if sole is not None:
                date, date_text = sole
                basis = "text"
        modality = c.modality
        if modality == "asserted" and basis == "text" and _after(date, article.date):
            # "called a general strike for Jan. 24": an act dated after publication is planned
            modality = "future"
            event, cameo = apply_future_rules(c.event, kind, c.cameo, modality)
        location = event_location(doc, c.trigger.i, c.event, mode, c.actors, c.recipients)
        t = c.trigger
        if location is None and t.dep_ == "pobj" and t.head.head.pos_ == "VERB":
            # "exploded in Mogadishu ... in an attack": the clause the noun hangs on says where
            location = event_location(doc, t.head.head.i, c.event, mode, c.actors, c.recipients)
        apply_domestic(c, location, index, home, self.events.lexicon)
        imply_recipient(c, index)
        located_target(c, location)
        sent = c.sentence
        info = TextInfo(
            sentence=sent.text.strip(),
            sentence_index=c.sentence_index,
            start=sent.start_char,
            end=sent.end_char,
            trigger=c.trigger.text,
            trigger_start=c.trigger.idx,
            trigger_end=c.trigger.idx + len(c.trigger.text),
        )
        # the type is decided above; mode and CAMEO follow it (one consistent triple)
        mode, cameo = self.ontology.repair(event, mode, cameo)
        ev_id = "e" + content_id(
            article.id,
            c.trigger.idx,
            event,
            ",".join(a.code for a in c.actors),
            ",".join(a.code for a in c.recipients),
        )
        return Event(
            id=ev_id,
            article_id=article.id,
            event=event,
            mode=mode,
            context=tuple(c.rule.context),
            cameo=cameo,
            quad_code=self.ontology.quad_code(event),
            goldstein=self.ontology.goldstein(cameo),
            actor=tuple(c.actors),
            recipient=tuple(c.recipients),
            date=date,
            date_text=date_text,
            date_basis=basis,  # type: ignore[arg-type]
            modality=modality,  # type: ignore[arg-type]
            attributed_to=tuple(c.attributed_to),
            location=location,
            text_info=info,
            confidence=confidence(c),
            mentions=(info,),
            provenance=self.events.provenance,
            explain=_explain(c, basis),
        )


def _explain(c: Candidate, date_basis: str) -> tuple[tuple[str, str], ...]:
    """Which step decided each field of an event, from the signals its candidate collected."""
    sig = c.signals
    rule = f"rule '{c.rule.lemma}' ({c.rule.pos})"
    if sig.get("learned_add"):
        event = "trigger model (added)"
    elif sig.get("learned_retype"):
        event = f"trigger model (retyped from {c.rule.event} by {rule})"
    else:
        event = rule
    actor = "role model" if sig.get("learned_actor") else "argument rules"
    if sig.get("context_country"):
        actor += " + country from context"
    if sig.get("learned_recipient"):
        recipient = "role model"
    elif sig.get("implied_recipient"):
        recipient = "implied (no recipient stated)"
    elif c.recipients:
        recipient = "argument rules"
    else:
        recipient = "none stated"
    return (
        ("event", event),
        ("actor", actor),
        ("recipient", recipient),
        (
            "date",
            {"text": "the text", "publication": "publication date"}.get(date_basis, "unknown"),
        ),
        ("modality", "modality rules"),
        (
            "confidence",
            "confidence model ("
            + ", ".join(f"{k} {v:.2f}" for k, v in sorted(c.scores.items()))
            + ")",
        ),
    )


def _after(date: str | None, pub: dt.date | None) -> bool:
    """Whether an ISO day or month lies wholly after the publication date."""
    if date is None or pub is None:
        return False
    try:
        if len(date) == 10:
            return dt.date.fromisoformat(date) > pub
        if len(date) == 7 and date[4] == "-":
            return (int(date[:4]), int(date[5:7])) > (pub.year, pub.month)
    except ValueError:
        return False
    return False


def _with_date(ev: Event, date: str | None, date_text: str | None) -> Event:
    import dataclasses

    return dataclasses.replace(ev, date=date, date_text=date_text, date_basis="text")


def code_text(text: str, date: dt.date | None = None, article_id: str | None = None) -> list[Event]:
    """Code a text (first line = headline) with the default coder: the one-call API."""
    from dyads.readers.base import text_article

    return Coder.default().code(text_article(text, "<text>", date, article_id))
