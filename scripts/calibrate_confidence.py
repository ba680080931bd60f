"""Calibrate event confidence on the dev sets and print a reliability table.

Runs the coder on the tuning sets (``tests/data/events_dev.jsonl``, ``events_cameo_style.jsonl``,
``events_dev2.jsonl`` and ``events_dev3.jsonl``: short, codebook-style, long newswire and
hard-type sentences, so that the scores reflect a mix of difficulty) with the calibration switched off (raw scores), bins the raw scores, measures the share of events in each bin that match a gold event,
makes the mapping monotone (pool-adjacent-violators) and writes it into
``src/dyads/events/data/confidence.yaml``. With ``--check`` it only prints the reliability of
the current calibrated scores on a set (e.g. the held-out file).

    python scripts/calibrate_confidence.py [--dev FILE ...] [--check FILE]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from dyads.evaluate import matches, score_sentences
from dyads.events import confidence as conf

ROOT = Path(__file__).resolve().parents[1]
YAML = ROOT / "src" / "dyads" / "events" / "data" / "confidence.yaml"
EDGES = (0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0)


def scored_events(path: Path) -> list[tuple[float, bool]]:
    """(confidence, matches some gold event) for every extracted event of a sentence set."""
    _, docs = score_sentences(path)
    out = []
    for d in docs:
        for ev in d.events:
            out.append((ev.confidence, any(matches(ev, g) for g in d.gold)))
    return out


def reliability(pairs: list[tuple[float, bool]]) -> list[tuple[float, float, int, float, float]]:
    """Rows (low, high, n, mean confidence, observed precision) per bin."""
    rows = []
    low = 0.0
    for high in EDGES:
        inside = [(c, ok) for c, ok in pairs if low <= c < high or (high == 1.0 and c == 1.0)]
        if inside:
            mean = sum(c for c, _ in inside) / len(inside)
            prec = sum(ok for _, ok in inside) / len(inside)
            rows.append((low, high, len(inside), mean, prec))
        low = high
    return rows


def pava(values: list[float], weights: list[int]) -> list[float]:
    """Pool adjacent violators: the closest non-decreasing sequence (weighted)."""
    blocks = [[v, w, 1] for v, w in zip(values, weights, strict=True)]
    i = 0
    while i < len(blocks) - 1:
        if blocks[i][0] > blocks[i + 1][0]:
            v1, w1, n1 = blocks[i]
            v2, w2, n2 = blocks[i + 1]
            blocks[i] = [(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, n1 + n2]
            del blocks[i + 1]
            i = max(i - 1, 0)
        else:
            i += 1
    out: list[float] = []
    for v, _, n in blocks:
        out.extend([v] * int(n))
    return out


def print_table(rows: list[tuple[float, float, int, float, float]]) -> None:
    print(f"{'bin':>11}  {'n':>4}  {'mean conf':>9}  {'precision':>9}")
    for low, high, n, mean, prec in rows:
        print(f"{low:.2f}-{high:.2f}  {n:>4}  {mean:>9.3f}  {prec:>9.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    data = ROOT / "tests" / "data"
    ap.add_argument(
        "--dev",
        type=Path,
        nargs="+",
        default=[
            data / "events_dev.jsonl",
            data / "events_cameo_style.jsonl",
            data / "events_dev2.jsonl",
            data / "events_dev3.jsonl",
        ],
    )
    ap.add_argument("--check", type=Path, default=None)
    args = ap.parse_args()
    if args.check:
        print(f"reliability of calibrated confidence on {args.check}")
        print_table(reliability(scored_events(args.check)))
        return
    # Raw scores: switch the calibration off for this run.
    raw_model = conf.load_model()
    object.__setattr__(raw_model, "bounds", ())
    object.__setattr__(raw_model, "values", ())
    pairs = [p for path in args.dev for p in scored_events(path)]
    rows = reliability(pairs)
    print("raw scores on the dev sets")
    print_table(rows)
    # Laplace-smoothed precision per bin, made monotone.
    smoothed = [(prec * n + 1) / (n + 2) for _, _, n, _, prec in rows]
    mono = pava(smoothed, [n for _, _, n, _, _ in rows])
    table = [(high, round(v, 3)) for (_, high, _, _, _), v in zip(rows, mono, strict=True)]
    text = YAML.read_text(encoding="utf-8")
    body = "calibration:\n" + "".join(f"  - [{b}, {v}]\n" for b, v in table)
    text = re.sub(r"calibration:.*\Z", body, text, flags=re.S)
    YAML.write_text(text, encoding="utf-8")
    print(f"wrote {len(table)} calibration points to {YAML.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
