"""What Emacs 28.2 itself defines: its variables and functions, by name.

The lists are generated from Emacs 28.2 by ``tests/evaluator/make_emacs_variables.py``
(``builtins/emacs28_variables.txt``, ``builtins/emacs28_functions.txt``).  The
evaluator asks them whether a name it does not model is Emacs's own (an unknown
value, a function whose arguments still run) or a package's (void in an Emacs
without the package).
"""

from __future__ import annotations

from pathlib import Path

_NAME_LISTS: dict[str, frozenset[str]] = {}


def _emacs_names(kind: str) -> frozenset[str]:
    """Names listed in ``builtins/emacs28_KIND.txt`` (generated from Emacs 28.2 by
    ``tests/evaluator/make_emacs_variables.py``), read once, when first needed."""
    names = _NAME_LISTS.get(kind)
    if names is None:
        # Package data, installed beside the builtins; opened directly because
        # importlib.resources costs ~3 ms of imports (zipfile, tempfile ...) at start-up.
        path = Path(__file__).parent / "builtins" / f"emacs28_{kind}.txt"
        try:
            text = path.read_text("utf-8")
        except OSError:   # pragma: no cover - data file missing from an install
            text = ""
        names = _NAME_LISTS[kind] = frozenset(line for line in text.split("\n") if line and line[0] != ";")
    return names


def emacs_variables() -> frozenset[str]:
    """Variables bound in Emacs 28.2 after start-up."""
    return _emacs_names("variables")


def emacs_functions() -> frozenset[str]:
    """Functions, macros and special forms defined (or autoloaded) in Emacs 28.2 after start-up."""
    return _emacs_names("functions")


# Functions Emacs 29 added that configs call: void-function in Emacs 28.2.
EMACS29_FUNCTIONS = frozenset({"keymap-set", "keymap-global-set", "keymap-local-set", "keymap-unset",
                               "keymap-substitute", "key-valid-p", "take", "ntake", "string-split",
                               "plistp", "string-pixel-width", "pixel-scroll-precision-mode"})
