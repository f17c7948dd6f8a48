"""The Emacs Lisp evaluator: eval, apply and the function values.

Shape (after mal and lis.py): :meth:`Interpreter._eval` dispatches a list
form by one dict lookup on its head symbol: a special form
(``elconf.special_forms.SPECIAL_FORMS``), else a function from the function
table (builtins from ``elconf.builtins``, ``defun``s, library functions).
Everything else about Emacs lives in those tables, ``elconf.loading`` and
``elconf.macros``; what a symbol means as a variable (lexical, the store, void
or unknown) in ``elconf.variables``.

Binding: a file without a ``lexical-binding: t`` cookie runs with dynamic
binding, every ``let`` going through the :class:`~elconf.store.VariableStore`
(so provenance sees it); with the cookie, ``let`` of a non-special variable
builds a lexical :class:`Env` frame and ``lambda`` makes a :class:`Closure`.

Three outcomes for a form (docs/unknowns.md has the user's view, and
``elconf.unknowns`` the value model):

1. *Evaluated.*
2. *Not evaluable here*: it depends on something the user's Emacs has and we
   do not (a package, another file, a process).  The innermost form that
   needs it gives an :class:`Opaque` value with a note (rule
   ``not-evaluable``) and evaluation goes on, inside the enclosing ``progn``,
   ``let`` or use-package body too:

   * a call of a function nobody defined (a package's command, an Emacs
     builtin we do not implement): rule ``opaque-call``; we cannot tell a
     package's function from a typo, so none is void-function (except, with
     ``strict_28``, the Emacs 29 additions);
   * a void variable that no library model defines (a package's or another
     file's variable); a modelled library's variable before the library
     loads is void in every Emacs, so that one is an error (outcome 3);
   * ``load`` of a file that is not on this machine;
   * an error a builtin raises only because part of an argument is unknown
     (``(length '(a . UNKNOWN))``): :meth:`Interpreter._builtin_error` and
     :func:`~elconf.errors.wrong_type` mark it, :meth:`_eval` turns it into
     an unknown at the innermost form;
   * the sandbox's refusals (processes, writes, clocks): rule ``sandbox``;
     a variable Emacs 28.2 has at start-up that we do not model: rule
     ``opaque-variable``.

   ``stop_at_any_error`` (``--stop-at-any-error``) raises the error Emacs
   without the missing piece would raise instead: Emacs's literal rule.
3. *An error Emacs itself raises* whatever is installed (a read error, a
   wrong type on values we know completely, ``error``/``user-error``/
   ``signal``, a library variable used before its library loads): not caught
   by ``condition-case``, it stops the rest of the file, as in Emacs (rule
   ``lisp-error``, naming the innermost form with a place; only these make
   ``elconf check`` say "Emacs stops loading here").  ``kill-emacs`` ends the
   whole evaluation (rule ``kill-emacs``).  A sandbox limit (``elconf.limits``)
   stops the file too and no Lisp handler catches it (rule ``limit-exceeded``).

Unknown values stay unknown: builtins given one return an unknown or the
certain part (``append``, ``add-to-list``, ``push``, ``cl-pushnew`` keep a
known head before an unknown tail); ``boundp``/``fboundp`` of a package that
loaded without being evaluated are unknown.  A condition on an unknown never
picks a branch: :meth:`Interpreter.branch` runs both on the same starting
state and merges them (``elconf.unknowns.both_branches``): a variable they
leave equal stays known, one they leave different becomes an Opaque with
both candidates and their places.  ``while`` on an unknown runs its body at
most once that way, so it stays bounded.  ``if-let`` bindings and
use-package ``:if``/``:when``/``:unless`` go through the same merge.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from elconf import libraries
from elconf.diagnostics import Diagnostic
from elconf.emacs_names import EMACS29_FUNCTIONS, emacs_functions, emacs_variables
from elconf.errors import KillEmacs, LimitExceeded, LispSignal, LispThrow, lisp_error
from elconf.limits import Limits
from elconf.loading import try_autoload
from elconf.skipped import SkippedForms, note_skipped
from elconf.store import Origin, VariableStore
from elconf.types import NIL, T, UNBOUND, Cons, Symbol, intern, lisp_list
from elconf.unknowns import Opaque, both_branches, contains_unknown
from elconf.variables import Variables
from elconf.functions import (  # noqa: F401  (re-exported: the rest of elconf imports them from here)
    Builtin, Closure, Env, LibraryFunction, Macro)

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


OPAQUE = Opaque("unknown value")

#: A low estimate of the time one builtin takes per element of a list or string
#: it builds (a cons costs ~0.7 us here), for refusing a call that cannot finish
#: within the time budget before it starts.
SECONDS_PER_ELEMENT = 0.25e-6
#: Wall seconds between two readings of the CPU clock by check_time (the budget may be
#: overrun by this much).
CPU_CHECK_INTERVAL = 0.005


def is_opaque(value: Any) -> bool:
    return type(value) is Opaque


# Errors a builtin raises whatever its arguments are: never blamed on an unknown one.
_NOT_FROM_ARGUMENTS = frozenset({"error", "user-error", "quit", "no-catch"})
LAMBDA = intern("lambda")
QUOTE = intern("quote")
CLOSURE = intern("closure")
MACRO = intern("macro")


class Interpreter(Variables):
    """Evaluates init files the way Emacs 28.2 would, in a sandbox.

    Public state: ``store`` (variables and provenance), ``diagnostics``,
    ``features`` (provided, in order), ``load_events`` ((feature, origin)).
    """

    def __init__(self, *, home: Path, env: Mapping[str, str], limits: Limits | None = None,
                 library_finder: Callable[[str], Any] = libraries.find_library) -> None:
        from elconf.builtins import BUILTINS
        from elconf.builtins.custom import HookIndex
        from elconf import special_forms

        self.home = Path(home)
        # A RecordingEnv (elconf.recording, for the state cache) stays one, so reads are recorded.
        self.env: dict[str, str] = env.recording_copy() if hasattr(env, "recording_copy") else dict(env)
        self.limits = limits or Limits()
        self.library_finder = library_finder
        self.store = VariableStore()
        self.diagnostics: list[Diagnostic] = []
        self.skipped = SkippedForms()            # skipped forms naming mail settings (elconf.skipped)
        self.features: list[str] = []
        self.load_events: list[tuple[str, Origin]] = []
        self.functions: dict[Symbol, Any] = dict(BUILTINS)
        self.special_forms = special_forms.SPECIAL_FORMS
        self.plists: dict[Symbol, dict[Symbol, Any]] = {}
        # Bumped by every builtin that changes an existing cons cell (setcar, nconc ...):
        # what is known about a list's contents holds while it stays (HookIndex).
        self.cell_writes = 0
        self.hook_index = HookIndex()
        self.saved_origins: dict[str, Origin] = {}   # where custom-set-variables saved a value
        self.custom_types: dict[str, Any] = {}       # defcustom :type of variables, for setopt
        self._model_variables: frozenset[str] | None = None
        self.after_load: dict[str, list[tuple[Any, str]]] = {}
        self.autoloads: dict[str, str] = {}      # function name -> feature whose load defines it
        self.loaded_files: list[str] = []
        self.messages: list[tuple[str, Origin]] = []   # what (message ...) would have shown
        self.idle_loads: list[tuple[str, Origin]] = []  # use-package :defer N, loaded after init
        self.catch_tags: list[Any] = []          # tags of the active catch forms
        self.handled: list[frozenset[str]] = []  # conditions of the active condition-case forms
        self.match_data: list[int | None] = []
        self.match_string: str | None = None
        self.file: str | None = None             # file being loaded
        self.pos: tuple[int, int] | None = None  # last form entered that had a position
        self.lexical = False
        self.load_depth = 0
        self.eager_files: set[str] = set()      # files loaded by Lisp: eagerly macroexpanded
        self.depth = 0
        self.steps = 0
        self.deadline = time.thread_time() + self.limits.max_seconds
        self._next_cpu_check = 0.0      # perf_counter() time of the next CPU clock reading
        self._expansions: dict[int, tuple[Any, Any]] = {}
        self._reported: set[tuple[Any, ...]] = set()
        self.started = False
        # Emacs 29 additions (setopt, keymap-set ...) signal void-function as in 28.2 when true;
        # by default setopt works as in 29 and the others are opaque calls.
        self.strict_28 = False
        # --stop-at-any-error: what is not evaluable here stops the file, as Emacs without
        # the missing package or file would (the literal rule, for those who want it).
        self.stop_at_any_error = False
        self.lex_journal: dict[Any, Any] | None = None   # see elconf.unknowns.both_branches
        self.branch_depth = 0                            # unknown conditions being run, nested
        self.killed: KillEmacs | None = None            # the kill-emacs that ended evaluation
        if sys.getrecursionlimit() < self.limits.python_recursion_limit():
            sys.setrecursionlimit(self.limits.python_recursion_limit())
        from elconf.loading import install_constants

        install_constants(self)
        # Emacs's own variables are special (defvar'd): a let binds them dynamically
        # even under lexical-binding.
        self.store.special |= emacs_variables()

    # -- public API ---------------------------------------------------------
    def startup(self) -> None:
        """Do what ``emacs -Q`` has done before the init file: preloaded library models."""
        from elconf.loading import startup

        # Our own library models run under the default limits, whatever
        # ELCONF_LIMITS gives the user's code.
        chosen, self.limits = self.limits, Limits()
        try:
            self.reset_budget()
            startup(self)
        finally:
            self.limits = chosen
            self.reset_budget()

    def load_file(self, path: Path) -> bool:
        """Evaluate a whole file as ``load`` does; False if an error stopped it."""
        from elconf.loading import load_top_file

        # Reading and evaluating make many objects that live on (the forms, the values)
        # and few garbage cycles: the cyclic collector would only rescan them again and
        # again.  It is off while the file loads (memory stays bounded by the sandbox's
        # limits); then what the load kept goes to the oldest generation unscanned
        # (freeze then unfreeze: no collection), where the first young collection would
        # have scanned all of it.  Its few cycles (a closure kept in its own environment)
        # go at the next full collection.  Not when the program froze objects itself:
        # unfreeze would thaw them too.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return load_top_file(self, Path(path))
        finally:
            if collecting:
                if not gc.get_freeze_count():
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()

    def require(self, feature: str, origin: Origin | None = None) -> None:
        from elconf.loading import require

        require(self, feature, origin or Origin("require", None, None, None))

    def run_after_init(self) -> None:
        """What happens after the init file in an interactive session: idle-deferred loads."""
        from elconf.loading import run_idle_loads

        run_idle_loads(self)

    def eval(self, form: Any) -> Any:
        """Evaluate one form at top level (current binding mode)."""
        return self.protect(lambda: self._eval(form, Env({}, None) if self.lexical else None))

    def eval_string(self, text: str) -> Any:
        """Read one form from ``text`` and evaluate it."""
        from elconf.builtins.strings import read

        return self.eval(read(self, text))   # read errors become end-of-file etc. signals

    def call_function(self, name: str, *args: Any) -> Any:
        return self.protect(lambda: self.funcall(intern(name), list(args)))

    def protect(self, thunk: Callable[[], Any]) -> Any:
        """Run ``thunk`` with fresh step/depth counters, turning Python's own
        recursion failure into the depth limit."""
        self.reset_budget()
        try:
            return thunk()
        except RecursionError:
            raise LimitExceeded("depth", self.limits.max_depth) from None

    def reset_budget(self) -> None:
        """Fresh step, depth and time budgets: per file loaded at top level, per API call."""
        self.steps = 0
        self.depth = 0
        self.deadline = time.thread_time() + self.limits.max_seconds
        self._next_cpu_check = 0.0

    def check_time(self, items: int = 0) -> None:
        """Stop when the time budget is spent, or would be by building ``items`` elements
        (one builtin call making a million-element list takes most of a second).

        The budget is CPU time, so that a busy machine does not change which
        configurations finish.  Reading a CPU clock is a system call (20-50 us
        under some sandboxes), so it is read only when the cheap wall clock
        says :data:`CPU_CHECK_INTERVAL` has passed since the last reading: this
        thread cannot have used more CPU than that meanwhile."""
        if not items:
            now = time.perf_counter()
            if now < self._next_cpu_check:
                return
            self._next_cpu_check = now + CPU_CHECK_INTERVAL
        if time.thread_time() + items * SECONDS_PER_ELEMENT > self.deadline:
            raise LimitExceeded("evaluation time (seconds)", self.limits.max_seconds)

    def time_left(self) -> float:
        """Seconds of the time budget left (for work done outside this process)."""
        return max(0.0, self.deadline - time.thread_time())

    # -- diagnostics and places -------------------------------------------
    def here(self, kind: str, form: Any = None, library: str | None = None) -> Origin:
        """An Origin at ``form`` (or the last positioned form entered)."""
        pos = (form.pos if type(form) is Cons else getattr(form, "pos", None)) or self.pos
        if pos is None:
            return Origin(kind, self.file, None, None, library)
        return Origin(kind, self.file, pos[0], pos[1], library)

    def diagnose(self, severity: str, message: str, rule: str, form: Any = None,
                 once: bool = False) -> None:
        place = self.here("", form)
        if once:
            key = (rule, place.file, place.line, place.col, message)
            if key in self._reported:
                return
            self._reported.add(key)
        self.diagnostics.append(Diagnostic(place.file, place.line, place.col, severity,  # type: ignore[arg-type]
                                           message, rule))
        note_skipped(self, rule, form, place)

    def opaque(self, what: str, form: Any = None) -> Opaque:
        place = self.here("", form)
        return Opaque(f"{what} at {place.location()}")

    def branch(self, value: Any, form: Any, then_branch: Callable[[], Any],
               else_branch: Callable[[], Any]) -> Any:
        """``then_branch()`` if ``value`` is true, ``else_branch()`` if nil; both, merged,
        when it is unknown (see :func:`elconf.unknowns.both_branches`)."""
        if type(value) is Opaque:
            if value.is_true():         # unknown, but every possibility is non-nil
                return then_branch()
            return both_branches(self, value, form, then_branch, else_branch)
        return then_branch() if value is not NIL else else_branch()

    def not_evaluable(self, signal: LispSignal, missing: str, form: Any = None) -> Opaque:
        """A form that fails here only for want of something the user's Emacs has (a
        package's variable, a file, an unknown argument): its value is unknown and
        evaluation goes on.  With ``stop_at_any_error``, ``signal`` stops the file instead."""
        if self.stop_at_any_error:
            raise signal
        self.diagnose("info", f"not evaluable here: {missing}; its value is unknown and evaluation "
                      "goes on (--stop-at-any-error stops here instead)", "not-evaluable", form,
                      once=True)
        return self.opaque(missing, form)

    # -- evaluation ---------------------------------------------------------
    def _eval(self, form: Any, env: Env | None) -> Any:
        cls = type(form)
        if cls is Symbol:
            if env is not None:
                frame: Env | None = env
                while frame is not None:
                    if form in frame.vars:
                        return frame.vars[form]
                    frame = frame.parent
            value = self.store.value(form.name)
            if value is UNBOUND:
                return self.unbound_variable(form)
            return value
        if cls is not Cons:
            return form
        steps = self.steps + 1
        self.steps = steps
        limits = self.limits
        if steps > limits.max_steps:
            raise LimitExceeded("evaluation steps", limits.max_steps)
        if not steps & 63:
            self.check_time()
        depth = self.depth + 1
        self.depth = depth
        if depth > limits.max_depth:
            raise LimitExceeded("nesting depth", limits.max_depth)
        pos = form.pos
        if pos is not None:
            self.pos = pos
        try:
            head = form.car
            if type(head) is Symbol:
                if head is QUOTE:       # a fifth of all forms: sf_quote, without the call
                    cell = form.cdr
                    return cell.car if type(cell) is Cons else NIL
                special = self.special_forms.get(head)
                if special is not None:
                    return special(self, form, env)
                fn = self.functions.get(head)
            else:
                fn = head
            if type(fn) is Macro:
                return self._eval(self.macroexpand_1(fn, form, env), env)
            if fn is None:
                return self._call_unknown(head, form, env)
            args = []
            cell = form.cdr
            while type(cell) is Cons:
                args.append(self._eval(cell.car, env))
                cell = cell.cdr
            return self.apply(fn, args, head)
        except LispSignal as exc:
            if exc.unknown is not None and not self.stop_at_any_error:
                return self.not_evaluable(exc, f"{exc.message()} (because {exc.unknown.what} is "
                                          "unknown here)", form)
            if exc.line is None and form.pos is not None:
                exc.file, (exc.line, exc.col) = self.file, form.pos
            raise
        except (LimitExceeded, KillEmacs) as exc:
            if exc.line is None and form.pos is not None:
                exc.file, (exc.line, exc.col) = self.file, form.pos
            raise
        except (AttributeError, TypeError, IndexError, KeyError, ValueError) as exc:
            # A malformed special form ((let x), (dolist x) ...): Emacs signals here too.
            name = head.name if type(head) is Symbol else "form"
            signal = lisp_error("wrong-type-argument", intern(name), f"malformed form ({exc})")
            place = form.pos or self.pos
            signal.file = self.file
            signal.line, signal.col = place if place is not None else (None, None)
            raise signal from None
        finally:
            self.depth -= 1

    def progn(self, body: Any, env: Env | None) -> Any:
        result: Any = NIL
        while type(body) is Cons:
            result = self._eval(body.car, env)
            body = body.cdr
        return result

    def macroexpand_1(self, macro: Macro, form: Cons, env: Env | None) -> Any:
        """Expand once; expansions are cached per form, as Emacs expands eagerly on load."""
        cached = self._expansions.get(id(form))
        if cached is not None and cached[0] is form:
            return cached[1]
        if isinstance(macro.expander, Closure):
            expansion = self.call_closure(macro.expander, list(form.cdr) if form.cdr is not NIL else [])
        else:
            expansion = macro.expander(self, form, env)
        if type(expansion) is Cons and expansion.pos is None and form.pos is not None:
            expansion = Cons(expansion.car, expansion.cdr, form.pos)
        self._expansions[id(form)] = (form, expansion)
        return expansion

    def _call_unknown(self, head: Any, form: Cons, env: Env | None) -> Any:
        """A call of a function nobody defined: autoload it, or skip it as opaque."""
        if type(head) is Cons and head.car is LAMBDA:
            return self.apply(self._eval(head, env), [self._eval(a, env) for a in form.cdr] if form.cdr is not NIL else [], head)
        if type(head) is not Symbol:
            raise lisp_error("invalid-function", head)
        if try_autoload(self, head.name, form):
            return self._eval(form, env)
        if head.name in EMACS29_FUNCTIONS and self.strict_28:
            from elconf.special_forms import newer_emacs_only

            raise newer_emacs_only(head)
        if head.name not in emacs_functions():
            # A package's or the user's function, void in an Emacs without it: Emacs
            # signals void-function before evaluating any argument (which may be a
            # macro's clauses, not code), so they are not evaluated here either.
            if self.stop_at_any_error:
                raise lisp_error("void-function", head)
            self.diagnose("info", f"call of {head.name} skipped: a function of a package or file "
                          "elconf does not evaluate (its arguments are not evaluated either)",
                          "opaque-call", form, once=True)
            return self.opaque(f"({head.name} ...)", form)
        try:
            args = [self._eval(a, env) for a in form.cdr] if form.cdr is not NIL else []
        except LispSignal as exc:
            self.diagnose("warning", f"call of unknown {head.name} skipped; its arguments signal "
                          f"{exc.message()} here (it may be a macro we do not model)",
                          "opaque-call", form, once=True)
            return self.opaque(f"({head.name} ...)", form)
        del args
        self.diagnose("info", f"call of {head.name} skipped: not modelled", "opaque-call", form, once=True)
        return self.opaque(f"({head.name} ...)", form)

    # -- application ----------------------------------------------------------
    def function_value(self, fn: Any) -> Any:
        """Follow symbol indirection (as ``indirect-function``)."""
        for _ in range(100):
            if type(fn) is not Symbol or fn is NIL:
                return fn
            nxt = self.functions.get(fn)
            if nxt is None:
                return None
            fn = nxt
        raise lisp_error("cyclic-function-indirection", fn)

    def funcall(self, fn: Any, args: list[Any]) -> Any:
        return self.apply(fn, args, fn)

    def apply(self, fn: Any, args: list[Any], name: Any = None) -> Any:
        """Call the function value ``fn`` (or a symbol naming one) on evaluated ``args``."""
        cls = type(fn)
        if cls is Builtin:
            if not fn.pass_opaque:
                for arg in args:
                    if type(arg) is Opaque:
                        return arg
            try:
                return fn.fn(self, *args)
            except TypeError as exc:
                if "positional argument" in str(exc) and fn.fn.__name__ in str(exc):
                    raise lisp_error("wrong-number-of-arguments", intern(fn.name), len(args)) from None
                raise self._builtin_error(fn, args, lisp_error("wrong-type-argument", intern(fn.name),
                                                               str(exc))) from None
            except (AttributeError, ValueError, IndexError, KeyError) as exc:
                raise self._builtin_error(fn, args, lisp_error("wrong-type-argument", intern(fn.name),
                                                               str(exc))) from None
            except LispSignal as exc:
                raise self._builtin_error(fn, args, exc) from None
            except RecursionError:
                raise LimitExceeded("nesting depth", self.limits.max_depth) from None
        if cls is Closure:
            return self.call_closure(fn, args)
        if cls is Symbol:
            target = self.function_value(fn)
            if target is None:
                if try_autoload(self, fn.name, None):
                    return self.apply(fn, args, name)
                self.diagnose("info", f"call of {fn.name} skipped: not modelled", "opaque-call", once=True)
                return self.opaque(f"({fn.name} ...)")
            return self.apply(target, args, fn)
        if cls is Opaque:
            return fn
        if cls is LibraryFunction:
            self.diagnose("info", f"call of {fn.name} (from {fn.library}) skipped: not modelled",
                          "opaque-call", once=True)
            return self.opaque(f"({fn.name} ...)")
        if cls is Cons:
            if fn.car is LAMBDA:
                return self.call_closure(Closure(fn.cdr.car, fn.cdr.cdr, None), args)
            if fn.car is CLOSURE:
                captured = fn.cdr.car
                frame = {c.car: c.cdr for c in captured if type(c) is Cons} if type(captured) is Cons else {}
                rest = fn.cdr.cdr
                return self.call_closure(Closure(rest.car, rest.cdr, Env(frame, None)), args)
        if cls is Macro:
            raise lisp_error("invalid-function", name if name is not None else NIL)
        raise lisp_error("invalid-function", fn if fn is not None else name)

    @staticmethod
    def _builtin_error(fn: Builtin, args: list[Any], signal: LispSignal) -> LispSignal:
        """A builtin's error, marked as due to an unknown when an argument holds one
        (``(add-to-list 'x ...)`` on ``(a . UNKNOWN)``): Emacs has the whole value."""
        if signal.unknown is None and signal.symbol.name not in _NOT_FROM_ARGUMENTS:
            for arg in args:
                found = contains_unknown(arg, 1000)
                if found is not None:
                    signal.unknown = found
                    break
        return signal

    def call_closure(self, fn: Closure, args: list[Any]) -> Any:
        nreq, nopt = len(fn.required), len(fn.optional)
        if len(args) < nreq or (fn.rest is None and fn.keys is None and len(args) > nreq + nopt):
            raise lisp_error("wrong-number-of-arguments", lisp_list([intern(fn.name or "lambda")]),
                             len(args))
        pairs: list[tuple[Symbol, Any]] = list(zip(fn.required, args))
        for i, sym in enumerate(fn.optional):
            if nreq + i < len(args):
                pairs.append((sym, args[nreq + i]))
            else:
                pairs.append((sym, self._eval(fn.defaults[sym], fn.env) if sym in fn.defaults else NIL))
        if fn.rest is not None:
            pairs.append((fn.rest, lisp_list(args[nreq + nopt:])))
        if fn.keys is not None:
            given = args[nreq + nopt:]
            if fn.rest is None:
                # cl-defun's expansion takes &key arguments as (&rest --cl-rest--), an
                # uninterned variable bound before the keys (closures capture it too).
                pairs.append((_cl_rest_symbol(), lisp_list(given)))
            supplied = {given[i]: given[i + 1] for i in range(0, len(given) - 1, 2)}
            for keyword, sym in fn.keys:
                if keyword in supplied:
                    pairs.append((sym, supplied[keyword]))
                else:
                    pairs.append((sym, self._eval(fn.defaults[sym], fn.env) if sym in fn.defaults else NIL))
        if fn.file is None or fn.file == self.file:
            return self.bind_and_run(pairs, fn.body, fn.env, "argument")
        saved = self.file, self.pos
        self.file = fn.file
        try:
            return self.bind_and_run(pairs, fn.body, fn.env, "argument")
        finally:
            self.file, self.pos = saved

    def bind_and_run(self, pairs: list[tuple[Symbol, Any]], body: Any, env: Env | None,
                     kind: str) -> Any:
        """Bind ``pairs`` (lexically when ``env`` is lexical and the variable is
        not special, else dynamically) and run ``body``."""
        special = self.store.special
        if env is None:
            dynamic = pairs
        else:
            variables = {}
            dynamic = []
            for pair in pairs:
                if pair[0].name in special:
                    dynamic.append(pair)
                else:
                    variables[pair[0]] = pair[1]
            env = Env(variables, env)
        if not dynamic:
            return self.progn(body, env)
        origin = self.here(kind) if kind != "argument" else None
        token = self.store.binding_depth
        try:
            for sym, value in dynamic:
                if sym is NIL or sym is T or sym.name[:1] == ":":
                    raise lisp_error("setting-constant", sym)
                self.store.bind(sym.name, value, origin)
            return self.progn(body, env)
        finally:
            self.store.unbind(token)


__all__ = ["Interpreter", "Opaque", "OPAQUE", "is_opaque", "Closure", "Macro", "Builtin",
           "LibraryFunction", "Env", "LispSignal", "LispThrow", "LimitExceeded"]


def _cl_rest_symbol() -> Symbol:
    """The one uninterned ``--cl-rest--`` (Emacs makes it once, when cl-macs loads)."""
    global _CL_REST
    if _CL_REST is None:
        _CL_REST = Symbol("--cl-rest--")
    return _CL_REST


_CL_REST: Symbol | None = None
