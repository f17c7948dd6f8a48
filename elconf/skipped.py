"""Forms elconf skipped, recorded as they are skipped: what they name, and where.

elconf does not evaluate everything: a call of a package's function or macro
(``(setup smtpmail (:option ...))``, ``(leaf smtpmail :custom ...)``) is
skipped with its arguments, a library that cannot be read here
(``(require 'my-mail-secrets)`` not installed, ``(load "mail.el.gpg")``) is
assumed loaded.  What such a form does in the user's Emacs is unknown here,
and that is elconf's gap, never the user's mistake (DEVELOPERS.md, the first
principle): a mail variable such a form may set must not quietly become its
default when mail is sent.

The evaluator calls :func:`note_skipped` (and :func:`note_skipped_library`)
at the moment it skips, while the form is at hand, and the record lives on
the interpreter (:attr:`Interpreter.skipped`): the state cache pickles it
with the rest, so a send asks a dictionary and never reads a file again.

What "names" means (:func:`mail_names_in`, shared with ``elconf check``):
every symbol anywhere in the skipped form, quoted or not, whose name is a
mail setting's (:data:`MAIL_NAME`).  A name is all elconf can see of what an
unknown macro does with it; a mention may only read the variable, so a
skipped form *may* set what it names, never surely does.  Which of these
stop a send, and how, is the sender's rule (smtp/config.py and
docs/unknowns.md).
"""

from __future__ import annotations

import re

from elconf.records import record
from elconf.types import NIL, Cons, Symbol, Vector

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

#: Names that may hold mail settings: the prefixes of sendmail.el, smtpmail.el,
#: message.el, auth-source.el and the TLS libraries, plus the identity variables.
MAIL_NAME = re.compile(
    r"(smtpmail-|message-send|message-sendmail|message-smtp|message-server|message-user-fqdn"
    r"|mail-|sendmail-|send-mail-function$|user-mail-address$|user-full-name$"
    r"|auth-source|starttls-|gnutls-|nsm-|network-security-level$|tls-program|tls-checktrust)")

#: Names of libraries that may hold mail settings when we cannot read them.
MAIL_LIBRARY = re.compile(r"mail|smtp|mu4e|gnus|notmuch|message|msmtp|account|identit|private"
                          r"|secret|personal|wanderlust|mew")

#: Origin kinds of values no form of the user's evaluation set: a library's
#: default, what start-up or the environment gave, a preloaded library's value.
NOT_USER_KINDS = frozenset({"library default", "startup", "environment", "preloaded"})

#: Evaluator rules whose form was skipped with its arguments (see note_skipped).
_SKIPPED_CALL_RULES = frozenset({"opaque-call"})



def symbols_in(value: Any, limit: int = 100_000) -> Iterator[str]:
    """Names of every symbol inside a form (iteratively: forms may be deep)."""
    stack = [value]
    seen = 0
    while stack and seen < limit:
        item = stack.pop()
        seen += 1
        if isinstance(item, Symbol):
            if item is not NIL:
                yield item.name
        elif isinstance(item, Cons):
            stack.append(item.cdr)
            stack.append(item.car)
        elif isinstance(item, Vector):
            stack.extend(item)


#: name -> whether MAIL_NAME matches it: every skipped form is searched, and the
#: names of one configuration are few and recur.
_IS_MAIL_NAME: dict[str, bool] = {}


def mail_names_in(form: Any, limit: int = 100_000) -> frozenset[str]:
    """The mail setting names a form names, anywhere in it (the meaning of "names").

    :func:`symbols_in` with the test folded in: the evaluator calls this for
    every form it skips."""
    found: set[str] = set()
    known = _IS_MAIL_NAME
    stack = [form]
    seen = 0
    while stack and seen < limit:
        item = stack.pop()
        seen += 1
        kind = type(item)
        if kind is Cons:
            stack.append(item.cdr)
            stack.append(item.car)
        elif kind is Symbol or isinstance(item, Symbol):
            name = item.name
            hit = known.get(name)
            if hit is None:
                hit = known[name] = item is not NIL and MAIL_NAME.match(name) is not None
            if hit:
                found.add(name)
        elif isinstance(item, (Cons, Vector)):
            stack.extend(item if isinstance(item, Vector) else (item.cdr, item.car))
    return frozenset(found)


@record
class SkippedForm:
    """One skipped form (or library) that may set mail settings, and where it is."""

    file: str | None
    line: int | None
    col: int | None
    head: str                     # how to show it: "(setup smtpmail ...)", "(require 'my-mail)"
    names: frozenset[str]         # the mail names it names (empty for a library)
    # How many assignments each named variable had when the form was skipped:
    # an evaluated assignment after it is one the skipped form cannot undo.
    assignments_before: dict[str, int]
    library: bool = False         # a library assumed loaded, or a file not read

    def location(self) -> str:
        from elconf.diagnostics import format_location

        return format_location(self.file, self.line, self.col)

    def describe(self) -> str:
        """``(setup smtpmail ...) at FILE:LINE:COL``."""
        where = self.location()
        return f"{self.head} at {where}" if where else self.head


class SkippedForms:
    """The skipped forms of one evaluation that name mail settings, and the skipped
    mail libraries (see the module's docstring)."""

    def __init__(self) -> None:
        self.by_name: dict[str, list[SkippedForm]] = {}
        self.libraries: list[SkippedForm] = []

    def naming(self, name: str) -> list[SkippedForm]:
        """The skipped forms that name ``name``, in the order they were skipped."""
        return self.by_name.get(name, [])


def note_skipped(ip: Any, rule: str, form: Any, place: Any) -> None:
    """Record a form the evaluator skipped under ``rule`` at ``place`` (an Origin), if
    it names mail settings (libraries: :func:`note_skipped_library`)."""
    if rule in _SKIPPED_CALL_RULES and type(form) is Cons:
        names = mail_names_in(form)
        if names:
            history = ip.store.history
            found = SkippedForm(place.file, place.line, place.col, _head(form), names,
                                {name: len(history(name)) for name in names})
            for name in sorted(names):
                ip.skipped.by_name.setdefault(name, []).append(found)


def note_skipped_library(ip: Any, name: str, place: Any, how: str = "require") -> None:
    """Record a library (a feature, or a file ``load`` was given) assumed loaded but
    not read, when its name suggests mail settings (:data:`MAIL_LIBRARY`) or it is
    encrypted (where people keep what they do not publish)."""
    base = name.rsplit("/", 1)[-1]
    if not (MAIL_LIBRARY.search(base) or base.endswith(".gpg")):
        return
    head = f"(require '{name})" if how == "require" else f'({how} "{name}")'
    ip.skipped.libraries.append(SkippedForm(place.file, place.line, place.col, head,
                                            frozenset(), {}, True))


def _head(form: Cons) -> str:
    """``(setup smtpmail ...)``: the head and, when it is a plain symbol, the first argument."""
    head = form.car.name if isinstance(form.car, Symbol) else "..."
    rest = form.cdr
    if type(rest) is Cons and isinstance(rest.car, Symbol) and rest.car is not NIL \
            and not rest.car.name.startswith(":"):
        return f"({head} {rest.car.name} ...)"
    return f"({head} ...)"


# -- what a send asks ---------------------------------------------------------------

def set_by_evaluation(store: Any, name: str) -> bool:
    """Did an evaluated form (not a library default, start-up or the environment) give
    ``name`` its current value?"""
    origin = store.origin(name)
    return origin is not None and origin.kind not in NOT_USER_KINDS and store.is_default_bound(name)


def unknown_because_skipped(ip: Any, name: str) -> SkippedForm | None:
    """The first skipped form naming ``name`` when no evaluated form set it (then what
    Emacs holds is unknown: that form may set it), else None."""
    skipped = getattr(ip, "skipped", None)
    if skipped is None:
        return None
    forms = skipped.by_name.get(name)
    if not forms or set_by_evaluation(ip.store, name):
        return None
    return forms[0]


def named_after_set(ip: Any, name: str) -> list[SkippedForm]:
    """Skipped forms naming ``name`` that came after the evaluated assignment that gave
    it its value (they may have changed it in Emacs: worth a note, not a refusal)."""
    skipped = getattr(ip, "skipped", None)
    forms = skipped.by_name.get(name) if skipped is not None else None
    if not forms or not set_by_evaluation(ip.store, name):
        return []
    history = ip.store.history(name)
    return [form for form in forms
            if not any(a.effective and a.origin is not None and a.origin.kind not in NOT_USER_KINDS
                       for a in history[form.assignments_before.get(name, 0):])]


def skipped_mail_libraries(ip: Any) -> list[SkippedForm]:
    """The libraries assumed loaded but not read whose names suggest mail settings."""
    skipped = getattr(ip, "skipped", None)
    return list(skipped.libraries) if skipped is not None else []
