"""mu4e's context functions, as mu4e 1.8.14 defines them, for the sandbox.

Accounts made of the contexts: :mod:`elconf.accounts.mu4e`.

A context is the record ``cl-defstruct mu4e-context`` makes:
``#s(mu4e-context NAME ENTER-FUNC LEAVE-FUNC MATCH-FUNC VARS)``.
``mu4e-context-switch`` does, in this order: the current context's
leave-func, the new context's enter-func, ``(set VAR VALUE)`` for each
``:vars`` cell, then makes the new context current and runs
``mu4e-context-changed-hook``.  Nothing here asks the user: where mu4e would
(a switch with no NAME, the policies ``ask`` and ``always-ask``), the sandbox
signals an error that says so, and elsend asks the user to choose with
``--account``.
"""

from __future__ import annotations

from elconf.builtins import Table
from elconf.errors import lisp_error
from elconf.types import NIL, UNBOUND, T, Cons, Record, intern

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define

CONTEXT_TYPE = intern("mu4e-context")
_SLOTS = (":name", ":enter-func", ":leave-func", ":match-func", ":vars")

#: Where each context record was made (id of the record -> Origin), for messages.
ORIGINS: dict[int, Any] = {}
#: ids of the contexts Doom's set-email-account! made.
DOOM_MADE: dict[int, bool] = {}


def _ensure_loaded(ip: Any, fname: str) -> None:
    """The context functions exist once mu4e-context is loaded; a config that calls
    them first gets mu4e-context loaded (mu4e's autoloads would, through ``mu4e``)."""
    from elconf.loading import require

    if "mu4e-context" not in ip.features:
        require(ip, "mu4e-context", ip.here(f"autoload of {fname}"))


def is_context(value: Any) -> bool:
    return type(value) is Record and len(value) == 6 and value[0] is CONTEXT_TYPE


def context_name(value: Any) -> Any:
    return value[1]


@define("make-mu4e-context")
def make_context(ip: Any, *args: Any) -> Any:
    """The cl-defstruct constructor: keyword arguments, the first of a repeated key wins."""
    _ensure_loaded(ip, "make-mu4e-context")
    slots: dict[str, Any] = {}
    if len(args) % 2:
        raise lisp_error("error", "Odd number of keyword arguments to make-mu4e-context")
    for key, value in zip(args[0::2], args[1::2]):
        name = getattr(key, "name", None)
        if name not in _SLOTS:
            raise lisp_error("error", f"Keyword argument {name or key} not one of "
                                      "(:name :enter-func :leave-func :match-func :vars)")
        slots.setdefault(name, value)
    record = Record([CONTEXT_TYPE, *(slots.get(slot, NIL) for slot in _SLOTS)])
    ORIGINS[id(record)] = ip.here("make-mu4e-context")
    return record


def _accessor(index: int, slot: str) -> None:
    @define(f"mu4e-context-{slot}")
    def access(ip: Any, context: Any) -> Any:
        if not is_context(context):
            raise lisp_error("wrong-type-argument", CONTEXT_TYPE, context)
        return context[index]


for _index, _slot in enumerate(("name", "enter-func", "leave-func", "match-func", "vars"), start=1):
    _accessor(_index, _slot)


@define("mu4e-context-p")
def context_p(ip: Any, value: Any) -> Any:
    return T if is_context(value) else NIL


@define("mu4e-context-current")
def context_current(ip: Any, _output: Any = NIL) -> Any:
    _ensure_loaded(ip, "mu4e-context-current")
    return ip.store.value("mu4e--context-current")


def contexts(ip: Any) -> list[Any]:
    """The records in ``mu4e-contexts`` (anything else in the list is left out)."""
    value = ip.store.get("mu4e-contexts")
    items: list[Any] = []
    while type(value) is Cons:
        if is_context(value.car):
            items.append(value.car)
        value = value.cdr
    return items


def _mu4e_error(text: str) -> Any:
    return lisp_error("error", f"[mu4e] {text}")


@define("mu4e-context-switch")
def context_switch(ip: Any, force: Any = NIL, name: Any = NIL) -> Any:
    """Switch as mu4e 1.8.14 does: leave-func, enter-func, then ``:vars`` with ``set``."""
    from elconf.builtins.custom import run_hooks

    _ensure_loaded(ip, "mu4e-context-switch")
    if not contexts(ip) and ip.store.value("mu4e-contexts") in (NIL, UNBOUND):
        raise _mu4e_error("No contexts defined")
    if name is NIL:
        raise _mu4e_error("mu4e-context-switch with no NAME asks the user which context; "
                          "elconf cannot ask")
    found = next((c for c in contexts(ip) if context_name(c) == name), None)
    if found is None:
        raise _mu4e_error("No such context")
    current = ip.store.value("mu4e--context-current")
    if force is not NIL or found is not current:
        origin = _switch_origin(ip, found)
        if is_context(current) and current[3] is not NIL:
            ip.funcall(current[3], [])
        if found[2] is not NIL:
            ip.funcall(found[2], [])
        cells = found[5]
        while type(cells) is Cons:
            cell = cells.car
            if type(cell) is not Cons:
                raise lisp_error("wrong-type-argument", intern("listp"), cell)
            symbol = cell.car
            if getattr(symbol, "name", None) is None or symbol is NIL or symbol is T:
                raise lisp_error("wrong-type-argument", intern("symbolp"), symbol) \
                    if symbol is not NIL and symbol is not T else lisp_error("setting-constant", symbol)
            ip.store.assign(symbol.name, cell.cdr, origin)
            cells = cells.cdr
        ip.store.assign("mu4e--context-current", found, origin)
        run_hooks(ip, intern("mu4e-context-changed-hook"))
    return found


def _switch_origin(ip: Any, context: Any) -> Any:
    from elconf.store import Origin

    made = ORIGINS.get(id(context))
    where = made if made is not None else ip.here("")
    return Origin(f"mu4e context {context_name(context)} (:vars, set by mu4e-context-switch)",
                  where.file, where.line, where.col, library="mu4e-context")


@define("mu4e-context-determine")
def context_determine(ip: Any, msg: Any = NIL, policy: Any = NIL) -> Any:
    """The first context whose match-func accepts MSG, else what POLICY says."""
    found = determine(ip, msg, policy)
    if isinstance(found, str):
        raise _mu4e_error(found)
    return found


def determine(ip: Any, msg: Any, policy: Any) -> Any:
    """As ``mu4e-context-determine``; a string says why mu4e would ask the user."""
    every = contexts(ip)
    if not every:
        return NIL
    policy_name = getattr(policy, "name", None)
    if policy_name == "always-ask":
        return "the policy always-ask asks the user which context to use"
    for context in every:
        if context[4] is not NIL and ip.funcall(context[4], [msg]) is not NIL:
            return context
    if policy_name == "pick-first":
        return every[0]
    if policy_name == "ask":
        return "no match-func accepts the message and the policy ask asks the user"
    if policy_name == "ask-if-none":
        current = ip.store.value("mu4e--context-current")
        return current if current is not NIL else \
            "no context is current and the policy ask-if-none asks the user"
    return NIL


@define("mu4e-message-field")
def message_field(ip: Any, msg: Any, field: Any) -> Any:
    """``plist-get`` on the message plist (nil for a new message)."""
    while type(msg) is Cons and type(msg.cdr) is Cons:
        if msg.car is field:
            return msg.cdr.car
        msg = msg.cdr.cdr
    return NIL


@define("mu4e-message-contact-field-matches")
def contact_field_matches(ip: Any, msg: Any, _field: Any, _match: Any) -> Any:
    """A new message has no contacts to match: nil (a reply's are not modelled)."""
    if msg is NIL:
        return NIL
    return ip.opaque("(mu4e-message-contact-field-matches ...)")


@define("mu4e-message", "mu4e-clear-caches")
def quiet(ip: Any, *_args: Any) -> Any:
    """Echo-area messages and redisplay: nothing to do in the sandbox."""
    return NIL


def names(ip: Any) -> list[str]:
    return [str(context_name(c)) for c in contexts(ip)]


@define("elconf--unknown-default")
def unknown_default(ip: Any, name: Any) -> Any:
    """The default of a library variable elconf cannot hold (a keymap, byte-code): unknown,
    but bound, so that a config that changes it does not stop as on a void variable."""
    from elconf.interpreter import Opaque

    return Opaque(f"the default value of {name}")
