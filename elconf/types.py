"""The Emacs Lisp value model shared by the reader, printer and evaluator.

Mapping from Lisp to Python:

=================  ==========================================================
Lisp               Python
=================  ==========================================================
integer, char      ``int`` (characters are integers, as in Emacs; a raw byte
                   read as a character is ``0x3FFF00 + byte``)
float              ``float``
string             ``str``; a string with text properties or the unibyte flag
                   is a :class:`LispString` (a ``str`` subclass).  Raw bytes
                   inside a string are the lone surrogates U+DC80..U+DCFF
                   (Python's ``surrogateescape`` convention).
symbol             :class:`Symbol`; interned ones come from :func:`intern`, so
                   ``is`` is ``eq``.  ``nil`` is :data:`NIL`, also the empty
                   list; ``t`` is :data:`T`.
cons               :class:`Cons` (mutable ``car``/``cdr``, optional ``pos``)
vector             :class:`Vector` (a ``list`` subclass)
record             :class:`Record` (``#s(TYPE SLOTS...)``)
byte-code          :class:`ByteCode` (``#[...]``)
char-table         :class:`CharTable` (``#^[...]``)
sub-char-table     :class:`SubCharTable` (``#^^[...]``)
bool-vector        :class:`BoolVector`
hash table         :class:`HashTable`
=================  ==========================================================

``pos`` on a :class:`Cons` is ``(line, column)`` of the opening parenthesis
(or quote character) in the source file, both 1-based; forms built at run time
have ``None``.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:  # collections too: a send through a kept plan does not need it
    from collections.abc import Iterable, Iterator
    from typing import Any, Union

Position = tuple[int, int]


class Symbol:
    """A Lisp symbol.  Interned symbols are unique per name (see :func:`intern`)."""

    __slots__ = ("name", "interned")

    def __init__(self, name: str, interned: bool = False) -> None:
        self.name = name
        self.interned = interned

    def __repr__(self) -> str:
        return f"Symbol({self.name!r})" if self.interned else f"Symbol({self.name!r}, uninterned)"

    @property
    def is_keyword(self) -> bool:
        return self.interned and self.name.startswith(":")

    def __reduce__(self) -> Any:
        # Unpickled interned symbols are interned again, so ``is`` stays ``eq``
        # (the evaluated-state cache, elconf.cache, pickles whole interpreters).
        return (intern, (self.name,)) if self.interned else (Symbol, (self.name, False))


_obarray: dict[str, Symbol] = {}


def intern(name: str) -> Symbol:
    """Return the interned symbol called ``name``, creating it on first use."""
    sym = _obarray.get(name)
    if sym is None:
        sym = _obarray[name] = Symbol(name, interned=True)
    return sym


def intern_soft(name: str) -> Symbol | None:
    return _obarray.get(name)


class _Unbound:
    """The value of a void variable (never a Lisp value itself)."""

    _instance: "_Unbound | None" = None

    def __new__(cls) -> "_Unbound":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNBOUND"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "UNBOUND"   # the module's one instance, after unpickling too


UNBOUND: Any = _Unbound()

NIL = intern("nil")
T = intern("t")
QUOTE = intern("quote")
FUNCTION = intern("function")
BACKQUOTE = intern("`")
COMMA = intern(",")
COMMA_AT = intern(",@")


class Cons:
    """A cons cell.  ``pos`` is the (line, column) where the reader found it."""

    __slots__ = ("car", "cdr", "pos")

    def __init__(self, car: Any, cdr: Any = NIL, pos: Position | None = None) -> None:
        self.car = car
        self.cdr = cdr
        self.pos = pos

    def __reduce__(self) -> Any:
        # A constructor call unpickles faster than the generic slots state.
        return (Cons, (self.car, self.cdr, self.pos))

    def __iter__(self) -> Iterator[Any]:
        """Iterate over the elements of a list; a dotted tail is not yielded."""
        cell: Any = self
        while isinstance(cell, Cons):
            yield cell.car
            cell = cell.cdr

    def __repr__(self) -> str:
        from elconf.printer import prin1_to_string  # lazy: printer imports types

        return f"<Cons {prin1_to_string(self)}>"


class LispString(str):
    """A string that carries text properties or is unibyte.

    ``props`` is a list of ``(start, end, plist)`` triples as in
    ``#("text" START END PLIST ...)``.
    """

    props: list[tuple[int, int, Any]]
    unibyte: bool

    def __new__(cls, text: str, props: list[tuple[int, int, Any]] | None = None,
                unibyte: bool = False) -> "LispString":
        obj = super().__new__(cls, text)
        obj.props = props or []
        obj.unibyte = unibyte
        return obj


class Vector(list):
    """A Lisp vector ``[a b c]``."""

    __slots__ = ()


class Record(list):
    """A record ``#s(TYPE SLOT...)``; element 0 is the type."""

    __slots__ = ()


class ByteCode(list):
    """A byte-code function object ``#[ARGS CODE CONSTANTS DEPTH ...]``."""

    __slots__ = ()


class CharTable(list):
    """A char-table as printed ``#^[...]``."""

    __slots__ = ()


class SubCharTable(list):
    """A sub-char-table as printed ``#^^[...]``."""

    __slots__ = ()


class BoolVector:
    """A bool-vector ``#&LENGTH"BITS"``: ``bits`` holds the raw bytes."""

    __slots__ = ("length", "bits")

    def __init__(self, length: int, bits: bytes) -> None:
        self.length = length
        self.bits = bits

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BoolVector) and (self.length, self.bits) == (other.length, other.bits)

    def __hash__(self) -> int:
        return hash((self.length, self.bits))

    def __repr__(self) -> str:
        return f"BoolVector({self.length}, {self.bits!r})"


class HashTable:
    """A hash table.  ``params`` keeps the read parameters (size, test,
    rehash-size, ...) as a plist-like list of (keyword-name, value); entries
    keep insertion order, as Emacs prints them."""

    __slots__ = ("test", "entries", "params")

    def __init__(self, test: Symbol | None = None) -> None:
        self.test = test or intern("eql")
        self.entries: list[list[Any]] = []  # [key, value] pairs in insertion order
        self.params: list[tuple[str, Any]] = []

    def get(self, key: Any, default: Any = None) -> Any:
        from elconf.equality import equal_by_test

        for k, v in self.entries:
            if equal_by_test(self.test, k, key):
                return v
        return default

    def put(self, key: Any, value: Any) -> None:
        from elconf.equality import equal_by_test

        for pair in self.entries:
            if equal_by_test(self.test, pair[0], key):
                pair[1] = value
                return
        self.entries.append([key, value])

    def remove(self, key: Any) -> None:
        from elconf.equality import equal_by_test

        self.entries = [p for p in self.entries if not equal_by_test(self.test, p[0], key)]


if TYPE_CHECKING:
    LispValue = Union[int, float, str, Symbol, Cons, Vector, Record, ByteCode, CharTable,
                      SubCharTable, BoolVector, HashTable, Any]


# ---------------------------------------------------------------------------
# List helpers used everywhere.

def lisp_list(items: Iterable[Any], tail: Any = NIL) -> Any:
    """Build a Lisp list from a Python iterable (optionally dotted with ``tail``)."""
    seq = list(items)
    result: Any = tail
    for item in reversed(seq):
        result = Cons(item, result)
    return result


def is_list(value: Any) -> bool:
    """True for nil or a cons (Emacs's ``listp``)."""
    return value is NIL or isinstance(value, Cons)


def is_proper_list(value: Any) -> bool:
    """True when ``value`` is nil or a finite, nil-terminated chain of conses."""
    slow = fast = value
    while True:
        if fast is NIL:
            return True
        if not isinstance(fast, Cons):
            return False
        fast = fast.cdr
        if fast is NIL:
            return True
        if not isinstance(fast, Cons):
            return False
        fast = fast.cdr
        slow = slow.cdr
        if fast is slow:
            return False


def to_python_list(value: Any) -> list[Any]:
    """Elements of a proper list as a Python list (nil gives ``[]``)."""
    if value is NIL:
        return []
    if not isinstance(value, Cons):
        raise TypeError(f"not a list: {value!r}")
    return list(value)


def truthy(value: Any) -> bool:
    """Lisp truth: everything but nil is true."""
    return value is not NIL


def lisp_bool(flag: bool) -> Symbol:
    return T if flag else NIL


def symbol_name(value: Any) -> str | None:
    """The name of a symbol, or None for anything else."""
    return value.name if isinstance(value, Symbol) else None
