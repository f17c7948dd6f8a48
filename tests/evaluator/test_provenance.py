"""The variable store: origins, histories, ineffective assignments."""

from __future__ import annotations

from elconf.store import Origin, VariableStore
from elconf.types import UNBOUND


def kinds(ip, name):
    return [(a.origin.kind, a.effective) for a in ip.store.history(name)]


def test_origin_names_file_line_column_and_kind(run, home):
    ip = run("(setq a 1)\n  (setq-default b 2)\n(set 'c 3)\n")
    origin = ip.store.origin("a")
    assert (origin.kind, origin.file, origin.line, origin.col) == ("setq", str(home / "init.el"), 1, 1)
    assert (ip.store.origin("b").kind, ip.store.origin("b").line, ip.store.origin("b").col) == \
        ("setq-default", 2, 3)
    assert ip.store.origin("c").kind == "set"


def test_defvar_over_a_bound_value_is_recorded_as_ineffective(run):
    ip = run("(setq v 1)\n(defvar v 2)\n(defcustom w 3 \"doc\")\n(defconst k 4)\n(defconst k 5)\n")
    assert ip.store.get("v") == 1
    assert kinds(ip, "v") == [("setq", True), ("defvar", False)]
    assert "never overrides" in ip.store.history("v")[1].note
    assert ip.store.get("w") == 3 and ip.store.origin("w").kind == "defcustom"
    assert ip.store.get("k") == 5                      # defconst always sets


def test_setq_inside_an_unwound_let_is_ineffective(run):
    ip = run("(setq x 1)\n(let ((x 2))\n  (setq x 3))\n")
    history = ip.store.history("x")
    assert [a.value for a in history] == [1, 2, 3]
    assert [a.effective for a in history] == [True, False, False]
    assert "let at" in history[2].note and ":2:" in history[2].note
    assert ip.store.origin("x").kind == "setq" and ip.store.origin("x").line == 1


def test_buffer_local_settings_do_not_reach_the_mail_buffer(run):
    ip = run("(setq-default fill 70)\n(setq-local fill 72)\n(defvar-local per-buffer 1)\n"
             "(setq per-buffer 2)\n")
    assert ip.store.get("fill") == 70                 # what a new (mail) buffer starts with
    assert ip.store.value("fill") == 72               # what the init file's buffer sees
    assert kinds(ip, "fill")[-1] == ("setq-local", False)
    assert ip.store.get("per-buffer") == 1


def test_add_to_list_push_and_add_hook_have_their_own_kinds(run):
    ip = run("(setq l '(a))\n(add-to-list 'l 'b)\n(add-to-list 'l 'a)\n(push 'c l)\n"
             "(add-hook 'my-hook #'ignore)\n")
    assert kinds(ip, "l") == [("setq", True), ("add-to-list", True), ("add-to-list", False),
                              ("push", True)]
    assert ip.store.origin("my-hook").kind == "add-hook"


def test_custom_set_variables_before_and_after_the_library(run):
    """Saved values wait for the defcustom; bound variables are set at once."""
    ip = run("""(custom-set-variables
 '(later-var "saved")
 '(bound-var 42)
 '(rogue-var 7 t))
(setq unbound-before (boundp 'later-var) rogue-bound (boundp 'rogue-var))
(defcustom later-var "default" "doc")
""".replace("(custom-set-variables", "(setq bound-var 1)\n(custom-set-variables"))
    assert ip.store.get("unbound-before").name == "nil"
    assert ip.store.get("rogue-bound").name == "t"
    assert ip.store.get("later-var") == "saved"
    origin = ip.store.origin("later-var")
    assert origin.kind == "custom-set-variables" and origin.line == 3
    assert ip.store.get("bound-var") == 42


def test_customize_set_variable_and_setopt_set_at_once(run):
    ip = run("(customize-set-variable 'cv 1)\n(setopt so 2)\n(defcustom cv 9 \"\")\n(defcustom so 9 \"\")\n")
    assert (ip.store.get("cv"), ip.store.origin("cv").kind) == (1, "customize-set-variable")
    assert (ip.store.get("so"), ip.store.origin("so").kind) == (2, "setopt")


def test_store_api_directly():
    store = VariableStore()
    here = Origin("setq", "f.el", 1, 1)
    assert store.get("x") is UNBOUND and not store.is_bound("x")
    store.set("x", 1, here)
    store.record_ineffective("x", 2, Origin("defvar", "f.el", 2, 1), "bound already")
    token = store.bind("x", 3, Origin("let", "f.el", 3, 1))
    assert store.get("x") == 3
    store.unbind(token)
    assert store.get("x") == 1 and store.origin("x") == here
    assert [a.effective for a in store.history("x")] == [True, False, False]
    store.set_saved_value("y", "expr")
    assert store.saved_value("y") == "expr" and store.saved_value("z") is UNBOUND
    store.set_default_expression("x", "1", "lib")
    assert store.default_expression("x") == ("1", "lib")
    assert store.names() == ["x"]


def test_strict_28_makes_setopt_void(run, home):
    from elconf.interpreter import Interpreter

    ip = Interpreter(home=home, env={})
    ip.strict_28 = True
    run("(setq a 1)\n(setopt b 2)\n(setq c 3)\n", interp=ip)
    assert ip.store.get("a") == 1 and ip.store.get("c") is UNBOUND
    assert "new in Emacs 29" in ip.diagnostics[-1].message


def test_a_function_defined_in_one_file_sets_places_in_that_file(run, home):
    (home / "lisp").mkdir()
    (home / "lisp" / "helpers.el").write_text("(defun my-set-server ()\n  (setq server \"x\"))\n"
                                            "(provide 'helpers)\n")
    ip = run("(add-to-list 'load-path \"~/lisp\")\n(require 'helpers)\n(my-set-server)\n")
    origin = ip.store.origin("server")
    assert (origin.file, origin.line) == (str(home / "lisp" / "helpers.el"), 2)


def test_emacs_variables_are_dynamically_bound_under_lexical_binding(run):
    ip = run(";; -*- lexical-binding: t -*-\n(defun fold () case-fold-search)\n"
             "(setq seen (let ((case-fold-search 'inner)) (fold)))\n")
    assert ip.store.get("seen").name == "inner"


def test_setopt_warns_on_a_type_mismatch_and_sets_anyway(run):
    ip = run("""(defcustom my-port 25 "Port." :type '(choice (const nil) integer))
(setopt my-port "587")
(setopt my-port 587)
(require 'smtpmail)
(setopt smtpmail-smtp-server 42)
""")
    mismatches = [d for d in ip.diagnostics if d.rule == "setopt-type-mismatch"]
    assert [d.line for d in mismatches] == [2, 5]
    assert ip.store.get("my-port") == 587 and ip.store.get("smtpmail-smtp-server") == 42
