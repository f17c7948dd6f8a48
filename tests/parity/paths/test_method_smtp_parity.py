"""X-Message-SMTP-Method "smtp HOST PORT USER" end to end: Emacs 28.2 and elsend reach the same server alike.

A real ``message-send`` in Emacs and ``elsend --via message`` (the command
line, with the same init file) send to one recording SMTP server on
127.0.0.1; the method header names that server while the configured
transport points elsewhere (a sendmail program that always fails, or an
SMTP server that does not exist), so only a correct switch can deliver.
Compared: envelope sender, recipients in RCPT order, and the message data
with Date and Message-ID values masked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.parity.paths.harness import lisp_source, mask
from tests.support.emacs import run_emacs
from tests.support.smtpserver import RecordingServer, Script

BASE_INIT = """\
(setq user-mail-address "alice@example.org" user-full-name "Alice Example"
      mail-host-address "example.org")
"""

CASES = {
    # name: (init settings, extra header fields)
    "smtpmail-function-switched-server": (
        "(setq message-send-mail-function 'smtpmail-send-it\n"
        "      smtpmail-smtp-server \"192.0.2.1\" smtpmail-smtp-service 2525)\n", ""),
    "sendmail-function-overridden-by-smtp": (
        "(setq message-send-mail-function 'message-send-mail-with-sendmail\n"
        "      sendmail-program \"/bin/false\")\n", ""),
    "default-function-follows-send-mail-function": (
        "(setq send-mail-function 'sendmail-send-it sendmail-program \"/bin/false\")\n",
        "Cc: carol@example.net\nBcc: dave@example.net\n"),
}

MESSAGE = ("From: Alice Example <alice@example.org>\nTo: bob@example.net\n{extra}"
           "X-Message-SMTP-Method: smtp 127.0.0.1 {port} alice\nSubject: Grüße\n\nHallo ü\n")


def received(server: RecordingServer) -> list[tuple[str, list[str], bytes]]:
    return [(sender, recipients, mask(data.replace(b"\r\n", b"\n")))
            for sender, recipients, data in server.messages]


def emacs_send(home: Path, init: str, message: str) -> subprocess.CompletedProcess[bytes]:
    (home / ".emacs.d").mkdir(exist_ok=True)
    driver = home / "driver.el"
    driver.write_text(";; -*- coding: utf-8 -*-\n(require 'message)\n" + BASE_INIT + init + f"""
(with-current-buffer (get-buffer-create "*parity*")
  (message-mode)
  (insert {lisp_source(message)})
  (goto-char (point-min))
  (re-search-forward "^\\n")
  (replace-match (concat mail-header-separator "\\n"))
  (message-send))
""", encoding="utf-8")
    return run_emacs(["-Q", "-l", str(driver)], home=home, env={"TZ": "UTC", "LANG": "C.UTF-8"})


def elsend_send(home: Path, init: str, message: str) -> subprocess.CompletedProcess[bytes]:
    (home / ".emacs").write_text(BASE_INIT + init, encoding="utf-8")
    path = home / "message.eml"
    path.write_text(message, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("EMAIL", "NAME", "SMTPSERVER")}
    env.update(HOME=str(home), TZ="UTC", LANG="C.UTF-8")
    return subprocess.run([sys.executable, "-m", "smtp.cli", "--via", "message", str(path)],
                          env=env, capture_output=True, timeout=60, check=False)


@pytest.mark.emacs
@pytest.mark.parametrize("name", list(CASES))
def test_method_header_switches_to_the_same_server(name: str, tmp_path: Path) -> None:
    init, extra = CASES[name]
    results = []
    for who, send in (("emacs", emacs_send), ("elsend", elsend_send)):
        home = tmp_path / who
        home.mkdir()
        with RecordingServer(Script()) as server:
            proc = send(home, init, MESSAGE.format(extra=extra, port=server.port))
        assert proc.returncode == 0, (who, proc.stderr.decode(errors="replace")[-1500:])
        results.append(received(server))
    emacs, ours = results
    assert len(emacs) == 1
    assert ours == emacs
    sender, recipients, data = emacs[0]
    assert b"X-Message-SMTP-Method" not in data
    assert b"Subject: =?utf-8?" in data
