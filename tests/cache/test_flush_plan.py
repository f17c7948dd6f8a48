"""The queue flush's kept plan (smtp.fastpath.FLUSH_DOOR): used when nothing it depended on
changed, never stale.

A flush reads only smtpmail's settings (once smtpmail has loaded) and
auth-source's from the configuration, so it keeps them as a send keeps its
plan, under the same key (everything the evaluation and the send-time load
consulted, and elsend's code): the next flush starts without the evaluator.
Each kind of input is changed between two flushes here, and the flush after
the change must go where the new settings say.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from smtp import fastpath
from smtp.sink import running_sink
from tests.cache.test_send_plan import Sender, rewrite_keeping_stat, settings


@pytest.fixture
def send(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sender:
    return Sender(tmp_path, monkeypatch)


QUEUE = '(setq smtpmail-queue-dir "~/queue/")\n'


def queue_and_flush(send: Sender, *flush_args: str) -> tuple[int, str]:
    """Queue the test's message, then flush: the flush's exit code and plan lookup."""
    assert send("--queue", str(send.message))[0] == 0
    return send(*flush_args, "--flush-queue")


def test_a_flush_keeps_a_plan_the_next_flush_uses(send: Sender) -> None:
    with running_sink() as sink:
        send.init.write_text(settings(sink.port, QUEUE))
        code, why = queue_and_flush(send)
        assert code == 0 and why != "hit", why
        assert fastpath.last_kept
        assert queue_and_flush(send) == (0, "hit")
        assert queue_and_flush(send, "--no-cache") == (0, "not looked up")
        assert queue_and_flush(send, "--debug") == (0, "not looked up")
    assert len(sink.messages) == 4
    first, kept, uncached, debug = sink.messages
    assert first.data == kept.data == uncached.data == debug.data
    assert {(m.envelope_from, tuple(m.recipients)) for m in sink.messages} == {
        ("alice@example.org", ("bob@example.net",))}
    assert "flush" in send.plans()
    assert not list((send.home / "queue").glob("2*"))


def test_the_init_file_edited_in_place_between_two_flushes(send: Sender) -> None:
    with running_sink() as first, running_sink() as second:
        if len(str(first.port)) != len(str(second.port)):
            pytest.skip("the two ports differ in length: the in-place edit keeps the size")
        send.init.write_text(settings(first.port, QUEUE))
        queue_and_flush(send)
        assert queue_and_flush(send) == (0, "hit")
        rewrite_keeping_stat(send.init, settings(second.port, QUEUE))
        code, why = queue_and_flush(send)
        assert code == 0 and why.startswith("content"), why
        assert queue_and_flush(send) == (0, "hit")
        assert (len(first.messages), len(second.messages)) == (2, 2)


def test_a_variable_read_only_when_smtpmail_loads_at_flush_time(send: Sender) -> None:
    """What smtpmail's load reads at flush time is the plan's own key."""
    send.init.write_text(settings(25, QUEUE + "(with-eval-after-load 'smtpmail\n"
                                  "  (setq smtpmail-smtp-service (string-to-number (getenv \"TEST_PORT\"))))\n"))
    with running_sink() as first, running_sink() as second:
        for sink, expected in ((first, None), (first, "hit"), (second, "env 'TEST_PORT'"),
                               (second, "hit")):
            send.monkeypatch.setenv("TEST_PORT", str(sink.port))
            code, why = queue_and_flush(send)
            assert code == 0, why
            assert expected is None or why.startswith(expected), why
        assert (len(first.messages), len(second.messages)) == (2, 2)


def test_smtpmails_default_server_from_the_environment_at_flush_time(send: Sender) -> None:
    with running_sink() as sink:
        send.init.write_text(settings(sink.port, QUEUE).replace(
            '      smtpmail-smtp-server "127.0.0.1"\n', ""))
        send.monkeypatch.setenv("SMTPSERVER", "127.0.0.1")
        queue_and_flush(send)
        assert queue_and_flush(send) == (0, "hit")
        send.monkeypatch.setenv("SMTPSERVER", "127.0.0.2")   # nobody listens there
        assert queue_and_flush(send) == (75, "env 'SMTPSERVER' changed")
        assert len(sink.messages) == 2
