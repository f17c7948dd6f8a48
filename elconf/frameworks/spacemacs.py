"""Spacemacs, modelled: the user's dotfile runs, Spacemacs's own core never does.

What we follow (Spacemacs's ``init.el``, ``core/core-spacemacs.el``,
``core/core-dotspacemacs.el``, ``core/core-configuration-layer.el``; see
docs/frameworks.md):

1. the dotfile is loaded (``~/.spacemacs``, or ``$SPACEMACSDIR/init.el``, or
   ``~/.spacemacs.d/init.el``); it only defines functions;
2. ``dotspacemacs/init``, then ``dotspacemacs/user-init``, then ``dotspacemacs/user-env``;
3. ``dotspacemacs/layers`` (through ``configuration-layer/load``), then each
   declared layer's ``:variables`` are set with ``set-default``, in order;
4. at ``emacs-startup-hook``: ``dotspacemacs/user-config``, then
   ``dotspacemacs/emacs-custom-settings``.

Layers' own package configuration is not ours to run.  Key bindings,
prefixes and toggles change no variable: ``spacemacs/set-leader-keys`` and
friends are no-ops.  ``spacemacs|use-package-add-hook PKG :post-config
BODY`` runs BODY once PKG is loaded (its ``:pre-init``/``:post-init`` run at
once, as the layer's package init does at start-up).
"""

from __future__ import annotations

from elconf.types import NIL, T, Cons, Symbol, intern

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

#: The dotfile functions start-up calls before the startup hook, in order.
BEFORE_STARTUP_HOOK = ("dotspacemacs/init", "dotspacemacs/user-init", "dotspacemacs/user-env",
                       "dotspacemacs/layers")
#: ... and the ones ``spacemacs/startup-hook`` calls (on ``emacs-startup-hook``).
AT_STARTUP_HOOK = ("dotspacemacs/user-config", "dotspacemacs/emacs-custom-settings")


def is_dotfile(ip: Any) -> bool:
    """Whether the file just loaded defined Spacemacs's dotfile functions."""
    return any(intern(name) in ip.functions for name in ("dotspacemacs/layers",
                                                          "dotspacemacs/user-config",
                                                          "dotspacemacs/user-init"))


def start(ip: Any, dotfile: str | None = None) -> None:
    """After the dotfile: Spacemacs's start-up sequence (steps 2-4 above)."""
    from elconf.loading import provide
    from elconf.store import Origin

    provide(ip, "core-spacemacs")
    ip.store.set("spacemacs-post-user-config-hook-run", NIL, Origin("startup", None, None, None,
                                                                     library="spacemacs"))
    for name in BEFORE_STARTUP_HOOK:
        _call(ip, name)
        if name == "dotspacemacs/layers":
            saved, ip.file = ip.file, dotfile or ip.file
            try:
                set_layer_variables(ip)
            finally:
                ip.file = saved
    ip.funcall(intern("add-hook"), [intern("emacs-startup-hook"), intern("spacemacs/startup-hook")])


def _call(ip: Any, name: str) -> None:
    """Call a dotfile function if defined; an error there is reported and start-up goes on
    (``dotspacemacs|call-func`` catches it and shows it in the startup buffer)."""
    from elconf.errors import LispSignal

    if intern(name) not in ip.functions:
        return
    try:
        ip.funcall(intern(name), [])
    except LispSignal as exc:
        ip.diagnose("warning", f"{name}: {exc.message()}; Spacemacs reports it and goes on",
                    "spacemacs-dotfile-error")


def startup_hook(ip: Any, *_: Any) -> Any:
    for name in AT_STARTUP_HOOK:
        _call(ip, name)
    ip.store.set("spacemacs-post-user-config-hook-run", T, ip.here("spacemacs/startup-hook"))
    return NIL


def set_layer_variables(ip: Any) -> None:
    """``(LAYER :variables VAR VALUE ...)`` in ``dotspacemacs-configuration-layers``:
    each VALUE is evaluated and set with ``set-default``, as configuration-layer does."""
    from elconf.errors import LispSignal

    layers = ip.store.value("dotspacemacs-configuration-layers")
    for layer in (layers if type(layers) is Cons else ()):
        if type(layer) is not Cons:
            continue
        items = list(layer.cdr) if type(layer.cdr) is Cons else []
        for i, item in enumerate(items):
            if type(item) is Symbol and item.name == ":variables":
                spec = items[i + 1:]
                while len(spec) >= 2 and not (type(spec[0]) is Symbol and spec[0].is_keyword):
                    var, value_form = spec[0], spec[1]
                    spec = spec[2:]
                    if type(var) is not Symbol:
                        continue
                    try:
                        value = ip._eval(value_form, None)
                    except LispSignal as exc:
                        ip.diagnose("warning", f"layer {layer.car}: {var.name}: {exc.message()}; "
                                    "Spacemacs reports it and goes on", "spacemacs-dotfile-error")
                        continue
                    origin = ip.here("layer variable", value_form if type(value_form) is Cons else layer)
                    ip.store.set(var.name, value, origin)
                break


# -- functions and macros the dotfile calls -------------------------------------------

def no_op(ip: Any, *_: Any) -> Any:
    """Key bindings, prefixes, toggles: no variable changes."""
    return NIL


def layer_used_p(ip: Any, name: Any = NIL, *_: Any) -> Any:
    layers = ip.store.value("dotspacemacs-configuration-layers")
    for layer in (layers if type(layers) is Cons else ()):
        head = layer.car if type(layer) is Cons else layer
        if head is name:
            return T
    return NIL


def package_used_p(ip: Any, name: Any = NIL, *_: Any) -> Any:
    """Whether a layer package is used: the layer list cannot tell, so unknown."""
    return ip.opaque(f"(configuration-layer/package-used-p '{getattr(name, 'name', name)})")


def sf_use_package_add_hook(ip: Any, form: Cons, env: Any) -> Any:
    """``(spacemacs|use-package-add-hook PKG :pre-init ... :post-init ... :pre-config ...
    :post-config ...)``."""
    from elconf.interpreter import Closure
    from elconf.loading import eval_after_load

    args = list(form.cdr) if type(form.cdr) is Cons else []
    if not args or type(args[0]) is not Symbol:
        return NIL
    package, sections, current = args[0], {}, None
    for item in args[1:]:
        if type(item) is Symbol and item.is_keyword:
            current = sections.setdefault(item.name, [])
        elif current is not None:
            current.append(item)
    for key in (":pre-init", ":post-init"):
        for item in sections.get(key, []):
            ip._eval(item, env)
    body = sections.get(":pre-config", []) + sections.get(":post-config", [])
    if body:
        from elconf.types import lisp_list

        closure = Closure(NIL, lisp_list(body), env, None, ip.file)
        eval_after_load(ip, package, closure, form)
    return NIL


def sf_no_op(ip: Any, form: Cons, env: Any) -> Any:
    return NIL


SPECIAL = {"spacemacs|use-package-add-hook": sf_use_package_add_hook,
           "spacemacs|define-transient-state": sf_no_op, "spacemacs|add-toggle": sf_no_op,
           "spacemacs|define-jump-handlers": sf_no_op, "spacemacs|define-custom-layout": sf_no_op,
           "spacemacs|do-after-display-system-init": sf_no_op}
FUNCTIONS = {name: no_op for name in (
    "spacemacs/set-leader-keys", "spacemacs/set-leader-keys-for-major-mode",
    "spacemacs/set-leader-keys-for-minor-mode", "spacemacs/declare-prefix",
    "spacemacs/declare-prefix-for-mode", "spacemacs/toggle-indent-guide-globally-on",
    "spacemacs/load-spacemacs-env", "spacemacs/load-theme", "spacemacs/add-to-hooks",
    "spacemacs/add-to-hook")}
FUNCTIONS["spacemacs/startup-hook"] = startup_hook
FUNCTIONS["configuration-layer/layer-used-p"] = layer_used_p
FUNCTIONS["configuration-layer/layer-usedp"] = layer_used_p
FUNCTIONS["configuration-layer/package-used-p"] = package_used_p
FUNCTIONS["configuration-layer/package-usedp"] = package_used_p
