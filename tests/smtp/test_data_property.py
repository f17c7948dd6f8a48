"""Property: whatever lines a message has, the server receives exactly those lines.

Dot-stuffing on our side and un-stuffing on aiosmtpd's must cancel out, for
any line content (dots anywhere, empty lines, a lone ".", 8-bit bytes), and
the final ``.`` must never be confused with a line of the message.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smtp.config import SendConfig
from smtp.esmtp import SmtpSession
from tests.support.smtpserver import RecordingServer, Script

LINE = st.one_of(
    st.sampled_from([b"", b".", b"..", b". ", b".\t", b"...x"]),
    st.binary(max_size=40).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b"")),
    st.text(max_size=30).map(lambda t: t.replace("\r", "").replace("\n", "").encode()),
)


class Lines:
    envelope_from = "alice@example.org"
    recipients = ["bob@example.net"]

    def __init__(self, lines: list[bytes]) -> None:
        self.lines = lines
        self.size_chars = sum(len(line) + 2 for line in lines)

    def iter_lines(self) -> Iterator[bytes]:
        return iter(self.lines)


@pytest.fixture(scope="module")
def server() -> Iterator[RecordingServer]:
    with RecordingServer(Script(extensions=("SIZE",))) as running:
        yield running


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINE, max_size=30))
def test_the_server_receives_exactly_our_lines(server: RecordingServer, lines: list[bytes]) -> None:
    cfg = SendConfig(smtp_server="127.0.0.1", smtp_service=server.port, system_name="vm")
    session = SmtpSession(cfg, credentials=lambda *a: None, timeout=10)
    session.send(Lines(lines))
    session.close()
    assert session.conn is None
    last = server.connections[-1]
    last.closed.wait(5)
    assert last.messages[0][2] == b"".join(line + b"\r\n" for line in lines)
