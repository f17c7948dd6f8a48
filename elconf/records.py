"""``@record``: the dataclasses we need, without their start-up cost.

``elsend`` runs once per message, so import time is most of its run time.
A ``@dataclasses.dataclass`` writes its ``__init__``, ``__repr__`` and
``__eq__`` as source text and compiles them when the class is created: about
0.5 ms per class, and a plain send creates some thirty.  ``@record`` gives
the classes of the send path the same behaviour from a few shared functions,
so creating one costs microseconds.  Use it like ``dataclass``::

    @record(frozen=True)
    class Origin:
        kind: str
        file: str | None
        library: str | None = None          # a default
        notes: list[str] = field(default_factory=list)

What it provides, as ``dataclass`` does with its defaults: an ``__init__``
taking the fields in order (positionally or by name), ``__repr__``
(``Origin(kind='startup', ...)``), ``__eq__`` between instances of the same
class, and with ``frozen=True`` immutability
(:class:`dataclasses.FrozenInstanceError`) and a ``__hash__``; a class may
define any of these itself.  :func:`replace` is ``dataclasses.replace``,
:func:`fields` the field names, :func:`asdict` a shallow ``asdict``.
Not provided: ``order``, ``__post_init__``, ``InitVar``, inheritance of
fields, keyword-only fields.  Code off the start-up path keeps plain
dataclasses.

Type checkers see ``record`` as a dataclass transform (PEP 681), so they
check construction and frozen assignment as for a dataclass.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar, dataclass_transform

    _T = TypeVar("_T")
else:
    def dataclass_transform(**_kwargs):  # at run time the typing decorator is a no-op too
        return lambda decorated: decorated

__all__ = ["record", "field", "replace", "fields", "asdict"]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Field:
    """What :func:`field` returns: a default, or a factory, and the repr/compare flags."""

    __slots__ = ("default", "default_factory", "repr", "compare")

    def __init__(self, default: Any, default_factory: Any, repr: bool, compare: bool) -> None:
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare


def field(*, default: Any = MISSING, default_factory: Callable[[], Any] | Any = MISSING,
          repr: bool = True, compare: bool = True) -> Any:
    """``dataclasses.field`` for a record: a mutable default's factory, or a field left
    out of ``repr`` or of comparisons."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, repr, compare)


# -- the shared methods ------------------------------------------------------------------
# Each record class has __record_fields__ (names, in order), __record_defaults__
# (name -> value, or a Field for a factory), __record_repr__ and __record_compare__.

def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    # One dict update instead of a setattr per field: the evaluator makes thousands
    # of records (forms, origins), so this loop is hot (and frozen records' own
    # __setattr__ refuses; writing the instance dict is what a dataclass does too).
    cls = type(self)
    names = cls.__record_fields__
    if not kwargs and len(args) == len(names):   # every field given in order: the common call
        self.__dict__.update(zip(names, args))
        return
    if len(args) > len(names):
        raise TypeError(f"{cls.__name__}.__init__() takes {len(names) + 1} positional arguments "
                        f"but {len(args) + 1} were given")
    values = dict(zip(names, args))
    if len(args) < len(names):
        defaults = cls.__record_defaults__
        for name in names[len(args):]:
            if name in kwargs:
                values[name] = kwargs.pop(name)
            elif name in defaults:
                value = defaults[name]
                values[name] = value.default_factory() if type(value) is Field else value
            else:
                raise TypeError(f"{cls.__name__}.__init__() missing required argument: '{name}'")
    if kwargs:
        name = next(iter(kwargs))
        if name in names[:len(args)]:
            raise TypeError(f"{cls.__name__}.__init__() got multiple values for argument '{name}'")
        raise TypeError(f"{cls.__name__}.__init__() got an unexpected keyword argument '{name}'")
    self.__dict__.update(values)


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in type(self).__record_repr__)
    return f"{type(self).__qualname__}({shown})"


def _compared(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, name) for name in type(self).__record_compare__)


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        return _compared(self) == _compared(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(_compared(self))


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    import dataclasses  # only to raise the exception callers of a dataclass expect

    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    import dataclasses

    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


_SLOT = type(Field.default)    # what __slots__ puts in the class for each name


def _make_record(cls: Any, frozen: bool) -> Any:
    names: list[str] = []
    defaults: dict[str, Any] = {}
    hidden: set[str] = set()
    uncompared: set[str] = set()
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
            continue
        names.append(name)
        default = cls.__dict__.get(name, MISSING)
        if type(default) is _SLOT:
            default = MISSING               # a __slots__ entry, not a default
        if isinstance(default, Field):
            if not default.repr:
                hidden.add(name)
            if not default.compare:
                uncompared.add(name)
            if default.default_factory is not MISSING:
                defaults[name] = default       # called for each new instance
                delattr(cls, name)
            elif default.default is not MISSING:
                defaults[name] = default.default
                setattr(cls, name, default.default)
            else:
                delattr(cls, name)
        elif default is not MISSING:
            defaults[name] = default
    cls.__record_fields__ = tuple(names)
    cls.__record_defaults__ = defaults
    cls.__record_repr__ = tuple(n for n in names if n not in hidden)
    cls.__record_compare__ = tuple(n for n in names if n not in uncompared)
    own = cls.__dict__
    if "__init__" not in own:
        cls.__init__ = _init
    if "__repr__" not in own:
        cls.__repr__ = _repr
    if "__eq__" not in own:
        cls.__eq__ = _eq
        # As dataclass(eq=True): hashable by value when frozen, else unhashable.
        if "__hash__" not in own or own["__hash__"] is None:
            cls.__hash__ = _hash if frozen else None
    if frozen:
        cls.__setattr__ = _frozen_setattr
        cls.__delattr__ = _frozen_delattr
    return cls


@dataclass_transform(field_specifiers=(field,))
def record(cls: Any = None, /, *, frozen: bool = False) -> Any:
    """Make ``cls`` a record (see the module docstring); ``frozen=True`` for immutable ones."""
    if cls is None:
        return lambda decorated: _make_record(decorated, frozen)
    return _make_record(cls, frozen)


def fields(instance_or_class: Any) -> tuple[str, ...]:
    """The field names of a record class or instance, in order."""
    return instance_or_class.__record_fields__


def replace(instance: _T, /, **changes: Any) -> _T:
    """A new record like ``instance`` with ``changes`` (``dataclasses.replace``)."""
    cls: Any = type(instance)
    for name in cls.__record_fields__:
        if name not in changes:
            changes[name] = getattr(instance, name)
    return cls(**changes)


def asdict(instance: Any) -> dict[str, Any]:
    """Field name -> value (shallow: values are not copied, nested records not converted)."""
    return {name: getattr(instance, name) for name in type(instance).__record_fields__}
