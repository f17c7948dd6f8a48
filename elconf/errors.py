"""Non-local exits of the evaluator: Lisp signals, throws and sandbox limits.

Emacs has three ways out of a form besides returning: ``signal`` (caught by
``condition-case``), ``throw`` (caught by ``catch``) and, for us, hitting a
sandbox limit, which no Lisp handler may catch: a runaway init file must stop.
"""

from __future__ import annotations

from elconf.types import NIL, Cons, Symbol, intern, lisp_list

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

# Error symbol -> parent conditions, as Emacs's `error-conditions' property
# (every error also has `error').  Messages are Emacs's `error-message' texts.
ERROR_CONDITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "error": ((), "error"),
    "quit": ((), "Quit"),
    "user-error": ((), ""),
    "void-variable": ((), "Symbol\u2019s value as variable is void"),
    "void-function": ((), "Symbol\u2019s function definition is void"),
    "wrong-type-argument": ((), "Wrong type argument"),
    "args-out-of-range": ((), "Args out of range"),
    "wrong-number-of-arguments": ((), "Wrong number of arguments"),
    "invalid-function": ((), "Invalid function"),
    "no-catch": ((), "No catch for tag"),
    "setting-constant": ((), "Attempt to set a constant symbol"),
    "arith-error": ((), "Arithmetic error"),
    "overflow-error": (("arith-error",), "Arithmetic overflow error"),
    "invalid-regexp": ((), "Invalid regexp"),
    "invalid-read-syntax": ((), "Invalid read syntax"),
    "end-of-file": ((), "End of file during parsing"),
    "file-error": ((), "File error"),
    "file-missing": (("file-error",), "No such file or directory"),
    "cyclic-function-indirection": ((), "Symbol's chain of function indirections contains a loop"),
    "circular-list": ((), "List contains a loop"),
    "wrong-length-argument": ((), "Wrong length argument"),
}


def error_conditions(name: str) -> tuple[str, ...]:
    """The conditions an error symbol belongs to, most specific first."""
    seen: list[str] = []
    todo = [name]
    while todo:
        cur = todo.pop(0)
        if cur in seen:
            continue
        seen.append(cur)
        todo.extend(ERROR_CONDITIONS.get(cur, ((), ""))[0])
    if "error" not in seen:
        seen.append("error")
    return tuple(seen)


class LispSignal(Exception):
    """An Emacs error: ``(signal SYMBOL DATA)``.  ``file``/``line``/``col`` name
    the innermost form with a known place that was being evaluated."""

    def __init__(self, symbol: Symbol, data: Any = NIL) -> None:
        super().__init__(symbol.name)
        self.symbol = symbol
        self.data = data
        self.file: str | None = None
        self.line: int | None = None
        self.col: int | None = None
        self.detail: str | None = None   # a longer explanation for diagnostics (e.g. reader hints)
        # The unknown value this error comes from, when it was raised only because a part
        # of an argument is unknown here (Emacs, with the real value, need not raise it).
        self.unknown: Any = None

    @property
    def conditions(self) -> tuple[str, ...]:
        return error_conditions(self.symbol.name)

    def as_lisp(self) -> Cons:
        """The ``(SYMBOL . DATA)`` value a condition-case variable receives."""
        return Cons(self.symbol, self.data)

    def message(self) -> str:
        """The text Emacs's ``error-message-string`` gives."""
        from elconf.printer import prin1_to_string, princ_to_string

        name = self.symbol.name
        items = list(self.data) if isinstance(self.data, Cons) else []
        if name in ("error", "user-error") and items and isinstance(items[0], str):
            return items[0]
        base = ERROR_CONDITIONS.get(name, ((), ""))[1] or "peculiar error"
        if not items:
            return base
        # display=True: a value nested deeper than print can go (the invalid function of a
        # 100,000-deep ((((...)))) form) makes Emacs's own error-message-string signal; the
        # message must still say what went wrong, not become a traceback.
        def show(x: Any) -> str:
            if name.startswith("file") and isinstance(x, str):
                return princ_to_string(x)
            return prin1_to_string(x, display=True)

        return f"{base}: {', '.join(show(x) for x in items)}"

    def __str__(self) -> str:
        return self.message()


class LispThrow(Exception):
    """``(throw TAG VALUE)`` on its way to the matching ``catch``."""

    def __init__(self, tag: Any, value: Any) -> None:
        super().__init__("throw")
        self.tag = tag
        self.value = value


class KillEmacs(Exception):
    """``(kill-emacs)``: Emacs exits there; nothing after it runs, no Lisp handler
    catches it and no ``unwind-protect`` cleanup runs."""

    def __init__(self, arg: Any = NIL) -> None:
        super().__init__("kill-emacs")
        self.arg = arg
        self.file: str | None = None
        self.line: int | None = None
        self.col: int | None = None


class LimitExceeded(Exception):
    """A sandbox limit was hit; never caught by Lisp handlers."""

    def __init__(self, what: str, limit: int | float) -> None:
        super().__init__(f"{what} limit ({limit}) exceeded")
        self.what = what
        self.limit = limit
        self.file: str | None = None
        self.line: int | None = None
        self.col: int | None = None


def lisp_error(name: str, *data: Any) -> LispSignal:
    """Build (not raise) a signal: ``raise lisp_error("wrong-type-argument", intern("listp"), x)``."""
    return LispSignal(intern(name), lisp_list(data))


def wrong_type(predicate: str, value: Any) -> LispSignal:
    from elconf.unknowns import contains_unknown

    signal = lisp_error("wrong-type-argument", intern(predicate), value)
    signal.unknown = contains_unknown(value, 1000)
    return signal
