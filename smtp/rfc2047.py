"""RFC 2047 header encoding exactly as ``mail-encode-header`` does it in Emacs 28.2.

``smtpmail-send-it`` calls ``mail-encode-header`` on the header block, which
runs ``rfc2047-encode-message-header`` with ``rfc2047-encode-encoded-words``
bound to nil.  Per field:

* a field with only ASCII is left alone (not even folded);
* the method comes from ``rfc2047-header-encoding-alist``: address fields
  (``From``, ``To``, ``Cc``, ``Reply-To``...; the name is matched as a
  prefix) are tokenised as RFC 822 text, so quoted strings, comments and
  specials are handled separately; other fields encode runs of words that
  contain non-ASCII text (``mime``);
* each encoded run becomes ``=?utf-8?Q?...?=`` or ``=?utf-8?B?...?=``: Q when
  fewer than one character in six is non-ASCII or only one is, else B;
  encoded words are split to keep lines within 76 columns;
* the field is then folded at blanks (``rfc2047-fold-region``).

The code below is a small port of that algorithm onto a text buffer with a
point (:mod:`smtp.textbuffer`), because the output depends on the order of
its edits and on how markers move with them.  The charset is ``utf-8``
(what Emacs picks in a UTF-8 locale), or ``iso-8859-1`` with Q encoding
for a message Emacs read as Latin-1.
"""

from __future__ import annotations

import base64
import re

from smtp.textbuffer import ScanError, TextBuffer

_ENCODABLE = re.compile(r'[^\x00-\x7f]+')
_MAX_CHARS = 76
# rfc2047-syntax-table: these are not word constituents; everything else is.
_NON_WORD = set('\\"()<>[]:;,@')
_SPECIAL_SYNTAX = {"\\": "\\", '"': '"', "(": "(", ")": ")"}

# rfc2047-header-encoding-alist; matched with looking-at (case-insensitive in
# smtpmail's temp buffer) at the start of the field.
_NO_ENCODING = re.compile(r'Newsgroups|Followup-To|Message-ID', re.IGNORECASE)
_ADDRESS_FIELDS = re.compile(
    r'(?:Resent-)?(?:From|Cc|To|Bcc|(?:In-)?Reply-To|Sender|Mail-Followup-To|Mail-Copies-To|Approved)',
    re.IGNORECASE)

# Q-encoding keeps these characters (quoted-printable-encode-region's class).
_Q_SAFE = set(b"-\b\n\f !*+^") | set(range(ord("#"), ord("'") + 1)) \
    | set(range(ord("0"), ord("9") + 1)) | set(range(ord("A"), ord("Z") + 1)) \
    | set(range(ord("`"), ord("~") + 1)) | {0x7f}


class EncodingError(Exception):
    """Emacs would stop with ``Invalid data for rfc2047 encoding: ...``."""


def _syntax(ch: str) -> str:
    if ch in _SPECIAL_SYNTAX:
        return _SPECIAL_SYNTAX[ch]
    return "." if ch in _NON_WORD else "w"


def _to_bytes(text: str, charset: str = "utf-8") -> bytes:
    if charset == "iso-8859-1":
        return text.encode("latin-1")
    return text.encode("utf-8", "surrogateescape")


def q_encode(text: str, charset: str = "utf-8") -> str:
    """``rfc2047-q-encode-string`` on the bytes of ``text`` in ``charset``."""
    data = _to_bytes(text, charset)
    out = []
    trailing = len(data) - len(data.rstrip(b" \t"))
    for i, byte in enumerate(data):
        if byte in _Q_SAFE and not (byte == 0x20 and i >= len(data) - trailing):
            out.append("_" if byte == 0x20 else chr(byte))
        else:
            out.append(f"={byte:02X}")
    return "".join(out)


def b_encode(text: str, charset: str = "utf-8") -> str:
    return base64.b64encode(_to_bytes(text, charset)).decode("ascii")


def _q_or_b(text: str) -> str:
    """``rfc2047-qp-or-base64`` on the region (characters, first 2000 only)."""
    sample = text[:2000]
    n8bit = sum(1 for ch in sample if not ("\x20" <= ch <= "\x7f" or ch in "\r\n\t"))
    return "Q" if 6 * n8bit < len(sample) or n8bit == 1 else "B"


def _encode_words(column: int, string: str, encoder: str, crest: str, tail: str,
                  eword: str | None = None, charset: str = "utf-8") -> str:
    """``rfc2047-encode-1``: the encoded words, split so lines stay within 76 columns.

    ``crest`` is what starts a continuation line, ``tail`` the non-blank text
    glued after the region (a ``>`` or ``)``), ``eword`` what was built so far.
    """
    if string == "":
        return eword or ""
    if column >= _MAX_CHARS:
        if eword is not None:
            if (m := re.search(r'\n[ \t]+\Z', eword)) is not None:
                eword = eword[:m.start()]
            elif (m := re.search(r'\(+\Z', eword)) is not None:
                crest, eword = crest + m.group(0), eword[:m.start()]
        return _encode_words(len(crest), string, encoder, " ", tail, f"{eword or ''}\n{crest}", charset)
    start = f"=?{charset}?{encoder}?"
    coder = q_encode if encoder == "Q" else b_encode

    def encode(text: str) -> str:
        return coder(text, charset)
    index, limit = 0, len(string) - 1
    prev: str | None = ""
    nxt = ""
    while prev is not None and index <= limit:
        nxt = start + encode(string[:index + 1]) + "?="
        length = column + len(nxt)
        if length > _MAX_CHARS:
            nxt, prev = prev, None
            continue
        newline = tail.find("\n")
        if index < limit or length + (newline if newline >= 0 else len(tail)) <= _MAX_CHARS:
            prev, index = nxt, index + 1
        elif (m := re.match(r'\)+', tail)) is not None:
            # A ")" glued to the run may end this line; the rest goes on the next.
            tail = tail[:m.end()] + "\n " + tail[m.end():]
            prev, index = nxt, index + 1
        else:
            nxt, prev = prev, None
    if index > limit:
        return f"{eword or ''}{nxt}{tail}"
    if index == 0:
        if eword is not None and (m := re.search(r'\(+\Z', eword)) is not None:
            crest, eword = crest + m.group(0), eword[:m.start()]
        else:
            eword = f"{eword or ''}{nxt}"
    else:
        crest = " "
        eword = f"{eword or ''}{nxt}"
    if (m := re.search(r'\n[ \t]+\Z', eword)) is not None:
        eword = eword[:m.start()]
    return _encode_words(len(crest), string[index:], encoder, " ", tail, f"{eword}\n{crest}", charset)


def _fold_region(buf: TextBuffer, b: int, e: int) -> None:
    """``rfc2047-fold-region``: break lines longer than 76 at blanks or before encoded words."""
    with buf.save_restriction():
        buf.narrow(b, e)
        buf.point = b
        brk: int | None = None
        qbrk: int | None = None
        bol = buf.bol(widen=True)
        first = bol == buf.point or re.search(r'[ \t]', buf.text[bol:buf.point]) is None

        def break_line() -> int:
            buf.point = brk if brk is not None else qbrk  # type: ignore[assignment]
            buf.skip_backward(" \t")
            buf.insert("\n" if buf.char_after() in (" ", "\t") else "\n ")
            new_bol = buf.point - 1
            buf.skip_forward(" \t")
            if not buf.eobp():
                buf.point += 1
            return new_bol

        while not buf.eobp():
            if (brk is not None or qbrk is not None) and buf.point - bol > 76:
                bol = break_line()
                brk = qbrk = None
            ch = buf.char_after()
            if ch == "\n":
                buf.point += 1
                bol = buf.point
                brk = qbrk = None
                buf.skip_forward(" \t")
                if not buf.eobp() and buf.char_after() != "\n":
                    buf.point += 1
            elif ch == "\r":
                buf.point += 1
            elif ch in (" ", "\t"):
                buf.skip_forward(" \t")
                if first:
                    first = False
                else:
                    brk = buf.point
            elif brk is None:
                if not buf.looking_at(r'=\?[^=]'):
                    if ch == "=":
                        buf.point += 1
                    else:
                        buf.skip_forward(" \t\n\r=", negate=True)
                else:
                    if buf.point != b:
                        qbrk = buf.point
                    buf.skip_forward(" \t\n\r", negate=True)
            else:
                buf.skip_forward(" \t\n\r", negate=True)
        if (brk is not None or qbrk is not None) and buf.point - bol > 76:
            break_line()


def fold_field(lines: list[str]) -> list[str]:
    """``mail-header-fold-field`` on one field's lines (without their newlines): what
    message.el does to a header line longer than 79 characters."""
    text = "".join(line + "\n" for line in lines)
    buf = TextBuffer(text)
    _fold_region(buf, 0, len(text))
    return buf.text.split("\n")[:-1]


def _encode(buf: TextBuffer, b: int, e: int) -> None:
    """``rfc2047-encode``: replace the region by encoded words; point ends after them.

    Emacs widens the buffer for this step, so columns count from the real
    line start, the ``tail`` glued after the region may reach past it, and
    the blank test at the end looks past the region.
    """
    with buf.save_restriction():
        charset = "utf-8"
        encoding = _q_or_b(buf.text[b:e])
        if buf.charset == "iso-8859-1" and _latin1(buf.text[b:e]):
            charset, encoding = "iso-8859-1", "Q"  # rfc2047-charset-encoding-alist
        buf.widen()
        buf.point = e
        buf.skip_forward(" \t\n", negate=True)
        tail = buf.text[e:buf.point]
        bm, em = buf.marker(b), buf.marker(e)
        _fold_region(buf, buf.bol(b), b)
        b, e = bm.pos, em.pos
        buf.point = b
        buf.skip_backward(" \t\n", negate=True)
        crest: str | None = None
        if buf.skip_backward(" \t") != 0:
            crest = buf.text[buf.point:b]
        string = re.sub(r'\n([ \t]?)', r'\1', buf.text[b:e])
        eword = _encode_words(b - buf.bol(b), string, encoding, crest or " ", tail, charset=charset)
        if eword.startswith("\n"):
            # bolp: the line was folded before encoding; take its newline too.
            start = buf.point - 1 if buf.point == buf.bol() else buf.point
        else:
            start = b
        buf.delete(start, e + len(tail))
        buf.point = start
        buf.insert(eword)
        buf.release(bm, em)
        if not (tail or buf.eobp() or buf.looking_at(r'[ \t\n)]')):
            buf.insert(" ")


def _encode_region(buf: TextBuffer, b: int, e: int, kind: str) -> None:
    """``rfc2047-encode-region`` with ``rfc2047-encoding-type`` = ``kind``.

    Point ends at the end of the region as it is afterwards.
    """
    with buf.save_restriction():
        buf.narrow(b, e)
        orig_text = buf.text[b:e]
        try:
            if kind == "mime":
                _encode_unstructured(buf)
            else:
                _encode_structured(buf)
        except (EncodingError, ScanError):
            raise EncodingError("Invalid data for rfc2047 encoding: "
                                + re.sub(r'[ \t\n]+', " ", orig_text)) from None
        _fold_region(buf, b, buf.point)
        buf.point = buf.zv


def _encode_unstructured(buf: TextBuffer) -> None:
    buf.point = buf.begv
    while True:
        buf.skip_forward(" \t\n")
        if buf.eobp():
            return
        start = buf.point
        end = start
        while True:
            m = buf.looking_at(r'[ \t\n]*([^ \t\n]+)')
            if m is None:
                break
            end = m.end()
            if _ENCODABLE.search(buf.text, buf.point, end) is None:
                break
            buf.point = end
        if buf.point > start:
            _encode(buf, start, buf.point)
        else:
            buf.point = end


def _encode_structured(buf: TextBuffer) -> None:
    last_encoded = False
    buf.point = buf.begv
    while not buf.eobp():
        buf.skip_forward(" \t\n")
        start = buf.point
        ch = buf.char_after()
        if ch is None:
            continue
        csyntax = _syntax(ch)
        if csyntax == '"':
            buf.forward_string()
            end = buf.point
            buf.point = start
            if _ENCODABLE.search(buf.text, start, end):
                buf.point = end
                buf.delete(end - 1, end)
                buf.delete(start, start + 1)
                buf.point = start
                if last_encoded:
                    buf.skip_backward(" \t")
                    buf.insert(" ")
                    start = buf.point
                    end = end + 1
                _encode(buf, start, end - 2)
                last_encoded = True
            else:
                buf.point = end
                last_encoded = False
        elif csyntax == ".":
            buf.point += 1
            last_encoded = False
        elif csyntax == ")":
            raise EncodingError("unbalanced parentheses")
        elif csyntax == "(":
            buf.forward_list()
            close = buf.point
            _encode_region(buf, start + 1, close - 1, "mime")
            buf.skip_forward(")")
        else:
            end = _scan_token(buf)
            buf.skip_backward(" \t\n")
            end = buf.point
            buf.point = start
            if _ENCODABLE.search(buf.text, start, end):
                if buf.char_before(start) not in (None, "\t", " "):
                    buf.point = start
                    buf.skip_backward(" \t\n", negate=True)
                    m = buf.looking_at(r'[\\"()<>\[\]:;,@]+')
                    if m is not None and m.end() == start:
                        start = buf.point
                    else:
                        buf.point = start
                        buf.insert(" ")
                        start += 1
                        end += 1
                _encode(buf, start, end)
                last_encoded = True
            else:
                buf.point = end
                last_encoded = False


def _scan_token(buf: TextBuffer) -> int:
    """The ``t`` branch of rfc2047-encode-region: find the end of a token run.

    Leaves point at the end (before trailing blanks are skipped back).
    """
    end: int | None = None
    while not (end is not None or buf.eobp()):
        m = buf.looking_at(r'[\x00-\x7f]+')
        if m is not None:
            begin = buf.point
            end = m.end()
            found = False
            while True:
                hit = buf.search_forward_re(r'[ \t\n]|[\\"()<>\[\]:;,@]', end, move=True)
                if hit is None:
                    end = None
                    break
                if _syntax(buf.char_before() or "") == "\\":
                    buf.point += 1
                    continue
                found = True
                break
            if found:
                end = hit.start()  # type: ignore[union-attr]
                buf.point = begin
                # rfc2047-encode-encoded-words is nil here: jump to the end.
                buf.point = end
        if end is None:
            m = buf.looking_at(r'[^\x00-\x7f]+')
            if m is not None:
                begin = m.end()
                buf.point = begin
                while True:
                    m2 = buf.looking_at(r'[ \t\n]+([^ \t\n]+)')
                    if m2 is None:
                        break
                    end = m2.end()
                    while buf.search_forward_re(r'[^\x00-\x7f]+', end) is not None:
                        pass
                    if not begin < buf.point:
                        break
                    buf.point = begin
                    special = buf.search_forward_re(r'[\\"()<>\[\]:;,@]', end)
                    if special is not None:
                        buf.point = special.start()
                        break
                    buf.point = end
                m3 = buf.looking_at(r'[^ \t\n]+')
                if m3 is not None:
                    end = m3.end()
                    special = buf.search_forward_re(r'[\\"()<>\[\]:;,@]+', end)
                    if special is not None:
                        if end == buf.point:
                            pass
                        elif buf.looking_at(r'[^\\"()<>\[\]:;,@]*(?:[^\x00-\x7f]+)'):
                            end = None
                        else:
                            buf.point = special.end() - 1
                            if buf.point != special.start():
                                buf.insert(" ")
                    else:
                        buf.point = end
                        buf.skip_forward(" \t\n")
                        m4 = buf.looking_at(r'[^ \t\n]+')
                        if m4 is not None and _ENCODABLE.search(m4.group(0)):
                            end = None
                        else:
                            buf.point = end
    return buf.point


def _field_end(text: str, start: int) -> int:
    """End of the field starting at ``start`` (rfc2047-narrow-to-field)."""
    nl = text.find("\n", start)
    if nl < 0:
        return len(text)
    m = re.compile(r'^[^ \n\t]', re.MULTILINE).search(text, nl + 1)
    return m.start() if m else len(text)


def _latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def encode_header(header: str, charset: str = "utf-8") -> str:
    """``mail-encode-header`` over a whole header block (LF line ends).

    ``charset`` is the message's: ``iso-8859-1`` when Emacs read the message
    as Latin-1 (then Latin-1 text is Q-encoded with that label).

    Raises :class:`EncodingError` where Emacs fails (unbalanced quotes or
    parentheses in an address field that needs encoding).
    """
    buf = TextBuffer(header, charset)
    while not buf.eobp():
        pos = buf.point
        end = _field_end(buf.text, pos)
        field = buf.text[pos:end]
        if _ENCODABLE.search(field) is None:
            buf.point = end
            continue
        # The nil method of Newsgroups/Message-ID encodes with the default
        # (address) type; address fields use it too; the rest is `mime'.
        structured = _NO_ENCODING.match(field) or _ADDRESS_FIELDS.match(field)
        with buf.save_restriction():
            buf.narrow(pos, end)
            name = re.compile(r'^[^:]+: *', re.MULTILINE).search(buf.text, pos, end)
            value_start = name.end() if name else end
            _encode_region(buf, value_start, end, "address-mime" if structured else "mime")
            buf.point = buf.zv
    return buf.text
