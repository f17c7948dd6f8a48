"""Numbers as Emacs 28.2 reads them.

An unescaped atom is a number exactly when Emacs's ``string_to_number`` in
base 10 consumes all of it; otherwise it is a symbol (``1+``, ``1.5.``,
``.5e``, ``+.`` are symbols; ``1.`` is the integer 1; ``1e5`` and ``1.e5``
are floats; ``X.Ye+INF`` is infinity and ``X.Ye+NaN`` a NaN whatever the
mantissa).  The same rules serve the printer, which escapes a symbol whose
name would read back as a number.
"""

from __future__ import annotations

import math
import re

_EXPONENT = r"[eE](?:[+-]?[0-9]+|\+INF|\+NaN)"
NUMBER_RE = re.compile(
    rf"(?P<int>[+-]?[0-9]+\.?)"
    rf"|(?P<float>[+-]?(?:[0-9]*\.[0-9]+(?:{_EXPONENT})?|[0-9]+\.?{_EXPONENT}))")

_MAX_DIGITS_GUARD = 4300          # Python's default limit for int(str)


def parse_number(token: str) -> int | float | None:
    """The number ``token`` denotes in base 10, or None when it is not a whole number token."""
    match = NUMBER_RE.fullmatch(token)
    if match is None:
        return None
    if match.lastgroup == "int":
        digits = token[:-1] if token.endswith(".") else token
        if len(digits) > _MAX_DIGITS_GUARD:
            return _big_int(digits, 10)
        return int(digits)
    if token.endswith("INF"):
        return -math.inf if token.startswith("-") else math.inf
    if token.endswith("NaN"):
        return make_nan(_leading_integer(token), token.startswith("-"))
    return float(token)


_NAN_PAYLOAD_MASK = (1 << 51) - 1


def _leading_integer(token: str) -> int:
    """The integer part Emacs keeps as a NaN's payload; without one, Emacs's digit
    parser leaves its "not a digit" marker -2 there (so ``.5e+NaN`` prints
    ``2251799813685246.0e+NaN``)."""
    digits = re.match(r"[+-]?([0-9]*)", token).group(1)  # type: ignore[union-attr]
    return int(digits) if digits else -2


def make_nan(payload: int, negative: bool) -> float:
    """A quiet NaN carrying ``payload``: Emacs reads ``N.0e+NaN`` so and prints the payload back."""
    import struct  # imported here, as in nan_payload: only NaN literals need it

    bits = (negative << 63) | (0x7FF << 52) | (1 << 51) | (payload & _NAN_PAYLOAD_MASK)
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def nan_payload(value: float) -> int:
    import struct

    return struct.unpack("<Q", struct.pack("<d", value))[0] & _NAN_PAYLOAD_MASK


def looks_like_number(name: str) -> bool:
    """True when a symbol called ``name`` would read back as a number (the printer escapes it)."""
    if not name:
        return False
    first = name[1:2] if name[0] in "+-" else name[0]
    return (first.isdigit() and first.isascii() or first == ".") and NUMBER_RE.fullmatch(name) is not None


def _big_int(digits: str, base: int) -> int:
    """int() beyond Python's digit-count guard (Emacs has bignums).

    Python's own conversion is quadratic in the number of digits (a million
    digits took 3 s); splitting in halves and joining with multiplications
    (Karatsuba in CPython) keeps a hostile literal under a second.  Power-of-two
    bases convert in linear time and have no guard.
    """
    negative = digits.startswith("-")
    body = digits.lstrip("+-")
    if base & (base - 1) == 0:
        value = int(body, base) if body else 0
    else:
        value = _int_by_halves(body, base, {})
    return -value if negative else value


def _int_by_halves(digits: str, base: int, powers: dict[int, int]) -> int:
    if len(digits) <= _MAX_DIGITS_GUARD:
        return int(digits, base) if digits else 0
    low_len = len(digits) // 2
    if low_len not in powers:
        powers[low_len] = base ** low_len
    high = _int_by_halves(digits[:-low_len], base, powers)
    return high * powers[low_len] + _int_by_halves(digits[-low_len:], base, powers)


_RADIX_RUN = re.compile(r"[0-9A-Za-z]*")


def read_radix_integer(text: str, pos: int, radix: int) -> tuple[int | None, int]:
    """Read ``#xFF``-style digits at ``pos``: (value or None when invalid, offset after).

    Like Emacs, all letters and digits after the sign are consumed even when
    they are not digits of the radix (the integer is then invalid), and an
    empty digit string is invalid.
    """
    start = pos
    if pos < len(text) and text[pos] in "+-":
        pos += 1
    run = _RADIX_RUN.match(text, pos)
    assert run is not None
    digits = run.group()
    end = run.end()
    if not digits or not 2 <= radix <= 36:
        return None, end
    for ch in digits:
        value = int(ch, 36) if ch.isascii() else 99
        if value >= radix:
            return None, end
    sign = text[start:pos]
    if len(digits) > _MAX_DIGITS_GUARD:
        return _big_int(sign + digits, radix), end
    return int(sign + digits, radix), end


__all__ = ["make_nan", "nan_payload", "parse_number", "looks_like_number", "read_radix_integer", "NUMBER_RE"]
