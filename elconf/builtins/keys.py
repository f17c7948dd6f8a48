"""``kbd``: key descriptions read as Emacs 28.2's ``edmacro-parse-keys`` reads them.

A key binding is rarely a mail setting, but a wrong value is worse than an unknown
one: the descriptions init files write (``"C-c m"``, ``"M-x"``, ``"C-c <f5>"``) give
Emacs's string or vector, the rarer forms give an unknown value.
"""

from __future__ import annotations

from elconf.builtins import Table
from elconf.builtins._check import check_string
from elconf.types import Vector, intern
from elconf.unknowns import Opaque

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define

_KEY_NAMES = {"NUL": 0, "RET": 13, "LFD": 10, "TAB": 9, "ESC": 27, "SPC": 32, "DEL": 127}
_MODIFIER_BITS = {"A": 1 << 22, "s": 1 << 23, "H": 1 << 24, "S": 1 << 25, "C": 1 << 26, "M": 1 << 27}


@define("kbd")
def kbd(ip: Any, keys: Any) -> Any:
    """``kbd`` as Emacs 28.2's ``edmacro-parse-keys`` reads the usual descriptions:
    words split at spaces, each ``MOD-...-KEY`` with KEY one character, a name
    (RET, SPC, TAB ...) or ``<function-key>``; a word of plain characters is one key
    each.  A string when every key is a character of 0-127, else a vector.  Anything
    rarer (``\\^X``, ``3*a``, ``<<command>>``) is unknown, never a guess."""
    text = check_string(keys)
    result: list[Any] = []
    for word in text.split():
        modifiers = 0
        while len(word) > 2 and word[1] == "-" and word[0] in _MODIFIER_BITS:
            modifiers |= _MODIFIER_BITS[word[0]]
            word = word[2:]
        if word.startswith("<") and word.endswith(">") and len(word) > 2 \
                and not word.startswith("<<") and " " not in word:
            prefix = "".join(m + "-" for m, bit in _MODIFIER_BITS.items() if modifiers & bit)
            result.append(intern(prefix + word[1:-1]))
            continue
        if word in _KEY_NAMES:
            chars = [_KEY_NAMES[word]]
        elif modifiers and len(word) == 1:
            chars = [ord(word)]
        elif not modifiers and not word.startswith("<<") and not any(c in word for c in "*\\^"):
            chars = [ord(c) for c in word]
        else:
            return Opaque(f"(kbd {text!r})")
        for char in chars:
            if modifiers & _MODIFIER_BITS["C"] and (64 <= char <= 95 or 97 <= char <= 122):
                # Control of a letter or @[\]^_ is the ASCII control character.
                result.append((char & 31) | (modifiers & ~_MODIFIER_BITS["C"]))
            else:
                result.append(char | modifiers)
    if all(type(k) is int and 0 <= k <= 127 for k in result):
        return "".join(map(chr, result))
    return Vector(result)
