"""Running elsend in-process against a fault server, and reading the queue it leaves.

``smtp.cli.main(argv)`` is called directly (HOME from the ``home`` fixture),
so a matrix of hundreds of sessions costs no interpreter start-ups.
"""

from __future__ import annotations

import dataclasses
import io
import sys
from pathlib import Path

import pytest

from smtp import cli

RECIPIENTS = ("bob@example.net", "carol@example.net")


def write_init(home: Path, port: int, ca_file: Path | None, *, extra: str = "",
               password: str = "s3cret", stream_type: str = "nil") -> Path:
    """An init file for 127.0.0.1:PORT (opportunistic STARTTLS) and an authinfo with alice's password."""
    authinfo = home / ".authinfo"
    authinfo.write_text(f"machine 127.0.0.1 login alice password {password} port {port}\n")
    authinfo.chmod(0o600)
    trust = f'(setq gnutls-trustfiles (list "{ca_file}"))\n' if ca_file else ""
    init = home / "init.el"
    init.write_text(
        f"""(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "127.0.0.1"
      smtpmail-smtp-service {port}
      smtpmail-stream-type {stream_type}
      smtpmail-retries 1
      smtpmail-queue-dir "{home}/queue/"
      auth-sources (list "{authinfo}")
      user-full-name "Alice"
      user-mail-address "alice@example.org")
{trust}{extra}""", encoding="utf-8")
    return init


def message_bytes(n: int, body: bytes = b"Hello.\n") -> bytes:
    return (f"From: Alice <alice@example.org>\nTo: {RECIPIENTS[0]}\nCc: {RECIPIENTS[1]}\n"
            f"Subject: message {n}\n\n").encode() + body


def write_message(home: Path, n: int) -> Path:
    path = home / f"message-{n}.eml"
    path.write_bytes(message_bytes(n))
    return path


@dataclasses.dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str


def run_elsend(argv: list[str], capsys: pytest.CaptureFixture[str], *,
               stdin: bytes = b"") -> Outcome:
    """``elsend ARGV`` in this process; stdout and stderr captured, stdin given."""
    capsys.readouterr()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        code = cli.main(argv)
    except SystemExit as exit_:   # argparse
        code = int(exit_.code or 0)
    finally:
        sys.stdin = saved
    out, err = capsys.readouterr()
    return Outcome(code, out, err)


def queue_index(home: Path) -> list[str]:
    index = home / "queue" / "index"
    if not index.exists():
        return []
    return [line for line in index.read_text().split("\n") if line]


def queued_subjects(home: Path) -> list[str]:
    """The Subject of each index entry, in index order (the entry's data file must exist)."""
    subjects = []
    for line in queue_index(home):
        text = Path(line).read_bytes().decode("utf-8", "replace")
        subject = next(h for h in text.split("\n") if h.startswith("Subject: "))
        subjects.append(subject.removeprefix("Subject: "))
    return subjects


def subject_of(data: bytes) -> str:
    for line in data.split(b"\r\n"):
        if line.startswith(b"Subject: "):
            return line.removeprefix(b"Subject: ").decode()
        if not line:
            break
    raise AssertionError("no Subject in the delivered message")
