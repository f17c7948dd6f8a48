"""The search itself: every backend of ``auth-sources`` in order, first match wins.

auth-source-search asks the backends one after the other and stops as soon
as one returns a match (smtpmail wants at most one), so a file after the
winning source is never read -- and a broken file *before* it fails the
whole lookup.  Each backend kind has one function here that turns a
:class:`~smtp.authsource.backends.Backend` into a credential or None,
recording what it looked at in the :class:`~smtp.authsource.Lookup`.
"""

from __future__ import annotations

import os

from elconf.types import T, intern, lisp_list
from smtp.authsource.records import DEFAULT_AUTH_SOURCES, Considered, Credential, Lookup
from smtp.authsource.backends import (Backend, describe_slot_mismatch, may_use_secrets,
                                      parse_auth_sources)

# Every send searches auth-sources, but usually finds no file at all.  The
# backends' modules (gpg and password-store start processes, the Secret
# Service talks to D-Bus) and json/base64 are imported where a source that
# needs them is actually read: together they cost several milliseconds of
# start-up that a plain send does not need.
# Names are strings (os.path) and re is imported where a gpg: token is decoded:
# pathlib and re cost every send start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path
    from typing import Any

_STANDARD_KEYS = ("host", "user", "port", "secret", "smtp-auth")


class SourceError(Exception):
    """A backend failed the way Emacs fails: the lookup stops with this reason."""

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.source = source
        self.reason = reason
        self.line = line


class _Context:
    def __init__(self, lookup: Lookup, host: str, port: str, user: str | None, *,
                 home: str | Path, env: Mapping[str, str], require: tuple[str, ...],
                 cwd: str | Path, pass_store: str | None, pass_separator: str) -> None:
        self.lookup = lookup
        self.host, self.port, self.user = host, port, user
        self.home, self.env, self.require, self.cwd = home, env, require, cwd
        self.pass_store, self.pass_separator = pass_store, pass_separator

    def expand(self, name: str) -> str:
        """Emacs's expand-file-name: ``~`` is HOME, ``~USER`` that user's home, else relative to cwd."""
        if name == "~" or name.startswith("~/"):
            name = str(self.home) + name[1:]
        elif name.startswith("~"):
            import pwd

            login, _, rest = name[1:].partition("/")
            try:
                name = os.path.join(pwd.getpwnam(login).pw_dir, rest)
            except KeyError:
                pass
        return os.path.normpath(os.path.join(self.cwd, name))

    def note(self, text: str) -> None:
        self.lookup.notes.append(text)


def run_search(auth_sources: Any, host: str, port: str, user: str | None, *, home: str | Path,
               env: Mapping[str, str], require: tuple[str, ...], cwd: str | Path, pass_enabled: bool,
               pass_store: str | None, pass_separator: str) -> Lookup:
    lookup = Lookup(credential=None, considered=[], error=None, notes=[])
    if auth_sources is None:
        auth_sources = lisp_list(list(DEFAULT_AUTH_SOURCES))
    try:
        backends, warnings = parse_auth_sources(
            auth_sources, pass_enabled=pass_enabled,
            secrets_enabled=may_use_secrets(auth_sources) and _secrets_available(env))
    except TypeError as exc:  # Emacs's mapcar fails before any source is read
        lookup.error, lookup.error_source = str(exc), "auth-sources"
        return lookup
    lookup.notes.extend(warnings)
    ctx = _Context(lookup, host, port, user, home=home, env=env, require=require, cwd=cwd,
                   pass_store=pass_store, pass_separator=pass_separator)
    for backend in backends:
        label = _label(backend)
        if lookup.credential is not None:
            if backend.kind != "ignore":
                ctx.note(f"{label}: not searched (an earlier source matched)")
            continue
        mismatch = describe_slot_mismatch(backend, host, port, user)
        if mismatch:
            ctx.note(f"{label}: {mismatch}")
            continue
        searcher = _SEARCHERS.get(backend.kind)
        if searcher is None:
            continue
        try:
            lookup.credential = searcher(ctx, backend)
        except SourceError as exc:
            lookup.error, lookup.error_source, lookup.error_line = exc.reason, exc.source, exc.line
            return lookup
    return lookup


def _secrets_available(env: Mapping[str, str]) -> bool:
    from smtp.authsource import secrets

    return secrets.secrets_available(env)


def _label(backend: Backend) -> str:
    if backend.kind in ("netrc", "json", "plstore"):
        return backend.source
    if backend.kind == "ignore":
        return "(ignored source)"
    return f"{backend.kind}:{backend.source}" if backend.kind != "password-store" else "password-store"


# ---------------------------------------------------------------------------
# Files


def _read_file(ctx: _Context, backend: Backend) -> tuple[str, str] | None:
    """The decoded text of a file source, None when it does not exist."""
    path = shown = ctx.expand(backend.source)
    if not os.path.exists(path):
        ctx.note(f"{shown}: no such file (skipped, as Emacs does)")
        return None
    if os.path.isdir(path):
        raise SourceError(shown, "Read error: Is a directory")
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise SourceError(shown, f"Opening input file: {exc.strerror}") from None
    from smtp.authsource import gpg, netrc

    if gpg.is_encrypted_name(shown):
        if not data:
            raise SourceError(shown, "Opening input file: the file is empty, not encrypted "
                                     "(Emacs cannot decrypt it either)")
        try:
            data = gpg.decrypt(path=path, env=ctx.env)
        except gpg.GpgError as exc:
            raise SourceError(shown, f"Opening input file: {exc.reason}") from None
    text, notes = netrc.decode_like_emacs(data)
    for text_note in notes:
        ctx.note(f"{shown}: {text_note}")
    return path, text


_GPG_TOKEN = r"^gpg:(.+)"   # compiled (and cached) by re on first use: only netrc secrets need it


def _decode_secret(ctx: _Context, source: str, secret: str) -> str:
    """A ``gpg:BASE64`` password token is decrypted on use, as auth-source does."""
    import re

    match = re.search(_GPG_TOKEN, secret, re.MULTILINE)
    if match is None:
        return secret
    import base64
    import binascii

    from smtp.authsource import gpg

    try:
        cipher = base64.b64decode(match.group(1).strip(), validate=False)
    except (binascii.Error, ValueError):
        raise SourceError(source, "gpg token: Invalid base64 data") from None
    try:
        plain = gpg.decrypt(data=cipher, env=ctx.env)
    except gpg.GpgError as exc:
        raise SourceError(source, f"gpg token: {exc.reason}") from None
    return plain.decode("utf-8", "replace")


def _credential_from(ctx: _Context, fields: Mapping[str, Any], source: str, line: int | None,
                     obfuscated: bool = False) -> Credential:
    def text(key: str) -> str | None:
        value = fields.get(key)
        return value if isinstance(value, str) else None

    secret = text("secret")
    if secret is not None:
        if obfuscated:  # the netrc backend: only it knows gpg: tokens
            from smtp.authsource import netrc

            secret = _decode_secret(ctx, source, netrc.secret_as_returned(secret))
    host_value = fields.get("host")
    extra = {k: v for k, v in fields.items() if k not in _STANDARD_KEYS and isinstance(v, str)}
    return Credential(user=text("user"), secret=secret, host=text("host"), port=text("port"),
                      smtp_auth=text("smtp-auth"), extra=extra, source=source, line=line,
                      is_default=host_value is True)


def _search_netrc(ctx: _Context, backend: Backend) -> Credential | None:
    found = _read_file(ctx, backend)
    if found is None:
        return None
    path, text = found
    from smtp.authsource import netrc

    try:
        entries = netrc.parse(text)
    except netrc.NetrcError as exc:
        raise SourceError(str(path), f"auth-source-netrc-parse-entries: {exc}", exc.line) from None
    if not entries:
        ctx.note(f"{path}: no entries")
    for entry in entries:
        verdict = netrc.verdict(entry, ctx.host, ctx.port, ctx.user, ctx.require)
        fields = entry.normalized()
        ctx.lookup.considered.append(Considered(
            source=str(path), line=entry.line,
            host="default" if entry.is_default else _str_or_none(entry.last("machine", "host")),
            port=_str_or_none(entry.last("port", "protocol")),
            user=_str_or_none(entry.last("login", "account", "user")), verdict=verdict))
        if verdict == "match":
            if fields.get("host") != entry.last("machine", "host") and fields.get("host") is not None:
                ctx.note(f"{path}:{entry.line}: matched on machine {entry.last('machine', 'host')}, "
                         f"but Emacs answers with the later host {fields.get('host')}")
            return _credential_from(ctx, fields, str(path), entry.line, obfuscated=True)
    return None


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


_JSON_ALIASES = {"machine": "host", "login": "user", "account": "user", "protocol": "port",
                 "password": "secret"}


def _json_value(value: Any) -> Any:
    """JSON as json.el reads it: true -> t, false -> :json-false, null -> nil (None)."""
    if value is True:
        return T
    if value is False:
        return intern(":json-false")
    return value


def _search_json(ctx: _Context, backend: Backend) -> Credential | None:
    path = ctx.expand(backend.source)
    if not os.path.exists(path):
        # json-read-file does not check first: Emacs fails here.
        raise SourceError(str(path), "Opening input file: No such file or directory")
    found = _read_file(ctx, backend)
    assert found is not None
    import json

    try:
        data = json.loads(found[1], object_pairs_hook=lambda pairs: pairs)
    except json.JSONDecodeError as exc:
        raise SourceError(str(path), f"JSON error: {exc.msg}", exc.lineno) from None
    if data is None or data == []:
        return None
    if not isinstance(data, list) or isinstance(data[0], tuple):
        raise SourceError(str(path), "Wrong type argument: listp (the file must hold a JSON array)")
    for index, item in enumerate(data, start=1):
        if item is None or item == []:
            continue
        if not (isinstance(item, list) and all(isinstance(p, tuple) for p in item)):
            raise SourceError(str(path), f"Wrong type argument: listp (element {index} is not an object)")
        fields: dict[str, Any] = {}
        for key, value in item:
            fields[_JSON_ALIASES.get(key, key)] = _json_value(value)
        verdict = _json_verdict(fields, ctx)
        ctx.lookup.considered.append(Considered(
            source=str(path), line=None, host=_str_or_none(fields.get("host")),
            port=_str_or_none(fields.get("port")), user=_str_or_none(fields.get("user")),
            verdict=f"element {index}: {verdict}"))
        if verdict == "match":
            return _credential_from(ctx, fields, str(path), None)
    return None


def _json_verdict(fields: Mapping[str, Any], ctx: _Context) -> str:
    for key, wanted in (("host", ctx.host), ("user", ctx.user), ("port", ctx.port)):
        value = fields.get(key)
        if value is None or value is T or wanted is None:
            continue
        if value != wanted or not isinstance(value, str):
            extra = " (a JSON number never equals the port string smtpmail passes)" \
                if key == "port" and isinstance(value, (int, float)) else ""
            return f"{key} differs ({value!r} is not {wanted}){extra}"
    for key in ctx.require:
        if fields.get(key) is None:
            return f"no {key} (required)"
    return "match"


def _search_plstore(ctx: _Context, backend: Backend) -> Credential | None:
    ctx.note(f"{ctx.expand(backend.source)}: plstore sources are not supported by elsend (skipped)")
    return None


# ---------------------------------------------------------------------------
# password-store, Secret Service, Keychain


def _search_pass(ctx: _Context, backend: Backend) -> Credential | None:
    store_name = ctx.pass_store or ctx.env.get("PASSWORD_STORE_DIR") or "~/.password-store"
    from pathlib import Path

    from smtp.authsource import passstore

    store = Path(ctx.expand(store_name))
    try:
        result = passstore.search(store, ctx.host, ctx.port, ctx.user, env=ctx.env,
                                  separator=ctx.pass_separator)
    except passstore.StoreError as exc:
        raise SourceError(str(store), str(exc)) from None
    for name, what in result.tried:
        ctx.lookup.considered.append(Considered(
            source=f"password-store:{name}", line=None, host=ctx.host, port=ctx.port,
            user=ctx.user, verdict=what))
    if result.entry is None:
        return None
    entry = result.entry
    return Credential(user=result.user, secret=entry.secret, host=result.host, port=result.port,
                      smtp_auth=None, extra={}, source=f"password-store:{entry.name}", line=None)


def _search_secrets(ctx: _Context, backend: Backend) -> Credential | None:
    from smtp.authsource import secrets

    item = secrets.secrets_search(backend.source, ctx.host, ctx.port, ctx.user, ctx.env)
    label = f"secrets:{backend.source}"
    ctx.lookup.considered.append(Considered(label, None, ctx.host, ctx.port, ctx.user,
                                            "match" if item else "no item with these attributes"))
    if not item:
        return None
    return Credential(user=item.get("user"), secret=item.get("secret"),
                      host=item.get("host"), port=item.get("port"), smtp_auth=item.get("smtp-auth"),
                      extra={}, source=label, line=None)


def _search_keychain(ctx: _Context, backend: Backend) -> Credential | None:
    from smtp.authsource import secrets

    label = f"{backend.kind}:{backend.source}"
    if not secrets.keychain_available():
        ctx.note(f"{label}: skipped, {secrets.SECURITY_PROGRAM} is not here (Emacs 28.2 would stop "
                 f"the lookup with \"Searching for program: No such file or directory\")")
        return None
    item = secrets.keychain_search(backend.kind, backend.source, ctx.host, ctx.port, ctx.user, ctx.env)
    ctx.lookup.considered.append(Considered(label, None, ctx.host, ctx.port, ctx.user,
                                            "match" if item else "no keychain item"))
    if not item:
        return None
    return Credential(user=item.get("user") or ctx.user, secret=item.get("secret"), host=ctx.host,
                      port=ctx.port, smtp_auth=None, extra={}, source=label, line=None)


_SEARCHERS: dict[str, Callable[[_Context, Backend], Credential | None]] = {
    "netrc": _search_netrc,
    "json": _search_json,
    "plstore": _search_plstore,
    "password-store": _search_pass,
    "secrets": _search_secrets,
    "macos-keychain-internet": _search_keychain,
    "macos-keychain-generic": _search_keychain,
}

__all__ = ["run_search", "SourceError"]
