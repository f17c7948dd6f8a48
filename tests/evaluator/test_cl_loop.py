"""``cl-loop`` gives Emacs 28.2's values for the clauses init files use (issue 12).

Real configs build shortcuts, mail sources and contexts with it; an unknown
value there used to cost the setting.  Every expression runs in real Emacs
(after ``(require 'cl-lib)``, which defines ``cl-loop`` in Emacs 28) and in our
interpreter, and the printed values are compared.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.interpreter import Interpreter, Opaque
from elconf.printer import prin1_to_string
from elconf.reader import read_from_string
from tests.evaluator.emacs_oracle import emacs_outputs

EXPRESSIONS = [
    "(cl-loop for x in '(1 2 3) collect (* x x))",
    "(cl-loop for (k . v) in '((a . 1) (b . 2)) collect (list v k))",
    "(cl-loop for x in '(\"p\" \"w\") for key across \"pw\" collect (cons (format \"/%s/INBOX\" x) key))",
    "(cl-loop for i from 1 to 5 when (cl-oddp i) collect i into odds and sum i into total "
    "finally return (list odds total))",
    "(cl-loop for x in '(1 2 3 4) thereis (and (> x 2) x))",
    "(cl-loop with n = 0 for x in '(a b c) do (setq n (1+ n)) finally return n)",
    "(cl-loop for x = 1 then (* x 2) repeat 5 collect x)",
    "(cl-loop for i below 3 append (list i i))",
    "(cl-loop for x in '(1 2 3) if (= x 2) collect 'two else collect x)",
    "(cl-loop for x on '(1 2 3) collect (length x))",
    "(cl-loop for x in '(3 1 2) maximize x)",
    "(cl-loop for user in '(\"a\" \"b\") collect `(imap :server \"imap.example.org\" :user ,user))",
    "(let (out) (cl-loop for (var . val) in '((x . 1) (y . 2)) do (push (cons val var) out)) out)",
    "(cl-loop for x in '(1 2 3 4 5) while (< x 4) count (cl-evenp x))",
    "(cl-loop for i downfrom 5 above 2 collect i)",
    "(cl-loop for x across [1 2 3] vconcat (vector x))",
    "(cl-loop for c across \"ab\" concat (string c c))",
    "(cl-loop for x in '(1 2) always (numberp x))",
    "(cl-loop for x in '(1 2 3) until (= x 2) collect x)",
    "(cl-loop for x in '(1 2 3) for y in '(a b) collect (cons x y))",
    "(cl-loop for x in '(1 2 3 4) by #'cddr collect x)",
    "(cl-loop for i from 0 below 10 by 3 collect i)",
    "(cl-loop for x in '(1 2 3) unless (= x 2) collect x end)",
    "(cl-loop for x in '(1 2 3) when (> x 1) return x)",
    "(cl-loop for (a b) in '((1 2) (3 4)) sum (* a b))",
]


@pytest.fixture(scope="module")
def emacs_printed(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    home = tmp_path_factory.mktemp("home")
    return emacs_outputs([f"(progn (require 'cl-lib) {e})" for e in EXPRESSIONS], home,
                         lexical=True)


@pytest.mark.parametrize("index", range(len(EXPRESSIONS)))
def test_cl_loop_as_emacs(index: int, emacs_printed: list[str], tmp_path: Path) -> None:
    ip = Interpreter(home=tmp_path, env={"HOME": str(tmp_path)})
    ip.lexical = True
    value = ip.eval(read_from_string(EXPRESSIONS[index], 0)[0])
    assert prin1_to_string(value) == emacs_printed[index]


def test_an_unknown_list_or_clause_gives_an_unknown_value(tmp_path: Path) -> None:
    ip = Interpreter(home=tmp_path, env={"HOME": str(tmp_path)})
    for text in ("(cl-loop for x in (shell-command-to-string \"ls\") collect x)",
                 "(cl-loop for k being the hash-keys of (make-hash-table) collect k)"):
        assert isinstance(ip.eval(read_from_string(text, 0)[0]), Opaque)
