"""Findings that claim what Emacs ends up with are checked against real Emacs 28.2.

Each broken corpus case may carry ``;; emacs: VARIABLE SEXP`` lines: the
value Emacs holds after start-up (the init file loaded as `command-line`
loads it, errors reported and the rest of the file skipped) and
``(require 'smtpmail)``.  The test runs real Emacs on the case and compares,
and checks that elconf's evaluator (on which the finding is based) holds the
same value.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from elconf.config import LoadOptions, load_config
from elconf.printer import prin1_to_string
from elconf.types import UNBOUND
from tests.check.corpus import Case, case_env, load_cases, make_home
from tests.support.emacs import run_emacs

#: The start-up replay shared with the evaluator parity suite.
DRIVER = Path(__file__).resolve().parents[1] / "parity" / "eval" / "emacs_driver.el"
_MARK = re.compile(r"@@ELCONF-JSON@@(.*)@@END@@", re.S)

CLAIMS = [case for case in load_cases("broken") if case.emacs]


def _lisp_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def emacs_values(case: Case, home: Path) -> dict[str, str]:
    """VARIABLE -> prin1 text (or "void") in real Emacs after start-up and (require 'smtpmail)."""
    names = " ".join(_lisp_string(n) for n in case.emacs)
    form = f'(progn (elconf-driver-start-up) (elconf-driver-dump (list "smtpmail") (list {names})))'
    proc = run_emacs(["-Q", "-l", str(DRIVER), "--eval", form], home=home,
                     env=case_env(case, home), cwd=home)
    match = _MARK.search(proc.stdout.decode("utf-8", "replace"))
    assert match, f"Emacs printed no values:\n{proc.stderr.decode('utf-8', 'replace')}"
    data = json.loads(match.group(1))
    return {name: entry["sexp"] if entry["bound"] else "void" for name, entry in data.items()}


def elconf_values(case: Case, home: Path) -> dict[str, str]:
    loaded = load_config(LoadOptions(home=home, env=case_env(case, home), require=("smtpmail",)))
    values = {}
    for name in case.emacs:
        value = loaded.get(name)
        values[name] = "void" if value is UNBOUND else prin1_to_string(value)
    return values


def test_there_are_claims_to_check() -> None:
    assert len(CLAIMS) >= 8


@pytest.mark.emacs
@pytest.mark.parametrize("case", CLAIMS, ids=str)
def test_claim_holds_in_real_emacs(case: Case, tmp_path: Path) -> None:
    home = make_home(case, tmp_path)
    assert DRIVER.is_file(), f"{DRIVER} is missing"
    assert emacs_values(case, home) == case.emacs


@pytest.mark.parametrize("case", CLAIMS, ids=str)
def test_elconf_agrees_with_the_claim(case: Case, tmp_path: Path) -> None:
    home = make_home(case, tmp_path)
    assert elconf_values(case, home) == case.emacs
