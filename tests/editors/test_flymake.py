"""editors/flymake-elconf.el in real Emacs 28.2, in batch.

Emacs visits a broken init file, the backend runs the real ``elconf check``
(this checkout's, through the running Python), and the diagnostics Flymake
receives are printed by tests/editors/flymake_driver.el: their type, place
(1-based line and column, as ``elconf check`` prints them) and text.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from tests.support.emacs import run_emacs

ROOT = Path(__file__).resolve().parents[2]
EDITORS = ROOT / "editors"
DRIVER = Path(__file__).with_name("flymake_driver.el")
COMMAND = json.dumps([sys.executable, "-m", "elconf.cli", "check"])

pytestmark = pytest.mark.emacs

BROKEN = """\
;;; init.el --- mail  -*- lexical-binding: t -*-
(setq user-mail-address "alice@example.org"
      send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-stream-type "ssl"
      smtpmail-smtp-service 465)
(setq smtpmail-smtp-sever "smtp.example.org")
(setq smtpmail-smtp-user "alice"
(setq message-kill-buffer-on-exit t)
"""


def run_driver(home: Path, init: Path, mode: str, edit: str | None = None) -> list[dict]:
    env = {"ELCONF_COMMAND": COMMAND, "INIT": str(init), "MODE": mode,
           "PYTHONPATH": str(ROOT)}
    if edit is not None:
        env["EDIT"] = edit
    done = run_emacs(["-Q", "-L", str(EDITORS), "-l", str(DRIVER)], home=home, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr.decode()
    return [json.loads(line) for line in done.stdout.decode().splitlines() if line.strip()]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    (home / ".emacs.d").mkdir(parents=True)
    return home


def places(diagnostics: list[dict]) -> list[tuple]:
    return [(d["type"], d["line"], d["col"], d["rule"]) for d in diagnostics if "type" in d]


def test_the_backend_places_each_finding_at_its_line_and_column(home: Path) -> None:
    init = home / ".emacs.d" / "init.el"
    init.write_text(BROKEN, encoding="utf-8")
    found = run_driver(home, init, "backend")
    assert places(found) == [
        (":error", 5, 7, "stream-type-invalid"),     # the fourth pair of the setq
        (":warning", 7, 7, "unknown-variable"),
        (":error", 8, 1, "read-error"),              # where the unclosed list opens
        (":note", 9, 1, "read-error"),     # the end of the file (Flymake: its last line)
    ]
    assert all(d["locus"] == "buffer" for d in found)
    stream, typo, unclosed, end = found
    # the region is the variable's symbol
    assert (stream["end_line"], stream["end_col"]) == (5, 7 + len("smtpmail-stream-type"))
    assert stream["text"].startswith('smtpmail-stream-type is the string "ssl": Emacs fails every send')
    assert stream["text"].endswith("[stream-type-invalid]; fix: write (setq smtpmail-stream-type 'ssl)"
                                   " - a symbol, not a string")
    assert "did you mean smtpmail-smtp-server? [unknown-variable]; fix: rename it" in typo["text"]
    assert unclosed["text"].startswith("this list is never closed")
    assert end["text"] == "the end of the file: End of file during parsing (of the error at line 8) " \
                          "[read-error]"


def test_an_unsaved_buffer_is_checked_as_it_is(home: Path) -> None:
    init = home / ".emacs.d" / "init.el"
    init.write_text("(setq user-mail-address \"alice@example.org\"\n"
                    "      send-mail-function 'smtpmail-send-it\n"
                    "      smtpmail-smtp-server \"smtp.example.org\")\n", encoding="utf-8")
    assert places(run_driver(home, init, "backend")) == []
    found = run_driver(home, init, "backend", edit="(setq smtpmail-smtp-service 587\n"
                                                   "      smtpmail-stream-type 'ssl)\n")
    assert places(found) == [(":error", 4, 7, "tls-on-starttls-port")]
    assert init.read_text(encoding="utf-8").count("\n") == 3     # the file itself is untouched


def test_flymake_mode_shows_the_diagnostics(home: Path) -> None:
    init = home / ".emacs.d" / "init.el"
    init.write_text(BROKEN, encoding="utf-8")
    status, *found = run_driver(home, init, "flymake")
    assert status == {"reporting": ["flymake-elconf"], "disabled": None}   # json-encode: nil is null
    assert sorted(places(found)) == sorted([
        (":error", 5, 7, "stream-type-invalid"), (":warning", 7, 7, "unknown-variable"),
        (":error", 8, 1, "read-error"), (":note", 9, 1, "read-error")])


def test_findings_in_a_loaded_file_are_foreign_diagnostics(home: Path) -> None:
    lisp = home / ".emacs.d" / "lisp"
    lisp.mkdir()
    (lisp / "mail.el").write_text("(setq smtpmail-smtp-server \"smtp.example.org\"\n"
                                  "      smtpmail-stream-type 'ssl)\n", encoding="utf-8")
    init = home / ".emacs.d" / "init.el"
    init.write_text("(setq user-mail-address \"alice@example.org\"\n"
                    "      send-mail-function 'smtpmail-send-it)\n"
                    "(load (expand-file-name \"lisp/mail\" user-emacs-directory))\n",
                    encoding="utf-8")
    found = run_driver(home, init, "backend")
    assert [(d["locus"], d["type"], d["line"], d["col"], d["rule"]) for d in found] == [
        (str(lisp / "mail.el"), ":error", 2, 7, "tls-on-starttls-port")]


def test_a_failing_check_is_reported_to_flymake_not_hidden(home: Path, tmp_path: Path) -> None:
    init = home / ".emacs.d" / "init.el"
    init.write_text(BROKEN, encoding="utf-8")
    broken_command = json.dumps([sys.executable, "-m", "elconf.cli", "check", "--rule", "no-such"])
    env = {"ELCONF_COMMAND": broken_command, "INIT": str(init), "MODE": "backend",
           "PYTHONPATH": str(ROOT)}
    done = run_emacs(["-Q", "-L", str(EDITORS), "-l", str(DRIVER)], home=home, env=env, cwd=ROOT)
    [panic] = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert panic["panic"].startswith("elconf check failed (exit 64): elconf check: unknown rule")


def test_it_byte_compiles_without_warnings(tmp_path: Path) -> None:
    source = tmp_path / "flymake-elconf.el"
    source.write_bytes((EDITORS / "flymake-elconf.el").read_bytes())
    done = run_emacs(["-Q", "--eval", "(setq byte-compile-error-on-warn t)",
                      "-f", "batch-byte-compile", str(source)], home=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert b"Warning" not in done.stderr and (tmp_path / "flymake-elconf.elc").is_file()


def test_its_documentation_passes_checkdoc(tmp_path: Path) -> None:
    program = (f'(progn (require \'checkdoc) (find-file "{EDITORS / "flymake-elconf.el"}") '
               '(let ((checkdoc-diagnostic-buffer "*warn*")) (checkdoc-current-buffer t)) '
               '(with-current-buffer (get-buffer-create "*warn*") (princ (buffer-string))))')
    done = run_emacs(["-Q", "--eval", program], home=tmp_path)
    output = done.stdout.decode() + done.stderr.decode()
    assert "checkdoc-current-buffer" in output      # it ran
    assert re.findall(r"flymake-elconf\.el:\d+: .*", output) == []


def test_a_buffer_without_a_file_is_checked_too(home: Path, tmp_path: Path) -> None:
    program = f"""(progn
      (require 'flymake-elconf)
      (setq flymake-elconf-command (append (json-read-from-string {json.dumps(COMMAND)}) nil))
      (with-current-buffer (get-buffer-create "scratch-init")
        (insert "(setq smtpmail-stream-type \\"ssl\\")\\n")
        (let ((result 'waiting))
          (flymake-elconf (lambda (diags &rest _) (setq result diags)))
          (while (eq result 'waiting) (accept-process-output nil 0.05))
          (dolist (d result)
            (princ (format "%s %s %d\\n" (bufferp (flymake-diagnostic-buffer d))
                           (flymake-diagnostic-type d) (flymake-diagnostic-beg d)))))))"""
    done = run_emacs(["-Q", "-L", str(EDITORS), "--eval", program], home=home,
                     env={"PYTHONPATH": str(ROOT)}, cwd=ROOT)
    lines = done.stdout.decode().splitlines()
    assert "t :error 7" in lines, done.stderr.decode()      # stream-type-invalid at the symbol
    assert all(line.startswith("t ") for line in lines)     # every finding is in this buffer
