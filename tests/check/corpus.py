"""The check corpora: realistic init files, each carrying its expectations in comments.

A case is a file ``NAME.el`` (installed as ``~/.emacs.d/init.el`` in a fresh
HOME) or a directory ``NAME/`` holding a whole HOME tree (``.emacs.d/init.el``,
``.emacs``, ``.authinfo``, ...).  The first comment lines of its init file
say what must happen:

    ;; expect: [FILE:]LINE[:COL] SEVERITY RULE   a finding (FILE relative to HOME,
                                              default the init file; no COL: none reported)
    ;; status: N                              exit status of `elconf check --strict`
                                              (default: 1 for broken cases, 0 for clean)
    ;; emacs: VARIABLE SEXP                   what real Emacs holds after start-up and
                                              (require 'smtpmail), printed by prin1
    ;; emacs-auth: HOST PORT USER            the user of the entry Emacs's auth-source-search
                                              finds for HOST PORT (nil: none; error: it fails)
    ;; env: NAME=VALUE                        extra environment for both
    ;; mode: FILE OCTAL                       file mode (authinfo files default to 600)
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"

_DIRECTIVE = re.compile(r"^;+\s*(expect|status|emacs|emacs-auth|env|mode):\s*(.*?)\s*$")
_INIT_NAMES = (".emacs.d/init.el", ".emacs", ".emacs.el", ".config/emacs/init.el")


@dataclasses.dataclass(frozen=True)
class Expected:
    file: str
    line: int
    col: int
    severity: str
    rule: str


@dataclasses.dataclass
class Case:
    name: str
    path: Path
    init: str                                   # init file, relative to HOME
    expected: list[Expected]
    status: int | None
    emacs: dict[str, str]                       # variable -> prin1 text
    emacs_auth: list[tuple[str, str, str]]      # (host, port, user or nil/error)
    env: dict[str, str]
    modes: dict[str, int]

    def __str__(self) -> str:
        return self.name


def load_cases(kind: str) -> list[Case]:
    """Every case of ``corpus/<kind>`` in name order."""
    return [parse_case(p) for p in sorted((CORPUS / kind).iterdir()) if p.suffix == ".el" or p.is_dir()]


def parse_case(path: Path) -> Case:
    if path.is_dir():
        init = next(n for n in _INIT_NAMES if (path / n).is_file())
        text = (path / init).read_text(encoding="utf-8")
    else:
        init = ".emacs.d/init.el"
        text = path.read_text(encoding="utf-8")
    case = Case(path.stem if path.is_file() else path.name, path, init, [], None, {}, [], {}, {})
    for line in text.splitlines():
        match = _DIRECTIVE.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "expect":
            place, severity, rule = value.split()
            case.expected.append(Expected(*_place(place, init), severity, rule))
        elif key == "status":
            case.status = int(value)
        elif key == "emacs":
            name, sexp = value.split(None, 1)
            case.emacs[name] = sexp
        elif key == "emacs-auth":
            host, port, user = value.split()
            case.emacs_auth.append((host, port, user))
        elif key == "env":
            name, _eq, env_value = value.partition("=")
            case.env[name] = env_value
        elif key == "mode":
            name, octal = value.split()
            case.modes[name] = int(octal, 8)
    return case


def _place(text: str, init: str) -> tuple[str, int, int]:
    """``LINE:COL`` (in the init file), ``FILE:LINE:COL``, or ``FILE:LINE`` (no column)."""
    parts = text.split(":")
    if len(parts) == 3:
        return parts[0], int(parts[1]), int(parts[2])
    if parts[0].isdigit():
        return init, int(parts[0]), int(parts[1])
    return parts[0], int(parts[1]), 0


def make_home(case: Case, root: Path) -> Path:
    """A fresh HOME holding the case's files (authinfo files private unless told otherwise)."""
    home = root / "home"
    if case.path.is_dir():
        shutil.copytree(case.path, home)
    else:
        (home / ".emacs.d").mkdir(parents=True)
        shutil.copy(case.path, home / case.init)
    for name in (".authinfo", ".netrc"):
        if (home / name).exists():
            os.chmod(home / name, case.modes.get(name, 0o600))
    for name, mode in case.modes.items():
        os.chmod(home / name, mode)
    return home


def case_env(case: Case, home: Path) -> dict[str, str]:
    """A controlled environment: no EMAIL, NAME or SMTPSERVER unless the case sets them."""
    return {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin", "LOGNAME": "tester",
            "USER": "tester", "LANG": "C.UTF-8", **case.env}
