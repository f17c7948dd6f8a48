"""``elconf read`` as a user runs it: output lines, errors on stderr, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from elconf import sysexits


def elconf(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "elconf.cli", *args], input=stdin, capture_output=True,
                          cwd=cwd, check=False, timeout=60)


def test_prints_one_line_per_form(tmp_path: Path) -> None:
    init = tmp_path / "init.el"
    init.write_text(';; mail\n(setq user-mail-address "me@example.org")\n\n'
                    "(setq smtpmail-stream-type 'starttls\n      x \"a\nb\")\n#$\n")
    result = elconf("read", str(init))
    assert result.returncode == sysexits.OK, result.stderr
    assert result.stdout.decode().splitlines() == [
        '2\t(setq user-mail-address "me@example.org")',
        "4\t(setq smtpmail-stream-type 'starttls x \"a\\nb\")",
        f'7\t"{init.resolve()}"',
    ]


def test_error_after_the_forms_read(tmp_path: Path) -> None:
    init = tmp_path / "init.el"
    init.write_text("(setq a 1)\n(setq b\n  (list 1 2)\n")
    result = elconf("read", str(init))
    assert result.returncode == sysexits.DATAERR
    assert result.stdout.decode() == "1\t(setq a 1)\n"
    assert result.stderr.decode() == (f"{init}:4:1: error: End of file during parsing "
                                      "(the list opened at 2:1 is not closed)\n")


def test_check_prints_only_errors_and_continues_with_other_files(tmp_path: Path) -> None:
    good = tmp_path / "good.el"
    good.write_text("(a) (b)\n")
    bad = tmp_path / "bad.el"
    bad.write_text("(a . b c)\n")
    result = elconf("read", "--check", str(good), str(bad), str(tmp_path / "missing.el"))
    assert result.stdout == b""
    errors = result.stderr.decode().splitlines()
    assert errors[0] == f'{bad}:1:9: error: Invalid read syntax: ". in wrong context"'
    assert errors[1].startswith(f"elconf read: {tmp_path / 'missing.el'}: No such file")
    assert result.returncode == sysexits.NOINPUT
    assert elconf("read", "--check", str(good)).returncode == sysexits.OK
    assert elconf("read", "--check", str(bad)).returncode == sysexits.DATAERR


def test_with_filename_and_stdin(tmp_path: Path) -> None:
    one = tmp_path / "one.el"
    one.write_text("(a)\n")
    result = elconf("read", "--with-filename", str(one), "-", stdin=b"\n?a #$")
    assert result.returncode == sysexits.OK
    assert result.stdout.decode().splitlines() == [f"{one}:1\t(a)", "-:2\t97", "-:2\tnil"]


def test_raw_bytes_pass_through_and_strings_stay_on_one_line(tmp_path: Path) -> None:
    init = tmp_path / "init.el"
    init.write_bytes(b';; -*- coding: utf-8 -*-\n(x "caf\xe9\tz" sym\xe9)\n')
    result = elconf("read", str(init))
    assert result.stdout == b'2\t(x "caf\\351\\11z" sym\xe9)\n'


def test_help_teaches() -> None:
    result = elconf("read", "--help")
    text = result.stdout.decode()
    assert result.returncode == 0
    for needle in ("LINE<TAB>FORM", "--check", "--with-filename", "exit status", "65", "66"):
        assert needle in text
