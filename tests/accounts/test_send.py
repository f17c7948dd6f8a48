"""Real sends through mu4e contexts and account commands: each message reaches its account's server.

Two aiosmtpd servers on 127.0.0.1 stand for two providers; the Work one
requires AUTH, with the credentials of the Work context's user in
``~/.authinfo``.  elsend runs as a user runs it (a subprocess, the init file
given with ``--init``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.smtpserver import RecordingServer, Script

INIT = """\
(require 'mu4e)
(setq send-mail-function 'smtpmail-send-it
      message-send-mail-function 'smtpmail-send-it
      smtpmail-stream-type 'plain
      user-full-name "Me")
{policy}
(setq mu4e-contexts
      (list (make-mu4e-context
             :name "Work"
             :enter-func (lambda () (setq smtpmail-smtp-user "alice"))
             :leave-func (lambda () (setq smtpmail-smtp-user nil))
             :vars `((user-mail-address . "me@work.example")
                     (smtpmail-smtp-server . "127.0.0.1")
                     (smtpmail-smtp-service . ,(string-to-number (getenv "WORK_PORT")))))
            (make-mu4e-context
             :name "Home"
             :vars `((user-mail-address . "me@home.example")
                     (smtpmail-smtp-server . "127.0.0.1")
                     (smtpmail-smtp-service . ,(string-to-number (getenv "HOME_PORT")))))))
(defun my-mail-account-lists ()
  "The mailing-list identity: the Home server, another address."
  (interactive)
  (setq user-mail-address "me+lists@home.example"
        smtpmail-smtp-server "127.0.0.1"
        smtpmail-smtp-service (string-to-number (getenv "HOME_PORT"))))
"""


def message(sender: str | None) -> bytes:
    head = f"From: Me <{sender}>\n" if sender else ""
    return (head + "To: you@example.org\nSubject: accounts\n\nHello.\n").encode()


@pytest.fixture
def servers():
    with RecordingServer(Script(users={"alice": "s3cret"}, auth_required=True)) as work, \
            RecordingServer(Script()) as home:
        yield work, home


def elsend(home: Path, servers, *args: str, stdin: bytes = b"", policy: str = "") -> subprocess.CompletedProcess:
    work, home_server = servers
    init = home / "init.el"
    init.write_text(INIT.format(policy=policy))
    (home / ".authinfo").write_text(f"machine 127.0.0.1 port {work.port} login alice password s3cret\n")
    env = {k: v for k, v in os.environ.items() if k not in ("EMAIL", "SMTPSERVER", "NAME")}
    env.update(HOME=str(home), WORK_PORT=str(work.port), HOME_PORT=str(home_server.port))
    return subprocess.run([sys.executable, "-m", "smtp.cli", "--init", str(init), *args], input=stdin,
                          env=env, capture_output=True, timeout=60)


def senders(server: RecordingServer) -> list[str]:
    return [m[0] for m in server.messages]


def test_from_address_picks_the_context(home: Path, servers) -> None:
    work, home_server = servers
    assert elsend(home, servers, "-", stdin=message("me@home.example")).returncode == 0
    assert senders(home_server) == ["me@home.example"] and senders(work) == []
    done = elsend(home, servers, "-", stdin=message("me@work.example"))
    assert done.returncode == 0, done.stderr
    assert senders(work) == ["me@work.example"]
    assert b"AUTH" in work.transcript()     # the Work context's user, its credentials


def test_account_option_wins_over_the_from_address(home: Path, servers) -> None:
    work, home_server = servers
    done = elsend(home, servers, "--account", "Home", "-", stdin=message("me@work.example"))
    assert done.returncode == 0, done.stderr
    assert senders(home_server) == ["me@work.example"] and senders(work) == []


def test_from_option_chooses_like_the_header(home: Path, servers) -> None:
    work, home_server = servers
    done = elsend(home, servers, "--from", "me@work.example", "-", stdin=message(None))
    assert done.returncode == 0, done.stderr
    assert senders(work) == ["me@work.example"] and senders(home_server) == []


def test_account_command_is_an_account(home: Path, servers) -> None:
    work, home_server = servers
    done = elsend(home, servers, "--account", "my-mail-account-lists", "-", stdin=message(None))
    assert done.returncode == 0, done.stderr
    assert senders(home_server) == ["me+lists@home.example"]
    by_address = elsend(home, servers, "-", stdin=message("me+lists@home.example"))
    assert by_address.returncode == 0 and senders(home_server)[-1] == "me+lists@home.example"


def test_mu4e_would_ask_so_elsend_exits_78(home: Path, servers) -> None:
    work, home_server = servers
    done = elsend(home, servers, "-", stdin=message(None))     # mu4e-compose-context-policy: ask
    assert done.returncode == 78
    text = done.stderr.decode()
    assert "mu4e would ask" in text and "'Work'" in text and "--account" in text
    assert senders(work) == senders(home_server) == []


def test_pick_first_takes_the_first_context(home: Path, servers) -> None:
    work, home_server = servers
    done = elsend(home, servers, "-", stdin=message(None),
                  policy="(setq mu4e-context-policy 'pick-first mu4e-compose-context-policy 'pick-first)")
    assert done.returncode == 0, done.stderr
    assert senders(work) == ["me@work.example"]


def test_starting_mu4e_asks_when_no_context_is_current(home: Path, servers) -> None:
    # mu4e--start switches under mu4e-context-policy (default ask-if-none) before any compose
    done = elsend(home, servers, "-", stdin=message(None),
                  policy="(setq mu4e-compose-context-policy 'pick-first)")
    assert done.returncode == 78 and b"starting mu4e" in done.stderr


def test_doom_policies_start_in_the_first_context_and_compose_in_it(home: Path, servers) -> None:
    work, home_server = servers
    done = elsend(home, servers, "--dry-run", "--json", "-", stdin=message(None),
                  policy="(setq mu4e-context-policy 'pick-first mu4e-compose-context-policy 'ask-if-none)")
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert plan["account"] == "Work" and "starting mu4e" in plan["account_reason"]


def test_unknown_account_lists_the_accounts(home: Path, servers) -> None:
    done = elsend(home, servers, "--account", "Nope", "-", stdin=message(None))
    assert done.returncode == 78
    assert "Nope" in done.stderr.decode() and "'Home'" in done.stderr.decode()


def test_dry_run_json_states_the_account_and_route(home: Path, servers) -> None:
    work, home_server = servers
    done = elsend(home, servers, "--dry-run", "--json", "-", stdin=message("me@work.example"))
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert plan["path"] == "smtp" and plan["account"] == "Work"
    assert plan["account_kind"] == "mu4e context" and "From address" in plan["account_reason"]
    assert (plan["server"], plan["port"], plan["stream_type"]) == ("127.0.0.1", work.port, "plain")
    assert plan["user"] == "alice" and plan["credential_source"].endswith(".authinfo:1")
    assert plan["envelope_from"] == "me@work.example" and plan["recipients"] == ["you@example.org"]
    assert "s3cret" not in done.stdout.decode()
    assert work.messages == [] and home_server.messages == []


def test_probe_all_accounts_a_line_each(home: Path, servers) -> None:
    work, home_server = servers
    done = elsend(home, servers, "--probe", "--all-accounts")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    assert [line.split()[:2] for line in lines] == [["ok", "Work"], ["ok", "Home"],
                                                    ["ok", "my-mail-account-lists"]]
    assert f":{work.port}" in lines[0] and "AUTH CRAM-MD5 accepted" in lines[0]
    assert f":{home_server.port}" in lines[1]
    assert work.messages == [] and home_server.messages == []


def test_probe_one_account(home: Path, servers) -> None:
    work, home_server = servers
    done = elsend(home, servers, "--probe", "--account", "Home")
    assert done.returncode == 0, done.stderr
    assert f"port {home_server.port}" in done.stdout.decode()
