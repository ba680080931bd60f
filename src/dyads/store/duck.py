"""The embedded DuckDB store: one file, transactions per batch, Parquet export."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from dyads import __version__
from dyads.store.base import Batch, Candidate
from dyads.store.cluster import DedupRules, block_key, cluster_block, date_interval, summarize
from dyads.store.rows import mention_key
from dyads.store.schema import MIGRATIONS, TABLES, Migration
from dyads.store.sharing import Lease, Note
from dyads.store.versions import StoreError, newer_error, read_meta, write_meta
from dyads.store.views import create_views

DEFAULT_DB = "dyads.duckdb"
# The store never loads or downloads DuckDB extensions: a --db naming a SQLite file or an
# ``md:`` path would otherwise make DuckDB fetch one from the network.
SAFE_CONFIG = {
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "allow_community_extensions": False,
}
# A scheme of two or more letters and a colon (``md:``, ``s3://``, ``http:``): DuckDB would
# treat it as a remote or extension path. One letter is a Windows drive (``C:``).
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
FAILED = "coder failed"
# Stable orders for streaming and export, so two stores with the same content compare equal.
ORDER = {
    "articles": "id",
    "mentions": "id",
    "events": "id",
    "actors": "code",
    "skipped": "id",
}
_MENTION_COLUMNS = (
    "m.id, m.article_id, m.block_key, m.event, m.actor, m.recipient, m.modality, m.date, "
    "m.date_min, m.date_max, m.date_precision, m.mode, m.cameo, m.quad_code, m.goldstein, "
    "m.location_country, m.location_name, a.date AS report_date, "
    "coalesce(a.near_dup_of, a.id) AS source_group"
)


def _arrow(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    # DuckDB 2 renamed fetch_arrow_table to to_arrow_table; support both generations.
    rel = con.sql(sql, params=params)
    fetch = getattr(rel, "to_arrow_table", None) or rel.fetch_arrow_table
    return fetch()


def _arrow_batches(con: duckdb.DuckDBPyConnection, sql: str, chunk: int) -> Any:
    rel = con.sql(sql)
    fetch = getattr(rel, "to_arrow_reader", None) or rel.fetch_arrow_reader
    return fetch(chunk)


def wal_path(path: str | Path) -> Path:
    """The write-ahead log DuckDB keeps beside the store."""
    return Path(f"{path}.wal")


def check_store_path(path: str) -> None:
    """Refuse, in one line, a store path that is not a local DuckDB file (or ``:memory:``)."""
    if path == ":memory:":
        return
    if _URI.match(path):
        raise StoreError(
            f"{path}: looks like a URI; the store is a local file (give a path such as news.duckdb)"
        )
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        return  # a new store, or an error DuckDB reports itself
    except OSError:
        return
    if head and head[8:12] != b"DUCK":
        what = "a SQLite database" if head.startswith(b"SQLite format 3") else "not a DuckDB file"
        raise StoreError(
            f"{path}: is {what}, not a dyads store "
            "(give a store written by `dyads ingest`, or a new file name)"
        )


class DuckDBStore:
    """A :class:`~dyads.store.base.Store` in one DuckDB file (``:memory:`` for tests)."""

    def __init__(
        self,
        path: str | Path = DEFAULT_DB,
        rules: DedupRules | None = None,
        migrations: Sequence[Migration] = MIGRATIONS,
        memory_limit: str = "128MB",
        read_only: bool = False,
        note: Note | None = None,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.rules = rules or DedupRules.default()
        check_store_path(self.path)
        self.memory_limit = memory_limit
        self._ready = False  # set once opened: reopened read-only connections need the views
        # Opened on use and released between batches, so readers can open the store while an
        # ingest runs (dyads.store.sharing); ``note`` hears when a writer waits for readers.
        self._lease = Lease(self.path, read_only, SAFE_CONFIG, self._setup, note)
        try:
            self._lease.get()
            if read_only:
                self._check_readable(migrations)
            else:
                self.migrate(migrations)
                # DuckDB imports pandas, when installed (about 1 s), the first time Python data
                # is handed to it: pay that here, so the first batch commits as soon as it is
                # coded (a run killed early has stored something, and progress starts promptly).
                with self._registered("warm_up", pa.table({"x": pa.array([], pa.int8())})):
                    pass
            # The export views (dyads.store.views): stored in a writable store (so a reopened
            # writer need not make them again), temporary otherwise.
            create_views(self.con, temporary=read_only)
        except BaseException:
            self._lease.close()
            raise
        self._ready = True

    def _setup(self, con: duckdb.DuckDBPyConnection) -> None:
        """Settings of every new connection (the lease reopens it between batches)."""
        # Bounded memory whatever the corpus size: DuckDB's buffer pool caches table pages up to
        # this limit and spills past it (measured: RSS flat from 10k to 50k articles).
        con.execute(f"SET memory_limit = '{self.memory_limit}'")
        con.execute("SET preserve_insertion_order = false")
        if self.read_only and self._ready:
            create_views(con, temporary=True)  # temporary views die with their connection

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, reopened if it was released."""
        return self._lease.get()

    def release(self) -> None:
        """Close the connection until next used, so readers can open the store meanwhile."""
        self._lease.release()

    def breathe(self) -> None:
        """Release the connection if a reader waits for it (or it has been held long)."""
        self._lease.breathe()

    def reading(self) -> contextlib.AbstractContextManager[duckdb.DuckDBPyConnection]:
        """The connection for one use (a request) by a long-lived reader; see Lease.reading."""
        return self._lease.reading()

    def pause(self, long: bool = False) -> None:
        """Before work that does not use the store: release it if ``long`` or if asked."""
        self._lease.pause(long)

    def _check_readable(self, migrations: Sequence[Migration]) -> None:
        """A store opened read-only is not upgraded: it must be a dyads store we understand."""
        current = self.schema_version()
        latest = migrations[-1][0] if migrations else 0
        if current == 0:
            raise StoreError(
                f"{self.path}: not a dyads store (create one with `dyads ingest PATH... --db FILE`)"
            )
        if current > latest:
            raise newer_error(self.path, current, latest, read_meta(self.con, "dyads_version"))

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, **kwargs: Any) -> DuckDBStore:
        """Open (creating or upgrading) the store at ``path``; ``read_only=True`` to only read."""
        return cls(path, **kwargs)

    # -- schema ---------------------------------------------------------------------------

    def schema_version(self) -> int:
        """The schema version recorded in the database (0 for a new one)."""
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def migrate(self, migrations: Sequence[Migration] = MIGRATIONS) -> int:
        """Apply the migrations newer than the database, each in one transaction."""
        current = self.schema_version()
        latest = migrations[-1][0] if migrations else 0
        if current > latest:
            raise newer_error(self.path, current, latest, read_meta(self.con, "dyads_version"))
        for version, steps in migrations:
            if version <= current:
                continue
            with self._transaction():
                for sql in steps:
                    self.con.execute(sql)
                write_meta(self.con, "schema_version", str(version))
            current = version
        if read_meta(self.con, "dyads_version") != __version__:
            # Which dyads last wrote the store: named in the error a newer store gives.
            write_meta(self.con, "dyads_version", __version__)
        return current

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # -- ingest ---------------------------------------------------------------------------

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` whose articles are already stored."""
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]
        ).fetchall()
        return {r[0] for r in rows}

    def known_texts(self, ids: Sequence[str]) -> dict[str, str]:
        """The text hash of each of ``ids`` already stored (id -> hash)."""
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT id, text_hash FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [list(ids)],
        ).fetchall()
        return {r[0]: r[1] for r in rows}

    def failed_ids(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` that the coder failed on in an earlier run (and not since stored)."""
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT DISTINCT article_id FROM skipped WHERE starts_with(reason, ?) "
            "AND article_id IN (SELECT unnest(?::VARCHAR[]))",
            [FAILED, list(ids)],
        ).fetchall()
        return {r[0] for r in rows}

    def near_candidates(self, bands: Mapping[str, Sequence[int]]) -> dict[str, list[Candidate]]:
        """Stored articles sharing an LSH band with each new article."""
        pairs = [(aid, b) for aid, keys in bands.items() for b in keys]
        if not pairs:
            return {}
        probe = pa.table({"new_id": [p[0] for p in pairs], "band": [p[1] for p in pairs]})
        with self._registered("probe_bands", probe):
            rows = self.con.execute(
                "SELECT DISTINCT p.new_id, a.id, a.minhash, a.near_dup_of "
                "FROM probe_bands p JOIN article_bands b ON b.band = p.band "
                "JOIN articles a ON a.id = b.article_id ORDER BY p.new_id, a.id"
            ).fetchall()
        out: dict[str, list[Candidate]] = {}
        for new_id, aid, sig, dup in rows:
            out.setdefault(new_id, []).append(Candidate(aid, bytes(sig), dup))
        return out

    def _insert(
        self, table: str, rows: list[dict[str, Any]], *, verb: str = "INSERT", on_conflict: str = ""
    ) -> None:
        """Insert ``rows`` into ``table`` by column name through one registered Arrow table."""
        if not rows:
            return
        with self._registered("incoming", pa.Table.from_pylist(rows)):
            self.con.execute(
                f"{verb} INTO {table} BY NAME SELECT * FROM incoming {on_conflict}".rstrip()
            )

    @contextlib.contextmanager
    def _registered(self, name: str, table: pa.Table) -> Iterator[None]:
        """Expose an Arrow table to SQL as ``name`` for the duration of a block."""
        self.con.register(name, table)
        try:
            yield
        finally:
            self.con.unregister(name)

    def write_batch(self, batch: Batch) -> None:
        """Write one batch in one transaction; its mentions wait for :meth:`cluster_pending`."""
        with self._transaction():
            self._insert("articles", batch.articles)
            self._insert("article_bands", [{"band": b, "article_id": a} for b, a in batch.bands])
            # A coder may emit one id twice for one article; the first copy wins.
            self._insert("mentions", batch.mentions, verb="INSERT OR IGNORE")
            # Order-independent merges (sums, least) keep resumed runs identical.
            self._insert(
                "actors",
                batch.actors,
                on_conflict="ON CONFLICT (code) DO UPDATE SET "
                "n_mentions = actors.n_mentions + excluded.n_mentions, "
                "name = least(actors.name, excluded.name), "
                "country = coalesce(actors.country, excluded.country), "
                "sector = coalesce(actors.sector, excluded.sector)",
            )
            self._insert(
                "skipped",
                batch.skipped,
                on_conflict="ON CONFLICT (id) DO UPDATE SET skipped_at = excluded.skipped_at",
            )
            stored = [a["id"] for a in batch.articles]
            if stored:
                # An article stored now is no longer a failure (retried with --retry-failed).
                self.con.execute(
                    "DELETE FROM skipped WHERE starts_with(reason, ?) "
                    "AND article_id IN (SELECT unnest(?::VARCHAR[]))",
                    [FAILED, stored],
                )

    def _recluster_blocks(self, blocks: list[str]) -> int:
        where = "WHERE m.block_key IN (SELECT unnest(?::VARCHAR[]))"
        params = [blocks]
        rows = _arrow(
            self.con,
            f"SELECT {_MENTION_COLUMNS} FROM mentions m JOIN articles a ON a.id = m.article_id "
            f"{where} ORDER BY m.block_key, m.id",
            params,
        ).to_pylist()
        by_block: dict[str, list[Any]] = {}
        for r in rows:
            by_block.setdefault(r["block_key"], []).append(mention_key(r))
        events: list[dict[str, Any]] = []
        links: list[dict[str, str]] = []
        for key in sorted(by_block):
            for members in cluster_block(by_block[key], self.rules):
                ev = summarize(members)
                events.append(ev)
                links.extend({"id": m.id, "event_id": ev["id"]} for m in members)
        self.con.execute(
            "DELETE FROM events WHERE block_key IN (SELECT unnest(?::VARCHAR[]))", [blocks]
        )
        self._insert("events", events)
        if links:
            with self._registered("links", pa.Table.from_pylist(links)):
                self.con.execute(
                    "UPDATE mentions SET event_id = links.event_id FROM links "
                    "WHERE mentions.id = links.id "
                    "AND mentions.event_id IS DISTINCT FROM links.event_id"
                )
        return len(events)

    def cluster_pending(self, mentions_per_transaction: int = 20_000) -> int:
        """Cluster every block holding mentions not yet clustered; returns blocks done.

        Blocks are re-clustered whole, from all their mentions, in chunks of about
        ``mentions_per_transaction`` mentions per transaction (bounded memory): a crash leaves
        some blocks pending, and the next call finishes them.
        """
        rows = self.con.execute(
            "SELECT block_key, count(*) FROM mentions WHERE block_key IN "
            "(SELECT DISTINCT block_key FROM mentions WHERE event_id IS NULL) "
            "GROUP BY block_key ORDER BY block_key"
        ).fetchall()
        chunk: list[str] = []
        size = 0
        for key, n in rows:
            chunk.append(key)
            size += int(n)
            if size >= mentions_per_transaction:
                with self._transaction():
                    self._recluster_blocks(chunk)
                chunk, size = [], 0
                self.breathe()  # between transactions: readers may take a turn
        if chunk:
            with self._transaction():
                self._recluster_blocks(chunk)
        return len(rows)

    def recluster(self, rules: DedupRules | None = None) -> int:
        """Re-cluster every mention (after changing the rules); returns the event count.

        Blocks and date intervals depend on the rules, so they are recomputed first.
        """
        if rules is not None:
            self.rules = rules
        with self._transaction():
            table = _arrow(
                self.con,
                "SELECT m.id, m.event, m.actor, m.recipient, m.modality, m.date, "
                "a.date AS report_date FROM mentions m JOIN articles a ON a.id = m.article_id",
            )
            keys = []
            for r in table.to_pylist():
                dmin, dmax, prec = date_interval(r["date"], r["report_date"], self.rules)
                sides = [[] if s == "-" else s.split("+") for s in (r["actor"], r["recipient"])]
                block = block_key(r["event"], sides[0], sides[1], r["modality"], self.rules)
                keys.append(
                    {
                        "id": r["id"],
                        "block_key": block,
                        "date_min": dmin,
                        "date_max": dmax,
                        "date_precision": prec,
                    }
                )
            if keys:
                with self._registered("rekeyed", pa.Table.from_pylist(keys)):
                    self.con.execute(
                        "UPDATE mentions SET block_key = k.block_key, date_min = k.date_min, "
                        "date_max = k.date_max, date_precision = k.date_precision, "
                        "event_id = NULL FROM rekeyed k WHERE mentions.id = k.id"
                    )
            self.con.execute("DELETE FROM events")
        self.cluster_pending()
        row = self.con.execute("SELECT count(*) FROM events").fetchone()
        return int(row[0]) if row else 0

    # -- reading --------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        """Counts of what the store holds, comparable between stores."""

        def one(sql: str) -> int:
            row = self.con.execute(sql).fetchone()
            return int(row[0]) if row and row[0] is not None else 0

        return {
            "schema_version": self.schema_version(),
            "articles": one("SELECT count(*) FROM articles"),
            "articles_coded": one("SELECT count(*) FROM articles WHERE coded"),
            "near_duplicates": one("SELECT count(*) FROM articles WHERE near_dup_of IS NOT NULL"),
            "mentions": one("SELECT count(*) FROM mentions"),
            "events": one("SELECT count(*) FROM events"),
            "mentions_pending": one("SELECT count(*) FROM mentions WHERE event_id IS NULL"),
            "events_multi_source": one("SELECT count(*) FROM events WHERE n_sources > 1"),
            "actors": one("SELECT count(*) FROM actors"),
            "skipped": one("SELECT count(*) FROM skipped"),
        }

    def _check_table(self, table: str) -> str:
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}; use one of {', '.join(TABLES)}")
        return table

    def rows(self, table: str, chunk: int = 2048) -> Iterator[dict[str, Any]]:
        """Every row of ``table`` in a stable order, streamed in chunks."""
        self._check_table(table)
        # A cursor of its own, so that the caller may use the store while iterating.
        cur = self.con.cursor()
        try:
            for rb in _arrow_batches(cur, f"SELECT * FROM {table} ORDER BY {ORDER[table]}", chunk):
                yield from rb.to_pylist()
        finally:
            cur.close()

    def export_parquet(self, table: str, path: Path) -> int:
        """Write ``table`` to a Parquet file; returns the row count."""
        self._check_table(table)
        target = str(path).replace("'", "''")
        try:
            self.con.execute(
                f"COPY (SELECT * FROM {table} ORDER BY {ORDER[table]}) "
                f"TO '{target}' (FORMAT parquet)"
            )
        except duckdb.Error as exc:
            # DuckDB's IO errors (missing directory, no permission) are the user's to fix.
            raise StoreError(f"{path}: cannot write Parquet: {exc}") from exc
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def export_all(self, directory: Path) -> dict[str, int]:
        """Write every table to ``directory/<table>.parquet``; returns row counts."""
        directory.mkdir(parents=True, exist_ok=True)
        return {t: self.export_parquet(t, directory / f"{t}.parquet") for t in TABLES}

    def close(self) -> None:
        """Close the database file (and let other writers in)."""
        self._lease.close()

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
