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
    """The rest of a regular file's bytes (None if it holds more than ``limit``), then closed.

    A read of a regular file that returns fewer bytes than asked for has
    reached the end of the file (POSIX: less is returned only when fewer
    bytes are left, or for a signal, which Python retries), so a file that
    fits in one read takes one read, not two (a flush reads two files per
    message), and needs no fstat.
    """
    try:
        chunk = os.read(fd, 1 << 16)
        if len(chunk) < 1 << 16:
            return chunk
        if limit is not None and os.fstat(fd).st_size > limit:
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


class _NoLinks(Exception):
    """This file system has no hard links (the rewriter falls back to new files)."""


def _pwrite_all(fd: int, content: bytes | memoryview) -> None:
    """``content`` at the start of the file (the descriptor's offset is not used)."""
    view = memoryview(content)
    offset = 0
    while offset < len(content):
        offset += os.pwrite(fd, view[offset:], offset)


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
        self._last: tuple[tuple[int, int, int], bytes | memoryview] | None = None
        #: Spare name -> a descriptor open for writing on the file it names: the file
        #: written is kept open for its next turn as the spare (an open and a close less
        #: per rewrite).
        self._fds: dict[str, int] = {}
        #: The descriptor of the file last put in place, and its inode.
        self._live: tuple[int, int] | None = None
        #: The target's inode as :meth:`read` last saw it (None: not looked at).
        self._seen_ino: int | None = None

    def read(self) -> bytes | memoryview:
        """The target's content (FileNotFoundError if it is gone): a memoryview when it is
        the content last given to :meth:`replace` as one.

        When the target is still the file this rewriter last put in place and
        unchanged since (same inode, size and modification time), that content
        is returned without reading it: a flush reads the index before each of
        its rewrites, and a queuer's append, or any other writer, changes the
        size or the time (stat is one system call; a read is four and copies
        the whole index).
        """
        self._seen_ino = None
        if self._last is not None:
            st = os.stat(self._target)
            self._seen_ino = st.st_ino
            if (st.st_ino, st.st_size, st.st_mtime_ns) == self._last[0]:
                return self._last[1]
        return read_file(self._target)

    def replace(self, content: bytes | memoryview) -> None:
        if not self._cleared:
            for spare in self._spares:   # a killed rewriter's spare may be the live file
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(spare)
            self._cleared = True
        self._last = None
        # The live file may be reused as the next spare only if read() just saw that it
        # is still the file put in place last (a queuer's append keeps the inode).
        live, self._live = self._live, None
        reuse = live is not None and self._seen_ino == live[1]
        self._seen_ino = None
        if live is not None and not reuse:
            os.close(live[0])
            live = None
        if not self._links:
            atomic_write(self.target, [content], durable=False)
            return
        spare, other = self._spares
        fd = self._fds.pop(spare, None)
        if fd is None:
            fd = os.open(spare, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            _pwrite_all(fd, content)
            os.ftruncate(fd, len(content))
            st = os.fstat(fd)
            try:
                os.link(self._target, other)
            except FileNotFoundError:
                pass   # no target yet: the rename creates it
            except OSError as err:
                if err.errno not in _NO_LINKS:
                    raise
                self._links = False
                os.unlink(spare)
                raise _NoLinks from err
            os.rename(spare, self._target)
        except BaseException as err:
            os.close(fd)
            if live is not None:
                os.close(live[0])
            if isinstance(err, _NoLinks):
                atomic_write(self.target, [content], durable=False)
                return
            raise
        if live is not None:    # "other" now names the file last put in place
            self._fds[other] = live[0]
        self._live = (fd, st.st_ino)
        self._spares.reverse()
        self._last = ((st.st_ino, st.st_size, st.st_mtime_ns), content)

    def close(self) -> None:
        """Close the descriptors kept between rewrites (the files stay as they are)."""
        for fd in self._fds.values():
            os.close(fd)
        self._fds.clear()
        if self._live is not None:
            os.close(self._live[0])
            self._live = None
