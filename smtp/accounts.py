"""Several accounts: which server one message goes through, as message.el decides it.

Emacs 28.2 has one set of smtpmail globals; users with several accounts
switch per message in one of three ways, all modelled here:

* the ``X-Message-SMTP-Method`` header (message.el's
  ``message-multi-smtp-send-mail``): ``smtp HOST PORT [USER]`` binds
  ``smtpmail-smtp-server``, ``smtpmail-smtp-service`` (the number, or the
  text when it is not one), ``smtpmail-smtp-user`` (when given),
  ``smtpmail-stream-type`` to ``tls`` when the port is 465, and
  ``smtpmail-store-queue-variables`` to t; ``sendmail`` sends with
  ``message-send-mail-with-sendmail``; anything else fails with
  ``Unknown method (WORDS...)``.  The header is removed before sending.
* ``message-server-alist`` (Emacs 29.1+): ``(COND . METHOD)`` pairs; a
  string COND is compared (``equal``) with the address of the From header,
  a function COND is called with no arguments in the message buffer (and
  when METHOD is nil, the string it returns is the method); the first match
  inserts ``X-Message-SMTP-Method: METHOD`` unless the message already has one.  Emacs 28.2 does not have this variable.  elsend honours
  it anyway (a config that sets it was written for an Emacs that reads it;
  ignoring it would send through the wrong server) and says so in
  ``elconf show`` and ``--dry-run``.
* a ``message-send-hook`` function that reads the From header and sets
  smtpmail variables: evaluated by the ``elconf`` interpreter with the
  message's header available to ``message-fetch-field``,
  ``mail-fetch-field``, ``message-field-value`` and
  ``mail-extract-address-components`` (registered by :func:`install_message_builtins`).

``elsend --account NAME`` and ``--from ADDRESS`` choose in the same terms:
see :func:`select_account`.
"""

from __future__ import annotations


from elconf.records import field, record
from elconf.types import NIL, UNBOUND, T, Cons, intern, lisp_list
from smtp.config import SendConfig
from smtp.errors import ConfigurationFailure

# The message door imports this module on every send: records instead of
# dataclasses (which bring inspect, ast, dis), typing for type checkers only.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

METHOD_HEADER = "X-Message-SMTP-Method"


@record(frozen=True)
class Method:
    """A parsed ``X-Message-SMTP-Method`` value (or message-server-alist METHOD)."""

    kind: str                       # "smtp" or "sendmail"
    host: str | None = None
    service: int | str | None = None
    user: str | None = None
    text: str = ""                  # the value as written, for messages

    def overrides(self, cfg: SendConfig) -> dict[str, Any]:
        """The SendConfig fields message.el binds around ``message-smtpmail-send-it``."""
        if self.kind != "smtp":
            return {}
        port = self.service if isinstance(self.service, int) else 0
        return {
            "smtp_server": self.host,
            "smtp_service": self.service,
            "smtp_user": self.user if self.user is not None else cfg.smtp_user,
            "stream_type": intern("tls") if port == 465 else cfg.stream_type,
            "store_queue_variables": True,
        }

    def transport(self) -> str:
        """The function message.el calls for this method."""
        return "message-smtpmail-send-it" if self.kind == "smtp" else "message-send-mail-with-sendmail"


def _string_to_number(text: str) -> int:
    """``string-to-number``: the leading integer of ``text`` (0 when there is none)."""
    import re

    m = re.match(r"[ \t\n]*([-+]?[0-9]+)", text)
    return int(m.group(1)) if m else 0


def parse_method(value: str) -> Method:
    """Parse ``smtp HOST PORT [USER]`` or ``sendmail`` as Emacs 28.2 does (``split-string``).

    A port that is not a number is kept as text (a service name); a missing
    port is an error (Emacs fails with ``wrong-type-argument stringp nil``).
    """
    words = value.split()
    if words and words[0] == "sendmail":
        return Method("sendmail", text=value)
    if words and words[0] == "smtp":
        if len(words) < 3:
            raise ConfigurationFailure(
                f"{METHOD_HEADER}: {value!r} names no port (Emacs fails with "
                "\"Wrong type argument: stringp, nil\")",
                hint="write it as: smtp HOST PORT [USER]")
        port = _string_to_number(words[2])
        return Method("smtp", host=words[1], service=port if port > 0 else words[2],
                      user=words[3] if len(words) > 3 else None, text=value)
    raise ConfigurationFailure(f"Unknown method ({' '.join(words)})",
                               hint="use \"smtp HOST PORT [USER]\" or \"sendmail\"")


def method_from_header(raw: Any) -> tuple[Method | None, Any]:
    """The ``X-Message-SMTP-Method`` of a prepared message, and the message without it.

    ``raw`` is bytes (bytes come back) or a :class:`smtp.sendmail.Draft`
    (changed in place and returned).  The value is ``message-field-value``:
    every such field, joined by ``", "`` and unfolded.  Only the header is
    searched (Emacs searches the whole buffer; a body line starting with the
    field name is not a method).
    """
    from smtp.message_el import Draft

    draft = raw if isinstance(raw, Draft) else Draft.parse(raw)
    value = field_value(draft.header_text(), METHOD_HEADER)
    if value is None:
        return None, raw
    draft.remove((METHOD_HEADER + ":",))
    return parse_method(value), (draft if isinstance(raw, Draft) else draft.to_bytes())


def field_value(header: str, name: str) -> str | None:
    """``message-field-value``: all fields NAME joined by ", ", continuation lines unfolded."""
    from smtp.address import field_values

    values = field_values(header, (name,), blanks_before_colon=True)   # ^NAME[ \t]*:[ \t]*
    if not values:
        return None     # the common case: re is not imported
    import re

    return ", ".join(re.sub(r"\n[ \t]*", " ", v.rstrip("\n")).rstrip(" \t") for v in values)


# ---------------------------------------------------------------------------
# message-server-alist (Emacs 29.1+).

@record
class Choice:
    """What account selection decided, with the reasons ``elconf show`` prints."""

    method: Method | None = None
    changes: dict[str, Any] = field(default_factory=dict)  # SendConfig field -> value
    notes: list[str] = field(default_factory=list)

    def overrides(self, cfg: SendConfig) -> dict[str, Any]:
        """The SendConfig fields to change for this message (hook changes, then the method's)."""
        changes = dict(self.changes)
        if self.method is not None:
            changes.update(self.method.overrides(cfg.replace(**changes)))
        return changes

    def apply(self, cfg: SendConfig) -> SendConfig:
        changes = self.overrides(cfg)
        return cfg.replace(**changes) if changes else cfg


def server_alist_method(loaded: Any, cfg: SendConfig, header: str) -> tuple[Method | None, list[str]]:
    """The METHOD of the first matching ``message-server-alist`` entry, and notes."""
    alist = cfg.message_server_alist
    notes: list[str] = []
    if not isinstance(alist, Cons):
        return None, notes
    from smtp.address import extract_address, fetch_field

    address = extract_address(fetch_field(header, "From"))
    for entry in alist:
        method_text = entry.cdr if isinstance(entry, Cons) else None
        cond = entry.car if isinstance(entry, Cons) else None
        function_method = method_text is NIL and not isinstance(cond, str)
        if not (isinstance(method_text, str) or function_method):
            notes.append(f"message-server-alist: entry {_show(entry)} is not (COND . \"METHOD\"); skipped")
            continue
        if isinstance(cond, str):
            result: Any = T if str(cond) == address else NIL
        elif loaded is not None:
            result = call_with_message(loaded, header, cond, ())
            if result is None:
                notes.append(f"message-server-alist: cannot evaluate {_show(cond)}; entry skipped")
                continue
        else:
            notes.append(f"message-server-alist: function {_show(cond)} needs the init file; skipped")
            continue
        if result is NIL:
            continue
        if function_method:
            # (FUNCTION) with no METHOD: the function's value is the method (Emacs 29 doc)
            if not isinstance(result, str):
                notes.append(f"message-server-alist: {_show(cond)} returned {_show(result)}, "
                             "not a method string; entry skipped")
                continue
            method_text = result
        notes.append(f"message-server-alist matched {_show(cond)} (an Emacs 29+ variable; "
                     "Emacs 28.2 ignores it)")
        return parse_method(str(method_text)), notes
    return None, notes


def _show(value: Any) -> str:
    try:
        from elconf.printer import prin1_to_string

        return prin1_to_string(value)
    except Exception:  # the printer is optional for messages
        return repr(value)


# ---------------------------------------------------------------------------
# Evaluating Lisp with the message's header in reach.

def install_message_builtins(interpreter: Any, header: str) -> dict[Any, Any]:
    """Register the header-reading functions a hook may call, bound to ``header``.

    ``message-fetch-field NAME &optional FIRST`` (all fields joined by ", "
    unless FIRST), ``mail-fetch-field NAME &optional LAST ALL``,
    ``message-field-value NAME``, ``mail-extract-address-components TEXT``
    (``(NAME ADDRESS)``), and the narrowing commands as no-ops.
    """
    import re

    from elconf.interpreter import Builtin
    from smtp.address import extract_address, fetch_field

    def message_fetch_field(_interp: Any, name: Any, first: Any = NIL) -> Any:
        if first is not NIL:
            return fetch_field(header, str(name)) or NIL
        return field_value(header, str(name)) or NIL

    def mail_fetch_field(_interp: Any, name: Any, last: Any = NIL, all_: Any = NIL, *_rest: Any) -> Any:
        if all_ is not NIL:
            return field_value(header, str(name)) or NIL
        value = fetch_field(header, str(name))
        return NIL if value is None else value

    def message_field_value(_interp: Any, name: Any, _not_all: Any = NIL) -> Any:
        return field_value(header, str(name)) or NIL

    def extract_components(_interp: Any, text: Any, *_rest: Any) -> Any:
        if not isinstance(text, str):
            return lisp_list([NIL, NIL])
        address = extract_address(text)
        name_match = re.match(r'\s*"?([^"<]*?)"?\s*<', text)
        name = name_match.group(1) if name_match and name_match.group(1) else NIL
        return lisp_list([name, address if address is not None else NIL])

    def ignore(_interp: Any, *_args: Any) -> Any:
        return NIL

    table: dict[str, Callable[..., Any]] = {
        "message-fetch-field": message_fetch_field,
        "mail-fetch-field": mail_fetch_field,
        "message-field-value": message_field_value,
        "mail-extract-address-components": extract_components,
        "message-narrow-to-headers": ignore,
        "message-narrow-to-headers-or-head": ignore,
        "widen": ignore,
    }
    previous = {}
    for name, fn in table.items():
        symbol = intern(name)
        previous[symbol] = interpreter.functions.get(symbol)
        interpreter.functions[symbol] = Builtin(name, fn)
    return previous


def call_with_message(loaded: Any, header: str, fn: Any, args: tuple[Any, ...]) -> Any:
    """Call Lisp ``fn`` with the message builtins installed; None when it cannot be evaluated."""
    from elconf.interpreter import is_opaque

    interpreter = loaded.interpreter
    previous = install_message_builtins(interpreter, header)
    before = len(interpreter.diagnostics)
    try:
        result = interpreter.protect(lambda: interpreter.funcall(fn, list(args)))
    except Exception:  # a Lisp error or a limit: the hook cannot be judged
        return None
    finally:
        # The builtins and what the evaluator said belong to this one message.
        said = interpreter.diagnostics[before:]
        del interpreter.diagnostics[before:]
        for symbol, old in previous.items():
            if old is None:
                interpreter.functions.pop(symbol, None)
            else:
                interpreter.functions[symbol] = old
    if is_opaque(result) or any(d.severity != "info" or "skipped" in d.message for d in said):
        return None
    return result


# Variables a send hook or a wrapper send function may switch, by SendConfig field.
_HOOK_VARIABLES = {
    "smtpmail-smtp-server": "smtp_server", "smtpmail-smtp-service": "smtp_service",
    "smtpmail-smtp-user": "smtp_user", "smtpmail-stream-type": "stream_type",
    "user-mail-address": "user_mail_address", "user-full-name": "user_full_name",
    "smtpmail-mail-address": "smtpmail_mail_address", "sendmail-program": "sendmail_program",
    "message-sendmail-extra-arguments": "message_sendmail_extra_arguments",
    "send-mail-function": "send_mail_function",
    "message-send-mail-function": "message_send_mail_function",
    "mail-envelope-from": "mail_envelope_from",
    "mail-specify-envelope-from": "mail_specify_envelope_from",
    "message-sendmail-f-is-evil": "message_sendmail_f_is_evil",
    "message-sendmail-envelope-from": "message_sendmail_envelope_from",
    "mail-interactive": "mail_interactive", "message-interactive": "message_interactive",
    "smtpmail-local-domain": "local_domain", "smtpmail-queue-mail": "queue_mail",
    "smtpmail-queue-dir": "queue_dir", "smtpmail-auth-supported": "auth_supported",
    "smtpmail-servers-requiring-authorization": "servers_requiring_authorization",
    "mail-host-address": "mail_host_address", "message-user-fqdn": "message_user_fqdn",
}


def run_send_hook(loaded: Any, header: str) -> Choice:
    """Evaluate ``message-send-hook`` with the message's header; return what it changed.

    The hook runs inside a dynamic binding of the variables it may switch
    (``_HOOK_VARIABLES``), as if wrapped in a ``let``: the evaluated config
    is left as it was, and the switch comes back as :attr:`Choice.changes`.
    A hook function that calls something we do not model, or signals,
    leaves a note and none of its changes.
    """
    choice = Choice()
    hook = loaded.get("message-send-hook")
    if hook is UNBOUND or hook is NIL:
        return choice
    from elconf.store import Origin

    functions = list(hook) if isinstance(hook, Cons) and hook.car is not intern("lambda") else [hook]
    store = loaded.store
    origin = Origin("message-send-hook, run by elsend for this message", None, None, None)
    before_cfg = loaded.send_config()

    def bind_all() -> int:
        tokens = [store.bind(name, store.get(name), origin) for name in _HOOK_VARIABLES]
        return tokens[0]

    outer = bind_all()
    try:
        for fn in functions:
            if fn is intern("t"):
                continue  # the "run the global value too" marker of a local hook
            token = bind_all()
            if call_with_message(loaded, header, fn, ()) is None:
                store.unbind(token)  # drop what a half-run hook did
                choice.notes.append(f"message-send-hook: {_show(fn)} does something elsend cannot "
                                    "evaluate; its account switch (if any) is not applied")
        after_cfg = loaded.send_config()
    finally:
        store.unbind(outer)
    for name, field in _HOOK_VARIABLES.items():
        if getattr(after_cfg, field) != getattr(before_cfg, field):
            choice.changes[field] = getattr(after_cfg, field)
            choice.notes.append(f"message-send-hook set {name}")
    return choice


# ---------------------------------------------------------------------------
# A send function of the user's own: evaluate it up to the transport it calls.

#: Transports a wrapper may end in, and what elsend runs for each.
_TRANSPORT_CALLS = {
    "smtpmail-send-it": "smtpmail-send-it",
    "message-smtpmail-send-it": "smtpmail-send-it",
    "message-send-mail-with-sendmail": "message-send-mail-with-sendmail",
    "sendmail-send-it": "sendmail-send-it",
    "message-use-send-mail-function": "",       # calls send-mail-function as it is then
}


@record
class Capture:
    """What a user's send function did: the transport it called, with the settings then."""

    function: str                 # the wrapper's name, for messages
    transport: str                # smtpmail-send-it, sendmail-send-it or message-send-mail-with-sendmail
    changes: dict[str, Any]       # SendConfig fields that differ at the moment of the call


def capture_send_function(loaded: Any, header: str, fn: Any) -> Capture | None:
    """Run a user's ``send-mail-function``/``message-send-mail-function`` until it calls a transport.

    Many multi-account configs wrap the transport::

        (defun my-send ()
          (let ((smtpmail-smtp-server (if (string-match "work" (message-fetch-field "From"))
                                          "smtp.work.example" "smtp.home.example")))
            (smtpmail-send-it)))

    The function runs in the elconf interpreter with the message builtins;
    each transport it may call is replaced by a recorder that notes the
    variables' values at that moment.  Returns None when the function calls
    no transport or does something we cannot evaluate.
    """
    from elconf.interpreter import Builtin
    from elconf.store import Origin

    interpreter, store = loaded.interpreter, loaded.store
    calls: list[tuple[str, dict[str, Any]]] = []

    def recorder(name: str) -> Any:
        def record(_interp: Any, *_args: Any) -> Any:
            calls.append((name, {var: store.get(var) for var in _HOOK_VARIABLES}))
            return NIL
        return record

    before_cfg = loaded.send_config()
    origin = Origin("send function, run by elsend for this message", None, None, None)
    tokens = [store.bind(var, store.get(var), origin) for var in _HOOK_VARIABLES]
    previous = {intern(name): interpreter.functions.get(intern(name)) for name in _TRANSPORT_CALLS}
    for name in _TRANSPORT_CALLS:
        interpreter.functions[intern(name)] = Builtin(name, recorder(name))
    try:
        finished = call_with_message(loaded, header, fn, ()) is not None
    finally:
        for symbol, old in previous.items():
            if old is None:
                interpreter.functions.pop(symbol, None)
            else:
                interpreter.functions[symbol] = old
        store.unbind(tokens[0])
    if not finished or not calls:
        return None
    name, values = calls[0]
    transport = _TRANSPORT_CALLS[name]
    if not transport:   # message-use-send-mail-function: send-mail-function, as set then
        value = values.get("send-mail-function")
        transport = getattr(value, "name", "")
        if transport not in ("smtpmail-send-it", "sendmail-send-it"):
            return None
    after_cfg = SendConfig.from_lisp(lambda var: values[var] if var in values else loaded.get(var))
    changes = {field: getattr(after_cfg, field) for field in _HOOK_VARIABLES.values()
               if getattr(after_cfg, field) != getattr(before_cfg, field)}
    return Capture(_show(fn), transport, changes)


# ---------------------------------------------------------------------------
# elsend --from / --account.

def select_account(loaded: Any, header: str, from_: str | None = None,
                   account: str | None = None) -> Choice:
    """Decide the account for one message: header, --account, --from, alist, hook.

    Order (first that applies wins): an ``X-Message-SMTP-Method`` already in
    the message; ``--account NAME`` (an entry of ``message-server-alist``
    whose METHOD has NAME as host or as user, or ``sendmail``); ``--from
    ADDRESS`` matched against the string keys of ``message-server-alist``;
    then the From header through ``message-server-alist``; finally the
    ``message-send-hook`` is evaluated.  ``loaded`` may be None (no init file).
    """
    cfg = loaded.send_config() if loaded is not None else SendConfig()
    choice = Choice()
    existing = field_value(header, METHOD_HEADER)
    if existing is not None:
        choice.method = parse_method(existing)
        choice.notes.append(f"{METHOD_HEADER}: {existing}")
        return choice
    styled = loaded.get("elconf--posting-style-method") if loaded is not None else None
    if isinstance(styled, str):
        # A Gnus posting style chosen for this message adds the header (elconf.accounts.gnus).
        choice.method = parse_method(styled)
        choice.notes.append(f"{METHOD_HEADER} {styled!r} from the Gnus posting style")
        return choice
    if account is not None:
        method = _method_for_account(cfg, account)
        if method is None:
            raise ConfigurationFailure(f"no account {account!r}: it names no host or user of "
                                       "message-server-alist, and is not \"sendmail\"",
                                       hint=_known_accounts(loaded))
        choice.method = method
        choice.notes.append(f"--account {account}: {method.text}")
        return choice
    if from_ is not None:
        import re

        header = re.sub(r"(?im)^From:.*\n(?:[ \t].*\n)*", "", header) + f"From: {from_}\n"
    method, notes = server_alist_method(loaded, cfg, header)
    choice.notes.extend(notes)
    if method is not None:
        choice.method = method
        return choice
    if loaded is not None:
        hooked = run_send_hook(loaded, header)
        choice.changes.update(hooked.changes)
        choice.notes.extend(hooked.notes)
    return choice


def _known_accounts(loaded: Any) -> str:
    """The names --account accepts, for the error message."""
    names: list[str] = []
    if loaded is not None and getattr(loaded, "interpreter", None) is not None:
        from elconf.accounts.discovery import find_accounts

        names = [a.name for a in find_accounts(loaded)]
    listing = ", ".join(repr(n) for n in names) if names else "none is defined"
    return f"client accounts: {listing} (elconf accounts lists them with their kind)"


def _method_for_account(cfg: SendConfig, account: str) -> Method | None:
    if account == "sendmail":
        return Method("sendmail", text="sendmail")
    alist = cfg.message_server_alist
    if not isinstance(alist, Cons):
        return None
    for entry in alist:
        if isinstance(entry, Cons) and isinstance(entry.cdr, str):
            method = parse_method(str(entry.cdr))
            if account in (method.host, method.user) or (isinstance(entry.car, str)
                                                         and account == str(entry.car)):
                return method
    return None


