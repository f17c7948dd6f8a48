"""Function values of the evaluator: lexical environments, closures, macros,
builtins and the functions of libraries we do not model.

Kept apart from :mod:`elconf.interpreter` (which re-exports them) so that the
evaluator stays short enough to read at once.
"""

from __future__ import annotations

from collections.abc import Callable

from elconf.errors import lisp_error
from elconf.types import NIL, T, Cons, Symbol, intern, lisp_list

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

LAMBDA = intern("lambda")
CLOSURE = intern("closure")


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

    __slots__ = ("required", "optional", "rest", "keys", "defaults", "body", "env", "name", "file")

    def __init__(self, params: Any, body: Any, env: Env | None, name: str | None = None,
                 file: str | None = None) -> None:
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

    def lisp_form(self) -> Any:
        """The list Emacs 28 shows for this function: ``(lambda ARGS . BODY)`` when
        dynamically scoped, ``(closure ENV ARGS . BODY)`` under lexical binding."""
        params: list[Any] = list(self.required)
        if self.optional:
            params += [intern("&optional"), *self.optional]
        if self.rest is not None:
            params += [intern("&rest"), self.rest]
        if self.env is None:
            return Cons(LAMBDA, Cons(lisp_list(params), self.body))
        frames: list[Any] = []
        env: Env | None = self.env
        while env is not None:
            frames += [Cons(k, v) for k, v in env.vars.items()]
            env = env.parent
        return Cons(CLOSURE, Cons(lisp_list(frames + [T]), Cons(lisp_list(params), self.body)))

    def __repr__(self) -> str:
        return f"<closure {self.name or 'lambda'}>"


# Lambda-list keywords -> parsing mode (0 required, 1 optional, 2 rest, 3 key, 4 ignored).
_LAMBDA_KEYWORDS = {"&optional": 1, "&rest": 2, "&body": 2, "&key": 3, "&allow-other-keys": 4,
                    "&aux": 4}


class Macro:
    """A macro: ``expander(interp, form, env) -> expansion`` or a Closure over the arguments."""

    __slots__ = ("expander", "name")

    def __init__(self, expander: Any, name: str | None = None) -> None:
        self.expander = expander
        self.name = name


class Builtin:
    """A function implemented in Python as ``fn(interp, *args)``."""

    __slots__ = ("name", "fn", "pass_opaque")

    def __init__(self, name: str, fn: Callable[..., Any], pass_opaque: bool = False) -> None:
        self.name = name
        self.fn = fn
        self.pass_opaque = pass_opaque

    def __repr__(self) -> str:
        return f"<subr {self.name}>"


class LibraryFunction:
    """A function a loaded library defines but we do not model: calls are opaque."""

    __slots__ = ("name", "library")

    def __init__(self, name: str, library: str) -> None:
        self.name = name
        self.library = library
