"""sendmail-program parity: the argv and stdin bytes elsend gives the program equal Emacs 28.2's.

The goldens were made by ``python3 -m tests.parity.paths.make_goldens`` with
real Emacs; :func:`test_live_emacs_agrees` re-runs Emacs (one process for
all cases) to show the goldens are still what Emacs does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.parity.paths.harness import golden, load_cases, run_elsend_case, run_emacs_cases

BASE, CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_matches_emacs_golden(case: dict, tmp_path: Path) -> None:
    expected = golden(case["name"])
    ours = run_elsend_case(case, BASE, tmp_path)
    assert "error" not in expected, f"the golden is an Emacs error: {expected['error']}"
    assert ours.get("error") is None, ours.get("error")
    assert ours.get("fcc") == expected.get("fcc")
    if expected.get("not_run"):
        assert ours.get("not_run"), "Emacs did not run the program (Fcc only); elsend did"
        return
    want_argv = case.get("elsend_argv", expected["argv"])
    want_stdin = case["elsend_stdin"].encode() if "elsend_stdin" in case else expected["stdin"]
    if "deviation" in case:
        # A documented improvement on Emacs: the golden must really differ.
        assert (want_argv, want_stdin) != (expected["argv"], expected["stdin"]), case["deviation"]
    assert ours["argv"] == want_argv
    assert ours["stdin"].decode("utf-8", "replace") == want_stdin.decode("utf-8", "replace")
    assert ours["stdin"] == want_stdin


def test_enough_combinations_on_both_paths() -> None:
    paths = [c["path"] for c in CASES]
    assert paths.count("sendmail-send-it") >= 15
    assert paths.count("message") >= 15
    # and they exercise different argument lists, not one list fifteen times
    argvs = {(c["path"], tuple(golden(c["name"]).get("argv", ()))) for c in CASES}
    assert len({a for p, a in argvs if p == "sendmail-send-it"}) >= 8
    assert len({a for p, a in argvs if p == "message"}) >= 8


@pytest.mark.emacs
def test_live_emacs_agrees(tmp_path: Path) -> None:
    live = run_emacs_cases(CASES, BASE, tmp_path)
    for case in CASES:
        assert live[case["name"]] == golden(case["name"]), case["name"]
