"""Party status by date, acronyms the article defines, names no dictionary knows, peers,
short given names, bodies named after a sector word and "officials".

The sentences are written for these tests (no corpus text)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dyads.actors import ActorResolver
from dyads.actors.lexicon import load_lexicon, norm_key
from dyads.actors.people import nicknames


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver.default()


def found(resolver: ActorResolver, nlp: Any, text: str, when: dt.date | None) -> dict[str, str]:
    """entity_text -> code of every actor in ``text``."""
    return {a.entity_text: a.code for a in resolver.annotate(nlp(text), when).actors()}


@pytest.mark.parametrize(
    ("text", "when", "mention", "code"),
    [
        # a party's titled people are the opposition while it is out of government ...
        ("Labour spokesman Tom Quibble attacked the budget.", "1987-03-01",
         "Labour spokesman Tom Quibble", "GBROPP"),
        ("Tory frontbencher Ann Quibble said taxes would fall.", "2005-01-01",
         "Tory frontbencher Ann Quibble", "GBROPP"),
        # ... and not while it governs, nor when the date is unknown
        ("Tory frontbencher Ann Quibble said taxes would fall.", "1987-03-01",
         "Tory frontbencher Ann Quibble", "GBRPTY"),
        ("Tory frontbencher Ann Quibble said taxes would fall.", None,
         "Tory frontbencher Ann Quibble", "GBRPTY"),
        # the party itself stays PTY
        ("The Tories said taxes would fall.", "2005-01-01", "The Tories", "GBRPTY"),
        # a known opposition leader, by the dated roles
        ("Lib Dem leader Charles Kennedy spoke. Mr Kennedy said the war was wrong.",
         "2005-01-01", "Mr Kennedy", "GBROPP"),
        ("The new Lord Kinnock spoke in the chamber.", "2005-01-01", "The new Lord Kinnock",
         "GBRELI"),
    ],
)  # fmt: skip
def test_party_people_by_government_status(
    resolver: ActorResolver, nlp: Any, text: str, when: str | None, mention: str, code: str
) -> None:
    date = dt.date.fromisoformat(when) if when else None
    assert found(resolver, nlp, text, date)[mention] == code


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        # an acronym the article spells out is the full name's actor
        ("Philippine officials said the Zembla Export Development Authority (ZEDA) would meet. "
         "Later ZEDA said exports rose.", "ZEDA", "PHLGOV"),
        # a country word and a state-body noun modifying a thing: the body's code
        ("Philippine government revenue rose.", "Philippine government", "PHLGOV"),
        # a sector word before a body's name titles no person
        ("David Quorrel, from the Local Government Association, said councils were short of "
         "money in Britain.", "David Quorrel", "GBRGOV"),
        # "officials" said: the state's officials of the story
        ("Officials said the talks in Yemen had failed.", "Officials", "YEMGOV"),
        # a peer no dictionary knows sits in the Lords
        ("Lord Quibbleton of Worcester chaired the inquiry.", "Lord Quibbleton", "GBRLEG"),
        # a name no dictionary knows takes the country of its context; a person the article
        # gives no title is a civilian
        ("Venezuela will not renegotiate its debt, Jorge Zanbrano said in Caracas.",
         "Jorge Zanbrano", "VENCVL"),
        ("Shares of Quorbex Plc rose in London on Britain's market.", "Quorbex Plc", "GBRBUS"),
        # a short given name is the dictionary's person
        ("U.S. Deputy Treasury Secretary Richard Darman spoke. Dick Darman will leave.",
         "Dick Darman", "USAGOV"),
        # a bare surname keeps the title its full name found (here from the coordinated
        # titled name), not just its country
        ("A Japanese minister was quizzed by Federal Reserve chairman Paul Volcker and "
         "economic council chairman Beryl Sprankel on growth. Although Sprankel said he "
         "expected no slump, Volcker sounded worried.", "Sprankel", "USAGOV"),
        # an East Asian name puts the family name first: "Wang" is Wang Chao-ming
        ("Vice Minister Wang Chao-ming of Taiwan met traders. Most of the island's exports go "
         "to the U.S. Wang said the U.S. must act.", "Wang", "TWNGOV"),
        ("Vice Minister Wang Chao-ming of Taiwan met traders. Most of the island's exports go "
         "to the U.S. Wang said the U.S. must act.", "Vice Minister Wang Chao-ming", "TWNGOV"),
    ],
)  # fmt: skip
def test_article_context_codes(
    resolver: ActorResolver, nlp: Any, text: str, mention: str, code: str
) -> None:
    assert found(resolver, nlp, text, dt.date(1987, 6, 1))[mention] == code


def test_unknown_names_are_kind_unknown_and_dropped_without_country(
    resolver: ActorResolver, nlp: Any
) -> None:
    idx = resolver.annotate(nlp("Zorblat Quennick spoke in Kenya."), None)
    kinds = {m.actors[0].entity_text: m.kind for m in idx.mentions}
    assert kinds["Zorblat Quennick"] == "unknown"
    # with no country anywhere in the text there is nothing to code
    idx = resolver.annotate(nlp("Zorblat Quennick spoke again."), None)
    assert all(m.kind != "unknown" for m in idx.mentions)


def test_nickname_and_opposition_data_load() -> None:
    nicks = nicknames()
    assert "dick" in nicks["richard"] and "bill" in nicks["william"]
    assert all(k == k.lower() and all(v == v.lower() for v in vs) for k, vs in nicks.items())
    lex = load_lexicon()
    labour = next(e for e in lex.lookup(norm_key("Labour Party")) if e.kind == "org")
    assert labour.in_opposition(dt.date(1987, 1, 1))
    assert not labour.in_opposition(dt.date(2005, 1, 1))
    assert not labour.in_opposition(None)


def test_capitals_of_a_headline_are_no_names(nlp: Any) -> None:
    """A word in an all-capitals headline is a name only where the entity recogniser says so
    ("MORE" is no town), while ordinary capitalised names stay names."""
    from dyads.actors.places import capitalised

    doc = nlp("FRANCE RECALLS MORE DIPLOMATS FROM SYRIA")
    words = {t.text: capitalised(t) for t in doc}
    assert words["MORE"] is False and words["FRANCE"] is True
    doc = nlp("Syrian troops shelled Aleppo and the US said MORE was needed.")
    assert all(capitalised(t) for t in doc if t.text in ("Syrian", "Aleppo", "US", "MORE"))


def test_a_surname_tagged_as_a_place_is_the_person(resolver: ActorResolver, nlp: Any) -> None:
    """The small NER sometimes calls a known person's bare surname a place (it tagged the
    last bare surname of a 1987 story GPE); a surname of a person the article has named, that
    no place list knows, is that person."""
    from spacy.tokens import Span

    text = (
        "U.S. Trade Representative Clayton Quayter spoke on Monday. "
        "Quayter said Tokyo had to open its rice market."
    )
    doc = nlp(text)
    k = [t.i for t in doc if t.text == "Quayter"][-1]
    doc.ents = [e for e in doc.ents if not (e.start <= k < e.end)] + [Span(doc, k, k + 1, "GPE")]
    got = {
        (a.entity_text, a.start): a.code
        for a in resolver.annotate(doc, dt.date(1987, 4, 1)).actors()
    }
    assert got[("Quayter", doc[k].idx)] == "USAGOV"


def test_a_pronoun_takes_the_country_its_antecedent_gets(resolver: ActorResolver, nlp: Any) -> None:
    """Coreference copies "the president" before context gives it a country; the pronoun
    then takes that country, not one from its own sentence's towns."""
    text = (
        "Washington is consulting its partners in Asia, the president said. He said the draft "
        "repeated terms he had settled with Gorbachev at their meeting in Reykjavik, Iceland."
    )
    got = [
        (a.entity_text, a.code) for a in resolver.annotate(nlp(text), dt.date(1987, 3, 1)).actors()
    ]
    assert ("He", "USAGOV") in got and ("he", "USAGOV") in got
