"""Why a send failed, as an exception that knows its exit code and its message.

Every failure of the SMTP session is one of the classes below.  Each carries
the sysexits code ``elsend`` exits with and a one-line message in Emacs's
words (``Sending failed: TEXT in response to CMD``) so that users who know
smtpmail recognise it, followed where useful by a hint.

Exit codes (copied into ``elsend --help`` and the README):

====  ==============  =====================================================
code  name            meaning
====  ==============  =====================================================
0     OK              the server accepted the message (250 after the dot)
64    EX_USAGE        bad command line
65    EX_DATAERR      the message cannot be sent as it is (no recipients, ...)
67    EX_NOUSER       a recipient was refused permanently (5xx at RCPT)
69    EX_UNAVAILABLE  other permanent refusal (5xx greeting, HELO, MAIL,
                      DATA or after the final dot)
75    EX_TEMPFAIL     temporary failure: 4xx reply, connection refused or
                      lost, timeout; try again later (or queue)
76    EX_PROTOCOL     TLS failure (certificate, host name, handshake,
                      STARTTLS missing) or a reply that is not SMTP
77    EX_NOPERM       authentication failed (5xx to AUTH, or 530/534/535/538
                      anywhere), no password and no terminal to ask on, or
                      credentials refused by elsend's policy (never sent in
                      clear to a remote host)
78    EX_CONFIG       a setting cannot work (no sender address at all, bad stream type, unknown
                      service name, unknown mechanism, no server)
====  ==============  =====================================================

Secrets: Emacs's ``smtpmail--sanitize-error-message`` cuts everything after
the word ``AUTH``, but when ``AUTH LOGIN`` fails at the password line the
failing "command" is the base64 password itself and Emacs prints it.  We
never do: :func:`error_for_reply` names such lines ``AUTH LOGIN (user name)``,
``AUTH LOGIN (password)``, ``AUTH CRAM-MD5 (response)``.  Configuration
errors are Lisp errors in Emacs and read as Emacs prints them, without
``Sending failed:`` (``Invalid connection type ssl``).
"""

from __future__ import annotations

from elconf import sysexits


class SendError(Exception):
    """Base class: a send that did not happen.  ``str()`` is the full message."""

    exit_code: int = sysexits.TEMPFAIL

    def __init__(self, detail: str, *, hint: str | None = None,
                 reply_code: int | None = None) -> None:
        self.detail = detail
        self.hint = hint
        self.reply_code = reply_code
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """``Sending failed: DETAIL``, as Emacs would say it (minus secrets)."""
        return f"Sending failed: {self.detail}"

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  hint: {self.hint}"


class TemporaryFailure(SendError):
    """4xx reply, connection refused or lost, timeout: worth trying again later."""

    exit_code = sysexits.TEMPFAIL


class PermanentFailure(SendError):
    """5xx reply to anything but RCPT or AUTH."""

    exit_code = sysexits.UNAVAILABLE


class RecipientRefused(SendError):
    """5xx reply to RCPT TO: this recipient will not work."""

    exit_code = sysexits.NOUSER


class ProtocolFailure(SendError):
    """The server's replies are not SMTP (garbage, too long) or TLS broke."""

    exit_code = sysexits.PROTOCOL


class TlsFailure(ProtocolFailure):
    """TLS could not be set up or the certificate was not trusted (names host and reason)."""


class AuthenticationFailure(SendError):
    """The server refused our credentials, or we refused to send them."""

    exit_code = sysexits.NOPERM


class InsecureAuthRefused(AuthenticationFailure):
    """Credentials would travel in clear to a remote host: elsend refuses (Emacs does not)."""


class ConfigurationFailure(SendError):
    """A setting makes sending impossible (exit 78).

    Emacs signals these as plain Lisp errors, without ``Sending failed:``
    (``Invalid connection type ssl``), and so do we.
    """

    exit_code = sysexits.CONFIG

    @property
    def message(self) -> str:
        return self.detail


class MessageFailure(SendError):
    """The message itself cannot be sent (for example it has no envelope sender)."""

    exit_code = sysexits.DATAERR


# --- message helpers ---------------------------------------------------------

#: Replies that mean "authenticate (better)" wherever they come (RFC 4954): exit 77.
AUTH_CODES = frozenset({530, 534, 535, 538})

def sanitize(text: str) -> str:
    """Emacs's sanitising: from a word ``AUTH`` (any case) to the end of its line, keep ``AUTH``.

    ``530 Auth required: ...`` becomes ``530 AUTH`` (checked with Emacs 28.2:
    ``replace-match`` only up-cases initials, so the replacement stays
    ``AUTH``).  "Word" is Emacs's (``_`` is not a word character), hence
    elconf's Emacs-regexp translation rather than Python's ``\\b``.
    """
    if "auth" not in text.lower():
        return text
    from elconf.regexp import compile_regexp

    return compile_regexp(r"\bAUTH\b.*", case_fold=True).compiled.sub("AUTH", text)


def error_for_reply(command: str, reply_code: int | None, text: str, *,
                    stage: str, with_command: bool = True,
                    secret_label: str | None = None) -> SendError:
    """The exception for a failed reply, by the stage that failed.

    ``stage`` is one of ``greeting``, ``helo``, ``auth``, ``mail``, ``rcpt``,
    ``data``, ``dot``, ``other``.  ``with_command`` follows Emacs: commands
    sent with ``smtpmail-command-or-throw`` say ``in response to CMD``; MAIL
    and RCPT failures give only the reply text.  ``secret_label`` replaces a
    command that is itself a secret (see the module docstring).
    """
    if secret_label is not None:
        detail = f"{sanitize(text)} in response to {secret_label}"
    elif with_command:
        detail = sanitize(f"{text} in response to {command}")
    else:
        detail = sanitize(text)
    if reply_code is None:
        return ProtocolFailure(detail, reply_code=None,
                               hint="the server's reply does not start with a 3-digit code")
    if 400 <= reply_code < 500:
        return TemporaryFailure(detail, reply_code=reply_code)
    if reply_code in AUTH_CODES and stage != "auth":
        return AuthenticationFailure(
            detail, reply_code=reply_code,
            hint="the server wants authentication: add this server to your authinfo file")
    if stage == "rcpt":
        return RecipientRefused(detail, reply_code=reply_code)
    if stage == "auth":
        return AuthenticationFailure(
            detail, reply_code=reply_code,
            hint="check the user name and password in your authinfo file for this server and port")
    return PermanentFailure(detail, reply_code=reply_code)
