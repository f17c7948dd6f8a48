"""Address handling as Emacs 28.2's smtpmail does it (quirks included).

smtpmail never parses addresses properly.  Recipients come from a textual
recipe (``smtpmail-deduce-address-list``): the To/Cc/Bcc text goes through
``mail-strip-quoted-names`` and is then split at blanks and commas, so
``Bob Smith bob@x`` yields three "recipients".  The envelope sender comes
from ``mail-extract-address-components``, of which only the address part
is used; :func:`extract_address` covers the shapes a From header takes.

Every function here works on ``str`` (raw bytes of invalid UTF-8 are lone
surrogates, as everywhere in elsend).
"""

from __future__ import annotations

import re

# mail-strip-quoted-names, step by step (Emacs regexps translated to Python).
_COMMENT = re.compile(r'[ \t]*\((?:[^()\\]|\\.|\\\n)*\)')
_LEADING_WS = re.compile(r'\A[ \t\n]*')
_TRAILING_WS = re.compile(r'[ \t\n]*\Z')
_QUOTED_NAME = re.compile(r'([ \t]?)([ \t]*"(?:[^"\\]|\\.|\\\n)*"[ \t\n]*)')
# Emacs's \s- is the whitespace syntax class of the standard syntax table.
_WS_CLASS = r'[ \t\n\r\f]'
_ANGLE_ADDR = re.compile(
    r'(,' + _WS_CLASS + r'*|\A)([^,]*<([^>,:]*)>[^,]*)(' + _WS_CLASS + r'*,|\Z)')


def strip_quoted_names(address: str) -> str:
    """``mail-strip-quoted-names``: drop (comments) and "quoted names", keep <addr>.

    >>> strip_quoted_names('"Bob, B" <bob@x.org>, carol@y.org (Carol)')
    'bob@x.org, carol@y.org'
    """
    while (m := _COMMENT.search(address)) is not None:
        address = address[:m.start()] + address[m.end():]
    start = _LEADING_WS.match(address).end()  # type: ignore[union-attr]
    end_match = _TRAILING_WS.search(address, start)
    address = address[start:end_match.start() if end_match else len(address)]
    pos = 0
    while (m := _QUOTED_NAME.search(address, pos)) is not None:
        if len(address) > m.end() and address[m.end()] == "@":
            pos = m.end()  # "foo bar"@host is an address: keep it
        else:
            address = address[:m.start(2)] + address[m.end(2):]
            pos = m.start()
    while (m := _ANGLE_ADDR.search(address)) is not None:
        address = address[:m.start(2)] + m.group(3) + address[m.end(2):]
    return address


def split_recipients(text: str) -> list[str]:
    """The tokens ``smtpmail-deduce-address-list`` makes, in its (reversed) order.

    Blanks, tabs, newlines and commas separate; every other character,
    including CR and quotes left over by the stripping, belongs to a token.
    """
    tokens = [t for t in re.split(r'[ \t\n,]+', text) if t]
    tokens.reverse()
    return tokens


_ADDRESS_FIELD = re.compile(r'^(?:To:|Cc:|Bcc:)', re.IGNORECASE | re.MULTILINE)
_RESENT_FIELD = re.compile(r'^Resent-(?:To|Cc|Bcc):', re.IGNORECASE | re.MULTILINE)


def deduce_recipients(header: str) -> list[str]:
    """``smtpmail-deduce-address-list`` over a header block (LF line ends).

    If any Resent-To/Cc/Bcc field exists only those count, else To/Cc/Bcc.
    Each field with its continuation lines is stripped of quoted names and
    comments; the concatenation is split at blanks and commas and reversed.
    """
    field = _RESENT_FIELD if _RESENT_FIELD.search(header) else _ADDRESS_FIELD
    pieces: list[str] = []
    for value in field_values(header, field):
        pieces.append(strip_quoted_names(value))
    return split_recipients(" " + " ".join(pieces))


def field_values(header: str, name_pattern: re.Pattern[str]) -> list[str]:
    """The text after each match of ``name_pattern`` through its continuation lines.

    The value keeps its line breaks (the caller decides what a newline means).
    """
    values = []
    for m in name_pattern.finditer(header):
        end = header.find("\n", m.end())
        end = len(header) if end < 0 else end + 1
        while end < len(header) and header[end] in " \t":
            nl = header.find("\n", end)
            end = len(header) if nl < 0 else nl + 1
        values.append(header[m.end():end])
    return values


def fetch_field(text: str, name: str) -> str | None:
    """``mail-fetch-field NAME``: the first field's value, unfolded lines kept.

    The name matches case-insensitively and may be followed by blanks before
    the colon; leading blanks and trailing blanks of the value are dropped.
    ``text`` is whatever region Emacs narrowed to (possibly the whole message).
    """
    m = re.search(r'^' + re.escape(name) + r'[ \t]*:[ \t]*', text, re.IGNORECASE | re.MULTILINE)
    if m is None:
        return None
    end = text.find("\n", m.end())
    while end >= 0 and end + 1 < len(text) and text[end + 1] in " \t":
        end = text.find("\n", end + 1)
    # Emacs backs up one character from the next line's start; at the end
    # of a region without a final newline that drops the last character.
    value = text[m.end():max(m.end(), len(text) - 1) if end < 0 else end]
    return value.rstrip(" \t")


_ANGLE = re.compile(r'<([^<>]*)>')


def _drop_comments_and_quotes(text: str) -> str:
    """Remove (comments) and "quoted phrases"; a quoted local part ("a b"@host) stays."""
    out = []
    depth = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if depth:
            if ch == "\\":
                i += 1
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
        elif ch == "(":
            depth = 1
        elif ch == '"':
            end = i + 1
            while end < len(text) and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            if text[end + 1:end + 2] == "@":
                out.append(text[i:end + 1])
            i = end
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def extract_address(field: str | None) -> str | None:
    """The address part of ``mail-extract-address-components FIELD``.

    Covers what From headers hold: ``Name <addr>``, ``"Q. Name" <addr>``,
    ``addr (Name)``, a bare ``addr``, and several of these separated by commas
    (the first counts; a blank first one gives None, as in Emacs).  The
    domain is lowercased.  Blanks inside a bare address are kept and those
    before a closing ``>`` too, as mail-extr does.  Returns None for an
    empty field.
    """
    if field is None:
        return None
    first = _first_mailbox(field.replace("\n", " "))
    m = _ANGLE.search(first)
    if m is not None:
        address = m.group(1).lstrip(" \t")
    else:
        address = _drop_comments_and_quotes(first)
        # A group "team: a@x, b@y;" gives mail-extr's "team  a@x" (the colon
        # becomes a blank): a bogus address, but the one Emacs uses.
        if re.match(r'[^"@]*:[ \t]*[^ \t;]', address):
            address = address.replace(":", " ", 1)
        address = address.strip(" \t")
    if address.startswith("@") and ":" in address:  # source route <@a,@b:user@host>
        address = address.split(":", 1)[1]
    at = address.rfind("@")
    if at >= 0:
        address = address[:at + 1] + address[at + 1:].lower()
    return address or None


def _first_mailbox(text: str) -> str:
    """The text of the first mailbox in a comma-separated list (quotes/comments respected)."""
    depth = 0
    in_quote = False
    in_angle = False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and (in_quote or depth):
            i += 2
            continue
        if in_quote:
            in_quote = ch != '"'
        elif depth:
            depth += {"(": 1, ")": -1}.get(ch, 0)
        elif ch == '"':
            in_quote = True
        elif ch == "(":
            depth = 1
        elif ch == "<":
            in_angle = True
        elif ch == ">":
            in_angle = False
        elif ch == "," and not in_angle:
            return text[:i]  # blank before the first comma: no address, as mail-extr
        i += 1
    return text


def valid_user_mail_address(address: str | None) -> str | None:
    """``smtpmail-user-mail-address``: the address if it has one @ and a dot after it."""
    if not address:
        return None
    parts = address.split("@")
    if len(parts) == 2 and "." in parts[1]:
        return address
    return None


def append_sendto_domain(recipient: str, domain: str | None) -> str:
    """``smtpmail-maybe-append-domain``: used for RCPT only, never in headers."""
    if not domain or "@" in recipient:
        return recipient
    return f"{recipient}@{domain}"
