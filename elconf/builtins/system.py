"""The environment, the user and the host, and the sandbox's refusals.

``getenv``/``setenv`` work on the interpreter's own copy of the environment
(what Emacs's ``process-environment`` would be), never on ours.  Functions
that would start a process, write or delete a file, or open a connection are
listed in :data:`SANDBOXED`: a call returns an opaque value and leaves an
info diagnostic (rule ``sandbox``).  Clock-dependent functions are opaque too,
so results never depend on when elconf runs.
"""

from __future__ import annotations

import os
import pwd

from elconf.builtins import Table
from elconf.builtins._check import check_string
from elconf.types import NIL

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define


@define("getenv", "getenv-internal")
def getenv(ip: Any, name: Any, *_frame: Any) -> Any:
    value = ip.env.get(check_string(name))
    return NIL if value is None else value


@define("setenv")
def setenv(ip: Any, name: Any, value: Any = NIL, *_substitute: Any) -> Any:
    """Changes only the interpreter's environment (Emacs's process-environment)."""
    if value is NIL:
        ip.env.pop(check_string(name), None)
    else:
        ip.env[check_string(name)] = check_string(value)
    return value


def _passwd() -> Any:
    try:
        return pwd.getpwuid(os.getuid())
    except KeyError:
        return None


def login_name(ip: Any) -> str:
    """$LOGNAME, else $USER, else the passwd entry (Emacs's init_editfns order)."""
    entry = _passwd()
    return ip.env.get("LOGNAME") or ip.env.get("USER") or (entry.pw_name if entry else "unknown")


def full_name(ip: Any) -> tuple[str, bool]:
    """(name, from the NAME environment variable?)."""
    if ip.env.get("NAME"):
        return ip.env["NAME"], True
    entry = _passwd()
    gecos = entry.pw_gecos.split(",")[0] if entry else ""
    if "&" in gecos:
        gecos = gecos.replace("&", login_name(ip).capitalize())
    return gecos or "unknown", False


@define("user-login-name")
def user_login_name(ip: Any, uid: Any = NIL) -> Any:
    return login_name(ip)


@define("user-real-login-name")
def user_real_login_name(ip: Any) -> Any:
    entry = _passwd()
    return entry.pw_name if entry else login_name(ip)


@define("user-full-name")
def user_full_name(ip: Any, uid: Any = NIL) -> Any:
    return full_name(ip)[0]


@define("user-uid", "user-real-uid")
def user_uid(ip: Any) -> Any:
    return os.getuid()


@define("system-name")
def system_name(ip: Any) -> Any:
    import socket   # here: socket (with selectors) costs a restored state's send ~5 ms to import

    return socket.gethostname()


@define("getenv-list")
def getenv_list(ip: Any) -> Any:  # pragma: no cover - convenience
    from elconf.types import lisp_list

    return lisp_list(f"{k}={v}" for k, v in ip.env.items())


# -- the sandbox ------------------------------------------------------------------

SANDBOXED = {
    "shell-command": "starts a process", "shell-command-to-string": "starts a process",
    "call-process": "starts a process", "call-process-shell-command": "starts a process",
    "process-file": "starts a process", "process-file-shell-command": "starts a process",
    "start-process": "starts a process", "start-process-shell-command": "starts a process",
    "make-process": "starts a process", "process-lines": "starts a process",
    "process-lines-ignore-status": "starts a process", "async-shell-command": "starts a process",
    "start-file-process": "starts a process", "call-process-region": "starts a process",
    "make-network-process": "opens a connection", "open-network-stream": "opens a connection",
    "url-retrieve": "opens a connection", "url-retrieve-synchronously": "opens a connection",
    "network-lookup-address-info": "opens a connection",
    "write-region": "writes a file", "write-file": "writes a file", "append-to-file": "writes a file",
    "delete-file": "deletes a file", "delete-directory": "deletes a file",
    "make-directory": "writes a file", "copy-file": "writes a file", "rename-file": "writes a file",
    "make-symbolic-link": "writes a file", "set-file-modes": "writes a file",
    "make-temp-file": "writes a file", "with-temp-file": "writes a file",
    "customize-save-variable": "writes a file", "custom-save-all": "writes a file",
    "server-start": "opens a socket",
    "insert-file-contents": "reads a file", "insert-file-contents-literally": "reads a file",
    "find-file": "reads a file", "find-file-noselect": "reads a file",
    "current-time": "depends on the clock", "current-time-string": "depends on the clock",
    "float-time": "depends on the clock", "format-time-string": "depends on the clock",
    "emacs-pid": "depends on the process", "random": "is random", "emacs-uptime": "depends on the clock",
    "run-with-idle-timer": "schedules code", "run-with-timer": "schedules code",
    "run-at-time": "schedules code",
}


#: Libraries Emacs loads before the refused call runs: the function is autoloaded from
#: them (url-retrieve from url.el, which loads url-parse and so auth-source), so they
#: are loaded even where the call then fails (no network), with their defaults.
LOADED_FIRST = {"url-retrieve": ("auth-source", "url-parse", "url"),
                "url-retrieve-synchronously": ("auth-source", "url-parse", "url")}


def _refuse(name: str, why: str) -> Any:
    def refused(ip: Any, *_args: Any) -> Any:
        if name in LOADED_FIRST:
            from elconf.loading import require

            for feature in LOADED_FIRST[name]:
                require(ip, feature, ip.here(f"autoload of {name}"))
        ip.diagnose("info", f"{name} not run: it {why}; its value is unknown", "sandbox", once=True)
        return ip.opaque(f"({name} ...)")
    refused.__name__ = "refused_" + name.replace("-", "_")
    return refused


for _name, _why in SANDBOXED.items():
    define(_name, pass_opaque=True)(_refuse(_name, _why))


def refuse(ip: Any, name: str, *args: Any) -> Any:
    """The sandbox's answer to a call of NAME (one of SANDBOXED): an unknown value."""
    return _refuse(name, SANDBOXED[name])(ip, *args)


#: Commands whose output elconf knows without running anything: the host name,
#: which is what ``(system-name)`` returns (both are gethostname()).
_HOST_NAME_COMMANDS = {"hostname": False, "uname -n": False,
                       "hostname -s": True, "hostname --short": True}
_refuse_shell_command_to_string = _refuse("shell-command-to-string",
                                          SANDBOXED["shell-command-to-string"])


@define("shell-command-to-string", pass_opaque=True)
def shell_command_to_string(ip: Any, command: Any = NIL, *rest: Any) -> Any:
    """``(shell-command-to-string "hostname")`` (the usual per-machine switch) is the
    host name and a newline, as the command prints it; any other command is refused."""
    short = _HOST_NAME_COMMANDS.get(command.strip()) if isinstance(command, str) else None
    if short is None:
        return _refuse_shell_command_to_string(ip, command, *rest)
    name = system_name(ip)
    return (name.split(".", 1)[0] if short else name) + "\n"


@define("kill-emacs", pass_opaque=True)
def kill_emacs(ip: Any, arg: Any = NIL, *_restart: Any) -> Any:
    """Emacs exits here: nothing after this form runs (see ``KillEmacs``)."""
    from elconf.errors import KillEmacs

    raise KillEmacs(arg)
