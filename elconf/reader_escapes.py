"""Backslash escapes, character literals and strings, as Emacs 28.2's reader reads them.

These are the reader's slow paths: the master regular expression in
:mod:`elconf.reader_grammar` reads plain strings (no backslash, no raw byte) and plain
character literals (``?a``) itself and hands everything else to the functions
here.  Every function takes the source text and the offset just after the
introducing character and returns ``(value, offset_after)``; on bad input it
raises :class:`ReaderSignal` carrying the offset where Emacs's point would be
when it signals (the reader turns that into a positioned ``ReadError``).

Characters are integers as in Emacs.  Modifier bits (Emacs's values) are
added by ``\\M-``, ``\\C-`` and friends; a raw byte B read from a file (kept in
the decoded text as the lone surrogate U+DC00+B) is the Emacs character
0x3FFF00+B.
"""

from __future__ import annotations

import re

from elconf.types import LispString

ALT = 0x0400000
SUPER = 0x0800000
HYPER = 0x1000000
SHIFT = 0x2000000
CTRL = 0x4000000
META = 0x8000000
MODIFIER_MASK = 0xFC00000
RAW_BYTE_BASE = 0x3FFF00          # Emacs's raw byte B is the character RAW_BYTE_BASE + B
MAX_UNICODE = 0x10FFFF
NAME_LENGTH_BOUND = 127           # longer \N{...} names are refused, as Emacs does

# Characters that may follow a character literal (besides whitespace and end of text).
CHAR_LITERAL_FOLLOWERS = frozenset("\"';()[]#?`,.")


class ReaderSignal(Exception):
    """An error as Emacs signals it: symbol, message, and where point is.

    ``detail`` is extra text for our own message (Emacs's message stays exact
    in ``emacs_message``).
    """

    def __init__(self, error_symbol: str, emacs_message: str, offset: int, detail: str = "") -> None:
        super().__init__(emacs_message)
        self.error_symbol = error_symbol
        self.emacs_message = emacs_message
        self.offset = offset
        self.detail = detail


def invalid_syntax(what: str, offset: int) -> ReaderSignal:
    """``invalid-read-syntax`` with Emacs's message text for ``what``."""
    return ReaderSignal("invalid-read-syntax", f"Invalid read syntax: {lisp_string_literal(what)}", offset)


def end_of_file(offset: int, detail: str = "") -> ReaderSignal:
    return ReaderSignal("end-of-file", "End of file during parsing", offset, detail)


def plain_error(message: str, offset: int) -> ReaderSignal:
    """An ``error`` signal: Emacs's ``error`` function with a formatted message."""
    return ReaderSignal("error", message, offset)


def lisp_string_literal(text: str) -> str:
    """How ``error-message-string`` shows a string datum: prin1 of it."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def char_code(ch: str) -> int:
    """The Emacs character for one decoded source character (raw bytes included)."""
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return RAW_BYTE_BASE + code - 0xDC00
    return code


def is_raw_byte_char(code: int) -> bool:
    return RAW_BYTE_BASE + 0x80 <= code <= RAW_BYTE_BASE + 0xFF


def _hex_digit(ch: str) -> int:
    if "0" <= ch <= "9":
        return ord(ch) - 48
    if "a" <= ch <= "f":
        return ord(ch) - 87
    if "A" <= ch <= "F":
        return ord(ch) - 55
    return -1


def read_escape(text: str, pos: int, in_string: bool) -> tuple[int, int]:
    """Read the escape after a backslash at ``pos``; return (character, offset after).

    The character is -1 for an escape that stands for nothing (backslash
    newline, and backslash space in a string).  Modifier prefixes nest
    (``\\C-\\M-x``); they are collected in a loop, not by recursion, so a long
    chain cannot exhaust Python's stack.
    """
    prefixes: list[str] = []          # "M", "S", "H", "A", "s", "C" from outermost inwards
    n = len(text)
    while True:
        if pos >= n:
            raise end_of_file(pos)
        c = text[pos]
        pos += 1
        if c == "s" and in_string:    # in a string \s is always a space
            value = 32
            break
        if c in "MSHA" or c == "s":
            if pos >= n or text[pos] != "-":
                if c == "s":          # \s alone is a space
                    value = 32
                    break
                raise plain_error("Invalid escape character syntax", min(pos + 1, n))
            pos += 1
            prefixes.append(c)
        elif c == "C" or c == "^":
            if c == "C":
                if pos >= n or text[pos] != "-":
                    raise plain_error("Invalid escape character syntax", min(pos + 1, n))
                pos += 1
            prefixes.append("C")
        else:
            value, pos = _simple_escape(text, pos - 1, c, in_string)
            break
        # A modifier prefix reads one more character, escaped or not.
        if pos >= n:
            value = -1
            break
        if text[pos] == "\\":
            pos += 1
            in_string = False          # nested escapes read as in a character literal
            continue
        value = char_code(text[pos])
        pos += 1
        break
    for prefix in reversed(prefixes):
        value = _apply_prefix(prefix, value)
    return value, pos


def _apply_prefix(prefix: str, c: int) -> int:
    if prefix == "M":
        return c | META
    if prefix == "S":
        return c | SHIFT
    if prefix == "H":
        return c | HYPER
    if prefix == "A":
        return c | ALT
    if prefix == "s":
        return c | SUPER
    # Control: Emacs folds letters and @[\]^_ into ASCII control codes.
    base = c & ~MODIFIER_MASK
    mods = c & MODIFIER_MASK
    if base == 0x3F:
        return 0x7F | mods
    if base >= 256:
        return c | CTRL
    if 0o101 <= (c & 0o137) <= 0o132:
        return c & (0o37 | ~0o177)
    if 0o100 <= (c & 0o177) <= 0o137:
        return c & (0o37 | ~0o177)
    return c | CTRL


_SIMPLE = {"a": 7, "b": 8, "d": 127, "e": 27, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11}


def _simple_escape(text: str, pos: int, c: str, in_string: bool) -> tuple[int, int]:
    """Escapes without modifier prefixes; ``pos`` is the offset of ``c``."""
    n = len(text)
    pos += 1
    if c in _SIMPLE:
        return _SIMPLE[c], pos
    if c == "\n":
        return -1, pos
    if c == " ":
        return (-1 if in_string else 32), pos
    if "0" <= c <= "7":
        value = ord(c) - 48
        for _ in range(2):
            if pos < n and "0" <= text[pos] <= "7":
                value = value * 8 + ord(text[pos]) - 48
                pos += 1
            else:
                break
        if 0x80 <= value < 0x100:
            value += RAW_BYTE_BASE
        return value, pos
    if c == "x":
        value = 0
        count = 0
        while pos < n:
            digit = _hex_digit(text[pos])
            if digit < 0:
                break
            pos += 1
            value = (value << 4) + digit
            if value > (META | (META - 1)):
                raise plain_error(f"Hex character out of range: \\x{value:x}...", pos)
            count += count < 3
        if count < 3 and value >= 0x80:
            return value + RAW_BYTE_BASE, pos
        return value, pos
    if c in "uU":
        digits = 4 if c == "u" else 8
        value = 0
        for _ in range(digits):
            if pos >= n:
                raise plain_error(f"Malformed Unicode escape: \\{c}{value:x}", pos)
            ch = text[pos]
            pos += 1
            digit = _hex_digit(ch)
            if digit < 0:
                raise plain_error(f"Non-hex character used for Unicode escape: {ch} ({char_code(ch)})", pos)
            value = (value << 4) + digit
        if value > MAX_UNICODE:
            raise plain_error(f"Non-Unicode character: 0x{value:x}", pos)
        return value, pos
    if c == "N":
        return _named_character(text, pos)
    return char_code(c), pos


def _named_character(text: str, pos: int) -> tuple[int, int]:
    """``\\N{NAME}`` or ``\\N{U+XXXX}``; ``pos`` is just after the N."""
    n = len(text)
    if pos >= n:
        raise invalid_syntax("Expected opening brace after \\N", pos)
    if text[pos] != "{":
        raise invalid_syntax("Expected opening brace after \\N", pos + 1)
    pos += 1
    name: list[str] = []
    after_space = False
    while True:
        if pos >= n:
            raise end_of_file(pos)
        ch = text[pos]
        pos += 1
        if ch == "}":
            break
        code = char_code(ch)
        if not 0 < code < 0x80:
            raise invalid_syntax(f"Invalid character U+{code:04X} in character name", pos)
        if ch in " \t\n\v\f\r":       # runs of whitespace count as one space
            if after_space:
                continue
            ch = " "
            after_space = True
        else:
            after_space = False
        name.append(ch)
        if len(name) >= NAME_LENGTH_BOUND + 1:
            raise invalid_syntax("Character name too long", pos)
    if not name:
        raise invalid_syntax("Empty character name", pos)
    joined = "".join(name)
    value = lookup_character_name(joined)
    if value is None:
        raise invalid_syntax(f"\\N{{{joined}}}", pos)
    return value, pos


# Names Emacs 28's `char-from-name' does not know although Python's unicodedata does:
# ideographs whose name is computed from the code point.
_COMPUTED_NAME_PREFIXES = ("CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-",
                           "TANGUT IDEOGRAPH-", "KHITAN SMALL SCRIPT CHARACTER-",
                           "NUSHU CHARACTER-")


def lookup_character_name(name: str) -> int | None:
    """The code point ``\\N{name}`` denotes in Emacs 28, or None.

    ``U+XXXX`` (upper-case U, hexadecimal) gives a code point; anything else
    is a Unicode character name, case-insensitively, formal names only (not
    aliases), as Emacs's ``char-from-name`` finds them.
    """
    if name.startswith("U+"):
        if not re.fullmatch(r"\+?[0-9A-Fa-f]+", name[1:]):
            return None
        value = int(name[2:], 16)
        if value > MAX_UNICODE or 0xD800 <= value <= 0xDFFF:
            return None
        return value
    upper = name.upper()
    if upper.startswith(_COMPUTED_NAME_PREFIXES):
        return None
    import unicodedata  # imported here: only a ?\N{NAME} character needs its tables

    try:
        found = unicodedata.lookup(upper)
    except KeyError:
        return None
    if len(found) != 1 or unicodedata.name(found, "") != upper:
        return None
    return ord(found)


def read_char_literal(text: str, pos: int) -> tuple[int, int]:
    """The character literal after a ``?`` (``pos`` is just after it)."""
    n = len(text)
    if pos >= n:
        raise end_of_file(pos)
    ch = text[pos]
    pos += 1
    if ch == " " or ch == "\t":
        return ord(ch), pos
    if ch == "\\":
        c, pos = read_escape(text, pos, in_string=False)
    else:
        c = char_code(ch)
    modifiers = c & MODIFIER_MASK
    c &= ~MODIFIER_MASK
    if is_raw_byte_char(c):
        c -= RAW_BYTE_BASE
    c |= modifiers
    if pos < n:
        follower = text[pos]
        if not (follower <= " " or follower in CHAR_LITERAL_FOLLOWERS):
            raise invalid_syntax("?", pos)
    return c, pos


def read_string(text: str, pos: int) -> tuple[str, int]:
    """The string whose opening quote is just before ``pos``.

    Returns a ``str`` (multibyte or ASCII) or a unibyte :class:`LispString`
    when the string holds raw bytes and no other non-ASCII character, as
    Emacs decides.  Raw bytes are kept as U+DC80..U+DCFF.
    """
    n = len(text)
    out: list[str] = []
    force_multibyte = False
    force_singlebyte = False
    while True:
        stop = _STRING_STOP.search(text, pos)
        if stop is None:
            raise end_of_file(n, "string")
        chunk_end = stop.start()
        if chunk_end > pos:
            chunk = text[pos:chunk_end]
            out.append(chunk)
            if not force_multibyte and not chunk.isascii():
                force_multibyte = True        # chunks never hold raw bytes: the stop pattern finds them
        pos = chunk_end + 1
        ch = text[chunk_end]
        if ch == '"':
            break
        if 0xDC80 <= ord(ch) <= 0xDCFF:          # a raw byte in the source
            out.append(ch)
            force_singlebyte = True
            continue
        # A backslash escape.
        code, pos = read_escape(text, pos, in_string=True)
        if code == -1:
            continue
        modifiers = code & MODIFIER_MASK
        code &= ~MODIFIER_MASK
        if is_raw_byte_char(code):
            force_singlebyte = True
        elif code >= 0x80:
            force_multibyte = True
        else:
            if modifiers == CTRL:
                if code == 32:
                    code, modifiers = 0, 0
                elif code == 63:
                    code, modifiers = 127, 0
            if modifiers & SHIFT:
                if 65 <= code <= 90:
                    modifiers &= ~SHIFT
                elif 97 <= code <= 122:
                    code -= 32
                    modifiers &= ~SHIFT
            if modifiers & META:
                modifiers &= ~META
                code = RAW_BYTE_BASE + (code | 0x80)
                force_singlebyte = True
        if modifiers:
            raise invalid_syntax("Invalid modifier in string", pos)
        out.append(python_char(code, pos))
    value = "".join(out)
    if force_singlebyte and not force_multibyte:
        return LispString(value, unibyte=True), pos
    return value, pos


_STRING_STOP = re.compile(r'["\\\udc80-\udcff]')


def python_char(code: int, pos: int) -> str:
    """The ``str`` character for an Emacs character that can sit in a string."""
    if is_raw_byte_char(code):
        return chr(0xDC00 + code - RAW_BYTE_BASE)
    if code > MAX_UNICODE or code < 0:
        # Emacs's own characters above U+10FFFF have no Python equivalent: such a
        # string reads with U+FFFD in their place rather than stopping the file.
        return "\ufffd"
    return chr(code)


__all__ = ["ReaderSignal", "read_escape", "read_char_literal", "read_string", "invalid_syntax",
           "end_of_file", "plain_error", "char_code", "lookup_character_name", "python_char",
           "RAW_BYTE_BASE", "META", "CTRL", "SHIFT", "SUPER", "HYPER", "ALT", "MODIFIER_MASK"]
