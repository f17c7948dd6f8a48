"""elpaca, modelled: nothing is cloned, built or run asynchronously.

Elpaca installs in the background and runs each ``(elpaca ORDER BODY...)``
form's BODY once the package is built, in queue order: when the init file
calls ``(elpaca-wait)``, else when the queues are processed after init (the
installer snippet puts ``elpaca-process-queues`` on ``after-init-hook``).
So a setting in BODY lands *after* the top-level forms that follow it, up to
the next ``elpaca-wait``; the model keeps that order.  With
``elpaca-use-package-mode`` on, ``(use-package NAME :ensure t ...)`` is
``(elpaca NAME (use-package NAME ...))``: the whole form waits in the queue
too (see :func:`queue_use_package`).

Whether elpaca is here is a fact of the home (:func:`installed_here`): its
repository (or build) under ``elpaca-directory``.  Where it is, the installer
snippet's ``(require 'elpaca-autoloads nil t)`` finds the model
(:mod:`elconf.frameworks.libraries`), so its clone-and-build branch is not
taken.  Where it is not, Emacs here cannot load it (the snippet clones it):
the snippet's ``(require 'elpaca)`` is not evaluable, elpaca's functions and
``elpaca`` forms are void (not evaluable here) and use-package rejects
``:elpaca``, as in Emacs here.
"""

from __future__ import annotations

import os

from elconf.types import NIL, T, Cons, Symbol

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

TITLE = "elpaca"


def installed_here(ip: Any) -> str | None:
    """None when elpaca is installed in this home; else its missing repository."""
    from elconf.library_files import expand_user

    base = ip.store.value("elpaca-directory")
    if not isinstance(base, str):
        emacs_dir = ip.store.value("user-emacs-directory")
        base = os.path.join(emacs_dir if isinstance(emacs_dir, str) else "~/.emacs.d/", "elpaca")
    base = expand_user(ip, base)
    repo = os.path.join(base, "repos", "elpaca")
    for tree in (repo, os.path.join(base, "builds", "elpaca")):
        # An empty directory is what a failed clone leaves: not installed.
        if any(os.path.isfile(os.path.join(tree, f)) for f in ("elpaca.el", "elpaca-autoloads.el")):
            return None
    return repo + "/"


def _loaded(ip: Any) -> None:
    from elconf.loading import require

    require(ip, "elpaca", ip.here("elpaca"))


def _queue(ip: Any) -> list[Callable[[], Any]]:
    pending = getattr(ip, "elpaca_queue", None)
    if pending is None:
        pending = ip.elpaca_queue = []
    return pending


def sf_elpaca(ip: Any, form: Cons, env: Any) -> Any:
    """``(elpaca ORDER BODY...)``: ORDER counts as installed; BODY waits in the queue."""
    from elconf.frameworks.package import mark_installed
    from elconf.interpreter import Closure

    _loaded(ip)
    order = form.cdr.car if type(form.cdr) is Cons else NIL
    if type(order) is Cons and type(order.car) is Symbol and order.car.name in ("`", "quote"):
        order = ip._eval(order, env)
    mark_installed(ip, order)
    body = form.cdr.cdr if type(form.cdr) is Cons else NIL
    if body is not NIL:
        closure = Closure(NIL, body, env, None, ip.file)
        _queue(ip).append(lambda: ip.call_closure(closure, []))
    return NIL


def queue_use_package(ip: Any, run: Callable[[], Any]) -> bool:
    """With elpaca-use-package-mode on, queue an ensured use-package form; True if queued."""
    if not getattr(ip, "elpaca_use_package", False):
        return False
    _queue(ip).append(run)
    return True


def process_queues(ip: Any, *_: Any) -> Any:
    """Run the queued bodies in order (errors are reported per body, as elpaca logs them)."""
    from elconf.errors import LispSignal

    pending = _queue(ip)
    while pending:
        thunk = pending.pop(0)
        try:
            thunk()
        except LispSignal as exc:
            ip.diagnose("warning", f"elpaca: a queued body signals {exc.message()}; elpaca logs it "
                        "and goes on", "package-manager")
    return NIL


def use_package_mode(ip: Any, arg: Any = NIL, *_: Any) -> Any:
    _loaded(ip)
    ip.elpaca_use_package = not (isinstance(arg, int) and arg <= 0)
    return T if ip.elpaca_use_package else NIL


def nothing(ip: Any, *_: Any) -> Any:
    _loaded(ip)
    return NIL


def load_installer_file(ip: Any, path: str) -> Any:
    """``(load "./elpaca-autoloads")`` and friends inside elpaca's tree: elpaca is installed."""
    _loaded(ip)
    return T


SPECIAL = {"elpaca": sf_elpaca}
FUNCTIONS = {
    "elpaca-use-package-mode": use_package_mode,
    "elpaca-wait": process_queues,
    "elpaca-process-queues": process_queues,
    "elpaca-generate-autoloads": nothing,
    "elpaca-queue": nothing,
    "elpaca-use-package": nothing,
}
