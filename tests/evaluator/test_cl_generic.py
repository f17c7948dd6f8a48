"""cl-defgeneric and cl-defmethod in the simple cases give Emacs 28.2's values
(elconf/cl_generic.py).

Dispatch on built-in types with their parents (``null`` before ``symbol`` before
``list``), ``(eql VALUE)`` (a bare symbol standing for itself) and ``(head
SYMBOL)``, several arguments (the leftmost first), ``:around``/``:before``/``:after``,
``cl-call-next-method`` with and without new arguments (also from a closure),
``cl-no-next-method``, ``cl-no-applicable-method``, ``cl-no-primary-method``, a
redefined method, cl-defgeneric's ``(:method ...)`` options and default body: each
compared with real Emacs in both binding modes.  Before this a generic's call was
unknown.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.interpreter import Interpreter, Opaque
from elconf.reader import read_from_string
from elconf.types import intern
from tests.evaluator.emacs_oracle import compared_with_emacs

EXPRESSIONS = [
    '(progn (cl-defgeneric g1 (x) "doc") (cl-defmethod g1 ((x (eql \'a))) \'is-a) (cl-defmethod g1 ((x symbol)) (list \'sym (cl-call-next-method))) (cl-defmethod g1 ((x t)) \'default) (cl-defmethod g1 ((x integer)) (list \'int (cl-call-next-method))) (cl-defmethod g1 ((x number)) \'num) (cl-defmethod g1 ((x null)) (list \'null (cl-call-next-method))) (cl-defmethod g1 ((x list)) (list \'list (cl-call-next-method))) (list (g1 \'a) (g1 \'b) (g1 1) (g1 1.0) (g1 nil) (g1 \'(1)) (g1 "s")))',
    '(progn (defvar g2log nil) (cl-defgeneric g2 (x y) (list \'default x y)) (cl-defmethod g2 (x (y string)) (list \'str (cl-call-next-method x (concat y "!")))) (cl-defmethod g2 :around ((x integer) y) (list \'around (cl-call-next-method))) (cl-defmethod g2 :before ((x integer) y) (push (list \'before x) g2log)) (cl-defmethod g2 :after ((x integer) y) (push (list \'after x) g2log)) (list (g2 1 "a") (g2 \'q 2) g2log))',
    "(progn (cl-defgeneric g3 (x)) (condition-case e (g3 1) (cl-no-applicable-method (car e))))",
    "(progn (cl-defmethod g4 ((x (head foo))) (cdr x)) (g4 '(foo . 3)))",
    "(cl-defmethod g5 (x) x)",
    '(progn (cl-defgeneric g7 (x) (:method ((x string)) (upcase x)) (:method ((x integer)) (* 2 x))) (list (g7 "a") (g7 4)))',
    '(progn (cl-defmethod g8 ((x string) &optional y) (list x y)) (list (g8 "a") (g8 "a" 2)))',
    "(progn (cl-defmethod g9 ((x integer)) (* x 2)) (cl-defmethod g9 ((x integer)) (* x 3)) (g9 1))",
    "(progn (cl-defmethod g10 ((x cons)) (list 'cons (cl-call-next-method))) (cl-defmethod g10 ((x list)) (list 'list (cl-call-next-method))) (cl-defmethod g10 ((x sequence)) 'seq) (list (g10 '(1)) (g10 nil)))",
    "(progn (cl-defmethod g11 ((x integer)) (condition-case e (cl-call-next-method) (cl-no-next-method 'none))) (g11 1))",
    '(progn (cl-defmethod g12 ((x string)) (let ((f (lambda () (cl-call-next-method)))) (funcall f))) (cl-defmethod g12 (x) (list \'base x)) (g12 "z"))',
    "(progn (cl-defmethod g13 ((_x (eql 5))) 'five) (cl-defmethod g13 ((x integer)) x) (list (g13 5) (g13 6)))",
    '(progn (cl-defmethod g14 ((x vector)) (length x)) (cl-defmethod g14 ((x string)) (concat x x)) (list (g14 [1 2]) (g14 "ab")))',
    '(progn (cl-defmethod g15 ((x integer) (y integer)) (+ x y)) (cl-defmethod g15 ((x integer) y) (list \'any y)) (list (g15 1 2) (g15 1 "b")))',
    "(progn (defvar g16-v 'k) (cl-defmethod g16 ((x (eql g16-v))) 'var) (cl-defmethod g16 (x) 'other) (list (g16 'k) (g16 'g16-v)))",
    '(progn (cl-defmethod g17 ((x (eql 1))) \'one) (cl-defmethod g17 ((x (eql "s"))) \'str) (cl-defmethod g17 (x) \'other) (list (g17 1) (g17 2)))',
    "(progn (cl-defgeneric g18 (x)) (cl-defmethod g18 :around ((x integer)) (cl-call-next-method)) (condition-case e (g18 1) (error (car e))))",
]


emacs_printed, test_generic_functions_as_emacs = compared_with_emacs(EXPRESSIONS)


@pytest.mark.parametrize("text", [
    # A method on a package's generic: the package's own methods are not here.
    "(progn (cl-defmethod project-root ((project (head local))) (cdr project)) "
    "(project-root '(vc . \"/src\")))",
    # A specializer elconf does not model (a major mode, a struct type).
    "(progn (cl-defmethod my-g ((_m (derived-mode prog-mode))) 1) (cl-defmethod my-g (x) x) (my-g 2))",
    "(progn (cl-defmethod my-h ((x my-struct)) 1) (my-h 2))",
])
def test_what_is_not_modelled_is_unknown(text: str, tmp_path: Path) -> None:
    ip = Interpreter(home=tmp_path, env={"HOME": str(tmp_path)})
    ip.lexical = True
    assert isinstance(ip.eval(read_from_string(text, 0)[0]), Opaque)


def test_a_generic_function_survives_the_state_cache(tmp_path: Path) -> None:
    """The generic's methods travel with its function (elconf.cache pickles interpreters)."""
    from elconf.cache import CacheReport, load_config_cached
    from elconf.config import LoadOptions

    home = tmp_path / "home"
    (home / ".emacs.d").mkdir(parents=True)
    init = tmp_path / "init.el"
    init.write_text(";;; -*- lexical-binding: t -*-\n(cl-defgeneric my-port (kind))\n"
                    "(cl-defmethod my-port ((_kind (eql tls))) 465)\n"
                    "(cl-defmethod my-port ((_kind symbol)) 587)\n(setq my-value (my-port 'tls))\n")
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for hit in (False, True):
        report = CacheReport()
        loaded = load_config_cached(LoadOptions(init=init, home=home, env=env), report=report)
        assert (loaded.get("my-value"), report.hit) == (465, hit)
        assert loaded.interpreter.call_function("my-port", intern("other")) == 587
