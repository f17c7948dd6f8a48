"""Findings that claim what Emacs ends up with are checked against real Emacs 28.2.

Each corpus case may carry ``;; emacs: VARIABLE SEXP`` lines: the
value Emacs holds after start-up (the init file loaded as `command-line`
loads it, errors reported and the rest of the file skipped) and
``(require 'smtpmail)``; and ``;; emacs-auth: HOST PORT USER`` lines: whose
entry Emacs's ``auth-source-search`` returns, as smtpmail asks for it.  The test runs real Emacs on the case and compares,
and checks that elconf's evaluator (on which the finding is based) holds the
same value.
"""

from __future__ import annotations

import concurrent.futures
import json
import re
from pathlib import Path
from typing import Any

import pytest

from elconf.config import LoadOptions, load_config
from elconf.printer import prin1_to_string
from elconf.types import UNBOUND
from tests.check.corpus import Case, case_env, load_cases, make_home
from tests.support.emacs import run_emacs

#: The start-up replay shared with the evaluator parity suite.
DRIVER = Path(__file__).resolve().parents[1] / "parity" / "eval" / "emacs_driver.el"
_MARK = re.compile(r"@@ELCONF-JSON@@(.*)@@END@@", re.S)

CLAIMS = [case for kind in ("broken", "clean") for case in load_cases(kind)
          if case.emacs or case.emacs_auth]
_AUTH = re.compile(r"@@AUTH (\S+) (\S+) (\S+)@@")


def _lisp_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_AUTH_QUERY = """(dolist (q (list {queries}))
  (princ (format "@@AUTH %s %s %s@@\\n" (car q) (cadr q)
                 (condition-case err
                     (let ((entry (car (auth-source-search :host (car q) :port (cadr q) :max 1))))
                       (if entry (plist-get entry :user) "nil"))
                   (error (progn (message "auth-source error: %S" err) "error"))))))"""


def emacs_values(case: Case, home: Path) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """What real Emacs holds after start-up and (require 'smtpmail): the variables
    (prin1 text, or "void"), and what auth-source-search finds for each query."""
    names = " ".join(_lisp_string(n) for n in case.emacs)
    queries = " ".join(f"(list {_lisp_string(h)} {_lisp_string(p)})" for h, p, _u in case.emacs_auth)
    form = (f'(progn (elconf-driver-start-up) (require (quote smtpmail)) {_AUTH_QUERY.format(queries=queries)} '
            f'(elconf-driver-dump (list "smtpmail") (list {names})))')
    proc = run_emacs(["-Q", "-l", str(DRIVER), "--eval", form], home=home,
                     env=case_env(case, home), cwd=home)
    out = proc.stdout.decode("utf-8", "replace")
    match = _MARK.search(out)
    assert match, f"Emacs printed no values:\n{proc.stderr.decode('utf-8', 'replace')}"
    data = json.loads(match.group(1)) if case.emacs else {}
    values = {name: entry["sexp"] if entry["bound"] else "void" for name, entry in data.items()}
    return values, [m.groups() for m in _AUTH.finditer(out)]


def elconf_values(case: Case, home: Path) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """The same, from elconf's evaluator and the auth-source lookup the check rules use."""
    from smtp.authsource import search

    env = case_env(case, home)
    loaded = load_config(LoadOptions(home=home, env=env, require=("smtpmail",)))
    values = {}
    for name in case.emacs:
        value = loaded.get(name)
        values[name] = "void" if value is UNBOUND else prin1_to_string(value)
    sources = loaded.get("auth-sources")
    found = []
    for host, port, _user in case.emacs_auth:
        result = search(None if sources is UNBOUND else sources, host, port, None, home=home,
                        env=env, cwd=home)
        user = "error" if result.error else \
            (result.credential.user or "nil") if result.credential else "nil"
        found.append((host, port, user))
    return values, found


def test_there_are_claims_to_check() -> None:
    assert len(CLAIMS) >= 8


@pytest.fixture(scope="module")
def emacs_answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every case's answers from real Emacs, computed in parallel (one fresh Emacs per case)."""
    assert DRIVER.is_file(), f"{DRIVER} is missing"

    def run(case: Case) -> Any:
        home = make_home(case, tmp_path_factory.mktemp(case.name))
        try:
            return emacs_values(case, home)
        except AssertionError as exc:  # reported by the case's own test
            return exc

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip((c.name for c in CLAIMS), pool.map(run, CLAIMS)))


@pytest.mark.emacs
@pytest.mark.parametrize("case", CLAIMS, ids=str)
def test_claim_holds_in_real_emacs(case: Case, emacs_answers: dict[str, Any]) -> None:
    answer = emacs_answers[case.name]
    if isinstance(answer, AssertionError):
        raise answer
    assert answer == (case.emacs, case.emacs_auth)


@pytest.mark.parametrize("case", CLAIMS, ids=str)
def test_elconf_agrees_with_the_claim(case: Case, tmp_path: Path) -> None:
    home = make_home(case, tmp_path)
    assert elconf_values(case, home) == (case.emacs, case.emacs_auth)
