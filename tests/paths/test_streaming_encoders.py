"""The streamed body: scanning and encoding in pieces equal doing it on the whole text."""

from __future__ import annotations

import base64

from hypothesis import given, settings, strategies as st

from smtp.message_el import body_stats
from smtp.transfer_encoding import (Base64Body, QuotedPrintableBody, choose_encoding, quoted_printable,
                                    quoted_printable_block)


class Pieces:
    """A body given in the pieces a file read would produce."""

    def __init__(self, data: bytes, cuts: list[int]) -> None:
        points = sorted({c % (len(data) + 1) for c in cuts} | {0, len(data)})
        self.parts = [data[a:b] for a, b in zip(points, points[1:])]

    def chunks(self):
        yield from self.parts


texts = st.lists(
    st.one_of(st.text(alphabet="ab =\t.é€ß", max_size=120), st.just("x" * 1001), st.just("")),
    min_size=1, max_size=12).map(lambda lines: ("\n".join(lines) + "\n").encode())
cuts = st.lists(st.integers(min_value=0, max_value=20000), max_size=8)


@settings(max_examples=150, deadline=None)
@given(texts, cuts)
def test_stats_do_not_depend_on_where_the_pieces_end(data: bytes, where: list[int]) -> None:
    whole = body_stats(Pieces(data, []))
    pieces = body_stats(Pieces(data, where))
    assert pieces == whole
    assert whole.nonascii == (not data.isascii())
    assert whole.long_lines == any(len(line) > 1000 for line in data.split(b"\n"))
    assert whole.head == data[:2000]


line_lengths = st.lists(st.one_of(st.integers(0, 1300), st.sampled_from([299, 300, 301, 700, 999, 1000,
                                                                           1001, 1002, 1400, 2100])),
                        min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(line_lengths, cuts, st.booleans())
def test_long_lines_are_over_1000_bytes_wherever_they_lie(lengths: list[int], where: list[int],
                                                          final_newline: bool) -> None:
    """mm-long-lines-p: a line of 1001 bytes is long, 1000 is not, at any place in any piece."""
    data = b"\n".join(bytes([0x61 + i % 26]) * n for i, n in enumerate(lengths))
    data += b"\n" if final_newline else b""
    complete = data.split(b"\n")[:-1] if final_newline else data.split(b"\n")
    expected = any(len(line) > 1000 for line in complete)
    if final_newline or len(complete[-1]) <= 1000:
        assert body_stats(Pieces(data, where)).long_lines == expected


@settings(max_examples=150, deadline=None)
@given(texts, cuts)
def test_quoted_printable_in_pieces(data: bytes, where: list[int]) -> None:
    assert b"".join(QuotedPrintableBody(Pieces(data, where)).chunks()) == quoted_printable(data)


@settings(max_examples=150, deadline=None)
@given(texts, cuts)
def test_base64_in_pieces_is_crlf_text_in_76_column_lines(data: bytes, where: list[int]) -> None:
    out = b"".join(Base64Body(Pieces(data, where)).chunks())
    lines = out.split(b"\n")
    assert lines[-1] == b""
    assert all(len(line) == 76 for line in lines[:-2]) and 0 < len(lines[-2]) <= 76
    assert base64.b64decode(b"".join(lines)) == data.replace(b"\n", b"\r\n")


def test_quoted_printable_rules() -> None:
    # "=" and 8-bit are encoded, trailing blanks too, soft breaks never split =XX
    assert quoted_printable(b"a=b \t\n") == b"a=3Db=20=09\n"
    line = ("x" * 74 + "é").encode()
    assert quoted_printable(line) == b"x" * 74 + b"=\n=C3=A9"
    assert quoted_printable(b"y" * 80) == b"y" * 75 + b"=\n" + b"y" * 5


def test_qp_or_base64_choice() -> None:
    assert choose_encoding("Body ü\n".encode()) == "base64"             # 2 of 8 bytes
    assert choose_encoding(("é" + "a" * 20).encode()) == "quoted-printable"
    assert choose_encoding("ü".encode()) == "base64"                   # 2 of 2
    assert choose_encoding(b"\xff" + b"a" * 4) == "quoted-printable"   # exactly one 8-bit byte


qp_lines = st.lists(st.one_of(
    st.binary(max_size=200),
    st.text(alphabet="ab =.\té\r", max_size=300).map(lambda t: t.encode()),
    st.tuples(st.integers(60, 240), st.sampled_from([b"=", b"\xc3\xa9", b" ", b"\t", b"a"]),
              st.integers(0, 80)).map(lambda t: b"x" * t[0] + t[1] * t[2]),
    st.integers(70, 80).map(lambda n: b"y" * n + b"\xff"),
    st.sampled_from([b"", b" ", b"\t", b"trailing \t ", b"x" * 900 + b"\xc3\xa9" * 300]),
), max_size=12)


@settings(max_examples=400, deadline=None)
@given(qp_lines, st.booleans())
def test_quoted_printable_on_blocks_is_line_by_line(lines: list[bytes], final_newline: bool) -> None:
    """Replacing value by value, blanks at line ends, folding pass by pass: the line-by-line bytes."""
    text = b"\n".join(line.replace(b"\n", b"") for line in lines) + (b"\n" if final_newline else b"")
    assert quoted_printable_block(text) == quoted_printable(text)
    assert b"".join(QuotedPrintableBody(Pieces(text, [len(text) // 3])).chunks()) == quoted_printable(text)
