"""Ingest: read articles, drop what is already stored, link near duplicates, code, store.

Streaming in batches of ``batch_size`` articles: memory holds one batch, whatever the corpus.
Each batch (articles + mentions + skipped inputs) commits in one transaction, so a run killed at
any moment leaves complete batches only, and the next run skips the ids already stored. Mentions
are clustered into events at the end of the run, block by block; a block whose clustering a
crash interrupted stays pending and the next run clusters it. The store's connection is
released when a reader asks for it (between articles and before coding a batch), so
``dyads stats`` and ``export`` can read the store during a run (dyads.store.sharing).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tqdm import tqdm

from dyads.errors import InputError
from dyads.ids import content_id
from dyads.readers.base import one_line
from dyads.records import Article, Event
from dyads.store.base import Batch, Store
from dyads.store.coding import BatchCoder, code_isolated
from dyads.store.duck import FAILED
from dyads.store.gate import reject_reason
from dyads.store.neardup import BatchIndex, band_keys, minhash, similarity
from dyads.store.rows import article_row, mention_row, normal_path, text_hash

# Estimated Jaccard of word 5-grams. From LINK_AT an article is an edited version of another
# (linked, counted as the same source); from COPY_AT it is a syndicated copy or a lightly edited
# version and is not coded again.
LINK_AT = 0.5
COPY_AT = 0.8
# Articles parsed and coded together. A transaction holds ``batch_size`` articles; parsing them
# in smaller groups bounds the spaCy Docs alive at once (peak memory, docs/LIMITS.md).
CODE_BATCH = 16
# Coding a batch that took at least this long last time is worth releasing the store for
# unasked (readers may open it meanwhile; reopening costs about 0.1 s): dyads.store.sharing.
RELEASE_IF_CODING_S = 10.0
Note = Callable[[str], None]
__all__ = ["BatchCoder", "IngestSummary", "ingest", "reason_kind", "version_id"]


def version_id(article_id: str, hash_: str) -> str:
    """The id of a new version of ``article_id`` whose text hashes to ``hash_``."""
    return f"{article_id}~{hash_[:12]}"


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
    new_versions: int = 0
    failed_before: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def n_skipped(self) -> int:
        """Inputs skipped in this run (unreadable, refused, or failed to code)."""
        return sum(self.skipped.values())

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
        if self.new_versions:
            s = s.replace("; skipped", f"; {self.new_versions} new versions of stored ids; skipped")
        if self.failed_before:
            s += f"; {self.failed_before} failed in an earlier run (--retry-failed to retry)"
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
    # The path is normalised first, so that each spelling of one file gives one row.
    path = normal_path(path)
    return {
        "id": content_id(path, line, reason, key),
        "path": path,
        "line": line,
        "reason": reason,
        "article_id": key or None,
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
    def __init__(
        self,
        store: Store,
        coder: BatchCoder,
        batch_size: int,
        summary: IngestSummary,
        note: Note,
        retry_failed: bool,
    ) -> None:
        self.store = store
        self.coder = coder
        self.batch_size = batch_size
        self.summary = summary
        self.note = note
        self.retry_failed = retry_failed
        self.failed: set[str] = set()
        self.pause: Callable[[bool], None] = getattr(store, "pause", _nothing)
        self.code_s = 0.0  # the last batch's coding time

    def _code(
        self, articles: list[Article], batch: Batch, now: dt.datetime
    ) -> dict[str, list[Event]]:
        out: dict[str, list[Event]] = {}
        size = min(self.batch_size, CODE_BATCH)
        # A coder that isolates failures itself (a process pool, the Dask load step) is asked
        # directly; any other coder is wrapped.
        own = getattr(self.coder, "code_isolated", None)
        results = (
            own(articles, size) if own is not None else code_isolated(self.coder, articles, size)
        )
        for art, result in results:
            if not isinstance(result, Exception):
                out[art.id] = result
                continue
            where = art.path or "<input>"
            reason = f"{FAILED}: {one_line(result)}"
            batch.skipped.append(_skip_row(where, None, reason, art.id, now))
            self.summary.skipped[reason_kind(reason)] += 1
            self.failed.add(art.id)
            self.note(
                f"{where}: article {art.id!r} could not be coded: {one_line(result)} "
                "(recorded in `skipped`; `dyads ingest --retry-failed` tries it again)"
            )
        return out

    def _fresh(self, articles: list[Article]) -> tuple[list[Article], dict[str, str]]:
        """The articles not yet stored, with new versions of reused ids renamed (new id ->
        the id it is a version of)."""
        hashes = {a.id: text_hash(a.text) for a in articles}
        known = self.store.known_texts([a.id for a in articles])
        changed = {
            a.id: version_id(a.id, hashes[a.id])
            for a in articles
            if a.id in known and known[a.id] != hashes[a.id]
        }
        known_versions = self.store.known_texts(list(changed.values()))
        fresh: list[Article] = []
        version_of: dict[str, str] = {}
        for art in articles:
            if art.id not in known:
                fresh.append(art)
            elif art.id not in changed or changed[art.id] in known_versions:
                self.summary.already_stored += 1
            else:
                new = dataclasses.replace(art, id=changed[art.id])
                version_of[new.id] = art.id
                fresh.append(new)
                self.summary.new_versions += 1
                self.note(
                    f"{art.path or '<input>'}: id {art.id!r} was stored before with different "
                    f"text; stored as a new version {new.id!r} linked to it"
                )
        if not self.retry_failed:
            failed = self.store.failed_ids([a.id for a in fresh])
            for art in fresh:
                if art.id in failed:
                    self.summary.failed_before += 1
                    self.note(
                        f"{art.path or '<input>'}: article {art.id!r} not coded: the coder "
                        "failed on it in an earlier run (use --retry-failed to try again)"
                    )
            fresh = [a for a in fresh if a.id not in failed]
        return fresh, version_of

    def flush(self, articles: list[Article], skipped: list[dict[str, Any]]) -> None:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.failed = set()
        batch = Batch(skipped=skipped)
        fresh, version_of = self._fresh(articles)
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
            # A new version of a stored id is coded even when close to the old text: the
            # correction is what it is stored for.
            if best and best[0] >= COPY_AT and art.id not in version_of:
                self.summary.copies_not_coded += 1
            else:
                to_code.append(art)
        if to_code:
            # No store access while coding: readers may open the store meanwhile.
            self.pause(self.code_s >= RELEASE_IF_CODING_S)
        started = time.monotonic()
        coded = self._code(to_code, batch, now)
        if to_code:
            self.code_s = time.monotonic() - started
        for art in fresh:
            if art.id in self.failed:
                continue  # not stored; recorded as skipped (retried with --retry-failed)
            evs = coded.get(art.id)
            dup_of, link_sim = links[art.id]
            row = article_row(
                art, sigs[art.id], dup_of, link_sim, evs is not None, len(evs or []), now
            )
            row["version_of"] = version_of.get(art.id)
            batch.articles.append(row)
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


def _hook(store: Store, name: str) -> Callable[[], None]:
    """``store.name`` where the store lets readers in between batches (DuckDBStore), else a
    no-op: the Store protocol does not require it."""
    fn = getattr(store, name, None)
    return fn if callable(fn) else _nothing


def _nothing(*_args: object) -> None:
    """A store hook that does nothing."""


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


def _take(
    item: Article,
    articles: list[Article],
    skipped: list[dict[str, Any]],
    seen: dict[str, str],
    summary: IngestSummary,
    note: Note,
    now: dt.datetime,
) -> None:
    """Add one read article to the batch being gathered, or to its skipped rows."""
    why = reject_reason(item.text)
    if why is not None:
        skipped.append(_skip_row(item.path or item.id, None, why, item.id, now))
        summary.skipped[reason_kind(why)] += 1
        note(f"{item.path or item.id}: article {item.id!r} skipped: {why}")
    elif item.id in seen:
        summary.already_stored += 1  # the same article twice in one batch
    else:
        seen[item.id] = text_hash(item.text)
        articles.append(item)


def _quiet(_message: str) -> None:
    """The default ``note``: say nothing."""


def ingest(
    items: Iterable[Article | InputError],
    store: Store,
    coder: BatchCoder,
    batch_size: int = 64,
    progress: bool | None = None,
    note: Note = _quiet,
    retry_failed: bool = False,
) -> IngestSummary:
    """Store the articles of ``items`` (errors become skipped rows) and their coded events.

    ``progress``: show a bar on stderr; None shows it only when stderr is a terminal.
    ``note`` receives one line for each article skipped here (refused by the gate, failed to
    code, failed in an earlier run) and each new version of a stored id; the caller's read
    errors are its own to report. ``retry_failed``: code again the articles the coder failed
    on in earlier runs (by default they are counted and passed over).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    summary = IngestSummary()
    worker = _Ingester(store, coder, batch_size, summary, note, retry_failed)
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(unit=" articles", disable=not show, file=sys.stderr, dynamic_ncols=True)
    articles: list[Article] = []
    seen: dict[str, str] = {}  # id -> text hash, in the batch being gathered
    skipped: list[dict[str, Any]] = []
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    breathe = _hook(store, "breathe")
    try:
        for item in items:
            breathe()  # between articles: a waiting reader gets its turn
            if isinstance(item, InputError):
                skipped.append(_skip_row(item.path, item.line, item.problem, "", now))
                summary.skipped[reason_kind(item.problem)] += 1
            else:
                bar.update(1)
                summary.read += 1
                if item.id in seen and seen[item.id] != text_hash(item.text):
                    # The same id with other text: store the batch first, so that this one is
                    # stored as a new version of it.
                    worker.flush(articles, skipped)
                    articles, skipped, seen = [], [], {}
                _take(item, articles, skipped, seen, summary, note, now)
            if len(articles) >= batch_size or len(skipped) >= 4 * batch_size:
                worker.flush(articles, skipped)
                articles, skipped, seen = [], [], {}
        if articles or skipped:
            worker.flush(articles, skipped)
    finally:
        bar.close()
    # Clustering runs once per run over the blocks that received mentions (and any a killed
    # run left pending): re-clustering blocks after every batch would cost O(corpus) per batch.
    store.cluster_pending()
    summary.events = store.stats()["events"]
    return summary
