"""Flushing the queue: send the entries in index order, and take each one out once sent.

What a flush promises (docs/reliability.md, section 2): it never loses an
entry, keeps their order, never sends one entry from two processes, and
sends a message twice only if it is killed within about a millisecond of a
server's 250.  How:

* an exclusive lock (:data:`smtp.queue.FLUSH_LOCK`) for the whole flush;
* after each accepted message its index line goes, atomically, before the
  next message's final dot (:class:`_Bookkeeper`); the index rewrite runs
  while the next message's commands are on their way to the server;
* only then are its files deleted, on background threads (:class:`_Deleter`);
* the final index is made durable once, at the end.

Like Emacs, a flush stops at the first entry that fails; that entry and all
after it stay queued, in order.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable
from pathlib import Path

from elconf.records import field, record
from smtp.atomicfile import SwapRewriter, make_durable
from smtp.config import SendConfig
from smtp.queue import (FLUSH_LOCK, INDEX_LOCK, QueueEntry, QueueError, exclusive_lock, index_lines,
                        index_path, queue_dir, read_entry, read_index)

TYPE_CHECKING = False  # typing is imported by type checkers only (start-up time)
if TYPE_CHECKING:
    from typing import Any


@record
class FlushResult:
    """What a flush did: sent entries in order, the one that failed, what remains."""

    sent: list[QueueEntry] = field(default_factory=list)
    failed: QueueEntry | None = None
    error: BaseException | None = None
    remaining: int = 0
    dropped: list[str] = field(default_factory=list)  # index lines without a data file
    warnings: list[str] = field(default_factory=list)


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
            data = rewriter.read()
        except FileNotFoundError:
            return
        first = line.encode("utf-8", "surrogateescape") + b"\n"
        if data[:len(first)] == first:
            # A view, not a copy of the rest (~30 KB a message in a 1,000-entry flush):
            # the rewriter writes it and keeps it as what it put in place.
            rest: bytes | memoryview = memoryview(data)[len(first):]
        else:
            lines = [entry for entry in bytes(data).decode("utf-8", "surrogateescape").split("\n")
                     if entry]
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
    :func:`smtp.queue.free_name`, which counts both, never reuses a name still on
    disk).  After a failed rewrite nothing more is done and :meth:`wait`
    raises :class:`QueueError`.
    """

    def __init__(self, index: Path, lock_file: Path) -> None:
        self._index = index
        self._rewriter = SwapRewriter(index)
        self._lock_fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        #: (index line, its files) still to take out, oldest first; at most two in a flush.
        self._pending: list[tuple[str, tuple[str, ...]]] = []
        #: Work for a step with no removal pending (run once): reading entries ahead.
        self.idle: Callable[[], None] | None = None
        self._error: Exception | None = None
        self._deleter: _Deleter | None = None

    def remove(self, line: str, files: tuple[str, ...] = ()) -> None:
        """Take ``line`` out of the index (at a later step), then delete ``files``."""
        self._pending.append((line, files))

    def settle(self) -> None:
        """:meth:`wait`, and every deletion asked for done too."""
        self.wait()
        if self._deleter is not None:
            self._deleter.drain()

    def step(self) -> None:
        """Do the next piece of pending work (never raises: :meth:`wait` reports).

        With no removal pending, the :attr:`idle` job runs (a failure there is its
        own business: it must not raise).
        """
        if self._error is not None:
            return
        if not self._pending:
            if self.idle is not None:
                job, self.idle = self.idle, None
                job()
            return
        line, files = self._pending.pop(0)
        try:
            _remove_from_index(self._rewriter, self._lock_fd, line)
        except Exception as err:  # noqa: BLE001 - kept for wait()
            self._error = err
            self._pending.clear()   # a file whose line is still listed must stay
            return
        if files:
            if self._deleter is None or self._deleter.drained:
                self._deleter = _Deleter()
            self._deleter.delete(files)

    def wait(self) -> None:
        """Finish every removal asked for; raise if one failed."""
        while self._pending and self._error is None:
            self.step()
        if self._error is not None:
            raise QueueError(f"cannot update the queue index {self._index}: "
                             f"{getattr(self._error, 'strerror', None) or self._error}"
                             ) from self._error

    def stop(self) -> None:
        if self._deleter is not None:
            self._deleter.drain()
        self._rewriter.close()
        os.close(self._lock_fd)


class _Deleter:
    """Has sent entries' files deleted by a helper process (:mod:`smtp.unlinker`).

    Deleting a queued message (fsync'ed when it was queued) frees its disk
    blocks, and on a disk that discards freed blocks one ``unlink`` waits
    for the disk: ~80 us on an idle machine, 0.2-3 ms each on a busy one,
    far longer than a loopback round trip.  The waits overlap well (2,000
    files under load: 2.4-2.9 ms per file on one thread, 0.12-0.2 ms on 16),
    so the helper runs 16 threads, in a process of its own so that they
    never hold up the flush's own thread.  Each entry is one line on the
    helper's standard input (its files NUL-separated, the data file first),
    written without blocking; :meth:`drain` writes the rest, closes it and
    waits for the helper.  Without a helper (it cannot be started, or it died) the files
    are deleted here, one after the other.  The lines go in batches of
    about :data:`BATCH` bytes: each write to the pipe wakes the helper, which
    cost ~0.25 ms a write on the loaded machine, as much as a round trip.
    """

    BATCH = 4096

    def __init__(self) -> None:
        import sys

        self.drained = False
        self._pending = b""
        self._pid: int | None = None
        self._pipe = -1
        if not sys.executable:
            return
        read_end, self._pipe = os.pipe()
        try:
            self._pid = os.posix_spawn(
                sys.executable, [sys.executable, "-I", "-S", str(Path(__file__).with_name(
                    "unlinker.py"))], os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, read_end, 0)])
        except OSError:
            os.close(self._pipe)
            self._pipe = -1
        finally:
            os.close(read_end)
        if self._pid is not None:
            os.set_blocking(self._pipe, False)

    def delete(self, files: tuple[str | Path, ...]) -> None:
        """Delete ``files`` in this order, soon."""
        if self._pid is None:
            _unlink_all(files)
            return
        self._pending += os.fsencode("\0".join(map(os.fspath, files)) + "\n")
        if len(self._pending) >= self.BATCH:
            self._write()

    def _write(self) -> None:
        try:
            while self._pending:
                written = os.write(self._pipe, self._pending)
                self._pending = self._pending[written:]
        except BlockingIOError:
            pass   # the helper is behind: the rest goes with the next entry, or at drain()
        except OSError:   # the helper is gone: delete here what it was not given
            for record in self._pending.split(b"\n"):
                _unlink_all(tuple(record.split(b"\0")) if record else ())
            self._pending = b""
            self._stop_helper()

    def drain(self) -> None:
        """Return when everything asked for is deleted (the helper then ends)."""
        if not self.drained:
            if self._pid is not None:
                os.set_blocking(self._pipe, True)
                self._write()
                self._stop_helper()
            self.drained = True

    def _stop_helper(self) -> None:
        if self._pipe >= 0:
            os.close(self._pipe)
            self._pipe = -1
        if self._pid is not None:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = None


def _unlink_all(files: tuple[str | Path | bytes, ...]) -> None:
    for path in files:
        # A file that cannot be deleted is out of the index already: an orphan
        # no flush sends, and its name stays taken for smtp.queue.free_name.
        with contextlib.suppress(OSError):
            os.unlink(path)


def flush_queue(cfg: SendConfig, send_entry: Callable[[QueueEntry], None], *,
                on_progress: Callable[[str, QueueEntry | None], None] | None = None,
                prepare: Callable[[QueueEntry], None] | None = None,
                home: Path | None = None) -> FlushResult:
    """Send the queued entries in index order, stopping at the first failure.

    ``send_entry(entry)`` sends one message (raising on failure); use
    :func:`entry_envelope` and :func:`config_for_entry` inside it for Emacs's
    envelope and per-entry server.  After each success the entry leaves the
    index (rewritten atomically, before the next final dot) and then its
    files are deleted, so an interruption loses nothing and sends again at
    most the one message the server had just accepted.  Entries queued
    while the flush runs are sent too.  ``on_progress(event, entry)`` hears
    ``"sending"``, ``"sent"``, ``"failed"`` and ``"dropped"``.  ``prepare(entry)``,
    when given, is called on entries read ahead of their turn, while the server
    is busy with an earlier message (it must not raise; it may set
    ``entry.prepared``).  Raises
    :class:`QueueError` if another flush holds the queue.
    """
    result = FlushResult()
    directory = queue_dir(cfg, home)
    if not directory.is_dir():
        return result
    index = index_path(cfg, home)
    with exclusive_lock(directory / FLUSH_LOCK, blocking=False):
        bookkeeper = _Bookkeeper(index, directory / INDEX_LOCK)
        try:
            _flush_entries(index, bookkeeper, send_entry, on_progress, prepare, result)
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
                   prepare: Callable[[QueueEntry], None] | None, result: FlushResult) -> None:
    """The loop of :func:`flush_queue`, over the index as read (re-read when exhausted).

    The index on disk lags behind by the entry the bookkeeper is still
    removing, so the lines come from memory; when they run out, the index
    is read again for entries queued meanwhile.  ``entry.upcoming()`` reads
    the next line's entry ahead of its turn (for a pipelining session), and
    the bookkeeper's idle job the one after it (:func:`flush_queue`'s
    ``prepare``), while the server reads the message being sent.
    """
    lines: list[str] = []
    sent_files: set[str] = set()   # lines sent by this flush whose files may still exist
    read_ahead: dict[str, QueueEntry] = {}
    barrier_used = True

    def ahead(line: str) -> QueueEntry | None:
        """The entry of ``line``, read once before its turn (None: its turn reports)."""
        if line in sent_files:
            return None
        entry = read_ahead.get(line)
        if entry is None:
            try:
                entry = read_ahead[line] = read_entry(Path(line))
            except QueueError:
                return None
        return entry if entry.recipients else None

    def upcoming() -> QueueEntry | None:
        return ahead(lines[-1]) if lines else None

    def prefetch() -> None:
        if len(lines) >= 2:
            entry = ahead(lines[-2])
            if entry is not None and entry.prepared is None and prepare is not None:
                prepare(entry)

    def before_final_dot() -> None:
        nonlocal barrier_used
        barrier_used = True
        bookkeeper.wait()

    while True:
        if not lines:
            bookkeeper.wait()
            lines = index_lines(index)
            lines.reverse()  # pop() from the end is the first line
            if not lines:
                return
        line = lines.pop()
        ready = read_ahead.pop(line, None)
        if line in sent_files:
            # Listed twice, or a name reused by a queuer once the sent entry's
            # files were gone: wait for those deletions, then the file decides.
            bookkeeper.settle()
            sent_files.discard(line)
        # An entry prepared ahead of its turn had its data file read then: no stat.
        if (ready is None or ready.prepared is None) and not os.path.exists(line):
            result.dropped.append(line)
            result.warnings.append(f"{line}: listed in the queue index but missing; dropped")
            bookkeeper.remove(line)
            if on_progress:
                on_progress("dropped", None)
            continue
        entry = ready
        try:
            if entry is None:
                entry = read_entry(Path(line))
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
            entry.before_final_dot = before_final_dot
            entry.bookkeeping = bookkeeper.step
            entry.upcoming = upcoming
            bookkeeper.idle = prefetch
            if on_progress:
                on_progress("sending", entry)
            send_entry(entry)
        except Exception as err:
            result.failed, result.error = entry or QueueEntry(Path(line), []), err
            if on_progress:
                on_progress("failed", result.failed)
            return
        result.sent.append(entry)
        sent_files.add(line)
        bookkeeper.remove(line, (line, line + ".el"))
        if on_progress:
            on_progress("sent", entry)
