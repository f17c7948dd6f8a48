"""Issue 12: three outcomes for a form, and unknown values that stay unknown.

*evaluated*; *not evaluable here* (a package's void variable, a file not on
this machine, an error raised only because an argument is unknown): skipped
with a note, evaluation goes on; *an error Emacs itself raises*: stops the
file.  A condition on an unknown runs both branches and merges them.
docs/unknowns.md states the rules these tests pin down.
"""

from __future__ import annotations

from pathlib import Path

from elconf.equality import lisp_equal
from elconf.interpreter import Interpreter, Opaque
from elconf.reader import read_from_string
from elconf.types import NIL, T, UNBOUND, Cons, intern

from tests.evaluator.conftest import rules


def lisp(text: str):
    return read_from_string(text, 0)[0]


def literal(home: Path) -> Interpreter:
    ip = Interpreter(home=home, env={"HOME": str(home), "USER": "tester"})
    ip.stop_at_any_error = True
    ip.startup()
    return ip


# -- the issue's three-line file, and the other harmless forms it lists -------------

ISSUE_FILE = """\
(setq auto-mode-alist (append '(("\\\\.lua$" . lua-mode)) auto-mode-alist))
(add-to-list 'auto-mode-alist '("x" . y-mode))
(setq smtpmail-smtp-server "smtp.example.org")
"""


def test_add_to_list_onto_a_list_with_an_unknown_tail(run):
    ip = run(ISSUE_FILE)
    assert ip.store.get("smtpmail-smtp-server") == "smtp.example.org"
    modes = ip.store.get("auto-mode-alist")
    assert lisp_equal(modes.car, lisp('("x" . y-mode)'))
    assert lisp_equal(modes.cdr.car, lisp('("\\\\.lua$" . lua-mode)'))
    assert isinstance(modes.cdr.cdr, Opaque)
    assert not [d for d in ip.diagnostics if d.severity == "error"]


def test_add_to_list_finds_the_element_in_the_known_part(run):
    ip = run(ISSUE_FILE + "(add-to-list 'auto-mode-alist '(\"x\" . y-mode))\n")
    assert isinstance(ip.store.get("auto-mode-alist").cdr.cdr, Opaque)  # not added twice


def test_append_keeps_the_certain_head_and_push_onto_unknown(run):
    ip = run("(setq a (append '(x y) (unknown-fn)))\n(push 'z a)\n(setq b (length a))\n")
    a = ip.store.get("a")
    assert [a.car, a.cdr.car, a.cdr.cdr.car] == [intern("z"), intern("x"), intern("y")]
    assert isinstance(a.cdr.cdr.cdr, Opaque)
    assert isinstance(ip.store.get("b"), Opaque)       # length of a partly unknown list


def test_cl_pushnew_onto_an_unknown(run):
    ip = run("(setq l (mystery))\n(cl-pushnew 'a l)\n(cl-pushnew 'b l :test #'eq)\n(cl-pushnew 'a l)\n")
    value = ip.store.get("l")
    assert value.car is intern("b") and value.cdr.car is intern("a") and isinstance(value.cdr.cdr, Opaque)


def test_cl_pushnew_on_a_known_list_is_pushnew(run):
    ip = run("(setq l '(a))\n(cl-pushnew 'a l)\n(cl-pushnew 'b l)\n")
    assert lisp_equal(ip.store.get("l"), lisp("(b a)"))


def test_void_package_variable_in_a_config_body_does_not_drop_the_rest(run):
    ip = run("""(with-eval-after-load 'smtpmail
  (add-to-list 'magit-repository-directories '("~/src" . 1) t)
  (setq smtpmail-smtp-service 465))
(setq flycheck-disabled-checkers (cons 'emacs-lisp mm-attachment-override-types))
(require 'smtpmail)
(setq after t)
""")
    assert ip.store.get("smtpmail-smtp-service") == 465
    assert ip.store.get("after") is T
    assert "not-evaluable" in rules(ip)
    assert not [d for d in ip.diagnostics if d.severity == "error"]


def test_load_of_a_bootstrap_not_here_goes_on(run):
    ip = run("""(defvar bootstrap-version)
(let ((bootstrap-file (expand-file-name "straight/repos/straight.el/bootstrap.el" user-emacs-directory)))
  (load bootstrap-file nil 'nomessage))
(setq user-mail-address "me@example.org")
""")
    assert ip.store.get("user-mail-address") == "me@example.org"
    # straight is not installed in this home: the load is not evaluable, with a note
    # saying how to get the other reading (elconf.frameworks.straight).
    note = [d for d in ip.diagnostics if d.rule == "package-manager-missing"][0]
    assert "bootstrap.el" in note.message and note.line == 3 and note.severity == "info"
    assert "not-evaluable" in rules(ip) and "straight" not in ip.features


# -- errors Emacs raises whatever is installed still stop the file -----------------

def test_errors_emacs_raises_stop_the_file(run):
    for code in ('(error "Stop here")', "(car 1)", "(signal 'quit nil)", "(user-error \"no\")",
                 "(+ 1 \"a\")", "(setq smtpmail-smtp-service smtpmail-default-smtp-server)"):
        ip = run(code + "\n(setq after t)\n")
        assert ip.store.get("after") is UNBOUND, code
        assert ip.diagnostics[-1].rule == "lisp-error", code
        assert "stops loading" in ip.diagnostics[-1].message, code


def test_explicit_error_with_an_unknown_argument_still_stops(run):
    ip = run("(error \"no %s\" (mystery))\n(setq after t)\n")
    assert ip.store.get("after") is UNBOUND


def test_condition_case_still_catches_real_errors(run):
    ip = run("(setq r (condition-case nil (car 1) (wrong-type-argument 'caught)))\n")
    assert ip.store.get("r") is intern("caught")


# -- --stop-at-any-error: Emacs's rule for every error -----------------------------

def test_stop_at_any_error_stops_at_a_void_package_variable(run, home):
    ip = run("(setq x mu4e-view-actions)\n(setq after t)\n", interp=literal(home))
    assert ip.store.get("after") is UNBOUND
    assert ip.diagnostics[-1].rule == "lisp-error" and "void" in ip.diagnostics[-1].message


def test_stop_at_any_error_stops_at_a_missing_load(run, home):
    ip = run("(load \"~/private.el\")\n(setq after t)\n", interp=literal(home))
    assert ip.store.get("after") is UNBOUND
    assert ip.diagnostics[-1].rule == "lisp-error"


def test_stop_at_any_error_keeps_what_emacs_does_not_raise(run, home):
    # Emacs raises nothing in the issue's example, so the literal rule has nothing to stop at.
    ip = run(ISSUE_FILE, interp=literal(home))
    assert ip.store.get("smtpmail-smtp-server") == "smtp.example.org"


def test_stop_at_any_error_stops_at_an_error_from_an_unknown_argument(run, home):
    ip = run("(setq n (length (append '(a) (mystery))))\n(setq after t)\n", interp=literal(home))
    assert ip.store.get("after") is UNBOUND


def test_error_from_an_unknown_argument_is_not_evaluable_by_default(run):
    ip = run("(setq n (length (append '(a) (mystery))))\n(setq after t)\n")
    assert ip.store.get("after") is T and isinstance(ip.store.get("n"), Opaque)


# -- conditions on unknowns: both branches, merged ---------------------------------

def test_branches_that_agree_stay_known(run):
    ip = run("""(if (mystery)
    (setq smtpmail-smtp-server "smtp.example.org" smtpmail-smtp-user "a")
  (setq smtpmail-smtp-server "smtp.example.org" smtpmail-smtp-user "b"))
""")
    assert ip.store.get("smtpmail-smtp-server") == "smtp.example.org"
    user = ip.store.get("smtpmail-smtp-user")
    assert isinstance(user, Opaque) and [v for v, _ in user.candidates] == ["a", "b"]
    lines = [o.line for _, o in user.candidates]
    assert lines == [2, 3]
    assert ip.store.origin("smtpmail-smtp-user").kind == "unknown condition"


def test_a_branch_sees_the_state_before_the_other(run):
    ip = run("(setq n 1)\n(if (mystery) (setq n (+ n 10)) (setq n (+ n 100)))\n")
    assert [v for v, _ in ip.store.get("n").candidates] == [11, 101]


def test_cond_and_or_unless_on_unknowns(run):
    ip = run("""(cond ((eq system-type 'darwin) (setq a 'mac))
      ((mystery) (setq a 'one))
      (t (setq a 'two)))
(setq b (or (mystery) 'fallback))
(setq c (and (mystery) 'yes))
(unless (mystery) (setq d 1))
(setq e (and t 'known))
""")
    assert [v for v, _ in ip.store.get("a").candidates] == [intern("one"), intern("two")]
    assert isinstance(ip.store.get("b"), Opaque) and isinstance(ip.store.get("c"), Opaque)
    assert [v for v, _ in ip.store.get("d").candidates] == [UNBOUND, 1]
    assert ip.store.get("e") is intern("known")


def test_nested_unknown_conditions_merge_outward(run):
    ip = run("""(setq x 0 y 0)
(when (mystery-a)
  (setq y 5)
  (if (mystery-b) (setq x 1) (setq x 2)))
""")
    assert sorted(v for v, _ in ip.store.get("x").candidates) == [0, 1, 2]
    assert sorted(v for v, _ in ip.store.get("y").candidates) == [0, 5]


def test_unknown_condition_inside_let_and_a_function(run):
    ip = run("""(defun my-setup (x) (if x (setq port 465) (setq port 587)) (setq done t))
(let ((z 1)) (my-setup (mystery)))
""")
    assert [v for v, _ in ip.store.get("port").candidates] == [465, 587]
    assert ip.store.get("done") is T


def test_lexical_variables_merge_too(run):
    ip = run(";; -*- lexical-binding: t -*-\n"
             "(let ((v 1)) (when (mystery) (setq v 2)) (setq out v))\n"
             "(let ((w 1)) (when (mystery) (setq w 1)) (setq same w))\n")
    assert [v for v, _ in ip.store.get("out").candidates] == [2, 1]
    assert ip.store.get("same") == 1


def test_an_error_in_one_branch_is_only_a_possibility(run):
    ip = run("(if (mystery) (error \"no mail here\") (setq a 1))\n(setq after t)\n")
    assert ip.store.get("after") is T
    assert [v for v, _ in ip.store.get("a").candidates] == [UNBOUND, 1]
    warning = [d for d in ip.diagnostics if d.severity == "warning"][-1]
    assert "no mail here" in warning.message and "only if" in warning.message


def test_known_conditions_still_pick_one_branch(run):
    ip = run("(if (eq system-type 'gnu/linux) (setq a 1) (setq a 2))\n"
             "(when (executable-find \"no-such-program-here\") (setq b 1))\n")
    assert ip.store.get("a") == 1 and ip.store.get("b") is UNBOUND


def test_while_on_an_unknown_is_bounded(run):
    ip = run("(setq i 0)\n(while (mystery) (setq i (1+ i)))\n(setq after t)\n")
    assert ip.store.get("after") is T
    assert [v for v, _ in ip.store.get("i").candidates] == [1, 0]


def test_dolist_over_an_unknown_list(run):
    ip = run("(setq seen nil)\n(dolist (x (mystery)) (setq seen t))\n")
    assert [v for v, _ in ip.store.get("seen").candidates] == [T, NIL]


def test_boundp_of_an_unevaluated_package_is_unknown(run):
    ip = run("(require 'magit)\n(setq a (boundp 'magit-log-arguments))\n(setq b (boundp 'no-pkg-var))\n"
             "(setq c (boundp 'smtpmail-smtp-server))\n(setq d (fboundp 'magit-status))\n")
    assert isinstance(ip.store.get("a"), Opaque) and isinstance(ip.store.get("d"), Opaque)
    assert ip.store.get("b") is NIL and ip.store.get("c") is NIL


def test_a_library_loaded_in_one_branch_keeps_its_defaults(run):
    ip = run("(when (mystery) (require 'smtpmail))\n")
    assert ip.store.get("smtpmail-smtp-service") == 25


# -- kill-emacs ---------------------------------------------------------------------

def test_kill_emacs_ends_the_evaluation(run):
    ip = run("(setq a 1)\n(unwind-protect (kill-emacs 0) (setq cleanup t))\n(setq b 2)\n")
    assert ip.store.get("a") == 1
    assert ip.store.get("b") is UNBOUND and ip.store.get("cleanup") is UNBOUND
    assert ip.killed is not None and ip.diagnostics[-1].rule == "kill-emacs"


def test_kill_emacs_is_not_caught_by_condition_case(run):
    ip = run("(condition-case nil (kill-emacs) (error (setq caught t)))\n(setq b 2)\n")
    assert ip.store.get("caught") is UNBOUND and ip.store.get("b") is UNBOUND


def test_kill_emacs_stops_later_files_and_hooks(home):
    from elconf.config import LoadOptions, load_config

    init = home / ".emacs"
    init.write_text("(add-hook 'after-init-hook (lambda () (setq hooked t)))\n(kill-emacs)\n")
    config = load_config(LoadOptions(home=home, env={"HOME": str(home)}))
    assert config.get("hooked") is UNBOUND
    assert not isinstance(config.get("after-init-hook"), Cons) or config.interpreter.killed


def test_kill_emacs_in_early_init_skips_init(home):
    from elconf.config import LoadOptions, load_config

    (home / ".emacs.d").mkdir()
    (home / ".emacs.d" / "early-init.el").write_text("(kill-emacs)\n")
    (home / ".emacs.d" / "init.el").write_text("(setq user-mail-address \"x@y.org\")\n")
    config = load_config(LoadOptions(home=home, env={"HOME": str(home)}))
    assert config.get("user-mail-address") != "x@y.org"


def test_bound_and_true_p(run):
    ip = run("(require 'magit)\n(setq a (bound-and-true-p my-smtp-server))\n(setq b 1)\n"
             "(setq c (bound-and-true-p b))\n(setq d (or (bound-and-true-p magit-x) \"s\"))\n")
    assert ip.store.get("a") is NIL and ip.store.get("c") == 1
    assert [v for v, _ in ip.store.get("d").candidates][1] == "s"


def test_or_of_an_unknown_is_true_so_recursion_ends(run):
    # Purcell's require-package: (or (assoc ...) no-refresh) is true when no-refresh is t.
    ip = run("""(defun require-package (package &optional no-refresh)
  (or (package-installed-p package)
      (if (or (assoc package package-archive-contents) no-refresh)
          (package-install package)
        (progn (package-refresh-contents) (require-package package t)))))
(require-package 'exec-path-from-shell)
(setq after t)
""")
    assert ip.store.get("after") is T
    assert not [d for d in ip.diagnostics if d.severity == "error"]


def test_a_condition_every_candidate_of_which_is_true_takes_its_then_branch(run):
    ip = run("(if (mystery) (setq s \"a\") (setq s \"b\"))\n(if s (setq t1 1) (setq t1 2))\n")
    assert ip.store.get("t1") == 1


def test_unbounded_recursion_on_an_unknown_is_cut(run):
    ip = run("(defun f (n) (if (mystery n) n (f (1+ n))))\n(setq r (f 0))\n(setq after t)\n")
    assert ip.store.get("after") is T and isinstance(ip.store.get("r"), Opaque)


def test_setq_with_an_odd_count_sets_the_pairs_before_it(run):
    # Emacs 28.2's Fsetq sets pair by pair, then signals (wrong-number-of-arguments setq 3).
    ip = run('(setq user-full-name "Anna" smtpmail-stream-type)\n(setq after t)\n')
    assert ip.store.get("user-full-name") == "Anna" and ip.store.get("after") is UNBOUND
    assert "Wrong number of arguments: setq, 3" in ip.diagnostics[-1].message


def test_cl_case_known_and_unknown(run):
    ip = run("""(require 'cl-lib)
(cl-case system-type
  (darwin (setq prog "/usr/local/bin/msmtp"))
  ((gnu/linux berkeley-unix) (setq prog "/usr/bin/msmtp"))
  (t (setq prog "msmtp")))
(cl-case (mystery) (a (setq v 1)) (otherwise (setq v 2)))
""")
    assert ip.store.get("prog") == "/usr/bin/msmtp"
    assert [v for v, _ in ip.store.get("v").candidates] == [1, 2]


def test_pcase_on_an_unknown_branches(run):
    ip = run('(setq u (pcase (mystery) ("maya" "maya@c.il") (_ "other@example.org")))\n'
             '(setq w (pcase (mystery) (x "any")))\n')
    assert [v for v, _ in ip.store.get("u").candidates] == ["maya@c.il", "other@example.org"]
    assert ip.store.get("w") == "any"


def test_use_package_config_goes_on_after_a_not_evaluable_form(run):
    # Emacs, with the package, runs the whole :config: the setq after the unknown form counts.
    ip = run("""(use-package foo-mail
  :demand t
  :config
  (add-to-list 'foo-mail-hooks (lambda () (foo-mail-refresh)))
  (setq foo-mail-interval (* 5 foo-mail-base-interval))
  (setq smtpmail-smtp-user "after-unknown"))
(let ((x foo-mail-default))
  (setq smtpmail-smtp-service 587))
(progn (load "~/secrets.el") (setq user-mail-address "me@example.org"))
""")
    assert ip.store.get("smtpmail-smtp-user") == "after-unknown"
    assert ip.store.get("smtpmail-smtp-service") == 587
    assert ip.store.get("user-mail-address") == "me@example.org"
    assert not [d for d in ip.diagnostics if d.severity in ("error", "warning")
                and d.rule != "opaque-library"]
