"""Rules about several accounts (mu4e contexts, Doom accounts, account commands).

Each account is looked at as its client would switch to it, from the state
right after init (:mod:`elconf.accounts.discovery`); the switches are taken
back, so the other rules see the configuration as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from elconf.check.context import CheckContext
from elconf.check.rules import finding, rule
from elconf.diagnostics import Diagnostic
from elconf.types import NIL, UNBOUND, Cons

#: What a queued message is flushed through when the queue does not record it.
_ROUTE = ("smtpmail-smtp-server", "smtpmail-smtp-service", "smtpmail-smtp-user",
          "smtpmail-stream-type")


def _each_account_switched(loaded: Any) -> Iterator[tuple[Any, Exception | None]]:
    """Every account of the configuration, each switched to from the state right after
    init (a trial, undone when the loop moves on), with the error when the switch failed.
    The configuration is as it was once the loop ends or is left."""
    from elconf.accounts.discovery import AccountError, find_accounts, switch, trial

    with trial(loaded):
        for account in find_accounts(loaded):
            with trial(loaded):
                try:
                    switch(loaded, account)
                except AccountError as exc:
                    yield account, exc
                    continue
                yield account, None


def _accounts(ctx: CheckContext) -> list[tuple[Any, dict[str, Any], str | None]]:
    """(account, its values after switching, error) for every account; cached on ctx."""
    cached = getattr(ctx, "_accounts_cache", None)
    if cached is not None:
        return cached
    names = (*_ROUTE, "user-mail-address", "smtpmail-queue-mail", "smtpmail-store-queue-variables")
    found: list[tuple[Any, dict[str, Any], str | None]] = []
    loaded = ctx.loaded
    try:
        for account, error in _each_account_switched(loaded):
            if error is not None:
                found.append((account, {}, str(error)))
                continue
            if "smtpmail" not in loaded.interpreter.features:
                loaded.interpreter.protect(lambda: loaded.interpreter.require("smtpmail"))
            found.append((account, {n: loaded.get(n) for n in names}, None))
    except Exception:  # noqa: BLE001 - a client that cannot load leaves the rules silent
        found = []
    ctx._accounts_cache = found  # type: ignore[attr-defined]
    return found


def _global_route(ctx: CheckContext) -> dict[str, Any]:
    from elconf.accounts.discovery import trial

    loaded = ctx.loaded
    with trial(loaded):
        if "smtpmail" not in loaded.interpreter.features:
            try:
                loaded.interpreter.protect(lambda: loaded.interpreter.require("smtpmail"))
            except Exception:  # noqa: BLE001
                pass
        return {n: loaded.get(n) for n in (*_ROUTE, "smtpmail-queue-mail",
                                           "smtpmail-store-queue-variables")}


def _on(value: Any) -> bool:
    return value is not NIL and value is not UNBOUND and value is not None


def _route_text(values: dict[str, Any]) -> str:
    from elconf.printer import prin1_to_string

    server = values.get("smtpmail-smtp-server")
    service = values.get("smtpmail-smtp-service")
    return f"{prin1_to_string(server)} port {prin1_to_string(service)}"


@rule("account-queue-route", "warning",
      "Queued mail is flushed through whichever account is current",
      example="""
(setq smtpmail-queue-mail t)                ; smtpmail-store-queue-variables left nil
(setq mu4e-contexts
      (list (make-mu4e-context :name "Work"
              :vars '((smtpmail-smtp-server . "smtp.work.example")))
            (make-mu4e-context :name "Home"
              :vars '((smtpmail-smtp-server . "smtp.home.example")))))
""",
      fix="(setq smtpmail-store-queue-variables t): each queued message then keeps its server, "
          "port, stream type and user",
      emacs="`smtpmail-send-queued-mail` sends each queued message with the smtpmail variables "
            "current at flush time unless the queue entry stored them "
            "(`smtpmail-store-queue-variables`). Verified with Emacs 28.2 and mu4e 1.8.14: a "
            "message queued in context Work and flushed after switching to Home goes to Home's "
            "server, with Home's address as envelope sender (the address is never stored).")
def account_queue_route(ctx: CheckContext) -> Iterator[Diagnostic]:
    accounts = [a for a in _accounts(ctx) if a[2] is None]
    if len(accounts) < 1:
        return
    base = _global_route(ctx)
    queued = _on(base["smtpmail-queue-mail"]) or any(_on(v["smtpmail-queue-mail"]) for _a, v, _e in accounts)
    if not queued:
        return
    routes = {tuple(repr(v[n]) for n in _ROUTE) for _a, v, _e in accounts}
    routes.add(tuple(repr(base[n]) for n in _ROUTE))
    if len(routes) < 2:
        return
    for account, values, _error in accounts:
        if _on(values["smtpmail-store-queue-variables"]):
            continue
        if all(repr(values[n]) == repr(base[n]) for n in _ROUTE) and len(accounts) > 1 and \
                account is not accounts[0][0]:
            continue
        others = [a.name for a, v, _e in accounts
                  if a is not account and any(repr(v[n]) != repr(values[n]) for n in _ROUTE)]
        yield finding("account-queue-route", account.origin,
                      f"mail queued in {account.kind} {account.name!r} ({_route_text(values)}) is "
                      "sent by a later flush through the account current then"
                      + (f" (e.g. {', '.join(repr(o) for o in others[:3])})" if others else "")
                      + ": smtpmail-store-queue-variables is nil, so the queue does not keep the "
                      "server")
        return      # one finding says it for every account


@rule("account-duplicate-address", "warning", "Two accounts with the same address",
      example="""
(setq mu4e-contexts
      (list (make-mu4e-context :name "Work"
              :vars '((user-mail-address . "me@example.org")))
            (make-mu4e-context :name "Lists"
              :vars '((user-mail-address . "me@example.org")
                      (smtpmail-smtp-server . "smtp.lists.example")))))
""",
      fix="give each account its own user-mail-address, or choose with elsend --account NAME",
      emacs="mu4e chooses a context by its match-func or by asking, never by address, so Emacs "
            "does not mind; but a message's From address then cannot tell which account wrote "
            "it, and elsend (choosing by From) takes the first.")
def account_duplicate_address(ctx: CheckContext) -> Iterator[Diagnostic]:
    seen: dict[str, Any] = {}
    for account, values, error in _accounts(ctx):
        address = values.get("user-mail-address") \
            if error is None and account.by_address and account.address is None else None
        if not isinstance(address, str):
            continue
        key = address.strip().lower()
        first = seen.get(key)
        if first is None:
            seen[key] = account
            continue
        yield finding("account-duplicate-address", account.origin,
                      f"{account.kind} {account.name!r} has the address {address} of "
                      f"{first.kind} {first.name!r} ({first.where()}): a message from it goes "
                      f"through {first.name!r} unless --account {account.name} is given")


@rule("context-unknown-variable", "warning", "A mu4e context sets a variable nothing defines",
      example="""
(make-mu4e-context :name "Work"
  :vars '((user-mail-adress . "me@work.example")))   ; typo: the address never changes
""",
      fix="use the variable name Emacs reads (the finding names the closest one)",
      emacs="`mu4e-context-switch` sets each `:vars` entry with `set`, whatever its name; a "
            "misspelt name creates a new variable and the real one keeps its old value.")
def context_unknown_variable(ctx: CheckContext) -> Iterator[Diagnostic]:
    from elconf.builtins.mu4e_context import ORIGINS, contexts
    from elconf.check.names import did_you_mean

    known = ctx.variable_names
    candidates = sorted(n for n in ctx.emacs_variable_names
                        if n.startswith(("user-", "smtpmail-", "mu4e-", "message-", "mail-",
                                         "send", "auth-")))
    for context in contexts(ctx.loaded.interpreter):
        cells = context[5]
        while type(cells) is Cons:
            cell = cells.car
            cells = cells.cdr
            name = getattr(cell.car, "name", None) if type(cell) is Cons else None
            if not name or name in known or name.startswith("+"):
                continue
            guess = did_you_mean(name, candidates)
            if guess is None:
                continue
            yield finding("context-unknown-variable",
                          ctx.variable_place(name, ORIGINS.get(id(context))),
                          f"mu4e context {context[1]!r} sets {name}, which no library defines: "
                          f"did you mean {guess}?", hint=f"rename it to {guess}")


#: Rule groups that judge the settings a message is sent with: run again for each account.
PER_ACCOUNT_GROUPS = ("value_types", "combinations", "credentials", "security")


def per_account_findings(loaded: Any, *, home: Any, env: Any, only: Any, seen: set[tuple[Any, ...]]) -> list[Diagnostic]:
    """The route rules run once more with each account switched to, as its client would.

    A finding the global run did not make is kept, its message saying which
    account it is about; it points where the account sets the value (its
    context, command or style), or at the account's definition.
    """
    from elconf.check.context import CheckContext
    from elconf.check.rules import all_rules
    from elconf.records import replace

    rules = [r for r in all_rules() if r.group in PER_ACCOUNT_GROUPS
             and (only is None or r.id in only)]
    out: list[Diagnostic] = []
    try:
        for account, error in _each_account_switched(loaded):
            if error is not None:
                continue        # account-switch errors are elconf accounts' to show
            ctx = CheckContext(loaded, home=home, env=env)
            for account_rule in rules:
                ctx.missing = set()
                for found in map(ctx.at_call, account_rule.check(ctx)):
                    key = (found.rule, found.message)
                    if key in seen:
                        continue
                    seen.add(key)
                    file, line, col = found.file, found.line, found.col
                    if file is None and account.origin is not None:
                        file, line, col = account.origin.file, account.origin.line, account.origin.col
                    out.append(replace(
                        found, file=file, line=line, col=col,
                        message=f"in {account.kind} {account.name!r}: {found.message}"))
    except Exception:  # noqa: BLE001 - a client that cannot be loaded leaves these checks out
        return out
    return out
