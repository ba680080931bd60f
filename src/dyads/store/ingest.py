"""Ingest: read articles, drop what is already stored, link near duplicates, code, store.

Streaming in batches of ``batch_size`` articles: memory holds one batch, whatever the corpus.
Each batch (articles + mentions + skipped inputs) commits in one transaction, so a run killed at
any moment leaves complete batches only, and the next run skips the ids already stored. Mentions
are clustered into events at the end of the run, block by block; a block whose clustering a
crash interrupted stays pending and the next run clusters it.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from tqdm import tqdm

from dyads.errors import InputError
from dyads.ids import content_id
from dyads.records import Article, Event
from dyads.store.base import Batch, Store
from dyads.store.gate import reject_reason
from dyads.store.neardup import BatchIndex, band_keys, minhash, similarity
from dyads.store.rows import article_row, mention_row

# Estimated Jaccard of word 5-grams. From LINK_AT an article is an edited version of another
# (linked, counted as the same source); from COPY_AT it is a syndicated copy or a lightly edited
# version and is not coded again.
LINK_AT = 0.5
COPY_AT = 0.8


class BatchCoder(Protocol):
    """What ingest needs from a coder (``dyads.pipeline.Coder`` has it)."""

    def code_batch(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[tuple[Article, list[Event]]]:
        """Code articles, yielding each with its events in input order."""
        ...


@dataclass
class IngestSummary:
    """What one ingest run did."""

    read: int = 0
    coded: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    copies_not_coded: int = 0
    mentions: int = 0
    events: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        d = dict(self.__dict__)
        d["skipped"] = dict(sorted(self.skipped.items()))
        return d

    def line(self) -> str:
        """The one-line summary printed at the end of a run."""
        s = (
            f"read {self.read} articles: {self.coded} coded, {self.already_stored} already "
            f"stored, {self.near_duplicates} near duplicates ({self.copies_not_coded} copies "
            f"not coded); {self.mentions} mentions stored; {self.events} events in store; "
            f"skipped {sum(self.skipped.values())}"
        )
        if self.skipped:
            s += " (" + "; ".join(f"{r}: {n}" for r, n in sorted(self.skipped.items())) + ")"
        return s


def reason_kind(problem: str) -> str:
    """Group skip reasons for the summary: numbers and quoted details are dropped."""
    s = re.sub(r"'[^']*'|\"[^\"]*\"", "…", problem.split(":")[0])
    return re.sub(r"\d+", "N", s).strip()


def _skip_row(
    path: str, line: int | None, reason: str, key: str, now: dt.datetime
) -> dict[str, Any]:
    return {
        "id": content_id(path, line, reason, key),
        "path": path,
        "line": line,
        "reason": reason,
        "skipped_at": now,
    }


def _actor_rows(events: Sequence[Event]) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for ev in events:
        for a in (*ev.actor, *ev.recipient):
            r = rows.setdefault(
                a.code,
                {
                    "code": a.code,
                    "country": a.country,
                    "sector": a.sector,
                    "name": a.name,
                    "n_mentions": 0,
                },
            )
            r["n_mentions"] += 1
            if a.name and (r["name"] is None or a.name < r["name"]):
                r["name"] = a.name
    return [rows[k] for k in sorted(rows)]


class _Ingester:
    def __init__(self, store: Store, coder: BatchCoder, batch_size: int, summary: IngestSummary):
        self.store = store
        self.coder = coder
        self.batch_size = batch_size
        self.summary = summary
        self.failed: set[str] = set()

    def _code(
        self, articles: list[Article], batch: Batch, now: dt.datetime
    ) -> dict[str, list[Event]]:
        if not articles:
            return {}
        try:
            return {a.id: evs for a, evs in self.coder.code_batch(articles, self.batch_size)}
        except Exception:  # noqa: BLE001 - one bad article must not sink its batch
            out: dict[str, list[Event]] = {}
            for art in articles:
                try:
                    out.update({a.id: evs for a, evs in self.coder.code_batch([art], 1)})
                except Exception as exc:  # noqa: BLE001
                    reason = f"coder failed: {exc.__class__.__name__}"
                    batch.skipped.append(_skip_row(art.path or art.id, None, reason, art.id, now))
                    self.summary.skipped[reason_kind(reason)] += 1
                    self.failed.add(art.id)
            return out

    def flush(self, articles: list[Article], skipped: list[dict[str, Any]]) -> None:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.failed = set()
        batch = Batch(skipped=skipped)
        known = self.store.known_ids([a.id for a in articles])
        fresh = [a for a in articles if a.id not in known]
        self.summary.already_stored += len(articles) - len(fresh)
        sigs = {a.id: minhash(a.text) for a in fresh}
        stored = self.store.near_candidates({aid: band_keys(s) for aid, s in sigs.items()})
        local = BatchIndex()
        roots: dict[str, str | None] = {}
        links: dict[str, tuple[str | None, float | None]] = {}
        to_code: list[Article] = []
        for art in fresh:
            sig = sigs[art.id]
            best: tuple[float, str] | None = None
            cands = [(c.id, c.signature, c.near_dup_of) for c in stored.get(art.id, [])]
            cands += [(aid, s, roots[aid]) for aid, s in local.candidates(sig)]
            for cid, csig, croot in cands:
                sim = similarity(sig, csig)
                # Link to the group root; ties go to the smaller root id, never to order.
                root = croot or cid
                if sim >= LINK_AT and (best is None or (-sim, root) < (-best[0], best[1])):
                    best = (sim, root)
            roots[art.id] = best[1] if best else None
            links[art.id] = (best[1], best[0]) if best else (None, None)
            local.add(art.id, sig)
            if best:
                self.summary.near_duplicates += 1
            if best and best[0] >= COPY_AT:
                self.summary.copies_not_coded += 1
            else:
                to_code.append(art)
        coded = self._code(to_code, batch, now)
        for art in fresh:
            if art.id in self.failed:
                continue  # not stored, so that a later run retries it
            evs = coded.get(art.id)
            dup_of, link_sim = links[art.id]
            batch.articles.append(
                article_row(
                    art, sigs[art.id], dup_of, link_sim, evs is not None, len(evs or []), now
                )
            )
            batch.bands.extend((b, art.id) for b in band_keys(sigs[art.id]))
            if evs is None:
                continue
            self.summary.coded += 1
            batch.mentions.extend(mention_row(ev, art, self.store.rules) for ev in evs)
            batch.actors.extend(_actor_rows(evs))
        self.summary.mentions += len({m["id"] for m in batch.mentions})
        batch.actors = _merge_actor_rows(batch.actors)
        if batch:
            self.store.write_batch(batch)


def _merge_actor_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for r in rows:
        m = merged.get(r["code"])
        if m is None:
            merged[r["code"]] = dict(r)
            continue
        m["n_mentions"] += r["n_mentions"]
        if r["name"] and (m["name"] is None or r["name"] < m["name"]):
            m["name"] = r["name"]
        m["country"] = m["country"] or r["country"]
        m["sector"] = m["sector"] or r["sector"]
    return [merged[k] for k in sorted(merged)]


def ingest(
    items: Iterable[Article | InputError],
    store: Store,
    coder: BatchCoder,
    batch_size: int = 64,
    progress: bool | None = None,
) -> IngestSummary:
    """Store the articles of ``items`` (errors become skipped rows) and their coded events.

    ``progress``: show a bar on stderr; None shows it only when stderr is a terminal.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    summary = IngestSummary()
    worker = _Ingester(store, coder, batch_size, summary)
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(unit=" articles", disable=not show, file=sys.stderr, dynamic_ncols=True)
    articles: list[Article] = []
    seen: set[str] = set()
    skipped: list[dict[str, Any]] = []
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    try:
        for item in items:
            if isinstance(item, InputError):
                skipped.append(_skip_row(item.path, item.line, item.problem, "", now))
                summary.skipped[reason_kind(item.problem)] += 1
            else:
                bar.update(1)
                summary.read += 1
                why = reject_reason(item.text)
                if why is not None:
                    skipped.append(_skip_row(item.path or item.id, None, why, item.id, now))
                    summary.skipped[reason_kind(why)] += 1
                elif item.id in seen:
                    summary.already_stored += 1  # the same article twice in one batch
                else:
                    seen.add(item.id)
                    articles.append(item)
            if len(articles) >= batch_size or len(skipped) >= 4 * batch_size:
                worker.flush(articles, skipped)
                articles, skipped, seen = [], [], set()
        if articles or skipped:
            worker.flush(articles, skipped)
    finally:
        bar.close()
    # Clustering runs once per run over the blocks that received mentions (and any a killed
    # run left pending): re-clustering blocks after every batch would cost O(corpus) per batch.
    store.cluster_pending()
    summary.events = store.stats()["events"]
    return summary
