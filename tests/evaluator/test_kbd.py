"""``kbd`` as Emacs 28.2 reads key descriptions (elconf/builtins/keys.py).

A binding's key is rarely a mail setting, but a wrong value is worse than an
unknown one: the descriptions init files write are read as Emacs reads them,
and the rarer forms are unknown.
"""

from __future__ import annotations

from pathlib import Path

from tests.evaluator.emacs_oracle import compared_with_emacs

EXPRESSIONS = [
    "(kbd \"C-x C-f\")",
    "(kbd \"C-c m\")",
    "(kbd \"M-x\")",
    "(kbd \"<f5>\")",
    "(kbd \"C-c C-<return>\")",
    "(kbd \"RET\")",
    "(kbd \"s-m\")",
    "(kbd \"C-M-y\")",
    "(kbd \"TAB\")",
    "(kbd \"C-x 4 m\")",
    "(kbd \"<escape>\")",
    "(kbd \"ESC\")",
    "(kbd \"SPC\")",
    "(kbd \"a b\")",
    "(kbd \"C-x m\")",
    "(kbd \"C-c M-m\")",
    "(kbd \"C-?\")",
    "(kbd \"C-%\")",
    "(kbd \"H-a\")",
    "(kbd \"C-S-a\")",
    "(kbd \"M-RET\")",
    "(kbd \"C-c <f12>\")",
    "(kbd \"<mouse-1>\")",
    "(kbd \"C-x r SPC\")",
    "(kbd \"C-A\")",
    "(kbd \"3*a\")",
    "(kbd \"<<next-line>>\")",
    "(kbd \"\\\\^X\")",
]

emacs_printed, test_kbd_as_emacs = compared_with_emacs(EXPRESSIONS[:-3])


def test_rarer_descriptions_are_unknown(tmp_path: Path) -> None:
    from elconf.interpreter import Interpreter
    from elconf.reader import read_from_string
    from elconf.unknowns import Opaque

    ip = Interpreter(home=tmp_path, env={"HOME": str(tmp_path)})
    for text in EXPRESSIONS[-3:]:
        assert type(ip.eval(read_from_string(text, 0)[0])) is Opaque, text
