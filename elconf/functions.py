"""Function values of the evaluator: lexical environments, closures, macros,
builtins and the functions of libraries we do not model.

Kept apart from :mod:`elconf.interpreter` (which re-exports them) so that the
evaluator stays short enough to read at once.
"""

from __future__ import annotations

from collections.abc import Callable

from elconf.errors import lisp_error
from elconf.types import NIL, T, Cons, Symbol, intern

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

LAMBDA = intern("lambda")
CLOSURE = intern("closure")
MACRO = intern("macro")


class Env:
    """A lexical environment frame: Symbol -> value, chained to its parent."""

    __slots__ = ("vars", "parent")

    def __init__(self, variables: dict[Symbol, Any], parent: "Env | None") -> None:
        self.vars = variables
        self.parent = parent

    def find(self, sym: Symbol) -> "Env | None":
        env: Env | None = self
        while env is not None:
            if sym in env.vars:
                return env
            env = env.parent
        return None


class Closure:
    """A Lisp function: parameter lists, body, and the lexical environment
    it closes over (``None`` for a dynamically scoped lambda).

    ``cl-defun`` parameter lists are accepted too: ``(VAR DEFAULT)`` after
    ``&optional`` or ``&key``, ``&key``/``&allow-other-keys``, ``&body``."""

    __slots__ = ("required", "optional", "rest", "keys", "defaults", "body", "env", "name", "file",
                 "params", "printed_body")

    def __init__(self, params: Any, body: Any, env: Env | None, name: str | None = None,
                 file: str | None = None, printed_body: Any = None) -> None:
        # The parameter list and body as written, kept to print the function as
        # Emacs does (``body`` itself may have its docstring and declarations dropped).
        self.params = params
        self.printed_body = body if printed_body is None else printed_body
        self.required: list[Symbol] = []
        self.optional: list[Symbol] = []
        self.rest: Symbol | None = None
        self.keys: list[tuple[Symbol, Symbol]] | None = None    # (keyword, variable)
        self.defaults: dict[Symbol, Any] = {}                    # variable -> default form
        mode = 0
        for p in (params if isinstance(params, Cons) else ()):
            if type(p) is Symbol and p.name in _LAMBDA_KEYWORDS:
                mode = _LAMBDA_KEYWORDS[p.name]
                if mode == 3 and self.keys is None:
                    self.keys = []
                continue
            p = self._parameter(p, mode, params)
            if mode == 0:
                self.required.append(p)
            elif mode == 1:
                self.optional.append(p)
            elif mode == 2:
                self.rest = p
        self.body = body
        self.env = env
        self.name = name
        self.file = file          # where it was defined: places inside it belong to that file

    def _parameter(self, spec: Any, mode: int, params: Any) -> Symbol:
        """One parameter: a symbol, or cl-lib's (VAR DEFAULT) / ((KEYWORD VAR) DEFAULT)."""
        if type(spec) is Symbol:
            if mode == 3 and self.keys is not None:
                self.keys.append((intern(":" + spec.name), spec))
            return spec
        if type(spec) is Cons and mode in (1, 3):
            target, default = spec.car, spec.cdr.car if type(spec.cdr) is Cons else NIL
            keyword = None
            if type(target) is Cons:                      # ((:kw var) default)
                keyword, target = target.car, target.cdr.car
            if type(target) is Symbol:
                self.defaults[target] = default
                if mode == 3 and self.keys is not None:
                    self.keys.append((keyword or intern(":" + target.name), target))
                return target
        raise lisp_error("invalid-function", params)

    def lisp_form(self, memo: dict[int, Any] | None = None) -> Any:
        """The list Emacs 28.2 makes for this function: ``(lambda ARGS . BODY)`` when
        dynamically scoped, ``(closure ENV ARGS . BODY)`` under lexical binding.

        ENV lists the captured bindings, most recent first, and ends in ``t``.
        Closures made in one scope share the tail of their ENV, as Emacs's do
        (so a closure that captures itself prints ``#N`` where Emacs does);
        ``memo`` keeps that sharing across one printing (id of an Env or
        Closure -> its list)."""
        if memo is None:
            memo = {}
        known = memo.get(id(self))
        if known is not None:
            return known[1]
        if self.env is None:
            form = Cons(LAMBDA, Cons(self.params, self.printed_body))
        else:
            form = Cons(CLOSURE, Cons(NIL, Cons(self.params, self.printed_body)))
        memo[id(self)] = (self, form)
        if self.env is not None:
            form.cdr.car = environment_list(self.env, memo)
        return form

    def __repr__(self) -> str:
        return f"<closure {self.name or 'lambda'}>"


def environment_list(env: Env | None, memo: dict[int, Any]) -> Any:
    """Emacs's list for a lexical environment: ``((VAR . VALUE)... t)``, the most
    recent binding first (the last of a frame's), sharing its parent's list."""
    chain: list[Env] = []
    tail: Any = None
    while env is not None:
        known = memo.get(id(env))
        if known is not None:
            tail = known[1]
            break
        chain.append(env)
        env = env.parent
    if tail is None:
        tail = Cons(T, NIL)
    for frame in reversed(chain):
        for sym, value in frame.vars.items():
            tail = Cons(Cons(sym, value), tail)
        memo[id(frame)] = (frame, tail)
    return tail


# Lambda-list keywords -> parsing mode (0 required, 1 optional, 2 rest, 3 key, 4 ignored).
_LAMBDA_KEYWORDS = {"&optional": 1, "&rest": 2, "&body": 2, "&key": 3, "&allow-other-keys": 4,
                    "&aux": 4}


class Macro:
    """A macro: ``expander(interp, form, env) -> expansion`` or a Closure over the arguments."""

    __slots__ = ("expander", "name")

    def __init__(self, expander: Any, name: str | None = None) -> None:
        self.expander = expander
        self.name = name

    def lisp_form(self, memo: dict[int, Any] | None = None) -> Any:
        """``(macro . FUNCTION)``, as Emacs keeps a macro in a symbol's function cell."""
        if isinstance(self.expander, Closure):
            return Cons(MACRO, self.expander.lisp_form(memo))
        return Cons(MACRO, Builtin(self.name or "macro", self.expander))


class Builtin:
    """A function implemented in Python as ``fn(interp, *args)``."""

    __slots__ = ("name", "fn", "pass_opaque")

    def __init__(self, name: str, fn: Callable[..., Any], pass_opaque: bool = False) -> None:
        self.name = name
        self.fn = fn
        self.pass_opaque = pass_opaque

    def __repr__(self) -> str:
        return f"<subr {self.name}>"

    def lisp_printed(self) -> str:
        """How Emacs prints a primitive: ``#<subr NAME>``."""
        return f"#<subr {self.name}>"


class LibraryFunction:
    """A function a loaded library defines but we do not model: calls are opaque."""

    __slots__ = ("name", "library")

    def __init__(self, name: str, library: str) -> None:
        self.name = name
        self.library = library
