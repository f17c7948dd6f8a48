"""``use-package X :defer N``: an idle timer, which Emacs runs only once it waits for input.

At the end of start-up (``emacs --batch``, or a freshly started Emacs) the
package is not loaded and its ``:config`` has not run: ``elconf get`` shows
that state, like Emacs.  A send comes later, after the timer fired:
``elconf get --after-idle``, ``elconf show`` and ``elsend`` use that state.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.parity.eval.test_cli import ROOT, elconf, write_init
from tests.support.emacs import run_emacs

pytestmark = pytest.mark.emacs

INIT = """\
(require 'use-package)
(use-package smtpmail
  :defer 1
  :config
  (setq smtpmail-smtp-server "smtp.example.org"
        smtpmail-smtp-service 465
        smtpmail-stream-type 'ssl))
(setq send-mail-function 'smtpmail-send-it
      user-mail-address "me@example.org")
"""

NAMES = ("smtpmail-smtp-server", "smtpmail-stream-type", "send-mail-function")


def _emacs_values(home: Path, init: Path) -> dict[str, str]:
    script = home / "dump.el"
    script.write_text(
        """(dolist (dir (directory-files "/usr/share/emacs/site-lisp/elpa" t "^[a-z]"))
  (add-to-list 'load-path dir))
(load (getenv "INIT") nil t)
(run-hooks 'after-init-hook 'emacs-startup-hook)
(dolist (name '(%s))
  (princ (format "%%s\\t%%s\\n" name (if (boundp name) (prin1-to-string (symbol-value name)) "void"))))
""" % " ".join(NAMES))
    proc = run_emacs(["-Q", "-l", str(script)], home=home, env={"INIT": str(init)})
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return dict(line.split("\t", 1) for line in proc.stdout.decode().splitlines() if "\t" in line)


def _get(home: Path, *options: str) -> dict[str, str]:
    proc = elconf(home, "get", *options, *NAMES)
    assert proc.returncode == 0, proc.stderr
    return dict(line.split("\t", 1) for line in proc.stdout.splitlines())


def test_get_is_the_state_at_the_end_of_start_up_as_in_emacs(home: Path) -> None:
    init = write_init(home, INIT)
    emacs = _emacs_values(home, init)
    assert emacs["smtpmail-smtp-server"] == "void"           # the timer never fired
    assert _get(home) == emacs


def test_after_idle_and_the_send_see_the_deferred_config(home: Path) -> None:
    write_init(home, INIT)
    after = _get(home, "--after-idle")
    assert after["smtpmail-smtp-server"] == '"smtp.example.org"' and after["smtpmail-stream-type"] == "ssl"
    message = home / "m.eml"
    message.write_text("From: me@example.org\nTo: you@example.net\nSubject: s\n\nhi\n")
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG")}
    proc = subprocess.run([sys.executable, "-m", "smtp.cli", "--dry-run", "--json", "--no-cache",
                           str(message)], cwd=ROOT, env={**env, "HOME": str(home)},
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    plan = json.loads(proc.stdout)
    assert (plan["server"], plan["port"], plan["stream_type"]) == ("smtp.example.org", 465, "ssl")
