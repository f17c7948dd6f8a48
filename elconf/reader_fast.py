"""The reader's fast path: whole top-level forms from one ``findall`` per chunk of text.

:class:`elconf.reader.Reader` matches one token per ``re`` call and handles
every syntax Emacs 28.2 reads.  Most of an init file (or of Emacs's own
sources) is lists, plain symbols and numbers, plain strings, quotes, vectors,
dotted pairs and plain character literals; for those, this module splits a
chunk of text into tokens in a single C call (:data:`FAST_TOKEN`, one capture
group: the token with the blanks after it, so offsets are running sums of
lengths) and builds the forms in one flat loop that dispatches on a token's
first character.

Anything else in a form (a backslash escape outside the common string ones, a
``#`` syntax other than ``#'``, a raw byte, a misplaced dot or parenthesis, the
end of the text inside a form) is *hard*: the loop stops and the whole form is
read again by :meth:`Reader.read`, which produces the value or the exact error.
So the fast path never decides anything the general reader would decide
differently; it only skips its per-token overhead where nothing unusual
happens.  Tests (tests/reader/test_fast_path.py) compare both on every corpus
file and on generated text.

Chunks end just before a ``(`` that starts a line (where top-level forms
start); a form that runs past the end of its chunk is tokenized again with a
chunk twice as long.  Blanks after a token are only space, tab and newline;
other blanks and comments are tokens of their own, skipped.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right

from elconf.reader_escapes import ReaderSignal, char_code, read_char_literal, read_string
from elconf.types import FUNCTION, NIL, QUOTE, BACKQUOTE, COMMA, COMMA_AT, Cons, Vector

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

    from elconf.reader import Reader

from elconf.reader import Form
from elconf.reader_grammar import (ATOM_CACHE, ATOM_END, CHAR_FOLLOW, COMMON_ESCAPE, DOT_FOLLOW, PLAIN_ATOM,
                                   RUN_OF_ATOMS, TOPLEVEL_SKIP, atom_value, common_escape)

_BLANKS = r"[ \t\n]*+"
# Characters str.split() takes for blanks that a symbol may contain: an atom with one
# of them is hard (a run of atoms is split with str.split()).
_UNICODE_BLANKS = "\x85\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_ATOM_FIRST_SPLITTABLE = rf"[^\x00-\x20\xa0\"';()\[\]#`,\\?.{_UNICODE_BLANKS}]"
_SYM_SPLITTABLE = rf"[^\x00-\x20\xa0\"';()\[\]#`,\\{_UNICODE_BLANKS}]"
FAST_TOKEN = re.compile(
    "("
    rf"\((?:{RUN_OF_ATOMS})?{_BLANKS}(?:\){_BLANKS})?"                # "(" with the plain atoms after it
    #                                                         and the ")" of a list of only them
    rf"|\)++{_BLANKS}"                                      # a run of ")"
    rf"|{RUN_OF_ATOMS}{_BLANKS}"                                     # plain atoms separated by blanks
    r'|"[^"\\\udc80-\udcff]*+(?:\\[\s\S][^"\\\udc80-\udcff]*+)*+"' + _BLANKS +   # a string
    rf"|#?'{PLAIN_ATOM}{ATOM_END}{_BLANKS}"                 # a quoted plain atom
    rf"|(?:'|#'|`|,@?|\[|\]){_BLANKS}"                        # quotes, brackets
    rf"|\?[^\\](?={CHAR_FOLLOW}|\Z){_BLANKS}"               # a plain character literal
    rf"|\?\\[\s\S][^\x00-\x20\xa0\"';()\[\]#`,]*+{_BLANKS}"   # one with an escape
    rf"|\.(?={DOT_FOLLOW}|\Z){_BLANKS}"                     # the dot of a dotted pair
    rf"|(?:{_ATOM_FIRST_SPLITTABLE}|\.(?!{DOT_FOLLOW}|\Z)){_SYM_SPLITTABLE}*+{ATOM_END}{_BLANKS}"
    r"|;[^\n]*+[ \t\n]*+"                                   # a comment
    r"|[\x00-\x20\xa0]++"                                   # other blanks
    r"|[\s\S]"                                              # anything else: hard
    ")")

#: Characters per chunk: the first after a form the general reader read, and at most.
FIRST_CHUNK = 4096
CHUNK = 65536
#: Characters the compiled scanner starts forms in per call: small, so that a caller that
#: drops each form soon after (``read --check``) frees it before the cyclic collector,
#: enabled again between calls, scans it (64 KiB cost a third more than 8 KiB).
COMPILED_CHUNK = 8192
_UNCOMMON_ESCAPE = re.compile(r'\\[^\\"nt]')
_SKIP_FIRST = frozenset(";\xa0" + "".join(map(chr, range(0x21))))
_ATOM_OTHER = frozenset("\"'()[]`,?;#\\.\xa0" + "".join(map(chr, range(0x21))))
# What may follow an atom (or the end), and the dot of a dotted pair: a one-character
# token followed by anything else is the last alternative of FAST_TOKEN, not an atom.
_ATOM_FOLLOW = frozenset("\"';()[]#`,\xa0" + "".join(map(chr, range(0x21))))
_DOT_FOLLOW_SET = frozenset("\"';([#?`," + "".join(map(chr, range(0x21))))
_WRAPPERS = {"'": QUOTE, "#": FUNCTION, "`": BACKQUOTE}

# Frame kinds: a list reading elements, a list after its dot, a list with its
# tail read, a vector, a quote-like prefix waiting for its form.
LIST, AFTER_DOT, TAIL_READ, VECTOR, WRAP = range(5)

#: Open lists, vectors and quotes past which a form goes to the general reader, which has
#: its own limit and error (reader.MAX_NESTING); the C scanner hands off at the same depth.
MAX_DEPTH = 10_000

# What fast_forms reports: the chunk is done; a form needs the general reader;
# the chunk ended inside a form.
DONE, HARD, INCOMPLETE = range(3)


def load_compiled(honour_env: bool = True) -> "Any":
    """The compiled twin of this fast path (elconf/_readerc.c), configured with the objects
    it builds and calls; None when it is not built or (``honour_env``) ``ELCONF_PURE_READER``
    is set (tests compare both readers in one run whatever the switch says)."""
    import os

    if honour_env and os.environ.get("ELCONF_PURE_READER", "") not in ("", "0"):
        return None
    try:
        from elconf import _readerc  # type: ignore[attr-defined]
    except ImportError:
        return None
    _readerc.configure(Cons, NIL, QUOTE, FUNCTION, BACKQUOTE, COMMA, COMMA_AT, Vector, Form,
                       atom_value, ATOM_CACHE, read_string, read_char_literal, ReaderSignal)
    return _readerc


#: The compiled reader module, or None: the pure-Python path below reads the same forms.
compiled = load_compiled()


def _uncollected(read: "Any", *args: "Any") -> "Any":
    """``read(*args)`` with the cyclic collector paused: it makes many objects and no
    cycles (see Reader.read)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return read(*args)
    finally:
        if collecting:
            gc.enable()


def read_all(reader: "Reader") -> "Any":
    """The top-level forms of ``reader.text`` (a generator of :class:`Form`), as
    :func:`elconf.reader.read_forms` reads them."""
    if compiled is not None:
        return _read_all_compiled(reader, compiled.scan)
    return _read_all_python(reader)


def _read_all_compiled(reader: "Reader", scan: "Any") -> "Any":
    """:func:`read_all` by the compiled scanner: it reads forms up to a hard one, which the
    general reader reads (value or error); then the scanner goes on after it."""
    text = reader.text
    n = len(text)
    pos = 0
    last_end = 0
    line, line_start = 1, 0
    while pos < n:
        forms: list[Form] = []
        status, pos = _uncollected(scan, text, pos, pos + COMPILED_CHUNK, line, line_start, forms)
        if forms:
            last_end = forms[-1].end
            yield from forms
        if status != DONE:
            # The general reader reads this form (or raises its error).
            value, start, end = reader.read(pos)
            line, col = reader.start_position
            yield Form(value, line, col, start, end)
            pos = last_end = end
        if pos < n:
            starts = reader.lines.starts
            line = bisect_right(starts, pos)
            line_start = starts[line - 1]
    yield from _after_last_form(reader, last_end)


def _after_last_form(reader: "Reader", last_end: int) -> "Any":
    """After the last form only what `load' skips may follow; anything else (a control
    character) goes to `read', which reaches the end of the text in it."""
    text = reader.text
    n = len(text)
    pos = TOPLEVEL_SKIP.match(text, last_end).end()  # type: ignore[union-attr]
    while pos < n:
        value, start, end = reader.read(pos)
        line, col = reader.start_position
        yield Form(value, line, col, start, end)
        pos = TOPLEVEL_SKIP.match(text, end).end()  # type: ignore[union-attr]


def _read_all_python(reader: "Reader") -> "Any":
    """:func:`read_all` in pure Python: ``findall`` per chunk and :func:`fast_forms`."""
    text = reader.text
    n = len(text)
    pos = 0
    last_end = 0
    chunk = FIRST_CHUNK
    findall = FAST_TOKEN.findall
    while pos < n:
        boundary = text.find("\n(", pos + chunk)
        endpos = n if boundary < 0 else boundary + 1
        forms: list[Form] = []
        status, pos = _uncollected(fast_forms, reader, findall(text, pos, endpos), pos, forms)
        if forms:
            last_end = forms[-1].end
            yield from forms
        if status == INCOMPLETE and endpos < n:
            chunk *= 2              # a form longer than the chunk: once more, with room for it
            continue
        chunk = min(chunk * 2, CHUNK)
        if status != DONE:
            chunk = FIRST_CHUNK     # what follows a hard form may be hard too: tokenize little

            # The general reader reads this form (or raises its error).
            value, start, end = reader.read(pos)
            line, col = reader.start_position
            yield Form(value, line, col, start, end)
            pos = last_end = end
    yield from _after_last_form(reader, last_end)


def fast_forms(reader: "Reader", tokens: list[str], pos: int, forms: list[Form]) -> tuple[int, int]:
    """Read the forms made of ``tokens`` (starting at offset ``pos``) into ``forms``.

    Returns ``(DONE, end)`` when every token was used, ``(HARD, offset)`` when
    the form starting at ``offset`` needs the general reader, and
    ``(INCOMPLETE, offset)`` when the tokens end inside the form starting there.
    """
    # The hot loop: flat and local-variable heavy on purpose.
    text = reader.text
    line_starts = reader.lines.starts
    cache_get = ATOM_CACHE.get
    run_get = _RUN_CACHE.get
    new_object = object.__new__
    stack: list[list[Any]] = []
    items: list[Any] | None = None      # the innermost frame's elements when it is a plain list
    pending: list[Any] | None = None    # the atoms of a run after its first, outside a plain list
    form_start = pos
    value: Any
    for tok in tokens:
        c = tok[0]
        if c == "(" and ")" not in tok:
            if not stack:
                form_start = pos
            line = bisect_right(line_starts, pos)
            known = run_get(tok)
            if known is None:
                known = _run_values(tok, 1)
            items = [*known]
            if len(stack) >= MAX_DEPTH:
                return HARD, form_start
            stack.append([LIST, items, (line, pos - line_starts[line - 1] + 1), None])
            pos += len(tok)
            continue
        elif c == ")":
            closes = tok.count(")")
            here = pos
            pos += len(tok)
            for k in range(closes):
                if not stack:
                    return HARD, here + k        # a ")" at top level: read signals it
                frame = stack.pop()
                kind = frame[0]
                if kind == LIST:
                    value = NIL
                elif kind == TAIL_READ:
                    value = frame[3]
                else:
                    return HARD, form_start
                where = frame[2]
                for item in reversed(frame[1]):
                    # Cons(item, value, where) without the Python-level __init__ call.
                    cell = new_object(Cons)
                    cell.car = item
                    cell.cdr = value
                    cell.pos = where
                    value = cell
                # Give the list to the frame around it: a plain list here (most lists
                # are inside one), anything else by _deliver.
                if stack and stack[-1][0] == LIST:
                    items = stack[-1][1]
                    items.append(value)
                    continue
                outcome, items = _deliver(stack, value)
                if outcome == HARD:
                    return HARD, form_start
                if outcome == DONE:
                    forms.append(_form(items, line_starts, form_start, here + k + 1))
                    if k + 1 < closes:
                        return HARD, here + k + 1    # more ")" than lists: read signals it
                    items = None
            continue
        elif c == "'" or c == "#" or c == "`" or c == ",":
            if c == "#" and (len(tok) < 2 or tok[1] != "'"):
                return HARD, (form_start if stack else pos)
            line = bisect_right(line_starts, pos)
            where = (line, pos - line_starts[line - 1] + 1)
            quoted = 2 if c == "#" else 1
            if len(tok) > quoted and tok[quoted] not in " \t\n" and c != "`" and c != ",":
                # "'foo" or "#'foo": the quote and a plain atom, one token.
                atom = tok[quoted:].rstrip(" \t\n")
                value = cache_get(atom)
                if value is None:
                    value = atom_value(atom)
                value = Cons(_WRAPPERS[c], Cons(value, NIL, where), where)
                end = quoted + len(atom)
            else:
                if not stack:
                    form_start = pos
                symbol = _WRAPPERS[c] if c != "," else (COMMA_AT if tok[1:2] == "@" else COMMA)
                if len(stack) >= MAX_DEPTH:
                    return HARD, form_start
                stack.append([WRAP, None, where, symbol])
                items = None
                pos += len(tok)
                continue
        elif c == "(":
            # "(a b c)": a whole list of plain atoms, one token.
            known = run_get(tok)
            end = tok.index(")")
            if known is None:
                known = _run_values(tok, 1, end)
            line = bisect_right(line_starts, pos)
            where = (line, pos - line_starts[line - 1] + 1)
            value = NIL
            for item in reversed(known):
                cell = new_object(Cons)
                cell.car = item
                cell.cdr = value
                cell.pos = where
                value = cell
            end += 1
        elif c == '"':
            if len(tok) == 1 or '"' not in tok[1:]:
                return HARD, (form_start if stack else pos)
            end = tok.rindex('"')
            value = tok[1:end]
            end += 1
            if "\\" in value:
                if _UNCOMMON_ESCAPE.search(value) is None:      # only \\ \" \n \t
                    value = COMMON_ESCAPE.sub(common_escape, value)
                else:
                    # The escapes of reader_escapes; one that takes a quote (\C-") ends
                    # the string elsewhere than FAST_TOKEN thought: hard.
                    try:
                        value, after = read_string(text, pos + 1)
                    except ReaderSignal:
                        return HARD, (form_start if stack else pos)
                    if after != pos + end:
                        return HARD, (form_start if stack else pos)
        elif c in _SKIP_FIRST:
            pos += len(tok)
            continue
        elif c == "[":
            if not stack:
                form_start = pos
            elif len(stack) >= MAX_DEPTH:
                return HARD, form_start
            stack.append([VECTOR, [], None, None])
            items = None
            pos += len(tok)
            continue
        elif c == "]":
            if not stack or stack[-1][0] != VECTOR:
                return HARD, (form_start if stack else pos)
            value = Vector(stack.pop()[1])
            end = 1
        elif c == "?":
            if len(tok) == 1:
                return HARD, (form_start if stack else pos)
            if tok[1] == "\\":
                try:
                    value, after = read_char_literal(text, pos + 1)
                except ReaderSignal:
                    return HARD, (form_start if stack else pos)
                end = after - pos
                if end != len(tok.rstrip(" \t\n")):     # FAST_TOKEN split it elsewhere
                    return HARD, (form_start if stack else pos)
            else:
                code = char_code(tok[1])
                value = code - 0x3FFF00 if code >= 0x3FFF80 else code
                end = 2
        elif c == ".":
            if len(tok) == 1:
                following = text[pos + 1:pos + 2]
                dot = following == "" or following in _DOT_FOLLOW_SET
                if not dot and following not in _ATOM_FOLLOW:
                    return HARD, (form_start if stack else pos)     # ".\x": not for this path
            else:
                dot = tok[1] in " \t\n"
            if dot:
                # The dot of a dotted pair: only after an element of a plain list.
                frame = stack[-1] if stack else None
                if frame is None or frame[0] != LIST or not frame[1]:
                    return HARD, (form_start if stack else pos)
                frame[0] = AFTER_DOT
                items = None
                pos += len(tok)
                continue
            atom = tok.rstrip(" \t\n")
            value = cache_get(atom)
            if value is None:
                value = atom_value(atom)
            end = len(atom)
        elif c in _ATOM_OTHER:
            return HARD, (form_start if stack else pos)
        else:
            # Plain atoms ("a b c"), or one atom with other characters in it.
            if items is not None and len(tok) > 1:
                known = run_get(tok)
                if known is None:
                    known = _run_values(tok)
                if known:
                    items.extend(known)
                    pos += len(tok)
                    continue
            atoms = tok.split()
            if not atoms:          # a blank str.split() knows and Emacs does not
                return HARD, (form_start if stack else pos)
            values = list(map(cache_get, atoms))
            if None in values:
                values = [atom_value(a) if v is None else v for v, a in zip(values, atoms)]
            if items is not None:
                if len(tok) == 1 and text[pos + 1:pos + 2] not in _ATOM_FOLLOW:
                    return HARD, form_start          # not an atom: a character FAST_TOKEN left over
                items.extend(values)
                pos += len(tok)
                continue
            if len(tok) == 1 and text[pos + 1:pos + 2] not in _ATOM_FOLLOW:
                return HARD, (form_start if stack else pos)
            value = values[0]
            end = len(atoms[0])
            if len(values) > 1:
                # A run outside a plain list ("[a b c]", "'a b"): the rest go where the
                # first went, once it is delivered below.
                if not stack or (stack[-1][0] != VECTOR and stack[-1][0] != WRAP):
                    return HARD, (form_start if stack else pos)
                pending = values
        # A value is complete (``end``: its length in ``tok``): give it to the innermost frame.
        if items is not None:
            items.append(value)
            pos += len(tok)
            continue
        if not stack and c != "]":
            form_start = pos
        here = pos
        pos += len(tok)
        outcome, items = _deliver(stack, value)
        if outcome == HARD:
            return HARD, form_start
        if outcome == DONE:
            forms.append(_form(items, line_starts, form_start, here + end))
            items = None
        if pending is not None:
            rest = pending[1:]
            pending = None
            if items is not None:
                items.extend(rest)
            elif stack and stack[-1][0] == VECTOR:
                stack[-1][1].extend(rest)
            elif stack:
                return HARD, form_start
            else:       # "'a b" at top level: the general reader reads "b" on
                after = tok[end:]
                return HARD, here + end + len(after) - len(after.lstrip(" \t\n"))
    if stack:
        return INCOMPLETE, form_start
    return DONE, pos


def _deliver(stack: list[list[Any]], value: Any) -> tuple[int, Any]:
    """Give a finished ``value`` to the innermost open frame, closing the quotes it
    completes on the way out.

    Returns ``(INCOMPLETE, items)`` when a frame took it (``items``: the element list
    of the plain list that did, else None), ``(DONE, form)`` when it completed the
    top-level ``form``, ``(HARD, None)`` when the frame cannot take a value here (a
    list's tail already read): the general reader decides.
    """
    while stack:
        frame = stack[-1]
        kind = frame[0]
        if kind == LIST:
            frame[1].append(value)
            return INCOMPLETE, frame[1]
        if kind == WRAP:
            stack.pop()
            where = frame[2]
            value = Cons(frame[3], Cons(value, NIL, where), where)
            continue
        if kind == VECTOR:
            frame[1].append(value)
            return INCOMPLETE, None
        if kind == AFTER_DOT:
            frame[0] = TAIL_READ
            frame[3] = value
            return INCOMPLETE, None
        return HARD, None
    return DONE, value


#: "(setq a b " and "a b\n  " -> the values of their atoms (floats excepted: each
#: float read is a new object, as in Emacs).  Tokens repeat a lot in Lisp code.
_RUN_CACHE: dict[str, tuple[Any, ...]] = {}


def _run_values(token: str, start: int = 0, end: int | None = None) -> tuple[Any, ...]:
    """The values of the atoms of a run of plain atoms in ``token[start:end]`` (kept in
    :data:`_RUN_CACHE` under ``token``)."""
    atoms = token[start:end].split()
    get = ATOM_CACHE.get
    values = tuple(map(get, atoms))
    if None in values:
        values = tuple(atom_value(a) if v is None else v for v, a in zip(values, atoms))
        if any(type(v) is float for v in values):
            return values
    if len(_RUN_CACHE) < 200_000:
        _RUN_CACHE[token] = values
    return values


def _form(value: Any, line_starts: list[int], start: int, end: int) -> Form:
    line = bisect_right(line_starts, start)
    return Form(value, line, start - line_starts[line - 1] + 1, start, end)
