"""auth-source-pass (password-store) as in Emacs 28.2.

How Emacs 28 picks an entry for host H, port P and user U:

1. H may carry a user or port itself (``bob@smtp.example.com:465``): it is
   read as the URL ``https://H``; a U or P given by the caller wins over
   the ones inside H.
2. Candidate entry-name suffixes are generated for H and then for each
   shorter domain (``smtp.example.com``, ``example.com``, ``com``), for
   each in the order ``U@H:P``, ``H:P/U``, ``U@H``, ``H/U``, ``H:P``,
   ``H`` (the user forms only when U is known; ``:`` is
   ``auth-source-pass-port-separator``).
3. For the first suffix that some entries end with (after a ``/`` or as
   the whole name), the entries are decrypted in store order (depth first,
   sub-directories before the files next to them, each level sorted) and
   **the first one that decrypts is used** -- in 28.2 the ``user:`` field
   does not steer the choice even though the code means it to.  An entry
   that cannot be decrypted is skipped silently.
4. The secret is the first non-empty line; ``key: value`` lines after it
   give ``user`` (else ``username``), ``port`` and ``host``.  Without them
   the answer carries the host, port and user that were asked for.

A missing store directory is an error in Emacs ("Opening directory"), as is
every other failure to list it.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from pathlib import Path

from smtp.authsource import gpg
from smtp.authsource.netrc import decode_like_emacs


class StoreError(Exception):
    """The store cannot be listed (Emacs fails the whole lookup)."""


@dataclasses.dataclass
class PassEntry:
    name: str
    secret: str | None
    fields: list[tuple[str, str]]

    def get(self, key: str) -> str | None:
        for k, v in self.fields:
            if k == key:
                return v
        if key == "user":
            return self.get("username")
        return None


def list_entries(store: Path) -> list[str]:
    """Entry names (``dir/name`` without ``.gpg``) in Emacs's directory-files-recursively order."""
    if not store.is_dir():
        raise StoreError(f"Opening directory: No such file or directory, {store}")

    def walk(directory: Path, prefix: str) -> list[str]:
        subdirs: list[str] = []
        files: list[str] = []
        try:
            names = os.listdir(directory)
        except OSError as exc:
            raise StoreError(f"Opening directory: {exc.strerror}, {directory}") from None
        # Emacs sorts completions, in which directories carry a trailing "/".
        marked = sorted((n + "/" if (directory / n).is_dir() else n) for n in names)
        for name in marked:
            if name.endswith("/"):
                leaf = name[:-1]
                if not (directory / leaf).is_symlink():
                    subdirs.extend(walk(directory / leaf, prefix + leaf + "/"))
            elif name.endswith(".gpg"):
                files.append(prefix + name[:-4])
        return subdirs + files

    return walk(store, "")


def _url_parts(host: str) -> tuple[str, str | None, str | None]:
    """(host, user, port) as url-generic-parse-url reads ``https://HOST``."""
    url = host if re.match(r".*://", host) else "https://" + host
    rest = url.split("://", 1)[1]
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    user = None
    if "@" in authority:
        userinfo, authority = authority.rsplit("@", 1)
        user = userinfo.split(":", 1)[0]
    port = None
    m = re.match(r"(.*):([0-9]*)\Z", authority)
    if m and not authority.startswith("["):
        authority, port = m.group(1), m.group(2) or None
    return authority, user, port


def entry_suffixes(host: str, user: str | None, port: str | None, separator: str = ":") -> list[str]:
    """The candidate names, most specific first (auth-source-pass--generate-entry-suffixes)."""
    labels = host.split(".")
    suffixes: list[str] = []
    for i in range(len(labels)):
        name = ".".join(labels[i:])
        if user and port:
            suffixes += [f"{user}@{name}{separator}{port}", f"{name}{separator}{port}/{user}"]
        if user:
            suffixes += [f"{user}@{name}", f"{name}/{user}"]
        if port:
            suffixes.append(f"{name}{separator}{port}")
        suffixes.append(name)
    return suffixes


def parse_contents(name: str, text: str) -> PassEntry:
    """Secret = first non-empty line; ``key: value`` lines after the first non-blank one."""
    lines = [line for line in text.split("\n") if line]
    secret = lines[0] if lines else None
    trimmed = [line.strip(" \t") for line in text.split("\n")]
    fields = []
    for line in [line for line in trimmed if line][1:]:
        if ":" in line:
            key, value = line.split(":", 1)
            fields.append((key.strip(" \t\n\r"), value.strip(" \t\n\r")))
    return PassEntry(name, secret, fields)


@dataclasses.dataclass
class PassResult:
    entry: PassEntry | None
    host: str
    port: str | None
    user: str | None
    tried: list[tuple[str, str]]     # (entry name or suffix, what happened)


def search(store: Path, host: str, port: str | None, user: str | None, *,
           env: Mapping[str, str], separator: str = ":") -> PassResult:
    """The entry Emacs 28's auth-source-pass returns for this lookup."""
    all_entries = list_entries(store)
    bare_host, url_user, url_port = _url_parts(host)
    want_user = user or url_user
    want_port = port or url_port or "443"
    tried: list[tuple[str, str]] = []
    for suffix in entry_suffixes(bare_host, want_user, want_port, separator):
        matching = [e for e in all_entries if e == suffix or e.endswith("/" + suffix)]
        if not matching:
            tried.append((suffix, "no entry with this name"))
            continue
        for name in matching:
            try:
                text, _notes = decode_like_emacs(gpg.decrypt(path=store / f"{name}.gpg", env=env))
            except gpg.GpgError as exc:
                tried.append((name, f"skipped: cannot decrypt ({exc.reason}); Emacs skips it silently"))
                continue
            entry = parse_contents(name, text)
            found_user = entry.get("user")
            note = "match"
            if want_user and found_user is not None and found_user != want_user:
                note = (f"match (its user {found_user} is not {want_user}, but Emacs 28 "
                        "takes the first entry that decrypts)")
            tried.append((name, note))
            return PassResult(entry, entry.get("host") or host, entry.get("port") or port,
                              found_user or user, tried)
    return PassResult(None, host, port, user, tried)
