"""Package managers and configuration frameworks, modelled and never run.

Real init files install packages (package.el, straight.el, elpaca, quelpa,
el-get) and many are written for a framework (Doom Emacs, Spacemacs).  None
of that code can run here: it downloads, compiles and writes files.  Each
module of this package models what one of them does *to the variables* of
the user's Emacs, on the assumption that the user's machine has the
packages their configuration installs (it does: they start that Emacs every
day).  ``docs/frameworks.md`` says what each model follows.

This module is the one place that registers them into the interpreter's
tables (:func:`register`, called once from :mod:`elconf.special_forms`).
The names are listed here; a model's module is imported only when one of
its names is first used, so a plain ``elsend`` never imports a framework it
does not meet.
"""

from __future__ import annotations

import importlib

from elconf.types import Cons, Symbol, intern

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

#: Special forms (macros: unevaluated arguments), by the module that models them.
SPECIAL_FORMS: dict[str, tuple[str, ...]] = {
    "doom": ("doom!", "after!", "setq!", "setq-hook!", "unsetq-hook!", "use-package!",
             "add-hook!", "remove-hook!", "map!", "load!", "defadvice!", "undefadvice!",
             "custom-set-faces!", "custom-theme-set-faces!", "package!", "modulep!", "featurep!",
             "add-load-path!", "appendq!", "prependq!", "delq!", "pushnew!", "quiet!", "cmd!",
             "cmd!!", "defer-until!", "add-transient-hook!", "disable-packages!", "unpin!",
             "file!", "dir!", "lambda!", "fn!", "after-call!", "set-popup-rule!",
             "set-popup-rules!", "set-company-backend!", "set-lookup-handlers!",
             "set-formatter!", "set-repl-handler!", "set-eval-handler!", "set-ligatures!",
             "set-docsets!", "set-electric!", "set-file-template!", "undefine-key!"),
    "elpaca": ("elpaca",),
    "el_get": ("el-get-bundle", "el-get-bundle!"),
    "spacemacs": ("spacemacs|use-package-add-hook", "spacemacs|define-transient-state",
                  "spacemacs|add-toggle", "spacemacs|define-jump-handlers",
                  "spacemacs|do-after-display-system-init", "spacemacs|define-custom-layout"),
}

#: Functions (evaluated arguments), by the module that models them.
FUNCTIONS: dict[str, tuple[str, ...]] = {
    "package": ("package-initialize", "package-activate-all", "package-refresh-contents",
                "package-install", "package-installed-p", "package-install-selected-packages",
                "package-autoremove", "package-activate", "package-read-all-archive-contents",
                "package-load-all-descriptors", "package-vc-install", "package-upgrade",
                "package-upgrade-all", "package-quickstart-refresh"),
    "straight": ("straight-use-package", "straight-register-package", "straight-pull-all",
                 "straight-pull-package", "straight-freeze-versions", "straight-thaw-versions",
                 "straight-rebuild-all", "straight-rebuild-package", "straight-check-all",
                 "straight-prune-build", "straight-use-package-mode", "straight-vc-git--clone"),
    "elpaca": ("elpaca-use-package-mode", "elpaca-wait", "elpaca-process-queues",
               "elpaca-generate-autoloads", "elpaca-queue", "elpaca-use-package"),
    "quelpa": ("quelpa", "quelpa-self-upgrade", "quelpa-upgrade", "quelpa-upgrade-all",
               "quelpa-checkout", "quelpa-use-package-activate-advice"),
    "el_get": ("el-get", "el-get-install", "el-get-self-update", "el-get-elpa-build-local-recipes",
               "el-get-emacswiki-refresh", "el-get-cleanup"),
    "spacemacs": ("spacemacs/set-leader-keys", "spacemacs/set-leader-keys-for-major-mode",
                  "spacemacs/set-leader-keys-for-minor-mode", "spacemacs/declare-prefix",
                  "spacemacs/declare-prefix-for-mode", "spacemacs/toggle-indent-guide-globally-on",
                  "spacemacs/startup-hook", "configuration-layer/package-used-p",
                  "configuration-layer/layer-used-p", "configuration-layer/package-usedp",
                  "configuration-layer/layer-usedp", "spacemacs/load-spacemacs-env",
                  "spacemacs/load-theme", "spacemacs/add-to-hooks", "spacemacs/add-to-hook"),
}


def _module(name: str) -> Any:
    return importlib.import_module(f"elconf.frameworks.{name}")


def _lazy_form(name: str, module: str, table: dict[Symbol, Any]) -> Callable[..., Any]:
    """A special form that imports its model on first use and then replaces itself (a
    package manager's form keeps asking whether the manager is here, see :func:`absent_call`)."""
    def first_use(ip: Any, form: Any, env: Any) -> Any:
        handler = _module(module).SPECIAL[name]
        if module in MANAGERS:
            def handler(ip: Any, form: Any, env: Any, model: Any = handler) -> Any:
                missing = absent_call(ip, module, name, form)
                return missing if missing is not None else model(ip, form, env)
        table[intern(name)] = handler
        return handler(ip, form, env)
    first_use.__name__ = "lazy_" + name
    return first_use


def _lazy_function(name: str, module: str) -> Callable[..., Any]:
    def first_use(ip: Any, *args: Any) -> Any:
        if module in MANAGERS:
            missing = absent_call(ip, module, name)
            if missing is not None:
                return missing
        return _module(module).FUNCTIONS[name](ip, *args)
    first_use.__name__ = "lazy_" + name
    return first_use


# -- package managers that are a fact of the home -----------------------------------

#: The package managers whose presence elconf reads from the home (straight.el,
#: elpaca): a configuration bootstraps them by downloading them, which neither elconf
#: nor an Emacs without network does, so where they are not installed, Emacs here
#: cannot have loaded them.  Each module has ``installed_here(ip) -> str | None`` (None:
#: installed; else the file or directory that is missing) and ``TITLE``.
MANAGERS = ("straight", "elpaca")

#: The features of those package managers, by manager.
MANAGER_FEATURES = {"straight": "straight", "straight-x": "straight",
                    "straight-ert-print-hack": "straight", "elpaca": "elpaca",
                    "elpaca-autoloads": "elpaca", "elpaca-use-package": "elpaca"}


def manager_absent(ip: Any, manager: str) -> Any:
    """None when package manager ``manager`` is loaded or installed in this home; else
    the unknown that stands for what it would do (with the run's one note saying how
    to get the other reading, rule ``package-manager-missing``)."""
    if manager in ip.features or manager in getattr(ip, "managers_here", ()):
        return None
    model = _module(manager)
    missing = model.installed_here(ip)
    if missing is None:
        return None
    from elconf.unknowns import Opaque

    noted = getattr(ip, "absent_managers", None)
    if noted is None:
        noted = ip.absent_managers = set()
    if manager not in noted:
        noted.add(manager)
        ip.diagnose("info", f"{model.TITLE} is not installed in this home ({missing} does not "
                    "exist), so Emacs here cannot load it: its bootstrap downloads it, which "
                    "neither Emacs without network nor elconf does. What needs it is not evaluated "
                    f"and use-package forms that need it do nothing, as in Emacs here. To read the "
                    f"configuration as where {model.TITLE} is installed, start Emacs once so it "
                    "installs itself, or give --init with the init file of the home where it is",
                    "package-manager-missing")
    return Opaque(f"{model.TITLE} (not installed in this home)")


def absent_call(ip: Any, manager: str, name: str, form: Any = None) -> Any:
    """A call of ``name`` of ``manager`` when the manager is not here: void in Emacs here,
    not evaluable (an unknown value), or None when the manager is here."""
    absent = manager_absent(ip, manager)
    if absent is None:
        return None
    from elconf.errors import lisp_error

    return ip.not_evaluable(lisp_error("void-function", intern(name)),
                            f"({name} ...): {absent.what}", form)


def register(special_forms: dict[Symbol, Any], builtins: dict[Symbol, Any]) -> None:
    """Add every framework name to the special-form table and the builtin table."""
    from elconf.interpreter import Builtin

    for module, names in SPECIAL_FORMS.items():
        for name in names:
            special_forms[intern(name)] = _lazy_form(name, module, special_forms)
    for module, names in FUNCTIONS.items():
        for name in names:
            # pass_opaque: the models decide themselves what an unknown argument means.
            builtins[intern(name)] = Builtin(name, _lazy_function(name, module), pass_opaque=True)


def after_spec(ip: Any, spec: Any, run: Callable[[], Any], form: Any, once: bool = False,
               skip: frozenset[str] = frozenset()) -> None:
    """Run ``run`` once the features of ``spec`` have loaded: a symbol; ``(:any ...)`` or
    ``(:or ...)``, one of them; ``(:all ...)`` or ``(:and ...)``, or a plain list, all of
    them; nested at will (use-package's ``:after``, Doom's ``after!``).  ``once``: with
    ``:any``, only the first feature to load runs it (use-package); else each does
    (Doom's ``after!`` expands into one ``after!`` per feature).  ``skip``: features
    that never load (Doom's disabled packages)."""
    from elconf.loading import eval_after_load

    if once:
        done: list[bool] = []
        inner = run

        def run() -> None:
            if not done:
                done.append(True)
                inner()
    if type(spec) is Symbol:
        if spec.name not in skip:
            eval_after_load(ip, spec, run, form)
        return
    items = list(spec) if type(spec) is Cons else []
    head = items[0].name if items and type(items[0]) is Symbol else ""
    if head in (":or", ":any"):
        for item in items[1:]:
            after_spec(ip, item, run, form, False, skip)
        return
    if head in (":and", ":all"):
        items = items[1:]
    if not items:
        run()
        return
    rest = items[1:]
    after_spec(ip, items[0], (lambda: after_spec(ip, Cons(intern(":all"), _list(rest)), run, form,
                                                 False, skip)) if rest else run, form, False, skip)


def _list(items: list[Any]) -> Any:
    from elconf.types import lisp_list

    return lisp_list(items)


def load_hook(ip: Any, name: str, path: str) -> Any:
    """``load`` of a package manager's own file that a model replaces (straight's
    bootstrap.el ...): the value ``load`` returns, or None when no model applies (also
    when the manager is not installed here: the load then fails as any missing file)."""
    if "/straight/repos/straight.el/" in path or path.endswith("/straight/bootstrap.el"):
        manager = "straight"
    elif "/elpaca/" in path and ("elpaca-autoloads" in name or "/repos/elpaca/" in path):
        manager = "elpaca"
    else:
        return None
    import os

    if os.path.exists(path):        # its own file is here: so is the manager
        if not hasattr(ip, "managers_here"):
            ip.managers_here = set()
        ip.managers_here.add(manager)
    elif manager_absent(ip, manager) is not None:
        return None
    model = _module(manager)
    return model.load_bootstrap(ip, path) if manager == "straight" else model.load_installer_file(ip, path)
