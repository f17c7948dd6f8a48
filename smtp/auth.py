"""SMTP AUTH as smtpmail does it: the mechanism choice and each exchange.

The exchanges and the choice are pure functions; :class:`SessionAuth` at
the end is the session's AUTH step that drives them (credentials, prompts,
the clear-text refusal).

Emacs makes exactly one attempt with one mechanism; a refusal is final (no
fallback to the next mechanism).  The mechanism is the ``smtp-auth`` value
of the authinfo entry if it has one (even when the server does not offer it),
else the first entry of ``smtpmail-auth-supported`` (default ``cram-md5 plain
login``) that the server's ``AUTH`` line lists, whatever the server's order.

The exchanges (C: client, S: server), for user ``alice``, password ``s3cret``::

    plain     C: AUTH PLAIN AGFsaWNlAHMzY3JldA==         (initial response, empty authzid)
              S: 235 ...                                 (exactly 235, else failure)

    login     C: AUTH LOGIN
              S: 334 VXNlcm5hbWU6
              C: YWxpY2U=                                (base64 user)
              S: 334 UGFzc3dvcmQ6
              C: czNjcmV0                                (base64 password)
              S: 235 ...

    cram-md5  C: AUTH CRAM-MD5
              S: 334 PDE4OTYuNjk3MTcwOTUyQG14LnRlc3Q+   (base64 challenge)
              C: base64("alice " + hex(HMAC-MD5(key=password, challenge)))
              S: 235 ...

    xoauth2   C: AUTH XOAUTH2 base64("user=alice\\x01auth=Bearer TOKEN\\x01\\x01")
              S: 235 ...

:func:`exchange` yields these lines one :class:`Step` at a time and is given
each reply's first line back, so the session does the I/O and this module
stays pure.  Base64 never contains line breaks.  CRAM-MD5 with a password longer than 64
bytes: Emacs's ``rfc2104-hash`` shortens the key to its *hex* MD5 instead of
the raw digest, so no RFC 2104 server accepts it; we compute the RFC's HMAC.  Emacs refuses non-ASCII user names or
passwords ("Multibyte character in data for base64 encoding"); we encode
them as UTF-8, which is what servers expect.
"""

from __future__ import annotations

from elconf.records import record
from smtp.errors import (AuthenticationFailure, ConfigurationFailure, InsecureAuthRefused,
                         ProtocolFailure, SendError)
from smtp.transport import is_loopback

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:  # collections too: a plain send does not need it
    from collections.abc import Callable, Generator
    from typing import Any

    from smtp.config import SendConfig
    from smtp.response import Extensions, Reply
    from smtp.transport import Connection

#: Mechanisms Emacs 28.2 implements (``smtpmail-try-auth-method`` methods).
IMPLEMENTED = ("cram-md5", "plain", "login", "xoauth2")


@record(frozen=True)
class Step:
    """One line to send.

    ``secret``: the line carries a secret (never shown: the trace and errors
    say ``AUTH PLAIN <omitted>`` or ``AUTH``); ``label`` names a line that is
    nothing but a secret (a base64 password) in errors.
    """

    line: str
    label: str | None = None
    expect: int | None = None      # the one acceptable code (PLAIN wants exactly 235)
    secret: bool = False


if TYPE_CHECKING:
    #: A mechanism's exchange: yields Steps, receives each reply's first line
    #: (or None when the reply had no 334 to answer).
    Exchange = Generator[Step, "str | None", None]


def exchange(mechanism: str, user: str, secret: str) -> Exchange:
    """The client side of one AUTH, as a generator the session drives (no I/O here).

    Every Step is sent with ``smtpmail-command-or-throw`` semantics: a reply
    of 400 or more (or not ``expect``) ends the exchange with an error.
    """
    if mechanism == "plain":
        yield Step(plain_command(user, secret), expect=235, secret=True)
    elif mechanism == "login":
        user_line, password_line = login_lines(user, secret)
        yield Step("AUTH LOGIN")
        yield Step(user_line, "AUTH LOGIN (user name)", secret=True)
        yield Step(password_line, "AUTH LOGIN (password)", secret=True)
    elif mechanism == "cram-md5":
        challenge = yield Step("AUTH CRAM-MD5")
        if challenge is not None and challenge.startswith("334"):
            yield Step(cram_md5_response(user, secret, challenge), "AUTH CRAM-MD5 (response)",
                       secret=True)
    elif mechanism == "xoauth2":
        yield Step(xoauth2_command(user, secret), secret=True)
    else:
        raise ValueError(f"Mechanism {mechanism} not implemented")


def b64(text: str) -> str:
    import base64  # imported here, as binascii below: only an AUTH exchange needs them

    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def choose_mechanism(auth_supported: tuple[str, ...], offered: tuple[str, ...],
                     override: str | None) -> str | None:
    """The mechanism smtpmail would use, or None when it would not authenticate.

    >>> choose_mechanism(("cram-md5", "plain", "login"), ("login", "plain"), None)
    'plain'
    >>> choose_mechanism(("cram-md5", "plain", "login"), (), "login")
    'login'
    """
    if override:
        return override
    for name in auth_supported:
        if name in offered:
            return name
    return None


def plain_command(user: str, password: str) -> str:
    """``AUTH PLAIN`` with its initial response (empty authorisation identity)."""
    return "AUTH PLAIN " + b64(f"\0{user}\0{password}")


def login_lines(user: str, password: str) -> tuple[str, str]:
    """The two base64 lines sent after ``AUTH LOGIN``'s 334 replies."""
    return b64(user), b64(password)


def cram_md5_response(user: str, password: str, challenge_line: str) -> str:
    """The answer to a CRAM-MD5 challenge; ``challenge_line`` is the whole ``334 ...`` line.

    Raises ValueError when the challenge is not base64.
    """
    import base64
    import binascii
    import hashlib
    import hmac

    try:
        challenge = base64.b64decode(challenge_line[4:].strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"the CRAM-MD5 challenge is not base64: {challenge_line!r}") from exc
    digest = hmac.new(password.encode("utf-8"), challenge, hashlib.md5).hexdigest()
    return b64(f"{user} {digest}")


def xoauth2_command(user: str, token: str) -> str:
    """``AUTH XOAUTH2`` with the bearer token as initial response."""
    return "AUTH XOAUTH2 " + b64(f"user={user}\x01auth=Bearer {token}\x01\x01")


def server_requires_authorization(pattern: str | None, host: str) -> bool:
    """``(string-match-p smtpmail-servers-requiring-authorization host)``, case-folded."""
    if not pattern:
        return False
    from elconf.regexp import compile_regexp

    try:
        regexp = compile_regexp(pattern, case_fold=True)
    except Exception as exc:  # elconf signals Lisp errors (invalid-regexp)
        raise ConfigurationFailure(
            f"invalid regexp {pattern!r} in smtpmail-servers-requiring-authorization: {exc}") from exc
    return regexp.search(host) is not None


# --- the session's AUTH step -------------------------------------------------------------


class SessionAuth:
    """``smtpmail-try-auth-methods`` for :class:`smtp.esmtp.SmtpSession` (a mixin, as in aiosmtplib).

    It finds the credentials (asking when Emacs would), picks the mechanism,
    refuses to send credentials in clear to a remote host, and runs one
    :func:`exchange`.  The session provides the I/O and the settings.
    """

    cfg: "SendConfig"
    host: str
    port: int
    port_string: str
    mode: str
    tls: str
    ask: "Callable[[str, bool], str | None] | None"
    credentials: "Callable[..., Any]"
    progress: "Callable[[str], None]"
    extensions: "Extensions"
    mechanism: str | None
    auth_offered: bool

    def _command_or_throw(self, command: str, *, stage: str, code: int | None = None,
                          secret: bool = False, label: str | None = None) -> "Reply": ...

    def _connection(self) -> "Connection": ...

    def _authenticate(self, ask_for_password: bool) -> None:
        """``smtpmail-try-auth-methods``: at most one attempt, with one mechanism."""
        offered = self.extensions.auth_mechanisms
        supported = tuple(name for name in self.cfg.auth_supported if name in offered)
        # A search that may ask wants an entry with both login and password.
        entry = self._lookup_credentials(require=("user", "secret") if ask_for_password else ())
        user = entry.user if entry is not None else None
        secret = entry.secret if entry is not None else None
        override = entry.smtp_auth if entry is not None else None
        mechanism = choose_mechanism(supported, offered, override)
        if ask_for_password and (user is None or secret is None):
            user, secret = self._ask_credentials(user, why="the server asked for authentication")
        elif user is not None and secret is None:
            user, secret = self._ask_credentials(user, why=f"the authinfo entry for {self.host} "
                                                           "has a login but no password")
        self.auth_offered = mechanism is not None
        if not (mechanism and user is not None and secret is not None):
            if override and mechanism and user is None:
                raise AuthenticationFailure(
                    f"{mechanism}",
                    hint=f"the authinfo entry for {self.host} names smtp-auth {mechanism} "
                         "but has no login (Emacs fails the same way)")
            return
        if mechanism not in IMPLEMENTED:
            raise ConfigurationFailure(
                f"Mechanism {mechanism} not implemented",
                hint="smtp-auth must be one of " + ", ".join(IMPLEMENTED)
                     + " (lower case, as Emacs requires)")
        self._refuse_plaintext_credentials()
        self.mechanism = mechanism
        self._run_mechanism(mechanism, user, secret)

    def _lookup_credentials(self, *, user: str | None | bool = True,
                            require: tuple[str, ...] = ()) -> Any:
        """The first auth-source entry; ``require`` (auth-source's ``:require``) is passed
        only when given, so a plain ``(host, port, user)`` callable is a valid source."""
        login = self.cfg.smtp_user if user is True else user
        try:
            if require:
                return self.credentials(self.host, self.port_string, login, require=require)
            return self.credentials(self.host, self.port_string, login)
        except SendError:
            raise
        except Exception as exc:
            # auth-source failures Emacs would also stop on (a file it cannot
            # parse or decrypt): name the file and line.
            if hasattr(exc, "source") and hasattr(exc, "reason"):
                raise ConfigurationFailure(f"looking up credentials for {self.host}: {exc}") from exc
            raise

    def _cannot_ask(self, why: str) -> AuthenticationFailure:
        return AuthenticationFailure(
            f"{self.host} needs a password and there is no terminal to ask for it",
            hint=f"{why}; add 'machine {self.host} port {self.port_string} login USER "
                 "password SECRET' to ~/.authinfo (or another auth-sources file)")

    def _ask_credentials(self, user: str | None, *, why: str) -> tuple[str, str]:
        from smtp.authsource.prompt import password_prompt, user_prompt

        if self.ask is None:
            raise self._cannot_ask(why)
        if user is None and self.cfg.smtp_user:
            user = self.cfg.smtp_user          # auth-source asks only for what it lacks
        elif user is None:
            import getpass

            login = self.cfg.user_login_name or getpass.getuser()
            user = self.ask(user_prompt(self.host, login), True)
            user = login if user == "" else user
        secret = None if user is None else self.ask(password_prompt(user, self.host), False)
        if not user or secret is None:
            raise AuthenticationFailure(f"no credentials given for {self.host}")
        return user, secret

    def _peer_is_local(self) -> bool:
        return is_loopback(self.host) or self._connection().peer_is_loopback()

    def _refuse_plaintext_credentials(self) -> None:
        if self.tls != "none" or self._peer_is_local():
            return
        if self.mode == "plain":
            self.progress(f"elsend: warning: sending credentials to {self.host} unencrypted, "
                          "because smtpmail-stream-type is 'plain")
            return
        raise InsecureAuthRefused(
            f"refusing to send credentials to {self.host} port {self.port} over an "
            "unencrypted connection",
            hint="the server did not offer STARTTLS (Emacs would send the password in clear); "
                 "use smtpmail-stream-type 'ssl or 'starttls, or 'plain to allow it explicitly")

    def _run_mechanism(self, mechanism: str, user: str, secret: str) -> None:
        steps = exchange(mechanism, user, secret)
        try:
            step = next(steps)
            while True:
                reply = self._command_or_throw(step.line, stage="auth", code=step.expect,
                                               secret=step.secret, label=step.label)
                step = steps.send(reply.lines[0] if reply.lines else None)
        except StopIteration:
            return
        except ValueError as exc:   # a CRAM-MD5 challenge that is not base64
            raise ProtocolFailure(f"{exc} in response to AUTH {mechanism.upper()}") from exc
