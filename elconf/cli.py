"""The ``elconf`` command line: a thin dispatcher over ``elconf.commands.*``.

Each sub-command lives in its own module exposing ``HELP`` (one line),
``add_arguments(parser)`` and ``run(args) -> int``.  Modules are imported only
when their sub-command runs, so ``elconf --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from elconf import __version__

# name -> (module, one-line help).  Kept here so --help needs no imports.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "read": ("elconf.commands.read", "read Emacs Lisp files and print every top-level form"),
    "eval": ("elconf.commands.eval", "evaluate an expression after the init file"),
    "get": ("elconf.commands.get", "print variables as Emacs would hold them after init"),
    "show": ("elconf.commands.show", "show the effective mail configuration and where each value came from"),
    "creds": ("elconf.commands.creds", "show which credentials Emacs's auth-source would find"),
    "check": ("elconf.commands.check", "find mistakes in a mail configuration"),
    "accounts": ("elconf.commands.accounts", "list the mail accounts the init file defines"),
}

EPILOG = """\
exit status:
  0   success
  1   elconf check reported findings
  64  usage error
  65  an input file could not be read as Emacs Lisp
  66  an input file is missing
  78  the configuration cannot send mail

Run 'elconf COMMAND --help' for the options of one command.
"""


class UsageParser(argparse.ArgumentParser):
    """argparse, but a usage error exits 64 (EX_USAGE) as documented, not 2 (both commands)."""

    def error(self, message: str) -> "NoReturn":  # type: ignore[name-defined]
        self.print_usage(sys.stderr)
        self.exit(64, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = UsageParser(
        prog="elconf",
        description="Read, evaluate and check Emacs init files the way Emacs 28.2 does, "
                    "with a focus on mail settings.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"elconf {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_module, help_text) in SUBCOMMANDS.items():
        sub.add_parser(name, help=help_text, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in SUBCOMMANDS:
        parser = build_parser()
        if not argv:
            parser.print_help(sys.stderr)
            return 64
        parser.parse_args(argv)  # prints --help/--version or a usage error
        return 64
    name, rest = argv[0], argv[1:]
    module_name, help_text = SUBCOMMANDS[name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            print(f"elconf {name}: not implemented yet", file=sys.stderr)
            return 70
        raise
    parser = UsageParser(prog=f"elconf {name}", description=help_text,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    module.add_arguments(parser)
    args = parser.parse_args(rest)
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
