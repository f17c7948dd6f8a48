"""Every configuration of the real-configs corpus gives the same state through the cache.

For each home directory of tests/realconfigs/configs (Doom, Spacemacs,
mu4e contexts, use-package, straight, literate configs...): a fresh
evaluation, the first cached run (which evaluates and saves) and the second
(which restores) must agree on every variable's printed value, every
diagnostic and the features, and the second must be a hit.  A state that
cannot be saved (something the pickler does not know) fails here rather
than silently costing every send its evaluation.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from elconf.cache import CacheReport, load_config_cached
from elconf.config import LoadOptions, load_config
from elconf.printer import prin1_to_string
from tests.realconfigs.cases import BASE_ENV, CONFIGS

CASES = sorted(p.name for p in CONFIGS.iterdir() if p.is_dir())


def _printed(value: object) -> object:
    """Lisp values as printed (a cons compares by identity), plain Python values as they are."""
    return value if isinstance(value, (str, int, float, bool, type(None), tuple)) \
        else prin1_to_string(value)


def _state(loaded: object) -> tuple:
    values = {name: prin1_to_string(loaded.get(name)) for name in loaded.store.names()}  # type: ignore[attr-defined]
    try:
        send: object = {field: _printed(value)
                        for field, value in vars(loaded.send_config()).items()}  # type: ignore[attr-defined]
    except Exception as err:  # noqa: BLE001 - a config elsend refuses must be refused alike
        send = f"{type(err).__name__}: {err}"
    return (values, [d.format() for d in loaded.diagnostics],  # type: ignore[attr-defined]
            list(loaded.interpreter.features), send)  # type: ignore[attr-defined]


@pytest.mark.parametrize("case", CASES)
def test_the_cached_state_is_the_evaluated_state(case: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    shutil.copytree(CONFIGS / case, home, symlinks=True)
    env = {**BASE_ENV, "HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    fresh = _state(load_config(LoadOptions(home=home, env=env)))
    first_report, second_report = CacheReport(), CacheReport()
    first = _state(load_config_cached(LoadOptions(home=home, env=env), report=first_report))
    assert first_report.saved, first_report.why
    second = _state(load_config_cached(LoadOptions(home=home, env=env), report=second_report))
    assert second_report.hit, second_report.why
    assert first == fresh
    assert second == fresh
