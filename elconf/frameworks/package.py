"""package.el (Emacs 28.2), modelled: nothing is downloaded or installed.

* Activation (``package-activate-all``, start-up's own call before init.el,
  ``package-initialize``): each installed package under ``package-user-dir``
  (a ``NAME-VERSION/`` directory holding ``NAME-pkg.el``) has its directory
  put on ``load-path`` and the ``autoload`` forms of its
  ``NAME-autoloads.el`` recorded, so the first call of an autoloaded command
  loads its feature (and runs the ``with-eval-after-load`` bodies waiting for
  it) as in Emacs.  Only the ``autoload`` forms are read; the file is never
  evaluated (package code stays outside the sandbox).
* ``package-install``, ``package-vc-install``, ``package-refresh-contents``
  do nothing here; the named package counts as installed (on the user's
  machine it is: their Emacs installed it the first time it started).
* ``package-installed-p`` is t: the same assumption, so the usual
  ``(unless (package-installed-p 'use-package) (package-install ...))``
  takes the branch the user's Emacs takes every day.
"""

from __future__ import annotations

import os
from pathlib import Path

from elconf.types import NIL, T, Cons, Symbol, intern

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


def _require_package(ip: Any) -> None:
    from elconf.loading import require

    require(ip, "package", ip.here("package.el autoload"))


def installed(ip: Any) -> set[str]:
    """Names of the packages a package manager in this configuration installed."""
    found = getattr(ip, "installed_packages", None)
    if found is None:
        found = ip.installed_packages = set()
    return found


def mark_installed(ip: Any, name: Any) -> None:
    if type(name) is Symbol:
        installed(ip).add(name.name)
    elif type(name) is Cons and type(name.car) is Symbol:     # a recipe: (NAME :fetcher ...)
        installed(ip).add(name.car.name)
    elif isinstance(name, str):
        installed(ip).add(name)


def package_directories(ip: Any) -> list[Path]:
    """The installed packages' directories under ``package-user-dir``, in name order."""
    from elconf.library_files import expand_user

    user_dir = ip.store.value("package-user-dir")
    if not isinstance(user_dir, str):
        return []
    root = Path(expand_user(ip, user_dir))
    if not root.is_dir():
        return []
    found = []
    for sub in sorted(root.iterdir()):
        name = sub.name.rsplit("-", 1)[0]
        if sub.is_dir() and (sub / f"{name}-pkg.el").is_file():
            found.append(sub)
    return found


def activate_all(ip: Any) -> None:
    """Activate every installed package once (load-path and autoloads)."""
    from elconf.store import Origin

    if ip.store.value("package--activated") is T:
        return
    _require_package(ip)
    origin = ip.here("package activation")
    activated = []
    for directory in package_directories(ip):
        name = directory.name.rsplit("-", 1)[0]
        load_path = ip.store.value("load-path")
        ip.store.assign("load-path", Cons(str(directory), load_path if type(load_path) is Cons else NIL),
                        origin)
        _record_autoloads(ip, directory / f"{name}-autoloads.el")
        installed(ip).add(name)
        activated.append(intern(name))
    if activated:
        from elconf.types import lisp_list

        ip.store.assign("package-activated-list", lisp_list(activated), origin)
    ip.store.assign("package--activated", T, Origin("package activation", None, None, None))


def _record_autoloads(ip: Any, path: Path) -> None:
    """The ``(autoload 'FN "FILE" ...)`` forms of an autoloads file, read, not evaluated."""
    from elconf.reader import ReadError, read_forms

    if not path.is_file():
        return
    try:
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        stack = [form.value for form in read_forms(text, str(path))]
    except (OSError, ReadError):
        ip.diagnose("info", f"{path}: could not be read; its autoloads are not known", "opaque-library")
        return
    while stack:
        form = stack.pop()
        if type(form) is not Cons:
            continue
        if form.car is intern("autoload") and type(form.cdr) is Cons:
            fn, rest = form.cdr.car, form.cdr.cdr
            if type(fn) is Cons and fn.car is intern("quote") and type(fn.cdr) is Cons:
                fn = fn.cdr.car
            if type(fn) is Symbol and type(rest) is Cons and isinstance(rest.car, str) \
                    and fn not in ip.functions:
                stem = os.path.basename(rest.car)
                for suffix in (".gz", ".el", ".elc"):
                    stem = stem.removesuffix(suffix)
                ip.autoloads.setdefault(fn.name, stem)
        elif type(form.car) is Symbol and form.car.name in ("progn", "if", "when", "unless", "let",
                                                            "let*", "with-no-warnings", "eval-and-compile"):
            stack.extend(x for x in form if type(x) is Cons)


# -- the functions -------------------------------------------------------------------

def package_initialize(ip: Any, no_activate: Any = NIL, *_: Any) -> Any:
    _require_package(ip)
    if no_activate is NIL:
        activate_all(ip)
    ip.store.assign("package--initialized", T, ip.here("package-initialize"))
    return NIL


def package_activate_all(ip: Any, *_: Any) -> Any:
    activate_all(ip)
    return NIL


def package_install(ip: Any, pkg: Any = NIL, *_: Any) -> Any:
    _require_package(ip)
    mark_installed(ip, pkg)
    ip.diagnose("info", "package-install not run: the package counts as installed, as on the "
                "machine that runs this configuration", "package-manager", once=True)
    return NIL


def package_installed_p(ip: Any, pkg: Any = NIL, *_: Any) -> Any:
    _require_package(ip)
    mark_installed(ip, pkg)
    return T


def nothing(ip: Any, *_: Any) -> Any:
    """Downloads, upgrades, removals: never run; the answer does not matter to a configuration."""
    _require_package(ip)
    return NIL


FUNCTIONS = {
    "package-initialize": package_initialize,
    "package-activate-all": package_activate_all,
    "package-install": package_install,
    "package-vc-install": package_install,
    "package-installed-p": package_installed_p,
    "package-refresh-contents": nothing,
    "package-install-selected-packages": nothing,
    "package-autoremove": nothing,
    "package-activate": package_installed_p,
    "package-read-all-archive-contents": nothing,
    "package-load-all-descriptors": nothing,
    "package-upgrade": nothing,
    "package-upgrade-all": nothing,
    "package-quickstart-refresh": nothing,
}
