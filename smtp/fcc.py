"""``Fcc:`` copies, appended to mbox files exactly as ``mail-do-fcc`` writes them.

Each copy is::

    \\n                                   (only if the file already exists)
    From LOGIN Sat Nov 28 21:40:02 +0000 2026
    Date: Sat, 28 Nov 2026 21:40:02 +0000
    <the message as it is at that point of smtpmail-send-it>
    \\n

with every line of the copy that starts with ``From `` written as
``>From ``.  The message at that point has its Date, Message-Id, From and
MIME lines, still has its Bcc lines and is not yet RFC 2047 encoded.

The body may be huge, so it is streamed; unlike Emacs, a failed append is
truncated back to the file's old length, so an mbox is never left with half
a message.  Babyl files (which Emacs would convert to) are treated as mbox.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path

from elconf import sysexits
from smtp.identity import current_time_string, make_date


class FccError(OSError):
    """An Fcc file could not be written (exit 73, EX_CANTCREAT)."""

    exit_code = sysexits.CANTCREAT


def _quote_from_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """``>From `` quoting across chunk boundaries (every chunk follows a line start or not)."""
    at_line_start = True
    carry = b""
    for chunk in chunks:
        data = carry + chunk
        carry = b""
        # Keep an incomplete last line back so "From " cannot be split.
        cut = data.rfind(b"\n") + 1
        if cut < len(data) and len(data) - cut < 5:
            data, carry = data[:cut], data[cut:]
        if not data:
            continue
        quoted = data.replace(b"\nFrom ", b"\n>From ")
        if at_line_start and quoted.startswith(b"From "):
            quoted = b">" + quoted
        at_line_start = quoted.endswith(b"\n")
        yield quoted
    if carry:
        if at_line_start and carry.startswith(b"From "):
            carry = b">" + carry
        yield carry


def fcc_path(name: str, *, home: Path, cwd: Path) -> Path:
    """Where Emacs writes an Fcc named ``name`` (``~`` is HOME; relative to the cwd)."""
    if name == "~" or name.startswith("~/"):
        return Path(str(home) + name[1:])
    return cwd / name


def append_fcc(names: list[str], message: Callable[[], Iterable[bytes]], *, login: str,
               now: datetime | None = None, home: Path, cwd: Path | None = None) -> list[Path]:
    """Append one mbox copy of ``message()`` to each Fcc file, in Emacs's order.

    ``message`` is called once per file and yields the message bytes (LF line
    ends).  Returns the paths written.  Raises :class:`FccError`.
    """
    cwd = cwd or Path.cwd()
    preamble = f"From {login} {current_time_string(now)}\nDate: {make_date(now)}\n"
    written = []
    for name in names:
        path = fcc_path(name, home=home, cwd=cwd)
        try:
            exists = path.exists()
            with open(path, "ab") as out:
                old_size = out.tell()
                try:
                    if exists:
                        out.write(b"\n")
                    out.write(preamble.encode("utf-8", "surrogateescape"))
                    for piece in _quote_from_lines(message()):
                        out.write(piece)
                    out.write(b"\n")
                    out.flush()
                    os.fsync(out.fileno())
                except BaseException:
                    out.truncate(old_size)
                    raise
        except OSError as err:
            raise FccError(err.errno, f"cannot write the Fcc copy to {path}: {err.strerror}") from err
        written.append(path)
    return written
