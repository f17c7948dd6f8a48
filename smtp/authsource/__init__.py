"""Credentials exactly as Emacs 28.2's auth-source finds them for smtpmail.

smtpmail asks ``(auth-source-search :host SERVER :port (format "%s"
SERVICE) :user smtpmail-smtp-user :max 1)`` and takes the first answer; when
that answer has a user but no secret it asks again with ``:require (:user
:secret) :create t``, which prompts ``SMTP password for USER@HOST: ``.
:func:`search` answers the same question from the same ``auth-sources``
value and also says *why*: every entry looked at and the reason it was or
was not used (:class:`Considered`), the warnings Emacs would print, and the
error that would stop Emacs (a file it cannot parse or decrypt).

Public API::

    search(auth_sources, host, port, user, *, home, env, require=()) -> Lookup
    credential_source(cfg, home, env) -> CredentialSource
        source(host, port, user, require=()) -> Credential | None   (raises CredentialError)
        source.lookup(host, port, user, require=()) -> Lookup
        source.smtpmail_lookup(host, port, user) -> Lookup          (smtpmail's two searches)
    AuthSettings.from_config(loaded_config).source(home, env)       (smtp.authsource.settings)
    ask_password(user, host), ask_user(host, default), ask(prompt, echo) -> str | None

Secrets never leave this package in printable form: ``repr`` of a
:class:`Credential` masks them.
"""

from __future__ import annotations

import os

from elconf.records import replace
from smtp.authsource.prompt import ask, ask_password, ask_user
from smtp.authsource.records import (DEFAULT_AUTH_SOURCES, MASK, Considered, Credential, Lookup,
                                     file_source_kind)

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path
    from typing import Any

    from smtp.config import SendConfig

__all__ = ["Credential", "Considered", "Lookup", "CredentialError", "search",
           "credential_source", "CredentialSource", "ask", "ask_password", "ask_user",
           "DEFAULT_AUTH_SOURCES", "MASK"]

class CredentialError(Exception):
    """A source Emacs would fail on failed (a file it cannot parse or decrypt)."""

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
        self.line = line


def search(auth_sources: Any, host: str, port: str, user: str | None, *,
           home: str | Path, env: Mapping[str, str], require: tuple[str, ...] = (),
           cwd: str | Path | None = None, pass_enabled: bool = True,
           pass_store: str | None = None, pass_separator: str = ":") -> Lookup:
    """What ``auth-source-search :host HOST :port PORT :user USER :max 1`` finds.

    ``auth_sources`` is the Lisp value of ``auth-sources`` (None means its
    default).  ``require`` holds keys (``"user"``, ``"secret"``) an entry
    must have, as smtpmail's second search does.  ``pass_enabled`` says
    whether auth-source-pass is loaded (``password-store`` is an invalid
    source otherwise); ``pass_store`` is ``auth-source-pass-filename``.
    """
    from smtp.authsource.lookup import run_search

    return run_search(auth_sources, host, port, user, home=home, env=env, require=require,
                      cwd=cwd or os.getcwd(), pass_enabled=pass_enabled,
                      pass_store=pass_store, pass_separator=pass_separator)


class CredentialSource:
    """What the SMTP session calls: ``(host, port, user) -> Credential | None``.

    Raises :class:`CredentialError` where Emacs would fail the send.
    ``lookup`` gives the whole :class:`Lookup` for callers that want the why.
    """

    def __init__(self, auth_sources: Any, home: str | Path, env: Mapping[str, str], *,
                 pass_enabled: bool = True, pass_store: str | None = None,
                 pass_separator: str = ":") -> None:
        self.auth_sources = auth_sources
        self.home = home
        self.env = env
        self.pass_enabled = pass_enabled
        self.pass_store = pass_store
        self.pass_separator = pass_separator

    def lookup(self, host: str, port: str, user: str | None, require: tuple[str, ...] = ()) -> Lookup:
        return search(self.auth_sources, host, port, user, home=self.home, env=self.env,
                      require=require, pass_enabled=self.pass_enabled, pass_store=self.pass_store,
                      pass_separator=self.pass_separator)

    def smtpmail_lookup(self, host: str, port: str, user: str | None) -> Lookup:
        """The credential smtpmail ends up with, searching as smtpmail-try-auth-methods does.

        The first search takes any entry; when that entry has a login but no
        password, smtpmail searches again with ``:require (:user :secret)``,
        which skips it and may find a later entry with both -- smtpmail then
        keeps the *first* entry's login and smtp-auth and takes only the
        password.  If nothing is found, Emacs prompts ``SMTP password for
        USER@HOST: `` (the caller asks, on a terminal only).
        """
        first = self.lookup(host, port, user)
        cred = first.credential
        if first.error is not None or cred is None or cred.user is None or cred.secret is not None:
            return first
        second = self.lookup(host, port, user, require=("user", "secret"))
        place = cred.source + (f":{cred.line}" if cred.line else "")
        if second.error is None and second.credential is not None:
            found = second.credential
            second.credential = replace(found, user=cred.user, smtp_auth=cred.smtp_auth)
            note = (f"{place} has login {cred.user} but no password, so smtpmail searches again "
                    f"requiring both and takes the password of {found.source}"
                    + (f":{found.line}" if found.line else ""))
            if found.user != cred.user:
                note += f" (whose login is {found.user}: smtpmail still logs in as {cred.user})"
            second.notes.insert(0, note)
            second.considered = first.considered + [
                c for c in second.considered if c not in first.considered]
            return second
        first.notes.insert(0, f"{place} has login {cred.user} but no password: smtpmail would ask "
                              f"'SMTP password for {cred.user}@{host}: ' (elsend asks only on a terminal)")
        if second.error is not None:
            first.error, first.error_source, first.error_line = \
                second.error, second.error_source, second.error_line
        return first

    def __call__(self, host: str, port: str, user: str | None,
                 require: tuple[str, ...] = ()) -> Credential | None:
        if nothing_to_read(self.auth_sources, self.home):
            return None     # what the search would answer, without importing it
        result = self.lookup(host, port, user, require)
        if result.error is not None:
            raise CredentialError(result.error_source or "auth-source", result.error, result.error_line)
        return result.credential


def nothing_to_read(auth_sources: Any, home: str | Path) -> bool:
    """Whether every search of ``auth-sources`` finds nothing because it names only
    authinfo/netrc files, by absolute or ``~/`` names, none of which exists.

    smtpmail searches auth-source on every send, AUTH offered or not, and most
    users who need no password have no such file: a missing file is skipped
    silently (by Emacs and by :func:`search`), so the answer is None and the
    search's modules (with the Lisp equality and the parsers) need not be
    imported.  Anything else answers False and the whole search runs: another
    kind of source (JSON, whose missing file is an error; plstore, password-store,
    the Secret Service, the Keychain; a plist element), a name relative to the
    current directory or ``~USER``, a value that is not a proper list, a file
    that exists (even a directory or an unreadable one, which fail the search).
    """
    if auth_sources is None:
        names: Any = DEFAULT_AUTH_SOURCES
    else:
        from elconf.types import NIL, Cons

        names = []
        cell = auth_sources
        while isinstance(cell, Cons):
            names.append(cell.car)
            cell = cell.cdr
        if cell is not NIL:
            return False
    for name in names:
        if not isinstance(name, str) or file_source_kind(name) != "netrc":
            return False
        if name == "~" or name.startswith("~/"):
            name = str(home) + name[1:]
        if not name.startswith("/") or os.path.exists(os.path.normpath(name)):
            return False
    return True


def credential_source(cfg: "SendConfig", home: Path, env: Mapping[str, str], *,
                      pass_enabled: bool = True, pass_store: str | None = None) -> CredentialSource:
    """The credential source for a send with these settings.

    With an evaluated init file at hand, prefer
    ``AuthSettings.from_config(loaded).source(home, env)``
    (:mod:`smtp.authsource.settings`): it also knows whether auth-source-pass
    is loaded and where its store is.
    """
    return CredentialSource(cfg.auth_sources, home, env, pass_enabled=pass_enabled,
                            pass_store=pass_store)
