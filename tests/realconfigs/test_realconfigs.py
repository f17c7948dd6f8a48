"""Issue 12's proof on the corpus: elconf's values against Emacs 28.2's, form by form.

The goldens are re-checked against live Emacs (so they cannot rot), then elconf
runs on every case as a user runs it.  The figures are a ratchet: the share of
mail values equal to Emacs's may not fall below SHARE_FLOOR, no file outside
KNOWN_FALSE_STOPS may be told "Emacs stops loading here" unless Emacs really
stops there, and every true stop must be reported.  Raise the floor and shrink
the list as fixes land (``python3 bench/realconfigs.py`` prints the figures).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.realconfigs.cases import CASES, Case
from tests.realconfigs.harness import case_variables, load_goldens, mail_variables_set, run_oracle
from tests.realconfigs.measure import measure, summary

#: The measured share of set mail values equal to Emacs's (issue 12's target: 0.98).
SHARE_FLOOR = 0.985   # 1096/1112 on 107 files (930/942 on 90 before corpus6's 17 shapes, which keep 5
                      # differences: smtpmail-multi through use-package 4, a `hostname -d' condition 1)

#: Files elconf still tells "Emacs stops loading here" where Emacs does not stop
#: (a package, file or value elconf does not have).  Only ever shrinks.
KNOWN_FALSE_STOPS: frozenset[str] = frozenset()

GOLDENS = load_goldens()


def test_the_corpus_has_the_shapes_the_issue_asks_for() -> None:
    assert len(CASES) >= 40
    modes = {case.mode for case in CASES}
    assert modes == {"plain", "doom", "spacemacs"}
    assert sum(1 for case in CASES if case.stop_at) >= 3
    assert sum(len(GOLDENS[c.name]["variables_set"]) for c in CASES) >= 400
    for case in CASES:
        assert case.name in GOLDENS, f"{case.name}: run tests/realconfigs/make_goldens.py"


def test_goldens_are_what_emacs_says_today() -> None:
    """Every case through live Emacs again (two at a time): the goldens cannot rot."""
    def stale(case: Case) -> str | None:
        golden = GOLDENS[case.name]
        if golden["variables_set"] != mail_variables_set(case) or \
                golden["variables"] != case_variables(case) or run_oracle(case) != golden["emacs"]:
            return case.name
        return None

    with ThreadPoolExecutor(max_workers=2) as pool:
        stale_cases = [name for name in pool.map(stale, CASES) if name]
    assert not stale_cases, \
        f"Emacs disagrees with goldens.json for {stale_cases}: rerun tests/realconfigs/make_goldens.py"


@pytest.mark.parametrize("case", [c for c in CASES if c.stop_at], ids=lambda c: c.name)
def test_declared_stops_are_errors_emacs_raises(case: Case) -> None:
    emacs = GOLDENS[case.name]["emacs"]
    (rel, line), = case.stops
    assert emacs["stopped"] == f"~/{rel}:{line}"
    assert any(e["line"] == line for e in emacs["errors"])


def test_elconf_matches_emacs_on_the_corpus() -> None:
    results = measure()
    figures = summary(results)
    differences = [f"{r.name}: {d.variable}: elconf {d.elconf} / Emacs {d.emacs}"
                   for r in results for d in r.differences]
    assert figures.share >= SHARE_FLOOR, (
        f"{figures.set_equal}/{figures.set_total} = {figures.share:.3f} < {SHARE_FLOOR}:\n"
        + "\n".join(differences))
    new_false = sorted(set(figures.false_stops) - KNOWN_FALSE_STOPS)
    assert not new_false, f"'Emacs stops loading here' where Emacs goes on: {new_false}"
    assert not figures.missed_stops, f"true stops not reported: {figures.missed_stops}"
