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
    """A special form that imports its model on first use and then replaces itself."""
    def first_use(ip: Any, form: Any, env: Any) -> Any:
        handler = _module(module).SPECIAL[name]
        table[intern(name)] = handler
        return handler(ip, form, env)
    first_use.__name__ = "lazy_" + name
    return first_use


def _lazy_function(name: str, module: str) -> Callable[..., Any]:
    def first_use(ip: Any, *args: Any) -> Any:
        return _module(module).FUNCTIONS[name](ip, *args)
    first_use.__name__ = "lazy_" + name
    return first_use


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
    bootstrap.el ...): the value ``load`` returns, or None when no model applies."""
    if "/straight/repos/straight.el/" in path or path.endswith("/straight/bootstrap.el"):
        return _module("straight").load_bootstrap(ip, path)
    if "/elpaca/" in path and ("elpaca-autoloads" in name or "/repos/elpaca/" in path):
        return _module("elpaca").load_installer_file(ip, path)
    return None
