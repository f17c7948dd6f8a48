"""Emacs regexps through our translation give Emacs's match data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from elconf.errors import LispSignal
from elconf.regexp import compile_regexp, regexp_quote, translate
from tests.evaluator.make_regexp_golden import GOLDEN, emacs_match_data
from tests.evaluator.regexp_cases import CASES


def our_match_data(regexp: str, string: str, case_fold: bool) -> object:
    try:
        rx = compile_regexp(regexp, case_fold)
    except LispSignal as exc:
        assert exc.symbol.name == "invalid-regexp"
        return ["invalid-regexp"]
    m = rx.search(string)
    return False if m is None else rx.match_data(m)


GOLDEN_CASES = json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", GOLDEN_CASES, ids=lambda c: repr(c["regexp"])[:40])
def test_match_data_equals_emacs_golden(case: dict) -> None:
    assert our_match_data(case["regexp"], case["string"], case["case_fold"]) == case["emacs"]


def test_golden_covers_every_case() -> None:
    assert [(c["regexp"], c["string"], c["case_fold"]) for c in GOLDEN_CASES] == [list(c) for c in CASES] \
        or [(c["regexp"], c["string"], c["case_fold"]) for c in GOLDEN_CASES] == CASES


@pytest.mark.emacs
def test_golden_still_matches_live_emacs(tmp_path: Path) -> None:
    assert emacs_match_data(CASES, tmp_path) == [c["emacs"] for c in GOLDEN_CASES]


def test_literal_operators_are_escaped_for_python() -> None:
    pattern, groups = translate("(a|b){1}")
    assert pattern == r"\(a\|b\)\{1\}" and groups == {}


def test_regexp_quote_round_trips() -> None:
    text = "a.b*c[d]^$\\+?"
    rx = compile_regexp(regexp_quote(text))
    m = rx.search("xx" + text)
    assert m is not None and m.group(0) == text


@pytest.mark.parametrize("bad", ["\\(", "\\)", "[a", "a\\{x\\}", "\\2"])
def test_invalid_regexps_signal(bad: str) -> None:
    with pytest.raises(LispSignal) as info:
        compile_regexp(bad)
    assert info.value.symbol.name == "invalid-regexp"
