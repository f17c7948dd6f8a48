"""``elsend --dry-run``: the plan of a send, told without touching the network.

Everything here is read-only: the credentials are looked up (so the user sees
which file and line would be used) but the secret is never printed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smtp.config import SendConfig
    from smtp.message import PreparedMessage
    from smtp.send import Context

_TLS_WORDS = {
    "opportunistic": "STARTTLS if the server offers it, else unencrypted (smtpmail-stream-type nil)",
    "starttls": "STARTTLS, required (smtpmail-stream-type starttls)",
    "plain": "unencrypted, never STARTTLS (smtpmail-stream-type plain)",
    "implicit": "TLS from the first byte (smtpmail-stream-type ssl/tls)",
}


def describe_smtp_plan(ctx: "Context", cfg: "SendConfig", prepared: "PreparedMessage") -> list[str]:
    """Lines saying where the message would go and how, in the order the session runs."""
    from smtp.transport import resolve_port, stream_mode

    lines = ["# The plan:"]
    lines.append(f"envelope sender: <{prepared.envelope_from}>"
                 if prepared.envelope_from is not None else "envelope sender: none")
    lines.append("recipients (RCPT order): "
                 + (", ".join(f"<{_rcpt(r, cfg)}>" for r in prepared.recipients) or "none"))
    lines.append(f"SIZE: {prepared.size_chars} (sent when the server lists SIZE)")
    if cfg.queue_mail:
        from smtp.queue import queue_dir

        lines.append(f"action: queue in {queue_dir(cfg, ctx.home)} (smtpmail-queue-mail); "
                     "no connection")
        return lines
    if not cfg.smtp_server:
        lines.append("server: not set (smtpmail-smtp-server); sending would fail (exit 78)")
        return lines
    mode = stream_mode(cfg.stream_type)
    port = resolve_port(cfg.smtp_service)
    lines.append(f"server: {cfg.smtp_server} port {port}"
                 + (f" ({cfg.smtp_service})" if isinstance(cfg.smtp_service, str) else ""))
    lines.append(f"connection: {_TLS_WORDS[mode]}")
    fqdn = cfg.system_name + (f".{cfg.local_domain}" if cfg.local_domain else "")
    lines.append(f"greeting: EHLO {fqdn} (HELO if refused)")
    lines.extend(_credential_lines(ctx, cfg))
    return lines


def _rcpt(recipient: str, cfg: "SendConfig") -> str:
    domain = cfg.sendto_domain
    return recipient if not domain or "@" in recipient else f"{recipient}@{domain}"


def _credential_lines(ctx: "Context", cfg: "SendConfig") -> list[str]:
    from smtp.authsource.settings import AuthSettings

    source = AuthSettings.from_config(ctx.loaded).source(ctx.home, ctx.env)
    lookup = source.lookup(cfg.smtp_server or "", str(cfg.smtp_service), cfg.smtp_user)
    if lookup.error:
        return [f"credentials: lookup fails: {lookup.error}"]
    found = lookup.credential
    if found is None or found.secret is None:
        return ["credentials: none found in auth-sources; no AUTH (elsend asks on a terminal "
                "if the server demands authentication)"]
    where = f"{found.source}:{found.line}" if found.line else found.source
    mechanism = (f"{found.smtp_auth} (smtp-auth in the entry)" if found.smtp_auth else
                 "the first of " + " ".join(cfg.auth_supported) + " that the server offers")
    return [f"credentials: user {found.user or '?'} with password ******** from {where}",
            f"authentication: {mechanism}; a single attempt"]


def describe_sendmail_plan(plan: Any) -> list[str]:
    """The program, its exact argument list, and the message written to its stdin."""
    from smtp import paths, sendmail

    if plan.transport == paths.SENDMAIL:
        job = sendmail.prepare_sendmail_send_it(plan.message, plan.cfg)
    else:
        job = sendmail.prepare_message_sendmail(plan.message, plan.cfg)
    import shlex

    lines = ["# The message, as it would be written to the program's standard input:"]
    lines.extend(job.message.decode("utf-8", "replace").splitlines())
    lines.append("")
    lines.append("# The plan:")
    lines.append(f"path: {' -> '.join(plan.route.chain)} ({job.function})")
    lines.append("command: " + shlex.join(job.argv))
    return lines
