"""The message door scans a body once, even when it plans the message twice
(smtp.send plans again after smtpmail loads); outside a send nothing is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from smtp import body_scan, message_el
from smtp.body_scan import scans_kept
from smtp.message_el import Draft


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = message_el.body_stats
    monkeypatch.setattr(message_el, "body_stats", lambda body: calls.append(1) or real(body))
    return calls


def test_inside_a_send_a_second_parse_reuses_the_scan(tmp_path: Path, counted: list[int]) -> None:
    message = tmp_path / "m.eml"
    message.write_bytes(b"From: a@example.org\nTo: b@example.net\n\n" + b"line\n" * 1000)
    with scans_kept():
        first, second = Draft.parse(message), Draft.parse(message)
        assert first.header == second.header
        assert first.stats() == second.stats()
    assert len(counted) == 1
    assert not body_scan._SCANNED


def test_outside_a_send_every_parse_scans(tmp_path: Path, counted: list[int]) -> None:
    message = tmp_path / "m.eml"
    message.write_bytes(b"To: b@example.net\n\nplain ascii\n")
    assert Draft.parse(message).stats().nonascii is False
    message.write_bytes(b"To: b@example.net\n\nplain \xc3\xa9cii\n")   # the same size
    assert Draft.parse(message).stats().nonascii is True
    assert len(counted) == 2


def test_inside_a_send_a_changed_file_is_scanned_again(tmp_path: Path) -> None:
    message = tmp_path / "m.eml"
    message.write_bytes(b"To: b@example.net\n\nplain ascii\n")
    with scans_kept():
        assert Draft.parse(message).stats().nonascii is False
        message.write_bytes(b"To: b@example.net\n\nplain \xc3\xa9cii, longer\n")
        assert Draft.parse(message).stats().nonascii is True


def _long_line_reference(piece: bytes, pos: int) -> bool:
    """A complete line (ending in LF) over 1000 bytes from ``pos``, line by line."""
    lines = piece[pos:].split(b"\n")[:-1]
    return any(len(line) > 1000 for line in lines)


from hypothesis import given, strategies as st  # noqa: E402


@given(st.lists(st.tuples(st.sampled_from([0, 1, 5, 999, 1000, 1001, 1002, 2500]),
                          st.sampled_from([b"\n", b""])), max_size=6),
       st.integers(min_value=0, max_value=6000))
def test_the_long_line_search_finds_what_the_line_by_line_reference_finds(
        parts: list[tuple[int, bytes]], pos: int) -> None:
    piece = b"".join(b"a" * size + end for size, end in parts)
    pos = min(pos, len(piece))
    assert body_scan._has_long_line(piece, pos) == _long_line_reference(piece, pos)
