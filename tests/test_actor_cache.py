"""The prebuilt actor lexicon (data/lexicon.pickle.gz, written by ``make actors``)."""

from __future__ import annotations

from pathlib import Path

from dyads.actors import cache
from dyads.actors.lexicon import build_lexicon


def test_prebuilt_lexicon_is_current() -> None:
    lex = cache.read_cached()
    assert lex is not None, (
        "src/dyads/actors/data/lexicon.pickle.gz is missing or stale (a data file or a "
        "lexicon module changed): run `make actors` (or scripts/build_actors.py --cache-only)"
    )
    built = build_lexicon()
    assert lex.phrases == built.phrases
    assert lex.prefixes == built.prefixes
    assert [p.name for p in lex.people.people] == [p.name for p in built.people.people]
    assert lex.sector_codes == built.sector_codes


def test_stale_or_broken_cache_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.pickle.gz"
    cache.write_cache(build_lexicon(), path)
    assert cache.read_cached(path) is not None
    import gzip

    raw = gzip.decompress(path.read_bytes())
    path.write_bytes(gzip.compress(b"0" * 64 + raw[64:]))  # another fingerprint
    assert cache.read_cached(path) is None
    path.write_bytes(b"not gzip")
    assert cache.read_cached(path) is None
    assert cache.read_cached(tmp_path / "absent.gz") is None
