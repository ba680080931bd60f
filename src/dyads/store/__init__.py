"""The event store: articles, mentions, deduplicated events and actors in one DuckDB file.

``DuckDBStore.open(path)`` opens (creating or upgrading) a store; :func:`ingest` streams articles
into it through a coder; :mod:`dyads.store.cluster` holds the event-deduplication rules.
"""

from __future__ import annotations

from dyads.store.base import Batch, Candidate, Store
from dyads.store.cluster import DedupRules, MentionKey, cluster_mentions
from dyads.store.duck import DEFAULT_DB, DuckDBStore, StoreError
from dyads.store.ingest import BatchCoder, IngestSummary, ingest
from dyads.store.schema import SCHEMA_VERSION, TABLES


def open_store(path: str = DEFAULT_DB, **kwargs: object) -> DuckDBStore:
    """Open the default (DuckDB) store at ``path``."""
    return DuckDBStore.open(path, **kwargs)


__all__ = [
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "TABLES",
    "Batch",
    "BatchCoder",
    "Candidate",
    "DedupRules",
    "DuckDBStore",
    "IngestSummary",
    "MentionKey",
    "Store",
    "StoreError",
    "cluster_mentions",
    "ingest",
    "open_store",
]
