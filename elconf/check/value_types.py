"""Rules about values of the wrong type for what Emacs does with them.

Emacs never checks a ``setq`` against the defcustom's ``:type``: a wrong
value sits there until the code that reads it fails, often with an error far
from the cause (``Invalid connection type ssl`` for a string where a symbol
belongs).  The checker below understands the common ``:type`` widgets and
answers "cannot tell" for the others, so it never guesses.
"""

from __future__ import annotations

import functools
import socket
from collections.abc import Iterator
from typing import Any

from elconf.check.context import CheckContext
from elconf.check.rules import finding, rule
from elconf.diagnostics import Diagnostic
from elconf.equality import lisp_equal
from elconf.types import NIL, T, UNBOUND, Cons, Symbol, is_proper_list

#: What ``open-network-stream`` accepts as :type (the defcustom lists the first four).
STREAM_TYPES = ("starttls", "plain", "ssl", "tls", "network", "shell")

#: IANA service names for mail, used when the system has no services database.
SERVICE_PORTS = {"smtp": 25, "submission": 587, "submissions": 465, "smtps": 465, "urd": 465}

_STRINGS = frozenset({"string", "file", "directory", "regexp", "key-sequence"})
_UNKNOWN = None


def _show(value: Any) -> str:
    from elconf.printer import prin1_to_string

    return prin1_to_string(value)


def type_matches(widget: Any, value: Any) -> bool | None:
    """Does ``value`` fit the customization type ``widget``?  None when we cannot tell."""
    head, args = (widget.car, list(widget.cdr) if isinstance(widget.cdr, Cons) else []) \
        if isinstance(widget, Cons) else (widget, [])
    if not isinstance(head, Symbol):
        return _UNKNOWN
    args = _drop_keywords(args)
    name = head.name
    if name in _STRINGS:
        return isinstance(value, str)
    if name == "integer":
        return type(value) is int
    if name == "natnum":
        return type(value) is int and value >= 0
    if name == "number":
        return type(value) in (int, float)
    if name == "float":
        return type(value) is float
    if name in ("boolean", "sexp"):
        return True
    if name in ("symbol", "coding-system", "face", "variable"):
        return isinstance(value, Symbol)
    if name == "const":
        return lisp_equal(args[0], value) if args else value is NIL
    if name in ("choice", "radio"):
        answers = [type_matches(arg, value) for arg in args]
        if any(answers):
            return True
        return False if all(a is False for a in answers) else _UNKNOWN
    if name == "repeat" and args:
        if not is_proper_list(value):
            return False
        answers = [type_matches(args[0], item) for item in (value if value is not NIL else [])]
        return False if False in answers else (None if None in answers else True)
    return _UNKNOWN


def _drop_keywords(args: list[Any]) -> list[Any]:
    """Widget arguments without ``:tag "..."`` style keyword pairs."""
    kept, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif isinstance(arg, Symbol) and arg.name.startswith(":"):
            skip = True
        else:
            kept.append(arg)
    return kept


@functools.cache
def _model_types() -> dict[str, Any]:
    """Variable name -> its parsed :type, for every modelled defcustom."""
    from elconf.libraries import all_libraries
    from elconf.reader import read_forms

    types: dict[str, Any] = {}
    for model in all_libraries().values():
        for variable in (*model.variables, *model.preloaded_variables):
            if variable.type:
                forms = list(read_forms(variable.type))
                if forms:
                    types[variable.name] = forms[0].value
    return types


def _final_user_assignment(ctx: CheckContext, name: str) -> Any | None:
    """The user's last assignment to ``name``, if it holds the value seen at send time."""
    last = ctx.last_user_assignment(name)
    if last is not None and (last.value is ctx.value(name) or lisp_equal(last.value, ctx.value(name))):
        return last
    return None


def _place(ctx: CheckContext, name: str) -> Any:
    """Where to report a bad value of ``name``: its setting, else the user's last one."""
    where = _final_user_assignment(ctx, name) or ctx.last_user_assignment(name)
    return ctx.variable_place(name, where) if where is not None else None


@rule("stream-type-invalid", "error", "smtpmail-stream-type is not a connection type",
      example="""
(setq smtpmail-stream-type "ssl")   ; a string: every send fails
""",
      fix="use a symbol: 'starttls (port 587), 'ssl (port 465), or nil",
      emacs="smtpmail passes the value to `open-network-stream` as `:type`; anything but nil, "
            "`starttls`, `plain`, `ssl` (or `tls`, `network`, `shell`) signals "
            "`Invalid connection type ...` at every send, before connecting.",
      breaks_sending=True)
def stream_type_invalid(ctx: CheckContext) -> Iterator[Diagnostic]:
    value = ctx.value("smtpmail-stream-type")
    if value is UNBOUND or value is NIL or not ctx.knows("stream-type-invalid", "smtpmail-stream-type"):
        return
    if isinstance(value, Symbol) and value.name in STREAM_TYPES:
        return
    shown = value if isinstance(value, str) else _show(value)
    fix = None
    if isinstance(value, str) and value.strip("'") in STREAM_TYPES:
        fix = f"write (setq smtpmail-stream-type '{value.strip(chr(39))}) - a symbol, not a string"
    kind = "the string " + _show(value) if isinstance(value, str) else _show(value)
    yield finding("stream-type-invalid", _place(ctx, "smtpmail-stream-type"),
                  f"smtpmail-stream-type is {kind}: Emacs fails every send with "
                  f"\"Invalid connection type {shown}\"", hint=fix)


def known_service(name: str) -> int | None:
    """The port of a service name as getaddrinfo would resolve it, or None."""
    if name.isdigit():
        return int(name)
    try:
        return socket.getservbyname(name, "tcp")
    except OSError:     # no /etc/services (a minimal container): the IANA names still resolve
        return SERVICE_PORTS.get(name)


def service_port(value: Any) -> int | None:
    """The port number ``smtpmail-smtp-service`` connects to, if it can be known."""
    if type(value) is int:
        return value
    if isinstance(value, str):
        return known_service(str(value))
    return None


@rule("service-invalid", "error", "smtpmail-smtp-service is not a port number or service name",
      example="""
(setq smtpmail-smtp-service "587/tcp")
""",
      fix="use the port number: (setq smtpmail-smtp-service 587)",
      emacs="The value goes to `open-network-stream` as the service: an integer port, or a "
            "string that getaddrinfo resolves (`\"587\"`, `\"submission\"`). Anything else fails "
            "the connection at every send.",
      breaks_sending=True)
def service_invalid(ctx: CheckContext) -> Iterator[Diagnostic]:
    value = ctx.value("smtpmail-smtp-service")
    if value is UNBOUND or not ctx.knows("service-invalid", "smtpmail-smtp-service"):
        return
    if type(value) is int and 0 < value < 65536:
        return
    if isinstance(value, str) and known_service(str(value)) is not None:
        return
    if isinstance(value, str):
        message = f"smtpmail-smtp-service is {_show(value)}, which is no known service name"
    else:
        message = f"smtpmail-smtp-service is {_show(value)}: neither a port number nor a service name"
    yield finding("service-invalid", _place(ctx, "smtpmail-smtp-service"),
                  message + ": the connection fails at every send")


_OWN_RULES = frozenset({"smtpmail-stream-type", "smtpmail-smtp-service"})


def send_config_error(ctx: CheckContext) -> Any:
    """The ConfigError elsend's settings record raises for this config, if any (cached).

    Values we could not compute (skipped forms) are read as unset, so only
    values we know are judged.
    """
    if "send-config-error" not in ctx.cache:
        from elconf.interpreter import is_opaque
        from smtp.config import ConfigError, SendConfig

        def known(name: str) -> Any:
            value = ctx.value(name)
            return UNBOUND if is_opaque(value) else value

        try:
            SendConfig.from_lisp(known)
            ctx.cache["send-config-error"] = None
        except ConfigError as exc:
            ctx.cache["send-config-error"] = exc
    return ctx.cache["send-config-error"]


@rule("wrong-type", "warning", "A value that does not fit the variable's customization type",
      example="""
(setq smtpmail-smtp-server 'smtp.example.org)   ; a symbol where a string belongs
(setq smtpmail-retries "3")
""",
      fix="give a value of the type the finding names (see M-x customize-variable)",
      emacs="`setq` stores any value; the library fails later, when it uses it (for instance "
            "`Wrong type argument: stringp` when smtpmail formats the server name).")
def wrong_type(ctx: CheckContext) -> Iterator[Diagnostic]:
    types = _model_types()
    unusable = send_config_error(ctx)
    for name in ctx.user_variables():
        if name in _OWN_RULES or name not in types or (unusable and unusable.variable == name):
            continue
        value = ctx.value(name)
        if value is UNBOUND or not ctx.knows("wrong-type", name):
            continue
        if type_matches(types[name], value) is False:
            where = _final_user_assignment(ctx, name)
            if where is None:
                continue
            yield finding("wrong-type", ctx.variable_place(name, where),
                          f"{name} is {_show(value)}, which does not fit its type "
                          f"{_show(types[name])}")


__all__ = ["type_matches", "service_port", "known_service", "STREAM_TYPES", "T"]
