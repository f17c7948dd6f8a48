"""Progress on the terminal while a big message goes out ("Sending email 35%").

smtpmail shows the same words while it sends; elsend shows them only on a
terminal and only for messages over :data:`PROGRESS_THRESHOLD`, so scripts and
cron jobs never see them.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from smtp.message import PreparedMessage

PROGRESS_THRESHOLD = 1 << 20  # show progress for messages over 1 MiB, on a terminal


class ProgressMessage:
    """A prepared message whose lines report progress on stderr as they are read."""

    def __init__(self, message: "PreparedMessage") -> None:
        self._message = message
        self.envelope_from = message.envelope_from
        self.recipients = message.recipients
        self.size_chars = message.size_chars

    def iter_lines(self) -> Iterator[bytes]:
        total = max(1, self.size_chars)
        done, shown = 0, -1
        for line in self._message.iter_lines():
            done += len(line) + 1
            percent = min(100, done * 100 // total)
            if percent != shown and percent % 5 == 0:
                sys.stderr.write(f"\rSending email {percent}%")
                sys.stderr.flush()
                shown = percent
            yield line
        sys.stderr.write("\rSending email done\n")

    def iter_chunks(self) -> Iterator[bytes]:
        """The same message in pieces (DATA converts those in C), the same 5 % steps."""
        total = max(1, self.size_chars)
        done, shown = 0, -5
        for piece in self._message.iter_chunks():
            done += len(piece)
            step = min(100, done * 100 // total) // 5 * 5
            if step > shown:
                sys.stderr.write(f"\rSending email {step}%")
                sys.stderr.flush()
                shown = step
            yield piece
        sys.stderr.write("\rSending email done\n")


def with_progress(message: "PreparedMessage") -> Any:
    if message.size_chars >= PROGRESS_THRESHOLD and sys.stderr.isatty():
        return ProgressMessage(message)
    return message
