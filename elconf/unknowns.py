"""Unknown values and the conditions that depend on them.

elconf evaluates an init file without the user's packages, other files,
processes or network.  What depends on them is *unknown* here, never
guessed: an :class:`Opaque` value.  The rules (docs/unknowns.md has the
user's view):

* An unknown flows through: a builtin given one returns an unknown, or the
  part that is certain (``(append '(a) UNKNOWN)`` is ``(a . UNKNOWN)``).
* A condition on an unknown never picks a branch.  :func:`both_branches`
  runs each branch on the same starting state and merges what they left: a
  variable both branches leave equal stays known; one they leave different
  becomes an :class:`Opaque` holding both *candidates*, each with the place
  that set it (``elconf show`` lists them; ``elsend`` refuses to guess a
  route from one).

The state copy is a journal, not a copy: while a branch runs, the store
(``VariableStore.journal``) and lexical ``setq`` (``Interpreter.lex_journal``)
remember the value each variable had before its first change, so a branch
costs only the variables it touches.  Other effects of a branch (features
provided, functions defined, after-load bodies queued) are kept from both:
their union is what some run of the user's Emacs may have.
"""

from __future__ import annotations

from elconf.types import NIL, UNBOUND, Cons, Vector

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from elconf.store import Origin


class Opaque:
    """A value we cannot know: the result of a call we do not (or may not) run.

    ``candidates`` is set when the value is one of several known
    possibilities (a variable the branches of an unknown condition set
    differently): ``((value, origin), ...)``, a value being UNBOUND when a
    branch left the variable void."""

    __slots__ = ("what", "candidates", "true")

    def __init__(self, what: str, candidates: "tuple[tuple[Any, Origin | None], ...] | None" = None,
                 true: bool = False) -> None:
        self.what = what
        self.candidates = candidates
        self.true = true          # known to be non-nil (what ``or`` returned), value unknown

    def is_true(self) -> bool:
        """Whether every possibility is non-nil: a condition on it takes its then-branch."""
        if self.true:
            return True
        return bool(self.candidates) and all(
            v is not UNBOUND and (v.is_true() if type(v) is Opaque else v is not NIL)
            for v, _origin in self.candidates)

    def __repr__(self) -> str:
        return f"<unknown: {self.what}>"


#: Unknown conditions nested deeper than this (a recursive function whose base case
#: depends on an unknown) are not run at all: the form is not evaluable here.
MAX_BRANCH_DEPTH = 12


def contains_unknown(value: Any, budget: int = 10_000) -> "Opaque | None":
    """The first unknown inside ``value`` (a list's elements or tail, a vector's
    elements, nested), looking at no more than ``budget`` cells: for telling an
    error Emacs would raise from one raised only because a part is unknown."""
    todo = [value]
    while todo and budget > 0:
        item = todo.pop()
        budget -= 1
        cls = type(item)
        if cls is Opaque:
            return item
        if cls is Cons:
            todo.append(item.cdr)
            todo.append(item.car)
        elif cls is Vector:
            todo.extend(item)
    return None


def describe_candidate(value: Any, origin: "Origin | None") -> str:
    """``"smtp.a.org" (setq at init.el:3:5)``, for messages."""
    from elconf.printer import prin1_to_string

    shown = "void" if value is UNBOUND else (
        f"<unknown: {value.what}>" if type(value) is Opaque else prin1_to_string(value))
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{shown} ({origin.describe()})" if origin is not None else shown


def _candidates(value: Any, origin: "Origin | None") -> list[tuple[Any, "Origin | None"]]:
    if type(value) is Opaque and value.candidates:
        return list(value.candidates)
    return [(value, origin)]


def _same(a: Any, b: Any) -> bool:
    from elconf.equality import lisp_equal

    if a is b:
        return True
    if type(a) is Opaque or type(b) is Opaque or a is UNBOUND or b is UNBOUND:
        return False
    return lisp_equal(a, b)


def merge(a: tuple[Any, "Origin | None"], b: tuple[Any, "Origin | None"],
          start: tuple[Any, "Origin | None"], why: str) -> tuple[Any, "Origin | None", bool]:
    """What a variable holds after two branches that left ``a`` and ``b`` (each
    ``(value, origin)``), from ``start``: ``(value, origin, unknown)``."""
    if _same(a[0], b[0]):
        return (b if a is start else a) + (False,)
    # A library that loaded in one branch only: the other side is void, and the
    # library's default is what that side gets when the library loads later.
    for mine, other in ((a, b), (b, a)):
        if other[0] is UNBOUND and mine[1] is not None and mine[1].library is not None:
            return mine + (False,)
    candidates: list[tuple[Any, Origin | None]] = []
    for value, origin in _candidates(*a) + _candidates(*b):
        if not any(_same(value, seen) and origin == where for seen, where in candidates):
            candidates.append((value, origin))
    text = " or ".join(describe_candidate(v, o) for v, o in candidates)
    return Opaque(f"one of {text}, {why}", tuple(candidates)), None, True


def both_branches(ip: Any, condition: Opaque, form: Any, then_branch: "Callable[[], Any]",
                  else_branch: "Callable[[], Any]") -> Any:
    """Run both branches of a condition on the unknown ``condition`` and merge them.

    Each branch starts from the state before it; an error (or ``throw``,
    ``kill-emacs``) in a branch ends that branch only, with a warning: it
    happens in Emacs only if the condition goes that way.  Returns the value
    of the form: known when both branches give an equal one."""
    place = ip.here("condition", form)
    why = f"depending on {condition.what} (condition at {place.location()})"
    if ip.branch_depth >= MAX_BRANCH_DEPTH:
        ip.diagnose("warning", f"conditions on unknown values nested {MAX_BRANCH_DEPTH} deep (a "
                    "recursion whose end depends on an unknown?): this one is not evaluated, its "
                    "value is unknown", "opaque-condition", form, once=True)
        return Opaque(f"the form at {place.location()}, {why}")
    ip.branch_depth += 1
    try:
        return _run_and_merge(ip, condition, form, then_branch, else_branch, place, why)
    finally:
        ip.branch_depth -= 1


def _run_and_merge(ip: Any, condition: Opaque, form: Any, then_branch: "Callable[[], Any]",
                   else_branch: "Callable[[], Any]", place: "Origin", why: str) -> Any:
    from elconf.errors import KillEmacs, LispSignal, LispThrow

    store = ip.store
    outer, outer_lex = store.journal, ip.lex_journal
    ip.diagnose("info", f"condition depends on an unknown value ({condition.what}); both branches "
                "evaluated, what they set differently is unknown", "opaque-condition", form, once=True)
    outcomes = []
    for which, branch in (("true", then_branch), ("false", else_branch)):
        journal: dict[Any, Any] = {}
        lex: dict[Any, Any] = {}
        store.journal, ip.lex_journal = journal, lex
        depth = ip.depth
        try:
            value = branch()
        except (LispSignal, LispThrow, KillEmacs) as exc:
            ip.depth = depth
            what = exc.message() if isinstance(exc, LispSignal) else (
                "kill-emacs" if isinstance(exc, KillEmacs) else "a throw")
            ip.diagnose("warning", f"{what}: happens in Emacs only if the condition is {which} "
                        f"({condition.what}); evaluation goes on", "opaque-condition", form)
            value = Opaque(f"the {which} branch of the condition at {place.location()}")
        finally:
            store.journal, ip.lex_journal = outer, outer_lex
        ends = {key: store.current(key) for key in journal}
        for key, old in journal.items():
            store.put(key, *old)
        lex_ends = {key: (frame.vars.get(sym, UNBOUND)) for key, (frame, sym, _old) in lex.items()}
        for frame, sym, old in lex.values():
            frame.vars[sym] = old
        outcomes.append((value, journal, ends, lex, lex_ends))
    (value_a, journal_a, ends_a, lex_a, lex_ends_a), (value_b, journal_b, ends_b, lex_b, lex_ends_b) = outcomes
    starts = {**journal_b, **journal_a}
    if outer is not None:
        for key, old in starts.items():
            outer.setdefault(key, old)
    for key, start in starts.items():
        value, origin, unknown = merge(ends_a.get(key, start), ends_b.get(key, start), start, why)
        if unknown:
            origin = ip.here("unknown condition", form)
            store.record_merge(key[1], value, origin, why)
        store.put(key, value, origin)
    lex_starts = {**lex_b, **lex_a}
    for key, (frame, sym, old) in lex_starts.items():
        if outer_lex is not None:
            outer_lex.setdefault(key, (frame, sym, old))
        start = (old, None)
        a = (lex_ends_a.get(key, old), None)
        b = (lex_ends_b.get(key, old), None)
        frame.vars[sym] = merge(a, b, start, why)[0] if not (a[0] is old and b[0] is old) else old
    if _same(value_a, value_b):
        return value_a
    return merge((value_a, None), (value_b, None), (UNBOUND, None), why)[0]
