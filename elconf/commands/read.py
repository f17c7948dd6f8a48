"""``elconf read``: read Emacs Lisp files as Emacs 28.2 does and print every top-level form.

Each form is printed on one line as ``LINE<TAB>FORM``, FORM being what
Emacs's ``prin1`` prints with ``print-escape-newlines``,
``print-escape-control-characters``, ``print-quoted`` and ``print-gensym``
set: the output of ``elconf read FILE`` can be compared line by line with
Emacs's own reading of FILE.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from elconf import sysexits

HELP = "read Emacs Lisp files and print every top-level form"

DESCRIPTION = """\
Read Emacs Lisp files exactly as Emacs 28.2's `load' reads them (same
decoding, same read syntax, same errors) and print each top-level form on
one line:

    LINE<TAB>FORM

FORM is printed as Emacs's prin1 prints it with print-escape-newlines,
print-escape-control-characters, print-quoted and print-gensym set, so
strings stay on one line.  #$ reads as the file's absolute name.

On a read error, the forms before it are printed, then

    FILE:LINE:COL: error: MESSAGE

on standard error, where LINE:COL is where Emacs's reader stopped; an
unclosed list or string also says where it was opened."""

EPILOG = """\
examples:
  elconf read ~/.emacs.d/init.el          every form with its line number
  elconf read --check init.el early-init.el && echo OK
  cat init.el | elconf read -             read standard input

exit status:
  0   every file was read without error
  65  a file could not be read as Emacs Lisp (the error is on stderr)
  66  a file is missing or unreadable
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = DESCRIPTION
    parser.epilog = EPILOG
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="Emacs Lisp file to read; '-' reads standard input")
    parser.add_argument("--check", action="store_true",
                        help="only check that the files read: print errors, no forms")
    parser.add_argument("--with-filename", action="store_true",
                        help="prefix each form line with the file name: FILE:LINE<TAB>FORM")


def format_form(value: Any) -> str:
    """A form as ``elconf read`` prints it (prin1 with the settings named above)."""
    from elconf.printer import prin1_to_string

    return prin1_to_string(value, escape_newlines=True, escape_control=True, quoted=True, gensym=True)


def run(args: argparse.Namespace) -> int:
    out = _binary_safe(sys.stdout)
    status = sysexits.OK
    for name in args.files:
        status = max(status, read_one_file(name, out, check=args.check, with_filename=args.with_filename))
    out.flush()
    return status


def read_one_file(name: str, out: TextIO, *, check: bool = False, with_filename: bool = False) -> int:
    """Read one file (or ``-``), print its forms to ``out``; return the exit status for it."""
    from elconf.printer import PrintError
    from elconf.reader import ReadError, read_forms
    from elconf.source import decode_source

    try:
        if name == "-":
            data = sys.stdin.buffer.read()
            filename = "-"
        else:
            with open(name, "rb") as handle:
                data = handle.read()
            filename = name
    except OSError as exc:
        out.flush()
        print(f"elconf read: {name}: {exc.strerror or exc}", file=sys.stderr)
        return sysexits.NOINPUT
    text = decode_source(data)
    prefix = f"{filename}:" if with_filename else ""
    form = None
    try:
        for form in read_forms(text, filename=None if name == "-" else filename):
            if not check:
                out.write(f"{prefix}{form.line}\t{format_form(form.value)}\n")
    except ReadError as error:
        out.flush()
        error.filename = filename
        print(error.format(), file=sys.stderr)
        return sysexits.DATAERR
    except PrintError as error:
        out.flush()
        line = form.line if form else 1
        col = form.col if form else 1
        print(f"{filename}:{line}:{col}: error: {error}", file=sys.stderr)
        return sysexits.DATAERR
    return sysexits.OK


def _binary_safe(stream: TextIO) -> TextIO:
    """stdout that writes raw-byte characters (U+DC80..U+DCFF) as the bytes themselves."""
    if hasattr(stream, "reconfigure"):
        try:
            stream.reconfigure(encoding="utf-8", errors="surrogateescape")  # type: ignore[attr-defined]
        except (ValueError, OSError):
            pass
    return stream
