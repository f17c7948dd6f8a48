"""smtpmail-multi accounts: one per ``smtpmail-multi-accounts`` entry; the associations choose.

Switching to an account is ``(smtpmail-multi-change ACCOUNT)``.  For a
message, when the send function is ``smtpmail-multi-send-it``, the account
is the first of the first ``smtpmail-multi-associations`` rule that matches
(a regexp searched in the From field, ``(HEADER . REGEXP)``, or a predicate,
which elsend does not call), else ``smtpmail-multi-default-account``.
smtpmail-multi tries a rule's further accounts when a send fails; elsend
sends through the first only, and says so.
"""

from __future__ import annotations

from elconf.types import NIL, Cons, Symbol

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SEND_FUNCTION = "smtpmail-multi-send-it"


def find(loaded: Any) -> list[Any]:
    from elconf.accounts.discovery import Account
    from elconf.builtins.smtpmail_multi import multi_change

    alist = loaded.store.get("smtpmail-multi-accounts")
    origin = loaded.store.origin("smtpmail-multi-accounts")
    accounts = []
    while type(alist) is Cons:
        entry = alist.car
        alist = alist.cdr
        if type(entry) is Cons and isinstance(entry.car, Symbol) and entry.car is not NIL:
            accounts.append(Account(entry.car.name, "smtpmail-multi account", "smtpmail-multi", origin,
                                    switch=lambda ip, a=entry.car: multi_change(ip, a),
                                    by_address=False))
    return accounts


def uses_multi(loaded: Any) -> bool:
    """Whether the send function the message takes is smtpmail-multi-send-it."""
    for name in ("message-send-mail-function", "send-mail-function"):
        value = loaded.get(name)
        if isinstance(value, Symbol) and value.name == SEND_FUNCTION:
            return True
    return False


def associated(loaded: Any, accounts: list[Any], from_field: str | None) -> tuple[Any, str] | None:
    """(account, why) by ``smtpmail-multi-associations``, else the default account; None if neither."""
    ip = loaded.interpreter
    rules = loaded.get("smtpmail-multi-associations")
    by_name = {a.name: a for a in accounts}
    while type(rules) is Cons and from_field is not None:
        rule = rules.car
        rules = rules.cdr
        if type(rule) is not Cons or not isinstance(rule.car, str) or type(rule.cdr) is not Cons:
            continue
        try:
            hit = ip.protect(lambda r=rule: ip.call_function("string-match", r.car, from_field))
        except Exception:  # noqa: BLE001 - an invalid regexp: smtpmail-multi would fail too
            continue
        if hit is not NIL:
            first = rule.cdr.car
            account = by_name.get(getattr(first, "name", ""))
            if account is not None:
                more = " (smtpmail-multi would try the next accounts of the rule if it failed; " \
                       "elsend does not)" if type(rule.cdr.cdr) is Cons else ""
                return account, (f"smtpmail-multi-associations: {rule.car!r} matches the From "
                                 f"field, account {account.name}{more}")
    default = loaded.get("smtpmail-multi-default-account")
    account = by_name.get(getattr(default, "name", ""))
    if account is not None:
        return account, f"no smtpmail-multi association matches: smtpmail-multi-default-account {account.name}"
    return None
