"""No secret in anything elsend prints, logs or writes, whatever the mechanism, source or outcome.

Each run sends with ``--debug`` (the SMTP trace on stderr) and an Fcc file,
through every AUTH mechanism (PLAIN, LOGIN, CRAM-MD5, XOAUTH2) and every
credential source (``~/.authinfo``, ``~/.authinfo.gpg`` with real gpg, a
password-store made by real ``pass``, and the terminal prompt on a real
pty), with three outcomes: accepted, the credentials refused (535), and a
server that fails after AUTH.  Then every byte on stdout and stderr (file
descriptor level, so gpg's own output counts too) and every file under HOME
and the queue is scanned for the password in clear, its base64 forms at
each alignment, and the exact PLAIN / LOGIN / CRAM-MD5 / XOAUTH2 blobs.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import pty
import select
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.authsource.conftest import GpgHome, make_store
from tests.reliability.harness import run_elsend
from tests.support.smtpserver import CLOSE, CRAM_CHALLENGE, RecordingServer, Script

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Zq7-secret-Pw!x"
USER = "alice"
MECHANISMS = ("PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2")
SOURCES = ("authinfo", "authinfo.gpg", "password-store")
OUTCOMES = ("accepted", "refused", "server-fails")


def secret_forms(password: str = PASSWORD, user: str = USER) -> dict[str, bytes]:
    """Every form in which the password could leak."""
    raw = password.encode()
    forms = {"clear": raw}
    for shift in range(3):   # base64 of the password wherever it sits in a longer blob
        encoded = base64.b64encode(b"\0" * shift + raw + b"\0\0\0")
        skip = -(-4 * shift // 3) + 1
        forms[f"base64@{shift}"] = encoded[skip:skip + 4 * (len(raw) // 3) - 4]
    forms["plain-blob"] = base64.b64encode(f"\0{user}\0{password}".encode())
    forms["login-password"] = base64.b64encode(raw)
    digest = hmac.new(raw, CRAM_CHALLENGE, hashlib.md5).hexdigest()
    forms["cram-digest"] = digest.encode()
    forms["cram-response"] = base64.b64encode(f"{user} {digest}".encode())
    forms["xoauth2-blob"] = base64.b64encode(f"user={user}\x01auth=Bearer {password}\x01\x01".encode())
    return forms


def assert_no_secret(where: str, data: bytes) -> None:
    for name, form in secret_forms().items():
        assert form not in data, f"{name} of the password in {where}"


def scan_tree(root: Path, skip: set[Path]) -> int:
    """Scan every file under ``root`` except the credential stores; returns files scanned."""
    scanned = 0
    for path in root.rglob("*"):
        if path.is_file() and not any(path == s or s in path.parents for s in skip):
            assert_no_secret(str(path), path.read_bytes())
            scanned += 1
    return scanned


def _init(home: Path, port: int, source: str) -> Path:
    sources = {"authinfo": f'(list "{home}/.authinfo")',
               "authinfo.gpg": f'(list "{home}/.authinfo.gpg")',
               "password-store": "'(password-store)"}[source]
    init = home / "init.el"
    init.write_text(
        f"""(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "127.0.0.1" smtpmail-smtp-service {port}
      smtpmail-stream-type 'plain smtpmail-smtp-user "{USER}"
      smtpmail-auth-supported '(cram-md5 plain login xoauth2)
      smtpmail-queue-dir "{home}/queue/"
      auth-sources {sources}
      user-mail-address "alice@example.org")
{"(require 'auth-source-pass)" if source == "password-store" else ""}
""", encoding="utf-8")
    return init


def _credentials(home: Path, port: int, source: str, gpg: GpgHome,
                 monkeypatch: pytest.MonkeyPatch) -> set[Path]:
    """Store alice's password in ``source``; returns the paths that may hold it."""
    line = f"machine 127.0.0.1 login {USER} password {PASSWORD} port {port}\n".encode()
    if source == "authinfo":
        (home / ".authinfo").write_bytes(line)
        return {home / ".authinfo"}
    monkeypatch.setenv("GNUPGHOME", str(gpg.directory))
    if source == "authinfo.gpg":
        (home / ".authinfo.gpg").write_bytes(gpg.encrypt(line))
        return {home / ".authinfo.gpg"}
    store = home / ".password-store"
    make_store(gpg, store, {f"127.0.0.1:{port}/{USER}": f"{PASSWORD}\n"})
    monkeypatch.setenv("PASSWORD_STORE_DIR", str(store))
    return {store}


@pytest.fixture(scope="module")
def gpg() -> Iterator[GpgHome]:
    import tempfile

    import shutil

    home = GpgHome(Path(tempfile.mkdtemp(prefix="elsr")), "secrets@elsend.invalid")
    yield home
    home.stop_agent()
    shutil.rmtree(home.directory, ignore_errors=True)


def _script(mechanism: str, outcome: str) -> Script:
    users = {USER: PASSWORD if outcome != "refused" else "not-the-password"}
    replies = {("MAIL", "*"): CLOSE} if outcome == "server-fails" else {}
    return Script(extensions=("SIZE 10240000", f"AUTH {mechanism}"), users=users, replies=replies)


MESSAGE = b"From: alice@example.org\nTo: bob@example.net\nFcc: ~/sent-mail\nSubject: s\n\nbody\n"


@pytest.mark.parametrize("outcome", OUTCOMES)
@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("mechanism", MECHANISMS)
def test_no_secret_leaks(mechanism: str, source: str, outcome: str, home: Path, gpg: GpgHome,
                         monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("PASSWORD_STORE_DIR", raising=False)
    message = home / "m.eml"
    message.write_bytes(MESSAGE)
    with RecordingServer(_script(mechanism, outcome)) as server:
        skip = _credentials(home, server.port, source, gpg, monkeypatch)
        init = _init(home, server.port, source)
        sent = run_elsend(["--init", str(init), "--debug", "--timeout", "10", str(message)], capfd)
        queued = run_elsend(["--init", str(init), "--debug", "--queue", str(message)], capfd)
        flushed = run_elsend(["--init", str(init), "--debug", "--timeout", "10", "--flush-queue"],
                             capfd)
    authenticated = [c.authenticated_as for c in server.connections]
    expected = {"accepted": 0, "refused": 77, "server-fails": 75}[outcome]
    assert sent.code == expected, sent.stderr
    assert queued.code == 0 and flushed.code == expected, flushed.stderr
    # The secret really was used (otherwise the scan proves nothing) ...
    if outcome != "refused":
        assert authenticated.count(USER) == 2, authenticated
    assert "AUTH" in sent.stderr            # the --debug trace ran
    # ... and it appears nowhere.
    for where, text in (("stdout", sent.stdout + queued.stdout + flushed.stdout),
                        ("stderr", sent.stderr + queued.stderr + flushed.stderr)):
        assert_no_secret(where, text.encode("utf-8", "surrogateescape"))
    if outcome == "accepted":
        assert (home / "sent-mail").exists()
    assert scan_tree(home, skip) >= 3


PTY_CHILD = """
import sys
from smtp import cli
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.mark.parametrize("mechanism", MECHANISMS)
def test_no_secret_leaks_when_typed_at_the_prompt(mechanism: str, home: Path) -> None:
    """The password typed on a real terminal is neither echoed nor printed nor written."""
    (home / ".authinfo").write_text(f"machine 127.0.0.1 login {USER}\n")
    message = home / "m.eml"
    message.write_bytes(MESSAGE)
    with RecordingServer(_script(mechanism, "accepted")) as server:
        init = _init(home, server.port, "authinfo")
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(ROOT)
            os.environ.update(HOME=str(home), PYTHONPATH=str(ROOT))
            os.execv(sys.executable, [sys.executable, "-c", PTY_CHILD, "--init", str(init),
                                      "--debug", "--timeout", "10", str(message)])
        seen = bytearray()
        typed = False
        try:
            while True:
                ready, _, _ = select.select([fd], [], [], 60)
                assert ready, f"the child went silent: {bytes(seen)!r}"
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
                if not typed and b"password" in seen.lower():
                    os.write(fd, PASSWORD.encode() + b"\n")
                    typed = True
        finally:
            os.close(fd)
            _, status = os.waitpid(pid, 0)
    assert typed, bytes(seen)
    assert os.waitstatus_to_exitcode(status) == 0, bytes(seen)
    assert [c.authenticated_as for c in server.connections].count(USER) == 1
    assert_no_secret("the terminal", bytes(seen))
    scan_tree(home, {home / ".authinfo"})


@pytest.mark.parametrize("prefix", [b"", b"a", b"ab", b"user=alice\x01auth=Bearer "])
def test_the_scanner_finds_the_password_in_any_base64_blob(prefix: bytes) -> None:
    """The scan itself could fail: base64 of the password inside a longer blob is found."""
    blob = b"AUTH XOAUTH2 " + base64.b64encode(prefix + PASSWORD.encode() + b"\x01tail")
    with pytest.raises(AssertionError):
        assert_no_secret("a made-up trace", blob)
