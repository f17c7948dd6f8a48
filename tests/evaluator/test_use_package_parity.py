"""use-package forms give what Emacs 28.2 with use-package 2.4.4 (Debian's
elpa-use-package) gives: the order keywords run in and the values they leave."""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.equality import lisp_equal
from elconf.reader import read_from_string
from tests.support.emacs import run_emacs

ELPA = Path("/usr/share/emacs/site-lisp/elpa")

INIT = """\
(setq log nil)
(use-package smtpmail
  :custom (smtpmail-smtp-service 587)
  :init (push (list 'init (featurep 'smtpmail) (boundp 'smtpmail-smtp-service)) log)
  :config (push (list 'config (featurep 'smtpmail) smtpmail-smtp-service) log))
(use-package sendmail :config (car 1) (push 'after-error log))
(push 'next-form log)
(use-package message :after (foo) :custom (message-x 1) :init (push 'msg-init log))
(push (list 'msg-x (boundp 'message-x)) log)
(use-package gnus :defer t :custom (gnus-y 2) :config (push 'gnus-config log))
(push (list 'gnus-y (boundp 'gnus-y) (featurep 'gnus)) log)
(use-package rmail :commands (rmail) :init (push 'rmail-init log))
(push (list 'rmail (featurep 'rmail)) log)
(use-package mu4e :no-require t :config (push 'mu4e-config log))
(use-package ffap :if nil :init (push 'ffap-init log))
(use-package sendmail :when t :preface (push 'preface log) :custom ((a-var 1) (b-var 2 "c")))
(push (list 'ab (boundp 'a-var) (boundp 'b-var)) log)
(use-package smtpmail :disabled t :init (push 'disabled-ran log))
(setq log (reverse log))
"""


def _emacs_log(home: Path) -> object:
    dirs = sorted(str(p) for p in ELPA.glob("*") if p.name.startswith(("use-package-", "bind-key-")))
    assert dirs, "elpa-use-package is not installed (apt-get install elpa-use-package)"
    setup = "".join(f'(add-to-list \'load-path "{d}")' for d in dirs)
    init = home / "up-init.el"
    init.write_text(f"{setup}\n(require 'use-package)\n{INIT}(prin1 log)\n", encoding="utf-8")
    proc = run_emacs(["-Q", "-l", str(init)], home=home)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return read_from_string(proc.stdout.decode(), 0)[0]


@pytest.mark.emacs
def test_use_package_keywords_match_emacs(run, home) -> None:
    from elconf.printer import prin1_to_string

    expected = _emacs_log(home)
    ip = run("(require 'use-package)\n" + INIT)
    ours = ip.store.get("log")
    assert lisp_equal(ours, expected), f"emacs: {prin1_to_string(expected)}\nours:  {prin1_to_string(ours)}"
    assert [d.rule for d in ip.diagnostics].count("use-package-error") == 1
