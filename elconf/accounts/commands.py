"""Home-made account commands: an interactive function that sets mail variables.

As common in real init files as mu4e contexts::

    (defun my-mail-account-work ()
      (interactive)
      (setq user-mail-address "me@work.example"
            smtpmail-smtp-server "smtp.work.example"
            smtpmail-smtp-service 587))

The user runs ``M-x my-mail-account-work`` before writing; elsend's account
of that name is a call of the function in the sandbox.  A function counts
when it is a command (its body starts with ``interactive``, after an
optional docstring), takes no required argument, and its body assigns (with
``setq``, ``setq-default``, ``set``, ``setopt`` or ``customize-set-variable``)
at least one variable that says where mail goes.
"""

from __future__ import annotations

from elconf.types import Cons, Symbol

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Assigning one of these makes a command an account switch.
ACCOUNT_VARIABLES = frozenset((
    "user-mail-address", "smtpmail-smtp-server", "smtpmail-smtp-service", "smtpmail-smtp-user",
    "smtpmail-stream-type", "send-mail-function", "message-send-mail-function", "sendmail-program",
    "message-sendmail-extra-arguments", "smtpmail-default-smtp-server",
))

_SETTERS = frozenset(("setq", "setq-default", "setopt", "setf"))
_QUOTED_SETTERS = frozenset(("set", "set-default", "customize-set-variable", "custom-set-default"))


def _sets_account_variable(form: Any, depth: int = 0) -> bool:
    """Whether ``form`` (searched through nested forms) assigns an account variable."""
    if depth > 40 or type(form) is not Cons:
        return False
    head = form.car
    if type(head) is Symbol:
        if head.name in _SETTERS:
            rest, index = form.cdr, 0
            while type(rest) is Cons:
                if index % 2 == 0 and type(rest.car) is Symbol and rest.car.name in ACCOUNT_VARIABLES:
                    return True
                rest, index = rest.cdr, index + 1
        elif head.name in _QUOTED_SETTERS and type(form.cdr) is Cons:
            target = form.cdr.car
            if (type(target) is Cons and type(target.car) is Symbol and target.car.name in ("quote", "function")
                    and type(target.cdr) is Cons and type(target.cdr.car) is Symbol
                    and target.cdr.car.name in ACCOUNT_VARIABLES):
                return True
        elif head.name == "quote":
            return False
    item = form
    while type(item) is Cons:
        if _sets_account_variable(item.car, depth + 1):
            return True
        item = item.cdr
    return False


def _definition(ip: Any, symbol: Any, fn: Any) -> Any:
    """The defun form of a command with no required argument, else None."""
    from elconf.interpreter import Closure
    from elconf.special_forms import COMMAND_PROPERTY

    if type(fn) is not Closure or fn.required:
        return None
    form = ip.get_prop(symbol, COMMAND_PROPERTY)
    return form if type(form) is Cons else None


def commands(loaded: Any) -> list[tuple[str, Any]]:
    """(name, closure, defun form) of each account command, in definition order."""
    ip = loaded.interpreter
    found = []
    for symbol in list(ip.plists):
        fn = ip.functions.get(symbol)
        definition = _definition(ip, symbol, fn)
        if definition is not None and _sets_account_variable(fn.body):
            found.append((symbol.name, fn, definition))
    return found


def any_command(loaded: Any) -> bool:
    return bool(commands(loaded))


def find(loaded: Any) -> list[Any]:
    from elconf.accounts.discovery import Account
    from elconf.store import Origin

    accounts = []
    for name, fn, definition in commands(loaded):
        pos = getattr(definition, "pos", None) or _first_position(fn.body)
        origin = Origin(f"command {name}", fn.file, pos[0] if pos else None, pos[1] if pos else None)
        accounts.append(Account(name, "account command", "command", origin,
                                switch=lambda ip, f=fn: ip.funcall(f, [])))
    return accounts


def _first_position(body: Any) -> tuple[int, int] | None:
    while type(body) is Cons:
        pos = getattr(body, "pos", None) or getattr(body.car, "pos", None)
        if pos:
            return pos
        body = body.cdr
    return None



