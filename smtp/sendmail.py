"""Sending through a sendmail-compatible program, as Emacs 28.2 does it.

Two Emacs functions hand a message to ``sendmail-program`` (msmtp, sendmail,
postfix's or exim's ``sendmail``, ...):

* ``sendmail-send-it`` (``send-mail-function``): prepares the message itself
  (``From:`` added, MIME headers for 8-bit text, Fcc, RFC 2047 headers) but
  adds **no** Date or Message-Id, keeps ``Bcc:`` for the program's ``-t``
  and deletes only ``Resent-Bcc:`` lines.  Its argument list::

      PROGRAM -oi [-f ENV] [-oA<mail-alias-file>] (-oep -odi | -oem -odb)
              (-t | RESENT-ADDRESS...) [-N success,delay,...]

* ``message-send-mail-with-sendmail`` (``message-send-mail-function``):
  takes the message message.el prepared (see :mod:`smtp.message_el`) as it
  is and runs::

      PROGRAM -oi [EXTRA-ARGUMENTS...] [-f ENV] [-oem -odb] (-t | RESENT-TO-VALUE)

  where the whole ``Resent-To`` value is *one* argument.

Both run the program in ``/``; when ``mail-interactive`` (or
``message-interactive``) is on, any output of the program counts as a
failure even with exit status 0, exactly as Emacs reports it.

Exit codes of elsend for this path: the program's own status when it is a
sysexits code (64-78, which msmtp and sendmail use), 75 (EX_TEMPFAIL) when
the program was killed by a signal, 69 (EX_UNAVAILABLE) for any other
non-zero status or for output reported as failure (we cannot know it is
temporary, so we do not invite a blind retry), 78 (EX_CONFIG) when the
program cannot be started.  Unlike Emacs with ``mail-interactive`` nil, we
always wait for the program, so a failure is never invisible.

The message text is a ``str``; bytes of invalid UTF-8 are lone surrogates
(``surrogateescape``) so they go out unchanged.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from elconf import sysexits
from elconf.records import record
from elconf.types import NIL, Symbol
from smtp.config import SendConfig
from smtp.errors import MessageFailure, SendError
from smtp.headers import remove_empty_subject
from smtp.from_field import format_from
from smtp.message_el import Draft, encode_header

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any, BinaryIO

# ---------------------------------------------------------------------------
# Helpers of both sendmail paths.

def user_home() -> Path:
    return Path(os.path.expanduser("~"))


def header_address(value: str | None) -> str | None:
    """The address of a From-like field (``mail-extract-address-components``)."""
    from smtp.address import extract_address

    return extract_address(value)


# ---------------------------------------------------------------------------
# Helpers other modules own; imported lazily so this module loads alone.

def expand_aliases(draft: Draft, cfg: SendConfig) -> None:
    """``expand-mail-aliases`` over the address fields, when ``mail-aliases`` is on (:mod:`smtp.aliases`)."""
    if cfg.mail_aliases is NIL:
        return
    from smtp import aliases

    table = aliases.aliases_from_config(cfg.mail_aliases, cfg.mail_personal_alias_file, home=user_home())
    if table:
        draft.set_header_text(aliases.expand_aliases(draft.header_text(), table))


def write_fcc(draft: Draft, cfg: SendConfig) -> bool:
    """``mail-do-fcc``: remove the Fcc lines and append a copy to each file (:mod:`smtp.fcc`).

    Returns True when an Fcc field was found (then a message without
    recipients is not an error: Emacs only files it).
    """
    from smtp.headers import take_fcc_fields

    header, names = take_fcc_fields(draft.header_text())
    if not names:
        return False
    draft.set_header_text(header)
    from smtp.fcc import append_fcc

    append_fcc(names, draft.chunks, login=cfg.user_login_name or "nobody", home=user_home())
    return True


# ---------------------------------------------------------------------------
# sendmail-send-it's preparation.

def _comma_list(text: str) -> list[str]:
    """``mail-parse-comma-list`` over ``text``: the pieces between commas, **reversed**."""
    pieces: list[str] = []
    pos = 0
    n = len(text)
    while pos < n and text[pos] in " \t\n":
        pos += 1
    while pos < n:
        beg = pos
        while pos < n and text[pos] != ",":
            pos += 1
        end = pos
        while end > 0 and text[end - 1] in " \t\n":
            end -= 1
        pieces.insert(0, text[min(beg, end):max(beg, end)])
        while pos < n and text[pos] != ",":
            pos += 1
        while pos < n and text[pos] in ", \t\n":
            pos += 1
    return pieces


def collect_resent_addresses(draft: Draft) -> list[str]:
    """Addresses of the Resent-To/Cc/Bcc fields, and every Resent-Bcc field deleted.

    The order is Emacs's: each field's pieces reversed, later fields first.

    Deliberate difference from Emacs 28.2 (it loses mail): after parsing a
    field, ``sendmail-send-it`` tests whether the *next* line is a
    Resent-Bcc and deletes that line unparsed.  So a Resent-Bcc that follows
    another Resent- field never receives the message (and its continuation
    lines join the previous field), while a Resent-Bcc that comes first is
    used but left in the header for every recipient to read.  We parse every
    Resent-To/Cc/Bcc field and delete every Resent-Bcc field whole.
    """
    addresses: list[str] = []
    i = 0
    regexp = re.compile(r"Resent-(To|Cc|Bcc):", re.IGNORECASE)
    while i < len(draft.header):
        m = regexp.match(draft.header[i])
        if m is None:
            i += 1
            continue
        end = draft.field_span(i)
        value = draft.header[i][m.end():] + "\n" + "".join(line + "\n" for line in draft.header[i + 1:end])
        addresses = _comma_list(value) + addresses
        if m.group(1).lower() == "bcc":
            del draft.header[i:end]
        else:
            i = end
    return addresses


def add_mime_headers(draft: Draft, cfg: SendConfig) -> None:
    """The MIME triplet for 8-bit text, replacing a Content-type line (``mail-send-nonascii`` mime)."""
    if not (isinstance(cfg.mail_send_nonascii, Symbol) and cfg.mail_send_nonascii.name == "mime"):
        return
    if draft.find(r"MIME-version:") is not None:
        return
    if draft.header_text().isascii() and not draft.stats().nonascii:
        return
    content_type = draft.find(r"Content-type:")
    draft.header.extend(["MIME-version: 1.0", "Content-type: text/plain; charset=utf-8",
                         "Content-Transfer-Encoding: 8bit"])
    if content_type is not None:
        del draft.header[content_type]  # only its first line, as Emacs


@record(frozen=True)     # not a dataclass: dataclasses brings inspect, ast and dis (~10 ms)
class SendmailJob:
    """What to run: the exact argument list, the message, and how to judge the outcome."""

    function: str            # "sendmail-send-it" or "message-send-mail-with-sendmail"
    argv: tuple[str, ...]    # argv[0] is sendmail-program
    draft: "Draft | bytes"   # what goes to the program's stdin (streamed from a Draft)
    interactive: bool        # mail-interactive / message-interactive: output means failure
    send: bool = True        # False when only an Fcc copy was wanted (no recipients)

    def chunks(self) -> Iterator[bytes]:
        if isinstance(self.draft, bytes):
            yield self.draft
        else:
            yield from self.draft.chunks()

    @property
    def message(self) -> bytes:
        """The whole stdin in memory (for tests and dry runs of small messages)."""
        return b"".join(self.chunks())


def sendmail_send_it_argv(cfg: SendConfig, envelope_from: str | None,
                          resent: list[str]) -> list[str]:
    """The argument list ``sendmail-send-it`` passes to ``call-process-region``."""
    argv = [cfg.sendmail_program, "-oi"]
    if envelope_from:
        argv += ["-f", envelope_from]
    if cfg.mail_alias_file:
        argv.append("-oA" + cfg.mail_alias_file)
    argv += ["-oep", "-odi"] if cfg.mail_interactive else ["-oem", "-odb"]
    argv += resent or ["-t"]
    if cfg.mail_use_dsn:
        argv += ["-N", ",".join(cfg.mail_use_dsn)]
    return argv


def sendmail_send_it_envelope(draft: Draft, cfg: SendConfig) -> str | None:
    """``-f`` for sendmail-send-it: only with ``mail-specify-envelope-from``."""
    if not cfg.mail_specify_envelope_from:
        return None
    value = cfg.mail_envelope_from
    if isinstance(value, Symbol) and value.name == "header":
        found = header_address(draft.value("From"))
    elif isinstance(value, str):
        found = str(value)
    else:
        found = None
    return found or cfg.user_mail_address


def prepare_sendmail_send_it(raw: "Draft | bytes | str | Path | BinaryIO", cfg: SendConfig) -> SendmailJob:
    """Do to the message what ``sendmail-send-it`` does, and build its argument list.

    ``raw`` is the message as the user wrote it (a file is read in place).
    """
    draft = raw if isinstance(raw, Draft) else Draft.parse(raw)
    envelope_from = sendmail_send_it_envelope(draft, cfg)
    expand_aliases(draft, cfg)
    resent = collect_resent_addresses(draft)
    draft.set_header_text(remove_empty_subject(draft.header_text()))
    if draft.find(r"From:") is None:
        if cfg.user_mail_address is None:
            raise MessageFailure("no From: field and user-mail-address is not set (Emacs: \"Wrong "
                                 "type argument: char-or-string-p, nil\")",
                                 hint="add a From: field or set user-mail-address")
        value = format_from(cfg.user_mail_address, cfg.user_full_name, cfg.mail_from_style)
        if value is not None:
            draft.header.insert(0, "From: " + value)
    add_mime_headers(draft, cfg)
    fcc_found = write_fcc(draft, cfg)
    encode_header(draft)
    has_recipients = bool(resent) or draft.find(r"(To|cc|bcc):") is not None
    if not has_recipients and not fcc_found:
        raise NoRecipients("No recipients")
    return SendmailJob("sendmail-send-it",
                       tuple(sendmail_send_it_argv(cfg, envelope_from, resent)),
                       draft, cfg.mail_interactive, send=has_recipients)


class NoRecipients(SendError):
    """Neither To/Cc/Bcc nor Resent-To/Cc/Bcc: nothing to hand to the program."""

    exit_code = sysexits.DATAERR

    @property
    def message(self) -> str:
        return self.detail


# ---------------------------------------------------------------------------
# message-send-mail-with-sendmail.

def message_envelope_from(draft: Draft, cfg: SendConfig) -> str:
    """``message-sendmail-envelope-from`` (obey-mail-envelope-from, header, a string, or nil)."""
    setting = cfg.message_sendmail_envelope_from
    if isinstance(setting, Symbol) and setting.name == "obey-mail-envelope-from":
        setting = cfg.mail_envelope_from
    if isinstance(setting, Symbol) and setting.name == "header":
        address = header_address(draft.value("From"))
        if address is None:
            raise MessageFailure("message-sendmail-envelope-from is header, but the message has no "
                                 "From: address for -f (Emacs: \"Wrong type argument: stringp, nil\")")
        return address
    if isinstance(setting, str):
        return str(setting)
    from smtp.identity import make_address  # message-make-address

    return make_address(cfg)


def message_sendmail_argv(cfg: SendConfig, envelope_from: str | None,
                          resent_to: str | None) -> list[str]:
    """The argument list ``message-send-mail-with-sendmail`` builds."""
    argv = [cfg.sendmail_program, "-oi", *cfg.message_sendmail_extra_arguments]
    if not cfg.message_sendmail_f_is_evil:
        argv += ["-f", envelope_from or ""]
    if not cfg.message_interactive:
        argv += ["-oem", "-odb"]
    argv += [resent_to] if resent_to else ["-t"]
    return argv


def prepare_message_sendmail(prepared: "Draft | bytes | str", cfg: SendConfig) -> SendmailJob:
    """The job for a message that message.el already prepared (see :func:`smtp.message_el.prepare_message_el`)."""
    draft = prepared if isinstance(prepared, Draft) else Draft.parse(prepared)
    from smtp.accounts import field_value

    resent_to = field_value(draft.header_text(), "resent-to")  # message-fetch-field: all, unfolded
    envelope = None if cfg.message_sendmail_f_is_evil else message_envelope_from(draft, cfg)
    return SendmailJob("message-send-mail-with-sendmail",
                       tuple(message_sendmail_argv(cfg, envelope, resent_to)),
                       draft, cfg.message_interactive)


# ---------------------------------------------------------------------------
# Running the program.

class SendmailFailure(SendError):
    """The program failed; ``message`` is Emacs's wording."""

    exit_code = sysexits.UNAVAILABLE

    def __init__(self, detail: str, *, exit_code: int, hint: str | None = None) -> None:
        super().__init__(detail, hint=hint)
        self.exit_code = exit_code

    @property
    def message(self) -> str:
        return self.detail


def exit_code_for_status(status: int) -> int:
    """Our exit code for the program's: sysexits pass through, signals are temporary."""
    if status < 0:
        return sysexits.TEMPFAIL
    if 64 <= status <= 78:
        return status
    return sysexits.UNAVAILABLE


CHUNK = 65536


def _pieces(data: bytes) -> Iterator[memoryview]:
    view = memoryview(data)
    for start in range(0, len(view), CHUNK):
        yield view[start:start + CHUNK]


def run_sendmail(job: SendmailJob, *, env: dict[str, str] | None = None) -> str:
    """Run ``job.argv`` in ``/`` with the message on its stdin; return its output.

    Raises :class:`SendmailFailure` as Emacs would signal an error: a
    non-zero exit (``Sending...failed with exit value N``), a signal
    (``Sending...terminated by signal: NAME``), or - when interactive - any
    output at all (``Sending...failed to OUTPUT``, blank lines turned into
    ``; `` as Emacs does).  The message is written in 64 KiB pieces while the
    program's output goes to a private unnamed file (or is drained by a
    thread), so neither side can block the other.
    """
    if not job.send:
        return ""
    try:
        status, output = _run_spawned(job, env)
    except _CannotSpawn:
        status, output = _run_with_subprocess(job, env)
    text = output.decode("utf-8", "replace")
    if status < 0:
        import signal

        name = signal.Signals(-status).name if -status in signal.Signals._value2member_map_ else str(-status)
        raise SendmailFailure(f"Sending...terminated by signal: {name}",
                              exit_code=exit_code_for_status(status))
    if status != 0:
        raise SendmailFailure(f"Sending...failed with exit value {status}",
                              exit_code=exit_code_for_status(status),
                              hint=_squeeze(text, job.function) or None)
    if job.interactive and text:
        raise SendmailFailure(f"Sending...failed to {_squeeze(text, job.function)}",
                              exit_code=sysexits.UNAVAILABLE,
                              hint="the program exited 0 but printed something, which Emacs "
                                   "treats as failure: the message may have been delivered")
    return text


def _cannot_start(exc: OSError, program: str) -> SendmailFailure:
    return SendmailFailure(f"Searching for program: {exc.strerror}, {program}",
                           exit_code=sysexits.CONFIG,
                           hint="set sendmail-program to the full path of msmtp or sendmail")


def _write_message(job: SendmailJob, pipe: Any) -> None:
    """The message into the program's stdin, then end of file (it may stop reading early)."""
    try:
        with pipe:
            for piece in job.chunks():
                for part in _pieces(piece):
                    pipe.write(part)
    except BrokenPipeError:
        pass  # the program stopped reading; its status tells why


def _run_with_subprocess(job: SendmailJob, env: dict[str, str] | None) -> tuple[int, bytes]:
    """:mod:`subprocess`, a thread draining the output: where a plain spawn cannot be used."""
    import subprocess
    import threading

    try:
        proc = subprocess.Popen(job.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, cwd="/", env=env)
    except OSError as exc:
        raise _cannot_start(exc, job.argv[0]) from exc
    output: list[bytes] = []
    reader = threading.Thread(target=lambda: output.append(proc.stdout.read() if proc.stdout else b""),
                              daemon=True)
    reader.start()
    _write_message(job, proc.stdin)
    status = proc.wait()
    reader.join()
    return status, b"".join(output)


class _CannotSpawn(Exception):
    """This process cannot use the plain spawn (threads running, no O_TMPFILE ...)."""


def _run_spawned(job: SendmailJob, env: dict[str, str] | None) -> tuple[int, bytes]:
    """``posix_spawn`` with the output in an unnamed file: no thread, no :mod:`subprocess`.

    Importing subprocess and threading costs a send more than the rest of
    this path; this does what ``Popen(argv, cwd="/", stdin=PIPE,
    stdout=PIPE, stderr=STDOUT)`` does: the program is looked up on the
    PATH of ``env`` as Popen looks it up, runs in ``/`` with SIGPIPE and
    SIGXFSZ at their defaults and no descriptor but 0, 1 and 2 of ours.
    ``posix_spawn`` cannot change directory, so this process steps into
    ``/`` for the spawn and back: only while no other thread runs.
    """
    import sys

    threading = sys.modules.get("threading")
    flag = getattr(os, "O_TMPFILE", 0)
    if not hasattr(os, "posix_spawn") or not flag or (threading is not None and threading.active_count() > 1):
        raise _CannotSpawn()
    try:
        out = os.open(os.environ.get("TMPDIR") or "/tmp", flag | os.O_RDWR, 0o600)
    except OSError:
        raise _CannotSpawn() from None
    try:
        read_end, write_end = os.pipe()
        if min(read_end, out) <= 2:     # our own 0, 1 or 2 was closed: Popen knows that case
            os.close(read_end)
            os.close(write_end)
            raise _CannotSpawn()
        try:
            pid = _spawn(job.argv, os.environ if env is None else env, read_end, out)
        except OSError as exc:
            os.close(write_end)
            raise _cannot_start(exc, job.argv[0]) from exc
        finally:
            os.close(read_end)
        _write_message(job, open(write_end, "wb"))
        _, wait_status = os.waitpid(pid, 0)
        os.lseek(out, 0, os.SEEK_SET)
        with open(out, "rb", closefd=False) as output:
            return os.waitstatus_to_exitcode(wait_status), output.read()
    finally:
        os.close(out)


def _spawn(argv: tuple[str, ...], env: Any, stdin: int, out: int) -> int:
    """Start ``argv`` in ``/`` (stdin from ``stdin``, stdout and stderr to ``out``); its pid."""
    from _signal import SIGPIPE, SIGXFSZ   # Python ignores them; a program must not

    actions: list[tuple[int, ...]] = [(os.POSIX_SPAWN_DUP2, stdin, 0), (os.POSIX_SPAWN_DUP2, out, 1),
                                      (os.POSIX_SPAWN_DUP2, out, 2)]
    # Popen's close_fds: nothing of ours but 0, 1 and 2 (ours are close-on-exec
    # already; descriptors this process inherited may not be).
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        raise _CannotSpawn() from None
    for fd in fds:
        if fd > 2 and fd not in (stdin, out):
            try:
                if os.get_inheritable(fd):
                    actions.append((os.POSIX_SPAWN_CLOSE, fd))
            except OSError:
                pass        # the listing's own descriptor, closed since
    program = argv[0]
    candidates = [program] if os.path.dirname(program) else \
        [os.path.join(directory, program) for directory in os.get_exec_path(env)]
    try:
        here = os.open(".", os.O_PATH | os.O_DIRECTORY)
    except OSError:
        raise _CannotSpawn() from None
    first_error: OSError | None = None
    last_error: OSError = FileNotFoundError(2, os.strerror(2), program)
    try:
        os.chdir("/")
        for candidate in candidates:
            try:
                return os.posix_spawn(candidate, argv, env, file_actions=actions,
                                      setsigdef=(SIGPIPE, SIGXFSZ))
            except OSError as exc:     # as Popen: the first error other than "not there"
                last_error = exc
                if exc.errno not in (errno.ENOENT, errno.ENOTDIR) and first_error is None:
                    first_error = exc
        raise first_error or last_error
    finally:
        os.fchdir(here)
        os.close(here)


def _squeeze(text: str, function: str) -> str:
    """Emacs's clean-up of the error buffer (the two functions differ slightly)."""
    if function == "sendmail-send-it":
        return re.sub(r"\n\n* *", "; ", text)
    return re.sub(r"\n+ *", "; ", text)


def program_path(cfg: SendConfig) -> str | None:
    """Where ``sendmail-program`` resolves on PATH (None when it does not)."""
    import shutil

    program = cfg.sendmail_program
    if os.sep in program:
        return program if os.access(program, os.X_OK) else None
    return shutil.which(program)
