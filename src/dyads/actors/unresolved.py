"""Names the actor resolver could not code: the most frequent ones, with an example sentence.

A name is *unresolved* when spaCy reads it as a person, organisation or nationality and no
actor mention with a country or an international code covers it (a mention coded by sector
only, such as ``GOV`` for "Minister Diego Molano", counts as unresolved too, and so does a name
coded only by the country of its context, kind ``unknown``). Used by
``dyads actors unresolved --db``, which reads the evidence sentences of a store.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from dyads.actors.resolver import ActorResolver

_LABELS = {"PERSON", "ORG", "NORP"}


@dataclass(frozen=True)
class Unresolved:
    """One unresolved name: how often it was seen and one sentence it was seen in."""

    name: str
    count: int
    example: str


def unresolved_names(
    sentences: Iterable[tuple[str, dt.date | None]],
    resolver: ActorResolver | None = None,
    top: int = 50,
) -> list[Unresolved]:
    """The ``top`` most frequent unresolved names in ``(sentence, date)`` pairs."""
    from dyads.nlp import load_nlp

    resolver = resolver or ActorResolver.default()
    items = list(sentences)
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    docs = load_nlp().pipe(s for s, _ in items)
    for (text, when), doc in zip(items, docs, strict=True):
        coded: set[int] = set()
        for m in resolver.annotate(doc, when).mentions:
            # an unknown name placed by its context is still missing from the dictionaries
            if m.kind == "unknown":
                continue
            if any(a.country or a.code.startswith(("IGO", "NGO", "IMG")) for a in m.actors):
                coded.update(range(m.start, m.end))
        for ent in doc.ents:
            if ent.label_ not in _LABELS or any(t in coded for t in range(ent.start, ent.end)):
                continue
            name = ent.text.strip().removeprefix("the ").removesuffix("'s")
            if len(name) < 2:
                continue
            counts[name] += 1
            examples.setdefault(name, text.strip())
    return [Unresolved(n, c, examples[n]) for n, c in counts.most_common(top)]
