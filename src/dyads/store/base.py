"""The store interface: what ingest needs from a backend, so another backend can follow."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from dyads.store.cluster import DedupRules


@dataclass
class Batch:
    """What one transaction writes: articles, their mentions and actors, and skipped inputs.

    An article counts as ingested only once its batch commits, so a crash loses at most the
    batch in flight and the next run redoes exactly that batch.
    """

    articles: list[dict[str, Any]] = field(default_factory=list)
    bands: list[tuple[int, str]] = field(default_factory=list)  # (LSH band key, article id)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.articles or self.skipped)


@dataclass(frozen=True)
class Candidate:
    """A stored article that may be a near duplicate of a new one."""

    id: str
    signature: bytes
    near_dup_of: str | None


class Store(Protocol):
    """An event store. :class:`~dyads.store.duck.DuckDBStore` is the embedded implementation."""

    rules: DedupRules

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` whose articles are already stored."""
        ...

    def known_texts(self, ids: Sequence[str]) -> dict[str, str]:
        """The text hash of each of ``ids`` already stored (id -> hash)."""
        ...

    def failed_ids(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` that the coder failed on in an earlier run."""
        ...

    def near_candidates(self, bands: Mapping[str, Sequence[int]]) -> dict[str, list[Candidate]]:
        """Stored articles sharing an LSH band with each new article (by new article id)."""
        ...

    def write_batch(self, batch: Batch) -> None:
        """Write one batch (articles, mentions, actors, skipped) in one transaction."""
        ...

    def cluster_pending(self) -> int:
        """Cluster the mentions not yet in an event (whole blocks, crash-safe); blocks done."""
        ...

    def recluster(self, rules: DedupRules | None = None) -> int:
        """Re-cluster every mention (e.g. after changing the rules); returns the event count."""
        ...

    def stats(self) -> dict[str, int]:
        """Counts of what the store holds, comparable between stores."""
        ...

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of ``table`` in a stable order, streamed."""
        ...

    def export_parquet(self, table: str, path: Path) -> int:
        """Write ``table`` to a Parquet file; returns the row count."""
        ...

    def close(self) -> None:
        """Release the store."""
        ...
