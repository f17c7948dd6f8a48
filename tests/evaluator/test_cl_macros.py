"""cl-lib, seq and subr-x control macros give Emacs 28.2's values (elconf/cl_macros.py).

``cl-incf`` on a counter, ``cl-dolist`` with ``cl-return``, ``seq-doseq`` over
a vector, ``seq-let``/``cl-destructuring-bind`` taking a list apart,
``thread-first``/``thread-last``, ``cl-defmacro``/``cl-defun`` taking an argument
apart, ``with-suppressed-warnings``, ``cl-eval-when``: before they were modelled such a form was an
unknown call whose effects were lost (a variable it changed kept its old
value).  Every expression runs in real Emacs (after requiring cl-lib, seq and
subr-x, as an init file that uses them does) and in our interpreter, with
lexical and with dynamic binding, and the printed values are compared.
"""

from __future__ import annotations

from pathlib import Path

from elconf.interpreter import Interpreter, Opaque
from elconf.reader import read_from_string
from tests.evaluator.emacs_oracle import compared_with_emacs

EXPRESSIONS = [
    '(let ((n 1)) (cl-incf n) n)',
    '(let ((n 1)) (list (cl-incf n 10) n))',
    '(let ((n 5)) (list (cl-decf n) (cl-decf n 2) n))',
    '(let ((l (list 1 2))) (cl-incf (car l)) l)',
    '(let ((n 1)) (cl-callf + n 2 3) n)',
    '(let ((s "a")) (cl-callf concat s "b") s)',
    "(let (r) (cl-dolist (x '(1 2 3)) (when (= x 2) (cl-return 'stop)) (push x r)))",
    "(let (r) (cl-dolist (x '(1 2 3) r) (push x r)))",
    '(let (r) (cl-dotimes (i 3 r) (push i r)))',
    '(let (r) (dolist-with-progress-reporter (x \'(1 2)) "go" (push x r)) r)',
    '(let (r) (seq-doseq (x [1 2]) (push x r)) r)',
    '(let (r) (seq-doseq (x "ab") (push x r)) r)',
    "(let (r) (seq-doseq (x '(a b)) (push x r)) r)",
    "(seq-let (a b) '(1 2 3) (list a b))",
    '(seq-let (a b c) [1 2] (list a b c))',
    "(seq-let (a &rest b) '(1 2 3) (list a b))",
    '(seq-let (a &rest b) [1 2 3] (list a b))',
    "(seq-let ((a b) c) '((1 2) 3) (list a b c))",
    '(thread-first 5 (+ 20) (/ 25))',
    '(thread-first 5 1+ (list 2))',
    "(thread-last '(1 2 3) (mapcar #'1+) (apply #'+))",
    '(thread-last 5 (list 1) reverse)',
    "(cl-destructuring-bind (a b) '(1 2) (list a b))",
    "(cl-destructuring-bind (a &optional b (c 9)) '(1) (list a b c))",
    "(cl-destructuring-bind (a &rest r) '(1 2 3) (list a r))",
    "(cl-destructuring-bind (a . r) '(1 2 3) (list a r))",
    "(cl-destructuring-bind ((a b) c) '((1 2) 3) (list a b c))",
    "(cl-destructuring-bind (a &key b (c 7)) '(1 :b 2) (list a b c))",
    "(cl-destructuring-bind (a b) '(1) (list a b))",
    "(cl-destructuring-bind (a) '(1 2) a)",
    "(cl-destructuring-bind (&key a) '(:b 1) a)",
    "(cl-destructuring-bind (&body b) '(1 2) b)",
    "(cl-block outer (dolist (x '(1 2 3)) (when (= x 2) (cl-return-from outer (* x 10)))) 'none)",
    "(cl-block nil (cl-return) 'after)",
    "(let (r) (cl-block b (push 1 r) (cl-block nil (cl-return-from b 'out)) (push 2 r)))",
    "(list (seq-doseq (x '(1 2)) x) (seq-doseq (x [1 2]) x) (cl-dolist (x '(1)) x))",
    "(progn (cl-defmacro m6-dm ((a b) &key c) `(list ,a ,b ,c)) (m6-dm (1 2) :c 3))",
    "(cl-defmacro m6-dm1 ((a b) &key c) `(list ,a ,b ,c))",
    '(progn (cl-defmacro m6-dm2 (name (&rest opts) &body body) "Doc." (declare (indent 2)) `(list \',name \',opts ,@body)) (m6-dm2 foo (1 2) 3 4))',
    "(progn (cl-defun m6-df ((a . b) c) (list a b c)) (m6-df '(1 . 2) 3))",
    "(progn (cl-defmacro m6-dm3 (a &optional (b 5)) `(list ,a ,b)) (list (m6-dm3 1) (m6-dm3 1 2)))",
    "(progn (cl-defun m6-df2 (a &key (b 2)) (list a b)) (m6-df2 1 :b 3))",
    "(with-suppressed-warnings ((obsolete foo)) 1 2)",
    "(cl-eval-when (compile load eval) 1 2)",
    "(cl-eval-when (compile load) 1 2)",
    "(cl-eval-when (:execute) 3)",
    "(with-no-warnings 1 2)",
    "(eval-when-compile 1 2)",
    '(progn (declare-function foo "foo") 1)',
]
_REQUIRES = "(require 'cl-lib) (require 'seq) (require 'subr-x)"


emacs_printed, test_cl_macros_as_emacs = compared_with_emacs(EXPRESSIONS, _REQUIRES)


def test_an_unknown_sequence_makes_the_bound_variables_unknown(tmp_path: Path) -> None:
    ip = Interpreter(home=tmp_path, env={"HOME": str(tmp_path)})
    ip.lexical = True
    for text in ("(seq-let (a b) (shell-command-to-string \"ls\") b)",
                 "(cl-destructuring-bind (a &optional b) (shell-command-to-string \"ls\") b)"):
        assert isinstance(ip.eval(read_from_string(text, 0)[0]), Opaque)
