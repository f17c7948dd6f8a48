"""Printer tests: prin1/princ text for every kind of value, as Emacs 28.2 prints it."""

from __future__ import annotations

import math

import pytest

from elconf.printer import PrintError, float_to_string, prin1_to_string, princ_to_string
from elconf.reader import read_one
from elconf.types import (NIL, BoolVector, Cons, HashTable, LispString, Record, Symbol, Vector, intern,
                          lisp_list)


@pytest.mark.parametrize("value, text", [
    (1.0, "1.0"), (0.5, "0.5"), (1e-6, "1e-06"), (1e-5, "1e-05"), (0.0001, "0.0001"), (100000.0, "100000.0"),
    (123456.0, "123456.0"), (1e15, "1e+15"), (1e20, "1e+20"), (-0.0, "-0.0"), (0.0, "0.0"),
    (math.inf, "1.0e+INF"), (-math.inf, "-1.0e+INF"), (math.nan, "0.0e+NaN"), (1 / 3, "0.3333333333333333"),
    (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
    (123456789012345678.0, "1.2345678901234568e+17"), (0.1, "0.1"), (-1.5, "-1.5"),
])
def test_floats(value: float, text: str) -> None:
    assert float_to_string(value) == text
    assert prin1_to_string(value) == text


@pytest.mark.parametrize("name, text", [
    ("foo", "foo"), ("a b", "a\\ b"), (",foo", "\\,foo"), ("1", "\\1"), ("-0", "\\-0"), ("1.5", "\\1\\.5"),
    ("1e5", "\\1e5"), ("-.5", "\\-\\.5"), ("1+", "1+"), ("-", "-"), ("+1", "\\+1"), ("?a", "\\?a"),
    ("a?b", "a\\?b"), (".", "\\."), ("a.b", "a\\.b"), ("#a", "\\#a"), ("a\u00a0b", "a\\\u00a0b"),
    ("a\tb", "a\\\tb"), ("\\", "\\\\"), ("", "##"), ("é", "é"), ("1e+INF", "\\1e+INF"), ("a'b", "a\\'b"),
    ("[x]", "\\[x\\]"), ("\"q\"", "\\\"q\\\""), (";", "\\;"), ("`a", "\\`a"),
])
def test_symbols(name: str, text: str) -> None:
    assert prin1_to_string(intern(name)) == text
    assert princ_to_string(intern(name)) == (name or "##")


def test_uninterned_symbols_with_and_without_gensym() -> None:
    assert prin1_to_string(Symbol("g"), gensym=True) == "#:g"
    assert prin1_to_string(Symbol("g")) == "g"
    assert prin1_to_string(Symbol(""), gensym=True) == "#:"
    assert prin1_to_string(Symbol("")) == "##"


@pytest.mark.parametrize("value, plain, escaped", [
    ('a"b\\c', '"a\\"b\\\\c"', '"a\\"b\\\\c"'),
    ("a\nb\fc", '"a\nb\fc"', '"a\\nb\\fc"'),
    ("a\tb\rc\x00\x7f", '"a\tb\rc\x00\x7f"', '"a\\11b\\15c\\0\\177"'),
    ("\x1b[1m", '"\x1b[1m"', '"\\33[1m"'),
    ("\x01" + "7", '"\x017"', '"\\0017"'),
    ("é😀", '"é😀"', '"é😀"'),
    ("\udce9a", '"\\351a"', '"\\351a"'),
    ("\udc80" + "1", '"\\2001"', '"\\2001"'),
])
def test_strings(value: str, plain: str, escaped: str) -> None:
    assert prin1_to_string(value) == plain
    assert prin1_to_string(value, escape_newlines=True, escape_control=True) == escaped
    assert princ_to_string(value) == value


def test_unibyte_strings_print_bytes_as_octal() -> None:
    assert prin1_to_string(LispString("\udce9", unibyte=True)) == '"\\351"'
    assert prin1_to_string(LispString("\udce9", unibyte=True), escape_nonascii=True) == '"\\351"'


def test_propertized_strings() -> None:
    text = LispString("abc", props=[(0, 1, lisp_list([intern("face"), intern("bold")]))])
    assert prin1_to_string(text) == '#("abc" 0 1 (face bold))'
    assert princ_to_string(text) == "abc"


def test_quoted_forms() -> None:
    assert prin1_to_string(read_one("'(quote x)")) == "''x"
    assert prin1_to_string(read_one("'(quote x)"), quoted=False) == "(quote (quote x))"
    assert prin1_to_string(read_one("(function f)")) == "#'f"
    assert prin1_to_string(read_one("`(a ,b ,@c)")) == "`(a ,b ,@c)"
    assert prin1_to_string(read_one("(\\, x)")) == "(\\, x)"
    assert prin1_to_string(read_one("(quote x y)")) == "(quote x y)"
    assert prin1_to_string(read_one("(quote . x)")) == "(quote . x)"


def test_containers() -> None:
    assert prin1_to_string(Vector([])) == "[]"
    assert prin1_to_string(Vector([intern("a"), Vector([1])])) == "[a [1]]"
    assert prin1_to_string(Record([intern("foo"), 1])) == "#s(foo 1)"
    assert prin1_to_string(BoolVector(10, b"\xff\x03")) == '#&10"\\377\x03"'
    assert prin1_to_string(BoolVector(10, b"\xff\x03"), escape_control=True) == '#&10"\\377\\3"'
    assert prin1_to_string(BoolVector(8, b"a")) == '#&8"a"'
    assert prin1_to_string(Cons(1, 2)) == "(1 . 2)"
    assert prin1_to_string(NIL) == "nil"


def test_hash_tables() -> None:
    table = HashTable(intern("equal"))
    table.put("k", 1)
    assert prin1_to_string(table) == ('#s(hash-table size 65 test equal rehash-size 1.5 '
                                      'rehash-threshold 0.8125 data ("k" 1))')
    grown = read_one("#s(hash-table size 10 data (" + " ".join(f"{i} {i}" for i in range(20)) + "))")
    assert prin1_to_string(grown).startswith("#s(hash-table size 22 test eql")


def test_circular_structure_prints_like_emacs() -> None:
    cells = lisp_list([1, 2, 3])
    cells.cdr.cdr.cdr = cells
    assert prin1_to_string(cells) == "(1 2 3 1 2 . #2)"
    seven = lisp_list(range(1, 8))
    last = seven
    while last.cdr is not NIL:
        last = last.cdr
    last.cdr = seven.cdr
    assert prin1_to_string(seven) == "(1 2 3 4 5 6 7 2 3 4 5 6 . #6)"
    self_car = lisp_list([0, 2])
    self_car.car = self_car
    assert prin1_to_string(self_car) == "(#0 2)"


def test_printing_too_deep_fails_as_emacs_does() -> None:
    # 199 nested lists around nil print; anything at depth 200 is refused.
    assert len(prin1_to_string(read_one("(" * 200 + ")" * 200))) == 401
    for inner in ("", "x", "[]", '"s"'):
        depth = 201 if inner == "" else 200
        with pytest.raises(PrintError, match="Apparently circular structure being printed"):
            prin1_to_string(read_one("(" * depth + inner + ")" * depth))
