"""An SMTP server on 127.0.0.1 that misbehaves on purpose, at any step, byte by byte.

The recording server (:mod:`tests.support.smtpserver`) is built on aiosmtpd,
which parses and answers for us; to break a session at an exact byte we need
the opposite, so this one is a few lines of plain asyncio streams.  It speaks
just enough SMTP for elsend (EHLO/HELO, STARTTLS, AUTH PLAIN/LOGIN, MAIL,
RCPT, DATA, RSET, NOOP, QUIT) and can, at any :data:`STEPS` step, apply one
of the :data:`FAULTS`::

    close         close the connection instead of answering
    stall         answer nothing, keep the connection open (the client must time out)
    4xx / 5xx     a temporary / permanent refusal
    malformed     a reply line that has no code, then silence
    endless_line  bytes without CRLF, forever
    endless_reply ``250-more`` continuation lines, forever
    pieces        the normal reply, sent one or two bytes at a time (must work)
    tls_fail      (STARTTLS only) ``220`` and then garbage instead of a TLS handshake

A fault applies to the step's ``occurrence`` (counted over the server's
life, from 1) or, when that is None, to every occurrence after ``after``.  What counts as
delivered is exact: :attr:`FaultServer.delivered` gets a message only when
the server actually wrote a ``2xx`` after the final dot.

Steps (``rcpt1`` and ``rcpt2`` are a transaction's first and second RCPT)::

    greeting ehlo starttls auth mail rcpt1 rcpt2 data dot quit
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import ssl
import threading
import time
from collections import Counter
from typing import Any

STEPS = ("greeting", "ehlo", "starttls", "auth", "mail", "rcpt1", "rcpt2", "data", "dot", "quit")
FAULTS = ("close", "stall", "4xx", "5xx", "malformed", "endless_line", "endless_reply", "pieces",
          "tls_fail")
#: Not in the matrix (each needs its own test): ``deaf`` answers and then never reads again
#: (the client's *write* must time out); ``drip`` sends one byte of an endless line every 0.1 s
#: (each read returns in time, the reply never ends).
EXTRA_FAULTS = ("deaf", "drip")

_CODES_4XX = {"greeting": "421 4.3.2 fault.test busy", "auth": "454 4.7.0 try later",
              "rcpt1": "450 4.2.0 mailbox busy", "rcpt2": "450 4.2.0 mailbox busy",
              "dot": "451 4.3.0 queue full"}
_CODES_5XX = {"greeting": "554 5.7.1 go away", "auth": "535 5.7.8 bad credentials",
              "rcpt1": "550 5.1.1 no such user", "rcpt2": "550 5.1.1 no such user",
              "dot": "554 5.6.0 rejected"}


@dataclasses.dataclass(frozen=True)
class Fault:
    """``kind`` at ``step``: its ``occurrence``-th time, or (when None) every time after ``after``."""

    step: str
    kind: str
    occurrence: int | None = None
    after: int = 0

    def __post_init__(self) -> None:
        assert self.step in STEPS, self.step
        assert self.kind in FAULTS + EXTRA_FAULTS, self.kind


@dataclasses.dataclass
class Delivered:
    """A message the server acknowledged with 2xx after the final dot."""

    mail_from: str
    recipients: list[str]
    data: bytes


class _Session:
    """One client connection."""

    def __init__(self, owner: "FaultServer", reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter) -> None:
        self.owner = owner
        self.reader = reader
        self.writer = writer
        self.tls = False
        self.mail_from: str | None = None
        self.recipients: list[str] = []
        self.authenticated = False

    # --- faults ----------------------------------------------------------------

    async def answer(self, step: str, text: str) -> bool:
        """Send ``text`` (lines joined by newlines) unless a fault says otherwise.

        Returns False when the session must end (the connection is closed or dead).
        """
        fault = self.owner.fault_for(step)
        payload = "".join(line + "\r\n" for line in text.split("\n")).encode()
        if fault is None:
            return await self._write(payload)
        self.owner.applied.append(fault)
        kind = fault.kind
        if kind == "close":
            self.writer.close()
            return False
        if kind == "stall":
            await self._drain_until_eof()
            return False
        if kind in ("4xx", "5xx"):
            table = _CODES_4XX if kind == "4xx" else _CODES_5XX
            default = "451 4.3.0 temporary fault" if kind == "4xx" else "554 5.0.0 permanent fault"
            ok = await self._write((table.get(step, default) + "\r\n").encode())
            # A refused greeting is followed by a close, as real servers do.
            if step == "greeting":
                self.writer.close()
                return False
            return ok
        if kind == "malformed":
            await self._write(b"\x00\xff this is not an SMTP reply\r\n")
            await self._drain_until_eof()
            return False
        if kind == "endless_line":
            await self._flood(b"x" * 4096)
            return False
        if kind == "endless_reply":
            await self._flood(b"250-more\r\n" * 200)
            return False
        if kind == "pieces":
            for start in range(0, len(payload), 2):
                if not await self._write(payload[start:start + 2]):
                    return False
                await asyncio.sleep(0.001)
            return True
        if kind == "deaf":
            await self._write(payload)
            await asyncio.sleep(3600)     # cancelled by stop()
            return False
        if kind == "drip":
            for _ in range(36000):
                if not await self._write(b"x"):
                    break
                await asyncio.sleep(0.1)
            self.writer.close()
            return False
        if kind == "tls_fail":
            await self._write(b"220 2.0.0 Ready to start TLS\r\n")
            await self._write(b"\x15\x03\x03\x00\x02\x02\x28 not a server hello\r\n")
            self.writer.close()
            return False
        raise AssertionError(kind)

    async def _write(self, data: bytes) -> bool:
        try:
            self.writer.write(data)
            await self.writer.drain()
            return True
        except (ConnectionError, RuntimeError):
            return False

    async def _drain_until_eof(self) -> None:
        try:
            while await self.reader.read(65536):
                pass
        except (ConnectionError, ssl.SSLError):
            pass
        self.writer.close()

    async def _flood(self, chunk: bytes) -> None:
        # Stop when the client gives up (or after 64 MiB or 5 s, so a broken client cannot hang
        # the test: over TLS a lost connection never makes is_closing() true, and on a loaded
        # machine 64 MiB of writes to it outlast stop()'s 10 s).
        # drain() does not suspend while the client keeps up, so the loop yields each round:
        # otherwise the flood holds the event loop and stop()'s shutdown waits behind it
        # (it timed out on a loaded machine).
        deadline = time.monotonic() + 5
        for _ in range((64 << 20) // len(chunk)):
            if not await self._write(chunk) or self.writer.is_closing() \
                    or time.monotonic() > deadline:
                break
            await asyncio.sleep(0)
        self.writer.close()

    # --- the protocol ---------------------------------------------------------

    def _ehlo_text(self) -> str:
        lines = ["fault.test", "SIZE 10000000", "8BITMIME", "AUTH PLAIN LOGIN"]
        if self.owner.pipelining:
            lines.append("PIPELINING")   # commands are read one line at a time anyway
        if not self.tls and self.owner.tls_context is not None:
            lines.append("STARTTLS")
        lines.append("HELP")
        return "\n".join(("250 " if i == len(lines) - 1 else "250-") + line
                         for i, line in enumerate(lines))

    async def run(self) -> None:
        if not await self.answer("greeting", "220 fault.test ESMTP fault server"):
            return
        while True:
            try:
                raw = await self.reader.readline()
            except (ConnectionError, ssl.SSLError, ValueError):
                return
            if not raw:
                self.writer.close()
                return
            self.owner.client_lines.append(raw)
            if self.reader._buffer:   # more had arrived: the client did not wait for this reply
                self.owner.pipelined_lines += 1
            self.owner.timeline.append((time.monotonic(), raw[:4].decode("ascii", "replace").upper()))
            line = raw.rstrip(b"\r\n").decode("utf-8", "surrogateescape")
            verb, _, arg = line.partition(" ")
            if not await self.dispatch(verb.upper(), arg):
                return

    async def dispatch(self, verb: str, arg: str) -> bool:
        if verb == "EHLO":
            return await self.answer("ehlo", self._ehlo_text())
        if verb == "HELO":
            return await self._write(b"250 fault.test\r\n")
        if verb == "STARTTLS":
            return await self.starttls()
        if verb == "AUTH":
            return await self.auth(arg)
        if verb == "MAIL":
            self.mail_from, self.recipients = arg.partition(":")[2].split(" ")[0].strip("<>"), []
            return await self.answer("mail", "250 2.1.0 Ok")
        if verb == "RCPT":
            step = "rcpt1" if not self.recipients else "rcpt2"
            address = arg.partition(":")[2].strip().strip("<>")
            fault = self.owner.peek_fault(step)
            ok = await self.answer(step, "250 2.1.5 Ok")
            if fault is None or fault.kind == "pieces":
                self.recipients.append(address)
            elif not self.recipients:
                self.recipients.append("")   # a refused first RCPT still makes the next one rcpt2
            return ok
        if verb == "DATA":
            fault = self.owner.peek_fault("data")
            if not await self.answer("data", "354 End data with <CR><LF>.<CR><LF>"):
                return False
            if fault is not None and fault.kind not in ("pieces", "deaf"):
                return True   # DATA refused: no message follows
            return await self.data()
        if verb in ("RSET", "NOOP"):
            self.mail_from, self.recipients = None, []
            return await self._write(b"250 2.0.0 Ok\r\n")
        if verb == "QUIT":
            await self.answer("quit", "221 2.0.0 Bye")
            self.writer.close()
            return False
        return await self._write(b"500 5.5.2 unknown command\r\n")

    async def data(self) -> bool:
        body = bytearray()
        while True:
            try:
                line = await self.reader.readline()
            except (ConnectionError, ssl.SSLError, ValueError):
                return False
            if not line:
                return False
            if line == b".\r\n":
                self.owner.timeline.append((time.monotonic(), "dot"))
                break
            body += line[1:] if line.startswith(b"..") else line
        fault = self.owner.peek_fault("dot")
        accepted = fault is None or fault.kind == "pieces"
        ok = await self.answer("dot", f"250 2.0.0 Ok: queued as {len(self.owner.delivered) + 1}")
        if accepted and ok:
            self.owner.timeline.append((time.monotonic(), "accepted"))
            keep = bytes(body) if self.owner.keep_data else b""
            self.owner.delivered.append(Delivered(self.mail_from or "",
                                                  [r for r in self.recipients if r], keep))
        self.mail_from, self.recipients = None, []
        return ok

    async def starttls(self) -> bool:
        context = self.owner.tls_context
        if context is None or self.tls:
            return await self._write(b"454 4.7.0 TLS not available\r\n")
        fault = self.owner.peek_fault("starttls")
        if not await self.answer("starttls", "220 2.0.0 Ready to start TLS"):
            return False
        if fault is not None and fault.kind != "pieces":
            return True   # refused (4xx/5xx): the session goes on in plaintext
        try:
            await self.writer.start_tls(context)
        except (ssl.SSLError, ConnectionError, OSError):
            return False
        self.tls = True
        return True

    async def auth(self, arg: str) -> bool:
        mechanism, _, initial = arg.partition(" ")
        mechanism = mechanism.upper()
        if mechanism == "PLAIN":
            if not initial:
                await self._write(b"334 \r\n")
                initial = (await self.reader.readline()).strip().decode()
            try:
                _, user, password = base64.b64decode(initial).decode().split("\x00")
            except ValueError:
                return await self._write(b"501 5.5.2 bad PLAIN\r\n")
        elif mechanism == "LOGIN":
            await self._write(b"334 VXNlcm5hbWU6\r\n")
            user = base64.b64decode(await self.reader.readline()).decode()
            await self._write(b"334 UGFzc3dvcmQ6\r\n")
            password = base64.b64decode(await self.reader.readline()).decode()
        else:
            return await self._write(b"504 5.5.4 unknown mechanism\r\n")
        users = self.owner.users
        if users is not None and users.get(user) != password:
            return await self.answer("auth", "535 5.7.8 bad credentials")
        self.authenticated = True
        return await self.answer("auth", "235 2.7.0 Authentication successful")


class FaultServer:
    """Serve :class:`_Session` on an ephemeral port of 127.0.0.1 from a background thread.

    ::

        with FaultServer([Fault("mail", "4xx")], tls_context=pki.server_context) as server:
            ... elsend to server.port ...
        server.delivered, server.applied
    """

    def __init__(self, faults: list[Fault] | tuple[Fault, ...] = (), *,
                 tls_context: ssl.SSLContext | None = None,
                 users: dict[str, str] | None = None, keep_data: bool = True,
                 pipelining: bool = False) -> None:
        self.faults = list(faults)
        self.pipelining = pipelining
        self.tls_context = tls_context
        self.users = users
        self.keep_data = keep_data
        self.counts: Counter[str] = Counter()
        self.applied: list[Fault] = []
        self.delivered: list[Delivered] = []
        self.client_lines: list[bytes] = []
        self.pipelined_lines = 0   # command lines read while the client's next line was there
        #: (monotonic time, event): "accepted" when a 2xx after the dot was written, else the
        #: first four bytes of each client command line, to measure what the client does between.
        self.timeline: list[tuple[float, str]] = []
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._server: asyncio.AbstractServer | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self.port = 0

    def _match(self, step: str, occurrence: int) -> Fault | None:
        for fault in self.faults:
            if fault.step != step:
                continue
            if fault.occurrence == occurrence or (fault.occurrence is None
                                                  and occurrence > fault.after):
                return fault
        return None

    def peek_fault(self, step: str) -> Fault | None:
        """The fault the next :meth:`fault_for` of ``step`` will return."""
        return self._match(step, self.counts[step] + 1)

    def fault_for(self, step: str) -> Fault | None:
        self.counts[step] += 1
        return self._match(step, self.counts[step])

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            await _Session(self, reader, writer).run()
        except Exception:  # noqa: BLE001 - a broken client must not kill the server
            writer.close()
        finally:
            self._tasks.discard(task)

    def start(self) -> "FaultServer":
        self._thread.start()

        async def serve() -> asyncio.AbstractServer:
            return await asyncio.start_server(self._serve, "127.0.0.1", 0, limit=1 << 20)

        self._server = asyncio.run_coroutine_threadsafe(serve(), self.loop).result(10)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        server = self._server
        if server is not None:
            async def shutdown() -> None:
                server.close()
                for task in list(self._tasks):
                    task.cancel()

            asyncio.run_coroutine_threadsafe(shutdown(), self.loop).result(10)
            self._server = None
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()

    def __enter__(self) -> "FaultServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
