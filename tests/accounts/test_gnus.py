"""Gnus posting styles as accounts, against Emacs 28.2's gnus-configure-posting-styles.

Emacs configures a message buffer for a group; elconf switches to the style
that matches it (with the catch-all styles).  The address, the server
settings an ``eval`` makes, and the X-Message-SMTP-Method the message gets
must agree; elsend then routes by that method.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from elconf.config import LoadOptions, load_config
from tests.support.emacs import emacs_env, run_emacs

INIT = """\
(setq user-full-name "Gail" user-mail-address "gail@home.example"
      send-mail-function 'smtpmail-send-it smtpmail-smtp-server "smtp.home.example")
(setq gnus-posting-styles
      '((".*" (signature "Gail") (name "Gail G."))
        ("work" (address "gail@work.example")
         ("X-Message-SMTP-Method" "smtp smtp.work.example 465 gail"))
        ("^nnimap\\\\+uni:" (address "gail@uni.example")
         (eval (setq-local smtpmail-smtp-server "smtp.uni.example" smtpmail-smtp-service 587)))))
"""

DRIVER = """\
(load (getenv "INIT"))
(require 'gnus-msg)
(require 'smtpmail)
(with-temp-buffer
  (message-mode)
  (insert "To: y\\n--text follows this line--\\n")
  (setq message-setup-hook nil)
  (gnus-configure-posting-styles (getenv "GROUP"))
  (run-hooks 'message-setup-hook)
  (princ (format "%S\\n" (list user-mail-address smtpmail-smtp-server smtpmail-smtp-service
                                (message-fetch-field "X-Message-SMTP-Method")))))
"""

CASES = {"work": "work", "nnimap+uni:INBOX": "^nnimap\\+uni:"}


def emacs(home: Path, init: Path, group: str) -> list:
    driver = home / "driver.el"
    driver.write_text(DRIVER)
    done = run_emacs(["-Q", "-l", str(driver)], home=home, env={"INIT": str(init), "GROUP": group})
    assert done.returncode == 0, done.stderr.decode()
    from elconf.reader import read_one
    from elconf.types import NIL, to_python_list

    values = to_python_list(read_one(done.stdout.decode().strip()))
    return [None if v is NIL else v for v in values]


def elconf(home: Path, init: Path, account: str) -> list:
    from elconf.accounts.discovery import find_accounts, switch
    from elconf.types import UNBOUND

    loaded = load_config(LoadOptions(init=init, home=home, env=emacs_env(home), require=("smtpmail",)))
    switch(loaded, next(a for a in find_accounts(loaded) if a.name == account))
    values = [loaded.get(n) for n in ("user-mail-address", "smtpmail-smtp-server", "smtpmail-smtp-service",
                                      "elconf--posting-style-method")]
    from elconf.types import NIL

    return [None if v is UNBOUND or v is NIL else v for v in values]


def test_posting_styles_match_emacs(tmp_path: Path) -> None:
    init = tmp_path / "init.el"
    init.write_text(INIT)
    for group, account in CASES.items():
        theirs = emacs(tmp_path, init, group)
        assert elconf(tmp_path, init, account) == theirs, group


def test_the_style_method_routes_the_message(tmp_path: Path) -> None:
    init = tmp_path / "init.el"
    init.write_text(INIT)
    message = b"From: Gail <gail@work.example>\nTo: you@example.org\nSubject: s\n\nbody\n"
    done = subprocess.run([sys.executable, "-m", "smtp.cli", "--init", str(init), "--dry-run", "--json", "-"],
                          input=message, capture_output=True, env=emacs_env(tmp_path), timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    plan = json.loads(done.stdout)
    assert (plan["account"], plan["account_kind"]) == ("work", "Gnus posting style")
    assert (plan["server"], plan["port"], plan["stream_type"], plan["user"]) == \
        ("smtp.work.example", 465, "tls", "gail")
