"""Password prompts on a real pseudo-terminal, and silence without a terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = ("import sys; from smtp.authsource import ask_password, ask_user; "
         "u = ask_user('smtp.test', 'root') if 'user' in sys.argv else 'alice'; "
         "p = ask_password(u, 'smtp.test'); print('GOT', repr(u), repr(p), flush=True)")


def _read_until(fd: int, marker: bytes, seen: bytearray) -> None:
    """Read the pty until ``marker`` appears (or the child ends)."""
    while marker not in seen:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            raise AssertionError(f"no {marker!r} from the child; got {bytes(seen)!r}")
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # EIO: the child has exited and closed the pty
            break
        if not chunk:
            break
        seen.extend(chunk)


def run_on_pty(args: list[str], answers: list[tuple[bytes, bytes]]) -> bytes:
    """Run the child on a pty; for each (prompt, reply) wait for prompt and type reply."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: stdin, stdout, stderr are the pty
        os.execv(sys.executable, [sys.executable, "-c", CHILD, *args])
    seen = bytearray()
    try:
        for prompt, reply in answers:
            _read_until(fd, prompt, seen)
            os.write(fd, reply)
        _read_until(fd, b"<end of output>", seen)  # everything, until the child exits
    finally:
        os.close(fd)
        os.waitpid(pid, 0)
    return bytes(seen)


def test_password_is_asked_on_the_terminal_without_echo() -> None:
    out = run_on_pty([], [(b"SMTP password for alice@smtp.test: ", b"s3cret\n")])
    assert b"SMTP password for alice@smtp.test: " in out
    before_result = out.split(b"GOT")[0]
    assert b"s3cret" not in before_result          # not echoed
    assert b"GOT 'alice' 's3cret'" in out


def test_user_name_prompt_offers_the_default() -> None:
    out = run_on_pty(["user"], [(b"SMTP user name for smtp.test (default root): ", b"\n"),
                                (b"SMTP password for root@smtp.test: ", b"pw\n")])
    assert b"GOT 'root' 'pw'" in out


def test_never_asks_when_stdin_is_not_a_terminal() -> None:
    proc = subprocess.run([sys.executable, "-c", CHILD, "user"], input=b"typed\npw\n",
                          capture_output=True, timeout=60, check=False)
    assert proc.stdout.strip() == b"GOT None None"
    assert b"SMTP" not in proc.stderr


EMACS_PROMPTS = """
(require 'auth-source)
(let* ((auth-source-creation-prompts
        '((user . "SMTP user name for %h: ") (secret . "SMTP password for %u@%h: ")))
       (found (car (auth-source-search :host "smtp.test" :port "587" :user nil :max 1
                                       :require '(:user :secret) :create t))))
  (princ (format "\\nRESULT %s %s\\n" (plist-get found :user) (funcall (plist-get found :secret)))))
"""


@pytest.mark.emacs
def test_prompts_are_worded_as_emacs_asks(tmp_path: Path) -> None:
    """smtpmail's prompts, as auth-source shows them when nothing is found (Emacs 28.2 batch)."""
    from smtp.authsource.prompt import password_prompt, user_prompt
    from tests.support.emacs import run_emacs

    driver = tmp_path / "prompts.el"
    driver.write_text(EMACS_PROMPTS)
    proc = run_emacs(["-Q", "-l", str(driver)], home=tmp_path, env={"LOGNAME": "root", "USER": "root"},
                     stdin=b"alice\nhunter2\n")
    out = proc.stdout.decode() + proc.stderr.decode()
    assert "RESULT alice hunter2" in out, out
    assert user_prompt("smtp.test", "root") in out
    assert password_prompt("alice", "smtp.test") in out
