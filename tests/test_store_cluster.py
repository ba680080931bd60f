"""Event deduplication rules, table-driven, plus order independence and synthetic accuracy."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from dyads.store.cluster import (
    DedupRules,
    MentionKey,
    block_key,
    cluster_mentions,
    date_interval,
    event_id,
    summarize,
)
from dyads.store.synthetic import bcubed, exact_clusters, mention_records, reports, take

CASES = yaml.safe_load((Path(__file__).parent / "data" / "store_dedup_cases.yaml").read_text())
RULES = DedupRules.default()


def mention(mid: str, spec: dict[str, Any], rules: DedupRules = RULES) -> MentionKey:
    report = dt.date.fromisoformat(spec["report"]) if spec.get("report") else None
    dmin, dmax, prec = date_interval(spec.get("date"), report, rules)
    modality = spec.get("modality", "asserted")
    actors, recipients = spec["actor"].split("+"), spec["recipient"].split("+")
    return MentionKey(
        id=mid,
        article_id="art-" + mid,
        source_group="art-" + mid,
        block=block_key(spec["event"], actors, recipients, modality, rules),
        event=spec["event"],
        actor=spec["actor"],
        recipient=spec["recipient"],
        modality=modality,
        date=spec.get("date"),
        date_min=dmin,
        date_max=dmax,
        precision=prec,
        report_date=report,
        mode=spec.get("mode"),
        location_country=spec.get("location"),
    )


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_dedup_rule_merges_only_the_same_real_world_event(case: dict[str, Any]) -> None:
    ms = [mention("m1", case["a"]), mention("m2", case["b"])]
    clusters = cluster_mentions(ms, RULES)
    assert (len(clusters) == 1) is case["merge"], case["why"]


def test_date_interval_understands_timex_precisions() -> None:
    assert date_interval("2024-02-12", None, RULES)[:2] == (dt.date(2024, 2, 12),) * 2
    assert date_interval("2024-02", None, RULES)[:2] == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_interval("2024-W07", None, RULES)[:2] == (
        dt.date(2024, 2, 12),
        dt.date(2024, 2, 18),
    )
    assert date_interval("2024-Q4", None, RULES)[:2] == (
        dt.date(2024, 10, 1),
        dt.date(2024, 12, 31),
    )
    assert date_interval(None, dt.date(2024, 3, 8), RULES)[:2] == (
        dt.date(2024, 3, 1),
        dt.date(2024, 3, 8),
    )
    assert date_interval("PRESENT_REF", None, RULES) == (None, None, 5)


def test_clustering_does_not_depend_on_mention_order() -> None:
    recs = [m for m, _ in mention_records(take(reports(seed=3), 300))]
    first = [[m.id for m in c] for c in cluster_mentions(recs, RULES)]
    shuffled = list(recs)
    random.Random(1).shuffle(shuffled)
    assert [[m.id for m in c] for c in cluster_mentions(shuffled, RULES)] == first


def test_event_summary_counts_mentions_articles_and_sources() -> None:
    a = mention(
        "m1",
        {
            "event": "CONSULT",
            "actor": "RUS",
            "recipient": "TUR",
            "date": "2024-02-12",
            "report": "2024-01-31",
            "modality": "future",
        },
    )
    b = mention(
        "m2",
        {
            "event": "CONSULT",
            "actor": "TUR",
            "recipient": "RUS",
            "date": "2024-02-12",
            "report": "2024-02-12",
            "location": "TUR",
        },
    )
    c = dataclasses.replace(
        b, id="m3", article_id="art-m3", source_group="art-m2"
    )  # a syndicated copy
    row = summarize(cluster_mentions([a, b, c], RULES)[0])
    assert (row["n_mentions"], row["n_articles"], row["n_sources"]) == (3, 3, 2)
    assert row["modality"] == "asserted"  # planned, then done
    assert (row["first_report"], row["last_report"]) == (dt.date(2024, 1, 31), dt.date(2024, 2, 12))
    assert row["location_country"] == "TUR"
    assert row["id"] == event_id([a, b, c]) and row["mention_ids"] == ["m1", "m2", "m3"]


def test_synthetic_multi_source_corpus_clusters_mostly_right() -> None:
    recs = mention_records(take(reports(seed=7), 1500), RULES)
    truth = {m.id: t for m, t in recs}
    pred = {m.id: event_id(c) for c in cluster_mentions([m for m, _ in recs], RULES) for m in c}
    p, r, f1 = bcubed(pred, truth)
    exact, n = exact_clusters(pred, truth)
    assert p > 0.93 and r > 0.93 and f1 > 0.94, (p, r, f1)
    assert exact / n > 0.8, (exact, n)


def test_type_families_are_needed_for_recall() -> None:
    reps = take(reports(seed=7), 1500)
    scores = {}
    for name, rules in {
        "default": RULES,
        "no families": dataclasses.replace(RULES, families=()),
    }.items():
        recs = mention_records(reps, rules)
        truth = {m.id: t for m, t in recs}
        pred = {m.id: event_id(c) for c in cluster_mentions([m for m, _ in recs], rules) for m in c}
        scores[name] = bcubed(pred, truth)[1]
    assert scores["default"] > scores["no families"] + 0.05


def test_dedup_rules_load_from_data_file() -> None:
    assert RULES.window_days == 2 and RULES.family("AGREE").name == "meet"
    assert RULES.family("ACCUSE").symmetric is False
    assert (
        RULES.modality_group("future")
        == RULES.modality_group("asserted")
        != RULES.modality_group("negated")
    )
