"""The table of special forms: ``SPECIAL_FORMS[symbol](interp, form, env)``.

Each handler receives the whole form (so it can name its place in an
:class:`~elconf.store.Origin`) and returns the value.  Forms Emacs
defines as macros (``when``, ``dolist``, ``push``, backquote, ``use-package``
...) live in ``elconf.macros`` and are registered here too; handling them
directly is faster and lets ``push`` be recorded as a push, not a ``setq``.
"""

from __future__ import annotations

from collections.abc import Callable

from elconf.errors import LispSignal, lisp_error, wrong_type
from elconf.interpreter import Closure, Env, Interpreter, Macro, Opaque
from elconf.unknowns import both_branches
from elconf.macros import body_after, nth_arg, pairs, tick
from elconf.types import NIL, T, UNBOUND, Cons, Symbol, intern

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

    Handler = Callable[[Interpreter, Cons, "Env | None"], Any]
SPECIAL_FORMS: dict[Symbol, Handler] = {}


def special(*names: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for name in names:
            SPECIAL_FORMS[intern(name)] = fn
        return fn
    return register


# -- basics ------------------------------------------------------------------

@special("quote")
def sf_quote(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    return nth_arg(form, 0)


@special("function")
def sf_function(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    arg = nth_arg(form, 0)
    if type(arg) is Cons and arg.car is intern("lambda"):
        return make_lambda(ip, arg, env)
    return arg


@special("lambda")
def sf_lambda(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    return make_lambda(ip, form, env)


def make_lambda(ip: Interpreter, form: Cons, env: Env | None, name: str | None = None) -> Closure:
    """The function ``(lambda PARAMS . BODY)`` makes (``name`` for defun and defmacro)."""
    rest = form.cdr
    params = rest.car if type(rest) is Cons else NIL
    body = rest.cdr if type(rest) is Cons else NIL
    # Emacs keeps a lambda's body as written; defun and defmacro drop their `declare'.
    printed = body if name is None else without_declare(body)
    if ip.file in ip.eager_files:
        from elconf.eager_expand import expand_body

        printed = expand_body(printed)
    return Closure(params, strip_declarations(body), env, name, ip.file, printed)


def without_declare(body: Any) -> Any:
    """``body`` without the ``(declare ...)`` Emacs's defun takes out (first, or after the
    docstring)."""
    if type(body) is Cons and isinstance(body.car, str) and type(body.cdr) is Cons \
            and type(body.cdr.car) is Cons and body.cdr.car.car is _DECLARE:
        return Cons(body.car, body.cdr.cdr)
    if type(body) is Cons and type(body.car) is Cons and body.car.car is _DECLARE:
        return body.cdr
    return body


def strip_declarations(body: Any) -> Any:
    """Drop a docstring (when more forms follow), ``declare`` and ``interactive``."""
    if type(body) is Cons and isinstance(body.car, str) and type(body.cdr) is Cons:
        body = body.cdr
    while type(body) is Cons and type(body.car) is Cons and body.car.car in _DECLARATIONS \
            and body.cdr is not NIL:
        body = body.cdr
    return body


_DECLARATIONS = {intern("declare"), intern("interactive")}


@special("progn", "eval-when-compile", "eval-and-compile", "with-no-warnings", "save-excursion",
         "save-restriction", "save-current-buffer", "save-window-excursion",
         "with-silent-modifications", "inhibit-message", "with-output-to-temp-buffer")
def sf_progn(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    body = form.cdr
    if form.car is intern("with-output-to-temp-buffer"):
        body = body.cdr
    return ip.progn(body, env)


@special("with-current-buffer", "with-syntax-table")
def sf_with_buffer(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    buffer = ip._eval(nth_arg(form, 0), env)
    if form.car is intern("with-current-buffer") and type(buffer) is _buffers.TempBuffer:
        saved, ip.buffer = _buffers.current(ip), buffer
        try:
            return ip.progn(body_after(form, 1), env)
        finally:
            ip.buffer = saved
    return ip.progn(body_after(form, 1), env)


@special("declare", "interactive", "defgroup", "defface", "declare-function",
         "custom-add-option")
def sf_ignored(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    if form.car.name in ("defgroup", "defface"):
        return nth_arg(form, 0)
    return NIL


@special("prog1")
def sf_prog1(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    first = ip._eval(nth_arg(form, 0), env)
    ip.progn(body_after(form, 1), env)
    return first


@special("prog2")
def sf_prog2(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    ip._eval(nth_arg(form, 0), env)
    second = ip._eval(nth_arg(form, 1), env)
    ip.progn(body_after(form, 2), env)
    return second


@special("save-match-data")
def sf_save_match_data(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    saved = (list(ip.match_data), ip.match_string)
    try:
        return ip.progn(form.cdr, env)
    finally:
        ip.match_data, ip.match_string = saved


# -- conditionals ----------------------------------------------------------

@special("if")
def sf_if(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    value = ip._eval(nth_arg(form, 0), env)
    if type(value) is not Opaque:        # the common case, without closures
        if value is not NIL:
            return ip._eval(nth_arg(form, 1), env)
        return ip.progn(body_after(form, 2), env)
    return ip.branch(value, form, lambda: ip._eval(nth_arg(form, 1), env),
                     lambda: ip.progn(body_after(form, 2), env))


@special("cond")
def sf_cond(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    return _cond_clauses(ip, form.cdr, env)


def _cond_clauses(ip: Interpreter, clauses: Any, env: Env | None) -> Any:
    while type(clauses) is Cons:
        clause = clauses.car
        if type(clause) is not Cons:
            raise wrong_type("listp", clause)
        value = ip._eval(clause.car, env)
        if type(value) is Opaque:
            rest = clauses.cdr
            return ip.branch(value, clause,
                             lambda: value if clause.cdr is NIL else ip.progn(clause.cdr, env),
                             lambda: _cond_clauses(ip, rest, env))
        if value is not NIL:
            return value if clause.cdr is NIL else ip.progn(clause.cdr, env)
        clauses = clauses.cdr
    return NIL


@special("and")
def sf_and(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    return _and_rest(ip, form, form.cdr, env)


def _and_rest(ip: Interpreter, form: Cons, args: Any, env: Env | None) -> Any:
    value: Any = T
    while type(args) is Cons:
        value = ip._eval(args.car, env)
        args = args.cdr
        if type(value) is Opaque:
            if args is NIL:
                return value
            rest = args
            return ip.branch(value, form, lambda: _and_rest(ip, form, rest, env), lambda: NIL)
        if value is NIL:
            return NIL
    return value


@special("or")
def sf_or(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    return _or_rest(ip, form, form.cdr, env)


def _or_rest(ip: Interpreter, form: Cons, args: Any, env: Env | None) -> Any:
    while type(args) is Cons:
        value = ip._eval(args.car, env)
        args = args.cdr
        if type(value) is Opaque:
            if args is NIL:
                return value
            rest, unknown = args, _non_nil(value)
            return ip.branch(value, form, lambda: unknown, lambda: _or_rest(ip, form, rest, env))
        if value is not NIL:
            return value
    return NIL


def _non_nil(value: Opaque) -> Any:
    """An unknown known to be true (``or`` returns it): its nil candidates dropped
    (one left: that one), marked true so a condition on it takes its then-branch."""
    kept = tuple((v, o) for v, o in value.candidates or () if v is not NIL and v is not UNBOUND)
    if len(kept) == 1 and type(kept[0][0]) is not Opaque:
        return kept[0][0]
    return Opaque(value.what, kept or None, true=True)


@special("cl-case", "cl-ecase", "case", "ecase")
def sf_cl_case(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(cl-case EXPR (KEYS BODY...) ...)``: the first clause whose KEYS (one key or a
    list of them) has EXPR (``eql``), ``t``/``otherwise`` for any; on an unknown EXPR,
    each clause is a branch (as ``cond`` on an unknown)."""
    value = ip._eval(nth_arg(form, 0), env)
    return _case_clauses(ip, form, value, body_after(form, 1), env)


_OTHERWISE = (T, intern("otherwise"))


def _case_clauses(ip: Interpreter, form: Cons, value: Any, clauses: Any, env: Env | None) -> Any:
    from elconf.equality import lisp_eql

    while type(clauses) is Cons:
        clause = clauses.car
        if type(clause) is not Cons:
            raise wrong_type("listp", clause)
        keys = clause.car
        if keys in _OTHERWISE:
            return ip.progn(clause.cdr, env)
        if type(value) is Opaque:     # whether it matches is unknown, true or not
            rest = clauses.cdr
            return both_branches(ip, value, clause, lambda: ip.progn(clause.cdr, env),
                                 lambda: _case_clauses(ip, form, value, rest, env))
        if any(lisp_eql(value, key) for key in (keys if type(keys) is Cons else (keys,))):
            return ip.progn(clause.cdr, env)
        clauses = clauses.cdr
    if form.car.name in ("cl-ecase", "ecase") and type(value) is not Opaque:
        raise lisp_error("error", f"cl-ecase failed: {value!r}")
    return NIL


@special("while")
def sf_while(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """An unknown test runs the body once beside not running it (merged), then
    stops: the loop stays bounded, and what the body changes becomes unknown."""
    test = nth_arg(form, 0)
    body = body_after(form, 1)
    while True:
        value = ip._eval(test, env)
        if type(value) is Opaque:
            ip.branch(value, form, lambda: ip.progn(body, env), lambda: NIL)
            return NIL
        if value is NIL:
            return NIL
        tick(ip)
        ip.progn(body, env)


# -- binding -----------------------------------------------------------------

def _binding_parts(binding: Any) -> tuple[Symbol, Any]:
    if type(binding) is Symbol:
        return binding, None
    if type(binding) is Cons and type(binding.car) is Symbol:
        init = binding.cdr.car if type(binding.cdr) is Cons else None
        return binding.car, init
    raise wrong_type("symbolp", binding)


@special("let")
def sf_let(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    pairs = []
    for binding in (nth_arg(form, 0) if type(nth_arg(form, 0)) is Cons else ()):
        sym, init = _binding_parts(binding)
        pairs.append((sym, NIL if init is None else ip._eval(init, env)))
    return ip.bind_and_run(pairs, body_after(form, 1), env, "let")


@special("let*")
def sf_let_star(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    bindings = nth_arg(form, 0)
    if env is not None:
        env = Env({}, env)
    token = ip.store.binding_depth
    origin = None
    try:
        for binding in (bindings if type(bindings) is Cons else ()):
            sym, init = _binding_parts(binding)
            value = NIL if init is None else ip._eval(init, env)
            if env is not None and sym.name not in ip.store.special:
                if sym in env.vars:   # a rebinding of the same name shadows
                    env = Env({}, env)
                env.vars[sym] = value
            else:
                origin = origin or ip.here("let", form)
                ip.store.bind(sym.name, value, origin)
        return ip.progn(body_after(form, 1), env)
    finally:
        ip.store.unbind(token)


# -- assignment --------------------------------------------------------------

@special("setq")
def sf_setq(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    rest = form.cdr
    if type(rest) is Cons and type(rest.cdr) is Cons and rest.cdr.cdr is NIL:   # (setq VAR VALUE)
        return ip.set_variable(rest.car, ip._eval(rest.cdr.car, env), env, ip.here("setq", form))
    # Pair by pair, as Emacs's Fsetq: an odd argument count signals only after the
    # pairs before it have been set.
    value: Any = NIL
    cell = rest
    # One place for all the pairs (the form's), unless the form has none: then each
    # pair's is the last positioned form entered before it.
    origin = ip.here("setq", form) if form.pos is not None else None
    while type(cell) is Cons:
        if type(cell.cdr) is not Cons:
            count = sum(1 for _ in rest)
            raise lisp_error("wrong-number-of-arguments", intern("setq"), count)
        value = ip._eval(cell.cdr.car, env)
        ip.set_variable(cell.car, value, env, origin or ip.here("setq", form))
        cell = cell.cdr.cdr
    return value


def assign_pairs(ip: Interpreter, form: Cons, env: Env | None,
                 assign: Callable[[str, Any, Any], None], kind: str) -> Any:
    """``(FORM VAR VALUE ...)``: evaluate each VALUE in turn and hand it to ``assign``
    (a store setter) with an Origin of ``kind``; the last value is the form's value."""
    value: Any = NIL
    origin = ip.here(kind, form) if form.pos is not None else None   # as in sf_setq
    for sym, expr in pairs(form):
        value = ip._eval(expr, env)
        assign(sym.name, value, origin or ip.here(kind, form))
    return value


@special("setq-default")
def sf_setq_default(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    return assign_pairs(ip, form, env, ip.store.set, "setq-default")


@special("setq-local")
def sf_setq_local(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    return assign_pairs(ip, form, env, ip.store.set_local, "setq-local")


@special("setopt")
def sf_setopt(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """Emacs 29's ``setopt``: the variable's :set function (else set-default), at once.

    Emacs 28.2 has no ``setopt`` (the call signals void-function there): a
    documented divergence (docs/realconfigs.md), since a file that uses it is
    written for 29+ and its owner's Emacs sets these options; an info note says
    so.  ``interp.strict_28`` restores 28.2's behaviour."""
    if ip.strict_28:
        raise newer_emacs_only(form.car)
    ip.diagnose("info", "setopt is new in Emacs 29 (Emacs 28.2 has no setopt and signals "
                "void-function): this file is written for Emacs 29 or later, so its options are "
                "set as Emacs 29 sets them", "newer-emacs", form, once=True)
    from elconf.builtins.custom import type_matches
    from elconf.printer import prin1_to_string

    value: Any = NIL
    for sym, expr in pairs(form):
        value = ip._eval(expr, env)
        custom_type = ip.custom_types.get(sym.name)
        if custom_type is not None and type_matches(custom_type, value) is False:
            ip.diagnose("warning", f"setopt: value {prin1_to_string(value)} for {sym.name} does not match "
                        f"its type {prin1_to_string(custom_type)} (Emacs 29 warns and sets it anyway)",
                        "setopt-type-mismatch", form)
        ip.store.set(sym.name, value, ip.here("setopt", form))
    return value


@special("bound-and-true-p")
def sf_bound_and_true_p(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(bound-and-true-p VAR)``: ``(and (boundp 'VAR) VAR)``, with ``boundp``'s rule
    for a package elconf did not evaluate (unknown) and for any other void variable (nil)."""
    sym = nth_arg(form, 0)
    if type(sym) is not Symbol:
        raise wrong_type("symbolp", sym)
    bound = ip.funcall(intern("boundp"), [sym])
    return ip.branch(bound, form, lambda: ip.symbol_value(sym), lambda: NIL)


@special("cl-pushnew")
def sf_cl_pushnew(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(cl-pushnew X PLACE [:test FN])`` on a variable: push unless a member (``eql``
    by default).  On a list known only in part, only the known part is searched."""
    from elconf.equality import lisp_eql

    value = ip._eval(nth_arg(form, 0), env)
    place = nth_arg(form, 1)
    if type(place) is not Symbol:
        raise lisp_error("error", "cl-pushnew on a generalized place is not modelled")
    options = body_after(form, 2)
    test: Callable[[Any, Any], bool] = lisp_eql
    while type(options) is Cons and type(options.cdr) is Cons:
        if options.car is intern(":test"):
            fn = ip._eval(options.cdr.car, env)
            test = lambda a, b, fn=fn: ip.funcall(fn, [a, b]) is not NIL  # noqa: E731
        options = options.cdr.cdr
    current = ip._eval(place, env)
    cell = current
    while type(cell) is Cons:
        if test(value, cell.car):
            return current
        cell = cell.cdr
    return ip.set_variable(place, Cons(value, current), env, ip.here("cl-pushnew", form))


def newer_emacs_only(sym: Symbol) -> LispSignal:
    signal = lisp_error("void-function", sym)
    signal.detail = (f"Symbol\u2019s function definition is void: {sym.name} ({sym.name} is new in "
                     f"Emacs 29; Emacs 28.2 does not have it)")
    return signal


# -- definitions -------------------------------------------------------------

@special("defvar", "defvar-local")
def sf_defvar(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    sym = nth_arg(form, 0)
    name = sym.name
    ip.store.special.add(name)
    if form.car.name == "defvar-local":
        ip.store.auto_local.add(name)
    if type(form.cdr.cdr) is not Cons:
        return sym                         # (defvar x): only declares it special
    define_default(ip, name, nth_arg(form, 1), env, ip.here(form.car.name, form), custom=False)
    return sym


@special("defcustom")
def sf_defcustom(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    sym = nth_arg(form, 0)
    ip.store.special.add(sym.name)
    keywords = body_after(form, 3) if isinstance(nth_arg(form, 2), str) else body_after(form, 2)
    while type(keywords) is Cons and type(keywords.cdr) is Cons:
        if keywords.car is intern(":type"):
            spec = keywords.cdr.car      # almost always 'TYPE: quoted, so no evaluation needed
            if type(spec) is Cons and spec.car is intern("quote") and type(spec.cdr) is Cons:
                ip.custom_types[sym.name] = spec.cdr.car
        keywords = keywords.cdr.cdr
    define_default(ip, sym.name, nth_arg(form, 1), env, ip.here("defcustom", form), custom=True)
    return sym


def define_default(ip: Interpreter, name: str, expr: Any, env: Env | None, origin: Any,
                   custom: bool) -> None:
    """defvar/defcustom: evaluate the default only when the variable is void.

    A defcustom takes a saved value left by an earlier ``custom-set-variables``
    instead, as Emacs's custom-declare-variable does."""
    store = ip.store
    if store.is_toplevel_bound(name):
        store.record_ineffective(name, expr, origin,
                                 f"not evaluated: {name} was already set, and "
                                 f"{origin.kind} never overrides a bound variable")
        return
    saved = store.saved_value(name) if custom else UNBOUND
    if saved is not UNBOUND:
        saved_origin = ip.saved_origins.get(name, origin)
        store.set_toplevel(name, ip._eval(saved, None), saved_origin)
        return
    store.set_toplevel(name, ip._eval(expr, env), origin)


@special("defconst")
def sf_defconst(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    sym = nth_arg(form, 0)
    ip.store.special.add(sym.name)
    ip.store.constants.add(sym.name)
    ip.store.set(sym.name, ip._eval(nth_arg(form, 1), env), ip.here("defconst", form))
    return sym


@special("defun", "defsubst", "define-inline", "cl-defun")
def sf_defun(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    sym = nth_arg(form, 0)
    set_function(ip, sym, make_lambda(ip, form.cdr, env, sym.name))
    if is_command_body(body_after(form, 2)):
        # Kept for elconf.accounts: a command that sets mail variables is an account switch.
        ip.put_prop(sym, COMMAND_PROPERTY, form)
    return sym


#: Plist property of a function symbol defined as a command: the defun form.
COMMAND_PROPERTY = intern("elconf--command-definition")


def is_command_body(body: Any) -> bool:
    """Whether a defun body (after the arguments) starts with ``interactive``."""
    if type(body) is Cons and isinstance(body.car, str) and type(body.cdr) is Cons:
        body = body.cdr
    while type(body) is Cons and type(body.car) is Cons and body.car.car is _DECLARE:
        body = body.cdr
    return type(body) is Cons and type(body.car) is Cons and body.car.car is _INTERACTIVE


_DECLARE, _INTERACTIVE = intern("declare"), intern("interactive")


@special("defmacro", "cl-defmacro")
def sf_defmacro(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    sym = nth_arg(form, 0)
    ip.functions[sym] = Macro(make_lambda(ip, form.cdr, env, sym.name), sym.name)
    return sym


# -- loading -----------------------------------------------------------------

@special("with-eval-after-load")
def sf_with_eval_after_load(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    from elconf.loading import eval_after_load

    what = ip._eval(nth_arg(form, 0), env)
    eval_after_load(ip, what, Closure(NIL, body_after(form, 1), env), form)
    return NIL


# pcase and the non-local exits (catch, condition-case ...) live in modules of their own,
# which register their handlers here when imported.
from elconf import (  # noqa: E402,F401
    advice as _advice, buffers as _buffers, cl_binding as _cl_binding, cl_generic as _cl_generic,
    cl_loop as _cl_loop, cl_macros as _cl_macros, cl_struct as _cl_struct, nonlocal_exits as _nonlocal_exits,
    pcase as _pcase)

set_function = _advice.set_function

# use-package and backquote are registered by elconf.macros on import.
from elconf import macros as _macros  # noqa: E402  (registers into SPECIAL_FORMS)

_macros.register(special)


@special("make-mu4e-context", "set-email-account!")
def sf_call_at_its_place(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """A function call whose builtin records where it was called (an account's definition):
    the arguments are evaluated as usual, then the place is the call's, not the last argument's."""
    args = []
    cell = form.cdr
    while type(cell) is Cons:
        args.append(ip._eval(cell.car, env))
        cell = cell.cdr
    if form.pos is not None:
        ip.pos = form.pos
    fn = ip.functions.get(form.car)
    if fn is None:
        return ip._call_unknown(form.car, form, env)
    return ip.apply(fn, args, form.car)


# Package managers and frameworks (Doom, Spacemacs, straight ...): lazily imported models.
from elconf import frameworks as _frameworks  # noqa: E402
from elconf.builtins import BUILTINS as _BUILTINS  # noqa: E402

_frameworks.register(SPECIAL_FORMS, _BUILTINS)

