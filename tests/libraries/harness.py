"""Compare the library models with Emacs 28.2: every modelled variable's
value in ``emacs -Q`` before anything loads, and after ``(require FEATURE)``.

Emacs's answers are kept in ``goldens.json`` (``make_goldens.py``), one set
per environment scenario, normalized like the evaluator parity goldens.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

from tests.parity.eval.harness import DRIVER, normalize

HERE = Path(__file__).resolve().parent
GOLDENS = HERE / "goldens.json"
_MARK = re.compile(r"@@ELCONF-JSON@@(.*)@@END@@", re.S)

#: Environments the defaults are computed in.
SCENARIOS: dict[str, dict[str, str]] = {
    "plain": {"LOGNAME": "elconf", "USER": "elconf", "NAME": "Elconf Tester"},
    "environment": {"LOGNAME": "elconf", "USER": "elconf", "NAME": "Elconf Tester",
                    "EMAIL": "env@example.org", "SMTPSERVER": "mx.example.net",
                    "PASSWORD_STORE_DIR": "/srv/pass", "ORGANIZATION": "Example Org"},
}

#: Values that depend on what is installed on the machine (checked live only).
MACHINE_DEPENDENT = frozenset({"sendmail-program"})


#: Models of packages Debian does not package (modelled from their sources, tested in tests/accounts).
NOT_PACKAGED_HERE = frozenset({"smtpmail-multi"})


def modelled_libraries() -> dict[str, list[str]]:
    """feature -> every variable its model binds (preloaded ones included), for non-empty models."""
    from elconf.frameworks.libraries import NOT_IN_EMACS
    from elconf.libraries import all_libraries

    result = {}
    for feature, model in all_libraries().items():
        if feature in NOT_IN_EMACS or feature in NOT_PACKAGED_HERE:
            continue             # packages Emacs here cannot load: nothing to compare with
        names = [v.name for v in model.preloaded_variables]
        names += [v.name for v in model.variables if v.name not in names]
        if names:
            result[feature] = names
    return result


def _lisp_strings(items: list[str]) -> str:
    return " ".join('"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"' for s in items)


def emacs_library(feature: str, names: list[str], env: dict[str, str]) -> dict[str, Any]:
    from tests.support.emacs import run_emacs

    with tempfile.TemporaryDirectory(prefix="elconf-lib-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        form = f'(elconf-driver-library-dump "{feature}" (list {_lisp_strings(names)}))'
        proc = run_emacs(["-Q", "-l", str(DRIVER), "--eval", form], home=home, env=env, cwd=home)
        match = _MARK.search(proc.stdout.decode("utf-8", "replace"))
        if match is None:
            raise RuntimeError(f"{feature}: no JSON from Emacs: {proc.stderr.decode()}")
        return normalize(json.loads(match.group(1)), home)


def elconf_library(feature: str, names: list[str], env: dict[str, str]) -> dict[str, Any]:
    from elconf.commands.get import entry_json
    from elconf.config import LoadedConfig
    from elconf.interpreter import Interpreter

    with tempfile.TemporaryDirectory(prefix="elconf-lib-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        full_env = {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", **env}
        interpreter = Interpreter(home=home, env=full_env)
        interpreter.startup()
        view = LoadedConfig(interpreter, [], [])
        startup = {name: entry_json(view, name) for name in names}
        before = list(interpreter.features)
        interpreter.require(feature)
        loaded = {name: entry_json(view, name) for name in names}
        new = [f for f in interpreter.features if f not in before]
        return normalize({"startup": startup, "loaded": loaded, "features": new}, home)


def load_goldens() -> dict[str, Any]:
    return json.loads(GOLDENS.read_text())
