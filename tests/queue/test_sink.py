"""smtp.sink, the bench's and the demo's server: pipelined commands answered in order, as real
servers answer them, and message content read exactly."""

from __future__ import annotations

import socket

from smtp.sink import running_sink


def _talk(port: int, payload: bytes, replies: int) -> list[bytes]:
    """Send ``payload`` in one write after the greeting; read ``replies`` reply lines."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        inbox = b""
        while inbox.count(b"\r\n") < 1:
            inbox += sock.recv(4096)
        sock.sendall(payload)
        while inbox.count(b"\r\n") < replies + 1 and (chunk := sock.recv(4096)):
            inbox += chunk
    return inbox.split(b"\r\n")[1:-1]


def test_the_sink_offers_pipelining_and_answers_a_group_in_order() -> None:
    with running_sink() as sink:
        ehlo = _talk(sink.port, b"EHLO client\r\nQUIT\r\n", 5)
        assert ehlo[-2] == b"250 PIPELINING"
        # Two whole transactions, the second pipelined behind the first one's dot.
        payload = (b"EHLO client\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\n"
                   b"RCPT TO:<c@example.net>\r\nDATA\r\nSubject: one\r\n\r\n..dot\r\n.\r\n"
                   b"MAIL FROM:<d@example.org>\r\nRCPT TO:<e@example.net>\r\nDATA\r\n"
                   b"Subject: two\r\n.\r\nQUIT\r\n")
        replies = _talk(sink.port, payload, 14)
    assert [r[:3] for r in replies[4:]] == [b"250", b"250", b"250", b"354", b"250",
                                            b"250", b"250", b"354", b"250", b"221"]
    assert [(m.envelope_from, m.recipients, m.data) for m in sink.messages] == [
        ("a@example.org", ["b@example.net", "c@example.net"], b"Subject: one\r\n\r\n.dot\r\n"),
        ("d@example.org", ["e@example.net"], b"Subject: two\r\n")]


def test_commands_out_of_sequence_are_refused() -> None:
    with running_sink() as sink:
        replies = _talk(sink.port, b"EHLO client\r\nRCPT TO:<b@example.net>\r\nDATA\r\n"
                                   b"MAIL FROM:<a@example.org>\r\nDATA\r\nQUIT\r\n", 9)
    assert [r[:3] for r in replies[4:]] == [b"503", b"503", b"250", b"503", b"221"]
    assert sink.messages == []


def test_content_split_across_reads_and_an_empty_message() -> None:
    body = b"".join(b"line %06d\r\n" % n for n in range(20000))   # ~240 KB, many reads
    with running_sink() as sink, socket.create_connection(("127.0.0.1", sink.port)) as sock:
        sock.sendall(b"HELO c\r\nMAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n")
        for start in range(0, len(body), 7001):   # the terminator may straddle two reads
            sock.sendall(body[start:start + 7001])
        sock.sendall(b".\r\nMAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n.\r\nQUIT\r\n")
        sock.settimeout(10)
        inbox = b""
        while not inbox.endswith(b"221 Bye\r\n"):
            inbox += sock.recv(4096)
    assert [m.data for m in sink.messages] == [body, b""]
