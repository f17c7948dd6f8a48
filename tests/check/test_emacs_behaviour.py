"""The Emacs behaviour behind the "cannot work" rules, shown by running Emacs 28.2.

Each case sets up what a rule flags, makes Emacs send (or prepare to send)
a message, and records the error Emacs signals; the rule's words say the
same thing.  No network: the server is a closed port on 127.0.0.1, and the
errors happen before any connection.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from elconf.check.rules import get_rule
from tests.support.emacs import run_emacs

_MESSAGE = '"From: alice@example.org\\nTo: bob@example.org\\nSubject: t\\n--text follows this line--\\nhi\\n"'


def emacs_error(setup: str, send: str, home: Path) -> str:
    """The error Emacs signals when ``send`` runs after ``setup`` (or "no error")."""
    program = (f'(progn {setup} (with-temp-buffer (insert {_MESSAGE}) '
               f'(condition-case err (progn {send} (princ "no error")) '
               f'(error (princ (format "%S" err))))))')
    proc = run_emacs(["-Q", "--eval", program], home=home)
    return proc.stdout.decode("utf-8", "replace").strip()


@pytest.mark.emacs
def test_string_stream_type_fails_every_send(home: Path) -> None:
    got = emacs_error('(setq smtpmail-smtp-server "127.0.0.1" smtpmail-smtp-service 9 '
                      'smtpmail-stream-type "ssl")', "(smtpmail-send-it)", home)
    assert got == '(error "Invalid connection type ssl")'
    assert "Invalid connection type" in get_rule("stream-type-invalid").emacs


@pytest.mark.emacs
def test_unknown_stream_symbol_fails_every_send(home: Path) -> None:
    got = emacs_error('(setq smtpmail-smtp-server "127.0.0.1" smtpmail-smtp-service 9 '
                      "smtpmail-stream-type 'tls-required)", "(smtpmail-send-it)", home)
    assert got == '(error "Invalid connection type tls-required")'


@pytest.mark.emacs
def test_message_function_in_send_mail_function_is_void_in_mail_mode(home: Path) -> None:
    got = emacs_error("(setq send-mail-function 'message-send-mail-with-sendmail "
                      'sendmail-program "/bin/false")', "(mail-mode) (mail-send)", home)
    assert got == "(void-function message-send-mail-with-sendmail)"
    assert "void-function" in get_rule("send-function-mismatch").emacs


@pytest.mark.emacs
def test_sendmail_function_in_message_send_mail_function_is_void(home: Path) -> None:
    got = emacs_error("(require 'message) (setq message-send-mail-function 'sendmail-send-it "
                      'sendmail-program "/bin/false")', "(message-mode) (message-send-mail)", home)
    assert got == "(void-function sendmail-send-it)"


@pytest.mark.emacs
def test_add_to_list_before_smtpmail_loads_signals_void_variable(home: Path) -> None:
    got = emacs_error("", "(add-to-list 'smtpmail-auth-supported 'xoauth2)", home)
    assert got == "(void-variable smtpmail-auth-supported)"


@pytest.mark.emacs
def test_smtp_auth_names_smtpmail_does_not_implement_fail(home: Path) -> None:
    for written in ("PLAIN", "digest-md5"):
        got = emacs_error("(require 'smtpmail)",
                          f'(smtpmail-try-auth-method nil (intern-soft "{written}") "u" "p")', home)
        assert got == '(error "Mechanism nil not implemented")'


@pytest.mark.emacs
def test_an_error_in_an_after_load_body_fails_the_send(home: Path) -> None:
    got = emacs_error("(setq smtpmail-smtp-server \"127.0.0.1\" smtpmail-smtp-service 9) "
                      "(with-eval-after-load 'smtpmail (setq smtpmail-smtp-user (car my-users)))",
                      "(smtpmail-send-it)", home)
    assert got == "(void-variable my-users)"


@pytest.mark.emacs
def test_a_service_that_is_no_port_fails_the_connection(home: Path) -> None:
    got = emacs_error('(setq smtpmail-smtp-server "127.0.0.1" smtpmail-smtp-service "587/tcp")',
                      "(smtpmail-send-it)", home)
    assert "Servname not supported" in got


@pytest.fixture
def clear_text_server() -> Iterator[int]:
    """A server on 127.0.0.1 that greets in clear text as port 587 and 25 servers do."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)

    def serve() -> None:
        while True:
            try:
                conn, _addr = listener.accept()
            except OSError:
                return
            with conn:
                conn.sendall(b"220 mx.test ESMTP\r\n")
                try:
                    conn.recv(4096)
                except OSError:
                    pass

    threading.Thread(target=serve, daemon=True).start()
    yield listener.getsockname()[1]
    listener.close()


@pytest.mark.emacs
def test_implicit_tls_against_a_clear_text_greeting_fails(home: Path, clear_text_server: int) -> None:
    got = emacs_error(f'(setq smtpmail-smtp-server "127.0.0.1" smtpmail-smtp-service '
                      f"{clear_text_server} smtpmail-stream-type 'ssl "
                      f'user-mail-address "alice@example.org")', "(smtpmail-send-it)", home)
    assert got == "(gnutls-error #<process smtpmail> -15)"
    assert "handshake fails" in get_rule("tls-on-starttls-port").emacs


@pytest.mark.emacs
def test_no_valid_sender_and_no_from_header_cannot_be_sent(home: Path) -> None:
    program = ('(progn (setq smtpmail-smtp-server "127.0.0.1" smtpmail-smtp-service 9 '
               'user-mail-address "alice") (with-temp-buffer (insert "To: bob@example.org\\n'
               'Subject: t\\n--text follows this line--\\nhi\\n") (condition-case err '
               '(smtpmail-send-it) (error (princ (format "%S" err))))))')
    got = run_emacs(["-Q", "--eval", program], home=home).stdout.decode().strip()
    assert got == "(wrong-type-argument char-or-string-p nil)"
    assert "char-or-string-p" in get_rule("no-sender").emacs
