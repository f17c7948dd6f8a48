"""Local functions, macros and temporary bindings that init files use: ``cl-flet``,
``cl-flet*``, ``cl-labels``, ``cl-macrolet``, ``named-let``, ``letrec``, ``dlet``,
``cl-letf``/``cl-letf*``, registered in the special-form table.

Emacs 28.2 expands ``cl-flet`` and ``cl-labels`` by walking their body
(``macroexpand-all``) and turning each call ``(F ARGS...)`` and each ``#'F``
into ``(funcall --cl-F-- ARGS...)`` and ``--cl-F--``, a fresh variable bound
to the function: the local function is lexical, a closure made in the body
keeps it, a function called from the body does not see it.  We do the same
walk (:func:`rewrite`) and evaluate the result with ``let``/``letrec``, so the
binding, the printed closures and the values are Emacs's.  ``cl-macrolet``
expands its macros during that walk, as Emacs does, before anything runs.

``cl-letf`` sets places for the extent of its body and puts the old values
back on any exit (``unwind-protect``), with Emacs's order: each place's
arguments and new value, then all old values, then the stores.
``(symbol-function 'F)`` is the common place: a function that was not
defined is undefined again afterwards.

Before these were modelled such a form was an unknown call: nothing in it
ran and whatever it set stayed unknown.
"""

from __future__ import annotations

from elconf.errors import lisp_error
from elconf.interpreter import Env, Interpreter, Macro
from elconf.macros import args_of, body_after, nth_arg, setf_place
from elconf.special_forms import special
from elconf.types import (BACKQUOTE, COMMA, COMMA_AT, FUNCTION, NIL, QUOTE, UNBOUND, Cons, Symbol, intern,
                          lisp_list)

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

_FUNCALL = intern("funcall")
_LAMBDA = intern("lambda")
_LET = intern("let")
_SETQ = intern("setq")
_PROGN = intern("progn")


# -- the walk ---------------------------------------------------------------------------

class Scope:
    """What a walk replaces: local function name -> its variable, local macro name ->
    its expander (a function of the unevaluated arguments)."""

    __slots__ = ("functions", "macros")

    def __init__(self, functions: dict[Symbol, Symbol], macros: dict[Symbol, Any]) -> None:
        self.functions = functions
        self.macros = macros

    def without(self, names: list[Any]) -> "Scope":
        """This scope with ``names`` shadowed (an inner cl-flet of the same name)."""
        return Scope({k: v for k, v in self.functions.items() if k not in names},
                     {k: v for k, v in self.macros.items() if k not in names})


def rewrite(ip: Interpreter, form: Any, scope: Scope) -> Any:
    """``form`` with the calls of ``scope``'s functions turned into ``funcall`` of their
    variables and its macros expanded, knowing which parts of the special forms and
    common macros are code (a ``let`` binding list, a quoted list, a ``cond`` clause
    are not calls)."""
    if type(form) is not Cons:
        return form
    head = form.car
    if head is QUOTE:
        return form
    if head is FUNCTION:
        arg = nth_arg(form, 0)
        if type(arg) is Symbol and arg in scope.functions:
            return scope.functions[arg]
        if type(arg) is Cons and arg.car is _LAMBDA:
            return _at(form, [FUNCTION, _lambda(ip, arg, scope)])
        return form
    if type(head) is Symbol:
        if head in scope.functions:
            return _at(form, [_FUNCALL, scope.functions[head]] + _forms(ip, form.cdr, scope))
        if head in scope.macros:
            expansion = ip.apply(scope.macros[head], args_of(form), head)
            return rewrite(ip, expansion, scope)
        walker = _WALKERS.get(head)
        if walker is not None:
            return walker(ip, form, scope)
        if type(ip.functions.get(head)) is Macro and head not in ip.special_forms:
            return rewrite(ip, ip.macroexpand_1(ip.functions[head], form, None), scope)
    elif type(head) is Cons and head.car is _LAMBDA:
        return _at(form, [_lambda(ip, head, scope)] + _forms(ip, form.cdr, scope))
    return _at(form, [head] + _forms(ip, form.cdr, scope))


def _at(form: Cons, items: list[Any], tail: Any = NIL) -> Cons:
    """A new list of ``items`` keeping ``form``'s place (for diagnostics)."""
    new = lisp_list(items, tail)
    return Cons(new.car, new.cdr, form.pos)


def _forms(ip: Interpreter, cell: Any, scope: Scope) -> list[Any]:
    out = []
    while type(cell) is Cons:
        out.append(rewrite(ip, cell.car, scope))
        cell = cell.cdr
    return out


def _body(ip: Interpreter, cell: Any, scope: Scope) -> Any:
    return lisp_list(_forms(ip, cell, scope))


def _lambda(ip: Interpreter, form: Cons, scope: Scope) -> Cons:
    """``(lambda ARGS . BODY)`` with BODY walked (ARGS are names, not calls)."""
    return _at(form, [_LAMBDA, nth_arg(form, 0)] + _forms(ip, body_after(form, 1), scope))


def _walk_let(ip: Interpreter, form: Cons, scope: Scope) -> Any:
    """``let``-like forms: ``(HEAD BINDINGS . BODY)``, a binding ``VAR``, ``(VAR EXPR)``
    or (if-let/when-let) ``(EXPR)``; if-let's single ``(VAR EXPR)`` too."""
    spec = nth_arg(form, 0)
    body = _forms(ip, body_after(form, 1), scope)
    if form.car.name in ("if-let", "when-let") and type(spec) is Cons and type(spec.car) is Symbol \
            and spec.car is not NIL and type(spec.cdr) is Cons and spec.cdr.cdr is NIL:
        return _at(form, [form.car, lisp_list([spec.car, rewrite(ip, spec.cdr.car, scope)])] + body)
    bindings = []
    for binding in (args_of(Cons(NIL, spec)) if type(spec) is Cons else []):
        if type(binding) is Cons and type(binding.cdr) is Cons:
            bindings.append(Cons(binding.car, _body(ip, binding.cdr, scope)))
        elif type(binding) is Cons:
            bindings.append(Cons(rewrite(ip, binding.car, scope), NIL))
        else:
            bindings.append(binding)
    return _at(form, [form.car, lisp_list(bindings)] + body)


def _walk_clauses(ip: Interpreter, form: Cons, scope: Scope) -> Any:
    """``cond``: each clause is a list of forms."""
    return _at(form, [form.car] + [_body(ip, c, scope) if type(c) is Cons else c
                                   for c in args_of(form)])


def _walk_keyed_clauses(ip: Interpreter, form: Cons, scope: Scope) -> Any:
    """``(HEAD EXPR (KEY . BODY)...)``: ``cl-case``, ``pcase`` (the keys and patterns are
    not code), and ``condition-case`` (``(condition-case VAR BODYFORM HANDLERS...)``)."""
    first = 2 if form.car.name.startswith("condition-case") else 1
    items = args_of(form)
    fixed = items[:first - 1] + [rewrite(ip, items[first - 1], scope)] if len(items) >= first else items
    clauses = [Cons(c.car, _body(ip, c.cdr, scope)) if type(c) is Cons else c for c in items[first:]]
    return _at(form, [form.car] + fixed + clauses)


def _walk_loop_spec(ip: Interpreter, form: Cons, scope: Scope) -> Any:
    """``(dolist (VAR EXPR [RESULT]) . BODY)`` and the like: VAR is a name."""
    spec = nth_arg(form, 0)
    if type(spec) is Cons:
        spec = Cons(spec.car, _body(ip, spec.cdr, scope))
    return _at(form, [form.car, spec] + _forms(ip, body_after(form, 1), scope))


def _walk_backquote(ip: Interpreter, form: Cons, scope: Scope) -> Any:
    """Only what is unquoted (``,X``, ``,@X``) in a backquote template is code."""
    def walk(template: Any) -> Any:
        if type(template) is not Cons:
            return template
        if template.car in (COMMA, COMMA_AT) and type(template.cdr) is Cons:
            return Cons(template.car, Cons(rewrite(ip, template.cdr.car, scope), template.cdr.cdr))
        return Cons(walk(template.car), walk(template.cdr), template.pos)
    return _at(form, [BACKQUOTE, walk(nth_arg(form, 0))])


def _walk_local_definitions(ip: Interpreter, form: Cons, scope: Scope) -> Any:
    """A nested cl-flet, cl-labels or cl-macrolet: its names hide ours inside it."""
    definitions = [d for d in args_of(Cons(NIL, nth_arg(form, 0)))] if type(nth_arg(form, 0)) is Cons else []
    names = [d.car for d in definitions if type(d) is Cons]
    inner = scope.without(names)
    own = inner if form.car.name in ("cl-labels", "cl-macrolet") else scope
    walked = []
    for d in definitions:
        if type(d) is Cons and type(d.cdr) is Cons and type(d.cdr.cdr) is Cons:
            walked.append(Cons(d.car, Cons(d.cdr.car, _body(ip, d.cdr.cdr, own))))
        elif type(d) is Cons and type(d.cdr) is Cons:
            walked.append(Cons(d.car, _body(ip, d.cdr, scope)))      # (F EXPR)
        else:
            walked.append(d)
    return _at(form, [form.car, lisp_list(walked)] + _forms(ip, body_after(form, 1), inner))


_WALKERS = {
    **{intern(n): _walk_let for n in ("let", "let*", "if-let", "if-let*", "when-let", "when-let*",
                                      "and-let*", "letrec", "dlet", "cl-letf", "cl-letf*")},
    intern("cond"): _walk_clauses,
    **{intern(n): _walk_keyed_clauses for n in ("cl-case", "cl-ecase", "pcase", "pcase-exhaustive",
                                                "condition-case", "condition-case-unless-debug")},
    **{intern(n): _walk_loop_spec for n in ("dolist", "dotimes", "cl-dolist", "cl-dotimes", "seq-doseq",
                                            "pcase-dolist")},
    BACKQUOTE: _walk_backquote,
    **{intern(n): _walk_local_definitions for n in ("cl-flet", "cl-flet*", "cl-labels", "cl-macrolet")},
}


# -- cl-flet, cl-flet*, cl-labels, named-let, cl-macrolet -------------------------------

def _definitions(form: Cons) -> list[Cons]:
    bindings = nth_arg(form, 0)
    found = []
    for binding in (args_of(Cons(NIL, bindings)) if type(bindings) is Cons else []):
        if type(binding) is not Cons or type(binding.car) is not Symbol:
            raise lisp_error("wrong-type-argument", intern("consp"), binding)
        found.append(binding)
    return found


def _function_variable(ip: Interpreter, name: Symbol, env: Env | None) -> Symbol:
    """The fresh variable Emacs binds a local function to (``make-symbol``).  Under
    dynamic binding our variables are told apart by name: an inner definition of
    the same name, bound while the outer one is, gets a numbered one."""
    var_name = f"--cl-{name.name}--"
    if env is None:
        n = 1
        while ip.store.value(var_name) is not UNBOUND:
            n += 1
            var_name = f"--cl-{name.name}-{n}--"
    return Symbol(var_name)


def _function_form(binding: Cons) -> Any:
    """The expression of a binding's function: ``(F EXPR)`` or ``(F ARGS . BODY)``."""
    rest = binding.cdr
    if type(rest) is Cons and rest.cdr is NIL:
        return rest.car
    return lisp_list([FUNCTION, Cons(_LAMBDA, rest)])


@special("cl-flet")
def sf_cl_flet(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(cl-flet ((F ARGS . BODY) | (F EXPR) ...) BODY...)``: the functions are defined
    outside one another, visible in BODY only (lexically)."""
    bindings: list[Any] = []
    functions: dict[Symbol, Symbol] = {}
    for binding in _definitions(form):
        rest = binding.cdr
        if type(rest) is Cons and rest.cdr is NIL and type(rest.car) is Symbol:
            functions[binding.car] = rest.car      # (F VAR): calls go to VAR itself, as in Emacs
            continue
        var = _function_variable(ip, binding.car, env)
        functions[binding.car] = var
        bindings.append(lisp_list([var, _function_form(binding)]))
    body = _body(ip, body_after(form, 1), Scope(functions, {}))
    if not bindings:
        return ip.progn(body, env)
    return ip._eval(_at(form, [_LET, lisp_list(bindings)], body), env)


@special("cl-flet*")
def sf_cl_flet_star(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``cl-flet*``: nested ``cl-flet``s, each definition seeing the ones before it."""
    definitions = _definitions(form)
    body = body_after(form, 1)
    if not definitions:
        return ip.progn(body, env)
    for binding in reversed(definitions):
        body = Cons(_at(form, [intern("cl-flet"), lisp_list([binding])], body), NIL)
    return ip._eval(body.car, env)


@special("cl-labels")
def sf_cl_labels(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(cl-labels ((F ARGS . BODY)...) BODY...)``: ``letrec`` of the functions, which see
    one another and themselves."""
    definitions = _definitions(form)
    scope = Scope({b.car: _function_variable(ip, b.car, env) for b in definitions}, {})
    bindings = []
    for binding in definitions:
        args = nth_arg(binding, 0)
        fn = lisp_list([FUNCTION, Cons(_LAMBDA, Cons(args, _body(ip, body_after(binding, 1), scope)))])
        bindings.append(lisp_list([scope.functions[binding.car], fn]))
    return _letrec(ip, form, bindings, _body(ip, body_after(form, 1), scope), env)


@special("named-let")
def sf_named_let(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(named-let NAME ((VAR INIT)...) BODY...)``: the INITs evaluated outside NAME's
    scope, then ``(cl-labels ((NAME (VAR...) BODY...)) (NAME INIT-VALUES...))``.

    Emacs 28 turns the self tail calls into a loop (so named-let also works under
    dynamic binding, once the cl-labels has returned); here the call is made inside
    the cl-labels, which gives the same values, and each iteration nests (a loop of
    thousands of turns meets the nesting limit)."""
    name = nth_arg(form, 0)
    specs = args_of(Cons(NIL, nth_arg(form, 1))) if type(nth_arg(form, 1)) is Cons else []
    params = [s.car if type(s) is Cons else s for s in specs]
    values = [lisp_list([QUOTE, ip._eval(nth_arg(Cons(NIL, s), 1), env) if type(s) is Cons else NIL])
              for s in specs]
    labels = _at(form, [intern("cl-labels"),
                        lisp_list([Cons(name, Cons(lisp_list(params), body_after(form, 2)))]),
                        lisp_list([name] + values)])
    return ip._eval(labels, env)


@special("letrec")
def sf_letrec(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(letrec ((VAR EXPR)...) BODY...)``: VARs bound to nil, then set one by one, so
    each EXPR (a lambda) sees them all."""
    bindings = args_of(Cons(NIL, nth_arg(form, 0))) if type(nth_arg(form, 0)) is Cons else []
    return _letrec(ip, form, bindings, body_after(form, 1), env)


def _letrec(ip: Interpreter, form: Cons, bindings: list[Any], body: Any, env: Env | None) -> Any:
    names = [b.car if type(b) is Cons else b for b in bindings]
    sets = [lisp_list([_SETQ, b.car, nth_arg(Cons(NIL, b), 1)]) for b in bindings
            if type(b) is Cons and type(b.cdr) is Cons]
    return ip._eval(_at(form, [_LET, lisp_list(names)] + sets, body), env)


@special("cl-macrolet")
def sf_cl_macrolet(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(cl-macrolet ((M ARGS . BODY)...) BODY...)``: BODY with the local macros expanded
    before it runs (their expanders are closures of the top level, as in Emacs)."""
    from elconf.special_forms import make_lambda

    macros = {}
    for binding in _definitions(form):
        macros[binding.car] = make_lambda(ip, Cons(_LAMBDA, binding.cdr), None, binding.car.name)
    return ip.progn(_body(ip, body_after(form, 1), Scope({}, macros)), env)


# -- dlet -----------------------------------------------------------------------------

@special("dlet")
def sf_dlet(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(dlet ((VAR EXPR)...) BODY...)``: ``let`` with every VAR bound dynamically
    (Emacs 28's ``defvar`` of each in a scope of its own: afterwards they are not
    special)."""
    pairs = []
    for binding in args_of(Cons(NIL, nth_arg(form, 0))) if type(nth_arg(form, 0)) is Cons else []:
        if type(binding) is Cons:
            pairs.append((binding.car, ip._eval(nth_arg(Cons(NIL, binding), 1), env)))
        else:
            pairs.append((binding, NIL))
    store = ip.store
    token = store.binding_depth
    origin = ip.here("let", form)
    declared = {sym.name for sym, _ in pairs} - store.special
    store.special |= declared             # a let inside binds them dynamically too
    try:
        for sym, value in pairs:
            store.bind(sym.name, value, origin)
        return ip.progn(body_after(form, 1), env)
    finally:
        store.unbind(token)
        store.special -= declared


# -- cl-letf, cl-letf* -------------------------------------------------------------------

#: Places whose arguments are plain values: evaluated once, then quoted in the getter
#: and the setters (alist-get and plist-get take a place and stay as written).
_VALUE_PLACES = frozenset(intern(n) for n in ("car", "cdr", "nth", "aref", "elt", "gethash", "get",
                                              "symbol-value", "default-value", "symbol-function"))


class _Place:
    """One non-variable binding of a cl-letf: where, the old value, the new one."""

    __slots__ = ("place", "new", "has_new", "old")

    def __init__(self, place: Any, new: Any, has_new: bool) -> None:
        self.place, self.new, self.has_new, self.old = place, new, has_new, None


@special("cl-letf")
def sf_cl_letf(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(cl-letf ((PLACE VALUE)...) BODY...)``: each PLACE set to its VALUE for BODY's
    extent and set back on any exit; a symbol PLACE is a ``let`` binding."""
    bindings = args_of(Cons(NIL, nth_arg(form, 0))) if type(nth_arg(form, 0)) is Cons else []
    body = body_after(form, 1)
    if len(bindings) == 1 and type(bindings[0]) is Cons and type(bindings[0].car) is Symbol \
            and type(bindings[0].cdr) is Cons:
        return ip._eval(_at(form, [_LET, lisp_list(bindings)], body), env)
    places: list[_Place] = []
    simple: list[tuple[Symbol, Any]] = []
    for binding in bindings:
        if type(binding) is not Cons:
            raise lisp_error("wrong-type-argument", intern("consp"), binding)
        place = binding.car
        has_new = type(binding.cdr) is Cons
        if type(place) is Symbol:
            simple.append((place, ip._eval(binding.cdr.car, env) if has_new else ip._eval(place, env)))
            continue
        place = _resolved(ip, place, env)
        places.append(_Place(place, ip._eval(binding.cdr.car, env) if has_new else None, has_new))
    for p in places:
        p.old = _get(ip, p.place, env)
    done: list[_Place] = []
    try:
        for p in places:
            done.append(p)
            if p.has_new:
                _set(ip, p.place, p.new, env, form)
        return ip.bind_and_run(simple, body, env, "let")
    finally:
        for p in done:
            _set(ip, p.place, p.old, env, form)


@special("cl-letf*")
def sf_cl_letf_star(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``cl-letf*``: nested ``cl-letf``s, one binding each."""
    bindings = args_of(Cons(NIL, nth_arg(form, 0))) if type(nth_arg(form, 0)) is Cons else []
    body = body_after(form, 1)
    if not bindings:
        return ip.progn(body, env)
    for binding in reversed(bindings):
        body = Cons(_at(form, [intern("cl-letf"), lisp_list([binding])], body), NIL)
    return ip._eval(body.car, env)


def _resolved(ip: Interpreter, place: Any, env: Env | None) -> Any:
    """``place`` with its arguments evaluated once (Emacs's gv-letplace), when they are
    values; a macro place is expanded first."""
    if type(place) is not Cons or type(place.car) is not Symbol:
        raise lisp_error("error", "unsupported place", place)
    fn = ip.functions.get(place.car)
    if type(fn) is Macro:
        return _resolved(ip, ip.macroexpand_1(fn, place, env), env)
    if place.car not in _VALUE_PLACES:
        return place
    return lisp_list([place.car] + [lisp_list([QUOTE, ip._eval(a, env)]) for a in args_of(place)])


def _get(ip: Interpreter, place: Cons, env: Env | None) -> Any:
    if place.car is intern("symbol-function"):
        return ip.functions.get(_function_name(ip, place, env))   # None: not defined
    return ip._eval(place, env)


def _set(ip: Interpreter, place: Cons, value: Any, env: Env | None, form: Cons) -> None:
    if place.car is intern("symbol-function"):
        name = _function_name(ip, place, env)
        if value is None or value is NIL:
            ip.functions.pop(name, None)          # Emacs 28: a nil function cell is unbound
        else:
            ip.functions[name] = value
        return
    setf_place(ip, place, lambda _old: value, env, form)


def _function_name(ip: Interpreter, place: Cons, env: Env | None) -> Symbol:
    name = ip._eval(nth_arg(place, 0), env)
    if type(name) is not Symbol:
        raise lisp_error("wrong-type-argument", intern("symbolp"), name)
    return name


__all__ = ["rewrite", "Scope"]
