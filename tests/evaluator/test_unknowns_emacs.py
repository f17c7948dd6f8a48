"""Conditions on unknowns, checked against Emacs 28.2.

Each config depends on ``(mystery-p)``, a function elconf does not have.  Real
Emacs evaluates it twice, once with ``mystery-p`` returning t and once nil:
where the two runs agree elconf must give that value, known; where they
differ elconf must give an unknown whose candidates are exactly the two
values Emacs computed (void included).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.equality import lisp_equal
from elconf.interpreter import Interpreter, Opaque
from elconf.reader import read_from_string
from elconf.types import UNBOUND
from tests.support.emacs import run_emacs

CONFIGS = {
    "if-else": ("""\
(setq send-mail-function 'smtpmail-send-it)
(if (mystery-p)
    (setq smtpmail-smtp-server "smtp.work.example" smtpmail-smtp-service 465)
  (setq smtpmail-smtp-server "smtp.home.example" smtpmail-smtp-service 465))
(setq user-mail-address "me@example.org")
""", ["send-mail-function", "smtpmail-smtp-server", "smtpmail-smtp-service", "user-mail-address"]),
    "when-cond-nested": ("""\
(setq port 25 user "nobody")
(when (mystery-p)
  (setq port 587)
  (cond ((eq system-type 'windows-nt) (setq user "win"))
        ((mystery-p) (setq user "both"))
        (t (setq user "never"))))
(unless (mystery-p) (setq fallback t))
""", ["port", "user", "fallback"]),
    "or-and-values": ("""\
(setq server (or (and (mystery-p) "a.example") "b.example"))
(setq flag (and (mystery-p) 'yes))
(setq same (if (mystery-p) "x" "x"))
""", ["server", "flag", "same"]),
    "defun-and-let": ("""\
(defun my-choose (work)
  (let ((base "example.org"))
    (setq smtpmail-smtp-user (if work (concat "w@" base) (concat "h@" base)))
    (setq chosen-by 'my-choose)))
(setq load-path-copy '(a))
(my-choose (mystery-p))
(push 'extra load-path-copy)
""", ["smtpmail-smtp-user", "chosen-by", "load-path-copy"]),
    "bounded-while": ("""\
(setq i 0)
(while (and (< i 1) (mystery-p)) (setq i (1+ i)))
(setq done i)
""", ["i", "done"]),
    "if-let-family": (""";; -*- lexical-binding: t -*-
(setq smtpmail-smtp-service 587)
(if-let ((host (mystery-p)))
    (setq smtpmail-smtp-server "smtp.work.example")
  (setq smtpmail-smtp-server "smtp.home.example"))
(when-let ((a t) (b (mystery-p)))
  (setq user-full-name "Work Self"))
(setq tagged (and-let* ((v (mystery-p))) 'yes))
(if-let* ((x "known") (y (mystery-p))) (setq both-ways x) (setq both-ways x))
""", ["smtpmail-smtp-service", "smtpmail-smtp-server", "user-full-name", "tagged", "both-ways"]),
    "use-package-conditions": ("".join(
        f'(add-to-list \'load-path "{d}")\n' for d in sorted(
            str(p) for p in Path("/usr/share/emacs/site-lisp/elpa").glob("*")
            if p.name.startswith(("use-package-", "bind-key-")))) + """\
(require 'use-package)
(use-package smtpmail :if (mystery-p) :config (setq chosen-server "smtp.work.example"))
(use-package sendmail :unless (mystery-p) :init (setq sendmail-init t))
(use-package message :when (mystery-p) :when t :config (setq message-configured 'yes))
(use-package mailcap :if t :config (setq mailcap-configured t))
(setq user-mail-address "me@example.org")
""", ["chosen-server", "sendmail-init", "message-configured", "mailcap-configured",
      "user-mail-address"]),
    "lexical": (""";; -*- lexical-binding: t -*-
(let ((server "default.example"))
  (when (mystery-p) (setq server "special.example"))
  (setq smtpmail-smtp-server server))
""", ["smtpmail-smtp-server"]),
}

_DRIVER = """\
(progn
  (defun mystery-p () {answer})
  (load (getenv "CONFIG") nil t)
  (dolist (name '({names}))
    (princ (if (boundp name) (prin1-to-string (symbol-value name)) "#void"))
    (terpri)))
"""


def _emacs_values(home: Path, config: Path, names: list[str], answer: str) -> list[object]:
    proc = run_emacs(["-Q", "--eval", _DRIVER.format(answer=answer, names=" ".join(names))],
                     home=home, env={"CONFIG": str(config)})
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    lines = proc.stdout.decode().splitlines()[-len(names):]
    return [UNBOUND if line == "#void" else read_from_string(line, 0)[0] for line in lines]


def _same(a: object, b: object) -> bool:
    return a is b if UNBOUND in (a, b) else lisp_equal(a, b)


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_candidates_are_what_emacs_computes_either_way(name: str, home: Path) -> None:
    text, names = CONFIGS[name]
    config = home / "init.el"
    config.write_text(text, encoding="utf-8")
    when_true = _emacs_values(home, config, names, "t")
    when_false = _emacs_values(home, config, names, "nil")
    ip = Interpreter(home=home, env={"HOME": str(home), "USER": "tester"})
    ip.startup()
    assert ip.load_file(config)
    for var, yes, no in zip(names, when_true, when_false):
        ours = ip.store.get(var)
        if _same(yes, no):
            assert not isinstance(ours, Opaque) and _same(ours, yes), (var, ours, yes)
            continue
        assert isinstance(ours, Opaque) and ours.candidates, (var, ours)
        values = [value for value, _origin in ours.candidates]
        assert len(values) == 2 + EXTRA.get((name, var), 0) and any(_same(v, yes) for v in values) \
            and any(_same(v, no) for v in values), (var, values, yes, no)


#: Two calls of the same unknown function are not assumed to agree (it may be
#: `random', a clock, a process): elconf's candidates are then a superset of the
#: two runs of Emacs, here "never" (outer call true, inner call false).
EXTRA = {("when-cond-nested", "user"): 1}
