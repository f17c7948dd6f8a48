"""``elconf get``: print variables as Emacs would hold them after start-up.

Plain output is one ``VAR<TAB>VALUE`` line per variable, VALUE printed as
``prin1`` prints it with the settings of ``elconf read`` (newlines and
control characters escaped, so one line each), or
``VAR<TAB>void`` for an unbound variable.  ``--json`` prints one object::

    {"smtpmail-smtp-server": {"bound": true, "sexp": "\\"smtp.example.org\\"",
                              "value": "smtp.example.org"},
     "smtpmail-smtp-user": {"bound": false}}

where ``value`` is a JSON view of the Lisp value: a string is a string, an
integer or a finite float a number, nil ``null``, t ``true``, another symbol
``{"symbol": NAME}``, a proper list an array, another cons
``{"cons": [CAR, CDR]}``, a vector ``{"vector": [...]}``, an infinite or NaN
float ``{"float": "1.0e+INF"}`` (JSON has no such numbers), anything else
(hash tables, functions, values the sandbox could not compute)
``{"other": PRIN1-TEXT}``.

This module also holds what ``get``, ``show`` and ``eval`` share: the
options that choose the init files, and turning load problems into exit
codes (66 for a missing ``--init`` file, 65 when an init file cannot be
read as Lisp).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from elconf import sysexits

if TYPE_CHECKING:
    from elconf.config import LoadedConfig

HELP = "print variables as Emacs would hold them after init"

EPILOG = """\
examples:
  elconf get smtpmail-smtp-server send-mail-function
  elconf get --require smtpmail --json smtpmail-smtp-server smtpmail-stream-type
  elconf get -q user-mail-address          # what emacs -Q would have
  elconf get --account Work --require mu4e user-mail-address smtpmail-smtp-server
                                           # after (mu4e-context-switch t "Work")

exit status: 0 ok, 64 no such --account, 65 an init file is not valid Lisp,
66 --init FILE is missing, 78 switching to the --account fails
"""

# Diagnostic rules (and message starts) that mean "the file could not be read as Lisp".
_READ_ERROR_MARKERS = ("read", "invalid-read-syntax", "end-of-file")


def add_load_arguments(parser: argparse.ArgumentParser, *, requires: bool = True,
                       after_idle: bool = False) -> None:
    """The options every evaluating command takes."""
    parser.add_argument("--init", metavar="FILE", type=Path,
                        help="load FILE instead of discovering ~/.emacs, ~/.emacs.d/init.el, ...")
    parser.add_argument("-q", "--no-init-file", dest="no_init", action="store_true",
                        help="load no init file, as emacs -q")
    if requires:
        parser.add_argument("--require", metavar="FEATURE", action="append", default=[],
                            help="load FEATURE after the init file (repeatable, in order)")
    if after_idle:
        parser.add_argument("--after-idle", action="store_true",
                            help="also run what Emacs runs once it first waits for input "
                                 "(use-package :defer N idle timers); by default the values are "
                                 "those at the end of start-up")
    add_stop_argument(parser)


def add_stop_argument(parser: argparse.ArgumentParser) -> None:
    """``--stop-at-any-error``: Emacs's literal rule (docs/unknowns.md)."""
    parser.add_argument("--stop-at-any-error", action="store_true",
                        help="stop an init file at any error, as Emacs without the missing packages "
                             "and files would; by default a form that is only not evaluable here "
                             "(a package's variable, a file not on this machine) is skipped")


def load_from_args(args: argparse.Namespace, prog: str) -> "tuple[LoadedConfig | None, int]":
    """Load the configuration the options describe.

    Returns ``(config, status)``: ``config`` is None when nothing could be
    loaded (status 66); otherwise status is 65 if an init file had a read
    error (the place is printed on stderr), else 0.  Other errors that stop
    an init file are printed as warnings, as Emacs shows them, with status 0.
    """
    from elconf.config import InitFileNotFound, LoadOptions, load_config

    options = LoadOptions(init=args.init, no_init=args.no_init,
                          require=tuple(getattr(args, "require", ()) or ()),
                          stop_at_any_error=bool(getattr(args, "stop_at_any_error", False)),
                          # Commands without --after-idle describe the send: timers have run.
                          idle_timers=bool(getattr(args, "after_idle", True)))
    try:
        config = load_config(options)
    except InitFileNotFound as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return None, sysexits.NOINPUT
    status = sysexits.OK
    for diag in config.diagnostics:
        if diag.severity == "error":
            print(diag.format(), file=sys.stderr)
            if is_read_error(diag):
                status = sysexits.DATAERR
    return config, status


def load_with_account(args: argparse.Namespace, prog: str) -> "tuple[LoadedConfig | None, int]":
    """:func:`load_from_args`, then the switch to ``--account NAME`` when given (the
    commands that take it: get, show); ``(None, status)`` when either fails."""
    config, status = load_from_args(args, prog)
    if config is None or getattr(args, "account", None) is None:
        return config, status
    from elconf.commands.accounts import apply_account

    switched = apply_account(config, args.account, prog)
    return (config, status) if switched == 0 else (None, switched)


def is_read_error(diag: Any) -> bool:
    rule = (diag.rule or "").lower()
    message = diag.message.lower()
    return (any(marker in rule for marker in _READ_ERROR_MARKERS)
            or message.startswith("invalid read syntax")
            or message.startswith("end of file during parsing"))


def prin1(value: Any) -> str:
    """``prin1`` as ``elconf read`` prints: ``print-escape-newlines``,
    ``print-escape-control-characters`` and ``print-gensym`` set, so every
    value is one line."""
    from elconf.printer import prin1_to_string

    return prin1_to_string(value, escape_newlines=True, escape_control=True, quoted=True, gensym=True,
                           display=True)


def json_view(value: Any) -> Any:
    """The JSON view of a Lisp value (see the module docstring)."""
    from elconf.types import NIL, T, Cons, Symbol, Vector, is_proper_list

    if value is NIL:
        return None
    if value is T:
        return True
    if isinstance(value, Symbol):
        return {"symbol": value.name}
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return {"other": repr(value)}
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"float": prin1(value)}
    if isinstance(value, Cons):
        if is_proper_list(value):
            return [json_view(item) for item in value]
        return {"cons": [json_view(value.car), json_view(value.cdr)]}
    if isinstance(value, Vector):
        return {"vector": [json_view(item) for item in value]}
    unknown = unknown_view(value)
    return unknown if unknown is not None else {"other": prin1(value)}


def unknown_view(value: Any) -> dict[str, Any] | None:
    """``{"unknown": WHAT, "candidates": [...]}`` for a value unknown here (None for
    any other): each candidate ``{"bound", "sexp", "value", "origin"}``, the origin
    ``{"kind", "file", "line", "col"}`` of the form that set it (see docs/unknowns.md)."""
    from elconf.interpreter import is_opaque
    from elconf.types import UNBOUND

    if not is_opaque(value):
        return None
    view: dict[str, Any] = {"unknown": value.what}
    if value.candidates:
        view["candidates"] = [
            {"bound": False} if candidate is UNBOUND else
            {"bound": True, "sexp": prin1(candidate), "value": json_view(candidate),
             "origin": None if origin is None else {"kind": origin.kind, "file": origin.file,
                                                    "line": origin.line, "col": origin.col}}
            for candidate, origin in value.candidates]
    return view


def entry_json(config: "LoadedConfig", name: str) -> dict[str, Any]:
    from elconf.types import UNBOUND

    value = config.get(name)
    if value is UNBOUND:
        return {"bound": False}
    return {"bound": True, "sexp": prin1(value), "value": json_view(value)}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    add_load_arguments(parser, after_idle=True)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    from elconf.commands.accounts import add_account_argument

    add_account_argument(parser)
    parser.add_argument("variables", metavar="VAR", nargs="+", help="variable names")


def run(args: argparse.Namespace) -> int:
    config, status = load_with_account(args, "elconf get")
    if config is None:
        return status
    if args.json:
        result = {name: entry_json(config, name) for name in args.variables}
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return status
    from elconf.types import UNBOUND

    for name in args.variables:
        value = config.get(name)
        sys.stdout.write(f"{name}\tvoid\n" if value is UNBOUND else f"{name}\t{prin1(value)}\n")
    return status
