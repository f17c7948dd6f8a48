"""Every fault at every step of the session: the exit code keeps its promise and no mail is lost.

Three ways to send, each against every (step, fault) cell of
:mod:`tests.support.faultserver`:

* ``direct``: ``elsend MESSAGE``;
* ``queued``: ``elsend --queue MESSAGE`` (offline), then ``elsend --flush-queue``;
* ``flush3``: three queued messages, one flush; a fault at a per-message step
  (MAIL ... dot) hits the second message and every later one;
* ``pipelined flush3``: the same against a server that offers PIPELINING, so
  that MAIL, RCPT and DATA leave in one write (the per-message steps).

What must hold in every cell:

* the exit code is the one the contract (``elsend --help``) names for it;
* exit 0 if and only if the server wrote 2xx after the final dot (for every
  message of the run);
* a message not accepted is still there: the input file byte for byte, or
  its queue entry, with the unsent entries in their original order;
* a later clean flush delivers what remained, and no message is ever
  delivered twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.harness import (message_bytes, queue_index, queued_subjects, run_elsend,
                                       subject_of, write_init, write_message)
from tests.support.faultserver import FAULTS, STEPS, Fault, FaultServer
from tests.support import smtpserver

#: The client must time out only in cells whose fault is silence (or follows an error with
#: silence); everywhere else a generous timeout keeps a loaded CI machine from failing a cell.
SHORT_TIMEOUT_FAULTS = ("stall", "malformed", "endless_line", "endless_reply")


def timeout_for(kind: str) -> str:
    return "0.5" if kind in SHORT_TIMEOUT_FAULTS else "20"


PER_MESSAGE_STEPS = ("mail", "rcpt1", "rcpt2", "data", "dot")
CELLS = [(step, kind) for step in STEPS for kind in FAULTS
         if kind != "tls_fail" or step == "starttls"]


def expected_code(step: str, kind: str) -> int:
    """The exit code the contract promises for ``kind`` at ``step``."""
    if kind == "pieces" or step == "quit":
        return 0          # a reply in pieces is a reply; after the 250 the message is sent
    if step in ("ehlo", "starttls") and kind in ("4xx", "5xx"):
        return 0          # Emacs falls back to HELO / goes on without TLS (opportunistic mode)
    if kind in ("close", "stall"):
        return 75
    if kind == "malformed":
        # network-stream reads greeting, EHLO and STARTTLS replies up to a "NNN " line:
        # garbage and then silence is a timeout there; elsewhere a reply without a code.
        return 75 if step in ("greeting", "ehlo", "starttls") else 76
    if kind in ("endless_line", "endless_reply", "tls_fail"):
        return 76
    if kind == "4xx":
        return 75
    assert kind == "5xx"
    return {"rcpt1": 67, "rcpt2": 67, "auth": 77}.get(step, 69)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> smtpserver.TestPKI:
    return smtpserver.make_pki(tmp_path_factory.mktemp("pki"))


def _clean_flush(home: Path, pki: smtpserver.TestPKI, capsys: pytest.CaptureFixture[str],
                 pipelining: bool = False) -> list[str]:
    """Flush what remains against a well-behaved server; the subjects it delivered."""
    with FaultServer(tls_context=pki.server_context, pipelining=pipelining) as server:
        init = write_init(home, server.port, pki.ca_file)
        outcome = run_elsend(["--init", str(init), "--flush-queue"], capsys)
    assert outcome.code == 0, outcome.stderr
    assert queue_index(home) == []
    return [subject_of(m.data) for m in server.delivered]


@pytest.mark.parametrize("step, kind", CELLS)
def test_direct_send(step: str, kind: str, home: Path, pki: smtpserver.TestPKI,
                     capsys: pytest.CaptureFixture[str]) -> None:
    message = write_message(home, 1)
    with FaultServer([Fault(step, kind)], tls_context=pki.server_context) as server:
        init = write_init(home, server.port, pki.ca_file)
        outcome = run_elsend(["--init", str(init), "--timeout", timeout_for(kind),
                             str(message)], capsys)
    assert server.applied, "the fault never fired: the cell tests nothing"
    assert outcome.code == expected_code(step, kind), outcome.stderr
    assert (outcome.code == 0) == (len(server.delivered) == 1)
    assert len(server.delivered) <= 1
    assert message.read_bytes() == message_bytes(1)   # the input is never touched
    if outcome.code:
        assert outcome.stderr.startswith("elsend: Sending failed"), outcome.stderr
        assert "Traceback" not in outcome.stderr
    assert not (home / "queue").exists()


@pytest.mark.parametrize("step, kind", CELLS)
def test_queue_then_flush(step: str, kind: str, home: Path, pki: smtpserver.TestPKI,
                          capsys: pytest.CaptureFixture[str]) -> None:
    message = write_message(home, 1)
    init = write_init(home, 9, pki.ca_file)   # queuing never connects: any port will do
    queued = run_elsend(["--init", str(init), "--queue", str(message)], capsys)
    assert queued.code == 0, queued.stderr
    assert queued_subjects(home) == ["message 1"]
    with FaultServer([Fault(step, kind)], tls_context=pki.server_context) as server:
        init = write_init(home, server.port, pki.ca_file)
        outcome = run_elsend(["--init", str(init), "--timeout", timeout_for(kind),
                             "--flush-queue"], capsys)
    assert server.applied
    assert outcome.code == expected_code(step, kind), outcome.stderr
    assert (outcome.code == 0) == (len(server.delivered) == 1)
    if outcome.code == 0:
        assert queue_index(home) == []
        assert sorted(p.name for p in (home / "queue").iterdir()
                      if not p.name.startswith(".")) == ["index"]
    else:
        assert queued_subjects(home) == ["message 1"]
        assert "1 still queued" in outcome.stderr
        assert _clean_flush(home, pki, capsys) == ["message 1"]


@pytest.mark.parametrize("step, kind", CELLS)
def test_flush_of_three(step: str, kind: str, home: Path, pki: smtpserver.TestPKI,
                        capsys: pytest.CaptureFixture[str]) -> None:
    flush_of_three(step, kind, home, pki, capsys, pipelining=False)


@pytest.mark.parametrize("step, kind", [(step, kind) for step, kind in CELLS
                                        if step in PER_MESSAGE_STEPS])
def test_pipelined_flush_of_three(step: str, kind: str, home: Path, pki: smtpserver.TestPKI,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    flush_of_three(step, kind, home, pki, capsys, pipelining=True)


def flush_of_three(step: str, kind: str, home: Path, pki: smtpserver.TestPKI,
                   capsys: pytest.CaptureFixture[str], *, pipelining: bool) -> None:
    init = write_init(home, 9, pki.ca_file)
    for n in (1, 2, 3):
        assert run_elsend(["--init", str(init), "--queue", str(write_message(home, n))],
                          capsys).code == 0
    subjects = ["message 1", "message 2", "message 3"]
    assert queued_subjects(home) == subjects
    fault = Fault(step, kind, after=1) if step in PER_MESSAGE_STEPS else Fault(step, kind)
    with FaultServer([fault], tls_context=pki.server_context, pipelining=pipelining) as server:
        init = write_init(home, server.port, pki.ca_file)
        outcome = run_elsend(["--init", str(init), "--timeout", timeout_for(kind),
                             "--flush-queue"], capsys)
    assert server.applied
    assert (server.pipelined_lines > 0) == pipelining   # message 1's MAIL came with its RCPTs
    code = expected_code(step, kind)
    assert outcome.code == code, outcome.stderr
    delivered = [subject_of(m.data) for m in server.delivered]
    if code == 0:
        assert delivered == subjects
        assert queue_index(home) == []
        return
    failed_at = 1 if step in PER_MESSAGE_STEPS else 0   # the message the fault hit
    assert delivered == subjects[:failed_at]
    assert queued_subjects(home) == subjects[failed_at:]            # exactly the unsent, in order
    assert f"{failed_at} sent, {3 - failed_at} still queued" in outcome.stderr
    later = _clean_flush(home, pki, capsys, pipelining)
    assert later == subjects[failed_at:]
    assert sorted(delivered + later) == subjects                     # nothing twice, nothing lost


def test_a_transient_refusal_of_mail_is_retried_once_and_delivered_once(
        home: Path, pki: smtpserver.TestPKI, capsys: pytest.CaptureFixture[str]) -> None:
    """Emacs's retry after 4xx to MAIL: a new session, and the message arrives exactly once."""
    message = write_message(home, 1)
    with FaultServer([Fault("mail", "4xx", occurrence=1)], tls_context=pki.server_context) as server:
        init = write_init(home, server.port, pki.ca_file, extra="(setq smtpmail-retries 3)\n")
        outcome = run_elsend(["--init", str(init), "--timeout", "20", str(message)], capsys)
    assert outcome.code == 0, outcome.stderr
    assert "retrying" in outcome.stderr
    assert [subject_of(m.data) for m in server.delivered] == ["message 1"]
    assert server.counts["greeting"] == 2          # the retry was a whole new session


def test_matrix_size() -> None:
    """The matrix the report quotes: 81 cells per mode, three modes, and 40 pipelined cells."""
    assert len(CELLS) == len(STEPS) * (len(FAULTS) - 1) + 1 == 81
    assert len([step for step, _ in CELLS if step in PER_MESSAGE_STEPS]) == 40
