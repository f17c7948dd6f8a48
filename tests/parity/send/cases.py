"""The send-parity cases: settings + message + server behaviour, each run by Emacs and elsend.

Every case's golden (``goldens/NAME.wire``) is what Emacs 28.2 sent, made by
``make_goldens.py``.  ``exit_code`` is what elsend must exit with (our
sysexits table, not Emacs's 255).  ``compare_until`` marks the cases where
elsend deliberately stops earlier than Emacs (security, no terminal to ask
on); ``why`` says why.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from tests.support.smtpserver import CLOSE, Action, Script, reply

MESSAGE = """\
From: Alice Example <alice@example.org>
To: bob@example.net
Date: Sat, 28 Nov 2026 21:40:02 +0000
Message-ID: <parity.1@example.org>
Subject: parity

Hello Bob.
"""

USERS = {"alice": "s3cret"}
AUTHINFO = "machine 127.0.0.1 login alice password s3cret\n"
NO_AUTH = ("SIZE 10240000", "8BITMIME", "HELP")


@dataclasses.dataclass(frozen=True)
class SendCase:
    name: str
    init: str = ""
    message: str = MESSAGE
    server: dict[str, Any] = dataclasses.field(default_factory=dict)  # Script(**server)
    tls: str = "none"                 # what the server offers: none, starttls, implicit
    server_cert: str = "good"         # good, rogue (unknown CA), wrong-name
    authinfo: str | None = None       # ~/.authinfo; "{port}" is replaced
    exit_code: int = 0
    compare_until: str | None = None
    why: str = ""
    stdin: str | None = None          # answers typed at Emacs's prompts (read from stdin in batch)
    #: elsend in the tests has no terminal: its exit status and where its wire stops, if that
    #: differs from a client that could ask (the session tests answer from ``stdin``).
    no_terminal_exit: int | None = None
    no_terminal_until: str | None = None
    no_terminal_tail: str = ""        # what elsend sends after that point (its QUIT)

    def make_script(self) -> Script:
        server = dict(self.server)
        server.setdefault("users", USERS)
        return Script(**server)


def _msg(body: str, **headers: str) -> str:
    head = MESSAGE.split("\n\n", 1)[0]
    for name, value in headers.items():
        head += f"\n{name.replace('_', '-')}: {value}"
    return head + "\n\n" + body


CASES: list[SendCase] = [
    # --- the plain path ----------------------------------------------------------
    SendCase("basic", why="no credentials: no AUTH even though offered"),
    SendCase("no-size", server={"extensions": ("8BITMIME", "HELP")}, why="SIZE only when listed"),
    SendCase("size-without-number", server={"extensions": ("SIZE", "HELP")}),
    SendCase("local-domain", init='(setq smtpmail-local-domain "example.org")'),
    SendCase("recipients-order", message=MESSAGE.replace(
        "To: bob@example.net", "To: bob@example.net, carol@example.net\nCc: dave@example.net\n"
        "Bcc: eve@example.net")),
    SendCase("sendto-domain", init='(setq smtpmail-sendto-domain "example.net")',
             message=MESSAGE.replace("To: bob@example.net", "To: bob, carol@example.com")),
    SendCase("dot-stuffing", message=_msg(".\n..two\n.three.\nmid . dot\n. \nend\n")),
    SendCase("no-final-newline", message=_msg("last line without newline")),
    SendCase("eight-bit-body", message=_msg("Grüße aus Köln — ünïcödé\n")),
    SendCase("many-lines", message=_msg("".join(f"line {i} {'x' * (i % 70)}\n"
                                                for i in range(3000)))),
    SendCase("service-as-string", init='(setq smtpmail-smtp-service "{port}")'),
    # --- greeting and EHLO --------------------------------------------------------
    SendCase("multiline-greeting", server={"greeting": reply("220-mx.test hello\n220-more\n220 ready")}),
    SendCase("greeting-421", server={"greeting": reply("421 4.3.2 mx.test Service not available")},
             exit_code=75),
    SendCase("greeting-554", server={"greeting": reply("554 5.7.1 go away")}, exit_code=69),
    SendCase("ehlo-refused-helo", server={"replies": {("EHLO", "*"): reply("502 5.5.2 no EHLO")}}),
    SendCase("helo-refused-too", server={"replies": {("EHLO", "*"): reply("502 5.5.2 no EHLO"),
                                                     ("HELO", "*"): reply("550 5.7.1 no HELO")}},
             exit_code=69),
    SendCase("onex-xusr", server={"extensions": ("SIZE 1000000", "ONEX", "XUSR", "VERB", "HELP")},
             why="ONEX and XUSR always, VERB only with smtpmail-debug-verb"),
    SendCase("verb-with-debug-verb", init="(setq smtpmail-debug-verb t)",
             server={"extensions": ("VERB", "XONE", "HELP")}),
    SendCase("onex-with-parameter-ignored", server={"extensions": ("ONEX now", "XUSR x", "HELP")}),
    # --- TLS ----------------------------------------------------------------------
    SendCase("starttls-opportunistic", tls="starttls"),
    SendCase("starttls-required", tls="starttls", init="(setq smtpmail-stream-type 'starttls)"),
    SendCase("plain-ignores-starttls", tls="starttls", init="(setq smtpmail-stream-type 'plain)"),
    SendCase("starttls-not-offered", init="(setq smtpmail-stream-type 'starttls)", exit_code=76,
             why="Emacs crashes (processp, nil) after closing without QUIT; we name the cause"),
    SendCase("implicit-ssl", tls="implicit", init="(setq smtpmail-stream-type 'ssl)"),
    SendCase("implicit-tls-symbol", tls="implicit", init="(setq smtpmail-stream-type 'tls)"),
    SendCase("starttls-unknown-ca", tls="starttls", server_cert="rogue", exit_code=76,
             compare_until="\n=== TLS ===",
             why="Emacs finishes the handshake, sends EHLO and then NSM refuses; we refuse in "
                 "the handshake"),
    SendCase("implicit-wrong-name", tls="implicit", server_cert="wrong-name",
             init="(setq smtpmail-stream-type 'ssl)", exit_code=76,
             compare_until="=== connection 1",
             why="we refuse during the handshake, before the server sees any byte"),
    SendCase("stream-type-string", init='(setq smtpmail-stream-type "ssl")', exit_code=78,
             why="Invalid connection type ssl: no connection at all"),
    # --- AUTH ---------------------------------------------------------------------
    SendCase("auth-cram-md5", authinfo=AUTHINFO),
    SendCase("auth-plain", authinfo=AUTHINFO,
             server={"extensions": ("SIZE 1000000", "AUTH LOGIN PLAIN", "HELP")}),
    SendCase("auth-login", authinfo=AUTHINFO, server={"extensions": ("AUTH LOGIN", "HELP")}),
    SendCase("auth-lowercase-keyword", authinfo=AUTHINFO, server={"extensions": ("auth plain",)}),
    SendCase("auth-two-lines", authinfo=AUTHINFO,
             server={"extensions": ("AUTH LOGIN", "AUTH PLAIN", "HELP")},
             why="Emacs uses the last AUTH line"),
    SendCase("auth-equals-form-ignored", authinfo=AUTHINFO,
             server={"extensions": ("AUTH=LOGIN PLAIN", "HELP")}),
    SendCase("auth-smtp-auth-override", authinfo=AUTHINFO.strip() + " smtp-auth login\n"),
    SendCase("auth-override-not-offered", authinfo=AUTHINFO.strip() + " smtp-auth plain\n",
             server={"extensions": NO_AUTH}),
    SendCase("auth-port-entry", authinfo="machine 127.0.0.1 port 1 login mallory password x\n"
                                        "machine 127.0.0.1 port {port} login alice password s3cret\n"),
    SendCase("auth-smtp-user", init='(setq smtpmail-smtp-user "alice")',
             authinfo="machine 127.0.0.1 login mallory password nope\n" + AUTHINFO),
    SendCase("auth-credentials-but-not-offered", authinfo=AUTHINFO, server={"extensions": NO_AUTH}),
    SendCase("auth-plain-535", authinfo="machine 127.0.0.1 login alice password wrong\n",
             server={"extensions": ("AUTH PLAIN", "HELP")}, exit_code=77),
    SendCase("auth-login-535", authinfo="machine 127.0.0.1 login alice password wrong\n",
             server={"extensions": ("AUTH LOGIN",)}, exit_code=77,
             why="Emacs prints the base64 password in its error; we say AUTH LOGIN (password)"),
    SendCase("auth-xoauth2", authinfo="machine 127.0.0.1 login alice password tok3n\n",
             init="(with-eval-after-load 'smtpmail (add-to-list 'smtpmail-auth-supported 'xoauth2))",
             server={"extensions": ("AUTH XOAUTH2 PLAIN", "HELP"), "users": {"alice": "tok3n"}}),
    SendCase("auth-over-starttls", tls="starttls", authinfo=AUTHINFO),
    SendCase("servers-requiring-authorization", tls="starttls", authinfo=AUTHINFO,
             init='(setq smtpmail-servers-requiring-authorization "^127\\\\.0\\\\.")'),
    # --- failures and recoveries -------------------------------------------------
    SendCase("mail-451-then-ok", server={"replies": {("MAIL", 1): reply("451 4.3.0 try later")}},
             why="one retry after a one-second pause, a whole new session"),
    SendCase("mail-451-retries-exhausted", init="(setq smtpmail-retries 2)",
             server={"replies": {("MAIL", "*"): reply("451 4.3.0 try later")}}, exit_code=75),
    SendCase("mail-550", server={"replies": {("MAIL", 1): reply("550 5.7.1 sender rejected")}},
             exit_code=69),
    SendCase("rcpt-550-second", message=MESSAGE.replace("To: bob@example.net",
                                                        "To: bob@example.net, carol@example.net"),
             server={"extensions": NO_AUTH,
                     "replies": {("RCPT", 2): reply("550 5.1.1 no such user")}}, exit_code=67),
    SendCase("rcpt-451-not-retried", server={"replies": {("RCPT", 1): reply("451 4.7.1 greylisted")}},
             exit_code=75),
    SendCase("rcpt-550-reauth-over-tls", tls="starttls", authinfo=AUTHINFO,
             server={"replies": {("RCPT", "*"): reply("550 5.7.1 relaying denied")}}, exit_code=67,
             why="Emacs starts a new session that asks for credentials; auth-source finds them "
                 "again, so it authenticates once more and gets the same 550"),
    SendCase("mail-530-no-credentials", server={"auth_required": True}, exit_code=77,
             compare_until="=== connection 2",
             why="Emacs reconnects to ask for a password (and fails in batch); without a "
                 "terminal we fail before reconnecting"),
    SendCase("data-554", server={"replies": {("DATA", 1): reply("554 5.6.0 no data please")}},
             exit_code=69),
    SendCase("dot-452", server={"replies": {("DOT", 1): reply("452 4.3.1 Insufficient system storage")}},
             exit_code=75),
    SendCase("dot-multiline-550", server={"replies": {("DOT", 1): reply("550-5.7.1 spam\n550 5.7.1 go")}},
             exit_code=69),
    SendCase("garbage-before-mail-reply",
             server={"replies": {("MAIL", 1): Action(b"this is not an SMTP reply\r\n250 OK\r\n")}},
             exit_code=76),
    SendCase("garbage-greeting-line", server={"greeting": Action(b"hello there\r\n220 mx.test ok\r\n")}),
    SendCase("retries-1-means-no-retry", init="(setq smtpmail-retries 1)",
             server={"replies": {("MAIL", 1): reply("451 4.3.0 try later")}}, exit_code=75),
    SendCase("mail-451-retry-authenticates-again", authinfo=AUTHINFO,
             server={"replies": {("MAIL", 1): reply("421 4.3.0 try later")}}),
    SendCase("mail-530-after-auth-over-tls", tls="starttls", authinfo=AUTHINFO,
             server={"replies": {("MAIL", "*"): reply("530 5.7.0 still no")}}, exit_code=77,
             why="a new session that asks: auth-source finds the same entry, same refusal"),
    SendCase("rcpt-multiline-550", server={"extensions": NO_AUTH, "replies": {
        ("RCPT", 1): reply("550-5.1.1 The email account does not exist.\n550 5.1.1 Try again")}},
             exit_code=67),
    SendCase("starttls-refused-opportunistic", tls="starttls",
             server={"replies": {("STARTTLS", "*"): reply("454 4.7.0 TLS not available")}},
             why="Emacs goes on in clear text when STARTTLS is refused and not required"),
    SendCase("starttls-refused-required", tls="starttls", init="(setq smtpmail-stream-type 'starttls)",
             server={"replies": {("STARTTLS", "*"): reply("454 4.7.0 TLS not available")}},
             exit_code=76),
    SendCase("auth-keywords-after-starttls", tls="starttls", authinfo=AUTHINFO,
             server={"extensions": ("SIZE 1000", "HELP"), "extensions_tls": ("AUTH LOGIN", "HELP")}),
    SendCase("auth-user-without-password", authinfo="machine 127.0.0.1 login alice\n",
             exit_code=77, why="Emacs prompts for the password (EOF in batch); we have no terminal"),
    SendCase("auth-password-without-login", authinfo="machine 127.0.0.1 password s3cret\n"),
    SendCase("auth-override-without-login",
             authinfo="machine 127.0.0.1 password s3cret smtp-auth plain\n", exit_code=77,
             why="Emacs fails with 'Sending failed: plain'; we say the login is missing"),
    SendCase("debug-info-same-wire", init="(setq smtpmail-debug-info t)", authinfo=AUTHINFO),
    SendCase("stream-type-network", init="(setq smtpmail-stream-type 'network)", tls="starttls"),
    SendCase("mail-530-asks-over-tls", tls="starttls", server={"auth_required": True},
             stdin="alice\ns3cret\nn\n", no_terminal_exit=77, no_terminal_until="=== connection 2",
             why="Emacs asks user name and password (and whether to save them: we never save)"),
    SendCase("mail-530-asks-password-for-smtp-user", tls="starttls", stdin="s3cret\nn\n",
             init='(setq smtpmail-smtp-user "alice")', server={"auth_required": True},
             no_terminal_exit=77, no_terminal_until="=== connection 2"),
    SendCase("servers-requiring-authorization-asks", tls="starttls", stdin="alice\ns3cret\nn\n",
             init='(setq smtpmail-servers-requiring-authorization "127")',
             no_terminal_exit=77, no_terminal_until="AUTH", no_terminal_tail="QUIT\r\n"),
    SendCase("auth-user-without-password-mixes-entries", tls="starttls", stdin="s3cret\n",
             authinfo="machine 127.0.0.1 login alice\nmachine 127.0.0.1 login bob password x\n",
             compare_until="AUTH", no_terminal_exit=77, no_terminal_until="AUTH",
             no_terminal_tail="QUIT\r\n",
             why="Emacs's second lookup finds bob's entry and sends bob's password as alice's "
                 "(535); we ask for alice's password instead"),
    SendCase("asking-search-requires-user-and-secret", tls="starttls", stdin="alice\ns3cret\nn\n",
             init='(setq smtpmail-servers-requiring-authorization "127")',
             authinfo="machine 127.0.0.1 login alice\nmachine 127.0.0.1 login bob password x\n",
             server={"users": {"alice": "s3cret", "bob": "x"}},
             no_terminal_exit=0,
             why="a search that may ask wants both login and password: it takes bob's entry"),
    SendCase("auth-supported-login-only", authinfo=AUTHINFO,
             init="(setq smtpmail-auth-supported '(login))"),
    SendCase("auth-supported-none-offered", authinfo=AUTHINFO,
             init="(setq smtpmail-auth-supported '(plain))",
             server={"extensions": ("AUTH LOGIN CRAM-MD5", "HELP")}),
    SendCase("helo-after-starttls", tls="starttls",
             server={"replies": {("EHLO", 2): reply("500 5.5.1 no EHLO over TLS")}},
             why="the EHLO after STARTTLS is refused: HELO over TLS"),
    SendCase("helo-with-local-domain", init='(setq smtpmail-local-domain "example.org")',
             server={"replies": {("EHLO", "*"): reply("502 5.5.2 no")}}),
    SendCase("server-closes-after-rcpt", server={"replies": {("RCPT", 1): CLOSE}}, exit_code=75,
             why="Emacs's QUIT then fails and replaces the error; we report the lost connection"),
]

from tests.parity.send.hostile_cases import hostile_cases  # noqa: E402

CASES += hostile_cases(SendCase, MESSAGE)

BY_NAME = {case.name: case for case in CASES}
assert len(BY_NAME) == len(CASES), "case names must be unique"
