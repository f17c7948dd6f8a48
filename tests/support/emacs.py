"""Run real GNU Emacs 28.2 in batch mode for parity tests.

Every parity suite goes through :func:`run_emacs` so that Emacs always runs
with a private HOME, a clean environment and a time limit.  A missing Emacs
fails the test loudly (``.ci/run`` installs ``emacs-nox``): parity is never
skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# Variables that change what Emacs computes for mail settings; never inherited.
_SCRUBBED = ("EMAIL", "NAME", "SMTPSERVER", "MAILHOST", "REPLYTO", "ORGANIZATION",
             "EMACSLOADPATH", "EMACSDATA", "EMACSDOC", "EMACSPATH", "XDG_CONFIG_HOME",
             "PASSWORD_STORE_DIR", "GNUPGHOME")


def emacs_binary() -> str:
    path = shutil.which("emacs")
    if path is None:
        pytest.fail("GNU Emacs is not installed: run 'apt-get install -y emacs-nox emacs-el' "
                    "(.ci/run does this); parity tests need the real Emacs 28.2")
    return path


def emacs_env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """A clean environment for Emacs: HOME set, mail variables removed, C locale times."""
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    env["HOME"] = str(home)
    env.setdefault("TZ", "UTC")
    env.setdefault("LANG", "C.UTF-8")
    if extra:
        env.update(extra)
    return env


def run_emacs(args: list[str], *, home: Path, env: dict[str, str] | None = None,
              stdin: bytes | None = None, timeout: float = 120,
              cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``emacs --batch ARGS...`` and return the finished process (bytes output)."""
    return subprocess.run(
        [emacs_binary(), "--batch", *args],
        env=emacs_env(home, env),
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=timeout,
        cwd=cwd,
        check=False,
    )
