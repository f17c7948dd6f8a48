"""`elconf check` as users run it: a real process, real files, exit codes and output formats."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BROKEN = Path(__file__).parent / "corpus" / "broken"
CLEAN = Path(__file__).parent / "corpus" / "clean"

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info): "
                  r"(?P<message>.+) \[(?P<rule>[a-z0-9-]+)\]$")


def elconf_check(*args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("EMAIL", "SMTPSERVER", "NAME")}
    env.update(HOME=str(home), LOGNAME="tester", USER="tester")
    return subprocess.run([sys.executable, "-m", "elconf.cli", "check", *args], env=env, input=stdin,
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def empty_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    return home


def test_text_output_is_compiler_style_sorted_with_hints(empty_home: Path, tmp_path: Path) -> None:
    init = tmp_path / "init.el"
    init.write_text('(setq smtpmail-smtp-server "smtp.example.org" smtpmail-smtp-service 465)\n'
                    '(setq user-mail-address "alice")\n'
                    "(setq smtpmail-auth-credentials nil)\n")
    done = elconf_check(str(init), home=empty_home)
    lines = done.stdout.splitlines()
    findings = [LINE.match(line) for line in lines if not line.startswith("    fix: ")]
    assert all(findings), done.stdout
    places = [(int(m["line"]), int(m["col"])) for m in findings if m]
    assert places == sorted(places)
    assert {m["rule"] for m in findings if m} >= {"port-465-without-tls", "no-sender",
                                                  "removed-variable", "no-send-function"}
    assert all(m["file"] == str(init) for m in findings if m)
    # every finding is followed by its one-line fix
    assert sum(line.startswith("    fix: ") for line in lines) == len(findings)
    assert done.returncode == 78        # port 465 in clear text cannot send
    assert "error" in done.stderr and "warning" in done.stderr


def test_json_output_has_the_same_fields(empty_home: Path) -> None:
    done = elconf_check("--format", "json", str(BROKEN / "ssl-on-587.el"), home=empty_home)
    data = json.loads(done.stdout)
    assert [(d["line"], d["col"], d["severity"], d["rule"]) for d in data] == \
        [(5, 7, "error", "tls-on-starttls-port")]
    assert set(data[0]) == {"file", "line", "col", "severity", "message", "rule", "hint", "related"}
    assert data[0]["related"] == []
    assert data[0]["hint"]
    assert done.returncode == 78


def test_exit_codes(empty_home: Path, tmp_path: Path) -> None:
    assert elconf_check(str(CLEAN / "setq-gmail.el"), home=empty_home).returncode == 0
    warning_only = str(BROKEN / "no-sender.el")
    assert elconf_check(warning_only, home=empty_home).returncode == 0
    assert elconf_check("--strict", warning_only, home=empty_home).returncode == 1
    stops = tmp_path / "stops.el"
    stops.write_text('(setq send-mail-function (quote smtpmail-send-it) user-mail-address '
                     '"alice@example.org" smtpmail-smtp-server "smtp.example.org")\n'
                     '(error "not finished")\n(setq smtpmail-smtp-service 587)\n')
    done = elconf_check(str(stops), home=empty_home)
    assert done.returncode == 1 and "stops.el:2:1: error:" in done.stdout
    assert elconf_check(str(BROKEN / "stream-type-string.el"), home=empty_home).returncode == 78
    unreadable = elconf_check(str(BROKEN / "read-error-unclosed.el"), home=empty_home)
    assert unreadable.returncode == 65 and "[read-error]" in unreadable.stdout
    missing = elconf_check(str(tmp_path / "nope.el"), home=empty_home)
    assert missing.returncode == 66 and "nope.el" in missing.stderr


def test_init_option_and_discovery(empty_home: Path) -> None:
    done = elconf_check("--init", str(BROKEN / "no-server.el"), home=empty_home)
    assert "[no-server]" in done.stdout and done.returncode == 78
    (empty_home / ".emacs.d").mkdir()
    (empty_home / ".emacs.d" / "init.el").write_text(
        (BROKEN / "no-server.el").read_text(encoding="utf-8"))
    discovered = elconf_check(home=empty_home)
    assert "init.el:4:7: error:" in discovered.stdout and discovered.returncode == 78


def test_several_files_are_checked_each_on_its_own(empty_home: Path) -> None:
    done = elconf_check(str(BROKEN / "ssl-on-587.el"), str(BROKEN / "no-server.el"), home=empty_home)
    assert "ssl-on-587.el:5:7: error:" in done.stdout
    assert "no-server.el:4:7: error:" in done.stdout
    assert done.returncode == 78


def test_rule_selection_and_listing(empty_home: Path) -> None:
    only = elconf_check("--rule", "no-sender", str(BROKEN / "no-sender.el"), home=empty_home)
    assert only.stdout.count("[no-sender]") == 1
    listing = elconf_check("--list-rules", home=empty_home)
    assert listing.returncode == 0 and "default-server-after-load" in listing.stdout
    explained = elconf_check("--explain", "default-server-after-load", home=empty_home)
    assert explained.returncode == 0 and "What Emacs does:" in explained.stdout
    assert "```elisp" in explained.stdout and "Fix:" in explained.stdout
    unknown = elconf_check("--rule", "no-such-rule", home=empty_home)
    assert unknown.returncode == 64 and "no-such-rule" in unknown.stderr


def test_standard_input_for_editors(empty_home: Path) -> None:
    text = (BROKEN / "ssl-on-587.el").read_text(encoding="utf-8")
    done = elconf_check("--stdin-filename", "/home/u/.emacs.d/init.el", "-", home=empty_home,
                        stdin=text)
    assert done.stdout.startswith("/home/u/.emacs.d/init.el:5:7: error: ")
    assert done.returncode == 78


@pytest.mark.emacs
def test_emacs_compilation_mode_understands_the_output(empty_home: Path, tmp_path: Path) -> None:
    """M-x compile RET elconf check FILE: every finding is a place Emacs can jump to."""
    from tests.support.emacs import run_emacs

    done = elconf_check("--no-hints", str(BROKEN / "port-465-no-tls.el"),
                        str(BROKEN / "no-sender.el"), home=empty_home)
    output = tmp_path / "output.txt"
    output.write_text(done.stdout)
    program = f"""(progn (require 'compile)
      (with-current-buffer (find-file-noselect "{output}")
        (compilation-mode) (compilation--ensure-parse (point-max)) (goto-char (point-min))
        (while (not (eobp))
          (let ((m (get-text-property (point) 'compilation-message)))
            (when m
              (let ((loc (compilation--message->loc m)))
                (princ (format "%s %s %d\\n" (car (compilation--file-struct->file-spec
                                                   (compilation--loc->file-struct loc)))
                               (compilation--loc->line loc) (compilation--message->type m))))))
          (forward-line 1))))"""
    parsed = run_emacs(["-Q", "--eval", program], home=empty_home).stdout.decode().split("\n")
    assert parsed[:2] == [f"{BROKEN / 'no-sender.el'} 3 1", f"{BROKEN / 'port-465-no-tls.el'} 5 2"]
