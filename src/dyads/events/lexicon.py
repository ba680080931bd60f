"""Load the trigger lexicon (``data/triggers.yaml``) into typed, validated rules."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from dyads.errors import DataFileError
from dyads.ontology import Ontology

# The 16 PLOVER 2.0 types, from the ontology tables (the one place they are listed).
PLOVER_TYPES: frozenset[str] = frozenset(Ontology.default().types)
# Slot names that are not prepositions.
SLOT_KEYWORDS = frozenset({"dobj", "iobj", "object_owner", "poss", "clause_subject"})
RULE_KEYS = frozenset(
    {
        "event",
        "mode",
        "cameo",
        "context",
        "object",
        "object_not",
        "object_required",
        "object_absent",
        "particle",
        "prep",
        "recipient",
        "needs_recipient",
        "negated",
        "symmetric",
        "reaction",
        "modifier",
        "note",
        "governor",
        "swap",
        "subject",
        "object_actor",
        "complement_not",
        "complement",
        "adverb",
        "judged",
        "modifier_not",
        "domestic",
        "object_person",
        "object_proper",
        "complement_absent",
        "complement_own",
        "complement_modal",
        "opinion_clause",
    }
)


@dataclass(frozen=True)
class Rule:
    """One way a trigger word can state an event."""

    lemma: str
    pos: str  # "verb" | "noun" | "adj"
    event: str | None  # None: the word matched but states no event (a blocking rule)
    cameo: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    object: frozenset[str] | None = None
    object_not: frozenset[str] = frozenset()
    object_required: bool = False
    object_absent: bool = False  # intransitive sense only: "the minister is quitting"
    particle: str | None = None
    prep: str | None = None
    modifier: frozenset[str] | None = None
    recipient: tuple[str, ...] = ()
    needs_recipient: bool = False
    negated: tuple[str, str] | None = None  # (event, cameo) used when the trigger is negated
    symmetric: bool = False
    reaction: bool = False
    note: str | None = None
    governor: frozenset[str] | None = None  # nouns: the verb they are the object of
    swap: bool = False  # the object is the PLOVER actor: "X hosted Y" -> Y visits X
    subject: frozenset[str] | None = None  # the subject's head lemma must be one of these
    object_actor: bool = False  # the direct object must be a political actor
    complement_not: frozenset[str] = frozenset()  # "declined to comment" is no refusal
    complement: frozenset[str] | None = None  # the to-clause's verb must be one of these
    adverb: frozenset[str] | None = None  # an adverb of the verb must be one of these
    judged: bool = False  # adjectives: only as the verdict of "call", "deem", "describe as"
    modifier_not: frozenset[str] = frozenset()  # "joint exercises" are not one side's drills
    domestic: bool = False  # with no recipient, the act falls on the actor's own population
    object_person: bool = False  # the direct object must be a named person who is an actor
    object_proper: bool = False  # the direct object must be a proper name ("joined NATO")
    complement_absent: bool = False  # no "to"-clause: "agreed with X" vs "agreed with X to ..."
    # a that-clause, if any, must be about the speaker's own acts ("warned that its troops
    # would strike", not "warned that the truce could fail")
    complement_own: bool = False
    # the that-clause must carry one of these modals: "said Japan must stop ..." is a demand
    complement_modal: frozenset[str] | None = None
    # the that-clause states what is so (no modal, no subjunctive): "agreed the act was
    # discriminatory" is an opinion, "agreed that talks would resume" an agreement
    opinion_clause: bool = False


@dataclass(frozen=True)
class Lexicon:
    """Trigger rules by part of speech and lemma, the word classes, and the light verbs."""

    verbs: dict[str, tuple[Rule, ...]]
    nouns: dict[str, tuple[Rule, ...]]
    adjectives: dict[str, tuple[Rule, ...]]
    classes: dict[str, frozenset[str]]
    light_verbs: frozenset[str]
    judgement_verbs: frozenset[str]
    verdict_speech_verbs: frozenset[str] = frozenset()

    def rules(self, pos: str, lemma: str) -> tuple[Rule, ...]:
        """Rules for a lemma under a coarse part of speech ("verb", "noun", "adj")."""
        table = {"verb": self.verbs, "noun": self.nouns, "adj": self.adjectives}[pos]
        return table.get(lemma, ())

    def all_rules(self) -> list[Rule]:
        """Every rule that states an event, across verbs, nouns and adjectives."""
        tables = (self.verbs, self.nouns, self.adjectives)
        return [r for t in tables for rules in t.values() for r in rules if r.event is not None]

    def in_class(self, lemma: str, name: str) -> bool:
        """Whether ``lemma`` belongs to the word class ``name``."""
        return lemma in self.classes.get(name, frozenset())


def _expand(values: Any, classes: dict[str, frozenset[str]], where: str) -> frozenset[str]:
    if isinstance(values, str):
        values = [values]
    out: set[str] = set()
    for v in values:
        v = str(v)
        if v.startswith("@"):
            if v[1:] not in classes:
                raise DataFileError(f"triggers.yaml: {where}: unknown class {v}")
            out |= classes[v[1:]]
        else:
            out.add(v.lower())
    return frozenset(out)


def _slot(value: object, pos: str) -> str:
    if not isinstance(value, str):
        # YAML 1.1 reads a bare `on` as true: refuse rather than silently lose the slot.
        raise DataFileError(f"triggers.yaml: recipient slot {value!r} must be a quoted string")
    if value in SLOT_KEYWORDS or value.startswith("prep:"):
        return value
    if pos == "noun":
        return f"prep:{value}"
    raise DataFileError(f"triggers.yaml: unknown recipient slot {value!r}")


def _rule(lemma: str, pos: str, raw: dict[str, Any], classes: dict[str, frozenset[str]]) -> Rule:
    where = f"{pos} {lemma!r}"
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise DataFileError(f"triggers.yaml: {where}: unknown keys {sorted(unknown)}")
    event = raw.get("event")
    if event is not None and event not in PLOVER_TYPES:
        raise DataFileError(f"triggers.yaml: {where}: {event!r} is not a PLOVER type")
    cameo = str(raw.get("cameo", "")) if event is not None else ""
    if event is not None and not cameo.isdigit():
        raise DataFileError(f"triggers.yaml: {where}: cameo must be a digit string")
    for key in ("prep", "particle"):
        if key in raw and not isinstance(raw[key], str):
            raise DataFileError(
                f"triggers.yaml: {where}: {key} {raw[key]!r} must be a quoted string"
            )
    if event is not None:
        # a rule's (type, mode, CAMEO) must be one the ontology accepts: the coder reports them
        problems = Ontology.default().validate_event(event, raw.get("mode"), cameo)
        if problems:
            raise DataFileError(f"triggers.yaml: {where}: {'; '.join(problems)}")
    neg = raw.get("negated")
    negated = (str(neg["event"]), str(neg["cameo"])) if isinstance(neg, dict) else None
    if negated and (problems := Ontology.default().validate_event(negated[0], None, negated[1])):
        raise DataFileError(f"triggers.yaml: {where}: negated: {'; '.join(problems)}")
    obj = raw.get("object")
    modifier = raw.get("modifier")
    default_slots = ("dobj",) if pos == "verb" else ()
    return Rule(
        lemma=lemma,
        pos=pos,
        event=event,
        cameo=cameo,
        mode=raw.get("mode"),
        context=tuple(raw.get("context") or ()),
        object=_expand(obj, classes, where) if obj is not None else None,
        object_not=_expand(raw.get("object_not") or [], classes, where),
        object_required=bool(raw.get("object_required", False)),
        object_absent=bool(raw.get("object_absent", False)),
        particle=raw.get("particle"),
        prep=raw.get("prep"),
        modifier=_expand(modifier, classes, where) if modifier is not None else None,
        recipient=tuple(_slot(s, pos) for s in raw.get("recipient", default_slots)),
        needs_recipient=bool(raw.get("needs_recipient", False)),
        negated=negated,
        symmetric=bool(raw.get("symmetric", False)),
        reaction=bool(raw.get("reaction", False)),
        note=raw.get("note"),
        governor=_expand(raw["governor"], classes, where) if raw.get("governor") else None,
        swap=bool(raw.get("swap", False)),
        subject=_expand(raw["subject"], classes, where) if raw.get("subject") else None,
        object_actor=bool(raw.get("object_actor", False)),
        complement_not=_expand(raw.get("complement_not") or [], classes, where),
        complement=_expand(raw["complement"], classes, where) if raw.get("complement") else None,
        adverb=_expand(raw["adverb"], classes, where) if raw.get("adverb") else None,
        judged=bool(raw.get("judged", False)),
        modifier_not=_expand(raw.get("modifier_not") or [], classes, where),
        domestic=bool(raw.get("domestic", False)),
        object_person=bool(raw.get("object_person", False)),
        object_proper=bool(raw.get("object_proper", False)),
        complement_absent=bool(raw.get("complement_absent", False)),
        complement_own=bool(raw.get("complement_own", False)),
        complement_modal=(
            _expand(raw["complement_modal"], classes, where)
            if raw.get("complement_modal")
            else None
        ),
        opinion_clause=bool(raw.get("opinion_clause", False)),
    )


def parse_lexicon(data: dict[str, Any]) -> Lexicon:
    """Validate and build a :class:`Lexicon` from the decoded YAML mapping."""
    classes = {
        k: frozenset(str(w).lower() for w in v) for k, v in (data.get("classes") or {}).items()
    }
    tables: dict[str, dict[str, tuple[Rule, ...]]] = {}
    for section, pos in (("verbs", "verb"), ("nouns", "noun"), ("adjectives", "adj")):
        table: dict[str, tuple[Rule, ...]] = {}
        for lemma, rules in (data.get(section) or {}).items():
            if isinstance(rules, dict):
                rules = [rules]
            table[str(lemma)] = tuple(_rule(str(lemma), pos, r, classes) for r in rules)
        tables[section] = table
    return Lexicon(
        verbs=tables["verbs"],
        nouns=tables["nouns"],
        adjectives=tables["adjectives"],
        classes=classes,
        light_verbs=frozenset(str(v) for v in data.get("light_verbs") or ()),
        judgement_verbs=frozenset(str(v) for v in data.get("judgement_verbs") or ()),
        verdict_speech_verbs=frozenset(str(v) for v in data.get("verdict_speech_verbs") or ()),
    )


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses duplicate keys (YAML silently keeps the last one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise DataFileError(
                    f"triggers.yaml line {key_node.start_mark.line + 1}: duplicate key {key!r}"
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load the bundled trigger lexicon (cached)."""
    path = resources.files("dyads.events") / "data" / "triggers.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot load trigger lexicon {path}: {exc}") from exc
    return parse_lexicon(data)
