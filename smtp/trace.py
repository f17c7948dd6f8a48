"""The debug trace of an SMTP session, in the shape of Emacs's trace buffer.

Emacs keeps ``*trace of SMTP session to HOST*``: the server's bytes with
their CRLF and every command smtpmail sent, and, with
``smtpmail-debug-info``, the message body.  It differs from ours in two ways
on purpose:

* Emacs hides only ``AUTH PLAIN``'s argument (``AUTH PLAIN <omitted>``) and
  shows ``AUTH LOGIN``'s base64 user and **password** lines, the CRAM-MD5
  response and even ``AUTH XOAUTH2 TOKEN`` (its pattern ``AUTH [A-Z]+ ``
  misses the digit in ``XOAUTH2``) in clear, so a pasted trace leaks the
  password or token.  We omit ALL of them: every line sent during AUTH after
  the mechanism name becomes ``<omitted>``, and so does every AUTH argument.
* Emacs leaves out ``EHLO`` and ``STARTTLS`` (sent by network-stream); we
  include them and mark the TLS start and each new connection, so the trace
  tells the whole story.  ``Trace(..., emacs_style=True)`` leaves them out
  and, like Emacs's ``erase-buffer``, keeps only the last connection: that
  form is compared with Emacs's own buffer by the parity suite.

The trace ends like Emacs's: ``\\nProcess smtpmail deleted\\n``.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable

OMITTED = "<omitted>"
_AUTH_WITH_ARGUMENT = r"(?s)(AUTH [A-Za-z0-9-]+) .*"   # compiled on first use: only a trace needs it


def redact_command(command: str, *, secret: bool = False) -> str:
    """The command as the trace shows it.

    >>> redact_command("AUTH PLAIN AGFsaWNl")
    'AUTH PLAIN <omitted>'
    >>> redact_command("YWxpY2U=", secret=True)
    '<omitted>'
    """
    import re

    match = re.match(_AUTH_WITH_ARGUMENT, command)
    if match:
        return f"{match.group(1)} {OMITTED}"
    return OMITTED if secret else command


class Trace:
    """Collects the transcript; ``sink`` (if given) also receives each piece as it happens."""

    def __init__(self, host: str, *, include_body: bool = False,
                 sink: Callable[[str], None] | None = None, emacs_style: bool = False) -> None:
        self.host = host
        self.include_body = include_body
        self.sink = sink
        self.emacs_style = emacs_style
        self._parts: list[str] = []
        self._sessions = 0

    @property
    def title(self) -> str:
        return f"*trace of SMTP session to {self.host}*"

    def _add(self, text: str) -> None:
        self._parts.append(text)
        if self.sink is not None:
            self.sink(text)

    def new_session(self) -> None:
        """A new connection starts (Emacs erases its buffer here)."""
        self._sessions += 1
        if self.emacs_style:
            self._parts.clear()
        elif self._sessions > 1:
            self.note(f"connection {self._sessions} to {self.host}")

    def client(self, command: str, *, secret: bool = False, network_stream: bool = False) -> None:
        """A command we sent; ``network_stream``: one Emacs's trace does not show (EHLO, STARTTLS)."""
        if network_stream and self.emacs_style:
            return
        self._add(redact_command(command, secret=secret) + "\r\n")

    def server(self, line: bytes) -> None:
        self._add(line.decode("utf-8", "replace") + "\r\n")

    def server_bytes(self, data: bytes) -> None:
        """Server output nobody read as a reply (it stays in Emacs's buffer too)."""
        self._add(data.decode("utf-8", "replace"))

    def body_line(self, line: bytes) -> None:
        """A message line (before dot-stuffing), only with smtpmail-debug-info."""
        if self.include_body:
            self._add(line.decode("utf-8", "replace") + "\r\n")

    def note(self, text: str) -> None:
        """Something that is not on the wire: TLS started, a retry, a reconnect."""
        if not self.emacs_style:
            self._add(f"[{text}]\n")

    def finish(self, how: str = "deleted") -> None:
        self._add(f"\nProcess smtpmail {how}\n")

    def text(self) -> str:
        return "".join(self._parts)
