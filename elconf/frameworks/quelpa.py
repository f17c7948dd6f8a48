"""quelpa, modelled: ``(quelpa RECIPE)`` counts the package as installed;
nothing is fetched or built.  Its bootstrap, ``(unless (package-installed-p
'quelpa) ...)``, is not taken because ``package-installed-p`` is t (see
:mod:`elconf.frameworks.package`).  ``quelpa-use-package`` gives use-package
the ``:quelpa`` keyword, which :mod:`elconf.macros` treats as an installer."""

from __future__ import annotations

from elconf.types import NIL, T

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


def quelpa(ip: Any, recipe: Any = NIL, *_: Any) -> Any:
    from elconf.frameworks.package import mark_installed
    from elconf.loading import require

    require(ip, "quelpa", ip.here("quelpa"))
    mark_installed(ip, recipe)
    return T


def nothing(ip: Any, *_: Any) -> Any:
    return NIL


FUNCTIONS = {"quelpa": quelpa, "quelpa-self-upgrade": nothing, "quelpa-upgrade": nothing,
             "quelpa-upgrade-all": nothing, "quelpa-checkout": nothing,
             "quelpa-use-package-activate-advice": nothing}
