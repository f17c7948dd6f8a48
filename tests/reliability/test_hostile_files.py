"""Hostile init files given to the commands themselves: a clear answer, a sysexits code, no traceback.

test_hostile_input.py drives the reader and the evaluator directly; this file runs what a
user runs (``elconf get``, ``elconf check``, ``elsend --dry-run``) on the files of the
hostile-files sweep whose outcome was wrong: a traceback or an "internal error" (exit 70)
where a placed error belongs, or "no such file" for a file that exists.  The expected
values were read from Emacs 28.2 where Emacs has an answer (noted at each test).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from elconf import cli as elconf_cli
from tests.reliability.harness import run_elsend

ROOT = Path(__file__).resolve().parents[2]
BASE = ("(setq send-mail-function 'smtpmail-send-it smtpmail-smtp-server \"127.0.0.1\"\n"
        "      user-mail-address \"alice@example.org\")\n")


def nested(depth: int) -> str:
    return "(" * depth + ")" * depth


def elconf(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = elconf_cli.main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def message(home: Path) -> Path:
    path = home / "m.eml"
    path.write_text("To: bob@example.net\nSubject: x\n\nhi\n")
    return path


def test_a_form_nested_100000_deep_is_an_invalid_function_at_its_place(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``((((...))))`` evaluates its car, a 99,999-deep list: invalid-function, at 2:1.

    Emacs's own error-message-string signals on that datum (too deep to print); the
    message was a PrintError traceback (elconf) or "internal error", exit 70 (elsend).
    """
    init = home / "init.el"
    init.write_text(BASE + nested(100_000) + "\n(setq user-full-name \"after\")\n")
    code, out, err = elconf(["get", "--init", str(init), "user-full-name"], capsys)
    assert "Traceback" not in err
    assert f"{init}:3:1: error: Invalid function: " in err
    assert out.split("\t")[1].strip() != '"after"'          # the file stopped there, as in Emacs
    outcome = run_elsend(["--init", str(init), "--no-cache", "--dry-run", str(message(home))], capsys)
    assert outcome.code == 0, outcome.stderr
    assert "internal error" not in outcome.stderr and f"{init}:3:1: error: Invalid function" in outcome.stderr


def test_printing_past_the_depth_limit_is_a_lisp_error(home: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Emacs 28.2: ``(condition-case e (format "%S" X) (error e))`` with X 300 lists deep gives
    ``(error "Apparently circular structure being printed")``; it escaped the evaluator."""
    init = home / "init.el"
    init.write_text(f"(setq deep '{nested(300)})\n"
                    "(setq caught (condition-case e (format \"%S\" deep) (error e)))\n"
                    "(format \"%S\" deep)\n(setq after t)\n")
    code, out, err = elconf(["get", "--init", str(init), "caught", "after"], capsys)
    assert out == 'caught\t(error "Apparently circular structure being printed")\nafter\tvoid\n'
    assert f"{init}:3:1: error: Apparently circular structure being printed" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("variable", ["user-full-name", "smtpmail-smtp-server"])
def test_a_value_too_deep_to_print_is_shown_abbreviated(variable: str, home: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Our own output (elconf get, elconf check, elsend's configuration error) shows ``...``
    past 200 levels instead of dying on the value."""
    init = home / "init.el"
    init.write_text(BASE + f"(setq {variable} '{nested(300)})\n")
    code, out, err = elconf(["get", "--init", str(init), variable], capsys)
    assert code == 0 and out == f"{variable}\t{'(' * 200}...{')' * 200}\n", err
    code, out, err = elconf(["check", "--no-hints", "--init", str(init)], capsys)
    assert "Traceback" not in err and code in (0, 1, 78)
    outcome = run_elsend(["--init", str(init), "--no-cache", str(message(home))], capsys)
    assert "internal error" not in outcome.stderr
    if variable == "smtpmail-smtp-server":
        assert outcome.code == 78
        assert "smtpmail-smtp-server: expected a string or nil, got ((((" in outcome.stderr


def _special_files(home: Path) -> dict[str, tuple[Path, str]]:
    fifo = home / "fifo.el"
    os.mkfifo(fifo)
    loop = home / "loop.el"
    os.symlink(home / "loop2.el", loop)
    os.symlink(loop, home / "loop2.el")
    directory = home / "dir.el"
    directory.mkdir()
    return {"fifo": (fifo, "not a regular file (a FIFO)"),
            "device": (Path("/dev/zero"), "not a regular file (a device)"),
            "symlink loop": (loop, "a loop of symbolic links"),
            "directory": (directory, "is a directory"),
            "missing": (home / "missing.el", "no such")}


def test_an_init_file_that_is_not_a_regular_file_is_refused_with_its_kind(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 66 at once (a FIFO or /dev/zero would block or never end) and the words say which
    kind of file it is: it said "no such file" for an existing FIFO or symbolic-link loop."""
    msg = message(home)
    for kind, (path, words) in _special_files(home).items():
        for argv in (["get", "--init", str(path), "user-full-name"], ["check", str(path)],
                     ["check", "--init", str(path)]):
            code, _, err = elconf(argv, capsys)
            assert code == 66 and words in err, (kind, argv, err)
        outcome = run_elsend(["--init", str(path), "--dry-run", str(msg)], capsys)
        assert outcome.code == 66 and words in outcome.stderr, (kind, outcome.stderr)


def test_an_unreadable_init_file_stops_with_exit_66(home: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Emacs loads the init file with ``noerror``: one it may not read is skipped without a word
    (``(load F t t)`` returns nil on "Permission denied").  We stop and say so, since settings
    silently missing would send from the wrong server; it was a PermissionError traceback."""
    init = home / "init.el"
    init.write_text(BASE)
    init.chmod(0)
    msg = message(home)
    argvs = [["elconf", "get", "--init", str(init), "user-full-name"],
             ["elconf", "check", str(init)],
             ["elsend", "--init", str(init), "--no-cache", "--dry-run", str(msg)]]
    if os.geteuid() != 0:
        for argv in argvs:
            if argv[0] == "elconf":
                code, _, err = elconf(argv[1:], capsys)
            else:
                outcome = run_elsend(argv[1:], capsys)
                code, err = outcome.code, outcome.stderr
            assert code == 66 and "cannot read the init file: Permission denied" in err, err
        return
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: every file is readable")
    import tempfile

    # pytest's tmp_path is private to root: the other user gets a world-readable directory.
    shared = Path(tempfile.mkdtemp(prefix="elsend-unreadable-"))
    try:
        shared.chmod(0o755)
        for argv in argvs:
            argv[:] = [str(shared / Path(a).name) if a in (str(init), str(msg)) else a for a in argv]
        (shared / "init.el").write_text(BASE)
        (shared / "init.el").chmod(0)
        (shared / "m.eml").write_bytes(msg.read_bytes())
        (shared / "m.eml").chmod(0o644)
        _run_as_nobody(setpriv, shared, argvs)
    finally:
        shutil.rmtree(shared)


def _run_as_nobody(setpriv: str, home: Path, argvs: list[list[str]]) -> None:
    for argv in argvs:
        module = "elconf.cli" if argv[0] == "elconf" else "smtp.cli"
        done = subprocess.run([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
                               sys.executable, "-c", f"import sys; from {module} import main; "
                               "sys.exit(main(sys.argv[1:]))", *argv[1:]],
                              capture_output=True, text=True, cwd="/",
                              env={**os.environ, "HOME": str(home), "PYTHONPATH": str(ROOT),
                                   "PYTHONDONTWRITEBYTECODE": "1"}, timeout=60)
        assert done.returncode == 66, done.stderr
        assert "cannot read the init file: Permission denied" in done.stderr
        assert "Traceback" not in done.stderr


def test_the_time_budget_names_the_form_it_stopped_at(home: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A huge file of quick forms spends the budget between positioned forms: the diagnostic
    had no line (``init.el: error: ...``); now the top-level form where it stopped."""
    monkeypatch.setenv("ELCONF_LIMITS", "max_seconds=0.1")
    init = home / "init.el"
    init.write_text("(setq a 1)\n" + '(setq x-var "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")\n' * 100_000)
    code, out, err = elconf(["get", "--init", str(init), "a"], capsys)
    assert out == "a\t1\n"
    [line] = [x for x in err.splitlines() if "evaluation time" in x]
    place = line.split(": error:")[0]
    assert place.startswith(f"{init}:") and place.endswith(":1"), line
    assert 2 <= int(place.split(":")[-2]) <= 100_001
