"""The debug trace of an SMTP session, in the shape of Emacs's trace buffer.

Emacs keeps ``*trace of SMTP session to HOST*``: the server's bytes with
their CRLF and every command smtpmail sent, and, with
``smtpmail-debug-info``, the message body.  It differs from ours in two ways
on purpose:

* Emacs hides only ``AUTH PLAIN``'s argument (``AUTH PLAIN <omitted>``) and
  shows ``AUTH LOGIN``'s base64 user and **password** lines and the
  CRAM-MD5 response in clear, so a pasted trace leaks the password.  We omit
  ALL of them: every line sent during AUTH after the mechanism name becomes
  ``<omitted>``, and ``AUTH XOAUTH2 <token>`` too.
* Emacs leaves out ``EHLO`` and ``STARTTLS`` (sent by network-stream); we
  include them and mark the TLS start, so the trace tells the whole story.

The trace ends like Emacs's: ``\\nProcess smtpmail deleted\\n``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

OMITTED = "<omitted>"
_AUTH_WITH_ARGUMENT = re.compile(r"(AUTH [A-Za-z0-9-]+) .*", re.DOTALL)


def redact_command(command: str, *, secret: bool = False) -> str:
    """The command as the trace shows it.

    >>> redact_command("AUTH PLAIN AGFsaWNl")
    'AUTH PLAIN <omitted>'
    >>> redact_command("YWxpY2U=", secret=True)
    '<omitted>'
    """
    match = _AUTH_WITH_ARGUMENT.match(command)
    if match:
        return f"{match.group(1)} {OMITTED}"
    return OMITTED if secret else command


class Trace:
    """Collects the transcript; ``sink`` (if given) also receives each piece as it happens."""

    def __init__(self, host: str, *, include_body: bool = False,
                 sink: Callable[[str], None] | None = None) -> None:
        self.host = host
        self.include_body = include_body
        self.sink = sink
        self._parts: list[str] = []

    @property
    def title(self) -> str:
        return f"*trace of SMTP session to {self.host}*"

    def _add(self, text: str) -> None:
        self._parts.append(text)
        if self.sink is not None:
            self.sink(text)

    def client(self, command: str, *, secret: bool = False) -> None:
        """A command we sent (secrets already known to the caller are flagged)."""
        self._add(redact_command(command, secret=secret) + "\r\n")

    def server(self, line: bytes) -> None:
        self._add(line.decode("utf-8", "replace") + "\r\n")

    def body_line(self, line: bytes) -> None:
        """A message line (before dot-stuffing), only with smtpmail-debug-info."""
        if self.include_body:
            self._add(line.decode("utf-8", "replace") + "\r\n")

    def note(self, text: str) -> None:
        """Something that is not on the wire: TLS started, a retry, a reconnect."""
        self._add(f"[{text}]\n")

    def finish(self, how: str = "deleted") -> None:
        self._add(f"\nProcess smtpmail {how}\n")

    def text(self) -> str:
        return "".join(self._parts)
