"""From the command line to a sent, queued or refused message.

This module only glues the parts together, in the order Emacs runs them:

1. evaluate the init file (:mod:`elconf.config`), as Emacs start-up would;
2. pick the send path (:mod:`smtp.paths`): ``send-mail-function`` or
   message.el's ``message-send-mail-function``, accounts, method headers;
3. load what the first send loads (smtpmail's defaults are computed now);
4. prepare the message as ``smtpmail-send-it`` does (:mod:`smtp.message`);
5. queue it (:mod:`smtp.queue`) or send it (:mod:`smtp.esmtp`), or hand it to
   ``sendmail-program`` (:mod:`smtp.sendmail`).

Every failure is an exception that knows its exit code; :func:`smtp.outcome.report`
turns it into one line on stderr (``elsend: Sending failed: ...``) and the
code.  Nothing is printed on success.
"""

from __future__ import annotations

import os
import sys

from elconf import sysexits
from smtp.context import Context, SimpleContext, home_directory
from smtp.outcome import UsageError, printable, report
from smtp.progress import with_progress

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    import argparse  # the options may come from smtp.cli.quick_parse, which spares argparse
    from pathlib import Path
    from typing import Any, BinaryIO

    from smtp.body import FileName
    from smtp.context import SendmailArgs
    from smtp.config import SendConfig
    from smtp.message import PreparedMessage, Spooled

#: Clients whose accounts mean the message was written in message-mode (its send path).
MESSAGE_MODE_CLIENTS = frozenset({"mu4e", "gnus", "notmuch"})


class NoRecipients(Exception):
    """Emacs's ``Sending failed; no recipients`` (with its semicolon)."""

    exit_code = sysexits.DATAERR

    def __init__(self, hint: str | None = None) -> None:
        super().__init__(hint)
        self.hint = hint

    def __str__(self) -> str:
        text = "Sending failed; no recipients"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


MBOX_HINT = ("the message starts with an mbox 'From ' line (as git format-patch writes it); "
             "Emacs ends the header there, so it finds no To:, Cc: or Bcc: - remove that line, "
             "or let git send-email call elsend (git config sendemail.sendmailCmd elsend)")


# --- the two entry points -----------------------------------------------------------

def run(options: argparse.Namespace) -> int:
    """The elsend grammar: send (or queue, or dry-run) one message, or flush the queue."""
    with report() as outcome:
        from smtp.fastpath import kept_context

        if options.flush_queue:
            kept = kept_context(options, sendmail=False, flush=True)
            if kept is not None:
                outcome.code = flush(kept)
                return outcome.code
        else:
            kept = kept_context(options, sendmail=False)
            if kept is not None:
                outcome.code = _send_static(kept, options.message)
                return outcome.code
        ctx = _load(options, sending=_static_options(options))
        if options.flush_queue:
            outcome.code = flush(ctx)
        elif options.probe:
            outcome.code = probe_server(ctx)
        else:
            outcome.code = send_file(ctx, options.message)
    return outcome.code


def run_sendmail_mode(options: argparse.Namespace, args: "SendmailArgs") -> int:
    """The sendmail grammar: the message on stdin, sent over SMTP with smtpmail's settings.

    Whatever ``send-mail-function`` says, this path speaks SMTP itself: when
    elsend *is* the user's ``sendmail-program``, running it again would loop.
    """
    with report(msmtp_codes=True) as outcome:
        from smtp import fastpath

        ctx = fastpath.kept_context(options, sendmail=True) or _load(options)
        if not args.recipients and not args.read_recipients:
            raise UsageError("no recipients: give them as arguments or use -t "
                             "to read them from the To:, Cc: and Bcc: headers")
        if ctx.plan is None and _static_options(options):
            with fastpath.SendTimeLoads(ctx.loaded, ctx.cache, True) as loads:
                plan = fastpath.plan_send(ctx, "sendmail", None)
            ctx = fastpath.planned_context(ctx, plan, loads)
        outcome.code = _send_smtp_stream(ctx, sys.stdin.buffer, sendmail=args)
    return outcome.code


# --- configuration -------------------------------------------------------------------

def _load(options: argparse.Namespace, *, sending: bool = False) -> Context:
    """The evaluated configuration; ``sending``: a send of the elsend grammar that may start
    from the state kept after its send-time loads (elconf.cache, send_file)."""
    from pathlib import Path

    from elconf.cache import CacheReport, load_config_cached
    from elconf.config import LoadOptions

    env = dict(os.environ)
    home = str(Path(home_directory(env)))
    init = Path(options.init) if options.init else None
    report = CacheReport()
    # The evaluated state is kept between runs while nothing it read changed
    # (elconf.cache; --no-cache or ELSEND_NO_CACHE=1 turn it off).
    loaded = load_config_cached(LoadOptions(init=init, no_init=bool(options.no_init), home=Path(home), env=env,
                                            stop_at_any_error=bool(getattr(options, "stop_at_any_error", False))),
                                use_cache=not getattr(options, "no_cache", False), report=report,
                                after_loads=_door_key(options) if sending else None)
    warnings = []
    # A state kept after the send-time loads holds their errors too: only the
    # evaluation's are printed, as by a send that has not loaded them yet.
    later = [id(d) for d in getattr(loaded, "send_time_errors", ())]
    for diagnostic in loaded.errors():
        if id(diagnostic) in later:
            continue
        # Emacs warns and sends with what the file set before the error; so do we.
        warnings.append(printable(f"elsend: warning: {diagnostic.format()}"))
        print(warnings[-1], file=sys.stderr)
    if getattr(options, "debug", False):
        from smtp.dryrun import evaluation_notes

        for note in evaluation_notes(SimpleContext(loaded)):   # skipped here, run by Emacs
            print(printable(f"elsend: note: {note.format()}"), file=sys.stderr)
    return Context(loaded, home, env, options, warnings=warnings, cache=report)


def _door_key(options: argparse.Namespace) -> str:
    from smtp.fastpath import door_key

    return door_key(options, False)


def _static_options(options: argparse.Namespace) -> bool:
    from smtp.fastpath import static_options

    return static_options(options)


def _send_static(ctx: Context, name: str | None, raw: bytes | None = None) -> int:
    """Send along a static plan's route (fresh, or kept): the one path for both.

    ``raw`` is the message when the account choice has read it already.
    """
    plan = ctx.plan
    source = _open_input(name) if raw is None else raw
    if plan.door == "send-mail" and plan.transport == "smtpmail-send-it":
        return _send_smtp_stream(ctx, source)
    from smtp.body_scan import scans_kept

    with _Reusable(source) as reusable, scans_kept():
        return _send_planned(ctx, plan.route, reusable, None)


def _settings(ctx: Context, transport: str) -> "SendConfig":
    """Load what the first send through ``transport`` loads, then read the settings."""
    ctx.loaded.load_for_sending(transport)
    cfg = ctx.loaded.send_config()
    changes: dict[str, Any] = {}
    if ctx.options.debug:
        changes["debug_info"] = True
    if getattr(ctx.options, "queue", False):
        changes["queue_mail"] = True
    return cfg.replace(**changes) if changes else cfg


# --- sending a file ------------------------------------------------------------------

def send_file(ctx: Context, name: str | None) -> int:
    """Send the message in file ``name`` (``-`` or None: stdin) along the configured path."""
    from smtp import account_switch, paths

    account = ctx.options.account
    raw: bytes | None = None
    choosing = account_switch.needs_choice(ctx.loaded, account)
    static = _static_options(ctx.options)
    by_from = None
    if choosing:
        # The account (mu4e context, account command ...) depends on the message's
        # From, and decides every setting after it: switch before reading any.
        source = _open_input(name)
        if isinstance(source, os.PathLike):
            with open(source, "rb") as handle:
                raw = handle.read()
        else:
            raw = source.read()
        header = account_switch.header_of(raw)
        if static:      # the choice is the From address's: its plan is that address's
            from smtp.fastpath import address_key

            by_from = address_key(account_switch.from_address(header, None))
    if static and name not in (None, "-") and not os.path.isfile(name):
        raise FileNotFoundError(f"{name}: no such message file")   # before any load, as below
    from smtp import fastpath

    plan = None
    # The message was read before: what the choice and the loads consult is the plan's key.
    with fastpath.SendTimeLoads(ctx.loaded, ctx.cache, static) as loads:
        if choosing:
            ctx.decision = account_switch.switch_for_message(
                ctx.loaded, header, from_=ctx.options.from_address, account=account)
            if ctx.decision is not None:
                account = None      # a client account: message-server-alist is not asked
                _say_account(ctx)
        via = {"mail": "send-mail", "message": "message", None: None}[ctx.options.via]
        if via is None and ctx.decision is not None and ctx.decision.account is not None \
                and ctx.decision.account.client in MESSAGE_MODE_CLIENTS:
            via = "message"         # mu4e, Gnus and notmuch write in message-mode and send with message-send
        message_door = _message_door(ctx, via)
        if message_door:
            ctx.loaded.interpreter.require("message")
        route = paths.resolve_route(ctx.loaded.send_config(), via)
        if static and route.supported:     # smtpmail-send-it, or sendmail-program
            plan = fastpath.plan_send(ctx, route.via, route, by_from)
    if plan is not None:
        return _send_static(fastpath.planned_context(ctx, plan, loads), name, raw)
    if static and ctx.cache is not None:
        fastpath.forget(ctx.cache.path, fastpath.door_key(ctx.options, False, by_from))
        if not choosing and route.supported:
            # Lisp runs on this message (a message-send-hook ...): the next send may start
            # from the state as it is now, after the loads.
            fastpath.keep_state_after_loads(ctx, loads, message_door, lambda: _message_door(ctx, via))
    simple = (route.via == "send-mail" and route.transport == paths.SMTP and not choosing
              and not ctx.options.from_address and not ctx.options.account)
    if raw is None:
        source = _open_input(name)
        if simple:  # the common case streams the body: no whole message in memory
            return _send_smtp_stream(ctx, source)
        # The other paths stream too: a file is read in place, stdin spooled once.
        from smtp.body_scan import scans_kept

        with _Reusable(source) as reusable, scans_kept():
            return _send_planned(ctx, route, reusable, account)
    return _send_planned(ctx, route, raw, account)


def _message_door(ctx: Context, via: str | None) -> bool:
    """Whether the message door is taken (then message.el loads before the route is read)."""
    return via == "message" or (via is None and ctx.loaded.is_bound("message-send-mail-function"))


def _send_planned(ctx: Context, route: Any, raw: "FileName | Spooled | bytes", account: str | None) -> int:
    """The message door, accounts and the sendmail transports: plan, then send."""
    from smtp import paths

    cfg = _settings(ctx, route.transport if route.supported else paths.SMTP)
    plan = paths.plan_message(raw, cfg, ctx.loaded, via=route.via, from_=ctx.options.from_address,
                              account=account)
    for note in plan.notes:
        print(printable(f"elsend: {note}"), file=sys.stderr)
    if plan.transport != paths.SMTP:
        if ctx.options.dry_run:
            from smtp.dryrun import print_sendmail_plan

            return print_sendmail_plan(ctx, plan)
        paths.run_plan(plan, env={**ctx.env, "ELSEND_AS_SENDMAIL": "1"})
        return sysexits.OK
    if "smtpmail" not in ctx.loaded.interpreter.features:
        cfg = _settings(ctx, paths.SMTP)
        plan = paths.plan_message(raw, cfg, ctx.loaded, via=route.via,
                                  from_=ctx.options.from_address, account=account)
    # smtpmail-send-it's own preparation reads message.el's output: the new header over
    # the body read in place, or spooled as it streams out of the plan (an encoded
    # body), so neither the input nor the result is ever held whole.
    from smtp.message_el import prepared_source

    prepared = prepared_source(plan.draft)
    try:
        code = _send_smtp_stream(ctx, prepared, cfg=plan.cfg)
    finally:
        prepared.close()
    if code == sysexits.OK:
        paths.write_message_fcc(plan)
    return code


def _say_account(ctx: Context) -> None:
    """``--debug`` states the account chosen and why (``--dry-run`` prints it in the plan)."""
    decision = ctx.decision
    if not getattr(ctx.options, "debug", False) or decision is None:
        return
    name = decision.account.name if decision.account is not None else "none"
    print(printable(f"elsend: account: {name}: {decision.reason}"), file=sys.stderr)


class _Reusable:
    """``with _Reusable(source) as reusable:`` ``source`` in a form that can be read more
    than once: a file (its name) or bytes as they are, stdin spooled (and the spool
    closed after).

    A class, not a contextlib generator: contextlib (with functools and collections)
    stays off the plain send's imports.
    """

    def __init__(self, source: "FileName | BinaryIO | bytes") -> None:
        self.source = source
        self.spooled: Spooled | None = None

    def __enter__(self) -> "FileName | Spooled | bytes":
        if isinstance(self.source, (os.PathLike, bytes)):
            return self.source
        from smtp.message import _spool, Spooled

        self.spooled = Spooled(_spool(self.source))
        return self.spooled

    def __exit__(self, *exc: Any) -> None:
        if self.spooled is not None:
            self.spooled.close()


def _open_input(name: str | None) -> "FileName | BinaryIO":
    """The message: a file (read in place later), or standard input for ``-`` or None."""
    if name in (None, "-"):
        return sys.stdin.buffer
    if not os.path.isfile(name):
        raise FileNotFoundError(f"{name}: no such message file")
    from smtp.body import FileName

    return FileName(name)


def _send_smtp_stream(ctx: Context, source: "FileName | BinaryIO | bytes | Spooled", *,
                      cfg: "SendConfig | None" = None,
                      sendmail: "SendmailArgs | None" = None) -> int:
    """``smtpmail-send-it``: prepare, then queue or send over SMTP."""
    from smtp.message import prepare_for_smtpmail, read_message

    cfg = cfg or _settings(ctx, "smtpmail-send-it")
    if sendmail is not None and sendmail.full_name is not None:
        cfg = cfg.replace(user_full_name=sendmail.full_name)
    raw = read_message(source, cfg)
    try:
        prepared = prepare_for_smtpmail(raw, cfg, home=ctx.home, write_fcc=not ctx.options.dry_run)
        if sendmail is not None:
            prepared = _apply_sendmail_envelope(prepared, raw, sendmail)
        if ctx.options.dry_run:
            from smtp.dryrun import print_smtp_plan

            return print_smtp_plan(ctx, cfg, prepared)
        if cfg.queue_mail:
            from smtp.queue import queue_message

            queue_message(prepared, cfg, home=ctx.home)
            return sysexits.OK
        if not prepared.recipients:
            raise NoRecipients(MBOX_HINT if _starts_with_mbox_line(raw) else None)
        _deliver(ctx, cfg, prepared)
        return sysexits.OK
    finally:
        raw.close()


def _starts_with_mbox_line(raw: Any) -> bool:
    """The header ended at once, at a ``From `` line (git format-patch output)."""
    if raw.header.strip():
        return False
    return next(iter(raw.body.lines()), b"").startswith(b"From ")


def _apply_sendmail_envelope(prepared: "PreparedMessage", raw: Any,
                             args: "SendmailArgs") -> "PreparedMessage":
    """sendmail's rules on top of smtpmail's: ``-f``, ``--read-envelope-from``, argv recipients."""
    from elconf.records import replace
    from smtp.address import extract_address, fetch_field

    changes: dict[str, Any] = {}
    if args.envelope_from:
        changes["envelope_from"] = args.envelope_from
    elif args.read_envelope_from:
        found = extract_address(fetch_field(prepared.header.decode("utf-8", "surrogateescape"), "From"))
        if found:
            changes["envelope_from"] = found
    if args.recipients:
        # Recipients on the command line: sendmail sends to exactly those
        # (with -t, to those and the header's, as msmtp does).
        changes["recipients"] = (list(prepared.recipients) if args.read_recipients else []) \
            + list(args.recipients)
    return replace(prepared, **changes) if changes else prepared


def _asker(ctx: Context) -> Any:
    """Emacs asks for a missing password; we ask only on a terminal that is not the message."""
    from smtp.authsource.prompt import ask, stdin_is_terminal

    reading_stdin = getattr(ctx.options, "message", None) in (None, "-") \
        and not getattr(ctx.options, "flush_queue", False) and not getattr(ctx.options, "probe", False)
    return ask if stdin_is_terminal() and not reading_stdin else None


class CommandInjection(Exception):
    """A value that goes into an SMTP command holds a line break (exit 65, or 78 for a setting)."""

    def __init__(self, what: str, value: str, exit_code: int) -> None:
        super().__init__(f"Sending failed: {what} {value!r} contains a line break or NUL; sent "
                         "as it is, it would inject SMTP commands (nothing was sent)")
        self.exit_code = exit_code


def refuse_command_injection(cfg: "SendConfig", envelope_from: str | None,
                             recipients: list[str]) -> None:
    """Refuse CR, LF or NUL in anything that becomes part of an SMTP command line.

    Emacs puts such values on the wire as they are (``RCPT TO:<a@b\\rDATA>``), and a
    server that ends lines at a bare CR, or any server for CR-LF, then sees a
    command the user never wrote.  The envelope comes from the message (exit
    65); the EHLO name and the domains come from settings (exit 78).
    """
    values = [envelope_from, *recipients, cfg.system_name, cfg.local_domain, cfg.sendto_domain]
    text = "".join([value for value in values if isinstance(value, str)])
    if "\r" not in text and "\n" not in text and "\0" not in text:
        return   # the common case, once per entry of a flush: no list of checks built
    checks = [("the envelope sender", envelope_from, sysexits.DATAERR)]
    checks += [("the recipient", r, sysexits.DATAERR) for r in recipients]
    checks += [("system-name", cfg.system_name, sysexits.CONFIG),
               ("smtpmail-local-domain", cfg.local_domain, sysexits.CONFIG),
               ("smtpmail-sendto-domain", cfg.sendto_domain, sysexits.CONFIG)]
    for what, value, code in checks:
        if isinstance(value, str) and ("\r" in value or "\n" in value or "\0" in value):
            raise CommandInjection(what, value, code)


def _deliver(ctx: Context, cfg: "SendConfig", prepared: "PreparedMessage") -> None:
    from smtp.esmtp import send_via_smtp

    refuse_command_injection(cfg, prepared.envelope_from, list(prepared.recipients))
    credentials = _auth_settings(ctx).source(ctx.home, ctx.env)
    send_via_smtp(cfg, with_progress(prepared), credentials=credentials, trace=_trace(cfg),
                  timeout=ctx.options.timeout, ask=_asker(ctx), home=str(ctx.home))


def _auth_settings(ctx: Context) -> Any:
    """auth-source's settings: the plan's (smtp.fastpath), else read from the configuration."""
    if ctx.plan is not None:
        return ctx.plan.auth
    from smtp.authsource.settings import AuthSettings

    return AuthSettings.from_config(ctx.loaded)


def _trace(cfg: "SendConfig") -> Any:
    """With smtpmail-debug-info (or --debug) the session goes to stderr as it happens."""
    if not cfg.debug_info:
        return None
    from smtp.trace import Trace

    def to_stderr(text: str) -> None:
        sys.stderr.write(text)
        sys.stderr.flush()

    return Trace(cfg.smtp_server or "", include_body=True, sink=to_stderr)


# --- probing ---------------------------------------------------------------------------

def probe_server(ctx: Context) -> int:
    """``--probe``: the opening of a session with the user's settings, described."""
    from smtp.authsource.settings import AuthSettings
    from smtp.probe import probe

    if getattr(ctx.options, "all_accounts", False):
        from smtp.account_probe import probe_all_accounts

        return probe_all_accounts(ctx, _settings, _asker(ctx))
    if ctx.options.account is not None:
        from smtp.account_probe import switch_by_name

        switch_by_name(ctx)

    cfg = _settings(ctx, "smtpmail-send-it")
    credentials = AuthSettings.from_config(ctx.loaded).source(ctx.home, ctx.env)
    for line in probe(cfg, credentials=credentials, timeout=ctx.options.timeout,
                      ask=_asker(ctx), home=str(ctx.home), trace=_trace(cfg)):
        print(line)
    return sysexits.OK


# --- the queue ---------------------------------------------------------------------------

def flush(ctx: Context) -> int:
    """``smtpmail-send-queued-mail``, without its wedge: one session per server, reused, and
    pipelined where the server offers it (:mod:`smtp.pipelining`)."""
    from smtp import fastpath
    from smtp.pipelining import PipeliningSession
    from smtp.queue import config_for_entry, message_for_entry
    from smtp.queue_flush import flush_queue

    if ctx.plan is None and fastpath.can_use_plan(ctx.options, ctx.env, flush=True):
        # All a flush reads of the configuration is smtpmail's settings once it has
        # loaded and auth-source's: kept as a plan (fastpath.FLUSH_DOOR), the next
        # flush starts without the evaluator, as a send through its plan does.
        with fastpath.SendTimeLoads(ctx.loaded, ctx.cache, True) as loads:
            plan = fastpath.plan_send(ctx, fastpath.FLUSH_DOOR, None)
        ctx = fastpath.planned_context(ctx, plan, loads)
    cfg = _settings(ctx, "smtpmail-send-it")
    if ctx.plan is not None:
        auth = ctx.plan.auth
    else:
        from smtp.authsource.settings import AuthSettings

        auth = AuthSettings.from_config(ctx.loaded)
    credentials = auth.source(ctx.home, ctx.env)
    sessions: dict[tuple[Any, ...], PipeliningSession] = {}
    announced: list[Any] = [None, None]   # the entry announced as upcoming, and its message

    def session_key(entry_cfg: Any) -> tuple[Any, ...]:
        return (entry_cfg.smtp_server, entry_cfg.smtp_service, repr(entry_cfg.stream_type),
                entry_cfg.smtp_user)

    plain_key = session_key(cfg)   # the key of every entry without stored server settings

    def prepare(entry: Any) -> None:
        """An entry's message and session key, made ahead of its turn (while the server
        reads an earlier message); its file is read now too (SIZE)."""
        try:
            entry_cfg = config_for_entry(entry, cfg)
            message = message_for_entry(entry, entry_cfg)
            if not message.recipients or message.envelope_from is None:
                return
            refuse_command_injection(entry_cfg, message.envelope_from, message.recipients)
            message.size_chars  # noqa: B018 - reads the file
        except Exception:  # noqa: BLE001 - its own turn reports it; announcing is optional
            return
        entry.prepared = (message, plain_key if entry_cfg is cfg else session_key(entry_cfg))

    def upcoming_message(entry: Any, key: tuple[Any, ...]) -> Any:
        """The next entry's message when it goes to the same session (else None): the
        session may write its MAIL, RCPT and DATA behind this message's final dot."""
        following = entry.upcoming() if entry.upcoming is not None else None
        if following is None:
            return None
        if following.prepared is None:
            prepare(following)
        if following.prepared is None or following.prepared[1] != key:
            return None
        announced[:] = [following, following.prepared[0]]
        return following.prepared[0]

    def send_entry(entry: Any) -> None:
        entry_cfg = config_for_entry(entry, cfg)
        if announced[0] is entry:   # built when it was announced: the file is read once
            message = announced[1]
            message.bookkeeping, message.before_final_dot = entry.bookkeeping, entry.before_final_dot
            announced[:] = [None, None]   # its recipients and envelope were checked then
        else:
            message = message_for_entry(entry, entry_cfg)
            announced[:] = [None, None]
            if not message.recipients:
                raise NoRecipients()
            refuse_command_injection(entry_cfg, message.envelope_from, message.recipients)
        key = plain_key if entry_cfg is cfg else session_key(entry_cfg)
        session = sessions.get(key)
        if session is None:
            session = sessions[key] = PipeliningSession(entry_cfg, credentials=credentials,
                                                        trace=_trace(entry_cfg),
                                                        timeout=ctx.options.timeout,
                                                        ask=_asker(ctx), home=str(ctx.home))
        try:
            session.send(message, upcoming_message(entry, key))
        except BaseException:
            sessions.pop(key, None)  # the session aborted itself; a later entry reconnects
            raise

    try:
        result = flush_queue(cfg, send_entry, prepare=prepare, home=ctx.home)
    finally:
        for session in sessions.values():
            try:
                session.close()
            except Exception:  # noqa: BLE001 - the flush's outcome is reported, not this
                pass
    for warning in result.warnings:
        print(printable(f"elsend: warning: {warning}"), file=sys.stderr)
    if result.error is not None:
        failed = result.failed.data_file if result.failed is not None else "an entry"
        print(printable(f"elsend: {failed}: {result.error}"), file=sys.stderr)
        print(f"elsend: {len(result.sent)} sent, {result.remaining} still queued "
              "(the failed entry and those after it, in order)", file=sys.stderr)
        return getattr(result.error, "exit_code", None) or sysexits.TEMPFAIL
    return sysexits.OK
