"""Property: reading what prin1 printed gives back an ``equal`` value (and the same text again)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from elconf.equality import lisp_equal
from elconf.printer import prin1_to_string
from elconf.reader import read_from_string
from elconf.types import Cons, Vector, intern

# Symbol names with the characters the printer must escape, and names that look like numbers.
_symbol_chars = st.sampled_from(list("abcxyz-+*/_:<>=!?.,;#'`\"\\()[] \t\n\u00a0é0123456789eE"))
symbols = st.one_of(
    st.text(_symbol_chars, min_size=1, max_size=8),
    st.sampled_from(["1", "-1", "1.5", "1e5", "+1", ".5", "1+", "-", ".", "?a", "1.0e+INF", "nil", "t"]),
).map(intern)
strings = st.text(st.one_of(st.characters(blacklist_categories=("Cs",)),
                            st.sampled_from(list("\n\f\t\r\x00\x1b\x7f\"\\"))), max_size=20)
floats = st.floats(allow_nan=True, allow_infinity=True)
atoms = st.one_of(symbols, strings, st.integers(), st.integers(min_value=-(10**60), max_value=10**60), floats)


def _conses(children: st.SearchStrategy) -> st.SearchStrategy:
    def build(items: list, tail: object) -> object:
        value = tail
        for item in reversed(items):
            value = Cons(item, value)
        return value

    proper = st.lists(children, min_size=1, max_size=5).map(lambda items: build(items, intern("nil")))
    dotted = st.tuples(st.lists(children, min_size=1, max_size=4), atoms.filter(
        lambda a: not (hasattr(a, "name") and a.name == "nil"))).map(lambda p: build(p[0], p[1]))
    vectors = st.lists(children, max_size=4).map(Vector)
    return st.one_of(proper, dotted, vectors)


values = st.recursive(atoms, _conses, max_leaves=25)


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b) and math.copysign(1, a) == math.copysign(1, b)
    return lisp_equal(a, b)


@settings(max_examples=150, deadline=None)
@given(values, st.booleans(), st.booleans())
def test_read_of_prin1_is_equal(value: object, escape_newlines: bool, escape_control: bool) -> None:
    text = prin1_to_string(value, escape_newlines=escape_newlines, escape_control=escape_control)
    again, end = read_from_string(text)
    assert end == len(text)
    assert _same(value, again) or prin1_to_string(again) == prin1_to_string(value)
    assert prin1_to_string(again, escape_newlines=escape_newlines, escape_control=escape_control) == text


@settings(max_examples=80, deadline=None)
@given(st.lists(values, min_size=1, max_size=5))
def test_forms_separated_by_blanks_read_in_order(items: list) -> None:
    from elconf.reader import read_forms

    text = "\n ".join(prin1_to_string(v) for v in items)
    forms = list(read_forms(text))
    assert [prin1_to_string(f.value) for f in forms] == [prin1_to_string(v) for v in items]
