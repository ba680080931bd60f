"""Build ``src/dyads/ontology/data/cameo.csv`` and ``cameo_dropped.csv`` from the reference files.

Run once (``python scripts/build_ontology.py [REFERENCE_DIR]``); the committed CSV files are the
source of truth afterwards. The reference directory defaults to ``../shared/reference`` and holds
``CAMEO2PLOVER-2021.txt`` (CAMEO code -> PLOVER type, mode, context) and ``CAMEO_goldstein.tsv``.

Every place where this script departs from the 2021 conversion table is listed in ``OVERRIDES`` /
``MODE_RENAMES`` with the reason; ``src/dyads/ontology/data/README.md`` summarises them.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "dyads" / "ontology" / "data"

# CAMEO cue-category names (CAMEO codebook facts).
CUE_NAMES: dict[str, str] = {
    "01": "Make public statement",
    "02": "Appeal",
    "03": "Express intent to cooperate",
    "04": "Consult",
    "05": "Engage in diplomatic cooperation",
    "06": "Engage in material cooperation",
    "07": "Provide aid",
    "08": "Yield",
    "09": "Investigate",
    "10": "Demand",
    "11": "Disapprove",
    "12": "Reject",
    "13": "Threaten",
    "14": "Protest",
    "15": "Exhibit force posture",
    "16": "Reduce relations",
    "17": "Coerce",
    "18": "Assault",
    "19": "Fight",
    "20": "Use unconventional mass violence",
}

# CAMEO 01 and 02 are absent from the conversion table (the manual says "dropped").
# Names are CAMEO codebook facts; the PLOVER reading is our decision (README.md).
APPEAL_MODES: dict[str, str | None] = {
    "02": None, "020": None,
    "021": "assist", "0211": "assist", "0212": "assist", "0213": "assist", "0214": "assist",
    "022": "assist",
    "023": "assist", "0231": "assist", "0232": "assist", "0233": "assist", "0234": "assist",
    "024": "change", "0241": "change", "0242": "change", "0243": "change", "0244": "change",
    "025": "yield", "0251": "yield", "0252": "yield", "0253": "yield", "0254": "yield",
    "0255": "yield", "0256": "yield",
    "026": "meet", "027": "meet", "028": "meet",
}  # fmt: skip
APPEAL_NAMES: dict[str, str] = {
    "020": "Make an appeal or request",
    "021": "Appeal for material cooperation",
    "0211": "Appeal for economic cooperation",
    "0212": "Appeal for military cooperation",
    "0213": "Appeal for judicial cooperation",
    "0214": "Appeal for intelligence cooperation",
    "022": "Appeal for diplomatic cooperation (such as policy support)",
    "023": "Appeal for aid",
    "0231": "Appeal for economic aid",
    "0232": "Appeal for military aid",
    "0233": "Appeal for humanitarian aid",
    "0234": "Appeal for military protection or peacekeeping",
    "024": "Appeal for political reform",
    "0241": "Appeal for change in leadership",
    "0242": "Appeal for policy change",
    "0243": "Appeal for rights",
    "0244": "Appeal for change in institutions, regime",
    "025": "Appeal to yield",
    "0251": "Appeal for easing of administrative sanctions",
    "0252": "Appeal for easing of popular dissent",
    "0253": "Appeal for release of persons or property",
    "0254": "Appeal for easing of economic sanctions, boycott, or embargo",
    "0255": "Appeal to allow international involvement (non-mediation)",
    "0256": "Appeal for de-escalation of military engagement",
    "026": "Appeal to others to meet or negotiate",
    "027": "Appeal to others to settle dispute",
    "028": "Appeal to others to engage in or accept mediation",
}
APPEAL_CONTEXTS: dict[str, str] = {
    "0211": "economic", "0212": "military", "0213": "legal", "0214": "intelligence",
    "022": "diplomatic", "0231": "economic", "0232": "military", "0233": "human_security",
    "0234": "peacekeeping", "024": "political_institutions", "0241": "executive",
    "0242": "executive", "0243": "rights_freedoms", "0244": "political_institutions",
    "0254": "economic", "0255": "diplomatic", "0256": "military",
    "026": "diplomatic", "027": "diplomatic", "028": "diplomatic",
}  # fmt: skip
# CAMEO 01 codes that describe a real interaction; the rest are comments and stay dropped.
STATEMENT_KEPT: dict[str, tuple[str, str, str]] = {
    # code: (name, PLOVER type, reason)
    "015": ("Acknowledge or claim responsibility", "AGREE", "manual's CAMEO note suggests AGREE"),
    "016": ("Deny responsibility", "REJECT", "manual's CAMEO note suggests REJECT"),
    "018": ("Make empathetic comment", "SUPPORT", "sympathy is verbal, non-material support"),
    "019": ("Express accord", "SUPPORT", "agreeing with a position is endorsing it"),
}
STATEMENT_DROPPED: dict[str, str] = {
    "01": "Make public statement",
    "010": "Make statement, not specified below",
    "011": "Decline comment",
    "012": "Make pessimistic comment",
    "013": "Make optimistic comment",
    "014": "Consider policy option",
    "017": "Engage in symbolic act",
}

# (type, mode in the 2021 table) -> mode in PLOVER 2.0; None = no mode.
MODE_RENAMES: dict[tuple[str, str], str | None] = {
    ("RETREAT", "ease"): None,  # the table itself notes "ease" is no longer a mode
    ("RETREAT", "return"): "release",  # "return" is commented out of the 2.0 mode table
    ("THREATEN", "ban"): "restrict",  # THREATEN restrict covers bans on parties and people
    ("THREATEN", "political"): "restrict",
    ("COERCE", "ban"): "restrict",  # COERCE restrict covers bans from political life
    ("ASSAULT", "assassinate"): "targeted",  # targeted = assassinations and executions
    ("ASSAULT", "massacre"): "targeted",  # ... and mass killings of defenceless people
    ("ASSAULT", "cleansing"): None,  # cleansing/massacre are commented out of the 2.0 modes
    ("ASSAULT", "pro_autocracy"): None,  # a context, not a mode (see 175 below)
    ("ASSAULT", "seize"): "destroy",  # 1712 is destruction of property
}

# code -> (type, mode, contexts or None to keep, reason). Applied after MODE_RENAMES.
OVERRIDES: dict[str, tuple[str, str | None, tuple[str, ...] | None, str]] = {
    "055": ("CONCEDE", None, None, "manual: expressions of regret or remorse are CONCEDE"),
    "0813": (
        "CONCEDE",
        None,
        None,
        "manual: CAMEO 081-083 are CONCEDE; lifting a curfew is verbal",
    ),
    "0814": ("CONCEDE", None, None, "manual: CAMEO 081-083 are CONCEDE"),
    "084": ("RETREAT", "release", None, "return/release is the release mode"),
    "105": ("REQUEST", "yield", None, "demand that target yields is the yield mode"),
    "124": ("REJECT", "yield", None, "decline to yield is the yield mode"),
    "1241": ("REJECT", "yield", None, "easing sanctions is yield (mode table)"),
    "1242": ("REJECT", "yield", None, "easing dissent is yield (mode table)"),
    "112": ("ACCUSE", "allege", None, "an accusation is the allege mode (manual mode table)"),
    "114": ("ACCUSE", "disapprove", None, "manual: diplomatic protests are ACCUSE disapprove"),
    "116": ("SANCTION", "convict", ("legal",), "manual: findings of guilt are SANCTION convict"),
    "133": ("THREATEN", "restrict", None, "threatened strikes/boycotts are THREATEN restrict"),
    "161": ("SANCTION", "discontinue", None, "manual: breaking relations is discontinue"),
    "163": ("SANCTION", "discontinue", ("economic",), "manual: sanctions are SANCTION discontinue"),
    "1721": ("COERCE", "censor", None, "restricting expression is the censor mode"),
    "175": (
        "ASSAULT",
        None,
        ("repression",),
        "violent repression; context repression, not military",
    ),
    "183": ("ASSAULT", "explosives", None, "non-suicide bombings are explosives; 1831 is suicide"),
    "1823": ("ASSAULT", "beat", None, "killing by physical assault"),
    "195": ("ASSAULT", "aerial", None, "aerial weapons have their own mode"),
}

# "democracy" and "humanitarian" are not among the 37 contexts: nearest 2.0 context.
CONTEXT_RENAMES = {"democracy": "pro_democracy", "humanitarian": "human_security"}
LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?(?:#\s*(.*))?$")


def _read_goldstein(path: Path) -> dict[str, float]:
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    return {r.split("\t")[0]: float(r.split("\t")[1]) for r in rows if r.strip()}


def _goldstein_for(code: str, table: dict[str, float]) -> float:
    # 1213 and 1214 are missing from the GDELT table: inherit the 3-digit parent.
    for prefix in (code, code[:3], code[:2]):
        if prefix in table:
            return table[prefix]
    raise KeyError(code)


def _parse_table(path: Path) -> dict[str, dict[str, object]]:
    entries: dict[str, dict[str, object]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        m = LINE.match(raw.strip())
        if not m:
            continue
        code, plover, mode, ctx, name = m.groups()
        if code in entries:  # "08" (CONCEDE, RETREAT) and 175 appear twice: first wins
            continue
        if plover == "FIGHT":  # the manual's CAMEO 20 type no longer exists
            plover = "ASSAULT"
        mode_s = (mode or "").strip() or None
        if mode_s is not None:
            mode_s = MODE_RENAMES.get((plover, mode_s), mode_s)
        contexts = [c.strip() for c in (ctx or "").split(";") if c.strip()]
        contexts = [CONTEXT_RENAMES.get(c, c) for c in contexts]
        clean = re.sub(r"\s+\d{2}\.\d{2}\.\d{2}:.*$", "", (name or "").strip())
        entries[code] = {
            "plover": plover,
            "mode": mode_s,
            "contexts": contexts,
            "name": clean or CUE_NAMES.get(code, ""),
            "note": "",
        }
    return entries


def _typo_fixes(name: str) -> str:
    for bad, good in (("Apolgize", "Apologize"), ("adminstrative", "administrative"),
                      ("Ostruct", "Obstruct"), ("REQUEST", "Request")):  # fmt: skip
        name = name.replace(bad, good)
    return name


def build(reference: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Return (cameo rows, dropped rows) built from the reference files and our decisions."""
    gold = _read_goldstein(reference / "CAMEO_goldstein.tsv")
    entries = _parse_table(reference / "CAMEO2PLOVER-2021.txt")
    for code, (plover, mode, ctx, reason) in OVERRIDES.items():
        e = entries[code]
        e.update(plover=plover, mode=mode, note=reason)
        if ctx is not None:
            e["contexts"] = list(ctx)
    for code, mode in APPEAL_MODES.items():
        name = CUE_NAMES["02"] if code == "02" else APPEAL_NAMES[code]
        app_ctx = [APPEAL_CONTEXTS[code]] if code in APPEAL_CONTEXTS else []
        note = "CAMEO appeals are requests (REQUEST covers all requests)"
        entries[code] = {"plover": "REQUEST", "mode": mode, "contexts": app_ctx, "name": name,
                         "note": note}  # fmt: skip
    for code, (name, plover, reason) in STATEMENT_KEPT.items():
        entries[code] = {"plover": plover, "mode": None, "contexts": [], "name": name,
                         "note": reason}  # fmt: skip
    for code, e in entries.items():
        e["name"] = _typo_fixes(str(e["name"]) or CUE_NAMES.get(code, ""))
    rows = [
        {
            "code": code,
            "name": str(e["name"]),
            "plover": str(e["plover"]),
            "mode": str(e["mode"] or ""),
            "contexts": ";".join(e["contexts"]),  # type: ignore[arg-type]
            "goldstein": f"{_goldstein_for(code, gold):.1f}",
            "note": str(e["note"]),
        }
        for code, e in sorted(entries.items(), key=lambda kv: _sort_key(kv[0]))
    ]
    dropped = [
        {"code": c, "name": n, "goldstein": f"{gold[c]:.1f}", "reason": "comment, not an event"}
        for c, n in STATEMENT_DROPPED.items()
    ]
    return rows, dropped


def _sort_key(code: str) -> tuple[str, str]:
    return (code[:2], code[2:])


def _check(rows: list[dict[str, str]]) -> None:
    types = yaml.safe_load((DATA / "plover_types.yaml").read_text(encoding="utf-8"))["types"]
    contexts = yaml.safe_load((DATA / "contexts.yaml").read_text(encoding="utf-8"))
    for r in rows:
        assert r["plover"] in types, r
        assert not r["mode"] or r["mode"] in types[r["plover"]]["modes"], r
        for c in filter(None, r["contexts"].split(";")):
            assert c in contexts, r


def main(argv: list[str]) -> int:
    """Write cameo.csv and cameo_dropped.csv; fail loudly if a row breaks the type tables."""
    reference = Path(argv[1]) if len(argv) > 1 else REPO / ".." / "shared" / "reference"
    rows, dropped = build(reference)
    _check(rows)
    for name, data in (("cameo.csv", rows), ("cameo_dropped.csv", dropped)):
        with (DATA / name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(data[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(data)
    print(f"wrote {len(rows)} CAMEO codes and {len(dropped)} dropped codes to {DATA}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
