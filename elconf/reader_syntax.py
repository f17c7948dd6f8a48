"""The ``#`` syntaxes of Emacs 28.2's reader, and the objects they build.

``#'x`` is read by the master expression (:mod:`elconf.reader_grammar`); every other
``#`` form comes here: ``#s(...)`` records and hash tables, ``#("text" START
END PLIST...)`` propertized strings, ``#&N"bits"`` bool-vectors, ``#[...]``
byte-code, ``#^[...]`` char-tables, ``#N=`` / ``#N#`` shared structure,
``#xFF`` / ``#o17`` / ``#b101`` / ``#24r1k`` integers, ``#:sym``, ``#_sym``,
``##``, ``#$``, ``#@N`` and ``#!`` lines.  Errors name the same symbol and
message, at the same place, as Emacs's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from elconf.reader_grammar import (BYTECODE, CHARTABLE, CLOSE, CLOSE_VEC, DOT, EOF, EXTRA, ITEMS, KIND, LABEL,
                                   PROPSTRING, RECORD, RUN, SUBCHARTABLE, SYMBOL_BODY, TOKEN, Frame, push_frame)
from elconf.reader_escapes import ReaderSignal, end_of_file, invalid_syntax, plain_error, read_string
from elconf.reader_numbers import read_radix_integer
from elconf.types import (NIL, T, BoolVector, ByteCode, CharTable, Cons, HashTable, LispString, Record,
                          SubCharTable, Symbol, Vector, intern)

if TYPE_CHECKING:
    from elconf.reader import Reader

_DIGITS = re.compile(r"[0-9]*")
_LINE_REST = re.compile(r"[^\n]*\n?")
_MOST_POSITIVE_FIXNUM = (1 << 61) - 1
_CHAR_TABLE_STANDARD_SLOTS = 68
_SUB_CHAR_TABLE_SIZES = {1: 16, 2: 32, 3: 128}


def read_hash(reader: "Reader", stack: list[Frame], hash_offset: int, pos: int) -> tuple[str, Any, int]:
    """Dispatch on the character after ``#`` (``pos`` is just after the ``#``).

    Returns ``("value", value, end)``, ``("push", None, end)`` after pushing a
    frame, or ``("skip", None, end)`` for a ``#!`` line.
    """
    text = reader.text
    n = len(text)
    if pos >= n:
        raise invalid_syntax("#", pos)
    c = text[pos]
    where = reader.lines.at(hash_offset)

    def push(kind: int, after: int, extra: Any = None) -> tuple[str, Any, int]:
        push_frame(stack, kind, where, hash_offset, extra)
        return "push", None, after

    if c == "(":
        return push(PROPSTRING, pos + 1)
    if c == "[":
        return push(BYTECODE, pos + 1)
    if c == "s":
        if pos + 1 < n and text[pos + 1] == "(":
            return push(RECORD, pos + 2)
        raise invalid_syntax("#", pos + 1)
    if c == "^":
        if pos + 1 < n and text[pos + 1] == "[":
            return push(CHARTABLE, pos + 2)
        if pos + 1 < n and text[pos + 1] == "^":
            if pos + 2 < n and text[pos + 2] == "[":
                return push(SUBCHARTABLE, pos + 3)
            raise invalid_syntax("#^^", min(pos + 3, n))
        raise invalid_syntax("#^", min(pos + 2, n))
    if c == "&":
        return _bool_vector(reader, pos + 1)
    if c == "!":
        return "skip", None, _LINE_REST.match(text, pos).end()  # type: ignore[union-attr]
    if c == "@":
        digits = _DIGITS.match(text, pos + 1).group()  # type: ignore[union-attr]
        if digits.startswith("00"):
            return "value", NIL, n
        # Emacs skips by bytes only when reading a file directly; from a
        # buffer (as `load' reads source files) the skip runs to the end.
        raise end_of_file(n)
    if c == "$":
        return "value", reader.file_value, pos + 1
    if c == "#":
        return "value", intern(""), pos + 1
    if c == ":" or c == "_":
        body = SYMBOL_BODY.match(text, pos + 1)
        assert body is not None
        end = body.end()
        if end < n and text[end] == "\\":
            raise end_of_file(n)
        name = _unescape(body.group())
        if end == pos + 1:
            return "value", Symbol(""), end
        return "value", (Symbol(name) if c == ":" else intern(name)), end
    if c in "xXoObB":
        radix = {"x": 16, "o": 8, "b": 2}[c.lower()]
        return _radix_integer(text, pos + 1, radix)
    if "0" <= c <= "9":
        digits = _DIGITS.match(text, pos).group()  # type: ignore[union-attr]
        after = pos + len(digits)
        number = int(digits)
        follow = text[after] if after < n else ""
        if number <= _MOST_POSITIVE_FIXNUM:
            if follow in ("r", "R"):
                if not 2 <= number <= 36:
                    raise invalid_syntax(f"integer, radix {number}", after + 1)
                return _radix_integer(text, after + 1, number)
            if follow == "=":
                placeholder = Cons(NIL, NIL)
                reader.labels[number] = placeholder
                return push(LABEL, after + 1, (number, placeholder))
            if follow == "#" and number in reader.labels:
                return "value", reader.labels[number], after + 1
        raise invalid_syntax("#", after)
    raise invalid_syntax("#", pos)


def _unescape(body: str) -> str:
    return re.sub(r"\\([\s\S])", r"\1", body)


def _radix_integer(text: str, pos: int, radix: int) -> tuple[str, Any, int]:
    value, end = read_radix_integer(text, pos, radix)
    if value is None:
        raise invalid_syntax(f"integer, radix {radix}", end)
    return "value", value, end


def _bool_vector(reader: "Reader", pos: int) -> tuple[str, Any, int]:
    """``#&LENGTH"BITS"``: ``pos`` is just after the ``&``."""
    from elconf.reader_numbers import parse_number

    text = reader.text
    n = len(text)
    m = TOKEN.match(text, pos)
    assert m is not None
    if m.lastindex == EOF:
        raise end_of_file(n)
    length: Any
    if m.lastindex == RUN:
        atom = m.group(RUN).split(None, 1)[0]
        length = parse_number(atom)
        after = m.start(RUN) + len(atom)
    elif m.lastindex in (CLOSE, CLOSE_VEC, DOT):
        length, after = NIL, m.end()        # Emacs's read1 returns nil for these
    else:
        # Any other form can stand where the length goes (Emacs reads one with read1).
        from elconf.reader import Reader

        sub = Reader(text, reader.filename)
        sub.lines = reader.lines
        sub.labels = reader.labels      # one #N= table per top-level read, as in Emacs
        sub.nested = True
        length, _start, after = sub.read(pos)
    if after >= n or text[after] != '"':
        raise invalid_syntax("#&...", min(after + 1, n))
    bits, end = read_string(text, after + 1)
    multibyte = any(0x80 <= ord(ch) and not 0xDC80 <= ord(ch) <= 0xDCFF for ch in bits)
    if not isinstance(length, int) or length < 0 or multibyte:
        raise invalid_syntax("#&...", end)
    size = (length + 7) // 8
    if size != len(bits) and length != (len(bits) - 1) * 8:
        raise invalid_syntax("#&...", end)
    data = bytearray((ord(ch) - 0xDC00 if ord(ch) >= 0xDC80 else ord(ch)) for ch in bits[:size])
    if length % 8 and data:
        data[-1] &= (1 << (length % 8)) - 1
    return "value", BoolVector(length, bytes(data)), end


# ---------------------------------------------------------------------------
# Shared structure: #N= and #N#.


def finish_label(reader: "Reader", frame: Frame, value: Any) -> Any:
    """Complete ``#N=VALUE``: put VALUE wherever ``#N#`` left the placeholder."""
    number, placeholder = frame[EXTRA]
    if isinstance(value, Cons):
        placeholder.car = value.car
        placeholder.cdr = value.cdr
        placeholder.pos = value.pos
        return placeholder
    substitute(value, placeholder, value)
    reader.labels[number] = value
    return value


def substitute(tree: Any, placeholder: Any, replacement: Any) -> None:
    """Replace ``placeholder`` by ``replacement`` everywhere inside ``tree`` (no recursion)."""
    seen: set[int] = set()
    todo = [tree]
    while todo:
        obj = todo.pop()
        if id(obj) in seen:
            continue
        if isinstance(obj, Cons):
            seen.add(id(obj))
            if obj.car is placeholder:
                obj.car = replacement
            else:
                todo.append(obj.car)
            if obj.cdr is placeholder:
                obj.cdr = replacement
            else:
                todo.append(obj.cdr)
        elif isinstance(obj, (Vector, Record, ByteCode, CharTable, SubCharTable)):
            seen.add(id(obj))
            for i, item in enumerate(obj):
                if item is placeholder:
                    obj[i] = replacement
                else:
                    todo.append(item)
        elif isinstance(obj, LispString) and obj.props:
            seen.add(id(obj))
            for i, (start, end, plist) in enumerate(obj.props):
                if plist is placeholder:
                    obj.props[i] = (start, end, replacement)
                else:
                    todo.append(plist)
        elif isinstance(obj, HashTable):
            seen.add(id(obj))
            for pair in obj.entries:
                for j in (0, 1):
                    if pair[j] is placeholder:
                        pair[j] = replacement
                    else:
                        todo.append(pair[j])


# ---------------------------------------------------------------------------
# Propertized strings.


def add_string_property_item(frame: Frame, value: Any, pos: int) -> None:
    """One more element of ``#("text" START END PLIST ...)``; apply each complete triple."""
    items = frame[ITEMS]
    if not items:
        if not isinstance(value, str) or isinstance(value, Symbol):
            raise invalid_syntax("#", pos)
        items.append(LispString(value, unibyte=getattr(value, "unibyte", False)))
        return
    items.append(value)
    if (len(items) - 1) % 3 == 0:
        start, end, plist = items[-3:]
        set_text_properties(items[0], start, end, plist, pos)


def close_propertized_string(frame: Frame, pos: int) -> Any:
    items = frame[ITEMS]
    if not items:
        raise invalid_syntax("#", pos)
    if (len(items) - 1) % 3 != 0:
        raise invalid_syntax("Invalid string property list", pos)
    return items[0]


def set_text_properties(string: LispString, start: Any, end: Any, plist: Any, pos: int) -> None:
    """Emacs's ``set-text-properties`` on a string being read: replace the range's properties."""
    for bound in (start, end):
        if not isinstance(bound, int):
            from elconf.printer import prin1_to_string

            raise ReaderSignal("wrong-type-argument",
                               f"Wrong type argument: integer-or-marker-p, {prin1_to_string(bound)}", pos)
    if start > end:
        start, end = end, start
    if start < 0 or end > len(string):
        raise ReaderSignal("args-out-of-range", f"Args out of range: {start}, {end}", pos)
    if start == end:
        return
    kept: list[tuple[int, int, Any]] = []
    for s, e, p in string.props:
        if e <= start or s >= end:
            kept.append((s, e, p))
            continue
        if s < start:
            kept.append((s, start, p))
        if e > end:
            kept.append((end, e, p))
    if plist is not NIL:
        kept.append((start, end, plist))
    kept.sort(key=lambda interval: interval[0])
    string.props = kept


# ---------------------------------------------------------------------------
# Records, hash tables, vectors.

_HASH_KEYS = ("size", "test", "weakness", "rehash-size", "rehash-threshold", "purecopy")
_WEAKNESS = {"t", "key", "value", "key-or-value", "key-and-value"}


def _plist_get(items: list[Any], key: str) -> Any:
    for i in range(0, len(items) - 1, 2):
        if isinstance(items[i], Symbol) and items[i].name == key and items[i].interned:
            return items[i + 1]
    return NIL


def make_record_or_hash(items: list[Any], tail: Any, pos: int) -> Any:
    """The object ``#s(...)`` denotes: a hash table when the head is ``hash-table``, else a record."""
    from elconf.printer import prin1_to_string

    if tail is not NIL:
        raise ReaderSignal("wrong-type-argument", f"Wrong type argument: listp, {prin1_to_string(tail)}", pos)
    head = items[0] if items else NIL
    if head is not intern("hash-table"):
        if not items:
            raise ReaderSignal("wrong-type-argument", "Wrong type argument: wholenump, -1", pos)
        return Record(items)
    rest = items[1:]
    table = HashTable()
    for key in _HASH_KEYS:
        value = _plist_get(rest, key)
        if value is NIL:
            continue
        if key == "test":
            if not isinstance(value, Symbol) or value.name not in ("eq", "eql", "equal"):
                raise plain_error(f"Invalid hash table test: {prin1_to_string(value)}", pos)
            table.test = value
        elif key == "size" and (not isinstance(value, int) or value < 0):
            raise plain_error(f"Invalid hash table size: {prin1_to_string(value)}", pos)
        elif key == "weakness" and not (isinstance(value, Symbol) and value.name in _WEAKNESS):
            raise plain_error(f"Invalid hash table weakness: {prin1_to_string(value)}", pos)
        table.params.append((key, value if key != "purecopy" else T))
    data = _plist_get(rest, "data")
    cell = last = data
    while isinstance(cell, Cons):
        if not isinstance(cell.cdr, Cons):
            break
        table.put(cell.car, cell.cdr.car)
        cell = last = cell.cdr.cdr
    if last is not NIL:
        raise plain_error("Hash table data is not a list of even length", pos)
    return table


def make_vector_like(frame: Frame, pos: int) -> Any:
    items = frame[ITEMS]
    if frame[KIND] == BYTECODE:
        if len(items) < 4:
            raise invalid_syntax("Invalid byte-code object", pos)
        return ByteCode(items)
    if frame[KIND] == CHARTABLE:
        if len(items) < _CHAR_TABLE_STANDARD_SLOTS:
            raise plain_error("Invalid size char-table", pos)
        return CharTable(items)
    if frame[KIND] == SUBCHARTABLE:
        if not items:
            raise plain_error("Zero-sized sub char-table", pos)
        depth = items[0]
        if not isinstance(depth, int) or not 1 <= depth <= 3:
            raise plain_error("Invalid depth in sub char-table", pos)
        if _SUB_CHAR_TABLE_SIZES[depth] != len(items) - 2:
            raise plain_error("Invalid size in sub char-table", pos)
        return SubCharTable(items)
    return Vector(items)


__all__ = ["read_hash", "finish_label", "substitute", "add_string_property_item",
           "close_propertized_string", "make_record_or_hash", "make_vector_like", "set_text_properties"]
