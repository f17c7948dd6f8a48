"""cl-defstruct and setf of plist-get give Emacs 28.2's values (elconf/cl_struct.py,
elconf/macros.py).

Records and their printed form, the default constructor with slot defaults
evaluated at each construction, ``:constructor`` (several, BOA, nil), ``:copier``,
``:predicate``, ``:conc-name`` (a prefix, nil), ``:include`` (with new defaults, a
child of its parent's type), ``(:type list)`` with ``:named``, ``(:type vector)``,
accessors signalling on another object, ``setf``/``cl-incf`` of an accessor,
``record``/``make-record``/``recordp``, and ``(setf (plist-get ...))``: each compared
with real Emacs (after requiring cl-lib) in both binding modes.  Before this
cl-defstruct was an unknown call and every accessor call unknown.
"""

from __future__ import annotations

from pathlib import Path

from tests.evaluator.emacs_oracle import compared_with_emacs

EXPRESSIONS = [
    '(progn (cl-defstruct m6-acct name host (port 587)) (list (make-m6-acct :name "w") (copy-m6-acct (make-m6-acct)) (type-of (make-m6-acct))))',
    "(cl-defstruct m6-b x)",
    "(progn (cl-defstruct (m6-c (:constructor nil) (:constructor m6-c-new (x &optional y)) (:copier nil) (:predicate m6-c?)) x (y 9)) (list (m6-c-new 1) (m6-c-new 1 2) (m6-c? (m6-c-new 1)) (fboundp 'make-m6-c) (fboundp 'copy-m6-c)))",
    "(progn (cl-defstruct m6-a2 name) (condition-case e (m6-a2-name 5) (error e)))",
    '(progn (cl-defstruct m6-p name host (port 587)) (cl-defstruct (m6-d (:include m6-p (port 25))) extra) (list (make-m6-d :name "n" :extra 1) (m6-p-name (make-m6-d :name "n")) (m6-p-p (make-m6-d)) (m6-p-p 1) (m6-d-p (make-m6-p))))',
    "(progn (cl-defstruct (m6-e (:type list) :named) a b) (list (make-m6-e :a 1) (m6-e-b (make-m6-e :b 2)) (m6-e-p (make-m6-e))))",
    "(progn (cl-defstruct (m6-v (:type vector)) a b) (let ((v (make-m6-v :a 1))) (setf (m6-v-b v) 3) (list v (m6-v-a v))))",
    '(progn (cl-defstruct m6-f "doc" (a 1 :read-only t) (b (+ 1 2) :type integer)) (make-m6-f))',
    '(progn (cl-defstruct m6-g name host (port 587)) (let ((x (make-m6-g))) (setf (m6-g-host x) "z") (cl-incf (m6-g-port x)) x))',
    "(progn (cl-defstruct (m6-h (:conc-name m6h/)) a) (m6h/a (make-m6-h :a 4)))",
    "(progn (cl-defstruct (m6-i (:conc-name nil)) m6i-slot) (m6i-slot (make-m6-i :m6i-slot 4)))",
    "(progn (defvar m6-n 0) (cl-defstruct m6-j (id (cl-incf m6-n))) (list (m6-j-id (make-m6-j)) (m6-j-id (make-m6-j)) (m6-j-id (make-m6-j :id 10))))",
    '(progn (cl-defstruct (m6-k (:constructor m6-k-create (&key name (port 25)))) name port host) (m6-k-create :name "a"))',
    "(list (record 'foo 1 2) (make-record 'bar 2 'z) (recordp (record 'a)) (recordp [a]))",
    '(progn (cl-defstruct m6-l a) (let ((accounts (list (make-m6-l :a "x") (make-m6-l :a "y")))) (mapcar #\'m6-l-a accounts)))',
    "(let ((pl (list :a 1))) (setf (plist-get pl :b) 2) (setf (plist-get pl :a) 5) pl)",
    "(let ((x (list (list :k 1)))) (setf (plist-get (car x) :j) 2) x)",
]
_REQUIRES = "(require 'cl-lib)"


emacs_printed, test_structs_as_emacs = compared_with_emacs(EXPRESSIONS, _REQUIRES)


def test_struct_functions_survive_the_state_cache(tmp_path: Path) -> None:
    """Accessors, predicate and constructor are kept by the state cache (elconf.cache)."""
    from elconf.cache import CacheReport, load_config_cached
    from elconf.config import LoadOptions

    home = tmp_path / "home"
    (home / ".emacs.d").mkdir(parents=True)
    init = tmp_path / "init.el"
    init.write_text("(require 'cl-lib)\n(cl-defstruct my-account name (port 587))\n"
                    "(setq my-value (my-account-port (make-my-account :name \"w\")))\n")
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for hit in (False, True):
        report = CacheReport()
        loaded = load_config_cached(LoadOptions(init=init, home=home, env=env), report=report)
        assert (loaded.get("my-value"), report.hit) == (587, hit)
        account = loaded.interpreter.call_function("make-my-account")
        assert loaded.interpreter.call_function("my-account-p", account).name == "t"
