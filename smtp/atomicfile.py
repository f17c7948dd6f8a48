"""Files replaced atomically, read and made durable with bare system calls (the queue's I/O).

Every change to a queue file must be all-or-nothing for any reader,
including a process killed half-way: the new content goes to another name
and a ``rename`` puts it in place.  :func:`atomic_write` does that with a
fresh temporary file.  :class:`SwapRewriter` does it for a file rewritten
over and over (the queue index, once per sent message) without creating and
freeing an inode each time, which on a disk costs far more than the write
(0.45 ms against 0.03 ms per rewrite measured here)::

    index -> X        spare -> Y     (Y: the previous index, not live)
    write the new content into Y through "spare"
    link index as "other"            other -> X
    rename spare over index          index -> Y, other -> X   (then swap roles)

``index`` always names a complete file; the file being written is never the
live one.  A process killed between the link and the rename leaves a spare
name linked to the live index: a new rewriter therefore starts by removing
both spare names.  Where hard links are not supported the rewriter falls
back to :func:`atomic_write`.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterable
from pathlib import Path

SPARE_NAMES = (".elsend-index.spare-1", ".elsend-index.spare-2")

#: link() failures that mean "this file system has no hard links": fall back.
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS, errno.EXDEV, errno.EMLINK}


def read_file(path: Path | str) -> bytes:
    """A whole file with bare system calls: a flush reads thousands of small files, and
    ``open()``'s buffered layer adds an ioctl, an lseek and an fstat to each."""
    return _read_fd(os.open(path, os.O_RDONLY), None)  # type: ignore[return-value]


def read_small(path: Path | str, limit: int) -> bytes | None:
    """The file's bytes if it holds at most ``limit`` of them, else None (not read)."""
    return _read_fd(os.open(path, os.O_RDONLY), limit)


def _read_fd(fd: int, limit: int | None) -> bytes | None:
    try:
        chunk = os.read(fd, 1 << 16)
        # A file that fits in one read (nearly every queued message) needs no fstat.
        if limit is not None and len(chunk) == 1 << 16 and os.fstat(fd).st_size > limit:
            return None
        chunks = []
        while chunk:
            chunks.append(chunk)
            chunk = os.read(fd, 1 << 16)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _write_all(fd: int, chunks: Iterable[bytes]) -> int:
    written = 0
    for chunk in chunks:
        view = memoryview(chunk)
        while view:
            n = os.write(fd, view)
            view = view[n:]
            written += n
    return written


def fsync_path(path: Path) -> None:
    """fsync a file or a directory (a directory's fsync makes renames in it durable)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def make_durable(path: Path) -> None:
    """fsync a file that was replaced without it, and its directory."""
    fsync_path(path)
    fsync_path(path.parent)


def atomic_write(target: Path, chunks: Iterable[bytes], *, durable: bool = True) -> None:
    """Write ``chunks`` to a new temporary file beside ``target`` (fsync'ed if ``durable``),
    then rename it over ``target``.

    The rename alone makes the change atomic for every process, including one
    killed half-way; the fsync only adds survival of a power loss.
    """
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        try:
            _write_all(fd, chunks)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class SwapRewriter:
    """Replaces one file's content atomically, again and again (see the module docstring).

    Not durable by itself (nothing is fsync'ed: call :func:`make_durable` at
    the end) and not locked: the caller serialises rewriters of one file.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        # Strings for the system calls (a Path is converted at every call, ~7 per rewrite).
        self._target = os.fspath(target)
        self._spares = [os.fspath(target.with_name(name)) for name in SPARE_NAMES]
        self._cleared = False
        self._links = True
        #: The last content put in place, with the (inode, size, mtime) it had then.
        self._last: tuple[tuple[int, int, int], bytes] | None = None

    def read(self) -> bytes:
        """The target's content (FileNotFoundError if it is gone).

        When the target is still the file this rewriter last put in place and
        unchanged since (same inode, size and modification time), that content
        is returned without reading it: a flush reads the index before each of
        its rewrites, and a queuer's append, or any other writer, changes the
        size or the time (stat is one system call; a read is four and copies
        the whole index).
        """
        if self._last is not None:
            st = os.stat(self._target)
            if (st.st_ino, st.st_size, st.st_mtime_ns) == self._last[0]:
                return self._last[1]
        return read_file(self._target)

    def replace(self, content: bytes) -> None:
        if not self._cleared:
            for spare in self._spares:   # a killed rewriter's spare may be the live file
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(spare)
            self._cleared = True
        self._last = None
        if not self._links:
            atomic_write(self.target, [content], durable=False)
            return
        spare, other = self._spares
        fd = os.open(spare, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            _write_all(fd, [content])
            os.ftruncate(fd, len(content))
            st = os.fstat(fd)
        finally:
            os.close(fd)
        try:
            os.link(self._target, other)
        except FileNotFoundError:
            pass   # no target yet: the rename creates it
        except OSError as err:
            if err.errno not in _NO_LINKS:
                raise
            self._links = False
            os.unlink(spare)
            atomic_write(self.target, [content], durable=False)
            return
        os.rename(spare, self._target)
        self._spares.reverse()
        self._last = ((st.st_ino, st.st_size, st.st_mtime_ns), content)
