"""Within-article references: pronouns, "the two", "the country", "his counterpart".

Antecedents are chosen by salience, not by a learned model:
- a pronoun first looks back within its own sentence (most recent compatible mention: "Kyiv
  ... its territorial integrity" -> Kyiv); failing that, it takes the *subject* of the nearest
  earlier sentence that has a compatible mention ("Turkey ... has sought ... . It has provided"),
  else that sentence's most recent compatible mention;
- he/him/his/she/her need a person (a named or titled person, or "a Turkish official");
  it/its need a state or organisation; they/them/their need a multi-actor mention ("the two"),
  or, for "them" and for a "they" that subjects a main or coordinated clause, a plural group
  ("Opposition parties want ... but they accuse ministers");
- "the two", "both nations", "the two governments", "all three countries", "the pair" are the
  N most recent distinct countries of the last few sentences, venues ("talks in Vienna") passed
  over, coded at the noun's sector (data/references.yaml ``group_nouns``; "the country",
  "the government": see definites.py);
- "his counterpart" is the office holder, in the other country of the sentence, with the same
  role as the referent of "his" (an appositive name after it wins when there is one).
Resolved mentions carry the antecedent's code/country/sector/name with their own text/offsets.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token

from dyads.actors.lexicon import Lexicon, _read_yaml, load_lexicon
from dyads.actors.model import Mention
from dyads.records import Actor

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
_STATE_KINDS = {"country", "capital", "institution", "igo", "ngo", "group", "party"}
_STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "ELI", "OPP", "REB"}
_SUBJ = ("nsubj", "nsubjpass")
# A place after these prepositions is where something happens, not a side: "talks in Vienna".
_VENUE_PREPS = {"in", "at", "near", "inside", "outside"}
_VENUE_KINDS = {"capital", "country", "institution"}
# "the two" / "both" standing alone as an argument ("the two agreed"), not "both X and Y".
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "conj", "appos"}
# Prepositions of time adjuncts, whose possessive refers to the clause's subject.
_ADJUNCT_PREPS = {
    "during", "after", "before", "since", "following", "amid", "ahead", "throughout", "despite",
    "upon",
}  # fmt: skip
# Sentences (besides its own) that a plural reference looks back over.
_GROUP_BACK = 3


@functools.lru_cache(maxsize=1)
def _group_tables() -> tuple[dict[str, int], dict[str, str | None]]:
    """(numeral -> N, plural noun -> sector / "person" / None) from data/references.yaml."""
    data = _read_yaml("references.yaml")
    numbers = {str(k): int(v) for k, v in data["group_numbers"].items()}
    nouns = {str(k): (str(v) if v is not None else None) for k, v in data["group_nouns"].items()}
    return numbers, nouns


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


def _plural_antecedent(doc: Doc, group_ok: bool) -> Callable[[Mention], bool]:
    """What a plural pronoun may refer to: several actors, or (``group_ok``) a plural group."""

    def ok(m: Mention) -> bool:
        return len(m.actors) > 1 or (group_ok and _plural_group(doc, m))

    return ok


def _plural_group(doc: Doc, m: Mention) -> bool:
    """A plural group noun: "seven senior UN officials ..., accusing them", "the rebels"."""
    return m.kind in ("description", "group", "igo") and doc[m.head].tag_ in ("NNS", "NNPS")


def _relabel(actors: Iterable[Actor], text: str, start: int, end: int) -> tuple[Actor, ...]:
    return tuple(Actor(a.code, a.country, a.sector, a.name, text, start, end) for a in actors)


class _Context:
    """Mentions seen so far, indexed so that each question looks only near the token asked.

    Every answer is the one a scan over all earlier mentions gives (tests/test_coref_linear.py
    keeps that scan as the reference); the indexes skip only mentions that cannot qualify, so
    resolving an article takes time linear in its length, not quadratic.
    """

    def __init__(self, doc: Doc, base: list[Mention]) -> None:
        self.doc = doc
        # Sorted by start; among equal starts, in the order added (as a stable sort leaves them).
        self.mentions: list[Mention] = []
        self._starts: list[int] = []
        sents = list(doc.sents)
        self._sent_start = [s.start for s in sents]
        self.sent_of = [0] * len(doc)
        for s_i, s in enumerate(sents):
            self.sent_of[s.start : s.end] = [s_i] * (s.end - s.start)
        self._preds: dict[str, Callable[[Mention], bool]] = {
            "person": _is_person,
            "thing": _is_thing,
            "plural": _plural_antecedent(doc, group_ok=False),
            "plural_or_group": _plural_antecedent(doc, group_ok=True),
        }
        # Per antecedent predicate: the (starts, mentions) of the non-media mentions it accepts.
        self._by_pred: dict[str, tuple[list[int], list[Mention]]] = {
            k: ([], []) for k in self._preds
        }
        self._by_head: dict[int, list[Mention]] = {}
        self._by_token: dict[int, list[Mention]] = {}
        self.covered: set[int] = set()
        # PERSON entities whose first token no mention covers yet, by start (entities never
        # overlap, so ordered by start they are ordered by end too).
        persons = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"]
        self._free_starts = [s for s, _ in persons]
        self._free_ends = [e for _, e in persons]
        for m in sorted(base, key=lambda m: m.start):
            self.add(m)

    def add(self, m: Mention) -> None:
        """Add ``m`` after every mention starting where it does or earlier."""
        at = bisect.bisect_right(self._starts, m.start)
        self._starts.insert(at, m.start)
        self.mentions.insert(at, m)
        self._by_head.setdefault(m.head, []).append(m)
        if m.kind != "media":
            for name, pred in self._preds.items():
                if pred(m):
                    starts, ms = self._by_pred[name]
                    k = bisect.bisect_right(starts, m.start)
                    starts.insert(k, m.start)
                    ms.insert(k, m)
        for t in range(m.start, m.end):
            self._by_token.setdefault(t, []).append(m)
            if t not in self.covered:
                self.covered.add(t)
                k = bisect.bisect_left(self._free_starts, t)
                if k < len(self._free_starts) and self._free_starts[k] == t:
                    del self._free_starts[k], self._free_ends[k]

    def between(self, start: int, end: int) -> list[Mention]:
        """Mentions starting at tokens ``start``..``end`` (exclusive), in order."""
        lo = bisect.bisect_left(self._starts, start)
        return self.mentions[lo : bisect.bisect_left(self._starts, end, lo)]

    def antecedent(self, i: int, pred: str) -> Mention | None:
        """The salient earlier mention satisfying the predicate named ``pred`` (see the
        module docstring)."""
        here = self.sent_of[i]
        starts, cands = self._by_pred[pred]
        # Also not the same actor named earlier: "He praised him" -> not Putin again.
        barred = self._co_argument_actors(i)

        def ok(m: Mention) -> bool:
            return m.end <= i and not (barred and any((a.code, a.name) in barred for a in m.actors))

        lo = bisect.bisect_left(starts, self._sent_start[here])
        same = [m for m in cands[lo : bisect.bisect_right(starts, i, lo)] if ok(m)]
        if same and self._owns_a_group(i):
            # "Al-Shabaab threatened attacks in Kenya after its fighters stormed ...": fighters
            # belong to an actor, not to the place where things happen.
            same = [m for m in same if not self.is_venue(m)] or same
        if same:
            subj = self._adjunct_subject(i)
            if subj is not None:
                # "Xi did not meet Zelenskiy during his trip to Moscow": an adjunct of time
                # belongs to the clause's subject
                own = [m for m in same if m.start <= subj < m.end]
                if own:
                    return own[-1]
            if self.doc[i].dep_ in _SUBJ:
                # Subject pronouns continue the subject: "IS claimed the attack in Pakistan,
                # saying it had targeted ..." -> IS, not Pakistan.
                subjects = [m for m in same if self.doc[m.head].dep_ in _SUBJ]
                if subjects:
                    return subjects[-1]
            return same[-1]
        # The nearest earlier sentence with a candidate: walk back from this sentence's start.
        j = lo - 1
        while j >= 0 and not ok(cands[j]):
            j -= 1
        if j < 0:
            return None
        first = self._sent_start[self.sent_of[cands[j].start]]
        in_nearest = []
        while j >= 0 and cands[j].start >= first:
            if ok(cands[j]):
                in_nearest.append(cands[j])
            j -= 1
        in_nearest.reverse()
        subjects = [m for m in in_nearest if self.doc[m.head].dep_ in ("nsubj", "nsubjpass")]
        return (subjects or in_nearest)[-1 if not subjects else 0]

    def _co_argument_actors(self, i: int) -> set[tuple[str | None, str | None]]:
        """A non-reflexive object pronoun never refers to the subject of its own verb ("Mexico
        granted him asylum" -> "him" is not Mexico): the (code, name) of the actors of earlier
        mentions headed by that subject, which the pronoun may not take."""
        tok = self.doc[i]
        if tok.dep_ not in ("dobj", "dative", "pobj") or tok.lower_.endswith("self"):
            return set()
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        heads = [c.i for c in verb.children if c.dep_ in _SUBJ]
        if verb.head.i == verb.i and verb.dep_ in _SUBJ:
            heads.append(verb.i)  # a token is its own head only at the root; kept for parity
        return {
            (a.code, a.name)
            for h in heads
            for m in self._by_head.get(h, ())
            if m.end <= i and m.kind != "media"
            for a in m.actors
        }

    def _adjunct_subject(self, i: int) -> int | None:
        """The subject token of the verb whose time adjunct holds the possessive at ``i``
        ("during his trip", "after its election"), if any."""
        tok = self.doc[i]
        if tok.dep_ != "poss":
            return None
        noun = tok.head
        if noun.dep_ != "pobj" or noun.head.lower_ not in _ADJUNCT_PREPS:
            return None
        verb = noun.head.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
        return subj.i if subj is not None else None

    def _owns_a_group(self, i: int) -> bool:
        """Whether the pronoun at ``i`` is the possessor of a group noun ("its fighters")."""
        tok = self.doc[i]
        if tok.dep_ != "poss":
            return False
        return any(
            m.kind == "description" and m.actors[0].country is None
            for m in self._by_token.get(tok.head.i, ())
        )

    def blocked_by_unknown_person(self, i: int, ante: Mention) -> bool:
        """An unlisted named person between antecedent and pronoun is the likelier referent
        ("arrested Jorge Glas, hours after Mexico granted him asylum"): leave it unresolved."""
        k = bisect.bisect_left(self._free_starts, ante.end)
        return k < len(self._free_starts) and self._free_ends[k] <= i

    def is_venue(self, m: Mention) -> bool:
        """A place named as where things happen: "talks in Vienna", "a summit at the Kremlin"."""
        head = self.doc[m.head]
        return m.kind in _VENUE_KINDS and head.dep_ == "pobj" and head.head.lower_ in _VENUE_PREPS

    def recent_countries(self, i: int, n: int, persons: bool = False) -> list[Actor]:
        """The actors of the ``n`` most recent distinct countries before token ``i``, in order.

        Looks back over its own and ``_GROUP_BACK`` earlier sentences. Venues ("in Vienna")
        are passed over; when too few sides remain, a country venue (never a capital) may count.
        """
        first = self._sent_start[max(self.sent_of[i] - _GROUP_BACK, 0)]
        prior = [
            m
            for m in self.between(first, i + 1)
            if m.end <= i and m.kind != "media" and (not persons or _is_person(m))
        ]
        out = self._distinct(prior, n, lambda m: not self.is_venue(m))
        if len(out) < n:
            out = self._distinct(prior, n, lambda m: m.kind != "capital" or not self.is_venue(m))
        if len(out) == n:
            out = self._main_parties(i, out, persons) or out
        return out

    def _main_parties(self, i: int, recent: list[Actor], persons: bool) -> list[Actor] | None:
        """The article's main parties when they clearly outweigh the most recent countries:
        in a story about a Kyrgyz-Tajik clash, "the two countries' security services" after a
        sentence about Russia are Kyrgyzstan's and Tajikistan's. Each of the ``len(recent)``
        most named countries before ``i`` must be named at least twice as often as any recent
        country it would replace, and a country named in the reference's own sentence is never
        replaced."""
        n = len(recent)
        count: dict[str, int] = {}
        last: dict[str, Actor] = {}
        at: dict[str, int] = {}
        for m in self.between(0, i + 1):
            if m.end > i or m.kind == "media" or (persons and not _is_person(m)):
                continue
            if self.is_venue(m):
                continue
            for a in m.actors:
                if a.country:
                    count[a.country] = count.get(a.country, 0) + 1
                    last[a.country], at[a.country] = a, m.start
        top = sorted(count, key=lambda c: (-count[c], -at[c]))[:n]
        dropped = {a.country for a in recent} - set(top)
        if len(top) < n or not dropped:
            return None
        if any(self.sent_of[at[c]] == self.sent_of[i] for c in dropped if c):
            return None  # "travel to Egypt ..., after the two countries upgraded": named here
        if min(count[c] for c in top) < 2 * max(count.get(c, 0) for c in dropped if c):
            return None
        return [last[c] for c in sorted(top, key=lambda c: at[c])]

    @staticmethod
    def _distinct(prior: list[Mention], n: int, keep: Callable[[Mention], bool]) -> list[Actor]:
        out: list[Actor] = []
        seen: set[str] = set()
        for m in reversed(prior):
            if not keep(m):
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
    covered = ctx.covered  # grows as references are added
    # "the two governments" is a country-less GOV description until resolved as a group here;
    # the resolver then drops the base mention in favour of the reference.
    generic = {m.start for m in base if all(a.country is None for a in m.actors)}
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        low = tok.lower_
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        made: Mention | None = None
        if low in ("the", "both", "all") and (i not in covered or i in generic):
            made = _group_reference(ctx, i)
        if made is None and i in covered:
            i += 1
            continue
        if made is None and (
            low in ("his", "her", "their")
            and nxt is not None
            and nxt.lower_.startswith("counterpart")
        ):
            made = _counterpart(ctx, lex, i, when)
        elif low in PERSON_PRONOUNS and tok.pos_ == "PRON":
            ante = ctx.antecedent(i, "person")
            if ante is not None and not ctx.blocked_by_unknown_person(i, ante):
                made = _copy(doc, i, i + 1, ante, "pronoun")
        elif low in THING_PRONOUNS and tok.pos_ == "PRON":
            ante = ctx.antecedent(i, "thing")
            if ante is not None:
                made = _copy(doc, i, i + 1, ante, "pronoun")
        elif low in PLURAL_PRONOUNS and tok.pos_ == "PRON":
            # "them" may be a plural group ("expelled UN officials, accusing them"); "their"
            # is too often the subject's own ("Ukrainian forces ... their incursion").
            kind = "plural_or_group" if low == "them" or _main_clause_they(tok) else "plural"
            ante = ctx.antecedent(i, kind)
            if ante is not None and ctx.sent_of[ante.start] >= ctx.sent_of[i] - 1:
                made = _copy(doc, i, i + 1, ante, "pronoun")
        if made is not None:
            out.append(made)
            ctx.add(made)
            i = made.end
        else:
            i += 1
    return out


def _main_clause_they(tok: Token) -> bool:
    """A "they" that subjects a main or coordinated clause continues the group the story is
    about ("Opposition parties want more policing but they accuse ministers ..."). Inside a
    subordinate clause it too often means someone else ("officers escorted demonstrators as
    they marched"), so there it needs an antecedent of several actors, as "their" always does."""
    return tok.lower_ == "they" and tok.dep_ == "nsubj" and tok.head.dep_ in ("ROOT", "conj")


def _copy(doc: Doc, start: int, end: int, ante: Mention, kind: str) -> Mention:
    span = doc[start:end]
    actors = _relabel(ante.actors, span.text, span.start_char, span.end_char)
    return Mention(start, end, span.root.i, actors, kind)


def _group_reference(ctx: _Context, i: int) -> Mention | None:
    """ "the two governments", "both sides", "all three countries", "the pair", "the two".

    The N most recent distinct countries (N from the numeral), coded at the noun's sector
    (data/references.yaml ``group_nouns``); person nouns copy the people themselves.
    """
    doc = ctx.doc
    numbers, nouns = _group_tables()
    low = doc[i].lower_
    j = i + 1
    if low == "both":
        n, num = 2, doc[i]
    elif j < len(doc) and doc[j].lower_ in numbers and doc[j].lower_ != "both":
        if low == "all" and doc[j].lower_ in ("pair", "trio"):
            return None
        n, num = numbers[doc[j].lower_], doc[j]
        j += 1
    else:
        return None
    spec: str | None = None
    if num.lower_ in ("pair", "trio"):
        if low != "the" or j < len(doc) and doc[j].lower_ == "of":
            return None  # "the pair of boots"
        spec = "person"
    else:
        # One lower-case adjective may come between: "the two warring sides".
        if j + 1 < len(doc) and doc[j].pos_ == "ADJ" and doc[j].is_lower:
            if doc[j + 1].lower_ in nouns:
                j += 1
        if j < len(doc) and doc[j].lower_ in nouns:
            if j + 1 < len(doc) and doc[j + 1].lower_ == "of":
                return None  # "both sides of the border"
            spec = nouns[doc[j].lower_]
            j += 1
        elif low == "all" or n != 2 or num.dep_ not in _ARG_DEPS:
            # "both Ukraine and Russia", "the two hostages", "the three": not a country pair.
            return None
    actors = ctx.recent_countries(i, n, persons=spec == "person")
    if spec == "person" and len(actors) < n and num.lower_ == "pair":
        spec, actors = None, ctx.recent_countries(i, n)
    if len(actors) < n:
        return None
    if spec != "person":
        actors = [
            Actor((a.country or "") + (spec or ""), a.country, spec, None, "", 0, 0) for a in actors
        ]
    span = doc[i:j]
    return Mention(
        i, j, span.root.i, _relabel(actors, span.text, span.start_char, span.end_char), "pronoun"
    )


def _counterpart(ctx: _Context, lex: Lexicon, i: int, when: dt.date | None) -> Mention | None:
    doc = ctx.doc
    end = i + 2
    span = doc[i:end]
    # An appositive name right after: "his counterpart, Recep Tayyip Erdoğan".
    k = end + 1 if end < len(doc) and doc[end].text == "," else end
    for m in ctx.between(k, k + 1):
        if m.kind == "person":
            return Mention(
                i,
                end,
                span.root.i,
                _relabel(m.actors, span.text, span.start_char, span.end_char),
                "reference",
            )
    owner = ctx.antecedent(i, "person")
    if owner is None:
        return None
    own = owner.actors[0]
    sent = doc[i].sent
    others = [
        m
        for m in ctx.between(sent.start, sent.end)
        if m.kind != "media" and any(a.country and a.country != own.country for a in m.actors)
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
    # The latest named single person of each code: a dict, not a scan back over every person.
    named: dict[str, str] = {}
    for m in sorted(mentions, key=lambda x: x.start):
        if (
            m.kind == "description"
            and doc[m.start].lower_ == "the"
            and len(m.actors) == 1
            and m.actors[0].name is None
            and _is_person(m)
        ):
            a = m.actors[0]
            name = named.get(a.code)
            if name is not None:
                m = Mention(
                    m.start,
                    m.end,
                    m.head,
                    (Actor(a.code, a.country, a.sector, name, a.entity_text, a.start, a.end),),
                    m.kind,
                )
        if m.kind == "person" and len(m.actors) == 1 and m.actors[0].name:
            named[m.actors[0].code] = m.actors[0].name
        out.append(m)
    return out
