"""Pure parts of the session: reply grammar, EHLO keywords, AUTH encodings, errors, trace."""

from __future__ import annotations

import base64

from hypothesis import given
from hypothesis import strategies as st

from elconf.types import NIL, intern
from smtp import auth
from smtp.errors import (AuthenticationFailure, ConfigurationFailure, PermanentFailure, ProtocolFailure,
                         RecipientRefused, TemporaryFailure, error_for_reply, sanitize)
from smtp.auth import server_requires_authorization
from smtp.transport import fqdn, is_loopback, resolve_port, stream_mode
from smtp.config import SendConfig
from smtp.response import Reply, ReplyAssembler, block_reply, first_code, parse_ehlo
from smtp.trace import redact_command


def feed_all(lines: list[bytes]) -> list[Reply]:
    assembler, replies = ReplyAssembler(), []
    for line in lines:
        reply = assembler.feed(line)
        if reply is not None:
            replies.append(reply)
    return replies


# --- replies ---------------------------------------------------------------------------------


def test_multiline_reply() -> None:
    assert feed_all([b"250-mx.test", b"250-SIZE 10", b"250 HELP"]) == [
        Reply(250, ("250-mx.test", "250-SIZE 10", "250 HELP"))]


def test_garbage_line_ends_the_reply_without_code() -> None:
    replies = feed_all([b"this is not an SMTP reply", b"250 OK"])
    assert replies[0] == Reply(None, ("this is not an SMTP reply",))
    assert not replies[0].ok and replies[1].ok


def test_lines_starting_with_zero_are_skipped_like_emacs() -> None:
    assert feed_all([b"050 note", b"250 OK"]) == [Reply(250, ("050 note", "250 OK"))]


def test_any_number_of_digits_is_a_code() -> None:
    assert feed_all([b"25 odd"])[0].code == 25


def test_block_reply_takes_the_first_final_line() -> None:
    assert first_code([b"hello", b"220-x", b"220 ok"]) == 220
    assert block_reply([b"nonsense"]).code is None


@given(st.integers(200, 599),
       st.lists(st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=20),
                max_size=5),
       st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=20))
def test_well_formed_replies_round_trip(code: int, middle: list[str], last: str) -> None:
    lines = [f"{code}-{text}".encode() for text in middle] + [f"{code} {last}".encode()]
    (reply,) = feed_all(lines)
    assert reply.code == code and reply.text == "\n".join(line.decode() for line in lines)
    assert reply.ok == (code < 400)


# --- EHLO keywords ----------------------------------------------------------------------------


def test_ehlo_keywords_as_smtpmail_keeps_them() -> None:
    ext = parse_ehlo([b"250-mx.test Hello", b"250-SIZE 1000", b"250-8BITMIME",
                      b"250-PIPELINING", b"250-ONEX", b"250-xusr now", b"250-AUTH=LOGIN PLAIN",
                      b"250 HELP"])
    assert ext.has("size") and ext.has_word("8bitmime") and ext.has_word("onex")
    assert not ext.has("pipelining") and not ext.has_word("xusr") and ext.has("xusr")
    assert ext.auth_mechanisms == ()
    assert not ext.starttls_offered


def test_auth_line_last_one_wins_and_case_folds() -> None:
    ext = parse_ehlo([b"250-x", b"250-AUTH LOGIN", b"250-auth Plain CRAM-MD5", b"250 HELP"])
    assert ext.auth_mechanisms == ("plain", "cram-md5")
    assert parse_ehlo([b"250 AUTH"]).auth_mechanisms == ()


def test_starttls_detected_as_network_stream_does() -> None:
    assert parse_ehlo([b"250-x", b"250 starttls"]).starttls_offered
    assert parse_ehlo([b"250-x", b"250-FOO STARTTLS", b"250 HELP"]).starttls_offered
    assert not parse_ehlo([b"250-x", b"250 XSTARTTLS"]).starttls_offered


# --- AUTH -------------------------------------------------------------------------------------


def test_auth_encodings() -> None:
    assert auth.plain_command("alice", "s3cret") == "AUTH PLAIN AGFsaWNlAHMzY3JldA=="
    assert auth.login_lines("alice", "s3cret") == ("YWxpY2U=", "czNjcmV0")
    challenge = "334 " + base64.b64encode(b"<1896.697170952@mx.test>").decode()
    assert auth.cram_md5_response("alice", "s3cret", challenge) == \
        "YWxpY2UgNTg3YTZmMGUzY2RlODM3MDMwNTc4YTcyNTg3ODA3YjM="
    assert base64.b64decode(auth.xoauth2_command("a", "t")[13:]) == b"user=a\x01auth=Bearer t\x01\x01"


def test_cram_md5_rejects_a_bad_challenge() -> None:
    try:
        auth.cram_md5_response("a", "b", "334 !!!")
    except ValueError as exc:
        assert "not base64" in str(exc)
    else:
        raise AssertionError("expected ValueError")


def test_non_ascii_credentials_are_utf8() -> None:
    assert base64.b64decode(auth.plain_command("jürgen", "pässword")[11:]) == \
        "\0jürgen\0pässword".encode()


def test_mechanism_choice_follows_emacs_preference_not_server_order() -> None:
    supported = ("cram-md5", "plain", "login")
    assert auth.choose_mechanism(supported, ("login", "plain"), None) == "plain"
    assert auth.choose_mechanism(supported, ("gssapi",), None) is None
    assert auth.choose_mechanism(supported, (), "login") == "login"


# --- settings ---------------------------------------------------------------------------------


def test_stream_modes() -> None:
    assert stream_mode(NIL) == "opportunistic"
    assert stream_mode(intern("network")) == "opportunistic"
    assert stream_mode(intern("ssl")) == stream_mode(intern("tls")) == "implicit"
    assert stream_mode(intern("starttls")) == "starttls"
    assert stream_mode(intern("plain")) == "plain"


def test_ports_and_names() -> None:
    assert resolve_port(587) == 587 and resolve_port("2525") == 2525
    assert resolve_port("submission") == 587
    for bad in (0, 70000, "99999"):
        try:
            resolve_port(bad)
        except ConfigurationFailure as error:
            assert "is not a TCP port" in str(error)
        else:
            raise AssertionError(bad)
    assert fqdn(SendConfig(system_name="vm", local_domain="example.org")) == "vm.example.org"
    assert fqdn(SendConfig(system_name="vm")) == "vm"


def test_loopback() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("127.5.4.3") and is_loopback("::1")
    assert is_loopback("localhost") and is_loopback("LOCALHOST")
    assert not is_loopback("mail.example.org") and not is_loopback("10.0.0.1")


def test_servers_requiring_authorization_is_an_emacs_regexp() -> None:
    assert server_requires_authorization(r"\`smtp\.\(gmail\|example\)\.com\'", "smtp.gmail.com")
    assert server_requires_authorization("EXAMPLE", "smtp.example.com")  # case-folded
    assert not server_requires_authorization(r"\`smtp\.gmail", "mx.smtp.gmail.com")
    assert not server_requires_authorization(None, "anything")


# --- errors and trace -----------------------------------------------------------------------


def test_error_classes_by_stage_and_code() -> None:
    assert isinstance(error_for_reply("RCPT TO:<x>", 550, "550 no", stage="rcpt",
                                      with_command=False), RecipientRefused)
    assert isinstance(error_for_reply("RCPT TO:<x>", 451, "451 later", stage="rcpt"),
                      TemporaryFailure)
    assert isinstance(error_for_reply("AUTH", 535, "535 no", stage="auth"), AuthenticationFailure)
    assert isinstance(error_for_reply(".", 554, "554 spam", stage="dot"), PermanentFailure)
    assert isinstance(error_for_reply("DATA", None, "garbage", stage="data"), ProtocolFailure)
    codes = {cls.exit_code for cls in (RecipientRefused, TemporaryFailure, AuthenticationFailure,
                                       PermanentFailure, ProtocolFailure)}
    assert codes == {67, 75, 77, 69, 76}


def test_messages_are_emacs_shaped_and_sanitised() -> None:
    error = error_for_reply("AUTH PLAIN AGFsaWNl", 535, "535 5.7.8 bad", stage="auth")
    assert error.message == "Sending failed: 535 5.7.8 bad in response to AUTH"
    secret_line = error_for_reply("czNjcmV0", 535, "535 bad", stage="auth",
                                  secret_label="AUTH LOGIN (password)")
    assert secret_line.message == "Sending failed: 535 bad in response to AUTH LOGIN (password)"
    assert sanitize("530 Auth required: x") == "530 AUTH"
    assert sanitize("no auth here\nnext line") == "no AUTH\nnext line"


def test_trace_redaction_omits_every_auth_argument() -> None:
    assert redact_command("AUTH PLAIN AGFsaWNl") == "AUTH PLAIN <omitted>"
    assert redact_command("AUTH XOAUTH2 dXNlcj1h", secret=True) == "AUTH XOAUTH2 <omitted>"
    assert redact_command("czNjcmV0", secret=True) == "<omitted>"
    assert redact_command("AUTH LOGIN") == "AUTH LOGIN"
    assert redact_command("MAIL FROM:<a@b>") == "MAIL FROM:<a@b>"


def test_authentication_required_is_exit_77_at_any_stage() -> None:
    error = error_for_reply("MAIL FROM:<a@b>", 530, "530 5.7.0 Authentication required",
                            stage="mail", with_command=False)
    assert isinstance(error, AuthenticationFailure) and error.exit_code == 77
    assert error.message == "Sending failed: 530 5.7.0 Authentication required"


def test_exchanges_are_driven_without_io() -> None:
    login = auth.exchange("login", "alice", "s3cret")
    assert next(login) == auth.Step("AUTH LOGIN")
    assert login.send("334 VXNlcm5hbWU6") == auth.Step("YWxpY2U=", "AUTH LOGIN (user name)",
                                                        secret=True)
    assert login.send("334 UGFzc3dvcmQ6") == auth.Step("czNjcmV0", "AUTH LOGIN (password)",
                                                        secret=True)
    cram = auth.exchange("cram-md5", "alice", "s3cret")
    assert next(cram).line == "AUTH CRAM-MD5"
    step = cram.send("334 " + base64.b64encode(b"<1896.697170952@mx.test>").decode())
    assert step.line == "YWxpY2UgNTg3YTZmMGUzY2RlODM3MDMwNTc4YTcyNTg3ODA3YjM="
    plain = next(auth.exchange("plain", "alice", "s3cret"))
    assert plain.expect == 235 and plain.secret and plain.label is None
