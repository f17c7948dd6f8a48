"""Running sendmail-program: exit codes, output-as-failure, streaming, cwd, recipients."""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf import sysexits
from elconf.types import NIL, T, intern, lisp_list
from smtp.config import SendConfig
from smtp.sendmail import (NoRecipients, SendmailFailure, SendmailJob, exit_code_for_status,
                           message_sendmail_argv, prepare_message_sendmail,
                           prepare_sendmail_send_it, run_sendmail, sendmail_send_it_argv)

MESSAGE = b"From: Alice <alice@example.org>\nTo: bob@example.net\nSubject: hi\n\nHello.\n"


def script(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return str(path)


def job(argv: list[str], message: bytes = MESSAGE, interactive: bool = True,
        function: str = "sendmail-send-it") -> SendmailJob:
    return SendmailJob(function, tuple(argv), message, interactive)


def test_message_reaches_stdin_and_cwd_is_root(tmp_path: Path) -> None:
    out = tmp_path / "out"
    program = script(tmp_path, "prog", f'pwd > "{out}.cwd"; cat > "{out}"')
    assert run_sendmail(job([program, "-oi"])) == ""
    assert out.read_bytes() == MESSAGE
    assert Path(f"{out}.cwd").read_text().strip() == "/"


def test_big_message_is_streamed_while_the_program_talks(tmp_path: Path) -> None:
    # The program writes 1 MiB of output before reading: a writer that did not
    # drain the output concurrently would block forever here.
    out = tmp_path / "big"
    program = script(tmp_path, "chatty", f'head -c 1048576 /dev/zero; cat > "{out}"')
    body = b"x" * 999 + b"\n"
    message = MESSAGE + body * 8000                    # about 8 MB
    with pytest.raises(SendmailFailure) as info:      # output counts as failure...
        run_sendmail(job([program], message))
    assert out.read_bytes() == message                 # ...but every byte arrived
    assert info.value.exit_code == sysexits.UNAVAILABLE


def test_any_output_is_failure_when_interactive_only(tmp_path: Path) -> None:
    program = script(tmp_path, "warn", 'cat >/dev/null; echo "msmtp: warning"; echo; echo "  second"')
    with pytest.raises(SendmailFailure) as info:
        run_sendmail(job([program]))
    assert info.value.message == "Sending...failed to msmtp: warning; second; "
    assert "may have been delivered" in (info.value.hint or "")
    # message.el squeezes newlines slightly differently
    with pytest.raises(SendmailFailure) as info:
        run_sendmail(job([program], function="message-send-mail-with-sendmail"))
    assert info.value.message == "Sending...failed to msmtp: warning; second; "
    assert run_sendmail(job([program], interactive=False)).startswith("msmtp: warning")


@pytest.mark.parametrize("status, code", [(75, 75), (64, 64), (78, 78), (69, 69), (1, 69), (255, 69)])
def test_exit_status_maps_to_ours(tmp_path: Path, status: int, code: int) -> None:
    program = script(tmp_path, "fail", f"cat >/dev/null; exit {status}")
    with pytest.raises(SendmailFailure) as info:
        run_sendmail(job([program]))
    assert info.value.message == f"Sending...failed with exit value {status}"
    assert info.value.exit_code == code == exit_code_for_status(status)


def test_killed_by_a_signal_is_temporary(tmp_path: Path) -> None:
    program = script(tmp_path, "die", "kill -TERM $$")
    with pytest.raises(SendmailFailure) as info:
        run_sendmail(job([program]))
    assert info.value.message == "Sending...terminated by signal: SIGTERM"
    assert info.value.exit_code == sysexits.TEMPFAIL


def test_a_missing_program_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(SendmailFailure) as info:
        run_sendmail(job([str(tmp_path / "no-such-sendmail"), "-oi"]))
    assert info.value.exit_code == sysexits.CONFIG
    assert "no-such-sendmail" in info.value.message


def test_program_that_does_not_read_its_input(tmp_path: Path) -> None:
    program = script(tmp_path, "deaf", "exit 0")
    assert run_sendmail(job([program], MESSAGE * 50000)) == ""


def test_no_recipients_and_fcc_only() -> None:
    cfg = SendConfig(user_mail_address="alice@example.org", user_full_name="Alice")
    with pytest.raises(NoRecipients) as info:
        prepare_sendmail_send_it(b"Subject: none\n\nbody\n", cfg)
    assert str(info.value) == "No recipients"
    assert info.value.exit_code == sysexits.DATAERR


def test_sendmail_send_it_argv_shapes() -> None:
    cfg = SendConfig(sendmail_program="msmtp")
    assert sendmail_send_it_argv(cfg, None, []) == ["msmtp", "-oi", "-oep", "-odi", "-t"]
    cfg = SendConfig.from_mapping({"sendmail-program": "/usr/sbin/sendmail", "mail-interactive": NIL,
                                   "mail-alias-file": "/etc/aliases",
                                   "mail-use-dsn": lisp_list([intern("success"), intern("delay")])})
    assert sendmail_send_it_argv(cfg, "env@example.org", ["b@x.org", "a@x.org"]) == [
        "/usr/sbin/sendmail", "-oi", "-f", "env@example.org", "-oA/etc/aliases", "-oem", "-odb",
        "b@x.org", "a@x.org", "-N", "success,delay"]


def test_message_sendmail_argv_shapes() -> None:
    cfg = SendConfig.from_mapping({"sendmail-program": "msmtp",
                                   "message-sendmail-extra-arguments": lisp_list(["-a", "work"]),
                                   "message-sendmail-f-is-evil": T, "message-interactive": NIL})
    assert message_sendmail_argv(cfg, None, "x@y.org, z@y.org") == [
        "msmtp", "-oi", "-a", "work", "-oem", "-odb", "x@y.org, z@y.org"]


def test_message_sendmail_envelope_without_a_usable_address() -> None:
    # user-mail-address without a dot: message-make-address falls back to LOGIN@DOMAIN
    cfg = SendConfig(user_mail_address="root@vm", user_login_name="root", system_name="vm",
                     sendmail_program="sendmail")
    job = prepare_message_sendmail(b"To: b@example.net\n\nbody\n", cfg)
    assert job.argv == ("sendmail", "-oi", "-f", "root@vm.mail-host-address-is-not-set", "-t")


def test_envelope_header_without_from_is_an_error() -> None:
    cfg = SendConfig.from_mapping({"message-sendmail-envelope-from": intern("header")})
    with pytest.raises(Exception, match="no From: address"):
        prepare_message_sendmail(b"To: b@example.net\n\nbody\n", cfg)


def test_crlf_files_are_read_as_emacs_reads_them(tmp_path: Path) -> None:
    cfg = SendConfig(user_mail_address="alice@example.org", user_full_name="Alice")
    lf = prepare_sendmail_send_it(MESSAGE, cfg).message
    crlf = prepare_sendmail_send_it(MESSAGE.replace(b"\n", b"\r\n"), cfg).message
    assert crlf == lf


@pytest.mark.parametrize("via, body_line", [
    ("send-mail", "Grüße aus Köln, eine Zeile von vielen.\n"),       # 8bit, sent as it is
    ("message", "Grüße aus Köln. " + "Eine lange Zeile von vielen. " * 30 + "\n"),  # quoted-printable
    ("message", "äöüßäöüßäöüß\n"),                                   # base64
], ids=["sendmail-8bit", "message-qp", "message-base64"])
def test_a_big_message_file_is_streamed_not_loaded(tmp_path: Path, home: Path, via: str,
                                                   body_line: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory does not grow with the message: a 3x bigger file has the same peak.

    The read size is made small (64 KiB) so that small files already show
    the steady state.
    """
    import hashlib
    import tracemalloc

    from smtp import body, paths

    monkeypatch.setattr(body, "CHUNK", 1 << 16)

    out = tmp_path / "received"
    program = script(tmp_path, "sink", f'cat > "{out}"')
    cfg = SendConfig.from_mapping({"sendmail-program": program, "user-mail-address": "alice@example.org",
                                   "send-mail-function": intern("sendmail-send-it"),
                                   "message-send-mail-function": intern("message-send-mail-with-sendmail")})
    block = body_line.encode() * (100000 // len(body_line))

    def send(blocks: int) -> tuple[int, int]:
        source = tmp_path / f"big{blocks}.eml"
        with open(source, "wb") as f:
            f.write(b"From: Alice <alice@example.org>\nTo: bob@example.net\nSubject: big\n\n")
            for _ in range(blocks):
                f.write(block)
        tracemalloc.start()
        try:
            paths.run_plan(paths.plan_message(source, cfg, via=via))
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        return source.stat().st_size, peak

    small_size, small_peak = send(10)
    big_size, big_peak = send(30)
    assert big_size - small_size > 1_500_000
    assert big_peak < small_peak + 300_000           # the body is streamed, never held whole
    # and what streamed out equals the in-memory preparation of the same message
    expect = paths.plan_message((tmp_path / "big30.eml").read_bytes(), cfg, via=via)
    if via == "send-mail":
        wanted = prepare_sendmail_send_it(expect.draft, cfg).message
    else:
        wanted = prepare_message_sendmail(expect.draft, cfg).message

    def masked(data: bytes) -> bytes:
        return b"\n".join(line for line in data.split(b"\n")
                          if not line.startswith((b"Date:", b"Message-ID:")))

    assert hashlib.sha256(masked(out.read_bytes())).digest() == hashlib.sha256(masked(wanted)).digest()


def test_missing_sender_or_name_fail_with_clear_codes() -> None:
    from smtp.errors import ConfigurationFailure, MessageFailure

    with pytest.raises(MessageFailure) as info:
        prepare_sendmail_send_it(b"To: b@example.net\n\nbody\n", SendConfig(user_mail_address=None))
    assert info.value.exit_code == sysexits.DATAERR
    assert "user-mail-address" in str(info.value)
    with pytest.raises(ConfigurationFailure) as info2:
        prepare_sendmail_send_it(b"To: b@example.net\n\nbody\n",
                                 SendConfig(user_mail_address="a@example.org", user_full_name=NIL))
    assert info2.value.exit_code == sysexits.CONFIG
