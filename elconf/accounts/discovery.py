"""Finding the accounts of an evaluated init file, switching to one, choosing one.

An :class:`Account` is a name, a kind, the place that defines it, and a
``switch``: what its client does to the mail variables when the user
switches to it (mu4e's ``(mu4e-context-switch t NAME)``, ``M-x
my-mail-account-work`` ...).  Every account is judged from the state right
after init: :func:`trial` takes a switch back, so listing the accounts (their
From address and route) leaves the configuration as it was.

Choosing the account for one message (:func:`choose`), first rule that
applies wins:

1. ``--account NAME``: the account of that name (None when no account has
   it: the caller then tries ``message-server-alist`` entries);
2. the From address (``--from``, else the message's From) equal, ignoring
   case, to the address an account sets;
3. the client's own rule for a new message: mu4e's
   ``mu4e-context-determine`` with no parent message under
   ``mu4e-compose-context-policy`` (a match-func that accepts nil, else
   ``pick-first`` takes the first context; ``ask`` and ``always-ask`` would
   ask, and elsend cannot: :class:`AccountError`, exit 78);
4. otherwise the settings after init, unchanged.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from elconf.records import field, record
from elconf.types import NIL, UNBOUND, Cons, Symbol, intern

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from elconf.store import Origin

#: The variables that say where a message goes, as elconf shows them per account.
ROUTE_VARIABLES = (
    "user-mail-address", "user-full-name", "send-mail-function", "message-send-mail-function",
    "smtpmail-smtp-server", "smtpmail-smtp-service", "smtpmail-stream-type", "smtpmail-smtp-user",
    "sendmail-program", "message-sendmail-extra-arguments", "smtpmail-queue-mail",
    "elconf--posting-style-method",
)


class AccountError(Exception):
    """An account cannot be chosen or switched to; ``exit_code`` is a sysexits code."""

    def __init__(self, message: str, hint: str | None = None, exit_code: int = 78) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message


@record
class Account:
    """One account as its client defines it."""

    name: str
    kind: str                               # "mu4e context", "account command", ...
    client: str                             # "mu4e", "command", "gnus", "smtpmail-multi", ...
    origin: "Origin | None"                 # where it is defined
    switch: "Callable[[Any], None]"         # apply it to the interpreter, as the client does
    force_switch: "Callable[[Any], None] | None" = None  # mu4e: the switch its policy makes
    by_address: bool = True                 # its address names it (smtpmail-multi: its rules do)
    address: str | None = None              # the From address it gives without setting a variable

    def where(self) -> str:
        return self.origin.location() if self.origin is not None and self.origin.file else "?"


@record
class AccountView:
    """An account's settings after switching to it from the state right after init."""

    account: Account
    values: dict[str, Any] = field(default_factory=dict)   # ROUTE_VARIABLES -> value (UNBOUND kept)
    error: str | None = None                               # the switch failed: why

    @property
    def address(self) -> str | None:
        if self.account.address is not None:
            return self.account.address
        value = self.values.get("user-mail-address")
        return str(value) if isinstance(value, str) else None


#: Finders, one per client: each returns the accounts it sees in an evaluated config.
def _finders() -> list[Callable[[Any], list[Account]]]:
    from elconf.accounts import commands, gnus, mu4e, notmuch, smtpmail_multi

    return [mu4e.find, gnus.find, smtpmail_multi.find, notmuch.find, commands.find]


#: Features whose pending ``with-eval-after-load`` bodies define accounts: composing
#: with the client loads it, so elsend loads it before looking for accounts.
CLIENT_FEATURES = ("mu4e", "mu4e-context", "mu4e-compose")


def load_clients(loaded: Any) -> list[str]:
    """Load the mail clients the config waits for (``with-eval-after-load 'mu4e``,
    ``use-package mu4e :defer t``), as composing a message with them would."""
    from elconf.errors import LimitExceeded, LispSignal
    from elconf.store import Origin

    ip = loaded.interpreter
    done = []
    for feature in CLIENT_FEATURES:
        if feature in ip.features:
            continue
        if ("feature", feature) in ip.after_load or ("file", feature) in ip.after_load:
            client = feature.split("-")[0]
            origin = Origin("composing with " + client, None, None, None, library=client)
            try:
                ip.protect(lambda c=client: ip.require(c, origin))
            except (LispSignal, LimitExceeded) as exc:
                raise AccountError(f"loading {client} (as composing with it would) fails: {exc}") from None
            done.append(client)
    return done


def _pending_client(loaded: Any) -> bool:
    after = loaded.interpreter.after_load
    return any(("feature", f) in after or ("file", f) in after for f in CLIENT_FEATURES)


def find_accounts(loaded: Any) -> list[Account]:
    """Every account the init file defines, clients in a fixed order, each in its own order."""
    load_clients(loaded)
    found: list[Account] = []
    for finder in _finders():
        found.extend(finder(loaded))
    return found


def has_accounts(loaded: Any) -> bool:
    """Cheap test for the send path: is there anything account-like at all?"""
    store = loaded.store
    contexts = store.get("mu4e-contexts")
    if isinstance(contexts, Cons) or _pending_client(loaded) \
            or isinstance(store.get("smtpmail-multi-accounts"), Cons) \
            or isinstance(store.get("gnus-posting-styles"), Cons) \
            or isinstance(store.get("notmuch-identities"), Cons):
        return True
    from elconf.accounts import commands

    return commands.any_command(loaded)


def _closure_environments(ip: Any) -> list[tuple[Any, dict[Any, Any]]]:
    """Every lexical environment a reachable closure holds, with a copy of its bindings.

    An enter-func may ``setq`` a variable it closes over (a counter, a
    cached value); taking a switch back must undo that too.  Closures are
    found in the function table and in variable values (lists, records).
    """
    from elconf.interpreter import Closure
    from elconf.types import Record

    seen_envs: dict[int, tuple[Any, dict[Any, Any]]] = {}
    seen_values: set[int] = set()
    stack: list[Any] = list(ip.functions.values()) + list(ip.store._default.values())
    budget = 200_000
    while stack and budget:
        budget -= 1
        value = stack.pop()
        kind = type(value)
        if kind is Closure:
            if id(value) in seen_values:
                continue
            seen_values.add(id(value))
            env = value.env
            while env is not None and id(env) not in seen_envs:
                seen_envs[id(env)] = (env, dict(env.vars))
                stack.extend(env.vars.values())
                env = env.parent
        elif kind is Cons:
            if id(value) in seen_values:
                continue
            seen_values.add(id(value))
            stack.append(value.car)
            stack.append(value.cdr)
        elif kind is Record:
            if id(value) not in seen_values:
                seen_values.add(id(value))
                stack.extend(value)
    return list(seen_envs.values())


@contextlib.contextmanager
def trial(loaded: Any) -> Iterator[None]:
    """Run the body, then put the interpreter back as it was (values, features, functions,
    the variables closures close over)."""
    ip = loaded.interpreter
    snapshot = ip.store.snapshot()
    environments = _closure_environments(ip)
    features, functions = list(ip.features), dict(ip.functions)
    diagnostics, messages = len(ip.diagnostics), len(ip.messages)
    try:
        yield
    finally:
        for env, bindings in environments:
            env.vars.clear()
            env.vars.update(bindings)
        ip.store.restore(snapshot)
        ip.features[:] = features
        ip.functions.clear()
        ip.functions.update(functions)
        del ip.diagnostics[diagnostics:]
        del ip.messages[messages:]


def switch(loaded: Any, account: Account, *, policy: bool = False) -> None:
    """Apply ``account`` as its client does; a Lisp error or a limit becomes :class:`AccountError`."""
    from elconf.errors import LimitExceeded, LispSignal

    ip = loaded.interpreter
    action = account.force_switch if policy and account.force_switch is not None else account.switch
    try:
        ip.protect(lambda: action(ip))
    except LispSignal as exc:
        place = f"{exc.file}:{exc.line}:{exc.col}: " if exc.file else ""
        raise AccountError(f"{place}switching to {account.kind} {account.name!r} fails: {exc.message()}",
                           hint=f"{account.name!r} is defined at {account.where()}") from None
    except LimitExceeded as exc:
        raise AccountError(f"switching to {account.kind} {account.name!r} stopped: sandbox {exc}") from None


def describe(loaded: Any, account: Account) -> AccountView:
    """The account's route variables after switching to it, the config left as it was."""
    view = AccountView(account)
    with trial(loaded):
        try:
            switch(loaded, account)
        except AccountError as exc:
            view.error = str(exc)
            return view
        view.values = {name: loaded.get(name) for name in ROUTE_VARIABLES}
    return view


def describe_all(loaded: Any, accounts: list[Account] | None = None) -> list[AccountView]:
    return [describe(loaded, a) for a in (find_accounts(loaded) if accounts is None else accounts)]


@record
class Decision:
    """The account chosen for one message and why (None: the settings after init)."""

    account: Account | None
    reason: str
    policy_switch: bool = False       # the client's rule chose it (mu4e switches without force)
    prelude: Account | None = None    # switched to first (the context mu4e starts in)


def choose(loaded: Any, *, name: str | None = None, from_address: str | None = None,
           from_given: bool = False) -> Decision | None:
    """Choose the account for a message (see the module docstring).

    Returns None when ``name`` is given and no account has it, so that the
    caller may try its own kinds of account.  ``from_address`` is the bare
    address of ``--from`` (``from_given``) or of the message's From.
    """
    accounts = find_accounts(loaded)
    if name is not None:
        for account in accounts:
            if account.name == name:
                return Decision(account, f"--account {name}: the {account.kind} defined at {account.where()}")
        return None
    if not accounts:
        return Decision(None, "no accounts are defined: the settings after init")
    views = describe_all(loaded, accounts)
    if from_address:
        wanted = from_address.strip().lower()
        matches = [v for v in views if v.account.by_address and v.address
                   and v.address.strip().lower() == wanted]
        if matches:
            chosen = matches[0].account
            source = "--from" if from_given else "the From address"
            reason = (f"{source} {from_address} is the address of the {chosen.kind} {chosen.name!r} "
                      f"({chosen.where()})")
            if len(matches) > 1:
                reason += "; also of " + ", ".join(repr(v.account.name) for v in matches[1:]) + \
                    " (the first is taken)"
            return Decision(chosen, reason)
    return _client_rule(loaded, accounts, from_address)


def _client_rule(loaded: Any, accounts: list[Account], from_address: str | None) -> Decision:
    """No account has the From address: what the client does for a new message."""
    from elconf.accounts import mu4e as mu4e_accounts

    unmatched = f"the From address {from_address} is no account's" if from_address else \
        "the message has no From address"
    multi = [a for a in accounts if a.client == "smtpmail-multi"]
    if multi:
        from elconf.accounts import smtpmail_multi

        if smtpmail_multi.uses_multi(loaded):
            found = smtpmail_multi.associated(loaded, multi, from_address)
            if found is not None:
                return Decision(found[0], f"{unmatched}; {found[1]}")
    contexts = [a for a in accounts if a.client == "mu4e"]
    if contexts:
        chosen, why, started = mu4e_accounts.compose_rule(loaded, contexts)
        if chosen is None and why.startswith("ASK:"):
            listing = ", ".join(f"{a.name!r}" for a in accounts)
            raise AccountError(f"{unmatched}, and mu4e would ask which context to use "
                               f"({why[4:].strip()}); elsend cannot ask",
                               hint=f"choose one with --account NAME (one of {listing}) or --from "
                                    "ADDRESS, or set mu4e-compose-context-policy to pick-first")
        if chosen is not None:
            return Decision(chosen, f"{unmatched}; {why}", policy_switch=True, prelude=started)
        return Decision(None, f"{unmatched}; {why}")
    return Decision(None, f"{unmatched}: the settings after init are used")


def mail_value(loaded: Any, name: str) -> Any:
    value = loaded.get(name)
    return None if value is UNBOUND else value


def symbol_name(value: Any) -> str | None:
    return value.name if isinstance(value, Symbol) and value is not NIL else None


def lisp_symbol(name: str) -> Symbol:
    return intern(name)
