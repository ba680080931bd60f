"""Deterministic synthetic newswire for benchmarks: ``generate(n, seed)`` -> list of Articles.

Each article is a headline plus 3-6 paragraphs (about 250-400 words) built from the templates in
``templates.py``: a story type (visit, sanctions, protest, clash, aid, ceasefire, threat, accuse),
two countries, officials, organisations, dates and quotes. The same (n, seed) always gives the
same articles, so benchmark runs are comparable. Text is invented; it is load, not evaluation.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

# Benchmarks run as scripts (python benchmarks/run.py) and as modules under pytest.
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "src"))

import templates as T  # noqa: E402
from dyads.ids import content_id  # noqa: E402
from dyads.records import Article  # noqa: E402

MIN_WORDS = 250
MAX_WORDS = 400
START_DATE = dt.date(2023, 1, 2)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(T.FIRST_NAMES)} {rng.choice(T.LAST_NAMES)}"


def _slots(rng: random.Random) -> dict[str, str]:
    (a, adem, acap, acity), (b, bdem, bcap, bcity) = rng.sample(T.COUNTRIES, 2)
    t1, t2 = rng.sample(T.TITLES, 2)
    return {
        "A": a, "Adem": adem, "Acap": acap, "Acity": acity,
        "B": b, "Bdem": bdem, "Bcap": bcap, "Bcity": bcity,
        "Aoff": f"{adem} {t1} {_person(rng)}",
        "Aoff2": f"{t2} {_person(rng)}",
        "Boff": f"{bdem} {rng.choice(T.TITLES)} {_person(rng)}",
        "org": rng.choice(T.ORGS), "ngo": rng.choice(T.NGOS), "topic": rng.choice(T.TOPICS),
    }  # fmt: skip


def _fill(template: str, slots: dict[str, str], rng: random.Random) -> str:
    # Time expressions, sources and numbers are drawn per sentence so a story varies within.
    values = dict(
        slots,
        when=rng.choice(T.PAST),
        future=rng.choice(T.FUTURE),
        src=rng.choice(T.SOURCES),
        n=str(rng.choice([12, 25, 40, 60, 150, 300, 1200, 4500])),
        n2=str(rng.randint(2, 9)),
        pct=f"{rng.uniform(0.3, 4.5):.1f}",
    )
    text = template.format(**values)
    return text[0].upper() + text[1:]


def _article(rng: random.Random, index: int, seed: int) -> Article:
    kind = rng.choice(sorted(T.STORIES))
    story = T.STORIES[kind]
    slots = _slots(rng)
    title = _fill(rng.choice(story["headline"]), slots, rng)
    target = rng.randint(MIN_WORDS, MAX_WORDS)
    body_pool = story["body"] + T.GENERAL
    rng.shuffle(body_pool)
    paragraphs = [_fill(rng.choice(story["lead"]), slots, rng)]
    words = len(title.split()) + len(paragraphs[0].split())
    # Paragraphs of 2-4 sentences until the target length; 3 to 6 paragraphs in all.
    while body_pool and len(paragraphs) < 6 and (words < target or len(paragraphs) < 3):
        k = min(len(body_pool), rng.randint(2, 4))
        para = " ".join(_fill(body_pool.pop(), slots, rng) for _ in range(k))
        paragraphs.append(para)
        words += len(para.split())
    text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
    date = START_DATE + dt.timedelta(days=rng.randint(0, 700))
    return Article(
        id="bench-" + content_id(seed, index, text, length=12),
        text=text,
        title=title,
        date=date,
        source="dyads-benchmark",
        body_start=len(title),
    )


def generate(n: int, seed: int = 13) -> list[Article]:
    """Return ``n`` synthetic dated articles; deterministic for a given ``(n, seed)``."""
    rng = random.Random(seed)
    return [_article(rng, i, seed) for i in range(n)]


def word_count(text: str) -> int:
    """Whitespace word count, the unit of the words/s figures."""
    return len(text.split())


if __name__ == "__main__":  # print one sample article
    print(generate(1, seed=int(sys.argv[1]) if len(sys.argv) > 1 else 13)[0].text)


REAL_FILES = ("reuters1987.jsonl", "bbc2005_politics.jsonl")


def real(n: int, seed: int, corpus_dir: Path | None = None) -> list[Article]:
    """``n`` real news articles drawn (seeded) from ../shared/corpus: Reuters 1987 wire copy and
    BBC 2005 politics stories, read as the JSONL reader reads them (the first line is the
    headline). Raises FileNotFoundError when the corpus is not beside the checkout."""
    import json

    from dyads.readers.base import text_article

    base = corpus_dir or Path(__file__).resolve().parents[2] / "shared" / "corpus"
    rows = []
    for name in REAL_FILES:
        with (base / name).open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    rng = random.Random(seed)
    chosen = rng.sample(rows, min(n, len(rows)))
    out = []
    for r in chosen:
        date = dt.date.fromisoformat(r["date"]) if r.get("date") else None
        out.append(text_article(r["text"], str(base / r["id"]), date, art_id=str(r["id"])))
    return out
