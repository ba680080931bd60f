"""The synthetic benchmark corpus is deterministic, sized as asked, dated and newswire-shaped."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import corpus  # noqa: E402
import run as bench_run  # noqa: E402


@pytest.fixture(scope="module")
def articles() -> list:
    return corpus.generate(60, seed=7)


def test_same_seed_gives_identical_articles(articles: list) -> None:
    assert corpus.generate(60, seed=7) == articles


def test_different_seed_gives_different_articles(articles: list) -> None:
    assert [a.text for a in corpus.generate(60, seed=8)] != [a.text for a in articles]


@pytest.mark.parametrize("n", [0, 1, 25])
def test_generates_exactly_n_articles(n: int) -> None:
    assert len(corpus.generate(n)) == n


def test_articles_are_non_empty_dated_with_unique_ids(articles: list) -> None:
    assert len({a.id for a in articles}) == len(articles)
    for a in articles:
        assert isinstance(a.date, dt.date)
        assert a.title and a.text.startswith(a.title + "\n\n")
        assert a.text[: a.body_start] == a.title


def test_articles_look_like_newswire(articles: list) -> None:
    words = [corpus.word_count(a.text) for a in articles]
    assert 270 <= sum(words) / len(words) <= 380
    assert min(words) >= 180 and max(words) <= 450
    for a in articles:
        paragraphs = a.text.strip().split("\n\n")[1:]
        assert 3 <= len(paragraphs) <= 6
        assert "{" not in a.text  # every slot filled
    # Variety: many distinct headlines and story openings.
    assert len({a.title for a in articles}) > len(articles) * 0.8


def test_harness_records_a_failing_section_and_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ctx: bench_run.Context) -> dict:
        raise RuntimeError("boom")

    def ok(ctx: bench_run.Context) -> dict:
        return {"articles": len(ctx.articles)}

    monkeypatch.setattr(bench_run, "SECTIONS", [("broken", broken), ("ok", ok)])
    report = bench_run.run(3, seed=1, batch_size=2, only=None)
    assert report["sections"]["broken"]["error"] == "RuntimeError: boom"
    assert report["sections"]["ok"]["articles"] == 3
    assert report["corpus"]["articles"] == 3
    assert "broken" in bench_run.format_table(report)


def test_the_real_benchmark_corpus_is_seeded_real_news() -> None:
    base = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    if not base.exists():
        pytest.skip("../shared/corpus is not beside the checkout")
    arts = corpus.real(8, seed=3)
    assert len(arts) == 8 and [a.id for a in arts] == [a.id for a in corpus.real(8, seed=3)]
    assert all(a.title and a.body_start > 0 for a in arts)
    assert {a.id.split("-")[0] for a in corpus.real(60, seed=3)} == {"reuters", "bbc"}
