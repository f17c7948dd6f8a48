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


def _line_by_line(text: bytes) -> bytes:
    """DATA as the line loop makes it: each LF-separated line dot-stuffed and CRLF-ended."""
    lines = text.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    return b"".join((b"." if line.startswith(b".") else b"") + line + b"\r\n" for line in lines)


def _cut(text: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({min(c, len(text)) for c in cuts})
    return [text[a:b] for a, b in zip([0, *points], [*points, len(text)])]


TEXT = st.lists(st.one_of(LINE, st.sampled_from([b"\r", b"a\r", b".\r", b"\r."])), max_size=20).map(
    b"\n".join)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, final_newline=st.booleans(), cuts=st.lists(st.integers(0, 400), max_size=8))
def test_pieces_become_the_same_bytes_as_lines(text: bytes, final_newline: bool,
                                               cuts: list[int]) -> None:
    """However the message is cut into pieces (mid-line, at a dot, between CR and LF),
    data_chunks gives the bytes the line loop gives."""
    from smtp.body import data_chunks

    if final_newline:
        text += b"\n"
    assert b"".join(data_chunks(_cut(text, cuts))) == _line_by_line(text)


class Pieces(Lines):
    """A message that offers its pieces too: the session sends those."""

    def __init__(self, text: bytes, cuts: list[int]) -> None:
        super().__init__(text.split(b"\n")[:-1] if text.endswith(b"\n") else text.split(b"\n"))
        self.pieces = _cut(text, cuts)

    def iter_chunks(self) -> Iterator[bytes]:
        return iter(self.pieces)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINE, min_size=1, max_size=30), cuts=st.lists(st.integers(0, 300), max_size=6))
def test_the_server_receives_exactly_our_pieces(server: RecordingServer, lines: list[bytes],
                                                cuts: list[int]) -> None:
    cfg = SendConfig(smtp_server="127.0.0.1", smtp_service=server.port, system_name="vm")
    session = SmtpSession(cfg, credentials=lambda *a: None, timeout=10)
    session.send(Pieces(b"".join(line + b"\n" for line in lines), cuts))
    session.close()
    last = server.connections[-1]
    last.closed.wait(5)
    assert last.messages[0][2] == b"".join(line + b"\r\n" for line in lines)


def test_progress_on_a_terminal_reports_pieces_in_5_percent_steps(capsys) -> None:  # type: ignore[no-untyped-def]
    """A big send on a terminal reports progress and still goes out in pieces."""
    from smtp.progress import ProgressMessage

    class Prepared(Lines):
        def iter_chunks(self) -> Iterator[bytes]:
            for start in range(0, len(self.text), 1000):
                yield self.text[start:start + 1000]

    prepared = Prepared([b"line %d" % i for i in range(3000)])
    prepared.text = b"".join(line + b"\n" for line in prepared.lines)
    progress = ProgressMessage(prepared)   # type: ignore[arg-type]
    assert b"".join(progress.iter_chunks()) == prepared.text
    shown = capsys.readouterr().err.split("\r")[1:]
    assert shown[0] == "Sending email 0%" and shown[-1] == "Sending email done\n"
    steps = [int(s.split()[-1][:-1]) for s in shown[:-1]]
    assert steps == sorted(set(steps)) and all(step % 5 == 0 for step in steps) and len(steps) > 10
