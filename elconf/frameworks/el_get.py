"""el-get, modelled: nothing is fetched or built.

``(el-get 'sync PACKAGES)`` and ``el-get-install`` count their packages as
installed.  ``(el-get-bundle NAME [KEY VALUE]... FORM...)`` does too, and
runs its FORMs (el-get runs them once the package is initialised, which in
a synchronous start-up is at that point).  The bootstrap snippet's ``(require
'el-get nil 'noerror)`` finds the model, so the download branch is not taken.
"""

from __future__ import annotations

from elconf.types import NIL, T, Cons, Symbol

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


def _loaded(ip: Any) -> None:
    from elconf.loading import require

    require(ip, "el-get", ip.here("el-get"))


def el_get(ip: Any, _sync: Any = NIL, *packages: Any) -> Any:
    from elconf.frameworks.package import mark_installed

    _loaded(ip)
    for item in packages:
        for name in (item if type(item) is Cons else [item]):
            mark_installed(ip, name)
    return T


def el_get_install(ip: Any, package: Any = NIL, *_: Any) -> Any:
    return el_get(ip, NIL, package)


def sf_el_get_bundle(ip: Any, form: Cons, env: Any) -> Any:
    from elconf.frameworks.package import mark_installed

    _loaded(ip)
    items = list(form.cdr) if type(form.cdr) is Cons else []
    if items:
        mark_installed(ip, items.pop(0))
    while items and type(items[0]) is Symbol and items[0].is_keyword:
        items = items[2:]
    result: Any = NIL
    for item in items:
        result = ip._eval(item, env)
    return result


def nothing(ip: Any, *_: Any) -> Any:
    _loaded(ip)
    return NIL


SPECIAL = {"el-get-bundle": sf_el_get_bundle, "el-get-bundle!": sf_el_get_bundle}
FUNCTIONS = {"el-get": el_get, "el-get-install": el_get_install, "el-get-self-update": nothing,
             "el-get-elpa-build-local-recipes": nothing, "el-get-emacswiki-refresh": nothing,
             "el-get-cleanup": nothing}
