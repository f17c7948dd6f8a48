"""Turning the ``auth-sources`` value into backends, as auth-source-backend-parse does.

Emacs offers every element of ``auth-sources`` to a chain of parsers and
takes the first that accepts it:

1. ``password-store`` (the symbol) -- only once auth-source-pass is loaded
   (``(auth-source-pass-enable)`` or ``(require 'auth-source-pass)``);
   otherwise the element is invalid and ignored with a warning;
2. the Secret Service: ``default``, ``"secrets:NAME"``, ``(:source (:secrets
   NAME))`` -- only when D-Bus and a Secret Service are there.  If not,
   ``"secrets:Login"`` falls through to the file parser and becomes a file
   called ``secrets:Login`` in the current directory, and ``default`` is
   invalid (ignored with a warning);
3. the macOS Keychain: ``macos-keychain-internet``, ``macos-keychain-generic``,
   ``"macos-keychain-internet:PATH"``, ``(:source (:macos-keychain-generic X))``;
4. files: a string, or ``(:source "FILE" ...)``; ``.json`` (also
   ``.json.gpg``) is read as JSON, ``.plist`` as a plstore, anything else as
   authinfo/netrc;
5. anything else is "invalid backend spec" and ignored.

Plist elements may add ``:host``, ``:user`` and ``:port``: the backend is
then only consulted when the lookup asks for exactly that value (a number
``587`` never equals the string ``"587"`` smtpmail passes, and a plist
without ``:user`` is needed when ``smtpmail-smtp-user`` is nil).
"""

from __future__ import annotations

from elconf.equality import lisp_equal
from elconf.records import record
from elconf.types import NIL, T, Cons, Symbol, Vector, intern, lisp_list
from smtp.authsource.records import file_source_kind

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


@record
class Backend:
    kind: str            # netrc, json, plstore, password-store, secrets, macos-keychain-*, ignore
    source: str          # file name as written, collection or keychain name
    spec: Any            # the auth-sources element it came from
    host: Any = T        # :host / :user / :port of a plist element (Lisp values)
    user: Any = T
    port: Any = T


def lisp_repr(value: Any) -> str:
    """Print a Lisp value for a message, as ``prin1`` would."""
    from elconf.printer import prin1_to_string

    return prin1_to_string(value)


def plist_get(plist: Any, key: str) -> Any:
    """Emacs's ``plist-get``: never fails, NIL when absent or not a plist."""
    cell = plist
    while isinstance(cell, Cons) and isinstance(cell.cdr, Cons):
        if isinstance(cell.car, Symbol) and cell.car.name == key:
            return cell.cdr.car
        cell = cell.cdr.cdr
    return NIL


def _file_backend(source: str, spec: Any) -> Backend:
    return Backend(file_source_kind(source), source, spec)


def _after_prefix(entry: Any, prefix: str) -> str | None:
    """``(match-string 1)`` of ``PREFIX\\(.+\\)`` matched at the start of ``entry``: the rest
    of its first line, None when that is empty or ``entry`` does not start so (no re:
    every send parses auth-sources, and re costs start-up time)."""
    if not (isinstance(entry, str) and entry.startswith(prefix)):
        return None
    return entry[len(prefix):].partition("\n")[0] or None


def _macos_backend(entry: Any) -> Backend | None:
    spec = entry
    for kind in ("internet", "generic"):
        name = _after_prefix(entry, f"macos-keychain-{kind}:")
        if name is not None:
            entry = lisp_list([intern(":source"),
                               lisp_list([intern(f":macos-keychain-{kind}"), name])])
    if isinstance(entry, Symbol) and entry.name in ("macos-keychain-internet", "macos-keychain-generic"):
        entry = lisp_list([intern(":source"), lisp_list([intern(":" + entry.name), intern("default")])])
    source = plist_get(entry, ":source")
    if not isinstance(source, Cons):
        return None
    generic = plist_get(source, ":macos-keychain-generic")
    internet = plist_get(source, ":macos-keychain-internet")
    if generic is NIL and internet is NIL:
        return None
    name = generic if generic is not NIL else internet
    kind = "macos-keychain-generic" if generic is not NIL else "macos-keychain-internet"
    return Backend(kind, name.name if isinstance(name, Symbol) else str(name), spec)


def _secrets_backend(entry: Any, secrets_enabled: bool) -> Backend | None:
    spec = entry
    name = _after_prefix(entry, "secrets:")
    if name is not None:
        entry = lisp_list([intern(":source"), lisp_list([intern(":secrets"), name])])
    if entry is intern("default"):
        entry = lisp_list([intern(":source"), lisp_list([intern(":secrets"), intern("default")])])
    source = plist_get(entry, ":source")
    if not isinstance(source, Cons) or plist_get(source, ":secrets") is NIL or not secrets_enabled:
        return None
    collection = plist_get(source, ":secrets")
    name = collection.name if isinstance(collection, Symbol) else str(collection)
    return Backend("secrets", name, spec)


def parse_entry(entry: Any, *, pass_enabled: bool, secrets_enabled: bool) -> tuple[Backend, str | None]:
    """One ``auth-sources`` element -> (backend, warning Emacs would print or None)."""
    backend: Backend | None = None
    if pass_enabled and entry is intern("password-store"):
        backend = Backend("password-store", "password-store", entry)
    if backend is None:
        backend = _secrets_backend(entry, secrets_enabled)
    if backend is None:
        backend = _macos_backend(entry)
    if backend is None:
        source = entry if isinstance(entry, str) else plist_get(entry, ":source")
        if isinstance(source, str):
            backend = _file_backend(str(source), entry)
    warning = None
    if backend is None:
        warning = f"auth-source-backend-parse: invalid backend spec: {lisp_repr(entry)}"
        if entry is intern("password-store"):
            warning += " (auth-source-pass is not loaded: call (auth-source-pass-enable))"
        elif entry is intern("default"):
            warning += " (no Secret Service available)"
        backend = Backend("ignore", "", entry)
    if not isinstance(entry, str):
        for key in ("host", "user", "port"):
            value = plist_get(entry, ":" + key)
            if value is not NIL:
                setattr(backend, key, value)
    return backend, warning


def may_use_secrets(value: Any) -> bool:
    """Whether some element could be a Secret Service source (asking D-Bus costs a process)."""
    items = list(value) if isinstance(value, (Cons, Vector)) else []
    for item in items:
        if item is intern("default") or (isinstance(item, str) and item.startswith("secrets:")):
            return True
        if isinstance(plist_get(item, ":source"), Cons):
            return True
    return False


def parse_auth_sources(value: Any, *, pass_enabled: bool, secrets_enabled: bool
                       ) -> tuple[list[Backend], list[str]]:
    """All backends of an ``auth-sources`` value, with the warnings Emacs prints.

    Emacs maps over the value as a sequence: a vector works like a list, a
    string is taken character by character (each an invalid source, so
    nothing is ever found), and anything else fails with TypeError worded as
    Emacs's ``wrong-type-argument``.
    """
    if value is NIL or value is None:
        return [], []
    if isinstance(value, str):
        elements: list[Any] = [ord(c) for c in value]
    elif isinstance(value, Vector):
        elements = list(value)
    elif isinstance(value, Cons):
        elements = []
        cell: Any = value
        while isinstance(cell, Cons):
            elements.append(cell.car)
            cell = cell.cdr
        if cell is not NIL:
            raise TypeError(f"Wrong type argument: listp, {lisp_repr(cell)}")
    else:
        raise TypeError(f"Wrong type argument: sequencep, {lisp_repr(value)}")
    backends: list[Backend] = []
    warnings: list[str] = []
    for entry in elements:
        backend, warning = parse_entry(entry, pass_enabled=pass_enabled,
                                       secrets_enabled=secrets_enabled)
        backends.append(backend)
        if warning:
            warnings.append(warning)
    if isinstance(value, str):
        warnings.append(f"auth-sources is the string {lisp_repr(value)}, not a list: Emacs takes it "
                        f"character by character and finds nothing; write '({lisp_repr(value)})")
    return backends, warnings


def slot_accepts(slot: Any, wanted: str | None) -> bool:
    """auth-source-search-collection for a backend's :host/:user/:port slot.

    ``wanted`` is what the lookup asks for (None for an unset
    ``smtpmail-smtp-user``, which Emacs passes as nil).
    """
    if slot is T:
        return True
    asked = NIL if wanted is None else wanted
    return lisp_equal(slot, lisp_list([asked])) or lisp_equal(slot, asked)


def describe_slot_mismatch(backend: Backend, host: str, port: str, user: str | None) -> str | None:
    """Why a plist element's :host/:port/:user keeps the backend out, or None."""
    for key, wanted in (("host", host), ("port", port), ("user", user)):
        slot = getattr(backend, key)
        if not slot_accepts(slot, wanted):
            shown = "nil" if wanted is None else f'"{wanted}"'
            return (f"not consulted: its :{key} {lisp_repr(slot)} is not {shown}"
                    + (" (a number never equals the port string smtpmail passes)"
                       if key == "port" and isinstance(slot, int) else ""))
    return None
