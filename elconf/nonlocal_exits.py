"""Non-local exits in the special-form table: ``catch``, ``unwind-protect``,
``condition-case``, ``ignore-errors``, ``ignore-error``, ``with-demoted-errors``.

A sandbox limit (:class:`~elconf.errors.LimitExceeded`) and ``kill-emacs``
pass through all of them: no Lisp handler may catch the first, and Emacs runs
no cleanup after the second.
"""

from __future__ import annotations

from elconf.equality import lisp_eq
from elconf.errors import KillEmacs, LimitExceeded, LispSignal, LispThrow
from elconf.interpreter import Env, Interpreter
from elconf.macros import body_after, nth_arg
from elconf.special_forms import special
from elconf.types import NIL, T, Cons, Symbol, intern

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


# -- non-local exits ---------------------------------------------------------

@special("catch")
def sf_catch(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    tag = ip._eval(nth_arg(form, 0), env)
    depth = ip.depth
    ip.catch_tags.append(tag)
    try:
        return ip.progn(body_after(form, 1), env)
    except LispThrow as exc:
        if lisp_eq(exc.tag, tag):
            ip.depth = depth
            return exc.value
        raise
    finally:
        ip.catch_tags.pop()


@special("unwind-protect")
def sf_unwind_protect(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    try:
        value = ip._eval(nth_arg(form, 0), env)
    except (LimitExceeded, KillEmacs):
        raise                       # the sandbox stops everything, and Emacs exits: no cleanups
    except BaseException:
        ip.progn(body_after(form, 1), env)
        raise
    ip.progn(body_after(form, 1), env)
    return value


@special("condition-case", "condition-case-unless-debug")
def sf_condition_case(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    var = nth_arg(form, 0)
    handlers = [h for h in body_after(form, 2)] if type(body_after(form, 2)) is Cons else []
    depth = ip.depth
    success = next((h for h in handlers if type(h) is Cons and h.car is intern(":success")), None)
    ip.handled.append(_handled_names(handlers, success))
    try:
        value = ip._eval(nth_arg(form, 1), env)
    except LispSignal as exc:
        ip.depth = depth
        conditions = exc.conditions
        for handler in handlers:
            if type(handler) is not Cons or handler is success:
                continue
            wanted = handler.car
            names = [wanted] if type(wanted) is Symbol else list(wanted) if type(wanted) is Cons else []
            if any(n is T or (type(n) is Symbol and n.name in conditions) for n in names):
                ip.handled.pop()
                return _run_handler(ip, var, exc.as_lisp(), handler.cdr, env)
        ip.handled.pop()
        raise
    except BaseException:
        ip.handled.pop()
        raise
    ip.handled.pop()
    if success is not None:
        return _run_handler(ip, var, value, success.cdr, env)
    return value


def _handled_names(handlers: list[Any], success: Any) -> frozenset[str]:
    """The condition names a condition-case's handlers catch (``t`` counts as ``error``)."""
    names: set[str] = set()
    for handler in handlers:
        if type(handler) is not Cons or handler is success:
            continue
        wanted = handler.car
        for n in [wanted] if type(wanted) is Symbol else list(wanted) if type(wanted) is Cons else []:
            if n is T:
                names.add("error")
            elif type(n) is Symbol:
                names.add(n.name)
    return frozenset(names)


_ALL_ERRORS = frozenset({"error"})


def _run_handler(ip: Interpreter, var: Any, value: Any, body: Any, env: Env | None) -> Any:
    if var is NIL:
        return ip.progn(body, env)
    return ip.bind_and_run([(var, value)], body, env, "let")


@special("ignore-errors")
def sf_ignore_errors(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    depth = ip.depth
    ip.handled.append(_ALL_ERRORS)
    try:
        return ip.progn(form.cdr, env)
    except LispSignal:
        ip.depth = depth
        return NIL
    finally:
        ip.handled.pop()


@special("ignore-error")
def sf_ignore_error(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    wanted = nth_arg(form, 0)
    names = {s.name for s in ([wanted] if type(wanted) is Symbol else wanted)}
    depth = ip.depth
    ip.handled.append(frozenset(names))
    try:
        return ip.progn(body_after(form, 1), env)
    except LispSignal as exc:
        if names.intersection(exc.conditions):
            ip.depth = depth
            return NIL
        raise
    finally:
        ip.handled.pop()


@special("with-demoted-errors")
def sf_with_demoted_errors(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    body = body_after(form, 1) if isinstance(nth_arg(form, 0), str) else form.cdr
    depth = ip.depth
    ip.handled.append(_ALL_ERRORS)
    try:
        return ip.progn(body, env)
    except LispSignal as exc:
        ip.depth = depth
        ip.diagnose("warning", f"error demoted to a message: {exc.message()}", "demoted-error", form)
        return NIL
    finally:
        ip.handled.pop()
