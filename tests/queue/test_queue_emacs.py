"""Queue interoperability with real Emacs 28.2 and a real SMTP server on 127.0.0.1.

* Emacs's ``smtpmail-send-queued-mail`` sends what elsend queued;
* elsend's flush sends what Emacs queued, and puts on the wire exactly the
  bytes Emacs's own flush of the same queue puts there.
"""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from elconf.types import intern
from smtp.config import SendConfig
from smtp.esmtp import send_via_smtp
from smtp.message import prepare_for_smtpmail, read_message
from smtp.queue import (QueueEntry, config_for_entry, message_for_entry, queue_message, read_entry,
                        read_index)
from smtp.queue_flush import flush_queue
from tests.support.emacs import run_emacs
from tests.support.smtpserver import RecordingServer

pytestmark = pytest.mark.emacs

MESSAGES = [
    b"To: bob@example.net, Carol <carol@example.net>\nCc: dave@example.net\nBcc: eve@example.net\n"
    b"Subject: first\n\nHello.\n.leading dot\n",
    "From: Zoë <zoe@example.org>\nTo: bob@example.net\nSubject: Grüße\n\nGrüße aus Köln.\n".encode(),
]


def _lisp_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _emacs(home: Path, forms: str) -> None:
    script = home / "run.el"
    script.write_text("(require 'smtpmail)\n" + forms, encoding="utf-8")
    proc = run_emacs(["-Q", "-l", str(script)], home=home)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")


def _settings(queue: Path, port: int) -> str:
    return (f"(setq smtpmail-queue-dir {_lisp_string(str(queue) + '/')}\n"
            f"      smtpmail-smtp-server \"127.0.0.1\" smtpmail-smtp-service {port}\n"
            "      smtpmail-stream-type 'plain user-mail-address \"alice@example.org\"\n"
            "      user-full-name \"Alice Example\" mail-host-address \"example.org\")\n")


def _cfg(queue: Path, port: int) -> SendConfig:
    return SendConfig.from_mapping({
        "smtpmail-queue-dir": str(queue) + "/", "smtpmail-smtp-server": "127.0.0.1",
        "smtpmail-smtp-service": port, "smtpmail-stream-type": intern("plain"),
        "user-mail-address": "alice@example.org", "user-full-name": "Alice Example",
        "mail-host-address": "example.org", "system-name": socket.gethostname(),
        "smtpmail-store-queue-variables": intern("t")})


def test_emacs_sends_what_elsend_queued(home: Path) -> None:
    queue = home / "queue"
    with RecordingServer() as server:
        cfg = _cfg(queue, server.port)
        entries = []
        for message in MESSAGES:
            prepared = prepare_for_smtpmail(read_message(message, cfg), cfg, home=home)
            entries.append(queue_message(prepared, cfg, home=home))
        queued = [e.data_file.read_bytes() for e in entries]
        _emacs(home, _settings(queue, server.port) + "(smtpmail-send-queued-mail)\n")
    got = server.messages
    assert [(sender, rcpts) for sender, rcpts, _ in got] == [
        ("alice@example.org", ["eve@example.net", "dave@example.net", "carol@example.net", "bob@example.net"]),
        ("alice@example.org", ["bob@example.net"])]
    assert [data.replace(b"\r\n", b"\n") for _, _, data in got] == queued
    assert read_index(cfg, home) == []
    assert not any(e.data_file.exists() for e in entries)


def _queue_with_emacs(home: Path, queue: Path, port: int) -> None:
    forms = _settings(queue, port) + "(setq smtpmail-queue-mail t smtpmail-store-queue-variables t)\n"
    for n, message in enumerate(MESSAGES):
        path = home / f"m{n}.eml"
        path.write_bytes(message)
        forms += (f"(with-temp-buffer (insert-file-contents {_lisp_string(str(path))}) "
                  "(smtpmail-send-it))\n")
    _emacs(home, forms)


def _copy_queue(source: Path, target: Path) -> None:
    shutil.copytree(source, target)
    index = target / "index"
    index.write_text(index.read_text().replace(str(source), str(target)))


def test_elsend_flushes_what_emacs_queued_with_emacs_bytes(home: Path) -> None:
    queue = home / "queue"
    with RecordingServer() as server:
        _queue_with_emacs(home, queue, server.port)
        _copy_queue(queue, home / "queue-copy")
        # Emacs flushes the copy: the reference transcript.
        _emacs(home, _settings(home / "queue-copy", server.port) + "(smtpmail-send-queued-mail)\n")
        reference = server.transcript()
    lines = read_index(_cfg(queue, 0), home)
    assert len(lines) == 2
    first = read_entry(Path(lines[0]))
    assert first.recipients == ["eve@example.net", "dave@example.net", "carol@example.net", "bob@example.net"]
    with RecordingServer() as ours:
        cfg = _cfg(queue, 1)  # the stored smtpmail-smtp-service must win over this port

        def send(entry: QueueEntry) -> None:
            per_entry = config_for_entry(entry, cfg)
            assert per_entry.smtp_service == ours_port
            send_via_smtp(per_entry, message_for_entry(entry, cfg), credentials=lambda *a: None,
                          home=str(home))

        ours_port = ours.port
        # Emacs stored the reference server's port; point the entries at ours.
        for line in lines:
            el = Path(line + ".el")
            el.write_text(el.read_text().replace(f"smtpmail-smtp-service {server.port}",
                                                 f"smtpmail-smtp-service {ours.port}"))
        result = flush_queue(cfg, send, home=home)
    assert result.error is None, result.error
    assert len(result.sent) == 2 and read_index(cfg, home) == []
    assert b"MAIL FROM:<alice@example.org>" in reference and "Grüße".encode() in reference
    assert ours.transcript() == reference
