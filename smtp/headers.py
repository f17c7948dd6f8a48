"""Header block helpers: where the header ends, and the edits smtpmail makes.

The header is a ``str`` with LF line ends (raw bytes as lone surrogates).
Emacs does all of this with regexp searches bounded by the header end
(``delimline``); the functions here do the same on the header text alone,
so the body never has to be in memory.
"""

from __future__ import annotations

import re

# rfc822-goto-eoh: the header ends at the first line that is empty, starts
# with a colon, or starts with a run of non-colon, non-blank characters
# followed by a blank or the line end (not a "Name:" line).
_NOT_A_HEADER_LINE = re.compile(r'(?:[:\n]|[^: \t\n]+[ \t\n])')


def is_header_end_line(line: str) -> bool:
    """True if ``line`` (with its trailing LF) ends the header as ``rfc822-goto-eoh`` says."""
    return _NOT_A_HEADER_LINE.match(line) is not None


def has_field(header: str, name: str) -> bool:
    """True if a line starts with ``NAME:`` (case-insensitive, no blank before the colon)."""
    return re.search(r'^' + re.escape(name) + ':', header, re.IGNORECASE | re.MULTILINE) is not None


# Emacs's \b after the blank Subject lines: a word character follows.  In the
# standard syntax table letters and digits are word constituents, "_" is not.
_EMPTY_SUBJECT = re.compile(r'^Subject:(?:[ \t]*\n)+(?=[^\W_]|\Z)', re.IGNORECASE | re.MULTILINE)
_EMPTY_SUBJECT_AT_END = re.compile(r'^Subject:(?:[ \t]*\n)+', re.IGNORECASE | re.MULTILINE)


def remove_empty_subject(header: str) -> str:
    """Drop a ``Subject:`` that holds only blanks, as ``smtpmail-send-it`` does.

    Only one Subject is removed: the first blank one followed by a line that
    starts with a word character, or else a blank one ending the header.
    """
    m = _EMPTY_SUBJECT.search(header)
    if m is None:
        m = _EMPTY_SUBJECT_AT_END.search(header)
        if m is None or m.end() != len(header):
            return header
    return header[:m.start()] + header[m.end():]


def remove_fields(header: str, name_regexp: str) -> str:
    """Delete every field whose line matches ``^NAME_REGEXP`` and its continuation lines.

    This is ``smtpmail-do-bcc`` for ``(RESENT-)?Bcc:``.
    """
    pattern = re.compile(r'^' + name_regexp, re.IGNORECASE | re.MULTILINE)
    while (m := pattern.search(header)) is not None:
        end = header.find("\n", m.start())
        end = len(header) if end < 0 else end + 1
        while end < len(header) and header[end] in " \t":
            nl = header.find("\n", end)
            if nl < 0:  # a continuation line needs its newline to be removed
                break
            end = nl + 1
        header = header[:m.start()] + header[end:]
    return header


def take_fcc_fields(header: str) -> tuple[str, list[str]]:
    """Remove ``Fcc:`` lines as ``mail-do-fcc`` does; return the header and file names.

    Only the Fcc line itself goes (a continuation line would stay); the
    names come back in the order Emacs writes them: last field first.
    """
    pattern = re.compile(r'^Fcc:[ \t]*', re.IGNORECASE | re.MULTILINE)
    names: list[str] = []
    while (m := pattern.search(header)) is not None:
        eol = header.find("\n", m.end())
        eol = len(header) if eol < 0 else eol
        names.insert(0, header[m.end():eol].rstrip(" \t"))
        header = header[:m.start()] + header[eol + 1:]
    return header, names


def split_lines_keepends(text: str) -> list[str]:
    """``text`` split after each LF (the last piece may lack one)."""
    return re.findall(r'[^\n]*\n|[^\n]+\Z', text)
