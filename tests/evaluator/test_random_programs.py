"""Random programs of the supported subset give the values Emacs 28.2 gives.

Hypothesis generates one batch of programs (arithmetic, string operations,
let/if/setq, list operations, errors included); all are evaluated in ONE
Emacs batch process and by our interpreter, under dynamic and lexical
binding, and compared with ``equal`` (an error compares by its symbol).
Deterministic (derandomized), no shrinking: a failure lists every mismatch.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from elconf.equality import lisp_equal
from elconf.errors import LispSignal
from elconf.interpreter import Interpreter
from elconf.reader import read_from_string
from elconf.types import intern, lisp_list
from tests.evaluator.emacs_oracle import emacs_values

PROGRAMS_PER_RUN = 100

ints = st.integers(-20, 20).map(str)
strs = st.sampled_from(['""', '"a"', '"Ab"', '"x y"', '"42"', '"-3.5"', '"hello"', '"é"'])


def _extend(children: st.SearchStrategy[str], kind: str) -> st.SearchStrategy[str]:
    """One more level of typed expressions over ``children`` (any-typed leaves)."""
    i, s, lst = children_for(children)
    if kind == "int":
        return st.one_of(
            st.tuples(st.sampled_from(["+", "-", "*", "max", "min"]), i, i).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(i, i).map(lambda t: f"(/ {t[0]} {t[1]})"),
            st.tuples(i, i).map(lambda t: f"(% {t[0]} {t[1]})"),
            i.map(lambda x: f"(1+ {x})"),
            s.map(lambda x: f"(length {x})"),
            lst.map(lambda x: f"(length {x})"),
            s.map(lambda x: f"(string-to-number {x})"),
            lst.map(lambda x: f"(car {x})"),
            st.tuples(i, lst).map(lambda t: f"(nth {t[0]} {t[1]})"),
            st.tuples(i, i, i).map(lambda t: f"(if (< {t[0]} 0) {t[1]} {t[2]})"),
            st.tuples(i, i).map(lambda t: f"(let ((v {t[0]})) (setq v (* v 2)) (+ v {t[1]}))"),
        )
    if kind == "str":
        return st.one_of(
            st.tuples(s, s).map(lambda t: f"(concat {t[0]} {t[1]})"),
            s.map(lambda x: f"(upcase {x})"), s.map(lambda x: f"(downcase {x})"),
            s.map(lambda x: f"(capitalize {x})"),
            st.tuples(s, i).map(lambda t: f"(substring {t[0]} {t[1]})"),
            i.map(lambda x: f"(number-to-string {x})"),
            st.tuples(s, i).map(lambda t: f'(format "%s-%d" {t[0]} {t[1]})'),
            st.tuples(s, i).map(lambda t: f'(format "%5s|%-4d|%x" {t[0]} {t[1]} {t[1]})'),
            st.tuples(s, s).map(lambda t: f'(if (string= {t[0]} {t[1]}) "same" {t[1]})'),
            st.tuples(s, s).map(lambda t: f"(let ((w {t[0]})) (concat w w {t[1]}))"),
            st.tuples(lst).map(lambda t: f'(mapconcat #\'number-to-string {t[0]} ",")'),
        )
    return st.one_of(
        st.tuples(i, i).map(lambda t: f"(list {t[0]} {t[1]})"),
        st.tuples(i, lst).map(lambda t: f"(cons {t[0]} {t[1]})"),
        st.tuples(lst, lst).map(lambda t: f"(append {t[0]} {t[1]})"),
        lst.map(lambda x: f"(reverse {x})"), lst.map(lambda x: f"(cdr {x})"),
        lst.map(lambda x: f"(mapcar #'1+ {x})"),
        st.tuples(i, lst).map(lambda t: f"(memq {t[0]} {t[1]})"),
        st.tuples(i, lst).map(lambda t: f"(nthcdr {t[0]} {t[1]})"),
        st.tuples(i, i).map(lambda t: f"(number-sequence {t[0]} {t[1]})"),
        st.tuples(lst, i).map(lambda t: f"(let ((acc nil)) (dolist (e {t[0]} acc) (setq acc (cons (+ e {t[1]}) acc))))"),
    )


def children_for(children: st.SearchStrategy[str]) -> tuple[st.SearchStrategy[str], ...]:
    # Children are typed by construction through recursion below; leaves per type:
    return _INT, _STR, _LIST


_INT_LEAF = st.one_of(ints, st.just("a"))
_STR_LEAF = st.one_of(strs, st.just("b"))
_LIST_LEAF = st.one_of(st.sampled_from(["nil", "'(1 2 3)", "'(-4 5)", "'(0)"]), st.just("c"))
_INT = st.deferred(lambda: st.one_of(_INT_LEAF, _INT_LEAF, _INT_LEAF, _EXT["int"]))
_STR = st.deferred(lambda: st.one_of(_STR_LEAF, _STR_LEAF, _STR_LEAF, _EXT["str"]))
_LIST = st.deferred(lambda: st.one_of(_LIST_LEAF, _LIST_LEAF, _LIST_LEAF, _EXT["list"]))
_EXT = {kind: _extend(st.nothing(), kind) for kind in ("int", "str", "list")}

program = st.tuples(ints, strs, st.sampled_from(["'(1 2)", "nil", "'(7)"]),
                    st.one_of(_INT, _STR, _LIST)).map(
    lambda t: f"(let ((a {t[0]}) (b {t[1]}) (c {t[2]})) (setq a (1+ a)) {t[3]})")


def _ours(ip: Interpreter, text: str) -> object:
    try:
        return ip.eval(read_from_string(text, 0)[0])
    except LispSignal as exc:
        return lisp_list([intern("ERROR"), exc.symbol])


def _compare(programs: list[str], home: Path, lexical: bool) -> list[str]:
    from elconf.printer import prin1_to_string

    expected = emacs_values(programs, home, lexical=lexical)
    ip = Interpreter(home=home, env={"HOME": str(home)})
    ip.lexical = lexical
    bad = []
    for text, want in zip(programs, expected):
        got = _ours(ip, text)
        if not lisp_equal(got, want):
            bad.append(f"{text}\n   emacs: {prin1_to_string(want)}\n   ours:  {prin1_to_string(got)}")
    return bad


def generate_programs(count: int) -> list[str]:
    """``count`` programs drawn by Hypothesis (derandomized: the same every run)."""
    drawn: list[str] = []

    @settings(max_examples=count, derandomize=True, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck), database=None)
    @given(program)
    def collect(text: str) -> None:
        drawn.append(text)

    collect()
    return list(dict.fromkeys(drawn))


@pytest.mark.emacs
def test_random_programs_match_emacs(tmp_path: Path) -> None:
    programs = generate_programs(PROGRAMS_PER_RUN)
    assert len(programs) > PROGRAMS_PER_RUN // 2
    mismatches = _compare(programs, tmp_path, lexical=False) + _compare(programs[:60], tmp_path, lexical=True)
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches[:20])
