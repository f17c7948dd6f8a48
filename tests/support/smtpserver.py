"""A scriptable, recording SMTP server on 127.0.0.1 for protocol and parity tests.

Built on aiosmtpd (real command parsing, real PLAIN/LOGIN checks, real
STARTTLS) with what tests need on top:

* every byte the client sent, per connection, with a marker where TLS
  started (:meth:`RecordingServer.transcript`), so a test can compare what
  Emacs and elsend put on the wire;
* a :class:`Script`: the greeting (raw bytes: multi-line, 421, garbage),
  the EHLO keywords before and after TLS, and replies per command and
  occurrence (``("MAIL", 1)``: the first MAIL of the server's life, over all
  connections), each of which may close the connection or stall;
* AUTH checked for real: PLAIN and LOGIN by aiosmtpd, CRAM-MD5 (with a
  fixed challenge, so even its response can be compared byte for byte) and
  XOAUTH2 here;
* STARTTLS and implicit TLS with a trustme certificate for 127.0.0.1,
  localhost and mx.test.

The server runs its own event loop in a thread, so tests stay synchronous.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import hashlib
import hmac
import ssl
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import logging
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

# aiosmtpd logs a deprecation notice on every successful AUTH; keep real errors.
logging.getLogger("mail.log").setLevel(logging.ERROR)

CRAM_CHALLENGE = b"<1896.697170952@mx.test>"


@dataclasses.dataclass(frozen=True)
class Action:
    """A scripted answer: raw bytes (CRLFs included), then optionally close or stall."""

    data: bytes = b""
    close: bool = False
    stall: bool = False      # send ``data`` and then never answer this command


def reply(text: str, *, close: bool = False) -> Action:
    """An Action from reply lines separated by newlines: ``reply("451 4.3.0 later")``."""
    lines = text.split("\n")
    return Action("".join(f"{line}\r\n" for line in lines).encode(), close=close)


STALL = Action(stall=True)
CLOSE = Action(close=True)

DEFAULT_EXTENSIONS = ("SIZE 10240000", "8BITMIME", "AUTH CRAM-MD5 PLAIN LOGIN", "HELP")


@dataclasses.dataclass
class Script:
    """What the server says.  ``replies`` keys are (COMMAND, occurrence) or (COMMAND, "*").

    COMMAND is the verb in capitals; ``DOT`` is the reply after the final
    dot; ``AUTH`` covers the whole exchange (a scripted AUTH reply skips the
    real check).
    """

    greeting: Action = dataclasses.field(
        default_factory=lambda: reply("220 mx.test ESMTP elsend test server"))
    hostname: str = "mx.test"
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    #: keywords after STARTTLS or with implicit TLS; None: ``extensions`` without STARTTLS
    extensions_tls: tuple[str, ...] | None = None
    offer_starttls: bool = False
    replies: dict[tuple[str, int | str], Action] = dataclasses.field(default_factory=dict)
    users: dict[str, str] = dataclasses.field(default_factory=dict)  # login -> password/token
    auth_required: bool = False  # 530 to MAIL before AUTH

    def action_for(self, command: str, occurrence: int) -> Action | None:
        return self.replies.get((command, occurrence)) or self.replies.get((command, "*"))

    def ehlo_keywords(self, encrypted: bool) -> tuple[str, ...]:
        if encrypted:
            if self.extensions_tls is not None:
                return self.extensions_tls
            return tuple(k for k in self.extensions if k.upper() != "STARTTLS")
        if self.offer_starttls and "STARTTLS" not in self.extensions:
            return self.extensions[:-1] + ("STARTTLS",) + self.extensions[-1:]
        return self.extensions


@dataclasses.dataclass
class Recorded:
    """One connection: what the client sent, and what was accepted."""

    implicit_tls: bool
    client_bytes: bytearray = dataclasses.field(default_factory=bytearray)
    authenticated_as: str | None = None
    messages: list[tuple[str, list[str], bytes]] = dataclasses.field(default_factory=list)
    recv_calls: int = 0
    opened: bool = False           # False when a TLS handshake failed before the session began
    closed: threading.Event = dataclasses.field(default_factory=threading.Event)


class _Handler:
    def __init__(self, owner: "RecordingServer") -> None:
        self.owner = owner

    async def handle_DATA(self, server: "ScriptedSMTP", session: Any, envelope: Any) -> str:
        server.record.messages.append(
            (envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content or b"")))
        return "250 2.0.0 Ok: queued as 4711"


def _authenticator(server: "ScriptedSMTP", session: Any, envelope: Any, mechanism: str,
                   auth_data: Any) -> AuthResult:
    if isinstance(auth_data, LoginPassword):
        login = auth_data.login.decode("utf-8", "replace")
        ok = server.owner.script.users.get(login) == auth_data.password.decode("utf-8", "replace")
        if ok:
            server.record.authenticated_as = login
        return AuthResult(success=ok, handled=False)
    return AuthResult(success=False, handled=False)


class ScriptedSMTP(SMTP):
    """aiosmtpd's SMTP with scripted replies and byte recording."""

    def __init__(self, owner: "RecordingServer", implicit_tls: bool) -> None:
        self.owner = owner
        self.record = Recorded(implicit_tls=implicit_tls)
        owner.connections.append(self.record)
        self._greeted = False
        self._encrypted = implicit_tls
        with warnings.catch_warnings():
            # auth_required without TLS is exactly what the 530 tests need.
            warnings.simplefilter("ignore", UserWarning)
            super().__init__(_Handler(owner), hostname=owner.script.hostname,
                             tls_context=owner.starttls_context, auth_require_tls=False,
                             auth_required=owner.script.auth_required,
                             authenticator=_authenticator, loop=owner.loop,
                             data_size_limit=None, timeout=60)
        for verb in ("ONEX", "XONE", "XUSR", "VERB"):
            self._smtp_methods.setdefault(verb, self._ok)
        for verb, method in list(self._smtp_methods.items()):
            self._smtp_methods[verb] = self._scripted(verb, method)

    # --- recording ---------------------------------------------------------

    def data_received(self, data: bytes) -> None:
        self.record.client_bytes += data
        self.record.recv_calls += 1
        super().data_received(data)

    def connection_lost(self, error: Exception | None) -> None:
        try:
            super().connection_lost(error)
        finally:
            self.record.closed.set()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        upgrading = self.transport is not None and self._original_transport is not None
        self.record.opened = True
        super().connection_made(transport)
        if upgrading:
            self._encrypted = True
            self.record.client_bytes += b"\n=== TLS ===\n"

    # --- scripting ---------------------------------------------------------

    async def _ok(self, arg: str | None) -> None:
        await self.push("250 OK")

    async def _perform(self, action: Action) -> None:
        if action.data:
            self._writer.write(action.data)
            await self._writer.drain()
        if action.close and self.transport is not None:
            self.transport.close()

    def _scripted(self, verb: str, method: Any) -> Any:
        async def dispatch(arg: str | None) -> None:
            action = self.owner.next_action(verb)
            if action is None:
                await method(arg)
            else:
                await self._perform(action)
        return dispatch

    async def push(self, status: Any) -> None:
        if not self._greeted:
            self._greeted = True
            await self._perform(self.owner.script.greeting)
            return
        await super().push(status)

    async def smtp_EHLO(self, hostname: str) -> None:
        if not hostname:
            await self.push("501 Syntax: EHLO hostname")
            return
        self._set_rset_state()
        self.session.extended_smtp = True
        self.session.host_name = hostname
        keywords = self.owner.script.ehlo_keywords(self._encrypted)
        lines = [self.owner.script.hostname, *keywords]
        for index, line in enumerate(lines):
            await self.push(("250 " if index == len(lines) - 1 else "250-") + line)

    async def smtp_DATA(self, arg: str) -> None:
        dot = self.owner.peek_action("DOT")
        if dot is None:
            await super().smtp_DATA(arg)
            return
        # Read the data ourselves so that the reply after the dot is scripted.
        await self.push("354 End data with <CR><LF>.<CR><LF>")
        while True:
            line = await self._reader.readline()
            if line in (b".\r\n", b""):
                break
        await self._perform(self.owner.next_action("DOT") or dot)

    # --- extra mechanisms ----------------------------------------------------

    async def auth_CRAM__MD5(self, _: Any, args: list[str]) -> AuthResult:
        answer = await self.challenge_auth(CRAM_CHALLENGE)
        if not isinstance(answer, bytes):
            return AuthResult(success=False, handled=True)
        try:
            user, digest = answer.decode().rsplit(" ", 1)
        except ValueError:
            return AuthResult(success=False, handled=False)
        password = self.owner.script.users.get(user)
        expected = None if password is None else hmac.new(
            password.encode(), CRAM_CHALLENGE, hashlib.md5).hexdigest()
        ok = expected is not None and hmac.compare_digest(expected, digest)
        if ok:
            self.record.authenticated_as = user
        return AuthResult(success=ok, handled=False)

    async def auth_XOAUTH2(self, _: Any, args: list[str]) -> AuthResult:
        if len(args) < 2:
            return AuthResult(success=False, handled=False)
        try:
            fields = base64.b64decode(args[1]).decode().split("\x01")
            user = fields[0].removeprefix("user=")
            token = fields[1].removeprefix("auth=Bearer ")
        except (ValueError, IndexError):
            return AuthResult(success=False, handled=False)
        ok = fields[2:] == ["", ""] and self.owner.script.users.get(user) == token
        if ok:
            self.record.authenticated_as = user
        return AuthResult(success=ok, handled=False)


class RecordingServer:
    """Run ``ScriptedSMTP`` on 127.0.0.1 (an ephemeral port) in a background thread.

    Use as a context manager::

        with RecordingServer(Script(...)) as server:
            ... connect to server.port ...
        server.transcript()
    """

    def __init__(self, script: Script | None = None, *,
                 starttls_context: ssl.SSLContext | None = None,
                 implicit_tls_context: ssl.SSLContext | None = None) -> None:
        self.script = script or Script()
        self.starttls_context = starttls_context
        self.implicit_tls_context = implicit_tls_context
        if starttls_context is not None:
            self.script.offer_starttls = True
        self.connections: list[Recorded] = []
        self.counts: Counter[str] = Counter()
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._server: asyncio.AbstractServer | None = None
        self.port = 0

    def next_action(self, verb: str) -> Action | None:
        self.counts[verb] += 1
        return self.script.action_for(verb, self.counts[verb])

    def peek_action(self, verb: str) -> Action | None:
        return self.script.action_for(verb, self.counts[verb] + 1)

    def start(self) -> "RecordingServer":
        implicit = self.implicit_tls_context is not None
        self._thread.start()

        async def serve() -> asyncio.AbstractServer:
            return await self.loop.create_server(
                lambda: ScriptedSMTP(self, implicit), "127.0.0.1", 0,
                ssl=self.implicit_tls_context)

        self._server = asyncio.run_coroutine_threadsafe(serve(), self.loop).result(10)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        """Stop serving, after every connection the client closed has been read to its end."""
        for record in self.connections:
            if record.opened:
                record.closed.wait(5)
        if self._server is not None:
            server = self._server

            async def shutdown() -> None:
                server.close()
                for task in asyncio.all_tasks():
                    if task is not asyncio.current_task():
                        task.cancel()

            asyncio.run_coroutine_threadsafe(shutdown(), self.loop).result(10)
            self._server = None
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)

    def __enter__(self) -> "RecordingServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- results -------------------------------------------------------------

    def transcript(self) -> bytes:
        """All connections' client bytes, each after a ``=== connection N ===`` line."""
        parts = []
        for index, record in enumerate(self.connections, 1):
            kind = " (implicit TLS)" if record.implicit_tls else ""
            parts.append(f"=== connection {index}{kind} ===\n".encode() + bytes(record.client_bytes))
        return b"".join(parts)

    @property
    def messages(self) -> list[tuple[str, list[str], bytes]]:
        return [m for record in self.connections for m in record.messages]


# --- certificates ---------------------------------------------------------------


@dataclasses.dataclass
class TestPKI:
    """A trustme CA and a server certificate for 127.0.0.1, localhost and mx.test."""

    __test__ = False   # not a test class, whatever its name says

    ca_file: Path
    server_context: ssl.SSLContext


def make_pki(directory: Path, names: tuple[str, ...] = ("127.0.0.1", "localhost", "mx.test")
             ) -> TestPKI:
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert(*names)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    ca_file = directory / "test-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return TestPKI(ca_file, context)
