"""add-hook and remove-hook as Emacs 28.2's (elconf/builtins/custom.py).

A numeric DEPTH is remembered in the hook's ``hook--depth-alist`` property and,
once any function has a non-zero one, the hook is stably sorted by depth
(``t``/``append`` mean 90; equal depths: after the others when positive, before
when not); a lambda or closure ``equal`` to one already on the hook is not added
again (Emacs uses ``member``), and remove-hook removes an ``equal`` one.  Run order
and printed hook values, global and buffer-local, are compared with real Emacs in
both binding modes.
"""

from __future__ import annotations

from tests.evaluator.emacs_oracle import compared_with_emacs

EXPRESSIONS = [
    "(progn (defvar m6-h1 nil) (add-hook 'm6-h1 'a) (add-hook 'm6-h1 'b 10) (add-hook 'm6-h1 'c -10) (add-hook 'm6-h1 'd) (add-hook 'm6-h1 'e 90) (add-hook 'm6-h1 'f t) m6-h1)",
    "(progn (defvar m6-h2 nil) (add-hook 'm6-h2 'a 50) (add-hook 'm6-h2 'b 50) (add-hook 'm6-h2 'c -50) (add-hook 'm6-h2 'd -50) m6-h2)",
    "(progn (defvar m6-h3 nil) (add-hook 'm6-h3 'a 20) (add-hook 'm6-h3 'b) (add-hook 'm6-h3 'c) (remove-hook 'm6-h3 'a) (add-hook 'm6-h3 'd) (list m6-h3 (get 'm6-h3 'hook--depth-alist)))",
    "(progn (defvar m6-h4 nil) (add-hook 'm6-h4 'a) (add-hook 'm6-h4 'b 'append) (add-hook 'm6-h4 'c) m6-h4)",
    "(progn (defvar m6-h5 nil) (add-hook 'm6-h5 (lambda () 1)) (add-hook 'm6-h5 (lambda () 1)) (length m6-h5))",
    "(progn (defvar m6-h6 nil) (let ((x 1)) (add-hook 'm6-h6 (lambda () x))) (let ((x 1)) (add-hook 'm6-h6 (lambda () x))) (length m6-h6))",
    "(progn (defvar m6-h7 nil) (let ((x 1)) (add-hook 'm6-h7 (lambda () x))) (let ((x 2)) (add-hook 'm6-h7 (lambda () x))) (length m6-h7))",
    "(progn (defvar m6-h8 nil) (add-hook 'm6-h8 (lambda () 1)) (remove-hook 'm6-h8 (lambda () 1)) m6-h8)",
    "(progn (defvar m6-h9 nil) (defvar m6-r9 nil) (add-hook 'm6-h9 (lambda () (push 'a m6-r9)) 30) (add-hook 'm6-h9 (lambda () (push 'b m6-r9)) -30) (add-hook 'm6-h9 (lambda () (push 'c m6-r9))) (run-hooks 'm6-h9) m6-r9)",
    "(progn (defvar m6-h10 nil) (add-hook 'm6-h10 'a 0.5) (add-hook 'm6-h10 'b -0.5) (add-hook 'm6-h10 'c) m6-h10)",
    "(progn (defvar m6-h11 nil) (add-hook 'm6-h11 'a) (add-hook 'm6-h11 'b 10) (add-hook 'm6-h11 'a 10) m6-h11)",
    "(progn (defvar m6-h12 nil) (add-hook 'm6-h12 'a 10) (add-hook 'm6-h12 'b) (remove-hook 'm6-h12 'a) (add-hook 'm6-h12 'a) (add-hook 'm6-h12 'c) m6-h12)",
    "(progn (defvar m6-h13 nil) (add-hook 'm6-h13 'a) (add-hook 'm6-h13 'b) (add-hook 'm6-h13 'c 10) (add-hook 'm6-h13 'd) (remove-hook 'm6-h13 'b) m6-h13)",
    "(progn (setq m6-h14 'single) (add-hook 'm6-h14 'b 5) m6-h14)",
    "(progn (defvar m6-h15 nil) (add-hook 'm6-h15 'a 100) (add-hook 'm6-h15 'b 90) (add-hook 'm6-h15 'c -100) (add-hook 'm6-h15 'd -90) m6-h15)",
    "(progn (defvar m6-h16 nil) (defvar m6-b16 (list 'list 1)) (add-hook 'm6-h16 (eval (list 'lambda nil m6-b16) t)) (setcar (cdr m6-b16) 2) (add-hook 'm6-h16 (eval '(lambda () (list 2)) t)) (length m6-h16))",
    "(progn (defvar m6-h17 nil) (add-hook 'm6-h17 (lambda () \"a\" (message \"x\"))) (add-hook 'm6-h17 (lambda () \"b\" (message \"x\"))) (add-hook 'm6-h17 (lambda () \"a\" (message \"x\"))) (length m6-h17))",
    "(progn (defvar m6-h18 nil) (add-hook 'm6-h18 (lambda () [1 (2 . 3)])) (add-hook 'm6-h18 (lambda () [1 (2 . 4)])) (add-hook 'm6-h18 (lambda () [1 (2 . 3)])) (length m6-h18))",
    "(equal (lambda () 1) (lambda () 1))",
    "(equal (let ((x 1)) (lambda () x)) (let ((x 1)) (lambda () x)))",
    "(progn (defvar m6-l1 nil) (add-hook 'm6-l1 'a nil t) (add-hook 'm6-l1 'b 10 t) (add-hook 'm6-l1 'c -5 t) (list m6-l1 (default-value 'm6-l1)))",
    "(progn (defvar m6-l2 nil) (add-hook 'm6-l2 'g) (add-hook 'm6-l2 'a nil t) (add-hook 'm6-l2 'b t t) (list m6-l2 (default-value 'm6-l2)))",
    "(progn (defvar m6-l3 nil) (add-hook 'm6-l3 'a) (add-hook 'm6-l3 'a) (add-hook 'm6-l3 'a 10) m6-l3)",
    "(progn (defvar m6-l4 nil) (add-hook 'm6-l4 'a 10) (add-hook 'm6-l4 'b) (remove-hook 'm6-l4 'b) (remove-hook 'm6-l4 'zz) (list m6-l4 (get 'm6-l4 'hook--depth-alist)))",
    '(progn (defvar m6-l5 nil) (add-hook \'m6-l5 "str") (add-hook \'m6-l5 "str") m6-l5)',
    "(progn (defvar m6-l6 nil) (add-hook 'm6-l6 (lambda () 1) 10) (add-hook 'm6-l6 'a) (remove-hook 'm6-l6 (lambda () 1)) (list m6-l6 (get 'm6-l6 'hook--depth-alist)))",
]


emacs_printed, test_hooks_as_emacs = compared_with_emacs(EXPRESSIONS)
