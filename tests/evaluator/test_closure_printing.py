"""Function values print as Emacs 28.2 prints them (issue 12).

A lambda evaluated under lexical binding is ``(closure ENV ARGS . BODY)``, ENV
being the captured bindings (most recent first) and ``t``; under dynamic
binding it is ``(lambda ARGS . BODY)``; a macro is ``(macro . FUNCTION)``; a
primitive is ``#<subr NAME>``.  Every expression is evaluated by real Emacs
(``eval`` with and without lexical binding, as the corpus oracle evaluates
init files form by form) and by our interpreter, and the printed texts are
compared, through ``prin1-to-string`` and ``format "%S"`` / ``"%s"``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.interpreter import Interpreter
from elconf.printer import prin1_to_string
from elconf.reader import read_from_string
from tests.evaluator.emacs_oracle import emacs_outputs

EXPRESSIONS = [
    "(let ((x 1)) (lambda (y) (+ x y)))",
    "(let ((x 1) (z 2)) (let ((w 3)) (lambda (y) \"doc\" (interactive) (declare (indent 1)) (+ x y))))",
    "(lambda () 1)",
    "#'(lambda (a &optional b &rest c) a)",
    "'(lambda () 1)",
    "(let ((user-full-name \"x\")) (lambda () user-full-name))",   # a special variable: not captured
    "(let ((x 1)) (let ((y 2)) (setq x 5) (lambda () (list x y))))",
    "(progn (defun elconf-t1 (x) \"doc\" (declare (indent 1)) (interactive) (+ x 1)) "
    "(symbol-function 'elconf-t1))",
    "(progn (defun elconf-t2 (x) (declare (indent 1)) x) (symbol-function 'elconf-t2))",
    "(progn (defmacro elconf-t3 (x) (declare (indent 1)) x) (symbol-function 'elconf-t3))",
    "(let ((x 1) (y 2)) (defun elconf-t4 () x) (symbol-function 'elconf-t4))",
    "(funcall (lambda (a) (lambda () a)) 7)",
    "(prin1-to-string (lambda () 1))",
    "(format \"%S|%s\" (lambda (x) \"a\\nb\" x) (lambda (x) \"a\\nb\" x))",
    "(let ((f (lambda (n) n))) (list f f))",
    "(let ((f nil)) (setq f (lambda () f)) f)",       # a closure that captures itself
    "(list (let ((a 1)) (lambda () a)) (lambda (m) (when m (message \"%s\" m))))",
    "(symbol-function 'car)",
    # Closures made in loops capture the loop's own variables, as Emacs's expansions bind them.
    "(progn (setq elconf-r1 nil) (dolist (a '(\"x\" \"y\")) (push (lambda (m) (list a m)) elconf-r1)) "
    "elconf-r1)",
    "(progn (setq elconf-r2 nil) (dotimes (i 2) (push (lambda () i) elconf-r2)) elconf-r2)",
    "(progn (setq elconf-r3 nil) (dolist (a '(1 2)) (let ((b a)) (push (lambda () b) elconf-r3))) "
    "elconf-r3)",
    "(cons 'hook (lambda () (unless (yes-or-no-p \"Really send? \") (signal 'quit nil))))",
]


def ours(expression: str, lexical: bool, home: Path) -> str:
    ip = Interpreter(home=home, env={"HOME": str(home)})
    ip.lexical = lexical
    return prin1_to_string(ip.eval(read_from_string(expression, 0)[0]))


@pytest.fixture(scope="module")
def emacs_printed(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, list[str]]:
    home = tmp_path_factory.mktemp("home")
    return {lexical: emacs_outputs(EXPRESSIONS, home, lexical=lexical) for lexical in (False, True)}


@pytest.mark.parametrize("lexical", [False, True], ids=["dynamic", "lexical"])
@pytest.mark.parametrize("index", range(len(EXPRESSIONS)))
def test_function_values_print_as_in_emacs(index: int, lexical: bool, tmp_path: Path,
                                           emacs_printed: dict[bool, list[str]]) -> None:
    assert ours(EXPRESSIONS[index], lexical, tmp_path) == emacs_printed[lexical][index]


def test_a_lexical_init_file_keeps_closures_printable(tmp_path: Path) -> None:
    # The shape of the corpus case: a hook lambda in a lexical-binding init file, shown
    # by `elconf get` (which prints with prin1).
    from elconf.config import LoadOptions, load_config

    init = tmp_path / "init.el"
    init.write_text(";;; init.el -*- lexical-binding: t -*-\n"
                    "(add-hook 'message-send-hook\n"
                    "          (lambda () (unless (yes-or-no-p \"Really send? \") (signal 'quit nil))))\n"
                    "(setq my-hook (let ((n 2)) (lambda (m) (* n m))))\n")
    config = load_config(LoadOptions(init=init, home=tmp_path, env={"HOME": str(tmp_path)}))
    store = config.interpreter.store
    assert prin1_to_string(store.value("message-send-hook")) == \
        "((closure (t) nil (unless (yes-or-no-p \"Really send? \") (signal 'quit nil))))"
    assert prin1_to_string(store.value("my-hook")) == "(closure ((n . 2) t) (m) (* n m))"
