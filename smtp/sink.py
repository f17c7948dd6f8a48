"""A tiny SMTP server that accepts everything and records what it received.

It serves the README's demo and the benchmarks: a local server that the
command itself starts and stops, with nothing but the standard library (the
test suite uses aiosmtpd instead, for real AUTH and TLS).  It acknowledges
as real servers do: one reply per command, ``250`` after the final dot, and
it offers ESMTP PIPELINING (RFC 2920)::

    S: 220 sink.localhost ESMTP elsend sink
    C: EHLO client
    S: 250-sink.localhost
    S: 250-SIZE 104857600
    S: 250-8BITMIME
    S: 250 PIPELINING
    C: MAIL FROM:<a@example.org> SIZE=123      (one write: a pipelined group)
    C: RCPT TO:<b@example.net>
    C: DATA
    S: 250 OK                                  (one write: the group's replies)
    S: 250 OK
    S: 354 End data with <CR><LF>.<CR><LF>
    ...
    C: .
    S: 250 OK: queued as N

Like Postfix, it answers pipelined commands in order and sends the replies
it has gathered only when it has read all the client sent so far (before
waiting for more), so a group's replies leave in one segment.  Commands out
of sequence get ``503`` (RCPT before MAIL, DATA without an accepted RCPT), so
a client that pipelines past a refusal is answered as a real server would.
"""

from __future__ import annotations

import dataclasses
import socket
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager

EHLO_REPLY = (b"250-sink.localhost\r\n250-SIZE 104857600\r\n250-8BITMIME\r\n"
              b"250 PIPELINING\r\n")
#: The end of DATA; the content is searched with a CRLF in front, so that a message
#: that is only ``.\r\n`` (an empty body) ends as well.
_END_OF_DATA = b"\r\n.\r\n"
_MAX_LINE = 65536


@dataclasses.dataclass
class ReceivedMessage:
    envelope_from: str
    recipients: list[str]
    data: bytes                      # as received, CRLF line ends, dot-stuffing undone
    transcript: list[bytes]          # every client line (commands, not DATA content)


@dataclasses.dataclass
class Sink:
    host: str
    port: int
    messages: list[ReceivedMessage]
    keep_data: bool = True


class _Handler(socketserver.BaseRequestHandler):
    """One client connection: its own input buffer, replies gathered until it must wait."""

    server: "_Server"
    request: socket.socket

    def setup(self) -> None:
        self.inbox = bytearray()
        self.outbox = bytearray()
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def reply(self, line: bytes) -> None:
        self.outbox += line + b"\r\n"

    def _recv(self) -> bytes:
        """Send the gathered replies, then wait for more input (``b""`` at its end)."""
        if self.outbox:
            self.request.sendall(self.outbox)
            self.outbox.clear()
        return self.request.recv(1 << 16)

    def _read_line(self) -> bytes | None:
        while True:
            end = self.inbox.find(b"\n")
            if end >= 0 or len(self.inbox) > _MAX_LINE:
                end = end if end >= 0 else _MAX_LINE - 1
                line = bytes(self.inbox[:end + 1])
                del self.inbox[:end + 1]
                return line
            chunk = self._recv()
            if not chunk:
                return None
            self.inbox += chunk

    def handle(self) -> None:
        sink = self.server.sink
        self.reply(b"220 sink.localhost ESMTP elsend sink")
        envelope_from: str | None = None
        recipients: list[str] = []
        transcript: list[bytes] = []
        try:
            while (line := self._read_line()) is not None:
                transcript.append(line)
                command = line.rstrip(b"\r\n")
                verb = command[:4].upper()
                if verb == b"EHLO":
                    self.outbox += EHLO_REPLY
                elif verb == b"HELO":
                    self.reply(b"250 sink.localhost")
                elif verb == b"MAIL":
                    envelope_from, recipients = _angle(command), []
                    self.reply(b"250 OK")
                elif verb == b"RCPT":
                    if envelope_from is None:
                        self.reply(b"503 5.5.1 Error: need MAIL command")
                    else:
                        recipients.append(_angle(command))
                        self.reply(b"250 OK")
                elif verb == b"DATA":
                    if not recipients:
                        self.reply(b"503 5.5.1 Error: need RCPT command")
                        continue
                    self.reply(b"354 End data with <CR><LF>.<CR><LF>")
                    data = self._read_data(sink.keep_data)
                    if data is None:
                        return
                    sink.messages.append(ReceivedMessage(envelope_from or "", recipients, data,
                                                         transcript))
                    envelope_from, recipients, transcript = None, [], []
                    self.reply(b"250 OK: queued as %d" % len(sink.messages))
                elif verb == b"RSET":
                    envelope_from, recipients = None, []
                    self.reply(b"250 OK")
                elif verb == b"NOOP":
                    self.reply(b"250 OK")
                elif verb == b"QUIT":
                    self.reply(b"221 Bye")
                    self.request.sendall(self.outbox)
                    return
                else:
                    self.reply(b"502 Command not implemented")
        except OSError:
            return   # the client went away

    def _read_data(self, keep: bool) -> bytes | None:
        """The content up to the final ``.`` line, dot-stuffing undone (``b""`` when not
        kept); None if the connection ended first.

        The content is searched in large chunks (a 20 MB body costs a few hundred
        reads); what follows the dot stays in the inbox, the next pipelined commands.
        """
        kept: list[bytes] = []
        pending = bytearray(b"\r\n") + self.inbox
        self.inbox.clear()
        while (end := pending.find(_END_OF_DATA)) < 0:
            # All but the tail that could begin the terminator is content.
            cut = len(pending) - (len(_END_OF_DATA) - 1)
            if cut > 0:
                if keep:
                    kept.append(bytes(pending[:cut]))
                del pending[:cut]
            chunk = self._recv()
            if not chunk:
                return None
            pending += chunk
        self.inbox += pending[end + len(_END_OF_DATA):]
        if not keep:
            return b""
        kept.append(bytes(pending[:end + 2]))
        data = b"".join(kept)[2:]   # drop the artificial leading CRLF
        data = data.replace(b"\r\n..", b"\r\n.")
        return data[1:] if data.startswith(b"..") else data


def _angle(command: bytes) -> str:
    text = command.decode("utf-8", "replace")
    start, end = text.find("<"), text.find(">")
    return text[start + 1:end] if 0 <= start < end else text


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    sink: Sink


@contextmanager
def running_sink(host: str = "127.0.0.1", port: int = 0, keep_data: bool = True) -> Iterator[Sink]:
    """Run a sink in a background thread for the duration of the ``with`` block."""
    server = _Server((host, port), _Handler)
    server.sink = Sink(host, server.server_address[1], [], keep_data)
    thread = threading.Thread(target=server.serve_forever, name="smtp-sink", daemon=True)
    thread.start()
    try:
        yield server.sink
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
