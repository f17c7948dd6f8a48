"""Rules about security: secrets that would cross the network unprotected."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from elconf.check.context import CheckContext
from elconf.check.credentials import lookup, smtp_query
from elconf.check.rules import finding, rule
from elconf.diagnostics import Diagnostic
from elconf.types import Symbol


def is_local_host(host: str) -> bool:
    """Loopback names and addresses: clear text never leaves the machine."""
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@rule("plaintext-auth", "warning", "Credentials sent over an unencrypted connection",
      example="""
(setq smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'plain)      ; with a password in ~/.authinfo
""",
      fix="use 'starttls (port 587) or 'ssl (port 465)",
      emacs="With `plain` Emacs never starts TLS, and when auth-source has a password for the "
            "server it sends AUTH anyway, without a warning: the password crosses the network "
            "in clear text (base64 is not encryption).")
def plaintext_auth(ctx: CheckContext) -> Iterator[Diagnostic]:
    query = smtp_query(ctx)
    stream = ctx.value("smtpmail-stream-type")
    if query is None or not ctx.knows("plaintext-auth", "smtpmail-stream-type") or \
            not (isinstance(stream, Symbol) and stream.name == "plain"):
        return
    host, port, user = query
    if is_local_host(host):
        return
    found = lookup(ctx)
    has_secret = found is not None and found.credential is not None and found.credential.secret
    if not (has_secret or user):
        return
    last = ctx.last_user_assignment("smtpmail-stream-type")
    yield finding("plaintext-auth", ctx.variable_place("smtpmail-stream-type", last) if last else None,
                  f"smtpmail-stream-type is plain, so the credentials for {host}:{port} "
                  f"are sent unencrypted over the network")
