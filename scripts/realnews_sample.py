"""Draw the real-news gold sample from ../shared/corpus and fix its splits (run once).

Writes ``tests/data/realnews/manifest.json``: which corpus records are annotated, which split
each belongs to (train / dev / test, fixed once and recorded), and the annotation chunks given
to each annotator (a chunk is the unit of work; some chunks are annotated twice, independently,
to measure agreement). Only ids are written: the texts stay in ../shared/corpus.

    python scripts/realnews_sample.py [--corpus ../shared/corpus] [--seed 20261207]

Choices (documented in docs/annotation/README.md):
- sentences: 2,000 drawn uniformly at random from news_sentences.jsonl. The file is shuffled and
  carries no document ids, so near-duplicate sentences (the same story from two feeds, sharing
  at least half of their word 4-grams) are grouped and a group goes to one split whole;
- articles: 32 from reuters1987.jsonl that read as politics or international relations (a
  keyword score over the text; market and commodity reports score low) and 32 from
  bbc2005_politics.jsonl, all of them at most 4,000 characters so that an article can be coded
  whole in one sitting; an article is its own split unit;
- splits: 45% train, 25% dev, 30% test, by seeded shuffle of the units;
- double annotation: 10% of the sentences and 7 articles go to a second annotator.

``--silver N_SENTENCES N_ARTICLES`` appends a training-only sample (split ``silver``) drawn
from the rest of the corpus; the gold sample and its splits are left as they are.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

N_SENTENCES = 2000
N_PER_SOURCE_ARTICLES = 32
MAX_ARTICLE_CHARS = 4000
SENTENCE_CHUNK = 40
ARTICLE_CHUNK = 3
SPLITS = (("train", 0.45), ("dev", 0.25), ("test", 0.30))
SENTENCE_ANNOTATORS = ("S1", "S2", "S3", "S4", "S5")
ARTICLE_ANNOTATORS = ("A1", "A2", "A3")
N_DOUBLE_ARTICLES = 7

# Words that mark political and international news in 1987 Reuters copy (market reports score
# low on them and high on the market words below).
POLITICAL = re.compile(
    r"\b(minister|president|government|talks|troops|army|rebels?|guerrillas?|accord|treaty|"
    r"sanctions?|embassy|ambassador|parliament|opposition|war|attack\w*|protest\w*|strike|"
    r"summit|visit\w*|negotiat\w+|diplomat\w*|agreed|agreement|accused|warned|urged|"
    r"retaliat\w+|dispute|vote|election|party|police|military|killed|security)\b",
    re.I,
)
MARKET = re.compile(
    r"\b(dlrs?|mln|billion|pct|tonnes?|bushels?|futures|prices?|shares|dividend|quarter|"
    r"profit|net|bonds?|yields?|stocks?|crop|cents)\b",
    re.I,
)


def _read(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _shingles(text: str) -> set[str]:
    w = re.findall(r"[a-z0-9]+", text.lower())
    return {" ".join(w[i : i + 4]) for i in range(max(len(w) - 3, 1))}


def _groups(records: list[dict[str, object]]) -> list[list[str]]:
    """Near-duplicate groups (union-find over shared 4-gram shingles)."""
    ids = [str(r["id"]) for r in records]
    sh = {str(r["id"]): _shingles(str(r["text"])) for r in records}
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    index: dict[str, list[str]] = {}
    for i in ids:
        for s in sh[i]:
            index.setdefault(s, []).append(i)
    for i in ids:
        cand: dict[str, int] = {}
        for s in sh[i]:
            for j in index[s]:
                if j != i:
                    cand[j] = cand.get(j, 0) + 1
        for j, n in cand.items():
            if n >= 0.5 * min(len(sh[i]), len(sh[j])):
                parent[find(i)] = find(j)
    out: dict[str, list[str]] = {}
    for i in ids:
        out.setdefault(find(i), []).append(i)
    return list(out.values())


def _split(units: list[list[str]], rng: random.Random) -> dict[str, str]:
    units = sorted(units)
    rng.shuffle(units)
    total = sum(len(u) for u in units)
    out: dict[str, str] = {}
    done = 0
    bounds = []
    acc = 0.0
    for name, share in SPLITS:
        acc += share
        bounds.append((name, acc * total))
    for u in units:
        name = next(n for n, b in bounds if done < b)
        for i in u:
            out[i] = name
        done += len(u)
    return out


def political_score(text: str) -> float:
    """Political keywords per 100 words, less market words (higher: more political)."""
    n = max(len(text.split()), 1)
    return 100.0 * (len(POLITICAL.findall(text)) - len(MARKET.findall(text))) / n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--seed", type=int, default=20261207)
    ap.add_argument("--out", default="tests/data/realnews/manifest.json")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    rng = random.Random(args.seed)

    sentences = _read(corpus / "news_sentences.jsonl")
    sample = rng.sample(sentences, N_SENTENCES)
    sample.sort(key=lambda r: str(r["id"]))
    sent_split = _split(_groups(sample), rng)

    reuters = [
        r
        for r in _read(corpus / "reuters1987.jsonl")
        if len(str(r["text"])) <= MAX_ARTICLE_CHARS and political_score(str(r["text"])) >= 6.0
    ]
    bbc = [
        r
        for r in _read(corpus / "bbc2005_politics.jsonl")
        if len(str(r["text"])) <= MAX_ARTICLE_CHARS
    ]
    arts = rng.sample(reuters, N_PER_SOURCE_ARTICLES) + rng.sample(bbc, N_PER_SOURCE_ARTICLES)
    arts.sort(key=lambda r: str(r["id"]))
    art_split = _split([[str(r["id"])] for r in arts], rng)

    # Chunks: sentences in sampled order (shuffled, so each chunk mixes feeds and splits).
    sent_ids = [str(r["id"]) for r in sample]
    rng.shuffle(sent_ids)
    chunks: list[dict[str, object]] = []
    per = len(sent_ids) // len(SENTENCE_ANNOTATORS)
    for k, who in enumerate(SENTENCE_ANNOTATORS):
        mine = sent_ids[k * per : (k + 1) * per]
        for c in range(0, len(mine), SENTENCE_CHUNK):
            chunks.append(
                {
                    "chunk": f"s{len(chunks) + 1:02d}",
                    "kind": "sentences",
                    "annotator": who,
                    "ids": mine[c : c + SENTENCE_CHUNK],
                    "pass": 1,
                }
            )
    n_s = len(chunks)
    for k, who in enumerate(SENTENCE_ANNOTATORS):
        # the second pass of a sample of the next annotator's sentences
        other = sent_ids[((k + 1) % len(SENTENCE_ANNOTATORS)) * per :][:per]
        chunks.append(
            {
                "chunk": f"d{k + 1:02d}",
                "kind": "sentences",
                "annotator": who,
                "ids": sorted(rng.sample(other, N_SENTENCES // 10 // len(SENTENCE_ANNOTATORS))),
                "pass": 2,
            }
        )
    art_ids = [str(r["id"]) for r in arts]
    rng.shuffle(art_ids)
    per_a = -(-len(art_ids) // len(ARTICLE_ANNOTATORS))
    first_art_chunk = len(chunks)
    owner: dict[str, str] = {}
    for k, who in enumerate(ARTICLE_ANNOTATORS):
        mine = art_ids[k * per_a : (k + 1) * per_a]
        for i in mine:
            owner[i] = who
        for c in range(0, len(mine), ARTICLE_CHUNK):
            chunks.append(
                {
                    "chunk": f"a{len(chunks) - first_art_chunk + 1:02d}",
                    "kind": "articles",
                    "annotator": who,
                    "ids": mine[c : c + ARTICLE_CHUNK],
                    "pass": 1,
                }
            )
    doubles = rng.sample(art_ids, N_DOUBLE_ARTICLES)
    for k, who in enumerate(ARTICLE_ANNOTATORS):
        nxt = ARTICLE_ANNOTATORS[(k + 1) % len(ARTICLE_ANNOTATORS)]
        ids = sorted(i for i in doubles if owner[i] == nxt)
        if ids:
            chunks.append(
                {"chunk": f"ad{k + 1}", "kind": "articles", "annotator": who, "ids": ids, "pass": 2}
            )
    manifest = {
        "about": "Real-news gold sample: corpus ids, fixed splits and annotation chunks. Made by "
        "scripts/realnews_sample.py; never re-drawn (the splits are fixed once).",
        "seed": args.seed,
        "splits": {
            "sentences": dict(sorted(sent_split.items())),
            "articles": dict(sorted(art_split.items())),
        },
        "corpus_files": {
            "sentences": "news_sentences.jsonl",
            "articles": {"reuters": "reuters1987.jsonl", "bbc": "bbc2005_politics.jsonl"},
        },
        "chunks": chunks,
    }
    Path(args.out).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    for kind, sp in manifest["splits"].items():
        counts: dict[str, int] = {}
        for v in sp.values():
            counts[v] = counts.get(v, 0) + 1
        print(kind, counts)
    print(len(chunks), "chunks;", n_s, "sentence chunks")


def add_silver(manifest_path: Path, corpus: Path, seed: int, n_sent: int, n_art: int) -> None:
    """Append a training-only ("silver") sample to the manifest, never touching the gold.

    Silver records are annotated by one annotator with the same guidelines and tool, without a
    second pass or adjudication; they are used for training only (split ``silver``), never
    for dev or test figures.
    """
    m = json.loads(manifest_path.read_text(encoding="utf-8"))
    taken = set(m["splits"]["sentences"]) | set(m["splits"]["articles"])
    rng = random.Random(seed)
    sents = [r for r in _read(corpus / "news_sentences.jsonl") if str(r["id"]) not in taken]
    sent_ids = sorted(str(r["id"]) for r in rng.sample(sents, n_sent))
    reuters = [
        r
        for r in _read(corpus / "reuters1987.jsonl")
        if str(r["id"]) not in taken
        and len(str(r["text"])) <= MAX_ARTICLE_CHARS
        and political_score(str(r["text"])) >= 6.0
    ]
    bbc = [
        r
        for r in _read(corpus / "bbc2005_politics.jsonl")
        if str(r["id"]) not in taken and len(str(r["text"])) <= MAX_ARTICLE_CHARS
    ]
    # half from each source, as far as the political Reuters stories go
    half = min(n_art // 2, len(reuters))
    art_ids = sorted(
        str(r["id"]) for r in rng.sample(reuters, half) + rng.sample(bbc, n_art - half)
    )
    rng.shuffle(sent_ids)
    rng.shuffle(art_ids)
    for i in sent_ids:
        m["splits"]["sentences"][i] = "silver"
    for i in art_ids:
        m["splits"]["articles"][i] = "silver"
    # a later draw continues the chunk numbering (x.. sentences, y.. articles)
    xs = sum(1 for c in m["chunks"] if c["chunk"].startswith("x"))
    ys = sum(1 for c in m["chunks"] if c["chunk"].startswith("y"))
    for k in range(0, len(sent_ids), SENTENCE_CHUNK):
        m["chunks"].append({"chunk": f"x{xs + k // SENTENCE_CHUNK + 1:02d}", "kind": "sentences",
                            "annotator": "silver", "ids": sent_ids[k : k + SENTENCE_CHUNK],
                            "pass": 1})  # fmt: skip
    for k in range(0, len(art_ids), 5):
        m["chunks"].append({"chunk": f"y{ys + k // 5 + 1:02d}", "kind": "articles",
                            "annotator": "silver", "ids": art_ids[k : k + 5], "pass": 1})  # fmt: skip
    manifest_path.write_text(json.dumps(m, indent=1) + "\n", encoding="utf-8")
    print(f"silver: {len(sent_ids)} sentences, {len(art_ids)} articles")


if __name__ == "__main__":
    import sys as _sys

    if "--silver" in _sys.argv:
        # python scripts/realnews_sample.py --silver N_SENTENCES N_ARTICLES [SEED]
        # (first draw: 1600 120 20261208; second: 0 40 20261209)
        i = _sys.argv.index("--silver")
        seed = int(_sys.argv[i + 3]) if len(_sys.argv) > i + 3 else 20261208
        add_silver(Path("tests/data/realnews/manifest.json"), Path("../shared/corpus"),
                   seed, int(_sys.argv[i + 1]), int(_sys.argv[i + 2]))  # fmt: skip
    else:
        main()
