"""Rules about settings that are each fine but cannot work together.

Port and TLS mode must agree (465 speaks TLS from the first byte, 587 and 25
start in clear text and upgrade with STARTTLS); the send function must belong
to the mail mode that calls it; a sender address must exist somewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from elconf.check.context import MAIL_NAME, CheckContext, is_unset
from elconf.check.rules import finding, rule
from elconf.check.value_types import send_config_error, service_port
from elconf.diagnostics import Diagnostic
from elconf.types import NIL, UNBOUND, Cons, Symbol

_DEFAULT_MECHANISMS = ("cram-md5", "plain", "login")

#: Functions message.el defines for `message-send-mail-function`.
MESSAGE_FUNCTIONS = frozenset({
    "message-send-mail-with-sendmail", "message-smtpmail-send-it", "message-send-mail-with-mh",
    "message-send-mail-with-qmail", "message-send-mail-with-mailclient",
    "message--default-send-mail-function"})

#: Functions sendmail.el defines for `send-mail-function` that message-mode cannot call.
MAIL_MODE_FUNCTIONS = frozenset({"sendmail-send-it"})


def _origin(ctx: CheckContext, name: str) -> Any:
    last = ctx.last_user_assignment(name)
    return ctx.variable_place(name, last) if last is not None else None


def _stream_type(ctx: CheckContext) -> str | None:
    value = ctx.value("smtpmail-stream-type")
    return value.name if isinstance(value, Symbol) and value is not NIL else None


def _port(ctx: CheckContext) -> int | None:
    value = ctx.value("smtpmail-smtp-service")
    return 25 if value is UNBOUND else service_port(value)


def _port_place(ctx: CheckContext) -> Any:
    """Report a port/TLS clash at whichever of the two the user set last."""
    places = [o for o in (_origin(ctx, "smtpmail-smtp-service"), _origin(ctx, "smtpmail-stream-type"))
              if o is not None]
    return places[0] if places else None


@rule("port-465-without-tls", "error", "Port 465 without implicit TLS",
      example="""
(setq smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 465)          ; smtpmail-stream-type left nil
""",
      fix="add (setq smtpmail-stream-type 'ssl), or use port 587 with STARTTLS",
      emacs="With `smtpmail-stream-type` nil, `starttls` or `plain`, Emacs opens a clear-text "
            "connection and waits for the SMTP greeting; a port-465 server waits for a TLS "
            "handshake first, so the send hangs or fails.",
      breaks_sending=True)
def port_465_without_tls(ctx: CheckContext) -> Iterator[Diagnostic]:
    if not ctx.uses_smtpmail() or not ctx.knows("port-465-without-tls", "smtpmail-smtp-service") \
            or _port(ctx) != 465 or not ctx.knows("port-465-without-tls", "smtpmail-stream-type"):
        return
    value = ctx.value("smtpmail-stream-type")
    stream = _stream_type(ctx)
    if not (value is NIL or value is UNBOUND or stream in ("starttls", "plain")):
        return      # ssl/tls is right; anything else is stream-type-invalid's finding
    yield finding("port-465-without-tls", _port_place(ctx),
                  f"port 465 expects TLS from the first byte, but smtpmail-stream-type is "
                  f"{stream or 'nil'}: Emacs talks clear text to it and the send hangs or fails")


@rule("tls-on-starttls-port", "error", "Implicit TLS on port 587 or 25",
      example="""
(setq smtpmail-smtp-service 587
      smtpmail-stream-type 'ssl)
""",
      fix="use 'starttls with 587 (or 25), or port 465 with 'ssl",
      emacs="With `ssl` Emacs starts a TLS handshake at once; servers on 587 and 25 greet in "
            "clear text and expect STARTTLS, so the handshake fails (`gnutls-error ... -15`, "
            "An unexpected TLS packet was received).",
      breaks_sending=True)
def tls_on_starttls_port(ctx: CheckContext) -> Iterator[Diagnostic]:
    if not ctx.uses_smtpmail() or not ctx.knows("tls-on-starttls-port", "smtpmail-stream-type"):
        return
    stream, port = _stream_type(ctx), _port(ctx)
    if stream in ("ssl", "tls") and not ctx.knows("tls-on-starttls-port", "smtpmail-smtp-service"):
        return
    if stream in ("ssl", "tls") and port in (25, 587):
        yield finding("tls-on-starttls-port", _port_place(ctx),
                      f"smtpmail-stream-type {stream} starts TLS at once, but port {port} greets "
                      f"in clear text and expects STARTTLS: the TLS handshake fails")


@rule("send-function-mismatch", "warning", "A send function set for the wrong mail mode",
      example="""
(setq send-mail-function 'message-send-mail-with-sendmail)   ; a message.el function
(setq message-send-mail-function 'sendmail-send-it)          ; a sendmail.el function
""",
      fix="send-mail-function takes smtpmail-send-it or sendmail-send-it; "
          "message-send-mail-function takes message-send-mail-with-sendmail or smtpmail-send-it",
      emacs="`mail-send` calls `send-mail-function`; a `message-` function there fails with "
            "`void-function` unless message.el was loaded. Message mode calls "
            "`message-send-mail-function`; `sendmail-send-it` there fails with `void-function` "
            "unless sendmail.el was loaded, and skips message's own sendmail handling.")
def send_function_mismatch(ctx: CheckContext) -> Iterator[Diagnostic]:
    ctx.knows("send-function-mismatch", *(n for n in ("send-mail-function", "message-send-mail-function")
                                          if ctx.set_by_user(n)))
    if ctx.set_by_user("send-mail-function") and ctx.send_function in MESSAGE_FUNCTIONS:
        replacement = "sendmail-send-it" if "sendmail" in ctx.send_function else "smtpmail-send-it"
        yield finding("send-function-mismatch", _origin(ctx, "send-mail-function"),
                      f"send-mail-function is {ctx.send_function}, a message-mode function: "
                      f"sending from mail-mode (C-x m with mail-user-agent sendmail-user-agent, "
                      f"elsend) fails with void-function unless message.el is loaded",
                      hint=f"use (setq send-mail-function '{replacement})")
    if ctx.set_by_user("message-send-mail-function") and \
            ctx.message_send_function in MAIL_MODE_FUNCTIONS:
        yield finding("send-function-mismatch", _origin(ctx, "message-send-mail-function"),
                      f"message-send-mail-function is {ctx.message_send_function}, a mail-mode "
                      f"function: message-mode sends fail with void-function unless sendmail.el "
                      f"is loaded, and message's sendmail settings are ignored",
                      hint="use (setq message-send-mail-function 'message-send-mail-with-sendmail)")


def _has_mail_settings(ctx: CheckContext) -> Any:
    """The place of the user's first smtpmail setting, if any (mail settings show intent to send)."""
    for name in ctx.user_variables():
        if name.startswith("smtpmail-"):
            return ctx.variable_place(name, ctx.user_assignments(name)[0])
    return None


@rule("no-send-function", "warning", "Mail settings, but no send function",
      example="""
(setq smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587)
;; send-mail-function is never set
""",
      fix="add (setq send-mail-function 'smtpmail-send-it)",
      emacs="`send-mail-function` defaults to `sendmail-query-once`, which asks `Send mail via` "
            "at the first send (and fails in batch); message mode follows it.")
def no_send_function(ctx: CheckContext) -> Iterator[Diagnostic]:
    first = _has_mail_settings(ctx)
    if first is None or not ctx.knows("no-send-function", "send-mail-function") or \
            ctx.send_function != "sendmail-query-once":
        return
    if first is None or ctx.maybe_set_by_user("send-mail-function") or \
            ctx.maybe_set_by_user("message-send-mail-function"):
        return
    yield finding("no-send-function", first,
                  "smtpmail is configured but send-mail-function is still sendmail-query-once: "
                  "Emacs asks how to send at the first message, and elsend cannot ask")


@rule("no-server", "error", "smtpmail is the send function but no server is set",
      example="""
(setq send-mail-function 'smtpmail-send-it)
;; no smtpmail-smtp-server
""",
      fix="add (setq smtpmail-smtp-server \"smtp.example.org\")",
      emacs="With `smtpmail-smtp-server` nil (and no `SMTPSERVER`), smtpmail asks "
            "`Outgoing SMTP mail server:` at the first send; in batch that read fails.",
      breaks_sending=True)
def no_server(ctx: CheckContext) -> Iterator[Diagnostic]:
    if not ctx.knows("no-server", "send-mail-function", "message-send-mail-function"):
        return
    if "smtpmail-send-it" not in (ctx.send_function, ctx.message_send_function):
        return
    if not ctx.knows("no-server", "smtpmail-smtp-server"):
        return
    if not is_unset(ctx.value("smtpmail-smtp-server")) or ctx.maybe_set_by_user("smtpmail-smtp-server"):
        return
    if ctx.maybe_set_by_user("smtpmail-default-smtp-server") and \
            not ctx.set_by_user("smtpmail-default-smtp-server"):
        return
    where = _origin(ctx, "send-mail-function") or _origin(ctx, "message-send-mail-function")
    yield finding("no-server", where,
                  "mail goes through smtpmail-send-it but smtpmail-smtp-server is nil: "
                  "Emacs asks for a server at every first send, and elsend cannot ask")


@rule("auth-mechanisms-dropped", "warning",
      "smtpmail-auth-supported replaced instead of extended",
      example="""
(setq smtpmail-auth-supported '(xoauth2))   ; plain, login and cram-md5 are gone
""",
      fix="add to the list inside (with-eval-after-load 'smtpmail (add-to-list "
          "'smtpmail-auth-supported 'xoauth2))",
      emacs="smtpmail authenticates with the first mechanism of `smtpmail-auth-supported` that "
            "the server offers, and only with those; a list without `plain`, `login` and "
            "`cram-md5` means no AUTH at all on a server that offers only those.")
def auth_mechanisms_dropped(ctx: CheckContext) -> Iterator[Diagnostic]:
    last = ctx.last_user_assignment("smtpmail-auth-supported")
    if last is None or not ctx.knows("auth-mechanisms-dropped", "smtpmail-auth-supported"):
        return
    value = ctx.value("smtpmail-auth-supported")
    if not (isinstance(value, Cons) or value is NIL):
        return
    names = [item.name for item in (value if value is not NIL else []) if isinstance(item, Symbol)]
    if any(m in names for m in _DEFAULT_MECHANISMS):
        return
    shown = " ".join(names) or "nothing"
    yield finding("auth-mechanisms-dropped", ctx.variable_place("smtpmail-auth-supported", last),
                  f"smtpmail-auth-supported is ({shown}): smtpmail will not use plain, login or "
                  f"cram-md5 any more, so servers that offer only those get no AUTH")


def valid_address(value: Any) -> bool:
    """smtpmail's test for `user-mail-address`: one @ and a dot after it."""
    return isinstance(value, str) and value.count("@") == 1 and "." in value.split("@", 1)[1]


@rule("no-sender", "warning", "No valid sender address",
      example="""
;; user-mail-address left to its default: LOGIN@HOSTNAME without a domain
(setq send-mail-function 'smtpmail-send-it)
""",
      fix="add (setq user-mail-address \"you@example.org\")",
      emacs="smtpmail takes the envelope sender from `mail-envelope-from` (when "
            "`mail-specify-envelope-from`), else the From: header, else `user-mail-address` if it "
            "has one @ and a dot after it. A message without From: then has no sender: inserting "
            "the From: line fails with `Wrong type argument: char-or-string-p, nil`.")
def no_sender(ctx: CheckContext) -> Iterator[Diagnostic]:
    if not ctx.uses_smtpmail() or not any(MAIL_NAME.match(n) for n in ctx.user_variables()):
        return      # no mail configured at all: nothing to say about a sender
    if ctx.value("mail-specify-envelope-from") not in (UNBOUND, NIL) and \
            isinstance(ctx.value("mail-envelope-from"), str):
        return
    address = ctx.value("user-mail-address")
    if valid_address(address) or not ctx.knows("no-sender", "user-mail-address"):
        return
    if not ctx.set_by_user("user-mail-address") and (
            ctx.maybe_set_by_user("user-mail-address") or ctx.maybe_set_by_user("mail-envelope-from")):
        return
    from elconf.printer import prin1_to_string

    shown = "void" if address is UNBOUND else prin1_to_string(address)
    yield finding("no-sender", ctx.report_place("user-mail-address"),
                  f"user-mail-address is {shown}, not an address smtpmail accepts (one @ and a "
                  f"dot after it): a message without a From: header cannot be sent")


@rule("config-unusable", "error", "A mail setting has a value the sender cannot use",
      example="""
(setq smtpmail-smtp-user '("alice"))   ; a list where a string belongs
""",
      fix="give the variable a value of the right type (the finding names it)",
      emacs="smtpmail reads these variables as strings, numbers or symbols; another type "
            "signals `wrong-type-argument` in the middle of the send.",
      breaks_sending=True)
def config_unusable(ctx: CheckContext) -> Iterator[Diagnostic]:
    # Unknown values are read as unset (see send_config_error): the others are still judged.
    ctx.knows("config-unusable", "smtpmail-smtp-server", "smtpmail-smtp-user")
    error = send_config_error(ctx)
    if error is None or error.variable in ("smtpmail-stream-type", "smtpmail-smtp-service"):
        return
    yield finding("config-unusable", _origin(ctx, error.variable),
                  f"{error}: elsend cannot send with this value")
