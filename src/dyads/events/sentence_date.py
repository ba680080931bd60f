"""A last resort for event dates: the one date a sentence gives.

The date linker (:func:`dyads.time.event_date`) only takes a date that attaches to the event's
own clause. The parser often hangs "on Wednesday" on a neighbouring word ("detained two
journalists covering a protest in Kabul on Wednesday"), and the event then falls back to the
publication date. When the sentence states exactly one calendar date and that date does not
belong to a reporting verb ("..., the ministry said on Tuesday"), the event took place then.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from dyads.events.modality import load_modality_words
from dyads.records import TimeExpr
from dyads.time.event_dates import event_value


def sole_sentence_date(doc: Doc, sent: Span, timexes: list[TimeExpr]) -> tuple[str, str] | None:
    """(date, text) of the only dated expression in ``sent``, unless a reporting verb owns it."""
    inside = [
        t
        for t in timexes
        if sent.start_char <= t.start < sent.end_char and t.type in ("DATE", "TIME")
    ]
    dated = [(t, v) for t in inside if (v := event_value(t.value)) is not None]
    if len(dated) != 1:
        return None
    timex, value = dated[0]
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return None
    if span.root.dep_ == "poss" and span.root.head.dep_ not in ("dobj", "nsubj", "nsubjpass"):
        return None  # "lift curbs before Sunday's election": the date is the election's only
    reporting = load_modality_words().reporting_verbs
    cur = span.root
    for _ in range(6):  # the verb the date hangs on
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            break
        cur = cur.head
    if cur.lemma_.lower() in reporting:
        return None
    return value, timex.text
