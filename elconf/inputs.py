"""The questions a kept state or plan asks again: the answers of the outside, now.

An evaluation's *observations* (:mod:`elconf.recording` collects them while it
runs) are tuples ``(kind, argument, answer)`` of plain values (``marshal``
stores them); :func:`still_valid` asks each question again and compares.  This
module holds what a later run needs for that and nothing of the recording, so a
send through a kept plan imports only it: the file's stat answer and content
hash, a directory's listing, the environment, the host, the user.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

Observation = tuple  # (kind: str, argument, answer): marshal-able plain values

# The calls as they are before elconf.recording wraps them: an answer is never recorded.
_original_open = open
_original_scandir = os.scandir
_original_stat = os.stat
_original_lstat = os.lstat



def stat_answer(path: Any, follow: bool = True) -> tuple:
    """What a stat of ``path`` tells a program: missing, or type, size and mtime.

    Permission bits and owner are included (they decide ``file-readable-p``);
    the inode is not (an editor that saves by renaming changes it, and the
    content hash already tells whether that matters).
    """
    try:
        st = _original_stat(path) if follow else _original_lstat(path)
    except OSError as err:
        return ("error", err.errno)
    if st.st_mode & 0o170000 == 0o040000:
        # A directory's size and mtime change whenever a file in it is added or
        # removed (Emacs writes into ~/.emacs.d all the time); what is in it is
        # known only through a listing, and listings are observations of their own.
        return (st.st_mode, st.st_uid, st.st_gid)
    return (st.st_mode, st.st_size, st.st_mtime_ns, st.st_uid, st.st_gid)


def new_digest(size: int = 20) -> Any:
    """A blake2b hasher, from ``_blake2`` itself: ``hashlib`` would load OpenSSL
    (~2.5 ms of every send) for an algorithm Python has built in."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b
    return blake2b(digest_size=size)


def content_hash(path: Any) -> str | None:
    """blake2b of the file's bytes (None when it cannot be read)."""
    try:
        with _original_open(path, "rb") as handle:
            digest = new_digest()
            while True:
                block = handle.read(1 << 20)
                if not block:
                    return digest.hexdigest()
                digest.update(block)
    except OSError:
        return None


def _listing(path: Any) -> tuple | None:
    try:
        with _original_scandir(path) as entries:
            return tuple(sorted((entry.name, entry.is_dir(follow_symlinks=True)) for entry in entries))
    except OSError:
        return None


def _fs_path(path: Any) -> str | None:
    """The path as a str, or None for a file descriptor (not recorded: it was opened before)."""
    if isinstance(path, int):
        return None
    path = os.fspath(path)
    return os.fsdecode(path) if isinstance(path, bytes) else path


def _plain(value: Any) -> Any:
    """A value marshal can store (pwd entries and the like become tuples)."""
    if isinstance(value, (str, int, float, bytes, type(None), bool)):
        return value
    if isinstance(value, tuple):   # includes struct_passwd
        return tuple(_plain(v) for v in value)
    return repr(value)


# -- asking again ------------------------------------------------------------------

def ask_again(kind: str, argument: Any, env: Mapping[str, str]) -> Any:
    """The answer the question ``(kind, argument)`` gets now."""
    if kind == "stat":
        return stat_answer(argument)
    if kind == "lstat":
        return stat_answer(argument, follow=False)
    if kind == "content":
        return content_hash(argument)
    if kind == "listdir":
        return _listing(argument)
    if kind == "access":
        return os.access(*argument)
    if kind == "readlink":
        try:
            return os.fsdecode(os.readlink(argument))
        except OSError as err:
            return ("error", err.errno)
    if kind == "env":
        return env.get(argument)
    if kind == "environ":
        return tuple(sorted(env.items()))
    if kind in ("getcwd", "getuid", "geteuid", "getgid", "gethostname", "getpwuid", "getpwnam"):
        if kind in ("getpwuid", "getpwnam"):
            import pwd as owner
        elif kind == "gethostname":
            import sys

            # What the evaluation called (socket.gethostname), when loaded; else the C
            # function under it, with the same answer (socket.py costs ~3 ms to import).
            owner = sys.modules.get("socket") or __import__("_socket")
        else:
            owner = os
        try:
            return _plain(getattr(owner, kind)(*argument))
        except Exception as err:   # the same failure is the same answer
            return ("error", type(err).__name__)
    return ("unknown question", kind)   # never equal to a recorded answer: a miss


def still_valid(observations: list[Observation], env: Mapping[str, str]) -> str | None:
    """None when every question gets its recorded answer, else the first that does not."""
    for kind, argument, answer in observations:
        if kind in ("getpwuid", "getpwnam") and isinstance(argument, list):
            argument = tuple(argument)
        now = ask_again(kind, argument, env)
        if now != answer:
            return f"{kind} {argument!r} changed"
    return None
