"""The state kept after a send's send-time loads: the same message, never stale.

A configuration that runs Lisp on each message (here a ``message-send-hook``)
can have no send plan; its sends restore the state and load message.el and
smtpmail into it.  The state as it is after those loads is kept too, keyed
like a plan, and the next send starts from it.  Each test sends through a
fresh evaluation, the kept state and ``--no-cache`` and compares what the
server received, or changes an input only the send-time loads read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf import cache
from smtp.sink import running_sink
from tests.cache.test_send_plan import Sender, settings

#: A hook of the realconfigs corpus's shape: it picks the server from the message's From.
HOOK = """(defun my-pick-port ()
  (setq smtpmail-smtp-service
        (if (string-match "work" (or (message-fetch-field "From") "")) 1 %s)))
(add-hook 'message-send-hook #'my-pick-port)
"""


class Reports:
    """The CacheReport of every evaluation main() asked for."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.seen: list[cache.CacheReport] = []
        original = cache.load_config_cached

        def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
            report = kwargs.setdefault("report", cache.CacheReport())
            self.seen.append(report)
            return original(*args, **kwargs)

        monkeypatch.setattr(cache, "load_config_cached", recording)

    def last(self) -> str:
        report = self.seen[-1]
        return "after loads" if report.after_loads else "state" if report.hit else "evaluated"


@pytest.fixture
def send(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sender:
    return Sender(tmp_path, monkeypatch)


@pytest.fixture
def reports(monkeypatch: pytest.MonkeyPatch) -> Reports:
    return Reports(monkeypatch)


def kept_files(send: Sender) -> list[str]:
    directory = send.tmp / "cache" / "elsend"
    return sorted(p.name.split("-", 2)[2] for p in directory.glob("state-*-*"))


def strip_made(data: bytes) -> bytes:
    return b"\n".join(line for line in data.split(b"\n")
                      if not line.startswith((b"Date:", b"Message-ID:", b"Message-Id:")))


@pytest.mark.parametrize("door", [[], ["--via", "message"]])
def test_a_hook_configuration_starts_from_the_state_after_its_loads(send: Sender, reports: Reports,
                                                                     door: list[str]) -> None:
    with running_sink() as sink:
        send.init.write_text(settings(25, HOOK % sink.port))
        seen = []
        for args in ([*door, str(send.message)], [*door, str(send.message)],
                     ["--no-cache", *door, str(send.message)]):
            assert send(*args)[0] == 0
            seen.append(reports.last())
    assert seen == ["evaluated", "after loads", "evaluated"]
    assert kept_files(send) == [f"via-{door[1] if door else 'default'}"]
    fresh, kept, uncached = (strip_made(m.data) for m in sink.messages)
    assert fresh == kept == uncached


def test_a_variable_read_only_when_smtpmail_loads(send: Sender, reports: Reports) -> None:
    send.init.write_text(settings(25, "(with-eval-after-load 'smtpmail\n"
                                             "  (setq smtpmail-smtp-service (string-to-number (getenv \"TEST_PORT\"))))\n"
                                      + HOOK % "smtpmail-smtp-service"))
    with running_sink() as first, running_sink() as second:
        seen = []
        for sink in (first, first, second, second):
            send.monkeypatch.setenv("TEST_PORT", str(sink.port))
            assert send()[0] == 0
            seen.append(reports.last())
    assert seen == ["evaluated", "after loads", "state", "after loads"]
    assert (len(first.messages), len(second.messages)) == (2, 2)


def test_an_after_load_setenv_is_replayed(send: Sender, reports: Reports) -> None:
    """smtpmail's after-load body sets a variable the hook reads: the kept state replays it."""
    send.init.write_text(settings(25, "(with-eval-after-load 'smtpmail (setenv \"TEST_PORT\" \"%s\"))\n"
                                      "(add-hook 'message-send-hook\n"
                                      "  (lambda () (setq smtpmail-smtp-service\n"
                                      "                   (string-to-number (getenv \"TEST_PORT\")))))\n"))
    with running_sink() as sink:
        send.init.write_text(send.init.read_text() % sink.port)
        send.monkeypatch.delenv("TEST_PORT", raising=False)
        for _ in range(2):
            assert send()[0] == 0
    assert reports.last() == "after loads"
    assert len(sink.messages) == 2


def test_not_kept_when_the_loads_change_a_decision(send: Sender, reports: Reports) -> None:
    """Client accounts that appear only once smtpmail has loaded: a send starting after the
    loads would choose an account, so no such state is kept and every send decides alike."""
    with running_sink() as sink:
        send.init.write_text(settings(25, HOOK % sink.port + """
(with-eval-after-load 'smtpmail
  (require 'mu4e)
  (setq mu4e-contexts
        (list (make-mu4e-context :name "other"
                :vars '((user-mail-address . "alice@example.org")
                        (smtpmail-smtp-service . 1))))))
"""))
        for _ in range(2):
            assert send()[0] == 0
        assert reports.last() == "state"
        assert kept_files(send) == []
    assert len(sink.messages) == 2


_CHILD = """
import sys
before = set(sys.modules)
sys.argv = ["elsend", "--init", sys.argv[1], sys.argv[2]]
import smtp.cli
code = smtp.cli.main()
import json
print(json.dumps({"code": code, "modules": sorted(set(sys.modules) - before)}))
"""

#: What a send starting from the state after its loads has no use for: the reader
#: (message.el's and smtpmail's models are not read again), socket (with selectors),
#: and what the plain send spares too.
NOT_AFTER_THE_LOADS = ("elconf.reader", "socket", "subprocess", "threading", "dataclasses", "typing",
                       "tempfile", "pickle")


def test_a_send_from_the_state_after_its_loads_spares_the_reader(send: Sender, reports: Reports) -> None:
    import json
    import os
    import subprocess
    import sys

    with running_sink() as sink:
        send.init.write_text(settings(25, HOOK % sink.port))
        assert send()[0] == 0
        root = Path(__file__).resolve().parents[2]
        child = subprocess.run([sys.executable, "-S", "-c", _CHILD, str(send.init), str(send.message)],
                               capture_output=True, text=True, cwd=send.tmp, check=True,
                               env={**os.environ, "PYTHONPATH": str(root)})
    result = json.loads(child.stdout.splitlines()[-1])
    assert result["code"] == 0 and len(sink.messages) == 2
    assert "elconf.interpreter" in result["modules"]        # the state was restored, not a plan
    assert [name for name in NOT_AFTER_THE_LOADS if name in result["modules"]] == []
