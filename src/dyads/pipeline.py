"""Article -> events: parse, resolve actors, code events (with their time and place).

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

from dyads.actors import ActorResolver
from dyads.events import passes
from dyads.events.coder import EventCoder
from dyads.events.passes import Context
from dyads.nlp import load_nlp, parse, parse_many
from dyads.ontology import Ontology
from dyads.records import Article, Event


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
        """Code an article whose text has already been parsed into ``doc``: its actors, then
        the event passes (:mod:`dyads.events.passes`)."""
        index = self.actors.annotate(doc, article.date)
        return passes.code(Context(article, doc, index, self.events, self.ontology))


def code_text(text: str, date: dt.date | None = None, article_id: str | None = None) -> list[Event]:
    """Code a text (first line = headline) with the default coder: the one-call API."""
    from dyads.readers.base import text_article

    return Coder.default().code(text_article(text, "<text>", date, article_id))
