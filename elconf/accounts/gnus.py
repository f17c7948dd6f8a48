"""Gnus posting styles as accounts (Emacs 28.2's ``gnus-configure-posting-styles``).

``gnus-posting-styles`` is a list of ``(MATCH ATTRIBUTE...)``.  In Gnus every
style whose MATCH accepts the group being written from applies, in order, a
later value of an attribute replacing an earlier one.  A new message written
outside any group has the group name ``""``.

A style that sets ``address`` or ``("X-Message-SMTP-Method" METHOD)`` (or
evaluates forms) is an account, named by its MATCH (the regexp as written, or
the printed form).  Switching to it applies, in the order of the list, the
styles whose regexp MATCH accepts ``""`` (the catch-alls a message outside a
group gets) and the style itself:

* ``address`` becomes ``user-mail-address`` (Gnus makes it buffer-local in the
  message buffer and writes it into the From field, with ``name``, which
  changes only the From field: ``user-full-name`` stays);
* ``("X-Message-SMTP-Method" METHOD)`` is the method message.el follows
  (kept in ``elconf--posting-style-method`` for :mod:`smtp.accounts`);
* ``(eval FORM)`` is evaluated, as Gnus evaluates it in the message buffer:
  a ``setq-local`` there applies to the message, so it applies here;
* other attributes (signature, organization, headers, body) do not change
  the route and are left out.

Matches that are functions, variables, forms or ``(header ...)`` (a parent
article) cannot be judged for a message from outside Gnus: such a style is an
account (chosen by name or address), but never a catch-all.
"""

from __future__ import annotations

from elconf.types import NIL, Cons, Symbol

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

METHOD_VARIABLE = "elconf--posting-style-method"
_ROUTE_ATTRIBUTES = ("address", "eval")


def _styles(loaded: Any) -> list[Any]:
    value = loaded.store.get("gnus-posting-styles")
    styles = []
    while type(value) is Cons:
        if type(value.car) is Cons:
            styles.append(value.car)
        value = value.cdr
    return styles


def _attributes(style: Any) -> list[tuple[str, Any]]:
    """(element name, value form) of each attribute of a style."""
    out = []
    rest = style.cdr
    while type(rest) is Cons:
        attribute = rest.car
        rest = rest.cdr
        if type(attribute) is not Cons:
            continue
        element = attribute.car
        key = element if isinstance(element, str) else getattr(element, "name", None)
        value = attribute.cdr.car if type(attribute.cdr) is Cons else NIL
        if type(value) is Symbol and value.name in (":file", ":value") and type(attribute.cdr.cdr) is Cons:
            value = attribute.cdr.cdr.car
        if key:
            out.append((str(key), value))
    return out


def _is_account(style: Any) -> bool:
    keys = {k.lower() for k, _v in _attributes(style)}
    return bool(keys & {"address", "eval", "x-message-smtp-method"})


def style_name(style: Any) -> str:
    from elconf.printer import prin1_to_string

    return str(style.car) if isinstance(style.car, str) else prin1_to_string(style.car)


def _catch_all(ip: Any, style: Any) -> bool:
    if not isinstance(style.car, str):
        return False
    try:
        return ip.protect(lambda: ip.call_function("string-match", style.car, "")) is not NIL
    except Exception:  # noqa: BLE001 - an invalid regexp: Gnus would signal; not a catch-all here
        return False


def apply_style(ip: Any, chosen: Any, styles: list[Any]) -> None:
    """Apply the catch-all styles and ``chosen``, in list order (see the module docstring)."""
    results: dict[str, Any] = {}
    for style in styles:
        if style is not chosen and not _catch_all(ip, style):
            continue
        for key, form in _attributes(style):
            value = _value(ip, key, form)
            results[key.lower()] = value
    origin = ip.here(f"Gnus posting style {style_name(chosen)}")
    if isinstance(results.get("address"), str):
        ip.store.assign("user-mail-address", results["address"], origin)
    method = results.get("x-message-smtp-method")
    if isinstance(method, str):
        ip.store.set(METHOD_VARIABLE, method, origin)


def _value(ip: Any, key: str, form: Any) -> Any:
    """An attribute's value as Gnus computes it: a string as is, a function called, a
    variable's value, a form evaluated (``eval`` forms: their buffer-local settings count)."""
    if isinstance(form, str):
        return form
    if key == "eval" or type(form) is Cons:
        before = set(ip.store._local)
        value = ip.eval(form)
        for name in set(ip.store._local) - before:    # setq-local in the message buffer
            ip.store.set(name, ip.store._local.pop(name), ip.here("posting style eval"))
        return value
    if type(form) is Symbol and form is not NIL:
        fn = ip.functions.get(form)
        if fn is not None:
            return ip.funcall(form, [])
        return ip.store.value(form.name)
    return form


def find(loaded: Any) -> list[Any]:
    from elconf.accounts.discovery import Account

    styles = _styles(loaded)
    origin = loaded.store.origin("gnus-posting-styles")
    accounts = []
    for style in styles:
        if not _is_account(style):
            continue
        accounts.append(Account(style_name(style), "Gnus posting style", "gnus", origin,
                                switch=lambda ip, s=style: apply_style(ip, s, _styles_of(ip))))
    return accounts


def _styles_of(ip: Any) -> list[Any]:
    class _Loaded:
        store = ip.store

    return _styles(_Loaded())

