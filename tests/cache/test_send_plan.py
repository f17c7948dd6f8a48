"""Send plans (smtp.fastpath) never send with a stale setting, and send the same bytes.

A static configuration's send keeps a plan; the next send uses it without
evaluating anything.  Each test here sends, changes one kind of input the
evaluation or the send-time loads consulted (the init file in place, a
variable the init file reads, a variable or file read only when smtpmail
loads at send time, elsend's own code, the configuration turning dynamic),
and sends again (client accounts: test_send_plan_accounts.py;
sendmail-program routes: test_send_plan_sendmail.py): the second message must go where the new settings say,
and the plan lookup must say it missed.  Unchanged inputs must hit, and a
message sent through a kept plan must be byte for byte the one a fresh
evaluation sends.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from elconf import cache
from smtp import cli, fastpath
from smtp.sink import running_sink

ROOT = Path(__file__).resolve().parents[2]

MESSAGE = ("From: Alice <alice@example.org>\nTo: bob@example.net\nSubject: plan\n"
           "Date: Sat, 28 Nov 2026 12:00:00 +0000\nMessage-Id: <plan@example.org>\n\nbody\n")


def settings(port: int | str, extra: str = "") -> str:
    """The bench's shape: both send functions set, so the default door is message.el's."""
    return ("(setq send-mail-function 'smtpmail-send-it\n"
            "      message-send-mail-function 'smtpmail-send-it\n"
            "      smtpmail-smtp-server \"127.0.0.1\"\n"
            f"      smtpmail-smtp-service {port}\n"
            "      smtpmail-stream-type 'plain\n"
            "      user-mail-address \"alice@example.org\")\n" + extra)


class Sender:
    """elsend's main() in this process, with a HOME, a cache and an environment of the test's."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.tmp = tmp_path
        self.home = tmp_path / "home"
        (self.home / ".emacs.d").mkdir(parents=True)
        self.init = tmp_path / "init.el"
        self.message = tmp_path / "m.eml"
        self.message.write_text(MESSAGE)
        self.monkeypatch = monkeypatch
        for name in ("EMAIL", "NAME", "SMTPSERVER", "ELSEND_NO_CACHE", "TEST_PORT"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HOME", str(self.home))
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
        monkeypatch.chdir(tmp_path)

    def __call__(self, *args: str, stdin: bytes | None = None) -> tuple[int, str]:
        """Send; returns the exit code and what the plan lookup found ("hit" or why not)."""
        fastpath.last_lookup, fastpath.last_kept = "not looked up", False
        if stdin is not None:
            self.monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        argv = list(args) if args else [str(self.message)]
        code = cli.main(["--init", str(self.init), *argv])
        return code, fastpath.last_lookup

    def plans(self) -> list[str]:
        directory = self.tmp / "cache" / "elsend"
        return sorted(p.name.split("-", 2)[2] for p in directory.glob("plan-*")) if directory.exists() else []


@pytest.fixture
def send(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sender:
    return Sender(tmp_path, monkeypatch)


def rewrite_keeping_stat(path: Path, text: str) -> None:
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


# -- kept, used, and the same bytes ---------------------------------------------------------

@pytest.mark.parametrize("door", [[], ["--via", "mail"], ["--via", "message"]])
def test_a_static_send_keeps_a_plan_the_next_send_uses(send: Sender, door: list[str]) -> None:
    with running_sink() as sink:
        send.init.write_text(settings(sink.port))
        assert send(*door, str(send.message)) == (0, "no cached state")
        assert fastpath.last_kept
        assert send(*door, str(send.message)) == (0, "hit")
        assert send("--no-cache", *door, str(send.message)) == (0, "not looked up")
    fresh, kept, uncached = sink.messages
    assert fresh.data == kept.data == uncached.data
    assert (kept.envelope_from, kept.recipients) == ("alice@example.org", ["bob@example.net"])
    assert send.plans() == [f"via-{door[1] if door else 'default'}"]


MESSAGES = {
    "ascii": MESSAGE,
    "non-ascii": MESSAGE.replace("Subject: plan", "Subject: caf\u00e9 \u00fcber").replace("body", "gr\u00fc\u00dfe"),
    "no date, no id": "From: Alice <alice@example.org>\nTo: bob@example.net, carol@example.net\n"
                      "Cc: dave@example.net\nBcc: eve@example.net\nSubject: s\n\nb\n",
    "method header": MESSAGE.replace("Subject:", "X-Message-SMTP-Method: smtp 127.0.0.1 {port}\nSubject:"),
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
@pytest.mark.parametrize("door", ["mail", "message"])
def test_a_kept_plan_sends_what_a_fresh_evaluation_sends(send: Sender, name: str, door: str) -> None:
    """Byte for byte, on both doors (Date and Message-ID aside when elsend makes them)."""
    with running_sink() as sink:
        send.message.write_text(MESSAGES[name].replace("{port}", str(sink.port)))
        send.init.write_text(settings(sink.port))
        for _ in range(2):
            assert send("--via", door, str(send.message))[0] == 0
        assert send("--via", door, str(send.message)) == (0, "hit")
        assert send("--no-cache", "--via", door, str(send.message))[0] == 0
    kept, fresh = sink.messages[-2:]
    strip = (lambda data: b"\n".join(line for line in data.split(b"\n")
                                     if not line.startswith((b"Date:", b"Message-ID:", b"Message-Id:"))))
    assert strip(kept.data) == strip(fresh.data)
    assert (kept.envelope_from, kept.recipients) == (fresh.envelope_from, fresh.recipients)


def test_the_sendmail_grammar_keeps_its_own_plan(send: Sender) -> None:
    """git send-email's ``elsend -i RCPT``, Emacs's ``elsend -oi -t``: the same bytes through a plan."""
    with running_sink() as sink:
        send.init.write_text(settings(sink.port))
        for args in (["-oi", "-t"], ["-oi", "-t"], ["-i", "-f", "x@example.org", "rcpt@example.net"],
                     ["-i", "-f", "x@example.org", "rcpt@example.net"]):
            assert send(*args, stdin=MESSAGE.encode())[0] == 0
        assert fastpath.last_lookup == "hit"
        send.monkeypatch.setenv("ELSEND_NO_CACHE", "1")
        assert send("-oi", "-t", stdin=MESSAGE.encode()) == (0, "not looked up")
    first, kept, other, other_kept, uncached = sink.messages
    assert first.data == kept.data == uncached.data
    assert (other_kept.envelope_from, other_kept.recipients) == ("x@example.org", ["rcpt@example.net"])
    assert send.plans() == ["sendmail"]


def test_queueing_through_a_plan_writes_what_a_fresh_evaluation_writes(send: Sender) -> None:
    send.init.write_text(settings(25, "(setq smtpmail-queue-dir \"~/queue/\")\n"))
    queue = send.home / "queue"
    seen: set[Path] = set()
    contents, lookups = [], []
    for args in (["--queue"], ["--queue"], ["--no-cache", "--queue"]):
        code, why = send(*args, str(send.message))
        assert code == 0
        lookups.append(why)
        new = [p for p in queue.iterdir() if p not in seen and p.name[:1].isdigit()]
        seen.update(new)
        assert len(new) == 2       # the message and its .el
        contents.append(sorted((p.suffix, p.read_bytes()) for p in new))
    assert lookups[1:] == ["hit", "not looked up"]
    assert contents[0] == contents[1] == contents[2]


# -- never stale: each kind of input changed between two sends --------------------------------

def test_the_init_file_edited_in_place(send: Sender) -> None:
    with running_sink() as sink:
        send.init.write_text(settings(sink.port).replace("alice@", "aaaaa@"))
        send()
        assert send() == (0, "hit")
        rewrite_keeping_stat(send.init, settings(sink.port).replace("alice@", "carol@"))
        code, why = send()
        assert (code, why.startswith("content")) == (0, True), why
        assert send() == (0, "hit")
    assert [m.data.count(b"carol@") for m in sink.messages] == [0, 0, 0, 0]   # From is the message's
    assert [m.envelope_from for m in sink.messages] == ["alice@example.org"] * 4
    assert fastpath.last_lookup == "hit"


def test_a_variable_the_init_file_reads(send: Sender) -> None:
    send.init.write_text(settings('(string-to-number (getenv "TEST_PORT"))'))
    with running_sink() as first, running_sink() as second:
        for sink, expected in ((first, "no cached state"), (first, "hit"), (second, "env"), (second, "hit")):
            send.monkeypatch.setenv("TEST_PORT", str(sink.port))
            code, why = send()
            assert code == 0 and why.startswith(expected), why
        assert (len(first.messages), len(second.messages)) == (2, 2)


def test_a_variable_read_only_when_smtpmail_loads_at_send_time(send: Sender) -> None:
    """The state is kept before the send loads smtpmail: what that load reads is the plan's own key."""
    send.init.write_text(settings(25, "(with-eval-after-load 'smtpmail\n"
                                      "  (setq smtpmail-smtp-service (string-to-number (getenv \"TEST_PORT\"))))\n"))
    with running_sink() as first, running_sink() as second:
        for sink, expected in ((first, "no cached state"), (first, "hit"), (second, "env 'TEST_PORT'"),
                               (second, "hit")):
            send.monkeypatch.setenv("TEST_PORT", str(sink.port))
            code, why = send()
            assert code == 0 and why.startswith(expected), why
        assert (len(first.messages), len(second.messages)) == (2, 2)


def test_smtpmails_default_server_from_the_environment_at_send_time(send: Sender) -> None:
    """``smtpmail-smtp-server`` defaults to ``$SMTPSERVER`` when smtpmail loads: at send time."""
    with running_sink() as sink:
        send.init.write_text(settings(sink.port).replace('      smtpmail-smtp-server "127.0.0.1"\n', ""))
        send.monkeypatch.setenv("SMTPSERVER", "127.0.0.1")
        assert send() == (0, "no cached state")
        assert send() == (0, "hit")
        send.monkeypatch.setenv("SMTPSERVER", "127.0.0.2")   # nobody listens there
        code, why = send()
        assert (code, why) == (75, "env 'SMTPSERVER' changed")
        assert len(sink.messages) == 2


def test_a_file_loaded_at_send_time(send: Sender) -> None:
    extra = send.tmp / "mail-port.el"
    send.init.write_text(settings(25, f"(with-eval-after-load 'smtpmail (load \"{extra}\"))\n"))
    with running_sink() as first, running_sink() as second:
        assert len(str(first.port)) == len(str(second.port))
        extra.write_text(f"(setq smtpmail-smtp-service {first.port})\n")
        assert send()[0] == 0 and send() == (0, "hit")
        rewrite_keeping_stat(extra, f"(setq smtpmail-smtp-service {second.port})\n")
        code, why = send()
        assert (code, why.split()[0]) == (0, "content")
        assert (len(first.messages), len(second.messages)) == (2, 1)


def test_elsends_own_code(send: Sender, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = send.tmp / "code"
    for package in ("elconf", "smtp"):
        shutil.copytree(ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "_package_dirs", lambda: (str(copy / "elconf"), str(copy / "smtp")))
    with running_sink() as sink:
        send.init.write_text(settings(sink.port))
        assert send()[0] == 0 and send() == (0, "hit")
        target = copy / "smtp" / "esmtp.py"
        target.write_text(target.read_text() + "\n# changed\n")
        assert send() == (0, "elsend's code changed")


def test_a_configuration_that_turns_dynamic_is_not_planned(send: Sender) -> None:
    """A message-send-hook that switches the port runs with each message: no plan, the hook's port."""
    with running_sink() as first, running_sink() as second:
        send.init.write_text(settings(first.port))
        assert send()[0] == 0 and send() == (0, "hit")
        send.init.write_text(settings(first.port, "(add-hook 'message-send-hook\n"
                                                  f"  (lambda () (setq smtpmail-smtp-service {second.port})))\n"))
        code, why = send()
        assert (code, why.split()[0]) == (0, "stat")
        assert not fastpath.last_kept
        assert send()[1] == "no cached state"         # its plan was removed: the state serves
        assert send.plans() == []
        assert (len(first.messages), len(second.messages)) == (2, 2)


def test_an_evaluation_that_reads_the_clock_keeps_no_plan(send: Sender,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from elconf.builtins import BUILTINS
    from elconf.interpreter import Builtin
    from elconf.types import intern

    monkeypatch.setitem(BUILTINS, intern("test-clock-seconds"),
                        Builtin("test-clock-seconds", lambda ip: int(time.time())))
    with running_sink() as sink:
        send.init.write_text(settings(sink.port, "(with-eval-after-load 'smtpmail\n"
                                                 "  (setq my-seconds (test-clock-seconds)))\n"))
        for _ in range(2):
            assert send()[0] == 0
        assert not fastpath.last_kept
        assert send.plans() == []


def test_a_plan_file_others_can_write_or_a_damaged_one_is_a_miss(send: Sender) -> None:
    with running_sink() as sink:
        send.init.write_text(settings(sink.port))
        send()
        plan = next((send.tmp / "cache" / "elsend").glob("plan-*"))
        plan.chmod(0o666)
        assert send() == (0, "no cached state")
        assert oct(plan.stat().st_mode & 0o777) == oct(0o600)      # kept again, private
        data = plan.read_bytes()
        plan.write_bytes(data[:len(data) - 40])
        code, why = send()
        assert code == 0 and why.startswith("unreadable"), why
        assert send() == (0, "hit")
        assert len(sink.messages) == 4


def test_disabled_cache_reads_and_keeps_no_plan(send: Sender) -> None:
    with running_sink() as sink:
        send.init.write_text(settings(sink.port))
        send.monkeypatch.setenv("ELSEND_NO_CACHE", "1")
        assert send() == (0, "not looked up")
        assert send("--no-cache", str(send.message)) == (0, "not looked up")
        assert not (send.tmp / "cache").exists()
        assert len(sink.messages) == 2
