"""Which coder a worker process builds: a small picklable recipe, built once per process.

A loaded coder (spaCy pipeline, actor dictionaries, gazetteer: about 500 MB) cannot be sent to
another process cheaply, so workers receive a :class:`CoderSpec` and build the coder themselves
the first time they need it; every later task in that process reuses it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

DEFAULT_CODER = "dyads.pipeline:Coder.default"


def resolve_coder(spec: str) -> Any:
    """Resolve ``module:attr.attr`` to a coder object (calling it when it is a factory)."""
    module_name, _, attr = spec.partition(":")
    obj: Any = importlib.import_module(module_name)
    for part in filter(None, attr.split(".")):
        obj = getattr(obj, part)
    # A class or a factory (``Coder.default``) is called; an object with code_batch is used as is.
    if isinstance(obj, type) or (not hasattr(obj, "code_batch") and callable(obj)):
        obj = obj()
    if not hasattr(obj, "code_batch"):
        raise ValueError(f"{spec} is not a coder (it has no code_batch method)")
    return obj


@dataclass(frozen=True)
class CoderSpec:
    """How to build a coder: ``module:attr`` of a coder or factory, and an optional user
    actors file (``--actors``) laid over the bundled actors."""

    coder: str = DEFAULT_CODER
    actors_file: str | None = None

    def build(self) -> Any:
        """A new coder for this spec (prefer :func:`coder_for`, which caches it)."""
        if self.actors_file is not None:
            from dyads.actors import ActorResolver
            from dyads.pipeline import Coder

            return Coder(actors=ActorResolver.with_user_file(self.actors_file))
        return resolve_coder(self.coder)

    def check(self) -> None:
        """Raise ValueError now if the spec names nothing importable (before workers start)."""
        module_name, _, attr = self.coder.partition(":")
        try:
            obj = importlib.import_module(module_name)
            for part in filter(None, attr.split(".")):
                obj = getattr(obj, part)
        except (ImportError, AttributeError) as exc:
            raise ValueError(f"{self.coder}: no such coder ({exc})") from exc

    def key(self) -> str:
        """A string naming this spec, part of the Dask partition hash (another coder, other
        files)."""
        return f"{self.coder}|{self.actors_file or ''}"


_BUILT: dict[CoderSpec, Any] = {}


def coder_for(spec: CoderSpec) -> Any:
    """The coder of ``spec`` in this process, built on first use (one model load per worker)."""
    coder = _BUILT.get(spec)
    if coder is None:
        coder = _BUILT[spec] = spec.build()
    return coder
