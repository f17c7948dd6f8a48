"""Text properties of a printed propertized string, in the order Emacs 28.2 prints them.

Reading ``#("text" START END PLIST)`` adds PLIST's properties one by one, each
new one in front and a repeated one replacing its value in place: Emacs prints
``(face bold display "x")`` for a file that says ``(display "x" face bold)``.
Every case is compared with real Emacs.
"""

from __future__ import annotations

import json

import pytest

from elconf.printer import prin1_to_string
from elconf.reader import read_from_string
from tests.evaluator.emacs_oracle import emacs_outputs

CASES = [
    '#("abc" 0 3 (display "x" face bold))',
    '#("abc" 0 3 (a 1 b 2 c 3 d 4))',
    '#("abc" 0 3 (a 1 a 2))',
    '#("abc" 0 3 (a 1 b 2 a 3))',
    '#("abc" 0 3 (face (bold italic) display (raise 0.2) help-echo "x"))',
    '#("abcdef" 0 3 (b 2 a 1) 3 6 (d 4 c 3))',
    '#("abc" 0 1 (a 1 b 2) 1 3 (b 2 a 1))',
    '#("abc" 0 2 (a 1) 1 3 (b 2 c 3))',
    '#("abc" 0 3 (face bold))',
]


@pytest.fixture(scope="module")
def emacs_printed(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    home = tmp_path_factory.mktemp("home")
    return emacs_outputs([f"(car (read-from-string {json.dumps(case)}))" for case in CASES], home)


@pytest.mark.parametrize("index", range(len(CASES)))
def test_property_order_matches_emacs(index: int, emacs_printed: list[str]) -> None:
    ours = prin1_to_string(read_from_string(CASES[index], 0)[0])
    assert ours == emacs_printed[index]


def test_the_issue_example_prints_face_first() -> None:
    value = read_from_string('#("x" 0 1 (display (height 0.8) face italic))', 0)[0]
    assert prin1_to_string(value) == '#("x" 0 1 (face italic display (height 0.8)))'


def test_odd_length_plist_prints_as_stored() -> None:
    # An odd-length plist (an error in Emacs's reader) prints as it was stored, never crashing.
    from elconf.printer import interval_plist
    from elconf.types import NIL, Cons, intern

    odd = Cons(intern("a"), Cons(1, Cons(intern("b"), NIL)))
    assert interval_plist(odd) is odd
