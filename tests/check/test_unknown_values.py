"""Rules that need a value elconf could not compute say so; they neither stay silent nor guess.

A value is unknown when it comes from a call elconf cannot run here (a
function of a package that is not installed, ``pass``, a process).  Each such
variable a rule needed gets one ``value-unknown`` info at its pair, naming the
rules that could not check it, and those rules report nothing about it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.test_places import check

PRELUDE = (";;; init.el  -*- lexical-binding: t -*-\n"
           "(setq user-mail-address \"alice@example.org\"\n"
           "      send-mail-function 'smtpmail-send-it\n"
           "      smtpmail-smtp-server \"smtp.example.org\")\n")


def unknowns(tmp_path: Path, text: str) -> dict[str, tuple[int, int, str]]:
    """Variable -> (line, col, message) of each value-unknown finding; other findings must not
    be about the unknown variables."""
    found = check(tmp_path, text)
    result = {}
    for d in found:
        if d.rule == "value-unknown":
            result[d.message.split(" ", 1)[0]] = (d.line, d.col, d.message)
    return result


@pytest.mark.parametrize(("setting", "rules"), [
    ("smtpmail-stream-type (my-tls-choice)",
     ["stream-type-invalid", "tls-on-starttls-port", "plaintext-auth"]),   # port 25: not 465's rule
    ("smtpmail-smtp-service (my-port)", ["service-invalid", "port-465-without-tls"]),
    ("smtpmail-auth-supported (my-mechanisms)", ["auth-mechanisms-dropped"]),
])
def test_the_rules_that_needed_the_value_are_named(tmp_path: Path, setting: str,
                                                   rules: list[str]) -> None:
    text = PRELUDE + f"(setq user-full-name \"Alice\"\n      {setting}\n      mail-user-agent 'message-user-agent)\n"
    name = setting.split()[0]
    found = unknowns(tmp_path, text)
    assert list(found) == [name]
    line, col, message = found[name]
    assert (line, col) == (6, 7)                     # at the pair, as every variable finding
    assert f"({setting.split('(')[1].rstrip(')')} ...) at 6:" in message
    for rule in rules:
        assert rule in message


def test_port_465_with_an_unknown_stream_type_is_not_guessed(tmp_path: Path) -> None:
    text = PRELUDE + "(setq smtpmail-smtp-service 465\n      smtpmail-stream-type (my-tls-choice))\n"
    found = check(tmp_path, text)
    assert "port-465-without-tls" not in {d.rule for d in found}   # it might well be 'ssl
    [unknown] = [d for d in found if d.rule == "value-unknown"]
    assert unknown.message.startswith("smtpmail-stream-type is not known here")
    assert "port-465-without-tls" in unknown.message and (unknown.line, unknown.col) == (6, 7)


def test_an_unknown_sender_is_not_reported_as_a_bad_address(tmp_path: Path) -> None:
    text = ("(setq send-mail-function 'smtpmail-send-it\n"
            "      smtpmail-smtp-server \"smtp.example.org\"\n"
            "      user-mail-address (my-work-address))\n")
    found = check(tmp_path, text)
    assert "no-sender" not in {d.rule for d in found}
    [unknown] = [d for d in found if d.rule == "value-unknown"]
    assert unknown.message.startswith("user-mail-address is not known here")
    assert "no-sender" in unknown.message and (unknown.line, unknown.col) == (3, 7)


def test_an_unknown_server_under_smtpmail_is_not_reported_missing(tmp_path: Path) -> None:
    text = ("(setq user-mail-address \"alice@example.org\"\n"
            "      send-mail-function 'smtpmail-send-it\n"
            "      smtpmail-smtp-server (password-store-get-field \"mail\" \"host\"))\n")
    found = check(tmp_path, text)
    assert "no-server" not in {d.rule for d in found}
    [unknown] = [d for d in found if d.rule == "value-unknown"]
    assert "no-server" in unknown.message and "(password-store-get-field ...)" in unknown.message


def test_selecting_a_rule_still_says_what_it_could_not_check(tmp_path: Path) -> None:
    text = PRELUDE + "(setq smtpmail-stream-type (my-tls-choice))\n"
    found = check(tmp_path, text, rules=["stream-type-invalid"])
    assert [(d.rule, d.line) for d in found] == [("value-unknown", 5)]
    assert "so stream-type-invalid could not check it" in found[0].message


def test_known_values_give_no_such_finding(tmp_path: Path) -> None:
    text = PRELUDE + "(setq smtpmail-smtp-service 587 smtpmail-stream-type 'starttls)\n"
    assert unknowns(tmp_path, text) == {}


BRANCHES = (";;; init.el  -*- lexical-binding: t -*-\n"
            "(setq user-mail-address \"alice@example.org\"\n"
            "      send-mail-function 'smtpmail-send-it\n"
            "      smtpmail-smtp-server \"smtp.example.org\")\n"
            "(if (my-at-work-p)\n"
            "    (setq smtpmail-smtp-service 465\n"
            "          smtpmail-stream-type \"ssl\")\n"
            "  (setq smtpmail-smtp-service 587\n"
            "        smtpmail-stream-type 'starttls))\n")


def test_each_value_a_branch_may_set_is_checked_at_its_pair(tmp_path: Path) -> None:
    found = check(tmp_path, BRANCHES)
    [invalid] = [d for d in found if d.rule == "stream-type-invalid"]
    assert (invalid.line, invalid.col) == (7, 11)       # the pair in the branch that sets "ssl"
    assert invalid.message.endswith('(when smtpmail-stream-type is "ssl", as the setq at line 6 '
                                    "sets it; which branch runs is not known here)")
    unknown = {d.message.split(" ", 1)[0]: d.message for d in found if d.rule == "value-unknown"}
    # checked branch by branch: no longer "could not check"
    assert "stream-type-invalid" not in unknown["smtpmail-stream-type"]
    # port and TLS mode come from the same branch: two unknowns are not combined
    assert "port-465-without-tls" in unknown["smtpmail-smtp-service"]
    assert not any(d.rule in ("port-465-without-tls", "tls-on-starttls-port") for d in found)


def test_branches_that_are_all_right_give_no_finding_and_no_doubt(tmp_path: Path) -> None:
    text = BRANCHES.replace('"ssl"', "'ssl")
    found = check(tmp_path, text)
    assert not any(d.rule == "stream-type-invalid" for d in found)
    unknown = {d.message.split(" ", 1)[0]: d.message for d in found if d.rule == "value-unknown"}
    assert "stream-type-invalid" not in unknown.get("smtpmail-stream-type", "")
