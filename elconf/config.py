"""The configuration as Emacs 28.2 would hold it after start-up: the API the rest uses.

::

    from elconf.config import LoadOptions, load_config

    config = load_config(LoadOptions())          # discover the init files as Emacs does
    config.load_for_sending("smtpmail-send-it")  # what the first send loads (autoloads)
    send = config.send_config()                  # smtp.config.SendConfig, plain Python

:func:`load_config` replays start-up: the preloaded library models
(``emacs -Q``), the early init file, ``~/.emacs`` or ``init.el``, the
``mail-host-address`` fix-up Emacs does after the init file, the
``after-init-hook`` and ``emacs-startup-hook``, idle-deferred loads, then the
features asked for with ``--require``.  An error in an init file stops that
file only (Emacs shows a warning and carries on), and is kept as a
diagnostic with its place.  Nothing here prints: the commands decide.
"""

from __future__ import annotations

import os

from elconf.diagnostics import Diagnostic
from elconf.options import LoadOptions  # noqa: F401 - re-exported: the API's options
from elconf.types import NIL, UNBOUND, Symbol, intern

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:  # imported lazily: start-up time of the command lines matters
    from collections.abc import Mapping
    from pathlib import Path
    from typing import Any

    from elconf.interpreter import Interpreter
    from elconf.store import VariableStore
    from smtp.config import SendConfig


class InitFileNotFound(FileNotFoundError):
    """``--init FILE`` names a file that does not exist (exit 66, EX_NOINPUT)."""


def _refuse_unreadable(path: Path) -> None:
    """Raise :class:`InitFileNotFound` (exit 66) when ``path`` exists but cannot be opened.

    Emacs's start-up loads the init file with ``noerror``, so an init file it may not read
    (mode 000, another user's) is skipped without a word and Emacs starts with the defaults;
    elconf and elsend stop and say so instead, since settings silently missing would send
    from the wrong account or server.
    """
    try:
        with open(path, "rb"):
            pass
    except OSError as error:
        raise InitFileNotFound(f"{path}: cannot read the init file: {error.strerror or error} "
                               "(Emacs would skip it without a word and start without it)") from None


def not_a_file_reason(path: Path) -> str:
    """Why ``path`` cannot be read as an init file, in a few words (it is not a regular file).

    A FIFO or ``/dev/zero`` would block or never end, so they are refused before any read;
    the words say which of the cases it is, since "no such file" for an existing FIFO or a
    symbolic-link loop sends the user looking in the wrong place.
    """
    import errno
    import stat

    try:
        mode = path.stat().st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a loop of symbolic links"
        if error.errno == errno.ENOENT:
            return "no such file"
        return error.strerror or str(error)
    if stat.S_ISDIR(mode):
        return "is a directory: give the init file in it"
    kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "a special file")
    return f"not a regular file ({kind})"


#: Send functions whose library is not found through an autoload of that
#: function name (message.el's wrappers, and the defaults that follow
#: ``send-mail-function``).
_SEND_FUNCTION_LIBRARY: dict[str, str] = {
    "smtpmail-send-it": "smtpmail",
    "smtpmail-send-queued-mail": "smtpmail",
    "sendmail-send-it": "sendmail",
    "sendmail-query-once": "sendmail",
    "feedmail-send-it": "feedmail",
    "mailclient-send-it": "mailclient",
}

#: Kind of the Origin recorded for libraries loaded by the first send.
SEND_TIME = "autoload at send time"


class LoadedConfig:
    """The evaluated configuration: values, where they came from, what went wrong."""

    def __init__(self, interpreter: "Interpreter", init_files: list[Path],
                 diagnostics: list[Diagnostic]) -> None:
        self.interpreter = interpreter
        self.store: VariableStore = interpreter.store
        self.init_files = init_files
        # Discovery notes first, then everything the interpreter reported.
        self._extra = diagnostics
        #: Errors raised while the first send loaded its libraries (an
        #: after-load body that fails): in Emacs that send fails with the error.
        self.send_time_errors: list[Diagnostic] = []

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [*self._extra, *self.interpreter.diagnostics]

    def get(self, name: str) -> Any:
        """The value a fresh mail buffer sees (the default value), or UNBOUND."""
        return self.store.get(name)

    def is_bound(self, name: str) -> bool:
        return self.store.get(name) is not UNBOUND

    def send_function(self) -> str | None:
        """The name of the function ``send-mail-function`` holds (None if not a symbol)."""
        value = self.get("send-mail-function")
        return value.name if isinstance(value, Symbol) and value is not NIL else None

    def load_for_sending(self, send_function: str | None = None) -> list[str]:
        """Load what the first send through ``send_function`` would load in Emacs.

        ``smtpmail-send-it`` is an autoload, so calling it loads smtpmail.el
        (and with it the defaults of every smtpmail variable not yet bound);
        a ``message-*`` function means message.el is already loaded; the
        default of ``message-send-mail-function`` follows ``send-mail-function``.
        For smtpmail, the connection libraries (network-stream, nsm, gnutls)
        load too, as the first connection loads them.
        Returns the features newly loaded, in order.
        """
        name = send_function or self.send_function()
        before = list(self.interpreter.features)
        seen: set[str] = set()
        while name and name not in seen:
            seen.add(name)
            alias = self.interpreter.functions.get(intern(name))
            if isinstance(alias, Symbol) and alias is not NIL and self._library_of(name) is None:
                name = alias.name          # (defalias 'my-send #'smtpmail-send-it)
                continue
            feature = self._library_of(name)
            if feature and feature not in self.interpreter.features:
                self._require_at_send_time(feature, self._send_origin(name))
            if name == "smtpmail-send-it":
                self._load_connection_libraries()
                break
            if name == "message--default-send-mail-function":
                name = self.send_function()   # message.el defers to send-mail-function
            elif name == "message-smtpmail-send-it":
                name = "smtpmail-send-it"
            else:
                break
        return [f for f in self.interpreter.features if f not in before]

    def _load_connection_libraries(self) -> None:
        """smtpmail connects with ``open-network-stream`` (network-stream.el,
        which requires nsm); TLS, unless the stream type is ``plain``, goes
        through ``gnutls-negotiate`` (gnutls.el).  Both load at send time."""
        from elconf.store import Origin

        steps = [("network-stream", "open-network-stream")]
        stream = self.get("smtpmail-stream-type")
        if not (isinstance(stream, Symbol) and stream.name == "plain"):
            steps.append(("gnutls", "gnutls-negotiate"))
        for feature, function in steps:
            if feature not in self.interpreter.features:
                self._require_at_send_time(feature, Origin(SEND_TIME, None, None, None, library=function))

    def _require_at_send_time(self, feature: str, origin: Any) -> None:
        from elconf.errors import LimitExceeded, LispSignal

        try:
            # Fresh step and depth counters: a runaway init file that used them up
            # must not make the libraries' own defcustoms fail (or escape as a crash).
            self.interpreter.protect(lambda: self.interpreter.require(feature, origin))
        except LispSignal as exc:
            diag = Diagnostic(exc.file, exc.line, exc.col, "error",
                              f"loading {feature} at send time fails: {exc.message()} "
                              "(in Emacs the send fails with this error)", rule="send-time-load-error")
            self.send_time_errors.append(diag)
            self._extra.append(diag)
        except LimitExceeded as exc:   # an after-load body that runs away
            diag = Diagnostic(exc.file, exc.line, exc.col, "error",
                              f"loading {feature} at send time stopped: sandbox {exc}",
                              rule="limit-exceeded")
            self.send_time_errors.append(diag)
            self._extra.append(diag)

    def _library_of(self, function: str) -> str | None:
        if function in _SEND_FUNCTION_LIBRARY:
            return _SEND_FUNCTION_LIBRARY[function]
        if function.startswith("message-") or function == "message--default-send-mail-function":
            return "message"
        autoloads = getattr(self.interpreter, "autoloads", {}) or {}
        return autoloads.get(function)

    @staticmethod
    def _send_origin(function: str) -> Any:
        from elconf.store import Origin

        return Origin(SEND_TIME, None, None, None, library=function)

    def send_config(self) -> "SendConfig":
        """The settings the sender reads (call :meth:`load_for_sending` first)."""
        from smtp.config import SendConfig

        return SendConfig.from_loaded(self)

    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def resolve_home(options: LoadOptions, env: Mapping[str, str]) -> Path:
    from pathlib import Path   # not at the top: a kept send plan's lookup imports LoadOptions only

    if options.home is not None:
        return Path(options.home)
    if env.get("HOME"):
        return Path(env["HOME"])
    return Path.home()


def _limits_from(env: Mapping[str, str], notes: list[Diagnostic]) -> Any:
    """The sandbox limits, as ``ELCONF_LIMITS`` changes them (None: the defaults)."""
    text = env.get("ELCONF_LIMITS")
    if not text:
        return None
    from elconf.limits import parse_limits

    try:
        return parse_limits(text)
    except ValueError as err:
        notes.append(Diagnostic(None, None, None, "error",
                                f"ELCONF_LIMITS ignored, the default limits apply: {err}",
                                "bad-limits", hint='e.g. ELCONF_LIMITS="max_seconds=5,max_steps=1000000"'))
        return None


def load_config(options: LoadOptions | None = None) -> LoadedConfig:
    """Evaluate the user's init files as Emacs 28.2 start-up would.

    Raises :class:`InitFileNotFound` when ``options.init`` does not exist.
    """
    from pathlib import Path

    from elconf.discovery import discover
    from elconf.interpreter import Interpreter

    options = options or LoadOptions()
    source = os.environ if options.env is None else options.env
    # An elconf.recording.RecordingEnv (the state cache's) stays one: its reads are the cache key.
    env = source.recording_copy() if hasattr(source, "recording_copy") else dict(source)
    home = resolve_home(options, env)
    env.setdefault("HOME", str(home))

    notes: list[Diagnostic] = []
    files: list[tuple[str, Path]] = []
    framework: dict[str, Any] = {}
    if options.init is not None:
        # Relative to the current directory, as a shell user means it (not to HOME,
        # which Emacs's default-directory would be while loading).
        init = Path(options.init).absolute()
        if not init.is_file():
            reason = not_a_file_reason(init)
            raise InitFileNotFound(f"{init}: " + ("no such init file" if reason == "no such file"
                                                  else f"cannot be the init file: {reason}"))
        files.append(("init", init))
    elif not options.no_init:
        found = discover(home, env)
        notes.extend(found.diagnostics)
        files.extend((f.role, f.path) for f in found.files)
        framework = {"framework": found.framework, "core": found.framework_core,
                     "init_directory": found.init_directory}

    interpreter = Interpreter(home=home, env=env, limits=_limits_from(env, notes))
    interpreter.stop_at_any_error = options.stop_at_any_error
    interpreter.startup()
    _set_user_emacs_directory(interpreter, home, env)
    loaded: list[Path] = []
    from elconf.frameworks.startup import Startup

    start = Startup(interpreter, **framework)    # package.el activation, Doom, Spacemacs
    start.before_files()
    for role, path in files:
        start.before_file(role, path)
        _set_startup_variable(interpreter, "user-init-file", str(path))
        _refuse_unreadable(path)
        interpreter.load_file(path)
        loaded.append(path)
        if interpreter.killed is not None:
            break                  # kill-emacs: Emacs has exited, nothing else runs
        if role == "early-init":
            _set_startup_variable(interpreter, "early-init-file", str(path))
        start.after_file(role, path)
    if files and interpreter.killed is None:
        start.after_files()
        _mail_host_address_fixup(interpreter)
        for hook in ("after-init-hook", "emacs-startup-hook"):
            _run_hook(interpreter, hook)
        run_after_init = getattr(interpreter, "run_after_init", None)
        if options.idle_timers and run_after_init is not None:
            run_after_init()
    for feature in options.require:
        _guarded(interpreter, lambda f=feature: interpreter.require(f, _require_origin(f)))
    return LoadedConfig(interpreter, loaded, notes)


def _require_origin(feature: str) -> Any:
    from elconf.store import Origin

    return Origin("--require", None, None, None, library=feature)


def _set_startup_variable(interpreter: "Interpreter", name: str, value: Any) -> None:
    from elconf.store import Origin

    interpreter.store.set(name, value, Origin("startup", None, None, None, library="emacs"))


def _set_user_emacs_directory(interpreter: "Interpreter", home: Path,
                              env: Mapping[str, str]) -> None:
    """``user-emacs-directory`` as start-up computes it: the XDG directory when
    neither ~/.emacs.d nor ~/.emacs exists and it does (written as Emacs
    writes it: ``~/.config/emacs/``, or ``$XDG_CONFIG_HOME/emacs/``)."""
    from elconf.discovery import init_directory

    _directory, is_xdg = init_directory(home, env)
    if not is_xdg:
        value = "~/.emacs.d/"
    elif env.get("XDG_CONFIG_HOME"):
        value = env["XDG_CONFIG_HOME"] + "/emacs/"
    else:
        value = "~/.config/emacs/"
    if interpreter.store.get("user-emacs-directory") != value:
        _set_startup_variable(interpreter, "user-emacs-directory", value)


def _guarded(interpreter: "Interpreter", thunk: Any) -> None:
    """Run ``thunk``; a Lisp error becomes a diagnostic, as Emacs would show a warning."""
    from elconf.errors import LimitExceeded, LispSignal

    try:
        thunk()
    except LispSignal as exc:
        interpreter.diagnostics.append(Diagnostic(
            exc.file, exc.line, exc.col, "error", exc.message(), rule="lisp-error"))
    except LimitExceeded as exc:   # e.g. a runaway hook or after-load body
        interpreter.diagnostics.append(Diagnostic(
            exc.file, exc.line, exc.col, "error", f"sandbox {exc}", rule="limit-exceeded"))


def _run_hook(interpreter: "Interpreter", hook: str) -> None:
    value = interpreter.store.get(hook)
    if value is UNBOUND or value is NIL:
        return
    _guarded(interpreter, lambda: interpreter.call_function("run-hooks", intern(hook)))


def _mail_host_address_fixup(interpreter: "Interpreter") -> None:
    """After the init file, Emacs recomputes ``user-mail-address`` if the init
    file set ``mail-host-address`` but left the address at its start-up value."""
    host = interpreter.store.get("mail-host-address")
    if not isinstance(host, str):
        return
    current = interpreter.store.get("user-mail-address")
    env_email = interpreter.env.get("EMAIL")
    if env_email is not None:
        return  # the default came from $EMAIL, which mail-host-address does not change
    try:
        login = interpreter.call_function("user-login-name")
        system = interpreter.call_function("system-name")
    except Exception:  # noqa: BLE001 - a missing builtin must not stop start-up
        return
    if isinstance(current, str) and current == f"{login}@{system}":
        from elconf.store import Origin

        interpreter.store.set("user-mail-address", f"{login}@{host}",
                              Origin("startup", None, None, None, library="emacs"))
