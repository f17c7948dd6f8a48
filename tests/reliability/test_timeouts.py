"""Every network read and write gives up: ``--timeout`` reaches each path, and replies are bounded.

Emacs has no timeout at all (a silent server hangs ``smtpmail-send-it``
forever).  elsend's socket timeout covers each read and each write; the
reply line length (8192 bytes) and the reply line count (1000) are bounded
too (those two are cells of the fault matrix).  Here: the option reaches
the direct send, the queue flush and the sendmail grammar; a server that
stops reading makes the write time out; what a hostile server says cannot
reach the terminal raw.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.harness import message_bytes, queue_index, run_elsend, write_init, write_message
from tests.support.faultserver import Fault, FaultServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("mode", ["direct", "flush", "sendmail"])
def test_timeout_option_reaches_every_path(mode: str, home: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    message = write_message(home, 1)
    with FaultServer([Fault("greeting", "stall")]) as server:
        init = write_init(home, server.port, None, stream_type="'plain")
        if mode == "flush":
            assert run_elsend(["--init", str(init), "--queue", str(message)], capsys).code == 0
            argv = ["--init", str(init), "--timeout", "0.4", "--flush-queue"]
            outcome = run_elsend(argv, capsys)
        elif mode == "sendmail":
            argv = ["--init", str(init), "--timeout", "0.4", "-oi", "-t"]
            outcome = run_elsend(argv, capsys, stdin=message_bytes(1))
        else:
            outcome = run_elsend(["--init", str(init), "--timeout", "0.4", str(message)], capsys)
    assert outcome.code == 75, outcome.stderr
    assert "within 0.4 s to the greeting" in outcome.stderr
    if mode == "flush":
        assert len(queue_index(home)) == 1


def test_a_server_that_stops_reading_makes_the_write_time_out(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The server says 354 and never reads again: sendall must not block forever."""
    message = home / "big.eml"
    with open(message, "wb") as out:
        out.write(message_bytes(1, b""))
        line = b"y" * 998 + b"\n"
        for _ in range(32_000):          # 32 MB: more than any socket buffer pair holds
            out.write(line)
    with FaultServer([Fault("data", "deaf")], keep_data=False) as server:
        init = write_init(home, server.port, None, stream_type="'plain")
        outcome = run_elsend(["--init", str(init), "--timeout", "0.5", str(message)], capsys)
    assert outcome.code == 75, outcome.stderr
    assert "timed out" in outcome.stderr
    assert server.delivered == []


def test_a_drip_feeding_server_cannot_hold_elsend_for_long(home: Path) -> None:
    message = write_message(home, 1)
    with FaultServer([Fault("greeting", "drip")]) as server:
        init = write_init(home, server.port, None, stream_type="'plain")
        env = {**os.environ, "HOME": str(home), "PYTHONPATH": str(ROOT)}
        try:
            done = subprocess.run([sys.executable, "-m", "smtp.cli", "--init", str(init),
                                   "--timeout", "0.5", str(message)],
                                  capture_output=True, timeout=10, env=env, cwd=home)
        except subprocess.TimeoutExpired:
            pytest.fail("elsend --timeout 0.5 was still waiting for the greeting after 10 s")
    assert done.returncode == 75


def test_server_text_cannot_reach_the_terminal_raw(home: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A reply with invalid UTF-8 and an escape sequence is printed escaped, not crashed on."""
    message = write_message(home, 1)
    with FaultServer([Fault("mail", "malformed")]) as server:
        init = write_init(home, server.port, None, stream_type="'plain")
        outcome = run_elsend(["--init", str(init), "--timeout", "0.5", str(message)], capsys)
    assert outcome.code == 76
    assert "\\x00\\xff this is not an SMTP reply" in outcome.stderr
    assert "\x00" not in outcome.stderr and "Traceback" not in outcome.stderr
