"""message.el's look at a body before it chooses a transfer encoding, in one pass,
and once per send.

``mm-body-7-or-8``, ``mm-long-lines-p``, the first 2000 bytes
``mm-qp-or-base64`` weighs, and whether MML tags are present: all found in
one scan over the body's pieces, which is never held whole nor split into
lines (a 20 MB body is a few milliseconds of C-speed searches).

Inside :class:`scans_kept` (one send), a scan of the same input, the split of
a message into header and body (:meth:`smtp.message_el.Draft.parse`) and
these body statistics, is made once: the message door plans a message twice
when smtpmail loads in between (smtp.send).
"""

from __future__ import annotations

import os

from elconf.records import record

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any, Protocol, TypeVar

    Scanned = TypeVar("Scanned")

    class Body(Protocol):
        """Anything that can yield the body bytes again (a file range, an encoder over one)."""

        def chunks(self) -> Iterator[bytes]: ...


@record
class BodyStats:
    """One pass over the body: what the MIME decisions need."""

    nonascii: bool = False
    seven_bit: bool = True          # only mm-7bit-chars (mm-body-7-or-8)
    long_lines: bool = False        # a line over 1000 bytes (mm-long-lines-p)
    head: bytes = b""               # the first 2000 bytes (mm-qp-or-base64 looks at them)
    mml_tag: bool = False           # "<#part", "<#secure"... (MML we do not expand)


#: mm-7bit-chars: the bytes of a 7bit body (deleting them leaves nothing; a C-speed test).
_SEVEN_BIT_BYTES = bytes(range(0x20, 0x80)) + b"\r\n\t\x07\x08\x0b\x0c\x1f\x1b"
#: What rb"<#(?:part|multipart|secure|mml|external)" finds (searched without re, which a
#: plain send does not import).
_MML_TAG_WORDS = (b"part", b"multipart", b"secure", b"mml", b"external")


def _has_mml_tag(data: bytes) -> bool:
    """An MML tag's start in ``data``: "<#" then one of :data:`_MML_TAG_WORDS`."""
    at = data.find(b"<#")
    while at >= 0:
        if data.startswith(_MML_TAG_WORDS, at + 2):
            return True
        at = data.find(b"<#", at + 2)
    return False
#: A line over 1000 bytes holds a newline-free window of _WINDOW bytes starting
#: at one of every _STRIDE offsets (a line [a, a+1001) holds [k, k+_WINDOW) for
#: the k of the grid in [a, a+_STRIDE)): one short find per stride, in C.
#: A longer stride means fewer finds but a shorter window, so more lines
#: over _WINDOW bytes to measure.
_STRIDE = 800
_WINDOW = 1002 - _STRIDE


def _has_long_line(piece: bytes, pos: int) -> bool:
    """A complete line over 1000 bytes in ``piece`` from ``pos`` (a line start).

    A regexp search for such a line steps through every byte (35-60 ms on
    20 MB); looking at one window per stride is a few ms, and a window with
    no newline is only a candidate: the line around it is then measured.
    """
    last = piece.rfind(b"\n")     # lines after it are not complete
    find = piece.find
    for k in range(pos, last - _WINDOW + 1, _STRIDE):
        if find(b"\n", k, k + _WINDOW) < 0:
            start = max(piece.rfind(b"\n", pos, k) + 1, pos)
            if find(b"\n", k + _WINDOW) - start > 1000:
                return True
    return False


def body_stats(body: Body) -> BodyStats:
    """Scan ``body`` once (in pieces; it is never held whole, nor split into lines)."""
    stats = BodyStats()
    line_length = 0     # of the line that continues into the next piece
    tail = b""
    for piece in body.chunks():
        if len(stats.head) < 2000:
            stats.head += piece[:2000 - len(stats.head)]
        if not stats.nonascii and not piece.isascii():
            stats.nonascii = True
        if stats.seven_bit and piece.translate(None, _SEVEN_BIT_BYTES):
            stats.seven_bit = False
        # "#" is rare in text and a memchr away: only a piece with one is searched for tags.
        if not stats.mml_tag and ((b"#" in piece and _has_mml_tag(piece))
                                  or _has_mml_tag(tail + piece[:12])):
            stats.mml_tag = True
        tail = piece[-12:]
        if not stats.long_lines:
            first = piece.find(b"\n")
            if first < 0:
                line_length += len(piece)
                stats.long_lines = line_length > 1000
            else:
                stats.long_lines = line_length + first > 1000 or _has_long_line(piece, first + 1)
                line_length = len(piece) - piece.rfind(b"\n") - 1
    return stats


# ---------------------------------------------------------------------------
# Scans kept for one send.

#: Scans already made during one send (:func:`scans_kept`), by what was scanned:
#: a 20 MB body planned twice is split and scanned once, not twice.  Each
#: value keeps its source alive, so an id() in a key cannot be reused by
#: another object; outside a send nothing is kept.
_SCANNED: dict[tuple, tuple[Any, Any]] = {}
_keeping = False


class scans_kept:
    """``with scans_kept():`` — parses and body scans of one input are made once inside."""

    def __enter__(self) -> None:
        global _keeping
        _keeping = True

    def __exit__(self, *exc: Any) -> None:
        global _keeping
        _keeping = False
        _SCANNED.clear()


def scanned_once(key: tuple | None, scanned: Any, scan: Callable[[Any], Scanned]) -> Scanned:
    """``scan(scanned)``, or inside :class:`scans_kept` what it gave for ``key`` before
    (``key`` None: nothing to go by, scan again).  ``scanned`` is kept with the result, so
    that an id() in a key cannot be reused by another object."""
    if key is None:
        return scan(scanned)
    known = _SCANNED.get(key)
    if known is None:
        known = _SCANNED[key] = (scanned, scan(scanned))
    return known[1]


def _file_identity(path: Any) -> tuple | None:
    """A file by name and stat: a rewritten file is another input."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return ("file", os.path.abspath(path), st.st_size, st.st_mtime_ns, st.st_ino)


def source_key(source: Any) -> tuple | None:
    """What identifies an input to Draft.parse: a file by name and stat, a spool by identity."""
    if not _keeping:
        return None
    from smtp.message import Spooled

    if isinstance(source, os.PathLike):
        return _file_identity(source)
    if isinstance(source, Spooled):
        return ("spool", id(source.fileobj), os.fstat(source.fileobj.fileno()).st_size)
    return None


def body_key(body: Any) -> tuple | None:
    """A body read from a file or a spool (smtp.body.BodySource), by the range and edits."""
    if not _keeping or getattr(body, "data", True) is not None or not hasattr(body, "start") \
            or body.composed is not None:
        return None
    where = ("spool", id(body.fileobj)) if body.path is None else _file_identity(body.path)
    if where is None:
        return None
    return ("body", *where, body.start, body.end, body.crlf, body.cut, body.add_newline)
