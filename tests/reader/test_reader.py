"""Unit tests of the reader: values, positions and errors, one syntax feature at a time.

Expected values were observed in Emacs 28.2 (the parity corpus checks the
same syntax against live Emacs; these tests pin the Python-level results:
types, positions, error attributes).
"""

from __future__ import annotations

import math

import pytest

from elconf.equality import lisp_equal
from elconf.printer import prin1_to_string
from elconf.reader import Form, ReadError, read_file, read_forms, read_from_string, read_one
from elconf.types import (NIL, BoolVector, ByteCode, Cons, HashTable, LispString, Record, Symbol, Vector,
                          intern, lisp_list)


def p1(value: object) -> str:
    return prin1_to_string(value, escape_newlines=True, escape_control=True, gensym=True)


def error_of(text: str) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_one(text)
    return info.value


@pytest.mark.parametrize("text, expected", [
    ("0", 0), ("+1", 1), ("-0", 0), ("1.", 1), ("-1.", -1), ("007", 7),
    ("123456789012345678901234567890", 123456789012345678901234567890),
    ("#x1F", 31), ("#X1f", 31), ("#x-1f", -31), ("#o17", 15), ("#b101", 5), ("#24r1k", 44),
    ("#36rZZ", 1295), ("?a", 97), ("?\\C-a", 1), ("?\\M-a", 134217825), ("?\\C-%", 67108901),
    ("?\\C-\\M-m", 134217741), ("?\\^?", 127), ("?\\s", 32), ("? ", 32), ("?\\s-a", 8388705),
    ("?\\040", 32), ("?\\x41", 65), ("?\\u00e9", 233), ("?λ", 955), ("?\\\"", 34), ("?\\(", 40),
    ("?\\N{LATIN SMALL LETTER A}", 97), ("?\\C-é", 137), ("?\\x", 0), ("?\\777", 511),
    ("?\\M-", -1), ("?\\\n", -1), ("?\\U0001F600", 0x1F600),
])
def test_integers_and_characters(text: str, expected: int) -> None:
    value = read_one(text)
    assert type(value) is int and value == expected


@pytest.mark.parametrize("text, expected", [
    (".5", 0.5), ("-.5", -0.5), ("1e5", 100000.0), ("1.e5", 100000.0), ("1E5", 100000.0),
    ("1e-6", 1e-6), ("-0.0", -0.0), ("1.0e+INF", math.inf), ("-1.0e+INF", -math.inf), ("0.0e+INF", math.inf),
])
def test_floats(text: str, expected: float) -> None:
    value = read_one(text)
    assert type(value) is float and value == expected
    assert math.copysign(1, value) == math.copysign(1, expected)


def test_nan_keeps_sign_and_payload() -> None:
    assert math.isnan(read_one("0.0e+NaN"))
    assert p1(read_one("-0.0e+NaN")) == "-0.0e+NaN"
    assert p1(read_one("1.5e+NaN")) == "1.0e+NaN"


@pytest.mark.parametrize("text, name", [
    ("1+", "1+"), ("+.", "+."), ("1e", "1e"), ("-", "-"), (".5e", ".5e"), ("1.5.", "1.5."),
    ("a\\ b", "a b"), ("\\,foo", ",foo"), ("\\n", "n"), ("\\1", "1"), ("a?b", "a?b"),
    ("foo-bar", "foo-bar"), (":kw", ":kw"), ("été", "été"), ("1e5x", "1e5x"), ("0x10", "0x10"),
    ("#_foo", "foo"), ("#_1", "1"), ("##", ""),
])
def test_symbols(text: str, name: str) -> None:
    value = read_one(text)
    assert isinstance(value, Symbol) and value.interned and value.name == name
    assert value is intern(name)


def test_uninterned_symbols() -> None:
    for text, name in [("#:foo", "foo"), ("#:1", "1"), ("#:", ""), ("#_", "")]:
        value = read_one(text)
        assert isinstance(value, Symbol) and not value.interned and value.name == name
    assert read_one("#:foo") is not read_one("#:foo")


@pytest.mark.parametrize("text, expected", [
    ('"plain"', "plain"), ('""', ""), ('"a\\"b"', 'a"b'), ('"\\n\\t\\r\\f\\v\\a\\e\\d\\s"', "\n\t\r\f\v\a\x1b\x7f "),
    ('"a\\\nb"', "ab"), ('"a\\ b"', "ab"), ('"\\x41\\101\\u00e9\\U0001F600"', "AAé😀"), ('"\\x0e9"', "é"),
    ('"\\N{U+E9}"', "é"), ('"\\N{latin small letter e with acute}"', "é"), ('"\\C-a\\^b"', "\x01\x02"),
    ('"\\C- \\C-?"', "\x00\x7f"), ('"\\S-a"', "A"), ('"\\q"', "q"), ('"\\x"', "\x00"), ('"\\s-a"', " -a"),
])
def test_strings(text: str, expected: str) -> None:
    value = read_one(text)
    assert value == expected and not getattr(value, "unibyte", False)


def test_raw_bytes_make_unibyte_strings() -> None:
    value = read_one('"\\xe9\\M-a"')
    assert isinstance(value, LispString) and value.unibyte
    assert value == "\udce9\udce1"
    mixed = read_one('"é\\xe9"')
    assert mixed == "é\udce9" and not getattr(mixed, "unibyte", False)


def test_lists_dotted_pairs_and_vectors() -> None:
    assert read_one("()") is NIL
    assert p1(read_one("(a b . c)")) == "(a b . c)"
    assert read_one("( . x)") is intern("x")
    assert p1(read_one("(a .)")) == "(a \\.)"
    assert p1(read_one("(a .'b)")) == "(a quote b)"
    assert p1(read_one("(a .?b)")) == "(a . 98)"
    vector = read_one("[a (b) [c]]")
    assert isinstance(vector, Vector) and isinstance(vector[2], Vector) and len(vector) == 3


def test_quote_forms() -> None:
    for text, head in [("'x", "quote"), ("#'x", "function"), ("`x", "`"), (",x", ","), (",@x", ",@")]:
        value = read_one(text)
        assert lisp_equal(value, lisp_list([intern(head), intern("x")]))
    assert p1(read_one("`(a ,b ,@c)")) == "`(a ,b ,@c)"
    assert p1(read_one(",.a")) == "(\\, \\.a)"


def test_hash_syntax_objects() -> None:
    record = read_one("#s(point 1 2)")
    assert isinstance(record, Record) and list(record) == [intern("point"), 1, 2]
    table = read_one("#s(hash-table test equal data (\"k\" 1 b 2))")
    assert isinstance(table, HashTable) and table.test is intern("equal") and table.get("k") == 1
    assert isinstance(read_one("#[(x) \"\\300\\207\" [x] 1]"), ByteCode)
    bools = read_one('#&10"\\377\\3"')
    assert isinstance(bools, BoolVector) and bools.length == 10 and bools.bits == b"\xff\x03"
    text = read_one('#("abcd" 0 4 (a 1) 1 2 (b 2))')
    assert isinstance(text, LispString) and text == "abcd"
    assert [(s, e) for s, e, _ in text.props] == [(0, 1), (1, 2), (2, 4)]


def test_shared_and_circular_structure() -> None:
    value = read_one("(#1=(x) #1#)")
    assert value.car is value.cdr.car
    circular = read_one("#1=(a . #1#)")
    assert circular.cdr is circular
    vector = read_one("#1=[a #1#]")
    assert vector[1] is vector
    assert p1(read_one("#1=(a b c . #1#)")) == "(a b c a b . #2)"


def test_file_name_and_skips() -> None:
    forms = list(read_forms("#!/usr/bin/emacs --script\n(a)\n#$\n#@00 (ignored", filename="dir/f.el"))
    assert [f.line for f in forms] == [2, 3, 4]
    assert isinstance(forms[1].value, str) and forms[1].value.endswith("/dir/f.el")
    assert forms[1].value.startswith("/")
    assert forms[2].value is NIL
    assert list(read_forms("#$"))[0].value is NIL


def test_positions_of_forms_and_conses() -> None:
    text = ";; c\n\f(a\n  (b 'c))\n\t [v]  \"s\"\n\u00a0x"
    forms = list(read_forms(text))
    assert [(f.line, f.col) for f in forms] == [(2, 2), (4, 3), (4, 8), (5, 2)]
    assert [text[f.offset:f.end] for f in forms] == ["(a\n  (b 'c))", "[v]", '"s"', "x"]
    outer = forms[0].value
    inner = outer.cdr.car
    quoted = inner.cdr.car
    assert outer.pos == (2, 2) and outer.cdr.pos == (2, 2)
    assert inner.pos == (3, 3)
    assert quoted.pos == (3, 6) and quoted.cdr.pos == (3, 6)


def test_form_text_reads_back_to_the_same_value() -> None:
    text = "(setq a '(1 . 2)) [x \"y\"] ?a #x10 `(b ,c)"
    for form in read_forms(text):
        again = read_one(text[form.offset:form.end])
        assert p1(again) == p1(form.value)


def test_read_from_string_returns_the_index_after() -> None:
    assert read_from_string("abc def") == (intern("abc"), 3)
    value, end = read_from_string("  (a b) c", 0)
    assert end == 7 and p1(value) == "(a b)"
    assert read_from_string("x y", 1) == (intern("y"), 3)


@pytest.mark.parametrize("text, symbol, message, line, col", [
    ("(a b", "end-of-file", "End of file during parsing", 1, 5),
    ("\"abc", "end-of-file", "End of file during parsing", 1, 5),
    (")", "invalid-read-syntax", 'Invalid read syntax: ")"', 1, 2),
    ("(a . b c)", "invalid-read-syntax", 'Invalid read syntax: ". in wrong context"', 1, 9),
    ("[a . b]", "invalid-read-syntax", 'Invalid read syntax: ") or . in a vector"', 1, 5),
    ("(a ]", "invalid-read-syntax", 'Invalid read syntax: "] in a list"', 1, 5),
    ("?ab", "invalid-read-syntax", 'Invalid read syntax: "?"', 1, 3),
    ("\"\\C-%\"", "invalid-read-syntax", 'Invalid read syntax: "Invalid modifier in string"', 1, 6),
    ("?\\Mx", "error", "Invalid escape character syntax", 1, 5),
    ("\"\\u12\"", "error", 'Non-hex character used for Unicode escape: " (34)', 1, 7),
    ("\"\\N{nonesuch}\"", "invalid-read-syntax", 'Invalid read syntax: "\\\\N{nonesuch}"', 1, 14),
    ("#x1G", "invalid-read-syntax", 'Invalid read syntax: "integer, radix 16"', 1, 5),
    ("#<buffer>", "invalid-read-syntax", 'Invalid read syntax: "#"', 1, 2),
    ("#2#", "invalid-read-syntax", 'Invalid read syntax: "#"', 1, 3),
    ("#s(hash-table data (a))", "error", "Hash table data is not a list of even length", 1, 24),
    ("#(\"abc\" 0 5 (a 1))", "args-out-of-range", "Args out of range: 0, 5", 1, 18),
])
def test_errors(text: str, symbol: str, message: str, line: int, col: int) -> None:
    error = error_of(text)
    assert (error.error_symbol, error.emacs_message, error.line, error.col) == (symbol, message, line, col)


def test_error_messages_say_where_an_unclosed_form_began() -> None:
    with pytest.raises(ReadError) as info:
        list(read_forms("(setq a 1)\n\n(setq b\n  (list 1", filename="init.el"))
    error = info.value
    assert error.format() == ("init.el:4:10: error: End of file during parsing "
                              "(the list opened at 4:3 is not closed)")
    with pytest.raises(ReadError) as info:
        list(read_forms('(a)\n  "abc', filename="f.el"))
    assert "the string opened at 2:3 is not closed" in info.value.message
    assert info.value.to_diagnostic().format().startswith("f.el:2:7: error: End of file")


def test_forms_before_an_error_are_yielded() -> None:
    seen: list[Form] = []
    with pytest.raises(ReadError):
        for form in read_forms("(a) (b) ) (c)"):
            seen.append(form)
    assert [p1(f.value) for f in seen] == ["(a)", "(b)"]


def test_load_skips_only_blank_characters_between_forms() -> None:
    assert [p1(f.value) for f in read_forms("(a)\n  ;; end\n")] == ["(a)"]
    with pytest.raises(ReadError) as info:
        list(read_forms("(a)\n\x0b"))
    assert info.value.error_symbol == "end-of-file"


def test_deep_nesting_never_exhausts_the_stack() -> None:
    with pytest.raises(ReadError) as info:
        read_one("(" * 90_000)
    assert info.value.error_symbol == "end-of-file"
    value = read_one("(" * 30_000 + ")" * 30_000)
    levels = 0
    while isinstance(value, Cons):
        value = value.car
        levels += 1
    assert levels == 29_999


@pytest.mark.parametrize("opener", ["(", "[", "'", "`", "#s("])
def test_nesting_past_the_limit_is_an_error_at_its_place(opener: str) -> None:
    """Emacs overflows its C stack near 50,000 levels; we stop at 100,000, quickly."""
    text = opener * 1_000_000 + "x"
    with pytest.raises(ReadError) as info:
        read_one(text)
    assert info.value.error_symbol == "error"
    assert "Nesting deeper than 100000 levels" in info.value.format()
    assert (info.value.line, info.value.col) == (1, 100_000 * len(opener) + 1)


def test_read_file_decodes_like_load(tmp_path) -> None:
    path = tmp_path / "init.el"
    path.write_bytes(b';; -*- coding: latin-1 -*-\r\n(setq a "caf\xe9")\r\n')
    forms = read_file(path)
    assert len(forms) == 1 and forms[0].line == 2
    assert forms[0].value.cdr.cdr.car == "café"


def test_reader_conses_have_every_slot() -> None:
    """The reader fills Cons slots directly (for speed): it must fill all of them."""
    for text in ["(a b . c)", "'x", "#1=(a . #1#)", "#s(hash-table data (a 1))", "`(a ,b)"]:
        todo = [read_one(text)]
        seen: set[int] = set()
        while todo:
            cell = todo.pop()
            if not isinstance(cell, Cons) or id(cell) in seen:
                continue
            seen.add(id(cell))
            for slot in Cons.__slots__:
                getattr(cell, slot)          # AttributeError if the reader left one unset
            assert cell.pos is not None or text.startswith("#s")
            todo.extend([cell.car, cell.cdr])
