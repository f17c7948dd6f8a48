"""advice-add, advice-remove, advice-member-p and define-advice as Emacs 28.2's
(elconf/advice.py).

The ten combinators (``:around`` ... ``:filter-return``), the order of several
pieces of advice (the newest outside, ``depth`` inward), the same advice added
twice, removal by function or by name, advice given before the ``defun`` (pending
until the function is defined) and a ``defun``/``defalias`` of an advised
function (the advice stays): each compared with real Emacs in both binding modes.
Before this, ``advice-add`` was an unmodelled call and the advised function ran
unadvised.
"""

from __future__ import annotations

from pathlib import Path

from tests.evaluator.emacs_oracle import compared_with_emacs

EXPRESSIONS = [
    "(progn (defun m6-a (x) (* x 2)) (define-advice m6-a (:around (orig x) m6adv) (1+ (funcall orig x))) (list (m6-a 3) (fboundp 'm6-a@m6adv)))",
    "(progn (defun m6-b (x) (* x 2)) (advice-add 'm6-b :around (lambda (o x) (1+ (funcall o x)))) (m6-b 3))",
    "(progn (defun m6-c (x) (* x 2)) (advice-add 'm6-c :filter-return #'1+) (m6-c 3))",
    "(progn (defun m6-d (x) (* x 2)) (advice-add 'm6-d :override (lambda (x) x)) (m6-d 3))",
    "(progn (defvar m6-log nil) (defun m6-e (x) (push (list 'e x) m6-log) x) (advice-add 'm6-e :before (lambda (x) (push (list 'before x) m6-log))) (advice-add 'm6-e :after (lambda (x) (push (list 'after x) m6-log))) (list (m6-e 1) m6-log))",
    "(progn (defun m6-f (a b) (list a b)) (advice-add 'm6-f :filter-args (lambda (args) (reverse args))) (m6-f 1 2))",
    "(progn (defun m6-g (x) x) (advice-add 'm6-g :before-while (lambda (x) (> x 0))) (list (m6-g 5) (m6-g -1)))",
    "(progn (defun m6-h (x) x) (advice-add 'm6-h :before-until (lambda (x) (and (> x 10) 'big))) (list (m6-h 5) (m6-h 11)))",
    "(progn (defun m6-i (x) (and (> x 0) x)) (advice-add 'm6-i :after-while (lambda (x) (* x 100))) (list (m6-i 5) (m6-i -1)))",
    "(progn (defun m6-j (x) (and (> x 0) x)) (advice-add 'm6-j :after-until (lambda (x) 'fallback)) (list (m6-j 5) (m6-j -1)))",
    "(progn (defun m6-k (x) x) (defun m6-k-adv (o x) (* 10 (funcall o x))) (advice-add 'm6-k :around #'m6-k-adv) (advice-add 'm6-k :around #'m6-k-adv) (list (m6-k 1) (and (advice-member-p #'m6-k-adv 'm6-k) t)))",
    "(progn (defun m6-l (x) x) (defun m6-l-adv (o x) (* 10 (funcall o x))) (advice-add 'm6-l :around #'m6-l-adv) (advice-remove 'm6-l #'m6-l-adv) (list (m6-l 1) (advice-member-p #'m6-l-adv 'm6-l)))",
    "(progn (defun m6-m (x) (list x)) (advice-add 'm6-m :filter-return (lambda (r) (cons 'a r))) (advice-add 'm6-m :filter-return (lambda (r) (cons 'b r))) (m6-m 0))",
    "(progn (defun m6-n (x) (list x)) (advice-add 'm6-n :filter-return (lambda (r) (cons 'a r)) '((depth . 50))) (advice-add 'm6-n :filter-return (lambda (r) (cons 'b r))) (m6-n 0))",
    "(progn (advice-add 'm6-o :around (lambda (o x) (list 'adv (funcall o x)))) (defun m6-o (x) (* x 3)) (m6-o 2))",
    "(progn (defun m6-p (x) x) (advice-add 'm6-p :around (lambda (o x) (list 'adv (funcall o x)))) (defun m6-p (x) (* x 3)) (m6-p 2))",
    "(progn (defun m6-q (x) x) (advice-add 'm6-q :filter-return #'1+ '((name . m6-plus))) (advice-remove 'm6-q 'm6-plus) (m6-q 1))",
    "(progn (defun m6-r (x) x) (advice-add 'm6-r :override #'ignore) (list (m6-r 1) (funcall 'm6-r 1) (apply #'m6-r '(1))))",
    "(progn (defun m6-s () 'orig) (advice-add 'm6-s :around (lambda (o) (list 'a (funcall o)))) (advice-add 'm6-s :around (lambda (o) (list 'b (funcall o)))) (m6-s))",
    "(progn (define-advice m6-t (:override (&rest _)) 'over) (fboundp 'm6-t))",
    '(progn (defun m6-u (x) x) (advice-add \'m6-u :after (lambda (&rest _) (error "boom"))) (condition-case e (m6-u 1) (error (cadr e))))',
    "(progn (defun m6-v (x) x) (advice-add 'm6-v :around (lambda (o x) (funcall o (1+ x)))) (advice-remove 'm6-v (lambda (o x) (funcall o (1+ x)))) (m6-v 1))",
    "(progn (defun m6-w () 'orig) (advice-add 'm6-w :override (lambda () 'new)) (advice-remove 'm6-w (lambda () 'new)) (list (m6-w) (advice-member-p (lambda () 'new) 'm6-w)))",
    "(progn (defun m6-x (x) x) (advice-add 'm6-x :nowhere #'ignore))",
    "(define-advice m6-y (:around (o) m6name) (funcall o))",
    "(progn (advice-add 'm6-zz :override (lambda () 1)) (list (fboundp 'm6-zz) (symbol-function 'm6-zz) (progn (defun m6-zz () 5) (m6-zz)) (progn (advice-remove 'm6-zz (lambda () 1)) (m6-zz))))",
    "(progn (defun m6-fa (x) x) (advice-add 'm6-fa :filter-return #'1+) (defalias 'm6-fa (lambda (x) (* x 10))) (m6-fa 1))",
]


emacs_printed, test_advice_as_emacs = compared_with_emacs(EXPRESSIONS)


def test_an_advised_function_survives_the_state_cache(tmp_path: Path) -> None:
    """The wrapper in the function cell pickles: the state cache (elconf.cache) restores
    an interpreter whose advised function still runs its advice."""
    from elconf.cache import CacheReport, load_config_cached
    from elconf.config import LoadOptions

    home = tmp_path / "home"
    (home / ".emacs.d").mkdir(parents=True)
    init = tmp_path / "init.el"
    init.write_text("(defun my-port () 25)\n(advice-add 'my-port :filter-return #'1+)\n"
                    "(setq my-value (my-port))\n")
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for hit in (False, True):
        report = CacheReport()
        loaded = load_config_cached(LoadOptions(init=init, home=home, env=env), report=report)
        assert (loaded.get("my-value"), report.hit) == (26, hit)
        assert loaded.interpreter.call_function("my-port") == 26
