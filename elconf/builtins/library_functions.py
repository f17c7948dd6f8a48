"""Functions of modelled libraries whose effect on settings we model.

A call first loads the library (as the autoload would in Emacs), then does
what the function does to variables.  Everything else a library defines is
opaque (``elconf.interpreter.LibraryFunction``).
"""

from __future__ import annotations

from elconf.builtins import Table
from elconf.types import NIL, intern

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define


def _load(ip: Any, feature: str, fname: str) -> None:
    from elconf.loading import require

    if feature not in ip.features:
        require(ip, feature, ip.here(f"autoload of {fname}"))


@define("auth-source-pass-enable")
def auth_source_pass_enable(ip: Any) -> Any:
    """Adds ``password-store`` to the front of ``auth-sources`` (once)."""
    from elconf.builtins.custom import add_to_list

    _load(ip, "auth-source-pass", "auth-source-pass-enable")
    add_to_list(ip, intern("auth-sources"), intern("password-store"))
    return NIL


@define("auth-source-forget-all-cached", "auth-source-forget", "auth-source-forget+")
def auth_source_forget(ip: Any, *_args: Any) -> Any:
    _load(ip, "auth-source", "auth-source-forget-all-cached")
    return NIL
