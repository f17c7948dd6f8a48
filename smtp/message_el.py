"""The message.el path: what ``message-send`` does to a message before the transport.

Gnus, mu4e and notmuch users send with message.el, which prepares the
message itself and only then calls ``message-send-mail-function``.  Emacs
28.2 does, in order (``message-send`` → ``message-send-mail``):

1. ``message-fix-before-sending``: a final newline; the header fields are
   **sorted** by ``message-header-format-alist`` (From, Newsgroups, To, Cc,
   Subject, In-Reply-To, Fcc, Bcc, Date, Organization, Distribution,
   Lines, Expires, Message-ID, References, User-Agent; names compared
   case-sensitively; other fields after them in their original order).
2. ``message-send-hook`` (see :mod:`smtp.accounts` for what we evaluate).
3. (An empty ``Mail-Followup-To`` is meant to be removed, but a wrong call
   keeps it in 28.2, and so do we.)  ``message-generate-headers``
   fills in From, Date and Message-ID when missing or empty, appending them
   at the end of the header (``Message-ID`` spelled so).
4. Header lines longer than 79 characters are folded.
5. The body is MIME-encoded (``mml-generate-mime``): ``MIME-Version: 1.0``
   and ``Content-Type: text/plain`` always; for 8-bit text ``; charset=utf-8``
   and quoted-printable or base64 chosen by the share of 8-bit bytes.  An
   existing ``Content-Type`` is used as the type string (a charset is
   *appended* to it, as Emacs does) and the original fields are removed.
6. ``Fcc``/``Gcc``/``Resent-Fcc``/``Xref``/``X-Draft-From``... are removed;
   the header is RFC 2047-encoded; blank header lines are dropped.
7. ``message-multi-smtp-send-mail`` looks at ``X-Message-SMTP-Method``
   (:mod:`smtp.accounts`) and calls the transport (:mod:`smtp.paths`).

The message itself is a :class:`Draft`: the header lines in memory, the body
read in place and never held whole (encoders stream it too); the sendmail
paths in :mod:`smtp.sendmail` use the same record.  The values message.el
generates (From, the Message-ID's domain) are :mod:`smtp.identity`'s, the body
scan and its memo for one send :mod:`smtp.body_scan`'s, header folding
:mod:`smtp.rfc2047`'s: what is left here is the order of the edits.

Not modelled (a clear error instead): MML tags (``<#part>``, ``<#secure>``)
in the body, ``message-send-mail-partially-limit``, hashcash, IDNA domains.
Fcc copies are written by :mod:`smtp.fcc` after the send, as message.el
does after the transport succeeded.
"""

from __future__ import annotations

from elconf.records import field, record, replace
from elconf.types import NIL, Symbol, intern
from smtp.config import SendConfig
from smtp.body_scan import BodyStats, body_key, body_stats, scanned_once, source_key
from smtp.errors import MessageFailure
from smtp.headers import first_of

HEADER_ORDER = ("From", "Newsgroups", "To", "Cc", "Subject", "In-Reply-To", "Fcc", "Bcc", "Date",
                "Organization", "Distribution", "Lines", "Expires", "Message-ID", "References",
                "User-Agent")

# message-ignored-mail-headers (28.2 default), the regexp
# "^\\(?:[GF]cc\\|Resent-Fcc\\|Xref\\|X-Draft-From\\|X-Gnus-Agent-Meta-Information\\):",
# as the field names it matches (a tuple: see Draft.find).
IGNORED_MAIL_HEADERS = ("Gcc:", "Fcc:", "Resent-Fcc:", "Xref:", "X-Draft-From:",
                        "X-Gnus-Agent-Meta-Information:")

# ---------------------------------------------------------------------------
# The message as Emacs holds it in its buffer: header lines, then the body.
# Both sendmail paths (smtp.sendmail) and message.el's preparation work on it.

# The message door imports only what a send uses (tests/smtp/test_startup_diet.py):
# typing, datetime and dataclasses are for type checkers, base64 for base64 bodies.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as _dt
    from collections.abc import Callable, Iterator
    from pathlib import Path
    from typing import Any, BinaryIO

    from smtp.body_scan import Body


class _Bytes:
    """A body held in memory (small inputs, tests)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def chunks(self) -> Iterator[bytes]:
        if self.data:
            yield self.data


@record
class Draft:
    """A message split as Emacs splits its mail buffer: header lines in memory, body streamed.

    ``header`` holds the header lines without their newlines; ``body`` yields
    everything after the delimiter line (blank line or separator), ending
    with a newline, from wherever it lives (see :class:`smtp.body.BodySource`).
    """

    header: list[str]
    body: Body
    _stats: BodyStats | None = field(default=None, repr=False, compare=False)
    #: False when the header runs to the end of the input: sendmail-send-it
    #: then sends no empty line after it (message.el always has its separator).
    delimiter: bool = True

    @classmethod
    def parse(cls, source: "bytes | str | Path | BinaryIO") -> "Draft":
        """Split ``source`` at the end of its header (``rfc822-goto-eoh``).

        The header is read into memory, the body is left where it is.  A
        final newline is added when missing, and a message whose every line
        ends in CRLF is read as Emacs reads it (EOL type dos: CRs dropped),
        both by :func:`smtp.message.read_message`.  When the header ends at a
        line that is not blank (the separator, or a body line right after
        the header), that line's text is dropped, as ``sendmail-send-it``
        and ``message-send-mail-with-sendmail`` do.
        """
        from smtp.message import read_message

        if isinstance(source, str):
            source = source.encode("utf-8", "surrogateescape")
        # An empty separator: the header ends at the blank line or at the first
        # line that is not a header line; both paths then empty that line.
        raw = scanned_once(source_key(source), source,
                           lambda given: read_message(given, SendConfig(mail_header_separator="")))
        body = raw.body
        delimiter = True
        if not raw.blank_line:
            delimiter = body.start < body.end
            body = replace(body, start=_after_first_line(body))
        return cls(raw.header.split("\n")[:-1], body, delimiter=delimiter)

    @classmethod
    def of(cls, header: list[str], body: bytes) -> "Draft":
        return cls(list(header), _Bytes(body))

    def stats(self) -> BodyStats:
        if self._stats is None:
            self._stats = scanned_once(body_key(self.body), self.body, body_stats)
        return self._stats

    def set_body(self, body: Body) -> None:
        self.body = body
        self._stats = None

    def head_bytes(self) -> bytes:
        """The header and the line that ends it, as the message's first bytes."""
        return (self.header_text() + ("\n" if self.delimiter else "")).encode("utf-8", "surrogateescape")

    def chunks(self) -> Iterator[bytes]:
        """The whole message, LF line ends, in pieces."""
        yield self.head_bytes()
        yield from self.body.chunks()

    def header_text(self) -> str:
        return "".join(line + "\n" for line in self.header)

    def set_header_text(self, text: str) -> None:
        self.header = text.split("\n")[:-1] if text else []

    def to_bytes(self) -> bytes:
        """The whole message in memory (tests, small messages)."""
        return b"".join(self.chunks())

    def field_span(self, index: int) -> int:
        """Index just past the field starting at line ``index`` (its continuation lines included)."""
        end = index + 1
        while end < len(self.header) and self.header[end][:1] in (" ", "\t"):
            end += 1
        return end

    def find(self, pattern: str | tuple[str, ...]) -> int | None:
        """Index of the first header line matching ``pattern`` at its start (ignoring case).

        ``pattern`` is a regexp, or a tuple of literal prefixes (``("From:",)``),
        which spares importing re on the common path.
        """
        matches = _line_matcher(pattern)
        for i, line in enumerate(self.header):
            if matches(line):
                return i
        return None

    def value(self, name: str) -> str | None:
        """``mail-fetch-field NAME`` on the header."""
        from smtp.address import fetch_field

        return fetch_field(self.header_text(), name)

    def remove(self, pattern: str | tuple[str, ...], *, first: bool = False,
               whole_field: bool = True) -> int:
        """Delete fields whose first line matches ``pattern`` (as :meth:`find`); returns how many."""
        matches = _line_matcher(pattern)
        kept: list[str] = []
        removed = 0
        i = 0
        while i < len(self.header):
            line = self.header[i]
            if matches(line) and not (first and removed):
                removed += 1
                i = self.field_span(i) if whole_field else i + 1
                continue
            kept.append(line)
            i += 1
        self.header = kept
        return removed


def _line_matcher(pattern: str | tuple[str, ...]) -> Callable[[str], bool]:
    """A test of a header line: ``re.match(pattern, line, re.IGNORECASE)``, or for a tuple
    of literal prefixes the same test as their ``re.escape``d alternation, without re for
    an ASCII line (re's case folding goes beyond ``str.lower`` only outside ASCII)."""
    if isinstance(pattern, str):
        import re

        return re.compile(pattern, re.IGNORECASE).match   # type: ignore[return-value]
    lowered = tuple((len(name), name.lower()) for name in pattern)

    def matches(line: str) -> bool:
        for size, name in lowered:
            head = line[:size]
            if head.isascii():
                if head.lower() == name:
                    return True
            else:
                import re

                if re.match(re.escape(name), head, re.IGNORECASE):
                    return True
        return False

    return matches


def prepared_source(draft: Draft) -> Any:
    """message.el's output as smtpmail's preparation reads it, without holding the body.

    A body left as it was read (a file range without CRLF decoding, not
    re-encoded) is passed on in place: a :class:`smtp.body.Composed` of the
    new header over it, whose length is known without reading it.  Anything
    else (an encoded body, CRLF decoding) is spooled once to an unnamed
    file.  Either way the caller closes what it gets.
    """
    from smtp.body import BodySource, Composed

    body = draft.body
    if isinstance(body, BodySource) and not body.crlf and body.composed is None:
        head = draft.head_bytes()
        cut = body.cut[1] - body.cut[0] if body.cut is not None else 0
        size = body.end - body.start - cut + (1 if body.add_newline else 0)
        return Composed(head, body, len(head) + size)
    from smtp.message import spool_chunks

    return spool_chunks(draft.chunks())


def _after_first_line(body: Any) -> int:
    """Raw offset just past the first line of ``body`` (its end when it has one line)."""
    from smtp.message import _read_at

    pos = body.start
    while pos < body.end:
        block = _read_at(body, pos, min(65536, body.end - pos))
        if not block:
            break
        nl = block.find(b"\n")
        if nl >= 0:
            return pos + nl + 1
        pos += len(block)
    return body.end


# ---------------------------------------------------------------------------
# Header edits.

def _ranked_name(line: str) -> str | None:
    """The field name ``[^ \\n]+:`` matches at the start of ``line`` (greedy: "A:b:"
    names "A:b"), or None; without re."""
    end = first_of(line, " \n", len(line))
    colon = line.rfind(":", 0, end)
    return line[:colon] if colon >= 1 else None


def sort_headers(draft: Draft) -> None:
    """``message-sort-headers``: stable sort of the fields by ``HEADER_ORDER``."""
    records: list[tuple[int, list[str]]] = []
    i = 0
    while i < len(draft.header):
        end = draft.field_span(i)
        name = _ranked_name(draft.header[i])
        if name is None:
            rank = 10000
        else:
            # the regexp is greedy: "A:b:" names "A:b"; Emacs interns that
            rank = HEADER_ORDER.index(name) + 1 if name in HEADER_ORDER else len(HEADER_ORDER) + 2
        records.append((rank, draft.header[i:end]))
        i = end
    records.sort(key=lambda record: record[0])
    draft.header = [line for _rank, lines in records for line in lines]


def generate_headers(draft: Draft, cfg: SendConfig, *, from_style: str | None,
                     date: "str | Callable[[], str]", message_id: "str | Callable[[], str]") -> None:
    """``message-generate-headers`` for ``message-required-mail-headers`` (28.2 defaults).

    ``date`` and ``message_id`` may be functions, called only for a field
    that must be generated (a message that has both spares smtp.identity).
    """
    values: dict[str, Any] = {
        "From": None, "Subject": None, "Date": date, "In-Reply-To": None,
        "Message-ID": message_id, "User-Agent": None, "References": None,
    }
    for name in ("From", "Subject", "Date", "In-Reply-To", "Message-ID", "User-Agent",
                 "References", "From"):
        optional = name in ("In-Reply-To", "User-Agent", "References")
        index = draft.find((name + ":",))
        if index is not None:
            line = draft.header[index]
            colon = len(name) + 1
            if line[colon:colon + 1] != " ":
                line = line[:colon] + " " + line[colon:]
                draft.header[index] = line
            has_next = index + 1 < len(draft.header)
            empty = (not line[colon + 1:].strip(" \t") and has_next
                     and draft.header[index + 1][:1] not in (" ", "\t"))
            if not empty:
                continue
        if name == "From":
            from smtp.identity import message_from

            value: Any = message_from(cfg, from_style)
        else:
            value = values[name]
            if callable(value):
                value = values[name] = value()
        if not value:
            continue
        if index is None:
            draft.header.append(f"{name}: {value}")
        elif not optional:
            draft.header[index] = draft.header[index][:len(name) + 2] + value


def check_continuation_lines(draft: Draft) -> None:
    """Emacs asks "Fix continuation lines?"; a header line without a colon is an error for us."""
    for number, line in enumerate(draft.header, 1):
        if _name_then_blank(line) or (line and ":" not in line and line[0] not in " \t"):
            raise MessageFailure(f"header line {number} is neither a field nor a continuation: "
                                 f"{line[:60]!r}",
                                 hint="indent it to continue the previous field, or remove it")


def _name_then_blank(line: str) -> bool:
    """``re.match(r"[^ \\t\\n][^ \\t\\n:]*[ \\t]", line)``: a word, then a blank before
    any colon (a line that is no field), without re."""
    if not line or line[0] in " \t\n":
        return False
    for i in range(1, len(line)):
        if line[i] in " \t\n:":
            return line[i] in " \t"
    return False


def fold_long_headers(draft: Draft) -> None:
    """``message--fold-long-headers``: fold field lines longer than 79 characters."""
    out: list[str] = []
    i = 0
    while i < len(draft.header):
        end = draft.field_span(i)
        field = draft.header[i:end]
        if any(len(line) > 79 and line.find(":") >= 1 for line in field):   # [^:]+:
            from smtp.rfc2047 import fold_field

            field = fold_field(field)
        out.extend(field)
        i = end
    draft.header = out


# ---------------------------------------------------------------------------
# The body (mml-generate-mime for a body without MML tags).

def _choose_encoding(head: bytes) -> str:
    from smtp.transfer_encoding import choose_encoding

    return choose_encoding(head)


def encode_body(draft: Draft) -> None:
    """``message-encode-message-body`` for a single text part (no MML tags), streaming."""
    stats = draft.stats()
    if stats.mml_tag:
        raise MessageFailure("the body holds MML tags (<#part>, <#secure>...), which elsend does "
                             "not expand", hint="send it from Emacs, or remove the tags")
    existing = draft.value("content-type")
    if existing is not None and not existing.lower().startswith("text/"):
        # A message already in MIME form (multipart, attachments): Emacs
        # would wrap it again and damage it; we leave body and MIME fields
        # alone (a deliberate difference; see docs/paths.md).
        return
    mime_type = existing if existing is not None else "text/plain"
    # smtp.transfer_encoding (with re) only for a body that needs more than 7bit.
    if not stats.nonascii:
        charset = None
        encoding = "7bit" if stats.seven_bit and not stats.long_lines else _choose_encoding(stats.head)
    else:
        charset = "utf-8"
        encoding = _choose_encoding(stats.head)
    if encoding == "quoted-printable":
        from smtp.transfer_encoding import QuotedPrintableBody

        draft.set_body(QuotedPrintableBody(draft.body))
    elif encoding == "base64":
        from smtp.transfer_encoding import Base64Body

        draft.set_body(Base64Body(draft.body))
    fields = ["Content-Type: " + mime_type + (f"; charset={charset}" if charset else "")]
    if encoding != "7bit":
        fields.append(f"Content-Transfer-Encoding: {encoding}")
    draft.remove(("Mime-Version:",))
    draft.header.append("MIME-Version: 1.0")
    draft.header.extend(fields)
    # message-remove-first-header: the first instance goes only when there are
    # two, so an existing Content-Transfer-Encoding stays when mml adds none.
    for name in ("Content-Type:", "Content-Transfer-Encoding:"):
        if sum(1 for line in draft.header if line[:len(name)].lower() == name.lower()) > 1:
            draft.remove((name,), first=True)


# ---------------------------------------------------------------------------
# The whole preparation.

def lisp_setting(loaded: Any, name: str, default: Any) -> Any:
    """A variable from the evaluated config, or ``default`` when unbound or no config."""
    if loaded is None:
        return default
    from elconf.types import UNBOUND

    value = loaded.get(name)
    return default if value is UNBOUND else value


@record(frozen=True)
class Prepared:
    """The message as message.el hands it to the transport, and where its Fcc copies go."""

    draft: Draft            # header in memory, body streamed (encoded as it goes)
    fcc: tuple[str, ...]    # the Fcc file names, in the order message-do-fcc writes them
    fcc_header: tuple[str, ...] = ()   # the header of the Fcc copy (see prepare_message_el)

    def fcc_copy(self) -> Draft:
        """The Fcc copy: message-do-fcc's header over the same encoded body."""
        return Draft(list(self.fcc_header), self.draft.body)

    @property
    def message(self) -> bytes:
        return self.draft.to_bytes()


def prepare_message_el(raw: "bytes | str | Draft | Any", cfg: SendConfig, loaded: Any = None, *,
                       now: _dt.datetime | None = None, message_id: str | None = None) -> Prepared:
    """Do what ``message-send`` and ``message-send-mail`` do before the transport.

    ``loaded`` (an ``elconf`` LoadedConfig, optional) supplies
    ``message-from-style``; ``now`` and ``message_id`` make runs repeatable.
    The ``X-Message-SMTP-Method`` field is kept: the dispatcher removes it
    (see :func:`smtp.accounts.method_from_header`).
    """
    draft = raw if isinstance(raw, Draft) else Draft.parse(raw)
    draft.delimiter = True   # message-mode's buffer always has its separator line
    sort_headers(draft)
    fcc = fcc_names(draft)
    # message-send-mail means to drop an empty Mail-Followup-To, but passes a
    # regexp where message-remove-header wants a name: Emacs 28.2 keeps it.
    style_value = lisp_setting(loaded, "message-from-style", intern("angles"))
    from_style = style_value.name if isinstance(style_value, Symbol) and style_value is not NIL else None

    def date() -> str:
        from smtp.identity import make_date

        return make_date(now)

    def new_message_id() -> str:
        from smtp.identity import make_fqdn, make_message_id

        return message_id or make_message_id(make_fqdn(cfg))

    generate_headers(draft, cfg, from_style=from_style, date=date, message_id=new_message_id)
    check_continuation_lines(draft)
    fold_long_headers(draft)
    encode_body(draft)
    # message-do-fcc copies the message as it is now (the encoded-mail cache):
    # Gcc, Bcc, X-Message-SMTP-Method... kept, Fcc fields removed, then encoded.
    copy = Draft(list(draft.header), draft.body)
    copy.remove(("Fcc:",))
    _encode_header(copy)
    draft.remove(IGNORED_MAIL_HEADERS)
    _encode_header(draft)
    draft.header = [line for line in draft.header if line.strip(" \t")]
    return Prepared(draft, fcc, tuple(copy.header))


def _encode_header(draft: Draft) -> None:
    """``mail-encode-header``; an ASCII header is left as it is without importing
    :mod:`smtp.rfc2047` (which encodes only fields with non-ASCII text)."""
    if all(line.isascii() for line in draft.header):
        return
    encode_header(draft)


def encode_header(draft: Draft) -> None:
    """``mail-encode-header`` (RFC 2047) over the whole header, via :mod:`smtp.rfc2047`.

    message.el leaves ``rfc2047-encode-encoded-words`` at t where
    sendmail.el binds it to nil; the difference only shows for a field that
    holds both non-ASCII text and ready-made encoded words (not modelled).
    """
    header = draft.header_text()
    if header.isascii():
        return      # it encodes only fields with non-ASCII text: smtp.rfc2047 (and base64) spared
    from smtp.rfc2047 import encode_header as rfc2047_encode_header

    draft.set_header_text(rfc2047_encode_header(header))


def fcc_names(draft: Draft) -> tuple[str, ...]:
    """Each Fcc field's value is one file (no comma splitting); the last field is written first."""
    from smtp.headers import take_fcc_fields

    _header, names = take_fcc_fields(draft.header_text())
    return tuple(names)


def prepare_for_message_el(raw: bytes | str, cfg: SendConfig, loaded: Any = None, *,
                           now: _dt.datetime | None = None, message_id: str | None = None) -> bytes:
    """The message after message.el's edits, ready for ``message-send-mail-function``."""
    return prepare_message_el(raw, cfg, loaded, now=now, message_id=message_id).message
