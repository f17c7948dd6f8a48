"""What every rule of ``elconf check`` looks at, computed once per run.

A :class:`CheckContext` wraps the evaluated configuration
(:class:`elconf.config.LoadedConfig`) and adds what the rules share: the
evaluator's own diagnostics taken *before* the send-time load (so a rule can
tell what the init file did from what sending does), the assignments that
came from the user's files, the variables that skipped (opaque) forms may
have set, and the read forms of each file for rules that need the source.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from elconf.diagnostics import Diagnostic
from elconf.records import replace
from elconf.skipped import MAIL_LIBRARY, MAIL_NAME, NOT_USER_KINDS, mail_names_in, symbols_in  # noqa: F401 (shared)
from elconf.types import FUNCTION, NIL, QUOTE, UNBOUND, Cons, Symbol

#: MAIL_NAME anywhere in a text (for a quick textual pre-test).
MAIL_WORD = re.compile(r"(?<![\w-])" + MAIL_NAME.pattern)

#: Send functions that hand the message to a program instead of speaking SMTP.
SENDMAIL_PROGRAM_FUNCTIONS = frozenset({
    "sendmail-send-it", "message-send-mail-with-sendmail", "feedmail-send-it",
    "mailclient-send-it", "message-send-mail-with-mailclient", "message-send-mail-with-qmail",
    "message-send-mail-with-mh"})

#: Forms whose body runs later, if ever: functions, hooks, deferred library code,
#: and the per-account settings of mail clients.
DEFERRING_FORMS = frozenset({
    "defun", "defmacro", "lambda", "cl-defun", "cl-defmethod", "with-eval-after-load",
    "eval-after-load", "use-package", "after!", "add-hook", "make-mu4e-context",
    "gnus-posting-styles", "defadvice", "advice-add"})

#: Origin kinds that are not the user's doing.
_NOT_USER_KINDS = NOT_USER_KINDS

def is_skip_rule(rule: str | None) -> bool:
    """Does an evaluator diagnostic with this rule mean "a form was skipped, not evaluated"?"""
    return bool(rule) and (rule.startswith("opaque") or rule in ("elc-skipped", "unsupported", "not-evaluable"))


def is_user_origin(origin: Any) -> bool:
    """True when the value was set by a form in one of the user's files."""
    return (origin is not None and origin.file is not None and origin.library is None
            and origin.kind not in _NOT_USER_KINDS)


class CheckContext:
    """The evaluated configuration plus the indexes the rules share."""

    def __init__(self, loaded: Any, *, home: Path, env: Mapping[str, str]) -> None:
        self.loaded = loaded
        self._assumed: dict[str, Any] = {}  # name -> one candidate value (see assuming)
        self.interpreter = loaded.interpreter
        self.store = loaded.store
        self.home = home
        self.env = env
        self.init_files: list[Path] = list(loaded.init_files)
        # Taken before the send-time load adds its own events.
        self.eval_diagnostics: list[Diagnostic] = list(loaded.diagnostics)
        self.init_load_events: list[tuple[str, Any]] = list(self.interpreter.load_events)
        self.send_function = self._symbol_value("send-mail-function")
        self.message_send_function = self._symbol_value("message-send-mail-function")
        self._assignments: dict[str, list[Any]] = {}
        self.cache: dict[str, Any] = {}     # results rules share (e.g. the auth-source lookup)
        # Variable -> ids of the rules that needed its value and found it unknown.
        self.unchecked: dict[str, list[str]] = {}
        self.missing: set[str] = set()      # unknown names the running rule asked about
        before = len(loaded.diagnostics)
        self.send_diagnostics: list[Diagnostic] = []
        protect = getattr(self.interpreter, "protect", lambda thunk: thunk())   # fresh sandbox counters
        try:
            protect(loaded.load_for_sending)
            if self.uses_smtpmail() and "smtpmail" not in self.interpreter.features:
                # What (require 'smtpmail) gives: where the user would send through SMTP.
                from elconf.config import SEND_TIME
                from elconf.store import Origin

                protect(lambda: self.interpreter.require(
                    "smtpmail", Origin(SEND_TIME, None, None, None, library="smtpmail-send-it")))
        except Exception as exc:  # noqa: BLE001 - a config that breaks at send time is a finding
            message = exc.message() if hasattr(exc, "message") and callable(exc.message) else str(exc)
            self.send_diagnostics.append(Diagnostic(
                getattr(exc, "file", None), getattr(exc, "line", None), getattr(exc, "col", None),
                "error", f"loading smtpmail at send time fails: {message}", "send-time-load-error"))
        self.send_diagnostics[:0] = [d for d in loaded.diagnostics[before:] if d.severity == "error"]

    def uses_smtpmail(self) -> bool:
        """Would mail go through smtpmail (or would Emacs ask, smtp being one answer)?"""
        # Mail handed to a program (msmtp, sendmail) never reaches smtpmail: leftover
        # smtpmail settings are inert then, and judging them would be a false alarm.
        return not (self.send_function in SENDMAIL_PROGRAM_FUNCTIONS and
                    self.message_send_function in (None, "message--default-send-mail-function",
                                                   *SENDMAIL_PROGRAM_FUNCTIONS))

    # -- values ------------------------------------------------------------
    def value(self, name: str) -> Any:
        """The value at send time, or UNBOUND (one candidate of it, inside :meth:`assuming`)."""
        if name in self._assumed:
            return self._assumed[name]
        return self.store.get(name)

    @contextlib.contextmanager
    def assuming(self, name: str, value: Any, origin: Any) -> Iterator[None]:
        """Inside: ``name`` holds ``value``, set at ``origin``, one candidate of its
        unknown value (a branch of a condition elconf could not decide)."""
        from elconf.interpreter import is_opaque
        from elconf.store import Assignment

        saved = (self.cache, self._assignments.get(name), self.send_function,
                 self.message_send_function)
        self._assumed = {name: value}
        self.cache = {}
        known = [a for a in self.store.history(name)
                 if is_user_origin(a.origin) and not is_opaque(a.value)]
        self._assignments[name] = [Assignment(value, origin, True)] \
            if is_user_origin(origin) else known
        self.send_function = self._symbol_value("send-mail-function")
        self.message_send_function = self._symbol_value("message-send-mail-function")
        try:
            yield
        finally:
            self._assumed = {}
            self.cache, assignments, self.send_function, self.message_send_function = saved
            if assignments is None:
                self._assignments.pop(name, None)
            else:
                self._assignments[name] = assignments

    def knows(self, rule_id: str, *names: str) -> bool:
        """Are the send-time values of ``names`` known?  A rule that needs them calls
        this first: for each unknown one, the ``value-unknown`` finding says the rule
        could not be checked, instead of the rule staying silent or guessing."""
        from elconf.interpreter import is_opaque

        known = True
        for name in names:
            if is_opaque(self.value(name)):
                self.missing.add(name)
                rules = self.unchecked.setdefault(name, [])
                if rule_id not in rules:
                    rules.append(rule_id)
                known = False
        return known

    def _symbol_value(self, name: str) -> str | None:
        value = self.value(name)
        return value.name if isinstance(value, Symbol) and value is not NIL else None

    def user_assignments(self, name: str) -> list[Any]:
        """The assignments to ``name`` made by forms of the user's files, in order."""
        cached = self._assignments.get(name)
        if cached is None:
            cached = self._assignments[name] = [
                a for a in self.store.history(name) if is_user_origin(a.origin)]
        return cached

    def at_call(self, found: Diagnostic) -> Diagnostic:
        """``found`` placed at the assigning call (the ``setq`` or ``add-to-list``),
        when the evaluator recorded the place of a quoted argument inside it."""
        if found.file is None:
            return found
        place = self.call_place(found.file, found.line, found.col)
        if place is None or place == (found.line, found.col):
            return found
        return replace(found, line=place[0], col=place[1])

    def call_place(self, file: str, line: int | None, col: int | None) -> tuple[int, int] | None:
        """The place of the call form around (line, col) when that is a quoted argument."""
        if file is None or line is None or col is None or self.char_at(file, line, col) not in "'`#":
            return None     # the evaluator recorded the call itself, or a place we cannot see
        hit = self.top_level_form_at(file, line)
        if hit is None:
            return None
        path = path_to(hit[1].value, (line, col))
        if path and path[-1].car in (QUOTE, FUNCTION) and isinstance(path[-1].cdr, Cons) \
                and isinstance(path[-1].cdr.car, Cons):
            return None     # a quoted list, e.g. a custom-set-variables entry: its own place
        for node in reversed(path):
            head = node.car
            if isinstance(head, Symbol) and head.name not in _NOT_CALLS and node.pos is not None:
                return node.pos
        return None

    def variable_place(self, name: str, where: Any) -> Any:
        """Where a finding about ``name`` goes: its symbol inside the assigning form.

        ``where`` is an Assignment (then, when one form assigns ``name`` twice,
        the matching occurrence is chosen) or an Origin (then the last one, the
        pair whose value stays).  Forms we cannot search keep their own place.
        """
        from elconf.store import Assignment

        assignment = where if isinstance(where, Assignment) else None
        origin = assignment.origin if assignment is not None else where
        if origin is None or origin.file is None or origin.line is None or origin.col is None:
            return origin
        offsets = self._variable_offsets(origin.file, origin.line, origin.col, name)
        if not offsets:
            # Recorded at a quoted argument of the call ('VAR of add-to-list): look in the call.
            call = self.call_place(origin.file, origin.line, origin.col)
            if call is not None:
                offsets = self._variable_offsets(origin.file, call[0], call[1], name)
        if not offsets:
            return origin
        index = len(offsets) - 1
        if assignment is not None:
            same = [a for a in self.store.history(name) if a.origin == origin]
            nth = next((n for n, a in enumerate(same) if a is assignment), index)
            index = min(nth, index)
        line, col = self.line_col(origin.file, offsets[index])
        return replace(origin, line=line, col=col)

    @functools.lru_cache(maxsize=None)
    def _variable_offsets(self, file: str, line: int, col: int, name: str) -> tuple[int, ...]:
        from elconf.check.places import variable_offsets

        text = self.text(file)
        starts = self._line_starts(file)
        if text is None or not 0 < line <= len(starts):
            return ()
        try:
            return tuple(variable_offsets(text, starts[line - 1] + col - 1, name))
        except Exception:  # noqa: BLE001 - a place we cannot refine keeps the form's own
            return ()

    def line_col(self, file: str, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in ``file``."""
        starts = self._line_starts(file)
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def last_user_assignment(self, name: str) -> Any | None:
        found = self.user_assignments(name)
        return found[-1] if found else None

    def set_by_user(self, name: str) -> bool:
        return bool(self.user_assignments(name))

    def maybe_set_by_user(self, name: str) -> bool:
        """Set by the user, named in a form we could not evaluate, or in code that runs
        later (a function, a hook, a ``with-eval-after-load`` of a library not loaded):
        rules that say "X is not set" stay quiet then, rather than raise a false alarm."""
        return self.set_by_user(name) or name in self.skipped_variables or \
            bool(self.skipped_mail_libraries) or name in self.deferred_mentions

    @functools.cached_property
    def skipped_mail_libraries(self) -> list[tuple[Diagnostic, str]]:
        """Libraries (user files, packages) loaded but not evaluated whose names suggest
        they hold mail settings or personal details: (the skip diagnostic, the name)."""
        found = []
        for diag in self.eval_diagnostics:
            if diag.rule != "opaque-library" or not diag.file:
                continue
            for name in symbols_in(self.form_at(diag.file, diag.line, diag.col)):
                if MAIL_LIBRARY.search(name):
                    found.append((diag, name))
                    break
        return found

    @functools.cached_property
    def deferred_mentions(self) -> frozenset[str]:
        """Mail variables named inside code that runs later, if ever (read on demand)."""
        found: set[str] = set()
        for file in self.files:
            for form in self.forms(file):
                stack = [form.value]
                while stack:
                    item = stack.pop()
                    if not isinstance(item, Cons):
                        continue
                    if isinstance(item.car, Symbol) and item.car.name in DEFERRING_FORMS:
                        found.update(n for n in symbols_in(item) if MAIL_NAME.match(n))
                        continue
                    stack.extend(x for x in item if isinstance(x, Cons))
        return frozenset(found)

    def report_place(self, name: str) -> Any:
        """Where to report about ``name``: the user's last assignment, else the init file."""
        last = self.last_user_assignment(name)
        if last is not None:
            return self.variable_place(name, last)
        from elconf.store import Origin

        return Origin("init", str(self.init_files[0]), None, None) if self.init_files else None

    def user_variables(self) -> list[str]:
        return [n for n in self.store.names() if self.user_assignments(n)]

    def load_event(self, feature: str) -> Any | None:
        """Where ``feature`` was loaded while the init files ran (not at send time)."""
        for loaded_feature, origin in self.init_load_events:
            if loaded_feature == feature:
                place = self.call_place(origin.file, origin.line, origin.col) if origin.file else None
                return replace(origin, line=place[0], col=place[1]) if place else origin
        return None

    @functools.cached_property
    def emacs_variable_names(self) -> frozenset[str]:
        """Variables Emacs 28.2 defines: its mail variables (from Emacs) and the models'."""
        from elconf.check.known_names import known_variable_names
        from elconf.libraries import all_libraries

        names = set(known_variable_names())
        for model in all_libraries().values():
            names.update(v.name for v in model.variables)
            names.update(v.name for v in model.preloaded_variables)
        return frozenset(names)

    @functools.cached_property
    def variable_names(self) -> frozenset[str]:
        """Every name known to be a variable: Emacs's, and any the evaluation assigned."""
        return self.emacs_variable_names | frozenset(self.store.names())

    # -- source ------------------------------------------------------------
    @functools.cached_property
    def files(self) -> list[str]:
        """Every user file the evaluation touched, init files first."""
        names: dict[str, None] = {str(p): None for p in self.init_files}
        for diag in self.eval_diagnostics:
            if diag.file:
                names.setdefault(diag.file, None)
        for name in self.store.names():
            for assignment in self.store.history(name):
                if is_user_origin(assignment.origin):
                    names.setdefault(assignment.origin.file, None)
        return list(names)

    @functools.lru_cache(maxsize=None)
    def text(self, file: str) -> str | None:
        """The source text of ``file`` as ``load`` decodes it (cached; None if unreadable)."""
        from elconf.library_files import read_source

        try:
            return read_source(Path(file))
        except OSError:
            return None

    @functools.lru_cache(maxsize=None)
    def _line_starts(self, file: str) -> list[int]:
        text = self.text(file) or ""
        starts, at = [0], text.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = text.find("\n", at + 1)
        return starts

    def char_at(self, file: str, line: int, col: int) -> str:
        starts = self._line_starts(file)
        text = self.text(file) or ""
        offset = starts[line - 1] + col - 1 if 0 < line <= len(starts) else len(text)
        return text[offset] if offset < len(text) else ""

    def form_at(self, file: str, line: int | None, col: int | None) -> Any:
        """The form that starts at (line, col) of ``file``, read on its own; None if none does.

        Cheaper than reading the whole file: rules that look at one skipped
        form read just that form.
        """
        from elconf.reader import ReadError, Reader

        text = self.text(file)
        starts = self._line_starts(file)
        if text is None or line is None or col is None or not 0 < line <= len(starts):
            return None
        try:
            value, _start, _end = Reader(text, file).read(starts[line - 1] + col - 1)
        except (ReadError, Exception):  # noqa: BLE001 - a place that is no form start
            return None
        return value

    def _may_name_mail(self, file: str, line: int | None, col: int | None) -> bool:
        """A cheap textual pre-test: does a mail name appear before the next top-level form?"""
        text = self.text(file)
        starts = self._line_starts(file)
        if text is None or line is None or not 0 < line <= len(starts):
            return True
        offset = starts[line - 1] + (col or 1) - 1
        end = text.find("\n(", offset)
        return MAIL_WORD.search(text, offset, end if end >= 0 else len(text)) is not None

    @functools.lru_cache(maxsize=None)
    def parsed(self, file: str) -> tuple[tuple[Any, ...], Any]:
        """(top-level forms read without error, the ReadError or None) for ``file`` (cached)."""
        from elconf.reader import ReadError, read_forms

        text = self.text(file)
        if text is None:
            return (), None
        found = []
        try:
            for form in read_forms(text, file):
                found.append(form)
        except ReadError as exc:
            return tuple(found), exc
        return tuple(found), None

    def forms(self, file: str) -> tuple[Any, ...]:
        """The top-level forms of ``file`` that read without error."""
        return self.parsed(file)[0]

    def top_level_form_at(self, file: str, line: int | None) -> tuple[int, Any] | None:
        """(index, form) of the top-level form of ``file`` that contains ``line``."""
        if line is None:
            return None
        forms = self.forms(file)
        index = bisect.bisect_right([form.line for form in forms], line) - 1
        return (index, forms[index]) if index >= 0 else None

    @functools.cached_property
    def skipped_variables(self) -> dict[str, list[Diagnostic]]:
        """Mail variables named inside forms the evaluator skipped, with the skip diagnostics."""
        found: dict[str, list[Diagnostic]] = {}
        for diag in self.eval_diagnostics:
            if not is_skip_rule(diag.rule) or not diag.file:
                continue
            if not self._may_name_mail(diag.file, diag.line, diag.col):
                continue
            form = self.form_at(diag.file, diag.line, diag.col)
            if form is None:
                hit = self.top_level_form_at(diag.file, diag.line)
                form = hit[1].value if hit is not None else None
            for name in mail_names_in(form):
                found.setdefault(name, []).append(diag)
        return found


_NOT_CALLS = frozenset({"quote", "function", "`", ",", ",@"})


def path_to(root: Any, pos: tuple[int, int]) -> list[Cons]:
    """The conses from ``root`` down to the one read at ``pos`` (empty if none is)."""
    stack: list[tuple[Any, list[Cons]]] = [(root, [])]
    while stack:
        item, path = stack.pop()
        if not isinstance(item, Cons):
            continue
        path = path + [item]
        if item.pos == pos:
            return path
        cell: Any = item
        while isinstance(cell, Cons):
            if isinstance(cell.car, Cons):
                stack.append((cell.car, path))
            cell = cell.cdr
    return []


def is_unset(value: Any) -> bool:
    return value is UNBOUND or value is NIL
