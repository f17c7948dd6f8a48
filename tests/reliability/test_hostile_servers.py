"""Servers that answer, but not in SMTP: the timeout ends the wait and the message says what came.

Emacs 28.2 reads a reply up to a line matching ``NNN `` ended by CRLF and waits for ever
otherwise: a reply ended by a bare LF, or a bare ``220`` with no text, wedges
``smtpmail-send-it`` (measured: both were still waiting after 60 s).  elsend gives up after
``--timeout`` with exit 75 and the message untouched, as for a silent server; but it said
"no reply within N s", and at the greeting added a hint about implicit-TLS ports, sending
the user after the wrong cause.  The message now quotes what the server sent.

The replies Emacs does answer (wrong codes, codes without text, mixed multi-line codes,
452/552 per recipient, junk after the final reply) are send-parity cases compared with
Emacs byte for byte: tests/parity/send/hostile_cases.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.harness import message_bytes, run_elsend, write_init, write_message
from tests.support.smtpserver import Action, RecordingServer, Script



def _script(**fields: object) -> Script:
    return Script(users={"alice": "s3cret"}, **fields)   # write_init's authinfo


CASES = {   # name: (script, what the message must say)
    "greeting ended by LF": (_script(greeting=Action(b"220 mx.test ready\n")),
                             "to the greeting: '220 mx.test ready\\n' ends with a bare LF, not CRLF"),
    "MAIL reply ended by LF": (_script(replies={("MAIL", "*"): Action(b"250 ok\n")}),
                               "to MAIL FROM:<alice@example.org> SIZE=186: '250 ok\\n' "
                               "ends with a bare LF, not CRLF"),
    "dot reply ended by LF": (_script(replies={("DOT", "*"): Action(b"250 queued\n")}),
                              "to .: '250 queued\\n' ends with a bare LF, not CRLF"),
    "greeting without text": (_script(greeting=Action(b"220\r\n")),
                              "to the greeting: got '220' but no final 'NNN text' line"),
    "greeting line never ends": (_script(greeting=Action(b"220 mx.test")),
                                 "'220 mx.test' never ends (no CRLF)"),
}


@pytest.mark.parametrize("name", CASES)
def test_a_reply_that_never_ends_in_crlf_times_out_and_says_what_came(
        name: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script, words = CASES[name]
    message = write_message(home, 1)
    with RecordingServer(script) as server:
        init = write_init(home, server.port, None, stream_type="'plain")
        outcome = run_elsend(["--init", str(init), "--timeout", "0.5", str(message)], capsys)
    assert outcome.code == 75, outcome.stderr
    assert "incomplete reply" in outcome.stderr or "no complete reply" in outcome.stderr
    assert words in outcome.stderr, outcome.stderr
    assert "expecting TLS" not in outcome.stderr           # the server did answer
    assert "Traceback" not in outcome.stderr
    assert message.read_bytes() == message_bytes(1)         # the input is untouched
    delivered = [m for conn in server.connections for m in conn.messages]
    assert delivered == [] or name == "dot reply ended by LF"   # the server took it; we cannot know


def test_a_flush_keeps_the_entry_when_the_reply_to_the_dot_never_ends(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing lost: the server may have taken it, but only a whole 2xx reply counts as sent."""
    from tests.reliability.harness import queued_subjects

    message = write_message(home, 1)
    init = write_init(home, 9, None, stream_type="'plain")      # queuing never connects
    assert run_elsend(["--init", str(init), "--queue", str(message)], capsys).code == 0
    with RecordingServer(_script(replies={("DOT", "*"): Action(b"250 queued\n")})) as server:
        init = write_init(home, server.port, None, stream_type="'plain")
        outcome = run_elsend(["--init", str(init), "--timeout", "0.5", "--flush-queue"], capsys)
    assert outcome.code == 75, outcome.stderr
    assert "'250 queued\\n' ends with a bare LF, not CRLF" in outcome.stderr
    assert "0 sent, 1 still queued" in outcome.stderr
    assert queued_subjects(home) == ["message 1"]
