"""Whatever the init file says, evaluation ends with values and diagnostics,
never a Python exception: random forms built from the special-form and
builtin names with random arguments."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elconf.builtins import BUILTINS
from elconf.interpreter import Interpreter
from elconf.special_forms import SPECIAL_FORMS

_SAFE_BUILTINS = sorted(name.name for name in BUILTINS
                        if not name.name.startswith(("shell", "call-process", "start-", "make-process",
                                                     "process-", "load", "require")))
_HEADS = sorted(s.name for s in SPECIAL_FORMS if s.name not in ("use-package",)) + _SAFE_BUILTINS

atoms = st.one_of(st.integers(-3, 3).map(str), st.sampled_from(['"s"', "nil", "t", "x", "'a", ":k", "1.5",
                                                                "'(1 2)", "[1 2]", "?a"]))
forms = st.recursive(
    atoms,
    lambda inner: st.tuples(st.sampled_from(_HEADS), st.lists(inner, max_size=4)).map(
        lambda t: "(" + " ".join([t[0], *t[1]]) + ")")
    | st.lists(inner, max_size=3).map(lambda xs: "(" + " ".join(xs) + ")"),
    max_leaves=12)


@settings(max_examples=120, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.lists(forms, min_size=1, max_size=6))
def test_random_forms_never_crash_the_evaluator(tmp_path_factory, texts: list[str]) -> None:
    home = tmp_path_factory.mktemp("fuzz")
    init = home / "init.el"
    init.write_text("(setq x 1)\n" + "\n".join(texts) + "\n", encoding="utf-8")
    ip = Interpreter(home=home, env={"HOME": str(home)})
    result = ip.load_file(Path(init))
    assert result in (True, False)
    if not result:
        assert ip.diagnostics and ip.diagnostics[-1].severity == "error"
