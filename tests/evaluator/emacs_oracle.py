"""Evaluate many Lisp expressions in ONE real Emacs 28.2 batch process.

Each expression is evaluated in a fresh temporary buffer (fundamental mode,
standard syntax table: what an init file sees) and its value printed with
``prin1``, or ``(ERROR SYMBOL)`` if it signals.  Results come back one per
line; :func:`emacs_values` reads them with our reader so tests compare
values with ``equal``, not text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.emacs import run_emacs

_DRIVER = r"""
(let ((exprs (with-temp-buffer
               (insert-file-contents (getenv "ORACLE_INPUT"))
               (json-parse-buffer :array-type 'list)))
      (lex (equal (getenv "ORACLE_LEXICAL") "1")))
  (dolist (text exprs)
    (let ((out (with-temp-buffer
                 (condition-case err
                     (prin1-to-string (eval (car (read-from-string text)) lex))
                   (error (format "(ERROR %S)" (car err)))))))
      (princ (replace-regexp-in-string "\n" "\\\\n" out))
      (princ "\n"))))
"""


def emacs_outputs(exprs: list[str], home: Path, *, lexical: bool = False,
                  env: dict[str, str] | None = None) -> list[str]:
    """The printed value (or ``(ERROR sym)``) of each expression, as text."""
    source = home / "oracle-input.json"
    source.write_text(json.dumps(exprs), encoding="utf-8")
    extra = {"ORACLE_INPUT": str(source), "ORACLE_LEXICAL": "1" if lexical else "0", **(env or {})}
    proc = run_emacs(["-Q", "--eval", _DRIVER], home=home, env=extra)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    lines = proc.stdout.decode("utf-8").split("\n")
    assert len(lines) >= len(exprs), proc.stderr.decode(errors="replace")
    return [line.replace("\\n", "\n") for line in lines[:len(exprs)]]


def emacs_values(exprs: list[str], home: Path, **kwargs: Any) -> list[Any]:
    from elconf.reader import read_from_string

    return [read_from_string(text, 0)[0] for text in emacs_outputs(exprs, home, **kwargs)]


def elconf_printed(text: str, home: Path, *, lexical: bool) -> str:
    """Our side of :func:`emacs_outputs`: ``text`` evaluated in a fresh interpreter and
    printed with prin1, or ``(ERROR SYMBOL)`` if it signals, as the oracle prints it."""
    from elconf.errors import LispSignal
    from elconf.interpreter import Interpreter
    from elconf.printer import prin1_to_string
    from elconf.reader import read_from_string

    ip = Interpreter(home=home, env={"HOME": str(home)})
    ip.lexical = lexical
    try:
        return prin1_to_string(ip.eval(read_from_string(text, 0)[0]))
    except LispSignal as signal:
        return f"(ERROR {signal.symbol.name})"


def compared_with_emacs(expressions: list[str], requires: str = "") -> tuple[Any, Any]:
    """The fixture and the test of a module of expressions compared with Emacs 28.2.

    Each expression is evaluated by Emacs in lexical and in dynamic binding (one
    batch process per mode, after ``requires``: the libraries Emacs must load first
    and elconf treats as loaded) and by elconf in the same mode; the printed values
    must be the same.  A module binds both under its own names::

        emacs_printed, test_hooks_as_emacs = compared_with_emacs(EXPRESSIONS)
    """

    @pytest.fixture(scope="module", params=[True, False], ids=["lexical", "dynamic"])
    def emacs_printed(request: pytest.FixtureRequest,
                      tmp_path_factory: pytest.TempPathFactory) -> tuple[bool, list[str]]:
        wrapped = [f"(progn {requires} {e})" for e in expressions] if requires else list(expressions)
        return request.param, emacs_outputs(wrapped, tmp_path_factory.mktemp("home"),
                                            lexical=request.param)

    @pytest.mark.emacs
    @pytest.mark.parametrize("index", range(len(expressions)))
    def test(index: int, emacs_printed: tuple[bool, list[str]], tmp_path: Path) -> None:
        lexical, printed = emacs_printed
        assert elconf_printed(expressions[index], tmp_path, lexical=lexical) == printed[index]

    return emacs_printed, test
