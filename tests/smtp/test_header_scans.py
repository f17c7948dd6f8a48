"""The string scans a plain send uses instead of re give what the regexps give.

A send through a kept plan does not import :mod:`re` (tests/smtp/test_startup_diet.py);
each place that used a regexp on that path now scans with string methods,
and falls back to the regexp where they could differ (non-ASCII text for
case-insensitive matches, comments and quotes in addresses).  Each test here
states the regexp the code replaced and compares the two on generated
text made of the characters that matter (including ``\\u017f`` and
``\\u212a``, which re folds to s and k).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp import address, headers, identity, message_el, response
from smtp.authsource.backends import _after_prefix
from smtp.body_scan import _has_mml_tag

_HEADER_CHARS = "aABbcCdeFfijkKmMorRsStTuxX-:;@.,<> \t\n\"()\\\u017f\u212aé"
_WORDS = ["To:", "to:", "Cc:", "BCC:", "Bcc", "Resent-", "resent-bcc:", "Subject:", "subject:",
          "Fcc:", "fcc:", "From:", "from", "X-Message-SMTP-Method", "Mime-Version:", "Gcc:",
          "Xref:", "Content-Type:", "<", ">", "<a@b.c>", "\n", "\n ", ": ", "\t", " ", "@", ".",
          "localhost.", "LocalHost.", ".local", ".LOCAL"]

texts = st.lists(st.sampled_from(_WORDS) | st.text(alphabet=_HEADER_CHARS, max_size=6),
                 max_size=14).map("".join)
lines = texts.map(lambda text: text.split("\n")[0])
names = st.sampled_from([("To:", "Cc:", "Bcc:"), ("Resent-To:", "Resent-Cc:", "Resent-Bcc:"),
                         ("Bcc:", "Resent-Bcc:"), ("Fcc:",), ("Subject:",), ("From",), ("to",),
                         ("X-Message-SMTP-Method:",), message_el.IGNORED_MAIL_HEADERS])

many = settings(max_examples=100, deadline=None)


def _alternation(names: tuple[str, ...]) -> str:
    return "^(?:" + "|".join(re.escape(name) for name in names) + ")"


@many
@given(texts, names)
def test_name_spans_are_the_regexp_matches(text: str, wanted: tuple[str, ...]) -> None:
    expected = [m.span() for m in re.finditer(_alternation(wanted), text, re.I | re.M)]
    assert headers.name_spans(text, wanted) == expected


@many
@given(lines.map(lambda line: line + "\n") | lines)
def test_header_end_lines(line: str) -> None:
    assert headers.is_header_end_line(line) == bool(re.match(r'(?:[:\n]|[^: \t\n]+[ \t\n])', line))


@many
@given(texts, st.sampled_from(["From", "Message-Id", "Date", "MIME-version"]))
def test_has_field(text: str, name: str) -> None:
    expected = re.search(r'^' + re.escape(name) + ':', text, re.I | re.M) is not None
    assert headers.has_field(text, name) == expected


def _remove_fields_re(header: str, name_regexp: str) -> str:
    pattern = re.compile(r'^' + name_regexp, re.IGNORECASE | re.MULTILINE)
    while (m := pattern.search(header)) is not None:
        end = header.find("\n", m.start())
        end = len(header) if end < 0 else end + 1
        while end < len(header) and header[end] in " \t":
            nl = header.find("\n", end)
            if nl < 0:
                break
            end = nl + 1
        header = header[:m.start()] + header[end:]
    return header


@many
@given(texts)
def test_bcc_removal(header: str) -> None:
    assert headers.remove_fields(header, ("Bcc:", "Resent-Bcc:")) == \
        _remove_fields_re(header, r'(?:RESENT-)?Bcc:')


def _take_fcc_re(header: str) -> tuple[str, list[str]]:
    pattern = re.compile(r'^Fcc:[ \t]*', re.IGNORECASE | re.MULTILINE)
    names: list[str] = []
    while (m := pattern.search(header)) is not None:
        eol = header.find("\n", m.end())
        eol = len(header) if eol < 0 else eol
        names.insert(0, header[m.end():eol].rstrip(" \t"))
        header = header[:m.start()] + header[eol + 1:]
    return header, names


@many
@given(texts)
def test_fcc_fields(header: str) -> None:
    assert headers.take_fcc_fields(header) == _take_fcc_re(header)


def _remove_empty_subject_re(header: str) -> str:
    m = re.search(headers._EMPTY_SUBJECT, header, re.I | re.M)
    if m is None:
        m = re.search(headers._EMPTY_SUBJECT_AT_END, header, re.I | re.M)
        if m is None or m.end() != len(header):
            return header
    return header[:m.start()] + header[m.end():]


@many
@given(texts)
def test_empty_subject(header: str) -> None:
    assert headers.remove_empty_subject(header) == _remove_empty_subject_re(header)


@many
@given(texts)
def test_split_lines(text: str) -> None:
    assert headers.split_lines_keepends(text) == re.findall(r'[^\n]*\n|[^\n]+\Z', text)


# -- addresses -------------------------------------------------------------------------

@many
@given(texts)
def test_strip_quoted_names(text: str) -> None:
    assert address.strip_quoted_names(text) == address._strip_quoted_names_re(text)


@many
@given(texts)
def test_angle_addr(text: str) -> None:
    m = re.search(address._ANGLE_ADDR, text)
    assert address._angle_addr(text) == (None if m is None else (m.start(2), m.end(2), m.group(3)))


@many
@given(texts)
def test_split_recipients(text: str) -> None:
    expected = [t for t in re.split(r'[ \t\n,]+', text) if t]
    expected.reverse()
    assert address.split_recipients(text) == expected


def _fetch_field_re(text: str, name: str) -> str | None:
    m = re.search(r'^' + re.escape(name) + r'[ \t]*:[ \t]*', text, re.IGNORECASE | re.MULTILINE)
    if m is None:
        return None
    end = text.find("\n", m.end())
    while end >= 0 and end + 1 < len(text) and text[end + 1] in " \t":
        end = text.find("\n", end + 1)
    value = text[m.end():max(m.end(), len(text) - 1) if end < 0 else end]
    return value.rstrip(" \t")


@many
@given(texts, st.sampled_from(["From", "to", "X-Message-SMTP-Method", "Subject"]))
def test_fetch_field(text: str, name: str) -> None:
    assert address.fetch_field(text, name) == _fetch_field_re(text, name)


def _field_values_re(header: str, pattern: re.Pattern[str]) -> list[str]:
    values = []
    for m in pattern.finditer(header):
        end = header.find("\n", m.end())
        end = len(header) if end < 0 else end + 1
        while end < len(header) and header[end] in " \t":
            nl = header.find("\n", end)
            end = len(header) if nl < 0 else nl + 1
        values.append(header[m.end():end])
    return values


@many
@given(texts)
def test_recipient_fields_and_method_values(header: str) -> None:
    for names, regexp in ((address._ADDRESS_FIELDS, r'^(?:To:|Cc:|Bcc:)'),
                          (address._RESENT_FIELDS, r'^Resent-(?:To|Cc|Bcc):')):
        assert address.field_values(header, names) == \
            _field_values_re(header, re.compile(regexp, re.I | re.M))
    name = "X-Message-SMTP-Method"
    pattern = re.compile(r"^" + re.escape(name) + r"[ \t]*:[ \t]*", re.I | re.M)
    assert address.field_values(header, (name,), blanks_before_colon=True) == \
        _field_values_re(header, pattern)


@many
@given(texts)
def test_angle_and_group_colon(text: str) -> None:
    m = re.search(r'<([^<>]*)>', text)
    assert address._angle(text) == (m.group(1) if m else None)
    assert address._group_colon(text) == bool(re.match(r'[^"@]*:[ \t]*[^ \t;]', text))


# -- message.el's header edits, replies, bodies, auth-sources -------------------------------

@many
@given(lines, names)
def test_draft_line_matcher(line: str, wanted: tuple[str, ...]) -> None:
    expected = re.match(_alternation(wanted)[1:], line, re.IGNORECASE) is not None
    assert message_el._line_matcher(wanted)(line) == expected


@many
@given(texts)
def test_message_el_scans(text: str) -> None:
    assert address.has_dot_after_at(text) == bool(re.search(r"@.*\.", text))
    assert identity._bogus_system_name(text) == \
        bool(re.search(identity._BOGUS_SYSTEM_NAME, text, re.IGNORECASE))
    m = re.match(r"[^ \n]+:", text)
    assert message_el._ranked_name(text) == (m.group(0)[:-1] if m else None)
    assert message_el._name_then_blank(text) == bool(re.match(r"[^ \t\n][^ \t\n:]*[ \t]", text))
    assert (text.find(":") >= 1) == bool(re.match(r"[^:]+:", text))


@many
@given(st.binary(max_size=12) | st.lists(st.sampled_from([b"0", b"2", b"5", b" ", b"-", b"x"]),
                                         max_size=8).map(b"".join))
def test_reply_codes(line: bytes) -> None:
    final = re.match(rb"[0-9]+ ", line)
    assert response._digits_then(line, 32) == (final.end() - 1 if final else 0)
    continued = re.match(rb"[0-9]+-", line)
    assert response._digits_then(line, 45) == (continued.end() - 1 if continued else 0)
    skipped = re.match(rb"0[0-9]+ ", line) is not None
    assert skipped == bool(final and final.end() - 1 > 1 and line[0] == 48)


@many
@given(st.lists(st.sampled_from(["250-", "250 ", "STARTTLS", "starttls", "\u017ftarttls", " ",
                                 "-", "\r\n", "x", "é"]), max_size=8).map("".join))
def test_starttls_offer(text: str) -> None:
    expected = re.search(r"[ -]STARTTLS", text, re.IGNORECASE) is not None
    assert response._offers_starttls(text) == expected


@many
@given(st.lists(st.sampled_from([b"<#", b"<", b"#", b"part", b"multipart", b"mml", b"secure",
                                 b"external", b"x", b"\n"]), max_size=10).map(b"".join))
def test_mml_tags(data: bytes) -> None:
    expected = re.search(rb"<#(?:part|multipart|secure|mml|external)", data) is not None
    assert _has_mml_tag(data) == expected


@many
@given(st.lists(st.sampled_from(["secrets:", "macos-keychain-generic:", "x", "\n", " ", "é"]),
                max_size=5).map("".join))
def test_auth_source_prefixes(entry: str) -> None:
    for prefix in ("secrets:", "macos-keychain-generic:"):
        m = re.match(re.escape(prefix) + "(.+)", entry)
        assert _after_prefix(entry, prefix) == (m.group(1) if m else None)


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kolkata",
                                  "Pacific/Chatham", "EST5EDT"])
def test_a_date_made_without_datetime(zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """make_date() reads time.localtime; with a datetime given it takes the datetime path."""
    import time
    from datetime import datetime

    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        for _ in range(5):     # the second may turn between the two readings
            fast, slow = identity.make_date(), identity.make_date(datetime.now())
            if fast == slow:
                break
        assert fast == slow
    finally:
        monkeypatch.undo()
        time.tzset()
