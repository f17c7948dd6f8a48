"""Choosing the client account (mu4e context, account command ...) a message goes out through.

Stage: *route*, before anything reads the send settings.  The config was
evaluated; this module picks the account for one message
(:func:`elconf.accounts.discovery.choose`: ``--account``, then ``--from`` or
the message's From, then the client's own rule) and applies it to the
evaluated config as the client would switch to it.  Everything after
(``send-mail-function``, smtpmail's defaults, auth-source lookups) then reads
the switched values, exactly as a send from that account in Emacs would.

``message-server-alist`` entries and ``X-Message-SMTP-Method`` stay with
:mod:`smtp.accounts` (message.el's own switching, applied later).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from elconf.accounts.discovery import Decision


def needs_choice(loaded: Any, account: str | None) -> bool:
    """Whether this send must look at the message before choosing its settings."""
    if account is not None:
        return True
    from elconf.accounts.discovery import has_accounts

    return has_accounts(loaded)


def from_address(header: str, from_: str | None) -> str | None:
    """The bare address of ``--from`` if given, else of the message's From field."""
    from smtp.address import extract_address, fetch_field

    text = from_ if from_ is not None else fetch_field(header, "From")
    if not text:
        return None
    return extract_address(text) or text.strip()


def switch_for_message(loaded: Any, header: str, *, from_: str | None,
                       account: str | None) -> "Decision | None":
    """Choose the account and switch the config to it.

    Returns the decision (its ``account`` None when the settings after init
    stay), or None when ``account`` names none of the client accounts (the
    caller then looks in ``message-server-alist``).  Raises
    :class:`elconf.accounts.discovery.AccountError` (exit 78) when the client
    would ask the user, or the switch fails.
    """
    from elconf.accounts.discovery import choose, switch

    decision = choose(loaded, name=account, from_address=from_address(header, from_),
                      from_given=from_ is not None)
    if decision is not None and decision.account is not None:
        if decision.prelude is not None:
            switch(loaded, decision.prelude, policy=True)
        switch(loaded, decision.account, policy=decision.policy_switch)
    return decision


def header_of(raw: bytes) -> str:
    """The header of a message file (up to the first empty line or separator), as text."""
    end = len(raw)
    for marker in (b"\n\n", b"\r\n\r\n", b"\n--text follows this line--\n"):
        index = raw.find(marker)
        if index != -1:
            end = min(end, index + 1)
    return raw[:end].decode("utf-8", "surrogateescape").replace("\r\n", "\n")
