"""Rules about reading the init files and the order things happen in.

Emacs reads and evaluates an init file one top-level form at a time: a read
error or a signalled error stops that file there, and every form after it is
silently lost.  A defcustom's default is computed once, when its library
loads, so a variable that only feeds another's default
(``smtpmail-default-smtp-server``) matters only before that moment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from elconf.check.context import MAIL_NAME, CheckContext, is_skip_rule, is_unset, symbols_in
from elconf.check.rules import finding, rule
from elconf.diagnostics import Diagnostic
from elconf.equality import lisp_equal
from elconf.records import replace
from elconf.store import Origin
from elconf.types import UNBOUND


def _show(value: Any) -> str:
    """A value as Emacs prints it; a void variable as the word void."""
    from elconf.printer import prin1_to_string

    return "void" if value is UNBOUND else prin1_to_string(value)


def _where(origin: Any, here: str | None = None) -> str:
    """Where ``origin`` is, said briefly: "line 3 (require)" in the same file ``here``."""
    if origin is None:
        return "send time"
    how = f" ({origin.kind})" if getattr(origin, "kind", None) else ""
    if origin.file is not None and origin.file == here and origin.line is not None:
        return f"line {origin.line}{how}"
    name = Path(origin.file).name if origin.file else "-"
    return f"{name}:{origin.line}{how}" if origin.line is not None else f"{name}{how}"


@rule("read-error", "error", "The file cannot be read as Emacs Lisp",
      example="""
(setq smtpmail-smtp-server "smtp.example.org"
(setq smtpmail-smtp-service 587)
""",
      fix="close the list or string Emacs names at this place (M-x check-parens finds it)",
      emacs="`load` reads one form at a time and evaluates it; the first read error "
            "(`End of file during parsing`, `Invalid read syntax`) stops the file. Forms before "
            "it have run, nothing after it does. Emacs reports an unclosed list at the end of "
            "the file; the finding is where the list opens, with the end of the file as the "
            "related place.")
def read_errors(ctx: CheckContext) -> Iterator[Diagnostic]:
    for file, error in _read_errors(ctx):
        if error.opened is None:
            yield finding("read-error", Origin("read", file, error.line, error.col),
                          f"{error.message}: Emacs stops loading {Path(file).name} here")
            continue
        line, col = error.opened
        match = _OPENED.search(error.message)
        what = match.group(1) if match else "list"
        found = finding("read-error", Origin("read", file, line, col),
                        f"this {what} is never closed: Emacs reads to the end of the file "
                        f"({error.line}:{error.col}), signals \"{error.emacs_message}\" and stops "
                        f"loading {Path(file).name}",
                        hint=f"close the {what} where it should end (M-x check-parens finds it)")
        yield replace(found, related=((file, error.line, error.col,
                                       f"the end of the file: {error.emacs_message}"),))


_OPENED = re.compile(r"the (.+?) opened at \d+:\d+ is not closed")


def _read_errors(ctx: CheckContext) -> Iterator[tuple[str, Any]]:
    """(file, ReadError) for each file whose read error Emacs reaches."""
    # A read error stops the file, so the evaluator reported an error in it:
    # only those files need reading again.
    stops: dict[str, tuple[int, int]] = {}
    for diag in ctx.eval_diagnostics:
        if diag.severity == "error" and diag.file:
            place = (diag.line or 0, diag.col or 0)
            stops[diag.file] = min(stops.get(diag.file, place), place)
    for file in ctx.files:
        if file not in stops:
            continue
        error = ctx.parsed(file)[1]
        # Reached only if nothing stopped the file before it (Emacs reads as it evaluates).
        if error is not None and (error.line, error.col) <= stops[file]:
            yield file, error


def _read_error_lines(ctx: CheckContext) -> set[tuple[str, int]]:
    """(file, line) where the evaluator reported a read error (Emacs's place)."""
    return {(file, error.line) for file, error in _read_errors(ctx)}


def _lost_settings(ctx: CheckContext, file: str, line: int | None) -> tuple[int, list[str]]:
    """How many top-level forms follow the one at ``line``, and the mail variables they name."""
    hit = ctx.top_level_form_at(file, line)
    if hit is None:
        return 0, []
    later = ctx.forms(file)[hit[0] + 1:]
    known = ctx.variable_names
    names: dict[str, None] = {}
    for form in later:
        for name in symbols_in(form.value):
            if name in known and MAIL_NAME.match(name):
                names.setdefault(name, None)
    return len(later), list(names)


@rule("init-stops", "error", "A form signals an error and Emacs stops loading the file",
      example="""
(add-to-list 'smtpmail-auth-supported 'xoauth2)   ; smtpmail is not loaded yet
(setq send-mail-function 'smtpmail-send-it)       ; never runs
""",
      fix="wrap the form in (with-eval-after-load 'smtpmail ...) when it uses a library's variable "
          "too early; otherwise fix it, or guard it with (ignore-errors ...)",
      emacs="An error while loading the init file (here `void-variable smtpmail-auth-supported`: "
            "the variable is defined only when smtpmail.el loads) is reported and the rest of the "
            "file is skipped; Emacs starts anyway, with the settings after the error missing.")
def init_stops(ctx: CheckContext) -> Iterator[Diagnostic]:
    init_files = {str(p) for p in ctx.init_files}
    for diag in _stopping_errors(ctx):
        count, names = _lost_settings(ctx, diag.file, diag.line)
        lost = ("the form after it never runs" if count == 1 else
                f"the {count} forms after it never run" if count else "nothing after it runs")
        if names:
            shown = ", ".join(names[:6]) + (", ..." if len(names) > 6 else "")
            lost += f", among them the settings of {shown}"
        if diag.file not in init_files:
            lost += "; the files that load it stop at that load too"
        cause = diag.message.split("; Emacs stops loading", 1)[0]
        yield finding("init-stops", diag,
                      f"{cause}: Emacs stops loading {Path(diag.file).name} here; {lost}",
                      hint=_stop_hint(cause))


_VOID_VARIABLE = re.compile(r"as variable is void: (\S+)")


def _stop_hint(cause: str) -> str:
    """Wrap in with-eval-after-load when a library's variable is used too early; else generic."""
    from elconf.libraries import all_libraries

    match = _VOID_VARIABLE.search(cause)
    if match:
        for feature, model in all_libraries().items():
            if any(v.name == match.group(1) for v in model.variables):
                return (f"wrap the form in (with-eval-after-load '{feature} ...): "
                        f"{match.group(1)} exists only once {feature} is loaded")
    return "fix the form, or guard it with (ignore-errors ...) so the rest of the file loads"


def _stopping_errors(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The evaluator's errors that stopped loading a file (read errors excepted)."""
    read_error_places = _read_error_lines(ctx)
    for diag in ctx.eval_diagnostics:
        if diag.severity != "error" or not diag.file or (diag.file, diag.line) in read_error_places:
            continue
        if diag.rule == "limit-exceeded":
            continue        # our sandbox stopped, not Emacs: evaluation-limit says so
        # Only errors Emacs itself raises stop a file (rule lisp-error); a form that is
        # only not evaluable here (rule not-evaluable, docs/unknowns.md) never does.
        if (diag.rule == "lisp-error" and "stops loading" in diag.message) or diag.rule == "file-missing":
            yield diag


@rule("startup-error", "error", "An error while Emacs starts, outside the init file's own forms",
      example="""
(add-hook 'after-init-hook (lambda () (add-to-list 'smtpmail-auth-supported 'xoauth2)))
""",
      fix="fix the form the finding names; the message is the error Emacs reports",
      emacs="Emacs reports errors of `after-init-hook` and `emacs-startup-hook` functions and goes "
            "on; whatever the hook was meant to set stays unset. A compiled init file without its "
            "source cannot be checked.")
def startup_error(ctx: CheckContext) -> Iterator[Diagnostic]:
    stopping = {id(d) for d in _stopping_errors(ctx)}
    read_error_places = _read_error_lines(ctx)
    for diag in ctx.eval_diagnostics:
        if diag.severity != "error" or id(diag) in stopping or is_skip_rule(diag.rule) or \
                diag.rule == "limit-exceeded":
            continue
        if (diag.file, diag.line) in read_error_places:
            continue
        place = diag
        if diag.file is None and diag.line is not None and len(ctx.files) == 1:
            # A hook runs after loading, so the evaluator lost the file name; with one
            # user file there is no doubt which it is.
            place = Origin("hook", ctx.files[0], diag.line, diag.col)
        yield finding("startup-error", place, diag.message)


#: Evaluator diagnostics of an error that a form catches, and what Emacs then skips.
_CAUGHT = {"use-package-error": "Emacs reports it and goes on, but the rest of this section "
                                "of the use-package form is skipped",
           "demoted-error": "with-demoted-errors prints it and goes on, but the rest of its body "
                            "is skipped"}


@rule("caught-error", "warning",
      "An error that use-package or with-demoted-errors catches: the rest of that body is skipped",
      example="""
(use-package smtpmail
  :config
  (setq smtpmail-smtp-service (string-to-number 587))   ; wrong-type-argument
  (setq smtpmail-stream-type 'starttls))                ; never runs
""",
      fix="fix the form the finding names; the settings after it in the same body do not happen "
          "until it stops signalling",
      emacs="use-package wraps each section (`:init`, `:config`, ...) in a handler that shows "
            "`Error (use-package): FEATURE/:config: ...` and goes on with the next form of the "
            "file; `with-demoted-errors` prints the error as a message. Either way the forms after "
            "the failing one in that body never run, and Emacs starts without their settings.")
def caught_error(ctx: CheckContext) -> Iterator[Diagnostic]:
    for diag in ctx.eval_diagnostics:
        if diag.rule not in _CAUGHT or not diag.file:
            continue
        cause = diag.message.split(" (use-package reports", 1)[0]
        cause = cause.removeprefix("use-package: ").removeprefix("error demoted to a message: ")
        names = _skipped_settings(ctx, diag)
        lost = f"; among the skipped forms are the settings of {', '.join(names)}" if names else ""
        yield finding("caught-error", diag, f"{cause}: {_CAUGHT[diag.rule]}{lost}")


def _skipped_settings(ctx: CheckContext, diag: Diagnostic) -> list[str]:
    """Mail variables named by the forms a caught error skips (after the failing one)."""
    from elconf.check.context import path_to
    from elconf.types import Cons, Symbol

    hit = ctx.top_level_form_at(diag.file, diag.line)
    path = path_to(hit[1].value, (diag.line, diag.col)) if hit else []
    if not path:
        return []
    node = path[-1]
    if diag.rule == "demoted-error":
        later: list[Any] = list(node.cdr) if isinstance(node.cdr, Cons) else []
    else:
        later, cell, found = [], path[-2] if len(path) > 1 else None, False
        while isinstance(cell, Cons):
            item, cell = cell.car, cell.cdr
            if found and isinstance(item, Symbol) and item.name.startswith(":"):
                break           # the next use-package keyword: a section of its own
            if found:
                later.append(item)
            found = found or item is node
    known = ctx.variable_names
    last_line = ctx.line_col(diag.file, hit[1].end)[0]     # type: ignore[index]

    def ran_here(name: str) -> bool:      # set by a form of this body that did run
        return any(a.origin.file == diag.file and diag.line <= (a.origin.line or 0) <= last_line
                   for a in ctx.user_assignments(name))

    names: dict[str, None] = {}
    for form in later:
        for name in symbols_in(form):
            if name in known and MAIL_NAME.match(name) and not ran_here(name):
                names.setdefault(name, None)
    return list(names)


@rule("package-manager-missing", "warning",
      "A use-package form needs a package manager that is not installed here",
      example="""
;; straight.el's bootstrap snippet, on a machine where straight was never installed
(use-package smtpmail
  :straight (:type built-in)
  :config (setq smtpmail-smtp-server "smtp.example.org"))
""",
      fix="start Emacs once where it can reach the network, so the package manager installs "
          "itself, then check again; or check the home where it is installed (--init)",
      emacs="`:straight` and `:elpaca` are keywords straight.el and elpaca add to use-package "
            "when they load. Where they are not installed, Emacs 28.2's use-package rejects the "
            "whole form (`Failed to parse package smtpmail: use-package: Unrecognized keyword: "
            ":straight`, a warning), so none of its settings apply; the init file goes on.")
def package_manager_missing(ctx: CheckContext) -> Iterator[Diagnostic]:
    from elconf.check.context import path_to

    for diag in ctx.eval_diagnostics:
        if diag.rule != "package-manager-missing" or not diag.file or \
                not diag.message.startswith("use-package "):
            continue
        hit = ctx.top_level_form_at(diag.file, diag.line)
        path = path_to(hit[1].value, (diag.line, diag.col)) if hit and diag.line else []
        names = dict.fromkeys(name for name in symbols_in(path[-1]) if name in ctx.variable_names
                              and MAIL_NAME.match(name)) if path else {}
        what = diag.message.split(": Emacs 28.2", 1)[0].removeprefix("use-package ")
        settings = f"its settings of {', '.join(names)} are not applied" if names else \
            "nothing in it runs"
        yield finding("package-manager-missing", diag,
                      f"{what}: Emacs here rejects the whole form, so {settings} until it is "
                      "installed")


@rule("evaluation-limit", "warning", "elconf stopped evaluating a file at a sandbox limit",
      example="""
(while t (setq retries (1+ retries)))   ; never ends
(setq smtpmail-smtp-server "smtp.example.org")
""",
      fix="make the form terminate (or move the mail settings before it); the settings after it "
          "are not checked",
      emacs="Emacs would run the form (and loop, or signal `excessive-lisp-nesting`); elconf's "
            "sandbox stops at a step, depth or size limit instead, so it does not know what the "
            "rest of the file sets.")
def evaluation_limit(ctx: CheckContext) -> Iterator[Diagnostic]:
    for diag in (*ctx.eval_diagnostics, *ctx.send_diagnostics):
        if diag.rule == "limit-exceeded" or (diag.rule == "send-time-load-error"
                                             and "limit" in diag.message and "exceeded" in diag.message):
            message = diag.message.split(": Emacs stops", 1)[0]
            yield finding("evaluation-limit", diag,
                          f"{message}; the settings after this point are not checked")


@rule("send-time-error", "error", "Loading the mail library at the first send fails",
      example="""
(with-eval-after-load 'smtpmail
  (setq smtpmail-smtp-server (car my-mail-servers)))   ; my-mail-servers is void
""",
      fix="fix the form the finding names: it runs when smtpmail loads, at the first send",
      emacs="`with-eval-after-load` bodies run when the library loads, here at the first send "
            "(`smtpmail-send-it` is an autoload). An error there aborts the load: the send fails, "
            "and every later send loads the library, and fails, again.",
      breaks_sending=True)
def send_time_error(ctx: CheckContext) -> Iterator[Diagnostic]:
    for diag in ctx.send_diagnostics:
        if not ("limit" in diag.message and "exceeded" in diag.message):
            yield finding("send-time-error", diag, diag.message)


_DEFAULT = "smtpmail-default-smtp-server"
_SERVER = "smtpmail-smtp-server"


def _default_server_state(ctx: CheckContext) -> tuple[Any, Any, Any] | None:
    """(last user assignment, wanted value, server value) when the assignment changed nothing."""
    last = ctx.last_user_assignment(_DEFAULT)
    if last is None or not ctx.knows("default-server-after-load", _DEFAULT, _SERVER):
        return None
    wanted = ctx.value(_DEFAULT)
    server = ctx.value(_SERVER)
    if is_unset(wanted) or lisp_equal(wanted, server):
        return None
    return last, wanted, server


@rule("default-server-after-load", "warning",
      "smtpmail-default-smtp-server is set after smtpmail was loaded",
      example="""
(require 'smtpmail)
(setq smtpmail-default-smtp-server "smtp.example.org")   ; too late
""",
      fix="set smtpmail-smtp-server instead (it is what smtpmail reads when sending)",
      emacs="`smtpmail-smtp-server`'s default, `(or (getenv \"SMTPSERVER\") "
            "smtpmail-default-smtp-server)`, is computed once, when smtpmail.el loads (a "
            "`require`, a non-deferred `use-package`, or another library that requires it). Setting "
            "the default server afterwards leaves `smtpmail-smtp-server` nil: Emacs then asks for "
            "a server at the first send.")
def default_server_after_load(ctx: CheckContext) -> Iterator[Diagnostic]:
    state = _default_server_state(ctx)
    if state is None or ctx.set_by_user(_SERVER) or ctx.env.get("SMTPSERVER"):
        return
    last, wanted, server = state
    loaded_at = ctx.load_event("smtpmail")
    when = (f"smtpmail was loaded at {_where(loaded_at, last.origin.file)}" if loaded_at is not None
            else "it runs only once smtpmail has loaded")
    yield finding("default-server-after-load", ctx.variable_place(_DEFAULT, last),
                  f"{_DEFAULT} is set to {_show(wanted)} but {when}, so {_SERVER} stays "
                  f"{_show(server)}: "
                  f"this assignment has no effect",
                  hint=f"write (setq {_SERVER} {_show(wanted)}) instead")


@rule("default-server-ignored", "warning",
      "smtpmail-default-smtp-server is set, but smtpmail-smtp-server is set too",
      example="""
(setq smtpmail-smtp-server "mail.example.org")
(setq smtpmail-default-smtp-server "smtp.example.org")   ; never used
""",
      fix="delete the smtpmail-default-smtp-server line; only smtpmail-smtp-server counts",
      emacs="The default server only feeds `smtpmail-smtp-server`'s default. When the init file "
            "sets `smtpmail-smtp-server` itself (or `SMTPSERVER` is in the environment), the "
            "default server is never read.")
def default_server_ignored(ctx: CheckContext) -> Iterator[Diagnostic]:
    state = _default_server_state(ctx)
    if state is None:
        return
    last, wanted, server = state
    server_set = ctx.last_user_assignment(_SERVER)
    if server_set is not None:
        why = f"{_SERVER} is set to {_show(server)} at {_where(server_set.origin, last.origin.file)}"
    elif ctx.env.get("SMTPSERVER"):
        why = f"SMTPSERVER in the environment gives {_SERVER} {_show(server)}"
    else:
        return
    yield finding("default-server-ignored", ctx.variable_place(_DEFAULT, last),
                  f"{_DEFAULT} {_show(wanted)} has no effect: {why}")


@rule("skipped-mail-form", "info",
      "A form we could not evaluate may set mail variables",
      example="""
(after! smtpmail                      ; a Doom macro: not evaluated
  (setq smtpmail-smtp-server "smtp.example.org"))
""",
      fix="if the skipped form matters for mail, move the mail settings out of it (plain setq "
          "forms), or check the values with `elconf show`; elsend does not send while a route "
          "variable that no evaluated form set is named in such a form (docs/unknowns.md)",
      emacs="Emacs would run the form; `elconf` only models the forms that usually hold "
            "configuration, and skips calls of functions and macros it does not know.")
def skipped_mail_form(ctx: CheckContext) -> Iterator[Diagnostic]:
    by_place: dict[tuple[Any, Any, Any], tuple[Diagnostic, list[str]]] = {}
    for name, diags in ctx.skipped_variables.items():
        if name not in ctx.variable_names:
            continue
        for diag in diags:
            key = (diag.file, diag.line, diag.col)
            by_place.setdefault(key, (diag, []))[1].append(name)
    for diag, names in by_place.values():
        names = sorted(set(names))
        refused = _refused_by_elsend(ctx, diag, names)
        also = (f"; elsend will not send until {', '.join(refused)} "
                f"{'is' if len(refused) == 1 else 'are'} set by a form elconf evaluates (a plain "
                "setq outside this one)") if refused else ""
        yield finding("skipped-mail-form", diag,
                      f"{diag.message}; it names {', '.join(names)}, which it may set{also}")
    for diag, library in ctx.skipped_mail_libraries:
        yield finding("skipped-mail-form", diag,
                      f"{diag.message}; {library} may hold mail settings, so checks that a "
                      f"setting is missing are not made")


def _refused_by_elsend(ctx: CheckContext, diag: Diagnostic, names: list[str]) -> list[str]:
    """The route variables this skipped form leaves unknown to a send (docs/unknowns.md)."""
    from elconf.skipped import unknown_because_skipped
    from smtp.config import ROUTE_ORDER

    refused = []
    for name in ROUTE_ORDER:
        form = unknown_because_skipped(ctx.interpreter, name) if name in names else None
        if form is not None and (form.file, form.line, form.col) == (diag.file, diag.line, diag.col):
            refused.append(name)
    return refused


@rule("value-unknown", "info", "A rule needs a value elconf could not compute",
      example="""
(setq smtpmail-smtp-server (my-mail-server)   ; a function of a package not here
      smtpmail-smtp-service 465
      smtpmail-stream-type (my-stream-type))
""",
      fix="check the value where Emacs runs (M-x describe-variable), or set it with a literal "
          "elconf can read; `elconf show` lists what is unknown",
      emacs="Emacs computes the value when it runs the form; elconf skips calls it cannot run "
            "here (functions of packages it does not have, processes, files elsewhere), so the "
            "value is unknown and the rules that need it cannot say whether it is right. When "
            "the value is one of a few (the branches of a condition elconf cannot decide set it "
            "differently), each rule that needs only it checks every candidate, at the pair "
            "that sets it, and is not listed here.")
def value_unknown(ctx: CheckContext) -> Iterator[Diagnostic]:
    # Runs after every other rule (run_checks sees to it): ctx.unchecked is complete.
    for name, rules in ctx.unchecked.items():
        value = ctx.value(name)
        made = next((a for a in reversed(ctx.store.history(name)) if a.value is value), None)
        place = ctx.variable_place(name, made) if made is not None and made.origin.file \
            else ctx.report_place(name)
        what = getattr(value, "what", "an unknown value")
        if place is not None and place.file:
            what = what.replace(f" at {place.file}:", " at ")     # the same file: line:col is enough
        yield finding("value-unknown", place,
                      f"{name} is not known here (it comes from {what}), so "
                      f"{_and(rules)} could not check it")


def _and(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
