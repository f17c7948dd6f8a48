"""The ``elsend`` command line.

Two grammars share one command:

* the elsend grammar: ``elsend [--init FILE | -q] [options] [MESSAGE | -]``;
* the sendmail grammar, so that elsend can be ``sendmail-program``, git's
  ``sendemail.sendmailCmd`` or mutt's ``$sendmail``: ``-t``, ``-i``/``-oi``,
  ``-f ADDR``, ``-F NAME``, ``-oem``/``-odb``/``-oep``/``-odi``, ``-N``,
  ``--read-envelope-from``, ``--`` and recipients as arguments.

Any sendmail-only flag (or being called as ``sendmail``) selects the sendmail
grammar.  Only :mod:`argparse` is imported before the arguments are known, so
``elsend --help`` costs no more than the interpreter's start-up.  A command
line made of the common options only (see :func:`quick_parse`) does not even
import argparse: elsend is started once per message, and argparse with its
help formatter (gettext, locale, shutil) costs about 5 ms of every start.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys

from elconf import __version__
from smtp.context import SendmailArgs

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    import argparse
    from typing import Any

EXIT_STATUS = """\
exit status (sysexits.h):
  0    sent, or safely queued
  64   usage error (EX_USAGE)
  65   the message is malformed, or names no recipient (EX_DATAERR)
  66   the message file or init file does not exist or cannot be read (EX_NOINPUT)
  67   the server refused a recipient permanently: 5xx to RCPT (EX_NOUSER)
  69   the server refused the message permanently: 5xx (EX_UNAVAILABLE)
  70   internal error; please report it (EX_SOFTWARE)
  73   the queue or an Fcc file could not be written (EX_CANTCREAT)
  74   standard output was closed early (EX_IOERR)
  75   temporary failure: 4xx, connection refused or lost, timeout;
       the message was not sent, try again later (EX_TEMPFAIL)
  76   TLS or SMTP protocol failure, e.g. an untrusted certificate (EX_PROTOCOL)
  77   authentication failed or was refused as unsafe (EX_NOPERM)
  78   the configuration cannot send mail, e.g. no server, no send function
       or no sender address configured (EX_CONFIG)
  130  interrupted (Ctrl-C); nothing was sent

In the sendmail grammar, a server's refusal exits as msmtp's does for the
same failure: a 4xx reply 69, a 5xx reply 65 (authentication stays 77).

A message is reported sent only when the server accepted it after the final
dot.  On any failure the input file is left untouched; nothing is half-sent.
"""

DESCRIPTION = """\
Send a mail message exactly as GNU Emacs 28.2 would send it, using the mail
settings in your Emacs init file (send-mail-function, smtpmail-smtp-server,
smtpmail-stream-type, auth-sources, ...).  The message is an RFC 5322 file
(headers, an empty line, the body; a mail-header-separator line also works).
"""

EXAMPLES = """\
examples:
  elsend message.eml                  send with the settings of ~/.emacs.d/init.el
  elsend --init ~/dotfiles/mail.el -  send stdin with another init file
  elsend --dry-run message.eml        show the prepared message and the SMTP plan
  elsend --queue message.eml          queue it in smtpmail-queue-dir (Emacs's format)
  elsend --flush-queue                send the queue, as M-x smtpmail-send-queued-mail
  elsend --probe                      check the server, TLS and credentials; send nothing
  elsend --probe --all-accounts       the same for every account (mu4e contexts ...), a line each
  elsend --dry-run --json msg.eml     the plan (account, server, port, TLS, user ...) as JSON
  git config sendemail.sendmailCmd "elsend"
                                      git send-email calls: elsend -i RCPT...
  (setq sendmail-program "elsend")    Emacs's sendmail-send-it calls: elsend -oi -t ...
"""

# Sendmail flags that take a value, as separate word or glued (-fADDR).
_VALUE_FLAGS = {"-f", "-r", "-F", "-N", "-R", "-V", "-X", "-B", "-h", "-L", "-O", "-C"}
# Sendmail flags accepted and ignored, as msmtp ignores them.
_IGNORED_FLAGS = {"-i", "-m", "-n", "-U", "-G", "-bm", "-Am", "-Ac", "-v"}


_ELSEND_VALUE_OPTIONS = {"--init", "--timeout", "--from", "--account", "--via"}
_ELSEND_FLAG_OPTIONS = {"-q", "--no-init", "--debug", "--dry-run", "--queue", "--flush-queue",
                        "--probe", "--json", "--all-accounts", "--no-cache"}


def looks_like_sendmail(argv: list[str], program: str) -> bool:
    """True when the arguments use the sendmail grammar."""
    if os.path.basename(program) in {"sendmail", "mailq", "newaliases"}:
        return True
    for index, arg in enumerate(argv):
        if arg == "-h" and not (index + 1 < len(argv) and argv[index + 1].isdigit()):
            continue  # -h alone asks for help; only "-h N" is sendmail's hop count
        if arg == "--":
            return True
        if arg in ("-t", "--read-envelope-from") or arg in _IGNORED_FLAGS:
            return True
        if arg.startswith("-o") and not arg.startswith("--"):
            return True
        if arg[:2] in _VALUE_FLAGS and not arg.startswith("--"):
            return True
    return False


def parse_sendmail_args(argv: list[str]) -> SendmailArgs:
    """Parse the sendmail grammar; raises ValueError with a usage message."""
    parsed = SendmailArgs()
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg == "--":
            parsed.recipients.extend(argv[i:])
            break
        if arg in _ELSEND_VALUE_OPTIONS:
            if i >= len(argv):
                raise ValueError(f"option {arg} needs a value")
            parsed.elsend_options += [arg, argv[i]]
            i += 1
        elif arg in _ELSEND_FLAG_OPTIONS:
            parsed.elsend_options.append(arg)
        elif arg == "-t":
            parsed.read_recipients = True
        elif arg == "--read-envelope-from":
            parsed.read_envelope_from = True
        elif arg in _IGNORED_FLAGS or (arg.startswith("-o") and len(arg) > 2):
            parsed.ignored.append(arg)
        elif arg[:2] in _VALUE_FLAGS:
            flag, value = arg[:2], arg[2:]
            if not value:
                if i >= len(argv):
                    raise ValueError(f"option {flag} needs a value")
                value = argv[i]
                i += 1
            if flag in ("-f", "-r"):
                parsed.envelope_from = value
            elif flag == "-F":
                parsed.full_name = value
            else:
                parsed.ignored += [flag, value]
        elif arg.startswith("-") and arg != "-":
            raise ValueError(f"unknown sendmail option {arg}")
        else:
            parsed.recipients.append(arg)
    return parsed


def sendmail_conflict(options: argparse.Namespace, args: SendmailArgs) -> str | None:
    """Why these elsend options cannot go with the sendmail grammar, or None."""
    for name, flag in (("from_address", "--from"), ("account", "--account"), ("via", "--via"),
                       ("flush_queue", "--flush-queue"), ("probe", "--probe"),
                       ("all_accounts", "--all-accounts"), ("json", "--json")):
        if getattr(options, name):
            return (f"{flag} does not go with sendmail-style arguments: in sendmail mode elsend "
                    "always sends over SMTP with smtpmail's settings (use -f for the envelope)")
    if options.queue and (args.envelope_from or args.read_envelope_from):
        return ("--queue cannot keep -f or --read-envelope-from: Emacs's queue format has no "
                "place for an envelope sender (a flush uses user-mail-address, as Emacs does)")
    return None


#: The options :func:`quick_parse` understands, each with its destination:
#: flags (store_true) and options that take one value.
_QUICK_FLAGS = {"-q": "no_init", "--no-init": "no_init", "--dry-run": "dry_run",
                "--queue": "queue", "--probe": "probe", "--flush-queue": "flush_queue",
                "--debug": "debug", "--json": "json", "--all-accounts": "all_accounts",
                "--stop-at-any-error": "stop_at_any_error",
                "--no-cache": "no_cache"}
_QUICK_VALUES = {"--init": "init", "--via": "via", "--from": "from_address",
                 "--account": "account", "--timeout": "timeout"}


def quick_parse(argv: list[str]) -> argparse.Namespace | None:
    """The elsend grammar's options as :func:`build_parser` parses them, or None.

    Only the plain forms are taken: each option spelled out in full, once, a
    value that does not start with ``-``, a valid ``--via`` and ``--timeout``,
    at most one MESSAGE.  For anything else (help, version, ``--opt=value``,
    abbreviations, a repeated option, any error) this returns None and
    argparse parses, prints and exits as usual.  Whatever it accepts, it must
    give what argparse would give (a test compares them).
    """
    values: dict[str, object] = {
        "message": None, "init": None, "no_init": False, "via": None, "from_address": None,
        "account": None, "dry_run": False, "queue": False, "probe": False,
        "flush_queue": False, "debug": False, "timeout": 60.0, "json": False,
        "all_accounts": False, "stop_at_any_error": False,
        "no_cache": False}
    seen: set[str] = set()
    rest = iter(argv)
    value: str | bool | None
    for arg in rest:
        if arg in _QUICK_FLAGS:
            dest, value = _QUICK_FLAGS[arg], True
        elif arg in _QUICK_VALUES:
            dest, value = _QUICK_VALUES[arg], next(rest, None)
            if value is None or value.startswith("-"):
                return None
        elif arg == "-" or not arg.startswith("-"):
            dest, value = "message", arg
        else:
            return None
        if dest in seen:
            return None
        seen.add(dest)
        values[dest] = value
    if values["via"] not in (None, "mail", "message"):
        return None
    if "timeout" in seen:
        try:
            values["timeout"] = float(values["timeout"])  # type: ignore[arg-type]
        except ValueError:
            return None
    # The same attributes as argparse's Namespace, without importing argparse.
    options: Any = _Options(values)
    return options


class _Options:
    """What :func:`quick_parse` parsed: the attributes argparse's Namespace would have
    (a plain class: neither argparse nor types is imported for it)."""

    def __init__(self, values: dict[str, object]) -> None:
        self.__dict__.update(values)

    def __repr__(self) -> str:
        return "Options(" + ", ".join(f"{name}={value!r}" for name, value in vars(self).items()) + ")"


def parse_elsend_args(argv: list[str]) -> argparse.Namespace:
    """The elsend grammar: :func:`quick_parse`, else argparse (which may print and exit)."""
    options = quick_parse(argv)
    return options if options is not None else build_parser().parse_args(argv)


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from elconf.cli import UsageParser

    parser = UsageParser(
        prog="elsend",
        usage="elsend [--init FILE | -q] [options] [MESSAGE | -]\n"
              "       elsend --flush-queue [--init FILE]\n"
              "       elsend --probe [--init FILE] [--account NAME | --all-accounts]\n"
              "       elsend [sendmail options] [-t] [RECIPIENT...] < MESSAGE",
        description=DESCRIPTION,
        epilog=EXAMPLES + "\n" + EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("message", nargs="?", metavar="MESSAGE",
                        help="the message file; '-' or nothing reads standard input")
    config = parser.add_argument_group("configuration")
    config.add_argument("--init", metavar="FILE",
                        help="evaluate FILE as the init file instead of finding it as Emacs does "
                             "(~/.emacs.el, ~/.emacs, ~/.emacs.d/init.el, ~/.config/emacs/init.el)")
    config.add_argument("-q", "--no-init", action="store_true",
                        help="load no init file, as 'emacs -q': defaults and the environment only")
    config.add_argument("--no-cache", action="store_true",
                        help="evaluate the init file afresh and keep nothing: by default its evaluated "
                             "state is kept in $XDG_CACHE_HOME/elsend (~/.cache/elsend) and reused "
                             "while every file, environment variable and other input it read is "
                             "unchanged (also ELSEND_NO_CACHE=1)")
    config.add_argument("--via", choices=("mail", "message"),
                        help="the Emacs path to imitate: 'mail' uses send-mail-function (C-c C-c in "
                             "mail-mode), 'message' uses message-send-mail-function (Gnus, mu4e, "
                             "notmuch); default: message when the config sets "
                             "message-send-mail-function, else mail")
    config.add_argument("--from", dest="from_address", metavar="ADDRESS",
                        help="choose the account whose From address is ADDRESS, as message-server-alist "
                             "or a message-send-hook would")
    config.add_argument("--account", metavar="NAME",
                        help="send from account NAME: a mu4e context, an account command, a "
                             "message-server-alist entry ... (elconf accounts lists them); switched "
                             "to as the mail client would, e.g. (mu4e-context-switch t NAME)")
    config.add_argument("--stop-at-any-error", action="store_true",
                        help="stop an init file at any error, as Emacs without the missing packages "
                             "and files would; by default a form that is only not evaluable here "
                             "(a package's variable, a file not on this machine) is skipped")
    action = parser.add_argument_group("what to do")
    action.add_argument("--dry-run", action="store_true",
                        help="print the prepared message, envelope, recipients and the planned SMTP "
                             "session (server, port, TLS, mechanism, credential source; passwords "
                             "masked) without touching the network")
    action.add_argument("--queue", action="store_true",
                        help="queue the message in smtpmail-queue-dir instead of sending it, as "
                             "smtpmail-queue-mail does")
    action.add_argument("--probe", action="store_true",
                        help="connect to the configured server as a send would (greeting, EHLO, "
                             "STARTTLS, AUTH), report what it offers and whether the certificate "
                             "and credentials are accepted, then QUIT: nothing is sent")
    action.add_argument("--all-accounts", action="store_true",
                        help="with --probe: probe the server of every account, one line each")
    action.add_argument("--flush-queue", action="store_true",
                        help="send every queued message, as smtpmail-send-queued-mail does, but "
                             "never wedging: a failed entry stays queued, the rest are kept in order")
    output = parser.add_argument_group("output")
    output.add_argument("--json", action="store_true",
                        help="with --dry-run: print the plan as one JSON object (see elsend(1)); "
                             "with --probe --all-accounts: one JSON object per account")
    output.add_argument("--debug", action="store_true",
                        help="print the SMTP session on stderr, as smtpmail-debug-info's trace "
                             "buffer shows it (AUTH arguments always omitted)")
    output.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="give up on a silent server after SECONDS (default 60; Emacs waits forever)")
    parser.add_argument("--version", action="version", version=f"elsend {__version__}")
    return parser


#: The cyclic garbage collector's first threshold while elsend runs (Python's is 700):
#: a plain send allocates fewer container objects than this, so it never collects.
GC_THRESHOLD = 50_000

_freeze_registered = False


def _freeze_at_exit() -> None:
    """Leave every object out of the collections Python runs at exit.

    While it tears the modules down, Python runs full collections over all
    the objects a send made: some 7 ms, for memory the operating system takes
    back anyway.  ``gc.freeze()``, registered before any other exit handler of
    the run so that it runs after them all, spares them.  Nothing of ours
    relies on a finalizer: files and connections are closed explicitly.
    Registered once, and run only at exit, so a program that calls
    :func:`main` keeps a normal collector until then.
    """
    global _freeze_registered
    if not _freeze_registered:
        atexit.register(gc.freeze)
        _freeze_registered = True


def leave(code: int) -> None:
    """``sys.exit(code)``, without tearing the interpreter down when nothing needs it.

    Python's finalization frees every module and object a send made, one by
    one (some 5 million instructions after a send through a kept plan, a fifth
    of elsend's own share of the run), for memory the operating system takes
    back at once.  Nothing of ours relies on it (see :func:`_freeze_at_exit`):
    once standard output and standard error are flushed, ``os._exit`` ends the
    process with the same status.  Python's own exit is taken instead whenever
    something else might need it: a flush that fails (its error and exit status
    stay Python's), an exit handler registered by anything but elsend, a thread
    still running, a profiler or tracer (``python -m cProfile`` writes its data
    after the script), a status that is not an int.  Only the ``elsend`` script
    calls this; a program that calls :func:`main` keeps its interpreter.
    """
    if type(code) is not int or not 0 <= code <= 255:
        sys.exit(code)
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except Exception:  # noqa: BLE001 - Python's exit reports it as it always does
        sys.exit(code)
    handlers = getattr(atexit, "_ncallbacks", None)
    threading = sys.modules.get("threading")
    if handlers is None or handlers() != int(_freeze_registered) or (
            threading is not None and threading.active_count() > 1) or (
            sys.getprofile() is not None or sys.gettrace() is not None):   # cProfile writes after
        sys.exit(code)
    os._exit(code)


def option_misuse(options: argparse.Namespace) -> str | None:
    """Options that only mean something together with another one."""
    if options.all_accounts and not options.probe:
        return "--all-accounts goes with --probe (elsend --probe --all-accounts)"
    if options.all_accounts and options.account:
        return "--all-accounts and --account exclude each other"
    if options.json and not (options.dry_run or (options.probe and options.all_accounts)):
        return "--json goes with --dry-run, or with --probe --all-accounts"
    return None


def main(argv: list[str] | None = None) -> int:
    _freeze_at_exit()
    # A send allocates most of its objects while it imports its modules and
    # evaluates the init file, and keeps them to the end: with Python's
    # threshold the collector runs some thirty times over them for nothing,
    # about 5 ms of a 40 ms run.  A higher threshold still collects every
    # cycle, with a bounded amount of garbage waiting (a few MB at most).
    thresholds = gc.get_threshold()
    gc.set_threshold(max(GC_THRESHOLD, thresholds[0]), *thresholds[1:])
    try:
        return _main(argv)
    finally:
        gc.set_threshold(*thresholds)


def _main(argv: list[str] | None) -> int:
    program = sys.argv[0] if sys.argv else "elsend"
    argv = sys.argv[1:] if argv is None else argv
    if looks_like_sendmail(argv, program):
        try:
            sendmail_args = parse_sendmail_args(argv)
        except ValueError as exc:
            print(f"elsend: {exc}", file=sys.stderr)
            return 64
        options = parse_elsend_args(sendmail_args.elsend_options)
        conflict = sendmail_conflict(options, sendmail_args)
        if conflict:
            print(f"elsend: {conflict}", file=sys.stderr)
            return 64
        from smtp.send import run_sendmail_mode

        return run_sendmail_mode(options, sendmail_args)
    options = parse_elsend_args(argv)
    if options.init and options.no_init:
        print("elsend: --init and -q exclude each other", file=sys.stderr)
        return 64
    misuse = option_misuse(options)
    if misuse:
        print(f"elsend: {misuse}", file=sys.stderr)
        return 64
    from smtp.send import run

    return run(options)


if __name__ == "__main__":
    sys.exit(main())
