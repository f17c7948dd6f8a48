"""``use-package`` follows the use-package package (2.4.4, checked against
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

from elconf import loading
from elconf.builtins.custom import save_custom_value
from elconf.errors import LispSignal, lisp_error, wrong_type
from elconf.types import NIL, T, Cons, Symbol, intern

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


_DEFERRING = {":bind", ":bind*", ":bind-keymap", ":bind-keymap*", ":commands", ":autoload",
              ":hook", ":mode", ":interpreter", ":magic", ":magic-fallback",
              ":general"}   # general.el adds :general to use-package-deferring-keywords
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
    cell = form.cdr.cdr
    while type(cell) is Cons:
        item = cell.car
        if type(item) is Symbol and item.name[:1] == ":":
            current = args.setdefault(item.name, [])
        elif current is not None:
            current.append(item)
        cell = cell.cdr
    return name, args


def _flag(ip: Any, values: list[Any] | None, env: Any) -> Any:
    """A keyword's value: no argument means t; otherwise the evaluated first one."""
    if values is None:
        return NIL
    if not values:
        return T
    return ip._eval(values[0], env)


def _literal(values: list[Any] | None) -> bool:
    """``:defer``, ``:demand``, ``:no-require``: 2.4.4 decides while the form expands, on
    the argument as written (any form or symbol other than nil counts, even one whose
    value is nil); no argument means t."""
    return values is not None and (not values or values[0] is not NIL)


def sf_use_package(ip: Any, form: Cons, env: Any) -> Any:
    name, args = _keyword_args(form)
    if type(name) is not Symbol:
        raise wrong_type("symbolp", name)
    feature = name.name
    for key in args:
        if key not in _KNOWN:
            ip.diagnose("info", f"use-package {feature}: keyword {key} is not modelled; ignored",
                        "use-package-keyword", form, once=True)
    if ":disabled" in args:         # 2.4.4: (unless (memq :disabled args) ...), whatever follows
        return NIL
    if _needs_absent_manager(ip, feature, args, form):
        return NIL
    if _installer(ip, args, env) in ("use-package :ensure", "use-package-always-ensure") \
            and not getattr(ip, "elpaca_use_package", False):
        # use-package-ensure-elpa runs while the form expands (before :if): it loads
        # package.el to ask package-installed-p, whatever the answer.
        loading.require(ip, "package", ip.here("use-package :ensure", form))
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
    conditions = [(key, wanted) for key, wanted in ((":if", True), (":when", True),
                                                      (":unless", False)) if key in args]
    if not conditions:
        return _after_conditions(ip, form, name, args, env)
    return _if_conditions(ip, form, conditions, args, env,
                          lambda: _after_conditions(ip, form, name, args, env))


def _if_conditions(ip: Any, form: Cons, conditions: list[tuple[str, bool]],
                   args: dict[str, list[Any]], env: Any, rest: Callable[[], Any]) -> Any:
    """``:if``/``:when``/``:unless``: the rest of the form runs when they allow it.  A
    condition on an unknown value runs both ways, merged (``Interpreter.branch``), as the
    ``if`` use-package expands them into does."""
    if not conditions:
        return rest()
    (key, wanted), later = conditions[0], conditions[1:]
    value = _flag(ip, args[key], env)

    def go_on() -> Any:
        return _if_conditions(ip, form, later, args, env, rest)

    return ip.branch(value, form, go_on if wanted else _nil, _nil if wanted else go_on)


def _nil() -> Any:
    return NIL


def _after_conditions(ip: Any, form: Cons, name: Symbol, args: dict[str, list[Any]],
                      env: Any) -> Any:
    """The keywords after the conditions: ``:after``, the installer, the body."""
    feature = name.name

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


#: Keywords a package manager adds to use-package when it loads, by manager
#: (those elconf reads from the home: elconf.frameworks.MANAGERS).
_MANAGER_KEYWORDS = ((":straight", "straight"), (":elpaca", "elpaca"))
_MANAGER_KEYS = frozenset(key for key, _manager in _MANAGER_KEYWORDS)


def _needs_absent_manager(ip: Any, feature: str, args: dict[str, list[Any]], form: Cons) -> bool:
    """True when the form uses the keyword of a package manager that is not installed in
    this home.  use-package 2.4.4 alone rejects such a form: "Failed to parse package
    NAME: use-package: Unrecognized keyword: :straight" (a warning) and the macro expands
    to nil, so nothing of it runs, as in Emacs here (docs/frameworks.md)."""
    from elconf.frameworks import manager_absent

    if _MANAGER_KEYS.isdisjoint(args):
        return False
    for key, manager in _MANAGER_KEYWORDS:
        if key in args and manager_absent(ip, manager) is not None:
            title = _module_title(manager)
            ip.diagnose("info", f"use-package {feature}: {key} needs {title}, which is not installed "
                        f"in this home: Emacs 28.2's use-package rejects the whole form (\u201cFailed "
                        f"to parse package {feature}: use-package: Unrecognized keyword: {key}\u201d) "
                        f"and none of its settings apply, here as in Emacs here", "package-manager-missing",
                        form)
            return True
    return False


def _module_title(manager: str) -> str:
    import importlib

    return str(importlib.import_module(f"elconf.frameworks.{manager}").TITLE)


def _pin(ip: Any, name: Symbol, args: dict[str, list[Any]], env: Any, form: Cons) -> None:
    """``:pin ARCHIVE``: add (NAME . ARCHIVE) to ``package-pinned-packages``, as
    use-package-pin-package does; an archive missing from ``package-archives`` is an
    error (not caught by use-package).  package.el is loaded, as start-up has it loaded
    for anyone who installs packages."""
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
    deferred = not _DEFERRING.isdisjoint(args)
    if ":defer" in args:
        deferred = _literal(args[":defer"])
    elif loading.variable_true(ip, "use-package-always-defer"):
        deferred = True
    if _literal(args.get(":demand")):
        deferred = False
    elif loading.variable_true(ip, "use-package-always-demand"):
        deferred = False
    _guarded(ip, feature, ":init", args.get(":init", []), env)
    config = args.get(":config", [])
    # 2.4.4 adds :load NAME (the require) only when neither :defer nor :no-require is
    # written, whatever their argument: `:defer nil' runs :config at once, unloaded.
    no_require = ":load" not in args and (":defer" in args or ":no-require" in args)
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
