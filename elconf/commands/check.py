"""``elconf check``: find the mistakes in a mail configuration before they bite.

Reads and evaluates the init file as elsend would (as Emacs 28.2 start-up
does), runs the rules of :mod:`elconf.check` and prints one line per
finding, like a compiler, so editors (flymake, flycheck, compile-mode) and CI
jobs can use it::

    init.el:12:1: warning: smtpmail-default-smtp-server is set ... [default-server-after-load]
        fix: write (setq smtpmail-smtp-server "smtp.example.org") instead
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from elconf import sysexits
from elconf.commands.get import add_stop_argument

HELP = "find mistakes in a mail configuration"

EPILOG = """\
examples:
  elconf check                         # the init file Emacs would load (~/.emacs.d/init.el ...)
  elconf check ~/.emacs.d/init.el      # one or more files, each checked as an init file
  elconf check --format json --strict init.el
  elconf check --list-rules            # every rule with its id; docs/rules.md explains each
  elconf check --explain no-server     # one rule: what Emacs does, an example, the fix
  elconf check --stdin-filename ~/.emacs.d/init.el - < buffer   # editors: an unsaved buffer

output: FILE:LINE:COL: SEVERITY: MESSAGE [RULE], sorted by place, each followed by an
indented "fix:" line (--no-hints drops those); a summary goes to standard error.
With --format json: a JSON array of objects with the keys file, line, col, severity,
message, rule and hint.

exit status:
  0   no error (with --strict: no error and no warning)
  1   findings
  65  a file cannot be read as Emacs Lisp (the reader error is reported)
  66  a file does not exist
  78  the configuration cannot send mail (for example an invalid smtpmail-stream-type)
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="init files to check, each on its own (default: discover as Emacs)")
    parser.add_argument("--init", metavar="FILE", type=Path,
                        help="check FILE as the init file (same as giving one FILE)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--strict", action="store_true",
                        help="warnings count as findings for the exit status")
    add_stop_argument(parser)
    parser.add_argument("--rule", action="append", metavar="ID", dest="rules",
                        help="run only this rule (repeatable)")
    parser.add_argument("--no-hints", action="store_true", help="omit the fix: lines")
    parser.add_argument("--stdin-filename", metavar="NAME",
                        help="with FILE -: the name to report for the text read from standard "
                             "input (flymake and flycheck pass the buffer this way)")
    parser.add_argument("--list-rules", action="store_true",
                        help="list every rule (id, severity, title) and exit")
    parser.add_argument("--explain", metavar="ID",
                        help="print what rule ID checks, what Emacs does, an example and the fix")


def run(args: argparse.Namespace) -> int:
    from elconf.check import exit_status
    from elconf.check.rules import all_rules

    if args.explain:
        from elconf.check.docs import render_rule

        matching = [r for r in all_rules() if r.id == args.explain]
        if not matching:
            print(f"elconf check: unknown rule {args.explain!r} (see --list-rules)", file=sys.stderr)
            return sysexits.USAGE
        sys.stdout.write(render_rule(matching[0]).replace('<a id="' + args.explain + '"></a>\n', ""))
        return sysexits.OK
    if args.list_rules:
        for found in all_rules():
            print(f"{found.id:28} {found.severity:8} {found.title}")
        return sysexits.OK
    known = {r.id for r in all_rules()}
    for rule_id in args.rules or ():
        if rule_id not in known:
            print(f"elconf check: unknown rule {rule_id!r} (see --list-rules)", file=sys.stderr)
            return sysexits.USAGE
    if args.init is not None and args.files:
        print("elconf check: give either --init FILE or FILE arguments, not both", file=sys.stderr)
        return sysexits.USAGE
    targets: list[Path | None] = [args.init] if args.init else list(args.files) or [None]
    findings = []
    status = sysexits.OK
    for target in targets:
        if target is not None and str(target) == "-":
            found = check_stdin(args.stdin_filename or "-", rules=args.rules,
                                stop_at_any_error=args.stop_at_any_error)
            findings.extend(found)
            status = _worse(status, exit_status(found, strict=args.strict))
            continue
        if target is not None and not target.is_file():
            from elconf.config import not_a_file_reason

            what = not_a_file_reason(target)
            print(f"elconf check: {target}: {what}", file=sys.stderr)
            status = _worse(status, sysexits.NOINPUT)
            continue
        from elconf.config import InitFileNotFound

        try:
            found = check_file(target, rules=args.rules, stop_at_any_error=args.stop_at_any_error)
        except InitFileNotFound as error:     # an init file that exists but cannot be read
            print(f"elconf check: {error}", file=sys.stderr)
            status = _worse(status, sysexits.NOINPUT)
            continue
        findings.extend(found)
        status = _worse(status, exit_status(found, strict=args.strict))
    findings.sort(key=lambda d: (*d.sort_key(), d.rule or ""))
    _print(findings, args)
    return status


def check_file(init: Path | None, rules: list[str] | None = None,
               stop_at_any_error: bool = False) -> list[Any]:
    """Evaluate one init file (None: discover) and return the findings."""
    from elconf.check import run_checks
    from elconf.config import LoadOptions, load_config

    loaded = load_config(LoadOptions(init=init, stop_at_any_error=stop_at_any_error))
    if init is None and not loaded.init_files:
        print("elconf check: no init file found (~/.emacs, ~/.emacs.el, ~/.emacs.d/init.el, "
              "~/.config/emacs/init.el): checking what Emacs has without one", file=sys.stderr)
    return run_checks(loaded, only=rules)


def check_stdin(name: str, rules: list[str] | None = None,
                stop_at_any_error: bool = False) -> list[Any]:
    """Check the init file text on standard input, reporting it under ``name``."""
    import tempfile

    from elconf.records import replace

    data = sys.stdin.buffer.read()     # bytes: decoded as load decodes the file (coding cookie)
    with tempfile.TemporaryDirectory(prefix="elconf-check-") as tmp:
        path = Path(tmp) / (Path(name).name if name != "-" else "init.el")
        path.write_bytes(data)
        found = check_file(path, rules=rules, stop_at_any_error=stop_at_any_error)
    return [replace(d, file=name) if d.file == str(path) else d for d in found]


def _worse(a: int, b: int) -> int:
    """The exit status that says more: 65 and 66 beat 78, which beats 1, which beats 0."""
    rank = {sysexits.OK: 0, sysexits.FINDINGS: 1, sysexits.CONFIG: 2, sysexits.DATAERR: 3,
            sysexits.NOINPUT: 4}
    return max(a, b, key=lambda code: rank.get(code, 5))


def _print(findings: list[Any], args: argparse.Namespace) -> None:
    from elconf.diagnostics import format_location

    if args.format == "json":
        json.dump([d.to_json() for d in findings], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    out = []
    for found in findings:
        out.append(found.format())
        for file, line, col, message in found.related:
            out.append(f"    note: {format_location(file, line, col)}: {message}")
        if found.hint and not args.no_hints:
            out.append(f"    fix: {found.hint}")
    if out:
        sys.stdout.write("\n".join(out) + "\n")
    counts = {s: sum(1 for d in findings if d.severity == s) for s in ("error", "warning", "info")}
    summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
    print(f"elconf check: {summary or 'no findings'}", file=sys.stderr)
