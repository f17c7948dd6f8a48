"""String builtins: concat, format, comparisons, case, regexps and match data."""

from __future__ import annotations

import re

from elconf.builtins import Table
from elconf.builtins._check import check_char, check_int, check_string, elements
from elconf.errors import LimitExceeded, lisp_error, wrong_type
from elconf.types import NIL, T, Cons, Symbol, Vector, lisp_list

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define


def prin1(value: Any) -> str:
    from elconf.printer import prin1_to_string

    return prin1_to_string(value)


def princ(value: Any) -> str:
    from elconf.printer import princ_to_string

    return princ_to_string(value)


def _limit(ip: Any, text: str) -> str:
    if len(text) > ip.limits.max_string_length:
        raise LimitExceeded("string length", ip.limits.max_string_length)
    ip.check_time()
    return text


@define("concat")
def concat(ip: Any, *parts: Any) -> str:
    pieces: list[str] = []
    for part in parts:
        if isinstance(part, str) and type(part) is not Symbol:
            pieces.append(part)
        elif part is NIL:
            continue
        else:
            pieces.append("".join(check_char(c) for c in elements(part)))
    return _limit(ip, "".join(pieces))


# -- format ------------------------------------------------------------------

_SPEC = r"%(?:(\d+)\$)?([-+ #0]*)(\d*)(?:\.(\d+))?([a-zA-Z%])"   # compiled at first use


@define("format-message")
def format_message(ip: Any, template: Any, *args: Any) -> str:
    """``format`` after turning the template's `grave accents' into curved quotes
    (text-quoting-style's default, as error and message do)."""
    return format_(ip, curve_quotes(check_string(template)), *args)


def curve_quotes(text: str) -> str:
    return text.replace("`", "\u2018").replace("'", "\u2019")


@define("format")
def format_(ip: Any, template: Any, *args: Any) -> str:
    """Emacs's ``format``: %s %S %d %o %x %X %c %f %e %g %% with flags, width, precision."""
    check_string(template)
    out: list[str] = []
    pos = 0
    next_arg = 0
    for m in re.finditer(_SPEC, template):
        out.append(template[pos:m.start()])
        pos = m.end()
        field, flags, width, precision, conv = m.groups()
        if max(int(width or 0), int(precision or 0)) > ip.limits.max_string_length:
            raise LimitExceeded("string length", ip.limits.max_string_length)   # before building it
        if conv == "%":
            out.append("%")
            continue
        if field is not None:
            next_arg = int(field) - 1
        if next_arg >= len(args):
            raise lisp_error("error", "Not enough arguments for format string")
        arg = args[next_arg]
        next_arg += 1
        out.append(_format_one(flags, width, precision, conv, arg))
    out.append(template[pos:])
    text = "".join(out)
    if "%" in template.replace("%%", "") and not re.search(_SPEC, template):
        raise lisp_error("error", "Format string ends in middle of format specifier")
    return _limit(ip, text)


def _format_one(flags: str, width: str, precision: str | None, conv: str, arg: Any) -> str:
    if conv in "sS":
        text = princ(arg) if conv == "s" else prin1(arg)
        if conv == "s" and type(arg) is float and precision is not None:
            return _pad(("%." + precision + "f") % arg, flags, width)
        if precision is not None:
            text = text[:int(precision)]
        return _pad(text, flags, width)
    if conv == "c":
        if type(arg) is not int:
            raise lisp_error("error", "Format specifier doesn\u2019t match argument type")
        return _pad(check_char(arg), flags, width)
    if conv in "doxX":
        if type(arg) is float:
            arg = int(arg)
        if type(arg) is not int:
            raise lisp_error("error", "Format specifier doesn\u2019t match argument type")
        spec = "%" + flags + width + ("." + precision if precision is not None else "") + conv
        return spec % arg
    if conv in "feEgG":
        if type(arg) not in (int, float):
            raise lisp_error("error", "Format specifier doesn\u2019t match argument type")
        spec = "%" + flags + width + ("." + precision if precision is not None else "") + conv
        return spec % float(arg)
    raise lisp_error("error", f"Invalid format operation %{conv}")


def _pad(text: str, flags: str, width: str) -> str:
    if not width:
        return text
    w = int(width)
    return text.ljust(w) if "-" in flags else text.rjust(w)


# -- comparison and case -------------------------------------------------------

def _text(value: Any) -> str:
    if type(value) is Symbol:
        return value.name
    return check_string(value)


@define("string=", "string-equal")
def string_equal(ip: Any, a: Any, b: Any) -> Any:
    return T if _text(a) == _text(b) else NIL


@define("string<", "string-lessp")
def string_lessp(ip: Any, a: Any, b: Any) -> Any:
    return T if _text(a) < _text(b) else NIL


@define("string>", "string-greaterp")
def string_greaterp(ip: Any, a: Any, b: Any) -> Any:
    return T if _text(a) > _text(b) else NIL


def _compared(part: Any, string: Any, ignore_case: Any) -> tuple[str, str]:
    """The texts string-prefix-p and string-suffix-p compare (both down-cased for IGNORE-CASE)."""
    p, s = _text(part), _text(string)
    return (p.lower(), s.lower()) if ignore_case is not NIL else (p, s)


@define("string-prefix-p")
def string_prefix_p(ip: Any, prefix: Any, string: Any, ignore_case: Any = NIL) -> Any:
    p, s = _compared(prefix, string, ignore_case)
    return T if s.startswith(p) else NIL


@define("string-suffix-p")
def string_suffix_p(ip: Any, suffix: Any, string: Any, ignore_case: Any = NIL) -> Any:
    p, s = _compared(suffix, string, ignore_case)
    return T if s.endswith(p) else NIL


@define("string-search")
def string_search(ip: Any, needle: Any, haystack: Any, start: Any = NIL) -> Any:
    found = check_string(haystack).find(check_string(needle), 0 if start is NIL else start)
    return NIL if found < 0 else found


@define("string-replace")
def string_replace(ip: Any, old: Any, new: Any, string: Any) -> Any:
    if check_string(old) == "":
        raise lisp_error("wrong-length-argument", old)
    return _limit(ip, check_string(string).replace(old, check_string(new)))


def _case(fn: Any) -> Any:
    def convert(ip: Any, value: Any) -> Any:
        if type(value) is int:
            if value < 0:
                raise wrong_type("char-or-string-p", value)
            if value > 0x10FFFF:
                return value   # beyond Unicode (and Emacs's own non-characters): no case
            converted = fn(chr(value))
            return ord(converted) if len(converted) == 1 else value
        return fn(check_string(value))
    return convert


define("upcase")(_case(str.upper))
define("downcase")(_case(str.lower))
define("capitalize")(_case(lambda s: re.sub(r"[^\W_]+", lambda m: m.group(0).capitalize(), s)))
define("upcase-initials")(_case(lambda s: re.sub(r"[^\W_]+", lambda m: m.group(0)[0].upper() + m.group(0)[1:], s)))


@define("substring", "substring-no-properties")
def substring(ip: Any, string: Any, start: Any = 0, end: Any = NIL) -> Any:
    if type(string) is not str and not isinstance(string, (str, list)):
        raise wrong_type("arrayp", string)
    n = len(string)
    s = 0 if start is NIL else check_int(start)
    e = n if end is NIL else check_int(end)
    s2, e2 = (s + n if s < 0 else s), (e + n if e < 0 else e)
    if not (0 <= s2 <= e2 <= n):
        raise lisp_error("args-out-of-range", string, start, end)
    return string[s2:e2]


@define("string-to-number")
def string_to_number(ip: Any, string: Any, base: Any = NIL) -> Any:
    text = check_string(string).lstrip(" \t\n\r\f")
    if base is not NIL and base != 10:
        m = re.match(r"[-+]?[0-9a-zA-Z]*", text)
        digits = ""
        for ch in (m.group(0) if m else ""):
            if ch in "+-" and not digits:
                digits += ch
            elif ch.isalnum() and int(ch, 36) < base:
                digits += ch
            else:
                break
        try:
            return int(digits, base)
        except ValueError:
            return 0
    m = re.match(r"([-+]?)(\d*)(\.\d+)?([eE][-+]?\d+)?", text)
    sign, whole, frac, exp = m.groups() if m else ("", "", None, None)
    if not whole and not frac:
        return 0
    if exp and not (whole or frac):
        return 0
    if frac or exp:
        return float(f"{sign}{whole or '0'}{frac or ''}{exp or ''}")
    return int(sign + whole)


@define("number-to-string")
def number_to_string(ip: Any, n: Any) -> Any:
    if type(n) not in (int, float):
        raise wrong_type("numberp", n)
    return prin1(n)


@define("char-to-string", "string")
def char_to_string(ip: Any, *chars: Any) -> Any:
    return "".join(check_char(c) for c in chars)


@define("string-to-char")
def string_to_char(ip: Any, s: Any) -> Any:
    return ord(check_string(s)[0]) if s else 0


@define("string-to-list", "string-to-vector")
def string_to_list(ip: Any, s: Any) -> Any:
    if len(check_string(s)) > ip.limits.max_list_length:
        raise LimitExceeded("list length", ip.limits.max_list_length)
    ip.check_time(len(s))
    return lisp_list(ord(c) for c in s)


@define("make-string")
def make_string(ip: Any, n: Any, ch: Any, *_multibyte: Any) -> Any:
    if check_int(n) > ip.limits.max_string_length:
        raise LimitExceeded("string length", ip.limits.max_string_length)
    return check_char(ch) * n


@define("string-join")
def string_join(ip: Any, strings: Any, sep: Any = NIL) -> Any:
    return _limit(ip, ("" if sep is NIL else check_string(sep)).join(check_string(s) for s in elements(strings)))


@define("string-empty-p")
def string_empty_p(ip: Any, s: Any) -> Any:
    return T if _text(s) == "" else NIL


@define("string-blank-p")
def string_blank_p(ip: Any, s: Any) -> Any:
    return 0 if re.fullmatch(r"[ \t\n\r]*", check_string(s)) else NIL


def _trim_regexp(value: Any, default: str) -> str:
    return default if value is NIL else check_string(value)


@define("string-trim-left")
def string_trim_left(ip: Any, s: Any, regexp: Any = NIL) -> Any:
    from elconf.regexp import compile_regexp

    rx = compile_regexp(r"\`\(?:" + _trim_regexp(regexp, "[ \t\n\r]+") + r"\)")
    m = rx.search(check_string(s), time_left=ip.time_left())
    return s[m.end():] if m else s


@define("string-trim-right")
def string_trim_right(ip: Any, s: Any, regexp: Any = NIL) -> Any:
    from elconf.regexp import compile_regexp

    rx = compile_regexp(r"\(?:" + _trim_regexp(regexp, "[ \t\n\r]+") + r"\)\'")
    m = rx.search(check_string(s), time_left=ip.time_left())
    return s[:m.start()] if m else s


@define("string-trim")
def string_trim(ip: Any, s: Any, left: Any = NIL, right: Any = NIL) -> Any:
    return string_trim_right(ip, string_trim_left(ip, s, left), right)


@define("string-remove-prefix")
def string_remove_prefix(ip: Any, prefix: Any, s: Any) -> Any:
    return s[len(prefix):] if check_string(s).startswith(check_string(prefix)) else s


@define("string-remove-suffix")
def string_remove_suffix(ip: Any, suffix: Any, s: Any) -> Any:
    return s[:len(s) - len(suffix)] if suffix and check_string(s).endswith(check_string(suffix)) else s


@define("string-width")
def string_width(ip: Any, s: Any, *_range: Any) -> Any:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in check_string(s))


@define("regexp-quote")
def regexp_quote_(ip: Any, s: Any) -> Any:
    from elconf.regexp import regexp_quote

    return regexp_quote(check_string(s))


@define("regexp-opt")
def regexp_opt(ip: Any, strings: Any, paren: Any = NIL) -> Any:
    """Emacs's own algorithm (elconf.regexp_opt), so the printed regexp is Emacs's."""
    from elconf.regexp_opt import regexp_opt as build

    words = [check_string(s) for s in elements(strings)]
    if isinstance(paren, str):
        return build(words, paren)
    name = paren.name if type(paren) is Symbol else None
    return build(words, paren is not NIL, name if name in ("words", "symbols") else None)


# -- regexps and match data ----------------------------------------------------

def _case_fold(ip: Any) -> bool:
    value = ip.store.value("case-fold-search")
    return value is not NIL and value is not None


def _search(ip: Any, regexp: Any, string: Any, start: Any, set_data: bool) -> Any:
    from elconf.regexp import compile_regexp

    check_string(regexp)
    check_string(string)
    begin = 0 if start is NIL else check_int(start)
    if begin < 0:
        begin += len(string)
    if not 0 <= begin <= len(string):
        raise lisp_error("args-out-of-range", string, start)
    rx = compile_regexp(regexp, _case_fold(ip))
    m = rx.search(string, begin, time_left=ip.time_left())
    if m is None:
        return NIL
    if set_data:
        ip.match_data = rx.match_data(m)
        ip.match_string = string
    return m.start()


@define("string-match")
def string_match(ip: Any, regexp: Any, string: Any, start: Any = NIL, inhibit_modify: Any = NIL) -> Any:
    return _search(ip, regexp, string, start, inhibit_modify is NIL)


@define("string-match-p")
def string_match_p(ip: Any, regexp: Any, string: Any, start: Any = NIL) -> Any:
    return _search(ip, regexp, string, start, False)


@define("match-beginning")
def match_beginning(ip: Any, n: Any) -> Any:
    i = 2 * check_int(n)
    value = ip.match_data[i] if i < len(ip.match_data) else None
    return NIL if value is None else value


@define("match-end")
def match_end(ip: Any, n: Any) -> Any:
    i = 2 * check_int(n) + 1
    value = ip.match_data[i] if i < len(ip.match_data) else None
    return NIL if value is None else value


@define("match-string", "match-string-no-properties")
def match_string(ip: Any, n: Any, string: Any = NIL) -> Any:
    start, end = match_beginning(ip, n), match_end(ip, n)
    if start is NIL:
        return NIL
    if string is NIL:
        raise lisp_error("error", "match-string on a buffer is not modelled")
    return check_string(string)[start:end]


@define("match-data")
def match_data(ip: Any, *_args: Any) -> Any:
    return lisp_list(NIL if x is None else x for x in ip.match_data)


@define("set-match-data")
def set_match_data(ip: Any, data: Any, *_reseat: Any) -> Any:
    ip.match_data = [None if x is NIL else x for x in elements(data)]
    return NIL


@define("replace-regexp-in-string")
def replace_regexp_in_string(ip: Any, regexp: Any, rep: Any, string: Any, fixedcase: Any = NIL,
                             literal: Any = NIL, subexp: Any = NIL, start: Any = NIL) -> Any:
    from elconf.regexp import case_adjust, compile_regexp, expand_replacement

    check_string(string)
    rx = compile_regexp(check_string(regexp), _case_fold(ip))
    begin = 0 if start is NIL else start
    out: list[str] = []
    pos = begin
    last_end = begin
    while pos < len(string):          # as Emacs: no match is tried at the very end
        m = rx.search(string, pos, time_left=ip.time_left())
        if m is None:
            break
        data = rx.match_data(m)
        matched = m.group(0)
        if isinstance(rep, str):
            new = expand_replacement(rep, string, data, literal is not NIL)
        else:
            ip.match_data, ip.match_string = data, string
            new = check_string(ip.funcall(rep, [matched]))
            new = expand_replacement(new, string, data, literal is not NIL)
        if fixedcase is NIL:
            new = case_adjust(new, matched)
        if subexp is not NIL:
            k = check_int(subexp)
            s, e = data[2 * k], data[2 * k + 1]
            new = string[m.start():s] + new + string[e:m.end()]  # type: ignore[index]
        out.append(string[last_end:m.start()])
        out.append(new)
        last_end = m.end()
        pos = m.end() if m.end() > m.start() else m.end() + 1
        if m.end() == m.start() and m.start() < len(string):
            out.append(string[m.start()])
            last_end = m.start() + 1
    out.append(string[last_end:])
    return _limit(ip, "".join(out))


@define("split-string")
def split_string(ip: Any, string: Any, separators: Any = NIL, omit_nulls: Any = NIL,
                 trim: Any = NIL) -> Any:
    """Emacs's algorithm, empty separator matches included: an empty match right
    where the previous one began is retried one character further on."""
    from elconf.regexp import compile_regexp

    check_string(string)
    default = separators is NIL
    rx = compile_regexp("[ \f\t\n\r\v]+" if default else check_string(separators), False)
    omit = default or omit_nulls is not NIL
    n = len(string)
    pieces: list[str] = []
    start, previous_begin, notfirst = 0, -1, False
    while True:
        origin = start + 1 if notfirst and start == previous_begin and start < n else start
        m = rx.search(string, origin, time_left=ip.time_left()) if origin <= n else None
        if m is None or start >= n:
            break
        notfirst = True
        previous_begin = m.start()
        pieces.append(string[start:m.start()])
        start = m.end()
    pieces.append(string[start:])
    if trim is not NIL:
        pieces = [string_trim(ip, p, trim, trim) for p in pieces]
    if omit:
        pieces = [p for p in pieces if p]
    return lisp_list(pieces)


@define("prin1-to-string")
def prin1_to_string(ip: Any, value: Any, noescape: Any = NIL, *_overrides: Any) -> Any:
    return princ(value) if noescape is not NIL else prin1(value)


@define("read")
def read(ip: Any, source: Any = NIL) -> Any:
    from elconf.buffers import TempBuffer

    if type(source) is TempBuffer and source.unknown is not None:
        return source.unknown
    if type(source) is TempBuffer and not source.killed:
        # From point, which moves past the object read (as in Emacs).
        value, end = _read(source.text, source.point - 1)
        source.point = end + 1
        return value
    if not isinstance(source, str):
        raise lisp_error("error", "read from a buffer or stream is not modelled")
    return _read(source, 0)[0]


def _read(text: str, start: int) -> tuple[Any, int]:
    """The reader, with its errors as the Lisp signals Emacs raises (end-of-file ...).

    Positions the reader put on the conses are places in the *string*, not in
    the file: they are dropped, so diagnostics name the form that called read."""
    from elconf.loading import read_error_signal
    from elconf.reader import ReadError, read_from_string

    try:
        value, end = read_from_string(text, start)
    except ReadError as exc:
        raise read_error_signal(exc, None) from None
    _forget_positions(value)
    return value, end


def _forget_positions(value: Any) -> None:
    stack = [value]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if type(item) is Cons and id(item) not in seen:
            seen.add(id(item))
            item.pos = None
            stack.append(item.car)
            stack.append(item.cdr)
        elif type(item) is Vector:
            stack.extend(item)


@define("read-from-string")
def read_from_string_(ip: Any, string: Any, start: Any = NIL, end: Any = NIL) -> Any:
    text = check_string(string) if end is NIL else check_string(string)[:end]
    value, stop = _read(text, 0 if start is NIL else start)
    return Cons(value, stop)


@define("string-pad")
def string_pad(ip: Any, string: Any, length: Any, padding: Any = NIL, start: Any = NIL) -> Any:
    pad = " " if padding is NIL else check_char(padding)
    if check_int(length) > ip.limits.max_string_length:
        raise LimitExceeded("string length", ip.limits.max_string_length)
    missing = max(0, length - len(check_string(string)))
    return pad * missing + string if start is not NIL else string + pad * missing
