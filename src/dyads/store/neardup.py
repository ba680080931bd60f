"""Near-duplicate articles: word-shingle MinHash signatures and LSH buckets.

Syndicated copies and updated versions of a story share most of their word 5-grams, while two
outlets writing the same story in their own words share almost none. MinHash estimates the
Jaccard similarity of the shingle sets in a fixed-size signature; LSH banding turns "find
similar signatures" into exact lookups of band hashes, which any store can index.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

import numpy as np

SHINGLE_WORDS = 5
N_PERM = 64
BANDS = 16
ROWS = N_PERM // BANDS  # 16 bands x 4 rows: candidates from Jaccard ~0.5 upwards

_WORD = re.compile(r"\w+")
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
# Fixed seeds: signatures must be identical across processes and versions of the store.
_rng = np.random.default_rng(20240131)
_A = (_rng.integers(1, 2**63, size=N_PERM, dtype=np.uint64) | np.uint64(1)).reshape(-1, 1)
_B = _rng.integers(0, 2**63, size=N_PERM, dtype=np.uint64).reshape(-1, 1)
_MIX = np.uint64(0x9E3779B97F4A7C15)


def shingle_hashes(text: str, k: int = SHINGLE_WORDS) -> np.ndarray:
    """64-bit hashes of the lower-cased word ``k``-grams of ``text`` (a short text is one shingle)."""
    words = _WORD.findall(text.lower())
    if not words:
        return np.zeros(1, dtype=np.uint64)
    h = np.array([zlib.crc32(w.encode("utf-8")) for w in words], dtype=np.uint64)
    if len(h) <= k:
        k = len(h)
    n = len(h) - k + 1
    acc = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        # A polynomial rolling combination of word hashes; wrap-around is the modulus.
        for j in range(k):
            acc = acc * _MIX + h[j : j + n]
    return np.unique(acc)


def minhash(text: str) -> bytes:
    """The MinHash signature of ``text``: ``N_PERM`` 32-bit minima, as bytes for storage."""
    x = shingle_hashes(text).reshape(1, -1)
    with np.errstate(over="ignore"):
        # Multiply-shift hashing: the high 32 bits of a*x+b (mod 2**64) are well mixed.
        perm = ((_A * x + _B) & _MASK64) >> np.uint64(32)
    return perm.min(axis=1).astype("<u4").tobytes()


def similarity(sig_a: bytes, sig_b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal minima)."""
    a = np.frombuffer(sig_a, dtype="<u4")
    b = np.frombuffer(sig_b, dtype="<u4")
    if a.shape != b.shape or a.size == 0:
        return 0.0
    return float(np.mean(a == b))


def band_keys(sig: bytes) -> list[int]:
    """One signed 64-bit key per LSH band: band number in the high bits, band hash below."""
    keys = []
    step = ROWS * 4
    for band in range(BANDS):
        chunk = sig[band * step : (band + 1) * step]
        keys.append((band << 40) | zlib.crc32(chunk))
    return keys


class BatchIndex:
    """An in-memory LSH index for the articles of one batch (bounded by the batch size)."""

    def __init__(self) -> None:
        self._buckets: dict[int, list[str]] = {}
        self._sigs: dict[str, bytes] = {}

    def add(self, article_id: str, sig: bytes) -> None:
        """Index one signature."""
        self._sigs[article_id] = sig
        for key in band_keys(sig):
            self._buckets.setdefault(key, []).append(article_id)

    def candidates(self, sig: bytes) -> Iterable[tuple[str, bytes]]:
        """Indexed articles sharing at least one band with ``sig``."""
        seen: set[str] = set()
        for key in band_keys(sig):
            for aid in self._buckets.get(key, ()):
                if aid not in seen:
                    seen.add(aid)
                    yield aid, self._sigs[aid]
