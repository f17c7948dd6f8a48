"""Hostile recipient headers: Emacs's address recipe in linear time, with Emacs's result.

``mail-strip-quoted-names`` (which smtpmail runs over To/Cc/Bcc) is three
``while (string-match ...)`` loops that search from the start after every
replacement.  Ours were the same loops, so a To: header with a comment nested 50,000
deep, or 20,000 recipients written ``<addr>`` or ``"Name" <addr>``, held elsend for
minutes before it connected (measured: > 300 s each; Emacs is as slow).  The three
steps are now one pass each; hypothesis checks that they give exactly what the loops
give (the loops are kept here, as the specification, in Emacs's regexps).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp.address import (_ANGLE_ADDR, _COMMENT, _QUOTED_BODY, _QUOTED_NAME, _replace_angle_addrs,
                          _strip_comments, _strip_quoted_strings, deduce_recipients)

#: CPU seconds a header may cost: a guard against a quadratic path coming back (these
#: inputs take about 0.1 s here; the loops took minutes).
MAX_SECONDS = 5.0


def emacs_comment_loop(address: str) -> str:
    while (m := re.search(_COMMENT, address)) is not None:
        address = address[:m.start()] + address[m.end():]
    return address


def emacs_angle_loop(address: str) -> str:
    while (m := re.search(_ANGLE_ADDR, address)) is not None:
        address = address[:m.start(2)] + m.group(3) + address[m.end(2):]
    return address


def emacs_quoted_loop(address: str) -> str:
    pos = 0
    while (m := re.search(_QUOTED_NAME, address[pos:])) is not None:
        start, end = pos + m.start(), pos + m.end()
        if len(address) > end and address[end] == "@":
            pos = end
        else:
            address = address[:pos + m.start(2)] + address[pos + m.end(2):]
            pos = start
    return address


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet='" \t\\@a\n,', max_size=30))
def test_quoted_name_step_is_emacs_loop(text: str) -> None:
    """Including a cut that leaves a blank right before the next quoted string."""
    ours = _strip_quoted_strings(text, re.compile(_QUOTED_NAME), re.compile(_QUOTED_BODY))
    assert ours == emacs_quoted_loop(text)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="() \t\\\na", max_size=30))
def test_comment_stripping_is_emacs_loop(text: str) -> None:
    """Including a backslash-quoted blank before an inner comment (``(\\ ())``): the loop
    removes the comment with that blank, and the backslash then quotes the ``)`` after it."""
    assert _strip_comments(text) == emacs_comment_loop(text)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="<>,: a\t\n\f\r", max_size=30))
def test_angle_address_step_is_emacs_loop(text: str) -> None:
    assert _replace_angle_addrs(text) == emacs_angle_loop(text)


@pytest.mark.parametrize("examples", [
    ("(\\ ())", "(\\)"), ("( \\ (x) ", "( \\ "), ("a (b (c) d", "a (b d"), ("x (a) (b)", "x"),
    ("((a)", "("), ("(a\\)b) c", " c"),
])
def test_comment_examples(examples: tuple[str, str]) -> None:
    text, emacs = examples
    assert _strip_comments(text) == emacs == emacs_comment_loop(text)


HEADERS = {
    "a comment nested 50,000 deep": "bob@example.net " + "(" * 50_000 + ")" * 50_000,
    "20,000 recipients written <addr>": ", ".join(f"<u{n}@example.net>" for n in range(20_000)),
    "20,000 recipients with quoted names": ", ".join(f'"U {n}" <u{n}@example.net>' for n in range(20_000)),
    "20,000 recipients with comments": ", ".join(f"u{n}@example.net (U {n})" for n in range(20_000)),
}


@pytest.mark.parametrize("name", HEADERS)
def test_hostile_recipient_headers_cost_little(name: str) -> None:
    started = time.process_time()
    recipients = deduce_recipients(f"From: a@example.org\nTo: {HEADERS[name]}\n")
    elapsed = time.process_time() - started
    assert elapsed < MAX_SECONDS, f"{name}: {elapsed:.1f} s of CPU"
    assert "bob@example.net" in recipients or len(recipients) == 20_000 or len(recipients) == 40_000


def test_a_deeply_nested_comment_is_sent_past(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Through the command: the recipient is found and the message goes to the server."""
    from tests.reliability.harness import run_elsend, write_init
    from tests.support.faultserver import FaultServer

    message = home / "m.eml"
    message.write_text(f"From: alice@example.org\nTo: {HEADERS['a comment nested 50,000 deep']}\n"
                       "Subject: x\n\nhi\n")
    with FaultServer() as server:
        init = write_init(home, server.port, None, stream_type="'plain")
        outcome = run_elsend(["--init", str(init), "--timeout", "20", str(message)], capsys)
    assert outcome.code == 0, outcome.stderr
    assert [m.recipients for m in server.delivered] == [["bob@example.net"]]
