"""The builtin function table: one dict, Symbol -> :class:`~elconf.functions.Builtin`.

Each module (``lists``, ``numbers``, ``strings``, ``files``, ``symbols``,
``system``) fills its own :class:`Table`; this module merges them.  A builtin
is ``fn(interp, *args)`` with already evaluated arguments.
"""

from __future__ import annotations

from collections.abc import Callable

from elconf.types import Symbol, intern

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


class Table(dict):
    """name -> Builtin, filled by the :meth:`define` decorator."""

    def define(self, *names: str, pass_opaque: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def register(fn: Callable[..., Any]) -> Callable[..., Any]:
            from elconf.interpreter import Builtin

            for name in names:
                self[name] = Builtin(name, fn, pass_opaque)
            return fn
        return register


BUILTINS: dict[Symbol, Any] = {}


def _fill() -> None:
    from elconf.builtins import (buffers, custom, doom_email, encodings, files, keys, library_functions,
                                 lists, mu4e_context, numbers, org_babel, seq_functions, sequences,
                                 smtpmail_multi, strings, symbols, system)

    for module in (lists, numbers, strings, files, symbols, custom, system, library_functions,
                   mu4e_context, org_babel, doom_email, smtpmail_multi, sequences, seq_functions,
                   buffers, encodings, keys):
        for name, builtin in module.TABLE.items():
            BUILTINS[intern(name)] = builtin


_fill()
