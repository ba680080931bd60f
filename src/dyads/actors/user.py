"""User actor dictionaries: ``--actors FILE.yaml`` adds or overrides actor entries.

The file holds a list ``actors:`` of entries::

    actors:
      - name: Diego Molano                 # canonical name (Actor.name)
        aliases: [Molano]                  # other ways the text writes it
        roles:                             # dated codes: the one valid on the date wins
          - {code: COLMIL, from: 2021-05-04, until: 2022-08-07}
      - name: Los Zetas
        code: MEXCRM                       # or country: MEX + sector: CRM
        kind: group                        # person | group | party | igo | ngo | company |
                                           # institution (default: person with roles, else group)

Every phrase of an entry replaces whatever the bundled data said about it. A bad entry raises
:class:`~dyads.errors.InputError` naming the file, the line and the fix.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dyads.actors.lexicon import Entry, Lexicon, norm_key
from dyads.actors.people import PeopleTable, Person, Role
from dyads.errors import InputError

KINDS = ("person", "group", "party", "igo", "ngo", "company", "institution")
_KEYS = {"name", "aliases", "code", "country", "sector", "kind", "roles"}
_CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")
_FIX = "see docs/ACTORS.md for the actors file format"


@dataclass(frozen=True)
class UserActor:
    """One validated entry of a user actors file."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    code: str | None
    country: str | None
    sector: str | None
    roles: tuple[tuple[str, dt.date | None, dt.date | None], ...]
    line: int


def load_user_actors(path: str | Path, sectors: set[str] | None = None) -> list[UserActor]:
    """Read and validate a user actors file (see module docstring)."""
    p = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror}", "check the path") from exc
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError(p, "not valid YAML", _FIX, None if line is None else line + 1) from exc
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode) or not any(
        k.value == "actors" for k, _ in root.value
    ):
        raise InputError(p, "no `actors:` list at the top level", _FIX, 1)
    node = next(v for k, v in root.value if k.value == "actors")
    if not isinstance(node, yaml.SequenceNode):
        raise InputError(p, "`actors` must be a list of entries", _FIX, node.start_mark.line + 1)
    out = []
    for item in node.value:
        line = item.start_mark.line + 1
        try:
            data = yaml.safe_load(yaml.serialize(item))
        except ValueError as exc:  # an impossible date such as 2021-13-01
            raise InputError(p, f"bad value: {exc}", "dates are YYYY-MM-DD", line) from exc
        out.append(_entry(p, line, data, sectors))
    return out


def _entry(path: str, line: int, data: Any, sectors: set[str] | None) -> UserActor:
    def bad(problem: str, fix: str = _FIX) -> InputError:
        return InputError(path, problem, fix, line)

    if not isinstance(data, dict):
        raise bad("an entry must be a mapping with at least `name`")
    unknown = set(data) - _KEYS
    if unknown:
        raise bad(f"unknown key {sorted(unknown)[0]!r}", f"use only {', '.join(sorted(_KEYS))}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise bad("entry without a `name`", "add `name: Full Name`")
    aliases = data.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise bad("`aliases` must be a list of strings", "write `aliases: [Alias One, Alias2]`")
    code = data.get("code")
    country = data.get("country")
    sector = data.get("sector")
    if code is not None and (not isinstance(code, str) or not _CODE.match(code)):
        raise bad(f"bad code {code!r}", "codes are upper-case letters in groups of 3: COLGOV")
    if country is not None and (
        not isinstance(country, str) or not re.match(r"^[A-Z]{3}$", country)
    ):
        raise bad(f"bad country {country!r}", "use an ISO 3166 alpha-3 code such as COL")
    if sector is not None and (not isinstance(sector, str) or (sectors and sector not in sectors)):
        raise bad(f"unknown sector {sector!r}", "use a sector from docs/ACTORS.md, e.g. GOV")
    roles = []
    for r in data.get("roles") or []:
        if not isinstance(r, dict) or not isinstance(r.get("code"), str):
            raise bad("a role needs a `code`", "write `- {code: COLGOV, from: 2021-05-04}`")
        if not _CODE.match(r["code"]):
            raise bad(f"bad role code {r['code']!r}", "codes look like COLGOV")
        try:
            start, end = _day(r.get("from")), _day(r.get("until"))
        except ValueError as exc:
            raise bad(f"bad date in role: {exc}", "dates are YYYY-MM-DD") from exc
        roles.append((r["code"], start, end))
    if code is None and country is None and sector is None and not roles:
        raise bad(f"{name!r} has no code", "give `code`, `country`/`sector` or `roles`")
    if code is None and not roles:
        code = (country or "") + (sector or "")
    kind = data.get("kind") or ("person" if roles else "group")
    if kind not in KINDS:
        raise bad(f"unknown kind {kind!r}", f"use one of {', '.join(KINDS)}")
    return UserActor(name.strip(), tuple(aliases), kind, code, country, sector, tuple(roles), line)


def _day(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def with_user_actors(lex: Lexicon, actors: list[UserActor]) -> Lexicon:
    """A copy of ``lex`` with the user entries added; their phrases drop all bundled readings."""
    new = copy.copy(lex)
    new.phrases = dict(lex.phrases)
    new.prefixes = set(lex.prefixes)
    new.people = PeopleTable(list(lex.people.people))
    for ua in actors:
        entry = _person_entry(new, ua) if ua.kind == "person" else _org_entry(ua)
        for phrase in (ua.name, *ua.aliases):
            key = norm_key(phrase.removeprefix("the ").removeprefix("The "))
            new.phrases[key] = []  # a fresh list: the bundled lexicon is shared
            new.add(phrase, entry)
    new.people.reindex()
    return new


def _person_entry(lex: Lexicon, ua: UserActor) -> Entry:
    roles = [_role(c, s, e) for c, s, e in ua.roles]
    if not roles and ua.code:
        roles = [_role(ua.code, None, None)]
    person = Person(ua.name, roles=roles)
    lex.people.people.append(person)
    return Entry("person", person_ids=(len(lex.people.people) - 1,))


def _role(code: str, start: dt.date | None, end: dt.date | None) -> Role:
    if code.startswith(("IGO", "NGO", "IMG")):
        return Role(code, "", None, start, end)
    return Role(code[:3], "", code[3:6] or None, start, end)


def _org_entry(ua: UserActor) -> Entry:
    dated = ua.roles
    code = ua.code or (dated[-1][0] if dated else None)
    if ua.kind == "company":
        country = ua.country or (code[:3] if code else None)
        return Entry(
            "org", code=code, country=country, name=ua.name, sector="BUS", org_kind="company"
        )
    return Entry("org", code=code, name=ua.name, sector=ua.sector, org_kind=ua.kind, dated=dated)
