"""Send plans for ``sendmail-program`` routes: the same argv and stdin, never stale.

A configuration whose send function ends in ``sendmail-send-it`` or
``message-send-mail-with-sendmail`` (msmtp as notmuch and mu4e users set it
up) decides its argument list from its settings and the message alone, so
it keeps a plan as an SMTP route does.  The program here is a recorder like
the parity suite's ``record-sendmail`` that also writes its own path (argv
with ``$0``, and stdin, to ``$RECORD_DIR``).  Each test sends through a fresh evaluation, a kept plan
and ``--no-cache`` and compares what the program received; the staleness
tests change one input the plan depends on between two sends.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from smtp import fastpath
from smtp.sink import running_sink
from tests.cache.test_send_plan import Sender, rewrite_keeping_stat

RECORDER = """#!/bin/sh
d="${RECORD_DIR:?RECORD_DIR is not set}"
mkdir -p "$d"
printf '%s\\n' "$0" > "$d/argv"
for arg in "$@"; do printf '%s\\n' "$arg" >> "$d/argv"; done
cat > "$d/stdin"
"""


def recorder(path: Path) -> Path:
    """A sendmail-program that records where it is, its arguments and its stdin."""
    path.write_text(RECORDER)
    path.chmod(0o755)
    return path

#: notmuch-msmtp / msmtp-sendmail of tests/realconfigs: the message door hands the
#: message to msmtp, which picks its account from the From field.
MESSAGE_DOOR = """(setq user-full-name "Alice" user-mail-address "alice@example.org")
(setq sendmail-program %s)
(setq send-mail-function 'sendmail-send-it
      message-send-mail-function 'message-send-mail-with-sendmail
      message-sendmail-extra-arguments '("--read-envelope-from")
      message-sendmail-f-is-evil t)
"""

#: The mail door with an envelope sender taken from the header (-f FROM).
MAIL_DOOR = """(setq user-full-name "Alice" user-mail-address "alice@example.org")
(setq sendmail-program %s)
(setq send-mail-function 'sendmail-send-it
      mail-specify-envelope-from t
      mail-envelope-from 'header)
"""

#: The message door with message.el's own -f (the From's address).
MESSAGE_DOOR_F = """(setq user-mail-address "alice@example.org")
(setq sendmail-program %s
      message-send-mail-function 'message-send-mail-with-sendmail
      message-sendmail-envelope-from 'header)
"""

INITS = {"message": MESSAGE_DOOR, "mail": MAIL_DOOR, "message -f": MESSAGE_DOOR_F}

MESSAGES = {
    "plain": "From: Carol <carol@example.net>\nTo: bob@example.net\nSubject: plan\n"
             "Date: Sat, 28 Nov 2026 12:00:00 +0000\nMessage-Id: <plan@example.org>\n\nbody\n",
    "made fields": "To: bob@example.net, dave@example.net\nCc: eve@example.net\nBcc: f@example.net\n"
                   "Subject: caf\u00e9\n\ngr\u00fc\u00dfe\n",
    "resent": "From: Carol <carol@example.net>\nResent-To: x@example.net, y@example.net\n"
              "To: bob@example.net\nSubject: r\n\nbody\n",
}


def lisp_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Recorded:
    """Sends with ``$RECORD_DIR`` set to a new directory each time; what the program got."""

    def __init__(self, send: Sender) -> None:
        self.send = send
        self.count = 0

    def __call__(self, *args: str) -> tuple[int, str, list[str], bytes]:
        self.count += 1
        record = self.send.tmp / f"record-{self.count}"
        self.send.monkeypatch.setenv("RECORD_DIR", str(record))
        code, why = self.send(*args)
        if not (record / "argv").exists():
            return code, why, [], b""
        argv = (record / "argv").read_text().splitlines()
        return code, why, argv, (record / "stdin").read_bytes()


@pytest.fixture
def recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Recorded:
    global PROGRAM
    PROGRAM = recorder(tmp_path / "record-sendmail")
    return Recorded(Sender(tmp_path, monkeypatch))


PROGRAM = Path("record-sendmail")   # set by the fixture: this test's own copy


def masked(data: bytes) -> bytes:
    """Date and Message-ID made at send time differ from run to run."""
    return b"\n".join(line for line in data.split(b"\n")
                      if not line.startswith((b"Date:", b"Message-ID:")))


# -- kept, used, and the same argv and bytes -----------------------------------------------

@pytest.mark.parametrize("message", sorted(MESSAGES))
@pytest.mark.parametrize("shape", sorted(INITS))
def test_a_kept_sendmail_plan_runs_what_a_fresh_evaluation_runs(recorded: Recorded, shape: str,
                                                                 message: str) -> None:
    send = recorded.send
    send.init.write_text(INITS[shape] % lisp_string(str(PROGRAM)))
    send.message.write_text(MESSAGES[message])
    fresh = recorded()
    assert fresh[:2] == (0, "no cached state") and fastpath.last_kept
    kept = recorded()
    assert kept[:2] == (0, "hit")
    uncached = recorded("--no-cache", str(send.message))
    assert uncached[:2] == (0, "not looked up")
    assert fresh[2] == kept[2] == uncached[2]
    assert fresh[2][0] == str(PROGRAM) and "-oi" in fresh[2]
    assert masked(fresh[3]) == masked(kept[3]) == masked(uncached[3])
    assert send.plans() == ["via-default"]


def test_the_argv_follows_the_message(recorded: Recorded) -> None:
    """-f is the From of each message, and Resent-To its own: computed at send time, not kept."""
    send = recorded.send
    send.init.write_text(MESSAGE_DOOR_F % lisp_string(str(PROGRAM)))
    argvs = []
    for sender in ("carol@example.net", "dave@example.net"):
        send.message.write_text(MESSAGES["plain"].replace("carol@example.net", sender))
        argvs.append(recorded()[2])
    assert fastpath.last_lookup == "hit"
    assert argvs[0][argvs[0].index("-f") + 1] == "carol@example.net"
    assert argvs[1][argvs[1].index("-f") + 1] == "dave@example.net"


def test_both_doors_keep_their_own_plans(recorded: Recorded) -> None:
    send = recorded.send
    send.init.write_text(MESSAGE_DOOR % lisp_string(str(PROGRAM)))
    by_door = {}
    for door in ("mail", "message", "mail", "message"):
        code, why, argv, _ = recorded("--via", door, str(send.message))
        assert code == 0
        by_door.setdefault(door, []).append((why, argv))
    assert [why for why, _ in by_door["mail"]] == ["no cached state", "hit"]
    assert by_door["mail"][0][1] == by_door["mail"][1][1] == [str(PROGRAM), "-oi", "-oep", "-odi", "-t"]
    assert by_door["message"][1][1] == [str(PROGRAM), "-oi", "--read-envelope-from", "-t"]
    assert send.plans() == ["via-mail", "via-message"]


def test_a_method_header_asking_for_smtp_loads_smtpmail_as_a_fresh_send_does(recorded: Recorded) -> None:
    """X-Message-SMTP-Method on the message door of a sendmail plan: SMTP with smtpmail's settings."""
    send = recorded.send
    with running_sink() as sink:
        send.init.write_text(MESSAGE_DOOR % lisp_string(str(PROGRAM))
                             + "(setq smtpmail-stream-type 'plain)\n")
        send.message.write_text(MESSAGES["plain"].replace(
            "Subject:", f"X-Message-SMTP-Method: smtp 127.0.0.1 {sink.port}\nSubject:"))
        results = [recorded()[:3], recorded()[:3], recorded("--no-cache", str(send.message))[:3]]
    assert [why for _, why, _ in results] == ["no cached state", "hit", "not looked up"]
    assert [argv for *_, argv in results] == [[], [], []]       # the program never ran
    assert len(sink.messages) == 3
    assert masked(sink.messages[0].data) == masked(sink.messages[1].data) == masked(sink.messages[2].data)


# -- never stale ------------------------------------------------------------------------------

def test_sendmail_program_edited_in_place(recorded: Recorded, tmp_path: Path) -> None:
    send = recorded.send
    other = recorder(tmp_path / "other-sendmail")
    first = recorder(tmp_path / "first-sendmail")
    assert len(str(first)) == len(str(other))
    send.init.write_text(MESSAGE_DOOR % lisp_string(str(first)))
    assert recorded()[2][0] == str(first)
    assert recorded()[1] == "hit"
    rewrite_keeping_stat(send.init, MESSAGE_DOOR % lisp_string(str(other)))
    code, why, argv, _ = recorded()
    assert (code, why.split()[0], argv[0]) == (0, "content", str(other))
    assert recorded()[1:3] == ("hit", argv)


def test_sendmail_program_found_on_path(recorded: Recorded, tmp_path: Path) -> None:
    """``(executable-find "msmtp")``: a program that appears earlier on PATH is the one run."""
    send = recorded.send
    late, early = tmp_path / "late", tmp_path / "early"
    late.mkdir()
    early.mkdir()
    shutil.copy(PROGRAM, late / "record-sendmail")
    send.monkeypatch.setenv("PATH", f"{early}:{late}:/usr/bin:/bin")
    send.init.write_text(MESSAGE_DOOR % '(executable-find "record-sendmail")')
    assert recorded()[2][0] == str(late / "record-sendmail")
    assert recorded()[1] == "hit"
    shutil.copy(PROGRAM, early / "record-sendmail")
    code, why, argv, _ = recorded()
    assert code == 0 and why != "hit" and argv[0] == str(early / "record-sendmail"), why
    assert recorded()[1:3] == ("hit", argv)


def test_extra_arguments_from_the_environment(recorded: Recorded) -> None:
    send = recorded.send
    send.init.write_text((MESSAGE_DOOR % lisp_string(str(PROGRAM))).replace(
        "'(\"--read-envelope-from\")", '(list (getenv "MSMTP_ACCOUNT_ARG"))'))
    argvs = []
    for value, expected in (("--account=home", "no cached state"), ("--account=home", "hit"),
                            ("--account=work", "env 'MSMTP_ACCOUNT_ARG' changed"),
                            ("--account=work", "hit")):
        send.monkeypatch.setenv("MSMTP_ACCOUNT_ARG", value)
        code, why, argv, _ = recorded()
        assert (code, why) == (0, expected)
        argvs.append(argv[2])
    assert argvs == ["--account=home", "--account=home", "--account=work", "--account=work"]


def test_a_message_send_hook_is_never_planned(recorded: Recorded) -> None:
    """The hook runs with each message: a sendmail route with one keeps no plan."""
    send = recorded.send
    send.init.write_text(MESSAGE_DOOR % lisp_string(str(PROGRAM))
                         + "(add-hook 'message-send-hook\n"
                           "  (lambda () (setq message-sendmail-extra-arguments '(\"-a\" \"hooked\"))))\n")
    for _ in range(2):
        code, why, argv, _ = recorded()
        assert code == 0 and argv[2:4] == ["-a", "hooked"]
    assert not fastpath.last_kept
    assert send.plans() == []


# The child of tests/smtp/test_startup_diet.py: a send with -S, counting the modules it added.
from tests.smtp.test_startup_diet import _CHILD  # noqa: E402

#: What a send through a kept sendmail-program plan has no use for.
NOT_ON_THE_SENDMAIL_PLAN_PATH = ("subprocess", "threading", "dataclasses", "inspect", "typing",
                                 "tempfile", "elconf.interpreter", "elconf.reader", "pickle")


def test_a_kept_sendmail_plan_spares_subprocess_and_the_evaluator(recorded: Recorded) -> None:
    import json
    import subprocess
    import sys

    send = recorded.send
    send.init.write_text(MESSAGE_DOOR % lisp_string(str(PROGRAM)))
    send.message.write_text(MESSAGES["plain"])
    assert recorded()[:2] == (0, "no cached state")
    env = {**os.environ, "RECORD_DIR": str(send.tmp / "record-child")}
    root = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = str(root)
    child = subprocess.run([sys.executable, "-S", "-c", _CHILD, str(send.init), str(send.message)],
                           capture_output=True, text=True, env=env, cwd=send.tmp, check=True)
    result = json.loads(child.stdout.splitlines()[-1])
    assert result["code"] == 0
    assert (send.tmp / "record-child" / "argv").read_text().splitlines()[1:] == [
        "-oi", "--read-envelope-from", "-t"]
    assert [name for name in NOT_ON_THE_SENDMAIL_PLAN_PATH if name in result["modules"]] == []
