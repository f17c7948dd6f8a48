"""The message door hands smtpmail's preparation message.el's header over the body
read in place (smtp.body.Composed) instead of spooling both: what that preparation
then reads, decides and sends must be what it gets from the spooled copy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from smtp.body import Composed
from smtp.config import SendConfig
from smtp.message import Spooled, prepare_for_smtpmail, read_message, spool_chunks
from smtp.message_el import Draft, prepare_message_el, prepared_source

NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.timezone.utc)
CFG = SendConfig(user_mail_address="alice@example.org", system_name="vm.example.org")

HEADERS = st.lists(st.sampled_from([
    b"From: Alice <alice@example.org>", b"To: bob@example.net", b"Subject: hello",
    b"Cc: carol@example.com", b"Bcc: dave@example.com", b"Subject: caf\xc3\xa9",
    b"X-Long: " + b"w " * 60, b"Date: Mon, 07 Dec 2026 12:00:00 +0000", b"Fcc: /dev/null",
]), min_size=1, max_size=6, unique=True)
BODY_LINES = st.lists(st.sampled_from([
    b"plain text", b"", b".", b"..dots", b"From: mallory@example.org", b"--text follows this line--",
    b"caf\xc3\xa9", b"raw \xff byte", b"x" * 1001, b"tab\there", b"cr\r", b"<#part>", b"=3D",
]), max_size=25)


def _what_smtpmail_reads(source: object) -> tuple:
    raw = read_message(source, CFG)   # type: ignore[arg-type]
    prepared = prepare_for_smtpmail(raw, CFG, now=NOW, write_fcc=False)
    return (raw.header, raw.blank_line, raw.envelope_field, raw.facts, raw.charset,
            b"".join(raw.body.chunks()), prepared.as_bytes(), prepared.size_chars,
            prepared.recipients, prepared.envelope_from, list(prepared.iter_lines()))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=HEADERS, body=BODY_LINES, final_newline=st.booleans())
def test_composed_reads_as_the_spooled_copy(tmp_path: Path, header: list[bytes], body: list[bytes],
                                            final_newline: bool) -> None:
    text = b"\n".join(header) + b"\n\n" + b"\n".join(body) + (b"\n" if final_newline else b"")
    message = tmp_path / "m.eml"
    message.write_bytes(text)
    try:
        plan = prepare_message_el(Draft.parse(message), CFG, now=NOW, message_id="<id@vm>")
    except Exception:   # MML tags, bad headers: not what this test is about
        return
    source = prepared_source(plan.draft)
    spooled = spool_chunks(plan.draft.chunks())
    try:
        assert isinstance(source, (Composed, Spooled))
        assert _what_smtpmail_reads(source) == _what_smtpmail_reads(spooled)
    finally:
        source.close()
        spooled.close()


def test_an_unencoded_body_is_not_copied(tmp_path: Path) -> None:
    message = tmp_path / "m.eml"
    message.write_bytes(b"To: bob@example.net\nSubject: s\n\n" + b"line of text\n" * 10_000)
    plan = prepare_message_el(Draft.parse(message), CFG, now=NOW, message_id="<id@vm>")
    source = prepared_source(plan.draft)
    assert isinstance(source, Composed)
    assert source.size == len(b"".join(plan.draft.chunks()))


def test_an_encoded_body_is_spooled(tmp_path: Path) -> None:
    message = tmp_path / "m.eml"
    message.write_bytes("To: bob@example.net\n\ncafé\n".encode())
    plan = prepare_message_el(Draft.parse(message), CFG, now=NOW, message_id="<id@vm>")
    source = prepared_source(plan.draft)
    try:
        assert isinstance(source, Spooled)
    finally:
        source.close()


def test_a_message_that_shrinks_is_an_error_not_a_short_message(tmp_path: Path) -> None:
    message = tmp_path / "m.eml"
    message.write_bytes(b"To: bob@example.net\n\n" + b"line\n" * 100)
    plan = prepare_message_el(Draft.parse(message), CFG, now=NOW, message_id="<id@vm>")
    source = prepared_source(plan.draft)
    message.write_bytes(b"To: bob@example.net\n\nline\n")
    try:
        b"".join(source.pieces(0, source.size))
    except OSError as err:
        assert "shrank" in str(err)
    else:
        raise AssertionError("no error")


CR_TEXT = st.lists(st.sampled_from([b"a", b"\r", b"\n", b"\r\n", b".", b"\xc3\xa9", b"line"]), max_size=40).map(
    b"".join)


@settings(max_examples=300, deadline=None)
@given(body=CR_TEXT, chunk=st.sampled_from([1, 2, 3, 5, 64]))
def test_crlf_counts_and_decoding_wherever_pieces_end(body: bytes, chunk: int) -> None:
    """The CR and CRLF counts, and the decoded body (deleting CRs when each is before an LF,
    the two-byte replace otherwise), whatever the pieces a file is read in."""
    import smtp.body
    from smtp.body import BodySource, scan_body

    saved = smtp.body.CHUNK
    smtp.body.CHUNK = chunk
    try:
        for crlf in (False, True):
            source = BodySource(0, len(body), crlf=crlf, data=body)
            facts = scan_body(source, None, False)
            assert (facts.cr, facts.crlf, facts.lf) == (body.count(b"\r"), body.count(b"\r\n"),
                                                         body.count(b"\n"))
            source.lone_cr = facts.cr != facts.crlf
            expected = body.replace(b"\r\n", b"\n") if crlf else body
            assert b"".join(source.chunks()) == expected
            assert facts.size == len(expected)
    finally:
        smtp.body.CHUNK = saved
