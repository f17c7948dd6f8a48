"""Doom Emacs, modelled: the user's files run, Doom's own core never does.

What we follow (Doom's sources, ``lisp/doom.el``, ``lisp/doom-lib.el``,
``lisp/doom-start.el``; see docs/frameworks.md):

* Load order: ``$DOOMDIR/init.el`` (its ``doom!`` block names the enabled
  modules), then the modules (their own code is not ours to run; models of
  the ones that hold mail defaults register in :data:`MODULE_MODELS`), then
  ``$DOOMDIR/config.el``, then ``custom-file`` (``$DOOMDIR/custom.el``).
  ``packages.el`` is read by ``doom sync``, not at start-up, and is not
  loaded.  :func:`prepare` sets Doom's core variables first.
* The configuration macros of ``doom-lib.el`` (``after!``, ``setq!``,
  ``add-hook!``, ``load!`` ...), each written here from its documented
  behaviour; keymaps, faces and popups (``map!``, ``custom-set-faces!``,
  ``set-popup-rule!`` ...) change no variable and are accepted as no-ops.

Outside Doom (no ``doom`` feature, and the file is not in a Doom user
directory) the macros are unknown calls, as they are in a plain Emacs.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from elconf.types import NIL, T, Cons, Symbol, intern, lisp_list

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

#: Models of Doom modules, keyed by (category, module) as in ``doom!`` (":email", "mu4e"):
#: ``fn(ip, flags)`` runs after init.el, before config.el, as Doom loads modules there.
MODULE_MODELS: dict[tuple[str, str], Callable[[Any, list[str]], None]] = {}


def _email_mu4e(ip: Any, flags: list[str]) -> None:
    """``:email (mu4e ...)``: the module's defaults (modelled with the accounts)."""
    from elconf.builtins.doom_email import _module

    _module(ip)


MODULE_MODELS[(":email", "mu4e")] = _email_mu4e


# -- when is Doom there -----------------------------------------------------------------

def user_directory_of(path: str | None) -> bool:
    """Whether ``path`` is a file of a Doom user directory (its init.el calls ``doom!``)."""
    if not path:
        return False
    if "/.doom.d/" in path or "/.config/doom/" in path:
        return True
    return _has_doom_block(os.path.join(os.path.dirname(path), "init.el"))


_doom_blocks: dict[str, bool] = {}


def _has_doom_block(init: str) -> bool:
    known = _doom_blocks.get(init)
    if known is None:
        try:
            with open(init, encoding="utf-8", errors="replace") as handle:
                known = "(doom!" in handle.read(200_000)
        except OSError:
            known = False
        _doom_blocks[init] = known
    return known


def in_doom(ip: Any) -> bool:
    return "doom" in ip.features or user_directory_of(ip.file)


def _doom_only(handler: Callable[..., Any]) -> Callable[..., Any]:
    """A Doom macro: outside Doom it is the unknown call it is in a plain Emacs."""
    def form(ip: Any, form: Cons, env: Any) -> Any:
        if not in_doom(ip):
            return ip._call_unknown(form.car, form, env)
        return handler(ip, form, env)
    form.__name__ = handler.__name__
    form.__doc__ = handler.__doc__
    return form


# -- start-up ---------------------------------------------------------------------------

def prepare(ip: Any, emacs_dir: Path, user_dir: Path, core: Path | None) -> None:
    """Doom's core variables, as ``lisp/doom.el`` (or ``core/core.el``) leaves them
    (``core`` None: Doom is not installed here; its place is assumed, Doom 3's layout)."""
    from elconf.loading import provide
    from elconf.store import Origin

    core = core or emacs_dir / "lisp" / "doom.el"
    origin = Origin("startup", str(core), None, None, library="doom")
    emacs = _dir(ip, emacs_dir)
    user = _dir(ip, user_dir)
    local = os.path.join(str(emacs_dir), ".local") + "/"
    values: dict[str, Any] = {
        "doom-emacs-dir": emacs, "doom-user-dir": user, "doom-private-dir": user,
        "doom-core-dir": str(core.parent) + "/", "doom-modules-dir": emacs + "modules/",
        "doom-local-dir": local, "doom-data-dir": local + "etc/", "doom-etc-dir": local + "etc/",
        "doom-cache-dir": local + "cache/", "doom-state-dir": local + "state/",
        "doom-profile": NIL, "doom-version": _doom_version(core), "doom-disabled-packages": NIL,
        "doom-leader-key": "SPC", "doom-localleader-key": "SPC m",
        "IS-MAC": NIL, "IS-LINUX": T, "IS-WINDOWS": NIL, "IS-BSD": NIL,
        "EMACS28+": T, "EMACS29+": NIL, "MODULES": T, "NATIVECOMP": NIL,
        "package-enable-at-startup": NIL,
        "custom-file": os.path.join(user, "custom.el"),
        "user-emacs-directory": local + "cache/",
    }
    for name, value in values.items():
        ip.store.set(name, value, origin)
        ip.store.special.add(name)
    for feature in ("doom-lib", "doom", "doom-start"):
        provide(ip, feature)


def _dir(ip: Any, path: Path) -> str:
    return str(path).rstrip("/") + "/"


def _doom_version(core: Path) -> str:
    try:
        text = core.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "3.0.0-pre"
    found = re.search(r'\(defconst doom-version\s+"([^"]+)"', text)
    return found.group(1) if found else "3.0.0-pre"


def load_modules(ip: Any) -> None:
    """Between init.el and config.el: the models of the enabled modules, in ``doom!`` order."""
    for (category, module), flags in enabled_modules(ip).items():
        model = MODULE_MODELS.get((category, module))
        if model is not None:
            model(ip, flags)


def enabled_modules(ip: Any) -> dict[tuple[str, str], list[str]]:
    found = getattr(ip, "doom_modules", None)
    if found is None:
        found = ip.doom_modules = {}
    return found


# -- the macros ---------------------------------------------------------------------------

def _args(form: Cons) -> list[Any]:
    return list(form.cdr) if type(form.cdr) is Cons else []


def _quoted(value: Any) -> Any:
    """``'x`` -> x, ``#'x`` -> x, anything else as is (Doom's ``doom-unquote``)."""
    while type(value) is Cons and value.car in (intern("quote"), intern("function")) \
            and type(value.cdr) is Cons:
        value = value.cdr.car
    return value


@_doom_only
def sf_doom(ip: Any, form: Cons, env: Any) -> Any:
    """``(doom! :CATEGORY MODULE (MODULE +FLAG...) ...)``: record the enabled modules."""
    modules = enabled_modules(ip)
    category = None
    for item in _args(form):
        if type(item) is Symbol and item.is_keyword:
            category = item.name
        elif category is not None and type(item) is Symbol:
            modules[(category, item.name)] = []
        elif category is not None and type(item) is Cons and type(item.car) is Symbol:
            modules[(category, item.car.name)] = [x.name for x in item.cdr if type(x) is Symbol] \
                if type(item.cdr) is Cons else []
    ip.store.set("doom-modules", lisp_list([intern(f"{c}/{m}") for c, m in modules]),
                 ip.here("doom!", form))
    return NIL


def _disabled(ip: Any) -> set[str]:
    value = ip.store.value("doom-disabled-packages")
    return {x.name for x in value if type(x) is Symbol} if type(value) is Cons else set()


@_doom_only
def sf_after(ip: Any, form: Cons, env: Any) -> Any:
    """``(after! PACKAGES BODY...)``: BODY once the package(s) have loaded."""
    from elconf.interpreter import Closure

    spec = _quoted(form.cdr.car) if type(form.cdr) is Cons else NIL
    body = Closure(NIL, form.cdr.cdr, env, None, ip.file)
    from elconf.frameworks import after_spec

    after_spec(ip, spec, lambda: ip.call_closure(body, []), form, skip=frozenset(_disabled(ip)))
    return NIL


@_doom_only
def sf_setq(ip: Any, form: Cons, env: Any) -> Any:
    """``(setq! VAR VALUE ...)``: set as ``customize-set-variable`` (Doom 3: ``setopt``)."""
    from elconf.special_forms import assign_pairs

    return assign_pairs(ip, form, env, ip.store.set, "setq!")


@_doom_only
def sf_use_package(ip: Any, form: Cons, env: Any) -> Any:
    """``use-package!``: use-package, except for a package ``package!`` disabled."""
    from elconf.frameworks.use_package import sf_use_package

    name = form.cdr.car if type(form.cdr) is Cons else NIL
    if type(name) is Symbol and name.name in _disabled(ip):
        return NIL
    return sf_use_package(ip, form, env)


def _hooks(spec: Any) -> list[Symbol]:
    """Doom's hook names: a quoted hook (list) as is; an unquoted mode (list) gets -hook."""
    if type(spec) is Cons and spec.car is intern("quote"):
        inner = spec.cdr.car
        return [inner] if type(inner) is Symbol else [x for x in inner if type(x) is Symbol]
    modes = [spec] if type(spec) is Symbol else list(spec) if type(spec) is Cons else []
    found = []
    for mode in modes:
        if type(mode) is Cons and mode.car is intern("quote"):
            found.append(mode.cdr.car)
        elif type(mode) is Symbol:
            found.append(intern(mode.name + "-hook"))
    return found


@_doom_only
def sf_add_hook(ip: Any, form: Cons, env: Any) -> Any:
    """``(add-hook! HOOKS [:append :local :depth N :remove] FUNCTIONS-OR-FORMS...)``."""
    from elconf.interpreter import Closure

    args = _args(form)
    hooks = _hooks(args.pop(0)) if args else []
    append, local, remove, depth = NIL, NIL, form.car.name == "remove-hook!", None
    while args and type(args[0]) is Symbol and args[0].is_keyword:
        key = args.pop(0).name
        if key == ":append":
            append = T
        elif key == ":local":
            local = T
        elif key == ":remove":
            remove = True
        elif key == ":depth" and args:
            depth = ip._eval(args.pop(0), env)
    functions: list[Any] = []
    while args:
        item = args.pop(0)
        head = item.car if type(item) is Cons else None
        if head in (intern("function"), NIL) or (type(item) is Symbol):
            functions.append(ip._eval(item, env))
        elif head is intern("quote"):
            quoted = item.cdr.car
            functions.extend(quoted if type(quoted) is Cons else [quoted])
        elif type(head) is Symbol and head.name in ("defun", "cl-defun"):
            ip._eval(item, env)
            functions.append(item.cdr.car)
        else:                                  # forms: one lambda of them and all that follow
            functions.append(Closure(lisp_list([intern("&rest"), intern("_")]),
                                     lisp_list([item, *args]), env, None, ip.file))
            args = []
    for hook in hooks:
        for fn in functions:
            if remove:
                ip.funcall(intern("remove-hook"), [hook, fn, local])
            else:
                ip.funcall(intern("add-hook"), [hook, fn, depth if depth is not None else append, local])
    return NIL


@_doom_only
def sf_setq_hook(ip: Any, form: Cons, env: Any) -> Any:
    """``(setq-hook! HOOKS VAR VALUE ...)``: a function that does ``setq-local`` in
    each hook's buffers (named as Doom names it); no global value changes."""
    from elconf.interpreter import Closure

    args = _args(form)
    hooks = _hooks(args.pop(0)) if args else []
    pairs = [(args[i], args[i + 1]) for i in range(0, len(args) - 1, 2)]
    for hook in hooks:
        mode = hook.name.removesuffix("-hook")
        for var, value in pairs:
            fname = intern(f"doom--setq-{var.name}-for-{mode}-h")
            body = lisp_list([lisp_list([intern("setq-local"), var, value])])
            ip.functions[fname] = Closure(lisp_list([intern("&rest"), intern("_")]), body, env,
                                          fname.name, ip.file)
            if form.car.name == "unsetq-hook!":
                ip.funcall(intern("remove-hook"), [hook, fname])
            else:
                ip.funcall(intern("add-hook"), [hook, fname, -90])
    return NIL


@_doom_only
def sf_load(ip: Any, form: Cons, env: Any) -> Any:
    """``(load! FILE [DIR NOERROR])``: FILE relative to DIR, else to the current file."""
    from elconf.loading import lisp_load

    args = _args(form)
    name = ip._eval(args[0], env) if args else NIL
    directory = ip._eval(args[1], env) if len(args) > 1 else NIL
    noerror = ip._eval(args[2], env) if len(args) > 2 else NIL
    if not isinstance(name, str):
        return ip.opaque("(load! ...)", form)
    if not isinstance(directory, str):
        directory = os.path.dirname(ip.file) if ip.file else "."
    return lisp_load(ip, os.path.join(directory, name), noerror is not NIL, False, False, form)


@_doom_only
def sf_defadvice(ip: Any, form: Cons, env: Any) -> Any:
    """``(defadvice! NAME ARGS [DOC] [:WHERE PLACES]... BODY)``: defines NAME and adds it
    as WHERE advice to each function of PLACES (evaluated, a symbol or a list), as Doom's
    macro does (elconf.advice); ``undefadvice!`` removes it."""
    from elconf.advice import advice_add, advice_remove

    args = _args(form)
    if len(args) < 2:
        return NIL
    name, params, rest = args[0], args[1], args[2:]
    doc = [rest.pop(0)] if rest and isinstance(rest[0], str) else []
    places = []
    while len(rest) > 1 and type(rest[0]) is Symbol and rest[0].is_keyword:
        places.append((rest[0], rest[1]))
        rest = rest[2:]
    adding = form.car.name == "defadvice!"
    if adding:
        ip._eval(lisp_list([intern("defun"), name, params, *doc, *rest]), env)
    for where, expr in places:
        targets = ip._eval(expr, env)
        for target in (_args(Cons(NIL, targets)) if type(targets) is Cons else [targets]):
            if type(target) is not Symbol or target is NIL:
                continue                    # an unknown target: nothing known is advised
            if adding:
                advice_add(ip, target, where, name)
            else:
                advice_remove(ip, target, name)
    return name


@_doom_only
def sf_package(ip: Any, form: Cons, env: Any) -> Any:
    """``(package! NAME [:recipe ... :pin ... :disable t])`` (packages.el)."""
    from elconf.frameworks.package import mark_installed

    args = _args(form)
    if not args or type(args[0]) is not Symbol:
        return NIL
    name, options = args[0], args[1:]
    disable = any(type(k) is Symbol and k.name == ":disable" and ip._eval(v, env) is not NIL
                  for k, v in zip(options[::2], options[1::2]))
    if disable:
        _disable(ip, [name], form)
        return NIL
    mark_installed(ip, name)
    return T


def _disable(ip: Any, names: list[Any], form: Cons) -> None:
    current = ip.store.value("doom-disabled-packages")
    items = list(current) if type(current) is Cons else []
    items += [n for n in names if type(n) is Symbol and n not in items]
    ip.store.set("doom-disabled-packages", lisp_list(items), ip.here("package! :disable", form))


@_doom_only
def sf_disable_packages(ip: Any, form: Cons, env: Any) -> Any:
    _disable(ip, _args(form), form)
    return NIL


@_doom_only
def sf_modulep(ip: Any, form: Cons, env: Any) -> Any:
    """``(modulep! :CATEGORY MODULE [+FLAG -FLAG...])``; ``(modulep! +FLAG)`` asks about
    the module whose file is running, and a user's file is in none."""
    args = [a for a in _args(form) if type(a) is Symbol]
    if len(args) < 2 or not args[0].is_keyword:
        return NIL
    flags = enabled_modules(ip).get((args[0].name, args[1].name))
    if flags is None:
        return NIL
    for wanted in args[2:]:
        if wanted.name.startswith("+") and wanted.name not in flags:
            return NIL
        if wanted.name.startswith("-") and "+" + wanted.name[1:] in flags:
            return NIL
    return T


def _rewrite(build: Callable[[list[Any]], Any]) -> Callable[..., Any]:
    """A macro given as its expansion (an ordinary form evaluated in place)."""
    def form(ip: Any, form: Cons, env: Any) -> Any:
        if not in_doom(ip):
            return ip._call_unknown(form.car, form, env)
        return ip._eval(build(_args(form)), env)
    return form


def _sym(name: str) -> Symbol:
    return intern(name)


def _appendq(args: list[Any]) -> Any:
    return lisp_list([_sym("setq"), args[0], lisp_list([_sym("append"), args[0], *args[1:]])])


def _prependq(args: list[Any]) -> Any:
    return lisp_list([_sym("setq"), args[0], lisp_list([_sym("append"), *args[1:], args[0]])])


def _delq(args: list[Any]) -> Any:
    elt = args[0] if len(args) < 3 else lisp_list([_sym("funcall"), args[2], args[0], args[1]])
    return lisp_list([_sym("setq"), args[1], lisp_list([_sym("delq"), elt, args[1]])])


def _pushnew(args: list[Any]) -> Any:
    place, values = args[0], args[1:]
    return lisp_list([_sym("dolist"), lisp_list([_sym("elconf--x"), lisp_list([_sym("list"), *values])]),
                      lisp_list([_sym("add-to-list"), lisp_list([_sym("quote"), place]),
                                 _sym("elconf--x"), NIL, lisp_list([_sym("function"), _sym("equal")])])])


def _lambda(args: list[Any]) -> Any:
    return lisp_list([_sym("lambda"), lisp_list([_sym("&rest"), _sym("_")]), *args])


def _lambda_with_args(args: list[Any]) -> Any:
    return lisp_list([_sym("lambda"), *args])


def _progn(args: list[Any]) -> Any:
    return lisp_list([_sym("progn"), *args])


def _when_condition(args: list[Any]) -> Any:
    return lisp_list([_sym("when"), *args])


def _add_load_path(args: list[Any]) -> Any:
    return lisp_list([_sym("dolist"), lisp_list([_sym("elconf--d"), lisp_list([_sym("list"), *args])]),
                      lisp_list([_sym("add-to-list"), lisp_list([_sym("quote"), _sym("load-path")]),
                                 lisp_list([_sym("expand-file-name"), _sym("elconf--d"),
                                            lisp_list([_sym("dir!")])])])])


def sf_file(ip: Any, form: Cons, env: Any) -> Any:
    return ip.file if ip.file else NIL


def sf_dir(ip: Any, form: Cons, env: Any) -> Any:
    return os.path.dirname(ip.file) + "/" if ip.file else NIL


def sf_no_op(ip: Any, form: Cons, env: Any) -> Any:
    """Keymaps, faces, popups, lookup handlers ...: no variable changes; not evaluated."""
    return NIL


SPECIAL: dict[str, Callable[..., Any]] = {
    "doom!": sf_doom, "after!": sf_after, "setq!": sf_setq, "use-package!": sf_use_package,
    "add-hook!": sf_add_hook, "remove-hook!": sf_add_hook, "setq-hook!": sf_setq_hook,
    "unsetq-hook!": sf_setq_hook, "load!": sf_load, "defadvice!": sf_defadvice,
    "undefadvice!": sf_defadvice, "package!": sf_package, "disable-packages!": sf_disable_packages,
    "modulep!": sf_modulep, "featurep!": sf_modulep,
    "appendq!": _rewrite(_appendq), "prependq!": _rewrite(_prependq), "delq!": _rewrite(_delq),
    "pushnew!": _rewrite(_pushnew), "quiet!": _rewrite(_progn), "cmd!": _rewrite(_lambda),
    "cmd!!": sf_no_op, "lambda!": _rewrite(_lambda_with_args), "fn!": _rewrite(_lambda),
    "defer-until!": _rewrite(_when_condition), "add-load-path!": _rewrite(_add_load_path),
    "file!": sf_file, "dir!": sf_dir,
}
for _name in ("map!", "custom-set-faces!", "custom-theme-set-faces!", "unpin!",
              "add-transient-hook!", "set-popup-rule!", "set-popup-rules!", "set-company-backend!",
              "set-lookup-handlers!", "set-formatter!", "set-repl-handler!", "set-eval-handler!",
              "set-ligatures!", "set-docsets!", "set-electric!", "set-file-template!",
              "undefine-key!", "after-call!"):
    SPECIAL[_name] = _doom_only(sf_no_op)
