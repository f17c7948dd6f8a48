"""What Emacs 28.2 sends over SMTP for a message equals what elsend prepares.

Emacs sends each message to a recording server on 127.0.0.1; elsend
prepares the same file.  MAIL FROM (with SIZE=), RCPT order and the DATA
bytes must agree, Date and Message-Id values aside (same length, so SIZE
is comparable as is).
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from smtp.config import SendConfig
from smtp.message import prepare_for_smtpmail, read_message
from tests.support.emacs import run_emacs
from tests.support.smtpserver import RecordingServer

pytestmark = pytest.mark.emacs

MESSAGES = {
    "ascii": b"To: bob@example.net\nSubject: plain\n\nHello.\n.dot\n",
    "utf8": "To: Zoë <zoe@example.net>, bob@example.net\nBcc: eve@example.net\nSubject: Grüße aus Köln\n\n"
            "Grüße, 日本語.\n".encode(),
    "crlf": "To: bob@example.net\r\nSubject: Köln\r\n\r\nline\r\nlast without newline".encode(),
    "separator": b"To: bob@example.net\n--text follows this line--\nbody\n",
}


def _mask(data: bytes) -> bytes:
    data = re.sub(rb"Date: [^\r\n]+", b"Date: <masked>", data)
    return re.sub(rb"Message-Id: <[^>]+>", b"Message-Id: <masked>", data)


def test_wire_matches_emacs(home: Path) -> None:
    settings = ('(setq smtpmail-smtp-server "127.0.0.1" smtpmail-smtp-service {port} '
                "smtpmail-stream-type 'plain user-mail-address \"alice@example.org\" "
                'user-full-name "Alice Example" mail-host-address "example.org" '
                "send-mail-function 'smtpmail-send-it)\n")
    forms = ""
    for name, message in MESSAGES.items():
        (home / f"{name}.eml").write_bytes(message)
        forms += (f'(with-temp-buffer (insert-file-contents "{home}/{name}.eml") (smtpmail-send-it))\n')
    with RecordingServer() as server:
        (home / "run.el").write_text("(require 'smtpmail)\n" + settings.format(port=server.port) + forms)
        proc = run_emacs(["-Q", "-l", str(home / "run.el")], home=home)
        assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    transcript = server.transcript()
    sizes = [int(s) for s in re.findall(rb"MAIL FROM:<alice@example.org> SIZE=(\d+)\r\n", transcript)]
    assert len(sizes) == len(MESSAGES) == len(server.messages)
    cfg = SendConfig.from_mapping({"user-mail-address": "alice@example.org", "user-full-name": "Alice Example",
                                   "mail-host-address": "example.org", "system-name": socket.gethostname()})
    for (name, message), size, (sender, rcpts, data) in zip(MESSAGES.items(), sizes, server.messages):
        prepared = prepare_for_smtpmail(read_message(message, cfg), cfg, home=home)
        assert (prepared.envelope_from, prepared.recipients) == (sender, rcpts), name
        assert prepared.size_chars == size, name
        assert _mask(prepared.as_bytes().replace(b"\n", b"\r\n")) == _mask(data), name
