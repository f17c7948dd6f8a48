"""Run one corpus case through Emacs 28.2 (the oracle) or through elconf.

A case is a home directory under ``configs/NAME/`` (dotfiles as a user has
them: ``.emacs.d/init.el`` and its siblings, ``.doom.d/``, ``.spacemacs``,
``.private.el``...).  Both sides run in a fresh copy of it.  Emacs evaluates
the init files form by form (``oracle.el``); elconf runs as a user would run
it, ``elconf get --json`` and ``elconf check --format json``, in the default
mode.  Paths under the temporary home and this machine's host name become
``@HOME@`` and ``@SYSTEM-NAME@`` so the goldens are the same everywhere.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

from elconf.reader_escapes import lisp_string_literal
from tests.parity.eval.harness import normalize as eval_normalize
from tests.realconfigs.cases import BASE_ENV, CONFIGS, Case

HERE = Path(__file__).resolve().parent
ORACLE = HERE / "oracle.el"
GOLDENS = HERE / "goldens.json"
ROOT = HERE.parents[1]
_MARK = re.compile(r"@@CORPUS-JSON@@(.*)@@END@@", re.S)

#: Compared for every file, set or not: what decides where a message goes.
ROUTE_VARIABLES = (
    "send-mail-function", "message-send-mail-function", "smtpmail-smtp-server",
    "smtpmail-smtp-service", "smtpmail-stream-type", "smtpmail-smtp-user",
    "user-mail-address", "user-full-name", "sendmail-program", "auth-sources",
)

#: The mail variables counted when a file sets them (the issue's list).
MAIL_VARIABLE = re.compile(
    r"^(smtpmail-|sendmail-|message-send|mail-|mu4e-|gnus-|notmuch-|"
    r"user-mail-address$|user-full-name$|auth-sources$|send-mail-function$)")

#: Forms whose arguments after the head alternate VAR VALUE.
_PAIR_SETTERS = {"setq", "setq-default", "setopt", "setq!", "csetq", "setq-local"}
#: Forms whose first argument is a quoted variable (or, for defvar, a bare one).
_QUOTED_SETTERS = {"set", "set-default", "customize-set-variable", "add-to-list",
                   "add-hook", "remove-hook", "customize-set-value"}
_DEF_SETTERS = {"defvar", "defcustom", "defconst", "defvar-local"}


def _name(value: Any) -> str | None:
    name = getattr(value, "name", None)
    return name if isinstance(name, str) else None


def _items(value: Any) -> list[Any]:
    from elconf.types import Cons

    out = []
    while isinstance(value, Cons):
        out.append(value.car)
        value = value.cdr
    return out


def _unquote(value: Any) -> Any:
    items = _items(value)
    if len(items) == 2 and _name(items[0]) in ("quote", "function"):
        return items[1]
    return value


def set_targets(value: Any) -> Iterator[str]:
    """Every variable a form sets, as far as its shape shows (nested forms too)."""
    items = _items(value)
    if not items:
        return
    head = _name(items[0])
    args = items[1:]
    if head in _PAIR_SETTERS:
        yield from filter(None, (_name(a) for a in args[0::2]))
    elif head in _QUOTED_SETTERS and args:
        target = _name(_unquote(args[0]))
        if target:
            yield target
    elif head in _DEF_SETTERS and args and _name(args[0]):
        yield _name(args[0])  # type: ignore[misc]
    elif head in ("custom-set-variables", "custom-theme-set-variables"):
        for arg in args:
            entry = _items(_unquote(arg))
            if entry and _name(entry[0]):
                yield _name(entry[0])  # type: ignore[misc]
    elif head in ("use-package", "use-package!"):
        keyword = None
        for arg in args[1:]:
            if _name(arg) and _name(arg).startswith(":"):  # type: ignore[union-attr]
                keyword = _name(arg)
                continue
            if keyword == ":custom":
                entry = _items(arg)
                if entry and _name(entry[0]):
                    yield _name(entry[0])  # type: ignore[misc]
    elif head == ":variables":  # a Spacemacs layer's (LAYER :variables VAR VALUE ...)
        yield from filter(None, (_name(a) for a in args[0::2]))
    for item in items:
        yield from set_targets(item)
        # A Spacemacs layer spec is (NAME :variables V1 X1 ...): look inside it.
        sub = _items(item)
        for i, sub_item in enumerate(sub):
            if _name(sub_item) == ":variables":
                yield from filter(None, (_name(a) for a in sub[i + 1::2] if not _name(a) or
                                         not _name(a).startswith(":")))  # type: ignore[union-attr]
    # A mu4e context's :vars '((VAR . VALUE) ...)
    for i, item in enumerate(items[:-1]):
        if _name(item) == ":vars":
            for pair in _items(_unquote(items[i + 1])):
                car = getattr(pair, "car", None)
                if _name(car):
                    yield _name(car)  # type: ignore[misc]


def lisp_files(case: Case) -> list[Path]:
    root = CONFIGS / case.name
    return sorted(p for p in root.rglob("*") if p.is_file() and
                  (p.suffix in (".el", ".org") or p.name in (".spacemacs", ".emacs")))


def mail_variables_set(case: Case) -> list[str]:
    """The mail variables the case's files set, in order of first appearance."""
    from elconf.reader import ReadError, read_forms

    seen: dict[str, None] = {}
    for path in lisp_files(case):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".org":  # a literate config: the Lisp org-babel-load-file would load
            from elconf.builtins.org_babel import tangle_text

            text = tangle_text(text, lambda tangle: True)
        try:
            for form in read_forms(text, str(path)):
                for name in set_targets(form.value):
                    if MAIL_VARIABLE.match(name):
                        seen.setdefault(name, None)
        except ReadError:
            continue
    return list(seen)


def case_variables(case: Case) -> list[str]:
    names = dict.fromkeys(mail_variables_set(case))
    names.update(dict.fromkeys(ROUTE_VARIABLES))
    return list(names)


def make_home(case: Case, root: Path) -> Path:
    """A copy of the case's home under ``root``, and ``root/bin`` with a stub ``sendmail``.

    The stub comes first on PATH so sendmail.el's default for ``sendmail-program``
    (``(executable-find "sendmail")``, else /usr/sbin/sendmail if it exists) is the
    same on every machine: ``@BIN@/sendmail``."""
    home = root / "home"
    shutil.copytree(CONFIGS / case.name, home, symlinks=True)
    stub = root / "bin" / "sendmail"
    stub.parent.mkdir()
    stub.write_text("#!/bin/sh\nexit 75\n")
    stub.chmod(0o755)
    return home


#: epa's "Can't decrypt" error joins gpg's status lines in no fixed order: sorted here.
_DECRYPT_ERROR = re.compile(r'("Can\'t decrypt" ")([^"]*)"')


def normalize(data: Any, home: Path) -> Any:
    """The eval parity's placeholders (HOME, host name), and ``@BIN@`` for the stub
    programs' directory; gpg's status lines in a "Can't decrypt" error sorted."""
    bins = sorted({str(home.parent / "bin"), str(home.resolve().parent / "bin")}, key=len, reverse=True)

    def also(value: str) -> str:
        for b in bins:
            value = value.replace(b, "@BIN@")
        return _DECRYPT_ERROR.sub(lambda m: m.group(1) + "; ".join(sorted(m.group(2).split("; "))) + '"',
                                  value)

    return eval_normalize(data, home, also)


def _env(home: Path) -> dict[str, str]:
    from tests.support.emacs import emacs_env

    # Any download a form attempts fails at once instead of waiting on the network; the
    # stub sendmail of make_home comes first on PATH.
    path = f"{home.parent / 'bin'}:{os.environ.get('PATH', '/usr/bin:/bin')}"
    return emacs_env(home, {**BASE_ENV, "PATH": path, "http_proxy": "http://127.0.0.1:9",
                            "https_proxy": "http://127.0.0.1:9"})


def run_oracle(case: Case) -> dict[str, Any]:
    """What Emacs 28.2 holds after evaluating the case form by form (normalized)."""
    from tests.support.emacs import emacs_binary

    names = case_variables(case)
    with tempfile.TemporaryDirectory(prefix="corpus-emacs-") as tmp:
        home = make_home(case, Path(tmp))
        files = " ".join(lisp_string_literal(f) for f in case.oracle_files)
        stops = " ".join(f"(cons {lisp_string_literal(f)} {line})" for f, line in case.stops)
        form = (f"(corpus-oracle-run '{case.mode} (list {files}) (list {stops}) "
                f"(list {' '.join(lisp_string_literal(n) for n in names)}))")
        proc = subprocess.run([emacs_binary(), "--batch", "-Q", "-l", str(ORACLE), "--eval", form],
                              env=_env(home), cwd=home, capture_output=True, timeout=180,
                              stdin=subprocess.DEVNULL, check=False)
        out = proc.stdout.decode("utf-8", "replace")
        match = _MARK.search(out)
        if match is None:
            raise RuntimeError(f"{case.name}: Emacs printed no JSON (exit {proc.returncode}):\n"
                               f"{proc.stderr.decode('utf-8', 'replace')[-3000:]}")
        return normalize(json.loads(match.group(1)), home)


def _elconf(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in _env(home).items()}
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run([sys.executable, "-m", "elconf.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180, check=False)


def run_elconf(case: Case, names: list[str]) -> dict[str, Any]:
    """elconf's view of the case, as a user runs it: get --json and check --format json."""
    with tempfile.TemporaryDirectory(prefix="corpus-elconf-") as tmp:
        home = make_home(case, Path(tmp))
        init = ["--init", str(home / case.elconf_init)] if case.elconf_init else []
        got = _elconf(["get", "--json", *init, *names], home)
        try:
            variables = json.loads(got.stdout)
        except json.JSONDecodeError:
            variables = {n: {"error": f"elconf get exit {got.returncode}: {got.stderr[-500:]}"}
                         for n in names}
        checked = _elconf(["check", "--format", "json", *init], home)
        try:
            findings = json.loads(checked.stdout or "[]")
        except json.JSONDecodeError:
            findings = [{"rule": "elconf-crashed", "message": checked.stderr[-500:]}]
        # "Emacs stops loading FILE here", or for an unclosed list "... and stops loading FILE".
        stops = [f for f in findings if "stops loading" in f.get("message", "")
                 or f.get("rule") in ("init-stops", "read-error")]
        shown = _elconf(["show", "--json", *init], home)
        try:
            report = json.loads(shown.stdout)
        except json.JSONDecodeError:
            report = {}
        origins = {v["name"]: v.get("from") or v.get("origin") or ""
                   for group in report.get("groups", ()) for v in group.get("variables", ())}
        return normalize({"variables": variables, "stops": stops, "origins": origins,
                          "libraries": report.get("libraries", {}),
                          "get_stderr": got.stderr.strip().splitlines()[-5:]}, home)


def same(expected: dict[str, Any], actual: dict[str, Any] | None) -> bool:
    """Equal as Emacs would print them: bound alike, and the same prin1 text."""
    if actual is None or "error" in actual:
        return False
    if not expected.get("bound"):
        return not actual.get("bound")
    return bool(actual.get("bound")) and actual.get("sexp") == expected.get("sexp")


def load_goldens() -> dict[str, Any]:
    return json.loads(GOLDENS.read_text(encoding="utf-8"))
