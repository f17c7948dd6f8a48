"""Functions of modelled libraries whose effect on settings we model.

A call first loads the library (as the autoload would in Emacs), then does
what the function does to variables.  Everything else a library defines is
opaque (``elconf.functions.LibraryFunction``).
"""

from __future__ import annotations

from elconf.builtins import Table
from elconf.types import NIL, intern

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define


def _load(ip: Any, feature: str, fname: str) -> None:
    from elconf.loading import require

    if feature not in ip.features:
        require(ip, feature, ip.here(f"autoload of {fname}"))


@define("auth-source-pass-enable")
def auth_source_pass_enable(ip: Any) -> Any:
    """Adds ``password-store`` to the front of ``auth-sources`` (once)."""
    from elconf.builtins.custom import add_to_list

    _load(ip, "auth-source-pass", "auth-source-pass-enable")
    add_to_list(ip, intern("auth-sources"), intern("password-store"))
    return NIL


@define("auth-source-forget-all-cached", "auth-source-forget", "auth-source-forget+")
def auth_source_forget(ip: Any, *_args: Any) -> Any:
    _load(ip, "auth-source", "auth-source-forget-all-cached")
    return NIL


#: The keys of the one question auth-source-search answers at init (smtpmail's own).
_SEARCH_KEYS = frozenset({":host", ":port", ":user", ":max", ":require"})


@define("auth-source-search")
def auth_source_search(ip: Any, *spec: Any) -> Any:
    """``(auth-source-search :host H :port P [:user U] [:max 1] [:require KEYS])`` at init:
    answered from the same plain files with the same rules as smtpmail's search at send
    time (:mod:`smtp.authsource`, what elsend uses), as a list of one plist ``(:host ...
    :user ... :port ... :secret ...)`` or nil.  The secret stays unknown (never read into
    a value elconf could print).  Any other question (several hosts, :max > 1, :create,
    :type, an encrypted file or another backend in ``auth-sources``) is unknown."""
    from pathlib import Path

    from elconf.types import Cons, Symbol, lisp_list
    from elconf.unknowns import Opaque

    _load(ip, "auth-source", "auth-source-search")
    unknown = ip.opaque("(auth-source-search ...)")
    if len(spec) % 2 or not all(type(k) is Symbol and k.name in _SEARCH_KEYS for k in spec[::2]):
        return unknown
    keys = {k.name: v for k, v in zip(spec[::2], spec[1::2])}
    host, port, user = keys.get(":host"), keys.get(":port"), keys.get(":user", NIL)
    if isinstance(port, int) and not isinstance(port, bool):
        port = str(port)
    wanted = keys.get(":require", NIL)
    required = [k.name[1:] for k in wanted] if type(wanted) is Cons else []
    sources = ip.store.value("auth-sources")
    files = list(sources) if type(sources) is Cons else []
    if not isinstance(host, str) or not isinstance(port, str) or keys.get(":max", 1) != 1 \
            or not (user is NIL or isinstance(user, str)) or wanted is not NIL and type(wanted) is not Cons \
            or not set(required) <= {"user", "secret", "host", "port"} or not files \
            or not all(isinstance(f, str) and not f.endswith((".gpg", ".plist", ".json"))
                       and ":" not in f for f in files):
        return unknown
    from smtp.authsource import search

    cwd = ip.store.value("default-directory")
    found = search(sources, host, port, None if user is NIL else user, home=Path(ip.home),
                   env=ip.env, require=tuple(required), pass_enabled=False,
                   cwd=Path(cwd) if isinstance(cwd, str) and cwd.startswith("/") else Path(ip.home))
    if found.error is not None:
        return unknown
    cred = found.credential
    if cred is None:
        return NIL
    if cred.host is None:               # a `default' entry: what Emacs returns is not modelled
        return unknown
    plist: list[Any] = [intern(":host"), cred.host]
    if cred.user is not None:
        plist += [intern(":user"), cred.user]
    if cred.port is not None:
        plist += [intern(":port"), cred.port]
    if cred.secret is not None:
        # In Emacs a function that returns the secret: non-nil, its value never read here.
        plist += [intern(":secret"), Opaque(f"the secret of {cred.source}:{cred.line}", true=True)]
    return lisp_list([lisp_list(plist)])
