"""Message preparation exactly as Emacs 28.2's ``smtpmail-send-it`` does it.

:func:`read_message` finds the header (``mail-header-separator`` or the
first line that is not a header line) and leaves the body where it is;
:func:`prepare_for_smtpmail` then makes, in Emacs's order:

1. the envelope sender (before any rewriting, from the region Emacs
   narrows to: up to the separator line, or **the whole message** when
   there is none, so a body line ``From: x`` can become the envelope);
2. a final newline; the separator line becomes an empty line;
3. ``~/.mailrc`` aliases expanded (``mail-aliases``);
4. a blank ``Subject:`` removed;
5. ``From:`` inserted first if missing (``mail-from-style``,
   ``user-full-name``), then ``Message-Id:``, then ``Date:``;
6. ``MIME-version``/``Content-type``/``Content-Transfer-Encoding`` added at
   the end of the header when the message has non-ASCII text and
   ``mail-send-nonascii`` is ``mime`` (``t``, ``nil`` and ``query`` add
   nothing: only ``sendmail-send-it`` looks at them);
7. ``Fcc:`` lines removed and mbox copies appended;
8. the header RFC 2047-encoded (``mail-encode-header``);
9. recipients collected (To/Cc/Bcc, or only the Resent- ones), reversed;
10. ``Bcc:``/``Resent-Bcc:`` lines removed.

The body is scanned once (non-ASCII?, characters, lines) and streamed again
when sent or queued; it is never in memory whole.  A message is read as
Emacs reads a file in a UTF-8 locale: CRLF line ends are decoded when every
line has one, and text that is not UTF-8 at all is Latin-1 (then labelled
``iso-8859-1``); UTF-8 with stray bytes, where Emacs would stop and ask for
a coding system, is sent as it is.
"""

from __future__ import annotations

import os

from elconf import sysexits
from elconf.records import record, replace
from elconf.types import NIL, Symbol
from smtp import headers as hdr
from smtp.address import deduce_recipients, extract_address, fetch_field, valid_user_mail_address
from smtp.body import CHUNK, BodyFacts, BodySource, Composed, scan_body
from smtp.config import SendConfig

# getpass, shutil and tempfile are imported where the rare paths need them
# (Fcc, a message on stdin): a plain send should not pay for them.  Files are
# named by strings (os.path): pathlib, with re and urllib.parse, costs start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import datetime
    from pathlib import Path
    from typing import BinaryIO

NO_RECIPIENTS = "Sending failed; no recipients"
_MIME_HEADERS = ("MIME-version: 1.0\nContent-type: text/plain; charset=utf-8\n"
                 "Content-Transfer-Encoding: 8bit\n")


class MessageError(Exception):
    """The message cannot be prepared (exit 65, EX_DATAERR)."""

    exit_code = sysexits.DATAERR


class NoSenderError(MessageError):
    """No envelope sender and no From header: Emacs crashes here.

    Emacs 28.2 fails with ``Wrong type argument: char-or-string-p, nil``
    while inserting the From line; we say what to do instead.  Exit 78
    (EX_CONFIG): the usual fix is setting ``user-mail-address``.
    """

    exit_code = sysexits.CONFIG

    def __init__(self) -> None:
        super().__init__("no sender address: the message has no From: header and "
                         "user-mail-address is not a usable address (it needs one @ and a dot "
                         "after it); set user-mail-address or add a From: header "
                         "(Emacs would fail with 'Wrong type argument: char-or-string-p, nil')")


@record
class RawMessage:
    """A message split into its header text and a body left in place."""

    header: str                 # up to the header end, LF line ends, ends with LF
    body: BodySource            # what follows the header block, blank line excluded
    blank_line: bool            # an empty (or separator) line ends the header
    envelope_field: str | None  # mail-fetch-field "from" in Emacs's narrowed region
    facts: BodyFacts            # from the one scan of the body
    keep_alive: object = None   # the spool file of stdin input, closed with the message
    charset: str = "utf-8"      # how Emacs decoded the file: utf-8, or iso-8859-1 (Latin-1)

    def close(self) -> None:
        if hasattr(self.keep_alive, "close"):
            self.keep_alive.close()  # type: ignore[union-attr]


@record
class PreparedMessage:
    """The message as smtpmail puts it on the wire or in the queue."""

    header: bytes               # final header block, LF line ends, without the blank line
    body: BodySource            # the body after the blank line
    envelope_from: str | None   # None: Emacs would send MAIL FROM:<nil>
    recipients: list[str]       # RCPT order (Emacs's reversed order), duplicates kept
    size_chars: int             # SIZE= as Emacs computes it: characters + lines
    fcc_files: list[str]        # the Fcc names, in the order the copies were written
    blank_line: bool = True     # False when the header ended at a non-header line

    def iter_lines(self) -> Iterator[bytes]:
        """Every line of the final message without its line end."""
        yield from self.header.split(b"\n")[:-1]
        if self.blank_line:
            yield b""
        yield from self.body.lines()

    def iter_chunks(self) -> Iterator[bytes]:
        """The final message as LF-terminated bytes, in pieces."""
        yield self.header + (b"\n" if self.blank_line else b"")
        yield from self.body.chunks()

    def as_bytes(self) -> bytes:
        """The whole message (LF line ends), as the queue file holds it."""
        return b"".join(self.iter_chunks())


# -- reading -----------------------------------------------------------------

def _spool(stream: BinaryIO) -> BinaryIO:
    return spool_chunks(iter(lambda: stream.read(CHUNK), b"")).fileobj


def anonymous_file() -> BinaryIO:
    """A private temporary file with no name (``O_TMPFILE``; :mod:`tempfile` elsewhere).

    The message door spools every message it prepares through one of these,
    so :mod:`tempfile` (with random, shutil...) stays off the common path.
    """
    directory = os.environ.get("TMPDIR") or "/tmp"
    flag = getattr(os, "O_TMPFILE", 0)
    if flag:
        try:
            return open(os.open(directory, flag | os.O_RDWR, 0o600), "w+b")  # type: ignore[return-value]
        except OSError:
            pass   # a file system without O_TMPFILE
    import tempfile

    return tempfile.TemporaryFile(prefix="elsend-")  # type: ignore[return-value]


class Spooled:
    """Input already in a private temporary file: read in place, as a named file is.

    The caller owns the file (and closes it when the message has been sent).
    """

    def __init__(self, fileobj: BinaryIO) -> None:
        self.fileobj = fileobj

    def close(self) -> None:
        self.fileobj.close()


def spool_chunks(chunks: Iterator[bytes]) -> Spooled:
    """Write ``chunks`` to an :func:`anonymous_file`: constant memory, whatever the size."""
    spool = anonymous_file()
    try:
        for piece in chunks:
            spool.write(piece)
        spool.flush()
    except BaseException:
        spool.close()
        raise
    return Spooled(spool)


def _read_at(source: BodySource, offset: int, size: int) -> bytes:
    if source.composed is not None:
        return source.composed.read_at(offset, min(size, source.end - offset))
    if source.data is not None:
        return source.data[offset:offset + size]
    if source.fileobj is not None:
        return os.pread(source.fileobj.fileno(), size, offset)
    with open(source.path, "rb") as f:  # type: ignore[arg-type]
        f.seek(offset)
        return f.read(size)


def _split_header(whole: BodySource, crlf: bool, separator: str,
                  encoding: str = "utf-8") -> tuple[str, int, bool, bool]:
    """Find the header end; returns (header text, raw body offset, blank line?, at separator?)."""
    sep = separator.encode(encoding, "surrogateescape")
    offset = whole.start
    lines: list[str] = []
    pending = b""
    while True:
        nl = pending.find(b"\n")
        if nl < 0:
            more = _read_at(whole, offset + len(pending), 64 * 1024) if offset + len(pending) < whole.end else b""
            more = more[:max(0, whole.end - offset - len(pending))]
            if more:
                pending += more
                continue
            if pending:  # the last line, without its newline (Emacs adds one)
                line = pending.decode(encoding, "surrogateescape") + "\n"
                if sep and pending == sep:
                    return "".join(lines), offset + len(pending), True, True
                if hdr.is_header_end_line(line):
                    return "".join(lines), offset, False, False
                lines.append(line)
                offset += len(pending)
            return "".join(lines), offset, False, False
        raw_line = pending[:nl + 1]
        pending = pending[nl + 1:]
        content = raw_line[:-2] if crlf and raw_line.endswith(b"\r\n") else raw_line[:-1]
        if sep and content == sep:
            return "".join(lines), offset + len(raw_line), True, True
        line = content.decode(encoding, "surrogateescape") + "\n"
        if line == "\n":
            return "".join(lines), offset + len(raw_line), True, False
        if hdr.is_header_end_line(line):
            return "".join(lines), offset, False, False
        lines.append(line)
        offset += len(raw_line)


def read_message(source: str | Path | BinaryIO | bytes | Spooled | Composed, cfg: SendConfig) -> RawMessage:
    """Split a message into header and body the way ``smtpmail-send-it`` sees it.

    A file (or a :class:`Spooled` one, or a :class:`smtp.body.Composed` message)
    is read in place; other streams (stdin) are spooled to an unlinked temporary
    file.  Line ends are CRLF-decoded when every LF of the message follows a CR
    (Emacs's end-of-line detection), else kept as is.
    """
    keep_alive: object = None
    if isinstance(source, bytes):
        whole = BodySource(0, len(source), data=source)
    elif isinstance(source, Spooled):
        whole = BodySource(0, os.fstat(source.fileobj.fileno()).st_size, fileobj=source.fileobj)
    elif isinstance(source, Composed):
        whole = BodySource(0, source.size, composed=source)
    elif isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        whole = BodySource(0, os.stat(path).st_size, path=path)
    else:
        spool = _spool(source)
        keep_alive = spool
        whole = BodySource(0, os.fstat(spool.fileno()).st_size, fileobj=spool)
    separator = cfg.mail_header_separator

    def split(crlf: bool, encoding: str = "utf-8") -> RawMessage:
        header, body_start, blank, at_sep = _split_header(whole, crlf, separator, encoding)
        body = replace(whole, start=body_start, crlf=crlf)
        header_from = fetch_field(header, "from")
        # Emacs looks for From: up to the separator line, or in the whole
        # message when there is none (an empty separator: up to the first
        # empty line).
        narrowed_to_header = at_sep or (separator == "" and blank)
        sep_in_body = (separator.encode(encoding, "surrogateescape")
                       if separator and not at_sep else None)
        facts = scan_body(body, sep_in_body, header_from is None and not narrowed_to_header, encoding,
                          from_ends_at_empty_line=separator == "")
        if facts.separator_at is not None:
            body.cut = (facts.separator_at, facts.separator_at + len(sep_in_body or b""))
        body.add_newline = not facts.ends_with_newline
        body.lone_cr = facts.cr != facts.crlf
        envelope_field = header_from if header_from is not None else facts.from_field
        charset = "iso-8859-1" if encoding == "latin-1" else "utf-8"
        return RawMessage(header, body, blank, envelope_field, facts, keep_alive, charset)

    guess = _first_line_is_crlf(whole)
    message = split(guess)
    head = _read_at(whole, whole.start, message.body.start - whole.start)
    lf = head.count(b"\n") + message.facts.lf
    all_crlf = lf > 0 and head.count(b"\n") == head.count(b"\r\n") \
        and message.facts.lf == message.facts.crlf
    if all_crlf != guess:
        message = split(all_crlf)
    if _looks_latin1(message, head):
        message = split(all_crlf, "latin-1")
    return message


def _looks_latin1(message: RawMessage, head: bytes) -> bool:
    """Emacs's coding detection in a UTF-8 locale, for the case we follow.

    Text that is not valid UTF-8, has no valid UTF-8 sequence at all and no
    NUL is read as Latin-1 (``iso-latin-1-unix``).  Other invalid input
    (UTF-8 with stray bytes: emacs-mule; NULs: no-conversion) is kept as
    UTF-8 with raw bytes, each counted as one character.
    """
    facts = message.facts
    header = head.decode("utf-8", "surrogateescape")
    header_raw = sum(1 for ch in header if "\udc80" <= ch <= "\udcff")
    header_utf8 = sum(1 for ch in header if ch >= "\x80") - header_raw
    return (facts.raw_bytes + header_raw > 0 and facts.utf8_nonascii + header_utf8 == 0
            and not facts.has_nul and b"\0" not in head)


def _first_line_is_crlf(whole: BodySource) -> bool:
    head = _read_at(whole, whole.start, min(64 * 1024, whole.end - whole.start))
    nl = head.find(b"\n")
    return nl > 0 and head[nl - 1:nl] == b"\r"


# -- preparing ---------------------------------------------------------------

def envelope_sender(raw: RawMessage, cfg: SendConfig) -> str | None:
    """smtpmail's envelope sender for a direct send (see the module docstring)."""
    if cfg.mail_specify_envelope_from:
        value = cfg.mail_envelope_from
        if isinstance(value, Symbol) and value.name == "header":
            chosen = extract_address(raw.envelope_field)
        elif isinstance(value, str):
            chosen = str(value)
        else:
            chosen = None
        if chosen is not None:
            return chosen
    return extract_address(raw.envelope_field) or valid_user_mail_address(cfg.user_mail_address)


def _is_mime_mode(value: object) -> bool:
    return isinstance(value, Symbol) and value.name == "mime"


def _generated_fields(header: str, envelope: str | None, cfg: SendConfig,
                      now: datetime | None) -> str:
    """Insert From (if missing), then Message-Id, then Date, each as the first line."""
    if hdr.has_field(header, "From") and hdr.has_field(header, "Message-Id") \
            and hdr.has_field(header, "Date"):
        return header  # nothing to generate: smtp.identity (random, datetime) is not needed
    from smtp import identity

    if not hdr.has_field(header, "From"):
        if envelope is None:
            raise NoSenderError()
        fullname = cfg.user_full_name
        if cfg.mail_from_style in ("angles", "parens") and not isinstance(fullname, str):
            raise MessageError("user-full-name is not a string; Emacs would fail with "
                               "'Wrong type argument: char-or-string-p, nil' (set user-full-name "
                               "or add a From: header)")
        line = identity.from_field(cfg.mail_from_style, str(fullname or ""), envelope)
        if line is not None:
            header = line + header
    if not hdr.has_field(header, "Message-Id"):
        fqdn = identity.message_fqdn(cfg.system_name or _gethostname(), cfg.mail_host_address,
                                     cfg.user_mail_address, cfg.message_user_fqdn)
        message_id = identity.make_message_id(fqdn, now=now.timestamp() if now is not None else None,
                                              supersedes=fetch_field(header, "supersedes"))
        header = f"Message-Id: {message_id}\n" + header
    if not hdr.has_field(header, "Date"):
        header = f"Date: {identity.make_date(now)}\n" + header
    return header


def _mime_lines(raw: RawMessage, header: str, cfg: SendConfig) -> str:
    """The MIME triplet smtpmail adds, or "".

    The charset comes from the coding system Emacs detected when it read
    the message: a pure-ASCII message has none, so no MIME lines even if an
    inserted full name is not ASCII.
    """
    input_nonascii = raw.facts.nonascii or not raw.header.isascii()
    if (_is_mime_mode(cfg.mail_send_nonascii) and input_nonascii
            and not hdr.has_field(header, "MIME-version")):
        return _MIME_HEADERS.replace("charset=utf-8", f"charset={raw.charset}")
    return ""


def prepare_for_smtpmail(raw: RawMessage, cfg: SendConfig, *, now: datetime | None = None,
                         home: str | Path | None = None, cwd: str | Path | None = None,
                         write_fcc: bool = True) -> PreparedMessage:
    """Rewrite the header as ``smtpmail-send-it`` does; append Fcc copies.

    ``home`` is where ``~`` points (default $HOME), ``cwd`` where relative
    Fcc and alias file names start (default the current directory);
    ``write_fcc=False`` is for dry runs.  Raises :class:`NoSenderError` where
    Emacs would crash for lack of a sender, :class:`MessageError` for a
    header Emacs cannot encode, and :class:`smtp.fcc.FccError` when an Fcc
    file cannot be written.
    """
    home = (os.fspath(home) if home is not None
            else os.environ.get("HOME", os.path.expanduser("~"))) or "."
    envelope = envelope_sender(raw, cfg)
    header = raw.header
    if header and not header.endswith("\n"):
        header += "\n"
    if cfg.mail_aliases is not NIL and cfg.mail_aliases is not None:
        from smtp.aliases import aliases_from_config, expand_aliases

        table = aliases_from_config(cfg.mail_aliases, cfg.mail_personal_alias_file, home=home, cwd=cwd)
        header = expand_aliases(header, table)
    header = hdr.remove_empty_subject(header)
    header = _generated_fields(header, envelope, cfg, now)
    mime = _mime_lines(raw, header, cfg)
    encoding = "latin-1" if raw.charset == "iso-8859-1" else "utf-8"

    def to_bytes(text: str) -> bytes:
        try:
            return text.encode(encoding, "surrogateescape")
        except UnicodeEncodeError as err:
            raise MessageError(f"the header has {err.object[err.start:err.end]!r}, which the message's "
                               f"charset {raw.charset} cannot hold") from None

    header, fcc_names = hdr.take_fcc_fields(header)
    if fcc_names and write_fcc:
        import getpass
        from pathlib import Path

        from smtp.fcc import append_fcc

        snapshot = to_bytes(header + mime + ("\n" if raw.blank_line else ""))
        append_fcc(fcc_names, lambda: _chain(snapshot, raw.body.chunks()),
                   login=cfg.user_login_name or getpass.getuser(), now=now, home=Path(home),
                   cwd=Path(cwd) if cwd is not None else None)
    if not header.isascii():  # an ASCII header has nothing to encode: skip importing rfc2047
        from smtp.rfc2047 import EncodingError, encode_header

        try:
            header = encode_header(header, raw.charset)
        except EncodingError as err:
            raise MessageError(str(err)) from None
    recipients = deduce_recipients(header)
    final_header = hdr.remove_fields(header, ("Bcc:", "Resent-Bcc:")) + mime  # ^\\(RESENT-\\)?Bcc:
    # SIZE= counts characters plus lines of the final message.
    blank = 1 if raw.blank_line else 0
    added_newline = 1 if raw.body.add_newline else 0
    size = (len(final_header) + final_header.count("\n") + 2 * blank
            + raw.facts.chars + raw.facts.newlines + 2 * added_newline)
    return PreparedMessage(
        header=to_bytes(final_header),
        body=raw.body,
        envelope_from=envelope,
        recipients=recipients,
        size_chars=size,
        fcc_files=fcc_names,
        blank_line=raw.blank_line,
    )


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _gethostname() -> str:
    """``(system-name)`` when the config has none (``_socket``: see smtp.transport)."""
    import _socket

    return _socket.gethostname()
