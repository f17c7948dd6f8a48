"""The authinfo/netrc file format exactly as Emacs 28.2's auth-source reads it.

auth-source has its own little parser, and its quirks decide which password
a user gets, so this module reproduces them rather than using Python's
``netrc`` module:

* A token is ``'single quoted'`` or ``"double quoted"`` (no escapes at all;
  the quoted text may span lines) or any run of characters other than space,
  tab and newline.  A quote without a partner is an ordinary character.
* Only spaces and tabs separate tokens on a line; a ``#`` where a token would
  start comments out the rest of the line, so an unquoted password beginning
  with ``#`` disappears together with whatever follows it on that line.
  A ``#`` inside a token is just a character.
* Tokens pair up as ``KEY VALUE``.  ``machine`` (and ``default``, which takes
  no value) starts a new entry; newlines mean nothing, so an entry may span
  lines, and the tokens before the first ``machine`` form an entry of their
  own (one without a host, which matches every host).
* ``machine`` where a value belongs stops the whole file with
  ``Unexpected ‘machine’ token at line N``, where N is the line on which the
  *next* token (or the end of the file) sits -- the place Emacs's cursor is
  when it notices.  Every lookup that reaches such a file fails.
* When deciding whether an entry matches, the *last* ``machine`` of the
  entry counts (else the last ``host``); likewise ``login`` before
  ``account`` before ``user``, and ``port`` before ``protocol``.  The values
  handed back are the last of each alias group in file order, so
  ``machine a host b`` matches ``a`` but answers with host ``b``.
* Comparison is exact string equality, case included; a missing key matches
  anything; there is no service-name lookup (``port smtp`` never equals the
  ``"25"`` smtpmail asks for).

The file bytes are decoded as Emacs's ``insert-file-contents`` would
(:func:`decode_like_emacs`): UTF-8 (an initial BOM dropped) or, failing that,
Latin-1, and the end-of-line convention detected from the whole file.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

#: ``default`` entries store this as their host: they match any host.
ANY_HOST = True


class NetrcError(Exception):
    """The file cannot be parsed (Emacs signals an error for every lookup)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


@dataclasses.dataclass(frozen=True)
class Token:
    text: str
    start: int      # offset of the token's first character (the quote, if quoted)
    line: int       # 1-based line of ``start``


@dataclasses.dataclass
class NetrcEntry:
    """One entry: its KEY VALUE pairs in file order and where it starts.

    A ``default`` entry holds the pair ``("machine", True)``.
    """

    pairs: list[tuple[str, str | bool]]
    line: int

    def last(self, *keys: str) -> str | bool | None:
        """The value Emacs's matcher uses: the last pair for the first key present."""
        for key in keys:
            for k, v in reversed(self.pairs):
                if k == key:
                    return v
        return None

    def normalized(self) -> dict[str, str | bool]:
        """The plist auth-source returns, as a dict: aliases folded, last value wins."""
        result: dict[str, str | bool] = {}
        for key, value in self.pairs:
            result[CANONICAL_KEYS.get(key, key)] = value
        return result

    @property
    def is_default(self) -> bool:
        return self.last("machine") is True


#: netrc key -> the keyword auth-source files it under.
CANONICAL_KEYS = {"machine": "host", "login": "user", "account": "user",
                  "protocol": "port", "password": "secret"}


def decode_like_emacs(data: bytes) -> tuple[str, list[str]]:
    """Decode file bytes as Emacs 28's ``insert-file-contents`` does; also return notes.

    End of lines (observed): any bare LF makes the file "unix" (CRs are kept
    as characters); else any CRLF makes it "dos" (CRLF -> LF, lone CRs kept);
    else CRs alone make it "mac" (CR -> LF).
    """
    notes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        notes.append("not valid UTF-8: read as Latin-1, as Emacs would guess")
    return convert_eol(text), notes


def convert_eol(text: str) -> str:
    """Emacs's end-of-line detection and conversion on decoding (see decode_like_emacs)."""
    if re.search(r"(?<!\r)\n", text):
        return text
    if "\r\n" in text:
        return text.replace("\r\n", "\n")
    return text.replace("\r", "\n")


def secret_as_returned(secret: str) -> str:
    """The password as auth-source hands it out.

    auth-source keeps netrc passwords obfuscated in memory and decodes them
    with ``decode-coding-string ... 'utf-8``, which detects line ends anew
    on the password alone: a carriage return left in it by a file with mixed
    line ends comes back as a newline.
    """
    return convert_eol(secret)


# Skipping what is not a token, as auth-source-netrc-parse-next-interesting
# does: blanks, then (repeatedly) a comment running from a `#` to the end of
# the line, or an empty line.  Atomic, so that backtracking can never turn a
# skipped comment into a token.
_SKIP = r"(?>(?:[ \t]*(?:#[^\n]*(?:\n|\Z)|\n))*[ \t]*)"
# A token: 'single' or "double" quoted (no escapes, may span lines), else a
# run of anything but space, tab and newline (an unpaired quote included).
_TOKEN_RE = re.compile(_SKIP + r"(?:'([^']*)'|\"([^\"]*)\"|([^ \t\n]+))")
_SKIP_RE = re.compile(_SKIP)


def _tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """(value, start offset, end offset) of every token, in order."""
    pos = 0
    match = _TOKEN_RE.match
    while (m := match(text, pos)) is not None:
        index = m.lastindex or 3
        value = m.group(index)
        start = m.start(index) - (0 if index == 3 else 1)
        pos = m.end()
        yield value, start, pos


class _Lines:
    """Line numbers for increasing offsets, counted incrementally."""

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line = text, 0, 1

    def at(self, offset: int) -> int:
        self.line += self.text.count("\n", self.pos, offset)
        self.pos = offset
        return self.line


def parse(text: str) -> list[NetrcEntry]:
    """All entries of an authinfo/netrc text, or :class:`NetrcError` as Emacs would raise.

    Emacs keeps parsing after it has found the entry it wants, so an error
    anywhere in the file fails the lookup; parsing everything first is
    therefore equivalent.
    """
    lines = _Lines(text)
    entries: list[NetrcEntry] = []
    pairs: list[tuple[str, str | bool]] = []
    first_line = 0
    tokens = _tokens(text)
    for item, start, _end in tokens:
        is_default = item == "default"
        if pairs and (is_default or item == "machine"):
            entries.append(NetrcEntry(pairs, first_line))
            pairs = []
        if not pairs:
            first_line = lines.at(start)
        if is_default:
            pairs.append(("machine", ANY_HOST))
            continue
        value = next(tokens, None)
        if value is None:
            continue
        if value[0] == "machine":
            # Emacs reports the line its cursor is on: past what follows the token.
            skipped = _SKIP_RE.match(text, value[2])
            line = lines.at(skipped.end() if skipped else value[2])
            raise NetrcError(f"Unexpected \u2018machine\u2019 token at line {line}", line)
        pairs.append((item, value[0]))
    if pairs:
        entries.append(NetrcEntry(pairs, first_line))
    return entries


def iter_tokens(text: str) -> Iterator[Token]:
    """Every token of the text with its place (for diagnostics such as `elconf check`)."""
    lines = _Lines(text)
    for value, start, _end in _tokens(text):
        yield Token(value, start, lines.at(start))


# ---------------------------------------------------------------------------
# Matching


def _describe(value: str | bool | None) -> str:
    return "any" if value is True else repr(value)


def verdict(entry: NetrcEntry, host: str, port: str, user: str | None,
            require: tuple[str, ...] = ()) -> str:
    """``"match"``, or why auth-source's matcher passes over this entry."""
    entry_host = entry.last("machine", "host")
    if entry_host is not None and entry_host is not True and entry_host != host:
        why = f"host differs ({entry_host} is not {host})"
        if isinstance(entry_host, str) and entry_host.lower() == host.lower():
            why += ": auth-source compares host names case-sensitively"
        return why
    entry_user = entry.last("login", "account", "user")
    if user is not None and entry_user is not None and entry_user != user:
        return f"user differs ({entry_user} is not smtpmail-smtp-user {user})"
    entry_port = entry.last("port", "protocol")
    if entry_port is not None and entry_port != port:
        why = f"port differs ({entry_port} is not {port}"
        if isinstance(entry_port, str) and not entry_port.isdigit():
            why += ": auth-source compares ports as strings, service names are not looked up"
        return why + ")"
    normalized = entry.normalized()
    for key in require:
        if key not in normalized:
            return f"no {'password' if key == 'secret' else key} (required)"
    return "match"
