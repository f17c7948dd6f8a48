"""smtpmail-multi, from its sources (0.6; not packaged for Debian, so no Emacs run): accounts,
associations, the default account, and smtpmail-multi-change's settings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from elconf.config import LoadOptions, load_config

INIT = """\
(require 'smtpmail-multi)
(setq smtpmail-multi-accounts
      '((work . ("jane@work.example" "smtp.work.example" 587 "jane@work.example" starttls nil nil "work.example"))
        (home . ("jane" "smtp.home.example" 465 nil ssl nil nil nil))))
(setq smtpmail-multi-associations
      '(("@work\\\\.example" work)
        ("jane@home.example" home work)))
(setq smtpmail-multi-default-account 'home)
(setq send-mail-function 'smtpmail-multi-send-it
      message-send-mail-function 'smtpmail-multi-send-it
      user-mail-address "jane@home.example")
"""


def plan(home: Path, sender: str) -> dict:
    init = home / "init.el"
    init.write_text(INIT)
    message = f"From: Jane <{sender}>\nTo: you@example.org\nSubject: s\n\nbody\n".encode()
    done = subprocess.run([sys.executable, "-m", "smtp.cli", "--init", str(init), "--dry-run", "--json", "-"],
                          input=message, capture_output=True, env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
                          timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


def test_association_regexp_chooses_the_account(home: Path) -> None:
    result = plan(home, "jane@work.example")
    assert (result["account"], result["server"], result["port"], result["stream_type"], result["user"]) == \
        ("work", "smtp.work.example", 587, "starttls", "jane@work.example")
    assert "smtpmail-multi-associations" in result["account_reason"]


def test_first_account_of_the_rule_and_the_fallback_is_said(home: Path) -> None:
    result = plan(home, "jane@home.example")
    assert (result["account"], result["server"], result["port"]) == ("home", "smtp.home.example", 465)
    assert "elsend does not" in result["account_reason"]


def test_no_association_takes_the_default_account(home: Path) -> None:
    result = plan(home, "someone@else.example")
    assert result["account"] == "home" and "default-account" in result["account_reason"]


def test_change_sets_smtpmail_variables_but_not_the_envelope(home: Path) -> None:
    from elconf.accounts.discovery import find_accounts, switch

    init = home / "init.el"
    init.write_text(INIT)
    loaded = load_config(LoadOptions(init=init, home=home, env={"HOME": str(home)}))
    work = next(a for a in find_accounts(loaded) if a.name == "work")
    assert work.kind == "smtpmail-multi account"
    switch(loaded, work)
    assert loaded.get("smtpmail-smtp-server") == "smtp.work.example"
    assert loaded.get("smtpmail-local-domain") == "work.example"
    assert loaded.get("mail-specify-envelope-from").name == "nil"   # 0.6's misplaced if
