"""X-Message-SMTP-Method parsing and account selection (message.el 28.2 semantics)."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, strategies as st

from elconf import sysexits
from elconf.types import Cons, intern, lisp_list
from smtp.accounts import Method, field_value, method_from_header, parse_method, server_alist_method
from smtp.config import SendConfig
from smtp.errors import ConfigurationFailure

BASE = SendConfig(smtp_server="smtp.home.example", smtp_service=587, smtp_user="me",
                  stream_type=intern("starttls"))


def test_smtp_method_binds_what_message_el_binds() -> None:
    method = parse_method("smtp smtp.work.example 587 alice@work.example")
    assert method == Method("smtp", "smtp.work.example", 587, "alice@work.example",
                            "smtp smtp.work.example 587 alice@work.example")
    changed = BASE.replace(**method.overrides(BASE))
    assert changed.smtp_server == "smtp.work.example"
    assert changed.smtp_service == 587
    assert changed.smtp_user == "alice@work.example"
    assert changed.stream_type is intern("starttls")     # kept: port is not 465
    assert changed.store_queue_variables is True          # bound to t by message.el


def test_port_465_forces_tls_and_user_defaults_to_the_global() -> None:
    method = parse_method("smtp smtp.example.com 465")
    changed = BASE.replace(**method.overrides(BASE))
    assert changed.stream_type is intern("tls")
    assert changed.smtp_user == "me"


def test_service_name_stays_text_as_string_to_number_gives_zero() -> None:
    method = parse_method("smtp mail.example.com submission")
    assert method.service == "submission"
    assert BASE.replace(**method.overrides(BASE)).smtp_service == "submission"
    # a leading number is what string-to-number reads
    assert parse_method("smtp h 587abc").service == 587


def test_sendmail_method_and_its_transport() -> None:
    method = parse_method("sendmail")
    assert method.kind == "sendmail"
    assert method.overrides(BASE) == {}
    assert method.transport() == "message-send-mail-with-sendmail"
    assert parse_method("smtp h 25").transport() == "message-smtpmail-send-it"


@pytest.mark.parametrize("value, text", [
    ("imap mail.example.com 993", "Unknown method (imap mail.example.com 993)"),
    ("", "Unknown method ()"),
    ("smtp only-a-host", "names no port"),
])
def test_bad_methods_fail_with_exit_78(value: str, text: str) -> None:
    with pytest.raises(ConfigurationFailure) as info:
        parse_method(value)
    assert text in str(info.value)
    assert info.value.exit_code == sysexits.CONFIG


_token = st.text(alphabet=string.ascii_letters + string.digits + ".-@_", min_size=1, max_size=20)


@given(host=_token, port=st.integers(min_value=1, max_value=65535), user=st.none() | _token,
       blanks=st.sampled_from([" ", "  ", "\t", " \t "]))
def test_split_string_on_any_blanks(host: str, port: int, user: str | None, blanks: str) -> None:
    words = ["smtp", host, str(port)] + ([user] if user else [])
    method = parse_method(blanks + blanks.join(words) + blanks)
    assert (method.host, method.service, method.user) == (host, port, user)
    expect_tls = port == 465
    assert (BASE.replace(**method.overrides(BASE)).stream_type is intern("tls")) == expect_tls


def test_header_is_read_unfolded_and_removed() -> None:
    raw = (b"From: a@example.org\nX-Message-SMTP-Method: smtp mail.example.com\n  2525 bob\n"
           b"To: b@example.net\n\nX-Message-SMTP-Method: in the body stays\n")
    method, rest = method_from_header(raw)
    assert method is not None and (method.host, method.service, method.user) == ("mail.example.com", 2525, "bob")
    assert rest == (b"From: a@example.org\nTo: b@example.net\n\n"
                    b"X-Message-SMTP-Method: in the body stays\n")


def test_no_header_leaves_the_message_alone() -> None:
    raw = b"From: a@example.org\nTo: b@example.net\n\nbody\n"
    assert method_from_header(raw) == (None, raw)


def test_two_method_fields_join_as_message_field_value_does() -> None:
    header = "X-Message-SMTP-Method: sendmail\nx-message-smtp-method: smtp h 25\n"
    assert field_value(header, "X-Message-SMTP-Method") == "sendmail, smtp h 25"
    # as in Emacs, the joined value is then no known method
    with pytest.raises(ConfigurationFailure, match=r"Unknown method \(sendmail, smtp h 25\)"):
        parse_method(field_value(header, "X-Message-SMTP-Method"))


ALIST = lisp_list([Cons("bob@club.example", "smtp smtp.club.example 587 bob"),
                   Cons("alice@work.example", "smtp smtp.work.example 465"),
                   Cons("post@local.example", "sendmail")])
WITH_ALIST = BASE.replace(message_server_alist=ALIST)


def test_server_alist_string_keys_match_the_from_address_exactly() -> None:
    method, notes = server_alist_method(None, WITH_ALIST, "From: Bob <bob@club.example>\n")
    assert method is not None and method.host == "smtp.club.example"
    assert any("Emacs 29" in note for note in notes)
    assert server_alist_method(None, WITH_ALIST, "From: Bob <BOB@club.example>\n")[0] is None
    assert server_alist_method(None, WITH_ALIST, "From: nobody@example.org\n")[0] is None


def test_server_alist_function_keys_need_the_init_file() -> None:
    alist = lisp_list([Cons(intern("my-account-p"), "smtp h 25")])
    method, notes = server_alist_method(None, BASE.replace(message_server_alist=alist), "From: a@b.c\n")
    assert method is None
    assert "needs the init file" in notes[0]
