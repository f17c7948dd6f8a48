"""Content-Transfer-Encodings as message.el's MIME generation applies them, streaming.

``mm-qp-or-base64`` chooses between quoted-printable and base64 from the
first 2000 bytes; the encoders then work on the body as it streams
(:class:`QuotedPrintableBody`, :class:`Base64Body`), in small batches so
that memory stays flat whatever the message's size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


# The bytes quoted-printable-encode-region encodes: controls (but BS, TAB, LF, FF), "=", 8-bit.
_QP_ENCODE = frozenset(b for b in range(256)
                       if not (b in (0x08, 0x09, 0x0A, 0x0C) or 0x20 <= b <= 0x3C or 0x3E <= b <= 0x7F))


_QP_UNSAFE = re.compile(b"[" + b"".join(b"\\x%02x" % b for b in sorted(_QP_ENCODE)) + b"]")


def _qp_byte(match: re.Match[bytes]) -> bytes:
    return b"=%02X" % match.group()[0]


def quoted_printable_line(line: bytes) -> bytes:
    """``quoted-printable-encode-region`` (with folding at 76 columns) on one line, without its LF."""
    encoded = _QP_UNSAFE.sub(_qp_byte, line)
    stripped = encoded.rstrip(b" \t")
    encoded = stripped + b"".join(b"=%02X" % c for c in encoded[len(stripped):])
    return _fold(encoded)


def quoted_printable(data: bytes) -> bytes:
    """Quoted-printable over a whole text (lines separated by LF)."""
    return b"\n".join(quoted_printable_line(line) for line in data.split(b"\n"))


def choose_encoding(head: bytes) -> str:
    """``mm-qp-or-base64`` on the first 2000 bytes: base64 when a sixth or more are 8-bit."""
    limit = min(len(head), 2000)
    n8bit = sum(1 for b in head[:limit] if not (0x20 <= b <= 0x7F or b in (0x0D, 0x0A, 0x09)))
    return "quoted-printable" if (6 * n8bit < limit or n8bit == 1) else "base64"


#: The bytes quoted-printable leaves alone (translate deletes them: what is left must be encoded).
_QP_SAFE = bytes(b for b in range(256) if b not in _QP_ENCODE)
#: Blanks that end a line (or the text) are encoded too.
_QP_TRAILING = re.compile(rb"[ \t]+(?=\n|\Z)")
#: re's literal search is twice as fast as bytes.find for two bytes; a tab is rare (memchr).
_QP_BLANK_AT_END = re.compile(rb" \n")
#: One fold of a line over 76 characters, after a line end: 75 characters,
#: or 74 or 73 so that no =XX is split (every "=" starts one by then).
_QP_FOLD = re.compile(rb"\n(?=[^\n]{77})([^\n]{73}(?:[^=\n][^=\n]?)?)")


def _qp_encode_run(match: re.Match[bytes]) -> bytes:
    return b"".join(b"=%02X" % c for c in match.group())


def quoted_printable_block(block: bytes) -> bytes:
    """:func:`quoted_printable` on whole lines at once, with bytes methods and re in C.

    The same bytes as line by line (tests/paths/test_streaming_encoders.py):
    the bytes to encode are replaced value by value (text chosen for
    quoted-printable has few distinct ones), blanks at line ends encoded,
    and long lines folded one fold per pass, a line at a time only for
    lines that need more than a few folds.
    """
    unsafe = block.translate(None, _QP_SAFE)
    if unsafe:
        values = set(unsafe)
        if len(values) > 24:
            block = _QP_UNSAFE.sub(_qp_byte, block)
        else:
            if 0x3D in values:   # "=" first: the others bring theirs
                block = block.replace(b"=", b"=3D")
                values.discard(0x3D)
            for value in values:
                block = block.replace(bytes((value,)), b"=%02X" % value)
    if block.endswith((b" ", b"\t")) or _QP_BLANK_AT_END.search(block) is not None \
            or (b"\t" in block and b"\t\n" in block):
        block = _QP_TRAILING.sub(_qp_encode_run, block)
    text = b"\n" + block
    for _ in range(3):
        text, folds = _QP_FOLD.subn(rb"\n\1=\n", text)
        if not folds:
            return text[1:]
    return b"\n".join(_fold(line) for line in text[1:].split(b"\n"))


def _fold(encoded: bytes) -> bytes:
    """Fold one encoded line at 76 columns, never inside an =XX."""
    pieces = []
    while len(encoded) > 76:
        cut = 75
        for back in (74, 73):   # never split an =XX triplet
            if encoded[back:back + 1] == b"=":
                cut = back
                break
        pieces.append(encoded[:cut] + b"=")
        encoded = encoded[cut:]
    pieces.append(encoded)
    return b"\n".join(pieces)


class QuotedPrintableBody:
    """The body, quoted-printable encoded as it streams, a block of whole lines at a time."""

    def __init__(self, source: Any) -> None:
        self.source = source

    def chunks(self) -> Iterator[bytes]:
        carry = b""
        for piece in self.source.chunks():
            for start in range(0, len(piece), 65536):   # small batches keep memory flat
                block = carry + piece[start:start + 65536]
                end = block.rfind(b"\n") + 1
                carry = block[end:]
                if end:
                    yield quoted_printable_block(block[:end])
        if carry:
            yield quoted_printable_block(carry)


class Base64Body:
    """The body with LF turned into CRLF, base64 encoded in 76-character lines as it streams."""

    BLOCK = 57 * 1024   # 57 input bytes make one full 76-character line

    def __init__(self, source: Any) -> None:
        self.source = source

    @staticmethod
    def _lines(data: bytes) -> bytes:
        from binascii import b2a_base64

        encoded = b2a_base64(data, newline=False)
        # A list of slices joined once: a third less than one concatenation per line.
        return b"\n".join([encoded[i:i + 76] for i in range(0, len(encoded), 76)]) + b"\n"

    def chunks(self) -> Iterator[bytes]:
        buffer = b""
        for piece in self.source.chunks():
            for start in range(0, len(piece), self.BLOCK):   # small batches keep memory flat
                buffer += piece[start:start + self.BLOCK].replace(b"\n", b"\r\n")
                if len(buffer) >= self.BLOCK:
                    whole = len(buffer) - len(buffer) % 57
                    yield self._lines(buffer[:whole])
                    buffer = buffer[whole:]
        if buffer:
            yield self._lines(buffer)
