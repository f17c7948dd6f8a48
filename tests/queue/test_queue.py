"""The queue on disk: Emacs's exact format, atomic writes, locking, and a flush that never wedges."""

from __future__ import annotations

import re
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest

from elconf.types import intern
from smtp.config import SendConfig
from smtp.message import prepare_for_smtpmail, read_message
from smtp.queue import (QueueEntry, QueueEntryError, QueueError, entry_el_text, entry_envelope,
                        index_path, message_for_entry, queue_dir, queue_message,
                        read_entry, read_index, config_for_entry)
from smtp.queue_flush import flush_queue

NOW = datetime(2026, 11, 28, 21, 40, 2, tzinfo=timezone.utc)
MESSAGE = b"From: Carol <carol@example.com>\nTo: bob@example.net, dave@example.net\nSubject: hi\n\nHello.\n"


def _cfg(home: Path, **extra: object) -> SendConfig:
    values: dict[str, object] = {"user-mail-address": "alice@example.org", "user-full-name": "Alice",
                                 "mail-host-address": "example.org", "smtpmail-queue-mail": intern("t"),
                                 "smtpmail-queue-dir": str(home / "Mail" / "queued-mail") + "/"}
    values.update(extra)
    return SendConfig.from_mapping(values)


def _queue(cfg: SendConfig, home: Path, message: bytes = MESSAGE, now: datetime = NOW) -> QueueEntry:
    prepared = prepare_for_smtpmail(read_message(message, cfg), cfg, home=home, now=now)
    return queue_message(prepared, cfg, home=home, now=now)


def test_entry_files_have_emacs_format(home: Path) -> None:
    cfg = _cfg(home)
    entry = _queue(cfg, home)
    directory = home / "Mail" / "queued-mail"
    assert entry.data_file == directory / "2026-11-28_21:40:02_1"
    assert entry.el_file.read_bytes() == (
        b'(setq      smtpmail-recipient-address-list ("dave@example.net" "bob@example.net")\n)\n')
    assert (directory / "index").read_bytes() == str(entry.data_file).encode() + b"\n"
    data = entry.data_file.read_bytes()
    assert data.startswith(b"Date: Sat, 28 Nov 2026 21:40:02 +0000\nMessage-Id: <")
    assert data.endswith(b"From: Carol <carol@example.com>\nTo: bob@example.net, dave@example.net\n"
                         b"Subject: hi\n\nHello.\n")
    assert sorted(p.name for p in directory.iterdir() if not p.name.startswith(".")) == [
        "2026-11-28_21:40:02_1", "2026-11-28_21:40:02_1.el", "index"]


def test_stored_variables_are_printed_like_emacs(home: Path) -> None:
    cfg = _cfg(home, **{"smtpmail-store-queue-variables": intern("t"),
                        "smtpmail-smtp-server": 'mail."quoted"\\host', "smtpmail-stream-type": intern("starttls"),
                        "smtpmail-smtp-service": 587})
    assert entry_el_text(["b@x", "a@y"], cfg) == (
        '(setq      smtpmail-recipient-address-list ("b@x" "a@y")\n'
        '     smtpmail-smtp-server "mail.\\"quoted\\"\\\\host"\n'
        '     smtpmail-stream-type starttls\n'
        '     smtpmail-smtp-service 587\n'
        '     smtpmail-smtp-user nil\n)\n')
    assert entry_el_text([], _cfg(home)) == "(setq      smtpmail-recipient-address-list nil\n)\n"


def test_same_second_gets_the_next_free_number(home: Path) -> None:
    cfg = _cfg(home)
    names = [_queue(cfg, home).data_file.name for _ in range(3)]
    assert names == ["2026-11-28_21:40:02_1", "2026-11-28_21:40:02_2", "2026-11-28_21:40:02_3"]
    assert [Path(line).name for line in read_index(cfg, home)] == names


def test_relative_index_file_and_tilde(home: Path) -> None:
    cfg = _cfg(home, **{"smtpmail-queue-dir": "~/q", "smtpmail-queue-index-file": "my-index"})
    assert queue_dir(cfg, home) == home / "q"
    assert index_path(cfg, home) == home / "q" / "my-index"
    entry = _queue(cfg, home)
    assert (home / "q" / "my-index").read_text() == f"{entry.data_file}\n"


def test_read_entry_round_trip(home: Path) -> None:
    cfg = _cfg(home, **{"smtpmail-store-queue-variables": intern("t"),
                        "smtpmail-smtp-server": "smtp.example.org", "smtpmail-smtp-service": 465,
                        "smtpmail-stream-type": intern("ssl"), "smtpmail-smtp-user": "alice"})
    entry = _queue(cfg, home)
    read = read_entry(entry.data_file)
    assert read.recipients == ["dave@example.net", "bob@example.net"]
    per_entry = config_for_entry(read, _cfg(home))
    assert (per_entry.smtp_server, per_entry.smtp_service, per_entry.smtp_user) == (
        "smtp.example.org", 465, "alice")
    assert per_entry.stream_type is intern("ssl")


@pytest.mark.parametrize("text", ["(progn (delete-file \"x\"))\n", "42\n", "(setq)\n", "",
                                  "(setq smtpmail-recipient-address-list '(\"a\"))\n",
                                  "(setq smtpmail-recipient-address-list (1 2))\n"])
def test_unexpected_code_is_refused(home: Path, text: str) -> None:
    data = home / "2026-01-01_00:00:00_1"
    data.write_text("To: x\n\nbody\n")
    (home / "2026-01-01_00:00:00_1.el").write_text(text)
    with pytest.raises(QueueEntryError, match="Unexpected code"):
        read_entry(data)


def test_other_setq_variables_are_ignored_like_emacs(home: Path) -> None:
    data = home / "e"
    data.write_text("To: x\n\nbody\n")
    (home / "e.el").write_text('(setq smtpmail-recipient-address-list ("a@x") user-mail-address "evil@x")\n')
    entry = read_entry(data)
    assert entry.recipients == ["a@x"] and entry.variables == {}


def test_queued_envelope_ignores_the_from_header(home: Path) -> None:
    cfg = _cfg(home)
    entry = _queue(cfg, home)
    assert entry_envelope(entry, cfg) == "alice@example.org"  # not carol@example.com
    assert entry_envelope(entry, cfg.replace(user_mail_address="root@vm")) == "root@vm"
    specified = cfg.replace(mail_specify_envelope_from=True, mail_envelope_from=intern("header"))
    assert entry_envelope(entry, specified) == "carol@example.com"
    assert entry_envelope(entry, cfg.replace(user_mail_address=None)) == "carol@example.com"
    message = message_for_entry(entry, cfg)
    data = entry.data_file.read_bytes()
    assert message.size_chars == len(data) + data.count(b"\n")
    assert b"\n".join(message.iter_lines()) + b"\n" == data


def _three(cfg: SendConfig, home: Path) -> list[QueueEntry]:
    return [_queue(cfg, home, MESSAGE.replace(b"Subject: hi", f"Subject: {n}".encode())) for n in range(3)]


def test_flush_sends_in_order_and_empties_the_queue(home: Path) -> None:
    cfg = _cfg(home)
    entries = _three(cfg, home)
    sent: list[str] = []
    events: list[str] = []
    result = flush_queue(cfg, lambda e: sent.append(e.data_file.name),
                         on_progress=lambda event, e: events.append(event), home=home)
    assert sent == [e.data_file.name for e in entries]
    assert result.remaining == 0 and result.failed is None
    assert events == ["sending", "sent"] * 3
    assert read_index(cfg, home) == []
    assert not any(e.data_file.exists() or e.el_file.exists() for e in entries)


def test_flush_stops_at_first_failure_and_keeps_the_rest_in_order(home: Path) -> None:
    cfg = _cfg(home)
    entries = _three(cfg, home)

    def send(entry: QueueEntry) -> None:
        if entry.data_file == entries[1].data_file:
            raise RuntimeError("451 try later")

    result = flush_queue(cfg, send, home=home)
    assert [e.data_file for e in result.sent] == [entries[0].data_file]
    assert result.failed is not None and result.failed.data_file == entries[1].data_file
    assert str(result.error) == "451 try later"
    assert read_index(cfg, home) == [str(entries[1].data_file), str(entries[2].data_file)]
    assert entries[1].data_file.exists() and entries[2].el_file.exists()
    assert not entries[0].data_file.exists()
    # The next flush picks up where this one stopped.
    again = flush_queue(cfg, lambda e: None, home=home)
    assert [e.data_file for e in again.sent] == [entries[1].data_file, entries[2].data_file]


def test_missing_data_file_is_dropped_with_a_warning(home: Path) -> None:
    cfg = _cfg(home)
    entries = _three(cfg, home)
    entries[0].data_file.unlink()
    sent: list[Path] = []
    result = flush_queue(cfg, lambda e: sent.append(e.data_file), home=home)
    assert sent == [entries[1].data_file, entries[2].data_file]
    assert result.dropped == [str(entries[0].data_file)]
    assert "missing" in result.warnings[0]


def test_bad_entry_stops_the_flush_without_losing_it(home: Path) -> None:
    cfg = _cfg(home)
    entries = _three(cfg, home)
    entries[0].el_file.write_text("(progn)\n")
    result = flush_queue(cfg, lambda e: None, home=home)
    assert isinstance(result.error, QueueEntryError)
    assert len(read_index(cfg, home)) == 3


def test_second_flush_is_refused_while_one_runs(home: Path) -> None:
    cfg = _cfg(home)
    _three(cfg, home)
    inside = threading.Event()
    release = threading.Event()
    errors: list[BaseException] = []

    def slow(entry: QueueEntry) -> None:
        inside.set()
        release.wait(10)

    worker = threading.Thread(target=lambda: flush_queue(cfg, slow, home=home))
    worker.start()
    assert inside.wait(10)
    try:
        flush_queue(cfg, lambda e: None, home=home)
    except QueueError as err:
        errors.append(err)
    finally:
        release.set()
        worker.join(10)
    assert errors and "another elsend is flushing" in str(errors[0])
    assert read_index(cfg, home) == []


def test_mail_queued_during_a_flush_is_kept(home: Path) -> None:
    cfg = _cfg(home)
    first = _queue(cfg, home)
    late: list[QueueEntry] = []

    def send(entry: QueueEntry) -> None:
        if not late:
            late.append(_queue(cfg, home, now=NOW.replace(second=9)))
            raise RuntimeError("stop here")

    flush_queue(cfg, send, home=home)
    assert read_index(cfg, home) == [str(first.data_file), str(late[0].data_file)]


def test_queue_dir_that_cannot_be_created(home: Path) -> None:
    (home / "file").write_text("x")
    cfg = _cfg(home, **{"smtpmail-queue-dir": str(home / "file" / "q")})
    with pytest.raises(QueueError, match="cannot queue"):
        _queue(cfg, home)
    assert re.search(r"file/q", str(queue_dir(cfg, home)))


def test_entry_without_recipients_leaves_the_index_but_keeps_its_files(home: Path) -> None:
    cfg = _cfg(home)
    empty = _queue(cfg, home, b"Subject: nobody\n\nhi\n")
    assert empty.el_file.read_text() == "(setq      smtpmail-recipient-address-list nil\n)\n"
    after = _queue(cfg, home)
    sent: list[Path] = []
    result = flush_queue(cfg, lambda e: sent.append(e.data_file), home=home)
    assert sent == [after.data_file]
    assert result.dropped == [str(empty.data_file)] and "no recipients" in result.warnings[0]
    assert empty.data_file.exists() and read_index(cfg, home) == []


def test_queue_is_private(home: Path) -> None:
    cfg = _cfg(home)
    entry = _queue(cfg, home)
    directory = home / "Mail" / "queued-mail"
    assert directory.stat().st_mode & 0o777 == 0o700
    for path in (entry.data_file, entry.el_file, directory / "index"):
        assert path.stat().st_mode & 0o077 == 0, path


def test_a_line_listed_twice_is_sent_once(home: Path) -> None:
    cfg = _cfg(home)
    entries = _three(cfg, home)
    index = index_path(cfg, home)
    first = str(entries[0].data_file)
    index.write_text(f"{first}\n{first}\n" + "".join(f"{e.data_file}\n" for e in entries[1:]))
    sent: list[str] = []
    result = flush_queue(cfg, lambda e: sent.append(e.data_file.name), home=home)
    assert sent == [e.data_file.name for e in entries]
    assert result.dropped == [first] and read_index(cfg, home) == []


def test_the_index_is_updated_before_the_next_final_dot(home: Path) -> None:
    """At most one accepted message is still listed when the next one may be accepted."""
    cfg = _cfg(home)
    entries = _three(cfg, home)
    listed_at_dot: list[list[str]] = []

    def send(entry: QueueEntry) -> None:
        assert entry.before_final_dot is not None
        entry.before_final_dot()   # what the SMTP session does before "."
        listed_at_dot.append([Path(line).name for line in read_index(cfg, home)])

    flush_queue(cfg, send, home=home)
    names = [e.data_file.name for e in entries]
    assert listed_at_dot == [names, names[1:], names[2:]]


def test_entries_ahead_are_prepared_while_the_server_reads(home: Path) -> None:
    """The bookkeeping hook the session calls after the final dot (the server now reads the
    message) reads the entry after the next and hands it to prepare(); the index is left
    alone there, and every entry is prepared before its turn but the first two."""
    cfg = _cfg(home)
    entries = [_queue(cfg, home, now=NOW.replace(second=s)) for s in range(5)]
    prepared_at_turn: list[bool] = []

    def prepare(entry: QueueEntry) -> None:
        entry.prepared = entry.data_file.name

    def send(entry: QueueEntry) -> None:
        prepared_at_turn.append(entry.prepared == entry.data_file.name)
        assert entry.before_final_dot is not None and entry.bookkeeping is not None
        entry.before_final_dot()
        listed = read_index(cfg, home)
        entry.bookkeeping()   # after the dot: the idle job, not the index
        assert read_index(cfg, home) == listed

    result = flush_queue(cfg, send, prepare=prepare, home=home)
    assert [e.data_file for e in result.sent] == [e.data_file for e in entries]
    assert prepared_at_turn == [False, False, True, True, True]
    assert read_index(cfg, home) == []


def test_an_index_that_cannot_be_rewritten_stops_the_flush(home: Path) -> None:
    cfg = _cfg(home)
    entries = _three(cfg, home)
    directory = queue_dir(cfg, home)
    # The rewrite goes through spare names: a directory there makes it fail.
    (directory / ".elsend-index.spare-1").mkdir()
    sent: list[str] = []

    def send(entry: QueueEntry) -> None:
        sent.append(entry.data_file.name)
        if entry.before_final_dot is not None:
            entry.before_final_dot()

    result = flush_queue(cfg, send, home=home)
    # The first was sent; its line could not leave the index, so the second never got its dot.
    assert sent == [entries[0].data_file.name, entries[1].data_file.name]
    assert isinstance(result.error, QueueError) and "cannot update the queue index" in str(result.error)
    assert result.failed is not None and result.failed.data_file == entries[1].data_file
    assert read_index(cfg, home) == [str(e.data_file) for e in entries]
    assert all(e.data_file.exists() for e in entries)   # nothing deleted that is still listed


@pytest.mark.parametrize("text", [
    '(setq      smtpmail-recipient-address-list ("dave@example.net" "bob@example.net")\n)\n',
    '(setq smtpmail-recipient-address-list ("a@x""b@y"))',
    '(setq smtpmail-recipient-address-list ("caf\u00e9@example.org"))\n\n',
    '(setq smtpmail-recipient-address-list ("a\\"b@x"))',          # an escape: the reader's
    '(setq smtpmail-recipient-address-list nil)',
    '(setq smtpmail-recipient-address-list ("a@x")\n smtpmail-smtp-server "mx")',
    '(setq smtpmail-recipient-address-list ("a@x")) (setq other 1)',
])
def test_the_plain_entry_shortcut_reads_as_the_lisp_reader_does(tmp_path: Path, text: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import smtp.queue

    data = tmp_path / "2026-11-28_21:40:02_1"
    data.write_bytes(b"x\n")
    data.with_name(data.name + ".el").write_text(text, encoding="utf-8")
    quick = read_entry(data)
    monkeypatch.setattr(smtp.queue, "_PLAIN_ENTRY", re.compile(r"(?!)"))
    assert read_entry(data) == quick


@pytest.mark.parametrize("data", [b"", b"a", b".\n", b"x\n.y\n..z\r\n", b"no end\n.", b"\n\n.\n"])
def test_a_queued_message_goes_out_the_same_in_pieces_or_lines(tmp_path: Path, data: bytes) -> None:
    """DATA converts whole pieces when the message offers them (iter_chunks): the bytes
    on the wire are those of the line loop, small file or streamed."""
    from smtp.body import data_chunks
    from smtp.queue import QueuedMessage

    path = tmp_path / "2026-11-28_21:40:02_1"
    path.write_bytes(data)
    streamed = QueuedMessage(path, "a@example.org", ["b@example.net"])
    small = QueuedMessage(path, "a@example.org", ["b@example.net"])
    assert small.size_chars == len(data) + data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
    by_lines = b"".join(b"." * line.startswith(b".") + line + b"\r\n" for line in small.iter_lines())
    assert b"".join(data_chunks(small.iter_chunks())) == by_lines
    assert b"".join(data_chunks(streamed.iter_chunks())) == by_lines


@pytest.mark.parametrize("helper", [True, False])
def test_sent_entries_files_are_deleted_by_the_helper_or_here(tmp_path: Path, helper: bool,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The deletion helper (smtp/unlinker.py) gets every entry, in batches, and is waited for;
    without it (no interpreter to start) the files go one by one in the flush itself."""
    import sys

    from smtp.queue_flush import _Deleter

    if not helper:
        monkeypatch.setattr(sys, "executable", "")
    entries = []
    for n in range(300):   # several batches
        data = tmp_path / f"2026-11-28_21:40:02_{n}"
        data.write_bytes(b"x")
        data.with_name(data.name + ".el").write_bytes(b"(setq)")
        entries.append((data, data.with_name(data.name + ".el")))
    (tmp_path / "kept").write_bytes(b"y")
    deleter = _Deleter()
    assert (deleter._pid is not None) == helper
    for files in entries:
        deleter.delete(files)
    deleter.drain()
    assert deleter.drained and [p.name for p in tmp_path.iterdir()] == ["kept"]
