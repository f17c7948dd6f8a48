"""The Emacs Lisp reader: source text to Lisp values, exactly as Emacs 28.2's ``read``.

Design, for speed and for safety on hostile input:

* One compiled master regular expression (:data:`TOKEN`) skips whitespace
  and comments and matches the next token in a single ``re`` call: atoms,
  plain strings and plain character literals are read entirely by it.
  Backslash escapes, ``#`` syntax and errors go to slow paths
  (:mod:`elconf.reader_escapes`, :mod:`elconf.reader_syntax`).
* Lists, vectors and quote forms are built with an explicit stack of
  frames (see :data:`KIND`), never by recursion: a million-deep nesting reads
  fine (or fails with a clean ``ReadError``), never with ``RecursionError``.
* Line and column are computed from offsets only where needed (the opening
  of a list, the start of a form, an error), counting newlines between
  successive offsets with ``str.count``.

Every cons cell the reader builds has ``pos = (line, column)`` (1-based) of
the opening parenthesis of its list, or of the quote character for ``'x``,
``#'x``, backquote and commas.

Errors carry Emacs's error symbol and message and the place where Emacs's
point is when it signals (for an unclosed list, the end of the text; the
message then also says where the list was opened).
"""

from __future__ import annotations

import gc
import os
import re
from bisect import bisect_right
from itertools import accumulate
from collections.abc import Iterator

from elconf.reader_escapes import ReaderSignal, char_code, invalid_syntax, end_of_file, read_char_literal, read_string
from elconf.reader_grammar import (ATOM, ATOM_CACHE, BACKQUOTE_T, CHAR, CLOSE, CLOSE_VEC, COMMA_T, COMMON_ESCAPE,
                                   DOT, EXTRA, FUNCTION_T, HASH, ITEMS, KIND, KIND_NAMES, LABEL, LIST, MAX_NESTING,
                                   NUMBER_START, OPEN, OPEN_VEC, POS, PROPSTRING, QUOTE_T, RECORD, RUN, SLOW_CHAR,
                                   SLOW_STRING, STATE, STRING, TOKEN, TOPLEVEL_SKIP, UNESCAPE, VECTOR, VECTOR_KINDS,
                                   WRAP, Frame, atom_value, common_escape, push_frame, too_deep)
from elconf.reader_numbers import parse_number
from elconf.records import record
from elconf.types import BACKQUOTE, COMMA, COMMA_AT, FUNCTION, NIL, QUOTE, Cons, intern, _obarray

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

# ---------------------------------------------------------------------------
# Public records.


@record
class Form:
    """A top-level form: its value and where it starts (1-based line/col, char offsets)."""

    value: Any
    line: int
    col: int
    offset: int
    end: int

    def __init__(self, value: Any, line: int, col: int, offset: int, end: int) -> None:
        # Spelled out: one per top-level form, faster than the generic record __init__.
        self.__dict__.update(value=value, line=line, col=col, offset=offset, end=end)


class ReadError(Exception):
    """A reader error at a place in a file, with Emacs's error symbol and message.

    ``message`` is what we print (Emacs's message, plus a hint for an unclosed
    form); ``emacs_message`` is exactly what Emacs's ``error-message-string``
    says (without the line/column Emacs appends).  ``line``/``col`` are where
    Emacs's point is (for an unclosed list, the end of the text); ``opened``
    is the (line, col) of the unclosed list's parenthesis, where the fix goes.
    """

    def __init__(self, message: str, *, filename: str | None, line: int, col: int,
                 error_symbol: str, emacs_message: str | None = None, offset: int = 0,
                 opened: tuple[int, int] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.filename = filename
        self.line = line
        self.col = col
        self.error_symbol = error_symbol
        self.emacs_message = emacs_message if emacs_message is not None else message
        self.offset = offset
        self.opened = opened

    def format(self) -> str:
        return f"{self.filename or '-'}:{self.line}:{self.col}: error: {self.message}"

    def to_diagnostic(self) -> Any:
        from elconf.diagnostics import Diagnostic

        return Diagnostic(self.filename, self.line, self.col, "error", self.message, rule="read-error")

    def __str__(self) -> str:
        return self.format()


# A token that opened a frame (or a #! line) and has no value of its own yet.
_NO_VALUE: Any = object()
_WRAPPERS = {QUOTE_T: QUOTE, FUNCTION_T: FUNCTION, BACKQUOTE_T: BACKQUOTE, COMMA_T: COMMA}


class _Lines:
    """Offset to (line, column), by bisection over the offsets where lines start."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        # All in C: the length of every line, plus its newline, accumulated.
        self.starts = [0, *accumulate(map((1).__add__, map(len, text.split("\n"))))]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


class Reader:
    """Reads forms from one text; holds the state ``read`` keeps between calls."""

    def __init__(self, text: str, filename: str | None = None) -> None:
        self.text = text
        self.filename = filename
        self.file_value: Any = os.path.abspath(filename) if filename else NIL
        self.lines = _Lines(text)
        self.labels: dict[int, Any] = {}
        self.start_position = (1, 1)     # (line, col) of the last form read
        self.nested = False              # True for a reader reading inside another's form

    # -- errors -------------------------------------------------------------

    def error(self, signal: ReaderSignal, stack: list[Frame] | None = None) -> ReadError:
        line, col = self.lines.at(signal.offset)
        message = signal.emacs_message
        detail = signal.detail
        opened = getattr(signal, "opened", None)    # an unclosed string says where it opens
        if signal.error_symbol == "end-of-file" and stack is not None:
            if detail == "string":
                detail = ""
            for frame in reversed(stack):
                where = "%d:%d" % frame[POS]
                if frame[KIND] == WRAP:
                    continue
                detail = f"the {KIND_NAMES[frame[KIND]]} opened at {where} is not closed"
                opened = frame[POS]
                break
        if detail:
            message = f"{message} ({detail})"
        return ReadError(message, filename=self.filename, line=line, col=col,
                         error_symbol=signal.error_symbol, emacs_message=signal.emacs_message,
                         offset=signal.offset, opened=opened)

    # -- the main loop ------------------------------------------------------

    def read(self, pos: int) -> tuple[Any, int, int]:
        """Read one form starting at ``pos``: (value, start offset, end offset)."""
        if not self.nested:
            self.labels = {}
        stack: list[Frame] = []
        # The reader makes many objects and no garbage cycles: the cyclic
        # collector would only rescan them (about 20% of the time).
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._read(pos, stack)
        except ReaderSignal as signal:
            raise self.error(signal, stack) from None
        finally:
            if collecting:
                gc.enable()

    def _read(self, pos: int, stack: list[Frame]) -> tuple[Any, int, int]:
        # The hot loop: kept flat and local-variable heavy on purpose.  ``items``
        # is the element list of the innermost frame when that frame is a list
        # still reading elements (the common case), else None.
        text = self.text
        match = TOKEN.match
        lines_at = self.lines.at
        line_starts = self.lines.starts
        obarray_get = _obarray.get
        cache_get = ATOM_CACHE.get
        start = pos
        items: list[Any] | None = None
        new_object = object.__new__
        value: Any
        m: Any
        kind: Any
        frame: list[Any]
        while True:
            m = match(text, pos)
            kind = m.lastindex
            pos = m.end()
            if not stack:
                start = m.start(kind)
                self.start_position = lines_at(start)
            if kind == OPEN:
                tok = m.group(kind)
                offset = pos - len(tok)
                line = bisect_right(line_starts, offset)
                if len(tok) > 1:            # "(setq a b": the atoms are the first elements
                    atoms = tok[1:].split()
                    items = list(map(cache_get, atoms))
                    if None in items:
                        items = [atom_value(a) if v is None else v for v, a in zip(items, atoms)]
                else:
                    items = []
                if len(stack) >= MAX_NESTING:
                    raise too_deep(offset)
                stack.append([LIST, items, (line, offset - line_starts[line - 1] + 1), offset, 0, None])
                continue
            if kind == CLOSE:
                # A run of ")": close lists one after the other while each goes
                # into a plain list; anything else takes the general route below,
                # and the rest of the run is matched again afterwards.
                closes = pos - m.start(kind)
                pos -= closes - 1
                emitted = False
                while True:
                    if items is not None:
                        frame = stack.pop()
                        value = NIL
                        where = frame[POS]
                        for item in reversed(items):
                            # Cons(item, value, where) without the Python-level
                            # __init__ call: half the cost on the hottest line.
                            cell = new_object(Cons)
                            cell.car = item
                            cell.cdr = value
                            cell.pos = where
                            value = cell
                    else:
                        value = self._close_paren(stack, pos)
                    if not stack:
                        return value, start, pos
                    parent = stack[-1]
                    if parent[KIND] != LIST or parent[STATE]:
                        items = None
                        break
                    items = parent[ITEMS]
                    items.append(value)
                    closes -= 1
                    if not closes:
                        emitted = True
                        break
                    pos += 1
                if emitted:
                    continue
            elif kind == RUN:
                tok = m.group(kind)
                if items is not None:
                    atoms = tok.split()
                    values = list(map(cache_get, atoms))
                    if None in values:
                        values = [atom_value(a) if v is None else v for v, a in zip(values, atoms)]
                    items.extend(values)
                    continue
                first = tok.split(None, 1)[0]
                pos = m.start(kind) + len(first)
                value = cache_get(first)
                if value is None:
                    value = atom_value(first)
            elif kind == ATOM:
                tok = m.group(kind)
                if text.startswith("\\", pos):     # a backslash at the very end escapes nothing
                    raise end_of_file(len(text))
                if tok[0] in NUMBER_START:
                    if "\\" in tok:
                        value = intern(UNESCAPE.sub(r"\1", tok))
                    else:
                        value = parse_number(tok)
                        if value is None:
                            value = intern(tok)
                elif "\\" in tok:
                    value = intern(UNESCAPE.sub(r"\1", tok))
                else:
                    value = obarray_get(tok) or intern(tok)
                if items is not None:
                    items.append(value)
                    continue
            elif kind == QUOTE_T or kind == FUNCTION_T:
                offset = m.start(kind)
                line = bisect_right(line_starts, offset)
                where = (line, offset - line_starts[line - 1] + 1)
                if len(stack) >= MAX_NESTING:
                    raise too_deep(offset)
                stack.append([WRAP, [], where, offset, 0, QUOTE if kind == QUOTE_T else FUNCTION])
                items = None
                continue
            elif kind == STRING:
                value = m.group(kind)[1:-1]
                if "\\" in value:                 # only \\ \" \n \t: the rest go the slow way
                    value = COMMON_ESCAPE.sub(common_escape, value)
                if items is not None:
                    items.append(value)
                    continue
            else:
                value, pos = self._other_token(m, kind, pos, stack)
                if value is _NO_VALUE:
                    top = stack[-1] if stack else None
                    items = top[ITEMS] if top is not None and top[KIND] == LIST and top[STATE] == 0 else None
                    continue
            # A value is complete: give it to the innermost open frame.
            while True:
                if not stack:
                    return value, start, pos
                frame = stack[-1]
                fkind = frame[KIND]
                if fkind == LIST and frame[STATE] == 0:
                    items = frame[ITEMS]
                    items.append(value)
                    break
                items = None
                if fkind == WRAP:
                    stack.pop()
                    value = Cons(frame[EXTRA], Cons(value, NIL, frame[POS]), frame[POS])
                    continue
                if fkind == LABEL:
                    stack.pop()
                    from elconf.reader_syntax import finish_label

                    value = finish_label(self, frame, value)
                    continue
                if fkind == LIST or fkind == RECORD:
                    if frame[STATE] == 0:
                        frame[ITEMS].append(value)
                    elif frame[STATE] == 1:
                        frame[EXTRA] = value
                        frame[STATE] = 2
                    else:
                        raise invalid_syntax(". in wrong context", pos)
                    break
                if fkind == PROPSTRING:
                    from elconf.reader_syntax import add_string_property_item

                    add_string_property_item(frame, value, pos)
                    break
                frame[ITEMS].append(value)   # vectors and friends
                break

    def _other_token(self, m: re.Match[str], kind: int, pos: int, stack: list[Frame]) -> tuple[Any, int]:
        """Tokens off the hot path: (value, end), or (_NO_VALUE, end) when a frame was pushed."""
        text = self.text
        tok_start = m.start(kind)
        lines_at = self.lines.at
        wrapper = _WRAPPERS.get(kind)
        if wrapper is not None:
            if kind == COMMA_T and pos - tok_start == 2:
                wrapper = COMMA_AT
            push_frame(stack, WRAP, lines_at(tok_start), tok_start, wrapper)
            return _NO_VALUE, pos
        if kind == OPEN_VEC:
            push_frame(stack, VECTOR, lines_at(tok_start), tok_start)
            return _NO_VALUE, pos
        if kind == CLOSE_VEC:
            return self._close_bracket(stack, pos), pos
        if kind == CHAR:
            code = char_code(text[tok_start + 1])
            return (code - 0x3FFF00 if code >= 0x3FFF80 else code), pos
        if kind == DOT:
            self._dot(stack, pos)
            return _NO_VALUE, pos
        if kind == SLOW_STRING:
            try:
                return read_string(text, pos)
            except ReaderSignal as signal:
                if signal.error_symbol == "end-of-file" and signal.detail == "string":
                    signal.opened = lines_at(tok_start)      # type: ignore[attr-defined]
                    signal.detail = "the string opened at %d:%d is not closed" % signal.opened  # type: ignore[attr-defined]
                    stack.clear()
                raise
        if kind == SLOW_CHAR:
            return read_char_literal(text, pos)
        if kind == HASH:
            from elconf.reader_syntax import read_hash

            action, value, pos = read_hash(self, stack, tok_start, pos)
            return (value if action == "value" else _NO_VALUE), pos
        raise end_of_file(len(text))      # end of text, or a backslash at the end of it

    # -- closers ------------------------------------------------------------

    def _close_paren(self, stack: list[Frame], pos: int) -> Any:
        if not stack:
            raise invalid_syntax(")", pos)
        frame = stack[-1]
        kind = frame[KIND]
        if kind == LIST or kind == RECORD:
            if frame[STATE] == 1:
                raise invalid_syntax(")", pos)
            stack.pop()
            items = frame[ITEMS]
            tail = frame[EXTRA] if frame[STATE] == 2 else NIL
            if kind == RECORD:
                from elconf.reader_syntax import make_record_or_hash

                return make_record_or_hash(items, tail, pos)
            where = frame[POS]
            for item in reversed(items):
                tail = Cons(item, tail, where)
            return tail
        if kind in VECTOR_KINDS:
            raise invalid_syntax(") or . in a vector", pos)
        if kind == PROPSTRING:
            from elconf.reader_syntax import close_propertized_string

            stack.pop()
            return close_propertized_string(frame, pos)
        raise invalid_syntax(")", pos)

    def _close_bracket(self, stack: list[Frame], pos: int) -> Any:
        if not stack:
            raise invalid_syntax("]", pos)
        frame = stack[-1]
        kind = frame[KIND]
        if kind in VECTOR_KINDS:
            stack.pop()
            from elconf.reader_syntax import make_vector_like

            return make_vector_like(frame, pos)
        if kind == LIST or kind == RECORD:
            if frame[STATE] == 1:
                raise invalid_syntax("]", pos)
            if frame[STATE] == 2:
                raise invalid_syntax(". in wrong context", pos)
            raise invalid_syntax("] in a list", pos)
        if kind == PROPSTRING:
            raise invalid_syntax("#" if not frame[ITEMS] else "Invalid string property list", pos)
        raise invalid_syntax("]", pos)

    def _dot(self, stack: list[Frame], pos: int) -> None:
        if not stack:
            raise invalid_syntax(".", pos)
        frame = stack[-1]
        kind = frame[KIND]
        if kind == LIST or kind == RECORD:
            if frame[STATE] == 0:
                frame[STATE] = 1
                return
            if frame[STATE] == 1:
                raise invalid_syntax(".", pos)
            raise invalid_syntax(". in wrong context", pos)
        if kind in VECTOR_KINDS:
            raise invalid_syntax(") or . in a vector", pos)
        if kind == PROPSTRING:
            raise invalid_syntax("#" if not frame[ITEMS] else "Invalid string property list", pos)
        raise invalid_syntax(".", pos)


# ---------------------------------------------------------------------------
# Entry points.


def read_forms(text: str, filename: str | None = None) -> Iterator[Form]:
    """The top-level forms of ``text`` in order, as ``load`` reads them.

    Between forms only what ``load`` skips (space, tab, newline, form feed,
    CR, NBSP, comments) is skipped before handing over to ``read``: a file
    that ends in another control character ends in an end-of-file error, as
    in Emacs.  Raises :class:`ReadError` at the first error, after yielding
    the forms before it.
    """
    from elconf.reader_fast import read_all

    return read_all(Reader(text, filename))


def read_forms_general(text: str, filename: str | None = None) -> Iterator[Form]:
    """:func:`read_forms` by the general reader alone, one ``read`` per form (no fast
    path): the reference the fast path is tested against."""
    reader = Reader(text, filename)
    skip = TOPLEVEL_SKIP.match
    n = len(text)
    pos = 0
    while True:
        pos = skip(text, pos).end()  # type: ignore[union-attr]
        if pos >= n:
            return
        value, start, end = reader.read(pos)
        line, col = reader.start_position
        yield Form(value, line, col, start, end)
        pos = end


def read_from_string(text: str, start: int = 0) -> tuple[Any, int]:
    """Emacs's ``read-from-string``: the first form at or after ``start`` and the index after it."""
    value, _start, end = Reader(text).read(start)
    return value, end


def read_one(text: str) -> Any:
    """The first form of ``text`` (``read`` on a string)."""
    return read_from_string(text)[0]


def read_file(path: str | os.PathLike[str]) -> list[Form]:
    """All top-level forms of a file, decoded as ``load`` decodes it."""
    from elconf.source import load_source

    text = load_source(path)
    collecting = gc.isenabled()
    gc.disable()          # see Reader.read; here for the whole file, whose forms all stay alive
    try:
        return list(read_forms(text, filename=str(path)))
    finally:
        if collecting:
            gc.enable()


__all__ = ["Form", "ReadError", "read_forms", "read_from_string", "read_one", "read_file", "Reader"]
