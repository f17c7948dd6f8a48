"""Emacs's three equality predicates over the value model: ``eq``, ``eql`` and ``equal``."""

from __future__ import annotations

import math

from elconf.functions import Closure, Macro
from elconf.types import BoolVector, Cons, LispString, Symbol, Vector, Record, ByteCode, CharTable, SubCharTable

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


def lisp_eq(a: Any, b: Any) -> bool:
    """``eq``: identity, except that integers (fixnums) and characters compare by value.

    Python ``str`` objects have no dependable identity, so two strings are
    ``eq`` only when they are the same object, which matches Emacs for the
    common case of one string bound to two names.
    """
    if a is b:
        return True
    if type(a) is int and type(b) is int:
        return a == b
    return False


def lisp_eql(a: Any, b: Any) -> bool:
    """``eql``: ``eq``, plus numbers of the same type and value (floats by bits)."""
    if lisp_eq(a, b):
        return True
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) and math.isnan(b):
            return math.copysign(1, a) == math.copysign(1, b)
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if type(a) is int and type(b) is int:
        return a == b
    return False


_SEQUENCE_TYPES = (Vector, Record, ByteCode, CharTable, SubCharTable)
_FUNCTIONS = frozenset((Closure, Macro))


def lisp_equal(a: Any, b: Any) -> bool:
    """``equal``: structural equality of conses, strings (ignoring properties), vectors."""
    while True:
        if lisp_eql(a, b):
            return True
        if isinstance(a, str) and isinstance(b, str):
            if isinstance(a, Symbol) or isinstance(b, Symbol):
                return False
            return str.__eq__(a, b)
        if isinstance(a, Cons) and isinstance(b, Cons):
            if not lisp_equal(a.car, b.car):
                return False
            a, b = a.cdr, b.cdr  # iterate on the cdr to survive long lists
            continue
        if isinstance(a, _SEQUENCE_TYPES) and type(a) is type(b):
            return len(a) == len(b) and all(lisp_equal(x, y) for x, y in zip(a, b))
        if isinstance(a, BoolVector) and isinstance(b, BoolVector):
            return a == b
        if type(a) is Closure and type(b) is Closure:
            # Part by part, so that two different functions (the common case:
            # add-hook's member test along a hook) differ without building
            # either list; the environments' lists are made only when the rest
            # is equal.
            if (a.env is None) is not (b.env is None) or not lisp_equal(a.params, b.params) \
                    or not lisp_equal(a.printed_body, b.printed_body):
                return False
            if a.env is None:
                return True
            a, b = a.lisp_form().cdr.car, b.lisp_form().cdr.car
            continue
        if type(a) in _FUNCTIONS or type(b) in _FUNCTIONS:
            # A function value (elconf.functions.Closure) is a list in Emacs 28:
            # (lambda ARGS . BODY), or (closure ENV ARGS . BODY) under lexical binding.
            a = a.lisp_form() if type(a) in _FUNCTIONS else a
            b = b.lisp_form() if type(b) in _FUNCTIONS else b
            if type(a) is not Cons or type(b) is not Cons:
                return False
            continue
        return False


def equal_by_test(test: Symbol, a: Any, b: Any) -> bool:
    """Compare with a hash table's test: ``eq``, ``eql`` (default) or ``equal``."""
    if test.name == "eq":
        return lisp_eq(a, b)
    if test.name == "equal":
        return lisp_equal(a, b)
    return lisp_eql(a, b)


__all__ = ["lisp_eq", "lisp_eql", "lisp_equal", "equal_by_test", "LispString"]
