"""Event coding as one ordered list of named passes over event drafts.

``code(ctx)`` is the one entry point: the article's parsed ``Doc`` and its actor index go in,
frozen :class:`~dyads.records.Event` records come out. Each pass takes the drafts and returns
the drafts it keeps; each field of an event has one owner pass, which records in
``draft.decided`` what decided it (``dyads code --explain`` prints that):

============  =====================================================================
pass          owns
============  =====================================================================
detect        the drafts, their trigger, type, CAMEO, actors, stated recipients and
              modality (rules, the trigger model, the role model; per sentence)
place         the location
countries     the country of unnamed domestic actors and victims
recipients    implied recipients (a target the clause leaves unsaid)
confidence    the confidence score
dates         the date, its basis, and what a date after publication makes of the
              type and modality (a planned act)
reactions     the date of a reaction that states none (it happens with what it answers)
validate      mode and CAMEO made consistent with the type; incomplete events dropped
============  =====================================================================

``records`` then freezes the drafts into events and ``merge`` joins restatements. The order
matters where one pass reads another's field (countries read the place; confidence reads the
recipients' provenance), and is fixed here and only here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from dyads.events.candidate import EventDraft
from dyads.events.confidence import confidence
from dyads.events.domestic import (
    apply_domestic,
    dominant_country,
    imply_recipient,
)
from dyads.events.merge import merge_events
from dyads.events.plover import apply_future_rules, needs_recipient
from dyads.events.relocate import relocate
from dyads.events.sentence_date import sole_sentence_date
from dyads.events.targets import (
    home_front,
    home_politics,
    located_target,
    public_promise,
    story_country,
)
from dyads.geo import event_location
from dyads.ids import content_id
from dyads.ontology import Ontology
from dyads.records import Article, Event, TextInfo, TimeExpr
from dyads.time import event_date, tag

if TYPE_CHECKING:
    from dyads.actors import ActorIndex
    from dyads.events.coder import EventCoder


@dataclass
class Context:
    """What every pass may read about the article being coded."""

    article: Article
    doc: Doc
    index: ActorIndex
    coder: EventCoder
    ontology: Ontology
    # filled once, by the first pass that needs them
    _timexes: list[TimeExpr] | None = field(default=None, repr=False)
    _home: tuple[str | None] | None = field(default=None, repr=False)
    _story: tuple[str | None] | None = field(default=None, repr=False)

    @property
    def timexes(self) -> list[TimeExpr]:
        """The article's time expressions (tagged once, only for articles with events)."""
        if self._timexes is None:
            self._timexes = tag(self.article.text, self.article.date, self.doc)
        return self._timexes

    @property
    def home(self) -> str | None:
        """The country the article is mostly about, if one has a clear majority."""
        if self._home is None:
            self._home = (dominant_country(self.index),)
        return self._home[0]

    @property
    def story(self) -> str | None:
        """The one country a multi-sentence story is about, if any (``targets``)."""
        if self._story is None:
            self._story = (story_country(self.doc, self.index),)
        return self._story[0]


Pass = Callable[[Context, list[EventDraft]], list[EventDraft]]


def detect(ctx: Context) -> list[EventDraft]:
    """The drafts of every sentence: trigger rules and model, arguments, roles, discourse."""
    drafts = ctx.coder.code_doc(ctx.doc, ctx.index, body_start=ctx.article.body_start)
    for d in drafts:
        sig = d.signals
        if sig.get("learned_add"):
            d.decided["event"] = "trigger model (added)"
        elif sig.get("learned_retype"):
            d.decided["event"] = (
                f"trigger model (retyped from {d.rule.event} by rule '{d.rule.lemma}')"
            )
        else:
            d.decided["event"] = f"rule '{d.rule.lemma}' ({d.rule.pos})"
        d.decided["actor"] = "role model" if sig.get("learned_actor") else "argument rules"
        if sig.get("learned_recipient"):
            d.decided["recipient"] = "role model"
        elif d.recipients:
            d.decided["recipient"] = "argument rules"
        else:
            d.decided["recipient"] = "none stated"
        d.decided["modality"] = "modality rules"
    return drafts


def place(ctx: Context, drafts: list[EventDraft]) -> list[EventDraft]:
    """Where each event happened: the place linked to its trigger, else to the clause its
    noun hangs on ("exploded in Mogadishu ... in an attack")."""
    for d in drafts:
        mode, t = d.rule.mode, d.trigger
        # the countries of the sentence's actors: "the southern town of Carmen" in a sentence
        # about the Moro Islamic Liberation Front is the Philippines' Carmen
        sent = d.sentence
        nearby = [
            a.country
            for m in ctx.index.in_range(sent.start, sent.end)
            if m.kind != "media"
            for a in m.actors
            if a.country
        ]
        args = (d.event, mode, d.actors, d.recipients)
        loc = event_location(ctx.doc, t.i, *args, nearby=nearby)
        if loc is None and t.dep_ == "pobj" and t.head.head.pos_ == "VERB":
            loc = event_location(ctx.doc, t.head.head.i, *args, nearby=nearby)
        d.location = loc
        d.decided["place"] = "place linker" if loc is not None else "no place linked"
    return drafts


def countries(ctx: Context, drafts: list[EventDraft]) -> list[EventDraft]:
    """Unnamed domestic actors and victims take the country of the place or the context."""
    for d in drafts:
        had = d.signals.get("implied_recipient")
        if relocate(d, d.location, ctx.index):
            d.decided["actor"] += " + country of the place (actors or recipients)"
        apply_domestic(d, d.location, ctx.index, ctx.home, ctx.coder.lexicon)
        if d.signals.get("context_country"):
            d.decided["actor"] += " + country from context"
        if d.signals.get("implied_recipient") and not had:
            d.decided["recipient"] = "implied by the countries pass (no recipient stated)"
    return drafts


def recipients(ctx: Context, drafts: list[EventDraft]) -> list[EventDraft]:
    """A conflict event with no stated target gets the other party the sentence names, or
    the country where it happened, or (at home) its own country (``targets``)."""
    for d in drafts:
        had = d.signals.get("implied_recipient")
        imply_recipient(d, ctx.index, ctx.coder.lexicon, ctx.home)
        located_target(d, d.location)
        home_front(d)
        home_politics(d, ctx.story)
        public_promise(d)
        if d.signals.get("implied_recipient") and not had:
            d.decided["recipient"] = "implied by the recipients pass (no recipient stated)"
    return drafts


def score(ctx: Context, drafts: list[EventDraft]) -> list[EventDraft]:
    """The calibrated confidence of each draft (before the dates pass may retype a planned
    act: the model was fitted on the detected type and modality)."""
    for d in drafts:
        d.confidence = confidence(d)
        d.decided["confidence"] = (
            "confidence model ("
            + ", ".join(f"{k} {v:.2f}" for k, v in sorted(d.scores.items()))
            + ")"
        )
    return drafts


def dates(ctx: Context, drafts: list[EventDraft]) -> list[EventDraft]:
    """Each event's own date from the text, else the publication date; an act dated after
    publication is planned, and a planned act may change type (PLOVER's future rules)."""
    art = ctx.article
    for d in drafts:
        kind = d.rule.mode or (d.rule.context[0] if d.rule.context else None)
        d.event, d.cameo = apply_future_rules(d.event, kind, d.cameo, d.modality)
        date, date_text, basis = event_date(
            ctx.doc, d.trigger.i, ctx.timexes, art.date, headline_end=art.body_start,
            reactions=False,
        )  # fmt: skip
        # also without a publication date ("In 1998 the government said ..." needs no anchor),
        # and for planned acts ("will make a week-long visit to Brazil from April 29"); a date
        # owned by a reporting verb is not taken (sentence_date)
        if basis in ("publication", "unknown"):
            sole = sole_sentence_date(ctx.doc, d.sentence, ctx.timexes)
            if sole is not None:
                date, date_text = sole
                basis = "text"
        if d.modality == "asserted" and basis == "text" and _after(date, art.date):
            # "called a general strike for Jan. 24": an act dated after publication is planned
            d.modality = "future"
            d.event, d.cameo = apply_future_rules(d.event, kind, d.cameo, d.modality)
            d.decided["modality"] = "dates pass (dated after publication: planned)"
        d.date, d.date_text, d.date_basis = date, date_text, basis
        d.decided["date"] = {"text": "the text", "publication": "publication date"}.get(
            basis, "unknown"
        )
    return drafts


def reactions(ctx: Context, drafts: list[EventDraft]) -> list[EventDraft]:
    """A reaction ("denied the charge") with no date of its own happens when the event it
    answers does."""
    for d in drafts:
        src = d.reacts_to
        if src is not None and d.date_basis != "text" and src.date_basis == "text":
            d.date, d.date_text, d.date_basis = src.date, src.date_text, "text"
            d.decided["date"] = "the text (of the event it reacts to)"
    return drafts


def validate(ctx: Context, drafts: list[EventDraft]) -> list[EventDraft]:
    """Drop events that say too little: material cooperation needs a partner or beneficiary
    (PLOVER: "Requires recipient: Yes") or several joint actors."""
    need = needs_recipient()
    return [d for d in drafts if d.event not in need or d.recipients or len(d.actors) >= 2]


# The order is the design: see the module docstring.
PASSES: tuple[tuple[str, Pass], ...] = (
    ("place", place),
    ("countries", countries),
    ("recipients", recipients),
    ("confidence", score),
    ("dates", dates),
    ("reactions", reactions),
    ("validate", validate),
)


def code(ctx: Context) -> list[Event]:
    """Code one parsed article: detect, run the passes in order, freeze, merge."""
    drafts = detect(ctx)
    if not drafts:
        return []
    for _name, run in PASSES:
        drafts = run(ctx, drafts)
    return merge_events([record(ctx, d) for d in drafts])


def record(ctx: Context, d: EventDraft) -> Event:
    """Freeze a finished draft; mode and CAMEO are repaired to agree with the type here, the
    one place an event's (type, mode, CAMEO) triple is written."""
    art, sent, t = ctx.article, d.sentence, d.trigger
    info = TextInfo(
        sentence=sent.text.strip(),
        sentence_index=d.sentence_index,
        start=sent.start_char,
        end=sent.end_char,
        trigger=t.text,
        trigger_start=t.idx,
        trigger_end=t.idx + len(t.text),
    )
    mode, cameo = ctx.ontology.repair(d.event, d.rule.mode, d.cameo)
    ev_id = "e" + content_id(
        art.id,
        t.idx,
        d.event,
        ",".join(a.code for a in d.actors),
        ",".join(a.code for a in d.recipients),
    )
    return Event(
        id=ev_id,
        article_id=art.id,
        event=d.event,
        mode=mode,
        context=tuple(d.rule.context),
        cameo=cameo,
        quad_code=ctx.ontology.quad_code(d.event),
        goldstein=ctx.ontology.goldstein(cameo),
        actor=tuple(d.actors),
        recipient=tuple(d.recipients),
        date=d.date,
        date_text=d.date_text,
        date_basis=d.date_basis,  # type: ignore[arg-type]
        modality=d.modality,  # type: ignore[arg-type]
        attributed_to=tuple(d.attributed_to),
        location=d.location,
        text_info=info,
        confidence=d.confidence,
        mentions=(info,),
        provenance=ctx.coder.provenance,
        explain=tuple((k, d.decided[k]) for k in EXPLAIN_FIELDS if k in d.decided),
    )


EXPLAIN_FIELDS = ("event", "actor", "recipient", "date", "modality", "place", "confidence")


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


__all__ = ["PASSES", "Context", "EventDraft", "code", "record"]
