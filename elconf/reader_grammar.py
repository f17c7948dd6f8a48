"""The reader's vocabulary: its tokens and the frames of its stack of open forms.

Shared by the three parts of the reader that read the same syntax different
ways: the general reader (:mod:`elconf.reader`, one token per ``re`` call),
its fast path (:mod:`elconf.reader_fast`, which builds its own token
expression from the pieces here) and the ``#`` syntaxes
(:mod:`elconf.reader_syntax`).  Keeping the token grammar in one place is
what keeps the three agreeing on where an atom ends or a dot is a dotted
pair's.

* :data:`TOKEN`, the master expression: it skips whitespace and comments and
  matches the next token in one call; its groups are numbered by the token
  kinds (:data:`OPEN` ... :data:`EOF`), so ``match.lastindex`` is the kind.
* :func:`atom_value`: the value of a plain atom, cached in
  :data:`ATOM_CACHE` (symbols and integers repeat a lot in Lisp code).
* The frame layout (:data:`KIND`, :data:`ITEMS`, ...) and kinds
  (:data:`LIST`, :data:`VECTOR`, ...) of the explicit stack that replaces
  recursion, with :data:`MAX_NESTING`, the depth past which reading stops.

Imports point one way: this module imports no other reader module but the
escapes' signal and the number parser.
"""

from __future__ import annotations

import re

from elconf.reader_escapes import ReaderSignal
from elconf.reader_numbers import parse_number
from elconf.types import intern

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

# ---------------------------------------------------------------------------
# The master token expression.

_SYM = r"[^\x00-\x20\xa0\"';()\[\]#`,\\]"          # a symbol constituent (no backslash)
_ATOM_FIRST = r"[^\x00-\x20\xa0\"';()\[\]#`,\\?.]"  # what starts a plain atom
DOT_FOLLOW = r"[\x00-\x20\"';(\[#?`,]"            # after '.', these make it the dotted-pair dot
CHAR_FOLLOW = r"[\x00-\x20\"';()\[\]#?`,.]"       # what may follow a character literal
_ESCAPED_TAIL = rf"{_SYM}*(?:\\[\s\S]{_SYM}*)*"

# A run of plain ASCII atoms separated by blanks ("setq a b") is one token,
# also right after an opening parenthesis ("(setq a b"), and so is a run of
# closing parentheses: split in C and looked up in a cache, the atoms spare
# the loop one turn each.
PLAIN_ATOM = r"(?>[A-Za-z0-9*+!$%&/:<=>@^_{}|~-][A-Za-z0-9*+!$%&/:<=>@^_{}|~.?-]*)"
ATOM_END = r"(?![^\x00-\x20\xa0\"';()\[\]#`,])"
RUN_OF_ATOMS = rf"{PLAIN_ATOM}(?:[ \t\n]++{PLAIN_ATOM})*{ATOM_END}"

(OPEN, CLOSE, RUN, ATOM, STRING, QUOTE_T, OPEN_VEC, CLOSE_VEC, FUNCTION_T, CHAR, BACKQUOTE_T,
 COMMA_T, DOT, SLOW_STRING, SLOW_CHAR, HASH, BACKSLASH_EOF, EOF) = range(1, 19)

TOKEN = re.compile(
    r"(?:[\x00-\x20\xa0]+|;[^\n]*)*"
    rf"(?:(\((?:{RUN_OF_ATOMS})?)"
    r"|(\)+)"
    rf"|({RUN_OF_ATOMS})"
    rf"|((?:{_ATOM_FIRST}|\.(?!{DOT_FOLLOW}|\Z)|\\[\s\S]){_ESCAPED_TAIL})"
    r'|("[^"\\\udc80-\udcff]*+(?:\\[\\"nt][^"\\\udc80-\udcff]*+)*+")'
    r"|(')"
    r"|(\[)"
    r"|(\])"
    r"|(#')"
    rf"|(\?[^\\](?={CHAR_FOLLOW}|\Z))"
    r"|(`)"
    r"|(,@?)"
    rf"|(\.)(?={DOT_FOLLOW}|\Z)"
    r'|(")'
    r"|(\?)"
    r"|(#)"
    r"|(\\)"
    r"|(\Z))")

NUMBER_START = frozenset("0123456789+-.")
ATOM_CACHE: dict[str, Any] = {}


def atom_value(token: str) -> Any:
    """The value of a plain atom (no escapes); symbols and integers are cached."""
    value: Any = parse_number(token) if token[0] in NUMBER_START else None
    if value is None:
        value = intern(token)
    elif isinstance(value, float):
        return value            # each float read is a new object, as in Emacs
    if len(ATOM_CACHE) < 1_000_000:
        ATOM_CACHE[token] = value
    return value


# Between top-level forms ``load`` skips blanks and comments only.
TOPLEVEL_SKIP = re.compile(r"(?:[ \t\n\f\r\xa0]+|;[^\n]*\n?)*")
UNESCAPE = re.compile(r"\\([\s\S])")
COMMON_ESCAPE = re.compile(r"\\(.)")
_COMMON_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t"}


def common_escape(match: re.Match[str]) -> str:
    """What one of the common string escapes (``\\\\ \\" \\n \\t``) stands for (``re.sub`` callback)."""
    return _COMMON_ESCAPES[match.group(1)]


#: The rest of a symbol after its first character, escapes included (``#:sym``, ``#_sym``).
SYMBOL_BODY = re.compile(_ESCAPED_TAIL)

# Frame kinds.
LIST, RECORD, VECTOR, BYTECODE, CHARTABLE, SUBCHARTABLE, PROPSTRING, WRAP, LABEL = range(9)
KIND_NAMES = {LIST: "list", RECORD: "record", VECTOR: "vector", BYTECODE: "byte-code object",
              CHARTABLE: "char-table", SUBCHARTABLE: "sub-char-table",
              PROPSTRING: "propertized string", WRAP: "quoted form", LABEL: "labelled form"}
VECTOR_KINDS = (VECTOR, BYTECODE, CHARTABLE, SUBCHARTABLE)


# An open container (or a quote / #N= waiting for its one value) is a list
# [KIND, ITEMS, POS, OFFSET, STATE, EXTRA] rather than an object: one is made
# for every parenthesis, and a list display costs a fifth of an instance.
# STATE (lists): 0 reading elements, 1 after the dot, 2 tail read.  EXTRA:
# the symbol of a WRAP, (number, placeholder) of a LABEL, a list's tail.
KIND, ITEMS, POS, OFFSET, STATE, EXTRA = range(6)
Frame = list


#: Open lists, vectors and quotes one form may nest.  Emacs 28.2 overflows its C
#: stack near 50,000 levels ("Re-entering top level after C stack overflow");
#: past this depth we stop with an error instead of spending seconds on it.
MAX_NESTING = 100_000


def too_deep(offset: int) -> ReaderSignal:
    """The error for a form nested past :data:`MAX_NESTING`."""
    return ReaderSignal("error", f"Nesting deeper than {MAX_NESTING} levels", offset,
                        "Emacs overflows its C stack before this depth")


def push_frame(stack: list[Any], kind: int, pos: tuple[int, int], offset: int,
               extra: Any = None) -> None:
    """Open a frame of ``kind`` on ``stack`` (``pos`` and ``offset``: where it opens)."""
    if len(stack) >= MAX_NESTING:
        raise too_deep(offset)
    stack.append([kind, [], pos, offset, 0, extra])
