"""The public dictionaries (Phoenix/PETRARCH, PLOVER agents) merged into the actor lexicon.

``data/phoenix.tsv.gz`` is written by ``scripts/build_actors.py`` (one row per person,
organisation, country-level name or agent noun, each with the source file and line it came
from). It is merged *under* the project's own lists: a phrase the own data already knows keeps
its own reading, and a person named in ``people.csv`` is never taken from here, so the own list
stays the source for office holders after 2014. Every phrase goes into the same normalised-key
index as the rest of the lexicon (no scans at lookup time); prefixes are registered only at
token boundaries to keep memory modest.

Bare surnames derived by the converter ("Reagan") are *guarded*: they resolve only where spaCy
reads the token as a person or a title stands before it; no public name matches inside a
longer name (see :func:`person_context`).
"""

from __future__ import annotations

import datetime as dt
import gzip
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from dyads.actors.definites import load_references
from dyads.actors.lexicon import Entry, Lexicon, norm_key, plurals
from dyads.actors.people import Person, Role, nicknames
from dyads.errors import DataFileError

if TYPE_CHECKING:
    from spacy.tokens import Token

DATA_FILE = "phoenix.tsv.gz"
COLUMNS = ("kind", "name", "code", "sector", "org_kind", "roles", "aliases", "surnames", "source")


@dataclass(frozen=True)
class Row:
    """One converted dictionary row (see ``scripts/build_actors.py``)."""

    kind: str
    name: str
    code: str
    sector: str
    org_kind: str
    roles: str
    aliases: str
    surnames: str
    source: str


def read_rows(text: str | None = None) -> list[Row]:
    """Parse the converted TSV (the bundled file when ``text`` is None)."""
    if text is None:
        try:
            raw = resources.files("dyads.actors").joinpath("data").joinpath(DATA_FILE)
            text = gzip.decompress(raw.read_bytes()).decode("utf-8")
        except OSError as exc:
            raise DataFileError(f"actors/data/{DATA_FILE}: {exc}") from exc
    rows: list[Row] = []
    header_seen = False
    for n, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            if tuple(cols) != COLUMNS:
                raise DataFileError(f"actors/data/{DATA_FILE} line {n}: bad header {cols}")
            header_seen = True
            continue
        if len(cols) != len(COLUMNS):
            raise DataFileError(f"actors/data/{DATA_FILE} line {n}: {len(cols)} columns")
        rows.append(Row(*cols))
    return rows


def _dated(roles: str) -> list[tuple[str, dt.date | None, dt.date | None]]:
    out = []
    for part in roles.split("|") if roles else []:
        code, start, end = part.split("@")
        out.append(
            (
                code,
                dt.date.fromisoformat(start) if start else None,
                dt.date.fromisoformat(end) if end else None,
            )
        )
    return out


def _role(code: str, start: dt.date | None, end: dt.date | None) -> Role:
    """A person's dated code as a Role: ``RUSGOV`` -> country RUS, sector GOV."""
    if code.startswith(("IGO", "NGO", "IMG")):
        return Role(code, "", None, start, end)
    return Role(code[:3], "", code[3:6] or None, start, end)


def add_public(lex: Lexicon, rows: list[Row] | None = None) -> int:
    """Merge the converted rows into ``lex`` under the own data; returns phrases added."""
    rows = read_rows() if rows is None else rows
    own = set(lex.phrases)
    blocked = set(lex.not_after) | set(lex.not_before)
    tables = load_references()
    refs = tables.nouns | tables.qualified_nouns
    people_keys: dict[str, list[int]] = {}
    guarded_keys: dict[str, list[int]] = {}
    added = 0
    for r in rows:
        if r.kind == "person" and r.org_kind == "own":
            _merge_roles(lex, r)
        elif r.kind == "person":
            person = Person(r.name)
            person.roles = [_role(*d) for d in _dated(r.roles)]
            if not person.roles:
                continue
            pid = len(lex.people.people)
            lex.people.people.append(person)
            person.aliases = set(filter(None, r.aliases.split(";")))
            for alias in sorted({r.name, *person.aliases}):
                # a one-word alias ("Gorbachev") is guarded like a derived surname
                table = people_keys if " " in alias else guarded_keys
                table.setdefault(alias, []).append(pid)
                # the usual short form of the given name: "Dick Darman" is Richard Darman
                given, _, rest = alias.partition(" ")
                for nick in nicknames().get(given.lower(), ()) if rest else ():
                    people_keys.setdefault(f"{nick.title()} {rest}", []).append(pid)
            for surname in filter(None, r.surnames.split(";")):
                guarded_keys.setdefault(surname, []).append(pid)
        elif r.kind == "org":
            entry = _org_entry(r)
            for phrase in sorted({r.name, *filter(None, r.aliases.split(";"))}):
                key = norm_key(phrase.removeprefix("The "))
                if key and key not in own:
                    lex.add(phrase, entry, token_prefixes=True)
                    added += 1
        elif r.kind == "agent" and r.sector:
            head = norm_key(r.name.split()[-1])
            if head in blocked or r.name in refs:
                continue  # "state actor", "river bank", "the kingdom": the own rules decide
            forms = [r.name, r.aliases] if r.aliases else [r.name, *plurals(r.name)]
            for form in forms:
                key = norm_key(form)
                if key and key not in own and key not in lex.phrases:
                    lex.add(form, Entry("sector", sector=r.sector, weight=2), token_prefixes=True)
                    added += 1
    for table, guarded in ((people_keys, False), (guarded_keys, True)):
        for alias, ids in table.items():
            key = norm_key(alias)
            if key in own or (guarded and key in lex.phrases):
                continue
            entry = Entry("person", person_ids=tuple(ids), guarded=2 if guarded else 1)
            lex.add(alias, entry, True)
            added += 1
    lex.people.reindex()
    return added


def _merge_roles(lex: Lexicon, r: Row) -> None:
    """Give a person of ``people.csv`` the dictionary's earlier roles (before the first own
    one): Jacques Chirac as prime minister in 1987. The own list stays the source after that."""
    for pid in lex.people.ids_for(r.name):
        person = lex.people.people[pid]
        first = person.first_start()
        extra = [_role(*d) for d in _dated(r.roles)]
        person.roles.extend(
            x for x in extra if first is None or (x.end is not None and x.end <= first)
        )


def _org_entry(r: Row) -> Entry:
    dated = tuple(_dated(r.roles))
    code = r.code or (dated[-1][0] if dated else "")
    if r.org_kind == "country" and len(code) == 3 and not dated:
        return Entry("country", country=code)
    if r.org_kind == "company":
        home = code[:3] if code.endswith("BUS") and len(code) == 6 else None
        return Entry(
            "org",
            code=code,
            country=home,
            name=r.name,
            sector="BUS",
            org_kind="company",
            ambiguous=" " not in r.name,
        )
    kind = "institution" if r.org_kind == "country" else r.org_kind
    return Entry(
        "org",
        code=code or None,
        name=r.name,
        sector=r.sector or None,
        org_kind=kind,
        dated=dated,
    )


_TITLES_BEFORE = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "president", "minister", "premier",
    "chancellor", "general", "gen.", "senator", "sen.", "governor", "gov.", "secretary", "king",
    "leader", "chairman", "ambassador", "envoy", "spokesman", "adviser", "advisor", "rep.",
}  # fmt: skip


# Prepositions of place: a bare name right after one is a place, not a person.
_PLACE_PREPS = frozenset({"in", "near", "across", "throughout", "outside", "inside", "around"})


def person_context(tokens: list[Token], bare: bool) -> bool:
    """A name from the public dictionaries reads as that person here: it is no part of a
    longer name; a ``bare`` surname also needs spaCy's PERSON reading or a title before it
    ("President Reagan", "Mr Khristenko")."""
    first, last = tokens[0], tokens[-1]
    if not first.text[:1].isupper() or first.ent_iob_ == "I":
        return False
    nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
        return False  # the first part of a longer name: "Jaime Ongpin" is not "Jaime"
    if not bare:
        return True
    prev = first.doc[first.i - 1] if first.i > 0 else None
    if prev is not None and prev.lower_ in _PLACE_PREPS:
        # "voters in Kent", "fighting near Gulu": the small model often reads a lone place
        # name as a person; people are not where things happen
        return False
    if first.ent_type_ == "PERSON":
        return True
    return prev is not None and prev.lower_ in _TITLES_BEFORE
