"""Header block helpers: where the header ends, and the edits smtpmail makes.

The header is a ``str`` with LF line ends (raw bytes as lone surrogates).
Emacs does all of this with regexp searches bounded by the header end
(``delimline``); the functions here do the same on the header text alone,
so the body never has to be in memory.

A plain send does not import :mod:`re` (with enum and functools it is a
good part of elsend's start-up): fields are found by name with string
methods (:func:`name_spans`), which give what the regexps give on ASCII text;
a header with other characters, and the rare edits, take the regexp
(tests/smtp/test_header_scans.py compares the two).
"""

from __future__ import annotations


def first_of(text: str, stops: str, end: int) -> int:
    """Where the first of the characters ``stops`` is in ``text[:end]``, else ``end``
    (``re.match('[^STOPS]*', text).end()`` bounded by ``end``, without re)."""
    for stop in stops:
        found = text.find(stop, 0, end)
        if found >= 0:
            end = found
    return end


def name_spans(text: str, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """The (start, end) of each line start of ``text`` where one of ``names`` begins,
    ignoring case, in order.

    The spans of ``re.finditer("^(?:NAME1|NAME2...)", text, re.IGNORECASE |
    re.MULTILINE)`` with the names escaped.  On ASCII text, str.lower agrees with
    re's case folding (which also folds ``\\u017f`` to s and ``\\u212a`` to k), so it is
    searched with ``str.find`` on the lowered text, in C; other text takes re.
    """
    if text.isascii() and all(name.isascii() for name in names):
        low = text.lower()
        found: dict[int, int] = {}
        for name in names:
            name = name.lower()
            if low.startswith(name):
                found.setdefault(0, len(name))
            needle = "\n" + name
            at = low.find(needle)
            while at >= 0:
                found.setdefault(at + 1, len(name))
                at = low.find(needle, at + 1)
        return [(start, start + found[start]) for start in sorted(found)]
    import re

    pattern = "^(?:" + "|".join(re.escape(name) for name in names) + ")"
    return [m.span() for m in re.finditer(pattern, text, re.IGNORECASE | re.MULTILINE)]


def is_header_end_line(line: str) -> bool:
    """True if ``line`` (with its trailing LF) ends the header as ``rfc822-goto-eoh`` says.

    The header ends at the first line that is empty, starts with a colon, or
    starts with a run of non-colon, non-blank characters followed by a blank
    or the line end (not a "Name:" line): ``re.match(r'(?:[:\\n]|[^: \\t\\n]+[ \\t\\n])',
    line)``, without re (every header line passes here).
    """
    if not line:
        return False
    if line[0] in ":\n":
        return True
    for i in range(len(line)):
        if line[i] in ": \t\n":
            return i > 0 and line[i] != ":"
    return False


def has_field(header: str, name: str) -> bool:
    """True if a line starts with ``NAME:`` (case-insensitive, no blank before the colon)."""
    return bool(name_spans(header, (name + ":",)))


# Emacs's \b after the blank Subject lines: a word character follows.  In the
# standard syntax table letters and digits are word constituents, "_" is not.
_EMPTY_SUBJECT = r'^Subject:(?:[ \t]*\n)+(?=[^\W_]|\Z)'
_EMPTY_SUBJECT_AT_END = r'^Subject:(?:[ \t]*\n)+'


def remove_empty_subject(header: str) -> str:
    """Drop a ``Subject:`` that holds only blanks, as ``smtpmail-send-it`` does.

    Only one Subject is removed: the first blank one followed by a line that
    starts with a word character, or else a blank one ending the header.
    """
    for _start, end in name_spans(header, ("Subject:",)):
        eol = header.find("\n", end)
        if eol >= 0 and not header[end:eol].strip(" \t"):
            break
    else:
        return header           # no blank Subject line: neither regexp can match
    import re

    m = re.search(_EMPTY_SUBJECT, header, re.IGNORECASE | re.MULTILINE)
    if m is None:
        m = re.search(_EMPTY_SUBJECT_AT_END, header, re.IGNORECASE | re.MULTILINE)
        if m is None or m.end() != len(header):
            return header
    return header[:m.start()] + header[m.end():]


def remove_fields(header: str, names: tuple[str, ...]) -> str:
    """Delete every field whose line starts with one of ``names`` (ignoring case) and
    its continuation lines.

    This is ``smtpmail-do-bcc`` for ``("Bcc:", "Resent-Bcc:")`` (its regexp
    ``^\\(RESENT-\\)?Bcc:``).
    """
    while spans := name_spans(header, names):
        start = spans[0][0]
        end = header.find("\n", start)
        end = len(header) if end < 0 else end + 1
        while end < len(header) and header[end] in " \t":
            nl = header.find("\n", end)
            if nl < 0:  # a continuation line needs its newline to be removed
                break
            end = nl + 1
        header = header[:start] + header[end:]
    return header


def take_fcc_fields(header: str) -> tuple[str, list[str]]:
    """Remove ``Fcc:`` lines as ``mail-do-fcc`` does; return the header and file names.

    Only the Fcc line itself goes (a continuation line would stay); the
    names come back in the order Emacs writes them: last field first.
    """
    names: list[str] = []
    while spans := name_spans(header, ("Fcc:",)):
        start, end = spans[0]
        while end < len(header) and header[end] in " \t":    # ^Fcc:[ \t]*
            end += 1
        eol = header.find("\n", end)
        eol = len(header) if eol < 0 else eol
        names.insert(0, header[end:eol].rstrip(" \t"))
        header = header[:start] + header[eol + 1:]
    return header, names


def split_lines_keepends(text: str) -> list[str]:
    """``text`` split after each LF (the last piece may lack one)."""
    pieces = text.split("\n")
    return [piece + "\n" for piece in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])
