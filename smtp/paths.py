"""Which way a message leaves, and why: the dispatch between Emacs's send functions.

Emacs has two doors.  ``C-c C-c`` in a ``mail-mode`` buffer (and elsend's
default) calls ``send-mail-function``; message.el (Gnus, mu4e, notmuch)
prepares the message itself and calls ``message-send-mail-function``.  Both
end in one of a few transports:

====================================  =======================================
function                              what elsend does
====================================  =======================================
``smtpmail-send-it``                  SMTP, as smtpmail (:mod:`smtp.esmtp`)
``message-smtpmail-send-it``          the same (message.el's obsolete wrapper)
``sendmail-send-it``                  runs ``sendmail-program`` (:mod:`smtp.sendmail`)
``message-send-mail-with-sendmail``   runs ``sendmail-program`` with message.el's argv
``message--default-send-mail-function``  follows ``send-mail-function``
``sendmail-query-once``               Emacs would ask; we stop (exit 78)
``feedmail-send-it``                  not modelled: exit 78, says what to set
``mailclient-send-it``                hands mail to a desktop client: exit 78
``message-send-mail-with-mh/-qmail``  not modelled: exit 78
====================================  =======================================

:func:`resolve_route` decides; :func:`describe_path` explains it for
``elconf show``; :func:`plan_message` prepares a message for the chosen
route (message.el edits, accounts) and :func:`run_plan` runs the sendmail
routes (the SMTP route is run by ``smtp.send`` with the plan's settings).
"""

from __future__ import annotations

from elconf import sysexits
from elconf.records import record
from smtp.config import SendConfig
from smtp.errors import ConfigurationFailure

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    import os
    from pathlib import Path
    from typing import Any, BinaryIO

SMTP = "smtpmail-send-it"
SENDMAIL = "sendmail-send-it"
MESSAGE_SENDMAIL = "message-send-mail-with-sendmail"
TRANSPORTS = (SMTP, SENDMAIL, MESSAGE_SENDMAIL)

_UNSUPPORTED: dict[str, str] = {
    "feedmail-send-it": "feedmail queues and sends through its own settings, which elsend does not "
                        "read; set send-mail-function to smtpmail-send-it or sendmail-send-it",
    "mailclient-send-it": "mailclient hands the message to a desktop mail program through a "
                          "mailto: URL; elsend sends mail itself: set send-mail-function to "
                          "smtpmail-send-it (or sendmail-send-it to use sendmail-program)",
    "message-send-mail-with-mailclient": "mailclient hands the message to a desktop mail program; "
                                         "set message-send-mail-function to smtpmail-send-it",
    "message-send-mail-with-mh": "MH delivery (mh-send-letter) is not modelled; set "
                                 "message-send-mail-function to message-send-mail-with-sendmail",
    "message-send-mail-with-qmail": "qmail-inject delivery is not modelled; set "
                                    "message-send-mail-function to message-send-mail-with-sendmail "
                                    "and sendmail-program to qmail's sendmail wrapper",
    "sendmail-query-once": "send-mail-function is sendmail-query-once: Emacs would ask how to send "
                           "(and remember it); set send-mail-function to smtpmail-send-it or "
                           "sendmail-send-it in your init file",
}


@record(frozen=True)
class Route:
    """The decision: the door (``via``), the chain of functions, the transport at the end."""

    via: str                          # "message" or "send-mail"
    chain: tuple[str, ...]            # function names, first called first
    reasons: tuple[str, ...]          # one line per step, for elconf show

    @property
    def transport(self) -> str:
        return self.chain[-1]

    @property
    def supported(self) -> bool:
        return self.transport in TRANSPORTS

    def error(self, cfg: SendConfig | None = None) -> ConfigurationFailure:
        """Exit 78 with what to set instead, for a transport elsend does not run."""
        why = _UNSUPPORTED.get(self.transport,
                               f"{self.transport} is not a send function elsend can run; set it "
                               "to smtpmail-send-it or sendmail-send-it")
        if self.transport == "sendmail-query-once" and cfg is not None and cfg.unread_libraries:
            # Left at its default here, but a library elconf did not read may set it.
            from smtp.config import unread_libraries_may_set

            why = "\n  hint: ".join(unread_libraries_may_set(cfg, "send-mail-function",
                                                            "'smtpmail-send-it"))
        return UnsupportedSendFunction(f"{self.transport}: {why}")


class UnsupportedSendFunction(ConfigurationFailure):
    """The configured send function is one elsend does not run (exit 78)."""

    exit_code = sysexits.CONFIG

    @property
    def message(self) -> str:
        return self.detail


def default_via(cfg: SendConfig) -> str:
    """``message`` when the config chose a ``message-send-mail-function``, else ``send-mail``."""
    chosen = cfg.message_send_mail_function
    return "message" if chosen not in (None, "message--default-send-mail-function") else "send-mail"


def resolve_route(cfg: SendConfig, via: str | None = None) -> Route:
    """Follow the variables from the door to the transport, as Emacs 28.2 would."""
    via = via or default_via(cfg)
    if via not in ("message", "send-mail"):
        raise ValueError(f"via must be 'message' or 'send-mail', not {via!r}")
    send_fn = cfg.send_mail_function or "sendmail-query-once"
    chain: list[str] = []
    reasons: list[str] = []
    if via == "send-mail":
        chain.append(send_fn)
        reasons.append(f"send-mail-function is {send_fn}")
        return _after_wrappers(Route(via, tuple(chain), tuple(reasons)))
    fn = cfg.message_send_mail_function or "message--default-send-mail-function"
    reasons.append("message-send-mail-function is " + fn
                   + ("" if cfg.message_send_mail_function else " (its default once message.el loads)"))
    chain.append(fn)
    if fn == "message--default-send-mail-function":
        if send_fn in ("feedmail-send-it", "sendmail-query-once"):
            target = send_fn
        elif send_fn == SENDMAIL:
            target = MESSAGE_SENDMAIL
        else:
            chain.append("message-use-send-mail-function")
            target = send_fn
        reasons.append(f"it follows send-mail-function ({send_fn}): {target}")
        chain.append(target)
    elif fn == "message-smtpmail-send-it":
        chain.append(SMTP)
        reasons.append("message-smtpmail-send-it runs message-send-mail-hook, then smtpmail-send-it")
    return _after_wrappers(Route(via, tuple(chain), tuple(reasons)))


def _after_wrappers(route: Route) -> Route:
    """Send functions of packages that switch the account, then call smtpmail-send-it."""
    if route.chain and route.chain[-1] == "smtpmail-multi-send-it":
        return Route(route.via, route.chain + (SMTP,), route.reasons + (
            "smtpmail-multi-send-it switches to the account its associations choose (elsend "
            "chose it before), then calls smtpmail-send-it",))
    return route


def describe_path(cfg_or_loaded: Any, via: str | None = None) -> list[str]:
    """Lines for ``elconf show``: which door, which functions, which transport, and why."""
    cfg = cfg_or_loaded if isinstance(cfg_or_loaded, SendConfig) else cfg_or_loaded.send_config()
    route = resolve_route(cfg, via)
    door = ("message.el (message-send-mail-function)" if route.via == "message"
            else "mail-mode (send-mail-function)")
    lines = [f"path: {door}" + ("" if via else f" [default: {_why_default(cfg)}]")]
    lines += [f"  {reason}" for reason in route.reasons]
    lines.append("  chain: " + " -> ".join(route.chain))
    if route.transport == SMTP:
        server = cfg.smtp_server or "(unset: Emacs would prompt)"
        lines.append(f"  transport: SMTP to {server} port {cfg.smtp_service}")
    elif route.transport in (SENDMAIL, MESSAGE_SENDMAIL):
        from smtp.sendmail import program_path

        found = program_path(cfg)
        lines.append(f"  transport: runs {cfg.sendmail_program}"
                     + (f" ({found})" if found and found != cfg.sendmail_program else "")
                     + ("" if found else " - NOT FOUND on PATH"))
        lines.append("  argv: " + " ".join(_argv_shape(cfg, route.transport)))
    elif route.transport in _UNSUPPORTED:
        lines.append(f"  transport: {route.transport}: not supported - {route.error().detail}")
    else:
        lines.append(f"  transport: decided per message: elsend evaluates {route.transport} and follows "
                     "the transport it calls (smtpmail-send-it, sendmail-send-it or "
                     "message-send-mail-with-sendmail)")
    if route.via == "message":
        lines.append("  X-Message-SMTP-Method in a message overrides this (smtp HOST PORT [USER] | sendmail)")
        from elconf.types import Cons

        if isinstance(cfg.message_server_alist, Cons):
            lines.append("  message-server-alist is set (Emacs 29+; 28.2 ignores it): "
                         "a matching From chooses the method")
    return lines


def _why_default(cfg: SendConfig) -> str:
    if default_via(cfg) == "message":
        return "the config sets message-send-mail-function"
    return "message-send-mail-function is not set; use --via message for Gnus/mu4e/notmuch behaviour"


def _argv_shape(cfg: SendConfig, transport: str) -> list[str]:
    from smtp.sendmail import message_sendmail_argv, sendmail_send_it_argv

    if transport == SENDMAIL:
        envelope = "ENVELOPE" if cfg.mail_specify_envelope_from else None
        return sendmail_send_it_argv(cfg, envelope, [])
    return message_sendmail_argv(cfg, "ENVELOPE", None)


# ---------------------------------------------------------------------------
# One message through the chosen route.

@record
class Plan:
    """A message ready for its transport, with the settings that transport must use."""

    route: Route
    transport: str            # may differ from route.transport (X-Message-SMTP-Method)
    cfg: SendConfig           # with account switches applied
    draft: Any                # smtp.sendmail.Draft: after message.el's edits, or as given
    notes: list[str]
    fcc: tuple[str, ...] = ()  # message path: Fcc files written after a successful send
    fcc_copy: Any = None       # message path: the Draft message-do-fcc would file

    @property
    def message(self) -> bytes:
        """The whole message in memory (prefer ``draft.chunks()`` for big messages)."""
        return self.draft.to_bytes()


def plan_message(raw: "bytes | os.PathLike | BinaryIO", cfg: SendConfig, loaded: Any = None, *, via: str | None = None,
                 from_: str | None = None, account: str | None = None,
                 now: Any = None) -> Plan:
    """Prepare ``raw`` for its route: accounts, message.el's edits, the method header.

    On the ``send-mail`` door the message is handed over as it is (the
    transport prepares it); on the ``message`` door it goes through
    :func:`smtp.message_el.prepare_for_message_el` first, after the
    ``message-send-hook`` (evaluated by :func:`smtp.accounts.select_account`).
    """
    from smtp.accounts import Choice, method_from_header, select_account
    from smtp.message_el import Draft

    route = resolve_route(cfg, via)
    notes: list[str] = []
    draft = Draft.parse(raw)
    if not route.supported and route.via == "send-mail":
        route, cfg = _through_user_function(route, cfg, loaded, draft.header_text(), notes)
    if route.via == "send-mail":
        choice = Choice()
        if account is not None or from_ is not None:
            choice = select_account(loaded, draft.header_text(), from_, account)
        cfg = choice.apply(cfg)
        transport = route.transport if choice.method is None else (
            SMTP if choice.method.kind == "smtp" else MESSAGE_SENDMAIL)
        return Plan(route, transport, cfg, draft, notes + choice.notes)
    from smtp.message_el import prepare_message_el

    choice = select_account(loaded, draft.header_text(), from_, account)
    notes.extend(choice.notes)
    notes.extend(unmodelled_settings(loaded))
    gcc = draft.value("Gcc")
    if gcc:
        notes.append(f"Gcc {gcc}: Gnus files this copy into a group itself; elsend does not "
                     "(the field is removed, as message.el does)")
    base = cfg.replace(**choice.changes) if choice.changes else cfg
    if from_ is not None:
        _set_from(draft, from_)
    result = prepare_message_el(draft, base, loaded, now=now)
    notes.extend(f"Fcc {name!r}: piping a copy to a program is not done by elsend"
                 for name in result.fcc if name.lstrip().startswith("|"))
    handler = _fcc_handler(loaded)
    if result.fcc and handler is not None:
        # notmuch (notmuch-fcc-handler), Gnus (gnus-output-to-...) and others file
        # copies their own way; writing an mbox where they expect a folder would be wrong.
        notes.append(f"Fcc {', '.join(result.fcc)}: message-fcc-handler-function is {handler}, "
                     "which elsend does not run; no copy is filed")
        from elconf.records import replace  # result is a message_el.Prepared, a record

        result = replace(result, fcc=())
    method, prepared = method_from_header(result.draft)
    method = method or choice.method
    if method is None:
        if not route.supported:
            route, base = _through_user_function(route, base, loaded, prepared.header_text(), notes)
        return Plan(route, route.transport, base, prepared, notes, result.fcc, result.fcc_copy())
    transport = SMTP if method.kind == "smtp" else MESSAGE_SENDMAIL
    notes.append(f"X-Message-SMTP-Method {method.text!r}: {method.transport()}")
    return Plan(route, transport, base.replace(**method.overrides(base)), prepared, notes, result.fcc,
                result.fcc_copy())


#: message.el settings whose effect elsend does not reproduce, with what Emacs would do.
_UNMODELLED: dict[str, str] = {
    "message-send-mail-hook": "runs just before the transport (POP-before-SMTP and the like)",
    "message-header-hook": "edits the header after message.el generated it",
    "message-required-mail-headers": "is customized; elsend generates From, Date and Message-ID as by default",
    "message-send-mail-partially-limit": "would split big messages into message/partial pieces",
}


def unmodelled_settings(loaded: Any) -> list[str]:
    """Notes for message.el settings a config changed that elsend does not run or model."""
    if loaded is None or not hasattr(loaded, "store"):
        return []
    from elconf.types import NIL, UNBOUND

    notes = []
    for name, what in _UNMODELLED.items():
        value = loaded.get(name)
        if value is UNBOUND or value is NIL:
            continue
        origin = loaded.store.origin(name)
        if origin is not None and origin.kind in ("defcustom", "defvar", "library default"):
            continue  # the library's own default, not the user's
        notes.append(f"{name} {what}: not done by elsend")
    return notes


def _through_user_function(route: Route, cfg: SendConfig, loaded: Any, header: str,
                           notes: list[str]) -> tuple[Route, SendConfig]:
    """A route ending in the user's own function: follow it to the transport it calls.

    Raises the route's error when the function is a known unsupported one,
    cannot be evaluated, or calls no transport elsend runs.
    """
    if route.transport in _UNSUPPORTED or loaded is None or getattr(loaded, "interpreter", None) is None:
        raise route.error(cfg)
    from smtp.accounts import capture_send_function

    if route.via == "send-mail" and "sendmail" not in getattr(loaded.interpreter, "features", ["sendmail"]):
        # The mail-mode door: the buffer is in mail-mode, so sendmail.el is loaded
        # and its variables are special (a `let' of them binds dynamically).
        loaded.interpreter.require("sendmail")
    variable = "send-mail-function" if route.via == "send-mail" or \
        route.chain[-2:-1] == ("message-use-send-mail-function",) else "message-send-mail-function"
    capture = capture_send_function(loaded, header, loaded.get(variable))
    if capture is None:
        raise route.error()
    notes.append(f"{variable} {capture.function} was evaluated for this message: it calls "
                 f"{capture.transport}" + (f" with {', '.join(sorted(capture.changes))} changed"
                                           if capture.changes else ""))
    new_route = Route(route.via, route.chain + (capture.transport,),
                      route.reasons + (f"{capture.function} calls {capture.transport}",))
    return new_route, cfg.replace(**capture.changes) if capture.changes else cfg


def _fcc_handler(loaded: Any) -> str | None:
    """The name of a ``message-fcc-handler-function`` other than message.el's own mbox writer."""
    if loaded is None:
        return None
    from elconf.types import NIL, UNBOUND, Symbol

    value = loaded.get("message-fcc-handler-function")
    if value is UNBOUND or value is NIL:
        return None
    name = value.name if isinstance(value, Symbol) else "a lambda"
    return None if name in ("message-output", "rmail-output") else name


def _set_from(draft: Any, address: str) -> None:
    """``--from``: the message's From field becomes ADDRESS (added when missing)."""
    draft.remove(r"From:")
    draft.header.insert(0, f"From: {address}")


def run_plan(plan: Plan, *, env: dict[str, str] | None = None) -> str:
    """Run a sendmail route; returns the program's output.  SMTP routes belong to smtp.send."""
    from smtp import sendmail

    if plan.transport == SENDMAIL:
        job = sendmail.prepare_sendmail_send_it(plan.draft, plan.cfg)
    elif plan.transport == MESSAGE_SENDMAIL:
        job = sendmail.prepare_message_sendmail(plan.draft, plan.cfg)
    else:
        raise ValueError(f"run_plan runs sendmail routes only, not {plan.transport}")
    output = sendmail.run_sendmail(job, env=env)
    if plan.route.via == "message":
        write_message_fcc(plan)
    return output


def write_message_fcc(plan: Plan, *, now: Any = None) -> list[Path]:
    """``message-do-fcc`` after a successful send: one mbox copy per Fcc file.

    As message.el's ``message-output`` → ``gnus-output-to-mail`` writes it::

        From nobody Sat Nov 28 22:53:00 2026
        <the message: encoded body, Fcc fields removed, Bcc/Gcc kept>
        <an empty line, so the copy ends in two newlines>

    with every line starting ``From `` written as ``>From ``.  Emacs asks
    before creating a missing file; elsend creates it (and its directory).
    A failed append is cut back, so the file never keeps half a copy.
    ``| program`` entries are not run (noted when the plan was made).
    """
    copy = plan.fcc_copy if plan.fcc_copy is not None else plan.draft
    written = []
    for name in plan.fcc:
        if name.lstrip().startswith("|"):
            continue
        from smtp.fcc import fcc_path   # here: a send without Fcc spares smtp.identity (datetime)
        from pathlib import Path

        from smtp.sendmail import user_home
        path = fcc_path(name, home=user_home(), cwd=Path.cwd())
        path.parent.mkdir(parents=True, exist_ok=True)
        _append_mbox_copy(path, copy.chunks(), _ctime(now))
        written.append(path)
    return written


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _ctime(now: Any = None) -> str:
    """``current-time-string``: ``Sat Nov 28 22:53:00 2026`` in the local zone."""
    import datetime

    moment = now or datetime.datetime.now().astimezone()
    return (f"{_DAYS[moment.weekday()]} {_MONTHS[moment.month - 1]} {moment.day:2d} "
            f"{moment:%H:%M:%S} {moment.year}")


def _append_mbox_copy(path: Path, chunks: Any, ctime: str) -> None:
    """Append ``From nobody CTIME``, the quoted message and the closing empty line to ``path``."""
    import os

    with open(path, "ab") as out:
        start = out.tell()
        try:
            out.write(f"From nobody {ctime}\n".encode())
            carry = b""
            tail = b"\n"     # the From_ line ends the text so far
            for piece in chunks:
                lines = (carry + piece).split(b"\n")
                carry = lines.pop()
                for line in lines:
                    out.write((b">" if line.startswith(b"From ") else b"") + line + b"\n")
                    tail = (tail + line + b"\n")[-2:]
            if carry:
                out.write((b">" if carry.startswith(b"From ") else b"") + carry)
                tail = (tail + carry)[-2:]
            if tail != b"\n\n":
                out.write(b"\n" if tail.endswith(b"\n") else b"\n\n")
            out.flush()
            os.fsync(out.fileno())
        except BaseException:
            out.truncate(start)
            raise
