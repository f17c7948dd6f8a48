"""What an evaluation read from outside: the key of the evaluated-state cache.

:mod:`elconf.cache` keeps the state an init file left behind between runs
and may reuse it only while everything the evaluation consulted is as it
was.  This module records that: while a :class:`Recorder` is active
(``with recording() as rec:``), the few operating-system calls through which
Python code can look outside are wrapped, so whatever builtin makes them —
ours, or one added tomorrow — is seen without being changed:

===========================================  ===============================================
call                                         recorded as
===========================================  ===============================================
``os.stat``/``os.lstat`` (``Path.exists``,   the answer: missing, or type, size, mtime (ns),
``is_file``, ``os.path.isdir``...)            mode and owner (a directory: no size or mtime)
``open``, ``io.open``, ``os.open``           the file's content hash (and its stat answer)
``os.listdir``, ``os.scandir``               the sorted names (with their types)
``os.access``                                the answer
``os.readlink``                              the link's text
``os.getcwd``, ``socket.gethostname``,       the value
``os.getuid``/``getgid``/``geteuid``,
``pwd.getpwuid``/``getpwnam``
the interpreter's environment (ip.env)       each variable read, with its value or absence
                                             (iterating the whole environment keys on all of it)
``time.time``/``localtime``..., ``random``,  nothing can be kept: the evaluation depends on
``os.getpid``, ``os.urandom``; a first       something that changes by itself (uncacheable)
import of random, uuid, secrets, datetime
===========================================  ===============================================

A builtin that consults the outside some other way (a C extension, a
subprocess) must call :func:`note_uncacheable` — or :func:`note_value` with
what it saw.  Nothing is wrapped when no recorder is active, so the
ordinary path pays nothing.

The record is a list of *observations*, each a tuple ``(kind, argument,
answer)`` of plain values (``marshal`` stores it); :func:`elconf.inputs.still_valid`
asks each question again and compares (a module of its own, so that a send
through a kept plan imports none of this).
"""

from __future__ import annotations

import os

from elconf.inputs import (Observation, _fs_path, _listing, _plain, content_hash, new_digest,
                           stat_answer)

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from typing import Any

_active: "Recorder | None" = None


class Recorder:
    """The observations of one evaluation, and whether any of it cannot be kept."""

    def __init__(self, ignore_under: tuple[str, ...] = ()) -> None:
        #: Paths under these directories (elconf's own package data, keyed by the
        #: source fingerprint already) are not recorded.
        self.ignore_under = ignore_under
        self.observations: dict[tuple, tuple] = {}
        self.uncacheable: list[str] = []

    def _ignored(self, path: str) -> bool:
        return path.startswith(self.ignore_under) if self.ignore_under else False

    def note(self, kind: str, argument: Any, answer: Any) -> None:
        """Keep the first answer to each question (later ones follow from it)."""
        self.observations.setdefault((kind, argument), answer)

    def note_path(self, path: Any, follow: bool = True) -> None:
        name = _fs_path(path)
        if name is None or self._ignored(os.path.abspath(name)):
            return
        key = os.path.abspath(name)
        self.note("stat" if follow else "lstat", key, stat_answer(key, follow))

    def note_read(self, path: Any) -> None:
        name = _fs_path(path)
        if name is None:
            return
        key = os.path.abspath(name)
        if self._ignored(key):
            return
        self.note("stat", key, stat_answer(key))
        self.note("content", key, content_hash(key))

    def note_listing(self, path: Any) -> None:
        name = _fs_path(path if path is not None else ".")
        if name is None:
            return
        key = os.path.abspath(name)
        if not self._ignored(key):
            self.note("listdir", key, _listing(key))

    def observations_list(self) -> list[Observation]:
        return [(kind, argument, answer) for (kind, argument), answer in self.observations.items()]


def note_uncacheable(why: str) -> None:
    """The evaluation consulted something that changes by itself: do not keep its state."""
    if _active is not None:
        _active.uncacheable.append(why)


def note_value(kind: str, argument: Any, answer: Any) -> None:
    """Record a value a builtin saw that :func:`still_valid` knows how to ask again."""
    if _active is not None:
        _active.note(kind, argument, answer)


# -- the wrappers --------------------------------------------------------------------

class RecordingEnv(dict):
    """The interpreter's environment: every read of a variable is an observation.

    Reads answer from the dict itself (a ``setenv`` in the init file changes
    it); the observation is the *outside* value, taken from ``outside``.
    """

    def __init__(self, data: Mapping[str, str], outside: Mapping[str, str]) -> None:
        super().__init__(data)
        self._outside = dict(outside)
        #: The variables the evaluation set or removed (``setenv``): a kept state
        #: replays them over the environment of the run that reuses it.
        self.written: set[str] = set()

    def writes(self) -> dict[str, str | None]:
        """What the evaluation changed: each variable it wrote, with its value now (None: removed)."""
        return {key: super(RecordingEnv, self).get(key) for key in self.written}

    def __setitem__(self, key: Any, value: Any) -> None:
        self.written.add(key)
        super().__setitem__(key, value)

    def __delitem__(self, key: Any) -> None:
        self.written.add(key)
        super().__delitem__(key)

    def _seen(self, key: Any) -> None:
        if _active is not None and isinstance(key, str):
            _active.note("env", key, self._outside.get(key))

    def _seen_all(self) -> None:
        if _active is not None:
            _active.note("environ", "", tuple(sorted(self._outside.items())))

    def __getitem__(self, key: Any) -> Any:
        self._seen(key)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._seen(key)
        return super().get(key, default)

    def __contains__(self, key: Any) -> bool:
        self._seen(key)
        return super().__contains__(key)

    def pop(self, key: Any, *default: Any) -> Any:
        self._seen(key)
        self.written.add(key)
        return super().pop(key, *default)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        self._seen(key)
        if not super().__contains__(key):
            self.written.add(key)
        return super().setdefault(key, default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        changes = dict(*args, **kwargs)
        self.written.update(changes)
        super().update(changes)

    def clear(self) -> None:
        self.written.update(super().keys())
        super().clear()

    def popitem(self) -> Any:
        key, value = super().popitem()
        self.written.add(key)
        return key, value

    def __iter__(self) -> Iterator[str]:
        self._seen_all()
        return super().__iter__()

    def keys(self) -> Any:
        self._seen_all()
        return super().keys()

    def values(self) -> Any:
        self._seen_all()
        return super().values()

    def items(self) -> Any:
        self._seen_all()
        return super().items()

    def copy(self) -> dict:
        self._seen_all()
        return dict(super().items())

    def recording_copy(self) -> "RecordingEnv":
        """A copy that records too (load_config and the interpreter copy their env)."""
        copy = RecordingEnv(dict(super().items()), self._outside)
        copy.written = set(self.written)
        return copy

    def __reduce__(self) -> Any:
        # Pickled as a plain dict: the restored state records nothing.
        return (dict, (dict(super().items()),))


def replay_writes(env: Mapping[str, str], writes: Mapping[str, str | None]) -> dict[str, str]:
    """``env`` (this run's environment) with an evaluation's ``setenv`` changes on top.

    A kept state must not carry the environment of the run that evaluated:
    only the variables the evaluation read are part of the key, and a library
    loaded at send time (smtpmail's ``(getenv "SMTPSERVER")``) reads others.
    """
    result = dict(env)
    for key, value in writes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def _wrap_stat(original: Any, follow: bool) -> Any:
    def stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        if _active is not None:
            _active.note_path(path, follow and kwargs.get("follow_symlinks", True))
        return original(path, *args, **kwargs)
    return stat


def _wrap_open(original: Any) -> Any:
    def open_(file: Any, *args: Any, **kwargs: Any) -> Any:
        if _active is not None:
            _active.note_read(file)
        return original(file, *args, **kwargs)
    return open_


def _wrap_listing(original: Any) -> Any:
    def listing(path: Any = None, *args: Any, **kwargs: Any) -> Any:
        if _active is not None:
            _active.note_listing(path)
        return original(path if path is not None else ".", *args, **kwargs)
    return listing


def _wrap_value(kind: str, original: Any) -> Any:
    def value(*args: Any) -> Any:
        try:
            result = original(*args)
        except Exception as err:
            if _active is not None:
                _active.note(kind, args, ("error", type(err).__name__))
            raise
        if _active is not None:
            _active.note(kind, args, _plain(result))
        return result
    return value


def _wrap_access(original: Any) -> Any:
    def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> Any:
        result = original(path, mode, *args, **kwargs)
        name = _fs_path(path)
        if _active is not None and name is not None and not args and not kwargs:
            key = os.path.abspath(name)
            if not _active._ignored(key):
                _active.note("access", (key, mode), result)
        return result
    return access


def _wrap_readlink(original: Any) -> Any:
    def readlink(path: Any, *args: Any, **kwargs: Any) -> Any:
        name = _fs_path(path)
        if _active is not None and name is not None:
            key = os.path.abspath(name)
            try:
                answer: Any = os.fsdecode(original(key))
            except OSError as err:
                answer = ("error", err.errno)
            _active.note("readlink", key, answer)
        return original(path, *args, **kwargs)
    return readlink


def _wrap_uncacheable(why: str, original: Any) -> Any:
    def changing(*args: Any, **kwargs: Any) -> Any:
        note_uncacheable(why)
        return original(*args, **kwargs)
    return changing


def _patches() -> list[tuple[Any, str, Any]]:
    """(owner, attribute, replacement) for every call the recorder wraps."""
    import builtins
    import io
    import pwd
    import socket
    import sys
    import time

    patches: list[tuple[Any, str, Any]] = [
        (os, "stat", _wrap_stat(os.stat, True)),
        (os, "lstat", _wrap_stat(os.lstat, False)),
        (os, "open", _wrap_open(os.open)),
        (builtins, "open", _wrap_open(builtins.open)),
        (io, "open", _wrap_open(io.open)),
        (os, "listdir", _wrap_listing(os.listdir)),
        (os, "scandir", _wrap_listing(os.scandir)),
        (os, "access", _wrap_access(os.access)),
        (os, "readlink", _wrap_readlink(os.readlink)),
        (os, "getcwd", _wrap_value("getcwd", os.getcwd)),
        (os, "getuid", _wrap_value("getuid", os.getuid)),
        (os, "geteuid", _wrap_value("geteuid", os.geteuid)),
        (os, "getgid", _wrap_value("getgid", os.getgid)),
        (socket, "gethostname", _wrap_value("gethostname", socket.gethostname)),
        (pwd, "getpwuid", _wrap_value("getpwuid", pwd.getpwuid)),
        (pwd, "getpwnam", _wrap_value("getpwnam", pwd.getpwnam)),
        (os, "getpid", _wrap_uncacheable("the process id", os.getpid)),
        (os, "urandom", _wrap_uncacheable("random bytes", os.urandom)),
    ]
    for name in ("time", "time_ns", "localtime", "gmtime", "ctime", "asctime", "strftime"):
        patches.append((time, name, _wrap_uncacheable("the clock", getattr(time, name))))
    random = sys.modules.get("random")   # not imported for this: a plain send has no use for it
    if random is not None:
        for name in ("random", "randint", "randrange", "choice", "getrandbits", "uniform", "shuffle"):
            patches.append((random, name, _wrap_uncacheable("random numbers", getattr(random, name))))
    return patches


#: Modules whose first import during an evaluation makes it uncacheable: they
#: were not there to be wrapped, and they exist to give changing answers.
CHANGING_MODULES = {"random": "random numbers", "uuid": "random numbers",
                    "secrets": "random numbers", "datetime": "the clock"}


class recording:
    """``with recording(ignore_under) as rec:`` — wrap the calls, collect observations.

    Not reentrant and not thread-safe: elsend evaluates on one thread, once.
    """

    def __init__(self, ignore_under: tuple[str, ...] = ()) -> None:
        self.recorder = Recorder(ignore_under)
        self._undo: list[tuple[Any, str, Any]] = []

    def __enter__(self) -> Recorder:
        global _active
        import sys

        self._absent = [name for name in CHANGING_MODULES if name not in sys.modules]
        new_digest()  # its module imported before the wrappers are in place
        if _active is not None:
            raise RuntimeError("an evaluation is already being recorded")
        for owner, name, replacement in _patches():
            self._undo.append((owner, name, getattr(owner, name)))
            setattr(owner, name, replacement)
        _active = self.recorder
        return self.recorder

    def __exit__(self, *exc: Any) -> None:
        global _active
        import sys

        self.recorder.uncacheable += [CHANGING_MODULES[name] for name in self._absent
                                      if name in sys.modules]
        _active = None
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)
        self._undo.clear()
