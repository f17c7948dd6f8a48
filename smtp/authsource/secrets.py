"""Secret Service (``default``, ``"secrets:NAME"``) and macOS Keychain sources.

Emacs talks to the Secret Service over D-Bus and to the Keychain through
``/usr/bin/security``.  We use system tools: ``dbus-send`` to see whether the
service answers, ``secret-tool`` (libsecret-tools) to search it, and
``security`` on macOS.  When they are missing we behave as Emacs does without a Secret
Service: the parser refuses ``default`` (ignored with a warning) and
``"secrets:Login"`` falls through to being a file name.

Emacs 28 finds an item's secret and attributes again by its *label*, so two
items sharing a label get mixed up (the secret of one, the user of the
other); we return the item that matched.

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


SECRETS_SERVICE = "org.freedesktop.secrets"


def secrets_available(env: Mapping[str, str]) -> bool:
    """Emacs's ``secrets-enabled``: the Secret Service answers a D-Bus ping.

    Like Emacs's ``(dbus-ping :session "org.freedesktop.secrets")`` the ping
    starts the service if the bus can activate it.  We also need
    ``secret-tool`` to talk to it.
    """
    path = env.get("PATH")
    if not env.get("DBUS_SESSION_BUS_ADDRESS") or shutil.which("secret-tool", path=path) is None:
        return False
    dbus_send = shutil.which("dbus-send", path=path)
    if dbus_send is None:
        return False
    try:
        proc = subprocess.run([dbus_send, "--session", "--print-reply", "--reply-timeout=5000",
                               f"--dest={SECRETS_SERVICE}", "/org/freedesktop/secrets",
                               "org.freedesktop.DBus.Peer.Ping"],
                              capture_output=True, env=dict(env), timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0


def _ask(argv: list[str], env: Mapping[str, str]) -> tuple[str, str] | None:
    """Run a store's command line (a minute at most): its stdout and stderr as text, or
    None when it cannot run or finds nothing (a non-zero exit)."""
    try:
        proc = subprocess.run(argv, capture_output=True, env=dict(env), timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def secrets_search(collection: str, host: str, port: str, user: str | None,
                   env: Mapping[str, str]) -> dict[str, str] | None:
    """The first Secret Service item whose attributes equal host, port (and user).

    As auth-source does, attributes that are nil are left out of the
    search.  ``secret-tool search`` prints the first match: its secret on
    stdout, its ``attribute.NAME = VALUE`` lines on stderr.  It searches
    every collection, not only ``collection`` (Emacs asks that one only).
    """
    argv = ["secret-tool", "search", "--unlock", "host", host, "port", port]
    if user is not None:
        argv += ["user", user]
    output = _ask(argv, env)
    if output is None:
        return None
    item: dict[str, str] = {}
    text = output[0] + "\n" + output[1]
    for line in text.splitlines():
        key, sep, value = line.partition(" = ")
        if not sep:
            continue
        if key.startswith("attribute."):
            item[key[len("attribute."):]] = value
        elif key == "secret":
            item["secret"] = value
    return item if "secret" in item else None


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
    output = _ask(argv, env)
    if output is None:
        return None
    item: dict[str, str] = {}
    text = output[0] + output[1]
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("password: "):
            value = line[len("password: "):]
            item["secret"] = value[1:-1] if value.startswith('"') and value.endswith('"') else value
        elif line.startswith('"acct"<blob>='):
            item["user"] = line.split("=", 1)[1].strip('"')
    return item or None
