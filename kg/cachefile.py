"""The cache's file format: JSON read back by the declared types, never pickle.

``OUT/cache`` may come from a shared or downloaded folder; unpickling it would
run whatever code it names.  Facts and index entries are dataclasses of plain
values, so they are written as JSON and rebuilt field by field from their
type hints: a file that does not fit the types is a cache miss, not an import.
Each file starts with a version line; another version is a miss too.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any

FORMAT = "kg-cache/2"  # 2: a dataclass is the list of its fields


class CacheFormatError(ValueError):
    """The bytes are not a cache file of this version and these types."""


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _default(x: Any) -> Any:
    """What JSON cannot write itself: a dataclass as the list of its fields in
    declaration order (the C encoder does the rest), a Decimal as its string."""
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return [getattr(x, name) for name in _field_names(type(x))]
    if isinstance(x, Decimal):
        return str(x)
    raise TypeError(f"cannot write {type(x).__name__} to a cache file")


def dumps(obj: Any, version: str = "") -> bytes:
    """``obj`` (dataclasses, tuples, lists, dicts, str, int, float, bool, None,
    Decimal) as a versioned JSON file."""
    head = json.dumps([FORMAT, version])
    body = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=_default)
    return (head + "\n" + body).encode("utf-8")


def loads(data: bytes, hint: Any, version: str = "") -> Any:
    """The object of type ``hint`` written by :func:`dumps` with ``version``."""
    try:
        head, _, body = data.decode("utf-8").partition("\n")
        if json.loads(head) != [FORMAT, version]:
            raise CacheFormatError("another cache version")
        return _decoder(hint)(json.loads(body))
    except (UnicodeDecodeError, json.JSONDecodeError, TypeError, KeyError, AttributeError) as e:
        raise CacheFormatError(str(e)) from None


def _fail(what: str, v: Any) -> typing.NoReturn:
    raise CacheFormatError(f"expected {what}, got {type(v).__name__}")


@cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A function that rebuilds a value of type ``hint`` from its JSON form."""
    if hint is Any:
        return lambda v: v
    if hint in (str, int, bool):
        def atom(v: Any, t: type = hint) -> Any:
            if type(v) is not t:
                _fail(t.__name__, v)
            return v
        return atom
    if hint is float:
        return lambda v: float(v) if type(v) in (int, float) else _fail("float", v)
    if hint is Decimal:
        return lambda v: Decimal(v) if type(v) is str else _fail("decimal", v)
    if hint is type(None):
        return lambda v: None if v is None else _fail("null", v)
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(hint)]

        def record(v: Any, cls: type = hint) -> Any:
            if type(v) is not list or len(v) != len(fields):
                _fail(cls.__name__, v)
            return cls(*[dec(x) for (_name, dec), x in zip(fields, v, strict=True)])
        return record
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        inner = _decoder(rest[0]) if len(rest) == 1 else None
        if inner is None:
            raise TypeError(f"unsupported union {hint}")
        return lambda v: None if v is None else inner(v)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        return lambda v: tuple(map(item, v)) if type(v) is list else _fail("list", v)
    if origin is tuple:
        items = [_decoder(a) for a in args]

        def fixed(v: Any) -> tuple:
            if type(v) is not list or len(v) != len(items):
                _fail(f"list of {len(items)}", v)
            return tuple(dec(x) for dec, x in zip(items, v, strict=True))
        return fixed
    if origin is list:
        item = _decoder(args[0])
        return lambda v: list(map(item, v)) if type(v) is list else _fail("list", v)
    if origin is dict:
        key, val = _decoder(args[0]), _decoder(args[1])
        return lambda v: {key(k): val(x) for k, x in v.items()} if type(v) is dict else _fail("object", v)
    raise TypeError(f"unsupported type in a cache file: {hint}")
