"""Asking for a user name or password on the terminal, as smtpmail does.

smtpmail words its questions ``SMTP user name for HOST: `` and ``SMTP
password for USER@HOST: `` (auth-source turns the user-name prompt into
``SMTP user name for HOST (default LOGIN): ``).  We ask only when stdin is a
terminal -- a cron job or a pipe must never hang on a question nobody sees
-- and the password is read without echo.
"""

from __future__ import annotations

import sys


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


def ask(prompt: str, echo: bool) -> str | None:
    """Ask ``prompt`` on the terminal (without echo unless ``echo``); None without a terminal.

    The shape the SMTP session's ``Asker`` expects.
    """
    if not stdin_is_terminal():
        return None
    try:
        if not echo:
            import getpass  # imported here: only a prompt needs it (it loads termios)

            return getpass.getpass(prompt, stream=sys.stderr)
        sys.stderr.write(prompt)
        sys.stderr.flush()
        line = sys.stdin.readline()
    except EOFError:
        return None
    return line.rstrip("\n") if line else None


def password_prompt(user: str, host: str) -> str:
    """``SMTP password for USER@HOST: `` (smtpmail's prompt through auth-source)."""
    return f"SMTP password for {user}@{host}: "


def user_prompt(host: str, default: str | None) -> str:
    """``SMTP user name for HOST (default LOGIN): `` (auth-source adds the default)."""
    return f"SMTP user name for {host}" + (f" (default {default}): " if default else ": ")


def ask_password(user: str, host: str) -> str | None:
    """The password typed on the terminal, or None when stdin is not a terminal or on EOF."""
    if not stdin_is_terminal():
        return None
    import getpass

    try:
        return getpass.getpass(password_prompt(user, host), stream=sys.stderr)
    except EOFError:
        return None


def ask_user(host: str, default: str | None) -> str | None:
    """The user name typed on the terminal (empty input takes ``default``); None without a terminal."""
    if not stdin_is_terminal():
        return None
    sys.stderr.write(user_prompt(host, default))
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        return None
    answer = line.rstrip("\n")
    return answer or default
