"""Special forms and function calls: values, binding modes, non-local exits."""

from __future__ import annotations

from elconf.equality import lisp_equal
from elconf.interpreter import Opaque
from elconf.reader import read_from_string
from elconf.types import NIL, T, UNBOUND, intern, to_python_list

from tests.evaluator.conftest import rules


def lisp(text: str):
    return read_from_string(text, 0)[0]


def test_setq_let_and_dynamic_binding(run):
    ip = run("""
(setq a 1 b 2)
(defun get-a () a)
(setq seen (let ((a 10)) (get-a)))
(let ((a 5)) (setq a 6))
(setq after a)
""")
    assert ip.store.get("seen") == 10          # dynamic binding: the callee sees the let
    assert ip.store.get("after") == 1          # the setq inside the let was unwound
    assert ip.store.get("b") == 2


def test_lexical_binding_cookie_makes_closures(run):
    ip = run(""";;; -*- lexical-binding: t -*-
(defun make-counter ()
  (let ((n 0)) (lambda () (setq n (1+ n)))))
(setq c (make-counter))
(funcall c) (funcall c)
(setq count (funcall c))
(setq x 1)
(defun get-x () (boundp 'hidden))
(setq hidden-visible (let ((hidden 1)) (get-x)))
""")
    assert ip.store.get("count") == 3
    assert ip.store.get("hidden-visible") is NIL   # lexical let is invisible to the callee


def test_defvar_makes_a_variable_special_under_lexical_binding(run):
    ip = run(""";;; -*- lexical-binding: t -*-
(defvar my-special 1)
(defun read-special () my-special)
(setq seen (let ((my-special 2)) (read-special)))
""")
    assert ip.store.get("seen") == 2


def test_conditionals_and_loops(run):
    ip = run("""
(setq r1 (if nil 1 2 3))
(setq r2 (cond ((= 1 2) 'a) ((+ 1 1)) (t 'c)))
(setq r3 (and 1 2 3) r4 (or nil nil 4) r5 (when nil 1) r6 (unless nil 7))
(setq total 0)
(dolist (x '(1 2 3) total) (setq total (+ total x)))
(dotimes (i 4) (setq total (+ total i)))
(let ((i 0)) (while (< i 3) (setq i (1+ i) total (1+ total))))
(setq r7 (if-let ((a 1) (b nil)) 'yes 'no))
(setq r8 (when-let ((a 1) (b 2)) (+ a b)))
""")
    assert ip.store.get("r1") == 3
    assert ip.store.get("r2") == 2
    assert [ip.store.get(f"r{i}") for i in (3, 4, 5, 6)] == [3, 4, NIL, 7]
    assert ip.store.get("total") == 6 + 6 + 3
    assert ip.store.get("r7") is intern("no")
    assert ip.store.get("r8") == 3


def test_backquote_nested_and_spliced(run):
    ip = run("""
(setq a 1 lst '(2 3))
(setq r1 `(x ,a ,@lst . tail))
(setq r2 `(1 `(2 ,(3 ,a))))
(setq r3 `[,a ,@lst])
(setq r4 `(a . ,a))
""")
    assert lisp_equal(ip.store.get("r1"), lisp("(x 1 2 3 . tail)"))
    assert lisp_equal(ip.store.get("r2"), lisp("(1 `(2 ,(3 1)))"))
    assert lisp_equal(ip.store.get("r3"), lisp("[1 2 3]"))
    assert lisp_equal(ip.store.get("r4"), lisp("(a . 1)"))


def test_macros_defmacro_and_push_pop(run):
    ip = run("""
(defmacro my-inc (var) (list 'setq var (list '1+ var)))
(setq n 1)
(my-inc n) (my-inc n)
(setq stack nil)
(push 1 stack) (push 2 stack)
(setq top (pop stack))
(setq al (list (cons 'a 1)))
(setf (alist-get 'b al) 2)
(setf (alist-get 'a al) 10)
""")
    assert ip.store.get("n") == 3
    assert ip.store.get("top") == 2
    assert lisp_equal(ip.store.get("stack"), lisp("(1)"))
    assert lisp_equal(ip.store.get("al"), lisp("((b . 2) (a . 10))"))


def test_condition_case_catch_and_unwind_protect(run):
    ip = run("""
(setq r1 (condition-case err (car 1) (wrong-type-argument (car err))))
(setq r2 (condition-case nil (error "boom %d" 1) (error 'caught)))
(setq r3 (ignore-errors (/ 1 0) 'not-reached))
(setq r4 (catch 'done (dolist (x '(1 2 3)) (when (= x 2) (throw 'done x)))))
(setq cleaned nil)
(setq r5 (condition-case nil (unwind-protect (error "x") (setq cleaned t)) (error 'handled)))
(setq r6 (condition-case e (signal 'my-error '(1 2)) (t (cdr e))))
(setq r7 (condition-case v (+ 1 2) (:success (* v 10))))
""")
    assert ip.store.get("r1") is intern("wrong-type-argument")
    assert ip.store.get("r2") is intern("caught")
    assert ip.store.get("r3") is NIL
    assert ip.store.get("r4") == 2
    assert ip.store.get("cleaned") is T and ip.store.get("r5") is intern("handled")
    assert lisp_equal(ip.store.get("r6"), lisp("(1 2)"))
    assert ip.store.get("r7") == 30


def test_error_stops_the_rest_of_the_file_and_names_the_place(run):
    ip = run("""(setq before 1)
(setq bad (car 'oops))
(setq after 2)
""")
    assert ip.store.get("before") == 1
    assert ip.store.get("after") is UNBOUND
    [diag] = [d for d in ip.diagnostics if d.rule == "lisp-error"]
    assert diag.severity == "error" and diag.line == 2 and diag.file.endswith("init.el")
    assert "Wrong type argument" in diag.message and "not evaluated" in diag.message


def test_void_variable_of_a_package_is_not_evaluable_here(run):
    # A variable nobody here defines belongs to a package or file the user's Emacs has:
    # the value is unknown and the file goes on (issue 12; tests/evaluator/test_unknowns.py).
    ip = run("(setq x undefined-thing)\n(setq y 1)\n")
    assert ip.store.get("y") == 1
    assert isinstance(ip.store.get("x"), Opaque)
    assert "not-evaluable" in rules(ip) and "void" in ip.diagnostics[-1].message


def test_void_variable_of_a_modelled_library_is_an_error(run):
    ip = run("(add-to-list 'smtpmail-auth-supported 'xoauth2)\n(setq y 1)\n")
    assert ip.store.get("y") is UNBOUND
    assert ip.diagnostics[-1].rule == "lisp-error" and "void" in ip.diagnostics[-1].message


def test_unknown_function_is_opaque_and_evaluation_goes_on(run):
    ip = run("""(global-set-key (kbd "C-c m") 'mu4e)
(setq theme (load-theme 'modus-vivendi t))
(setq derived (concat "x" (some-package-function)))
(setq listed (list 1 (mystery)))
(setq after 1)
""")
    assert ip.store.get("after") == 1
    assert isinstance(ip.store.get("theme"), Opaque)
    assert isinstance(ip.store.get("derived"), Opaque)       # unknown in, unknown out
    assert isinstance(to_python_list(ip.store.get("listed"))[1], Opaque)  # list keeps the rest
    assert "opaque-call" in rules(ip)
    opaque_lines = [d.line for d in ip.diagnostics if d.rule == "opaque-call"]
    assert 1 in opaque_lines and 2 in opaque_lines


def test_opaque_condition_runs_both_branches_and_is_reported(run):
    ip = run("(when (mystery-p) (setq chosen 'yes))\n(while (mystery-p) (setq looped t))\n")
    chosen = ip.store.get("chosen")
    assert isinstance(chosen, Opaque)
    assert [v for v, _origin in chosen.candidates] == [intern("yes"), UNBOUND]
    assert isinstance(ip.store.get("looped"), Opaque)      # the loop ran at most once
    assert "opaque-condition" in rules(ip)


def test_unknown_macro_arguments_do_not_stop_the_file(run):
    ip = run("(after! mu4e (setq x 1))\n(map! :leader \"m\" #'mu4e)\n(setq reached t)\n")
    assert ip.store.get("reached") is T


def test_funcall_apply_and_lambda_lists(run):
    ip = run("""
(setq r1 (funcall (lambda (a &optional b &rest c) (list a b c)) 1))
(setq r2 (apply #'+ 1 2 '(3 4)))
(setq r3 (mapcar (lambda (x) (* x x)) '(1 2 3)))
(defalias 'my-add #'+)
(setq r4 (my-add 2 3))
(setq r5 (funcall '(lambda (x) (* 2 x)) 21))
""")
    assert lisp_equal(ip.store.get("r1"), lisp("(1 nil nil)"))
    assert ip.store.get("r2") == 10
    assert lisp_equal(ip.store.get("r3"), lisp("(1 4 9)"))
    assert ip.store.get("r4") == 5
    assert ip.store.get("r5") == 42


def test_wrong_number_of_arguments(run):
    ip = run("(defun one (x) x)\n(setq r (condition-case e (one) (wrong-number-of-arguments 'wna)))\n")
    assert ip.store.get("r") is intern("wna")


def test_eval_string_and_call_function(home):
    from elconf.interpreter import Interpreter

    ip = Interpreter(home=home, env={})
    assert ip.eval_string("(+ 1 2)") == 3
    assert ip.call_function("concat", "a", "b") == "ab"


def test_opaque_value_remembers_where_it_came_from(run, home):
    ip = run('(setq pw (shell-command-to-string "pass show mail"))\n')
    value = ip.store.get("pw")
    assert isinstance(value, Opaque) and "shell-command-to-string" in value.what
    assert f"{home / 'init.el'}:1" in value.what
    assert ip.store.origin("pw").kind == "setq"


def test_message_prints_nothing_but_is_recorded(run, capsys):
    ip = run('(message "Loaded %s in `%s\'" "mail" "init")\n')
    assert capsys.readouterr().out == ""
    assert ip.messages[0][0] == "Loaded mail in \u2018init\u2019" and ip.messages[0][1].line == 1


def test_load_file_name_is_bound_while_loading(run, home):
    ip = run("(setq here (file-name-directory load-file-name))\n(setq lexical lexical-binding)\n")
    assert ip.store.get("here") == str(home) + "/"
    assert ip.store.get("load-file-name") is NIL


def test_emacs_variables_we_do_not_model_are_unknown_not_void(run):
    ip = run("""(add-to-list 'auto-mode-alist '("\\\\.md\\\\'" . markdown-mode))
(setq frames default-frame-alist)
(setq bound (boundp 'auto-mode-alist))
(add-hook 'prog-mode-hook #'display-line-numbers-mode)
(setq after t)
""")
    assert ip.store.get("after") is T and ip.store.get("bound") is T
    assert isinstance(ip.store.get("frames"), Opaque)
    modes = ip.store.get("auto-mode-alist")       # the known head, then the unknown rest
    assert lisp_equal(modes.car, lisp("(\"\\\\.md\\\\'\" . markdown-mode)")) and isinstance(modes.cdr, Opaque)
    assert to_python_list(ip.store.get("prog-mode-hook")) == [intern("display-line-numbers-mode")]
    assert "opaque-variable" in rules(ip)


def test_throw_without_catch_signals_no_catch(run):
    ip = run("(setq r (condition-case e (throw 'nowhere 1) (no-catch (cdr e))))\n(throw 'x 2)\n(setq after t)\n")
    assert lisp_equal(ip.store.get("r"), lisp("(nowhere 1)"))
    assert ip.store.get("after") is UNBOUND and ip.diagnostics[-1].rule == "lisp-error"


def test_malformed_special_forms_signal_instead_of_crashing(run):
    ip = run("(setq a 1)\n(dolist x)\n(setq b 2)\n")
    assert ip.store.get("a") == 1 and ip.store.get("b") is UNBOUND
    assert ip.diagnostics[-1].line == 2 and ip.diagnostics[-1].rule == "lisp-error"


def test_pcase_common_patterns(run):
    ip = run("""(setq r1 (pcase system-type ('darwin "mac") ('gnu/linux "linux") (_ "other")))
(setq r2 (pcase '(smtp "mail.example.org" 587)
           (`(smtp ,host ,(and port (pred integerp))) (format "%s:%d" host port))
           (_ 'no)))
(setq r3 (pcase 5 ((and n (guard (> n 3))) (* n 2)) (_ 0)))
(setq r4 (pcase "x" ((or 'a "x") 'either)))
(setq r5 (pcase 7 ((app 1+ 8) 'eight)))
(setq r6 (pcase 1 (2 'two)))
""")
    assert ip.store.get("r1") == "linux"
    assert ip.store.get("r2") == "mail.example.org:587"
    assert ip.store.get("r3") == 10
    assert ip.store.get("r4") is intern("either")
    assert ip.store.get("r5") is intern("eight")
    assert ip.store.get("r6") is NIL


def test_modelled_library_variables_stay_void_until_their_library_loads(run):
    ip = run("(setq early (boundp 'auth-sources))\n(setq x auth-sources)\n(setq after t)\n")
    assert ip.store.get("early") is NIL
    assert ip.store.get("after") is UNBOUND         # void-variable, as in Emacs


def test_a_skipped_call_in_a_loop_is_reported_once(run):
    ip = run("(dotimes (i 5) (mystery i))\n")
    assert [d.rule for d in ip.diagnostics].count("opaque-call") == 1


def test_cl_defun_keyword_and_default_arguments(run):
    ip = run("""(cl-defun make-account (name &optional (port 587) &key (host "localhost") user ((:tls secure) t))
  (list name port host user secure))
(setq a1 (make-account "work"))
(setq a2 (make-account "home" 25 :user "me" :host "mail.example.org" :tls nil))
""")
    assert lisp_equal(ip.store.get("a1"), lisp('("work" 587 "localhost" nil t)'))
    assert lisp_equal(ip.store.get("a2"), lisp('("home" 25 "mail.example.org" "me" nil)'))


def test_let_alist(run):
    ip = run("(setq acct '((host . \"mail.example.org\") (port . 587) (tls . ((mode . ssl)))))\n"
             "(setq r (let-alist acct (list .host .port .tls.mode .missing)))\n")
    assert lisp_equal(ip.store.get("r"), lisp('("mail.example.org" 587 ssl nil)'))


def test_characters_are_checked_as_emacs_characterp_does(run):
    """Found by the fuzzer: a huge character code used to escape as Python's OverflowError.
    The error data below are Emacs 28.2's (checked with condition-case in emacs --batch)."""
    ip = run("""
(defun err-of (f) (condition-case e (funcall f) (error e)))
(setq a (err-of (lambda () (make-string 0 2147483648)))
      b (err-of (lambda () (char-to-string 2147483648)))
      c (err-of (lambda () (concat (list 97 -1))))
      d (err-of (lambda () (format "%c" 4194304)))
      e (err-of (lambda () (downcase -1)))
      f (upcase 4194304)
      g (upcase 1114112)
      h (length (make-string 2 1114112)))
""")
    wrong = intern("wrong-type-argument")
    assert to_python_list(ip.store.get("a")) == [wrong, intern("characterp"), 2147483648]
    assert to_python_list(ip.store.get("b")) == [wrong, intern("characterp"), 2147483648]
    assert to_python_list(ip.store.get("c")) == [wrong, intern("characterp"), -1]
    assert to_python_list(ip.store.get("d")) == [wrong, intern("characterp"), 4194304]
    assert to_python_list(ip.store.get("e")) == [wrong, intern("char-or-string-p"), -1]
    assert ip.store.get("f") == 4194304 and ip.store.get("g") == 1114112
    assert ip.store.get("h") == 2
    assert not ip.diagnostics or all(d.severity != "error" for d in ip.diagnostics)
