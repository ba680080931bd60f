"""The gazetteer's on-disk table: columnar arrays in one ``.npz`` file, loaded in well under a
second and kept as arrays (no Python object per place until a name is looked up).

Layout of ``data/gazetteer.npz`` (written by ``scripts/build_gazetteer.py`` through
:func:`write_table`, read by :func:`read_table`):

* one row per place, in columns: ``kind`` (0 country, 1 admin1, 2 admin2, 3 city), ``gid``
  (GeoNames id, -1 for none), ``name``/``country``/``admin1``/``admin2`` (indexes into the
  string table, -1 for none), ``lat``/``lon`` (NaN for none), ``pop``, ``major`` (1 for the
  places of the old 15,000+ gazetteer, capitals and places with English alternate names; 0 for
  towns of 1,000+ and districts), ``capital`` (a country's capital's geonameid, else -1);
* ``strings``: every distinct string, UTF-8, newline-separated;
* ``keys``: every normalised lookup key, sorted, newline-separated, with the postings in CSR
  form: the rows of key ``k`` are ``post[ptr[k]:ptr[k + 1]]``, each ``2 * row + primary``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

KIND_CODES = ("C", "A", "D", "P")


class Row(NamedTuple):
    """One place as the build script writes it."""

    kind: str  # one of KIND_CODES
    gid: int | None
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    pop: int
    keys: Sequence[str]  # normalised; the primary name's key first
    capital: int | None
    admin1: str | None
    admin2: str | None
    major: bool


def write_table(path: Path, rows: Sequence[Row]) -> None:
    """Write ``rows`` as the compressed columnar table (deterministic for the same rows)."""
    rows = sorted(rows, key=lambda r: (r.kind, r.gid or 0, r.country or "", r.name, r.admin1 or ""))
    strings: dict[str, int] = {}

    def sid(text: str | None) -> int:
        if text is None:
            return -1
        if "\n" in text:
            raise ValueError(f"newline in gazetteer string {text!r}")
        return strings.setdefault(text, len(strings))

    postings: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        for j, key in enumerate(dict.fromkeys(r.keys)):
            if key and "\n" not in key:
                postings.setdefault(key, []).append(2 * i + (1 if j == 0 else 0))
    keys = sorted(postings)
    ptr = np.zeros(len(keys) + 1, dtype=np.int32)
    ptr[1:] = np.cumsum([len(postings[k]) for k in keys])
    arrays: dict[str, Any] = {
        "kind": np.array([KIND_CODES.index(r.kind) for r in rows], dtype=np.uint8),
        "gid": np.array([-1 if r.gid is None else r.gid for r in rows], dtype=np.int64),
        "name": np.array([sid(r.name) for r in rows], dtype=np.int32),
        "country": np.array([sid(r.country) for r in rows], dtype=np.int32),
        "admin1": np.array([sid(r.admin1) for r in rows], dtype=np.int32),
        "admin2": np.array([sid(r.admin2) for r in rows], dtype=np.int32),
        "lat": np.array([np.nan if r.lat is None else round(r.lat, 4) for r in rows], np.float64),
        "lon": np.array([np.nan if r.lon is None else round(r.lon, 4) for r in rows], np.float64),
        "pop": np.array([r.pop for r in rows], dtype=np.int64),
        "major": np.array([r.major for r in rows], dtype=np.uint8),
        "capital": np.array([-1 if r.capital is None else r.capital for r in rows], np.int64),
        "ptr": ptr,
        "post": np.array([p for k in keys for p in postings[k]], dtype=np.int32),
        "strings": np.frombuffer("\n".join(strings).encode("utf-8"), dtype=np.uint8),
        "keys": np.frombuffer("\n".join(keys).encode("utf-8"), dtype=np.uint8),
    }
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    path.write_bytes(buf.getvalue())


class Table:
    """The loaded table: numpy columns, the string table and a key -> postings index."""

    def __init__(self, data: Any) -> None:
        """Take the arrays of :func:`np.load` on a file written by :func:`write_table`."""
        self.kind = data["kind"]
        self.gid = data["gid"]
        self.name = data["name"]
        self.country = data["country"]
        self.admin1 = data["admin1"]
        self.admin2 = data["admin2"]
        self.lat = data["lat"]
        self.lon = data["lon"]
        self.pop = data["pop"]
        self.major = data["major"]
        self.capital = data["capital"]
        self.ptr = data["ptr"]
        self.post = data["post"]
        self.strings: list[str] = bytes(data["strings"]).decode("utf-8").split("\n")
        keys = bytes(data["keys"]).decode("utf-8").split("\n")
        self.key_index: dict[str, int] = dict(zip(keys, range(len(keys)), strict=True))

    def __len__(self) -> int:
        return len(self.kind)

    def string(self, i: int) -> str | None:
        """The string with index ``i`` (None for -1)."""
        return None if i < 0 else self.strings[i]

    def postings(self, key: str) -> list[tuple[int, bool]]:
        """(row, matched on its primary name?) for every row answering to ``key``."""
        k = self.key_index.get(key)
        if k is None:
            return []
        return [(int(p) >> 1, bool(p & 1)) for p in self.post[self.ptr[k] : self.ptr[k + 1]]]


def read_table(raw: bytes) -> Table:
    """Load a table from the bytes of its ``.npz`` file."""
    with np.load(io.BytesIO(raw)) as data:
        return Table({name: data[name] for name in data.files})
