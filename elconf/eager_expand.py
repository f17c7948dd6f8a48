"""How a function made from a *loaded* file's code prints: with its macros expanded.

``load`` of a ``.el`` file expands every top-level form's macros before
evaluating it (``internal-macroexpand-for-load``), so a ``(lambda (msg) (when
msg ...))`` written in ``lisp/init-mail.el`` prints in Emacs 28.2 as
``(closure (...) (msg) (if msg (progn ...)))``.  The init files themselves are
evaluated form by form in the measure (``eval``, no eager expansion) and keep
their text.  Only the expansions that are plain rewrites are made here:
``when``, ``unless`` and a bare ``lambda`` (``#'(lambda ...)``); a body with other
macros prints as written.
"""

from __future__ import annotations

from elconf.types import NIL, Cons, Symbol, intern

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_QUOTE, _FUNCTION, _LAMBDA = intern("quote"), intern("function"), intern("lambda")
_WHEN, _UNLESS, _IF, _PROGN = intern("when"), intern("unless"), intern("if"), intern("progn")
_LETS = (intern("let"), intern("let*"))
_CONDITION_CASE, _COND = intern("condition-case"), intern("cond")


def expand_body(body: Any) -> Any:
    """BODY (a list of forms) with the expansions above, sharing what does not change."""
    return _map(body, _form)


def _map(items: Any, fn: Any) -> Any:
    if type(items) is not Cons:
        return items
    out: list[Any] = []
    cell = items
    changed = False
    while type(cell) is Cons:
        new = fn(cell.car)
        changed = changed or new is not cell.car
        out.append(new)
        cell = cell.cdr
    if not changed:
        return items
    result = cell
    for item in reversed(out):
        result = Cons(item, result)
    return result


def _form(form: Any) -> Any:
    if type(form) is not Cons:
        return form
    head = form.car
    if head is _QUOTE:
        return form
    if head is _FUNCTION:
        arg = form.cdr.car if type(form.cdr) is Cons else NIL
        if type(arg) is Cons and arg.car is _LAMBDA and type(arg.cdr) is Cons:
            body = expand_body(arg.cdr.cdr)
            if body is not arg.cdr.cdr:
                return Cons(_FUNCTION, Cons(Cons(_LAMBDA, Cons(arg.cdr.car, body)), NIL))
        return form
    if head is _LAMBDA:
        return _form(Cons(_FUNCTION, Cons(form, NIL)))
    rest = form.cdr
    if head is _WHEN and type(rest) is Cons:
        return Cons(_IF, Cons(_form(rest.car), Cons(Cons(_PROGN, expand_body(rest.cdr)), NIL)))
    if head is _UNLESS and type(rest) is Cons:
        return Cons(_IF, Cons(_form(rest.car), Cons(NIL, expand_body(rest.cdr))))
    if head in _LETS and type(rest) is Cons:
        bindings = _map(rest.car, lambda b: _map_tail(b) if type(b) is Cons else b)
        body = expand_body(rest.cdr)
        return form if bindings is rest.car and body is rest.cdr else Cons(head, Cons(bindings, body))
    if head is _COND:
        clauses = _map(rest, lambda c: expand_body(c) if type(c) is Cons else c)
        return form if clauses is rest else Cons(head, clauses)
    if head is _CONDITION_CASE and type(rest) is Cons and type(rest.cdr) is Cons:
        body = _form(rest.cdr.car)
        handlers = _map(rest.cdr.cdr, lambda h: _map_tail(h) if type(h) is Cons else h)
        if body is rest.cdr.car and handlers is rest.cdr.cdr:
            return form
        return Cons(head, Cons(rest.car, Cons(body, handlers)))
    if type(head) is Symbol or type(head) is Cons:
        args = expand_body(rest)
        return form if args is rest else Cons(head, args)
    return form


def _map_tail(item: Cons) -> Any:
    """(NAME . FORMS): FORMS expanded, NAME kept (a let binding, a handler)."""
    tail = expand_body(item.cdr)
    return item if tail is item.cdr else Cons(item.car, tail)
