"""Data-driven tests of `elconf check` over the clean and broken corpora.

Clean configs, in every style users write, must give no warning and no
error; broken ones must give exactly the findings their ``;; expect:``
lines list, at those places, and the exit status of ``--strict``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.check import exit_status, run_checks
from elconf.config import LoadOptions, load_config
from tests.check.corpus import Case, Expected, case_env, load_cases, make_home

CLEAN = load_cases("clean")
BROKEN = load_cases("broken")


def check_case(case: Case, tmp_path: Path) -> tuple[list[Expected], list[str], int]:
    """(findings as Expected records, formatted findings, --strict exit status)."""
    home = make_home(case, tmp_path)
    env = case_env(case, home)
    loaded = load_config(LoadOptions(home=home, env=env))
    findings = run_checks(loaded, home=home, env=env)
    found = []
    for d in findings:
        file = str(Path(d.file).relative_to(home)) if d.file and d.file.startswith(str(home)) \
            else (d.file or "-")
        found.append(Expected(file, d.line or 0, d.col or 0, d.severity, d.rule or "-"))
    return found, [d.format().replace(str(home) + "/", "~/") for d in findings], \
        exit_status(findings, strict=True)


def test_corpora_are_big_enough() -> None:
    assert len(CLEAN) >= 30 and len(BROKEN) >= 30
    assert all(case.expected for case in BROKEN), "every broken case says what it expects"
    assert not any(case.expected for case in CLEAN)


@pytest.mark.parametrize("case", CLEAN, ids=str)
def test_clean_config_has_no_warning(case: Case, tmp_path: Path) -> None:
    found, shown, status = check_case(case, tmp_path)
    alarms = [s for s, f in zip(shown, found) if f.severity in ("error", "warning")]
    assert alarms == [], "\n".join(shown)
    assert status == 0


@pytest.mark.parametrize("case", BROKEN, ids=str)
def test_broken_config_gives_exactly_the_expected_findings(case: Case, tmp_path: Path) -> None:
    found, shown, status = check_case(case, tmp_path)
    key = lambda e: (e.file, e.line, e.col, e.rule)  # noqa: E731
    assert sorted(found, key=key) == sorted(case.expected, key=key), "\n".join(shown)
    assert status == (case.status if case.status is not None else 1), "\n".join(shown)
