"""notmuch identities: listed as accounts, chosen by address, switching nothing; message path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.emacs import emacs_env

INIT = """\
(require 'notmuch)
(setq notmuch-identities '("Nora <nora@one.example>" "Nora N. <nora@two.example>")
      notmuch-search-oldest-first nil
      send-mail-function 'sendmail-send-it sendmail-program "/usr/bin/msmtp")
"""


def run(home: Path, module: str, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    """``python -m MODULE [COMMAND] --init INIT ARGS...`` (COMMAND: elconf's, the first arg)."""
    init = home / "init.el"
    init.write_text(INIT)
    head = [args[0]] if module == "elconf.cli" else []
    rest = args[1:] if module == "elconf.cli" else args
    return subprocess.run([sys.executable, "-m", module, *head, "--init", str(init), *rest], input=stdin,
                          capture_output=True, env=emacs_env(home), timeout=60)


def test_identities_are_accounts(tmp_path: Path) -> None:
    done = run(tmp_path, "elconf.cli", "accounts", "--json")
    assert done.returncode == 0, done.stderr
    accounts = json.loads(done.stdout)["accounts"]
    assert [(a["name"], a["kind"], a["address"]) for a in accounts] == [
        ("Nora <nora@one.example>", "notmuch identity", "nora@one.example"),
        ("Nora N. <nora@two.example>", "notmuch identity", "nora@two.example")]
    assert accounts[0]["route"]["program"] == "/usr/bin/msmtp"


def test_a_message_from_an_identity_takes_message_el_s_path(tmp_path: Path) -> None:
    message = b"From: Nora <nora@two.example>\nTo: you@example.org\nSubject: s\n\nbody\n"
    done = run(tmp_path, "smtp.cli", "--dry-run", "--json", "-", stdin=message)
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert plan["account"] == "Nora N. <nora@two.example>"
    assert plan["function"] == "message-send-mail-with-sendmail"   # message-mode follows sendmail-send-it


def test_automatically_buffer_local_variable_keeps_its_default(tmp_path: Path) -> None:
    done = run(tmp_path, "elconf.cli", "get", "notmuch-search-oldest-first")
    assert done.stdout.decode().strip() == "notmuch-search-oldest-first\tt"   # as in Emacs
