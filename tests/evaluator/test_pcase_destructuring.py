"""``pcase-let``, ``pcase-let*``, ``pcase-dolist`` and ``pcase-setq`` give Emacs 28.2's values.

Init files set variable/value pairs with ``pcase-dolist`` and take apart
lists with ``pcase-let``; before these were modelled, such a form was skipped
and the mail variables it set were unknown.  Each expression runs in real
Emacs and in our interpreter, with lexical and with dynamic binding, and the
printed values are compared: the destructuring never tests (a value of
another shape binds nil), as Emacs's expansion does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.errors import LispSignal
from elconf.interpreter import Interpreter, Opaque
from elconf.reader import read_from_string
from tests.evaluator.emacs_oracle import compared_with_emacs

EXPRESSIONS = [
    "(pcase-let ((`(,a ,b) '(1))) (list a b))",
    "(pcase-let ((`(,a . ,b) '(1 2 3))) (list a b))",
    "(pcase-let ((`(,a ,b) nil)) (list a b))",
    "(pcase-let ((`(,a ,b) \"xy\")) (list a b))",
    "(pcase-let ((`(,a ,b) 5)) (list a b))",
    "(pcase-let ((`[,a ,b] [1 2])) (list a b))",
    "(pcase-let* ((x 1) (`(,y) (list x))) (list x y))",
    "(pcase-let ((`(,a ,_ ,c) '(1 2 3))) (list a c))",
    "(pcase-let ((`(,a 9 ,c) '(1 2 3))) (list a c))",
    "(pcase-let (((or `(,a) a) '(7))) a)",
    "(pcase-let ((`(,(and a (pred stringp)) ,b) '(1 2))) (list a b))",
    "(pcase-let ((`(,a ,b) '(1 2)) (c 3)) (list a b c))",
    "(pcase-let (('x 5)) 1)",
    "(pcase-let ((`(,a (,b . ,c)) '(1 (2 . 3)))) (list a b c))",
    "(pcase-let ((`(,a . ,(app length n)) '(1 2 3))) (list a n))",
    "(let ((a 0)) (pcase-let ((`(,a) '(1)) (b a)) (list a b)))",
    "(let ((a 0)) (pcase-let* ((`(,a) '(1)) (b a)) (list a b)))",
    "(let (r) (pcase-dolist (`(,k . ,v) '((a . 1) (b . 2))) (push (list k v) r)) r)",
    "(let (r) (pcase-dolist (x '(1 2)) (push x r)) r)",
    "(let (r) (pcase-dolist (`(,k ,v) '((a 1) (b))) (push (list k v) r)) r)",
    "(progn (pcase-dolist (`(,var . ,val) '((pd-one . 1) (pd-two . \"t\"))) (set var val))"
    " (list pd-one pd-two))",
    "(pcase-dolist (`(,k . ,v) nil) k)",
    "(let (a b) (pcase-setq `(,a ,b) '(1 2)) (list a b))",
    "(let (a b) (list (pcase-setq a 1 b 2) a b))",
    "(let (a b) (list (pcase-setq `(,a ,b) '(3 4)) a b))",
    "(let (a) (list (pcase-setq `(,a . ,_) '(5 6)) a))",
    "(pcase-let ((`[,a ,b] [1 2 3])) (list a b))",
    "(pcase-let ((`[,a ,b] [1])) (list a b))",
    "(pcase-let ((`[,a ,b] '(1 2))) (list a b))",
    "(pcase-let ((`[,a ,b] \"xy\")) (list a b))",
]


emacs_printed, test_pcase_destructuring_as_emacs = compared_with_emacs(EXPRESSIONS)


def test_an_unknown_value_makes_each_variable_unknown(tmp_path: Path) -> None:
    ip = Interpreter(home=tmp_path, env={"HOME": str(tmp_path)})
    ip.lexical = True
    for text in ("(pcase-let ((`(,a ,b) (shell-command-to-string \"ls\"))) b)",
                 "(pcase-let* ((`[,a] (shell-command-to-string \"ls\"))) a)"):
        assert isinstance(ip.eval(read_from_string(text, 0)[0]), Opaque)


def test_an_unknown_pattern_signals_as_pcase_does(tmp_path: Path) -> None:
    ip = Interpreter(home=tmp_path, env={"HOME": str(tmp_path)})
    with pytest.raises(LispSignal):
        ip.eval(read_from_string("(pcase-let (((frob x) 1)) x)", 0)[0])
