"""A kept send plan as :mod:`marshal` data, so that reading it back imports no pickle.

``_pickle`` imports functools, collections, copyreg and _compat_pickle when
it loads: several milliseconds of a send that otherwise needs none of them.
A plan (:class:`smtp.fastpath.StaticSend`) is records of plain values and
Lisp data; :func:`dumps` turns those into tagged tuples that marshal writes
and :func:`loads` builds them again.  Anything else (an uninterned symbol, a
Lisp string with properties, a vector...) raises :class:`Unsupported`, and
the plan is pickled as before: :mod:`smtp.fastpath` tells the two apart by
the first byte (:data:`MAGIC`; a pickle starts with ``\\x80``).

:func:`dumps` checks its own work: the data it returns must decode into
objects that encode to the same data, so a value it would not rebuild
exactly is never kept this way.  Only records of elsend's own modules are
rebuilt (the file is private to the user, as the pickled one is).
"""

from __future__ import annotations

import marshal
import sys

from elconf.types import UNBOUND, Cons, Symbol, intern

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

#: The first byte of a plan kept by this module.
MAGIC = b"M"
_VERSION = 2
_PLAIN = (type(None), bool, int, float, str, bytes)
_OUR_MODULES = ("smtp.", "elconf.")


class Unsupported(TypeError):
    """A value this encoding does not rebuild exactly (the plan is pickled instead)."""


def dumps(obj: Any) -> bytes:
    """``obj`` as :data:`MAGIC` and marshal data; raises :class:`Unsupported`."""
    try:
        data = _encode(obj)
        if _encode(_decode(data)) != data:
            raise Unsupported("the plan does not decode to itself")
    except RecursionError:
        raise Unsupported("nested too deeply") from None
    return MAGIC + marshal.dumps((_VERSION, data))


def loads(payload: bytes) -> Any:
    """The object :func:`dumps` wrote (ValueError for anything else)."""
    if payload[:1] != MAGIC:
        raise ValueError("not a marshalled plan")
    version, data = marshal.loads(payload[1:])
    if version != _VERSION:
        raise ValueError(f"plan encoding {version}")
    return _decode(data)


def _encode(obj: Any) -> Any:
    kind = type(obj)
    if kind in _PLAIN:
        return obj
    if kind is Symbol:
        if not obj.interned:
            raise Unsupported("an uninterned symbol")
        return ("s", obj.name)
    if kind is Cons:
        return ("c", _encode(obj.car), _encode(obj.cdr), _encode(obj.pos))
    if obj is UNBOUND:
        return ("u",)
    if kind is tuple:
        if all(type(item) in _PLAIN for item in obj):
            return ("T", obj)      # features, argument lists: marshal keeps them as they are
        return ("t", tuple(_encode(item) for item in obj))
    if kind is list:
        return ("l", tuple(_encode(item) for item in obj))
    if kind is dict:
        return ("d", tuple(_encode(key) for key in obj), tuple(_encode(v) for v in obj.values()))
    if hasattr(kind, "__record_fields__") and kind.__module__.startswith(_OUR_MODULES) \
            and "<" not in kind.__qualname__:
        state = vars(obj)
        return ("r", kind.__module__, kind.__qualname__,
                tuple(state), tuple(_encode(value) for value in state.values()))
    raise Unsupported(f"a {kind.__module__}.{kind.__qualname__}")


def _decode(data: Any) -> Any:
    if type(data) is not tuple:
        return data
    tag = data[0]
    if tag == "s":
        return intern(data[1])
    if tag == "c":
        return Cons(_decode(data[1]), _decode(data[2]), _decode(data[3]))
    if tag == "u":
        return UNBOUND
    if tag == "T":
        return data[1]
    if tag == "t":
        return tuple(_decode(item) for item in data[1])
    if tag == "l":
        return [_decode(item) for item in data[1]]
    if tag == "d":
        return {_decode(key): _decode(value) for key, value in zip(data[1], data[2])}
    if tag == "r":
        _tag, module_name, qualname, names, values = data
        if not module_name.startswith(_OUR_MODULES):
            raise ValueError(f"a record of {module_name}")
        __import__(module_name)
        cls: Any = sys.modules[module_name]
        for part in qualname.split("."):
            cls = getattr(cls, part)
        obj = cls.__new__(cls)
        obj.__dict__.update(zip(names, (_decode(value) for value in values)))
        return obj
    raise ValueError(f"unknown tag {tag!r}")
