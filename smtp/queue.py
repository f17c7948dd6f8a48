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
:func:`flush_queue` sends what Emacs queued.  Where Emacs can lose or wedge
mail we do better and keep the format: entries are written atomically
(temporary file, fsync, rename; the index line last), the name counter
skips names already taken, a lock file stops two flushes from sending a
message twice, and the index is rewritten atomically after every sent
entry.  An index line whose data file is gone, or whose entry has no
recipients (both wedge Emacs's flush for good), is dropped from the index
with a warning (the files of the latter stay where they are).  Like Emacs, a flush stops at the first
entry that fails; that entry and all after it stay queued, in order.

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
from smtp.atomicfile import SwapRewriter, atomic_write, fsync_path, make_durable, read_file
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
    #: Set by :func:`flush_queue` for the SMTP session: ``bookkeeping()`` after writing a
    #: command, while its reply is on the way; ``before_final_dot()`` just before the dot.
    bookkeeping: Callable[[], None] | None = field(default=None, compare=False,
                                                                repr=False)
    before_final_dot: Callable[[], None] | None = field(default=None, compare=False,
                                                                     repr=False)

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

    @property
    def size_chars(self) -> int:
        if self.data_file.stat().st_size <= SMALL_MESSAGE:
            self._small = read_file(self.data_file)
            return len(self._small) + self._small.count(b"\n") + (
                0 if self._small.endswith(b"\n") or not self._small else 1)
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
        """The same message in pieces: DATA converts those in C (smtp.esmtp.data_chunks)."""
        if self._small is not None:
            yield self._small
            return
        with open(self.data_file, "rb") as data:
            while chunk := data.read(1 << 16):
                yield chunk


@record
class FlushResult:
    """What a flush did: sent entries in order, the one that failed, what remains."""

    sent: list[QueueEntry] = field(default_factory=list)
    failed: QueueEntry | None = None
    error: BaseException | None = None
    remaining: int = 0
    dropped: list[str] = field(default_factory=list)  # index lines without a data file
    warnings: list[str] = field(default_factory=list)


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

def _free_name(directory: Path, stamp: str) -> Path:
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
        with _locked(directory / INDEX_LOCK):
            data_file = _free_name(directory, stamp)
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
def _locked(lock_file: Path, *, blocking: bool = True) -> Iterator[None]:
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
    return _index_lines(index_path(cfg, home))


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
    el_file = data_file.with_name(data_file.name + ".el")
    try:
        text = read_file(el_file).decode("utf-8", "surrogateescape")
    except OSError as err:
        raise QueueEntryError(f"{el_file}: {err.strerror or err}") from err
    plain = _PLAIN_ENTRY.match(text)
    if plain:
        return QueueEntry(data_file, _PLAIN_STRING.findall(plain.group(1)))
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
                         entry.bookkeeping, entry.before_final_dot)


def config_for_entry(entry: QueueEntry, cfg: SendConfig) -> SendConfig:
    """``cfg`` with the server settings stored in the entry (Emacs sets them for the send)."""
    changes: dict[str, Any] = {}
    stored = entry.variables
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


# -- flushing --------------------------------------------------------------

def _remove_from_index(rewriter: SwapRewriter, lock_fd: int, line: str) -> None:
    """Drop the first ``line`` from the index, atomically, keeping lines added meanwhile.

    A queuer appends under the same lock, so reading and rewriting under it
    loses nothing.  In a flush the line is nearly always the first, and the
    rest is written back as it was read (no split and join of 1,000 lines
    per sent entry).

    The new index replaces the old by :class:`smtp.atomicfile.SwapRewriter`.
    Not fsync'ed: the rename is atomic even for a process killed right after
    it, and :func:`flush_queue` makes the final index durable once at the end
    (one fsync per entry cost ~15 ms each on a disk, the whole budget of a
    1,000-message flush).  After a power loss mid-flush, the index may list
    entries already sent: they are sent again (or dropped if their files are
    gone) - a duplicate at worst, never a lost message.
    """
    fcntl.flock(lock_fd, fcntl.LOCK_EX)
    try:
        try:
            data = read_file(rewriter.target)
        except FileNotFoundError:
            return
        first = line.encode("utf-8", "surrogateescape") + b"\n"
        if data.startswith(first):
            rest = data[len(first):]
        else:
            lines = [entry for entry in data.decode("utf-8", "surrogateescape").split("\n") if entry]
            if line in lines:
                lines.remove(line)
            rest = "".join(entry + "\n" for entry in lines).encode("utf-8", "surrogateescape")
        rewriter.replace(rest)
    finally:
        fcntl.flock(lock_fd, fcntl.LOCK_UN)


class _Bookkeeper:
    """Takes sent entries out of the index while the next entry's commands are on their
    way to the server, then has their files deleted.

    The session calls :meth:`step` after writing each command of the next
    transaction (MAIL, RCPT..., DATA) and before reading its reply, so the
    index rewrite fills a round trip instead of adding to it (on a thread
    it cost more in lock traffic than the work).  The deletions, slower on
    some disks, go to :class:`_Deleter`.  :meth:`wait` is the barrier the session calls
    before the next final dot: at any moment at most one message has been
    accepted by the server while still listed in the index (a kill then
    sends that one again, never more).  A file is deleted only after its
    index line is gone, the data file before its ``.el`` file (so
    :func:`_free_name`, which counts both, never reuses a name still on
    disk).  After a failed rewrite nothing more is done and :meth:`wait`
    raises :class:`QueueError`.
    """

    def __init__(self, index: Path, lock_file: Path) -> None:
        from collections import deque

        self._index = index
        self._rewriter = SwapRewriter(index)
        self._lock_fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        self._steps: deque[Callable[[], None]] = deque()
        self._error: Exception | None = None
        self._deleter: _Deleter | None = None

    def remove(self, line: str, files: tuple[Path, ...] = ()) -> None:
        """Take ``line`` out of the index (a later step), then delete ``files``."""
        self._steps.append(lambda: _remove_from_index(self._rewriter, self._lock_fd, line))
        if files:
            self._steps.append(lambda: self._delete(files))

    def _delete(self, files: tuple[Path, ...]) -> None:
        if self._deleter is None or self._deleter.drained:
            self._deleter = _Deleter()
        self._deleter.delete(files)

    def settle(self) -> None:
        """:meth:`wait`, and every deletion asked for done too."""
        self.wait()
        if self._deleter is not None:
            self._deleter.drain()

    def step(self) -> None:
        """Do the next piece of pending work (never raises: :meth:`wait` reports)."""
        if self._steps and self._error is None:
            try:
                self._steps.popleft()()
            except Exception as err:  # noqa: BLE001 - kept for wait()
                self._error = err
                self._steps.clear()   # a file whose line is still listed must stay

    def wait(self) -> None:
        """Finish every removal asked for; raise if one failed."""
        while self._steps and self._error is None:
            self.step()
        if self._error is not None:
            raise QueueError(f"cannot update the queue index {self._index}: "
                             f"{getattr(self._error, 'strerror', None) or self._error}"
                             ) from self._error

    def stop(self) -> None:
        if self._deleter is not None:
            self._deleter.drain()
        os.close(self._lock_fd)


class _Deleter:
    """Deletes files on a background thread, in the order given.

    On a disk that discards freed blocks, deleting a queued message (fsync'ed
    when it was queued) takes ~80 us, longer than a loopback round trip; the
    thread does nothing but unlink, releasing the interpreter lock meanwhile.
    """

    def __init__(self) -> None:
        import queue
        import threading

        self._paths: "queue.SimpleQueue[str | None]" = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="elsend-queue-deleter", daemon=True)
        self._thread.start()
        self.drained = False

    def delete(self, files: tuple[Path, ...]) -> None:
        for path in files:
            self._paths.put(str(path))

    def drain(self) -> None:
        """Return when everything asked for is deleted (the thread then ends)."""
        if not self.drained:
            self._paths.put(None)
            self._thread.join()
            self.drained = True

    def _run(self) -> None:
        unlink, get = os.unlink, self._paths.get
        while (path := get()) is not None:
            # A file that cannot be deleted is out of the index already: an orphan
            # no flush sends, and its name stays taken for _free_name.
            with contextlib.suppress(OSError):
                unlink(path)


def flush_queue(cfg: SendConfig, send_entry: Callable[[QueueEntry], None], *,
                on_progress: Callable[[str, QueueEntry | None], None] | None = None,
                home: Path | None = None) -> FlushResult:
    """Send the queued entries in index order, stopping at the first failure.

    ``send_entry(entry)`` sends one message (raising on failure); use
    :func:`entry_envelope` and :func:`config_for_entry` inside it for Emacs's
    envelope and per-entry server.  After each success the entry leaves the
    index (rewritten atomically, before the next final dot) and then its
    files are deleted, so an interruption loses nothing and sends again at
    most the one message the server had just accepted.  Entries queued
    while the flush runs are sent too.  ``on_progress(event, entry)`` hears
    ``"sending"``, ``"sent"``, ``"failed"`` and ``"dropped"``.  Raises
    :class:`QueueError` if another flush holds the queue.
    """
    result = FlushResult()
    directory = queue_dir(cfg, home)
    if not directory.is_dir():
        return result
    index = index_path(cfg, home)
    with _locked(directory / FLUSH_LOCK, blocking=False):
        bookkeeper = _Bookkeeper(index, directory / INDEX_LOCK)
        try:
            _flush_entries(index, bookkeeper, send_entry, on_progress, result)
            bookkeeper.wait()
        except QueueError as err:   # an index rewrite failed; its entry had been sent
            if result.error is None:
                result.error = err
        finally:
            bookkeeper.stop()
        result.remaining = len(read_index(cfg, home))
        make_durable(index)
    return result


def _flush_entries(index: Path, bookkeeper: _Bookkeeper,
                   send_entry: Callable[[QueueEntry], None],
                   on_progress: Callable[[str, QueueEntry | None], None] | None,
                   result: FlushResult) -> None:
    """The loop of :func:`flush_queue`, over the index as read (re-read when exhausted).

    The index on disk lags behind by the entry the bookkeeper is still
    removing, so the lines come from memory; when they run out, the index
    is read again for entries queued meanwhile.
    """
    lines: list[str] = []
    sent_files: set[str] = set()   # lines sent by this flush whose files may still exist
    barrier_used = True
    while True:
        if not lines:
            bookkeeper.wait()
            lines = _index_lines(index)
            lines.reverse()  # pop() from the end is the first line
            if not lines:
                return
        line = lines.pop()
        if line in sent_files:
            # Listed twice, or a name reused by a queuer once the sent entry's
            # files were gone: wait for those deletions, then the file decides.
            bookkeeper.settle()
            sent_files.discard(line)
        data_file = Path(line)
        if not data_file.exists():
            result.dropped.append(line)
            result.warnings.append(f"{line}: listed in the queue index but missing; dropped")
            bookkeeper.remove(line)
            if on_progress:
                on_progress("dropped", None)
            continue
        entry = QueueEntry(data_file, [])
        try:
            entry = read_entry(data_file)
            if not entry.recipients:
                # Emacs stops here for good ("Sending failed; no recipients").
                # It can never be sent: take it out of the index, keep its files.
                result.dropped.append(line)
                result.warnings.append(f"{line}: Sending failed; no recipients - removed from the "
                                       "index, its files are left in the queue directory")
                bookkeeper.remove(line)
                if on_progress:
                    on_progress("dropped", entry)
                continue
            if not barrier_used:
                bookkeeper.wait()   # this sender does not call the barrier: wait here
            barrier_used = False

            def before_final_dot() -> None:
                nonlocal barrier_used
                barrier_used = True
                bookkeeper.wait()

            entry.before_final_dot = before_final_dot
            entry.bookkeeping = bookkeeper.step
            if on_progress:
                on_progress("sending", entry)
            send_entry(entry)
        except Exception as err:
            result.failed, result.error = entry, err
            if on_progress:
                on_progress("failed", entry)
            return
        result.sent.append(entry)
        sent_files.add(line)
        bookkeeper.remove(line, (entry.data_file, entry.el_file))
        if on_progress:
            on_progress("sent", entry)


def _index_lines(index: Path) -> list[str]:
    try:
        text = read_file(index).decode("utf-8", "surrogateescape")
    except FileNotFoundError:
        return []
    return [line for line in text.split("\n") if line]
