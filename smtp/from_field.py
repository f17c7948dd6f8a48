"""The From field sendmail.el and message.el build from the user's name and address.

Both ``mail-insert-from-field`` (sendmail.el, ``mail-from-style``) and
``message-make-from`` (message.el, ``message-from-style``) quote or
parenthesize ``user-full-name`` by the same rules; this module is the one
place that knows them, below both preparations.
"""

from __future__ import annotations

import re

from smtp.errors import ConfigurationFailure

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

_UNQUOTED_NAME = re.compile(r"[^- !#-'*+/-9=?A-Z^-~]")


def format_from(address: str, full_name: Any, style: str | None) -> str | None:
    """The value ``mail-insert-from-field`` / ``message-make-from`` builds.

    Styles nil, ``angles``, ``parens`` and anything else (``default``);
    ``system-default`` gives None: sendmail.el then inserts no From field.
    """
    if style == "system-default":
        return None
    if not isinstance(full_name, str):
        raise ConfigurationFailure("user-full-name is not a string (Emacs: \"Wrong type argument: "
                                   "stringp\")", hint="set user-full-name to your name, or \"\"")
    needs_quoting = bool(re.search(r"[^\x00-\x7f]", full_name))
    if style is None:
        return address

    def parens_need_quoting() -> bool:
        tmp = full_name
        while (m := re.search(r"\([^()]*\)", tmp)) is not None:
            tmp = tmp[:m.start()] + "-" + tmp[m.start() + 1:m.end() - 1] + "-" + tmp[m.end():]
        return re.search(r"[\\()]", tmp) is not None

    if style == "angles" or (style != "parens" and (not _UNQUOTED_NAME.search(full_name)
                                                      or parens_need_quoting())):
        name = full_name
        if _UNQUOTED_NAME.search(name) or needs_quoting:
            name = '"' + re.sub(r'(["\\])', r"\\\1", name) + '"'
        return f"{name} <{address}>"
    name = f'"{full_name}"' if needs_quoting else full_name
    name = re.sub(r"([()\\])", r"\\\1", name)
    undo = re.compile(r"(\A|[^\\](?:\\\\)*)\\\(((?:[^\\]|\\\\)*)\\\)")
    while True:
        new = undo.sub(lambda m: f"{m.group(1)}({m.group(2)})", name, count=1)
        if new == name:
            break
        name = new
    return f"{address} ({name})"
