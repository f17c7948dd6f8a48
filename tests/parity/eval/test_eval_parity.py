"""Evaluator parity: elconf holds what Emacs 28.2 holds after the same init files.

``goldens.json`` is Emacs's answer for every case of ``cases.py`` (made by
``make_goldens.py``); the fast tests compare elconf with it, and the test
marked ``emacs`` re-runs Emacs to prove the goldens are still its answers.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.parity.eval.cases import CASES, Case
from tests.parity.eval.harness import load_goldens, run_cli_case, run_elconf_case, run_emacs_case


def _differences(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    lines = []
    for name, want in expected.items():
        got = actual.get(name)
        if got != want:
            lines.append(f"  {name}: emacs {_show(want)}  elconf {_show(got)}")
    return lines


def _show(entry: Any) -> str:
    if not isinstance(entry, dict):
        return repr(entry)
    return entry["sexp"] if entry.get("bound") else "void"


def test_goldens_cover_every_case() -> None:
    assert sorted(load_goldens()) == sorted(case.name for case in CASES)


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_elconf_matches_emacs(case: Case) -> None:
    golden = load_goldens()[case.name]["variables"]
    ours, diagnostics = run_elconf_case(case)
    diff = _differences(golden, ours)
    if case.divergence:
        expected = {f"  {name}: emacs {_show(golden[name])}  elconf {sexp}"
                    for name, sexp in case.divergence.items()}
        assert set(diff) == expected, f"{case.name}: the documented divergence changed:\n" + "\n".join(diff)
        return
    assert not diff, (f"{case.name}: {case.about}\n" + "\n".join(diff)
                      + "\ndiagnostics:\n  " + "\n  ".join(diagnostics))


#: A few cases also run through the command line, as a user would.
CLI_CASES = [c for c in CASES if c.name in ("plain-setq", "use-package-custom", "reader-error-stops-file",
                                             "smtpserver-env", "custom-file-loaded")]


@pytest.mark.parametrize("case", CLI_CASES, ids=lambda c: c.name)
def test_command_line_gives_the_same_answer(case: Case) -> None:
    assert run_cli_case(case) == load_goldens()[case.name]["variables"]


@pytest.mark.emacs
def test_goldens_are_what_emacs_says() -> None:
    goldens = load_goldens()
    with ThreadPoolExecutor(max_workers=4) as pool:
        live = list(pool.map(run_emacs_case, CASES))
    stale = []
    for case, (data, _stderr) in zip(CASES, live):
        diff = _differences(data, goldens[case.name]["variables"])
        if diff:
            stale.append(f"{case.name}:\n" + "\n".join(diff))
    assert not stale, "goldens differ from live Emacs (rerun make_goldens.py):\n" + "\n".join(stale)
