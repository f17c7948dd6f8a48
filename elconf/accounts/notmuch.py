"""notmuch identities as accounts: From addresses that keep the configured route.

``notmuch-identities`` lists ``"Name <address>"`` strings the user picks the
From field from (``notmuch-mua-prompt-for-sender``); notmuch changes no
variable for it, so an identity's route is the settings after init.  An
identity is an account in ``elconf accounts`` (name: the string as written)
and is chosen by its address, which then switches nothing.
"""

from __future__ import annotations

from elconf.types import Cons

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def find(loaded: Any) -> list[Any]:
    from elconf.accounts.discovery import Account

    value = loaded.store.get("notmuch-identities")
    origin = loaded.store.origin("notmuch-identities")
    accounts = []
    while type(value) is Cons:
        identity = value.car
        value = value.cdr
        if isinstance(identity, str) and identity.strip():
            accounts.append(Account(str(identity), "notmuch identity", "notmuch", origin,
                                    switch=lambda ip: None, address=_address(str(identity))))
    return accounts


def _address(identity: str) -> str:
    if "<" in identity and ">" in identity:
        return identity[identity.index("<") + 1:identity.rindex(">")].strip()
    return identity.strip()
