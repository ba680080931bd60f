"""Content-hash ids: the same input always gets the same id, so re-runs never duplicate."""

from __future__ import annotations

import hashlib


def content_id(*parts: object, length: int = 16) -> str:
    """Return a short, stable hex id from ``parts`` (joined with a separator that text lacks)."""
    h = hashlib.blake2b(digest_size=16)
    for p in parts:
        h.update(str(p).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def article_id_for(text: str, url: str | None = None) -> str:
    """Id of an article without an explicit id: a hash of its text (and URL when known)."""
    return "a" + content_id(url or "", text)
