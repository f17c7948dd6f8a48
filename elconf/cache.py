"""The evaluated-state cache: an init file's state kept between runs, never stale.

``elsend`` is started once per message, and a real init file (thousands of
lines, plus what it loads) takes far longer to evaluate than a send takes.
So the whole state the evaluation leaves behind — the interpreter with its
variables, origins, functions, hooks, features and diagnostics, exactly
what :func:`elconf.config.load_config` returns — is pickled once and
reused, as long as nothing the evaluation consulted has changed.

The key (see :mod:`elconf.recording`, :mod:`elconf.inputs`) is everything the evaluation
read or tested: every file with its stat answer and, when it was read, the hash of
its content; every directory listing; every environment variable it looked
at (its value, or its absence); the current directory, host name, user
ids and password entry when it asked for them; plus the command-line
options that change evaluation (``--init``, ``-q``, HOME) and a
fingerprint of elsend's own code (every file of the ``elconf`` and ``smtp``
packages with its size and mtime, and the Python version).  A later run
asks every question again; one different answer and the state is thrown
away and evaluated afresh.  An evaluation that consulted the clock,
randomness or the process id is never kept.

Where: ``$XDG_CACHE_HOME/elsend/`` (default ``~/.cache/elsend/``), one
file per init-file choice, private to the user (directory 0700, files
0600; a file owned by someone else, or writable by others, is ignored: a
pickle is code).  ``ELSEND_NO_CACHE=1`` or ``elsend --no-cache`` turns it
off; deleting the directory is always safe.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path
    from typing import Any

    from elconf.config import LoadedConfig, LoadOptions

#: Changes whenever the file layout or what is keyed changes.
FORMAT = b"ELSENDSTATE3\n"
DISABLE_VARIABLE = "ELSEND_NO_CACHE"


def cache_dir(env: Mapping[str, str], home: Path) -> Path:
    """``$XDG_CACHE_HOME/elsend``, else ``~/.cache/elsend``."""
    from pathlib import Path

    return Path(cache_dir_name(env, str(home)))


def cache_dir_name(env: Mapping[str, str], home: str) -> str:
    """:func:`cache_dir` as a string: a kept send plan's lookup does not import pathlib."""
    base = env.get("XDG_CACHE_HOME")
    root = base if base and os.path.isabs(base) else os.path.join(home, ".cache")
    return os.path.join(root, "elsend")


def _pure(path: str) -> str:
    """``str(PurePosixPath(path))`` without pathlib: empty and ``.`` parts dropped, ``..`` kept.

    The key of a state and of a send plan holds the init file's and HOME's names
    this way, whether the caller holds a Path (the evaluation) or a string (the
    plan's lookup), so that both name the same files.
    """
    root = "//" if path.startswith("//") and not path.startswith("///") else \
        "/" if path.startswith("/") else ""
    parts = [part for part in path.split("/") if part and part != "."]
    return root + "/".join(parts) if root or parts else "."


def disabled(env: Mapping[str, str]) -> bool:
    return env.get(DISABLE_VARIABLE, "") not in ("", "0")


def _package_dirs() -> tuple[str, ...]:
    import elconf
    import smtp

    return tuple(os.path.dirname(os.path.abspath(module.__file__ or ""))  # type: ignore[arg-type]
                 for module in (elconf, smtp))


def source_fingerprint() -> str:
    """elsend's own code as it is now: any edit, install or upgrade changes it."""
    from elconf.inputs import new_digest

    dirs = _package_dirs()
    installed = _installed_record(dirs)
    parts = [sys.version, repr(FORMAT)]
    if installed is not None:
        # An installed copy: its RECORD stands for every file (see _installed_record).
        parts.append(installed)
    else:
        _stat_every_file(dirs, parts)
    digest = new_digest(16)
    digest.update("\0".join(parts).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _installed_record(dirs: tuple[str, ...]) -> str | None:
    """The identity of the installation's RECORD, when the packages are an installed copy.

    pip (and every installer of wheels) writes ``elsend-VERSION.dist-info/RECORD``
    beside the packages it copies, anew on each install, upgrade or reinstall,
    and removes it on uninstall: its inode, size and times change whenever the
    code does, so one stat replaces some 190 (a send through a kept plan pays
    for this on every run).  A source tree, an editable install included, has
    no dist-info beside its packages, and keeps the stat of every file below.
    A file of an installed copy edited in place, by hand, is not seen: reinstall
    (or set ELSEND_NO_CACHE=1 while editing installed files).
    """
    from elconf import __version__

    parent = os.path.dirname(dirs[0])
    if any(os.path.dirname(top) != parent for top in dirs):
        return None
    record = os.path.join(parent, f"elsend-{__version__}.dist-info", "RECORD")
    try:
        st = os.stat(record)
    except OSError:
        return None
    return f"{record}\0{st.st_ino}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}"


def _stat_every_file(dirs: tuple[str, ...], parts: list[str]) -> None:
    """Each file of the packages, with its size and mtime, appended to ``parts``."""
    # Entries come in the directory's own order, which changes only when the
    # directory does (a changed order is a spurious miss, never a stale hit).
    for top in dirs:
        stack = [top]
        while stack:
            directory = stack.pop()
            with os.scandir(directory) as entries:
                for entry in entries:
                    if entry.is_dir():
                        if entry.name != "__pycache__":
                            stack.append(entry.path)
                        continue
                    st = entry.stat()
                    parts.append(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}")


def _identity(options: LoadOptions, home: Path) -> str:
    """Which evaluation this is: the options that change it (the environment is observed)."""
    from elconf.inputs import new_digest
    from elconf.records import fields

    # Every option but the environment (observed variable by variable), so an
    # option added to LoadOptions later is part of the key without a change here.
    chosen = {name: getattr(options, name) for name in fields(options) if name != "env"}
    if options.init is not None:   # as Path(init).absolute() names it: relative to the cwd
        init = os.fspath(options.init)
        chosen["init"] = _pure(init if init.startswith("/") else os.path.join(os.getcwd(), init))
    else:
        chosen["init"] = None
    chosen["home"] = _pure(os.fspath(home))
    text = repr(sorted((name, repr(tuple(value) if isinstance(value, list) else value))
                       for name, value in chosen.items()))
    digest = new_digest(16)
    digest.update(text.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


# -- pickling with the builtin tables by name ---------------------------------------------

def _static_objects() -> dict[int, tuple[str, str]]:
    """Objects that belong to the code, not to the state: saved as references."""
    from elconf.builtins import BUILTINS
    from elconf.special_forms import SPECIAL_FORMS

    table: dict[int, tuple[str, str]] = {id(b): ("builtin", sym.name) for sym, b in BUILTINS.items()}
    table[id(SPECIAL_FORMS)] = ("table", "special-forms")
    table[id(BUILTINS)] = ("table", "builtins")
    return table


# Python closures in the state (the evaluator keeps some as after-load thunks:
# use-package's :config, with-eval-after-load on several features) are saved by
# their code object, module and cells.  The code belongs to elsend's own source,
# which the fingerprint covers, and the Python version is part of it too.

def _new_function(code: bytes, module: str, name: str, defaults: Any, kwdefaults: Any,
                  cells: tuple) -> Any:
    import importlib
    import marshal
    import types

    function = types.FunctionType(marshal.loads(code), importlib.import_module(module).__dict__,
                                  name, defaults, cells or None)
    function.__kwdefaults__ = kwdefaults
    return function


def _new_cell() -> Any:
    import types

    return types.CellType()


def _fill_cell(cell: Any, contents: Any) -> None:
    if contents is not _EMPTY_CELL:
        cell.cell_contents = contents


class _EmptyCell:
    def __reduce__(self) -> str:
        return "_EMPTY_CELL"


_EMPTY_CELL = _EmptyCell()


def _reduce_code_objects(obj: Any) -> Any:
    """``reducer_override``: closures and their cells; everything else as pickle does it."""
    import types

    if type(obj) is types.FunctionType and "<locals>" in obj.__qualname__ or \
            type(obj) is types.FunctionType and obj.__name__ == "<lambda>":
        import marshal

        return (_new_function, (marshal.dumps(obj.__code__), obj.__module__, obj.__name__,
                                obj.__defaults__, obj.__kwdefaults__, obj.__closure__ or ()))
    if type(obj) is types.CellType:
        try:
            contents = obj.cell_contents
        except ValueError:
            contents = _EMPTY_CELL
        # The contents are saved after the cell itself is remembered, so a
        # function whose cell holds the function (recursion) does not loop.
        return (_new_cell, (), contents, None, None, _fill_cell)
    return NotImplemented


def _pickle_module() -> Any:
    """``_pickle``, the C half of :mod:`pickle`: the Python module costs ~2 ms to import."""
    try:
        import _pickle
    except ImportError:  # pragma: no cover - another Python implementation
        import pickle as _pickle
    return _pickle


def _dump(loaded: LoadedConfig) -> bytes:
    import io

    pickle = _pickle_module()

    statics = _static_objects()

    class StatePickler(pickle.Pickler):
        def persistent_id(self, obj: Any) -> Any:
            return statics.get(id(obj))

        def reducer_override(self, obj: Any) -> Any:
            return _reduce_code_objects(obj)

    interpreter = loaded.interpreter
    # Macro expansions are memoised by id() of the form: meaningless in another process.
    expansions = getattr(interpreter, "_expansions", None)
    if expansions is not None:
        interpreter._expansions = {}
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20_000))   # long lists pickle recursively
    try:
        out = io.BytesIO()
        StatePickler(out, protocol=5).dump(loaded)
        return out.getvalue()
    finally:
        sys.setrecursionlimit(limit)
        if expansions is not None:
            interpreter._expansions = expansions


def _load_state(data: bytes) -> LoadedConfig:
    import gc
    import io

    from elconf.builtins import BUILTINS
    from elconf.special_forms import SPECIAL_FORMS
    from elconf.types import intern

    tables = {"special-forms": SPECIAL_FORMS, "builtins": BUILTINS}

    pickle = _pickle_module()

    class StateUnpickler(pickle.Unpickler):
        def persistent_load(self, pid: Any) -> Any:
            kind, name = pid
            return BUILTINS[intern(name)] if kind == "builtin" else tables[name]

    # Tens of thousands of objects, none of them garbage: collecting while they
    # are made would only walk them again and again.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return StateUnpickler(io.BytesIO(data)).load()
    finally:
        if was_enabled:
            gc.enable()


# -- the file -------------------------------------------------------------------------------

def _private(path: str | Path) -> bool:
    """Owned by us and writable by nobody else (a pickle runs code when loaded)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def read_kept(path: str | Path, fingerprint: str, env: Mapping[str, str]) -> tuple[bytes | None, list, str]:
    """A kept file's payload while every recorded question gets its recorded answer.

    Returns (payload, observations, "") on a hit, else (None, [], why it missed).
    Shared by the state (here) and the send plans (:mod:`smtp.fastpath`).
    """
    import marshal

    from elconf.inputs import still_valid

    if not (_private(os.path.dirname(path)) and _private(path)):
        return None, [], "no cached state"
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None, [], "no cached state"
    if not data.startswith(FORMAT):
        return None, [], "another format"
    try:
        size = int.from_bytes(data[len(FORMAT):len(FORMAT) + 4], "big")
        start = len(FORMAT) + 4
        stored_fingerprint, observations = marshal.loads(data[start:start + size])
    except (ValueError, EOFError, TypeError):
        return None, [], "unreadable"
    if stored_fingerprint != fingerprint:
        return None, [], "elsend's code changed"
    why = still_valid(observations, env)
    if why:
        return None, [], why
    return data[start + size:], observations, ""


def _read(path: Path, fingerprint: str, env: Mapping[str, str]) -> tuple[Any, list, str]:
    """(the state, its observations, "") on a hit, else (None, [], why it missed)."""
    data, observations, why = read_kept(path, fingerprint, env)
    if data is None:
        return None, [], why
    try:
        return _load_state(data), observations, ""
    except Exception as err:  # noqa: BLE001 - a damaged file is only a miss
        return None, [], f"unreadable ({type(err).__name__})"


def write_kept(path: str | Path, fingerprint: str, observations: list, payload: bytes) -> None:
    """Keep ``payload`` under its key (private directory and file, replaced atomically)."""
    from pathlib import Path

    _write(Path(path), fingerprint, observations, payload)


def _write(path: Path, fingerprint: str, observations: list, state: bytes) -> None:
    import marshal

    header = marshal.dumps((fingerprint, observations))
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _private(path.parent):
        return
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(FORMAT + len(header).to_bytes(4, "big") + header + state)
        os.replace(temporary, path)
    except BaseException:
        with _suppress():
            os.unlink(temporary)
        raise


class _suppress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, *_rest: Any) -> bool:
        return kind is not None and issubclass(kind, OSError)


# -- the entry point ---------------------------------------------------------------------

class CacheReport:
    """What the cache did on this run (for --debug and the tests)."""

    def __init__(self) -> None:
        self.hit = False
        self.saved = False
        self.why = ""          # why it missed or was not saved
        self.path: Path | None = None
        #: The key of the state returned (what its evaluation consulted), when it
        #: is kept or could be: what a send plan built on it adds its own to.
        self.observations: list | None = None
        self.fingerprint = ""
        self.outside: dict | None = None   # the environment the key was taken in
        #: The state returned was kept after a send's send-time loads (keep_after_loads).
        self.after_loads = False


def load_config_cached(options: LoadOptions, *, use_cache: bool = True,
                       report: CacheReport | None = None, after_loads: str | None = None) -> LoadedConfig:
    """:func:`elconf.config.load_config`, through the cache when it can be trusted.

    ``after_loads`` (a send's door, :func:`smtp.fastpath.door_key`): a state
    kept after that door's send-time loads (:func:`keep_after_loads`) is
    returned first when every question of its key gets the same answer.
    """
    from elconf.config import load_config, resolve_home
    from elconf.records import replace

    report = report if report is not None else CacheReport()
    env = report.outside = dict(os.environ if options.env is None else options.env)
    if not use_cache or disabled(env):
        report.why = "disabled"
        return load_config(options)
    home = resolve_home(options, env)
    path = cache_dir(env, home) / f"state-{_identity(options, home)}"
    report.path = path
    fingerprint = report.fingerprint = source_fingerprint()
    if after_loads is not None:
        state, observations, _why = _read(_after_loads_path(path, after_loads), fingerprint, env)
        if state is not None:
            report.hit = report.after_loads = True
            report.observations = observations
            _restore_environment(state, env, home)
            return state
    state, observations, report.why = _read(path, fingerprint, env)
    if state is not None:
        report.hit = True
        report.observations = observations
        _restore_environment(state, env, home)
        return state
    from elconf.inputs import still_valid
    from elconf.recording import RecordingEnv, recording

    with recording(ignore_under=_package_dirs()) as recorder:
        loaded = load_config(replace(options, env=RecordingEnv(env, env)))
    kept_env = loaded.interpreter.env
    loaded.env_writes = kept_env.writes() if isinstance(kept_env, RecordingEnv) else {}
    if recorder.uncacheable:
        report.why = "the evaluation consulted " + ", ".join(sorted(set(recorder.uncacheable)))
        return loaded
    observations = recorder.observations_list()
    # Anything that changed while we evaluated: the state may mix old and new.
    changed = still_valid(observations, env)
    if changed:
        report.why = f"{changed} during the evaluation"
        return loaded
    try:
        _write(path, fingerprint, observations, _dump(loaded))
        report.saved = True
        report.observations = observations
    except Exception as err:  # noqa: BLE001 - a cache that cannot be written is only slower
        report.why = f"not saved: {type(err).__name__}: {err}"
    return loaded


def _after_loads_path(state_path: Path, door: str) -> Path:
    return state_path.with_name(f"{state_path.name}-{door}")


def keep_after_loads(loaded: LoadedConfig, report: CacheReport, door: str, observations: list,
                     env: Mapping[str, str]) -> bool:
    """Keep ``loaded`` as it is after a send's send-time loads (message.el, smtpmail ...).

    For a configuration that runs Lisp on each message (a ``message-send-hook``,
    a function in ``message-server-alist``), no send plan can serve; the next
    send then starts from this state instead of loading those libraries again.
    ``observations`` are the state's questions plus those the loads asked
    (:class:`smtp.fastpath.SendTimeLoads`): the same key a plan would have.
    The caller checks that a send starting from this state decides as the
    one that made it did.  False when nothing was kept.
    """
    from elconf.inputs import still_valid
    from elconf.recording import RecordingEnv

    if report.path is None or report.after_loads or still_valid(observations, env):
        return False
    interpreter = loaded.interpreter
    kept_env, earlier = interpreter.env, getattr(loaded, "env_writes", {})
    # The loads' setenvs too (after-load bodies): replayed over the next run's environment.
    writes = {**earlier, **(kept_env.writes() if isinstance(kept_env, RecordingEnv) else {})}
    interpreter.env, loaded.env_writes = dict.copy(kept_env), writes
    try:
        _write(_after_loads_path(report.path, door), report.fingerprint, observations, _dump(loaded))
    except Exception:  # noqa: BLE001 - a state that cannot be kept is only slower
        return False
    finally:
        interpreter.env, loaded.env_writes = kept_env, earlier
    return True


def _restore_environment(loaded: LoadedConfig, env: Mapping[str, str], home: Path) -> None:
    """The restored interpreter's environment: this run's, with the init file's ``setenv``s.

    The pickled one is the environment of the run that evaluated, and only the
    variables the evaluation read are in the key: what loads later (smtpmail's
    default server from ``$SMTPSERVER``, at send time) must see today's values.
    """
    from elconf.recording import replay_writes

    current = replay_writes(env, getattr(loaded, "env_writes", {}))
    current.setdefault("HOME", str(home))     # as load_config sets it
    loaded.interpreter.env = current
