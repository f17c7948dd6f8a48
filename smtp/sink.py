"""A tiny SMTP server that accepts everything and records what it received.

It serves the README's demo and the benchmarks: a local server that the
command itself starts and stops, with nothing but the standard library (the
test suite uses aiosmtpd instead, for real AUTH and TLS).  It acknowledges
as real servers do: one reply per command, ``250`` after the final dot.

    S: 220 sink.localhost ESMTP elsend sink
    C: EHLO client
    S: 250-sink.localhost
    S: 250-SIZE 104857600
    S: 250 8BITMIME
    C: MAIL FROM:<a@example.org> SIZE=123
    S: 250 OK
    ...
    C: .
    S: 250 OK: queued as N
"""

from __future__ import annotations

import dataclasses
import socket
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager


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


class _Handler(socketserver.StreamRequestHandler):
    server: "_Server"

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode("ascii") + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        sink = self.server.sink
        self.reply("220 sink.localhost ESMTP elsend sink")
        envelope_from, recipients, transcript = "", [], []
        while True:
            line = self.rfile.readline(65536)
            if not line:
                return
            transcript.append(line)
            command = line.rstrip(b"\r\n")
            verb = command[:4].upper()
            if verb in (b"EHLO",):
                self.wfile.write(b"250-sink.localhost\r\n250-SIZE 104857600\r\n250 8BITMIME\r\n")
                self.wfile.flush()
            elif verb == b"HELO":
                self.reply("250 sink.localhost")
            elif verb == b"MAIL":
                envelope_from, recipients = _angle(command), []
                self.reply("250 OK")
            elif verb == b"RCPT":
                recipients.append(_angle(command))
                self.reply("250 OK")
            elif verb == b"DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = self._read_data(sink.keep_data)
                sink.messages.append(ReceivedMessage(envelope_from, recipients, data, transcript))
                transcript = []
                self.reply(f"250 OK: queued as {len(sink.messages)}")
            elif verb == b"RSET":
                envelope_from, recipients = "", []
                self.reply("250 OK")
            elif verb == b"NOOP":
                self.reply("250 OK")
            elif verb == b"QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def _read_data(self, keep: bool) -> bytes:
        """Read up to the final ``.`` line in large chunks (a 20 MB body costs
        a few hundred reads, not a few hundred thousand readline calls)."""
        terminator = b"\r\n.\r\n"
        pending = b"\r\n"  # lets a message that is only ".\r\n" match too
        kept: list[bytes] = []
        while True:
            chunk = self.rfile.read1(1 << 16)
            if not chunk:
                return b""
            pending += chunk
            end = pending.find(terminator)
            if end >= 0:
                rest = pending[end + len(terminator):]
                if rest:  # a pipelined command after the dot: hand it back
                    self.rfile = _Prefixed(rest, self.rfile)
                kept.append(pending[:end + 2])
                break
            keep_from = len(pending) - (len(terminator) - 1)
            if keep:
                kept.append(pending[:keep_from])
            pending = pending[keep_from:]
        if not keep:
            return b""
        data = b"".join(kept)[2:]  # drop the artificial leading CRLF
        data = data.replace(b"\r\n..", b"\r\n.")
        return data[1:] if data.startswith(b"..") else data


class _Prefixed:
    """A reader that returns ``prefix`` before reading on from ``stream``."""

    def __init__(self, prefix: bytes, stream) -> None:  # type: ignore[no-untyped-def]
        self.prefix, self.stream = prefix, stream

    def readline(self, limit: int = -1) -> bytes:
        if self.prefix:
            end = self.prefix.find(b"\n")
            if end >= 0:
                line, self.prefix = self.prefix[:end + 1], self.prefix[end + 1:]
                return line
            line, self.prefix = self.prefix, b""
            return line + self.stream.readline(limit)
        return self.stream.readline(limit)

    def close(self) -> None:
        self.stream.close()

    def read1(self, size: int = -1) -> bytes:
        if self.prefix:
            data, self.prefix = self.prefix, b""
            return data
        return self.stream.read1(size)


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
