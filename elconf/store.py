"""The variable store: every variable's value and where it came from.

Like ``git config --show-origin``, every value can say which form set it
(file, line, column and the kind of form) and list the assignments before
it, including those that had no effect: a ``defvar`` over a bound value, a
``setq`` inside a ``let`` that was later unwound, a buffer-local setting that
a mail buffer never sees.

Buffers: Emacs evaluates an init file in some buffer, and sends mail from
another.  We model one buffer, the one the init file runs in.  Buffer-local
values (``setq-local``, ``defvar-local`` variables set with ``setq``) live in
that buffer only, so they are recorded as ineffective for mail: :meth:`get`
returns the *default* value, the one a fresh mail buffer starts with, while
the evaluator reads :meth:`value` (local value first).
"""

from __future__ import annotations


from elconf.records import record, replace
from elconf.types import UNBOUND

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


@record
class Origin:
    """Where a value came from.  Immutable by convention: nothing assigns to one after
    it is made (:func:`~elconf.records.replace` makes a changed copy).  Not enforced
    (no frozen ``__setattr__``), and slots instead of a ``__dict__``: an init file makes
    thousands, and that halves the cost of each."""

    __slots__ = ("kind", "file", "line", "col", "library")
    kind: str             # "setq", "setq-default", "defcustom", "library default", "let", ...
    file: str | None
    line: int | None
    col: int | None
    library: str | None   # for defaults: the library whose load computed it

    def __init__(self, kind: str, file: str | None, line: int | None, col: int | None,
                 library: str | None = None) -> None:
        self.kind = kind
        self.file = file
        self.line = line
        self.col = col
        self.library = library

    def __hash__(self) -> int:
        return hash((self.kind, self.file, self.line, self.col, self.library))

    def __reduce__(self) -> Any:
        return (Origin, (self.kind, self.file, self.line, self.col, self.library))

    def location(self) -> str:
        """``file:line:col`` (parts that are unknown left out)."""
        from elconf.diagnostics import format_location

        return format_location(self.file, self.line, self.col)

    def describe(self) -> str:
        """``KIND (LIBRARY) at FILE:LINE:COL``; the place is left out when there is none."""
        lib = f" ({self.library})" if self.library else ""
        return f"{self.kind}{lib} at {self.location()}" if self.file else f"{self.kind}{lib}"


@record
class Assignment:
    """One entry of a variable's history.  Immutable by convention, as :class:`Origin`."""

    __slots__ = ("value", "origin", "effective", "note")
    value: Any
    origin: Origin
    effective: bool              # False when it had no effect
    note: str | None             # why it had no effect, in words

    def __init__(self, value: Any, origin: Origin, effective: bool, note: str | None = None
                 ) -> None:
        self.value = value
        self.origin = origin
        self.effective = effective
        self.note = note

    def __hash__(self) -> int:
        return hash((self.value, self.origin, self.effective, self.note))

    def __reduce__(self) -> Any:
        return (Assignment, (self.value, self.origin, self.effective, self.note))


@record
class _Binding:
    """One entry of the dynamic-binding stack (Emacs's specpdl)."""
    name: str
    local: bool                  # the binding shadows the buffer-local value
    old_value: Any
    old_origin: Origin | None
    mark: int                    # length of the history before the binding
    origin: Origin | None


def _set_or_drop(origins: dict[str, Origin], name: str, origin: Origin | None) -> None:
    if origin is None:
        origins.pop(name, None)
    else:
        origins[name] = origin


class VariableStore:
    """Values, dynamic bindings, buffer-local values and provenance."""

    def __init__(self) -> None:
        self._default: dict[str, Any] = {}
        self._local: dict[str, Any] = {}
        self._origin: dict[str, Origin] = {}
        self._local_origin: dict[str, Origin] = {}
        self._history: dict[str, list[Assignment]] = {}
        self._saved: dict[str, Any] = {}
        self._default_expr: dict[str, tuple[str, str | None]] = {}
        self._bindings: list[_Binding] = []
        self._toplevel_sets: set[int] = set()   # ids of assignments that outlive the lets around them
        self.auto_local: set[str] = set()    # make-variable-buffer-local / defvar-local
        self.special: set[str] = set()       # defvar'd: dynamically bound even under lexical-binding
        self.constants: set[str] = set()     # defconst'd names (setq still works, as in Emacs)
        # While a branch of a condition on an unknown value runs, the value and origin
        # each variable had before its first change in the branch (see elconf.unknowns).
        self.journal: dict[tuple[bool, str], tuple[Any, Origin | None]] | None = None

    # -- reading ---------------------------------------------------------
    def get(self, name: str) -> Any:
        """The default value (what a new mail buffer sees), or UNBOUND."""
        return self._default.get(name, UNBOUND)

    def value(self, name: str) -> Any:
        """The value in the init file's buffer: buffer-local first, then default."""
        if name in self._local:
            return self._local[name]
        return self._default.get(name, UNBOUND)

    def local_value(self, name: str) -> Any:
        return self._local.get(name, UNBOUND)

    def is_bound(self, name: str) -> bool:
        return name in self._local or self._default.get(name, UNBOUND) is not UNBOUND

    def is_default_bound(self, name: str) -> bool:
        return self._default.get(name, UNBOUND) is not UNBOUND

    def origin(self, name: str) -> Origin | None:
        """Where the current default value came from."""
        return self._origin.get(name)

    def history(self, name: str) -> list[Assignment]:
        return list(self._history.get(name, ()))

    def names(self) -> list[str]:
        """Every variable ever assigned or bound, in first-assignment order."""
        return list(self._history)

    # -- writing ---------------------------------------------------------
    def _record(self, name: str, assignment: Assignment) -> None:
        self._history.setdefault(name, []).append(assignment)

    def set(self, name: str, value: Any, origin: Origin) -> None:
        """An effective assignment of the default value."""
        if self.journal is not None:
            self._note(False, name)
        self._default[name] = value
        self._origin[name] = origin
        history = self._history.get(name)      # (_record, inlined: one call per setq)
        if history is None:
            self._history[name] = [Assignment(value, origin, True)]
        else:
            history.append(Assignment(value, origin, True))

    def assign(self, name: str, value: Any, origin: Origin) -> None:
        """``setq``/``set`` semantics: the buffer-local value if there is one
        (or the variable is automatically buffer-local), else the default."""
        if name in self._local or name in self.auto_local:
            self.set_local(name, value, origin)
        else:
            self.set(name, value, origin)

    def set_local(self, name: str, value: Any, origin: Origin) -> None:
        if self.journal is not None:
            self._note(True, name)
        self._local[name] = value
        self._local_origin[name] = origin
        self._record(name, Assignment(value, origin, False,
                                      "buffer-local to the buffer the init file ran in; "
                                      "a mail buffer starts from the default value"))

    def kill_local(self, name: str) -> None:
        if self.journal is not None:
            self._note(True, name)
        self._local.pop(name, None)
        self._local_origin.pop(name, None)

    def make_unbound(self, name: str, origin: Origin) -> None:
        if self.journal is not None:
            self._note(False, name)
        self._default.pop(name, None)
        self._origin[name] = origin
        self._record(name, Assignment(UNBOUND, origin, True, "made void"))

    def record_ineffective(self, name: str, value: Any, origin: Origin, note: str) -> None:
        self._record(name, Assignment(value, origin, False, note))

    # -- dynamic binding (let under dynamic binding, function arguments) --
    def bind(self, name: str, value: Any, origin: Origin | None) -> int:
        """Bind ``name`` dynamically; returns a token for :meth:`unbind`.

        ``origin`` None (function arguments) binds without a history entry."""
        local = name in self._local
        if self.journal is not None:
            self._note(local, name)
        history = self._history.get(name)
        if history is None:
            history = [] if origin is None else self._history.setdefault(name, [])
        if local:
            entry = _Binding(name, True, self._local[name], self._local_origin.get(name),
                             len(history), origin)
            self._local[name] = value
            _set_or_drop(self._local_origin, name, origin)
        else:
            entry = _Binding(name, False, self._default.get(name, UNBOUND),
                             self._origin.get(name), len(history), origin)
            self._default[name] = value
            _set_or_drop(self._origin, name, origin)
        if origin is not None:
            history.append(Assignment(value, origin, True))
        self._bindings.append(entry)
        return len(self._bindings) - 1

    def unbind(self, token: int) -> None:
        """Undo every binding made since ``token`` (inclusive), newest first."""
        while len(self._bindings) > token:
            entry = self._bindings.pop()
            values, origins = (self._local, self._local_origin) if entry.local \
                else (self._default, self._origin)
            if entry.old_value is UNBOUND:
                values.pop(entry.name, None)
            else:
                values[entry.name] = entry.old_value
            if entry.old_origin is None:
                origins.pop(entry.name, None)
            else:
                origins[entry.name] = entry.old_origin
            history = self._history.get(entry.name)
            if history is None or len(history) <= entry.mark:
                continue
            where = entry.origin.location() if entry.origin is not None else "a function call"
            note = f"undone when the let at {where} ended"
            for i in range(entry.mark, len(history)):
                if history[i].effective and id(history[i]) not in self._toplevel_sets:
                    history[i] = replace(history[i], effective=False, note=note)

    def _outermost_binding(self, name: str) -> _Binding | None:
        for entry in self._bindings:
            if entry.name == name and not entry.local:
                return entry
        return None

    def is_toplevel_bound(self, name: str) -> bool:
        """Whether the default value outside every ``let`` is bound
        (what defvar and defcustom test, as Emacs's default-toplevel-value)."""
        entry = self._outermost_binding(name)
        if entry is None:
            return self.is_default_bound(name)
        return entry.old_value is not UNBOUND

    def set_toplevel(self, name: str, value: Any, origin: Origin) -> None:
        """Set the value outside every ``let`` (set-default-toplevel-value): a
        defvar/defcustom run inside a let of its variable sets what the let restores."""
        entry = self._outermost_binding(name)
        if entry is None:
            self.set(name, value, origin)
            return
        entry.old_value = value
        entry.old_origin = origin
        where = entry.origin.location() if entry.origin is not None else "a function call"
        assignment = Assignment(value, origin, True, "set outside the let that was active; "
                                f"takes effect when the let at {where} ends")
        self._toplevel_sets.add(id(assignment))
        self._record(name, assignment)

    # -- branches of a condition on an unknown value (elconf.unknowns) ----------
    def _note(self, local: bool, name: str) -> None:
        """Remember the value before the first change of ``name`` in the current branch."""
        key = (local, name)
        journal = self.journal
        if journal is not None and key not in journal:
            values, origins = (self._local, self._local_origin) if local else (self._default, self._origin)
            journal[key] = (values.get(name, UNBOUND), origins.get(name))

    def current(self, key: tuple[bool, str]) -> tuple[Any, Origin | None]:
        """(value, origin) of a journal key now: the buffer-local or the default slot."""
        local, name = key
        values, origins = (self._local, self._local_origin) if local else (self._default, self._origin)
        return values.get(name, UNBOUND), origins.get(name)

    def put(self, key: tuple[bool, str], value: Any, origin: Origin | None) -> None:
        """Put a slot back (or merge into it) without a history entry: UNBOUND empties it."""
        local, name = key
        values, origins = (self._local, self._local_origin) if local else (self._default, self._origin)
        if value is UNBOUND:
            values.pop(name, None)
        else:
            values[name] = value
        _set_or_drop(origins, name, origin)

    def record_merge(self, name: str, value: Any, origin: Origin, note: str) -> None:
        """The history entry of a value two branches of an unknown condition left."""
        self._record(name, Assignment(value, origin, True, note))

    @property
    def binding_depth(self) -> int:
        return len(self._bindings)

    def is_let_bound(self, name: str) -> bool:
        return any(b.name == name for b in self._bindings)

    # -- Customize bookkeeping --------------------------------------------
    def saved_value(self, name: str) -> Any:
        """The ``saved-value`` of a variable (an unevaluated expression), or UNBOUND."""
        return self._saved.get(name, UNBOUND)

    def set_saved_value(self, name: str, expression: Any) -> None:
        self._saved[name] = expression

    def default_expression(self, name: str) -> tuple[str, str | None] | None:
        """(Lisp source of the library default, library) for a modelled variable."""
        return self._default_expr.get(name)

    def set_default_expression(self, name: str, source: str, library: str | None) -> None:
        self._default_expr[name] = (source, library)

    # -- trying something and taking it back ----------------------------------
    def snapshot(self) -> tuple[Any, ...]:
        """Everything :meth:`restore` needs to undo later assignments.

        Used to try an account switch (mu4e's enter-func and ``:vars``) and
        come back to the state right after init, as each account is judged
        from there.  Values are not copied: Lisp values that assignments
        replace stay as they were (a destructive ``setcdr`` would show)."""
        return (dict(self._default), dict(self._local), dict(self._origin), dict(self._local_origin),
                {name: len(history) for name, history in self._history.items()},
                len(self._bindings), set(self.auto_local), set(self.special))

    def restore(self, snapshot: tuple[Any, ...]) -> None:
        """Go back to the state :meth:`snapshot` recorded (bindings made since are dropped)."""
        default, local, origin, local_origin, lengths, depth, auto_local, special = snapshot
        self._default, self._local = dict(default), dict(local)
        self._origin, self._local_origin = dict(origin), dict(local_origin)
        for name in list(self._history):
            if name not in lengths:
                del self._history[name]
            else:
                del self._history[name][lengths[name]:]
        del self._bindings[depth:]
        self.auto_local, self.special = set(auto_local), set(special)
