"""``elsend --dry-run``: the plan of a send, told without touching the network.

Everything here is read-only: the credentials are looked up (so the user sees
which file and line would be used) but the secret is never printed.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from elconf import sysexits

if TYPE_CHECKING:
    from smtp.config import SendConfig
    from smtp.message import PreparedMessage
    from smtp.context import Context

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
    lines.extend(account_lines(ctx))
    lines.extend(evaluation_lines(ctx))
    lines.append(f"envelope sender: <{prepared.envelope_from}>"
                 if prepared.envelope_from is not None else "envelope sender: none")
    lines.append("recipients (RCPT order): "
                 + (", ".join(f"<{_rcpt(r, cfg)}>" for r in prepared.recipients)
                    or "none; sending would fail with 'Sending failed; no recipients' (exit 65), "
                       "as in Emacs; --queue keeps it, as Emacs does"))
    lines.append(f"SIZE: {prepared.size_chars} (sent when the server lists SIZE)")
    if cfg.queue_mail:
        from smtp.queue import queue_dir

        lines.append(f"action: queue in {queue_dir(cfg, ctx.home)} (smtpmail-queue-mail); "
                     "no connection")
        return lines
    if not cfg.smtp_server:
        if cfg.unread_libraries:
            lines.append("server: not set here (smtpmail-smtp-server), but "
                         + "; ".join(cfg.unread_libraries) + ", which elconf does not evaluate, "
                         "may set it; sending would fail (exit 78)")
        else:
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


def account_lines(ctx: "Context | None") -> list[str]:
    """The account chosen for the message (mu4e context, account command ...) and why."""
    decision = getattr(ctx, "decision", None)
    if decision is None:
        return []
    if decision.account is None:
        return [f"account: none switched ({decision.reason})"]
    account = decision.account
    return [f"account: {account.name} ({account.kind}, defined at {account.where()})",
            f"  chosen because {decision.reason}"]


def evaluation_notes(ctx: "Context | None") -> list[Any]:
    """What the evaluation of the init files left out or could not decide: forms not
    evaluable here (skipped, the rest went on), errors that happen in Emacs only if an
    unknown condition goes their way (docs/unknowns.md), and what needs a package
    manager that is not installed here (docs/frameworks.md)."""
    loaded = getattr(ctx, "loaded", None)
    if loaded is None:
        return []
    return [d for d in loaded.diagnostics
            if d.rule in ("not-evaluable", "package-manager-missing")
            or (d.rule == "opaque-condition" and d.severity == "warning")] + skipped_mentions(loaded)


def skipped_mentions(loaded: Any) -> list[Any]:
    """Route variables set by evaluated forms and named by a skipped form after that:
    the value stands (a mention is often a read), but the user should know."""
    from elconf.diagnostics import Diagnostic
    from elconf.skipped import named_after_set
    from smtp.config import ROUTE_ORDER

    interpreter = getattr(loaded, "interpreter", None)
    if getattr(interpreter, "skipped", None) is None:
        return []
    notes = []
    for name in ROUTE_ORDER:
        for form in named_after_set(interpreter, name):
            notes.append(Diagnostic(
                form.file, form.line, form.col, "info",
                f"{form.head} names {name} after the form that set it, and elconf does not "
                f"evaluate it: if it sets {name} in Emacs, that value is used, not this one",
                "skipped-mention"))
    return notes


def evaluation_lines(ctx: "Context | None") -> list[str]:
    return [f"init file: {d.location()}: {d.message}" for d in evaluation_notes(ctx)]


def _evaluation_json(ctx: "Context | None") -> list[dict[str, Any]]:
    return [{"file": d.file, "line": d.line, "col": d.col, "rule": d.rule, "message": d.message}
            for d in evaluation_notes(ctx)]


def _sendmail_job(plan: Any) -> Any:
    from smtp import paths, sendmail

    if plan.transport == paths.SENDMAIL:
        return sendmail.prepare_sendmail_send_it(plan.message, plan.cfg)
    return sendmail.prepare_message_sendmail(plan.message, plan.cfg)


def describe_sendmail_plan(plan: Any, ctx: "Context | None" = None) -> list[str]:
    """The program, its exact argument list, and the message written to its stdin."""
    job = _sendmail_job(plan)
    import shlex

    lines = ["# The message, as it would be written to the program's standard input:"]
    lines.extend(job.message.decode("utf-8", "replace").splitlines())
    lines.append("")
    lines.append("# The plan:")
    lines.extend(account_lines(ctx))
    lines.extend(evaluation_lines(ctx))
    lines.append(f"path: {' -> '.join(plan.route.chain)} ({job.function})")
    lines.append("command: " + shlex.join(job.argv))
    return lines


# ---------------------------------------------------------------------------
# --dry-run --json: the plan as one object (documented in docs/elsend.md).

def _account_json(ctx: "Context | None") -> dict[str, Any]:
    decision = getattr(ctx, "decision", None)
    account = decision.account if decision is not None else None
    return {
        "account": account.name if account is not None else None,
        "account_kind": account.kind if account is not None else None,
        "account_defined_at": account.where() if account is not None else None,
        "account_reason": decision.reason if decision is not None else None,
    }


def smtp_plan_json(ctx: "Context", cfg: "SendConfig", prepared: "PreparedMessage",
                   notes: list[str] | None = None) -> dict[str, Any]:
    """The SMTP (or queue) plan: where, how, as whom; the credential's source, never its secret."""
    from smtp.transport import resolve_port, stream_mode

    plan: dict[str, Any] = {"path": "smtp", "function": "smtpmail-send-it", **_account_json(ctx),
                            "server": cfg.smtp_server, "port": None, "service": None,
                            "stream_type": None, "connection": None, "user": cfg.smtp_user,
                            "mechanism": None, "credential_source": None,
                            "envelope_from": prepared.envelope_from,
                            "recipients": [_rcpt(r, cfg) for r in prepared.recipients],
                            "size": prepared.size_chars, "queue_dir": None,
                            "notes": list(notes or []), "not_evaluable": _evaluation_json(ctx)}
    if cfg.queue_mail:
        from smtp.queue import queue_dir

        plan.update(path="queue", queue_dir=str(queue_dir(cfg, ctx.home)))
        return plan
    stream = cfg.stream_type
    plan["stream_type"] = getattr(stream, "name", None) if stream is not None else None
    if plan["stream_type"] == "nil":
        plan["stream_type"] = None
    plan["connection"] = stream_mode(stream)
    plan["service"] = cfg.smtp_service
    if cfg.smtp_server:
        plan["port"] = resolve_port(cfg.smtp_service)
        plan.update(_credential_json(ctx, cfg))
    return plan


def _credential_json(ctx: "Context", cfg: "SendConfig") -> dict[str, Any]:
    from smtp.authsource.settings import AuthSettings

    source = AuthSettings.from_config(ctx.loaded).source(ctx.home, ctx.env)
    lookup = source.lookup(cfg.smtp_server or "", str(cfg.smtp_service), cfg.smtp_user)
    if lookup.error:
        return {"credential_source": None, "credential_error": lookup.error}
    found = lookup.credential
    if found is None or found.secret is None:
        return {"credential_source": None}
    return {"user": found.user or cfg.smtp_user,
            "credential_source": f"{found.source}:{found.line}" if found.line else found.source,
            "mechanism": found.smtp_auth or "first offered of " + " ".join(cfg.auth_supported)}


def sendmail_plan_json(plan: Any, ctx: "Context | None" = None) -> dict[str, Any]:
    """The sendmail plan: the program and its exact argument list."""
    job = _sendmail_job(plan)
    from smtp.address import deduce_recipients

    header = job.message.split(b"\n\n", 1)[0].decode("utf-8", "replace")
    envelope = None
    argv = list(job.argv)
    if "-f" in argv[:-1]:
        envelope = argv[argv.index("-f") + 1]
    return {"path": "sendmail", "function": job.function, **_account_json(ctx),
            "program": argv[0], "argv": argv, "envelope_from": envelope,
            "recipients": deduce_recipients(header) if "-t" in argv else argv[-1:],
            "server": None, "port": None, "stream_type": None, "user": None,
            "mechanism": None, "credential_source": None,
            "notes": list(plan.notes), "not_evaluable": _evaluation_json(ctx)}


# --- printing ---------------------------------------------------------------------------

def print_smtp_plan(ctx: "Context", cfg: "SendConfig", prepared: "PreparedMessage") -> int:
    """Print what would happen, touching no network and writing no file."""
    out = sys.stdout
    if getattr(ctx.options, "json", False):
        _write_json(smtp_plan_json(ctx, cfg, prepared))
        return sysexits.OK
    out.write("# The message, as it would be sent (before CRLF and dot-stuffing):\n")
    for line in prepared.iter_lines():
        out.write(line.decode("utf-8", "surrogateescape").encode("utf-8", "replace")
                  .decode("utf-8") + "\n")
    out.write("\n")
    for line in describe_smtp_plan(ctx, cfg, prepared):
        out.write(line + "\n")
    return sysexits.OK


def print_sendmail_plan(ctx: "Context", plan: Any) -> int:
    """``--dry-run`` of a sendmail-program route: the program, its argv and input, as text or JSON."""
    if getattr(ctx.options, "json", False):
        _write_json(sendmail_plan_json(plan, ctx))
        return sysexits.OK
    for line in describe_sendmail_plan(plan, ctx):
        print(line)
    return sysexits.OK


def _write_json(plan: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(plan, ensure_ascii=False, indent=1) + "\n")
