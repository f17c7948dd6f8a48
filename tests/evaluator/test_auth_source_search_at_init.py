"""``auth-source-search`` called by an init file (to take the login from ~/.authinfo),
against Emacs 28.2: the same entry, the same plist keys; the secret is never a value
elconf holds (unknown), and a question elconf does not answer is unknown, not nil."""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.equality import lisp_equal
from elconf.interpreter import Opaque
from elconf.printer import prin1_to_string
from elconf.reader import read_from_string
from tests.support.emacs import run_emacs

AUTHINFO = """\
machine smtp.other.example login someone password x1
machine smtp.delgado.cl login rosa port 587 password not-a-real-secret
machine smtp.delgado.cl login rosa-work port 465 password x2
machine imap.delgado.cl login rosa-imap password x3
"""

CONFIG = """\
(require 'auth-source)
(setq auth-sources '("~/.authinfo"))
(defun my-login (&rest spec)
  (let ((found (car (apply #'auth-source-search spec))))
    (list (plist-get found :host) (plist-get found :user) (plist-get found :port)
          (and (plist-get found :secret) t))))
(setq log (list (my-login :host "smtp.delgado.cl" :port 587 :max 1)
                (my-login :host "smtp.delgado.cl" :port "465")
                (my-login :host "imap.delgado.cl" :port 993 :user "rosa-imap")
                (my-login :host "smtp.delgado.cl" :port 25)
                (auth-source-search :host "nowhere.example" :port 587 :max 1)))
"""


@pytest.mark.emacs
def test_the_entry_emacs_finds(run, home: Path) -> None:
    (home / ".authinfo").write_text(AUTHINFO)
    (home / ".authinfo").chmod(0o600)
    init = home / "emacs-init.el"
    init.write_text(CONFIG + "(prin1 log)\n")
    proc = run_emacs(["-Q", "-l", str(init)], home=home)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    expected = read_from_string(proc.stdout.decode(), 0)[0]
    ip = run(CONFIG)
    ours = ip.store.get("log")
    # Emacs's secret is a function: elconf holds an unknown there, never the secret itself.
    assert lisp_equal(ours, expected), f"emacs: {prin1_to_string(expected)}\nours:  {prin1_to_string(ours)}"
    assert "not-a-real-secret" not in prin1_to_string(ours)


def test_a_question_it_does_not_answer_is_unknown(run, home: Path) -> None:
    (home / ".authinfo.gpg").write_text("not really encrypted")
    ip = run("""\
(require 'auth-source)
(setq a (auth-source-search :host "smtp.example.org" :port 587 :max 3))
(setq auth-sources '("~/.authinfo.gpg"))
(setq b (auth-source-search :host "smtp.example.org" :port 587))
(setq c (auth-source-search :host "smtp.example.org" :port 587 :create t))
""")
    for name in ("a", "b", "c"):
        assert isinstance(ip.store.get(name), Opaque), name
