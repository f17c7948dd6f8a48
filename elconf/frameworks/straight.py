"""straight.el, modelled: nothing is cloned or built.

Whether straight is here is a fact of the home (:func:`installed_here`): its
bootstrap file ``straight/repos/straight.el/bootstrap.el`` under
``straight-base-dir``.  Where it is not, Emacs here cannot load it (the
snippet downloads it), so neither does elconf: the ``load`` fails as for any
missing file, straight's functions are void (not evaluable here) and
use-package rejects ``:straight`` (elconf.frameworks.use_package).  Where it is:

* Its bootstrap snippet ends in ``(load bootstrap-file nil 'nomessage)``.
  That ``load`` is answered by this model (:func:`load_bootstrap`), not
  evaluated: the ``straight`` feature is provided with its options' defaults,
  as the real bootstrap leaves them.
* ``straight-use-package`` counts the package as installed and returns t;
  it does not load the package (straight only activates it: load-path and
  autoloads), as in straight.
* ``straight-use-package-by-default`` non-nil makes every ``use-package``
  form install with straight (:mod:`elconf.macros` asks :func:`installs_by_default`).
"""

from __future__ import annotations

import os

from elconf.types import NIL, T

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

TITLE = "straight.el"


def installed_here(ip: Any) -> str | None:
    """None when straight.el is installed in this home; else its missing bootstrap file."""
    from elconf.library_files import expand_user

    base = ip.store.value("straight-base-dir")
    if not isinstance(base, str):
        base = ip.store.value("user-emacs-directory")
    if not isinstance(base, str):
        base = "~/.emacs.d/"
    path = os.path.join(expand_user(ip, base), "straight", "repos", "straight.el", "bootstrap.el")
    return None if os.path.isfile(path) else path


def load_bootstrap(ip: Any, path: str) -> Any:
    from elconf.loading import require

    require(ip, "straight", ip.here("straight bootstrap"))
    ip.diagnose("info", f"{path}: straight.el's bootstrap, modelled (not evaluated): straight is "
                "loaded and installs the packages this configuration asks for", "package-manager",
                once=True)
    return T


def _loaded(ip: Any) -> None:
    from elconf.loading import require

    require(ip, "straight", ip.here("straight"))


def straight_use_package(ip: Any, recipe: Any = NIL, *_: Any) -> Any:
    from elconf.frameworks.package import mark_installed

    _loaded(ip)
    mark_installed(ip, recipe)
    return T


def nothing(ip: Any, *_: Any) -> Any:
    _loaded(ip)
    return NIL


def installs_by_default(ip: Any) -> bool:
    from elconf.loading import variable_true

    return "straight" in ip.features and variable_true(ip, "straight-use-package-by-default")


FUNCTIONS = {name: nothing for name in (
    "straight-pull-all", "straight-pull-package", "straight-freeze-versions",
    "straight-thaw-versions", "straight-rebuild-all", "straight-rebuild-package",
    "straight-check-all", "straight-prune-build", "straight-use-package-mode",
    "straight-vc-git--clone")}
FUNCTIONS["straight-use-package"] = straight_use_package
FUNCTIONS["straight-register-package"] = straight_use_package
