"""Which send function a message takes, and how elconf show explains it."""

from __future__ import annotations

import pytest

from elconf import sysexits
from elconf.types import intern, lisp_list
from smtp.config import SendConfig
from smtp.errors import ConfigurationFailure
from smtp.paths import default_via, describe_path, plan_message, resolve_route


def cfg(**settings: object) -> SendConfig:
    return SendConfig.from_mapping({name.replace("_", "-"): (intern(v) if isinstance(v, str) and
                                                             name.endswith("function") else v)
                                    for name, v in settings.items()})


@pytest.mark.parametrize("send, message, via, chain", [
    ("smtpmail-send-it", None, "send-mail", ("smtpmail-send-it",)),
    ("sendmail-send-it", None, "send-mail", ("sendmail-send-it",)),
    ("sendmail-send-it", None, "message",
     ("message--default-send-mail-function", "message-send-mail-with-sendmail")),
    ("smtpmail-send-it", None, "message",
     ("message--default-send-mail-function", "message-use-send-mail-function", "smtpmail-send-it")),
    ("smtpmail-send-it", "message-send-mail-with-sendmail", "message", ("message-send-mail-with-sendmail",)),
    ("sendmail-send-it", "message-smtpmail-send-it", "message", ("message-smtpmail-send-it", "smtpmail-send-it")),
    ("sendmail-send-it", "smtpmail-send-it", "message", ("smtpmail-send-it",)),
    ("feedmail-send-it", None, "message", ("message--default-send-mail-function", "feedmail-send-it")),
    ("sendmail-query-once", None, "message", ("message--default-send-mail-function", "sendmail-query-once")),
])
def test_chains_follow_message_el_28(send: str, message: str | None, via: str, chain: tuple) -> None:
    settings = {"send_mail_function": send}
    if message:
        settings["message_send_mail_function"] = message
    route = resolve_route(cfg(**settings), via)
    assert route.chain == chain
    assert route.via == via


def test_the_default_door_is_message_only_when_the_config_chose_a_message_function() -> None:
    assert default_via(cfg(send_mail_function="smtpmail-send-it")) == "send-mail"
    assert default_via(cfg(message_send_mail_function="message--default-send-mail-function")) == "send-mail"
    assert default_via(cfg(message_send_mail_function="message-send-mail-with-sendmail")) == "message"


@pytest.mark.parametrize("function, words", [
    ("feedmail-send-it", "feedmail"),
    ("mailclient-send-it", "desktop mail program"),
    ("sendmail-query-once", "Emacs would ask"),
])
def test_unsupported_send_functions_exit_78_saying_what_to_set(function: str, words: str) -> None:
    with pytest.raises(ConfigurationFailure) as info:
        plan_message(b"To: b@example.net\n\nx\n", cfg(send_mail_function=function), via="send-mail")
    assert words in str(info.value)
    assert "smtpmail-send-it" in str(info.value)
    assert info.value.exit_code == sysexits.CONFIG


@pytest.mark.parametrize("function", ["message-send-mail-with-mh", "message-send-mail-with-qmail",
                                      "message-send-mail-with-mailclient"])
def test_other_message_transports_fail_clearly(function: str) -> None:
    config = cfg(message_send_mail_function=function, user_mail_address="a@example.org")
    with pytest.raises(ConfigurationFailure) as info:
        plan_message(b"To: b@example.net\n\nx\n", config)
    assert info.value.exit_code == sysexits.CONFIG
    assert "message-send-mail-function" in str(info.value)


def test_a_method_header_overrides_an_unsupported_transport() -> None:
    config = cfg(message_send_mail_function="message-send-mail-with-mh", user_mail_address="a@example.org")
    plan = plan_message(b"To: b@example.net\nX-Message-SMTP-Method: smtp mx.example 465 a\n\nx\n", config)
    assert plan.transport == "smtpmail-send-it"
    assert (plan.cfg.smtp_server, plan.cfg.smtp_service, plan.cfg.stream_type) == ("mx.example", 465, intern("tls"))
    assert b"X-Message-SMTP-Method" not in plan.message


def test_describe_path_for_msmtp_users() -> None:
    config = SendConfig.from_mapping({
        "send-mail-function": intern("sendmail-send-it"),
        "message-send-mail-function": intern("message-send-mail-with-sendmail"),
        "sendmail-program": "/usr/bin/msmtp",
        "message-sendmail-extra-arguments": lisp_list(["--read-envelope-from"]),
        "message-sendmail-f-is-evil": intern("t")})
    lines = describe_path(config)
    text = "\n".join(lines)
    assert lines[0].startswith("path: message.el (message-send-mail-function)")
    assert "the config sets message-send-mail-function" in lines[0]
    assert "argv: /usr/bin/msmtp -oi --read-envelope-from -t" in text
    assert "X-Message-SMTP-Method" in text
    plain = "\n".join(describe_path(config, "send-mail"))
    assert "argv: /usr/bin/msmtp -oi -oep -odi -t" in plain


def test_describe_path_reports_a_missing_program_and_smtp_servers() -> None:
    missing = describe_path(cfg(send_mail_function="sendmail-send-it", sendmail_program="/nonexistent/sendmail"))
    assert any("NOT FOUND" in line for line in missing)
    smtp = describe_path(SendConfig(send_mail_function="smtpmail-send-it", smtp_server="mx.example",
                                    smtp_service=587))
    assert any("SMTP to mx.example port 587" in line for line in smtp)
    unsupported = describe_path(cfg(send_mail_function="mailclient-send-it"))
    assert any("not supported" in line for line in unsupported)


def test_describe_path_for_a_function_of_ones_own() -> None:
    lines = describe_path(cfg(send_mail_function="my-send-mail"))
    assert any("decided per message" in line and "my-send-mail" in line for line in lines)
