"""The indexed coreference pass (``dyads.actors.coref``) gives exactly what the old scan gave.

``resolve_references`` and ``name_descriptions`` used to scan every earlier mention for every
pronoun (quadratic in article length); they now use indexes. The old scan is kept below, in
this file only, as the reference: both run on the same parsed documents (real articles read
from ../shared/corpus at run time, several of them joined into one long text, and synthetic
texts written here) and must return identical mentions. Speed is measured by
``benchmarks/length.py``, not here.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dyads.actors import ActorResolver
from dyads.actors.chunker import base_mentions
from dyads.actors.coref import (
    _ADJUNCT_PREPS,
    _ARG_DEPS,
    _GROUP_BACK,
    _SUBJ,
    _VENUE_KINDS,
    _VENUE_PREPS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    THING_PRONOUNS,
    _copy,
    _group_tables,
    _is_person,
    _is_thing,
    _main_clause_they,
    _plural_antecedent,
    _relabel,
    name_descriptions,
    resolve_references,
)
from dyads.actors.definites import resolve_definites
from dyads.actors.lexicon import Lexicon
from dyads.actors.model import Mention
from dyads.actors.names import resolve_names
from dyads.nlp import parse_many
from dyads.records import Actor

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FILES = ("bbc2005_politics.jsonl", "reuters1987.jsonl")
# BBC 2004-05 stories carry no date; they are coded as of 2005 (as in test_actor_realtext.py).
BBC_WHEN = dt.date(2005, 1, 1)

# Written for this test: each line exercises one branch of the pass (co-arguments, the
# possessor of a group, time adjuncts, counterparts, groups of countries, blocked pronouns).
SENTENCES = (
    "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Ankara.",
    "He praised him for his role in the grain deal.",
    "Putin told his counterpart that Moscow would keep supplying gas to Turkey.",
    "The two leaders agreed to meet again in Sochi.",
    "Both countries signed a trade pact during his visit.",
    "Al-Shabaab threatened new attacks in Kenya after its fighters stormed a base.",
    "Mexico granted him asylum, and Ecuador said it would protest.",
    "Police detained Maria Lopez two days after Chile granted her a visa.",
    "Ukrainian forces pressed their incursion into the Kursk region.",
    "Israel expelled seven senior UN officials, accusing them of bias.",
    "The Indian foreign ministry said it would summon the ambassador.",
    "Xi did not meet Zelenskiy during his trip to Moscow.",
    "The Kremlin said the two governments had talked in Vienna.",
    "Japan, Vietnam and the Philippines condemned the strike, and all three countries "
    "called for calm.",
    "The pair later spoke by phone.",
    "Iran said it had seized a tanker; Washington said the seizure broke its rules.",
    "The Russian leader later said he would not attend.",
    "France and Germany said they would send aid to Sudan.",
    "Both sides of the border were shelled overnight.",
    "She said the envoy had briefed her on the talks.",
    "Egyptian Foreign Minister Sameh Shoukry met his Ethiopian counterpart in Cairo.",
    "The two sides blamed each other, and the rebels said they would fight on.",
)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver.default()


def _check(doc: Doc, lex: Lexicon, when: dt.date | None) -> int:
    """Assert the indexed pass equals the reference on ``doc``; return the references made."""
    # The mentions the resolver hands to the pass (ActorResolver.annotate, first steps).
    base = resolve_names(doc, base_mentions(doc, lex, when), lex, when)
    base, definites = resolve_definites(doc, base)
    base = base + definites
    refs = resolve_references(doc, base, lex, when)
    assert refs == ref_resolve_references(doc, base, lex, when)
    assert name_descriptions(doc, base + refs) == ref_name_descriptions(doc, base + refs)
    return len(refs)


def _real_articles(n_each: int, seed: int) -> list[tuple[str, dt.date | None]]:
    """``n_each`` seeded picks from each corpus file: (text, coding date)."""
    if not all((CORPUS / f).exists() for f in FILES):
        pytest.skip("../shared/corpus is not beside the checkout")
    rng = random.Random(seed)
    out: list[tuple[str, dt.date | None]] = []
    for name in FILES:
        rows = [json.loads(line) for line in (CORPUS / name).open(encoding="utf-8") if line.strip()]
        for r in rng.sample(rows, n_each):
            date = dt.date.fromisoformat(r["date"][:10]) if r.get("date") else BBC_WHEN
            out.append((r["text"], date))
    return out


def test_real_articles_match_the_reference(nlp: Language, resolver: ActorResolver) -> None:
    articles = _real_articles(8, seed=16)
    docs = parse_many(nlp, [t for t, _ in articles])
    made = [
        _check(doc, resolver.lexicon, when) for doc, (_, when) in zip(docs, articles, strict=True)
    ]
    assert sum(made) >= 10  # the articles do exercise the pass


def test_joined_real_articles_match_the_reference(nlp: Language, resolver: ActorResolver) -> None:
    """About 40 KB of real text as one article: pronouns look back across many stories."""
    articles = _real_articles(10, seed=61)
    text = "\n\n".join(t.strip() for t, _ in articles)
    assert len(text) > 20_000
    doc = next(parse_many(nlp, [text]))
    assert _check(doc, resolver.lexicon, articles[0][1]) >= 20


def test_written_sentences_match_the_reference(nlp: Language, resolver: ActorResolver) -> None:
    docs = parse_many(nlp, SENTENCES)
    made = [_check(doc, resolver.lexicon, dt.date(2024, 6, 1)) for doc in docs]
    assert sum(made) >= 10


@pytest.mark.parametrize("seed", [1, 2])
def test_long_shuffled_text_matches_the_reference(
    nlp: Language, resolver: ActorResolver, seed: int
) -> None:
    """Hundreds of the written sentences in random paragraphs: antecedents far back, none at
    all, many co-arguments and group references in one document."""
    rng = random.Random(seed)
    paragraphs = [" ".join(rng.choices(SENTENCES, k=rng.randint(1, 5))) for _ in range(120)]
    doc = next(parse_many(nlp, ["\n\n".join(paragraphs)]))
    assert _check(doc, resolver.lexicon, dt.date(2024, 6, 1)) >= 100


# --- The reference: the scan over all earlier mentions, as it was before the indexes. ---


class _RefContext:
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
        earlier = [m for m in prior if self.sent_of[m.start] < here and pred(m)]
        if not earlier:
            return None
        nearest = self.sent_of[earlier[-1].start]
        in_nearest = [m for m in earlier if self.sent_of[m.start] == nearest]
        subjects = [m for m in in_nearest if self.doc[m.head].dep_ in ("nsubj", "nsubjpass")]
        return (subjects or in_nearest)[-1 if not subjects else 0]

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
        owned = tok.head.i
        return any(
            m.start <= owned < m.end and m.kind == "description" and m.actors[0].country is None
            for m in self.mentions
        )

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

    def is_venue(self, m: Mention) -> bool:
        """A place named as where things happen: "talks in Vienna", "a summit at the Kremlin"."""
        head = self.doc[m.head]
        return m.kind in _VENUE_KINDS and head.dep_ == "pobj" and head.head.lower_ in _VENUE_PREPS

    def recent_countries(self, i: int, n: int, persons: bool = False) -> list[Actor]:
        """The actors of the ``n`` most recent distinct countries before token ``i``, in order.

        Looks back over its own and ``_GROUP_BACK`` earlier sentences. Venues ("in Vienna")
        are passed over; when too few sides remain, a country venue (never a capital) may count.
        """
        here = self.sent_of[i]
        prior = [
            m
            for m in self.before(i)
            if here - self.sent_of[m.start] <= _GROUP_BACK and (not persons or _is_person(m))
        ]
        out = self._distinct(prior, n, lambda m: not self.is_venue(m))
        if len(out) < n:
            out = self._distinct(prior, n, lambda m: m.kind != "capital" or not self.is_venue(m))
        if len(out) == n:
            # the article's main parties, when named at least twice as often as the recent
            # countries they replace and none of those is named in the reference's sentence
            seen = [
                (m, a)
                for m in self.before(i)
                if (not persons or _is_person(m)) and not self.is_venue(m)
                for a in m.actors
                if a.country
            ]
            count = {
                c: sum(1 for _, a in seen if a.country == c) for _, a in seen for c in [a.country]
            }
            last = {a.country: (m.start, a) for m, a in seen}
            top = sorted(count, key=lambda c: (-count[c], -last[c][0]))[:n]
            dropped = {a.country for a in out} - set(top)
            if (
                len(top) == n
                and dropped
                and not any(self.sent_of[last[c][0]] == self.sent_of[i] for c in dropped if c)
                and min(count[c] for c in top) >= 2 * max(count.get(c, 0) for c in dropped if c)
            ):
                out = [last[c][1] for c in sorted(top, key=lambda c: last[c][0])]
        return out

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


def ref_resolve_references(
    doc: Doc, base: list[Mention], lex: Lexicon, when: dt.date | None
) -> list[Mention]:
    """Return new mentions for pronouns and references in ``doc`` (base mentions not included)."""
    ctx = _RefContext(doc, base)
    covered = {i for m in base for i in range(m.start, m.end)}
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
            made = _ref_group_reference(ctx, i)
        if made is None and i in covered:
            i += 1
            continue
        if made is None and (
            low in ("his", "her", "their")
            and nxt is not None
            and nxt.lower_.startswith("counterpart")
        ):
            made = _ref_counterpart(ctx, lex, i, when)
        elif low in PERSON_PRONOUNS and tok.pos_ == "PRON":
            ante = ctx.antecedent(i, _is_person)
            if ante is not None and not ctx.blocked_by_unknown_person(i, ante):
                made = _copy(doc, i, i + 1, ante, "pronoun")
        elif low in THING_PRONOUNS and tok.pos_ == "PRON":
            ante = ctx.antecedent(i, _is_thing)
            if ante is not None:
                made = _copy(doc, i, i + 1, ante, "pronoun")
        elif low in PLURAL_PRONOUNS and tok.pos_ == "PRON":
            # "them" may be a plural group ("expelled UN officials, accusing them"); "their"
            # is too often the subject's own ("Ukrainian forces ... their incursion").
            group_ok = low == "them" or _main_clause_they(tok)
            ante = ctx.antecedent(i, _plural_antecedent(doc, group_ok=group_ok))
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


def _ref_group_reference(ctx: _RefContext, i: int) -> Mention | None:
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


def _ref_counterpart(
    ctx: _RefContext, lex: Lexicon, i: int, when: dt.date | None
) -> Mention | None:
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


def ref_name_descriptions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
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
