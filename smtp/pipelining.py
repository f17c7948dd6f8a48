"""ESMTP PIPELINING (RFC 2920) for the queue flush: one round trip per message.

Emacs never pipelines, so a single send keeps its lockstep exchange
(:class:`smtp.esmtp.SmtpSession`, byte for byte).  A flush sends many
messages on one session; when the server offers PIPELINING it need not wait
for each reply before the next command.  Each message then costs one write
and one wait::

    C: MAIL FROM:<a@example.org>           the first message's group, one write
    C: RCPT TO:<b@example.net>
    C: DATA
    S: 250 / 250 / 354                      its replies
    C: ...content... .                      content, the final dot, and the next
    C: MAIL FROM:<a@example.org>            message's group behind it, one write
    C: RCPT TO:<c@example.net>              (RFC 2920 3.1: the content may be
    C: DATA                                 followed by the next commands)
    S: 250 queued / 250 / 250 / 354         the dot's reply, then the group's

The dot's reply is read before :meth:`PipeliningSession.send` returns, so
"sent" still means "the server said 250 after the final dot".  The queue's
bookkeeping (the sent entry leaving the index) runs while the next group's
replies are read and is finished before the next dot, as in lockstep.

Whenever the exchange stops short of a group's last reply (a refusal, the
dot refused, the flush stopping), the server may be reading content (it said
354): the session then closes without QUIT, so the server discards the
unfinished message.  A message other than the announced one (never the case
in a flush) starts a new session instead of using the group sent for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from smtp.errors import ProtocolFailure
from smtp.esmtp import SendReport, SmtpSession, refuse_line_break
from smtp.response import Reply

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from smtp.esmtp import MessageLike


class PipeliningSession(SmtpSession):
    """A session for a queue flush: pipelines when the server offers PIPELINING."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._replies_owed = 0                 # commands written whose replies are unread
        self._ahead: list[str] | None = None   # the group written behind the last dot
        self._ahead_for: MessageLike | None = None   # ... for this message
        self._upcoming: MessageLike | None = None

    def open(self, *, ask_for_password: bool = False) -> None:
        self._replies_owed = 0
        self._ahead = None
        super().open(ask_for_password=ask_for_password)

    def send(self, message: MessageLike, upcoming: MessageLike | None = None) -> SendReport:
        """Send ``message``; ``upcoming``, the message the caller sends next on this
        session (if any), may have its MAIL, RCPT and DATA written behind the dot."""
        if self._ahead is not None and self.conn is not None and self._ahead_for is not message \
                and self._ahead != self._envelope_commands(message):
            self._close_quietly()   # not the announced message: start a new session
        self._upcoming = upcoming
        try:
            return super().send(message)
        finally:
            self._upcoming = None

    def _envelope_commands(self, message: MessageLike) -> list[str]:
        """The announced message's group as it was written (built once per message)."""
        if message is self._ahead_for and self._ahead is not None:
            return self._ahead
        return super()._envelope_commands(message)

    def _exchange(self, commands: list[str], meanwhile: Callable[[], None] | None
                  ) -> Iterator[Reply]:
        """The group in one write (unless it went behind the last dot), then its replies."""
        if not self.extensions.pipelining:
            yield from super()._exchange(commands, meanwhile)
            return
        if self._ahead is None:
            for command in commands:
                refuse_line_break(command, False)
            self._skip_unread()
            wire = b"".join([self._traced(command) for command in commands])
            self._replies_owed = len(commands)
            self._connection().send(wire)
            if meanwhile is not None:
                for _ in commands:
                    meanwhile()
        # Else the group went behind the last dot and its replies came with the dot's:
        # no wait here to fill (the bookkeeping is done before the next dot).
        self._ahead = None
        for command in commands:
            reply = self._read_reply(command)
            self._replies_owed -= 1
            yield reply

    def _behind_the_dot(self) -> bytes:
        """The upcoming message's group, when it can go in the same write as the dot."""
        upcoming = self._upcoming
        if upcoming is None or not self.extensions.pipelining:
            return b""
        try:
            commands = self._envelope_commands(upcoming)
            for command in commands:
                refuse_line_break(command, False)
        except (ProtocolFailure, OSError):
            return b""   # its own send will report it; this message must not fail for it
        self._ahead, self._ahead_for = commands, upcoming
        self._replies_owed += len(commands)
        return b"".join([self._traced(command) for command in commands])

    def _skip_unread(self) -> None:
        if not self._replies_owed:   # replies still owed are not stray lines
            super()._skip_unread()

    def _quit_and_close(self) -> None:
        if self._replies_owed:   # out of step: the server may read a QUIT as content
            self._close_quietly()
            return
        super()._quit_and_close()
