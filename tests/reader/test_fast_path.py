"""The reader's fast path (elconf.reader_fast) reads exactly what the general reader reads.

``read_forms`` reads most forms with one ``findall`` per chunk and a flat loop,
and hands a form to the general reader (``Reader.read``) as soon as it meets
anything else.  These tests compare it with ``read_forms_general`` (the general
reader alone, one ``read`` per form): the same values (printed), the same
places of every form and of every list inside it, the same error with the same
message and place, on the parity corpus, the real-configs corpus, some of
Emacs's own sources, and generated text made of the tokens where the two could
part (escapes, dots, ``?``, ``#``, blanks str.split() knows and Emacs does not,
forms longer than a chunk, text ending inside a form).
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from elconf import reader_fast
from elconf.printer import prin1_to_string
from elconf.reader import ReadError, read_forms, read_forms_general
from elconf.source import decode_source, load_source
from elconf.types import Cons, Vector

ROOT = Path(__file__).resolve().parents[2]
PARITY = sorted((ROOT / "tests/parity/reader/corpus").glob("*.el"))
REALCONFIGS = sorted(p for p in (ROOT / "tests/realconfigs/configs").rglob("*") if p.is_file()
                     and p.suffix in (".el", "") and p.stat().st_size < 1_000_000)
EMACS_LISP = Path("/usr/share/emacs/28.2/lisp")
EMACS_FILES = ["simple.el.gz", "subr.el.gz", "mail/smtpmail.el.gz", "gnus/message.el.gz",
               "international/characters.el.gz", "emacs-lisp/cl-macs.el.gz"]


def places(value: Any, limit: int = 100_000) -> list[Any]:
    """The positions of every cons of a value, in a fixed order (no recursion)."""
    out: list[Any] = []
    todo = [value]
    seen: set[int] = set()
    while todo and len(out) < limit:
        obj = todo.pop()
        if id(obj) in seen:
            continue
        if isinstance(obj, Cons):
            seen.add(id(obj))
            out.append(obj.pos)
            todo += [obj.cdr, obj.car]
        elif isinstance(obj, Vector):
            seen.add(id(obj))
            todo += reversed(obj)
    return out


def outcome(reading: Any, text: str) -> list[Any]:
    result: list[Any] = []
    try:
        for form in reading(text, "file.el"):
            result.append((prin1_to_string(form.value), form.line, form.col, form.offset, form.end,
                           places(form.value)))
    except ReadError as error:
        result.append(("error", error.format(), error.error_symbol, error.emacs_message,
                       error.line, error.col, error.offset, error.opened))
    return result


def assert_same(text: str) -> None:
    assert outcome(read_forms, text) == outcome(read_forms_general, text)


@pytest.mark.parametrize("path", PARITY, ids=lambda p: p.name)
def test_parity_corpus(path: Path) -> None:
    assert_same(load_source(path))


def test_realconfigs_corpus() -> None:
    assert REALCONFIGS
    for path in REALCONFIGS:
        assert_same(load_source(path))


@pytest.mark.parametrize("name", EMACS_FILES)
def test_emacs_sources(name: str) -> None:
    path = EMACS_LISP / name
    if not path.exists():
        pytest.fail(f"{path} is missing: .ci/run installs emacs-el")
    assert_same(decode_source(gzip.decompress(path.read_bytes())))


def test_forms_longer_than_a_chunk_and_hard_forms_between(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader_fast, "FIRST_CHUNK", 16)
    monkeypatch.setattr(reader_fast, "CHUNK", 64)
    body = "\n".join(f"  (setq v{i} '(a . {i}) s \"x\\ty\" c ?a)" for i in range(40))
    text = (f"(defun f ()\n{body}\n(list 1))\n(setq k ?\\C-x)\n(setq s \"\\e[0m\")\n"
            f"[a b 'c]\n'a b\n(progn\n(x)\n)\n") * 3
    assert_same(text)


@pytest.mark.parametrize("text", [
    "(a b . c)", "(a . b c)", "(a .)", "(. a)", "(a .b)", "(a . 'b)", "(a . (b))", "(a . [b])",
    "'a b", "[a 'b c]", "[a b] c", "a b c", "(x) )", "(x)) (y)", ")", "]", "(a]", "[a)",
    "(\u2003)", "(a\u2003b)", "(\x85)", "(x)\x01", "(x)\x01(y)", "\x01", "(x)\n;; end",
    "(a ?\\C-x ?\\N{LATIN SMALL LETTER A} ?\\^? ?\\( ?a?b)", "(?\\C-\")", '("\\C-"" x)',
    '("a\\\nb" "\\x41\\ " "\\u00e9" "\\s" "\\d")', "(foo\\ bar \\, .\\x)", "(#x10 #s(a b) #'f)",
    "(a #1=(b) #1#)", "#!shebang\n(x)", "(x) #@00 (y)", "(a\n", "'", "(a \"b", "?", "\"\\",
    "(1.5 1.5 .5 -0.0 1e5 +1 1+)", "(\xa0a\xa0b)", "(a;c\nb)", "(a\fb\rc)", "'@'1", "(#'@x '@ y)",
])
def test_edge_cases(text: str) -> None:
    assert_same(text)


_PIECES = st.sampled_from([
    "(", ")", "[", "]", " ", "\n", "\t", "'", "#'", "`", ",", ",@", ".", " . ", "?", "?a", "?\\C-x",
    "?\\(", "a", "bc", "1", "1.5", ".5", "-", "\"s\"", "\"\\n\"", "\"\\e\"", "\"\\C-\"\"", "\\",
    "foo\\ bar", "#", "#x1F", "#s(", "#1=", "#1#", ";c\n", "\u2003", "\xa0", "\x01", "\f", "é",
    "\udc80", "(setq a b ", "a b c", ")))",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30))
def test_generated_text(pieces: list[str]) -> None:
    assert_same("".join(pieces))
