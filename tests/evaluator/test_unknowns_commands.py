"""The three outcomes of a form and unknown values, as the commands show them
(issue 12): ``elconf show``/``get --json``/``check``, ``elsend`` and its
``--dry-run``, and ``--stop-at-any-error`` on each."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

INIT = """\
(setq send-mail-function 'smtpmail-send-it
      user-mail-address "me@example.org")
(load "~/private-settings.el")
(if (string= (my-hostname) "work")
    (setq smtpmail-smtp-server "smtp.work.example")
  (setq smtpmail-smtp-server "smtp.home.example"))
(setq smtpmail-smtp-service 587)
"""

MESSAGE = b"From: me@example.org\nTo: you@example.net\nSubject: hi\n\nbody\n"


def command(module: str, args: list[str], home: Path, stdin: bytes = b""
            ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("EMAIL", "NAME", "SMTPSERVER")}
    env.update({"HOME": str(home), "PYTHONPATH": str(ROOT), "TZ": "UTC"})
    done = subprocess.run([sys.executable, "-m", module, *args], input=stdin, capture_output=True,
                          env=env, cwd=home, timeout=120, check=False)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(),
                                       done.stderr.decode())


def write(home: Path, text: str) -> Path:
    init = home / "init.el"
    init.write_text(text, encoding="utf-8")
    (home / "msg.eml").write_bytes(MESSAGE)
    return init


def test_show_lists_both_candidates_with_their_places(home: Path) -> None:
    write(home, INIT)
    done = command("elconf.cli", ["show", "--init", "init.el"], home)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    row = next(i for i, line in enumerate(lines) if line.strip().startswith("smtpmail-smtp-server"))
    assert "unknown" in lines[row] and "init.el:4:1 unknown condition" in lines[row]
    assert '"smtp.work.example" at ~/init.el:5:5 setq' in lines[row + 1]
    assert '"smtp.home.example" at ~/init.el:6:3 setq' in lines[row + 2]
    assert any("not evaluable here: load of ~/private-settings.el" in line for line in lines)


def test_get_json_gives_the_candidates(home: Path) -> None:
    write(home, INIT)
    done = command("elconf.cli", ["get", "--init", "init.el", "--json", "smtpmail-smtp-server",
                                  "smtpmail-smtp-service"], home)
    data = json.loads(done.stdout)
    server = data["smtpmail-smtp-server"]["value"]
    assert [c["value"] for c in server["candidates"]] == ["smtp.work.example", "smtp.home.example"]
    assert [c["origin"]["line"] for c in server["candidates"]] == [5, 6]
    assert data["smtpmail-smtp-service"]["value"] == 587


def test_check_says_stops_only_for_errors_emacs_raises(home: Path) -> None:
    write(home, INIT + "(setq smtpmail-stream-type 'starttls)\n")
    done = command("elconf.cli", ["check", "--init", "init.el"], home)
    assert "init-stops" not in done.stdout and "stops loading" not in done.stdout
    write(home, INIT + '(error "Not finished")\n(setq smtpmail-stream-type \'starttls)\n')
    done = command("elconf.cli", ["check", "--init", "init.el"], home)
    stops = [line for line in done.stdout.splitlines() if "[init-stops]" in line]
    assert len(stops) == 1 and stops[0].startswith(f"{home}/init.el:8:1:")


def test_check_stop_at_any_error_stops_at_the_missing_load(home: Path) -> None:
    write(home, INIT)
    done = command("elconf.cli", ["check", "--stop-at-any-error", "--init", "init.el"], home)
    stops = [line for line in done.stdout.splitlines() if "[init-stops]" in line]
    assert len(stops) == 1 and f"{home}/init.el:3:1:" in stops[0]


def test_get_stop_at_any_error(home: Path) -> None:
    write(home, INIT)
    done = command("elconf.cli", ["get", "--stop-at-any-error", "--init", "init.el",
                                  "smtpmail-smtp-service"], home)
    assert done.stdout.strip() == "smtpmail-smtp-service\tvoid"


def test_elsend_refuses_an_unknown_route(home: Path) -> None:
    write(home, INIT)
    done = command("smtp.cli", ["--init", "init.el", "--dry-run", "msg.eml"], home)
    assert done.returncode == 78
    assert "smtpmail-smtp-server: unknown here" in done.stderr
    assert "init.el:5:" in done.stderr and "init.el:6:" in done.stderr
    assert "--account" in done.stderr and "--from" in done.stderr and "setq" in done.stderr


def test_elsend_sends_once_a_setq_after_it_decides(home: Path) -> None:
    write(home, INIT + '(setq smtpmail-smtp-server "smtp.final.example")\n')
    done = command("smtp.cli", ["--init", "init.el", "--dry-run", "msg.eml"], home)
    assert done.returncode == 0, done.stderr
    assert "server: smtp.final.example port 587" in done.stdout
    assert "init file: " in done.stdout and "load of ~/private-settings.el" in done.stdout
    done = command("smtp.cli", ["--init", "init.el", "--dry-run", "--json", "msg.eml"], home)
    plan = json.loads(done.stdout)
    assert [n["line"] for n in plan["not_evaluable"]] == [3]


def test_elsend_stop_at_any_error_loses_what_follows(home: Path) -> None:
    write(home, INIT + '(setq smtpmail-smtp-server "smtp.final.example")\n')
    done = command("smtp.cli", ["--stop-at-any-error", "--init", "init.el", "--dry-run", "msg.eml"],
                   home)
    assert "server: not set" in done.stdout
    assert "private-settings.el" in done.stderr       # the error is reported as Emacs would


def test_elsend_debug_notes_what_was_not_evaluable(home: Path) -> None:
    write(home, INIT + '(setq smtpmail-smtp-server "smtp.final.example")\n')
    done = command("smtp.cli", ["--debug", "--init", "init.el", "--dry-run", "msg.eml"], home)
    assert done.returncode == 0, done.stderr
    assert "elsend: note: " in done.stderr and "private-settings.el" in done.stderr
