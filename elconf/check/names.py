"""Rules about variable names: misspelt, removed from Emacs, or newer than 28.2.

A ``setq`` of a name no library reads is silently accepted by Emacs: the
variable is simply created.  So a typo, or a variable that an old tutorial
recommends and Emacs dropped long ago, changes nothing and says nothing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from elconf.check.context import MAIL_NAME, CheckContext
from elconf.check.rules import finding, rule
from elconf.diagnostics import Diagnostic

#: Names worth comparing with the mail variables (others cannot be their typos).
_LOOKS_MAIL = re.compile(r"mail|smtp|send|auth|tls|message|sender")

#: Packages outside Emacs whose variables share smtpmail's prefix.
THIRD_PARTY_PREFIXES = ("smtpmail-multi-", "smtpmail-async-")

#: Kinds of assignment that declare a variable rather than just set it.
_DECLARING = frozenset({"defvar", "defcustom", "defconst", "defvar-local"})


def _mail_candidates(ctx: CheckContext) -> list[str]:
    return sorted(n for n in ctx.emacs_variable_names if MAIL_NAME.match(n))


def did_you_mean(name: str, candidates: list[str]) -> str | None:
    """The known name closest to ``name``, if it is close enough to be a typo."""
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.8)
    return close[0] if close else None


def _removed_table() -> tuple[dict[str, str], dict[str, str]]:
    from elconf.libraries.removed import FUTURE_VARIABLES, REMOVED_VARIABLES

    return REMOVED_VARIABLES, FUTURE_VARIABLES


@rule("unknown-variable", "warning", "An assignment to a variable no Emacs library reads",
      example="""
(setq smtpmail-smtp-sever "smtp.example.org")   ; typo: the server stays unset
(setq send-function 'smtpmail-send-it)          ; the variable is send-mail-function
""",
      fix="use the variable name Emacs reads (the finding names the closest one)",
      emacs="`setq` on an unknown name creates a new variable without a word; smtpmail reads only "
            "its own names, so the setting has no effect.")
def unknown_variable(ctx: CheckContext) -> Iterator[Diagnostic]:
    removed, future = _removed_table()
    known = ctx.emacs_variable_names
    candidates = _mail_candidates(ctx)
    for name in ctx.user_variables():
        if name in known or name in removed or name in future:
            continue
        assignments = ctx.user_assignments(name)
        if any(a.origin.kind in _DECLARING for a in assignments):
            continue
        guess = did_you_mean(name, candidates) if _LOOKS_MAIL.search(name) else None
        if guess is not None:
            message = f"{name} is not an Emacs variable: did you mean {guess}?"
        elif name.startswith("smtpmail-") and not name.startswith(THIRD_PARTY_PREFIXES):
            message = f"{name} is not a smtpmail variable: smtpmail.el never reads it"
        else:
            continue
        yield finding("unknown-variable", ctx.variable_place(name, assignments[0]), message,
                      hint=f"rename it to {guess}" if guess else None)


@rule("removed-variable", "warning", "An assignment to a variable Emacs no longer reads",
      example="""
(setq smtpmail-auth-credentials
      '(("smtp.example.org" 587 "alice" "secret")))   ; ignored since Emacs 24.1
""",
      fix="move the setting where Emacs reads it now (the finding says where)",
      emacs="smtpmail.el dropped `smtpmail-auth-credentials` and `smtpmail-starttls-credentials` "
            "in 24.1 (credentials come from auth-source) and uses the built-in GnuTLS instead of "
            "starttls.el; the old variables are simply never read.")
def removed_variable(ctx: CheckContext) -> Iterator[Diagnostic]:
    removed, _future = _removed_table()
    for name in ctx.user_variables():
        hint = removed.get(name)
        if hint is None:
            continue
        first = ctx.user_assignments(name)[0]
        yield finding("removed-variable", ctx.variable_place(name, first),
                      f"{name} has no effect in Emacs 28.2: {hint}", hint=hint.split(": ", 1)[-1])


@rule("newer-variable", "info", "A variable that only newer Emacs versions read",
      example="""
(setq message-server-alist '(("alice@example.org" . "smtp smtp.example.org 587")))
""",
      fix="fine if you also use a newer Emacs; for 28.2 use the setting the finding names",
      emacs="Emacs 28.2 does not define or read the variable; a newer release does.")
def newer_variable(ctx: CheckContext) -> Iterator[Diagnostic]:
    _removed, future = _removed_table()
    for name in ctx.user_variables():
        if name in future:
            first = ctx.user_assignments(name)[0]
            yield finding("newer-variable", ctx.variable_place(name, first), f"{name}: {future[name]}")
