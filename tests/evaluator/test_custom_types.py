"""The :type matcher behind setopt's warning agrees with Emacs's widgets."""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.builtins.custom import type_matches
from elconf.reader import read_from_string
from elconf.types import T
from tests.support.emacs import run_emacs

CASES = [
    ("(choice (const nil) string)", "42"), ("(choice (const nil) string)", '"x"'),
    ("(choice (const nil) string)", "nil"), ("(repeat string)", '("a" 1)'),
    ("(repeat string)", '("a" "b")'), ("boolean", "yes"), ("boolean", "t"), ("natnum", "-1"),
    ("integer", "1.0"), ("number", "1.0"), ("(list string integer)", '("a" 1)'),
    ("(list string integer)", '("a")'), ("symbol", "nil"), ("string", "nil"),
    ('(choice (integer :tag "Port") (string :tag "Service"))', '"smtp"'),
    ('(choice (integer :tag "Port") (string :tag "Service"))', "smtp"),
    ("(choice (const :tag \"Default\" nil) (const ssl) (const starttls))", "tls"),
    ("(choice (const :tag \"Default\" nil) (const ssl) (const starttls))", "ssl"),
    ("file", '"x"'), ("directory", "3"),
]


@pytest.mark.emacs
def test_type_matches_agrees_with_emacs_widgets(home: Path) -> None:
    checks = " ".join(f"(m '{t} '{v})" for t, v in CASES)
    code = ("(progn (require 'wid-edit) (require 'cus-edit)"
            "(defun m (type value) (if (widget-apply (widget-convert type) :match value) t nil))"
            f"(prin1 (list {checks})))")
    proc = run_emacs(["-Q", "--eval", code], home=home)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    expected = [x is T for x in read_from_string(proc.stdout.decode(), 0)[0]]
    ours = [type_matches(read_from_string(t, 0)[0], read_from_string(v, 0)[0]) for t, v in CASES]
    assert ours == expected
