"""A military coalition named without its leader: "the coalition's airstrikes", "coalition
forces", "a coalition drone".

Wire copy from Iraq, Syria, Afghanistan and Yemen calls the lead state's alliance just "the
coalition". Read alone, the word is weak (``sectors.yaml``: it needs a leader, "Saudi-led
coalition"), so "the coalition's airstrikes hit three depots" had no actor
and lost its event, and "coalition forces" in Baghdad became Iraq's own army. CAMEO codes a
coalition by the state that leads it; which state that is depends on the war, so the
campaigns are data (``data/coalitions.yaml``: the countries each was fought in, its dates,
its leader).

The rule: a "coalition" with no modifier that names its members or side ("the opposition
coalition", "the Kurdish-Arab coalition", "the Seleka coalition" keep their own reading; a
leader compound is read by ``hyphens``) that is used militarily (it owns or modifies a force
or a strike: "coalition forces", "the coalition's airstrikes", "coalition raids"; or it bombs,
strikes or captures) is the military of the leader of the campaign fought, on the article's
date, in the countries its sentence names (else the article's main country). With no campaign
that fits, nothing changes. Without an article date the latest campaign that fits is taken.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from dyads.actors.context import main_country
from dyads.actors.model import Mention
from dyads.actors.places import sentence_cities
from dyads.errors import DataFileError
from dyads.records import Actor

DATA_FILE = "coalitions.yaml"

# What a coalition owns or names when it fights: its forces and its strikes.
MILITARY_NOUNS = frozenset(
    {
        "force", "forces", "troop", "troops", "soldier", "soldiers", "warplane", "warplanes",
        "jet", "jets", "aircraft", "plane", "planes", "drone", "drones", "helicopter",
        "helicopters", "airstrike", "airstrikes", "strike", "strikes", "raid", "raids",
        "bombing", "bombings", "bombardment", "operation", "operations", "offensive",
        "warship", "warships", "artillery", "fire", "attack", "attacks", "air", "aviation",
    }
)  # fmt: skip
# What a coalition does when it is the subject: "the coalition bombed ISIS positions".
MILITARY_VERBS = frozenset(
    {
        "bomb", "strike", "hit", "attack", "target", "shell", "raid", "kill", "destroy",
        "capture", "seize", "retake", "recapture", "pound", "fire", "launch", "conduct",
        "carry", "deploy", "invade", "drop",
    }
)  # fmt: skip
# Modifiers that leave the coalition the campaign's ("the international coalition", "the
# anti-ISIS coalition"); any other modifier names another one ("the opposition coalition").
NEUTRAL_MODIFIERS = frozenset(
    {
        "the", "a", "an", "another", "this", "that", "its", "international", "multinational",
        "allied", "western", "military", "global", "anti", "-", "isis", "is", "isil", "daesh",
        "terror", "terrorism", "terrorist", "jihadist", "broad", "'s", "’s",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Campaign:
    """One coalition war: where it was fought, when, and the state that led it."""

    name: str
    countries: frozenset[str]
    start: dt.date
    end: dt.date | None
    leader: str

    def covers(self, when: dt.date | None) -> bool:
        """Whether the campaign was under way on ``when`` (any date fits an undated text)."""
        if when is None:
            return True
        return self.start <= when and (self.end is None or when <= self.end)


def _date(value: object, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(f"{where}: '{value}' is no date; write YYYY-MM-DD or null") from None


@functools.cache
def load_campaigns() -> tuple[Campaign, ...]:
    """The coalition campaigns of ``data/coalitions.yaml`` (cached per process)."""
    path = resources.files("dyads.actors") / "data" / DATA_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for n, row in enumerate(data.get("campaigns", []), 1):
        where = f"{DATA_FILE}, campaign {n}"
        try:
            start = _date(row["from"], where)
            name, leader, countries = str(row["name"]), str(row["leader"]), row["in"]
        except (KeyError, TypeError):
            raise DataFileError(
                f"{where}: each campaign needs name, in, from, to and leader"
            ) from None
        if start is None or len(leader) != 3 or not countries:
            raise DataFileError(f"{where}: needs a start date, a 3-letter leader and countries")
        out.append(
            Campaign(
                name, frozenset(map(str, countries)), start, _date(row.get("to"), where), leader
            )
        )
    return tuple(out)


def campaign_for(places: Iterable[str], when: dt.date | None) -> Campaign | None:
    """The campaign fought on ``when`` in the first of ``places`` that has one (the latest,
    for an undated text)."""
    campaigns = load_campaigns()
    for cc in places:
        fits = [c for c in campaigns if cc in c.countries and c.covers(when)]
        if fits:
            return max(fits, key=lambda c: c.start)
    return None


def _military_use(tok: Token) -> bool:
    head = tok.head
    if tok.dep_ in ("compound", "poss", "amod", "nmod") and head.lower_ in MILITARY_NOUNS:
        return True
    if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in MILITARY_VERBS:
        return tok.dep_ == "nsubj"
    # "an airstrike by the coalition", "raids by coalition forces"
    return (
        tok.dep_ == "pobj"
        and head.lower_ == "by"
        and head.head.lower_ in MILITARY_NOUNS | {"killed", "destroyed", "hit", "struck"}
    )


def _bare(tok: Token) -> bool:
    """No modifier names the coalition's members or side."""
    mods = [c for c in tok.children if c.dep_ not in ("case", "punct", "prep", "acl", "relcl")]
    if tok.dep_ == "compound":
        # "the opposition coalition forces": the words before "coalition" in the phrase
        mods += [c for c in tok.head.children if c.i < tok.i and c.dep_ != "det"]
    return all(c.lower_ in NEUTRAL_MODIFIERS for m in mods for c in m.subtree)


def _places(doc: Doc, tok: Token, mentions: list[Mention], cities: dict[str, str]) -> list[str]:
    """The countries the coalition's sentence names (nearest first), then the article's."""
    sent = tok.sent
    named = sorted(
        (
            (abs(m.head - tok.i), a.country)
            for m in mentions
            if sent.start <= m.start < sent.end and not m.start <= tok.i < m.end
            and m.kind != "media" and not m.inferred
            for a in m.actors
            if a.country
        ),
    )  # fmt: skip
    out = [cc for _, cc in named]
    covered = {t for m in mentions for t in range(m.start, m.end)}
    out += sorted(sentence_cities(doc, sent, covered, cities))
    home = main_country([m for m in mentions if not m.inferred])
    if home:
        out.append(home)
    return out


def led_coalitions(
    doc: Doc, mentions: list[Mention], when: dt.date | None, cities: dict[str, str]
) -> list[Mention]:
    """``mentions`` with each bare military "coalition" made its leader's military (see the
    module docstring)."""
    out = list(mentions)
    for tok in doc:
        if (
            tok.lower_ not in ("coalition", "coalitions")
            or not _military_use(tok)
            or not _bare(tok)
        ):
            continue
        at = [k for k, m in enumerate(out) if m.start <= tok.i < m.end]
        if at and any(
            a.sector != "MIL" or (a.country and not out[at[0]].inferred) for a in out[at[0]].actors
        ):
            continue  # a coalition the text names ("the Saudi-led coalition") or no force
        campaign = campaign_for(_places(doc, tok, out, cities), when)
        if campaign is None:
            continue
        if at:
            m = out[at[0]]
            start, end, head = m.start, m.end, m.head
        else:
            # the phrase up to the force or strike it names: "A coalition airstrike",
            # "the coalition('s)"
            span_head = tok.head if tok.dep_ == "compound" else tok
            start, end, head = span_head.left_edge.i, span_head.i + 1, span_head.i
        span = doc[start:end]
        leader = campaign.leader
        actor = Actor(
            leader + "MIL", leader, "MIL", campaign.name, span.text,
            span.start_char, span.end_char,
        )  # fmt: skip
        new = Mention(start, end, head, (actor,), "description")
        if at:
            out[at[0]] = new
        else:
            out.append(new)
    return sorted(out, key=lambda m: (m.start, m.end))
