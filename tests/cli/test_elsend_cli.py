"""The ``elsend`` command line end to end, against a real SMTP server on 127.0.0.1.

Each test runs the installed command in a subprocess with a private HOME, as
a user (or git, or mutt, or Emacs's sendmail-send-it) would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.smtpserver import RecordingServer, Script, reply

ROOT = Path(__file__).resolve().parents[2]

MESSAGE = b"""From: Alice <alice@example.org>
To: Bob <bob@example.net>
Cc: carol@example.net
Bcc: dave@example.net
Subject: hello

Hello Bob.
.a line with a leading dot
"""


def elsend(args: list[str], home: Path, *, stdin: bytes = b"", env: dict[str, str] | None = None,
           cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    command = shutil.which("elsend")
    argv = [command] if command else [sys.executable, "-m", "smtp.cli"]
    full_env = {k: v for k, v in os.environ.items() if k not in ("EMAIL", "NAME", "SMTPSERVER")}
    full_env.update({"HOME": str(home), "TZ": "UTC", "PYTHONPATH": str(ROOT)})
    full_env.update(env or {})
    return subprocess.run([*argv, *args], input=stdin, capture_output=True, env=full_env,
                          cwd=cwd or home, timeout=60, check=False)


def write_init(home: Path, port: int, extra: str = "") -> Path:
    init = home / "init.el"
    init.write_text(f"""(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "127.0.0.1"
      smtpmail-smtp-service {port}
      smtpmail-stream-type 'plain
      user-full-name "Alice"
      user-mail-address "alice@example.org")
{extra}""", encoding="utf-8")
    return init


def rcpts(server: RecordingServer) -> list[bytes]:
    wire = b"".join(bytes(c.client_bytes) for c in server.connections)
    return [line for line in wire.split(b"\r\n") if line.startswith((b"MAIL", b"RCPT"))]


def test_help_teaches_usage_and_exit_codes(home: Path) -> None:
    done = elsend(["--help"], home)
    assert done.returncode == 0
    text = done.stdout.decode()
    for expected in ("--dry-run", "--flush-queue", "sendmail", "exit status", "75", "EX_TEMPFAIL"):
        assert expected in text


def test_short_help_is_help_not_sendmail_hop_count(home: Path) -> None:
    done = elsend(["-h"], home)
    assert done.returncode == 0 and b"--dry-run" in done.stdout


def test_elconf_usage_errors_exit_64(home: Path) -> None:
    for args in (["--bogus"], ["read"], ["get", "--bogus", "x"]):
        done = subprocess.run([sys.executable, "-m", "elconf.cli", *args], capture_output=True,
                              env={**os.environ, "HOME": str(home), "PYTHONPATH": str(ROOT)})
        assert done.returncode == 64, (args, done.stderr)


def test_relative_init_is_relative_to_the_current_directory(home: Path, tmp_path: Path) -> None:
    work = tmp_path / "dotfiles"
    (work / "mail").mkdir(parents=True)
    (work / "mail" / "init.el").write_text(
        "(load (expand-file-name \"server\" (file-name-directory load-file-name)))\n")
    (work / "mail" / "server.el").write_text("(setq smtpmail-smtp-server \"smtp.example.org\")\n")
    done = subprocess.run([sys.executable, "-m", "elconf.cli", "get", "--init", "mail/init.el",
                           "smtpmail-smtp-server"], capture_output=True, cwd=work,
                          env={**os.environ, "HOME": str(home), "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout == b'smtpmail-smtp-server\t"smtp.example.org"\n'


def test_version(home: Path) -> None:
    done = elsend(["--version"], home)
    assert done.returncode == 0 and done.stdout.startswith(b"elsend ")


@pytest.mark.parametrize("args, code", [
    (["--init", "x.el", "-q", "m.eml"], 64),
    (["-oi", "--bogus-sendmail-flag"], 64),
    (["-q", "no-such-message.eml"], 66),
    (["--init", "no-such-init.el", "-"], 66),
    (["--no-such-option"], 64),
    (["--timeout", "soon"], 64),
    (["-q", "--from", "a@example.org", "-t"], 64),
    (["-q", "--queue", "-f", "a@example.org", "-t"], 64),
])
def test_usage_and_missing_files(home: Path, args: list[str], code: int) -> None:
    done = elsend(args, home)
    assert done.returncode == code, done.stderr
    assert done.stderr.startswith(b"elsend: ") or b"usage" in done.stderr


def test_unconfigured_send_function_says_what_to_set(home: Path) -> None:
    (home / "m.eml").write_bytes(MESSAGE)
    done = elsend(["-q", "m.eml"], home)
    assert done.returncode == 78
    assert b"(setq" in done.stderr or b"set send-mail-function" in done.stderr


def test_sends_a_file_quietly(home: Path) -> None:
    with RecordingServer(Script()) as server:
        init = write_init(home, server.port)
        (home / "m.eml").write_bytes(MESSAGE)
        done = elsend(["--init", str(init), "m.eml"], home)
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"" and done.stderr == b""
    # Emacs's order: reversed appearance; Bcc is a recipient but not a header.
    assert rcpts(server) == [b"MAIL FROM:<alice@example.org> SIZE=" + rcpts(server)[0].split(b"SIZE=")[1],
                             b"RCPT TO:<dave@example.net>", b"RCPT TO:<carol@example.net>",
                             b"RCPT TO:<bob@example.net>"]
    data = server.connections[0].messages[0][2]
    assert b"Bcc:" not in data and b"\r\n..a line with a leading dot" not in data


def test_git_send_email_style(home: Path) -> None:
    """git send-email runs: CMD -i RCPT... with the message on stdin."""
    with RecordingServer(Script()) as server:
        init = write_init(home, server.port)
        done = elsend(["--init", str(init), "-i", "x@example.net", "y@example.net"], home,
                      stdin=MESSAGE)
    assert done.returncode == 0, done.stderr
    assert rcpts(server)[1:] == [b"RCPT TO:<x@example.net>", b"RCPT TO:<y@example.net>"]


def test_mutt_style_with_envelope_flag(home: Path) -> None:
    """mutt runs: $sendmail -oem -oi -f ADDR -- RCPT..."""
    with RecordingServer(Script()) as server:
        init = write_init(home, server.port)
        done = elsend(["--init", str(init), "-oem", "-oi", "-f", "bounce@example.org", "--",
                       "z@example.net"], home, stdin=MESSAGE)
    assert done.returncode == 0, done.stderr
    lines = rcpts(server)
    assert lines[0].startswith(b"MAIL FROM:<bounce@example.org>")
    assert lines[1:] == [b"RCPT TO:<z@example.net>"]


def test_emacs_sendmail_send_it_style_reads_headers(home: Path) -> None:
    """sendmail-send-it runs: PROGRAM -oi -oep -odi -t (Bcc still in the header)."""
    with RecordingServer(Script()) as server:
        init = write_init(home, server.port)
        done = elsend(["--init", str(init), "-oi", "-oep", "-odi", "-t",
                       "--read-envelope-from"], home, stdin=MESSAGE)
    assert done.returncode == 0, done.stderr
    assert rcpts(server)[0].startswith(b"MAIL FROM:<alice@example.org>")
    assert b"RCPT TO:<dave@example.net>" in rcpts(server)
    assert b"Bcc:" not in server.connections[0].messages[0][2]


def test_sendmail_mode_without_recipients_is_a_usage_error(home: Path) -> None:
    done = elsend(["-q", "-oi"], home, stdin=MESSAGE)
    assert done.returncode == 64
    assert b"-t" in done.stderr


def test_dry_run_touches_no_network_and_masks_the_password(home: Path) -> None:
    (home / ".authinfo").write_text("machine 127.0.0.1 login alice password s3cret-pw\n")
    with RecordingServer(Script()) as server:
        init = write_init(home, server.port)
        (home / "m.eml").write_bytes(MESSAGE)
        done = elsend(["--init", str(init), "--dry-run", "m.eml"], home)
    assert done.returncode == 0, done.stderr
    assert server.connections == []
    out = done.stdout.decode()
    assert "Message-Id: <" in out and "RCPT" in out or "recipients" in out
    assert f"127.0.0.1 port {server.port}" in out
    assert ".authinfo:1" in out
    assert "s3cret-pw" not in out + done.stderr.decode()


NO_AUTH = ("SIZE 10240000", "8BITMIME")


def test_refused_recipient_exit_code_and_message(home: Path) -> None:
    script = Script(extensions=NO_AUTH, replies={("RCPT", 1): reply("550 5.1.1 no such user")})
    with RecordingServer(script) as server:
        init = write_init(home, server.port)
        (home / "m.eml").write_bytes(MESSAGE)
        done = elsend(["--init", str(init), "m.eml"], home)
    assert done.returncode == 67
    assert b"Sending failed: 550 5.1.1 no such user" in done.stderr
    assert (home / "m.eml").read_bytes() == MESSAGE  # nothing lost


def test_550_with_auth_offered_and_no_terminal_fails_clearly(home: Path) -> None:
    """Emacs would reconnect and prompt; without a terminal we say what to add instead."""
    script = Script(replies={("RCPT", 1): reply("550 5.7.1 relaying denied")})
    with RecordingServer(script) as server:
        init = write_init(home, server.port)
        (home / "m.eml").write_bytes(MESSAGE)
        done = elsend(["--init", str(init), "m.eml"], home)
    assert done.returncode == 77
    assert b"no terminal to ask" in done.stderr and b".authinfo" in done.stderr


def test_queue_then_flush_in_one_session(home: Path) -> None:
    with RecordingServer(Script()) as server:
        init = write_init(home, server.port)
        for n in range(3):
            (home / f"m{n}.eml").write_bytes(MESSAGE.replace(b"hello", b"hello %d" % n))
            done = elsend(["--init", str(init), "--queue", f"m{n}.eml"], home)
            assert done.returncode == 0, done.stderr
        assert server.connections == []
        done = elsend(["--init", str(init), "--flush-queue"], home)
    assert done.returncode == 0, done.stderr
    assert len(server.connections) == 1  # one session, RSET between messages
    subjects = [m[2].split(b"Subject: ")[1].split(b"\r\n")[0] for m in server.connections[0].messages]
    assert subjects == [b"hello 0", b"hello 1", b"hello 2"]
    assert (home / "Mail/queued-mail/index").read_text() == ""


def test_flush_failing_part_way_keeps_the_rest_in_order(home: Path) -> None:
    # The second message's first RCPT is refused: message 1 sent, 2 and 3 stay queued.
    script = Script(extensions=NO_AUTH, replies={("RCPT", 4): reply("550 5.1.1 gone")})
    with RecordingServer(script) as server:
        init = write_init(home, server.port)
        for n in range(3):
            (home / f"m{n}.eml").write_bytes(MESSAGE.replace(b"hello", b"hello %d" % n))
            assert elsend(["--init", str(init), "--queue", f"m{n}.eml"], home).returncode == 0
        index_before = (home / "Mail/queued-mail/index").read_text().splitlines()
        done = elsend(["--init", str(init), "--flush-queue"], home)
    assert done.returncode == 67, done.stderr
    assert b"1 sent, 2 still queued" in done.stderr
    assert (home / "Mail/queued-mail/index").read_text().splitlines() == index_before[1:]
    assert all(Path(line).exists() for line in index_before[1:])
    assert not Path(index_before[0]).exists()


def test_the_readme_demo_runs(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "examples/demo.py")], capture_output=True,
                          timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert "The server received a message from <alice@example.org>" in out
    assert 'From: "Alice Q. Example" <alice@example.org>' in out


def test_the_readme_demo_runs_the_elsend_installed_for_its_python(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another Python's elsend first on PATH (a stale install) is not the one just installed."""
    import importlib.util
    import sysconfig

    spec = importlib.util.spec_from_file_location("elsend_demo", ROOT / "examples/demo.py")
    assert spec is not None and spec.loader is not None
    demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo)
    scripts, stale = tmp_path / "scripts", tmp_path / "stale"
    for directory in (scripts, stale):
        directory.mkdir()
        (directory / "elsend").write_text("#!/bin/sh\nexit 0\n")
        (directory / "elsend").chmod(0o755)
    monkeypatch.setenv("PATH", f"{stale}:{os.environ['PATH']}")
    monkeypatch.setattr(sysconfig, "get_path", lambda name: str(scripts))
    assert demo.find_elsend() == str(scripts / "elsend")
    (scripts / "elsend").unlink()      # installed elsewhere (pip --user): PATH decides
    assert demo.find_elsend() == str(stale / "elsend")


def test_probe_reports_and_sends_nothing(home: Path) -> None:
    (home / ".authinfo").write_text("machine 127.0.0.1 login alice password s3cret\n")
    script = Script(users={"alice": "s3cret"})
    with RecordingServer(script) as server:
        init = write_init(home, server.port)
        done = elsend(["--init", str(init), "--probe"], home)
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert "AUTH mechanisms offered: CRAM-MD5 PLAIN LOGIN" in out
    assert "authenticated with CRAM-MD5: accepted" in out
    wire = bytes(server.connections[0].client_bytes)
    assert b"MAIL FROM" not in wire and wire.endswith(b"QUIT\r\n")
    assert server.connections[0].authenticated_as == "alice"
    assert "s3cret" not in out


def test_probe_with_wrong_password_fails_with_77(home: Path) -> None:
    (home / ".authinfo").write_text("machine 127.0.0.1 login alice password wrong\n")
    with RecordingServer(Script(users={"alice": "s3cret"})) as server:
        init = write_init(home, server.port)
        done = elsend(["--init", str(init), "--probe"], home)
    assert done.returncode == 77
    assert b"535" in done.stderr and b"wrong" not in done.stderr


def test_format_patch_file_gets_a_hint(home: Path) -> None:
    """Emacs ends the header at git format-patch's mbox line and finds no recipients."""
    with RecordingServer(Script()) as server:
        init = write_init(home, server.port)
        (home / "0001.patch").write_bytes(
            b"From 1a2b3c Mon Sep 17 00:00:00 2001\n" + MESSAGE)
        done = elsend(["--init", str(init), "0001.patch"], home)
    assert done.returncode == 65
    assert b"Sending failed; no recipients" in done.stderr and b"format-patch" in done.stderr
    assert server.connections == []


def test_every_package_file_is_declared_to_setuptools() -> None:
    """A data file missing from package-data works in the checkout but not once installed."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    declared = config["tool"]["setuptools"].get("package-data", {})
    # The compiled reader's sources are setup.py's Extension (sources, depends; MANIFEST.in
    # ships them in an sdist), and what building it leaves beside them (*.so) is no data file.
    extension = (ROOT / "setup.py").read_text()
    for path in list((ROOT / "elconf").rglob("*")) + list((ROOT / "smtp").rglob("*")):
        if path.suffix in (".c", ".h"):
            assert path.relative_to(ROOT).as_posix() in extension, f"{path} is not in setup.py"
            continue
        if path.suffix == ".so":
            continue
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts:
            package = ".".join(path.parent.relative_to(ROOT).parts)
            patterns = declared.get(package, [])
            assert any(path.match(p) for p in patterns), f"{path} is not in package-data"


def test_probe_refuses_a_line_break_in_the_ehlo_name(home: Path) -> None:
    """The session itself never writes a command containing CR or LF, whatever the path."""
    with RecordingServer(Script()) as server:
        init = write_init(home, server.port, '(setq smtpmail-local-domain "x\\r\\nRSET")\n')
        done = elsend(["--init", str(init), "--probe"], home)
    assert done.returncode == 76
    assert b"line break" in done.stderr
    wire = b"".join(bytes(c.client_bytes) for c in server.connections)
    assert b"RSET" not in wire


@pytest.mark.parametrize("reply_text, direct, sendmail", [
    ("550 5.1.1 no such user", 67, 65),     # msmtp: 5xx -> EX_DATAERR
    ("451 4.3.0 try later", 75, 69),         # msmtp: 4xx -> EX_UNAVAILABLE
])
def test_sendmail_mode_exits_as_msmtp_does(home: Path, reply_text: str, direct: int,
                                           sendmail: int) -> None:
    for grammar, expected in (("elsend", direct), ("sendmail", sendmail)):
        script = Script(extensions=NO_AUTH, replies={("RCPT", 1): reply(reply_text)})
        with RecordingServer(script) as server:
            init = write_init(home, server.port)
            (home / "m.eml").write_bytes(MESSAGE)
            args = (["--init", str(init), "m.eml"] if grammar == "elsend"
                    else ["--init", str(init), "-oi", "x@example.net"])
            done = elsend(args, home, stdin=MESSAGE)
        assert done.returncode == expected, (grammar, done.stderr)
