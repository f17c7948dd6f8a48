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

from smtp.headers import first_of, name_spans

TYPE_CHECKING = False  # typing costs start-up time
if TYPE_CHECKING:
    import re

# Every send deduces its recipients and envelope sender here: the common
# shapes (no comment, no quoted name, an ASCII header) are handled with
# string methods, and re is imported only for the others
# (tests/smtp/test_header_scans.py checks both give the same).

# mail-strip-quoted-names, step by step (Emacs regexps translated to Python).
_COMMENT = r'[ \t]*\((?:[^()\\]|\\.|\\\n)*\)'
_LEADING_WS = r'\A[ \t\n]*'
_TRAILING_WS = r'[ \t\n]*\Z'
_QUOTED_BODY = r'[ \t]*"(?:[^"\\]|\\.|\\\n)*"[ \t\n]*'
_QUOTED_NAME = r'([ \t]?)(' + _QUOTED_BODY + ')'
# Emacs's \s- is the whitespace syntax class of the standard syntax table.
_WS = " \t\n\r\f"
_WS_CLASS = r'[ \t\n\r\f]'
_ANGLE_ADDR = r'(,' + _WS_CLASS + r'*|\A)([^,]*<([^>,:]*)>[^,]*)(' + _WS_CLASS + r'*,|\Z)'


def strip_quoted_names(address: str) -> str:
    """``mail-strip-quoted-names``: drop (comments) and "quoted names", keep <addr>.

    >>> strip_quoted_names('"Bob, B" <bob@x.org>, carol@y.org (Carol)')
    'bob@x.org, carol@y.org'
    """
    if "(" in address or '"' in address:
        return _strip_quoted_names_re(address)
    address = address.strip(" \t\n")    # no comment, no quoted name: only the <addr> step
    return _replace_angle_addrs(address)


def _replace_angle_addrs(address: str) -> str:
    """What Emacs's loop ``(while (string-match _ANGLE_ADDR address) (replace-match ...))``
    leaves, in one pass.

    Each round replaces the first comma-separated segment that has a <...> by the text
    inside it, which has no ``<`` left to match again: so the rounds take the segments in
    order, and one pass over them gives the same text.  The loop searched from the start
    every round: 20,000 recipients written ``<addr>`` took more than five minutes.
    """
    pieces: list[str] = []
    pos = 0
    while (found := _angle_addr(address, pos)) is not None:
        start, end, inner = found
        pieces.append(address[pos:start])
        pieces.append(inner)
        pos = end
    if not pieces:
        return address
    pieces.append(address[pos:])
    return "".join(pieces)


def _angle_addr(address: str, start: int = 0) -> tuple[int, int, str] | None:
    """The first match of ``_ANGLE_ADDR`` in ``address`` as (start and end of group 2,
    group 3), without re; ``start`` is where a segment begins (0, or the end of the
    segment last replaced, at its comma).

    The regexp matches in the first comma-separated segment (after the comma
    and the blanks following it; the first at the very start) that has a
    ``<`` whose ``>`` comes before any ``,`` or ``:``; it takes the last such
    ``<`` of the segment (the greedy ``[^,]*``) and the whole segment.
    """
    size = len(address)
    if start:                            # at the comma that ends the replaced segment
        if start >= size:
            return None
        start += 1
        while start < size and address[start] in _WS:
            start += 1
    while True:
        end = address.find(",", start)
        end = size if end < 0 else end
        opening = address.rfind("<", start, end)
        while opening >= 0:
            close = opening + 1
            while close < size and address[close] not in ">,:":
                close += 1
            if close < size and address[close] == ">":
                return start, end, address[opening + 1:close]
            opening = address.rfind("<", start, opening)
        if end == size:
            return None
        start = end + 1
        while start < size and address[start] in _WS:
            start += 1


def _strip_quoted_names_re(address: str) -> str:
    """:func:`strip_quoted_names` with the regexps, for text with comments or quotes."""
    import re

    address = _strip_comments(address)
    start = re.match(_LEADING_WS, address).end()  # type: ignore[union-attr]
    end_match = re.compile(_TRAILING_WS).search(address, start)
    address = address[start:end_match.start() if end_match else len(address)]
    return _replace_angle_addrs(_strip_quoted_strings(address, re.compile(_QUOTED_NAME),
                                                      re.compile(_QUOTED_BODY)))


def _strip_quoted_strings(address: str, quoted: "re.Pattern[str]", body: "re.Pattern[str]") -> str:
    """Emacs's quoted-name loop, which cut each "name" out of the string and searched again
    from the blank it kept (``pos`` = the match's start), as one pass over the original.

    ``body`` is ``quoted`` without its first group (``[ \t]?``): after a cut, the search
    starts at that kept blank, and a match there is the blank then ``body`` at once.
    Rebuilding the string after every name made 20,000 quoted names take 5.7 s.
    """
    pieces: list[str] = []
    i = 0                    # where the rest of the original begins
    kept_blank = False       # the search starts at a blank kept just before ``i``
    size = len(address)
    while True:
        if kept_blank:
            kept_blank = False
            m = body.match(address, i)
            if m is not None:
                if m.end() < size and address[m.end()] == "@":
                    pieces.append(address[i:m.end()])   # "foo bar"@host: keep it
                else:
                    kept_blank = True                   # cut; the same blank leads again
                i = m.end()
                continue
        m = quoted.search(address, i)
        if m is None:
            break
        if m.end() < size and address[m.end()] == "@":
            pieces.append(address[i:m.end()])
            i = m.end()
        else:
            pieces.append(address[i:m.start(2)])
            kept_blank = m.end(1) > m.start(1)
            i = m.end(2)
    pieces.append(address[i:])
    return "".join(pieces)


def _strip_comments(address: str) -> str:
    """What Emacs's loop ``(while (string-match _COMMENT address) (replace-match ""))`` leaves,
    in one pass.

    The loop removes the leftmost innermost comment with the blanks before it, so a
    comment nested N deep costs N searches of the whole text: 50,000 nested parentheses
    in a To: header held elsend for minutes (Emacs too).  A stack of open parentheses
    gives the same text: a ``)`` closes the latest ``(`` (with its blanks), a backslash
    inside a comment quotes the next character, and parentheses never closed stay.
    """
    if "(" not in address:
        return address
    opened: list[int] = []              # where each open comment starts (its blanks included)
    removed: list[tuple[int, int]] = []  # outermost closed comments so far, in order
    quoted: set[int] = set()            # characters a backslash in a comment quotes
    size = len(address)
    i = 0
    while i < size:
        char = address[i]
        if char == "(":
            start = i
            while start > 0 and address[start - 1] in " \t":
                start -= 1
            opened.append(start)
        elif opened and char == ")":
            start = opened.pop()
            while removed and removed[-1][0] >= start:
                removed.pop()            # inside this one
            removed.append((start, i + 1))
            if start in quoted and i + 1 < size:
                # The comment took a quoted blank with it ("\ (x)"): in what Emacs
                # searches next, the backslash quotes the character after the comment.
                i += 1
                quoted.add(i)
        elif opened and char == "\\":
            if i + 1 >= size:
                break
            i += 1
            quoted.add(i)
        i += 1
    if not removed:
        return address
    pieces, last = [], 0
    for start, end in removed:
        start = max(start, last)         # blanks already taken by the previous comment
        pieces.append(address[last:start])
        last = end
    pieces.append(address[last:])
    return "".join(pieces)


def split_recipients(text: str) -> list[str]:
    """The tokens ``smtpmail-deduce-address-list`` makes, in its (reversed) order.

    Blanks, tabs, newlines and commas separate; every other character,
    including CR and quotes left over by the stripping, belongs to a token.
    """
    tokens = [t for t in text.translate(_SEPARATORS).split(" ") if t]   # re.split('[ \t\n,]+')
    tokens.reverse()
    return tokens


_SEPARATORS = {ord("\t"): " ", ord("\n"): " ", ord(","): " "}
#: ^\(To\|Cc\|Bcc\): and its Resent- form, as field names.
_ADDRESS_FIELDS = ("To:", "Cc:", "Bcc:")
_RESENT_FIELDS = ("Resent-To:", "Resent-Cc:", "Resent-Bcc:")


def deduce_recipients(header: str) -> list[str]:
    """``smtpmail-deduce-address-list`` over a header block (LF line ends).

    If any Resent-To/Cc/Bcc field exists only those count, else To/Cc/Bcc.
    Each field with its continuation lines is stripped of quoted names and
    comments; the concatenation is split at blanks and commas and reversed.
    """
    names = _RESENT_FIELDS if name_spans(header, _RESENT_FIELDS) else _ADDRESS_FIELDS
    pieces: list[str] = []
    for value in field_values(header, names):
        pieces.append(strip_quoted_names(value))
    return split_recipients(" " + " ".join(pieces))


def field_values(header: str, names: tuple[str, ...], *, blanks_before_colon: bool = False) -> list[str]:
    """The text after each field named by one of ``names`` through its continuation lines.

    ``names`` end in their colon (``"To:"``), or with ``blanks_before_colon``
    they do not and ``NAME[ \\t]*:[ \\t]*`` is matched (``mail-fetch-field``'s
    way).  The value keeps its line breaks (the caller decides what a newline
    means).
    """
    values = []
    for value_start in _value_starts(header, names, blanks_before_colon):
        end = header.find("\n", value_start)
        end = len(header) if end < 0 else end + 1
        while end < len(header) and header[end] in " \t":
            nl = header.find("\n", end)
            end = len(header) if nl < 0 else nl + 1
        values.append(header[value_start:end])
    return values


def _value_starts(text: str, names: tuple[str, ...], blanks_before_colon: bool) -> list[int]:
    """Where each named field's value starts: after its colon (and the blanks around it)."""
    if not blanks_before_colon:
        return [end for _start, end in name_spans(text, names)]
    starts = []
    for _start, end in name_spans(text, names):
        while end < len(text) and text[end] in " \t":
            end += 1
        if text[end:end + 1] != ":":
            continue
        end += 1
        while end < len(text) and text[end] in " \t":
            end += 1
        starts.append(end)
    return starts


def fetch_field(text: str, name: str) -> str | None:
    """``mail-fetch-field NAME``: the first field's value, unfolded lines kept.

    The name matches case-insensitively and may be followed by blanks before
    the colon; leading blanks and trailing blanks of the value are dropped.
    ``text`` is whatever region Emacs narrowed to (possibly the whole message).
    """
    starts = _value_starts(text, (name,), True)
    if not starts:
        return None
    start = starts[0]
    end = text.find("\n", start)
    while end >= 0 and end + 1 < len(text) and text[end + 1] in " \t":
        end = text.find("\n", end + 1)
    # Emacs backs up one character from the next line's start; at the end
    # of a region without a final newline that drops the last character.
    value = text[start:max(start, len(text) - 1) if end < 0 else end]
    return value.rstrip(" \t")


def _angle(text: str) -> str | None:
    """Group 1 of the first ``<([^<>]*)>`` in ``text``: the first ``<`` closed by a ``>``
    before any other ``<`` (without re)."""
    opening = text.find("<")
    while opening >= 0:
        close = text.find(">", opening + 1)
        if close < 0:
            return None
        again = text.find("<", opening + 1, close)
        if again < 0:
            return text[opening + 1:close]
        opening = again
    return None


def _group_colon(address: str) -> bool:
    """``re.match(r'[^"@]*:[ \t]*[^ \t;]', address)``: a colon before any quote or "@",
    followed (after blanks) by something other than ";" (without re)."""
    limit = first_of(address, '"@', len(address))
    colon = address.find(":", 0, limit)
    while colon >= 0:
        after = colon + 1
        while after < len(address) and address[after] in " \t":
            after += 1
        if after < len(address) and address[after] != ";":
            return True
        colon = address.find(":", colon + 1, limit)
    return False


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
    inner = _angle(first)
    if inner is not None:
        address = inner.lstrip(" \t")
    else:
        address = _drop_comments_and_quotes(first)
        # A group "team: a@x, b@y;" gives mail-extr's "team  a@x" (the colon
        # becomes a blank): a bogus address, but the one Emacs uses.
        if _group_colon(address):
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


def has_dot_after_at(address: str) -> bool:
    """``re.search(r"@.*\\.", address)`` (message.el's test of a usable address): a line
    with a dot after an "@" (``.`` stops at a newline), without re."""
    for line in address.split("\n"):
        at = line.find("@")
        if at >= 0 and "." in line[at + 1:]:
            return True
    return False


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
