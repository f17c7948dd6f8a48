"""The message door scans a body once, even when it plans the message twice
(smtp.send plans again after smtpmail loads); outside a send nothing is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from smtp import message_el
from smtp.message_el import Draft, scans_kept


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
    assert not message_el._SCANNED


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
