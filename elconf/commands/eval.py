"""``elconf eval``: evaluate one expression after the init file and print its value.

The expression runs at top level after start-up, in the same sandbox as the
init file (no processes, files or sockets); the result is printed as
``prin1`` prints it.  An error is printed as Emacs prints it, exit 1; an
EXPR that cannot be read (or is followed by more text) exits 65.
"""

from __future__ import annotations

import argparse
import sys

from elconf import sysexits
from elconf.commands.get import add_load_arguments, load_from_args, prin1

HELP = "evaluate an expression after the init file"

EPILOG = """\
examples:
  elconf eval '(list smtpmail-smtp-server smtpmail-smtp-service)'
  elconf eval -q '(system-name)'
  elconf eval --require smtpmail 'smtpmail-auth-supported'
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    add_load_arguments(parser, after_idle=True)
    parser.add_argument("expression", metavar="EXPR", help="one Emacs Lisp expression")


def run(args: argparse.Namespace) -> int:
    config, status = load_from_args(args, "elconf eval")
    if config is None:
        return status
    from elconf.errors import LispSignal
    from elconf.reader import ReadError, read_from_string

    try:
        form, end = read_from_string(args.expression, 0)
    except ReadError as exc:
        print(f"elconf eval: cannot read EXPR: {exc}", file=sys.stderr)
        return sysexits.DATAERR
    trailing = args.expression[end:].strip()
    if trailing:
        # What `emacs --eval' says of a second expression.
        print(f"elconf eval: trailing garbage following expression: {trailing}", file=sys.stderr)
        return sysexits.DATAERR
    try:
        value = config.interpreter.eval(form)
    except LispSignal as exc:
        print(f"elconf eval: {exc.message()}", file=sys.stderr)
        return status or 1
    sys.stdout.write(prin1(value) + "\n")
    return status
