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


def compose_rule(loaded: Any, accounts: list[Any]) -> tuple[Any, str]:
    """What mu4e does for a new message: (account or None, why).  ``why`` starts
    with ``ASK:`` when mu4e would ask the user."""
    ip = loaded.interpreter
    policy = ip.store.get("mu4e-compose-context-policy")
    policy_text = getattr(policy, "name", "nil") if policy is not UNBOUND else "ask"
    if policy is UNBOUND:
        policy = intern("ask")
    try:
        found = ip.protect(lambda: determine(ip, NIL, policy))
    except Exception as exc:  # a match-func that signals: mu4e would fail to compose
        return None, f"ASK: a match-func fails on a new message ({exc})"
    if isinstance(found, str):
        return None, "ASK: " + found
    if found is NIL:
        return None, (f"no match-func accepts a new message and mu4e-compose-context-policy is "
                      f"{policy_text}: mu4e keeps the current context (none switched)")
    name = context_name(found)
    account = next((a for a in accounts if a.name == name), None)
    matched = found[4] is not NIL and ip.protect(lambda: ip.funcall(found[4], [NIL])) is not NIL
    why = (f"the match-func of mu4e context {name!r} accepts a new message" if matched else
           f"mu4e-compose-context-policy {policy_text} takes mu4e context {name!r}")
    return account, why
