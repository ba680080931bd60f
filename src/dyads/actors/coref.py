"""Within-article references: pronouns, "the two", "the country", "his counterpart".

Antecedents are chosen by salience, not by a learned model:
- a pronoun first looks back within its own sentence (most recent compatible mention: "Kyiv
  ... its territorial integrity" -> Kyiv); failing that, it takes the *subject* of the nearest
  earlier sentence that has a compatible mention ("Turkey ... has sought ... . It has provided"),
  else that sentence's most recent compatible mention;
- he/him/his/she/her need a person (a named or titled person, or "a Turkish official");
  it/its need a state or organisation; they/them/their need a multi-actor mention ("the two");
- "the two", "both nations", "the two countries" are the two most recent distinct countries
  ("the country", "the government": see definites.py);
- "his counterpart" is the office holder, in the other country of the sentence, with the same
  role as the referent of "his" (an appositive name after it wins when there is one).
Resolved mentions carry the antecedent's code/country/sector/name with their own text/offsets.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable

from spacy.tokens import Doc

from dyads.actors.lexicon import Lexicon, load_lexicon
from dyads.actors.model import Mention
from dyads.records import Actor

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
TWO_NOUNS = {
    "countries",
    "nations",
    "sides",
    "governments",
    "states",
    "neighbours",
    "neighbors",
    "capitals",
    "allies",
    "rivals",
    "powers",
    "parties",
    "leaders",
    "presidents",
    "men",
}
PERSON_TWO_NOUNS = {"leaders", "presidents", "men", "ministers"}
_STATE_KINDS = {"country", "capital", "institution", "igo", "ngo", "group", "party"}
_STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "ELI", "OPP", "REB"}
_SUBJ = ("nsubj", "nsubjpass")


@functools.lru_cache(maxsize=1)
def _institutions() -> frozenset[str]:
    return load_lexicon().institutions


def _is_body(m: Mention) -> bool:
    """A singular description headed by an institution noun: "the Mexican embassy"."""
    words = m.actors[0].entity_text.lower().split()
    return bool(words) and words[-1] in _institutions()


def _is_person(m: Mention) -> bool:
    if len(m.actors) != 1:
        return False
    if m.kind == "person":
        return True
    if m.kind in ("description", "reference"):
        # "a Turkish official", "the Russian leader": singular titled descriptions, not bodies.
        a = m.actors[0]
        return a.sector in _STATE_SECTORS and not a.entity_text.endswith("s") and not _is_body(m)
    return m.kind == "pronoun" and m.actors[0].name is not None


def _is_thing(m: Mention) -> bool:
    if len(m.actors) != 1:
        return False
    if m.kind == "description" and _is_body(m) and not m.actors[0].entity_text.endswith("s"):
        return True  # "the foreign ministry said it ..."
    return m.kind in _STATE_KINDS or (m.kind == "pronoun" and m.actors[0].name is None)


def _relabel(actors: Iterable[Actor], text: str, start: int, end: int) -> tuple[Actor, ...]:
    return tuple(Actor(a.code, a.country, a.sector, a.name, text, start, end) for a in actors)


class _Context:
    """Mentions seen so far, with the sentence each starts in."""

    def __init__(self, doc: Doc, base: list[Mention]) -> None:
        self.doc = doc
        self.mentions = sorted(base, key=lambda m: m.start)
        self.sent_of = {t.i: s_i for s_i, s in enumerate(doc.sents) for t in s}

    def before(self, i: int) -> list[Mention]:
        return [m for m in self.mentions if m.end <= i and m.kind != "media"]

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self.mentions.sort(key=lambda x: x.start)

    def antecedent(self, i: int, pred: Callable[[Mention], bool]) -> Mention | None:
        """The salient earlier mention satisfying ``pred`` (see module docstring)."""
        here = self.sent_of[i]
        prior = self.before(i)
        co_args = [m for m in prior if self._co_argument(i, m)]
        if co_args:
            # Also not the same actor named earlier: "He praised him" -> not Putin again.
            barred = {(a.code, a.name) for m in co_args for a in m.actors}
            prior = [m for m in prior if not any((a.code, a.name) in barred for a in m.actors)]
        same = [m for m in prior if self.sent_of[m.start] == here and pred(m)]
        if same:
            if self.doc[i].dep_ in _SUBJ:
                # Subject pronouns continue the subject: "IS claimed the attack in Pakistan,
                # saying it had targeted ..." -> IS, not Pakistan.
                subjects = [m for m in same if self.doc[m.head].dep_ in _SUBJ]
                if subjects:
                    return subjects[-1]
            return same[-1]
        earlier = [m for m in prior if self.sent_of[m.start] < here and pred(m)]
        if not earlier:
            return None
        nearest = self.sent_of[earlier[-1].start]
        in_nearest = [m for m in earlier if self.sent_of[m.start] == nearest]
        subjects = [m for m in in_nearest if self.doc[m.head].dep_ in ("nsubj", "nsubjpass")]
        return (subjects or in_nearest)[-1 if not subjects else 0]

    def _co_argument(self, i: int, m: Mention) -> bool:
        """A non-reflexive object pronoun never refers to the subject of its own verb:
        "Mexico granted him asylum" -> "him" is not Mexico."""
        tok = self.doc[i]
        if tok.dep_ not in ("dobj", "dative", "pobj") or tok.lower_.endswith("self"):
            return False
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        head = self.doc[m.head]
        return head.dep_ in _SUBJ and head.head.i == verb.i

    def blocked_by_unknown_person(self, i: int, ante: Mention) -> bool:
        """An unlisted named person between antecedent and pronoun is the likelier referent
        ("arrested Jorge Glas, hours after Mexico granted him asylum"): leave it unresolved."""
        covered = {t for m in self.mentions for t in range(m.start, m.end)}
        return any(
            e.label_ == "PERSON" and ante.end <= e.start and e.end <= i and e.start not in covered
            for e in self.doc.ents
        )

    def recent_countries(self, i: int, n: int, persons: bool = False) -> list[Actor]:
        out: list[Actor] = []
        seen: set[str] = set()
        for m in reversed(self.before(i)):
            if persons and not _is_person(m):
                continue
            for a in reversed(m.actors):
                if a.country and a.country not in seen:
                    seen.add(a.country)
                    out.append(a)
            if len(out) >= n:
                break
        return list(reversed(out[:n]))


def resolve_references(
    doc: Doc, base: list[Mention], lex: Lexicon, when: dt.date | None
) -> list[Mention]:
    """Return new mentions for pronouns and references in ``doc`` (base mentions not included)."""
    ctx = _Context(doc, base)
    covered = {i for m in base for i in range(m.start, m.end)}
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        low = tok.lower_
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        made: Mention | None = None
        if i in covered:
            i += 1
            continue
        if (
            low in ("his", "her", "their")
            and nxt is not None
            and nxt.lower_.startswith("counterpart")
        ):
            made = _counterpart(ctx, lex, i, when)
        elif low == "the" and nxt is not None and nxt.lower_ == "two" or low == "both":
            made = _the_two(ctx, i)
        elif low in PERSON_PRONOUNS and tok.pos_ == "PRON":
            ante = ctx.antecedent(i, _is_person)
            if ante is not None and not ctx.blocked_by_unknown_person(i, ante):
                made = _copy(doc, i, i + 1, ante, "pronoun")
        elif low in THING_PRONOUNS and tok.pos_ == "PRON":
            ante = ctx.antecedent(i, _is_thing)
            if ante is not None:
                made = _copy(doc, i, i + 1, ante, "pronoun")
        elif low in PLURAL_PRONOUNS and tok.pos_ == "PRON":
            ante = ctx.antecedent(i, lambda m: len(m.actors) > 1)
            if ante is not None and ctx.sent_of[ante.start] >= ctx.sent_of[i] - 1:
                made = _copy(doc, i, i + 1, ante, "pronoun")
        if made is not None:
            out.append(made)
            ctx.add(made)
            covered.update(range(made.start, made.end))
            i = made.end
        else:
            i += 1
    return out


def _copy(doc: Doc, start: int, end: int, ante: Mention, kind: str) -> Mention:
    span = doc[start:end]
    actors = _relabel(ante.actors, span.text, span.start_char, span.end_char)
    return Mention(start, end, span.root.i, actors, kind)


def _the_two(ctx: _Context, i: int) -> Mention | None:
    doc = ctx.doc
    end = i + 2 if doc[i].lower_ == "the" else i + 1
    if end < len(doc) and doc[end].lower_ in TWO_NOUNS:
        noun = doc[end].lower_
        end += 1
    elif doc[i].lower_ == "both" and doc[i].dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return None  # "both Ukraine and Russia": a conjunction marker, not a reference
    else:
        noun = ""
    actors = ctx.recent_countries(i, 2, persons=noun in PERSON_TWO_NOUNS)
    if len(actors) < 2:
        return None
    span = doc[i:end]
    if noun not in PERSON_TWO_NOUNS:
        actors = [Actor(a.country or a.code, a.country, None, None, "", 0, 0) for a in actors]
    return Mention(
        i, end, span.root.i, _relabel(actors, span.text, span.start_char, span.end_char), "pronoun"
    )


def _counterpart(ctx: _Context, lex: Lexicon, i: int, when: dt.date | None) -> Mention | None:
    doc = ctx.doc
    end = i + 2
    span = doc[i:end]
    # An appositive name right after: "his counterpart, Recep Tayyip Erdoğan".
    k = end + 1 if end < len(doc) and doc[end].text == "," else end
    for m in ctx.mentions:
        if m.start == k and m.kind == "person":
            return Mention(
                i,
                end,
                span.root.i,
                _relabel(m.actors, span.text, span.start_char, span.end_char),
                "reference",
            )
    owner = ctx.antecedent(i, _is_person)
    if owner is None:
        return None
    own = owner.actors[0]
    sent = doc[i].sent
    others = [
        m
        for m in ctx.mentions
        if sent.start <= m.start < sent.end
        and m.kind != "media"
        and any(a.country and a.country != own.country for a in m.actors)
    ]
    if not others:
        return None
    other = min(others, key=lambda m: abs(m.start - i))
    country = next(a.country for a in other.actors if a.country and a.country != own.country)
    name: str | None = None
    sector = own.sector
    if own.name:
        ids = lex.people.ids_for(own.name)
        if ids:
            role, _ = lex.people.people[ids[0]].role_at(when)
            holder = lex.people.holder(country, role.role, when)
            if holder is not None:
                name = holder.name
    actor = Actor(
        country + (sector or ""), country, sector, name, span.text, span.start_char, span.end_char
    )
    return Mention(i, end, span.root.i, (actor,), "reference")


def name_descriptions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Give "the Russian leader" the name of the earlier person it describes (same code)."""
    out: list[Mention] = []
    people: list[Mention] = []
    for m in sorted(mentions, key=lambda x: x.start):
        if (
            m.kind == "description"
            and doc[m.start].lower_ == "the"
            and len(m.actors) == 1
            and m.actors[0].name is None
            and _is_person(m)
        ):
            a = m.actors[0]
            match = next(
                (p for p in reversed(people) if p.actors[0].code == a.code and p.actors[0].name),
                None,
            )
            if match is not None:
                name = match.actors[0].name
                m = Mention(
                    m.start,
                    m.end,
                    m.head,
                    (Actor(a.code, a.country, a.sector, name, a.entity_text, a.start, a.end),),
                    m.kind,
                )
        if m.kind == "person" and len(m.actors) == 1:
            people.append(m)
        out.append(m)
    return out
