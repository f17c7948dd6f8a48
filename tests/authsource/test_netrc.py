"""The authinfo/netrc parser and matcher, quirk by quirk (each checked against Emacs
28.2 in tests/parity/authsource; here they are pinned down one at a time)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smtp.authsource.netrc import (NetrcError, convert_eol, decode_like_emacs, iter_tokens, parse,
                                   secret_as_returned, verdict)


def tokens(text: str) -> list[str]:
    return [t.text for t in iter_tokens(text)]


def test_quoting_has_no_escapes() -> None:
    assert tokens('password "p4ss\\"') == ["password", "p4ss\\"]
    assert tokens('"pa ss\\"word"') == ["pa ss\\", 'word"']
    assert tokens("'it''s'") == ["it", "s"]
    assert tokens("'a \"b\" c'") == ['a "b" c']


def test_quoted_token_may_span_lines_and_unpaired_quote_is_literal() -> None:
    assert tokens("'abc\nmachine x login '") == ["abc\nmachine x login "]
    assert tokens('"abc\nmore') == ['"abc', "more"]


def test_hash_starts_a_comment_only_at_a_token_start() -> None:
    assert tokens("login a#b # comment\npassword x") == ["login", "a#b", "password", "x"]
    assert tokens("password #secret rest\nnext") == ["password", "next"]


def test_only_space_tab_newline_separate() -> None:
    assert tokens("a\x0bb\fc\rd\te") == ["a\x0bb\fc\rd", "e"]


def test_entries_start_at_machine_or_default_and_span_lines() -> None:
    entries = parse("login early password first\nmachine a\n login x\n\npassword y\ndefault login d\n")
    assert [e.pairs for e in entries] == [
        [("login", "early"), ("password", "first")],
        [("machine", "a"), ("login", "x"), ("password", "y")],
        [("machine", True), ("login", "d")],
    ]
    assert [e.line for e in entries] == [1, 2, 6]
    assert entries[2].is_default


def test_default_is_a_value_where_a_value_belongs() -> None:
    (entry,) = parse("machine a login default password default")
    assert entry.normalized() == {"host": "a", "user": "default", "secret": "default"}


def test_machine_as_a_value_is_an_error_at_the_line_emacs_reports() -> None:
    with pytest.raises(NetrcError) as info:
        parse("machine a password ok\nmachine machine\n\n# c\n\n  login x\n")
    assert info.value.line == 6  # where the next token sits, not where `machine' is
    assert "Unexpected \u2018machine\u2019 token at line 6" in str(info.value)
    with pytest.raises(NetrcError) as info:
        parse("machine a login alice\npassword machine")
    assert info.value.line == 2
    with pytest.raises(NetrcError) as info:
        parse("machine a password machine\n")
    assert info.value.line == 2  # the end of the file, after the last newline


def test_dangling_key_and_lone_token_are_dropped() -> None:
    assert parse("machine") == []
    assert [e.pairs for e in parse("machine a login")] == [[("machine", "a")]]


def test_matching_uses_last_of_first_alias_but_returns_last_in_file() -> None:
    (entry,) = parse("machine a.example host b.example login alice password p")
    assert verdict(entry, "a.example", "25", None) == "match"
    assert verdict(entry, "b.example", "25", None).startswith("host differs")
    assert entry.normalized()["host"] == "b.example"
    (entry,) = parse("machine a user bob login alice")
    assert verdict(entry, "a", "25", "alice") == "match"
    assert verdict(entry, "a", "25", "bob").startswith("user differs")
    assert entry.normalized()["user"] == "alice"


def test_ports_are_strings_and_names_never_match() -> None:
    (entry,) = parse("machine h port smtp")
    why = verdict(entry, "h", "25", None)
    assert "compares ports as strings" in why
    assert verdict(entry, "h", "smtp", None) == "match"
    (entry,) = parse("machine h protocol 587")
    assert verdict(entry, "h", "587", None) == "match"


def test_missing_keys_match_anything_and_case_matters() -> None:
    (entry,) = parse("password only")
    assert verdict(entry, "any.host", "1", "anyone") == "match"
    (entry,) = parse("machine Smtp.Example.org")
    assert "case-sensitively" in verdict(entry, "smtp.example.org", "25", None)


def test_require_needs_the_keys() -> None:
    (entry,) = parse("machine h login a")
    assert verdict(entry, "h", "25", None, ("user", "secret")) == "no password (required)"
    (entry,) = parse('machine h login a password ""')
    assert verdict(entry, "h", "25", None, ("user", "secret")) == "match"


def test_extra_keys_are_kept_case_sensitively() -> None:
    (entry,) = parse("machine h smtp-auth LOGIN key /k cert /c SMTP-AUTH x Machine m")
    assert entry.normalized() == {"host": "h", "smtp-auth": "LOGIN", "key": "/k", "cert": "/c",
                                  "SMTP-AUTH": "x", "Machine": "m"}


def test_decoding_follows_emacs_eol_detection() -> None:
    assert decode_like_emacs(b"a\r\nb\r\n")[0] == "a\nb\n"          # dos
    assert decode_like_emacs(b"a\r\nb\n")[0] == "a\r\nb\n"          # a bare LF: unix, CR kept
    assert decode_like_emacs(b"a\rb\r")[0] == "a\nb\n"              # mac
    assert decode_like_emacs(b"a\rb\r\n")[0] == "a\rb\n"            # dos, lone CR kept
    assert decode_like_emacs(b"\xef\xbb\xbfx")[0] == "x"            # BOM dropped
    text, notes = decode_like_emacs(b"caf\xe9")
    assert text == "caf\u00e9" and notes


def test_secret_line_ends_are_redetected_as_auth_source_returns_them() -> None:
    assert secret_as_returned("cr\r") == "cr\n"
    assert secret_as_returned("a\r\nb") == "a\nb"
    assert secret_as_returned("plain") == "plain"


@given(st.lists(st.text(alphabet="abcXYZ019.-_@!$%&*+=/", min_size=1, max_size=12), min_size=1, max_size=8))
def test_plain_tokens_round_trip(words: list[str]) -> None:
    assert tokens(" ".join(words)) == words


@given(st.text(alphabet="ab \t\n#'\"\r", max_size=40))
def test_parser_never_crashes_and_lines_are_in_range(text: str) -> None:
    try:
        entries = parse(text)
    except NetrcError as exc:
        assert 1 <= exc.line <= text.count("\n") + 1
        return
    for entry in entries:
        assert 1 <= entry.line <= text.count("\n") + 1
        assert entry.pairs


@given(st.text(alphabet="ab\r\n", max_size=30))
def test_eol_conversion(text: str) -> None:
    converted = convert_eol(text)
    if "\n" in text.replace("\r\n", ""):      # a bare LF: unix, nothing changes
        assert converted == text
    elif "\n" not in text:                     # CRs only: mac, every CR is a newline
        assert "\r" not in converted and converted.count("\n") == text.count("\r")
    else:                                      # dos: one character less per CRLF
        assert len(converted) == len(text) - text.count("\r\n")
