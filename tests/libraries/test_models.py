"""The library models agree with Emacs 28.2.

For every modelled library and two environments (with and without EMAIL,
SMTPSERVER, PASSWORD_STORE_DIR, ...): each variable's binding in ``emacs -Q``
before anything loads, and its value after ``(require FEATURE)``, computed
by elconf from the model, equals what Emacs printed (goldens.json).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.libraries.harness import (MACHINE_DEPENDENT, SCENARIOS, elconf_library, emacs_library,
                                     load_goldens, modelled_libraries)

#: Where we differ from `emacs --batch' on purpose.
DELIBERATE = {
    "noninteractive": "elconf models the interactive session an init file is written for",
    "load-path": "the test driver puts Debian's ELPA packages on Emacs's load-path",
}

JOBS = [(scenario, feature) for scenario in SCENARIOS for feature in modelled_libraries()]


def _diff(expected: dict[str, Any], actual: dict[str, Any], skip: frozenset[str] | set[str]) -> list[str]:
    out = []
    for name, want in expected.items():
        if name in skip:
            continue
        got = actual.get(name)
        if got != want:
            out.append(f"{name}: emacs {want} elconf {got}")
    return out


def test_goldens_cover_every_modelled_variable() -> None:
    goldens = load_goldens()
    for scenario in SCENARIOS:
        assert set(goldens[scenario]) == set(modelled_libraries()), "rerun make_goldens.py"
        for feature, names in modelled_libraries().items():
            assert sorted(goldens[scenario][feature]["loaded"]) == sorted(names), feature


def unknown_on_purpose(feature: str) -> set[str]:
    """Variables a model binds to an unknown value (keymaps, byte-code: elconf/libraries/mu4e.py)."""
    from elconf.libraries import all_libraries

    model = all_libraries().get(feature)
    return {v.name for v in model.variables if v.default.startswith("(elconf--unknown-default")} \
        if model is not None else set()


@pytest.mark.parametrize("scenario,feature", JOBS, ids=[f"{s}-{f}" for s, f in JOBS])
def test_model_defaults_match_emacs(scenario: str, feature: str) -> None:
    golden = load_goldens()[scenario][feature]
    assert golden["require_ok"] is True
    ours = elconf_library(feature, modelled_libraries()[feature], SCENARIOS[scenario])
    skip = MACHINE_DEPENDENT | set(DELIBERATE) | unknown_on_purpose(feature)
    problems = [f"at start-up: {d}" for d in _diff(golden["startup"], ours["startup"], skip)]
    problems += [f"after require: {d}" for d in _diff(golden["loaded"], ours["loaded"], skip)]
    modelled = set(modelled_libraries())
    emacs_loaded = {f for f in golden["features"] if f in modelled}
    ours_loaded = {f for f in ours["features"] if f in modelled}
    if emacs_loaded != ours_loaded:
        problems.append(f"modelled libraries loaded: emacs {sorted(emacs_loaded)} "
                        f"elconf {sorted(ours_loaded)}")
    assert not problems, "\n".join(problems)


def test_model_tables_are_well_formed() -> None:
    from elconf.libraries import all_libraries
    from elconf.libraries.removed import FUTURE_VARIABLES, REMOVED_VARIABLES

    defined: set[str] = set()
    for feature, model in all_libraries().items():
        names = [v.name for v in model.variables]
        assert len(names) == len(set(names)), f"{feature} defines a variable twice"
        for variable in model.preloaded_variables:
            assert variable.name in names or not model.variables, \
                f"{feature}: preloaded {variable.name} missing from its variables"
        for variable in (*model.variables, *model.preloaded_variables):
            assert variable.kind in ("defcustom", "defvar", "defconst")
            assert variable.default.strip(), variable.name
            assert variable.doc, f"{variable.name} has no doc line"
            defined.add(variable.name)
        assert set(model.autoloads) <= set(model.functions) | set(model.autoloads)
    assert not (defined & set(REMOVED_VARIABLES)), "a removed variable is modelled as live"
    assert not (defined & set(FUTURE_VARIABLES)), "an Emacs 29+ variable is modelled for 28.2"


def test_every_default_and_type_is_readable_lisp() -> None:
    from elconf.libraries import all_libraries
    from elconf.reader import read_from_string

    for model in all_libraries().values():
        for variable in (*model.variables, *model.preloaded_variables):
            for source in (variable.default, variable.type):
                if source is None:
                    continue
                _form, end = read_from_string(source, 0)
                assert source[end:].strip() == "", f"{variable.name}: trailing text in {source!r}"


def test_unmodelled_shipped_library_loads_empty() -> None:
    from elconf.libraries import find_library

    assert find_library("cl-lib") is not None and find_library("cl-lib").variables == ()
    assert find_library("org").feature == "org"
    assert find_library("magit") is None  # not shipped with Emacs: a real require fails too
    assert find_library("mu4e").feature == "mu4e"  # modelled (elconf/libraries/mu4e.py)


@pytest.mark.emacs
def test_goldens_are_what_emacs_says() -> None:
    libraries = modelled_libraries()
    goldens = load_goldens()
    with ThreadPoolExecutor(max_workers=4) as pool:
        live = list(pool.map(lambda job: emacs_library(job[1], libraries[job[1]], SCENARIOS[job[0]]),
                             JOBS))
    stale = []
    # load-path lists every Debian ELPA package installed on the machine: not a golden fact.
    machine_specific = {"load-path"}
    for (scenario, feature), answer in zip(JOBS, live):
        for phase in ("startup", "loaded"):
            for d in _diff(answer[phase], goldens[scenario][feature][phase], machine_specific):
                stale.append(f"{scenario}/{feature}/{phase}: {d}")
    assert not stale, "rerun tests/libraries/make_goldens.py:\n" + "\n".join(stale)


@pytest.mark.emacs
@pytest.mark.parametrize("feature", ["sendmail"])
def test_machine_dependent_defaults_match_live_emacs(feature: str) -> None:
    names = modelled_libraries()[feature]
    env = SCENARIOS["plain"]
    emacs = emacs_library(feature, names, env)
    ours = elconf_library(feature, names, env)
    for name in MACHINE_DEPENDENT & set(names):
        assert ours["loaded"][name] == emacs["loaded"][name], name


@pytest.mark.emacs
def test_identity_from_passwd_and_host_matches_live_emacs(tmp_path: Any) -> None:
    """Without LOGNAME, USER, NAME or EMAIL, the names come from the passwd entry
    and the host name; machine-specific, so compared live rather than with goldens."""
    import json
    import os
    import subprocess

    from tests.parity.eval.harness import DRIVER
    from tests.support.emacs import emacs_binary

    names = ["user-login-name", "user-full-name", "system-name", "user-mail-address"]
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    form = f'(elconf-driver-dump nil (list {" ".join(chr(34) + n + chr(34) for n in names)}))'
    proc = subprocess.run([emacs_binary(), "--batch", "-Q", "-l", str(DRIVER), "--eval", form],
                          env=env, capture_output=True, text=True, timeout=60, check=False)
    emacs = json.loads(proc.stdout.split("@@ELCONF-JSON@@")[1].split("@@END@@")[0])

    from elconf.commands.get import entry_json
    from elconf.config import LoadOptions, load_config

    config = load_config(LoadOptions(no_init=True, home=home, env=env))
    ours = {name: entry_json(config, name) for name in names}
    assert ours == emacs


@pytest.mark.emacs
def test_preloaded_features_match_emacs_q(tmp_path: Any) -> None:
    """The features a dumped Emacs has before the init file are what startup() provides."""
    from elconf.interpreter import Interpreter
    from tests.support.emacs import run_emacs

    proc = run_emacs(["-Q", "--eval", "(princ (mapconcat #'symbol-name features \" \"))"],
                     home=tmp_path)
    emacs = set(proc.stdout.decode().split())
    interpreter = Interpreter(home=tmp_path, env={"HOME": str(tmp_path)})
    interpreter.startup()
    assert set(interpreter.features) == emacs
