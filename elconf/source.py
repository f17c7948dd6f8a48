"""Decoding Emacs Lisp source files as ``load`` decodes them (Emacs 28.2, UTF-8 locale).

``load`` inserts a ``.el`` file into a multibyte buffer with
``insert-file-contents`` and reads the buffer.  What that decoding does, as
observed in Emacs 28.2 (``LANG=C.UTF-8``):

* a ``coding:`` cookie wins: in the ``-*- ... -*-`` line on line 1 (line 2
  when line 1 starts with ``#!``), else a ``coding:`` entry of a ``Local
  Variables:`` block in the last 3000 characters; an unknown coding name
  is ignored;
* without a cookie: a NUL byte makes the file binary (``no-conversion``);
  a UTF-8 or UTF-16 byte-order mark selects that coding; valid UTF-8 is
  UTF-8; anything else decodes the *whole* file as Latin-1 (so one stray
  Latin-1 byte changes how every other non-ASCII character reads);
* Emacs's own characters above U+10FFFF (``utf-8-emacs`` sequences, found
  only in Emacs's language files) have no Python representation: each
  reads as U+FFFD (one character, so columns stay right), and the rest of
  the file still decodes as UTF-8;
* bytes that the chosen coding cannot decode (and every byte >= 0x80 of a
  binary or ``raw-text`` file) become raw-byte characters, kept here as the
  lone surrogates U+DC80..U+DCFF (see :mod:`elconf.types`);
* end of line: when every LF is preceded by CR the file is DOS (CRLF reads
  as LF); a file with CRs and no LF at all is Mac (CR reads as LF); anything
  else is left alone.  A ``-unix``/``-dos``/``-mac`` suffix on the coding
  name forces the choice.
"""

from __future__ import annotations

import codecs
import os
import re

# Compiled on first use (re caches them), and only for a file that has a
# "-*-" line or a "Local Variables:" block: most init files have neither.
_COOKIE_LINE = rb"-\*-(.*?)-\*-"
_COOKIE_CODING = rb"(?i)(?:^|;)[ \t]*coding:[ \t]*([^ \t;]+)"
_LOCAL_VARIABLES = rb"(?m)^(.*?)[ \t]*Local Variables:[ \t]*(.*?)[ \t]*$"
_TAIL_BYTES = 3000

# Emacs coding systems (without an end-of-line suffix) and the Python codec for them.
# None means "bytes as raw-byte characters" (raw-text, no-conversion).
_CODECS: dict[str, str | None] = {
    "utf-8": "utf-8", "utf-8-emacs": "utf-8", "mule-utf-8": "utf-8", "prefer-utf-8": "utf-8",
    "utf-8-auto": "utf-8", "utf-8-hfs": "utf-8", "undecided": "utf-8", "utf-8-unix": "utf-8",
    "utf-8-with-signature": "utf-8-sig", "utf-8-sig": "utf-8-sig",
    "utf-16": "utf-16", "utf-16le": "utf-16-le", "utf-16be": "utf-16-be",
    "utf-16le-with-signature": "utf-16", "utf-16be-with-signature": "utf-16",
    "utf-16-le": "utf-16", "utf-16-be": "utf-16",
    "us-ascii": "ascii", "ascii": "ascii", "iso-safe": "ascii",
    "latin-1": "latin-1", "iso-latin-1": "latin-1", "iso-8859-1": "latin-1",
    "latin-0": "iso8859-15", "latin-9": "iso8859-15", "iso-latin-9": "iso8859-15", "iso-8859-15": "iso8859-15",
    "raw-text": None, "binary": None, "no-conversion": None,
    "euc-jp": "euc-jp", "japanese-iso-8bit": "euc-jp", "shift_jis": "shift_jis", "sjis": "shift_jis",
    "japanese-shift-jis": "shift_jis", "iso-2022-jp": "iso2022_jp", "euc-kr": "euc-kr", "korean-iso-8bit": "euc-kr",
    "gb2312": "gb2312", "chinese-iso-8bit": "gb2312", "euc-china": "gb2312", "gbk": "gbk", "gb18030": "gb18030",
    "big5": "big5", "chinese-big5": "big5", "koi8-r": "koi8-r", "koi8": "koi8-r", "cyrillic-koi8": "koi8-r",
    "koi8-u": "koi8-u", "cp866": "cp866", "mac-roman": "mac-roman",
}
for _n in range(2, 17):
    if _n != 12:
        _CODECS.setdefault(f"iso-8859-{_n}", f"iso8859-{_n}")
_LATIN_N = {2: 2, 3: 3, 4: 4, 5: 9, 6: 10, 7: 13, 8: 14}
for _n, _iso in _LATIN_N.items():
    _CODECS[f"latin-{_n}"] = _CODECS[f"iso-latin-{_n}"] = f"iso8859-{_iso}"
for _n in range(1250, 1259):
    _CODECS[f"windows-{_n}"] = _CODECS[f"cp{_n}"] = f"cp{_n}"

_EOL_SUFFIXES = {"-unix": "unix", "-dos": "dos", "-mac": "mac"}


def load_source(path: str | os.PathLike[str]) -> str:
    """The text of the file at ``path`` as ``load`` sees it (see the module docstring)."""
    with open(path, "rb") as handle:
        return decode_source(handle.read())


def decode_source(data: bytes) -> str:
    """Decode the bytes of an Emacs Lisp file as ``load`` does."""
    codec, eol = _coding_from_cookie(data)
    if codec is _UNSET:
        codec, eol = _detect(data), None
    text = _decode(data, codec)  # type: ignore[arg-type]
    if codec is None and eol is None and b"\0" in data:
        return text             # binary (no-conversion): no end-of-line conversion
    return _convert_eol(text, eol)


_UNSET = object()


def coding_system_name(data: bytes) -> str:
    """The Python codec (or ``"raw-text"``) :func:`decode_source` chooses; for diagnostics and tests."""
    codec, _eol = _coding_from_cookie(data)
    if codec is _UNSET:
        codec = _detect(data)
    return "raw-text" if codec is None else str(codec)


def _coding_from_cookie(data: bytes) -> tuple[object, str | None]:
    name = _cookie_name(data)
    if name is None:
        return _UNSET, None
    lowered = name.lower()
    eol = None
    for suffix, kind in _EOL_SUFFIXES.items():
        if lowered.endswith(suffix) and lowered[: -len(suffix)] in _CODECS:
            lowered, eol = lowered[: -len(suffix)], kind
            break
    if lowered not in _CODECS:
        return _UNSET, None       # Emacs ignores a coding it does not know
    return _CODECS[lowered], eol


def _cookie_name(data: bytes) -> str | None:
    lines = data.split(b"\n", 2)
    candidates = [lines[0]]
    if lines[0].startswith(b"#!") and len(lines) > 1:
        candidates = [lines[1]]
    for line in candidates:
        head = re.search(_COOKIE_LINE, line) if b"-*-" in line else None
        if head:
            found = re.search(_COOKIE_CODING, head.group(1))
            if found:
                return found.group(1).decode("ascii", "replace")
    tail = data[-_TAIL_BYTES:]
    block = re.search(_LOCAL_VARIABLES, tail) if b"Local Variables:" in tail else None
    if block:
        prefix = re.escape(block.group(1).strip())
        suffix = re.escape(block.group(2).strip())
        entry = re.compile(rb"^" + prefix + rb"[ \t]*coding[ \t]*:[ \t]*([^ \t\r\n]+)[ \t]*" + suffix + rb"[ \t]*\r?$",
                           re.MULTILINE)
        found = entry.search(tail, block.end())
        if found:
            return found.group(1).decode("ascii", "replace")
    return None


def _detect(data: bytes) -> str | None:
    if b"\0" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        # Emacs's own UTF-8 decoder also accepts its extended sequences for
        # characters beyond Unicode; such a file still counts as UTF-8.
        try:
            re.sub(_EMACS_EXTENDED_UTF8, b"", data).decode("utf-8")
        except UnicodeDecodeError:
            return "latin-1"
    return "utf-8"


# 4- and 5-byte sequences of Emacs's internal characters above U+10FFFF (utf-8-emacs),
# and their lead bytes (looked for first: a byte search is much faster than the pattern).
_EXTENDED_LEADS = (b"\xf4", b"\xf5", b"\xf6", b"\xf7", b"\xf8")
_EMACS_EXTENDED_UTF8 = (rb"\xf4[\x90-\xbf][\x80-\xbf]{2}|[\xf5-\xf7][\x80-\xbf]{3}"   # compiled at first use
                        rb"|\xf8[\x88-\x8f][\x80-\xbf]{3}")


def _decode(data: bytes, codec: str | None) -> str:
    if codec is None:
        return data.decode("latin-1").translate(_RAW_BYTES)
    if codec.startswith("utf-8") and any(lead in data for lead in _EXTENDED_LEADS):
        data = re.sub(_EMACS_EXTENDED_UTF8, "\ufffd".encode(), data)
    return data.decode(codec, "surrogateescape")


_RAW_BYTES = {b: 0xDC00 + b for b in range(0x80, 0x100)}


def _convert_eol(text: str, eol: str | None) -> str:
    if eol is None:
        lf = text.count("\n")
        crlf = text.count("\r\n")
        if lf and crlf == lf:
            eol = "dos"
        elif not lf and "\r" in text:
            eol = "mac"
        else:
            eol = "unix"
    if eol == "dos":
        return text.replace("\r\n", "\n")
    if eol == "mac":
        return text.replace("\r", "\n")
    return text


__all__ = ["load_source", "decode_source", "coding_system_name"]
