"""The message body, streamed from where it lives and never held in memory whole.

A :class:`BodySource` is a byte range of a file (or of a ``bytes`` object)
plus the edits Emacs makes to it: CRLF line ends decoded to LF (when the
whole message uses CRLF, as Emacs's end-of-line detection decides), a line
equal to ``mail-header-separator`` found in the body turned into an empty
line, and a final newline added.  :func:`scan_body` reads it once to learn
what the header processing needs (non-ASCII?, characters, lines, a body
``From:`` line for the envelope quirk); senders stream it again with
:meth:`BodySource.chunks` or :meth:`BodySource.lines`, and :func:`data_chunks`
puts those pieces on the wire as SMTP's DATA wants them (CRLF, dot-stuffed).
"""

from __future__ import annotations

import codecs
import os

from elconf.records import record

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path
    from typing import BinaryIO, Protocol

    class _Chunked(Protocol):
        def chunks(self) -> Iterator[bytes]: ...

# 64 KiB: below glibc's mmap threshold (128 KiB), so the pieces read, sliced and
# converted are recycled heap memory; each 256 KiB piece was a fresh mmap whose
# pages were faulted in and zeroed, ~25 % of the CPU a 20 MB body cost.
CHUNK = 1 << 16
# A line longer than this is passed on in pieces (separator/From detection
# then cannot see across the cut, which no real message needs).
MAX_CARRY = 1 << 20


class FileName(os.PathLike):
    """A message file's name, read in place: what a ``pathlib.Path`` would stand for here.

    Inputs are told apart by type (a ``str`` given to ``Draft.parse`` is message
    text, a path-like is a file), and every reader takes any ``os.PathLike``
    (``os.fspath``), so tests and callers may pass a ``Path``.  The command line
    passes this instead: pathlib (with re, fnmatch and urllib.parse) costs a
    plain send several milliseconds of start-up.
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __fspath__(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"FileName({self.name!r})"


class Composed:
    """A message as header bytes in memory followed by a body streamed from elsewhere.

    It reads as a file holding those bytes would (``read_message`` splits
    and scans it the same way) but is never written out: the message door
    hands smtpmail's preparation message.el's header over the very body it
    read in place, instead of copying 20 MB through a spool file.
    ``size`` is the total length, known beforehand.
    """

    def __init__(self, head: bytes, body: "_Chunked", size: int) -> None:
        self.head = head
        self.body = body
        self.size = size

    def pieces(self, start: int, end: int) -> Iterator[bytes]:
        """Bytes ``[start, end)``, in the body's own pieces (re-read from its start)."""
        head = self.head
        if start < len(head):
            yield head[start:min(end, len(head))]
        pos = len(head)
        if pos >= end:
            return
        for piece in self.body.chunks():
            size = len(piece)
            if pos + size > start:
                yield piece[max(0, start - pos):min(size, end - pos)]
            pos += size
            if pos >= end:
                return
        raise OSError("the message shrank while being sent")

    def read_at(self, offset: int, size: int) -> bytes:
        return b"".join(self.pieces(offset, min(offset + size, self.size)))

    def close(self) -> None:
        """Nothing to release (the body's file belongs to whoever opened it)."""


@record
class BodySource:
    """Bytes ``[start, end)`` of ``path``/``fileobj``/``data``/``composed``, with Emacs's edits applied."""

    start: int
    end: int
    crlf: bool = False
    path: str | Path | None = None
    fileobj: BinaryIO | None = None
    data: bytes | None = None
    # After CRLF decoding: the range [cut_start, cut_end) of the decoded
    # stream is deleted (the separator text of a separator line in the body).
    cut: tuple[int, int] | None = None
    add_newline: bool = False
    composed: Composed | None = None
    #: False once a scan has shown every CR of the range is followed by an LF
    #: (read_message sets it; a range starting later keeps that property).
    lone_cr: bool = True

    def _raw_chunks(self, size: int | None = None) -> Iterator[bytes]:
        if self.composed is not None:
            yield from self.composed.pieces(self.start, self.end)
            return
        size = size or CHUNK
        if self.data is not None:
            for pos in range(self.start, self.end, size):
                yield self.data[pos:min(pos + size, self.end)]
            return
        if self.fileobj is not None:
            fd = self.fileobj.fileno()
            close = False
        else:
            assert self.path is not None
            fd = os.open(self.path, os.O_RDONLY)
            close = True
        try:
            pos = self.start
            while pos < self.end:
                piece = os.pread(fd, min(size, self.end - pos), pos)
                if not piece:
                    raise OSError(f"{self.path or 'message'} shrank while being sent")
                pos += len(piece)
                yield piece
        finally:
            if close:
                os.close(fd)

    def _decoded_chunks(self) -> Iterator[bytes]:
        if not self.crlf:
            yield from self._raw_chunks()
            return
        if not self.lone_cr:
            # Every CR is the CR of a CRLF: decoding deletes them all, wherever a
            # piece ends (translate is a few times faster than a two-byte replace).
            for piece in self._raw_chunks():
                yield piece.translate(None, b"\r")
            return
        carry = b""
        for piece in self._raw_chunks():
            piece = carry + piece
            carry = b""
            if piece.endswith(b"\r"):
                piece, carry = piece[:-1], b"\r"
            yield piece.replace(b"\r\n", b"\n")
        if carry:
            yield carry

    def chunks(self) -> Iterator[bytes]:
        """The body bytes as Emacs has them in its buffer (LF line ends)."""
        pos = 0
        last = b"\n"
        for piece in self._decoded_chunks():
            if not piece:
                continue
            if self.cut is not None and pos < self.cut[1] and pos + len(piece) > self.cut[0]:
                lo = max(self.cut[0] - pos, 0)
                hi = min(self.cut[1] - pos, len(piece))
                pos += len(piece)
                piece = piece[:lo] + piece[hi:]
            else:
                pos += len(piece)
            if piece:
                last = piece[-1:]
                yield piece
        if self.add_newline:  # decided on the text before the separator cut, as Emacs does
            yield b"\n"

    def lines(self) -> Iterator[bytes]:
        """Every body line without its LF."""
        carry = b""
        for piece in self.chunks():
            piece = carry + piece
            parts = piece.split(b"\n")
            carry = parts.pop()
            yield from parts
        if carry:
            yield carry


@record
class BodyFacts:
    """What one pass over the body tells the header processing."""

    nonascii: bool = False
    chars: int = 0              # characters (an invalid UTF-8 byte counts as one)
    newlines: int = 0
    ends_with_newline: bool = True
    lf: int = 0                 # raw LF count, for the end-of-line decision
    crlf: int = 0               # raw CRLF count
    cr: int = 0                 # raw CR count (more than crlf: some CR is not before an LF)
    separator_at: int | None = None   # decoded offset of a separator line in the body
    from_field: str | None = None     # first "From:" field in the narrowed region
    size: int = 0               # bytes after CRLF decoding (the character count in Latin-1)
    raw_bytes: int = 0          # bytes that are not part of valid UTF-8
    utf8_nonascii: int = 0      # valid non-ASCII UTF-8 characters
    has_nul: bool = False


def _count_lf(piece: bytes, byte: bytes = b"\n") -> int:
    """``piece.count(byte)`` (one byte, LF by default) in about half its time on text.

    CPython's bytes.count compares every byte; a one-byte replace finds each
    LF with memchr, which skips a line at a time (8 against 4.7 ms on 20 MB
    of 73-byte lines).  The copy is small: pieces are CHUNK bytes.
    """
    return len(piece.replace(byte, byte + byte)) - len(piece)


def _aligned_blocks(source: BodySource, facts: BodyFacts) -> Iterator[bytes]:
    """Decoded body in blocks that end at line ends; counts raw LF/CRLF on the way."""
    carry = b""
    prev_cr = False
    max_carry = MAX_CARRY
    raw = BodySource(source.start, source.end, False, source.path, source.fileobj, source.data,
                     composed=source.composed)
    decoded_carry = b""
    for piece in raw._raw_chunks():
        facts.lf += _count_lf(piece)
        if source.crlf:
            piece = decoded_carry + piece
            decoded_carry = b""
            if piece.endswith(b"\r"):
                piece, decoded_carry = piece[:-1], b"\r"
            if b"\r" in piece:
                facts.cr += _count_lf(piece, b"\r")
                decoded = piece.replace(b"\r\n", b"\n")
                facts.crlf += len(piece) - len(decoded)   # the decoding counts them
                piece = decoded
        else:
            if b"\r" in piece:   # a memchr; counting CRLFs costs as much as counting LFs
                facts.cr += _count_lf(piece, b"\r")
                facts.crlf += piece.count(b"\r\n")
            if prev_cr and piece.startswith(b"\n"):
                facts.crlf += 1
            prev_cr = piece.endswith(b"\r")
        piece = carry + piece
        cut = piece.rfind(b"\n") + 1
        if cut == 0 and len(piece) < max_carry:
            carry = piece
            continue
        if cut == 0:
            cut = len(piece)
        carry = piece[cut:]
        yield piece[:cut]
    facts.cr += len(decoded_carry)   # a CR that ends the body is before no LF
    rest = carry + decoded_carry
    if rest:
        yield rest


# These are compiled on first use (re caches them; re itself is imported there):
# only a body that is not valid UTF-8, or a message whose header has no From:, needs them.
_RAW_BYTE = "[\udc80-\udcff]"
# "^from[ \t]*:" case-insensitively; spelled out, because a search for
# "\nFrom" runs seven times faster than one with ^ and IGNORECASE.
_FROM_AT_START = rb'[Ff][Rr][Oo][Mm][ \t]*:[ \t]*'
_FROM_AFTER_NEWLINE = rb'\n[Ff][Rr][Oo][Mm][ \t]*:[ \t]*'


class _FromField:
    """Collects the first ``From:`` field (with continuation lines) seen in blocks."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.lines: list[bytes] = []
        self.found = False
        self.done = False

    def feed(self, block: bytes) -> None:
        if self.done:
            return
        if not self.found:
            import re

            m = re.match(_FROM_AT_START, block) or re.search(_FROM_AFTER_NEWLINE, block)
            if m is None:
                return
            self.found = True
            first, _, block = block[m.end():].partition(b"\n")
            self.lines.append(first)
        for line in block.split(b"\n")[:-1] if block.endswith(b"\n") else block.split(b"\n"):
            if line[:1] in (b" ", b"\t"):
                self.lines.append(line)
            else:
                self.done = True
                return

    def value(self) -> str | None:
        if not self.found:
            return None
        text = b"\n".join(self.lines).decode(self.encoding, "surrogateescape")
        return text.rstrip(" \t")


class _CharCounter:
    """Counts characters as Emacs does (a byte of invalid UTF-8 is one character).

    Valid UTF-8 goes through a strict decoder (as fast as it gets); at the
    first invalid byte it switches to ``surrogateescape`` for the rest.  It
    also notes whether raw bytes and valid non-ASCII characters occur at all
    (the Latin-1 decision).
    """

    def __init__(self, encoding: str) -> None:
        self.latin1 = encoding == "latin-1"
        self.strict: codecs.IncrementalDecoder | None = codecs.getincrementaldecoder("utf-8")("strict")
        self.lenient = codecs.getincrementaldecoder("utf-8")("surrogateescape")

    def feed(self, block: bytes, facts: BodyFacts) -> None:
        if self.latin1:
            facts.chars += len(block)
            return
        if self.strict is not None:
            pending = self.strict.getstate()[0]
            if not pending and block.isascii():
                facts.chars += len(block)
                return
            try:
                text = self.strict.decode(block)
            except UnicodeDecodeError:
                self.strict = None
                self._lenient(pending + block, facts)
                return
            facts.chars += len(text)
            if not facts.utf8_nonascii:
                facts.utf8_nonascii += len(text) - len(text.encode("ascii", "ignore"))
            return
        self._lenient(block, facts)

    def _lenient(self, block: bytes, facts: BodyFacts) -> None:
        import re

        text = self.lenient.decode(block)
        facts.chars += len(text)
        if not (facts.raw_bytes and facts.utf8_nonascii):
            raw = len(re.findall(_RAW_BYTE, text))
            facts.raw_bytes += raw
            facts.utf8_nonascii += len(text) - len(text.encode("ascii", "ignore")) - raw

    def finish(self, facts: BodyFacts) -> None:
        if self.latin1:
            return
        if self.strict is not None:
            pending = self.strict.getstate()[0]
            if pending:  # an incomplete sequence at the very end: raw bytes
                facts.chars += len(pending)
                facts.raw_bytes += len(pending)
            return
        rest = self.lenient.decode(b"", final=True)  # only raw bytes can be left over
        facts.chars += len(rest)
        facts.raw_bytes += len(rest)


def scan_body(source: BodySource, separator: bytes | None, want_from: bool,
              encoding: str = "utf-8", from_ends_at_empty_line: bool = False) -> BodyFacts:
    """Read the body once: facts for the MIME decision, SIZE and the envelope quirk.

    ``separator`` (the separator line's text) is looked for when the header
    did not end at one; the first such line becomes an empty line and ends
    the region Emacs searches for a ``From:`` field (``want_from``).  With
    an empty ``mail-header-separator`` that region ends at the first empty
    line instead (``from_ends_at_empty_line``).
    """
    facts = BodyFacts()
    counter = _CharCounter(encoding)
    offset = 0
    last = b""
    from_field = _FromField(encoding)
    last_block = before_last = b""
    for block in _aligned_blocks(source, facts):
        region = block
        if separator is not None and facts.separator_at is None:
            hit = _find_line(block, separator, at_start=(offset == 0 or last == b"\n"))
            if hit >= 0:
                facts.separator_at = offset + hit
                region = block[:hit]
        if from_ends_at_empty_line and want_from and not from_field.done:
            empty = _find_line(region, b"", at_start=(offset == 0 or last == b"\n"))
            if empty >= 0:
                from_field.feed(region[:empty])
                from_field.done = True
        if want_from and (facts.separator_at is None or region is not block):
            from_field.feed(region)
            if region is not block:
                from_field.done = True
        if not facts.nonascii and not block.isascii():
            facts.nonascii = True
        facts.size += len(block)
        counter.feed(block, facts)
        if not facts.has_nul and b"\0" in block:
            facts.has_nul = True
        offset += len(block)
        before_last, last, last_block = last, block[-1:], block
    counter.finish(facts)
    # CRLF decoding keeps every LF, and the blocks are the whole decoded body:
    # its newlines are the raw LFs, counted once above.
    facts.newlines = facts.lf
    facts.ends_with_newline = last in (b"\n", b"")
    if (separator is not None and facts.separator_at is None and not facts.ends_with_newline
            and last_block.endswith(separator)):
        # A separator as the unterminated last line counts: Emacs adds the
        # final newline before it looks for the separator.
        start = offset - len(separator)
        if start == 0 or last_block[:-len(separator)].endswith(b"\n") or \
                (len(last_block) == len(separator) and before_last == b"\n"):
            facts.separator_at = start
    if encoding == "latin-1":
        facts.chars = facts.size
    if facts.separator_at is not None:
        facts.chars -= len(separator.decode(encoding, "surrogateescape"))  # type: ignore[union-attr]
    facts.from_field = from_field.value()
    return facts


def _find_line(block: bytes, line: bytes, at_start: bool) -> int:
    """Offset of the first line of ``block`` equal to ``line`` (with its LF), or -1."""
    if at_start and block.startswith(line + b"\n"):
        return 0
    hit = block.find(b"\n" + line + b"\n")
    return -1 if hit < 0 else hit + 1


# ---------------------------------------------------------------------------
# The message on the wire.

#: A line starting with "." after a line end.  re's prefix scan finds it in
#: about half the time bytes.find takes for this two-byte needle in short
#: lines (10 against 22 ms on 20 MB here), and such lines are rare.  A small
#: message does not pay for importing re: it is searched with ``in`` until
#: :data:`_RE_AFTER` bytes have gone by.
_LINE_STARTS_WITH_DOT = rb"\n\."
_RE_AFTER = 1 << 18


def data_chunks(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The message (LF line ends, in pieces of any size) as DATA puts it on the wire.

    Every line ends in CRLF (a last line without LF gets one) and a line
    starting with ``.`` gets another in front, exactly as the line-by-line
    loop does; but on whole pieces, with ``bytes.replace`` in C: 20 MB of
    short lines is ~300,000 Python iterations less.
    """
    at_line_start = True
    last = b"\n"
    seen = 0
    search = None
    for piece in chunks:
        if not piece:
            continue
        if search is None:
            seen += len(piece)
            if seen > _RE_AFTER:
                import re

                search = re.compile(_LINE_STARTS_WITH_DOT).search
        if (b"\n." in piece) if search is None else (search(piece) is not None):
            piece = piece.replace(b"\n.", b"\n..")
        wire = piece.replace(b"\n", b"\r\n")
        if at_line_start and piece[:1] == b".":
            wire = b"." + wire
        last = piece[-1:]
        at_line_start = last == b"\n"
        yield wire
    if last != b"\n":
        yield b"\r\n"
