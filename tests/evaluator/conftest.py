"""Fixtures for the evaluator tests: evaluate Lisp text as an init file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sys

import pytest

from elconf.interpreter import Interpreter
from elconf.limits import Limits

# Raise it once, before Hypothesis records it (the Interpreter would raise it anyway).
sys.setrecursionlimit(max(sys.getrecursionlimit(), Limits().python_recursion_limit()))


@pytest.fixture
def run(home: Path) -> Callable[..., Interpreter]:
    """``run(code, startup=True, env=None, name="init.el")`` -> the Interpreter after
    loading ``code`` from a file under the private HOME (so places have a file)."""

    def evaluate(code: str, *, startup: bool = True, env: dict[str, str] | None = None,
                 name: str = "init.el", interp: Interpreter | None = None) -> Interpreter:
        ip = interp or Interpreter(home=home, env={"HOME": str(home), "USER": "tester",
                                                   **(env or {})})
        if startup and interp is None:
            ip.startup()
        path = home / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code, encoding="utf-8")
        ip.load_file(path)
        return ip

    return evaluate


def rules(ip: Interpreter) -> list[str]:
    """The rule ids of the diagnostics, in order."""
    return [d.rule or "" for d in ip.diagnostics]
