"""Fixtures for the SMTP session tests: a real server on 127.0.0.1, certificates, a message."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from smtp.config import SendConfig
from smtp.errors import SendError
from smtp.esmtp import SendReport, send_via_smtp
from smtp.trace import Trace
from tests.support.smtpserver import RecordingServer, Script, TestPKI, make_pki


@dataclasses.dataclass
class Message:
    """A prepared message as smtp.message will hand it over."""

    envelope_from: str | None = "alice@example.org"
    recipients: list[str] = dataclasses.field(default_factory=lambda: ["bob@example.net"])
    lines: list[bytes] = dataclasses.field(
        default_factory=lambda: [b"From: alice@example.org", b"To: bob@example.net",
                                 b"Subject: test", b"", b"Hello."])

    @property
    def size_chars(self) -> int:
        return sum(len(line.decode("utf-8")) + 2 for line in self.lines)

    def iter_lines(self) -> Iterator[bytes]:
        return iter(self.lines)


@dataclasses.dataclass
class Cred:
    user: str | None
    secret: str | None
    smtp_auth: str | None = None


def creds(user: str | None = "alice", secret: str | None = "s3cret", smtp_auth: str | None = None
          ) -> Callable[[str, str, str | None], Cred]:
    return lambda host, port, login, require=(): Cred(user, secret, smtp_auth)


def no_creds(host: str, port: str, login: str | None, require: tuple[str, ...] = ()) -> None:
    return None


@dataclasses.dataclass
class Run:
    """The outcome of one send: the report or the error, the wire, the server, the trace."""

    report: SendReport | None
    error: SendError | None
    server: RecordingServer
    trace: Trace
    sleeps: list[float]
    progress: list[str]

    @property
    def wire(self) -> bytes:
        return self.server.transcript()

    @property
    def commands(self) -> list[str]:
        """Client lines of all connections (DATA content included), without CRLF."""
        lines = []
        for record in self.server.connections:
            text = bytes(record.client_bytes).replace(b"\n=== TLS ===\n", b"")
            lines.extend(line.decode("utf-8", "replace") for line in text.split(b"\r\n") if line)
        return lines


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPKI:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def smtp_run(pki: TestPKI, home: Path) -> Callable[..., Run]:
    """``smtp_run(script, tls=..., message=..., credentials=..., **settings) -> Run``."""
    servers: list[RecordingServer] = []

    def run(script: Script | None = None, *, tls: str = "none", message: Any = None,
            credentials: Any = no_creds, ask: Any = None, timeout: float = 10.0,
            server_context: Any = None, session_class: Any = None, **settings: Any) -> Run:
        context = server_context or pki.server_context
        server = RecordingServer(script or Script(users={"alice": "s3cret"}),
                                 starttls_context=context if tls == "starttls" else None,
                                 implicit_tls_context=context if tls == "implicit" else None)
        server.start()
        servers.append(server)
        settings.setdefault("smtp_server", "127.0.0.1")
        settings.setdefault("smtp_service", server.port)
        if settings["smtp_service"] == "{port}":
            settings["smtp_service"] = str(server.port)
        settings.setdefault("system_name", "vm")
        settings.setdefault("gnutls_trustfiles", (str(pki.ca_file),))
        cfg = SendConfig().replace(**settings)
        trace = Trace(cfg.smtp_server or "", include_body=True)
        sleeps: list[float] = []
        progress: list[str] = []
        kwargs = dict(credentials=credentials, trace=trace, timeout=timeout, ask=ask,
                      sleep=sleeps.append, progress=progress.append, home=str(home))
        report = error = None
        try:
            if session_class is None:
                report = send_via_smtp(cfg, message or Message(), **kwargs)
            else:
                session = session_class(cfg, **kwargs)
                report = session.send(message or Message())
                session.close()
        except SendError as exc:
            error = exc
        server.stop()
        return Run(report, error, server, trace, sleeps, progress)

    yield run
    for server in servers:
        if server._server is not None:
            server.stop()
