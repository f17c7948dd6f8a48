"""Account selection from a real evaluated init file (elconf): hooks, message-server-alist, --from/--account."""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.config import LoadOptions, LoadedConfig, load_config
from elconf.types import intern
from smtp.accounts import select_account
from smtp.errors import ConfigurationFailure

INIT = r"""
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.home.example"
      smtpmail-smtp-service 587
      user-mail-address "alice@home.example")
(defun my-pick-account ()
  (let ((from (message-fetch-field "From")))
    (when (and from (string-match "@work\\.example" from))
      (setq smtpmail-smtp-server "smtp.work.example"
            smtpmail-smtp-service 465
            smtpmail-stream-type 'ssl
            smtpmail-smtp-user (cadr (mail-extract-address-components from))))))
(add-hook 'message-send-hook #'my-pick-account)
(defun my-club-p ()
  (string-match "club" (or (message-field-value "To") "")))
(defun my-method-by-domain ()
  (let ((from (or (message-fetch-field "From") "")))
    (when (string-match "@\\([a-z]+\\)\\.org\\'" from)
      (concat "smtp mail." (match-string 1 from) ".org 587"))))
(setq message-server-alist
      '(("bob@lists.example" . "smtp smtp.lists.example 2525 bob")
        (my-club-p . "smtp smtp.club.example 587")
        (my-method-by-domain)))
"""


def load(home: Path, text: str) -> LoadedConfig:
    init = home / ".emacs"
    init.write_text(text)
    loaded = load_config(LoadOptions(init=init, home=home, env={"HOME": str(home)}))
    assert not loaded.errors(), [d.format() for d in loaded.errors()]
    return loaded


def chosen(loaded: LoadedConfig, header: str, **kw: str):
    choice = select_account(loaded, header, **kw)
    return choice, choice.apply(loaded.send_config())


def test_hook_switches_by_from_and_leaves_the_config_alone(home: Path) -> None:
    loaded = load(home, INIT)
    choice, cfg = chosen(loaded, "From: Alice <alice@work.example>\nTo: x@example.net\n")
    assert (cfg.smtp_server, cfg.smtp_service, cfg.stream_type, cfg.smtp_user) == (
        "smtp.work.example", 465, intern("ssl"), "alice@work.example")
    assert "message-send-hook set smtpmail-smtp-server" in choice.notes
    # the hook ran inside a let: the evaluated config is unchanged for the next message
    assert loaded.get("smtpmail-smtp-server") == "smtp.home.example"
    _choice, cfg = chosen(loaded, "From: Alice <alice@home.example>\nTo: x@example.net\n")
    assert (cfg.smtp_server, cfg.smtp_service, cfg.stream_type) == ("smtp.home.example", 587, intern("nil"))


def test_server_alist_string_and_function_keys(home: Path) -> None:
    loaded = load(home, INIT)
    choice, cfg = chosen(loaded, "From: bob@lists.example\nTo: x@example.net\n")
    assert (cfg.smtp_server, cfg.smtp_service, cfg.smtp_user) == ("smtp.lists.example", 2525, "bob")
    assert cfg.store_queue_variables is True
    choice, cfg = chosen(loaded, "From: alice@home.example\nTo: members@club.example\n")
    assert cfg.smtp_server == "smtp.club.example"
    assert any("my-club-p" in note for note in choice.notes)
    # (FUNCTION) without METHOD: the function's value is the method
    choice, cfg = chosen(loaded, "From: carol@acme.org\nTo: x@example.net\n")
    assert (cfg.smtp_server, cfg.smtp_service) == ("mail.acme.org", 587)


def test_from_and_account_options(home: Path) -> None:
    loaded = load(home, INIT)
    header = "From: alice@home.example\nTo: x@example.net\n"
    _choice, cfg = chosen(loaded, header, from_="bob@lists.example")
    assert cfg.smtp_server == "smtp.lists.example"
    _choice, cfg = chosen(loaded, header, account="smtp.club.example")
    assert (cfg.smtp_server, cfg.smtp_service) == ("smtp.club.example", 587)
    _choice, cfg = chosen(loaded, header, account="bob")
    assert cfg.smtp_server == "smtp.lists.example"
    with pytest.raises(ConfigurationFailure):
        select_account(loaded, header, account="nobody")
    # a method header in the message wins over --account
    choice, cfg = chosen(loaded, header + "X-Message-SMTP-Method: sendmail\n", account="bob")
    assert choice.method is not None and choice.method.kind == "sendmail"
    # --from also feeds the hook's view of the From header
    _choice, cfg = chosen(loaded, header, from_="Alice <alice@work.example>")
    assert cfg.smtp_server == "smtp.work.example"


def test_a_hook_we_cannot_evaluate_is_noted_and_not_applied(home: Path) -> None:
    loaded = load(home, INIT + r"""
(defun my-opaque-account ()
  (setq smtpmail-smtp-server "half-set.example")
  (gnus-alias-determine-identity))
(add-hook 'message-send-hook #'my-opaque-account)
""")
    choice, cfg = chosen(loaded, "From: Alice <alice@home.example>\nTo: x@example.net\n")
    assert cfg.smtp_server == "smtp.home.example"          # the half-run hook's setq is dropped
    assert any("my-opaque-account" in note and "cannot evaluate" in note for note in choice.notes)


def test_message_settings_elsend_does_not_run_are_named(home: Path) -> None:
    from smtp.paths import plan_message

    loaded = load(home, INIT + """
(require 'message)
(add-hook 'message-send-mail-hook (lambda () (message "pop before smtp")))
(setq message-send-mail-function 'message-send-mail-with-sendmail)
""")
    plan = plan_message(b"From: alice@home.example\nTo: x@example.net\n\nbody\n", loaded.send_config(), loaded)
    assert any(note.startswith("message-send-mail-hook runs just before the transport")
               for note in plan.notes)
    assert not any("message-required-mail-headers" in note for note in plan.notes)  # its default


def test_an_fcc_handler_of_notmuch_is_not_replaced_by_an_mbox_file(home: Path) -> None:
    from smtp.paths import plan_message

    loaded = load(home, INIT + """
(require 'message)
(setq message-send-mail-function 'message-send-mail-with-sendmail
      message-fcc-handler-function 'notmuch-fcc-handler)
""")
    raw = b"From: alice@home.example\nTo: x@example.net\nFcc: sent\n\nbody\n"
    plan = plan_message(raw, loaded.send_config(), loaded)
    assert plan.fcc == ()
    assert any("notmuch-fcc-handler" in note and "no copy is filed" in note for note in plan.notes)
    assert b"Fcc:" not in plan.message
    default = load(home, INIT + "(setq message-send-mail-function 'message-send-mail-with-sendmail)\n")
    assert plan_message(raw, default.send_config(), default).fcc == ("sent",)


WRAPPER = r"""
(setq user-mail-address "alice@home.example" smtpmail-smtp-server "smtp.home.example")
(defun my-send-mail ()
  (let* ((from (or (message-fetch-field "From") ""))
         (work (string-match "@work\\.example" from))
         (smtpmail-smtp-server (if work "smtp.work.example" smtpmail-smtp-server))
         (smtpmail-smtp-service (if work 465 587))
         (smtpmail-stream-type (if work 'ssl 'starttls)))
    (smtpmail-send-it)))
(defun my-msmtp ()
  (let ((message-sendmail-extra-arguments
         (list "-a" (if (string-match "work" (message-fetch-field "From")) "work" "home"))))
    (message-send-mail-with-sendmail)))
"""


@pytest.mark.parametrize("door, setting", [("send-mail", "send-mail-function"),
                                           ("message", "message-send-mail-function")])
def test_a_wrapper_send_function_is_followed_to_its_transport(home: Path, door: str, setting: str) -> None:
    from smtp.paths import plan_message

    loaded = load(home, WRAPPER + f"(setq {setting} 'my-send-mail)\n")
    plan = plan_message(b"From: Alice <alice@work.example>\nTo: x@example.net\n\nbody\n",
                        loaded.send_config(), loaded, via=door)
    assert plan.transport == "smtpmail-send-it"
    assert (plan.cfg.smtp_server, plan.cfg.smtp_service, plan.cfg.stream_type) == (
        "smtp.work.example", 465, intern("ssl"))
    assert any("my-send-mail was evaluated" in note for note in plan.notes)
    assert loaded.get("smtpmail-smtp-server") == "smtp.home.example"   # nothing leaked
    plan = plan_message(b"From: Alice <alice@home.example>\nTo: x@example.net\n\nbody\n",
                        loaded.send_config(), loaded, via=door)
    assert (plan.cfg.smtp_server, plan.cfg.smtp_service) == ("smtp.home.example", 587)


def test_a_wrapper_around_msmtp_chooses_the_account(home: Path) -> None:
    from smtp.paths import plan_message

    loaded = load(home, WRAPPER + "(setq message-send-mail-function 'my-msmtp)\n")
    plan = plan_message(b"From: Alice <alice@work.example>\nTo: x@example.net\n\nbody\n",
                        loaded.send_config(), loaded)
    assert plan.transport == "message-send-mail-with-sendmail"
    assert plan.cfg.message_sendmail_extra_arguments == ("-a", "work")


def test_a_wrapper_we_cannot_follow_exits_78(home: Path) -> None:
    from smtp.paths import plan_message

    loaded = load(home, WRAPPER + """
(defun my-odd-send () (my-unknown-transport))
(setq send-mail-function 'my-odd-send)
""")
    with pytest.raises(ConfigurationFailure) as info:
        plan_message(b"From: a@home.example\nTo: x@example.net\n\nbody\n", loaded.send_config(),
                     loaded, via="send-mail")
    assert "my-odd-send" in str(info.value)
    assert info.value.exit_code == 78
