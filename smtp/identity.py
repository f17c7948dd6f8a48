"""The generated header values: ``Date:``, ``Message-Id:`` and ``From:``.

Formats follow what Emacs 28.2's ``smtpmail-send-it`` inserts:
``message-make-date`` (C-locale ``%a, %d %b %Y %T %z`` in the local zone),
``message-make-message-id`` (``<`` base-36 uid, eight base-36 characters
from the time and a random counter, ``.fsf@FQDN>``), and the From line
built per ``mail-from-style``.  The random part of a Message-Id is ours,
with Emacs's shape and alphabet.  message.el's own From
(``message-make-from``, per ``message-from-style``) and the domain it gives
Message-IDs (``message-make-fqdn``) are here too, for
:mod:`smtp.message_el` and the sendmail paths' envelope sender.
"""

from __future__ import annotations

import os
import time

from smtp.address import extract_address, has_dot_after_at

# A message without Date or Message-Id makes them here on every such send:
# the current time comes from time.localtime, the random part from os.urandom,
# and re is imported only to make a From line; datetime, random and re are
# not imported for the common case (tests/smtp/test_startup_diet.py).
TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    import random
    from datetime import datetime

    from smtp.config import SendConfig

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# message-number-base36 writes digit d as this string's d-th character.
_BASE36 = "zyxwvutsrqponmlkjihgfedcba9876543210"
_BOGUS_SYSTEM_NAME = r'\Alocalhost\.|\.local\Z'


def _bogus_system_name(name: str) -> bool:
    """``re.search(_BOGUS_SYSTEM_NAME, name, re.IGNORECASE)``; an ASCII name without re."""
    if name.isascii():
        lowered = name.lower()
        return lowered.startswith("localhost.") or lowered.endswith(".local")
    import re   # re's case folding matches more than str.lower beyond ASCII

    return re.search(_BOGUS_SYSTEM_NAME, name, re.IGNORECASE) is not None


def local_time(now: datetime | None = None) -> datetime:
    """``now`` (or the current time) as an aware datetime in the local zone ($TZ)."""
    if now is None:
        from datetime import datetime

        return datetime.now().astimezone()
    return now.astimezone() if now.tzinfo is None else now


def _offset(seconds: int) -> str:
    """A UTC offset in seconds as ``+HHMM``/``-HHMM``."""
    minutes = seconds // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def _zone(moment: datetime) -> str:
    offset = moment.utcoffset()
    return _offset(int(offset.total_seconds()) if offset is not None else 0)


def make_date(now: datetime | None = None) -> str:
    """``message-make-date``: ``Sat, 28 Nov 2026 21:40:02 +0000`` (English names always).

    The current time is read with ``time.localtime``, whose fields and zone offset
    are what ``datetime.now().astimezone()`` takes from it (without importing datetime).
    """
    if now is None:
        t = time.localtime()
        return (f"{_DAYS[t.tm_wday]}, {t.tm_mday:02d} {_MONTHS[t.tm_mon - 1]} {t.tm_year} "
                f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} {_offset(t.tm_gmtoff)}")
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


def usable_address(address: str | None) -> str | None:
    """The address in ``address`` when message.el would use it (``@`` and a dot after it;
    with a name, the bare address), else None."""
    if not address or not has_dot_after_at(address):
        return None
    return extract_address(address) if " " in address else address


def message_fqdn(system_name: str, mail_host_address: str | None, user_mail_address: str | None,
                 message_user_fqdn: str | None = None) -> str:
    """``message-make-fqdn``: the domain part of generated Message-Ids."""
    user_domain = None
    address = usable_address(user_mail_address)
    if address and "@" in address:
        user_domain = address.split("@", 1)[1]
    for candidate, needs_dot in ((message_user_fqdn, False), (system_name, True),
                                 (mail_host_address, False), (user_domain, False)):
        if candidate and (not needs_dot or "." in candidate) \
                and not _bogus_system_name(candidate):
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
    # 20 random bits: os.urandom spares importing random (rng: repeatable tests).
    draw = rng.randrange(1 << 20) if rng is not None else int.from_bytes(os.urandom(3), "big") >> 4
    counter = (draw + 1) % 625
    uid = os.getuid() if uid is None else uid
    unique = (_base36(uid, -1)
              + _base36((seconds >> 16) + ((counter % 25) << 16), 4)
              + _base36((seconds & 0xFFFF) + ((counter // 25) << 16), 4)
              + ".fsf")
    marker = "_-_" if supersedes and "_-_@" in supersedes else ""
    return f"<{unique}{marker}@{fqdn}>"


_ATOM_OK = r"[^- !#-'*+/-9=?A-Z^-~]"
_MATCHED_PARENS_START = r'\\\((((?:[^\\]|\\\\)*))\\\)'
_MATCHED_PARENS = r'([^\\](?:\\\\)*)\\\((((?:[^\\]|\\\\)*))\\\)'


def _escape_comment(fullname: str) -> str:
    """Escape ``( ) \\`` in a comment, then undo it for matching parentheses (as sendmail.el)."""
    import re

    text = re.sub(r'([()\\])', r'\\\1', fullname)
    start, anywhere = re.compile(_MATCHED_PARENS_START), re.compile(_MATCHED_PARENS)
    while True:
        m = start.match(text, 0)
        if m is not None:
            text = f"({m.group(2)})" + text[m.end():]
            continue
        m = anywhere.search(text, 0)
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
    import re

    if style == "angles":
        name = fullname
        if re.search(_ATOM_OK, name):
            name = '"' + re.sub(r'(["\\])', r'\\\1', name) + '"'
        return f"From: {name} <{login}>\n"
    if style == "parens":
        return f"From: {login} ({_escape_comment(fullname)})\n"
    if style is None:
        return f"From: {login}\n"
    return None


# ---------------------------------------------------------------------------
# message.el's own: the From it writes and the domain of its Message-Ids, from
# the settings (smtp.message_el calls these only for a field it must generate).

def user_mail_address(cfg: SendConfig) -> str | None:
    """``message-user-mail-address``: user-mail-address if it has ``@`` and a dot after it."""
    return usable_address(cfg.user_mail_address)


def make_fqdn(cfg: SendConfig) -> str:
    """``message-make-fqdn``: the domain of generated Message-IDs."""
    return message_fqdn(cfg.system_name, cfg.mail_host_address, cfg.user_mail_address,
                        cfg.message_user_fqdn)


def make_address(cfg: SendConfig) -> str:
    """``message-make-address``: the user's address, or LOGIN@DOMAIN."""
    return user_mail_address(cfg) or f"{cfg.user_login_name}@{cfg.mail_host_address or make_fqdn(cfg)}"


def message_from(cfg: SendConfig, style: str | None) -> str:
    """``message-make-from``: the From value message.el generates, per ``message-from-style``
    (``style``: its symbol's name, None for nil)."""
    from elconf.types import NIL
    from smtp.from_field import format_from

    full_name = cfg.user_full_name
    if full_name is NIL or full_name == "":
        full_name = ""
    if full_name == "&":
        full_name = cfg.user_login_name
    address = make_address(cfg)
    if style is None or full_name == "":
        return address
    return format_from(address, full_name, "default" if style not in ("angles", "parens") else style) \
        or address
