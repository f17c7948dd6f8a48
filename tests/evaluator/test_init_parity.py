"""Whole init files: the variables they leave equal what Emacs 28.2 leaves.

Each case is a file (with its own variable names); one Emacs batch process
loads them all in order, each inside ``condition-case`` (an error stops the
rest of that file, as at start-up), and prints the variables named by the
case; our interpreter loads the same files in the same order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.equality import lisp_equal
from elconf.interpreter import Interpreter
from elconf.reader import read_from_string
from elconf.types import UNBOUND, intern, lisp_list
from tests.support.emacs import run_emacs

VOID = intern("VOID")

CASES: list[tuple[str, str, list[str]]] = [
    ("closures", """;;; -*- lexical-binding: t -*-
(defun c1-make (start) (let ((n start)) (list (lambda () (setq n (1+ n))) (lambda () n))))
(setq c1-pair (c1-make 10))
(funcall (car c1-pair)) (funcall (car c1-pair))
(setq c1-value (funcall (cadr c1-pair)))
(setq c1-adders (mapcar (lambda (k) (lambda (x) (+ x k))) '(1 2 3)))
(setq c1-sums (mapcar (lambda (f) (funcall f 10)) c1-adders))
""", ["c1-value", "c1-sums"]),
    ("dynamic", """(setq d1-x 1)
(defun d1-get () d1-x)
(setq d1-in (let ((d1-x 2)) (d1-get)))
(let ((d1-y 5)) (defvar d1-y 6))
(setq d1-y-after d1-y)
(let ((d1-x 3)) (setq d1-x 4))
""", ["d1-x", "d1-in", "d1-y-after"]),
    ("custom", """(custom-set-variables '(c2-opt "saved") '(c2-now 7 t))
(setq c2-bound-before (list (boundp 'c2-opt) (boundp 'c2-now)))
(defcustom c2-opt "default" "Doc." :type 'string :group 'c2)
(defcustom c2-other (concat c2-opt "!") "Doc." :type 'string :group 'c2)
(customize-set-variable 'c2-third 3)
(defcustom c2-third 9 "Doc." :type 'integer :group 'c2)
""", ["c2-opt", "c2-now", "c2-bound-before", "c2-other", "c2-third"]),
    ("lists-and-hooks", """(setq l3-list '(b))
(add-to-list 'l3-list 'a)
(add-to-list 'l3-list 'z t)
(add-to-list 'l3-list 'a)
(add-hook 'l3-hook #'first)
(add-hook 'l3-hook #'last t)
(add-hook 'l3-hook #'front)
(add-hook 'l3-hook #'first)
(remove-hook 'l3-hook #'last)
(push 'p l3-list)
(setq l3-popped (pop l3-list))
(setq l3-bq `(1 ,@l3-list ,(length l3-list) . end))
""", ["l3-list", "l3-hook", "l3-popped", "l3-bq"]),
    ("errors-stop-the-file", """(setq e4-before 1)
(setq e4-caught (condition-case err (error "Oops %d" 42) (error (cadr err))))
(setq e4-catch (catch 'found (dolist (x '(1 2 3 4)) (when (> x 2) (throw 'found (* x 10))))))
(setq e4-bad (+ 1 "two"))
(setq e4-after 2)
""", ["e4-before", "e4-caught", "e4-catch", "e4-after"]),
    ("strings", """(setq s5-host "smtp.example.org")
(setq s5-parts (split-string s5-host "\\\\."))
(setq s5-domain (mapconcat #'identity (cdr s5-parts) "."))
(setq s5-user (if (string-match "^\\\\([^@]+\\\\)@\\\\(.+\\\\)$" "alice@example.org")
                  (match-string 1 "alice@example.org")))
(setq s5-fmt (format "%s:%d (%S)" s5-host 587 'tls))
(setq s5-up (upcase-initials "hello mail world"))
(setq s5-rep (replace-regexp-in-string "\\\\.org\\\\'" ".com" s5-host))
""", ["s5-parts", "s5-domain", "s5-user", "s5-fmt", "s5-up", "s5-rep"]),
    ("buffer-local", """(setq-default b6-fill 70)
(setq-local b6-fill 72)
(setq b6-seen (list b6-fill (default-value 'b6-fill)))
(defvar-local b6-auto 1)
(setq b6-auto 2)
(setq b6-auto-seen (list b6-auto (default-value 'b6-auto)))
""", ["b6-seen", "b6-auto-seen"]),
    ("pcase", """(setq p8-os (pcase system-type ('darwin "mac") ('gnu/linux "linux") (_ "other")))
(setq p8-method (pcase '(smtp "mail.example.org" 587)
                  (`(smtp ,host ,(and port (pred integerp))) (format "%s:%d" host port))
                  (_ 'no)))
(setq p8-guard (pcase 5 ((and n (guard (> n 3))) (* n 2)) (_ 0)))
(setq p8-misc (list (pcase "x" ((or 'a "x") 'either)) (pcase 7 ((app 1+ 8) 'eight)) (pcase 1 (2 'two))))
""", ["p8-os", "p8-method", "p8-guard", "p8-misc"]),
    ("after-load", """(with-eval-after-load 'f7-feature (setq f7-ran (list 'after (featurep 'f7-feature))))
(setq f7-before (boundp 'f7-ran))
(provide 'f7-feature)
(eval-after-load 'f7-feature '(setq f7-immediate t))
""", ["f7-ran", "f7-before", "f7-immediate"]),
]

_DRIVER = r"""
(let ((cases (car (read-from-string (getenv "INIT_CASES")))))
  (with-temp-buffer
    (dolist (case cases)
      (condition-case nil (load (car case) nil t t) (error nil))
      (prin1 (mapcar (lambda (v) (if (boundp v) (default-value v) 'VOID)) (cdr case)))
      (princ "\n"))))
"""


def _write_cases(home: Path) -> list[tuple[Path, list[str]]]:
    written = []
    for name, text, variables in CASES:
        path = home / f"{name}.el"
        path.write_text(text, encoding="utf-8")
        written.append((path, variables))
    return written


@pytest.mark.emacs
def test_init_files_leave_what_emacs_leaves(home: Path) -> None:
    from elconf.printer import prin1_to_string

    files = _write_cases(home)
    spec = "(" + " ".join(f'("{p}" {" ".join(vs)})' for p, vs in files) + ")"
    proc = run_emacs(["-Q", "--eval", _DRIVER], home=home, env={"INIT_CASES": spec})
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    lines = proc.stdout.decode().strip().split("\n")
    assert len(lines) == len(files)
    ip = Interpreter(home=home, env={"HOME": str(home)})
    ip.startup()
    mismatches = []
    for (path, variables), line, (name, _text, _vars) in zip(files, lines, CASES):
        ip.load_file(path)
        ours = lisp_list([VOID if ip.store.get(v) is UNBOUND else ip.store.get(v) for v in variables])
        theirs = read_from_string(line, 0)[0]
        if not lisp_equal(ours, theirs):
            mismatches.append(f"{name}: {variables}\n   emacs: {line}\n   ours:  {prin1_to_string(ours)}")
    assert not mismatches, "\n".join(mismatches)
