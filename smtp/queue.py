"""The mail queue, on disk exactly as Emacs 28.2's smtpmail keeps it.

An entry is three things in ``smtpmail-queue-dir``:

* the message, ``YYYY-MM-DD_HH:MM:SS_N`` (local time; LF line ends, every
  header rewritten, Bcc removed, no dot-stuffing);
* ``YYYY-MM-DD_HH:MM:SS_N.el``, a ``setq`` of
  ``smtpmail-recipient-address-list`` (and with
  ``smtpmail-store-queue-variables`` also ``smtpmail-smtp-server``,
  ``smtpmail-stream-type``, ``smtpmail-smtp-service``, ``smtpmail-smtp-user``)::

      (setq      smtpmail-recipient-address-list ("b@example.net" "a@example.net")
      )

* a line in the index file (``smtpmail-queue-index-file``): the data file's
  absolute path.

So ``M-x smtpmail-send-queued-mail`` sends what elsend queued, and
:func:`smtp.queue_flush.flush_queue` sends what Emacs queued.  Where Emacs
can lose or wedge mail we do better and keep the format: entries are
written atomically (temporary file, fsync, rename; the index line last),
the name counter skips names already taken, a lock file stops two flushes
from sending a message twice, and the index is rewritten atomically after
every sent entry.  An index line whose data file is gone, or whose entry
has no recipients (both wedge Emacs's flush for good), is dropped from the
index with a warning (the files of the latter stay where they are).

This module holds the entries (writing, reading, what a send of one needs);
:mod:`smtp.queue_flush` the flush loop and its bookkeeping.

A queued message is sent with the envelope sender Emacs's flush uses:
``mail-envelope-from`` when ``mail-specify-envelope-from`` is set, else
``user-mail-address``; the From header is not consulted.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from elconf import sysexits
from elconf.records import field, record
from elconf.types import NIL, Cons, Symbol, intern
from smtp.atomicfile import atomic_write, fsync_path, read_file, read_small
from smtp.config import SendConfig

TYPE_CHECKING = False  # typing and datetime are imported by type checkers only (start-up time)
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any

    from smtp.message import PreparedMessage

STORED_VARIABLES = ("smtpmail-smtp-server", "smtpmail-stream-type",
                    "smtpmail-smtp-service", "smtpmail-smtp-user")
RECIPIENTS_VARIABLE = "smtpmail-recipient-address-list"
FLUSH_LOCK = ".elsend-flush.lock"   # held for a whole flush
SMALL_MESSAGE = 1 << 20   # a queued message up to this size is read once, not streamed
INDEX_LOCK = ".elsend-index.lock"   # held briefly around every index change
_NAME = re.compile(r'(\d{4}-\d\d-\d\d_\d\d:\d\d:\d\d)_(\d+)\Z')
#: The ``.el`` text of an entry whose recipients are all plain strings (no stored
#: variables): read without the Lisp reader, since a flush reads one per entry.
#: Anything else goes to the reader (tests/queue checks both agree).
_PLAIN_ENTRY = re.compile(r'\(setq[ \t\n]+smtpmail-recipient-address-list[ \t\n]+'
                          r'\(((?:"[^"\\]*"[ \t\n]*)+)\)[ \t\n]*\)[ \t\n]*\Z')
_PLAIN_STRING = re.compile(r'"([^"\\]*)"')


class QueueError(Exception):
    """The queue cannot be written or read (exit 73, EX_CANTCREAT)."""

    exit_code = sysexits.CANTCREAT


class QueueBusy(QueueError):
    """Another flush holds the queue (exit 75, EX_TEMPFAIL: try again later)."""

    exit_code = sysexits.TEMPFAIL


class QueueEntryError(QueueError):
    """One entry is unusable, e.g. its ``.el`` file holds unexpected code (exit 65)."""

    exit_code = sysexits.DATAERR


@record
class QueueEntry:
    """One queued message, as read from (or written to) the queue."""

    data_file: Path
    recipients: list[str]
    variables: dict[str, Any] = field(default_factory=dict)  # stored smtpmail-* values
    #: Set by :func:`smtp.queue_flush.flush_queue` for the SMTP session: ``bookkeeping()``
    #: after writing a command, while its reply is on the way; ``before_final_dot()`` just
    #: before the dot.
    bookkeeping: Callable[[], None] | None = field(default=None, compare=False,
                                                                repr=False)
    before_final_dot: Callable[[], None] | None = field(default=None, compare=False,
                                                                     repr=False)
    #: Set by the flush: the entry it will send next, already read (None when it
    #: cannot tell), so that a pipelining session can announce it behind this one's dot.
    upcoming: Callable[[], QueueEntry | None] | None = field(default=None, compare=False,
                                                             repr=False)
    #: What the flush's ``prepare`` made of the entry ahead of its turn (its message).
    prepared: Any = field(default=None, compare=False, repr=False)

    @property
    def el_file(self) -> Path:
        return self.data_file.with_name(self.data_file.name + ".el")

    def message_bytes(self) -> bytes:
        return self.data_file.read_bytes()


@record
class QueuedMessage:
    """A queued entry ready for the SMTP session (the ``MessageLike`` it reads).

    Emacs reads the data file with ``no-conversion``, so every byte is one
    character: SIZE is bytes + lines, and the bytes go out as they are.
    """

    data_file: Path
    envelope_from: str | None
    recipients: list[str]
    bookkeeping: Callable[[], None] | None = None        # see QueueEntry
    before_final_dot: Callable[[], None] | None = None   # see QueueEntry
    #: The file's bytes when it is small (read once for SIZE and for DATA).
    _small: bytes | None = field(default=None, repr=False, compare=False)
    _size_chars: int | None = field(default=None, repr=False, compare=False)

    @property
    def size_chars(self) -> int:
        """SIZE, computed once (a pipelining flush asks for it up to three times)."""
        if self._size_chars is None:
            self._size_chars = self._count_chars()
        return self._size_chars

    def _count_chars(self) -> int:
        small = read_small(self.data_file, SMALL_MESSAGE)
        if small is not None:
            self._small = small
            return len(small) + small.count(b"\n") + (0 if small.endswith(b"\n") or not small else 1)
        size = lines = 0
        last = b"\n"
        with open(self.data_file, "rb") as data:
            while chunk := data.read(1 << 20):
                size += len(chunk)
                lines += chunk.count(b"\n")
                last = chunk[-1:]
        return size + lines + (0 if last == b"\n" else 1)

    def iter_lines(self) -> Iterator[bytes]:
        if self._small is not None:
            lines = self._small.split(b"\n")
            if lines[-1] == b"":
                lines.pop()
            yield from lines
            return
        with open(self.data_file, "rb") as data:
            carry = b""
            while chunk := data.read(1 << 20):
                parts = (carry + chunk).split(b"\n")
                carry = parts.pop()
                yield from parts
            if carry:
                yield carry

    def iter_chunks(self) -> Iterator[bytes]:
        """The same message in pieces: DATA converts those in C (smtp.body.data_chunks)."""
        if self._small is not None:
            yield self._small
            return
        with open(self.data_file, "rb") as data:
            while chunk := data.read(1 << 16):
                yield chunk


# -- locations -----------------------------------------------------------

def _expand(path: str, home: Path, base: Path | None = None) -> Path:
    if path == "~" or path.startswith("~/"):
        return Path(str(home) + path[1:])
    candidate = Path(path)
    if not candidate.is_absolute():
        candidate = (base or Path.cwd()) / candidate
    return candidate


def queue_dir(cfg: SendConfig, home: Path | None = None) -> Path:
    """``smtpmail-queue-dir`` expanded as Emacs does (``~`` is HOME)."""
    home = Path(home) if home is not None else Path(os.environ.get("HOME", str(Path.home())))
    return Path(os.path.normpath(_expand(cfg.queue_dir, home)))


def index_path(cfg: SendConfig, home: Path | None = None) -> Path:
    """``smtpmail-queue-index-file``, relative to the queue directory."""
    home = Path(home) if home is not None else Path(os.environ.get("HOME", str(Path.home())))
    return Path(os.path.normpath(_expand(cfg.queue_index_file, home, queue_dir(cfg, home))))


# -- printing the .el file --------------------------------------------------

def lisp_print(value: Any) -> str:
    """``%S`` for the values a queue file holds: strings, integers, symbols, lists."""
    if value is None or value is NIL:
        return "nil"
    if isinstance(value, bool):
        return "t" if value else "nil"
    if isinstance(value, Symbol):
        return value.name
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "nil" if not value else "(" + " ".join(lisp_print(v) for v in value) + ")"
    if isinstance(value, Cons):
        return lisp_print(list(value))
    raise QueueError(f"cannot store {value!r} in a queue entry")


def entry_el_text(recipients: list[str], cfg: SendConfig) -> str:
    """The exact ``.el`` text ``smtpmail-queue-mail`` writes."""
    pairs: list[tuple[str, Any]] = [(RECIPIENTS_VARIABLE, recipients)]
    if cfg.store_queue_variables:
        pairs += [("smtpmail-smtp-server", cfg.smtp_server),
                  ("smtpmail-stream-type", cfg.stream_type),
                  ("smtpmail-smtp-service", cfg.smtp_service),
                  ("smtpmail-smtp-user", cfg.smtp_user)]
    return "(setq " + "".join(f"     {name} {lisp_print(value)}\n" for name, value in pairs) + ")\n"


# -- writing ---------------------------------------------------------------

def free_name(directory: Path, stamp: str) -> Path:
    """``STAMP_N`` with the smallest N >= 1 not taken (Emacs counts per session from 1)."""
    taken = {int(m.group(2)) for p in directory.iterdir()
             if (m := _NAME.match(p.name.removesuffix(".el"))) and m.group(1) == stamp}
    n = 1
    while n in taken:
        n += 1
    return directory / f"{stamp}_{n}"


def queue_message(prepared: "PreparedMessage", cfg: SendConfig, *, home: Path | None = None,
                  now: datetime | None = None) -> QueueEntry:
    """Queue a :class:`smtp.message.PreparedMessage` as ``smtpmail-queue-mail`` does.

    An empty recipient list is queued too (Emacs does; sending it later fails
    with ``Sending failed; no recipients``).  Raises :class:`QueueError`.
    """
    directory = queue_dir(cfg, home)
    try:
        # Queued mail is private: a new queue directory is 0700 and entries
        # are 0600 (Emacs uses the umask; the format is the same).
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        from smtp.identity import local_time

        stamp = local_time(now).strftime("%Y-%m-%d_%H:%M:%S")
        with exclusive_lock(directory / INDEX_LOCK):
            data_file = free_name(directory, stamp)
            atomic_write(data_file, prepared.iter_chunks())
            el_file = data_file.with_name(data_file.name + ".el")
            atomic_write(el_file, [entry_el_text(prepared.recipients, cfg).encode("utf-8", "surrogateescape")])
            index = index_path(cfg, home)
            fd = os.open(index, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, str(data_file).encode("utf-8", "surrogateescape") + b"\n")
                os.fsync(fd)
            finally:
                os.close(fd)
            fsync_path(directory)
    except OSError as err:
        raise QueueError(f"cannot queue the message in {directory}: {err.strerror or err}") from err
    return QueueEntry(data_file, list(prepared.recipients), _stored(cfg))


def _stored(cfg: SendConfig) -> dict[str, Any]:
    if not cfg.store_queue_variables:
        return {}
    return {"smtpmail-smtp-server": cfg.smtp_server, "smtpmail-stream-type": cfg.stream_type,
            "smtpmail-smtp-service": cfg.smtp_service, "smtpmail-smtp-user": cfg.smtp_user}


@contextlib.contextmanager
def exclusive_lock(lock_file: Path, *, blocking: bool = True) -> Iterator[None]:
    """An exclusive flock on a lock file in the queue directory (Emacs ignores them)."""
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            raise QueueBusy(f"another elsend is flushing the queue in {lock_file.parent}") from None
        yield
    finally:
        os.close(fd)


# -- reading ---------------------------------------------------------------

def read_index(cfg: SendConfig, home: Path | None = None) -> list[str]:
    """The index lines, in order (a missing index is an empty queue)."""
    return index_lines(index_path(cfg, home))


def _python_value(value: Any) -> Any:
    if value is NIL:
        return None
    if isinstance(value, Cons):
        return [_python_value(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def read_entry(data_file: Path) -> QueueEntry:
    """Read an entry's ``.el`` file as Emacs's flush does (with elsend's Lisp reader).

    The file must hold one ``(setq VAR VALUE ...)`` form; only the recipient
    list and the four stored variables are taken, others are ignored, as in
    Emacs.  Anything else raises :class:`QueueEntryError` ("Unexpected code").
    """
    el_path = os.fspath(data_file) + ".el"   # a flush reads one per entry: no Path arithmetic
    try:
        text = read_file(el_path).decode("utf-8", "surrogateescape")
    except OSError as err:
        raise QueueEntryError(f"{el_path}: {err.strerror or err}") from err
    plain = _PLAIN_ENTRY.match(text)
    if plain:
        # Every field given in order: a record's quick path (one entry per message of a flush).
        return QueueEntry(data_file, _PLAIN_STRING.findall(plain.group(1)), {}, None, None, None,
                          None)
    el_file = Path(el_path)
    from elconf.reader import read_forms

    try:
        forms = list(read_forms(text, str(el_file)))
    except Exception as err:  # the reader's own error names file:line:column
        raise QueueEntryError(f"Unexpected code in {el_file}: {err}") from err
    form = forms[0].value if forms else None
    if not (isinstance(form, Cons) and form.car is intern("setq") and isinstance(form.cdr, Cons)):
        raise QueueEntryError(f"Unexpected code in {el_file}: the file should hold one (setq ...) form")
    items = list(form.cdr)
    recipients: list[str] = []
    variables: dict[str, Any] = {}
    for var, value in zip(items[0::2], items[1::2]):
        if not isinstance(var, Symbol):
            raise QueueEntryError(f"Unexpected code in {el_file}: {var!r} is not a variable")
        if isinstance(value, Cons) and value.car is intern("quote"):
            raise QueueEntryError(f"Unexpected code in {el_file}: quoted value for {var.name} "
                                  "(Emacs would take the quote form itself)")
        if var.name == RECIPIENTS_VARIABLE:
            got = _python_value(value)
            if got is None:
                got = []
            if not isinstance(got, list) or not all(isinstance(r, str) for r in got):
                raise QueueEntryError(f"Unexpected code in {el_file}: {RECIPIENTS_VARIABLE} "
                                      "should be a list of strings")
            recipients = got
        elif var.name in STORED_VARIABLES:
            variables[var.name] = value
    return QueueEntry(data_file, recipients, variables)


def entry_envelope(entry: QueueEntry, cfg: SendConfig) -> str | None:
    """The envelope sender ``smtpmail-send-queued-mail`` uses for an entry.

    ``mail-envelope-from`` when ``mail-specify-envelope-from`` is set (its
    value ``header`` reads the queued message's From), else
    ``user-mail-address`` as it is (not checked for a dot, unlike a direct
    send).  Only when both are nil does Emacs fall back to the From header.
    """
    if not cfg.mail_specify_envelope_from and cfg.user_mail_address is not None:
        return cfg.user_mail_address   # the common case, once per entry of a flush
    from smtp.address import extract_address, fetch_field, valid_user_mail_address

    def header_from() -> str | None:
        text = entry.message_bytes().decode("utf-8", "surrogateescape")
        return extract_address(fetch_field(text, "From"))

    if cfg.mail_specify_envelope_from:
        value = cfg.mail_envelope_from
        if isinstance(value, Symbol) and value.name == "header":
            found = header_from()
            if found is not None:
                return found
        elif isinstance(value, str):
            return str(value)
    if cfg.user_mail_address is not None:
        return cfg.user_mail_address
    return header_from() or valid_user_mail_address(cfg.user_mail_address)


def message_for_entry(entry: QueueEntry, cfg: SendConfig) -> QueuedMessage:
    """The entry as the SMTP session sends it: Emacs's queued envelope, the stored recipients."""
    return QueuedMessage(entry.data_file, entry_envelope(entry, cfg), list(entry.recipients),
                         entry.bookkeeping, entry.before_final_dot, None, None)   # quick path


def config_for_entry(entry: QueueEntry, cfg: SendConfig) -> SendConfig:
    """``cfg`` with the server settings stored in the entry (Emacs sets them for the send)."""
    stored = entry.variables
    if not stored:
        return cfg
    changes: dict[str, Any] = {}
    if "smtpmail-smtp-server" in stored:
        changes["smtp_server"] = _python_value(stored["smtpmail-smtp-server"])
    if "smtpmail-stream-type" in stored:
        changes["stream_type"] = stored["smtpmail-stream-type"]
    if "smtpmail-smtp-service" in stored:
        service = _python_value(stored["smtpmail-smtp-service"])
        changes["smtp_service"] = 25 if service is None else service
    if "smtpmail-smtp-user" in stored:
        changes["smtp_user"] = _python_value(stored["smtpmail-smtp-user"])
    return cfg.replace(**changes) if changes else cfg


def index_lines(index: Path) -> list[str]:
    """The lines of the index file ``index`` (missing: none)."""
    try:
        text = read_file(index).decode("utf-8", "surrogateescape")
    except FileNotFoundError:
        return []
    return [line for line in text.split("\n") if line]
