"""Validate the hand-coded event dev/held-out sets and print their coverage statistics.

Usage::

    python scripts/validate_event_devset.py [--stats] [FILE ...]

With no FILE it checks the dev, held-out and CAMEO-style sets in ``tests/data/``.
Exit status is 1 when any line breaks the format described in ``tests/data/events_dev.README.md``.
The checks are deliberately self-contained (no import of ``dyads``) so the data can be validated
even while the library is mid-edit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dyads.ontology import Ontology

# The 16 types, in the ontology's order (one source of truth: src/dyads/ontology/data).
TYPE_ORDER: tuple[str, ...] = tuple(Ontology.default().types)
PLOVER_TYPES: frozenset[str] = frozenset(TYPE_ORDER)
MODALITIES: tuple[str, ...] = ("asserted", "future", "negated", "hypothetical", "alleged")
# Modes of the PLOVER 2.0 manual (plus AID's contexts, which the project gold uses as AID modes).
MODES: frozenset[str] = frozenset(
    {
        "visit", "third-party", "multilateral", "phone",
        "economic", "military", "humanitarian", "peacekeeping", "asylum",
        "withdraw", "release", "disarm", "ceasefire", "access", "resign",
        "assist", "change", "yield", "meet",
        "disapprove", "investigate", "allege",
        "restrict", "arrest", "relations", "expel", "territory", "violence",
        "demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize",
        "convict", "discontinue",
        "troops", "weapons", "police", "militia",
        "seize", "censor", "curfew", "martial-law", "deport", "withhold", "misinformation", "cyber",
        "abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
        "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
        "unconventional",
    }
)  # fmt: skip
SECTORS: frozenset[str] = frozenset(
    {
        "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
        "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
    }
)  # fmt: skip
EVENT_KEYS: frozenset[str] = frozenset(
    {
        "id", "required", "evidence", "actor", "actor_sector", "actor_name", "recipient",
        "recipient_sector", "recipient_name", "event", "mode", "cameo", "date", "modality",
        "attributed_to", "location", "note", "also_stated_in",
    }
)  # fmt: skip
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
CODE_RE = re.compile(r"^[A-Z]{3}$")
CAMEO_RE = re.compile(r"^\d{2,4}$")
WEEKDAYS: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)  # fmt: skip
WEEKDAY_RE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
DEFAULT_FILES: tuple[str, ...] = (
    "tests/data/events_dev.jsonl",
    "tests/data/events_heldout.jsonl",
    "tests/data/events_cameo_style.jsonl",
    "tests/data/events_heldout2.jsonl",
    "tests/data/events_dev2.jsonl",
    "tests/data/events_dev3.jsonl",
)
# The id prefix each file's lines use (any other file name: "dev").
ID_PREFIXES: dict[str, str] = {
    "events_dev.jsonl": "dev",
    "events_heldout.jsonl": "test",
    "events_cameo_style.jsonl": "cam",
    "events_heldout2.jsonl": "h2",
    "events_dev2.jsonl": "d2",
    "events_dev3.jsonl": "d3",
}


def _valid_date(value: str) -> bool:
    """True when ``value`` is an ISO 8601 date at year, month, day or ISO-week precision."""
    if not DATE_RE.match(value):
        return False
    try:
        if len(value) == 10:
            dt.date.fromisoformat(value)
        elif len(value) == 7 and "W" not in value:
            dt.date.fromisoformat(value + "-01")
        elif "W" in value:
            week = int(value[6:])
            return 1 <= week <= 53
    except ValueError:
        return False
    return True


def _check_codes(where: str, value: Any, allow_empty: bool) -> list[str]:
    """Check a list of three-letter country/IGO codes."""
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        return [f"{where}: must be a list of strings"]
    if not value and not allow_empty:
        return [f"{where}: must not be empty"]
    return [f"{where}: bad code {c!r}" for c in value if not CODE_RE.match(c)]


def check_event(where: str, text: str, ev: dict[str, Any]) -> list[str]:
    """Return the format problems of one gold event (empty list when it is valid)."""
    errs: list[str] = []
    unknown = set(ev) - EVENT_KEYS
    if unknown:
        errs.append(f"{where}: unknown keys {sorted(unknown)}")
    if not isinstance(ev.get("required"), bool):
        errs.append(f"{where}: 'required' must be true or false")
    evidence = ev.get("evidence")
    if not isinstance(evidence, str) or not evidence or evidence not in text:
        errs.append(f"{where}: evidence is not a substring of the text")
    errs += _check_codes(f"{where}.actor", ev.get("actor"), allow_empty=False)
    errs += _check_codes(f"{where}.recipient", ev.get("recipient"), allow_empty=True)
    types = ev.get("event")
    if not isinstance(types, list) or not types:
        errs.append(f"{where}: 'event' must be a non-empty list")
    else:
        errs += [f"{where}: unknown PLOVER type {t!r}" for t in types if t not in PLOVER_TYPES]
        if len(set(types)) != len(types):
            errs.append(f"{where}: duplicate event types")
    if "mode" in ev and ev["mode"] not in MODES:
        errs.append(f"{where}: unknown mode {ev['mode']!r}")
    cameo = ev.get("cameo")
    if not isinstance(cameo, list) or not cameo or not all(CAMEO_RE.match(str(c)) for c in cameo):
        errs.append(f"{where}: 'cameo' must be a non-empty list of 2-4 digit codes")
    if ev.get("modality") not in MODALITIES:
        errs.append(f"{where}: bad modality {ev.get('modality')!r}")
    if "date" in ev and not (isinstance(ev["date"], str) and _valid_date(ev["date"])):
        errs.append(f"{where}: bad date {ev.get('date')!r}")
    elif isinstance(evidence, str) and len(ev.get("date", "")) == 10:
        # A weekday named in the evidence must be the weekday of the resolved date.
        named = WEEKDAY_RE.findall(evidence)
        weekday = WEEKDAYS[dt.date.fromisoformat(ev["date"]).weekday()]
        if named and weekday not in named:
            errs.append(f"{where}: date {ev['date']} is a {weekday}, evidence says {named}")
    for key in ("actor_sector", "recipient_sector"):
        if key in ev and ev[key] not in SECTORS:
            errs.append(f"{where}: unknown {key} {ev[key]!r}")
    attributed = ev.get("attributed_to", [])
    if not isinstance(attributed, list) or not all(isinstance(a, str) and a for a in attributed):
        errs.append(f"{where}: 'attributed_to' must be a list of non-empty strings")
    return errs


def check_line(where: str, row: Any, prefix: str) -> list[str]:
    """Return the format problems of one JSONL row."""
    if not isinstance(row, dict):
        return [f"{where}: not a JSON object"]
    errs: list[str] = []
    if not re.match(rf"^{prefix}-\d{{4}}$", str(row.get("id", ""))):
        errs.append(f"{where}: id {row.get('id')!r} must look like {prefix}-0001")
    doc_date = row.get("doc_date")
    if not (isinstance(doc_date, str) and len(doc_date) == 10 and _valid_date(doc_date)):
        errs.append(f"{where}: bad doc_date {doc_date!r}")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return errs + [f"{where}: empty text"]
    events = row.get("events")
    if not isinstance(events, list):
        return errs + [f"{where}: 'events' must be a list"]
    ids = [e.get("id") for e in events if isinstance(e, dict)]
    if ids != [f"E{i}" for i in range(1, len(events) + 1)]:
        errs.append(f"{where}: event ids must be E1, E2, ... in order")
    for ev in events:
        if not isinstance(ev, dict):
            errs.append(f"{where}: event is not an object")
            continue
        errs += check_event(f"{where}.{ev.get('id')}", text, ev)
    must_not = row.get("must_not", [])
    if not isinstance(must_not, list):
        errs.append(f"{where}: 'must_not' must be a list")
    else:
        for item in must_not:
            if not isinstance(item, dict) or item.get("evidence", "") not in text:
                errs.append(f"{where}: must_not evidence is not a substring of the text")
            elif not item.get("evidence") or not item.get("why"):
                errs.append(f"{where}: must_not needs 'why' and 'evidence'")
    return errs


def load_rows(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Parse a JSONL file; return the rows and the problems found."""
    rows: list[dict[str, Any]] = []
    errs: list[str] = []
    prefix = ID_PREFIXES.get(path.name, "dev")
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{n}"
        if not line.strip():
            errs.append(f"{where}: blank line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            errs.append(f"{where}: invalid JSON ({exc.msg})")
            continue
        errs += check_line(where, row, prefix)
        if isinstance(row, dict):
            if row.get("id") in seen:
                errs.append(f"{where}: duplicate id {row.get('id')!r}")
            seen.add(str(row.get("id")))
            rows.append(row)
    return rows, errs


def stats(rows: Iterable[dict[str, Any]]) -> str:
    """Coverage table: events and sentences per PLOVER type, modalities, and shapes."""
    rows = list(rows)
    ev_first: Counter[str] = Counter()
    ev_req: Counter[str] = Counter()
    sent_any: Counter[str] = Counter()
    modality: Counter[str] = Counter()
    modality_req: Counter[str] = Counter()
    modes: Counter[str] = Counter()
    n_events = n_required = n_attr = n_multi = n_neg = n_must_not = 0
    for row in rows:
        events = row["events"]
        n_must_not += len(row.get("must_not", []))
        if not events:
            n_neg += 1
        if len(events) > 1:
            n_multi += 1
        for t in {e["event"][0] for e in events}:
            sent_any[t] += 1
        for e in events:
            n_events += 1
            first = e["event"][0]
            ev_first[first] += 1
            modality[e["modality"]] += 1
            modes[f"{first}:{e.get('mode', '-')}"] += 1
            if e["required"]:
                n_required += 1
                ev_req[first] += 1
                modality_req[e["modality"]] += 1
            if e.get("attributed_to"):
                n_attr += 1
    lines = [
        f"sentences: {len(rows)}  (with events: {len(rows) - n_neg}, negative: {n_neg}, "
        f"with 2+ events: {n_multi})",
        f"events: {n_events}  (required: {n_required}, optional: {n_events - n_required}, "
        f"attributed: {n_attr});  must_not phrases: {n_must_not}",
        "",
        f"{'type (first listed)':<20}{'events':>8}{'required':>10}{'sentences':>11}",
    ]
    for t in TYPE_ORDER:
        lines.append(f"{t:<20}{ev_first[t]:>8}{ev_req[t]:>10}{sent_any[t]:>11}")
    lines += ["", f"{'modality':<20}{'events':>8}{'required':>10}"]
    for m in MODALITIES:
        lines.append(f"{m:<20}{modality[m]:>8}{modality_req[m]:>10}")
    lines += ["", "modes used (type:mode count): "]
    lines.append(", ".join(f"{k} {v}" for k, v in sorted(modes.items())))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Validate the given files (default: the dev and held-out sets); print stats if asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=list(DEFAULT_FILES))
    parser.add_argument("--stats", action="store_true", help="print coverage statistics")
    args = parser.parse_args(argv)
    all_errs: list[str] = []
    all_rows: list[dict[str, Any]] = []
    texts: Counter[str] = Counter()
    for name in args.files:
        path = Path(name)
        rows, errs = load_rows(path)
        all_errs += errs
        all_rows += rows
        texts.update(str(r.get("text")) for r in rows)
        print(f"{path}: {len(rows)} lines, {len(errs)} problems")
        if args.stats:
            print(stats(rows), end="\n\n")
    all_errs += [f"duplicate text across files: {t[:60]!r}" for t, n in texts.items() if n > 1]
    if args.stats and len(args.files) > 1:
        print("ALL FILES")
        print(stats(all_rows))
    for err in all_errs:
        print(err, file=sys.stderr)
    return 1 if all_errs else 0


if __name__ == "__main__":
    sys.exit(main())
