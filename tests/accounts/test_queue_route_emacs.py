"""The ``account-queue-route`` rule against real Emacs 28.2 + mu4e 1.8.14 and two local servers.

What the rule claims: with ``smtpmail-store-queue-variables`` nil, a queue entry
records only its recipients, so a message queued while one mu4e context is
current is flushed through whichever context is current at flush time.  Emacs
queues a message under Work, switches to Home and flushes: the message must
reach Home's server (and, with the variables stored, Work's).  elconf check
must warn exactly in the first case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.check import run_checks
from elconf.config import LoadOptions, load_config
from tests.support.emacs import run_emacs
from tests.support.smtpserver import RecordingServer

pytestmark = pytest.mark.emacs

CONFIG = """\
(require 'mu4e)
(setq send-mail-function 'smtpmail-send-it
      smtpmail-queue-mail t
      smtpmail-queue-dir "{queue}/"
      smtpmail-stream-type 'plain
      mail-host-address "example.org")
{store}
(setq mu4e-contexts
      (list (make-mu4e-context :name "Work"
              :vars '((user-mail-address . "me@work.example")
                      (smtpmail-smtp-server . "127.0.0.1")
                      (smtpmail-smtp-service . {work_port})))
            (make-mu4e-context :name "Home"
              :vars '((user-mail-address . "me@home.example")
                      (smtpmail-smtp-server . "127.0.0.1")
                      (smtpmail-smtp-service . {home_port})))))
"""

# Queue one message under Work, switch to Home, flush the queue: as a user who
# wrote offline in one context and sent the queue later from the other.
SESSION = """\
(dolist (dir (directory-files "/usr/share/emacs/site-lisp/elpa" t "^[a-z]"))
  (add-to-list 'load-path dir))
(load "{init}" nil t)
(mu4e-context-switch t "Work")
(with-temp-buffer
  (insert "From: me@work.example\\nTo: bob@example.net\\nSubject: queued at work\\n\\nHello.\\n")
  (smtpmail-send-it))
(mu4e-context-switch t "Home")
(smtpmail-send-queued-mail)
"""


def _flush_in_emacs(home: Path, store: bool) -> tuple[RecordingServer, RecordingServer, Path]:
    init = home / "init.el"
    with RecordingServer() as work, RecordingServer() as private:
        init.write_text(CONFIG.format(queue=home / "queue", work_port=work.port,
                                      home_port=private.port,
                                      store="(setq smtpmail-store-queue-variables t)" if store else ""))
        script = home / "session.el"
        script.write_text(SESSION.format(init=init))
        proc = run_emacs(["-Q", "-l", str(script)], home=home, timeout=120)
        assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return work, private, init


def _queue_findings(home: Path, init: Path) -> list:
    loaded = load_config(LoadOptions(init=init, home=home, env={"HOME": str(home)}))
    return [d for d in run_checks(loaded, home=home, env={"HOME": str(home)})
            if d.rule == "account-queue-route"]


def test_without_stored_variables_emacs_flushes_through_the_current_context(home: Path) -> None:
    work, private, init = _flush_in_emacs(home, store=False)
    assert work.messages == []
    [(sender, recipients, _data)] = private.messages
    assert recipients == ["bob@example.net"]
    assert sender == "me@home.example"      # the address is not stored either
    [finding] = _queue_findings(home, init)
    assert finding.severity == "warning" and finding.file == str(init)


def test_with_stored_variables_emacs_flushes_through_the_queuing_context(home: Path) -> None:
    work, private, init = _flush_in_emacs(home, store=True)
    assert private.messages == []
    [(_sender, recipients, _data)] = work.messages
    assert recipients == ["bob@example.net"]
    assert _queue_findings(home, init) == []
