"""Local functions and temporary bindings give Emacs 28.2's values (elconf/cl_binding.py).

``cl-flet``/``cl-flet*``/``cl-labels``/``cl-macrolet``, ``named-let``, ``letrec``,
``dlet`` and ``cl-letf``/``cl-letf*`` (with ``symbol-function``, ``symbol-value``,
``car``, ``nth``, ``aref``, ``gethash``, ``get``, ``alist-get`` places, put back
on a throw or an error too): before they were modelled each was an unknown call
whose effects were lost.  Every expression runs in real Emacs (after requiring
cl-lib, seq and subr-x) and in our interpreter, with lexical and with dynamic
binding, and the printed values are compared.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.evaluator.emacs_oracle import compared_with_emacs, elconf_printed, emacs_outputs

EXPRESSIONS = [
    '(letrec ((ev (lambda (n) (if (= n 0) t (funcall od (1- n))))) (od (lambda (n) (if (= n 0) nil (funcall ev (1- n)))))) (funcall ev 4))',
    '(progn (defvar m6-x 1) (defun m6-f () m6-x) (dlet ((m6-x 2)) (m6-f)))',
    '(cl-flet ((f (x) (* x 2))) (f 3))',
    '(cl-flet* ((f (x) (* x 2)) (g (x) (f (1+ x)))) (g 3))',
    '(cl-labels ((f (n) (if (= n 0) 1 (* n (f (1- n)))))) (f 5))',
    '(cl-macrolet ((twice (x) `(* 2 ,x))) (twice 4))',
    "(progn (defun m6-g () 'orig) (list (cl-letf (((symbol-function 'm6-g) (lambda () 'new))) (m6-g)) (m6-g)))",
    '(progn (defun m6-y () \'orig) (list (cl-letf (((symbol-function \'yes-or-no-p) #\'always)) (yes-or-no-p "x")) (m6-y)))',
    "(progn (defvar m6-v 1) (list (cl-letf (((symbol-value 'm6-v) 5)) m6-v) m6-v))",
    '(let ((l (list 1 2))) (list (cl-letf (((car l) 9)) (copy-sequence l)) l))',
    '(let ((l (list 1 2))) (list (cl-letf* (((car l) 9) ((cdr l) (list (car l)))) (copy-sequence l)) l))',
    '(let ((v (vector 1 2))) (list (cl-letf (((aref v 0) 9)) (copy-sequence v)) v))',
    "(let ((h (make-hash-table))) (puthash 'a 1 h) (list (cl-letf (((gethash 'a h) 9)) (gethash 'a h)) (gethash 'a h)))",
    "(let ((al (list (cons 'a 1)))) (list (cl-letf (((alist-get 'a al) 9)) (copy-tree al)) al))",
    '(let ((x 1)) (list (cl-letf ((x 2)) x) x))',
    "(progn (defun m6-h () 'orig) (list (catch 'k (cl-letf (((symbol-function 'm6-h) (lambda () 'new))) (throw 'k (m6-h)))) (m6-h)))",
    '(progn (defun m6-e () \'orig) (list (condition-case nil (cl-letf (((symbol-function \'m6-e) (lambda () \'new))) (error "x")) (error \'caught)) (m6-e)))',
    "(let ((x 0)) (cl-letf (((symbol-function 'm6-zz) (lambda () 1))) (setq x (m6-zz))) (list x (fboundp 'm6-zz)))",
    '(named-let lp ((i 0) (acc nil)) (if (< i 3) (lp (1+ i) (cons i acc)) acc))',
    '(named-let lp ((i 0) j) (list i j))',
    "(cl-flet ((g (x) (* x 3))) (mapcar #'g '(1 2)))",
    "(cl-flet ((car (x) 'mine)) (list (car '(1)) (mapcar #'car '((1)))))",
    "(progn (defun m6-outer () (m6-inner)) (defun m6-inner () 'global) (cl-flet ((m6-inner () 'local)) (list (m6-inner) (m6-outer))))",
    '(cl-flet ((f (x) (* x 2))) (let ((f 10)) (f f)))',
    '(cl-flet ((f (x) (* x 2))) (cond ((f 1) (f 2))))',
    '(cl-flet ((f (&optional (x 5)) x)) (list (f) (f 1)))',
    '(cl-flet ((f (&key a) a)) (f :a 3))',
    "(cl-flet ((f #'car)) (f '(1 2)))",
    "(let ((h #'cdr)) (cl-flet ((f h)) (f '(1 2))))",
    '(cl-flet ((f () 1)) (cl-flet ((f () (+ 10 (f)))) (f)))',
    '(cl-labels ((ev (n) (if (= n 0) t (od (1- n)))) (od (n) (if (= n 0) nil (ev (1- n))))) (list (ev 4) (od 4)))',
    "(cl-labels ((f (x) (if (> x 0) (f (1- x)) 'done))) (funcall #'f 3))",
    '(cl-flet* ((a () 1) (b () (+ (a) 1)) (c () (* (b) 10))) (c))',
    "(cl-macrolet ((m (x) (list 'quote x))) (m (a b)))",
    '(cl-macrolet ((my-inc (v) `(setq ,v (1+ ,v)))) (let ((n 1)) (my-inc n) (my-inc n) n))',
    '(cl-flet ((f (x) `(,x ,(1+ x)))) (f 1))',
    '(cl-flet ((f (x) (1+ x))) `(f ,(f 1) ,@(list (f 2))))',
    "(cl-flet ((f (x) (1+ x))) (pcase (f 1) (2 (f 10)) (_ 'no)))",
    "(cl-flet ((f (x) (1+ x))) (condition-case err (f 'a) (error (list 'caught (car err)))))",
    '(cl-flet ((f (x) (1+ x))) (let (r) (dolist (x (list (f 1) (f 2)) r) (push (f x) r))))',
    '(cl-flet ((f (x) (1+ x))) (when-let ((a (f 1))) (f a)))',
    '(cl-flet ((f (x) (1+ x))) (if-let (a (f 1)) (f a)))',
    "(cl-flet ((f (x) (1+ x))) (cl-loop for i in '(1 2) collect (f i)))",
    '(cl-flet ((f (x) (1+ x))) (funcall (lambda () (f 5))))',
    "(cl-flet ((f () 'a)) (fboundp 'f))",
    '(letrec ((f (lambda (n) (if (= n 0) 0 (+ n (funcall f (1- n))))))) (funcall f 4))',
    '(letrec ((a 1) (b (+ a 1))) (list a b))',
    '(progn (defvar m6-dv 1) (defun m6-dvf () m6-dv) (dlet ((m6-dv 2)) (m6-dvf)))',
    "(progn (defun m6-dv2f () (and (boundp 'm6-dv2) m6-dv2)) (list (dlet ((m6-dv2 5)) (m6-dv2f)) (boundp 'm6-dv2)))",
    "(progn (defun m6-dv3f () (and (boundp 'm6-dv3) m6-dv3)) (dlet ((m6-dv3 5)) (let ((m6-dv3 7)) (m6-dv3f))))",
    "(progn (defun m6-dv4f () (and (boundp 'm6-dv4) m6-dv4)) (dlet ((m6-dv4 5)) 1) (let ((m6-dv4 7)) (m6-dv4f)))",
    '(dlet ((a 1) (b 2)) (+ a b))',
    "(progn (defun m6-q () 'orig) (list (cl-letf* (((symbol-function 'm6-q) (lambda () 'one)) ((symbol-function 'm6-r) (symbol-function 'm6-q))) (list (m6-q) (m6-r))) (m6-q) (fboundp 'm6-r)))",
    "(progn (defun m6-s (x) (list 'orig x)) (cl-letf (((symbol-function 'm6-s) (lambda (x) (list 'new x)))) (m6-s 1)))",
    "(progn (defun m6-t () 'orig) (cl-letf (((symbol-function 'm6-t) #'ignore)) (m6-t)))",
    "(let ((l (list 1 2 3))) (list (cl-letf (((nth 1 l) 'x)) (copy-sequence l)) l))",
    '(let ((x 1) (y 2)) (list (cl-letf ((x 10) (y 20)) (+ x y)) x y))',
    '(let ((l (list 1 2))) (cl-letf (((car l))) (setcar l 5)) l)',
    "(progn (put 'm6-sym 'p 1) (list (cl-letf (((get 'm6-sym 'p) 2)) (get 'm6-sym 'p)) (get 'm6-sym 'p)))",
    '(let ((v (vector 1 2)) (i 0)) (list (cl-letf (((aref v (progn (setq i (1+ i)) 0)) 9)) (copy-sequence v)) v i))',
    "(let ((l (list 1 2))) (catch 'k (cl-letf (((car l) 9)) (throw 'k nil))) l)",
    '(let ((x (vector 1))) (setf (aref x 0) 5) x)',
]

#: Compared under lexical binding only.  Under dynamic binding Emacs signals
#: void-variable for these: a non-tail self call of named-let, and a local
#: function called from a lambda after its cl-flet returned (Emacs turns self tail
#: calls into a loop; we do not, and keep the named-let inside its binding, so the
#: value is the lexical one; the escaped lambda's variable is void here as well,
#: but a void variable is an unknown for elconf, not an error).
LEXICAL_ONLY = [
    "(named-let sum ((l '(1 2 3))) (if l (+ (car l) (sum (cdr l))) 0))",
    '(let ((f (cl-flet ((g (x) (* x 3))) (lambda (y) (g y))))) (funcall f 2))',
]
_REQUIRES = "(require 'cl-lib) (require 'seq) (require 'subr-x)"


def _oracle(exprs: list[str], lexical: bool, factory: pytest.TempPathFactory) -> list[str]:
    return emacs_outputs([f"(progn {_REQUIRES} {e})" for e in exprs], factory.mktemp("home"),
                         lexical=lexical)


emacs_printed, test_cl_binding_as_emacs = compared_with_emacs(EXPRESSIONS, _REQUIRES)


@pytest.mark.emacs
def test_lexical_only_forms_as_emacs(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    printed = _oracle(LEXICAL_ONLY, True, tmp_path_factory)
    assert [elconf_printed(e, tmp_path, lexical=True) for e in LEXICAL_ONLY] == printed
