"""mu4e contexts as accounts: listing them, and mu4e's rule for a new message.

The Lisp side (``make-mu4e-context``, ``mu4e-context-switch`` ...) is
:mod:`elconf.builtins.mu4e_context`.
"""

from __future__ import annotations

from elconf.builtins.mu4e_context import (DOOM_MADE, ORIGINS, context_name, context_switch, contexts,
                                          determine)
from elconf.types import NIL, UNBOUND, T, intern

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def find(loaded: Any) -> list[Any]:
    """An account per context in ``mu4e-contexts``, in order (a Doom one says so)."""
    from elconf.accounts.discovery import Account

    accounts = []
    for context in contexts(loaded.interpreter):
        name = context_name(context)
        if not isinstance(name, str):
            continue
        origin = ORIGINS.get(id(context))
        kind = "Doom email account" if DOOM_MADE.get(id(context)) else "mu4e context"
        accounts.append(Account(
            str(name), kind, "mu4e", origin,
            switch=lambda ip, n=name: context_switch(ip, T, n),
            force_switch=lambda ip, n=name: context_switch(ip, NIL, n)))
    return accounts


def compose_rule(loaded: Any, accounts: list[Any]) -> tuple[Any, str, Any]:
    """What mu4e does for a new message: (account or None, why, account mu4e starts in or None).

    Starting mu4e (``mu4e--start``) with no current context switches under
    ``mu4e-context-policy``; composing then switches under
    ``mu4e-compose-context-policy``.  ``why`` starts with ``ASK:`` when mu4e
    would ask the user.  The state is left as it was.
    """
    from elconf.accounts.discovery import trial

    ip = loaded.interpreter
    with trial(loaded):
        started = None
        why_start = ""
        if ip.store.value("mu4e--context-current") is NIL:
            found, why_start = _autoswitch(ip, "mu4e-context-policy", "ask-if-none", "starting mu4e")
            if isinstance(found, str):
                return None, "ASK: " + found, None
            if found is not NIL:
                started = _account(accounts, found)
                context_switch(ip, NIL, context_name(found))
        found, why = _autoswitch(ip, "mu4e-compose-context-policy", "ask", "composing")
    if isinstance(found, str):
        return None, "ASK: " + found, None
    if found is NIL:
        if started is not None:
            return started, f"{why_start}; composing keeps it ({why})", None
        return None, f"{why}: mu4e keeps the current context (none switched)", None
    account = _account(accounts, found)
    reason = why if started is None else f"{why_start}; then {why}"
    return account, reason, started if started is not account else None


def _account(accounts: list[Any], context: Any) -> Any:
    name = context_name(context)
    return next((a for a in accounts if a.name == name), None)


def _autoswitch(ip: Any, variable: str, default: str, when: str) -> tuple[Any, str]:
    """``mu4e-context-determine`` with no message under the policy in ``variable``."""
    policy = ip.store.get(variable)
    if policy is UNBOUND:
        policy = intern(default)
    policy_text = getattr(policy, "name", "nil")
    try:
        found = ip.protect(lambda: determine(ip, NIL, policy))
    except Exception as exc:  # a match-func that signals: mu4e would fail here
        return f"{when}: a match-func fails on a new message ({exc})", ""
    if isinstance(found, str):
        return f"{when}: {found}", ""
    if found is NIL:
        return NIL, f"{when}, no match-func accepts a new message and {variable} is {policy_text}"
    name = context_name(found)
    matched = found[4] is not NIL and ip.protect(lambda: ip.funcall(found[4], [NIL])) is not NIL
    if matched:
        return found, f"{when}, the match-func of mu4e context {name!r} accepts a new message"
    return found, f"{when}, {variable} {policy_text} takes mu4e context {name!r}"
