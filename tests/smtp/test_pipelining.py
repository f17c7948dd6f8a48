"""ESMTP PIPELINING (RFC 2920) in the queue flush's session (smtp.pipelining), against aiosmtpd.

What is pipelined when the server offers PIPELINING: MAIL, the RCPTs and
DATA in one write; the content and the final dot once their replies are
read, with the next message's MAIL, RCPT and DATA behind the dot.  A single
send (Emacs's lockstep exchange, byte for byte) never pipelines.  A refusal
inside a group leaves the session out of step (the server may have answered
DATA with 354), so the session closes without QUIT and nothing is delivered.
"""

from __future__ import annotations

from typing import Any

from elconf import sysexits
from smtp.errors import RecipientRefused
from smtp.esmtp import SmtpSession
from smtp.pipelining import PipeliningSession
from tests.smtp.conftest import Message
from tests.support.smtpserver import CLOSE, DEFAULT_EXTENSIONS, Script, reply

PIPELINING = DEFAULT_EXTENSIONS[:-1] + ("PIPELINING",) + DEFAULT_EXTENSIONS[-1:]
#: Without AUTH: a refused RCPT is then final (with AUTH offered, Emacs reconnects to ask).
PIPELINING_NO_AUTH = ("SIZE 10240000", "8BITMIME", "PIPELINING", "HELP")


def spy_writes(session: SmtpSession) -> list[bytes]:
    """Record every write the session's connection makes (each a ``sendall``)."""
    writes: list[bytes] = []
    conn = session.conn
    assert conn is not None
    flush = conn.flush

    def recording_flush() -> None:
        if conn._outbox:
            writes.append(bytes(conn._outbox))
        flush()

    conn.flush = recording_flush  # type: ignore[method-assign]
    return writes


def flush_session(messages: int = 2, *, pipelining: bool = True) -> type[SmtpSession]:
    """A session class that sends ``messages`` messages as a flush does (each announced
    to the session before the previous one's dot), recording the writes."""

    class Flush(PipeliningSession if pipelining else SmtpSession):  # type: ignore[misc]
        writes: list[bytes] = []

        def open(self, **kwargs: Any) -> None:
            super().open(**kwargs)
            type(self).writes = spy_writes(self)

        def send(self, message):  # type: ignore[no-untyped-def]
            queue = [Message(recipients=[f"first{n}@example.net", "bob@example.net"])
                     for n in range(1, messages)] + [message]
            for current, following in zip(queue, queue[1:] + [None]):
                report = super().send(current, following) if pipelining \
                    else super().send(current)
            return report

    return Flush


CONTENT = b"From: alice@example.org\r\nTo: bob@example.net\r\nSubject: test\r\n\r\nHello.\r\n"


def test_one_write_per_message(smtp_run) -> None:
    session = flush_session(3)
    run = smtp_run(Script(extensions=PIPELINING), session_class=session)
    assert run.error is None and len(run.server.messages) == 3
    group = (b"MAIL FROM:<alice@example.org> SIZE=71\r\nRCPT TO:<first%d@example.net>\r\n"
             b"RCPT TO:<bob@example.net>\r\nDATA\r\n")
    assert session.writes == [group % 1, CONTENT + b".\r\n" + group % 2,
                              CONTENT + b".\r\n" + b"MAIL FROM:<alice@example.org> SIZE=71\r\n"
                              b"RCPT TO:<bob@example.net>\r\nDATA\r\n",
                              CONTENT + b".\r\n", b"QUIT\r\n"]
    # The same commands, in the same order, as the lockstep exchange puts on the wire.
    lockstep = smtp_run(Script(extensions=PIPELINING),
                        session_class=flush_session(3, pipelining=False))
    assert run.wire == lockstep.wire
    assert [m[1] for m in run.server.messages] == [["first1@example.net", "bob@example.net"],
                                                   ["first2@example.net", "bob@example.net"],
                                                   ["bob@example.net"]]


def test_no_pipelining_unless_offered_or_allowed(smtp_run) -> None:
    not_offered = flush_session()
    smtp_run(Script(), session_class=not_offered)
    not_allowed = flush_session(pipelining=False)
    smtp_run(Script(extensions=PIPELINING), session_class=not_allowed)
    for session in (not_offered, not_allowed):
        assert b"MAIL FROM:<alice@example.org> SIZE=71\r\n" in session.writes
        assert b"RCPT TO:<bob@example.net>\r\n" in session.writes
        assert b"DATA\r\n" in session.writes


def test_a_single_send_never_pipelines(smtp_run) -> None:
    """Emacs's exchange: each command waits for the previous reply, even when offered."""
    run = smtp_run(Script(extensions=PIPELINING))
    assert run.error is None
    lines = run.trace.text().splitlines()
    start = lines.index("MAIL FROM:<alice@example.org> SIZE=71")
    assert lines[start:start + 6] == ["MAIL FROM:<alice@example.org> SIZE=71", "250 OK",
                                      "RCPT TO:<bob@example.net>", "250 OK",
                                      "DATA", "354 End data with <CR><LF>.<CR><LF>"]


def test_a_refused_recipient_in_a_group_sends_nothing(smtp_run) -> None:
    run = smtp_run(Script(extensions=PIPELINING_NO_AUTH,
                          replies={("RCPT", 1): reply("550 5.1.1 no such user")}),
                   message=Message(recipients=["gone@example.net", "bob@example.net"]),
                   session_class=flush_session(messages=1))
    assert isinstance(run.error, RecipientRefused)
    assert run.error.exit_code == sysexits.NOUSER
    assert run.server.messages == []        # DATA got 354, but no content and no dot followed
    assert "QUIT" not in run.commands       # out of step: it would have been content
    assert run.server.connections[0].closed.is_set()


def test_a_refused_dot_with_the_next_group_behind_it_sends_nothing_more(smtp_run) -> None:
    run = smtp_run(Script(extensions=PIPELINING_NO_AUTH,
                          replies={("DOT", 1): reply("554 5.6.0 rejected")}),
                   session_class=flush_session())
    assert run.error is not None and run.error.exit_code == sysexits.UNAVAILABLE
    assert run.server.messages == []
    assert run.commands.count("DATA") == 2 and "QUIT" not in run.commands


def test_a_message_other_than_the_announced_one_gets_a_new_session(smtp_run) -> None:
    class Other(PipeliningSession):
        def send(self, message, upcoming=None):  # type: ignore[no-untyped-def]
            super().send(Message(recipients=["first@example.net"]),
                         Message(recipients=["announced@example.net"]))
            return super().send(message)

    run = smtp_run(Script(extensions=PIPELINING), session_class=Other)
    assert run.error is None and len(run.server.connections) == 2
    assert [m[1] for m in run.server.messages] == [["first@example.net"], ["bob@example.net"]]


def test_a_transient_refusal_of_mail_in_a_group_retries_in_a_new_session(smtp_run) -> None:
    run = smtp_run(Script(extensions=PIPELINING,
                          replies={("MAIL", 1): reply("451 4.3.0 try again")}),
                   session_class=flush_session(messages=1), retries=3)
    assert run.error is None
    assert len(run.server.connections) == 2 and len(run.server.messages) == 1
    assert run.sleeps == [1]


def test_a_session_the_server_ended_is_reopened_for_the_next_group(smtp_run) -> None:
    for ending in (CLOSE, reply("421 4.4.2 idle too long", close=True)):
        run = smtp_run(Script(extensions=PIPELINING, replies={("MAIL", 2): ending}),
                       session_class=flush_session())
        assert run.error is None, run.error
        assert len(run.server.connections) == 2 and len(run.server.messages) == 2
        assert run.sleeps == []


def test_a_pipelined_group_is_traced_as_sent(smtp_run) -> None:
    run = smtp_run(Script(extensions=PIPELINING), session_class=flush_session(messages=1))
    lines = run.trace.text().splitlines()
    start = lines.index("MAIL FROM:<alice@example.org> SIZE=71")
    assert lines[start:start + 6] == ["MAIL FROM:<alice@example.org> SIZE=71",
                                      "RCPT TO:<bob@example.net>", "DATA", "250 OK", "250 OK",
                                      "354 End data with <CR><LF>.<CR><LF>"]
