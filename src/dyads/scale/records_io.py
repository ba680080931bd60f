"""Events to JSON and back, exactly: what a Dask partition file stores for each article.

The decoder follows the record classes' type hints (nested records, tuples, optional fields),
so a field added to :mod:`dyads.records` round-trips without a change here.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from typing import Any

from dyads.records import Event, to_dict


def events_to_json(events: list[Event]) -> str:
    """The events as one JSON array (the output contract's objects, ``explain`` included)."""
    return json.dumps([to_dict(ev) for ev in events], ensure_ascii=False, separators=(",", ":"))


def events_from_json(text: str) -> list[Event]:
    """Rebuild the events written by :func:`events_to_json`."""
    return [decode(Event, row) for row in json.loads(text)]


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(tp: Any, value: Any) -> Any:
    """``value`` (plain JSON) as an instance of the type ``tp``."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return decode(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], v) for v in value)
        return tuple(decode(a, v) for a, v in zip(args, value, strict=True))
    if origin is typing.Literal:
        return value
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{k: decode(hints[k], v) for k, v in value.items()})
    if tp is float and isinstance(value, int):
        return float(value)
    return value
