"""Where a finding about a variable goes: the variable's own symbol.

The evaluator records an assignment at the form that made it (the ``setq``,
the ``custom-set-variables`` entry, the ``use-package :custom`` entry), and
the reader keeps positions for lists only: an atom has no place.  That is the
right trade for the reader, which is hot code read by every command, and the
wrong one for a finding, whose fix goes at the variable: in a ``setq`` of
five pairs on five lines the fourth pair is on the fourth line.

So the place of the symbol is found lazily, only when a finding needs it: the
form is read again from its known start, one element at a time, with the
offsets the reader returns for each (:func:`list_elements`), and the symbol
is looked up where that kind of form keeps its variables
(:func:`variable_offsets`).  A form we do not know how to search, or text
that changed since, leaves the place where the evaluator recorded it.
"""

from __future__ import annotations

import re
from typing import Any

from elconf.types import Symbol

#: Forms of (HEAD VAR VALUE VAR VALUE ...): the variables are every other element.
PAIR_FORMS = frozenset({
    "setq", "setq-default", "setq-local", "setopt", "psetq", "cl-psetq", "setf", "setq!",
    "csetq", "general-setq"})

#: Forms of (HEAD 'ENTRY 'ENTRY ...), each ENTRY (VAR VALUE ...).
ENTRY_FORMS = frozenset({"custom-set-variables", "custom-theme-set-variables"})

#: Calls (HEAD 'VAR ...) that set or extend one variable named by a quoted symbol.
QUOTED_SETTERS = frozenset({
    "set", "set-default", "customize-set-variable", "custom-set-default", "add-to-list",
    "add-hook", "remove-hook", "setq-local", "set-variable", "customize-set-value"})

#: Forms that name variables in an alist of their own: a mail client's account
#: (``:vars '((VAR . VALUE) ...)``); the variable is found wherever it is in them.
ALIST_FORMS = frozenset({"make-mu4e-context", "set-email-account!"})

#: use-package and its cousins, whose :custom section holds (VAR VALUE [DOC]) entries.
USE_PACKAGE_FORMS = frozenset({"use-package", "use-package!", "leaf"})

#: What the reader skips between elements (its whitespace set, and comments).
_SKIP = re.compile(r"(?:[\x00-\x20\xa0]+|;[^\n]*)*")

#: A dot that makes a dotted pair (followed by what ends an atom).
_DOTTED = re.compile(r"\.(?=[\x00-\x20\"';(\[#?`,]|\Z)")

#: Quote characters that may stand before a list whose place was recorded.
_QUOTES = ("'", "`", "#'")


#: Stop after this many elements: a finding never needs to look further.
_MAX_ELEMENTS = 10_000


def list_elements(text: str, offset: int) -> list[tuple[Any, int]]:
    """(value, start offset) of each element of the list that opens at ``offset``.

    ``offset`` may point at a quote before the parenthesis.  Reading stops at
    the closing parenthesis, a dotted tail, or anything unreadable (then the
    elements read so far are returned): the caller only looks for a place.
    """
    from elconf.reader import Reader, ReadError

    for quote in _QUOTES:
        if text.startswith(quote, offset):
            offset = _SKIP.match(text, offset + len(quote)).end()  # type: ignore[union-attr]
            break
    if not text.startswith("(", offset):
        return []
    reader = Reader(text)
    found: list[tuple[Any, int]] = []
    pos = offset + 1
    while len(found) < _MAX_ELEMENTS:
        pos = _SKIP.match(text, pos).end()  # type: ignore[union-attr]
        if pos >= len(text) or text[pos] == ")" or _DOTTED.match(text, pos):
            break
        try:
            value, start, pos = reader.read(pos)
        except ReadError:
            break
        found.append((value, start))
    return found


def _is(value: Any, name: str) -> bool:
    return isinstance(value, Symbol) and value.name == name


def _head(elements: list[tuple[Any, int]]) -> str | None:
    return elements[0][0].name if elements and isinstance(elements[0][0], Symbol) else None


def variable_offsets(text: str, offset: int, name: str) -> list[int]:
    """Offsets of the symbol ``name`` where the form at ``offset`` assigns it, in text order.

    Knows the assigning shapes of init files: ``(setq VAR VALUE ...)`` and its
    cousins, a ``custom-set-variables`` entry ``(VAR VALUE ...)`` or the whole
    call, and ``use-package``'s ``:custom`` entries.  Empty when the form is
    none of these, or does not name ``name`` where a variable goes.
    """
    elements = list_elements(text, offset)
    head = _head(elements)
    if head is None:
        return []
    if head == name:                                # an entry: (VAR VALUE [NOW [REQUESTS [DOC]]])
        return [elements[0][1]]
    if head == "quote":                             # the (quote VAR) argument of a setter
        return [start for value, start in elements[1:2] if _is(value, name)]
    if head in PAIR_FORMS:
        return [start for value, start in elements[1::2] if _is(value, name)]
    if head in ENTRY_FORMS:
        return [start for _value, entry in elements[1:]
                for start in _entry_offset(text, entry, name)]
    if head in USE_PACKAGE_FORMS:
        return _custom_offsets(text, elements, name)
    if head in QUOTED_SETTERS and len(elements) > 1:
        return _quoted_symbol(text, elements[1], name)
    if head in ALIST_FORMS:
        return _symbol_anywhere(text, elements[1:], name)
    return []


def _symbol_anywhere(text: str, elements: list[tuple[Any, int]], name: str) -> list[int]:
    """Offsets of the symbol ``name`` among ``elements`` and inside the lists they are
    (quoted or backquoted too), in text order."""
    found: list[int] = []
    todo = list(reversed(elements))
    budget = _MAX_ELEMENTS
    while todo and budget > 0:
        value, start = todo.pop()
        budget -= 1
        if _is(value, name):
            found.append(start)
        elif text.startswith(("(", "'(", "`("), start):
            todo.extend(reversed(list_elements(text, start)))
    return found


def _quoted_symbol(text: str, element: tuple[Any, int], name: str) -> list[int]:
    """The offset of ``name`` in an argument written ``'NAME`` or ``(quote NAME)``."""
    value, start = element
    from elconf.types import QUOTE, Cons

    if not (isinstance(value, Cons) and value.car is QUOTE and isinstance(value.cdr, Cons)
            and _is(value.cdr.car, name)):
        return []
    if text.startswith("'", start):
        return [_SKIP.match(text, start + 1).end()]  # type: ignore[union-attr]
    inner = list_elements(text, start)
    return [inner[1][1]] if len(inner) > 1 else []


def _entry_offset(text: str, offset: int, name: str) -> list[int]:
    """The offset of ``name`` heading the entry at ``offset`` (quoted or not)."""
    inner = list_elements(text, offset)
    return [inner[0][1]] if inner and _is(inner[0][0], name) else []


def _custom_offsets(text: str, elements: list[tuple[Any, int]], name: str) -> list[int]:
    """``name`` in the entries of a use-package ``:custom`` section.

    The section runs from ``:custom`` to the next keyword; its entries are
    ``(VAR VALUE [DOC])``, or one list of such entries (``:custom ((a 1) (b 2))``).
    """
    found: list[int] = []
    in_custom = False
    for value, start in elements[1:]:
        if isinstance(value, Symbol) and value.name.startswith(":"):
            in_custom = value.name == ":custom"
            continue
        if not in_custom:
            continue
        inner = list_elements(text, start)
        if inner and _is(inner[0][0], name):
            found.append(inner[0][1])
        elif inner and not isinstance(inner[0][0], Symbol):
            for _item, entry in inner:
                found.extend(_entry_offset(text, entry, name))
    return found
