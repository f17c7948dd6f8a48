"""Argument checks shared by the builtin modules (Emacs's CHECK_* macros)."""

from __future__ import annotations

from elconf.errors import wrong_type
from elconf.types import NIL, Cons, Symbol

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


def check_list(value: Any) -> Any:
    if value is not NIL and type(value) is not Cons:
        raise wrong_type("listp", value)
    return value


def check_string(value: Any) -> str:
    if not isinstance(value, str):
        raise wrong_type("stringp", value)
    return value


def check_symbol(value: Any) -> Symbol:
    if type(value) is not Symbol:
        raise wrong_type("symbolp", value)
    return value


def check_int(value: Any) -> int:
    if type(value) is not int:
        raise wrong_type("integerp", value)
    return value


#: Emacs's largest character (MAX_CHAR); those above Unicode's range are raw bytes and
#: the like, which a Python string cannot hold: they become U+FFFD, as in the reader.
MAX_CHAR = 0x3FFFFF


def check_char(value: Any) -> str:
    """``CHECK_CHARACTER``: an integer from 0 to MAX_CHAR, as a one-character string."""
    if type(value) is not int or not 0 <= value <= MAX_CHAR:
        raise wrong_type("characterp", value)
    return chr(value) if value <= 0x10FFFF else "\ufffd"


def check_number(value: Any) -> int | float:
    if type(value) not in (int, float):
        raise wrong_type("number-or-marker-p", value)
    return value


def elements(value: Any) -> list[Any]:
    """The elements of a list, vector or string (Emacs sequences)."""
    if value is NIL:
        return []
    if type(value) is Cons:
        out = []
        cell = value
        while type(cell) is Cons:
            out.append(cell.car)
            cell = cell.cdr
        if cell is not NIL:
            raise wrong_type("listp", value)
        return out
    if isinstance(value, str):
        return [ord(c) for c in value]
    if isinstance(value, list):
        return list(value)
    raise wrong_type("sequencep", value)
