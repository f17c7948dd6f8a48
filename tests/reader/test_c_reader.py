"""The compiled reader (elconf/_readerc.c) reads exactly what the pure-Python reader reads.

Three readings of every text are compared form by form: the compiled scanner
(with its hand-offs to the general reader), the pure-Python fast path
(``findall`` and a flat loop), and the general reader alone.  Same printed
values, same places of every form and of every list inside it, same error with
the same message and place.  Texts: every Emacs Lisp source installed with
Emacs 28.2 (1,641 files), the parity and real-configs corpora, edge cases,
hostile input (deep nesting, NULs, raw bytes, huge files) and generated text.

When ``ELCONF_REQUIRE_C_READER=1`` (scripts/test-all sets it) a missing
extension fails :func:`test_extension_is_built` loudly; without it the
comparisons need the extension and say so when it is absent.
"""

from __future__ import annotations

import gc
import gzip
import os
import struct
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from elconf import reader_fast
from elconf.printer import prin1_to_string
from elconf.reader import Reader, ReadError, read_forms_general
from elconf.source import decode_source, load_source
from elconf.types import Cons, LispString, Symbol

from tests.reader.test_fast_path import PARITY, REALCONFIGS, _PIECES, outcome

EMACS_LISP = Path("/usr/share/emacs/28.2/lisp")
ALL_EMACS_SOURCES = sorted(EMACS_LISP.rglob("*.el.gz"))
compiled = reader_fast.load_compiled(honour_env=False)    # also under ELCONF_PURE_READER=1
REQUIRED = os.environ.get("ELCONF_REQUIRE_C_READER", "") not in ("", "0")


def test_extension_is_built() -> None:
    """CI builds the extension: its absence there is a broken build, not a fallback.  And
    ``ELCONF_PURE_READER=1`` is what decides whether read_forms uses it."""
    if REQUIRED:
        assert compiled is not None, (
            "ELCONF_REQUIRE_C_READER is set but elconf._readerc is not importable: "
            "`pip install -e .` needs a C compiler and Python's headers (scripts/test-all checks)")
    if os.environ.get("ELCONF_PURE_READER", "") in ("", "0"):
        assert reader_fast.compiled is compiled      # read_forms uses it when it is built
    else:
        assert reader_fast.compiled is None          # the switch forces the pure-Python reader


# Without the extension these tests can only be skipped, except where it is required
# (scripts/test-all): there each of them fails.
needs_c = pytest.mark.skipif(compiled is None and not REQUIRED, reason="elconf._readerc is not "
                             "built (ELCONF_REQUIRE_C_READER=1 turns this into a failure)")


def read_compiled(text: str, filename: str | None = None) -> Any:
    assert compiled is not None, "elconf._readerc is not built"
    return reader_fast._read_all_compiled(Reader(text, filename), compiled.scan)


def read_python(text: str, filename: str | None = None) -> Any:
    return reader_fast._read_all_python(Reader(text, filename))


def same_value(a: Any, b: Any) -> bool:
    """Whether two read values are the same: types, atoms, strings (and their properties),
    symbols (interned ones identical), the place of every cons; shared and circular
    structure (``#1=``) walked once.  Iterative, so a 100,000-deep list compares too."""
    todo = [(a, b)]
    seen: set[tuple[int, int]] = set()
    while todo:
        x, y = todo.pop()
        if type(x) is not type(y):
            return False
        if isinstance(x, Cons):
            if (id(x), id(y)) in seen:
                continue
            seen.add((id(x), id(y)))
            if x.pos != y.pos:
                return False
            todo += [(x.cdr, y.cdr), (x.car, y.car)]
        elif isinstance(x, (list, tuple)):  # Vector, Record, ByteCode, char-tables; string props
            if (id(x), id(y)) in seen:
                continue
            seen.add((id(x), id(y)))
            if len(x) != len(y):
                return False
            todo += zip(x, y)
        elif isinstance(x, Symbol):
            if x is not y and (x.interned or y.interned or x.name != y.name):
                return False
        elif isinstance(x, float):
            if repr(x) != repr(y) or struct.pack("<d", x) != struct.pack("<d", y):
                return False
        elif isinstance(x, (int, str)):
            if x != y or getattr(x, "unibyte", None) != getattr(y, "unibyte", None):
                return False
            if isinstance(x, LispString):
                todo.append((x.props, y.props))
        elif prin1_to_string(x) != prin1_to_string(y):
            return False
    return True


def forms_of(reading: Any, text: str) -> tuple[list[Any], Any]:
    """The forms a reading yields, and the error it ends with (as comparable data) or None."""
    forms: list[Any] = []
    try:
        for form in reading(text, "file.el"):
            forms.append(form)
    except ReadError as error:
        return forms, (error.format(), error.error_symbol, error.emacs_message, error.line,
                       error.col, error.offset, error.opened)
    return forms, None


def same_reading(text: str, reading: Any, reference: tuple[list[Any], Any]) -> bool:
    forms, error = forms_of(reading, text)
    expected, expected_error = reference
    return error == expected_error and len(forms) == len(expected) and all(
        (f.line, f.col, f.offset, f.end) == (g.line, g.col, g.offset, g.end) and same_value(f.value, g.value)
        for f, g in zip(forms, expected))


def assert_same(text: str, printed: bool = True) -> None:
    reference = forms_of(read_forms_general, text)
    assert same_reading(text, read_compiled, reference)
    assert same_reading(text, read_python, reference)
    if printed:
        # And the printed forms with their places, as test_fast_path compares them.
        expected = outcome(read_forms_general, text)
        assert outcome(read_compiled, text) == expected


@needs_c
@pytest.mark.slow
def test_all_installed_emacs_sources() -> None:
    """All of Emacs's own Lisp: the compiled reader, the Python fast path and the general
    reader agree on every form (value, places of every cons) of every file."""
    assert len(ALL_EMACS_SOURCES) > 1500, "emacs-el is not installed (.ci/run installs it)"
    differing = []
    for path in ALL_EMACS_SOURCES:
        text = decode_source(gzip.decompress(path.read_bytes()))
        reference = forms_of(read_forms_general, text)
        if not same_reading(text, read_compiled, reference) or not same_reading(text, read_python, reference):
            differing.append(str(path))
    assert differing == []


@needs_c
@pytest.mark.parametrize("path", PARITY, ids=lambda p: p.name)
def test_parity_corpus(path: Path) -> None:
    assert_same(load_source(path))


@needs_c
def test_realconfigs_corpus() -> None:
    assert REALCONFIGS
    for path in REALCONFIGS:
        assert_same(load_source(path))


@needs_c
@pytest.mark.parametrize("text", [
    "", " ", "\n;; only a comment", "(a b . c)", "(a . b c)", "(a .)", "(. a)", "(a .b)", "(a . 'b)",
    "(a . (b))", "(a . [b])", "(a . b . c)", "(a . ,b)", "[a . b]", "'. a", "'a b", "[a 'b c]", "a b c",
    "(x) )", "(x)) (y)", ")", "]", "(a]", "[a)", "'", "#'", "`", ",", ",@", "(,@a ,b `c #'d 'e)",
    "(\u2003)", "(a\u2003b)", "(\x85)", "(x)\x01", "(x)\x01(y)", "\x01", "\x00(a)", "(a\x00b)",
    "(a ?\\C-x ?\\N{LATIN SMALL LETTER A} ?\\^? ?\\( ?a?b)", "(?\\C-\")", '("\\C-"" x)', "?ab", "?a.",
    "?\n", "(?\n?\t? ?))", "?\\", "?", "(?", "?\udc80", "(?\udcff)",
    '("a\\\nb" "\\x41\\ " "\\u00e9" "\\s" "\\d" "\\(fn)")', "(foo\\ bar \\, .\\x)", "(a\\", "a\\",
    "(#x10 #s(a b) #'f)", "(a #1=(b) #1#)", "#!shebang\n(x)", "(x) #@00 (y)", "(a\n", "(a \"b", "\"\\",
    "(1.5 1.5 .5 -0.0 1e5 +1 1+ 1. .e5 1.e5 -1.5e+INF 0.0e+NaN +.  - + 99999999999999999999999)",
    "(\xa0a\xa0b)", "(a;c\nb)", "(a\fb\rc)", "(.\xa0)", "(a .\xa0b)", "(a . \udc80)", "(\udc80)",
    "\"\udc80\"", "\"a\\\udc80\"", "(a\udc80b)", "(é ü 日本 \U0001F600 \"\U0001F600\")",
    "(setq\n  a 1\n  b \"two\nlines\"\n  c '(x . y))\n(next)",
    "((((((((((a))))))))))", "[[[[]]]]", "'''a", "'@'1", "(#'@x '@ y)", "(a '(b . c) . d)", "#'(lambda (x) x)",
])
def test_edge_cases(text: str) -> None:
    assert_same(text)


@needs_c
@pytest.mark.parametrize("depth", [9_999, 10_000, 10_001, 120_000])
def test_deep_nesting_hands_off_without_recursion(depth: int) -> None:
    """The C code keeps its stacks on the heap and hands deep forms to the general
    reader (which has its own limit and error): no C stack overflow, same outcome."""
    for text in ["(" * depth + ")" * depth, "[" * depth + "]" * depth, "'" * depth + "a",
                 "(" * depth, "(" * depth + "a" + ")" * (depth + 1)]:
        assert_same(text, printed=False)   # the printer stops at its depth limit


@needs_c
def test_huge_file() -> None:
    body = "".join(f"(setq v{i} '(a . {i}) s \"x\\ty\" c ?a f {i}.5 k [1 2])\n" for i in range(100_000))
    text = body + "(progn\n" * 3
    reference = forms_of(read_forms_general, text)
    assert same_reading(text, read_compiled, reference)
    assert len(reference[0]) == 100_000 and reference[1] is not None


@needs_c
def test_memory_does_not_grow_over_many_reads() -> None:
    """No reference leaked: the blocks allocated stay flat over 1,000 reads (after a first
    read filled the reader's caches), hard forms and errors included."""
    text = load_source(EMACS_LISP / "mail/smtpmail.el.gz")[:20_000] + '\n(a #x10 "\\e" ?\\C-x . b)\n(x . y z)\n("u'

    def read_once() -> None:
        try:
            for _ in read_compiled(text, "f.el"):
                pass
        except Exception:  # noqa: BLE001 - the last form is an unclosed string
            pass

    for _ in range(20):
        read_once()
    gc.collect()
    before = sys.getallocatedblocks()
    for _ in range(1000):
        read_once()
    gc.collect()
    assert sys.getallocatedblocks() - before < 200


@needs_c
def test_scan_rejects_bad_arguments() -> None:
    assert compiled is not None
    with pytest.raises(ValueError):
        compiled.scan("(a)", 5, 10, 1, 0, [])
    with pytest.raises(TypeError):
        compiled.scan(b"(a)", 0, 10, 1, 0, [])


@needs_c
@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_generated_text(pieces: list[str]) -> None:
    assert_same("".join(pieces))


@needs_c
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("()[]'`,@#.?\\\";\n abé1\x00\xa0\udc80")), max_size=40))
def test_generated_characters(text: str) -> None:
    assert_same(text)
