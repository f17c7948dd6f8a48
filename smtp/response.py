"""Reading and parsing SMTP replies the way Emacs 28.2 reads them.

Two readers exist in Emacs and we keep both, because they disagree on
malformed input and the wire must match:

* ``network-stream`` reads the greeting, the EHLO reply and the STARTTLS
  reply: it accumulates text until some line matches ``[0-9]+ .*\\r\\n``
  (:func:`is_final_line`).  Lines before it, garbage included, belong to the
  reply.  The reply code is the number of the first line of the form
  ``NNN `` (:func:`first_code`).
* ``smtpmail-read-response`` reads every other reply line by line
  (:class:`ReplyAssembler`): ``NNN `` ends the reply with code NNN (except a
  line starting with ``0``, which is skipped), ``NNN-`` continues it, and any
  other line ends it *without a code*, so a garbage line before the real
  reply makes the command fail with the garbage as the text::

      S: this is not an SMTP reply        -> Reply(code=None, lines=("this is not an SMTP reply",))
      S: 250-first                        -> continues
      S: 250 last                         -> Reply(code=250, lines=("250-first", "250 last"))

Everything here is pure: the transport hands in lines (without CRLF).
Lines are decoded as UTF-8 with ``surrogateescape`` so no byte is lost.
"""

from __future__ import annotations


from elconf.records import record

#: Longest reply line accepted (bytes, without CRLF).  RFC 5321 allows 512;
#: real servers stay far below 8 KiB.  Longer is treated as a protocol error.
MAX_LINE_LENGTH = 8192
#: Most lines accepted in one reply: a server that never ends its reply
#: should not make us read forever.
MAX_REPLY_LINES = 1000



def _digits_then(line: bytes, mark: int) -> int:
    """How many digits start ``line`` when byte ``mark`` follows them, else 0.

    ``re.match(rb"[0-9]+ ", line)`` (with ``mark`` a space) is the same test:
    every reply line passes here, and re costs a plain send start-up time.
    """
    i, n = 0, len(line)
    while i < n and 48 <= line[i] <= 57:
        i += 1
    return i if i < n and line[i] == mark else 0


@record(frozen=True)
class Reply:
    """One server reply: its code (None when the reply had no parsable code) and its lines."""

    code: int | None
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        """All lines joined with newlines, codes included: what Emacs puts in its errors."""
        return "\n".join(self.lines)

    @property
    def ok(self) -> bool:
        """Emacs's ``smtpmail-ok-p``: a code below 400."""
        return self.code is not None and self.code < 400


def decode_line(line: bytes) -> str:
    return line.decode("utf-8", "surrogateescape")


def is_final_line(line: bytes) -> bool:
    """Does this line end a reply for network-stream (``^[0-9]+ ``)?"""
    return _digits_then(line, 32) > 0


def first_code(lines: list[bytes] | tuple[bytes, ...]) -> int | None:
    """Code of the first ``NNN `` line, as ``smtpmail-response-code`` computes it."""
    for line in lines:
        digits = _digits_then(line, 32)
        if digits:
            return int(line[:digits])
    return None


def one_line_reply(line: bytes) -> bool:
    """Is ``line`` a whole reply by itself, with the code of its first three bytes?

    ``NNN text`` with a first digit other than 0: what :class:`ReplyAssembler` would
    end at once with code NNN (a queue flush reads four replies per message, and
    this spares the assembler for them).  Anything else goes to the assembler.
    """
    return len(line) > 3 and line[3] == 32 and line[0] != 48 and line[:3].isdigit()


def block_reply(lines: list[bytes]) -> Reply:
    """The reply as network-stream read it (greeting, EHLO, STARTTLS)."""
    return Reply(first_code(lines), tuple(decode_line(line) for line in lines))


class ReplyAssembler:
    """Feed reply lines one at a time; :meth:`feed` returns the Reply once complete.

    This is ``smtpmail-read-response``'s grammar::

        >>> r = ReplyAssembler()
        >>> r.feed(b"250-a"), r.feed(b"250 b")
        (None, Reply(code=250, lines=('250-a', '250 b')))
    """

    def __init__(self) -> None:
        self._lines: list[str] = []

    def feed(self, line: bytes) -> Reply | None:
        self._lines.append(decode_line(line))
        digits = _digits_then(line, 32)        # ^[0-9]+ : a final line
        if digits:
            if digits > 1 and line[0] == 48:    # ^0[0-9]+ : skipped, as smtpmail does
                return None
            return self._finish(int(line[:digits]))
        if _digits_then(line, 45):              # ^[0-9]+- : continued
            return None
        return self._finish(None)

    def _finish(self, code: int | None) -> Reply:
        reply = Reply(code, tuple(self._lines))
        self._lines = []
        return reply


# --- EHLO keywords ---------------------------------------------------------

#: The only EHLO keywords smtpmail keeps; all others are dropped silently.
KNOWN_EXTENSIONS = frozenset(
    "verb xvrb 8bitmime onex xone expn size dsn etrn enhancedstatuscodes help xusr "
    "auth=login auth starttls".split())

_STARTTLS_OFFER = r"[ -]STARTTLS"


def _offers_starttls(text: str) -> bool:
    """``re.search(_STARTTLS_OFFER, text, re.IGNORECASE)``; an ASCII reply without re."""
    if text.isascii():
        lowered = text.lower()
        return " starttls" in lowered or "-starttls" in lowered
    import re   # re's case folding matches more than str.lower() beyond ASCII (ſ is s)

    return re.search(_STARTTLS_OFFER, text, re.IGNORECASE) is not None


@record(frozen=True)
class Extensions:
    """The EHLO keywords smtpmail recognised, each as its tuple of lower-case words.

    Emacs keeps a one-word line as a bare symbol and a longer line as a list;
    some checks accept only the bare form (``ONEX``, ``XUSR``, ``VERB``),
    ``SIZE`` accepts both, ``AUTH`` only the list form.
    """

    entries: tuple[tuple[str, ...], ...] = ()
    starttls_offered: bool = False
    unknown: tuple[tuple[str, ...], ...] = ()   # dropped lines (the greeting line among them)

    def unknown_messages(self) -> list[str]:
        """What ``smtpmail-warn-about-unknown-extensions`` prints, one per dropped line.

        Emacs prints a one-word line as the word and a longer one as a list:
        ``Unknown extension pipelining``, ``Unknown extension (mx.test hello)``.
        """
        return ["Unknown extension " + (words[0] if len(words) == 1 else f"({' '.join(words)})")
                for words in self.unknown]

    @property
    def pipelining(self) -> bool:
        """PIPELINING (RFC 2920) is offered.  smtpmail drops the keyword (it is among
        the unknown lines, and Emacs never pipelines); elsend's queue flush uses it."""
        return ("pipelining",) in self.unknown

    def has_word(self, name: str) -> bool:
        """Listed alone on its line (Emacs's ``member``)."""
        return (name,) in self.entries

    def has(self, name: str) -> bool:
        """Listed with or without parameters (``member`` or ``assoc``)."""
        return any(entry[0] == name for entry in self.entries)

    @property
    def auth_mechanisms(self) -> tuple[str, ...]:
        """Mechanisms of the ``AUTH m1 m2 ...`` line that ``assoc 'auth`` finds."""
        for entry in self._in_emacs_order():
            if entry[0] == "auth" and len(entry) > 1:
                return entry[1:]
        return ()

    def _in_emacs_order(self) -> tuple[tuple[str, ...], ...]:
        # smtpmail conses each keyword onto the front, so lookups see the
        # server's last line first.
        return tuple(reversed(self.entries))


def parse_ehlo(lines: list[bytes] | tuple[bytes, ...]) -> Extensions:
    """The keywords smtpmail takes from an EHLO reply.

    Each line loses its first four characters (``250-``), is split at single
    spaces and lower-cased (ASCII only); the entry is kept only when its first
    word is in :data:`KNOWN_EXTENSIONS`.  STARTTLS is detected separately, as
    network-stream does, by ``[ -]STARTTLS`` anywhere in the reply.
    """
    entries, unknown = [], []
    for raw in lines:
        if not raw:
            continue
        words = tuple(_ascii_lower(word) for word in decode_line(raw[4:]).split(" "))
        (entries if words[0] in KNOWN_EXTENSIONS else unknown).append(words)
    text = "\r\n".join(decode_line(line) for line in lines)
    return Extensions(tuple(entries), _offers_starttls(text), tuple(unknown))


def _ascii_lower(word: str) -> str:
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in word)
