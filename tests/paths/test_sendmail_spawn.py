"""sendmail-program started without :mod:`subprocess` does what ``Popen`` did.

:func:`smtp.sendmail.run_sendmail` starts the program with ``posix_spawn``
and an unnamed output file (no thread, no subprocess import), and falls back
to ``subprocess.Popen`` with a draining thread while other threads run.
These tests run the same program both ways and compare: the descriptors it
gets, the PATH lookup, the signal dispositions, the directory.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from unittest import mock
from pathlib import Path

import pytest

from smtp import sendmail
from smtp.sendmail import SendmailFailure, SendmailJob, run_sendmail

MESSAGE = b"From: Alice <alice@example.org>\nTo: bob@example.net\nSubject: hi\n\nHello.\n"


def script(path: Path, body: str) -> str:
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return str(path)


def both_ways(argv: list[str], env: dict[str, str] | None = None, interactive: bool = False) -> list:
    """What run_sendmail returns (or raises) spawned, and through subprocess with a thread running."""
    results = []
    for threaded in (False, True):
        job = SendmailJob("sendmail-send-it", tuple(argv), MESSAGE, interactive)
        stop = threading.Event()
        other = threading.Thread(target=stop.wait) if threaded else None
        if other is not None:
            other.start()
        # A thread an earlier test of the session left running (a server's) would send
        # the first run through subprocess too: it counts as none here, as in elsend.
        alone = mock.patch.object(threading, "active_count", lambda: 1) if not threaded \
            else contextlib.nullcontext()
        try:
            with alone:
                results.append(("ok", run_sendmail(job, env=env)))
        except SendmailFailure as exc:
            results.append((type(exc).__name__, exc.message, exc.exit_code))
        finally:
            stop.set()
            if other is not None:
                other.join()
    return results


def test_the_spawn_path_is_taken_without_threads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used = []
    monkeypatch.setattr(sendmail, "_run_with_subprocess", lambda *a: used.append("subprocess") or (0, b""))
    program = script(tmp_path / "prog", "cat >/dev/null")
    both_ways([program])
    assert used == ["subprocess"]       # the threaded run only


def test_no_descriptor_of_ours_but_0_1_2(tmp_path: Path) -> None:
    record = tmp_path / "fds"
    program = script(tmp_path / "prog", f'cat >/dev/null; ls /proc/$$/fd >> "{record}"; echo - >> "{record}"')
    with open(tmp_path / "leak", "w") as leaked:
        # An inheritable descriptor of ours, numbered above the ones the shell itself
        # opens for the script (dash uses 10 and up): the lowest free one from 100 (dup2
        # to a fixed number would close whatever of the test session's is there).
        number = fcntl.fcntl(leaked.fileno(), fcntl.F_DUPFD, 100)
        os.set_inheritable(number, True)
        try:
            assert both_ways([program]) == [("ok", "")] * 2
        finally:
            os.close(number)
    spawned, threaded = ({int(n) for n in part.split()} for part in record.read_text().split("-")[:2])
    assert spawned == threaded and {0, 1, 2} <= spawned
    assert number not in spawned


def test_the_path_lookup_skips_what_cannot_run_as_popen_does(tmp_path: Path) -> None:
    early, late = tmp_path / "early", tmp_path / "late"
    early.mkdir()
    late.mkdir()
    (early / "my-sendmail").write_text("not executable\n")
    script(late / "my-sendmail", 'cat >/dev/null; echo "from late"')
    env = {"PATH": f"{early}:{late}:/usr/bin:/bin"}
    assert both_ways(["my-sendmail"], env) == [("ok", "from late\n")] * 2
    env = {"PATH": f"{early}:/usr/bin:/bin"}
    assert both_ways(["my-sendmail"], env) == [
        ("SendmailFailure", "Searching for program: Permission denied, my-sendmail", 78)] * 2
    assert both_ways(["no-such-sendmail"], env) == [
        ("SendmailFailure", "Searching for program: No such file or directory, no-such-sendmail", 78)] * 2


def test_sigpipe_is_at_its_default_in_the_program(tmp_path: Path) -> None:
    """``yes | head`` ends quietly only if yes dies of SIGPIPE (Python ignores it)."""
    program = script(tmp_path / "pipe", "cat >/dev/null; yes | head -c 10 >/dev/null")
    assert both_ways([program], interactive=True) == [("ok", "")] * 2


def test_a_relative_program_is_found_from_the_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert both_ways(["bin/true"]) == [("ok", "")] * 2        # /bin/true, as Popen(cwd="/") runs it
    assert Path.cwd() == tmp_path
