"""Built-in macros handled as special forms: ``when``/``unless``, ``dolist``/
``dotimes``, the ``if-let`` family, ``push``/``pop``/``setf`` on generalized
places, backquote and ``use-package``; plus the small helpers every
special-form handler uses (``nth_arg``, ``body_after`` ...).

Backquote is evaluated directly (no expansion into ``cons``/``append``
code): the value is the same and nested backquotes keep their inner
unquotes for a later evaluation, as Emacs's backquote.el does.

``use-package`` follows the use-package package (2.4.4, checked against
Debian's elpa-use-package with Emacs 28.2): keywords run in its fixed order;
``:custom`` is ``custom-theme-set-variables`` (set now if the variable is
bound, else saved for the library's defcustom); ``:init`` runs before the
load, ``:config`` after it; the load happens at once unless something defers
it; ``:after`` delays everything after it (``:custom`` and ``:init`` too).  Each keyword's
body is wrapped as use-package does (``use-package-catch``): an error there
becomes a warning and the init file goes on.
"""

from __future__ import annotations

from collections.abc import Callable

from elconf.errors import LimitExceeded, LispSignal, lisp_error, wrong_type
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
    """The subr-x binding conditionals: bind in order, stop at the first nil."""
    name = form.car.name
    spec = nth_arg(form, 0)
    if type(spec) is Cons and type(spec.car) is Symbol and type(spec.cdr) is Cons \
            and spec.cdr.cdr is NIL and name in ("if-let", "when-let"):
        spec = lisp_list([spec])     # the single-binding shorthand (VAR EXPR)
    frame = Env({}, env) if env is not None else None
    token = ip.store.binding_depth
    origin = ip.here("let", form)
    try:
        ok, last = True, T
        for binding in (spec if type(spec) is Cons else ()):
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
            if not ip.check_condition(value, form):
                ok = False
                break
        if name.startswith("if-let"):
            if ok:
                return ip._eval(nth_arg(form, 1), frame)
            return ip.progn(body_after(form, 2), frame)
        if not ok:
            return NIL
        body = body_after(form, 1)
        return ip.progn(body, frame) if body is not NIL else last
    finally:
        ip.store.unbind(token)


@_special("dolist")
def sf_dolist(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    spec = nth_arg(form, 0)
    sym, seq_form = spec.car, spec.cdr.car
    seq = ip._eval(seq_form, env)
    body = body_after(form, 1)
    cell = seq
    while type(cell) is Cons:
        tick(ip)
        ip.bind_and_run([(sym, cell.car)], body, env, "let")
        cell = cell.cdr
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
    for i in range(count):
        tick(ip)
        ip.bind_and_run([(sym, i)], body, env, "let")
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
        setattr(cell, kind, new)
        return new
    if kind == "nth":
        n, lst = ip._eval(args[0], env), ip._eval(args[1], env)
        for _ in range(n):
            lst = lst.cdr
        lst.car = update(lst.car)
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
    raise lisp_error("error", f"setf of ({kind} ...) is not modelled")


def _setf_alist_get(ip: Any, args: list[Any], update: Callable[[Any], Any], env: Any, form: Any) -> Any:
    from elconf.equality import lisp_equal, lisp_eq

    key = ip._eval(args[0], env)
    alist_place = args[1]
    default = ip._eval(args[2], env) if len(args) > 2 else NIL
    test = lisp_equal if len(args) > 4 and ip._eval(args[4], env) is not NIL else lisp_eq
    alist = ip._eval(alist_place, env)
    for entry in (alist if type(alist) is Cons else ()):
        if type(entry) is Cons and test(entry.car, key):
            entry.cdr = update(entry.cdr)
            return entry.cdr
    new = update(default)
    extended = Cons(Cons(key, new), alist)
    if type(alist_place) is Symbol:
        ip.set_variable(alist_place, extended, env, ip.here("setf", form))
    else:
        setf_place(ip, alist_place, lambda _old: extended, env, form)
    return new


# -- use-package -------------------------------------------------------------

_DEFERRING = {":bind", ":bind*", ":bind-keymap", ":bind-keymap*", ":commands", ":autoload",
              ":hook", ":mode", ":interpreter", ":magic", ":magic-fallback"}
_KNOWN = _DEFERRING | {":disabled", ":load-path", ":requires", ":defines", ":functions", ":preface",
                       ":if", ":when", ":unless", ":no-require", ":catch", ":after", ":custom",
                       ":custom-face", ":init", ":defer", ":demand", ":load", ":config", ":ensure",
                       ":straight", ":pin", ":diminish", ":delight", ":quelpa", ":el-get",
                       ":vc", ":elpaca", ":general", ":blackout", ":ghook", ":gfhook", ":bind-key",
                       ":chords", ":hydra", ":doc", ":defer-install", ":mode-hydra", ":pretty-hydra",
                       ":magic", ":custom-update", ":init-value", ":config-value", ":after-call"}


def _keyword_args(form: Cons) -> tuple[Symbol, dict[str, list[Any]]]:
    name = form.cdr.car
    args: dict[str, list[Any]] = {}
    current: list[Any] | None = None
    for item in (form.cdr.cdr if type(form.cdr.cdr) is Cons else ()):
        if type(item) is Symbol and item.name.startswith(":"):
            current = args.setdefault(item.name, [])
        elif current is not None:
            current.append(item)
    return name, args


def _flag(ip: Any, values: list[Any] | None, env: Any) -> Any:
    """A keyword's value: no argument means t; otherwise the evaluated first one."""
    if values is None:
        return NIL
    if not values:
        return T
    return ip._eval(values[0], env)


def sf_use_package(ip: Any, form: Cons, env: Any) -> Any:
    from elconf import loading

    name, args = _keyword_args(form)
    if type(name) is not Symbol:
        raise wrong_type("symbolp", name)
    feature = name.name
    for key in args:
        if key not in _KNOWN:
            ip.diagnose("info", f"use-package {feature}: keyword {key} is not modelled; ignored",
                        "use-package-keyword", form, once=True)
    if ":disabled" in args and _flag(ip, args[":disabled"], env) is not NIL:
        return NIL
    _pin(ip, name, args, env, form)      # use-package-ensure puts :pin first of all keywords
    for path_form in args.get(":load-path", []):
        loading.add_load_path(ip, ip._eval(path_form, env) if type(path_form) is Cons
                              and not isinstance(path_form.car, str) else path_form,
                              ip.here("use-package :load-path", form))
    for req in args.get(":requires", []):
        needed = list(req) if type(req) is Cons else [req]
        if not all(type(r) is Symbol and r.name in ip.features for r in needed):
            return NIL
    _guarded(ip, feature, ":preface", args.get(":preface", []), env)
    for key, wanted in ((":if", True), (":when", True), (":unless", False)):
        if key in args and ip.check_condition(_flag(ip, args[key], env), form) != wanted:
            return NIL

    def rest() -> None:
        _use_package_body(ip, form, feature, args, env)

    def run() -> None:
        from elconf.frameworks import after_spec

        after = args.get(":after", [])
        if after and after[0] is not NIL:
            after_spec(ip, after[0], rest, form, once=True)
        else:
            rest()

    installer = _installer(ip, args, env)
    if installer is not None:
        from elconf.frameworks import elpaca
        from elconf.frameworks.package import mark_installed

        mark_installed(ip, name)
        if installer in ("use-package :ensure", "use-package :elpaca", "use-package-always-ensure") \
                and elpaca.queue_use_package(ip, run):
            return T                # elpaca: (elpaca NAME (use-package NAME ...)), run later
    run()
    return T


def _pin(ip: Any, name: Symbol, args: dict[str, list[Any]], env: Any, form: Cons) -> None:
    """``:pin ARCHIVE``: add (NAME . ARCHIVE) to ``package-pinned-packages``, as
    use-package-pin-package does; an archive missing from ``package-archives`` is an
    error (not caught by use-package).  package.el is loaded, as start-up has it loaded
    for anyone who installs packages."""
    from elconf import loading

    values = args.get(":pin")
    if not values or values[0] is NIL:
        return
    archive = values[0]
    archive_name = archive.name if type(archive) is Symbol else archive
    if not isinstance(archive_name, str):
        return
    loading.require(ip, "package", ip.here("use-package :pin", form))
    archives = ip.store.value("package-archives")
    if type(archives) is not Cons and archives is not NIL:
        return                                  # unknown here: nothing certain to say
    known = {entry.car for entry in (archives if type(archives) is Cons else ())
             if type(entry) is Cons and isinstance(entry.car, str)}
    if archive_name != "manual" and archive_name not in known:
        # use-package writes '%s' and format-message turns each ' into \u2019
        raise lisp_error("error", f"Archive \u2019{archive_name}\u2019 requested for package "
                         f"\u2019{name.name}\u2019 is not available")
    pinned = ip.store.value("package-pinned-packages")
    entry = Cons(name, archive_name)
    from elconf.equality import lisp_equal

    if not any(lisp_equal(e, entry) for e in (pinned if type(pinned) is Cons else ())):
        ip.store.assign("package-pinned-packages", Cons(entry, pinned if type(pinned) is Cons else NIL),
                        ip.here("use-package :pin", form))


def _use_package_body(ip: Any, form: Cons, feature: str, args: dict[str, list[Any]], env: Any) -> None:
    from elconf import loading

    from elconf.builtins.custom import save_custom_value

    for entry in _custom_entries(args.get(":custom", [])):
        sym, value_form = entry.car, entry.cdr.car if type(entry.cdr) is Cons else NIL
        try:
            save_custom_value(ip, sym.name, value_form, False,
                              ip.here("use-package :custom", entry if entry.pos else form))
        except LispSignal as exc:
            _warn(ip, feature, ":custom", exc, form)
    for command in args.get(":commands", []) + args.get(":autoload", []):
        for sym in (command if type(command) is Cons else [command]):
            if type(sym) is Symbol and ip.functions.get(sym) is None:
                ip.autoloads.setdefault(sym.name, feature)
    deferred = any(k in args for k in _DEFERRING)
    if ":defer" in args:
        deferred = _flag(ip, args[":defer"], env) is not NIL
    elif loading.variable_true(ip, "use-package-always-defer"):
        deferred = True
    if ":demand" in args and _flag(ip, args[":demand"], env) is not NIL:
        deferred = False
    elif loading.variable_true(ip, "use-package-always-demand"):
        deferred = False
    _guarded(ip, feature, ":init", args.get(":init", []), env)
    config = args.get(":config", [])
    no_require = ":no-require" in args and _flag(ip, args[":no-require"], env) is not NIL
    if deferred:
        defer_value = args.get(":defer", [])
        if defer_value and isinstance(defer_value[0], (int, float)):
            ip.idle_loads.append((feature, ip.here("use-package :defer", form)))
        if config:
            loading.eval_after_load(ip, intern(feature),
                                    lambda: _guarded(ip, feature, ":config", config, env), form)
        return
    if not no_require:
        if not loading.require(ip, feature, ip.here("use-package", form), noerror=True,
                               installed_by=_installer(ip, args, env)):
            ip.diagnose("warning", f"use-package: Cannot load {feature} (its :config does not run)",
                        "use-package-load-failed", form)
            return
    _guarded(ip, feature, ":config", config, env)


_INSTALLERS = (":ensure", ":straight", ":elpaca", ":quelpa", ":el-get", ":vc")


def _installer(ip: Any, args: dict[str, list[Any]], env: Any) -> str | None:
    """The keyword that installs the package (or use-package-always-ensure), if any."""
    from elconf import loading

    for key in _INSTALLERS:
        if key in args:
            values = args[key]
            if not values or values[0] is not NIL:
                return f"use-package {key}"
            return None
    if loading.variable_true(ip, "use-package-always-ensure"):
        return "use-package-always-ensure"
    if "straight" in ip.features and loading.variable_true(ip, "straight-use-package-by-default"):
        return "straight-use-package-by-default"
    return None


def _custom_entries(values: list[Any]) -> list[Cons]:
    entries: list[Cons] = []
    for value in values:
        if type(value) is Cons and type(value.car) is Cons:
            entries.extend(e for e in value if type(e) is Cons)
        elif type(value) is Cons:
            entries.append(value)
    return entries


def _guarded(ip: Any, feature: str, keyword: str, body: list[Any], env: Any) -> None:
    """Run a keyword's forms as use-package-catch does: an error becomes a warning."""
    for item in body:
        try:
            ip._eval(item, env)
        except LispSignal as exc:
            _warn(ip, feature, keyword, exc, item)
            return


def _warn(ip: Any, feature: str, keyword: str, exc: LispSignal, form: Any) -> None:
    ip.diagnose("warning", f"use-package: {feature}/{keyword}: {exc.message()} "
                f"(use-package reports this and the init file goes on)", "use-package-error", form)


def register(special: Callable[..., Callable[[Any], Any]]) -> None:
    """Add this module's forms to the special-form table."""
    special("`")(sf_backquote)
    special("use-package")(sf_use_package)
    for name, fn in _OWN.items():
        special(name)(fn)
