"""Secret Service (``default``, ``"secrets:NAME"``) and macOS Keychain sources.

Emacs talks to the Secret Service over D-Bus and to the Keychain through
``/usr/bin/security``.  We use the same system tools: ``secret-tool``
(libsecret-tools) when a D-Bus session bus is there, and ``security`` on
macOS.  When they are missing we behave as Emacs does without a Secret
Service: the parser refuses ``default`` (ignored with a warning) and
``"secrets:Login"`` falls through to being a file name.

Where Emacs would *fail* -- a ``macos-keychain-*`` source on a system without
``/usr/bin/security`` aborts every lookup that reaches it with "Searching for
program" -- we skip the source with a note instead, so that the remaining
sources still work; the note says what Emacs would do.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping

SECURITY_PROGRAM = "/usr/bin/security"


def secrets_available(env: Mapping[str, str]) -> bool:
    """Whether a Secret Service could be reached (Emacs's ``secrets-enabled``)."""
    return bool(env.get("DBUS_SESSION_BUS_ADDRESS")) and shutil.which(
        "secret-tool", path=env.get("PATH")) is not None


def _run(argv: list[str], env: Mapping[str, str]) -> str | None:
    try:
        proc = subprocess.run(argv, capture_output=True, env=dict(env), timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout.decode("utf-8", "replace")


def secrets_search(collection: str, host: str, port: str, user: str | None,
                   env: Mapping[str, str]) -> dict[str, str] | None:
    """The first Secret Service item whose attributes equal host, port (and user).

    ``secret-tool`` searches every unlocked collection, not only
    ``collection``; the answer names the attributes it found.
    """
    argv = ["secret-tool", "search", "--all", "--unlock", "host", host, "port", port]
    if user is not None:
        argv += ["user", user]
    out = _run(argv, env)
    if not out:
        return None
    item: dict[str, str] = {}
    for line in out.splitlines():
        if line.startswith("[") and item:
            break
        key, sep, value = line.partition(" = ")
        if not sep:
            continue
        if key.startswith("attribute."):
            item[key[len("attribute."):]] = value
        elif key == "secret":
            item["secret"] = value
    return item or None


def keychain_available() -> bool:
    return shutil.which(SECURITY_PROGRAM) is not None


def keychain_search(kind: str, keychain: str, host: str, port: str, user: str | None,
                    env: Mapping[str, str]) -> dict[str, str] | None:
    """Ask ``security find-{internet,generic}-password`` as auth-source does."""
    generic = kind.endswith("generic")
    argv = [SECURITY_PROGRAM, "find-generic-password" if generic else "find-internet-password", "-g"]
    if user is not None:
        argv += ["-a", user]
    argv += ["-s", host]
    if not generic:
        argv += ["-P", port]
    if keychain != "default":
        argv.append(keychain)
    try:
        proc = subprocess.run(argv, capture_output=True, env=dict(env), timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    item: dict[str, str] = {}
    text = proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("password: "):
            value = line[len("password: "):]
            item["secret"] = value[1:-1] if value.startswith('"') and value.endswith('"') else value
        elif line.startswith('"acct"<blob>='):
            item["user"] = line.split("=", 1)[1].strip('"')
    return item or None
