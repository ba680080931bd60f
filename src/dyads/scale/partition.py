"""One Dask partition: a run of input articles, coded into one Parquet file named by a hash of
everything that decides its events.

The name hashes the articles (every field), the coder spec and a fingerprint of the installed
dyads code and data, so a retried task, a task run twice on two workers, or a repeated run
finds the file already there and codes nothing; a changed coder gives new names. Files are
written to a temporary name and renamed, so a worker killed mid-write leaves no partial file.

One row per article: ``article_id``, ``text_hash``, ``events`` (a JSON array of the output
contract's objects), ``n_events`` and ``failure`` (the one-line reason the coder failed on it,
else null). DuckDB or pandas read them directly.
"""

from __future__ import annotations

import functools
import hashlib
import os
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import dyads
from dyads.records import Article, Event, to_dict
from dyads.scale.pool import CHUNK, as_failure, code_chunk
from dyads.scale.records_io import events_from_json, events_to_json
from dyads.scale.spec import CoderSpec
from dyads.store.rows import text_hash

PREFIX = "part-"
SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("text_hash", pa.string()),
        ("events", pa.string()),
        ("n_events", pa.int32()),
        ("failure", pa.string()),
    ]
)


@functools.cache
def code_fingerprint() -> str:
    """A hash of the installed dyads package (code, lexicons, models): coding depends on it."""
    root = Path(dyads.__file__).resolve().parent
    h = hashlib.blake2b(digest_size=16)
    for p in sorted(root.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc":
            h.update(str(p.relative_to(root)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def spec_fingerprint(spec: CoderSpec) -> str:
    """What decides the coder of ``spec``: the spec, the dyads code and a user actors file."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{dyads.__version__}|{spec.key()}|{code_fingerprint()}".encode())
    if spec.actors_file:
        h.update(Path(spec.actors_file).read_bytes())
    return h.hexdigest()


def partition_name(fingerprint: str, articles: list[Article]) -> str:
    """The file name (without directory) of the partition coding ``articles``."""
    h = hashlib.blake2b(fingerprint.encode(), digest_size=20)
    for art in articles:
        h.update(repr(sorted(to_dict(art).items())).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return f"{PREFIX}{h.hexdigest()}.parquet"


def code_partition(spec: CoderSpec, articles: list[Article], out_dir: str, name: str) -> str:
    """The Dask task: code ``articles`` into ``out_dir/name`` unless it is already there;
    returns the file's path. The coder loads once per worker process."""
    path = Path(out_dir) / name
    if path.exists():
        return str(path)
    outcomes = code_chunk(spec, articles, CHUNK)
    rows: dict[str, list[object]] = {f: [] for f in SCHEMA.names}
    for art, out in zip(articles, outcomes, strict=True):
        rows["article_id"].append(art.id)
        rows["text_hash"].append(text_hash(art.text))
        failed = isinstance(out, str)
        rows["events"].append(None if failed else events_to_json(out))  # type: ignore[arg-type]
        rows["n_events"].append(0 if failed else len(out))
        rows["failure"].append(out if failed else None)
    tmp = path.with_name(f".{name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    pq.write_table(pa.table(rows, schema=SCHEMA), tmp)
    os.replace(tmp, path)
    return str(path)


Key = tuple[str, str]  # (article id, text hash)


def read_partition(path: str) -> dict[Key, list[Event] | Exception]:
    """The outcome of each article of a partition file, by (id, text hash)."""
    table = pq.read_table(path).to_pydict()
    out: dict[Key, list[Event] | Exception] = {}
    for aid, th, evs, fail in zip(
        table["article_id"], table["text_hash"], table["events"], table["failure"], strict=True
    ):
        out[(aid, th)] = as_failure(fail) if fail is not None else events_from_json(evs)
    return out
