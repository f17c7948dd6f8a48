"""``elsend --probe --account NAME`` and ``--probe --all-accounts``.

Stage: command line.  Each account is probed from the state right after
init: switched to as its client would (:mod:`elconf.accounts.discovery`),
its settings read, the session opened to AUTH and closed
(:func:`smtp.probe.open_and_quit`), then the switch is taken back for the
next one.  An account that sends through a program (msmtp, sendmail) has no
server of elsend's to probe: its line says which program and arguments.
Nothing is ever sent.
"""

from __future__ import annotations

import sys

from elconf import sysexits

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


def switch_by_name(ctx: Any) -> None:
    """``--account NAME`` for the probe: a client account, else a message-server-alist entry."""
    from elconf.accounts.discovery import choose, find_accounts, switch
    from smtp.errors import ConfigurationFailure

    decision = choose(ctx.loaded, name=ctx.options.account)
    if decision is not None and decision.account is not None:
        switch(ctx.loaded, decision.account)
        ctx.decision = decision
        return
    names = ", ".join(repr(a.name) for a in find_accounts(ctx.loaded)) or "none is defined"
    raise ConfigurationFailure(f"no account {ctx.options.account!r} to probe (accounts: {names})",
                               hint="elconf accounts lists them")


def probe_all_accounts(ctx: Any, settings: "Callable[[Any, str], Any]", ask: Any) -> int:
    """Probe each account in turn, a line each (``--json``: an object each); the first failure's code."""
    from elconf.accounts.discovery import AccountError, find_accounts, switch, trial
    from elconf.commands.accounts import route_of
    from smtp.authsource.settings import AuthSettings
    from smtp.probe import one_line, open_and_quit

    accounts = find_accounts(ctx.loaded)
    if not accounts:
        print("elsend: no accounts to probe (elconf accounts lists none); plain --probe checks "
              "the settings after init", file=sys.stderr)
        return sysexits.CONFIG
    status = sysexits.OK
    width = max(len(a.name) for a in accounts)
    for account in accounts:
        result: dict[str, Any] = {"account": account.name, "kind": account.kind, "ok": False}
        with trial(ctx.loaded):
            try:
                switch(ctx.loaded, account)
                route = route_of({name: ctx.loaded.get(name) for name in
                                  ("message-send-mail-function", "send-mail-function",
                                   "sendmail-program", "message-sendmail-extra-arguments",
                                   "smtpmail-smtp-server", "smtpmail-smtp-service",
                                   "smtpmail-stream-type", "smtpmail-smtp-user")})
                if route["path"] == "sendmail":
                    result.update(ok=True, route="sendmail",
                                  text=f"sends through {route['program']} "
                                       + " ".join(route["arguments"]) + ": no server to probe")
                else:
                    cfg = settings(ctx, "smtpmail-send-it")
                    credentials = AuthSettings.from_config(ctx.loaded).source(ctx.home, ctx.env)
                    session, report = open_and_quit(cfg, credentials=credentials,
                                                    timeout=ctx.options.timeout, ask=ask,
                                                    home=str(ctx.home))
                    result.update(ok=True, route="smtp", server=report.server, port=report.port,
                                  tls=report.tls, mechanism=report.mechanism,
                                  text=one_line(session, report))
            except AccountError as exc:
                result.update(text=f"cannot switch: {exc.message}", exit_code=exc.exit_code)
            except Exception as exc:  # noqa: BLE001 - each failure is reported with its code
                code = getattr(exc, "exit_code", None) or sysexits.SOFTWARE
                result.update(text=f"failed: {exc}", exit_code=code)
        if not result["ok"] and status == sysexits.OK:
            status = result["exit_code"]
        if getattr(ctx.options, "json", False):
            import json

            print(json.dumps(result, ensure_ascii=False))
        else:
            mark = "ok  " if result["ok"] else "FAIL"
            print(f"{mark} {account.name.ljust(width)}  {result['text']}")
    return status
