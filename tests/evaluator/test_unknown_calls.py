"""A call of a function elconf does not have, checked against Emacs 28.2.

Emacs signals ``void-function`` before it evaluates any argument, so in an
Emacs without the package nothing inside the call runs (its "arguments" are
often a macro's clauses: ``defhydra`` heads, ``general`` bindings, ``setup``
forms).  elconf skips such a call the same way.  A function Emacs 28.2 has but
elconf does not implement is different: Emacs evaluates the arguments, and so
does elconf (the call itself stays unknown).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.emacs_names import emacs_functions
from elconf.interpreter import Interpreter
from elconf.types import UNBOUND
from tests.support.emacs import run_emacs

INIT = """\
(setq before "set")
(defhydra hydra-mail (:color blue) "mail" ("i" (setq inside-hydra "ran") "inbox"))
(my-mail-setup (setq inside-package-call "ran"))
(setq after "set")
"""

NAMES = ("before", "inside-hydra", "inside-package-call", "after")


def _emacs_form_by_form(home: Path, init: Path) -> dict[str, str]:
    script = home / "run.el"
    script.write_text(
        """(with-temp-buffer
  (insert-file-contents (getenv "INIT"))
  (condition-case nil
      (while t (let ((form (read (current-buffer))))   ; end-of-file ends the loop
                 (condition-case nil (eval form t) (error nil))))
    (end-of-file nil)))
(dolist (name '(%s))
  (princ (format "%%s\\t%%s\\n" name (if (boundp name) (symbol-value name) "void"))))
""" % " ".join(NAMES))
    proc = run_emacs(["-Q", "-l", str(script)], home=home, env={"INIT": str(init)})
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return dict(line.split("\t", 1) for line in proc.stdout.decode().splitlines() if "\t" in line)


@pytest.mark.emacs
def test_the_arguments_of_a_package_function_are_not_evaluated_as_in_emacs(home: Path) -> None:
    init = home / "init.el"
    init.write_text(INIT)
    emacs = _emacs_form_by_form(home, init)
    assert emacs == {"before": "set", "inside-hydra": "void", "inside-package-call": "void",
                     "after": "set"}
    interpreter = Interpreter(home=home, env={"HOME": str(home)})
    interpreter.startup()
    interpreter.load_file(init)
    ours = {name: ("void" if interpreter.store.value(name) is UNBOUND else interpreter.store.value(name))
            for name in NAMES}
    assert ours == emacs
    assert {d.rule for d in interpreter.diagnostics if d.line in (2, 3)} == {"opaque-call"}


def test_an_emacs_function_elconf_does_not_implement_still_evaluates_its_arguments(home: Path) -> None:
    # tab-bar-mode is Emacs 28.2's own (autoloaded), not modelled by elconf.
    assert "tab-bar-mode" in emacs_functions()
    init = home / "init.el"
    init.write_text('(tab-bar-mode (progn (setq evaluated "yes") 1))\n')
    interpreter = Interpreter(home=home, env={"HOME": str(home)})
    interpreter.startup()
    interpreter.load_file(init)
    assert interpreter.store.value("evaluated") == "yes"


def test_stop_at_any_error_raises_void_function_as_emacs(home: Path) -> None:
    init = home / "init.el"
    init.write_text(INIT)
    interpreter = Interpreter(home=home, env={"HOME": str(home)})
    interpreter.stop_at_any_error = True
    interpreter.startup()
    assert interpreter.load_file(init) is False
    [error] = [d for d in interpreter.diagnostics if d.severity == "error"]
    assert error.line == 2 and "defhydra" in error.message
    assert interpreter.store.value("after") is UNBOUND
