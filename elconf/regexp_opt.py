"""``regexp-opt`` as Emacs 28.2's regexp-opt.el builds it, character for character.

Init files keep its result in mail settings (``message-alternative-emails``,
``gnus-ignored-from-addresses``, ``mu4e-user-mail-address-regexp``), so the
printed value must be Emacs's: the sorted, de-duplicated strings are split on
common prefixes, common suffixes and first characters, and the one-character
alternatives become a character set.
"""

from __future__ import annotations

from elconf.regexp import regexp_quote

#: regexp-unmatchable: matches nothing.
UNMATCHABLE = "\\`a\\`"


def regexp_opt(strings: list[str], paren: str | bool | None, words: str | None = None) -> str:
    """``(regexp-opt STRINGS PAREN)``: PAREN a string, True (non-nil) or None (nil);
    ``words`` is "words" or "symbols" for those PAREN symbols (then PAREN is True)."""
    open_ = paren if isinstance(paren, str) else ("\\(" if paren else None)
    if strings:
        unique = list(dict.fromkeys(sorted(strings)))
        re = _group(unique, open_ if open_ is not None else True, open_ is None)
    else:
        re = (open_ or "\\(?:") + UNMATCHABLE + "\\)"
    if words == "words":
        return "\\<" + re + "\\>"
    if words == "symbols":
        return "\\_<" + re + "\\_>"
    return re


def _common_prefix(strings: list[str]) -> str:
    first, last = min(strings), max(strings)
    n = 0
    while n < len(first) and n < len(last) and first[n] == last[n]:
        n += 1
    return first[:n]


def _group(strings: list[str], paren: str | bool = False, lax: bool = False) -> str:
    """regexp-opt-group: STRINGS sorted; PAREN a group opener, True or False."""
    open_group = paren if isinstance(paren, str) else ("\\(?:" if paren else "")
    close_group = "\\)" if paren else ""
    open_charset = "" if lax else open_group
    close_charset = "" if lax else close_group
    if not strings:
        return ""
    if len(strings) == 1:
        if len(strings[0]) == 1:
            return open_charset + regexp_quote(strings[0]) + close_charset
        return open_group + regexp_quote(strings[0]) + close_group
    if strings[0] == "":
        return open_charset + _group(strings[1:], True, True) + "?" + close_charset
    if len(strings[0]) == 1 and any(len(s) == 1 for s in strings[1:]):
        letters = [s for s in strings if len(s) == 1]
        rest = [s for s in strings if len(s) != 1]
        if rest:
            return open_group + _group(rest) + "\\|" + _charset(letters) + close_group
        return open_charset + _charset(letters) + close_charset
    prefix = _common_prefix(strings)
    if prefix:
        n = len(prefix)
        return open_group + regexp_quote(prefix) + _group([s[n:] for s in strings], True, True) \
            + close_group
    suffix = _common_prefix([s[::-1] for s in strings])
    if suffix:
        n = len(suffix)
        prefixes = sorted(s[:-n] for s in strings)
        return open_group + _group(prefixes, True, True) + regexp_quote(suffix[::-1]) + close_group
    char = strings[0][0]
    half1 = [s for s in strings if s.startswith(char)]
    half2 = strings[len(half1):]
    return open_group + _group(half1) + "\\|" + _group(half2) + close_group


def _charset(letters: list[str]) -> str:
    """regexp-opt-charset: ``]`` first, runs of four or more as ranges, ``^`` and ``-`` last."""
    bracket = caret = dash = ""
    codes = set()
    for char in letters:
        if char == "]":
            bracket = "]"
        elif char == "^":
            caret = "^"
        elif char == "-":
            dash = "-"
        else:
            codes.add(ord(char))
    charset: list[str] = []
    run: list[int] = []
    for code in sorted(codes):
        if run and code != run[-1] + 1:
            charset.append(_run(run))
            run = []
        run.append(code)
    if run:
        charset.append(_run(run))
    whole = bracket + "".join(charset) + caret + dash
    if not whole:
        return UNMATCHABLE
    if len(whole) == 1:
        return regexp_quote(whole)
    return "[-^]" if whole == "^-" else "[" + whole + "]"


def _run(run: list[int]) -> str:
    if len(run) > 3:
        return f"{chr(run[0])}-{chr(run[-1])}"
    return "".join(chr(c) for c in run)
