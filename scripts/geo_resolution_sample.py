"""Draw a sample of correctly linked event places for a hand check of resolution (docs/GEO.md).

    python scripts/geo_resolution_sample.py --split test --n 200 --seed 29 \\
        --out tests/data/geo_resolution_test_sample.jsonl --sheet /tmp/sheet.jsonl
    python scripts/geo_resolution_sample.py --split test --n 200 --seed 31 \\
        --exclude tests/data/geo_resolution_test_sample.jsonl \\
        --out tests/data/geo_resolution_test_sample2.jsonl --sheet /tmp/sheet2.jsonl

For every labelled event of the split (``tests/data/geo_linker_split.json``), the coder's
place (``dyads.geo.place.event_location``, with the event's actors as the coder reads them) is
kept when its span overlaps a labelled place span; ``--n`` of those are drawn at random with
``--seed``. ``--out`` (in the repo) holds ids, offsets and what we resolved, with an empty
verdict for the reader to fill in; ``--sheet`` (outside the repo: it quotes the publisher's
text) adds the sentence, for reading. ``--rescore FILE`` re-resolves a filled sample with the
current code and prints the rows whose resolution changed (they need reading again).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_place_linker as tpl  # noqa: E402


def resolved(case: Any) -> Any:
    """The coder's Location for a labelled case (None when it links no named place)."""
    from dyads.geo.place import event_location

    loc = event_location(
        case.doc, case.trigger_i, case.event, case.mode, case.actors, case.recipients
    )
    if loc is None or loc.start is None or loc.end is None:
        return None
    return loc


def row(case: Any, loc: Any) -> dict[str, Any]:
    """The sample row of a linked place (no text: ids and offsets only)."""
    return {
        "id": case.id,
        "start": loc.start,
        "end": loc.end,
        "geonameid": loc.geonameid,
        "name": loc.name,
        "country": loc.country,
        "admin1": loc.admin1,
        "precision": loc.precision,
        "verdict": "",
    }


def main(argv: list[str] | None = None) -> int:
    """Draw (or re-resolve) a resolution sample."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=("train", "dev", "test"))
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=29)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--sheet", type=Path)
    ap.add_argument("--rescore", type=Path, help="a filled sample to re-resolve")
    ap.add_argument(
        "--exclude", type=Path, action="append", default=[], help="a sample whose rows to skip"
    )
    args = ap.parse_args(argv)

    if args.rescore is not None:
        rows = [json.loads(x) for x in args.rescore.read_text(encoding="utf-8").splitlines() if x]
        ids = {r["id"] for r in rows}
        split = tpl.split_of()
        wanted = {split.get(i, "train") for i in ids}
        cases = [c for c in tpl.load_cases(wanted=wanted) if c.id in ids]
        now: dict[tuple[str, int, int], Any] = {}
        for c in cases:
            loc = resolved(c)
            if loc is not None:
                now[(c.id, loc.start, loc.end)] = loc
        changed = 0
        for r in rows:
            loc = now.get((r["id"], r["start"], r["end"]))
            new = row_of(loc)
            old = (r["name"], r["country"], r["admin1"], r["precision"])
            if new != old:
                changed += 1
                print(json.dumps({"id": r["id"], "verdict": r["verdict"], "old": old, "new": new}))
        print(f"{changed} of {len(rows)} rows resolve differently now", file=sys.stderr)
        return 0

    cases = tpl.load_cases(wanted=(args.split,))
    linked = []
    for c in cases:
        loc = resolved(c)
        if loc is not None and any(tpl.overlaps((loc.start, loc.end), g) for g in c.gold):
            linked.append((c, loc))
    # one row per place mention
    seen: dict[tuple[str, int, int], tuple[Any, Any]] = {}
    for c, loc in linked:
        seen.setdefault((c.id, loc.start, loc.end), (c, loc))
    used = set()
    for path in args.exclude:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line:
                r = json.loads(line)
                used.add((r["id"], r["start"], r["end"]))
    keys = sorted(k for k in seen if k not in used)
    random.Random(args.seed).shuffle(keys)
    chosen = sorted(keys[: args.n])
    print(f"{len(keys)} linked places on {args.split}; drew {len(chosen)}", file=sys.stderr)
    if args.out is not None:
        with args.out.open("w", encoding="utf-8") as fh:
            for k in chosen:
                fh.write(json.dumps(row(*seen[k]), ensure_ascii=False) + "\n")
    if args.sheet is not None:
        with args.sheet.open("w", encoding="utf-8") as fh:
            for n, k in enumerate(chosen, 1):
                c, loc = seen[k]
                rec = row(c, loc)
                rec.update(
                    n=n,
                    sentence=c.doc.text,
                    mention=c.doc.text[loc.start : loc.end],
                    admin2=loc.admin2,
                    lat=loc.lat,
                    lon=loc.lon,
                )
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


def row_of(loc: Any) -> tuple[Any, ...]:
    """(name, country, admin1, precision) of a Location, or of nothing."""
    if loc is None:
        return (None, None, None, None)
    return (loc.name, loc.country, loc.admin1, loc.precision)


if __name__ == "__main__":
    sys.exit(main())
