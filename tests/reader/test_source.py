"""Decoding source files as Emacs 28.2's ``load`` does (observed in Emacs with LANG=C.UTF-8)."""

from __future__ import annotations

import pytest

from elconf.source import coding_system_name, decode_source, load_source


@pytest.mark.parametrize("data, text", [
    (b'(a "caf\xc3\xa9")\n', '(a "café")\n'),                                     # UTF-8 by default
    (b';; -*- coding: latin-1 -*-\n"caf\xe9"\n', ';; -*- coding: latin-1 -*-\n"café"\n'),
    (b';;-*-coding:latin-1-*-\n"\xc3\xa9"\n', ';;-*-coding:latin-1-*-\n"Ã©"\n'),      # compact cookie
    (b';; -*- mode: lisp; Coding: iso-8859-1; -*-\n"\xe9"\n', ';; -*- mode: lisp; Coding: iso-8859-1; -*-\n"é"\n'),
    (b'#!/bin/sh\n;; -*- coding: latin-1 -*-\n"\xc3\xa9"\n', '#!/bin/sh\n;; -*- coding: latin-1 -*-\n"Ã©"\n'),
    (b';; x\n;; -*- coding: latin-1 -*-\n"\xc3\xa9"\n', ';; x\n;; -*- coding: latin-1 -*-\n"é"\n'),  # line 2: no
    (b';; -*- coding: no-such -*-\n"\xc3\xa9"\n', ';; -*- coding: no-such -*-\n"é"\n'),          # unknown: ignored
    (b'"caf\xe9" "\xc3\xa9"\n', '"café" "Ã©"\n'),                 # invalid UTF-8: the whole file is Latin-1
    (b';; -*- coding: utf-8 -*-\n"caf\xe9"\n', ';; -*- coding: utf-8 -*-\n"caf\udce9"\n'),  # raw byte
    (b'(a "x\r\ny")\r\n(b)\r\n', '(a "x\ny")\n(b)\n'),               # consistent CRLF reads as LF
    (b'(a "x\ry")\r\n', '(a "x\ry")\n'),                             # a lone CR stays
    (b'(a "x\r\ny")\r\n(b)\n', '(a "x\r\ny")\r\n(b)\n'),              # mixed: left alone
    (b'(a)\r(b "x\ry")\r', '(a)\n(b "x\ny")\n'),                      # CR only: Mac
    (b';; -*- coding: utf-8-unix -*-\r\n(a)\r\n', ';; -*- coding: utf-8-unix -*-\r\n(a)\r\n'),
    (b';; -*- coding: utf-8-dos -*-\n"x\r\ny"\n', ';; -*- coding: utf-8-dos -*-\n"x\ny"\n'),
    (b'\xef\xbb\xbf(a)\n', '(a)\n'),                                   # UTF-8 BOM dropped
    ('(a)\n'.encode('utf-16'), '(a)\n'),
    (b'(a "x\x00y" "\xc3\xa9")\n', '(a "x\x00y" "\udcc3\udca9")\n'),   # NUL: binary, bytes stay raw
    (b';; -*- coding: raw-text -*-\n"\xc3\xa9"\n', ';; -*- coding: raw-text -*-\n"\udcc3\udca9"\n'),
    (b';; -*- coding: windows-1252 -*-\n"\x80"\n', ';; -*- coding: windows-1252 -*-\n"€"\n'),
    (b'"\xc3\xa9"\n;; Local Variables:\n;; coding: latin-1\n;; End:\n',
     '"Ã©"\n;; Local Variables:\n;; coding: latin-1\n;; End:\n'),
])
def test_decoding(data: bytes, text: str) -> None:
    assert decode_source(data) == text


def test_local_variables_far_from_the_end_are_ignored() -> None:
    data = b'"\xc3\xa9"\n;; Local Variables:\n;; coding: latin-1\n;; End:\n;;' + b"x" * 4000 + b"\n"
    assert decode_source(data).startswith('"é"')


def test_coding_names_for_diagnostics(tmp_path) -> None:
    assert coding_system_name(b"(a)") == "utf-8"
    assert coding_system_name(b"\xe9") == "latin-1"
    assert coding_system_name(b"a\x00") == "raw-text"
    path = tmp_path / "f.el"
    path.write_bytes(b"(a)\r\n")
    assert load_source(path) == "(a)\n"
