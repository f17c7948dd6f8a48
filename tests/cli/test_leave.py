"""``smtp.cli.leave``: the ``elsend`` script's exit, without the interpreter's teardown.

After a send, ``os._exit`` spares the freeing of every module and object; it
must still exit with the status, deliver what was written to stdout and
stderr, and step aside (``sys.exit``) whenever anything else wants Python's
exit: an exit handler, a running thread, a flush that fails.  Each case runs
in its own interpreter, since ``os._exit`` would end the test's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from smtp.sink import running_sink

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, stdout: int = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, env=env, timeout=60, check=False)


_PRELUDE = "import sys\nfrom smtp import cli\ncli._freeze_at_exit()\n"


@pytest.mark.parametrize("status", [0, 1, 64, 75, 255])
def test_the_status_and_the_buffered_output_come_out(status: int) -> None:
    done = _run(_PRELUDE + "sys.stdout.write('out ' * 5000)\nsys.stderr.write('err')\n"
                f"cli.leave({status})\nprint('never')")
    assert done.returncode == status
    assert done.stdout == "out " * 5000 and done.stderr == "err"


def test_an_exit_handler_of_someone_else_runs() -> None:
    done = _run(_PRELUDE + "import atexit\natexit.register(lambda: print('handler ran'))\n"
                "cli.leave(3)")
    assert (done.returncode, done.stdout) == (3, "handler ran\n")


def test_a_running_thread_is_waited_for() -> None:
    done = _run(_PRELUDE + "import threading, time\n"
                "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done'))).start()\n"
                "cli.leave(0)")
    assert (done.returncode, done.stdout) == (0, "thread done\n")


def test_a_profiler_gets_to_write_its_data(tmp_path: Path) -> None:
    out = tmp_path / "profile"
    script = tmp_path / "leaving.py"
    script.write_text(_PRELUDE + "cli.leave(4)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), str(script)],
                          env=env, capture_output=True, timeout=60, check=False)
    assert out.exists(), done.stderr   # (cProfile swallows the SystemExit: its status is 0)


def test_a_status_that_is_not_a_small_int_is_python_s() -> None:
    assert _run(_PRELUDE + "cli.leave('bye')").returncode == 1     # sys.exit prints it
    assert _run(_PRELUDE + "cli.leave(None)").returncode == 0


def test_a_flush_that_fails_ends_as_python_s_exit_would() -> None:
    """stdout's reader gone: the same status and report as ``sys.exit`` gives."""
    outcomes = []
    for ending in ("cli.leave(0)", "sys.exit(0)"):
        read, write = os.pipe()
        os.close(read)
        try:
            done = _run(_PRELUDE + f"sys.stdout.write('x' * 10)\n{ending}", stdout=write)
        finally:
            os.close(write)
        outcomes.append((done.returncode, done.stderr.strip().splitlines()[-1]))
    assert outcomes[0] == outcomes[1] and outcomes[0][0] != 0
    assert "Broken pipe" in outcomes[0][1]


def test_the_script_sends_and_exits_with_elsend_s_status(tmp_path: Path) -> None:
    """scripts/elsend itself: a send (fresh, then through the kept plan) exits 0 with
    the message delivered; a server that is not there exits 75 with its message."""
    home = tmp_path / "home"
    (home / ".emacs.d").mkdir(parents=True)
    message = tmp_path / "m.eml"
    message.write_text("From: alice@example.org\nTo: bob@example.net\nSubject: s\n\nbody\n")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "LANG": "C.UTF-8",
           "PYTHONPATH": str(ROOT)}
    script = [sys.executable, str(ROOT / "scripts" / "elsend")]
    init = tmp_path / "init.el"
    with running_sink() as sink:
        init.write_text("(setq send-mail-function 'smtpmail-send-it smtpmail-smtp-server \"127.0.0.1\"\n"
                        f"      smtpmail-smtp-service {sink.port} smtpmail-stream-type 'plain\n"
                        "      user-mail-address \"alice@example.org\")\n")
        for _ in range(2):
            done = subprocess.run([*script, "--init", str(init), str(message)], env=env,
                                  capture_output=True, text=True, timeout=60, check=False)
            assert (done.returncode, done.stderr) == (0, "")
        assert len(sink.messages) == 2
        port = sink.port
    done = subprocess.run([*script, "--init", str(init), str(message)], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 75 and f"127.0.0.1 port {port}" in done.stderr
