"""The Emacs Lisp printer: ``prin1`` and ``princ`` text for every value of the model.

It reproduces Emacs 28.2's ``print.c`` byte for byte, because ``format
"%S"``, ``elconf get`` and every diagnostic that quotes a value rely on it:

* symbols escape ``"\\';#(),.`[]?``, control characters, space and NBSP
  with a backslash, and the first character of a name that would read as a
  number (``\\1``, ``\\-0``, ``\\1e5``); ``##`` is the empty symbol and
  ``#:x`` an uninterned one when ``gensym`` is asked for;
* floats use the shortest ``%.Ng`` (N from 15 up) that reads back exactly,
  with ``.0`` added when the text would read as an integer, and
  ``1.0e+INF`` / ``0.0e+NaN`` for the special values;
* strings escape ``"`` and ``\\``; raw bytes print as octal escapes; the
  options add ``\\n``/``\\f`` and octal escapes for control characters;
* ``quoted`` prints ``(quote x)`` as ``'x``, ``(function x)`` as ``#'x`` and
  backquote forms with `` ` ``, ``,`` and ``,@`` (commas only inside a
  backquote, as Emacs does);
* a structure that contains itself prints ``#N`` (N = the depth of the
  enclosing occurrence) and a circular list ends in ``. #N`` where Emacs's
  cycle detector (Brent's algorithm, same step counts) stops; printing
  deeper than 200 levels raises :class:`PrintError` as Emacs does.

``escape_nonascii`` is accepted for symmetry with ``print-escape-nonascii``:
in Emacs it only affects unibyte strings printed to a unibyte destination,
and ``prin1-to-string`` always prints raw bytes as octal escapes.
"""

from __future__ import annotations

import math
import re

from elconf.errors import LispSignal
from elconf.reader_numbers import looks_like_number, nan_payload
from elconf.types import (BACKQUOTE, COMMA, COMMA_AT, FUNCTION, NIL, QUOTE, BoolVector, ByteCode, CharTable,
                          Cons, HashTable, LispString, Record, SubCharTable, Symbol, Vector, intern,
                          lisp_list)

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

PRINT_DEPTH_LIMIT = 200
_DBL_MIN = 2.2250738585072014e-308
_SYMBOL_SPECIAL = re.compile(r"[\"\\';#(),.`\[\]?\x00-\x20\xa0]")
_STRING_SPECIAL = re.compile(r"[\"\\\x00-\x1f\x7f\udc80-\udcff]")
_OCTAL_DIGITS = frozenset("01234567")
_CONTAINERS = (Cons, str, list, HashTable, BoolVector)
_VECTOR_OPENERS = ((SubCharTable, "#^^["), (CharTable, "#^["), (ByteCode, "#["), (Record, "#s("),
                   (Vector, "["))


class PrintError(LispSignal):
    """Printing failed as it fails in Emacs: ``(error MESSAGE)``.

    A Lisp signal, so that ``(format "%S" x)`` of a 300-deep list is an error at its form
    (as in Emacs) that ``condition-case`` can catch, not an exception that escapes the
    evaluator as a traceback.
    """

    error_symbol = "error"

    def __init__(self, message: str) -> None:
        super().__init__(intern("error"), lisp_list((message,)))


def float_to_string(value: float) -> str:
    """Emacs's ``float_to_string``: the shortest round-tripping ``%g``, always readable as a float."""
    if math.isnan(value):
        sign = "-" if math.copysign(1.0, value) < 0 else ""
        return f"{sign}{nan_payload(value)}.0e+NaN"
    if math.isinf(value):
        return "-1.0e+INF" if value < 0 else "1.0e+INF"
    precision = 1 if abs(value) < _DBL_MIN else 15
    while True:
        text = "%.*g" % (precision, value)
        if float(text) == value:
            break
        precision += 1
    for index, ch in enumerate(text):
        if not (ch.isdigit() or ch == "-"):
            if ch == "." and index == len(text) - 1:
                return text + "0"
            return text
    return text + ".0"


def _octal(code: int, next_char: str) -> str:
    """Emacs's ``octalout``: as few digits as are unambiguous before ``next_char``."""
    if code > 0o77 or next_char in _OCTAL_DIGITS:
        digits = 3
    elif code > 0o7:
        digits = 2
    else:
        digits = 1
    return "\\" + format(code, "o").zfill(digits)


class _Printer:
    def __init__(self, escape_newlines: bool, escape_control: bool, quoted: bool, gensym: bool) -> None:
        self.escape_newlines = escape_newlines
        self.escape_control = escape_control
        self.quoted = quoted
        self.gensym = gensym
        self.out: list[str] = []
        self.being_printed: list[Any] = [None] * (PRINT_DEPTH_LIMIT + 1)
        self.depth = 0
        self.backquote = 0
        # Lists made for function values while printing (see Closure.lisp_form).
        self.functions_memo: dict[int, Any] = {}
        self.display = False   # see prin1_to_string's ``display``

    def print(self, obj: Any, escape: bool) -> None:
        out = self.out
        if self.depth >= PRINT_DEPTH_LIMIT:      # Emacs checks this for every object
            if self.display:
                out.append("...")
                return
            raise PrintError("Apparently circular structure being printed")
        if isinstance(obj, Symbol):
            self.symbol(obj, escape)
            return
        if isinstance(obj, int) and not isinstance(obj, bool):
            out.append(str(obj))
            return
        if isinstance(obj, float):
            out.append(float_to_string(obj))
            return
        if isinstance(obj, str) and not (isinstance(obj, LispString) and obj.props and escape):
            self.string(obj, escape)
            return
        if not isinstance(obj, _CONTAINERS):
            # A function value (elconf.functions): printed as the list Emacs makes for it.
            as_list = getattr(obj, "lisp_form", None)
            if as_list is not None:
                obj = as_list(self.functions_memo)
        # A container: Emacs notices when it is already being printed further up.
        for level in range(self.depth):
            if self.being_printed[level] is obj:
                out.append(f"#{level}")
                return
        self.being_printed[self.depth] = obj
        self.depth += 1
        try:
            if isinstance(obj, Cons):
                self.cons(obj, escape)
            elif isinstance(obj, str):
                self.propertized(obj, escape)  # type: ignore[arg-type]
            elif isinstance(obj, HashTable):
                self.hash_table(obj, escape)
            elif isinstance(obj, BoolVector):
                self.bool_vector(obj)
            else:
                for cls, opener in _VECTOR_OPENERS:
                    if isinstance(obj, cls):
                        out.append(opener)
                        self.sequence(obj, escape)
                        out.append(")" if cls is Record else "]")
                        break
                else:
                    if type(obj).__name__ == "Opaque":    # a value unknown here (elconf.unknowns)
                        out.append(f"#<unknown: {obj.what}>")
                    elif hasattr(obj, "lisp_printed"):   # a primitive: #<subr car>
                        out.append(obj.lisp_printed())
                    else:
                        out.append(f"#<{type(obj).__name__} {obj!r}>")
        finally:
            self.depth -= 1

    def sequence(self, items: list[Any], escape: bool) -> None:
        for index, item in enumerate(items):
            if index:
                self.out.append(" ")
            self.print(item, escape)

    def symbol(self, sym: Symbol, escape: bool) -> None:
        name = sym.name
        out = self.out
        if self.gensym and not sym.interned:
            out.append("#:")
        elif not name:
            out.append("##")
            return
        if not escape or not name:
            out.append(name)
            return
        if looks_like_number(name):
            name = "\\" + name[0] + _SYMBOL_SPECIAL.sub(r"\\\g<0>", name[1:])
        elif _SYMBOL_SPECIAL.search(name):
            name = _SYMBOL_SPECIAL.sub(r"\\\g<0>", name)
        out.append(name)

    def string(self, text: str, escape: bool) -> None:
        if not escape:
            self.out.append(text)
            return
        if not _STRING_SPECIAL.search(text):
            self.out.append(f'"{text}"')
            return
        parts = ['"']
        last = len(text) - 1
        for index, ch in enumerate(text):
            code = ord(ch)
            if 0xDC80 <= code <= 0xDCFF:
                parts.append(_octal(code - 0xDC00, text[index + 1] if index < last else ""))
            elif ch == "\n" and self.escape_newlines:
                parts.append("\\n")
            elif ch == "\f" and self.escape_newlines:
                parts.append("\\f")
            elif ch == '"' or ch == "\\":
                parts.append("\\" + ch)
            elif self.escape_control and (code < 32 or code == 127):
                parts.append(_octal(code, text[index + 1] if index < last else ""))
            else:
                parts.append(ch)
        parts.append('"')
        self.out.append("".join(parts))

    def propertized(self, text: LispString, escape: bool) -> None:
        self.out.append("#(")
        self.string(text, escape)
        for start, end, plist in text.props:
            self.out.append(f" {start} {end} ")
            self.print(interval_plist(plist), escape)
        self.out.append(")")

    def cons(self, obj: Cons, escape: bool) -> None:
        out = self.out
        rest = obj.cdr
        if self.quoted and isinstance(rest, Cons) and rest.cdr is NIL:
            head = obj.car
            if head is QUOTE:
                out.append("'")
                self.print(rest.car, escape)
                return
            if head is FUNCTION:
                out.append("#'")
                self.print(rest.car, escape)
                return
            if head is BACKQUOTE:
                out.append("`")
                self.backquote += 1
                self.print(rest.car, escape)
                self.backquote -= 1
                return
            if (head is COMMA or head is COMMA_AT) and self.backquote:
                self.print(head, False)
                self.backquote -= 1
                self.print(rest.car, escape)
                self.backquote += 1
                return
        out.append("(")
        # Emacs's FOR_EACH_TAIL: Brent's cycle detection with the same step counts,
        # so a circular list stops at the same element with the same ". #N".
        tail: Any = obj
        tortoise: Any = obj
        max_steps, n, q = 2, 0, 2
        count = 0
        while True:
            if not isinstance(tail, Cons):
                as_list = getattr(tail, "lisp_form", None) if tail is not NIL else None
                if as_list is None:
                    break
                tail = as_list(self.functions_memo)     # (f . CLOSURE) prints (f closure ...)
            if count:
                out.append(" ")
            count += 1
            self.print(tail.car, escape)
            tail = tail.cdr
            q = (q - 1) & 0xFFFF
            if q == 0:
                n -= 1
                if n <= 0:
                    max_steps <<= 1
                    q = max_steps & 0xFFFF
                    n = max_steps >> 16
                    tortoise = tail
                    continue
            if tail is tortoise:
                out.append(f" . #{count >> 1})")
                return
        if tail is not NIL:
            out.append(" . ")
            self.print(tail, escape)
        out.append(")")

    def hash_table(self, table: HashTable, escape: bool) -> None:
        out = self.out
        params = dict(table.params)
        out.append(f"#s(hash-table size {hash_table_size(table)} test ")
        self.print(table.test, escape)
        if params.get("weakness", NIL) is not NIL:
            out.append(" weakness ")
            self.print(params["weakness"], escape)
        out.append(" rehash-size ")
        self.print(params.get("rehash-size", 1.5), escape)
        out.append(" rehash-threshold ")
        self.print(params.get("rehash-threshold", 0.8125), escape)
        if params.get("purecopy", NIL) is not NIL:
            out.append(" purecopy t")
        out.append(" data (")
        for index, (key, value) in enumerate(table.entries):
            if index:
                out.append(" ")
            self.print(key, escape)
            out.append(" ")
            self.print(value, escape)
        out.append("))")

    def bool_vector(self, vector: BoolVector) -> None:
        parts = [f'#&{vector.length}"']
        data = vector.bits
        for index, byte in enumerate(data):
            ch = chr(byte)
            following = chr(data[index + 1]) if index + 1 < len(data) else ""
            if ch == "\n" and self.escape_newlines:
                parts.append("\\n")
            elif ch == "\f" and self.escape_newlines:
                parts.append("\\f")
            elif byte > 127 or (self.escape_control and (byte < 32 or byte == 127)):
                parts.append(_octal(byte, following))
            elif ch == '"' or ch == "\\":
                parts.append("\\" + ch)
            else:
                parts.append(ch)
        parts.append('"')
        self.out.append("".join(parts))


def hash_table_size(table: HashTable) -> int:
    """The size Emacs 28 reports: the requested size (65 by default), grown by rehash-size when full."""
    params = dict(table.params)
    size = params.get("size", 65)
    size = max(size, 1) if isinstance(size, int) else 65
    rehash = params.get("rehash-size", 1.5)
    while size < len(table.entries):
        grown = size + rehash if isinstance(rehash, int) else int(size * rehash)
        size = grown if grown > size else size + 1
    return size


def prin1_to_string(value: Any, *, escape_newlines: bool = False, escape_control: bool = False,
                    escape_nonascii: bool = False, quoted: bool = True, gensym: bool = False,
                    display: bool = False) -> str:
    """The text ``prin1`` prints for ``value`` with the given ``print-*`` settings.

    ``display``: for our own messages and output (``elconf get``, diagnostics), never for
    the evaluated program: a part nested deeper than Emacs can print is shown as ``...``
    where Emacs (and the evaluator, as Emacs) signals an error.  Anything Emacs can print
    prints the same either way.
    """
    printer = _Printer(escape_newlines, escape_control, quoted, gensym)
    printer.display = display
    printer.print(value, True)
    return "".join(printer.out)


def princ_to_string(value: Any) -> str:
    """The text ``princ`` prints: no quotes or escapes (``format "%s"``)."""
    printer = _Printer(False, False, True, False)
    printer.print(value, False)
    return "".join(printer.out)


__all__ = ["prin1_to_string", "princ_to_string", "float_to_string", "PrintError", "hash_table_size"]


def interval_plist(plist: Any) -> Any:
    """The property list Emacs 28.2 keeps for a range set from ``plist``.

    ``#("x" 0 1 (P1 V1 P2 V2))`` (and ``set-text-properties``) adds the
    properties one at a time, each new one in front and a repeated one
    replacing the value in place, so Emacs prints ``(P2 V2 P1 V1)``: a
    file saved with ``display`` before ``face`` prints ``face`` first.  A
    list that is not an even-length proper list is returned unchanged."""
    pairs: list[list[Any]] = []
    cell = plist
    while type(cell) is Cons and type(cell.cdr) is Cons:
        key, value = cell.car, cell.cdr.car
        for pair in pairs:
            if pair[0] is key:
                pair[1] = value
                break
        else:
            pairs.insert(0, [key, value])
        cell = cell.cdr.cdr
    if cell is not NIL:
        return plist
    result: Any = NIL
    for key, value in reversed(pairs):
        result = Cons(key, Cons(value, result))
    return result
