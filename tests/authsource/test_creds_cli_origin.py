"""`elconf creds` says where auth-sources came from, without a dangling place for defaults."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def creds(home: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "elconf.cli", "creds", *args],
                          capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "HOME": str(home), "PYTHONPATH": str(ROOT)})
    return done.stdout


def test_default_auth_sources_name_their_library_only(home: Path) -> None:
    init = home / "init.el"
    init.write_text("(setq user-mail-address \"alice@example.org\")\n")
    out = creds(home, "--init", str(init), "smtp.example.org", "587")
    assert "[library default (auth-source)]" in out and " at -" not in out


def test_auth_sources_set_in_the_init_file_name_the_place(home: Path) -> None:
    init = home / "init.el"
    init.write_text('(setq auth-sources \'("~/.authinfo"))\n')
    out = creds(home, "--init", str(init), "smtp.example.org", "587")
    assert f"[setq at {init}:1:1]" in out
