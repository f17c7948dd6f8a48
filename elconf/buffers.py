"""The one kind of buffer elconf models: ``with-temp-buffer``'s.

Init files read small data files through a temporary buffer: a profile list
(chemacs: ``(with-temp-buffer (insert-file-contents "~/.emacs-profiles.el")
(goto-char (point-min)) (read (current-buffer)))``).  Only Emacs Lisp files of
the home are read (the sandbox's rule, docs/reliability.md).  A temporary
buffer holds text and point and nothing else; every other buffer stays
unknown, as before (the functions that use one are in
:mod:`elconf.builtins.buffers`).
"""

from __future__ import annotations

from elconf.special_forms import special

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from elconf.interpreter import Env, Interpreter
    from elconf.types import Cons


class TempBuffer:
    """Text and point (1-based, as in Emacs) of a buffer made by ``with-temp-buffer``."""

    __slots__ = ("text", "point", "killed", "unknown")

    def __init__(self) -> None:
        self.text = ""
        self.point = 1
        self.killed = False
        self.unknown: Any = None    # the unknown value its text became (a refused read)

    def insert(self, text: str) -> None:
        at = self.point - 1
        self.text = self.text[:at] + text + self.text[at:]
        self.point += len(text)

    def lisp_printed(self) -> str:
        """How Emacs prints it: ``#<buffer  *temp*>``, or once killed ``#<killed buffer>``."""
        return "#<killed buffer>" if self.killed else "#<buffer  *temp*>"


def current(ip: Any) -> TempBuffer | None:
    """The temporary buffer the code runs in, or None (a buffer elconf does not model)."""
    return getattr(ip, "buffer", None)


@special("with-temp-buffer")
def sf_with_temp_buffer(ip: Interpreter, form: Cons, env: Env | None) -> Any:
    """A fresh buffer is current during BODY, then killed (a value that kept it prints
    as a killed buffer)."""
    saved = current(ip)
    buffer = ip.buffer = TempBuffer()
    try:
        return ip.progn(form.cdr, env)
    finally:
        buffer.killed = True
        ip.buffer = saved
