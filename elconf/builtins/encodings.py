"""``base64-encode-string``, ``base64-decode-string`` (and the ``base64url`` variant)
and ``char-equal``, as in Emacs 28.2.

Init files keep a password or an address lightly hidden in base64 (``(setq
smtpmail-... (base64-decode-string "..."))``).  Decoding gives a unibyte string
in Emacs; one that is plain ASCII is the same text here, any other byte makes
the value unknown (our strings are text, not bytes) rather than a guess.
"""

from __future__ import annotations

from elconf.builtins import Table
from elconf.builtins._check import check_string
from elconf.errors import lisp_error
from elconf.types import NIL, T

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define


def _bytes_of(text: str) -> bytes:
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        raise lisp_error("error", "Multibyte character in data for base64 encoding") from None


@define("base64-encode-string")
def base64_encode_string(ip: Any, text: Any, no_line_break: Any = NIL) -> Any:
    import base64                         # (not at start-up: a plain send does not need it)

    data = base64.b64encode(_bytes_of(check_string(text))).decode("ascii")
    if no_line_break is NIL:
        data = "\n".join(data[i:i + 76] for i in range(0, len(data), 76))
    return data


@define("base64url-encode-string")
def base64url_encode_string(ip: Any, text: Any, no_pad: Any = NIL) -> Any:
    import base64

    data = base64.urlsafe_b64encode(_bytes_of(check_string(text))).decode("ascii")
    return data.rstrip("=") if no_pad is not NIL else data


@define("base64-decode-string")
def base64_decode_string(ip: Any, text: Any, base64url: Any = NIL, ignore_invalid: Any = NIL) -> Any:
    import base64
    import binascii

    source = "".join(check_string(text).split())
    if base64url is not NIL:
        source = source.replace("-", "+").replace("_", "/")
        source += "=" * (-len(source) % 4)
    try:
        data = base64.b64decode(source, validate=ignore_invalid is NIL)
    except (binascii.Error, ValueError):
        raise lisp_error("error", "Invalid base64 data") from None
    if any(b > 127 for b in data):
        return ip.opaque("(base64-decode-string ...) of bytes that are not ASCII")
    return data.decode("ascii")


@define("char-equal")
def char_equal(ip: Any, c1: Any, c2: Any) -> Any:
    """Equal characters, or equal but for case when ``case-fold-search`` is non-nil."""
    if type(c1) is not int or type(c2) is not int:
        raise lisp_error("wrong-type-argument", "characterp", c1 if type(c1) is not int else c2)
    if c1 == c2:
        return T
    fold = ip.store.value("case-fold-search")
    if fold is NIL:
        return NIL
    return T if chr(c1).lower() == chr(c2).lower() else NIL
