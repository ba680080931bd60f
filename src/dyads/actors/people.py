"""Dated office holders: who held which role when, so a person's code follows the article date.

A person in office at the article date gets the country and sector of that role. A person named
when out of office gets the country of their nearest role and sector ``ELI`` (CAMEO's "elite":
former office holders); before their first role they get the country only. Roles held for an
international organisation put the organisation's code in ``country`` (``IGONAT``) and give
the actor that code with no country.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from dataclasses import dataclass, field
from importlib import resources

from dyads.errors import DataFileError

# Surnames that are ordinary words, months or very common names: never a person on their own.
_SURNAME_STOP = {
    # surnames that are also common words, first names or places ("Brown University",
    # "The Hague", "Bill Gates", "Sharon Stone", "Abbott Laboratories", "Roe v. Wade")
    "brown",
    "straw",
    "hague",
    "gates",
    "sharon",
    "jonathan",
    "howard",
    "abbott",
    "kenny",
    "wade",
    "may",
    "lee",
    "li",
    "kim",
    "wang",
    "khan",
    "singh",
    "wong",
    "hunt",
    "blair",
    "bishop",
    "paz",
    "dan",
    "pavel",
    "martin",
    "harris",
    "johnson",
    "gandhi",
    "rau",
    "salam",
    "dar",
    "anand",
    "castro",
    "lasso",
    "cooper",
    "wallace",
    "reeves",
    "healey",
    "payne",
    "cohen",
    "hussein",
    "mustafa",
    "rashid",
    "ahmed",
    "mohammed",
    "ali",
    "hassan",
    "king",
    "carter",
    "austin",
    "sullivan",
    "kerry",
    "haley",
    "burns",
    "santos",
    "henry",
    "lam",
    "michel",
    "philippe",
    "conte",
    "mohamud",
    "sall",
    "ortega",
    "morrison",
    "fletcher",
    "griffiths",
    "banga",
    "jr.",
    "hipkins",
    "andersson",
    "marin",
    "solberg",
    "gabriel",
    "cameron",
    "fallon",
    "williamson",
    "hammond",
    "cleverly",
    "valls",
    "guerini",
    "kono",
    "hayashi",
    "kishi",
    "hamada",
    "kovind",
    "mahama",
    "katz",
    "bennett",
    "lapid",
    "rasmussen",
    "stocker",
    "fuad",
    "sharif",
    "aoun",
    "lai",
    "pena",
    "peña",
    "salih",
    "alimi",
    "francis",
}


@dataclass(frozen=True)
class Role:
    """One office held by a person from ``start`` to ``end`` (both inclusive)."""

    country: str
    role: str
    sector: str | None
    start: dt.date | None
    end: dt.date | None

    def active(self, when: dt.date) -> bool:
        """True when the role was held on ``when``."""
        # Inclusive end: on the day of a handover news still calls the outgoing holder by title.
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass
class Person:
    """A person with all their dated roles, in file order."""

    name: str
    roles: list[Role] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)

    def role_at(self, when: dt.date | None) -> tuple[Role, bool]:
        """(role, in_office) at ``when``: the active role, else the nearest one by date."""
        if when is None:
            current = [r for r in self.roles if r.end is None]
            return (current[0], True) if current else (self._latest(), False)
        active = [r for r in self.roles if r.active(when)]
        if active:
            return active[0], True
        past = [r for r in self.roles if r.end is not None and r.end < when]
        if past:
            return max(past, key=lambda r: r.end or dt.date.min), False
        return min(self.roles, key=lambda r: r.start or dt.date.min), False

    def _latest(self) -> Role:
        return max(self.roles, key=lambda r: r.start or dt.date.min)

    def home(self) -> str | None:
        """The country of the person's latest national role (not an IGO's), if any."""
        national = [r for r in self.roles if not r.country.startswith(("IGO", "NGO", "IMG"))]
        return max(national, key=lambda r: r.start or dt.date.min).country if national else None

    def first_start(self) -> dt.date | None:
        """Start of the person's earliest known role."""
        starts = [r.start for r in self.roles if r.start]
        return min(starts) if starts else None


@dataclass
class PeopleTable:
    """All people; ``people[i]`` is addressed by the ids stored in lexicon entries."""

    people: list[Person] = field(default_factory=list)
    _by_name: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _by_office: dict[tuple[str, str], list[int]] = field(default_factory=dict, repr=False)
    _indexed: int = field(default=-1, repr=False)
    _by_surname: dict[str, list[int]] | None = field(default=None, repr=False)

    def reindex(self) -> None:
        """Rebuild the name and office indexes (after people were added)."""
        self._by_name = {}
        self._by_office = {}
        for i, p in enumerate(self.people):
            self._by_name.setdefault(p.name, []).append(i)
            for r in p.roles:
                if r.role:
                    ids = self._by_office.setdefault((r.country, r.role), [])
                    if not ids or ids[-1] != i:
                        ids.append(i)
        self._indexed = len(self.people)
        self._by_surname = None

    def _fresh(self) -> None:
        if self._indexed != len(self.people):
            self.reindex()

    def alias_index(self) -> dict[str, list[int]]:
        """Alias (as written) -> person ids; an alias may name several people (resolved by date)."""
        index: dict[str, list[int]] = {}
        for i, p in enumerate(self.people):
            for alias in sorted({p.name, *p.aliases}):
                index.setdefault(alias, []).append(i)
        return index

    def ids_for(self, name: str) -> list[int]:
        """Ids of people whose canonical name is ``name``."""
        self._fresh()
        return list(self._by_name.get(name, ()))

    def pick(self, ids: tuple[int, ...], when: dt.date | None) -> Person:
        """Choose among people sharing an alias: the one in office at ``when``, else the latest."""
        cands = [self.people[i] for i in ids]
        if len(cands) == 1:
            return cands[0]
        in_office = [p for p in cands if p.role_at(when)[1]]
        if in_office:
            return in_office[0]
        return max(cands, key=lambda p: p.first_start() or dt.date.min)

    def sole_in_office(self, surname_key: str, when: dt.date | None) -> Person | None:
        """The one person with this surname (a normalised key) in a state or international
        office on ``when``, or None when there is none or more than one ("Mr Blair" in 2005)."""
        if self._by_surname is None:
            from dyads.actors.lexicon import norm_key

            self._by_surname = {}
            for i, p in enumerate(self.people):
                for n in {p.name, *p.aliases}:
                    if " " in n:
                        self._by_surname.setdefault(norm_key(n.split()[-1]), []).append(i)
        found: dict[int, Person] = {}
        for i in self._by_surname.get(surname_key, ()):
            p = self.people[i]
            role, in_office = p.role_at(when)
            if in_office and role.sector not in (None, "ELI") and (when or role.end is None):
                found[id(p)] = p
        return next(iter(found.values())) if len(found) == 1 else None

    def holder(self, country: str, role: str, when: dt.date | None) -> Person | None:
        """Who held ``role`` in ``country`` at ``when`` (for "his counterpart")."""
        self._fresh()
        for i in self._by_office.get((country, role), ()):
            p = self.people[i]
            for r in p.roles:
                if r.country == country and r.role == role and (when is None or r.active(when)):
                    if when is None and r.end is not None:
                        continue
                    return p
        return None


def _surname_aliases(name: str) -> list[str]:
    """Surname forms a person is usually called by in running text."""
    parts = name.split()
    if len(parts) < 2 or " bin " in f" {name} " or parts[-1].rstrip(".").isupper():
        return []
    if parts[-1].lower().rstrip(".") in {"jr", "ii", "iii", "vi", "xiv"}:
        return []
    last = parts[-1]
    out = [last]
    for prefix in ("al-", "el-", "Al-", "El-"):
        if last.startswith(prefix):
            out.append(last[len(prefix) :])
    return [s for s in out if s.lower() not in _SURNAME_STOP and len(s) > 2]


def load_people(text: str, sector_table: dict[str, tuple[str | None, int]]) -> PeopleTable:
    """Parse ``people.csv`` (comment lines start with '#'); sectors default from role words."""
    from dyads.actors.lexicon import norm_key

    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    table = PeopleTable()
    by_name: dict[str, Person] = {}
    for n, row in enumerate(csv.DictReader(io.StringIO("\n".join(rows))), start=2):
        try:
            name = row["name"].strip()
            role = row["role"].strip()
            sector = (row.get("sector") or "").strip() or None
            if sector is None:
                sector = (sector_table.get(norm_key(role)) or (None, 0))[0] or "GOV"
            start = dt.date.fromisoformat(row["start"]) if row["start"] else None
            end = dt.date.fromisoformat(row["end"]) if row["end"] else None
        except (KeyError, ValueError) as exc:
            raise DataFileError(f"actors/data/people.csv row {n}: {exc}") from exc
        person = by_name.get(name)
        if person is None:
            person = by_name[name] = Person(name)
            table.people.append(person)
        person.roles.append(Role(row["country"].strip(), role, sector, start, end))
        person.aliases.update(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip())
    # Surnames are added only when no other person shares them.
    counts: dict[str, int] = {}
    for p in table.people:
        for s in _surname_aliases(p.name):
            counts[s] = counts.get(s, 0) + 1
    for p in table.people:
        p.aliases.update(s for s in _surname_aliases(p.name) if counts[s] == 1)
    return table


@functools.cache
def nicknames() -> dict[str, tuple[str, ...]]:
    """Formal given name -> its short forms, lower case (``data/nicknames.yaml``)."""
    import yaml

    text = resources.files("dyads.actors").joinpath("data/nicknames.yaml").read_text("utf-8")
    data = yaml.safe_load(text)["nicknames"]
    return {str(k): tuple(str(v) for v in vs) for k, vs in data.items()}
