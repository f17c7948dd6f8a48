"""``cl-defgeneric`` and ``cl-defmethod`` in the simple cases init files write:
methods specialized on built-in types (``integer``, ``string``, ``null``, ``list``
...), ``(eql VALUE)`` and ``(head SYMBOL)``, with ``:around``/``:before``/``:after``
qualifiers, ``cl-call-next-method`` and ``cl-next-method-p``.

The generic function is a :class:`Builtin` whose state (:class:`Generic`, the
methods) travels with it, so it pickles (the state cache).  A call sorts the
applicable methods from the most specific (by the leftmost argument first, as
cl-generic does: ``eql`` before ``head`` before a type before its parent
types before ``t``) and runs Emacs's standard combination: the ``:around``
methods, then the ``:before`` ones, the primary ones (each reaching the next
with ``cl-call-next-method``, which the method body is walked for as
``cl-flet`` does) and the ``:after`` ones in reverse.  A method specialized on
something else (a struct or EIEIO class, ``derived-mode``, ``&context``) makes
a call it could apply to unknown, and so does a call that no method applies to
on a generic the file did not declare with ``cl-defgeneric`` (the package's own
methods are not here).
"""

from __future__ import annotations

from functools import partial

from elconf.errors import lisp_error
from elconf.functions import Builtin
from elconf.macros import args_of, body_after, nth_arg
from elconf.special_forms import make_lambda, special
from elconf.types import NIL, T, Cons, HashTable, Symbol, Vector, intern, lisp_list
from elconf.unknowns import Opaque

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

_CNM, _NMP = intern("cl-call-next-method"), intern("cl-next-method-p")
_QUALIFIERS = (":around", ":before", ":after")


class Method:
    __slots__ = ("qualifier", "specializers", "function")

    def __init__(self, qualifier: str, specializers: tuple[Any, ...], function: Any) -> None:
        self.qualifier, self.specializers, self.function = qualifier, specializers, function


class Generic:
    """A generic function's methods; ``declared``: by cl-defgeneric in the file."""

    __slots__ = ("name", "methods", "declared")

    def __init__(self, name: str, declared: bool) -> None:
        self.name, self.methods, self.declared = name, [], declared

    def add(self, method: Method) -> None:
        self.methods = [m for m in self.methods if (m.qualifier, m.specializers)
                        != (method.qualifier, method.specializers)] + [method]


def _generic(ip: Any, name: Symbol, declared: bool) -> Generic:
    fn = ip.functions.get(name)
    if type(fn) is Builtin and type(fn.fn) is partial and fn.fn.func is _call_generic:
        if declared:
            fn.fn.args[0].declared = True
        return fn.fn.args[0]
    generic = Generic(name.name, declared)
    call = partial(_call_generic, generic)
    call.__name__ = name.name          # type: ignore[attr-defined]  (read by Interpreter.apply)
    from elconf.advice import set_function

    set_function(ip, name, Builtin(name.name, call, pass_opaque=True))
    return generic


# -- applicability -------------------------------------------------------------------

def _types_of(value: Any) -> list[str]:
    """The built-in types of ``value``, most specific first (cl--typeof-types)."""
    if value is NIL:
        return ["null", "boolean", "symbol", "list", "sequence", "atom"]
    if value is T:
        return ["boolean", "symbol", "atom"]
    cls = type(value)
    if cls is Symbol:
        return ["keyword", "symbol", "atom"] if value.is_keyword else ["symbol", "atom"]
    if cls is int:
        return ["fixnum", "integer", "number", "integer-or-marker", "number-or-marker", "atom"]
    if cls is float:
        return ["float", "number", "number-or-marker", "atom"]
    if isinstance(value, str):
        return ["string", "array", "sequence", "atom"]
    if cls is Cons:
        return ["cons", "list", "sequence"]
    if cls is Vector:
        return ["vector", "array", "sequence", "atom"]
    if cls is HashTable:
        return ["hash-table", "atom"]
    return []


def _rank(spec: Any, value: Any) -> int | None:
    """How specific ``spec`` is for ``value`` (smaller: more), None if it does not apply;
    raises LookupError for a specializer not modelled."""
    from elconf.equality import lisp_eql

    if spec is T:
        return 1000
    if type(spec) is Cons and spec.car is intern("eql"):
        return 0 if lisp_eql(spec.cdr.car, value) else None
    if type(spec) is Cons and spec.car is intern("head"):
        return 1 if type(value) is Cons and lisp_eql(value.car, spec.cdr.car) else None
    if type(spec) is Symbol and spec.name in _KNOWN_TYPES:
        types = _types_of(value)
        return 2 + types.index(spec.name) if spec.name in types else None
    raise LookupError(spec)


_KNOWN_TYPES = frozenset(("null", "boolean", "symbol", "keyword", "list", "sequence", "atom", "fixnum",
                          "integer", "number", "integer-or-marker", "number-or-marker", "float",
                          "string", "array", "cons", "vector", "hash-table"))


def _call_generic(generic: Generic, ip: Any, *args: Any) -> Any:
    if any(type(a) is Opaque for a in args):
        return ip.opaque(f"({generic.name} ...)")
    ranked = []
    try:
        for method in generic.methods:
            if len(args) < len(method.specializers):
                raise lisp_error("wrong-number-of-arguments", intern(generic.name), len(args))
            ranks = [_rank(s, a) for s, a in zip(method.specializers, args)]
            if None not in ranks:
                ranked.append((ranks, method))
    except LookupError:
        ip.diagnose("info", f"call of {generic.name} skipped: a method is specialized on what "
                    "elconf does not model", "opaque-call", once=True)
        return ip.opaque(f"({generic.name} ...)")
    ranked.sort(key=lambda pair: pair[0])
    methods = [m for _, m in ranked]
    primary = [m for m in methods if m.qualifier == ""]
    if not primary:
        if not generic.declared:
            ip.diagnose("info", f"call of {generic.name} skipped: its package's methods are not "
                        "evaluated", "opaque-call", once=True)
            return ip.opaque(f"({generic.name} ...)")
        raise lisp_error("cl-no-primary-method" if methods else "cl-no-applicable-method",
                         intern(generic.name), *args)
    arounds = [m for m in methods if m.qualifier == ":around"]
    befores = [m for m in methods if m.qualifier == ":before"]
    afters = [m for m in reversed(methods) if m.qualifier == ":after"]
    return _run(ip, generic, (arounds, befores, primary, afters), 0, list(args))


def _run(ip: Any, generic: Generic, parts: tuple[list[Method], ...], index: int, args: list[Any]) -> Any:
    """Call the ``index``-th method of the effective method: the arounds, then the rest."""
    arounds, befores, primary, afters = parts
    if index < len(arounds):
        return _call_method(ip, generic, arounds[index], parts, index, args)
    if index == len(arounds):
        for m in befores:
            ip.apply(m.function, [_no_next(generic), NIL, *args])
        value = _call_method(ip, generic, primary[0], parts, index, args)
        for m in afters:
            ip.apply(m.function, [_no_next(generic), NIL, *args])
        return value
    return _call_method(ip, generic, primary[index - len(arounds)], parts, index, args)


def _call_method(ip: Any, generic: Generic, method: Method, parts: tuple[list[Method], ...],
                 index: int, args: list[Any]) -> Any:
    arounds, _, primary, _ = parts
    has_next = index < len(arounds) or index - len(arounds) + 1 < len(primary)
    nxt = _named(partial(_next, generic, parts, index + 1, args)) if has_next else None
    cnm = Builtin("cl-call-next-method", nxt) if nxt is not None else _no_next(generic)
    return ip.apply(method.function, [cnm, T if has_next else NIL, *args])


def _next(generic: Generic, parts: tuple[list[Method], ...], index: int, args: list[Any],
          ip: Any, *new_args: Any) -> Any:
    """``cl-call-next-method``: the next method, on the same arguments unless given others."""
    return _run(ip, generic, parts, index, list(new_args) if new_args else args)


def _named(call: partial) -> partial:
    call.__name__ = "cl-call-next-method"     # type: ignore[attr-defined]
    return call


def _no_next(generic: Generic) -> Builtin:
    return Builtin("cl-call-next-method", _named(partial(_signal_no_next, generic.name)))


def _signal_no_next(name: str, ip: Any, *args: Any) -> Any:
    raise lisp_error("cl-no-next-method", intern(name), *args)


# -- the definitions --------------------------------------------------------------------

def _method_function(ip: Any, args: Any, body: Any, env: Any) -> tuple[tuple[Any, ...], Any]:
    """The specializers of ``args`` and the method's function: a lambda taking the next
    method, whether there is one, then the arguments, its body walked so that
    ``cl-call-next-method`` and ``cl-next-method-p`` call those."""
    from elconf.cl_binding import Scope, rewrite

    specializers = []
    plain = []
    required = True
    for item in (args_of(Cons(NIL, args)) if type(args) is Cons else []):
        if type(item) is Symbol and item.name.startswith("&"):
            required = False
            if item.name == "&context":
                specializers.append(intern("&context"))     # not modelled: a LookupError at calls
        if required and type(item) is Cons:
            plain.append(item.car)
            specializers.append(_evaluated_eql(ip, nth_arg(item, 0), env))
        else:
            plain.append(item)
            if required:
                specializers.append(T)
    cnm, nmp = Symbol("cl--cnm"), Symbol("cl--nmp")
    scope = Scope({_CNM: cnm}, {})
    walked = lisp_list([rewrite(ip, f, scope) for f in args_of(Cons(NIL, body))] if type(body) is Cons else [])
    walked = _replace_nmp(walked, nmp)
    lam = Cons(intern("lambda"), Cons(lisp_list([cnm, nmp, *plain]), walked))
    return tuple(specializers), make_lambda(ip, lam, env)


def _evaluated_eql(ip: Any, spec: Any, env: Any) -> Any:
    """The VALUE of an ``(eql VALUE)`` specializer is evaluated in Emacs 28.2, except a
    bare symbol, which stands for itself (``(eql foo)`` and ``(eql 'foo)`` both mean foo)."""
    if type(spec) is not Cons or spec.car is not intern("eql") or type(spec.cdr) is not Cons \
            or type(spec.cdr.car) is Symbol:
        return spec
    return lisp_list([spec.car, ip._eval(spec.cdr.car, env)])


def _replace_nmp(form: Any, var: Symbol) -> Any:
    """``(cl-next-method-p)`` is the method's flag."""
    if type(form) is not Cons:
        return form
    if form.car is _NMP and form.cdr is NIL:
        return var
    if form.car is intern("quote"):
        return form
    return Cons(_replace_nmp(form.car, var), _replace_nmp(form.cdr, var), form.pos)


@special("cl-defmethod")
def sf_cl_defmethod(ip: Any, form: Cons, env: Any) -> Any:
    """``(cl-defmethod NAME [QUALIFIER] ARGS [DOCSTRING] BODY...)``."""
    name = nth_arg(form, 0)
    if type(name) is not Symbol:               # (setf NAME) methods are not modelled
        return ip.opaque("(cl-defmethod (setf ...))", form)
    rest = form.cdr.cdr
    qualifier = ""
    while type(rest) is Cons and type(rest.car) is not Cons and rest.car is not NIL:
        qualifier = rest.car.name if type(rest.car) is Symbol and rest.car.name in _QUALIFIERS else "?"
        rest = rest.cdr
    generic = _generic(ip, name, declared=False)
    specializers, function = _method_function(ip, rest.car, rest.cdr, env)
    if qualifier == "?":
        specializers = (intern("&extra"),)       # an unknown qualifier: calls become unknown
    generic.add(Method(qualifier, specializers, function))
    return name


@special("cl-defgeneric")
def sf_cl_defgeneric(ip: Any, form: Cons, env: Any) -> Any:
    """``(cl-defgeneric NAME ARGS [DOCSTRING] [OPTIONS...] [DEFAULT-BODY...])``: the
    ``(:method ...)`` options are methods, a body is the default method."""
    name, args = nth_arg(form, 0), nth_arg(form, 1)
    generic = _generic(ip, name, declared=True)
    generic.methods = []
    body = body_after(form, 2)
    if type(body) is Cons and isinstance(body.car, str):
        body = body.cdr
    default = []
    for item in (args_of(Cons(NIL, body)) if type(body) is Cons else []):
        if type(item) is Cons and item.car is intern(":method"):
            sf_cl_defmethod(ip, Cons(intern("cl-defmethod"), Cons(name, item.cdr), item.pos), env)
        elif type(item) is Cons and item.car in (intern("declare"), intern(":documentation")):
            continue
        else:
            default.append(item)
    if default:
        plain = lisp_list([a for a in args_of(Cons(NIL, args))] if type(args) is Cons else [])
        specializers, function = _method_function(ip, plain, lisp_list(default), env)
        generic.add(Method("", specializers, function))
    return name
