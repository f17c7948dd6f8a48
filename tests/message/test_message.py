"""Message reading and preparation: header/body split, line ends, streaming, errors."""

from __future__ import annotations

import io
import tracemalloc
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import smtp.body
from elconf.types import NIL
from smtp.config import SendConfig
from smtp.fcc import FccError
from smtp.message import MessageError, NoSenderError, prepare_for_smtpmail, read_message

NOW = datetime(2026, 11, 28, 21, 40, 2, tzinfo=timezone.utc)


def _cfg(**extra: object) -> SendConfig:
    values: dict[str, object] = {"user-mail-address": "alice@example.org", "user-full-name": "Alice",
                                 "mail-host-address": "example.org", "mail-aliases": NIL}
    values.update(extra)
    return SendConfig.from_mapping(values)


def _prepare(message: bytes, home: Path, **extra: object) -> bytes:
    cfg = _cfg(**extra)
    return prepare_for_smtpmail(read_message(message, cfg), cfg, home=home, now=NOW).as_bytes()


def test_path_bytes_and_stream_read_alike(home: Path) -> None:
    message = "To: bob@example.net\nSubject: Köln\n\nbody\n".encode()
    path = home / "m.eml"
    path.write_bytes(message)
    cfg = _cfg()
    results = []
    for source in (path, message, io.BytesIO(message)):
        raw = read_message(source, cfg)
        prepared = prepare_for_smtpmail(raw, cfg, home=home, now=NOW)
        results.append((prepared.as_bytes().split(b"\n", 2)[2], prepared.size_chars, prepared.recipients))
        raw.close()
    assert results[0] == results[1] == results[2]
    assert results[0][2] == ["bob@example.net"]


def test_crlf_message_is_decoded_when_every_line_uses_crlf(home: Path) -> None:
    out = _prepare(b"To: bob@example.net\r\nSubject: s\r\n\r\none\r\ntwo\r\n", home)
    assert out.endswith(b"To: bob@example.net\nSubject: s\n\none\ntwo\n")
    mixed = _prepare(b"To: bob@example.net\r\nSubject: s\n\none\r\n", home)
    assert mixed.endswith(b"To: bob@example.net\r\nSubject: s\n\none\r\n")


def test_separator_line_and_missing_final_newline(home: Path) -> None:
    out = _prepare(b"To: bob@example.net\n--text follows this line--\nbody", home)
    assert out.endswith(b"To: bob@example.net\n\nbody\n")
    custom = _prepare(b"To: bob@example.net\n==\nbody\n", home, **{"mail-header-separator": "=="})
    assert custom.endswith(b"To: bob@example.net\n\nbody\n")


def test_separator_in_body_becomes_an_empty_line(home: Path) -> None:
    out = _prepare(b"To: bob@example.net\n\nbody\n--text follows this line--\nmore\n", home)
    assert out.endswith(b"\n\nbody\n\nmore\n")


def test_body_from_line_becomes_the_envelope_without_separator(home: Path) -> None:
    cfg = _cfg(**{"user-mail-address": "root@vm"})
    raw = read_message(b"To: bob@example.net\n\nhi\nFROM : body@example.com\n", cfg)
    prepared = prepare_for_smtpmail(raw, cfg, home=home, now=NOW)
    assert prepared.envelope_from == "body@example.com"
    assert b"From: Alice <body@example.com>\n" in prepared.header


def test_no_sender_is_a_clear_error(home: Path) -> None:
    cfg = _cfg(**{"user-mail-address": "root@vm"})
    with pytest.raises(NoSenderError, match="set user-mail-address or add a From: header"):
        prepare_for_smtpmail(read_message(b"To: bob@example.net\n\nhi\n", cfg), cfg, home=home)


def test_unbalanced_address_that_needs_encoding_is_a_message_error(home: Path) -> None:
    cfg = _cfg()
    raw = read_message('To: "Zoë <z@example.net>\n\nhi\n'.encode(), cfg)
    with pytest.raises(MessageError, match="Invalid data for rfc2047 encoding"):
        prepare_for_smtpmail(raw, cfg, home=home)


def test_fcc_that_cannot_be_written(home: Path) -> None:
    cfg = _cfg()
    raw = read_message(b"To: bob@example.net\nFcc: missing-dir/sent\n\nhi\n", cfg)
    with pytest.raises(FccError, match="missing-dir/sent"):
        prepare_for_smtpmail(raw, cfg, home=home, cwd=home)


def test_fcc_quoting_and_separation(home: Path) -> None:
    cfg = _cfg(**{"user-login-name": "alice"})
    mbox = home / "sent"
    for n in range(2):
        raw = read_message(f"To: bob@example.net\nFcc: ~/sent\nSubject: {n}\n\nFrom me\n".encode(), cfg)
        prepare_for_smtpmail(raw, cfg, home=home, now=NOW)
    text = mbox.read_text()
    assert text.startswith("From alice Sat Nov 28 21:40:02 +0000 2026\nDate: Sat, 28 Nov 2026 21:40:02 +0000\n")
    assert text.count("\n>From me\n") == 2
    assert "\n\n\nFrom alice Sat Nov 28" in text  # a blank line between the copies
    assert "Fcc" not in text


def test_twenty_megabytes_stream_with_flat_memory(home: Path) -> None:
    path = home / "big.eml"
    line = "Zeile mit Umlauten äöü und mehr Text, damit die Zeile lang ist.\n".encode()
    count = 20 * 1024 * 1024 // len(line)
    with open(path, "wb") as out:
        out.write(b"To: bob@example.net\nSubject: big\n\n")
        for _ in range(count):
            out.write(line)
    cfg = _cfg()
    tracemalloc.start()
    try:
        raw = read_message(path, cfg)
        prepared = prepare_for_smtpmail(raw, cfg, home=home, now=NOW)
        total = sum(len(chunk) for chunk in prepared.iter_chunks())
        lines = sum(1 for _ in prepared.iter_lines())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == len(prepared.header) + 1 + count * len(line)
    assert lines == prepared.header.count(b"\n") + 1 + count
    assert b"MIME-version: 1.0\n" in prepared.header
    assert peak < 8 * 1024 * 1024, f"peak {peak} bytes for a {path.stat().st_size} byte message"


_BODY_BYTES = st.lists(st.sampled_from([b"a", b"\n", b"\r\n", b"\xc3\xa9", b"\xff", b"\xe6\x97",
                                        b"From ", b".", b"--text follows this line--\n", b" "]),
                       max_size=60).map(b"".join)


@settings(max_examples=150, deadline=None)
@given(body=_BODY_BYTES, chunk=st.sampled_from([1, 2, 3, 7, 64]))
def test_size_and_streaming_agree_with_the_whole_message(body: bytes, chunk: int, tmp_path_factory) -> None:
    home = tmp_path_factory.mktemp("home")
    message = b"To: bob@example.net\nSubject: s\n\n" + body
    old = smtp.body.CHUNK
    smtp.body.CHUNK = chunk
    try:
        cfg = _cfg()
        prepared = prepare_for_smtpmail(read_message(message, cfg), cfg, home=home, now=NOW)
        whole = prepared.as_bytes()
        assert b"".join(line + b"\n" for line in prepared.iter_lines()) == whole
    finally:
        smtp.body.CHUNK = old
    smtp.body.CHUNK = 1 << 20
    reference = prepare_for_smtpmail(read_message(message, _cfg()), _cfg(), home=home, now=NOW)
    smtp.body.CHUNK = old
    assert whole.split(b"\n", 2)[2] == reference.as_bytes().split(b"\n", 2)[2]
    text = whole.decode("utf-8", "surrogateescape")
    assert whole.endswith(b"\n")
    assert prepared.size_chars == len(text) + whole.count(b"\n")
