"""The init-file examples: ``elconf show`` prints exactly their show.txt, and the
values it reports are the ones Emacs 28.2 holds for the same HOME.

Regenerate the show.txt files after an intended change with
``python3 tests/examples/test_examples.py --update``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STYLES_DIR = ROOT / "examples"
#: Every example directory that is a home with an init file (demo/ is the sender's).
STYLES = sorted(p.name for p in STYLES_DIR.iterdir()
                if p.is_dir() and ((p / ".emacs").exists() or (p / ".emacs.d").exists()
                                   or (p / "show.txt").exists()))

#: The same user on every machine (the examples set their own addresses).
ENV = {"LOGNAME": "alice", "USER": "alice", "NAME": "Alice Example", "LANG": "C.UTF-8"}

#: Variables compared with Emacs for every example.
VARIABLES = ("send-mail-function", "smtpmail-smtp-server", "smtpmail-smtp-service",
             "smtpmail-stream-type", "smtpmail-smtp-user", "smtpmail-auth-supported",
             "smtpmail-queue-mail", "smtpmail-queue-dir", "user-mail-address", "user-full-name",
             "auth-sources")


def _env(home: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items()
            if k in ("PATH", "PYTHONPATH", "SYSTEMROOT", "TMPDIR")}
    return {**keep, **ENV, "HOME": str(home)}


def show(style: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "elconf.cli", "show"], cwd=ROOT,
                          env=_env(STYLES_DIR / style), capture_output=True, text=True,
                          timeout=120, check=False)


def test_every_style_has_an_expected_output() -> None:
    assert len(STYLES) >= 5
    for style in STYLES:
        assert (STYLES_DIR / style / "show.txt").is_file(), style


@pytest.mark.parametrize("style", STYLES)
def test_show_output_is_as_documented(style: str) -> None:
    proc = show(style)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (STYLES_DIR / style / "show.txt").read_text()


@pytest.mark.emacs
@pytest.mark.parametrize("style", STYLES)
def test_example_values_match_emacs(style: str) -> None:
    """What elconf computes (after loading smtpmail) is what Emacs holds."""
    from tests.parity.eval.cases import Case
    from tests.parity.eval.harness import run_elconf_case, run_emacs_case

    root = STYLES_DIR / style
    files = {str(p.relative_to(root)): p.read_text() for p in root.rglob("*")
             if p.is_file() and p.name != "show.txt"}
    case = Case(style, files, env=ENV, require=("smtpmail",), extra=VARIABLES)
    emacs, _stderr = run_emacs_case(case)
    ours, diagnostics = run_elconf_case(case)
    assert ours == emacs, json.dumps({"emacs": emacs, "elconf": ours,
                                      "diagnostics": diagnostics}, indent=1)


def _update() -> None:
    for style in STYLES:
        proc = show(style)
        if proc.returncode != 0:
            raise SystemExit(f"{style}: elconf show failed:\n{proc.stderr}")
        (STYLES_DIR / style / "show.txt").write_text(proc.stdout)
        print(f"updated {style}/show.txt")


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        _update()
    else:
        print(__doc__)
