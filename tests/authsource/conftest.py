"""Real gpg keys and a real password-store for the credential tests.

A throwaway GNUPGHOME (short path: gpg-agent's socket name must fit) holds a
key without passphrase generated here by the real gpg; ``pass`` builds a
store with ``pass init KEYID``.  Nothing is mocked: a missing gpg or pass
fails loudly (scripts/test-all installs gnupg and pass).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

KEY_PARAMS = """\
%no-protection
Key-Type: eddsa
Key-Curve: ed25519
Subkey-Type: ecdh
Subkey-Curve: cv25519
Name-Real: elsend test
Name-Email: {email}
Expire-Date: 0
%commit
"""


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed: run scripts/test-all (it installs gnupg and pass)")
    return path


class GpgHome:
    """One GNUPGHOME with one secret key; ``encrypt`` produces data only it can read."""

    def __init__(self, directory: Path, email: str, passphrase: str | None = None) -> None:
        self.directory = directory
        self.email = email
        self.env = {"GNUPGHOME": str(directory), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                    "HOME": str(directory)}
        directory.chmod(0o700)
        params = KEY_PARAMS.format(email=email)
        if passphrase is not None:
            # A fixed, small S2K count: gpg-agent otherwise calibrates it, which
            # takes seconds on a busy machine (the protection strength is moot here).
            (directory / "gpg-agent.conf").write_text("s2k-count 65536\n")
            params = params.replace("%no-protection\n", "").replace(
                "%commit", f"Passphrase: {passphrase}\n%commit")
        self._gpg(["--pinentry-mode", "loopback", "--gen-key"], params.encode())
        out = self._gpg(["--list-keys", "--with-colons", email], b"").decode()
        self.fingerprint = next(line.split(":")[9] for line in out.splitlines() if line.startswith("fpr"))

    def _gpg(self, args: list[str], data: bytes) -> bytes:
        proc = subprocess.run([_need("gpg"), "--batch", "--quiet", *args], input=data,
                              capture_output=True, env=self.env, check=False, timeout=120)
        if proc.returncode != 0:
            raise AssertionError(f"gpg {args} failed: {proc.stderr.decode(errors='replace')}")
        return proc.stdout

    def encrypt(self, plaintext: bytes, *, armor: bool = False) -> bytes:
        args = ["--trust-model", "always", "--encrypt", "-r", self.email]
        return self._gpg((["--armor"] if armor else []) + args, plaintext)

    def stop_agent(self) -> None:
        subprocess.run(["gpgconf", "--kill", "gpg-agent"], env=self.env, check=False,
                       capture_output=True, timeout=60)


@pytest.fixture(scope="session")
def gpg_home() -> Iterator[GpgHome]:
    directory = Path(tempfile.mkdtemp(prefix="elsg"))
    home = GpgHome(directory, "test@elsend.invalid")
    yield home
    home.stop_agent()
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def other_gpg_home() -> Iterator[GpgHome]:
    """A second key the first GNUPGHOME does not have (for decryption failures)."""
    directory = Path(tempfile.mkdtemp(prefix="elso"))
    home = GpgHome(directory, "other@elsend.invalid")
    yield home
    home.stop_agent()
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def protected_gpg_home() -> Iterator[GpgHome]:
    """A key that needs a passphrase (gpg-agent has not cached it)."""
    directory = Path(tempfile.mkdtemp(prefix="elsp"))
    home = GpgHome(directory, "locked@elsend.invalid", passphrase="correct horse")
    home.stop_agent()  # forget the passphrase used while generating
    yield home
    home.stop_agent()
    shutil.rmtree(directory, ignore_errors=True)


def make_store(gpg: GpgHome, store: Path, entries: dict[str, str]) -> Path:
    """A password-store made by the real ``pass`` (init + insert -m)."""
    env = dict(gpg.env, PASSWORD_STORE_DIR=str(store))
    subprocess.run([_need("pass"), "init", gpg.fingerprint], env=env, check=True,
                   capture_output=True, timeout=120)
    for name, content in entries.items():
        subprocess.run([_need("pass"), "insert", "-m", "-f", name], input=content.encode(),
                       env=env, check=True, capture_output=True, timeout=120)
    return store
