"""Built-in macros handled as special forms: ``when``/``unless``, ``dolist``/
``dotimes``, the ``if-let`` family, ``push``/``pop``/``setf`` on generalized
places and backquote (``use-package`` is :mod:`elconf.frameworks.use_package`);
plus the small helpers every special-form handler uses (``nth_arg``, ``body_after`` ...).

Backquote is evaluated directly (no expansion into ``cons``/``append``
code): the value is the same and nested backquotes keep their inner
unquotes for a later evaluation, as Emacs's backquote.el does.
"""

from __future__ import annotations

from collections.abc import Callable

from elconf.errors import LimitExceeded, lisp_error, wrong_type
from elconf.interpreter import Env, Interpreter, Opaque
from elconf.types import BACKQUOTE, COMMA, COMMA_AT, NIL, T, Cons, Symbol, Vector, intern, lisp_list

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

# -- helpers shared with elconf.special_forms -----------------------------------

_OWN: dict[str, Any] = {}


def _special(*names: str) -> Callable[[Any], Any]:
    """Collect this module's forms; :func:`register` adds them to the table."""
    def collect(fn: Any) -> Any:
        for name in names:
            _OWN[name] = fn
        return fn
    return collect


def args_of(form: Cons) -> list[Any]:
    return list(form.cdr) if type(form.cdr) is Cons else []


def nth_arg(form: Cons, n: int) -> Any:
    cell = form.cdr
    for _ in range(n):
        cell = cell.cdr if type(cell) is Cons else NIL
    return cell.car if type(cell) is Cons else NIL


def body_after(form: Cons, n: int) -> Any:
    """The list of forms after the first ``n`` arguments."""
    cell = form.cdr
    for _ in range(n):
        cell = cell.cdr if type(cell) is Cons else NIL
    return cell



@_special("when")
def sf_when(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    value = ip._eval(nth_arg(form, 0), env)
    if type(value) is Opaque:     # both ways, merged (elconf.unknowns)
        return ip.branch(value, form, lambda: ip.progn(body_after(form, 1), env), lambda: NIL)
    return ip.progn(body_after(form, 1), env) if value is not NIL else NIL


@_special("unless")
def sf_unless(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    value = ip._eval(nth_arg(form, 0), env)
    if type(value) is Opaque:
        return ip.branch(value, form, lambda: NIL, lambda: ip.progn(body_after(form, 1), env))
    return NIL if value is not NIL else ip.progn(body_after(form, 1), env)



def tick(ip: Interpreter) -> None:
    ip.steps += 1
    if ip.steps > ip.limits.max_steps:
        raise LimitExceeded("evaluation steps", ip.limits.max_steps)
    if not ip.steps & 63:
        ip.check_time()



@_special("if-let", "if-let*", "when-let", "when-let*", "and-let*")
def sf_if_let(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """The subr-x binding conditionals: bind in order, stop at the first nil.  A binding
    whose value is unknown is a condition on an unknown: both ways are run and merged
    (``Interpreter.branch``), the rest of the bindings and the body one way, the failure
    way (the else forms of ``if-let``, nil for the others) the other."""
    name = form.car.name
    spec = nth_arg(form, 0)
    if type(spec) is Cons and type(spec.car) is Symbol and type(spec.cdr) is Cons \
            and spec.cdr.cdr is NIL and name in ("if-let", "when-let"):
        spec = lisp_list([spec])     # the single-binding shorthand (VAR EXPR)
    bindings = list(spec) if type(spec) is Cons else []
    frame = Env({}, env) if env is not None else None
    origin = ip.here("let", form)

    def failed() -> Any:
        return ip.progn(body_after(form, 2), frame) if name.startswith("if-let") else NIL

    def succeeded(last: Any) -> Any:
        if name.startswith("if-let"):
            return ip._eval(nth_arg(form, 1), frame)
        body = body_after(form, 1)
        return ip.progn(body, frame) if body is not NIL else last

    def from_binding(index: int, last: Any) -> Any:
        token = ip.store.binding_depth
        try:
            while index < len(bindings):
                binding = bindings[index]
                index += 1
                if type(binding) is Symbol:
                    sym, value = binding, ip._eval(binding, frame)
                elif type(binding) is Cons and binding.cdr is NIL:
                    sym, value = None, ip._eval(binding.car, frame)
                else:
                    sym, value = binding.car, ip._eval(binding.cdr.car, frame)
                if sym is not None and sym is not intern("_"):
                    if frame is not None and sym.name not in ip.store.special:
                        frame.vars[sym] = value
                    else:
                        ip.store.bind(sym.name, value, origin)
                last = value
                if type(value) is Opaque:
                    rest = index
                    return ip.branch(value, form, lambda: from_binding(rest, value), failed)
                if value is NIL:
                    return failed()
            return succeeded(last)
        finally:
            ip.store.unbind(token)

    return from_binding(0, T)


DOLIST_TAIL = intern("--dolist-tail--")
DOTIMES_LIMIT, DOTIMES_COUNTER = intern("--dotimes-limit--"), intern("--dotimes-counter--")


@_special("dolist")
def sf_dolist(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    spec = nth_arg(form, 0)
    sym, seq_form = spec.car, spec.cdr.car
    seq = ip._eval(seq_form, env)
    body = body_after(form, 1)
    cell = seq
    if env is not None:
        # Emacs 28.2's expansion under lexical binding: the list is in a variable
        # --dolist-tail--, stepped after each turn; closures made in the body capture
        # it (and print it: (closure ((x . 2) (--dolist-tail--) t) ...)).
        env = Env({DOLIST_TAIL: seq}, env)
    while type(cell) is Cons:
        tick(ip)
        ip.bind_and_run([(sym, cell.car)], body, env, "let")
        cell = cell.cdr
        if env is not None:
            env.vars[DOLIST_TAIL] = cell
    if type(cell) is Opaque:
        # An unknown list (or tail): the body may run for elements we do not know, or
        # not at all; once with an unknown element, merged with not running it.
        unknown = cell
        ip.branch(unknown, form, lambda: ip.bind_and_run([(sym, unknown)], body, env, "let"),
                  lambda: NIL)
    if type(spec.cdr.cdr) is Cons:
        return ip.bind_and_run([(sym, NIL)], lisp_list([spec.cdr.cdr.car]), env, "let")
    return NIL


@_special("dotimes")
def sf_dotimes(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    spec = nth_arg(form, 0)
    sym = spec.car
    count = ip._eval(spec.cdr.car, env)
    if type(count) is Opaque:
        return NIL
    if type(count) is not int:
        raise wrong_type("integerp", count)
    body = body_after(form, 1)
    if env is not None:
        # Emacs 28.2's expansion under lexical binding: the bound and the counter are
        # variables, captured (and printed) by closures made in the body.
        env = Env({DOTIMES_LIMIT: count, DOTIMES_COUNTER: 0}, env)
    for i in range(count):
        tick(ip)
        ip.bind_and_run([(sym, i)], body, env, "let")
        if env is not None:
            env.vars[DOTIMES_COUNTER] = i + 1
    if type(spec.cdr.cdr) is Cons:
        return ip.bind_and_run([(sym, count)], lisp_list([spec.cdr.cdr.car]), env, "let")
    return NIL



def pairs(form: Cons) -> list[tuple[Any, Any]]:
    items = args_of(form)
    if len(items) % 2:
        raise lisp_error("wrong-number-of-arguments", form.car, len(items))
    return [(items[i], items[i + 1]) for i in range(0, len(items), 2)]



@_special("push")
def sf_push(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    value = ip._eval(nth_arg(form, 0), env)
    place = nth_arg(form, 1)
    if type(place) is Symbol:
        new = Cons(value, ip._eval(place, env))
        return ip.set_variable(place, new, env, ip.here("push", form))
    return setf_place(ip, place, lambda old: Cons(value, old), env, form)


@_special("pop")
def sf_pop(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    place = nth_arg(form, 0)
    if type(place) is not Symbol:
        raise lisp_error("error", "pop of a generalized place is not modelled")
    old = ip._eval(place, env)
    if type(old) is Cons:
        ip.set_variable(place, old.cdr, env, ip.here("pop", form))
        return old.car
    if old is NIL:
        return NIL
    raise wrong_type("listp", old)


@_special("setf")
def sf_setf(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    value: Any = NIL
    for place, expr in pairs(form):
        value = ip._eval(expr, env)
        if type(place) is Symbol:
            ip.set_variable(place, value, env, ip.here("setf", form))
        else:
            setf_place(ip, place, _constantly(value), env, form)
    return value




@_special("let-alist")
def sf_let_alist(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``(let-alist ALIST BODY...)``: each ``.key`` symbol in BODY is bound to
    ``(cdr (assq 'key ALIST))`` (nested ``.a.b`` follows the path)."""
    from elconf.equality import lisp_eq

    alist = ip._eval(nth_arg(form, 0), env)
    body = body_after(form, 1)

    def lookup(value: Any, key: str) -> Any:
        cell = value
        while type(cell) is Cons:
            entry = cell.car
            if type(entry) is Cons and lisp_eq(entry.car, intern(key)):
                return entry.cdr
            cell = cell.cdr
        return NIL

    dotted: dict[Symbol, Any] = {}
    stack = [body]
    while stack:
        item = stack.pop()
        if type(item) is Cons:
            if item.car is intern("let-alist"):      # an inner let-alist binds its own
                stack.append(item.cdr.car if type(item.cdr) is Cons else NIL)
                continue
            stack.extend((item.car, item.cdr))
        elif type(item) is Symbol and item.name.startswith(".") and len(item.name) > 1:
            value = alist
            for key in item.name[1:].split("."):
                value = lookup(value, key)
            dotted[item] = value
    return ip.bind_and_run(list(dotted.items()), body, env, "let")


# -- backquote ---------------------------------------------------------------


def backquote(ip: Any, template: Any, env: Any, level: int = 1) -> Any:
    """The value of `` `TEMPLATE`` at backquote nesting ``level``."""
    if type(template) is Vector:
        return Vector(_bq_list(ip, lisp_list(template), env, level))
    if type(template) is not Cons:
        return template
    head = template.car
    if head is COMMA and type(template.cdr) is Cons:
        if level == 1:
            return ip._eval(template.cdr.car, env)
        return lisp_list([COMMA, backquote(ip, template.cdr.car, env, level - 1)])
    if head is BACKQUOTE and type(template.cdr) is Cons:
        return lisp_list([BACKQUOTE, backquote(ip, template.cdr.car, env, level + 1)])
    return _bq_list(ip, template, env, level)


def _bq_list(ip: Any, template: Any, env: Any, level: int) -> Any:
    items: list[Any] = []
    tail: Any = NIL
    cell = template
    while type(cell) is Cons:
        if cell.car is COMMA and type(cell.cdr) is Cons:       # `(a . ,b)
            tail = backquote(ip, cell, env, level)
            break
        if cell.car is COMMA_AT and level == 1:              # `(a . ,@b): Emacs treats as ,b
            tail = ip._eval(cell.cdr.car, env)
            break
        item = cell.car
        if type(item) is Cons and item.car is COMMA_AT and type(item.cdr) is Cons:
            if level == 1:
                spliced = ip._eval(item.cdr.car, env)
                if type(cell.cdr) is not Cons and cell.cdr is NIL:
                    # the last splice is shared, not copied (append's rule)
                    return _attach(items, spliced)
                items.extend(_elements(spliced))
            else:
                items.append(lisp_list([COMMA_AT, backquote(ip, item.cdr.car, env, level - 1)]))
        else:
            items.append(backquote(ip, item, env, level))
        cell = cell.cdr
    else:
        tail = cell
    return lisp_list(items, tail)


def _attach(items: list[Any], tail: Any) -> Any:
    return lisp_list(items, tail)


def _elements(value: Any) -> list[Any]:
    if value is NIL:
        return []
    if type(value) is Cons:
        return list(value)
    if type(value) is Vector:
        return list(value)
    raise wrong_type("listp", value)


def sf_backquote(ip: Any, form: Cons, env: Any) -> Any:
    return backquote(ip, form.cdr.car, env)


def _constantly(value: Any) -> Callable[[Any], Any]:
    return lambda _old: value


# -- generalized places ------------------------------------------------------


def setf_place(ip: Any, place: Any, update: Callable[[Any], Any], env: Any, form: Any) -> Any:
    """Store ``update(old)`` into ``place`` (car, cdr, nth, alist-get, get, ...)."""
    if type(place) is not Cons or type(place.car) is not Symbol:
        raise lisp_error("error", "unsupported place", place)
    kind = place.car.name
    args = list(place.cdr) if type(place.cdr) is Cons else []
    if kind in ("car", "cdr"):
        cell = ip._eval(args[0], env)
        if type(cell) is not Cons:
            raise wrong_type("consp", cell)
        new = update(getattr(cell, kind))
        ip.cell_writes += 1
        setattr(cell, kind, new)
        return new
    if kind == "nth":
        n, lst = ip._eval(args[0], env), ip._eval(args[1], env)
        for _ in range(n):
            lst = lst.cdr
        new = update(lst.car)
        ip.cell_writes += 1
        lst.car = new
        return lst.car
    if kind in ("symbol-value", "default-value"):
        sym = ip._eval(args[0], env)
        new = update(ip.symbol_value(sym))
        ip.store.assign(sym.name, new, ip.here("setf", form))
        return new
    if kind == "get":
        sym, prop = ip._eval(args[0], env), ip._eval(args[1], env)
        return ip.put_prop(sym, prop, update(ip.get_prop(sym, prop)))
    if kind == "gethash":
        key, table = ip._eval(args[0], env), ip._eval(args[1], env)
        new = update(table.get(key, NIL))
        table.put(key, new)
        return new
    if kind == "alist-get":
        return _setf_alist_get(ip, args, update, env, form)
    if kind in ("aref", "elt") and len(args) == 2:
        seq, index = ip._eval(args[0], env), ip._eval(args[1], env)
        if type(seq) is Vector and type(index) is int:
            if not 0 <= index < len(seq):
                raise lisp_error("args-out-of-range", seq, index)
            new = update(seq[index])
            seq[index] = new
            return new
    if kind == "plist-get" and len(args) == 2:
        return _setf_plist_get(ip, args, update, env, form)
    if kind == "symbol-function" and args:
        from elconf.builtins.symbols import fset, symbol_function

        sym = ip._eval(args[0], env)
        new = update(symbol_function(ip, sym))
        fset(ip, sym, new)
        return new
    from elconf.cl_struct import setf_accessor

    done, new = setf_accessor(ip, place, update, env)
    if done:
        return new
    raise lisp_error("error", f"setf of ({kind} ...) is not modelled")


def _setf_plist_get(ip: Any, args: list[Any], update: Callable[[Any], Any], env: Any, form: Any) -> Any:
    """``(setf (plist-get PLIST PROP) VALUE)``: the value after PROP (``eq``) replaced, or
    PROP and VALUE put in front of PLIST (a place), as Emacs 28's gv expander does."""
    plist_place, prop = args[0], ip._eval(args[1], env)
    plist = ip._eval(plist_place, env)
    cell = plist
    while type(cell) is Cons and type(cell.cdr) is Cons:
        if cell.car is prop or (type(prop) is int and cell.car == prop and type(cell.car) is int):
            new = update(cell.cdr.car)
            ip.cell_writes += 1
            cell.cdr.car = new
            return new
        cell = cell.cdr.cdr
    new = update(NIL)
    extended = Cons(prop, Cons(new, plist))
    if type(plist_place) is Symbol:
        ip.set_variable(plist_place, extended, env, ip.here("setf", form))
    else:
        setf_place(ip, plist_place, lambda _old: extended, env, form)
    return new


def _setf_alist_get(ip: Any, args: list[Any], update: Callable[[Any], Any], env: Any, form: Any) -> Any:
    from elconf.equality import lisp_equal, lisp_eq

    key = ip._eval(args[0], env)
    alist_place = args[1]
    default = ip._eval(args[2], env) if len(args) > 2 else NIL
    test = lisp_equal if len(args) > 4 and ip._eval(args[4], env) is not NIL else lisp_eq
    alist = ip._eval(alist_place, env)
    for entry in (alist if type(alist) is Cons else ()):
        if type(entry) is Cons and test(entry.car, key):
            new = update(entry.cdr)
            ip.cell_writes += 1
            entry.cdr = new
            return new
    new = update(default)
    extended = Cons(Cons(key, new), alist)
    if type(alist_place) is Symbol:
        ip.set_variable(alist_place, extended, env, ip.here("setf", form))
    else:
        setf_place(ip, alist_place, lambda _old: extended, env, form)
    return new


def _use_package(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """``use-package``: its model (elconf.frameworks.use_package) is imported on first use."""
    from elconf.frameworks.use_package import sf_use_package

    return sf_use_package(ip, form, env)


def register(special: Callable[..., Callable[[Any], Any]]) -> None:
    """Add this module's forms to the special-form table."""
    special("`")(sf_backquote)
    special("use-package")(_use_package)
    for name, fn in _OWN.items():
        special(name)(fn)
