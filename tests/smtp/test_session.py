"""The SMTP session against a real aiosmtpd server on 127.0.0.1: the wire and the outcome."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from elconf import sysexits
from elconf.types import intern
from smtp.errors import (AuthenticationFailure, ConfigurationFailure, InsecureAuthRefused,
                         ProtocolFailure, RecipientRefused, TemporaryFailure, TlsFailure)
from smtp.esmtp import SmtpSession
from smtp.transport import TimedOut
from tests.smtp.conftest import Message, creds
from tests.support.smtpserver import CLOSE, STALL, Action, Script, make_pki, reply

USERS = {"alice": "s3cret"}


def script(**kwargs: object) -> Script:
    kwargs.setdefault("users", USERS)
    return Script(**kwargs)  # type: ignore[arg-type]


# --- the plain path ------------------------------------------------------------------------


def test_basic_send_puts_emacs_bytes_on_the_wire(smtp_run) -> None:
    run = smtp_run()
    assert run.error is None
    assert run.wire == (b"=== connection 1 ===\nEHLO vm\r\n"
                        b"MAIL FROM:<alice@example.org> SIZE=71\r\nRCPT TO:<bob@example.net>\r\n"
                        b"DATA\r\nFrom: alice@example.org\r\nTo: bob@example.net\r\n"
                        b"Subject: test\r\n\r\nHello.\r\n.\r\nQUIT\r\n")
    assert run.report.final_reply.code == 250
    assert run.report.tls == "none" and run.report.attempts == 1
    assert run.server.messages[0][1] == ["bob@example.net"]


def test_size_only_when_listed(smtp_run) -> None:
    bare = smtp_run(script(extensions=("SIZE",)))
    absent = smtp_run(script(extensions=("8BITMIME",)))
    assert "MAIL FROM:<alice@example.org> SIZE=71" in bare.commands
    assert "MAIL FROM:<alice@example.org>" in absent.commands


def test_size_counts_characters_not_bytes(smtp_run) -> None:
    message = Message(lines=[b"Subject: x", b"", "Grüße".encode()])
    run = smtp_run(message=message)
    assert f"MAIL FROM:<alice@example.org> SIZE={10 + 2 + 2 + 5 + 2}" in run.commands
    assert run.server.messages[0][2].endswith("Grüße\r\n".encode())


def test_local_domain_in_ehlo(smtp_run) -> None:
    assert smtp_run(local_domain="example.org").commands[0] == "EHLO vm.example.org"


def test_dot_stuffing_and_crlf(smtp_run) -> None:
    lines = [b"Subject: dots", b"", b".", b"..two", b".three", b"mid.", b"end"]
    run = smtp_run(message=Message(lines=lines))
    assert b"\r\n..\r\n...two\r\n..three\r\nmid.\r\nend\r\n.\r\n" in run.wire
    assert run.server.messages[0][2] == b"Subject: dots\r\n\r\n.\r\n..two\r\n.three\r\nmid.\r\nend\r\n"


def test_sendto_domain_only_for_bare_names(smtp_run) -> None:
    run = smtp_run(message=Message(recipients=["bob", "carol@example.com"]),
                   sendto_domain="example.net")
    assert run.commands[2:4] == ["RCPT TO:<bob@example.net>", "RCPT TO:<carol@example.com>"]


def test_big_message_goes_out_in_few_segments(smtp_run) -> None:
    lines = [b"Subject: big", b""] + [b"x" * 70] * 30000  # ~2 MB
    run = smtp_run(message=Message(lines=lines))
    assert run.error is None
    assert len(run.server.messages[0][2]) == 12 + 2 + 2 + 30000 * 72
    # One write per 64 KiB chunk; the final dot rides with the last chunk.
    assert run.server.connections[0].recv_calls < 30000 // 10


def test_missing_envelope_is_a_message_error(smtp_run) -> None:
    run = smtp_run(message=Message(envelope_from=None))
    assert run.error.exit_code == sysexits.DATAERR
    assert run.server.connections == []


# --- greeting and EHLO -------------------------------------------------------------------


def test_greeting_421_sends_ehlo_then_quit(smtp_run) -> None:
    run = smtp_run(script(greeting=reply("421 4.3.2 mx.test busy")))
    assert isinstance(run.error, TemporaryFailure) and run.error.exit_code == 75
    assert str(run.error).startswith("Sending failed: Connection not allowed: 421 4.3.2 mx.test busy")
    assert run.commands == ["EHLO vm", "QUIT"]


def test_greeting_554_is_permanent(smtp_run) -> None:
    run = smtp_run(script(greeting=reply("554 5.7.1 no")))
    assert run.error.exit_code == sysexits.UNAVAILABLE


def test_multiline_and_garbage_greeting_are_accepted(smtp_run) -> None:
    multi = smtp_run(script(greeting=reply("220-mx.test\n220-hello\n220 ready")))
    garbage = smtp_run(script(greeting=Action(b"hello there\r\n220 ok\r\n")))
    assert multi.error is None and garbage.error is None


def test_server_closing_before_greeting(smtp_run) -> None:
    run = smtp_run(script(greeting=CLOSE))
    assert run.error.exit_code == 75
    assert "before its greeting" in str(run.error)


def test_ehlo_refused_falls_back_to_helo(smtp_run) -> None:
    run = smtp_run(script(replies={("EHLO", "*"): reply("502 5.5.2 no")}))
    assert run.error is None
    assert run.commands[:3] == ["EHLO vm", "HELO vm", "MAIL FROM:<alice@example.org>"]


def test_helo_refused_names_the_command(smtp_run) -> None:
    run = smtp_run(script(replies={("EHLO", "*"): reply("502 5.5.2 no"),
                                   ("HELO", "*"): reply("550 5.7.1 go away")}))
    assert str(run.error).startswith("Sending failed: 550 5.7.1 go away in response to HELO vm")
    assert run.error.exit_code == 69


def test_onex_xusr_and_verb(smtp_run) -> None:
    keywords = ("ONEX", "XUSR", "VERB", "HELP")
    quiet = smtp_run(script(extensions=keywords))
    verbose = smtp_run(script(extensions=keywords), debug_verb=True)
    assert quiet.commands[1:3] == ["ONEX", "XUSR"] and "VERB" not in quiet.commands
    assert verbose.commands[1:4] == ["ONEX", "VERB", "XUSR"]


def test_unknown_keywords_and_parameters_are_ignored(smtp_run) -> None:
    run = smtp_run(script(extensions=("ONEX now", "PIPELINING", "CHUNKING", "HELP")))
    assert run.commands[1].startswith("MAIL FROM:")


# --- stream types and TLS ----------------------------------------------------------------


def test_opportunistic_starttls(smtp_run) -> None:
    run = smtp_run(tls="starttls")
    assert run.error is None and run.report.tls == "starttls"
    assert run.wire.startswith(b"=== connection 1 ===\nEHLO vm\r\nSTARTTLS\r\n\n=== TLS ===\nEHLO vm\r\n")


def test_starttls_trusted_through_ssl_cert_file(smtp_run, pki, monkeypatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(pki.ca_file))
    run = smtp_run(tls="starttls", gnutls_trustfiles=())
    assert run.error is None and run.report.tls == "starttls"


def test_plain_never_upgrades(smtp_run) -> None:
    run = smtp_run(tls="starttls", stream_type=intern("plain"))
    assert "STARTTLS" not in run.commands and run.report.tls == "none"


def test_starttls_required_but_not_offered(smtp_run) -> None:
    run = smtp_run(stream_type=intern("starttls"))
    assert isinstance(run.error, TlsFailure) and run.error.exit_code == 76
    assert "does not offer STARTTLS" in str(run.error)
    assert run.commands == ["EHLO vm"]       # Emacs closes without QUIT, so do we


def test_starttls_refused_by_server(smtp_run) -> None:
    opportunistic = smtp_run(script(replies={("STARTTLS", "*"): reply("454 4.7.0 no TLS now")}),
                             tls="starttls")
    required = smtp_run(script(replies={("STARTTLS", "*"): reply("454 4.7.0 no TLS now")}),
                        tls="starttls", stream_type=intern("starttls"))
    assert opportunistic.error is None and opportunistic.report.tls == "none"
    assert "refused STARTTLS (454 4.7.0 no TLS now)" in str(required.error)


@pytest.mark.parametrize("name", ["ssl", "tls"])
def test_implicit_tls(smtp_run, name: str) -> None:
    run = smtp_run(tls="implicit", stream_type=intern(name))
    assert run.error is None and run.report.tls == "implicit"
    assert run.wire.startswith(b"=== connection 1 (implicit TLS) ===\nEHLO vm\r\n")


def test_unknown_ca_is_refused_naming_host_and_reason(smtp_run, tmp_path: Path) -> None:
    rogue = make_pki(tmp_path)
    run = smtp_run(tls="starttls", server_context=rogue.server_context)
    assert isinstance(run.error, TlsFailure) and run.error.exit_code == sysexits.PROTOCOL
    assert "TLS certificate of 127.0.0.1 port" in str(run.error)
    assert "not trusted" in str(run.error) and "hint:" in str(run.error)
    assert b"=== TLS ===" not in run.wire and "MAIL" not in " ".join(run.commands)


def test_wrong_host_name_is_refused(smtp_run, tmp_path: Path) -> None:
    other = make_pki(tmp_path, ("mx.test",))
    run = smtp_run(tls="implicit", server_context=other.server_context,
                   stream_type=intern("ssl"), gnutls_trustfiles=(str(other.ca_file),))
    assert isinstance(run.error, TlsFailure)
    assert "not valid for the name '127.0.0.1'" in str(run.error)


def test_stream_type_as_string_is_a_config_error(smtp_run) -> None:
    run = smtp_run(stream_type="ssl")
    assert isinstance(run.error, ConfigurationFailure) and run.error.exit_code == 78
    assert "Invalid connection type ssl" in str(run.error) and "'ssl" in str(run.error)
    assert run.server.connections == []


def test_unknown_stream_symbol_and_service_name(smtp_run) -> None:
    assert smtp_run(stream_type=intern("tcp")).error.exit_code == 78
    assert "unknown service name" in str(smtp_run(smtp_service="no-such-service").error)


def test_service_as_digit_string(smtp_run) -> None:
    run = smtp_run(smtp_service="{port}")
    assert run.error is None and run.report.port == run.server.port


def test_connection_refused_is_temporary(smtp_run) -> None:
    import socket

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    run = smtp_run(smtp_service=str(port))
    assert run.error.exit_code == 75 and "Unable to contact server" in str(run.error)


# --- AUTH -------------------------------------------------------------------------------


@pytest.mark.parametrize("offered, expected", [
    ("AUTH CRAM-MD5 PLAIN LOGIN", "AUTH CRAM-MD5"),
    ("AUTH LOGIN PLAIN", "AUTH PLAIN AGFsaWNlAHMzY3JldA=="),
    ("AUTH LOGIN", "AUTH LOGIN"),
])
def test_each_mechanism_is_verified_by_the_server(smtp_run, offered: str, expected: str) -> None:
    run = smtp_run(script(extensions=(offered, "HELP")), credentials=creds())
    assert run.error is None
    assert run.commands[1] == expected
    assert run.server.connections[0].authenticated_as == "alice"


def test_cram_md5_with_a_password_longer_than_64_bytes(smtp_run) -> None:
    long_password = "p" * 100   # Emacs's rfc2104-hash gets this wrong (see test_auth_emacs)
    run = smtp_run(script(users={"alice": long_password}), credentials=creds(secret=long_password))
    assert run.error is None and run.server.connections[0].authenticated_as == "alice"


def test_xoauth2(smtp_run) -> None:
    run = smtp_run(script(extensions=("AUTH XOAUTH2 PLAIN",), users={"alice": "tok3n"}),
                   credentials=creds(secret="tok3n"),
                   auth_supported=("xoauth2", "cram-md5", "plain", "login"))
    assert run.report.mechanism == "xoauth2"
    assert run.server.connections[0].authenticated_as == "alice"


def test_smtp_auth_override_even_when_not_offered(smtp_run) -> None:
    run = smtp_run(script(extensions=("SIZE",)), credentials=creds(smtp_auth="plain"))
    assert run.commands[1].startswith("AUTH PLAIN ") and run.report.mechanism == "plain"


def test_unknown_override_is_a_config_error(smtp_run) -> None:
    run = smtp_run(credentials=creds(smtp_auth="PLAIN"))
    assert isinstance(run.error, ConfigurationFailure)
    assert "Mechanism PLAIN not implemented" in str(run.error)


def test_no_auth_without_credentials_or_offer(smtp_run) -> None:
    without = smtp_run()
    not_offered = smtp_run(script(extensions=("SIZE",)), credentials=creds())
    assert not any(c.startswith("AUTH") for c in without.commands + not_offered.commands)


def test_plain_failure_reads_as_emacs_says_it(smtp_run) -> None:
    run = smtp_run(script(extensions=("AUTH PLAIN",)), credentials=creds(secret="wrong"))
    assert str(run.error).splitlines()[0] == \
        "Sending failed: 535 5.7.8 Authentication credentials invalid in response to AUTH"


def test_single_attempt_on_535(smtp_run) -> None:
    run = smtp_run(credentials=creds(secret="wrong"))
    assert isinstance(run.error, AuthenticationFailure) and run.error.exit_code == 77
    assert [c for c in run.commands if c.startswith("AUTH")] == ["AUTH CRAM-MD5"]
    assert run.commands[-1] == "QUIT" and len(run.server.connections) == 1


def test_login_failure_never_shows_the_password(smtp_run) -> None:
    run = smtp_run(script(extensions=("AUTH LOGIN",)), credentials=creds(secret="wrong"))
    text = str(run.error)
    assert "d3Jvbmc" not in text and "wrong" not in text
    assert "in response to AUTH LOGIN (password)" in text
    assert "d3Jvbmc" not in run.trace.text() and "<omitted>" in run.trace.text()


def test_plaintext_credentials_refused_for_a_remote_host(smtp_run) -> None:
    class RemoteLooking(SmtpSession):
        def _peer_is_local(self) -> bool:  # stands in for a host we cannot reach here
            return False

    refused = smtp_run(credentials=creds(), session_class=RemoteLooking)
    assert isinstance(refused.error, InsecureAuthRefused) and refused.error.exit_code == 77
    assert not any(c.startswith("AUTH") for c in refused.commands)
    allowed = smtp_run(credentials=creds(), session_class=RemoteLooking,
                       stream_type=intern("plain"))
    assert allowed.error is None and any("unencrypted" in p for p in allowed.progress)
    over_tls = smtp_run(credentials=creds(), session_class=RemoteLooking, tls="starttls")
    assert over_tls.error is None and over_tls.report.mechanism == "cram-md5"


def test_servers_requiring_authorization_asks(smtp_run) -> None:
    answers = iter(["alice", "s3cret"])
    prompts: list[tuple[str, bool]] = []

    def ask(prompt: str, echo: bool) -> str:
        prompts.append((prompt, echo))
        return next(answers)

    run = smtp_run(ask=ask, servers_requiring_authorization=r"^127\.0\.", user_login_name="root")
    assert run.error is None and run.report.mechanism == "cram-md5"
    assert prompts == [("SMTP user name for 127.0.0.1 (default root): ", True),
                       ("SMTP password for alice@127.0.0.1: ", False)]


# --- failures and recoveries ----------------------------------------------------------------


def test_4xx_on_mail_retries_with_new_sessions(smtp_run) -> None:
    run = smtp_run(script(replies={("MAIL", 1): reply("451 4.3.0 later"),
                                   ("MAIL", 2): reply("452 4.3.1 later")}))
    assert run.error is None and run.report.attempts == 3
    assert len(run.server.connections) == 3 and run.sleeps == [1, 1]
    assert run.progress == ["Got transient error code 451 when sending; retrying attempt 1...",
                            "Got transient error code 452 when sending; retrying attempt 2..."]
    assert run.wire.count(b"QUIT\r\n") == 3


def test_retries_exhausted(smtp_run) -> None:
    run = smtp_run(script(replies={("MAIL", "*"): reply("451 4.3.0 later")}), retries=3)
    assert run.error.exit_code == 75 and str(run.error) == "Sending failed: 451 4.3.0 later"
    assert len(run.server.connections) == 3 and run.sleeps == [1, 1]


def test_4xx_on_rcpt_is_not_retried(smtp_run) -> None:
    run = smtp_run(script(replies={("RCPT", 1): reply("451 4.7.1 greylisted")}))
    assert run.error.exit_code == 75 and len(run.server.connections) == 1 and run.sleeps == []


def test_5xx_on_second_rcpt(smtp_run) -> None:
    run = smtp_run(script(extensions=("SIZE",), replies={("RCPT", 2): reply("550 5.1.1 unknown")}),
                   message=Message(recipients=["a@example.net", "b@example.net"]))
    assert isinstance(run.error, RecipientRefused) and run.error.exit_code == 67
    assert run.commands[-2:] == ["RCPT TO:<b@example.net>", "QUIT"] and "DATA" not in run.commands


def test_530_reconnects_and_asks(smtp_run) -> None:
    answers = iter(["alice", "s3cret"])
    run = smtp_run(script(auth_required=True), ask=lambda prompt, echo: next(answers))
    assert run.error is None and len(run.server.connections) == 2
    assert run.server.connections[1].authenticated_as == "alice"


def test_530_without_a_terminal_fails_clearly(smtp_run) -> None:
    run = smtp_run(script(auth_required=True))
    assert isinstance(run.error, AuthenticationFailure) and run.error.exit_code == 77
    assert "no terminal" in str(run.error) and "authinfo" in str(run.error)
    assert len(run.server.connections) == 1


def test_550_on_rcpt_with_auth_offered_reconnects_once(smtp_run) -> None:
    run = smtp_run(script(replies={("RCPT", "*"): reply("550 5.7.1 relaying denied")}),
                   credentials=creds())
    assert isinstance(run.error, RecipientRefused)
    assert len(run.server.connections) == 2


def test_failures_after_data(smtp_run) -> None:
    data = smtp_run(script(replies={("DATA", 1): reply("554 5.6.0 no")}))
    dot = smtp_run(script(replies={("DOT", 1): reply("452 4.3.1 Insufficient system storage")}))
    assert str(data.error) == "Sending failed: 554 5.6.0 no in response to DATA"
    assert data.error.exit_code == 69
    assert str(dot.error) == "Sending failed: 452 4.3.1 Insufficient system storage in response to ."
    assert dot.error.exit_code == 75 and dot.commands[-1] == "QUIT"


# --- replies that are not SMTP, timeouts ---------------------------------------------------


def test_garbage_reply_line(smtp_run) -> None:
    run = smtp_run(script(replies={("MAIL", 1): Action(b"this is not an SMTP reply\r\n250 OK\r\n")}))
    assert isinstance(run.error, ProtocolFailure) and run.error.exit_code == 76
    assert str(run.error).startswith("Sending failed: this is not an SMTP reply")


def test_overlong_reply_line(smtp_run) -> None:
    run = smtp_run(script(replies={("MAIL", 1): Action(b"250 " + b"x" * 9000 + b"\r\n")}))
    assert isinstance(run.error, ProtocolFailure) and "longer than 8192" in str(run.error)


def test_endless_reply(smtp_run) -> None:
    run = smtp_run(script(replies={("MAIL", 1): Action(b"250-more\r\n" * 1001)}))
    assert isinstance(run.error, ProtocolFailure) and "over 1000 lines" in str(run.error)


def test_silent_server_times_out(smtp_run) -> None:
    run = smtp_run(script(replies={("MAIL", 1): STALL}), timeout=0.3)
    assert isinstance(run.error, TimedOut) and run.error.exit_code == 75
    assert "no reply from 127.0.0.1 within 0.3 s to MAIL FROM" in str(run.error)


def test_connection_lost_mid_session(smtp_run) -> None:
    run = smtp_run(script(replies={("RCPT", 1): CLOSE}))
    assert run.error.exit_code == 75 and "closed the connection" in str(run.error)


# --- several messages in one session --------------------------------------------------------


def test_session_reuse_without_rset(smtp_run) -> None:
    """A completed transaction needs no RSET (RFC 5321 4.1.1.5): MAIL follows the 250."""
    class TwoMessages(SmtpSession):
        def send(self, message):  # type: ignore[no-untyped-def]
            super().send(Message(recipients=["first@example.net"]))
            return super().send(message)

    run = smtp_run(session_class=TwoMessages)
    assert run.error is None and len(run.server.connections) == 1
    assert "RSET" not in run.commands and len(run.server.messages) == 2
    second_mail = [n for n, line in enumerate(run.commands) if line.startswith("MAIL")][1]
    assert run.commands[second_mail - 1] == "."


def test_session_reopens_when_the_server_ended_it(smtp_run) -> None:
    class TwoMessages(SmtpSession):
        def send(self, message):  # type: ignore[no-untyped-def]
            super().send(Message(recipients=["first@example.net"]))
            return super().send(message)

    for ending in (CLOSE, reply("421 4.4.2 idle too long", close=True)):
        run = smtp_run(script(replies={("MAIL", 2): ending}), session_class=TwoMessages)
        assert run.error is None and len(run.server.connections) == 2
        assert len(run.server.messages) == 2
        assert run.sleeps == []   # not Emacs's retry after a 4xx: the session had ended


def test_trace_looks_like_emacs_and_hides_secrets(smtp_run) -> None:
    run = smtp_run(script(extensions=("AUTH PLAIN",)), credentials=creds())
    text = run.trace.text()
    assert "AUTH PLAIN <omitted>\r\n235" in text
    assert "AGFsaWNlAHMzY3JldA" not in text
    assert "220 mx.test" in text and text.endswith("\nProcess smtpmail deleted\n")
    assert "Hello.\r\n" in text                # the body, as with smtpmail-debug-info


def test_unknown_extensions_are_reported_when_asked(smtp_run) -> None:
    run = smtp_run(script(extensions=("PIPELINING", "SIZE 10", "X-THING a b")),
                   warn_about_unknown_extensions=True)
    assert run.progress == ["Unknown extension mx.test", "Unknown extension pipelining",
                            "Unknown extension (x-thing a b)"]
    assert smtp_run(script(extensions=("PIPELINING",))).progress == []


def test_client_certificate_from_authinfo_key_and_cert(smtp_run, tmp_path: Path) -> None:
    import trustme

    client_ca = trustme.CA()
    client = client_ca.issue_cert("alice@example.org")
    key, cert = tmp_path / "alice.key", tmp_path / "alice.pem"
    client.private_key_pem.write_to_path(str(key))
    client.cert_chain_pems[0].write_to_path(str(cert))
    own = make_pki(tmp_path)
    own.server_context.verify_mode = ssl.CERT_REQUIRED
    client_ca.configure_trust(own.server_context)

    class Entry:
        user, secret, smtp_auth = None, None, None
        extra = {"key": str(key), "cert": str(cert)}

    settings = dict(tls="implicit", stream_type=intern("ssl"), server_context=own.server_context,
                    gnutls_trustfiles=(str(own.ca_file),))
    with_cert = smtp_run(credentials=lambda host, port, user: Entry(), **settings)
    without = smtp_run(**settings)
    assert with_cert.error is None and with_cert.report.tls == "implicit"
    # TLS 1.3: the server checks the certificate after the handshake and hangs up.
    assert without.error is not None and "client certificate" in str(without.error)


def test_probe_reports_tls_keywords_and_auth(smtp_run, pki, home) -> None:
    from smtp.config import SendConfig
    from smtp.probe import probe_session
    from tests.support.smtpserver import RecordingServer

    with RecordingServer(script(), starttls_context=pki.server_context) as server:
        cfg = SendConfig(smtp_server="127.0.0.1", smtp_service=server.port, system_name="vm",
                         gnutls_trustfiles=(str(pki.ca_file),))
        report = probe_session(SmtpSession(cfg, credentials=creds(), home=str(home)))
    assert report.tls == "starttls" and report.mechanism == "cram-md5"
    assert report.tls_details["protocol"].startswith("TLS")
    assert "127.0.0.1" in report.tls_details["names"] and len(report.tls_details["sha256"]) == 95
    assert report.extensions == ["SIZE 10240000", "8BITMIME", "AUTH CRAM-MD5 PLAIN LOGIN", "HELP"]
    assert report.greeting == "220 mx.test ESMTP elsend test server"
    assert b"MAIL" not in server.transcript() and server.transcript().endswith(b"QUIT\r\n")


def test_silent_greeting_suggests_implicit_tls(smtp_run) -> None:
    run = smtp_run(tls="implicit", timeout=0.3)      # we speak plain SMTP to a TLS port
    assert isinstance(run.error, TimedOut) and "'ssl" in str(run.error)
    stalled = smtp_run(script(greeting=STALL), timeout=0.3)
    assert "no reply from 127.0.0.1 within 0.3 s to the greeting" in str(stalled.error)


def test_implicit_tls_to_a_plain_port(smtp_run) -> None:
    run = smtp_run(stream_type=intern("ssl"))
    assert isinstance(run.error, TlsFailure) and run.error.exit_code == 76
    assert "smtpmail-stream-type" in str(run.error)


def test_a_lookup_that_may_ask_requires_login_and_password(smtp_run) -> None:
    calls: list[tuple[str | None, tuple[str, ...]]] = []

    def source(host: str, port: str, login: str | None, require: tuple[str, ...] = ()):
        calls.append((login, require))
        return creds()(host, port, login)

    run = smtp_run(credentials=source, servers_requiring_authorization="127")
    plain = smtp_run(credentials=source)
    assert run.error is None and plain.error is None
    assert calls == [(None, ("user", "secret")), (None, ())]


def test_lost_confirmation_after_the_dot_warns_of_a_possible_duplicate(smtp_run) -> None:
    run = smtp_run(script(replies={("DOT", 1): CLOSE}))
    assert run.error.exit_code == 75 and "may have delivered it" in str(run.error)
