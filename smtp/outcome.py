"""How a run of elsend ends: one message on stderr and a documented exit code.

Every failure of a send, a flush or a probe passes through :func:`report`,
which maps it to the sysexits code elsend(1) documents (msmtp's codes for
SMTP replies in the sendmail grammar, which git send-email, mutt and cron were
written against) and prints it terminal-safe (:func:`printable`).
"""

from __future__ import annotations

import sys

from elconf import sysexits
from elconf.records import record

#: Exit codes of exceptions that do not carry one themselves (``exit_code``);
#: looked up along the class's MRO, so InitFileNotFound is a FileNotFoundError.
_EXIT_BY_CLASS_NAME = {
    "FileNotFoundError": sysexits.NOINPUT,
    "ConfigError": sysexits.CONFIG,
    "ReadError": sysexits.DATAERR,
}


class UsageError(Exception):
    exit_code = sysexits.USAGE


@record
class _Outcome:
    code: int = sysexits.OK


def msmtp_exit_code(error: BaseException, code: int) -> int:
    """The exit code msmtp documents for the same failure, for the sendmail grammar.

    Programs that call a sendmail (git send-email, mutt, cron) were written
    against msmtp's codes: a 4xx reply exits 69 (EX_UNAVAILABLE) and a 5xx
    reply 65 (EX_DATAERR).  Authentication (77), connection trouble (75) and
    the rest are the same in both.
    """
    reply = getattr(error, "reply_code", None)
    if reply is None or code == sysexits.NOPERM:
        return code
    if 400 <= reply < 500:
        return sysexits.UNAVAILABLE
    if 500 <= reply < 600:
        return sysexits.DATAERR
    return code


class report:
    """``with report() as outcome:`` turns every failure into one message on stderr and
    its exit code in ``outcome.code`` (msmtp's codes for SMTP replies with
    ``msmtp_codes``, in sendmail mode).

    A class rather than a contextlib generator: contextlib (with functools and
    collections) stays off a plain send's imports.
    """

    def __init__(self, msmtp_codes: bool = False) -> None:
        self.msmtp_codes = msmtp_codes
        self.outcome = _Outcome()

    def __enter__(self) -> _Outcome:
        return self.outcome

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 _traceback: object) -> bool:
        if kind is None or error is None:
            return False
        outcome = self.outcome
        if isinstance(error, KeyboardInterrupt):
            print("elsend: interrupted; nothing was sent", file=sys.stderr)
            outcome.code = 130
            return True
        if isinstance(error, BrokenPipeError):
            outcome.code = sysexits.IOERR
            return True
        if not isinstance(error, Exception):
            return False            # SystemExit, GeneratorExit: not ours to report
        # Each failure maps to a documented code.
        code = getattr(error, "exit_code", None)
        if code is None:
            for klass in type(error).__mro__:
                code = _EXIT_BY_CLASS_NAME.get(klass.__name__)
                if code is not None:
                    break
        if code is None:
            code = sysexits.SOFTWARE
            print(printable(f"elsend: internal error: {type(error).__name__}: {error}\n"
                            "  please report this, with the command line (not your password)"),
                  file=sys.stderr)
        else:
            formatter = getattr(error, "format", None)
            text = formatter() if callable(formatter) and type(error).__name__ == "ReadError" \
                else str(error)
            print(printable(f"elsend: {text}"), file=sys.stderr)
        outcome.code = msmtp_exit_code(error, code) if self.msmtp_codes else code
        return True


def printable(text: str) -> str:
    """``text`` safe for a terminal: undecodable bytes and control characters as escapes.

    Error messages quote the server's replies and the user's input.  A reply
    with invalid UTF-8 (kept as surrogates) would crash the print, and an
    ESC sequence from a hostile server would reach the user's terminal.
    """
    raw = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(ch if ch in "\n\t" or not (ord(ch) < 32 or ord(ch) == 127 or 0x80 <= ord(ch) < 0xA0)
                   else f"\\x{ord(ch):02x}" for ch in raw)
