"""Run a HOME through Emacs 28.2's start-up and through elconf, for the framework tests.

The Emacs side is the eval-parity driver (tests/parity/eval/emacs_driver.el)
with one addition: package.el's activation of ``~/.emacs.d/elpa`` before
the init file, which interactive start-up does (startup.el) and the
driver's ``-Q`` run leaves out.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from tests.parity.eval.cases import Case
from elconf.reader_escapes import lisp_string_literal
from tests.parity.eval.harness import (_MARK, DRIVER, case_env, make_home, normalize, require_use_package,
                                       run_elconf_case)
from tests.support.emacs import run_emacs

_ACTIVATE = ("(advice-add 'elconf-view-activate-elpa :after "
             "(lambda () (when package-enable-at-startup (package-activate-all))))")


def emacs_values(case: Case) -> dict[str, Any]:
    """What Emacs 28.2 holds for ``case.variables`` after start-up with package activation."""
    require_use_package(case)
    with tempfile.TemporaryDirectory(prefix="elconf-frameworks-") as tmp:
        home = make_home(case, Path(tmp))
        features = " ".join(lisp_string_literal(f) for f in case.require)
        names = " ".join(lisp_string_literal(v) for v in case.variables)
        form = (f"(progn {_ACTIVATE} (elconf-driver-start-up) "
                f"(elconf-driver-dump (list {features}) (list {names})))")
        proc = run_emacs(["-Q", "-l", str(DRIVER), "--eval", form], home=home, env=case_env(case),
                         cwd=home)
        match = _MARK.search(proc.stdout.decode("utf-8", "replace"))
        assert match is not None, proc.stderr.decode("utf-8", "replace")
        return normalize(json.loads(match.group(1)), home)


def elconf_values(case: Case) -> tuple[dict[str, Any], list[str]]:
    return run_elconf_case(case)


def compare(case: Case) -> None:
    """Emacs and elconf agree on every variable of ``case``."""
    expected = emacs_values(case)
    ours, diagnostics = elconf_values(case)
    differing = {name: (expected[name], ours[name]) for name in case.variables
                 if expected[name] != ours[name]}
    assert not differing, f"{case.name}: (emacs, elconf) differ: {differing}\n" + "\n".join(diagnostics)
