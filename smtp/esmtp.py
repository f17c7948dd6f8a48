"""The SMTP client session, as Emacs 28.2's ``smtpmail-via-smtp`` runs it.

One session, for ``smtpmail-stream-type`` nil and a server offering
STARTTLS (C: us, S: the server)::

    S: 220 mx.example.org ESMTP           greeting (its code is checked after EHLO)
    C: EHLO vm                            system-name [+ "." smtpmail-local-domain]
    S: 250-... 250 STARTTLS
    C: STARTTLS                           ... TLS handshake, certificate verified
    C: EHLO vm                            again, over TLS
    C: AUTH ...                           only with credentials (see smtp.auth), one attempt
    C: ONEX / VERB / XUSR                 when listed (VERB only with smtpmail-debug-verb)
    C: MAIL FROM:<a@example.org> SIZE=N   SIZE only when listed; N in characters
    C: RCPT TO:<...>                      one per recipient, in the order given
    C: DATA ... .                         CRLF line ends, dot-stuffed
    C: QUIT

Emacs's recoveries, reproduced: ``HELO`` when EHLO is refused; a 4xx reply to
MAIL ends the session (QUIT), waits one second and starts a whole new one,
``smtpmail-retries`` attempts in all; 530 to MAIL, or 550-554 to RCPT, when
the server offers a mechanism we know, ends the session and starts a new one
that asks for the password (through ``ask``; without a terminal we fail
clearly instead).

Deliberate differences from Emacs (documented, never silent):

* certificates are verified and a failure names host and reason (exit 76);
  Emacs in batch says only "Unable to contact server";
* ``'starttls`` without STARTTLS offered: "server does not offer STARTTLS"
  (Emacs crashes with "processp, nil"); a failed STARTTLS never falls back to
  a new plaintext connection;
* credentials never travel unencrypted to a host other than loopback unless
  the config chose ``smtpmail-stream-type 'plain`` (then a warning): Emacs
  sends them silently, e.g. after a STARTTLS downgrade.  We refuse with exit
  77 (a security refusal is an authentication failure for the caller);
* errors never show a secret (see smtp.errors); a lost connection is
  reported as such (Emacs's QUIT in its cleanup replaces the real error by
  "Process smtpmail not running");
* an authinfo entry with a login but no password: Emacs's second lookup
  takes the password of the next entry that has one (another user's!) and
  keeps the first login; we ask for that login's password instead;
* we never offer to save typed credentials (Emacs asks "Save auth info to
  file ~/.authinfo?");
* every read and write has a timeout, and replies are bounded.
"""

from __future__ import annotations

import sys
import time
from elconf.records import field, record
from smtp import auth as authmod
from smtp.config import SendConfig, server_not_set
from smtp.errors import (ConfigurationFailure, MessageFailure, PermanentFailure, ProtocolFailure,
                         SendError, TemporaryFailure, TlsFailure, error_for_reply)
from smtp.response import (Extensions, Reply, ReplyAssembler, block_reply, is_final_line,
                           one_line_reply, parse_ehlo)
from smtp.transport import Connection, ConnectionClosed, TimedOut, fqdn, resolve_port, stream_mode

# --- the collaborators' shapes ----------------------------------------------

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:  # collections too: a plain send does not need it
    from collections.abc import Callable, Iterator
    from typing import Any, Protocol

    from smtp.trace import Trace   # made by the caller, with smtpmail-debug-info only

    class MessageLike(Protocol):
        envelope_from: str | None
        recipients: list[str]
        size_chars: int
        # optional (a queued message): ``bookkeeping()``, called while replies are on
        # their way (once per MAIL, RCPT and DATA written, and once after the final dot);
        # ``before_final_dot()``, just before the dot

        def iter_lines(self) -> Iterator[bytes]: ...
        # optional: ``iter_chunks()``, the same message as LF-terminated pieces of any
        # size; DATA then converts whole pieces (see smtp.body.data_chunks) instead of lines

    class CredentialLike(Protocol):
        user: str | None
        secret: str | None
        smtp_auth: str | None

    #: (host, port as a string, smtpmail-smtp-user) -> the first matching auth-source entry.
    #: When the session may ask for a password it also passes ``require=("user", "secret")``
    #: (auth-source's ``:require``), as smtpmail does; smtp.authsource.CredentialSource accepts it.
    CredentialSource = Callable[..., "CredentialLike | None"]
    #: (prompt, echo) -> the answer, or None when there is no terminal to ask on.
    Asker = Callable[[str, bool], "str | None"]


@record
class SendReport:
    """What happened, for the caller's summary and ``--debug``."""

    server: str
    port: int
    tls: str                      # "none", "starttls" or "implicit"
    mechanism: str | None         # the AUTH mechanism used, or None
    attempts: int                 # sessions opened for this message (retries + re-auth)
    final_reply: Reply | None     # the server's reply to the final dot
    recipients: list[str] = field(default_factory=list)  # as sent in RCPT


# --- settings ---------------------------------------------------------------

def _stderr(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def refuse_line_break(command: str, secret: bool) -> None:
    """The last line of defence (smtp.send refuses such values earlier, naming them):
    a CR or LF in a command would let a value smuggle in a command of its own."""
    if "\r" in command or "\n" in command or "\0" in command:
        raise ProtocolFailure("refusing to send a command with a line break in it: "
                              + (command.split(" ", 1)[0] if secret else repr(command)))


# --- the session ------------------------------------------------------------


class SmtpSession(authmod.SessionAuth):
    """A connection to ``smtpmail-smtp-server`` that can send one or many messages.

    ``send_via_smtp`` is ``open`` + ``send`` + ``close`` and matches Emacs
    byte for byte.  More messages: ``send`` again; MAIL follows the last final reply
    (no RSET needed, RFC 5321 4.1.1.5), reopening a session the server ended.  Only
    the flush pipelines (:class:`smtp.pipelining.PipeliningSession`), never Emacs.
    """

    def __init__(self, cfg: SendConfig, *, credentials: CredentialSource,
                 trace: Trace | None = None, timeout: float = 60.0, ask: Asker | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 progress: Callable[[str], None] | None = None,
                 home: str | None = None) -> None:
        if not cfg.smtp_server:
            message, hint = server_not_set(cfg)
            raise ConfigurationFailure(message, hint=hint)
        self.cfg = cfg
        self.host = cfg.smtp_server
        self.mode = stream_mode(cfg.stream_type)
        self.port = resolve_port(cfg.smtp_service)
        self.port_string = str(cfg.smtp_service)
        self.credentials = credentials
        self.trace = trace
        self.timeout = timeout
        self.ask = ask
        self.sleep = sleep
        self.progress = progress or _stderr
        self.home = home
        self.conn: Connection | None = None
        self.tls = "none"
        self.extensions = Extensions()
        self.mechanism: str | None = None
        self.auth_offered = False        # Emacs's `auth-mechanisms' is non-nil
        self.asked_for_password = False
        self.attempts = 0
        self._carried_mail = False     # a transaction completed on this connection
        self._tls_context: Any = None
        self._final_reply: Reply | None = None
        self.starttls_refused: str | None = None
        self.greeting: Reply | None = None
        self.ehlo_lines: list[bytes] = []

    # --- low level -----------------------------------------------------------

    def _connection(self) -> Connection:
        if self.conn is None:
            raise ConnectionClosed(f"the connection to {self.host} is closed")
        return self.conn

    def _send_line(self, command: str, *, secret: bool = False, network_stream: bool = False
                   ) -> None:
        refuse_line_break(command, secret)
        self._skip_unread()
        self._connection().send(self._traced(command, secret=secret,
                                             network_stream=network_stream))

    def _traced(self, command: str, *, secret: bool = False, network_stream: bool = False
                ) -> bytes:
        """``command`` as it goes on the wire, written to the trace first."""
        if self.trace is not None:
            self.trace.client(command, secret=secret, network_stream=network_stream)
        return command.encode("utf-8") + b"\r\n"

    def _skip_unread(self) -> None:
        unread = self._connection().take_unread()
        if unread and self.trace is not None:
            self.trace.server_bytes(unread)

    def _read_line(self, waiting_for: str, count: int) -> bytes:
        if count >= 1000:
            raise ProtocolFailure(f"the reply of {self.host} to {waiting_for} has over 1000 lines")
        # A reply's first line starts its clock: the whole reply must arrive within
        # the timeout, so a server dripping bytes cannot hold us (a per-recv timeout
        # would restart at every byte).
        line = self._connection().read_line(waiting_for, new_reply=count == 0)
        if self.trace is not None:
            self.trace.server(line)
        return line

    def _read_reply(self, waiting_for: str) -> Reply:
        """One reply, by smtpmail-read-response's grammar."""
        line = self._read_line(waiting_for, 0)
        if one_line_reply(line):   # nearly every reply: no assembler needed
            return Reply(int(line[:3]), (line.decode("utf-8", "surrogateescape"),))
        assembler, count = ReplyAssembler(), 1
        while (reply := assembler.feed(line)) is None:
            line = self._read_line(waiting_for, count)
            count += 1
        return reply

    def _read_block(self, waiting_for: str) -> list[bytes]:
        """Lines up to one matching ``NNN `` (network-stream's end-of-command)."""
        lines = [self._read_line(waiting_for, 0)]
        while not is_final_line(lines[-1]):
            try:
                lines.append(self._read_line(waiting_for, len(lines)))
            except TimedOut as exc:
                # Not silence: lines came, none of them a final "NNN " line (a bare "220").
                if not exc.partial:
                    got = b" | ".join(lines[:3]).decode("utf-8", "surrogateescape")[:200]
                    exc.detail = (f"no complete reply from {self.host} within {self.timeout:g} s "
                                  f"to {waiting_for}: got '{got}' but no final 'NNN text' line")
                    exc.partial = lines[0] or b"\r\n"
                raise
        return lines

    def _command(self, command: str, *, secret: bool = False,
                 meanwhile: Callable[[], None] | None = None) -> Reply:
        """Send ``command`` and read its reply; ``meanwhile()`` runs in between, while
        the reply is on its way (a queue flush's bookkeeping)."""
        self._send_line(command, secret=secret)
        if meanwhile is not None:
            meanwhile()
        return self._read_reply(command if not secret else "AUTH")

    def _command_or_throw(self, command: str, *, stage: str, code: int | None = None,
                          secret: bool = False, label: str | None = None,
                          meanwhile: Callable[[], None] | None = None) -> Reply:
        """``smtpmail-command-or-throw``: fail with ``TEXT in response to COMMAND``."""
        reply = self._command(command, secret=secret, meanwhile=meanwhile)
        if not reply.ok or (code is not None and reply.code != code):
            if secret and label is None and not command.startswith("AUTH "):
                label = "AUTH"   # sanitising only protects what follows the word AUTH
            raise error_for_reply(command, reply.code, reply.text, stage=stage,
                                  secret_label=label)
        return reply

    def _tls_context_for(self) -> Any:
        """The verifying context, with the client certificate auth-source names (if any).

        Emacs (``network-stream-certificate``) looks up ``key`` and ``cert``
        in the first auth-source entry for host and port, whatever the user.
        """
        if self._tls_context is None:
            from smtp.tls import client_context

            entry = self._lookup_credentials(user=None)
            extra = getattr(entry, "extra", None) or {}
            self._tls_context = client_context(self.cfg.gnutls_trustfiles, self.home,
                                               client_key=extra.get("key"),
                                               client_cert=extra.get("cert"))
        return self._tls_context

    # --- opening -------------------------------------------------------------

    def open(self, *, ask_for_password: bool = False) -> None:
        """Connect, greet, EHLO/HELO, STARTTLS, AUTH, ONEX/VERB/XUSR: ready for MAIL."""
        if authmod.server_requires_authorization(self.cfg.servers_requiring_authorization, self.host):
            ask_for_password = True
        self.asked_for_password = ask_for_password
        self.attempts += 1
        self.tls = "none"
        self.mechanism = None
        self.auth_offered = False
        self._carried_mail = False
        if self.trace is not None:
            self.trace.new_session()
        self.conn = Connection.open(self.host, self.port, self.timeout)
        try:
            self._greet_and_negotiate()
            self._authenticate(ask_for_password)
            self._extra_commands()
        except SendError as error:
            self._abort(error)
            raise

    def _greet_and_negotiate(self) -> None:
        identity = fqdn(self.cfg)
        ehlo = f"EHLO {identity}"
        if self.mode == "implicit":
            self._connection().start_tls(self._tls_context_for())
            self.tls = "implicit"
            if self.trace is not None:
                self.trace.note(f"TLS established with {self.host}")
        greeting = self.greeting = self._read_greeting()
        # network-stream sends EHLO before smtpmail looks at the greeting.
        self._send_line(ehlo, network_stream=True)
        try:
            capabilities: list[bytes] | None = self._read_block(ehlo)
        except ConnectionClosed:
            capabilities = None
        code = greeting.code
        if code is None:
            raise ProtocolFailure(f"No greeting: {greeting.text}",
                                  hint="is this an SMTP port? (465 needs smtpmail-stream-type 'ssl)")
        if code >= 400:
            error = (TemporaryFailure if code < 500 else PermanentFailure)(
                f"Connection not allowed: {greeting.text}", reply_code=code)
            raise error
        extensions = parse_ehlo(capabilities or [])
        if capabilities is not None and extensions.starttls_offered and self.mode in (
                "opportunistic", "starttls"):
            capabilities = self._starttls(ehlo) or capabilities
            extensions = parse_ehlo(capabilities)
        if self.mode == "starttls" and self.tls == "none":
            self._close_quietly()  # Emacs closes here without QUIT
            if self.trace is not None:
                self.trace.finish()
            reason = (f"refused STARTTLS ({self.starttls_refused})" if self.starttls_refused
                      else "does not offer STARTTLS")
            raise TlsFailure(
                f"{self.host} port {self.port} {reason}, and smtpmail-stream-type is 'starttls",
                hint="use smtpmail-stream-type 'ssl for port 465, or ask the server's admin")
        self.ehlo_lines = capabilities or []
        ehlo_code = block_reply(capabilities).code if capabilities else None
        if ehlo_code is None or ehlo_code >= 400:
            self._command_or_throw(f"HELO {identity}", stage="helo")
            self.extensions = Extensions()
        else:
            self.extensions = extensions
            if self.cfg.warn_about_unknown_extensions:
                for text in extensions.unknown_messages():
                    self.progress(text)

    def _read_greeting(self) -> Reply:
        try:
            return block_reply(self._read_block("the greeting"))
        except ConnectionClosed as exc:
            hint = ("the TLS handshake succeeded; a server that wants a client certificate "
                    "closes here: add key and cert to its authinfo entry") if self.tls != "none" \
                else None
            raise TemporaryFailure(
                f"Unable to contact server: {self.host} port {self.port} closed the connection "
                "before its greeting", hint=hint) from exc
        except TimedOut as exc:
            if self.tls == "none" and not exc.partial:  # a TLS port waits for our handshake
                exc.hint = ("a server expecting TLS at once (usually port 465) says nothing: "
                            "set smtpmail-stream-type to 'ssl")
            raise

    def _starttls(self, ehlo: str) -> list[bytes] | None:
        """STARTTLS, handshake, EHLO again; None when the server refused STARTTLS."""
        self._send_line("STARTTLS", network_stream=True)
        lines = self._read_block("STARTTLS")
        if not any(line.startswith(b"2") for line in lines):
            self.starttls_refused = block_reply(lines).text
            return None
        self._connection().start_tls(self._tls_context_for())
        self.tls = "starttls"
        if self.trace is not None:
            self.trace.note(f"TLS established with {self.host}")
        self._send_line(ehlo, network_stream=True)
        return self._read_block(ehlo)

    def _extra_commands(self) -> None:
        ext = self.extensions
        if ext.has_word("onex") or ext.has_word("xone"):
            self._command_or_throw("ONEX", stage="other")
        if self.cfg.debug_verb and (ext.has_word("verb") or ext.has_word("xvrb")):
            self._command_or_throw("VERB", stage="other")
        if ext.has_word("xusr"):
            self._command_or_throw("XUSR", stage="other")

    # --- sending -------------------------------------------------------------

    def send(self, message: MessageLike) -> SendReport:
        """MAIL, RCPT..., DATA with Emacs's recoveries; opens the session if needed."""
        if message.envelope_from is None:
            raise MessageFailure("no envelope sender (Emacs would send MAIL FROM:<nil>)",
                                 hint="set user-mail-address or add a From: header")
        if not message.recipients:
            raise MessageFailure("no recipients")
        first_attempt_count = self.attempts
        send_attempts = 1
        ask_for_password = self.asked_for_password
        while True:
            if self.conn is None:
                self.open(ask_for_password=ask_for_password)
            try:
                outcome = self._transaction(message, send_attempts)
            except SendError as error:
                self._abort(error)
                raise
            if outcome == "sent":
                break
            if outcome == "reopen":
                continue
            if outcome == "retry":
                send_attempts += 1
                self.sleep(1)
            else:  # "ask": a new session that asks for the password; attempts start over
                send_attempts = 1
                ask_for_password = True
        # Positional: a record's quick path (a flush builds one per message).
        return SendReport(self.host, self.port, self.tls, self.mechanism,
                          max(1, self.attempts - first_attempt_count), self._final_reply,
                          [self._rcpt_address(r) for r in message.recipients])

    def _transaction(self, message: MessageLike, send_attempts: int) -> str:
        """MAIL, RCPT..., DATA, content: ``"sent"``, or ``"retry"``/``"ask"``/``"reopen"``."""
        commands = self._envelope_commands(message)
        mail, rcpts = commands[0], commands[1:-1]
        reused, self._carried_mail = self._carried_mail, False
        replies = self._exchange(commands, getattr(message, "bookkeeping", None))
        try:
            reply: Reply | None = next(replies)
        except ConnectionClosed:
            if not reused:
                raise
            reply = None
        if reused and (reply is None or reply.code == 421):
            # The server ended the session since the last message (an idle timeout):
            # nothing of this one was taken, so a new session sends it.
            self._close_quietly()
            return "reopen"
        assert reply is not None
        if not reply.ok:
            if reply.code is not None and 400 <= reply.code <= 499 \
                    and send_attempts < self.cfg.retries:
                self.progress(f"Got transient error code {reply.code} when sending; "
                              f"retrying attempt {send_attempts}...")
                if self.trace is not None:
                    self.trace.note(f"retrying after {reply.code}: attempt {send_attempts}")
                self._quit_and_close()
                return "retry"
            if self.auth_offered and not self.asked_for_password and reply.code == 530:
                self._quit_and_close()
                return self._reconnect_to_ask(f"the server said {reply.text!r} to MAIL")
            raise error_for_reply(mail, reply.code, reply.text, stage="mail", with_command=False)
        for rcpt in rcpts:
            reply = next(replies)
            if reply.ok:
                continue
            if self.auth_offered and not self.asked_for_password \
                    and reply.code is not None and 550 <= reply.code <= 554:
                self._quit_and_close()
                return self._reconnect_to_ask(f"the server said {reply.text!r} to RCPT")
            raise error_for_reply(rcpt, reply.code, reply.text, stage="rcpt", with_command=False)
        reply = next(replies)
        if not reply.ok:
            raise error_for_reply("DATA", reply.code, reply.text, stage="data")
        self._send_data(message)
        self._carried_mail = True
        return "sent"

    def _envelope_commands(self, message: MessageLike) -> list[str]:
        """MAIL, one RCPT per recipient, DATA."""
        size = f" SIZE={message.size_chars}" if self.extensions.has("size") else ""
        return [f"MAIL FROM:<{message.envelope_from}>{size}",
                *[f"RCPT TO:<{self._rcpt_address(recipient)}>" for recipient in message.recipients],
                "DATA"]

    def _exchange(self, commands: list[str], meanwhile: Callable[[], None] | None
                  ) -> Iterator[Reply]:
        """Each reply as the caller asks for it, in lockstep as Emacs does; ``meanwhile()``
        (a flush's bookkeeping) runs while a reply is on its way."""
        for command in commands:
            yield self._command(command, meanwhile=meanwhile)

    def _behind_the_dot(self) -> bytes:
        """What goes in the same write as the final dot (a pipelining session's next MAIL)."""
        return b""

    def _reconnect_to_ask(self, why: str) -> str:
        """Emacs reconnects and asks; without a terminal and credentials, fail before that."""
        if self.ask is None:
            entry = self._lookup_credentials()
            if entry is None or entry.user is None or entry.secret is None:
                raise self._cannot_ask(why)
        return "ask"

    def _rcpt_address(self, recipient: str) -> str:
        domain = self.cfg.sendto_domain
        return recipient if not domain or "@" in recipient else f"{recipient}@{domain}"

    def _send_data(self, message: MessageLike) -> None:
        """The message lines, dot-stuffed and CRLF-terminated, then ``.`` in the same write."""
        conn = self._connection()
        trace = self.trace
        chunks = getattr(message, "iter_chunks", None)
        if trace is None and chunks is not None:
            from smtp.body import data_chunks   # every send has the body module already

            for piece in data_chunks(chunks()):
                conn.buffer(piece)
        else:
            for line in message.iter_lines():
                if trace is not None:
                    trace.body_line(line)
                if line.startswith(b"."):
                    conn.buffer(b"." + line + b"\r\n")
                else:
                    conn.buffer(line + b"\r\n")
        self._skip_unread()
        # A queue flush finishes the previous entry's bookkeeping first
        # (smtp.queue_flush._Bookkeeper): at most one accepted message still queued.
        before_final_dot = getattr(message, "before_final_dot", None)
        if before_final_dot is not None:
            before_final_dot()
        if trace is not None:
            trace.client(".")
        conn.send(b".\r\n" + self._behind_the_dot())
        # The server now reads the whole message: a flush does its work meanwhile
        # (reading the entries ahead) instead of before the next write.
        bookkeeping = getattr(message, "bookkeeping", None)
        if bookkeeping is not None:
            bookkeeping()
        try:
            reply = self._read_reply(".")
        except (ConnectionClosed, TimedOut) as error:
            error.hint = ("the whole message was sent but its acceptance was never confirmed: "
                          "the server may have delivered it; check before sending again")
            raise
        if not reply.ok:
            raise error_for_reply(".", reply.code, reply.text, stage="dot")
        self._final_reply = reply

    # --- closing -------------------------------------------------------------

    def close(self) -> None:
        """QUIT, read the 221 (whatever it says), close the socket."""
        if self.conn is None:
            return
        self._quit_and_close()
        if self.trace is not None:
            self.trace.finish()

    def _quit_and_close(self) -> None:
        try:
            self._send_line("QUIT")
            self._read_reply("QUIT")
        except SendError:
            pass
        self._close_quietly()

    def _close_quietly(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def _abort(self, error: SendError) -> None:
        """Emacs's unwind-protect: QUIT (ignoring failures) unless the connection is gone."""
        if self.conn is None:
            return
        if isinstance(error, (ConnectionClosed, TlsFailure, TimedOut)):
            self._close_quietly()
        else:
            self._quit_and_close()
        if self.trace is not None:
            self.trace.finish()


def send_via_smtp(cfg: SendConfig, message: MessageLike, *, credentials: CredentialSource,
                  trace: Trace | None = None, timeout: float = 60.0, ask: Asker | None = None,
                  sleep: Callable[[float], None] = time.sleep,
                  progress: Callable[[str], None] | None = None,
                  home: str | None = None) -> SendReport:
    """Send one message as ``smtpmail-via-smtp`` would: one session, then QUIT.

    Raises a :class:`smtp.errors.SendError` subclass (with ``exit_code``) on failure.
    """
    session = SmtpSession(cfg, credentials=credentials, trace=trace, timeout=timeout, ask=ask,
                          sleep=sleep, progress=progress, home=home)
    report = session.send(message)
    session.close()
    return report
