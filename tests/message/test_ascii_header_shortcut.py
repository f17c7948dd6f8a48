"""An ASCII header skips smtp.rfc2047 in message_el.encode_header: the same text as the long way.

``mail-encode-header`` encodes only fields with non-ASCII text, so a header
that is all ASCII comes back unchanged; the shortcut spares the sendmail
paths the import of smtp.rfc2047 and base64.  This checks the premise on
generated ASCII headers (long lines, ready-made encoded words, odd quoting).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from smtp.message_el import Draft, encode_header
from smtp.rfc2047 import encode_header as long_way

NAMES = st.sampled_from(["From", "To", "Cc", "Subject", "X-Note", "Message-ID", "Newsgroups"])
VALUES = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=200) | \
    st.sampled_from(["=?utf-8?q?caf=C3=A9?=", '"Doe, J." <j@example.org>', "(comment) <a@b>",
                     "x" * 300, "a\n continued line", "\"unbalanced <a@b>"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(NAMES, VALUES), min_size=1, max_size=6))
def test_an_ascii_header_is_what_the_long_way_returns(fields: list[tuple[str, str]]) -> None:
    header = "".join(f"{name}: {value}\n" for name, value in fields)
    draft = Draft.parse(header.encode() + b"\nbody\n")
    before = draft.header_text()
    encode_header(draft)
    assert draft.header_text() == before == long_way(before)
