"""The generated header values: ``Date:``, ``Message-Id:`` and ``From:``.

Formats follow what Emacs 28.2's ``smtpmail-send-it`` inserts:
``message-make-date`` (C-locale ``%a, %d %b %Y %T %z`` in the local zone),
``message-make-message-id`` (``<`` base-36 uid, eight base-36 characters
from the time and a random counter, ``.fsf@FQDN>``), and the From line
built per ``mail-from-style``.  The random part of a Message-Id is ours,
with Emacs's shape and alphabet.
"""

from __future__ import annotations

import os
import random
import re
import time
from datetime import datetime

from smtp.address import extract_address

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# message-number-base36 writes digit d as this string's d-th character.
_BASE36 = "zyxwvutsrqponmlkjihgfedcba9876543210"
_BOGUS_SYSTEM_NAME = re.compile(r'\Alocalhost\.|\.local\Z', re.IGNORECASE)


def local_time(now: datetime | None = None) -> datetime:
    """``now`` (or the current time) as an aware datetime in the local zone ($TZ)."""
    if now is None:
        return datetime.now().astimezone()
    return now.astimezone() if now.tzinfo is None else now


def _zone(moment: datetime) -> str:
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def make_date(now: datetime | None = None) -> str:
    """``message-make-date``: ``Sat, 28 Nov 2026 21:40:02 +0000`` (English names always)."""
    moment = local_time(now)
    return (f"{_DAYS[moment.weekday()]}, {moment.day:02d} {_MONTHS[moment.month - 1]} "
            f"{moment.year} {moment:%H:%M:%S} {_zone(moment)}")


def current_time_string(now: datetime | None = None) -> str:
    """``current-time-string`` with the zone before the year, as ``mail-do-fcc`` writes it.

    ``Sat Nov 28 21:40:02 +0000 2026`` (the day of month padded with a blank).
    """
    moment = local_time(now)
    return (f"{_DAYS[moment.weekday()]} {_MONTHS[moment.month - 1]} {moment.day:2d} "
            f"{moment:%H:%M:%S} {_zone(moment)} {moment.year}")


def _base36(number: int, length: int) -> str:
    """``message-number-base36``: exactly ``length`` digits, or as many as needed if negative."""
    digits = []
    while (number > 0) if length < 0 else (length > 0):
        digits.append(_BASE36[number % 36])
        number //= 36
        length -= 1
    return "".join(reversed(digits))


def message_fqdn(system_name: str, mail_host_address: str | None, user_mail_address: str | None,
                 message_user_fqdn: str | None = None) -> str:
    """``message-make-fqdn``: the domain part of generated Message-Ids."""
    user_domain = None
    if user_mail_address and re.search(r'@.*\.', user_mail_address):
        address = (extract_address(user_mail_address) if " " in user_mail_address
                   else user_mail_address)
        if address and "@" in address:
            user_domain = address.split("@", 1)[1]
    for candidate, needs_dot in ((message_user_fqdn, False), (system_name, True),
                                 (mail_host_address, False), (user_domain, False)):
        if candidate and (not needs_dot or "." in candidate) \
                and not _BOGUS_SYSTEM_NAME.search(candidate):
            return candidate
    return f"{system_name}.mail-host-address-is-not-set"


def make_message_id(fqdn: str, *, now: float | None = None, uid: int | None = None,
                    supersedes: str | None = None, rng: random.Random | None = None) -> str:
    """``message-make-message-id`` as smtpmail calls it: ``<bdr8o2xg.fsf@example.org>``.

    Emacs mixes a counter (random start, modulo 625) into the high bits of
    the two 16-bit halves of the time; we do the same with our own random
    start.  ``_-_`` appears when a Supersedes field names such an id.
    """
    seconds = int(time.time() if now is None else now)
    counter = ((rng or random).randrange(1 << 20) + 1) % 625
    uid = os.getuid() if uid is None else uid
    unique = (_base36(uid, -1)
              + _base36((seconds >> 16) + ((counter % 25) << 16), 4)
              + _base36((seconds & 0xFFFF) + ((counter // 25) << 16), 4)
              + ".fsf")
    marker = "_-_" if supersedes and "_-_@" in supersedes else ""
    return f"<{unique}{marker}@{fqdn}>"


_ATOM_OK = re.compile(r"[^- !#-'*+/-9=?A-Z^-~]")
_MATCHED_PARENS_START = re.compile(r'\\\((((?:[^\\]|\\\\)*))\\\)')
_MATCHED_PARENS = re.compile(r'([^\\](?:\\\\)*)\\\((((?:[^\\]|\\\\)*))\\\)')


def _escape_comment(fullname: str) -> str:
    """Escape ``( ) \\`` in a comment, then undo it for matching parentheses (as sendmail.el)."""
    text = re.sub(r'([()\\])', r'\\\1', fullname)
    while True:
        m = _MATCHED_PARENS_START.match(text, 0)
        if m is not None:
            text = f"({m.group(2)})" + text[m.end():]
            continue
        m = _MATCHED_PARENS.search(text, 0)
        if m is None:
            return text
        text = text[:m.start()] + f"{m.group(1)}({m.group(3)})" + text[m.end():]


def from_field(style: str | None, fullname: str, login: str) -> str | None:
    """The ``From:`` line smtpmail inserts (with its LF), or None for other styles.

    ``angles``: ``From: NAME <LOGIN>`` with NAME quoted if it holds a character
    outside RFC 822 atoms plus blanks (``.`` counts); ``parens``: ``From: LOGIN
    (NAME)``; nil: ``From: LOGIN``.  Any other value inserts nothing, as in
    Emacs 28.2 (whose ``cond`` has no branch for ``default``).
    """
    if style == "angles":
        name = fullname
        if _ATOM_OK.search(name):
            name = '"' + re.sub(r'(["\\])', r'\\\1', name) + '"'
        return f"From: {name} <{login}>\n"
    if style == "parens":
        return f"From: {login} ({_escape_comment(fullname)})\n"
    if style is None:
        return f"From: {login}\n"
    return None
