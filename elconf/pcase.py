"""``pcase`` with the patterns init files use, registered in the special-form table.

Kept apart from :mod:`elconf.special_forms` because it is a small pattern
matcher of its own: ``_``, SYMBOL, literals, ``'VAL``, backquoted patterns,
``(pred F)``, ``(guard E)``, ``(or ...)``, ``(and ...)``, ``(app F PAT)``;
and on an unknown value each clause is a branch (see :mod:`elconf.unknowns`).
"""

from __future__ import annotations

from elconf.equality import lisp_equal
from elconf.errors import lisp_error
from elconf.interpreter import Env, Interpreter, Opaque
from elconf.macros import body_after, nth_arg
from elconf.special_forms import special
from elconf.types import BACKQUOTE, COMMA, NIL, T, Cons, Symbol, intern
from elconf.unknowns import both_branches

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


# -- pcase (the common patterns) -------------------------------------------------

_PCASE_NO_MATCH = object()


@special("pcase", "pcase-exhaustive")
def sf_pcase(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``pcase`` with the patterns init files use: _, SYMBOL, literals, 'VAL,
    `QPAT, (pred F), (guard E), (or ...), (and ...), (app F PAT)."""
    value = ip._eval(nth_arg(form, 0), env)
    if type(value) is Opaque:
        return _pcase_unknown(ip, value, body_after(form, 1), env)
    for clause in (body_after(form, 1) if type(body_after(form, 1)) is Cons else ()):
        bindings: dict[Symbol, Any] = {}
        if _pcase_match(ip, clause.car, value, bindings, env):
            return ip.bind_and_run(list(bindings.items()), clause.cdr, env, "let")
    if form.car.name == "pcase-exhaustive":
        raise lisp_error("error", "No clause matching", value)
    return NIL


def _pcase_unknown(ip: Interpreter, value: Opaque, clauses: Any, env: Env | None) -> Any:
    """``pcase`` on an unknown: a catch-all pattern (``_`` or a variable) takes it;
    before that, each clause is a branch whose match is unknown (its pattern's
    variables are void in it, so what uses them is unknown too)."""
    while type(clauses) is Cons:
        clause = clauses.car
        pattern = clause.car if type(clause) is Cons else NIL
        if type(pattern) is Symbol and pattern is not NIL and not pattern.is_keyword:
            bindings = [] if pattern.name == "_" or pattern is T else [(pattern, value)]
            return ip.bind_and_run(bindings, clause.cdr, env, "let")
        rest = clauses.cdr
        if type(clause) is Cons:
            return both_branches(ip, value, clause, lambda: ip.progn(clause.cdr, env),
                                 lambda: _pcase_unknown(ip, value, rest, env))
        clauses = rest
    return NIL


def _pcase_match(ip: Interpreter, pat: Any, value: Any, bindings: dict[Symbol, Any], env: Env | None) -> bool:
    if type(pat) is Symbol:
        if pat.name == "_":
            return True
        if pat is T:
            return True                 # obsolete spelling of _
        if pat is NIL:
            return False
        if pat.is_keyword:
            return lisp_equal(pat, value)
        bindings[pat] = value
        return True
    if type(pat) is not Cons:
        return lisp_equal(pat, value)
    head = pat.car
    args = list(pat.cdr) if type(pat.cdr) is Cons else []
    if head is intern("quote"):
        return lisp_equal(args[0], value)
    if head is BACKQUOTE:
        return _pcase_qpat(ip, args[0], value, bindings, env)
    if head is intern("pred"):
        return ip.funcall(_pcase_function(ip, args[0], env), [value]) is not NIL
    if head is intern("guard"):
        return _with_bindings(ip, bindings, args[0], env) is not NIL
    if head is intern("or"):
        return any(_pcase_match(ip, p, value, bindings, env) for p in args)
    if head is intern("and"):
        return all(_pcase_match(ip, p, value, bindings, env) for p in args)
    if head is intern("app"):
        return _pcase_match(ip, args[1], ip.funcall(_pcase_function(ip, args[0], env), [value]),
                            bindings, env)
    raise lisp_error("error", "Unknown pattern", pat)


def _pcase_function(ip: Interpreter, spec: Any, env: Env | None) -> Any:
    if type(spec) is Cons and spec.car is not intern("lambda"):
        return ip._eval(spec, env)      # (F ARGS...) as a partial application is rare: evaluate
    return spec if type(spec) is Symbol else ip._eval(spec, env)


def _with_bindings(ip: Interpreter, bindings: dict[Symbol, Any], expr: Any, env: Env | None) -> Any:
    return ip.bind_and_run(list(bindings.items()), Cons(expr, NIL), env, "let")


def _pcase_qpat(ip: Interpreter, qpat: Any, value: Any, bindings: dict[Symbol, Any], env: Env | None) -> bool:
    if type(qpat) is Cons:
        if qpat.car is COMMA:
            return _pcase_match(ip, qpat.cdr.car, value, bindings, env)
        return (type(value) is Cons and _pcase_qpat(ip, qpat.car, value.car, bindings, env)
                and _pcase_qpat(ip, qpat.cdr, value.cdr, bindings, env))
    return lisp_equal(qpat, value)
