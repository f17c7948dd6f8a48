"""``pcase`` and its destructuring forms, with the patterns init files use.

Kept apart from :mod:`elconf.special_forms` because it is a small pattern
matcher of its own: ``_``, SYMBOL, literals, ``'VAL``, backquoted patterns,
``(pred F)``, ``(guard E)``, ``(or ...)``, ``(and ...)``, ``(app F PAT)``;
and on an unknown value each clause is a branch (see :mod:`elconf.unknowns`).

``pcase-let``, ``pcase-let*``, ``pcase-dolist`` and ``pcase-setq`` (pcase.el,
autoloaded in Emacs 28.2) *destructure*: they never test, so a value of another
shape binds what it can and nil for the rest (``(pcase-let ((`(,a ,b) 5)) ...)``
binds both to nil; a vector pattern takes elements with ``aref``, which signals on a
shorter array or a non-array), literals, ``pred`` and ``guard`` are not checked, and ``or``
takes its first alternative, as Emacs's expansion with "don't care" does.
"""

from __future__ import annotations

from elconf.equality import lisp_equal
from elconf.errors import lisp_error
from elconf.interpreter import Env, Interpreter, Opaque
from elconf.macros import body_after, nth_arg
from elconf.special_forms import special
from elconf.types import BACKQUOTE, COMMA, NIL, T, Cons, Symbol, Vector, intern
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


# -- destructuring: pcase-let, pcase-let*, pcase-dolist, pcase-setq ----------------

def _destructure(ip: Interpreter, pat: Any, value: Any, out: list[tuple[Symbol, Any]],
                 env: Env | None) -> None:
    """Append to ``out`` the variables ``pat`` binds when ``value`` is taken apart
    without a test (see the module's docstring); an unknown value makes each unknown."""
    if type(pat) is Symbol:
        if pat.name != "_" and pat is not T and pat is not NIL and not pat.is_keyword:
            out.append((pat, value))
        return
    if type(pat) is not Cons:
        return                          # a literal: not checked
    head = pat.car
    args = list(pat.cdr) if type(pat.cdr) is Cons else []
    if head is BACKQUOTE and args:
        _destructure_qpat(ip, args[0], value, out, env)
    elif head is intern("and"):
        for sub in args:
            _destructure(ip, sub, value, out, env)
    elif head is intern("or") and args:
        _destructure(ip, args[0], value, out, env)
    elif head is intern("app") and len(args) == 2:
        if type(value) is not Opaque:
            value = ip.funcall(_pcase_function(ip, args[0], env), [value])
        _destructure(ip, args[1], value, out, env)
    elif head not in (intern("quote"), intern("pred"), intern("guard")):
        raise lisp_error("error", "Unknown pattern", pat)


def _destructure_qpat(ip: Interpreter, qpat: Any, value: Any, out: list[tuple[Symbol, Any]],
                      env: Env | None) -> None:
    if type(qpat) is Cons:
        if qpat.car is COMMA:
            _destructure(ip, qpat.cdr.car, value, out, env)
            return
        unknown = type(value) is Opaque
        _destructure_qpat(ip, qpat.car, value if unknown else value.car if type(value) is Cons else NIL,
                          out, env)
        _destructure_qpat(ip, qpat.cdr, value if unknown else value.cdr if type(value) is Cons else NIL,
                          out, env)
    elif type(qpat) is Vector:
        # Emacs's expansion takes each element with aref, unchecked: a shorter array or
        # another type signals as aref does (a list pattern, by contrast, binds nil).
        for i, sub in enumerate(qpat):
            if type(value) is Opaque:
                element = value
            elif type(value) is Vector or isinstance(value, str):
                if i >= len(value):
                    raise lisp_error("args-out-of-range", value, i)
                element = value[i] if type(value) is Vector else ord(value[i])
            else:
                raise lisp_error("wrong-type-argument", intern("arrayp"), value)
            _destructure_qpat(ip, sub, element, out, env)


def _bindings(form: Cons) -> list[tuple[Any, Any]]:
    """``((PAT EXP) ...)`` of a pcase-let form, a bare SYMBOL binding nil."""
    found = []
    for binding in (nth_arg(form, 0) if type(nth_arg(form, 0)) is Cons else ()):
        if type(binding) is Cons:
            found.append((binding.car, binding.cdr.car if type(binding.cdr) is Cons else NIL))
        else:
            found.append((binding, NIL))
    return found


@special("pcase-let")
def sf_pcase_let(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """Every EXP first, in order; then the patterns' variables, bound together as ``let``."""
    values = [(pat, ip._eval(exp, env)) for pat, exp in _bindings(form)]
    pairs: list[tuple[Symbol, Any]] = []
    for pat, value in values:
        _destructure(ip, pat, value, pairs, env)
    return ip.bind_and_run(pairs, body_after(form, 1), env, "let")


@special("pcase-let*")
def sf_pcase_let_star(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """Each binding in the scope of the ones before it, as ``let*``."""
    bindings = nth_arg(form, 0)
    if type(bindings) is not Cons:
        return ip.progn(body_after(form, 1), env)
    first = bindings.car
    pat, exp = (first.car, first.cdr.car if type(first.cdr) is Cons else NIL) \
        if type(first) is Cons else (first, NIL)
    pairs: list[tuple[Symbol, Any]] = []
    _destructure(ip, pat, ip._eval(exp, env), pairs, env)
    rest = Cons(Cons(form.car, Cons(bindings.cdr, body_after(form, 1))), NIL)
    return ip.bind_and_run(pairs, rest, env, "let")


#: The variable pcase-dolist's loop steps through the list with (Emacs's is an
#: uninterned ``x``; the store binds by name, so this one has a name no init file uses).
_ELEMENT = Symbol("pcase-dolist--element")


@special("pcase-dolist")
def sf_pcase_dolist(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(pcase-dolist (PAT LIST) BODY...)``: ``dolist`` when PAT is a symbol, else
    ``dolist`` over an element that ``pcase-let*`` takes apart, as Emacs expands it."""
    spec = nth_arg(form, 0)
    if type(spec) is not Cons or type(spec.car) is Symbol:
        return ip._eval(Cons(intern("dolist"), form.cdr), env)
    take_apart = Cons(intern("pcase-let*"),
                      Cons(Cons(Cons(spec.car, Cons(_ELEMENT, NIL)), NIL), body_after(form, 1)))
    return ip._eval(Cons(intern("dolist"), Cons(Cons(_ELEMENT, spec.cdr), Cons(take_apart, NIL))), env)


@special("pcase-setq")
def sf_pcase_setq(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(pcase-setq PAT VAL ...)``: ``setq`` of each variable the pattern takes from
    its value; the form's value is the last one assigned (nil if none was)."""
    args = list(form.cdr) if type(form.cdr) is Cons else []
    if len(args) % 2:
        raise lisp_error("wrong-number-of-arguments", intern("pcase-setq"), len(args))
    result: Any = NIL
    for pat, exp in zip(args[::2], args[1::2]):
        pairs: list[tuple[Symbol, Any]] = []
        _destructure(ip, pat, ip._eval(exp, env), pairs, env)
        for sym, value in pairs:
            result = ip.set_variable(sym, value, env, ip.here("setq", form))
    return result
