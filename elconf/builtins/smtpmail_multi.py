"""smtpmail-multi's ``smtpmail-multi-change`` for the sandbox (see elconf/libraries/smtpmail_multi.py).

``(smtpmail-multi-change ACCOUNT)`` with ACCOUNT in ``smtpmail-multi-accounts``
sets ``smtpmail-smtp-user``, ``smtpmail-smtp-server``,
``smtpmail-smtp-service``, ``smtpmail-stream-type``,
``smtpmail-starttls-credentials`` and ``smtpmail-local-domain`` from its
settings.  As in smtpmail-multi 0.6, the MAIL-FROM setting is read only in
the branch for an unknown account (its ``if`` is misplaced), where
``mail-specify-envelope-from`` becomes nil: a known account never changes the
envelope settings.
"""

from __future__ import annotations

from elconf.builtins import Table
from elconf.types import NIL, Cons, lisp_list

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define


def settings_of(ip: Any, account: Any) -> Any:
    """``(cdr (assoc ACCOUNT smtpmail-multi-accounts))``."""
    from elconf.equality import lisp_equal

    alist = ip.store.value("smtpmail-multi-accounts")
    while type(alist) is Cons:
        entry = alist.car
        if type(entry) is Cons and lisp_equal(entry.car, account):
            return entry.cdr
        alist = alist.cdr
    return NIL


def _nth(items: Any, n: int) -> Any:
    for _ in range(n):
        items = items.cdr if type(items) is Cons else NIL
    return items.car if type(items) is Cons else NIL


@define("smtpmail-multi-change")
def multi_change(ip: Any, account: Any) -> Any:
    from elconf.loading import require

    if "smtpmail-multi" not in ip.features:
        require(ip, "smtpmail-multi", ip.here("autoload of smtpmail-multi-change"))
    origin = ip.here(f"smtpmail-multi-change {getattr(account, 'name', account)}")
    settings = settings_of(ip, account)
    if settings is not NIL:
        for name, index in (("smtpmail-smtp-user", 0), ("smtpmail-smtp-server", 1),
                            ("smtpmail-smtp-service", 2), ("smtpmail-stream-type", 4)):
            ip.store.assign(name, _nth(settings, index), origin)
        ip.store.assign("smtpmail-starttls-credentials",
                        lisp_list([_nth(settings, 1), _nth(settings, 2), _nth(settings, 5),
                                   _nth(settings, 6)]), origin)
        ip.store.assign("smtpmail-local-domain", _nth(settings, 7), origin)
        return _nth(settings, 7)
    ip.store.assign("mail-specify-envelope-from", NIL, origin)
    return NIL
