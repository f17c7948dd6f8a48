"""Decrypting ``.gpg`` credential files and ``gpg:`` tokens with the real gpg.

Emacs reads ``~/.authinfo.gpg`` through EasyPG, which runs ``gpg`` and lets
gpg-agent ask for the passphrase (pinentry).  We do the same: run the real
``gpg --decrypt`` and read the plaintext from its stdout pipe, so the
plaintext never touches the disk.  When our stdin is a terminal we let gpg
and the agent's pinentry ask there (``GPG_TTY`` is set for them); otherwise
gpg runs with ``--batch`` and fails rather than waiting for an answer that
cannot come.

A failure becomes :class:`GpgError` with gpg's own reason ("No secret key",
"Bad session key", ...), so the user learns which file and why.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

#: File names EasyPG decrypts on reading (epa-file's default regexp).
ENCRYPTED_FILE_RE = re.compile(r"\.gpg(~|\.~[0-9]+~)?\Z")


class GpgError(Exception):
    """gpg could not decrypt: ``reason`` is gpg's explanation in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_encrypted_name(name: str) -> bool:
    """True when Emacs would decrypt a file of this name transparently."""
    return ENCRYPTED_FILE_RE.search(name) is not None


def gpg_program(env: Mapping[str, str]) -> str:
    """The gpg executable (``gpg``, else ``gpg2``), as EasyPG looks for it."""
    path = env.get("PATH", os.environ.get("PATH", ""))
    for name in ("gpg", "gpg2"):
        found = shutil.which(name, path=path)
        if found:
            return found
    raise GpgError("Decryption program `gpg' not found (install gnupg)")


def _gpg_env(env: Mapping[str, str], interactive: bool) -> dict[str, str]:
    result = dict(env)
    result.setdefault("PATH", os.environ.get("PATH", "/usr/bin:/bin"))
    if interactive and "GPG_TTY" not in result:
        try:
            result["GPG_TTY"] = os.ttyname(sys.stdin.fileno())
        except OSError:
            pass
    return result


def _reason(stderr: bytes, returncode: int) -> str:
    """gpg's most telling complaint, from its stderr and status lines (``--status-fd 2``)."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    gpg_lines = [line[4:].strip() for line in lines if line.startswith("gpg:")]
    recipients = [line.split()[2] for line in lines
               if line.startswith("[GNUPG:] ENC_TO ") and len(line.split()) > 2]
    asked_pinentry = any(line.startswith("[GNUPG:] PINENTRY_LAUNCHED") for line in lines)
    for line in gpg_lines:
        if line.startswith("decryption failed:"):
            reason = "Decryption failed: " + line.split(":", 1)[1].strip()
            if asked_pinentry:
                return (reason + " (the secret key needs its passphrase and pinentry could not "
                        "ask for it: run from a terminal, or unlock the key in gpg-agent first)")
            if recipients:
                reason += " (the file is encrypted to key " + ", ".join(recipients) + ")"
            return reason
    if any("no valid OpenPGP data" in line for line in gpg_lines) or any(
            line.startswith("[GNUPG:] NODATA") for line in lines):
        return "not an encrypted file (gpg found no OpenPGP data in it)"
    if gpg_lines:
        return gpg_lines[-1]
    return f"gpg exited with status {returncode}"


def _stdin_is_tty() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


def decrypt(*, data: bytes | None = None, path: Path | None = None,
            env: Mapping[str, str]) -> bytes:
    """The plaintext of ``path`` or of ``data`` (one of them), through a pipe.

    Raises :class:`GpgError` when gpg is recipients or refuses.
    """
    interactive = _stdin_is_tty()
    argv = [gpg_program(env), "--quiet", "--no-verbose", "--status-fd", "2", "--decrypt"]
    if not interactive:
        argv.insert(1, "--batch")
    if path is not None:
        argv += ["--", str(path)]
    try:
        proc = subprocess.run(argv, input=data if data is not None else b"",
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=_gpg_env(env, interactive), check=False, timeout=600)
    except subprocess.TimeoutExpired:
        raise GpgError("gpg did not answer within 10 minutes") from None
    except OSError as exc:
        raise GpgError(f"cannot run gpg: {exc.strerror}") from None
    if proc.returncode != 0:
        raise GpgError(_reason(proc.stderr, proc.returncode))
    return proc.stdout
