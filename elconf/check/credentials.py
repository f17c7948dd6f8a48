"""Rules about the credentials smtpmail would find through auth-source.

smtpmail asks auth-source for ``:host SERVER :port (format "%s" SERVICE)
:user smtpmail-smtp-user :max 1``: string comparison, first match wins, a
``default`` entry matches any host.  The lookup itself is
:func:`smtp.authsource.search`, the code the sender uses, so what the check
says is what sending will do.
"""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from elconf.check.context import CheckContext, symbols_in
from elconf.check.rules import finding, rule
from elconf.diagnostics import Diagnostic
from elconf.types import NIL, UNBOUND, Cons, Symbol


class _Place:
    """A file place for findings outside the init files (authinfo lines)."""

    def __init__(self, file: str | None, line: int | None, col: int | None = None) -> None:
        self.file, self.line, self.col = file, line, col


def smtp_query(ctx: CheckContext) -> tuple[str, str, str | None] | None:
    """(host, port, user) exactly as smtpmail passes them to auth-source, if it would ask."""
    if not ctx.uses_smtpmail() or not ctx.knows(
            "credentials-no-match", "smtpmail-smtp-server", "smtpmail-smtp-service", "smtpmail-smtp-user"):
        return None
    host = ctx.value("smtpmail-smtp-server")
    if not isinstance(host, str) or not host:
        return None
    service = ctx.value("smtpmail-smtp-service")
    port = "25" if service is UNBOUND or service is NIL else \
        (str(service) if isinstance(service, (int, str)) else None)
    if port is None:
        return None
    user = ctx.value("smtpmail-smtp-user")
    return str(host), port, str(user) if isinstance(user, str) else None


def _auth_sources(ctx: CheckContext) -> Any:
    value = ctx.value("auth-sources")
    return None if value is UNBOUND else value


def lookup(ctx: CheckContext) -> Any | None:
    """The auth-source lookup smtpmail would make (cached on the context)."""
    if "lookup" not in ctx.cache:
        query = smtp_query(ctx)
        result = None
        if query is not None:
            from smtp.authsource import search

            host, port, user = query
            result = search(_auth_sources(ctx), host, port, user, home=ctx.home, env=ctx.env,
                            cwd=ctx.home)
        ctx.cache["lookup"] = result
    return ctx.cache["lookup"]


def netrc_files(ctx: CheckContext) -> list[Path]:
    """The plain (not encrypted) authinfo/netrc files of `auth-sources` that exist."""
    from smtp.authsource.backends import parse_auth_sources

    value = _auth_sources(ctx)
    if value is None:
        value = _default_auth_sources()
    try:
        backends, _warnings = parse_auth_sources(value, pass_enabled=False, secrets_enabled=False)
    except Exception:  # noqa: BLE001 - a bad auth-sources is the lookup's finding, not ours
        return []
    files = []
    for backend in backends:
        if backend.kind != "netrc" or backend.source.endswith(".gpg"):
            continue
        path = Path(backend.source.replace("~", str(ctx.home), 1)
                    if backend.source.startswith("~") else backend.source)
        if not path.is_absolute():
            path = ctx.home / path
        if path.is_file():
            files.append(path)
    return files


def _default_auth_sources() -> Any:
    from elconf.types import lisp_list

    return lisp_list(["~/.authinfo", "~/.authinfo.gpg", "~/.netrc"])


@rule("authinfo-malformed", "error", "An authinfo/netrc file auth-source cannot parse",
      example="""
machine smtp.example.org login alice password #secret port 587
machine imap.example.org login alice password other
""",
      fix="quote the value that starts with # (password \"#secret\"), or fix the file at the line "
          "named",
      emacs="auth-source's netrc parser treats `#` at the start of a token as a comment to the end "
            "of the line; the entry then swallows the next `machine` keyword and the parser "
            "signals `Unexpected 'machine' token`, failing every lookup in that file.",
      breaks_sending=True)
def authinfo_malformed(ctx: CheckContext) -> Iterator[Diagnostic]:
    found = lookup(ctx)
    if found is None or found.error is None or _decryption_failed(found):
        return
    yield finding("authinfo-malformed", _Place(found.error_source, found.error_line),
                  f"auth-source fails on this file: {found.error}; every send that needs a "
                  f"password fails")


def _decryption_failed(found: Any) -> bool:
    """Did the lookup stop because gpg could not decrypt (no agent, no key here)?"""
    return (found.error_source or "").endswith(".gpg") or found.error.startswith("gpg token:")


@rule("credentials-unchecked", "info", "Encrypted credentials that could not be decrypted to check",
      example="""
;; auth-sources holds ~/.authinfo.gpg, and gpg cannot decrypt it here (no key, no agent)
(setq auth-sources '("~/.authinfo.gpg"))
""",
      fix="run elconf check where your key is available (or with gpg-agent running) to check "
          "the credentials too",
      emacs="Emacs decrypts `.gpg` sources with EasyPG when it looks for a password, asking for "
            "the passphrase if needed; a check in CI or an editor cannot ask.")
def credentials_unchecked(ctx: CheckContext) -> Iterator[Diagnostic]:
    found = lookup(ctx)
    if found is not None and found.error is not None and _decryption_failed(found):
        yield finding("credentials-unchecked", _Place(found.error_source, found.error_line),
                      f"credentials not checked: {found.error}")


@rule("credentials-no-match", "warning", "Entries for the server exist, but none matches",
      example="""
# ~/.authinfo, with smtpmail-smtp-service 587
machine smtp.example.org login alice password secret port smtp
""",
      fix="write the port as smtpmail passes it: the number (port 587), or leave the port out",
      emacs="auth-source compares the port as a string with `(format \"%s\" "
            "smtpmail-smtp-service)`: `port smtp` never matches \"587\" or \"25\" (service names "
            "are not looked up); a `login` different from `smtpmail-smtp-user` does not match "
            "either. smtpmail then sends without AUTH, and the server refuses the mail.")
def credentials_no_match(ctx: CheckContext) -> Iterator[Diagnostic]:
    found = lookup(ctx)
    if found is None or found.error is not None or found.credential is not None:
        return
    host, port, user = smtp_query(ctx) or ("", "", None)
    near = [item for item in found.considered
            if item.host == host and item.verdict != "match" and not item.verdict.startswith("host")]
    for item in near:
        yield finding("credentials-no-match", _Place(item.source, item.line),
                      f"this entry for {host} is not used for port {port}: {item.verdict}")
    if near or user is None or not found.considered:
        return
    # The user means to log in (smtpmail-smtp-user), the files have entries, none for this host.
    first = found.considered[0]
    others = sorted({item.host for item in found.considered if item.host})
    yield finding("credentials-no-match", _Place(first.source, None),
                  f"no entry for {host} (login {user}) in the auth-source files; they hold "
                  f"entries for {', '.join(others)}: smtpmail sends without AUTH, and asks for a "
                  f"password only if the server refuses")


@rule("credentials-shadowed", "warning", "An entry that an earlier one always shadows",
      example="""
default login anonymous password guest
machine smtp.example.org login alice password secret port 587   ; never reached
""",
      fix="move the specific entry above the `default` (or broader) one",
      emacs="auth-source returns the first matching entry in file order (smtpmail asks for one); "
            "`default` matches every host and an entry without `port` matches every port, so a "
            "later, more specific entry is never used.")
def credentials_shadowed(ctx: CheckContext) -> Iterator[Diagnostic]:
    from smtp.authsource import netrc

    found = lookup(ctx)
    query = smtp_query(ctx)
    if found is None or found.error is not None or found.credential is None or query is None:
        return
    winner = found.credential
    if winner.line is None:
        return
    host, port, user = query
    reached = False
    for path in netrc_files(ctx):
        if str(path) == winner.source:
            reached = True
        if not reached:
            continue
        try:
            entries = netrc.parse(path.read_text(encoding="utf-8", errors="surrogateescape"))
        except (OSError, netrc.NetrcError):
            continue
        for entry in entries:
            if str(path) == winner.source and entry.line <= winner.line:
                continue
            if entry.last("machine", "host") != host:
                continue
            if netrc.verdict(entry, host, port, user) == "match":
                what = "the default entry" if winner.is_default else "the entry"
                yield finding("credentials-shadowed", _Place(str(path), entry.line),
                              f"this entry for {host} port {port} is never used: {what} at "
                              f"{winner.source}:{winner.line} matches first")


@rule("credentials-readable", "warning", "Plaintext passwords readable by other users",
      example="""
$ ls -l ~/.authinfo
-rw-r--r-- 1 alice alice 74 ~/.authinfo
""",
      fix="chmod 600 the file, or encrypt it (~/.authinfo.gpg)",
      emacs="auth-source reads the file whatever its mode; anyone on the machine can read "
            "the password too.")
def credentials_readable(ctx: CheckContext) -> Iterator[Diagnostic]:
    if smtp_query(ctx) is None:
        return
    for path in netrc_files(ctx):
        try:
            mode = path.stat().st_mode
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if mode & (stat.S_IRGRP | stat.S_IROTH) and "password" in text:
            yield finding("credentials-readable", _Place(str(path), 1),
                          f"{path} holds passwords in clear text and is readable by other users "
                          f"(mode {stat.S_IMODE(mode):o})")


#: Mechanisms smtpmail.el 28.2 implements (names are compared exactly, lower case).
MECHANISMS = frozenset({"cram-md5", "plain", "login", "xoauth2"})


def _overrides_auth_methods(ctx: CheckContext) -> bool:
    """Does the config define its own smtpmail-try-auth-method (a cl-defmethod)?"""
    for file in ctx.files:
        text = ctx.text(file) or ""
        if "smtpmail-try-auth-method" in text.replace("smtpmail-try-auth-methods", ""):
            return True
    return False


@rule("authinfo-smtp-auth-unknown", "error", "An smtp-auth value smtpmail does not implement",
      example="""
# ~/.authinfo
machine smtp.example.org login alice password secret port 587 smtp-auth PLAIN
""",
      fix="write the mechanism in lower case: smtp-auth plain (or cram-md5, login, xoauth2)",
      emacs="smtpmail takes the entry's `smtp-auth` value as the mechanism (interning the text "
            "exactly as written) whatever the server offers; a name it has no method for, "
            "`PLAIN` included, fails every send with `Mechanism nil not implemented`.",
      breaks_sending=True)
def authinfo_smtp_auth_unknown(ctx: CheckContext) -> Iterator[Diagnostic]:
    found = lookup(ctx)
    if found is None or found.credential is None:
        return
    credential = found.credential
    mechanism = credential.smtp_auth
    if not mechanism or mechanism in MECHANISMS or not (credential.user and credential.secret):
        return
    if _overrides_auth_methods(ctx):
        return
    hint = f"write smtp-auth {mechanism.lower()}" if mechanism.lower() in MECHANISMS else None
    yield finding("authinfo-smtp-auth-unknown", _Place(credential.source, credential.line),
                  f"smtp-auth {mechanism} is not a mechanism smtpmail implements: every send "
                  f"with this entry fails with \"Mechanism nil not implemented\"", hint=hint)


#: Symbols whose presence in the config shows a way to get fresh OAuth2 tokens.
_TOKEN_SOURCES = frozenset({"auth-source-xoauth2", "auth-source-xoauth2-enable",
                            "auth-source-xoauth2-plugin", "auth-source-xoauth2-plugin-mode",
                            "oauth2", "oauth2-auto", "oauth2-refresh-access", "oauth2-auth-and-store",
                            "smtpmail-try-auth-method", "oauth2ms"})


def _xoauth2_place(ctx: CheckContext) -> Any:
    """Where xoauth2 was chosen: the auth-supported setting or the authinfo entry."""
    value = ctx.value("smtpmail-auth-supported")
    if isinstance(value, Cons) and isinstance(value.car, Symbol) and value.car.name == "xoauth2":
        last = ctx.last_user_assignment("smtpmail-auth-supported")
        if last is not None:
            return ctx.variable_place("smtpmail-auth-supported", last)
        return _Place(None, None)
    found = lookup(ctx)
    if found is not None and found.credential is not None and \
            (found.credential.smtp_auth or "").lower() == "xoauth2":
        return _Place(found.credential.source, found.credential.line)
    return None


@rule("xoauth2-without-token", "warning", "XOAUTH2 chosen without any token source",
      example="""
(with-eval-after-load 'smtpmail
  (add-to-list 'smtpmail-auth-supported 'xoauth2))
;; and no oauth2 / auth-source-xoauth2 setup anywhere
""",
      fix="set up a token source (the auth-source-xoauth2 package, or a smtpmail-try-auth-method "
          "method that fetches a fresh token)",
      emacs="Emacs 28's XOAUTH2 method sends the auth-source password as the bearer token; "
            "OAuth2 access tokens expire within about an hour, so a stored one soon fails.")
def xoauth2_without_token(ctx: CheckContext) -> Iterator[Diagnostic]:
    place = _xoauth2_place(ctx)
    if place is None:
        return
    for file in ctx.files:
        for form in ctx.forms(file):
            if _TOKEN_SOURCES.intersection(symbols_in(form.value)):
                return
    if any(feature in ("oauth2", "auth-source-xoauth2") for feature, _o in ctx.init_load_events):
        return
    yield finding("xoauth2-without-token", place,
                  "xoauth2 is the preferred AUTH mechanism but nothing in the config fetches "
                  "OAuth2 tokens: the auth-source password is sent as the token and soon expires")
