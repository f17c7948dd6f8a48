"""elconf check's account rules: queue route, duplicate addresses, misspelt :vars names."""

from __future__ import annotations

from pathlib import Path

from elconf.check import run_checks
from elconf.config import LoadOptions, load_config

CONTEXTS = """\
(require 'mu4e)
(setq send-mail-function 'smtpmail-send-it)
{extra}
(setq mu4e-contexts
      (list (make-mu4e-context :name "Work"
              :vars '((user-mail-address . "me@work.example")
                      (smtpmail-smtp-server . "smtp.work.example")))
            (make-mu4e-context :name "Home"
              :vars '(({address_var} . "{home_address}")
                      (smtpmail-smtp-server . "smtp.home.example")))))
"""


def findings(home: Path, extra: str = "", address_var: str = "user-mail-address",
             home_address: str = "me@home.example") -> list:
    init = home / "init.el"
    init.write_text(CONTEXTS.format(extra=extra, address_var=address_var, home_address=home_address))
    loaded = load_config(LoadOptions(init=init, home=home, env={"HOME": str(home)}))
    return [d for d in run_checks(loaded, home=home, env={"HOME": str(home)})
            if d.rule and (d.rule.startswith("account-") or d.rule.startswith("context-"))]


def test_queue_without_stored_variables_is_flushed_through_the_current_account(home: Path) -> None:
    found = findings(home, "(setq smtpmail-queue-mail t)")
    assert [d.rule for d in found] == ["account-queue-route"]
    assert found[0].line == 5 and "'Home'" in found[0].message


def test_stored_queue_variables_silence_it(home: Path) -> None:
    assert findings(home, "(setq smtpmail-queue-mail t smtpmail-store-queue-variables t)") == []


def test_no_queue_no_finding(home: Path) -> None:
    assert findings(home) == []


def test_two_accounts_with_one_address(home: Path) -> None:
    found = findings(home, home_address="me@work.example")
    assert [d.rule for d in found] == ["account-duplicate-address"]
    assert found[0].line == 8 and "'Work'" in found[0].message


def test_misspelt_context_variable(home: Path) -> None:
    found = findings(home, address_var="user-mail-adress")
    assert [d.rule for d in found] == ["context-unknown-variable"]
    assert "did you mean user-mail-address" in found[0].message and found[0].line == 9   # at the misspelt symbol


def test_the_checks_leave_the_configuration_as_it_was(home: Path) -> None:
    init = home / "init.el"
    init.write_text(CONTEXTS.format(extra="(setq smtpmail-queue-mail t)", address_var="user-mail-address",
                                    home_address="me@home.example"))
    loaded = load_config(LoadOptions(init=init, home=home, env={"HOME": str(home)}))
    before = loaded.get("user-mail-address")
    run_checks(loaded, home=home, env={"HOME": str(home)})
    assert loaded.get("user-mail-address") == before
    assert loaded.get("mu4e--context-current").name == "nil"


def test_route_rules_run_for_each_account(home: Path) -> None:
    init = home / "init.el"
    init.write_text("""\
(require 'mu4e)
(setq send-mail-function 'smtpmail-send-it user-mail-address "me@a.example")
(setq mu4e-contexts
      (list (make-mu4e-context :name "Work"
              :vars '((user-mail-address . "me@work.example")
                      (smtpmail-smtp-server . "smtp.work.example")
                      (smtpmail-smtp-service . 465)))))
""")
    loaded = load_config(LoadOptions(init=init, home=home, env={"HOME": str(home)}))
    found = [d for d in run_checks(loaded, home=home, env={"HOME": str(home)})
             if d.rule == "port-465-without-tls"]
    assert len(found) == 1 and found[0].line == 4
    assert found[0].message.startswith("in mu4e context 'Work': port 465")
