"""Emacs regexps translated to Python ``re``.

The two syntaxes differ where it hurts: in Emacs ``(``, ``)``, ``|``, ``{``
and ``}`` are literal and their backslashed forms are the operators; a
backslash inside ``[...]`` is literal; ``*``/``+``/``?`` at the start of a
pattern (or of a group or alternative) are literal; ``^`` and ``$`` are
anchors only in context and otherwise match themselves; ``\\w`` is word
*syntax* (letters, digits and, in the standard syntax table, ``$`` and ``%``,
but not ``_``); groups may be numbered explicitly (``\\(?3:...\\)``).

Matching runs against the standard syntax table (what an init file sees:
Emacs loads it in a fundamental-mode buffer) and, as ``string-match``
does, folds case when ``case-fold-search`` is non-nil.  ``^``/``$`` match at
line boundaries inside the string (Python's MULTILINE), ``\\``` and ``\\'``
at the string's ends.

Group numbers: every Emacs group becomes the named Python group ``gN``;
:meth:`EmacsRegexp.match_data` returns positions in Emacs numbering.
"""

from __future__ import annotations

import functools
import os
import re

from elconf.errors import lisp_error

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

# Standard syntax table, ASCII part (observed in Emacs 28.2's fundamental mode).
_WORD_ASCII = "A-Za-z0-9$%"
_SYMBOL_ASCII = r"&*+\-/<=>_|"
_WHITESPACE = r" \t\n\r\f"
_WORD = rf"(?:[{_WORD_ASCII}]|[^\x00-\x7f\W_])"
_NOT_WORD = rf"(?:[^{_WORD_ASCII}\x80-\U0010ffff]|[^\x00-\x7f\w])"
_SYMBOL_CONSTITUENT = rf"(?:[{_WORD_ASCII}{_SYMBOL_ASCII}]|[^\x00-\x7f\W])"

_SYNTAX_CLASSES = {
    "-": f"[{_WHITESPACE}]", " ": f"[{_WHITESPACE}]",
    "w": _WORD,
    "_": f"[{_SYMBOL_ASCII}]",
    ".": r"""[!#',.:;?@^`~\x0b\x00-\x08\x0e-\x1f\x7f]""",
    "(": r"[(\[{]", ")": r"[)\]}]",
    '"': '["]', "\\": r"[\\]",
}

_CHAR_CLASSES = {
    "alpha": "", "alnum": "", "digit": "0-9", "xdigit": "0-9A-Fa-f",
    "upper": "", "lower": "", "space": _WHITESPACE, "blank": r" \t",
    "punct": r"!-/:-@\[-`{-~", "cntrl": r"\x00-\x1f", "ascii": r"\x00-\x7f",
    "nonascii": r"\x80-\U0010ffff", "graph": r"!-~\xa1-\U0010ffff", "print": r" -~\xa0-\U0010ffff",
    "word": _WORD_ASCII, "multibyte": r"\x80-\U0010ffff", "unibyte": r"\x00-\x7f",
}


class DataMatch:
    """A match rebuilt from match data (what a guarded search sends back)."""

    __slots__ = ("string", "data")

    def __init__(self, string: str, data: list[int | None]) -> None:
        self.string = string
        self.data = data

    def start(self) -> int:
        return self.data[0] or 0

    def end(self) -> int:
        return self.data[1] or 0

    def group(self, _n: int = 0) -> str:
        return self.string[self.start():self.end()]


#: Seconds a search with nested repetition may take before the sandbox stops it.
BACKTRACKING_SECONDS = 1.0


class EmacsRegexp:
    """A compiled Emacs regexp.

    A pattern with nested unbounded repetition (``\\(a*\\)*b``) can backtrack
    exponentially, in Emacs as in Python; such a search runs in a forked child
    with a time limit, and overrunning it is a sandbox limit, not a hang."""

    __slots__ = ("source", "compiled", "groups", "dangerous")

    def __init__(self, source: str, compiled: re.Pattern[str], groups: dict[int, list[str]],
                 dangerous: bool = False) -> None:
        self.source = source
        self.compiled = compiled
        self.groups = groups          # Emacs group number -> Python group names
        self.dangerous = dangerous

    def search(self, string: str, start: int = 0, *, time_left: float | None = None
               ) -> "re.Match[str] | DataMatch | None":
        """``time_left`` (what is left of the evaluator's budget) can only shorten
        BACKTRACKING_SECONDS."""
        if not self.dangerous or len(string) - start < 16 or not hasattr(os, "fork"):
            return self.compiled.search(string, start)
        timeout = BACKTRACKING_SECONDS if time_left is None else min(BACKTRACKING_SECONDS,
                                                                     time_left)
        data = _search_in_child(self, string, start, timeout)
        return None if data is None else DataMatch(string, data)

    def match_data(self, m: "re.Match[str] | DataMatch") -> list[int | None]:
        """[start0, end0, start1, end1, ...] in Emacs numbering, trailing unmatched groups dropped."""
        if isinstance(m, DataMatch):
            return list(m.data)
        data: list[int | None] = [m.start(), m.end()]
        top = max(self.groups, default=0)
        for n in range(1, top + 1):
            span = None
            for name in self.groups.get(n, ()):
                if m.group(name) is not None:
                    span = m.span(name)
            data.extend(span if span is not None else (None, None))
        while len(data) > 2 and data[-1] is None:
            del data[-2:]
        return data


def _search_in_child(rx: EmacsRegexp, string: str, start: int,
                     timeout: float) -> list[int | None] | None:
    """Run one search in a forked process; kill it after ``timeout`` seconds."""
    import json
    import select

    from elconf.errors import LimitExceeded

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:                                   # the child: search, report, exit at once
        try:
            os.close(read_end)
            m = rx.compiled.search(string, start)
            os.write(write_end, json.dumps(None if m is None else rx.match_data(m)).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], timeout)
        if not ready:
            os.kill(pid, 9)
            raise LimitExceeded("regexp backtracking (seconds)", round(timeout, 2))
        chunks = []
        while True:
            chunk = os.read(read_end, 65536)
            if not chunk:
                break
            chunks.append(chunk)
        return json.loads(b"".join(chunks) or b"null")
    finally:
        os.close(read_end)
        os.waitpid(pid, 0)


def compile_regexp(pattern: str, case_fold: bool = False) -> EmacsRegexp:
    return _compile(pattern, case_fold)


@functools.lru_cache(maxsize=512)
def _compile(pattern: str, case_fold: bool) -> EmacsRegexp:
    translated, groups = translate(pattern, case_fold)
    flags = re.MULTILINE | (re.IGNORECASE if case_fold else 0)
    try:
        return EmacsRegexp(pattern, re.compile(translated, flags), groups,
                           re.search(_NESTED_REPETITION, translated) is not None)
    except re.error as exc:
        raise lisp_error("invalid-regexp", str(exc)) from None


def translate(pattern: str, case_fold: bool = False) -> tuple[str, dict[int, list[str]]]:
    """Emacs regexp -> (Python regexp, Emacs group number -> Python group names)."""
    out: list[str] = []
    groups: dict[int, list[str]] = {}
    open_groups: list[int] = []
    highest = 0
    i, n = 0, len(pattern)
    at_start = True        # where ^ is an anchor and * is literal
    last_atom_start = -1   # index in `out` of the last atom, for repetition

    def emit(text: str, atom: bool = True) -> None:
        nonlocal at_start, last_atom_start
        if atom:
            last_atom_start = len(out)
        out.append(text)
        at_start = False

    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                raise lisp_error("invalid-regexp", "Trailing backslash")
            d = pattern[i + 1]
            i += 2
            if d == "(":
                explicit = None
                if pattern.startswith("?:", i):
                    i += 2
                    out.append("(?:")
                    open_groups.append(0)
                    at_start = True
                    continue
                if pattern.startswith("?", i):
                    j = i + 1
                    while j < n and pattern[j].isdigit():
                        j += 1
                    if j < n and pattern[j] == ":" and j > i + 1:
                        explicit = int(pattern[i + 1:j])
                        i = j + 1
                    else:
                        raise lisp_error("invalid-regexp", "Invalid regular expression")
                number = explicit if explicit is not None else highest + 1
                highest = max(highest, number)
                names = groups.setdefault(number, [])
                name = f"g{number}" if not names else f"g{number}_{len(names)}"
                names.append(name)
                out.append(f"(?P<{name}>")
                open_groups.append(number)
                at_start = True
                continue
            if d == ")":
                if not open_groups:
                    raise lisp_error("invalid-regexp", "Unmatched ) or \\)")
                start_marker = _find_group_start(out)
                open_groups.pop()
                out.append(")")
                last_atom_start = start_marker
                at_start = False
                continue
            if d == "|":
                out.append("|")
                at_start = True
                continue
            if d == "{":
                j = pattern.find("\\}", i)
                if j < 0 or last_atom_start < 0:
                    raise lisp_error("invalid-regexp", "Invalid content of \\{\\}")
                body = pattern[i:j]
                if not re.fullmatch(r"\d*(,\d*)?", body):
                    raise lisp_error("invalid-regexp", "Invalid content of \\{\\}")
                lo, _, hi = body.partition(",")
                quant = "{" + (lo or "0") + ("," + hi if "," in body else "") + "}"
                _wrap_last(out, last_atom_start)
                out.append(quant)
                i = j + 2
                continue
            if d.isdigit() and d != "0":
                if int(d) not in groups:
                    raise lisp_error("invalid-regexp", "Invalid back reference")
                emit("(?:" + "|".join(f"(?P={g})" for g in groups[int(d)]) + ")"
                     if len(groups[int(d)]) > 1 else f"(?P={groups[int(d)][0]})")
                continue
            simple = {"w": _WORD, "W": _NOT_WORD, "`": r"\A", "'": r"\Z", "=": "",
                      "b": rf"(?:(?<!{_WORD})(?={_WORD})|(?<={_WORD})(?!{_WORD}))",
                      "B": rf"(?:(?<={_WORD})(?={_WORD})|(?<!{_WORD})(?!{_WORD}))",
                      "<": rf"(?<!{_WORD})(?={_WORD})", ">": rf"(?<={_WORD})(?!{_WORD})"}
            if d in simple:
                emit(simple[d], atom=d in "wW")
                continue
            if d == "_" and i < n and pattern[i] in "<>":
                sym = _SYMBOL_CONSTITUENT
                emit(f"(?<!{sym})(?={sym})" if pattern[i] == "<" else f"(?<={sym})(?!{sym})", atom=False)
                i += 1
                continue
            if d in "sS" and i < n:
                cls = _SYNTAX_CLASSES.get(pattern[i])
                if cls is None:
                    raise lisp_error("invalid-regexp", "Invalid syntax designator")
                emit(cls if d == "s" else f"(?:(?!{cls})(?s:.))")
                i += 1
                continue
            if d in "cC" and i < n:
                i += 1      # categories: approximated as any character
                emit("(?s:.)" if d == "c" else "(?!)")
                continue
            emit(re.escape(d))
            continue
        if c == "[":
            j, cls = _bracket(pattern, i, case_fold)
            emit(cls)
            i = j
            continue
        if c in "*+?":
            if at_start or last_atom_start < 0:
                emit(re.escape(c))
                i += 1
                continue
            _wrap_last(out, last_atom_start)
            op = c
            i += 1
            if i < n and pattern[i] == "?":
                op += "?"
                i += 1
            while i < n and pattern[i] in "*+?":   # Emacs allows stacked operators: a** == a*
                i += 1
            out.append(op)
            continue
        if c == "^":
            if at_start:
                out.append("^")
            else:
                emit(r"\^")
            i += 1
            continue
        if c == "$":
            rest = pattern[i + 1:]
            if not rest or rest.startswith("\\)") or rest.startswith("\\|"):
                out.append("$")
                at_start = False
            else:
                emit(r"\$")
            i += 1
            continue
        if c == ".":
            emit(".")
            i += 1
            continue
        emit(re.escape(c))
        i += 1
    if open_groups:
        raise lisp_error("invalid-regexp", "Unmatched [ or [^" if False else "Unmatched ( or \\(")
    return "".join(out), groups


# A group that contains an unbounded repetition and is itself repeated without
# bound: the shape of exponential backtracking (checked on the translated text).
_NESTED_REPETITION = r"[*+}][?]?\)(?:[*+]|\{\d*,\})"   # compiled (and cached) by re at first use


def _find_group_start(out: list[str]) -> int:
    depth = 0
    for k in range(len(out) - 1, -1, -1):
        piece = out[k]
        if piece == ")":
            depth += 1
        elif piece.startswith("(?P<") or piece == "(?:":
            if depth == 0:
                return k
            depth -= 1
    return 0


def _wrap_last(out: list[str], start: int) -> None:
    """Make the last atom a single unit before a postfix operator."""
    piece = "".join(out[start:])
    if piece.endswith("}") or piece.endswith(("*", "+", "?")):
        del out[start:]
        out.append(f"(?:{piece})")


def _bracket(pattern: str, i: int, case_fold: bool = False) -> tuple[int, str]:
    """Translate ``[...]`` starting at ``pattern[i]``; returns (next index, Python regexp)."""
    n = len(pattern)
    j = i + 1
    negate = j < n and pattern[j] == "^"
    if negate:
        j += 1
    items: list[str] = []
    unicode_classes: list[str] = []     # Python classes for Unicode-wide [:alpha:] etc.
    first = True
    while True:
        if j >= n:
            raise lisp_error("invalid-regexp", "Unmatched [ or [^")
        c = pattern[j]
        if c == "]" and not first:
            j += 1
            break
        first = False
        if c == "[" and pattern.startswith("[:", j):
            end = pattern.find(":]", j + 2)
            if end > 0:
                name = pattern[j + 2:end]
                if name not in _CHAR_CLASSES:
                    raise lisp_error("invalid-regexp", "Invalid character class name")
                if case_fold and name in ("upper", "lower"):
                    name = "alpha"       # Emacs: with case folding both match any cased letter
                if name in _UNICODE_CLASSES:
                    unicode_classes.append(_UNICODE_CLASSES[name])
                else:
                    items.append(_CHAR_CLASSES[name])
                j = end + 2
                continue
        if j + 2 < n and pattern[j + 1] == "-" and pattern[j + 2] != "]":
            lo, hi = c, pattern[j + 2]
            if ord(lo) <= ord(hi):
                items.append(f"{_esc(lo)}-{_esc(hi)}")
            j += 3
            continue
        items.append(_esc(c))
        j += 1
    alternatives = ([f"[{''.join(items)}]"] if items else []) + unicode_classes
    if not alternatives:
        return j, "(?s:.)" if negate else "(?!)"
    union = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    if negate:
        return j, f"(?:(?!{union})(?s:.))"
    return j, union


_UNICODE_CLASSES = {"alpha": r"[^\W\d_]", "alnum": r"[^\W_]",
                    # Latin-1 approximation: Python has no Unicode upper/lower class
                    "upper": "[A-Z\u00c0-\u00d6\u00d8-\u00de]", "lower": "[a-z\u00df-\u00f6\u00f8-\u00ff]"}


def _esc(c: str) -> str:
    return "\\" + c if c in "\\]^-[" else c


def regexp_quote(text: str) -> str:
    """``regexp-quote``: backslash the characters special in Emacs regexps."""
    return "".join("\\" + c if c in "[*.\\?+^$" else c for c in text)


def expand_replacement(template: str, string: str, data: list[int | None], literal: bool) -> str:
    r"""The text ``replace-match`` inserts: ``\&``, ``\N``, ``\\`` expanded unless LITERAL."""
    if literal:
        return template
    out: list[str] = []
    i = 0
    while i < len(template):
        c = template[i]
        if c == "\\" and i + 1 < len(template):
            d = template[i + 1]
            i += 2
            if d == "&":
                out.append(string[data[0]:data[1]])   # type: ignore[misc]
            elif d.isdigit():
                k = int(d)
                if 2 * k + 1 < len(data) and data[2 * k] is not None:
                    out.append(string[data[2 * k]:data[2 * k + 1]])  # type: ignore[misc]
                elif k > 0 and 2 * k + 1 >= len(data) + 0 and False:
                    pass
            elif d == "\\":
                out.append("\\")
            elif d == "?":
                raise lisp_error("error", "Invalid use of `\\' in replacement text")
            else:
                raise lisp_error("error", "Invalid use of `\\' in replacement text")
            continue
        out.append(c)
        i += 1
    return "".join(out)


def case_adjust(replacement: str, matched: str) -> str:
    """``replace-match`` without FIXEDCASE: follow the case pattern of the matched text."""
    letters = [c for c in matched if c.isalpha()]
    if not letters or not any(c.isupper() for c in letters):
        return replacement
    words = re.findall(r"[^\W_]+", matched)
    all_caps = all(c.isupper() for c in letters) and any(len(w) > 1 for w in words)
    if all_caps:
        return replacement.upper()
    if all(w[0].isupper() or not w[0].isalpha() for w in words):
        return re.sub(r"[^\W_]+", lambda m: m.group(0)[0].upper() + m.group(0)[1:], replacement)
    return replacement


__all__ = ["EmacsRegexp", "compile_regexp", "translate", "regexp_quote", "expand_replacement",
           "case_adjust", "Any"]
