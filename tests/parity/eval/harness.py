"""Run one parity case through real Emacs 28.2 or through elconf, as JSON.

Both sides produce the object ``elconf get --json`` prints.  Values that
depend on the machine or the temporary HOME are replaced by placeholders
(``@SYSTEM-NAME@``, ``@HOME@``) so the goldens are the same everywhere.
"""

from __future__ import annotations

import json
import re
import socket
import tempfile
from pathlib import Path
from typing import Any, Callable

from elconf.reader_escapes import lisp_string_literal

from tests.parity.eval.cases import BASE_ENV, Case

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "emacs_driver.el"
GOLDENS = HERE / "goldens.json"
_MARK = re.compile(r"@@ELCONF-JSON@@(.*)@@END@@", re.S)


def make_home(case: Case, root: Path) -> Path:
    home = root / "home"
    home.mkdir(parents=True)
    for rel, text in case.files.items():
        path = home / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return home


def case_env(case: Case) -> dict[str, str]:
    return {**BASE_ENV, **case.env}


def normalize(data: Any, home: Path, also: Callable[[str], str] | None = None) -> Any:
    """Replace the temp HOME and this machine's host name by placeholders, in every string
    of ``data`` (``also``: a further edit of each string, after HOME's)."""
    host = re.compile(r"(?<![A-Za-z0-9.-])" + re.escape(socket.gethostname()) + r"(?![A-Za-z0-9-])")
    homes = sorted({str(home), str(home.resolve())}, key=len, reverse=True)

    def fix(value: Any) -> Any:
        if isinstance(value, str):
            for h in homes:
                value = value.replace(h, "@HOME@")
            if also is not None:
                value = also(value)
            return host.sub("@SYSTEM-NAME@", value)
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        return value

    return fix(data)


#: Where Debian's elpa-use-package puts use-package (Emacs 28 has none built in).
ELPA_USE_PACKAGE = Path("/usr/share/emacs/site-lisp/elpa")


def require_use_package(case: Case) -> None:
    """Fail loudly when a use-package case cannot run in Emacs 28.2 here."""
    if any("use-package" in text for text in case.files.values()) and \
            not list(ELPA_USE_PACKAGE.glob("use-package-*")):
        import pytest

        pytest.fail("Emacs 28.2 has no use-package: run 'apt-get install -y elpa-use-package' "
                    "(scripts/test-all does); the use-package parity cases need it")


def run_emacs_case(case: Case) -> tuple[dict[str, Any], str]:
    """(normalized JSON, stderr) from Emacs 28.2 for ``case``."""
    from tests.support.emacs import run_emacs

    require_use_package(case)
    with tempfile.TemporaryDirectory(prefix="elconf-parity-") as tmp:
        home = make_home(case, Path(tmp))
        features = " ".join(lisp_string_literal(f) for f in case.require)
        names = " ".join(lisp_string_literal(v) for v in case.variables)
        form = f"(progn (elconf-driver-start-up) (elconf-driver-dump (list {features}) (list {names})))"
        proc = run_emacs(["-Q", "-l", str(DRIVER), "--eval", form], home=home, env=case_env(case),
                         cwd=home)
        out = proc.stdout.decode("utf-8", "replace")
        err = proc.stderr.decode("utf-8", "replace")
        match = _MARK.search(out)
        if match is None:
            raise RuntimeError(f"{case.name}: Emacs printed no JSON (exit {proc.returncode}):\n{err}")
        return normalize(json.loads(match.group(1)), home), normalize(err, home)


def run_elconf_case(case: Case) -> tuple[dict[str, Any], list[str]]:
    """(normalized JSON, diagnostics) from elconf for ``case``, in this process."""
    from elconf.commands.get import entry_json
    from elconf.config import LoadOptions, load_config

    with tempfile.TemporaryDirectory(prefix="elconf-parity-") as tmp:
        home = make_home(case, Path(tmp))
        env = {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
               **case_env(case)}
        config = load_config(LoadOptions(home=home, env=env, require=case.require,
                                         stop_at_any_error=case.literal))
        result = {name: entry_json(config, name) for name in case.variables}
        return normalize(result, home), [d.format() for d in config.diagnostics]


def run_cli_case(case: Case) -> dict[str, Any]:
    """(normalized JSON) from the command line ``elconf get --json --require ...``."""
    import os
    import subprocess
    import sys

    root = HERE.parents[2]
    with tempfile.TemporaryDirectory(prefix="elconf-parity-") as tmp:
        home = make_home(case, Path(tmp))
        env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), **case_env(case)}
        if "PYTHONPATH" in os.environ:
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        args = [sys.executable, "-m", "elconf.cli", "get", "--json"]
        for feature in case.require:
            args += ["--require", feature]
        proc = subprocess.run(args + list(case.variables), cwd=root, env=env, capture_output=True,
                              text=True, timeout=120, check=False)
        if proc.returncode not in (0, 65):
            raise RuntimeError(f"{case.name}: elconf get failed ({proc.returncode}): {proc.stderr}")
        return normalize(json.loads(proc.stdout), home)


def load_goldens() -> dict[str, Any]:
    return json.loads(GOLDENS.read_text())
