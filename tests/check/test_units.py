"""Unit tests of the pieces the rules are built from."""

from __future__ import annotations

import pytest

from elconf.check import exit_status
from elconf.check.combinations import valid_address
from elconf.check.names import did_you_mean
from elconf.check.security import is_local_host
from elconf.check.value_types import known_service, service_port, type_matches
from elconf.diagnostics import Diagnostic
from elconf.reader import read_forms
from elconf.types import NIL, T, intern, lisp_list


def lisp(text: str):
    return next(iter(read_forms(text))).value


@pytest.mark.parametrize("widget, value, fits", [
    ("string", "x", True),
    ("string", intern("x"), False),
    ("integer", 3, True),
    ("integer", "3", False),
    ("(choice (const nil) string)", NIL, True),
    ("(choice (const nil) string)", "smtp.example.org", True),
    ("(choice (const nil) string)", 25, False),
    ("(choice (integer :tag \"Port\") (string :tag \"Service\"))", "submission", True),
    ("(choice (integer :tag \"Port\") (string :tag \"Service\"))", intern("smtp"), False),
    ("(choice (const nil) (const starttls) (const plain) (const ssl))", intern("ssl"), True),
    ("(choice (const nil) (const starttls) (const plain) (const ssl))", intern("tls"), False),
    ("(repeat string)", lisp_list(["a", "b"]), True),
    ("(repeat string)", lisp_list(["a", 1]), False),
    ("boolean", "anything", True),
    ("(choice regexp (const nil))", T, False),
])
def test_type_matches(widget: str, value: object, fits: bool) -> None:
    assert type_matches(lisp(widget), value) is fits


def test_type_matches_says_unknown_for_widgets_it_does_not_model() -> None:
    assert type_matches(lisp("(alist :key-type string)"), 3) is None


def test_did_you_mean_finds_typos_not_strangers() -> None:
    names = ["smtpmail-smtp-server", "smtpmail-smtp-service", "send-mail-function"]
    assert did_you_mean("smtpmail-smtp-sever", names) == "smtpmail-smtp-server"
    assert did_you_mean("send-function", names) == "send-mail-function"
    assert did_you_mean("mu4e-maildir", names) is None


def test_service_names_and_ports() -> None:
    assert service_port(587) == 587
    assert service_port("587") == 587
    assert service_port("submission") == 587
    assert service_port("smtps") == 465
    assert known_service("587/tcp") is None


def test_valid_address_is_smtpmails_test() -> None:
    assert valid_address("alice@example.org")
    assert not valid_address("alice@localhost")
    assert not valid_address("alice")
    assert not valid_address("a@b@example.org")
    assert not valid_address(NIL)


def test_local_hosts() -> None:
    assert is_local_host("127.0.0.1") and is_local_host("localhost") and is_local_host("::1")
    assert not is_local_host("smtp.example.org") and not is_local_host("10.0.0.1")


def _d(severity: str, rule: str) -> Diagnostic:
    return Diagnostic("init.el", 1, 1, severity, "m", rule)  # type: ignore[arg-type]


def test_exit_status_precedence() -> None:
    assert exit_status([]) == 0
    assert exit_status([_d("info", "skipped-mail-form")], strict=True) == 0
    assert exit_status([_d("warning", "no-sender")]) == 0
    assert exit_status([_d("warning", "no-sender")], strict=True) == 1
    assert exit_status([_d("error", "init-stops")]) == 1
    assert exit_status([_d("error", "stream-type-invalid"), _d("error", "init-stops")]) == 78
    assert exit_status([_d("error", "read-error"), _d("error", "stream-type-invalid")]) == 65


@pytest.mark.emacs
def test_known_variable_names_are_what_emacs_defines() -> None:
    from elconf.check.known_names import known_variable_names, regenerate

    assert frozenset(regenerate().split()) == known_variable_names()
